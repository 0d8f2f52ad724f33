-- Verify chaindb:core/backend_access on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 'core.enable_backend_access(regclass)'::regprocedure, 'core.enable_schema_access(regnamespace)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'core.enable_backend_access(regclass)', 'EXECUTE'))::int;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'core.enable_schema_access(regnamespace)', 'EXECUTE'))::int;
SELECT 1 / (NOT pg_catalog.has_function_privilege('chain_app', 'core.enable_backend_access(regclass)', 'EXECUTE'))::int;

ROLLBACK;
