-- Revert chaindb:maint/analyze_all_tables from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION maint.analyze_all_tables();

COMMIT;
