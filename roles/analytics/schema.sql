-- roles/analytics/schema.sql — who may read schema analytics.
--
-- Contract: everything here is derived (materialized views, tables filled by maintenance
-- functions), so nobody but chain_owner writes. chain_analytics (dashboards), chain_app (the
-- REST endpoints, e.g. GET /api/analytics/market) and chain_readonly (reporting) get USAGE and,
-- through default privileges, SELECT on every table and materialized view chain_owner creates
-- here. chain_user gets nothing: a materialized view cannot carry row-level security, so end
-- users read analytics only through the backend. PUBLIC gets nothing.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

REVOKE ALL ON SCHEMA analytics FROM PUBLIC;
GRANT USAGE ON SCHEMA analytics TO chain_analytics, chain_app, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA analytics
    GRANT SELECT ON TABLES TO chain_analytics, chain_app, chain_readonly;
