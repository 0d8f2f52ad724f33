-- Verify chaindb:core/primary_key_columns on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (core.primary_key_columns('pg_catalog.pg_class'::regclass) = ARRAY['oid'])::int;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'core.primary_key_columns(regclass)', 'EXECUTE'))::int;

ROLLBACK;
