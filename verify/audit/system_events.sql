-- Verify chaindb:audit/system_events on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, event_type, severity, source, data, created_at FROM audit.system_events WHERE FALSE;
SELECT 1 / pg_catalog.has_table_privilege('chain_app', 'audit.system_events', 'INSERT')::int;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'audit.system_events', 'SELECT'))::int;

ROLLBACK;
