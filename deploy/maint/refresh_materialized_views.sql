-- Deploy chaindb:maint/refresh_materialized_views to pg
-- requires: maint/matview_schedule

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/maint/refresh_materialized_views.sql

COMMIT;
