-- Verify chaindb:audit/capture on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid IN ('audit.capture()'::regprocedure, 'audit.capture_statement()'::regprocedure)
   AND prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (proconfig)
HAVING pg_catalog.count(*) = 2;
SELECT 'audit.enable_tracking(regclass, boolean)'::regprocedure, 'audit.record_pk(jsonb, text[])'::regprocedure, 'audit.disable_tracking(regclass)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'audit.enable_tracking(regclass, boolean)', 'EXECUTE'))::int;

ROLLBACK;
