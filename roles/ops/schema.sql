-- roles/ops/schema.sql — who may use schema ops, and what later ops tables inherit.
--
-- Contract: the ops tables are backend tables (seed 003: a service account; user_id is a Firebase
-- uid, not a core.users id, so no end-user RLS is possible). USAGE for chain_app (the backend),
-- chain_readonly (reporting), chain_analytics (dashboards) and chain_monitor (health checks read
-- metrics). Default privileges FOR ROLE chain_owner give every future ops table DML to chain_app
-- and SELECT to chain_readonly and chain_analytics; a table that must not be written by the
-- backend (ops.retention_policies) revokes it with the table. chain_user and PUBLIC get nothing.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

REVOKE ALL ON SCHEMA ops FROM PUBLIC;
GRANT USAGE ON SCHEMA ops TO chain_app, chain_readonly, chain_analytics, chain_monitor;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA ops
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA ops
    GRANT SELECT ON TABLES TO chain_readonly, chain_analytics;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA ops
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
