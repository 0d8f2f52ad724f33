-- roles/auth/schema.sql — who may use schema auth, and what its tables inherit.
--
-- auth holds secrets (token hashes), so it is stricter than core:
--   * USAGE for chain_app (the backend issues and revokes sessions), chain_user (its own
--     sessions, through RLS) and chain_readonly (reporting, without secrets);
--   * default privileges FOR ROLE chain_owner give future auth tables DML to chain_app only.
--     chain_readonly gets NO default SELECT: each auth table grants it column by column,
--     leaving out the secret columns; chain_user gets grants next to its policies.
--   * functions grant EXECUTE one by one; PUBLIC, chain_analytics, chain_auditor and
--     chain_monitor get nothing.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
GRANT USAGE ON SCHEMA auth TO chain_app, chain_user, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA auth
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA auth
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
