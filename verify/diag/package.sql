-- Verify chaindb:diag/package on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- each exists, is SECURITY DEFINER with a pinned search_path, and only chain_monitor may call it
SELECT 1 / (pg_catalog.count(*) = 3)::int FROM pg_catalog.pg_proc AS p
 WHERE p.oid IN ('diag.partition_health()'::regprocedure, 'diag.matview_freshness()'::regprocedure,
                 'diag.migration_status()'::regprocedure)
   AND p.prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
   AND pg_catalog.has_function_privilege('chain_monitor', p.oid, 'EXECUTE')
   AND NOT pg_catalog.has_function_privilege('chain_readonly', p.oid, 'EXECUTE');

ROLLBACK;
