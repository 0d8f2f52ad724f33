-- Revert chaindb:audit/system_events from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP TABLE audit.system_events;
DROP TYPE audit.severity;

COMMIT;
