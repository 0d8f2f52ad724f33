-- Verify chaindb:maint/refresh_materialized_views on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.refresh_materialized_views(boolean)'::regprocedure AND prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (proconfig);
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'maint.refresh_materialized_views(boolean)', 'EXECUTE'))::int;

ROLLBACK;
