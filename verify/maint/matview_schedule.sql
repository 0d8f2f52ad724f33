-- Verify chaindb:maint/matview_schedule on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT matview, cadence, enabled, last_refreshed_at, last_duration, last_status, last_mode, last_error,
       note, registered_at
  FROM maint.matview_schedule WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'maint.matview_schedule'::regclass AND tgname = 'matview_schedule_validate';
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_monitor', 'maint.matview_schedule', 'SELECT'))::int;

ROLLBACK;
