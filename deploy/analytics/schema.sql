-- Deploy chaindb:analytics/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA analytics AUTHORIZATION chain_owner;
COMMENT ON SCHEMA analytics IS 'Derived reporting data: materialized views (each with a unique index, refreshed by maint.refresh_materialized_views and registered in maint.matview_schedule) and analytics tables. Read by chain_analytics, chain_app and chain_readonly; never by chain_user (no RLS on matviews).';

SET LOCAL ROLE chain_owner;

\ir ../../roles/analytics/schema.sql

COMMIT;
