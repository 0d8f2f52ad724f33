-- roles/core/schema.sql — who may use schema core, and what later core tables inherit.
--
-- Contract: USAGE for the roles that read or call core; default privileges FOR ROLE chain_owner
-- give every future core table DML to chain_app and SELECT to chain_readonly. chain_user gets
-- no default table privilege: each RLS table grants it explicitly next to its policies, so a
-- table created without policies is never exposed to end users. Functions grant EXECUTE one by one.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
GRANT USAGE ON SCHEMA core TO chain_app, chain_user, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA core
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA core
    GRANT SELECT ON TABLES TO chain_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA core
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
