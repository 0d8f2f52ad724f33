-- Revert chaindb:analytics/manufacturing_summary from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.manufacturing_summary'::regclass;
DROP MATERIALIZED VIEW analytics.manufacturing_summary;

COMMIT;
