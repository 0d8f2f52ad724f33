-- Verify chaindb:diag/activity on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- each exists, is SECURITY DEFINER with a pinned search_path, and only chain_monitor may call it
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_proc AS p
 WHERE p.oid IN ('diag.visible_query(oid, text)'::regprocedure, 'diag.connections()'::regprocedure,
                 'diag.locks(boolean)'::regprocedure, 'diag.blocking()'::regprocedure,
                 'diag.long_running_queries(interval)'::regprocedure,
                 'diag.slow_statements(numeric, integer)'::regprocedure, 'diag.calls(integer)'::regprocedure)
   AND p.prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
   AND pg_catalog.has_function_privilege('chain_monitor', p.oid, 'EXECUTE')
   AND NOT pg_catalog.has_function_privilege('chain_readonly', p.oid, 'EXECUTE');

ROLLBACK;
