-- Verify chaindb:diag/statistics on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- each exists, is SECURITY DEFINER with a pinned search_path, and only chain_monitor may call it
SELECT 1 / (pg_catalog.count(*) = 11)::int FROM pg_catalog.pg_proc AS p
 WHERE p.oid IN ('diag.system_stats()'::regprocedure, 'diag.table_sizes()'::regprocedure,
                 'diag.database_info()'::regprocedure, 'diag.cache_hit()'::regprocedure,
                 'diag.index_usage()'::regprocedure, 'diag.unused_indexes(bigint, bigint)'::regprocedure,
                 'diag.duplicate_indexes()'::regprocedure, 'diag.bloat()'::regprocedure,
                 'diag.vacuum_stats()'::regprocedure, 'diag.seq_scans()'::regprocedure,
                 'diag.records_rank()'::regprocedure)
   AND p.prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
   AND pg_catalog.has_function_privilege('chain_monitor', p.oid, 'EXECUTE')
   AND NOT pg_catalog.has_function_privilege('chain_readonly', p.oid, 'EXECUTE');

ROLLBACK;
