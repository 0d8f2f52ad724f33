-- Revert chaindb:maint/matview_schedule from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP TABLE maint.matview_schedule;
DROP FUNCTION maint.validate_matview_schedule();

COMMIT;
