-- Revert chaindb:maint/refresh_materialized_views from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION maint.refresh_materialized_views(boolean);

COMMIT;
