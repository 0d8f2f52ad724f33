-- Verify chaindb:diag/health on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (pg_catalog.count(*) = 2)::int FROM pg_catalog.pg_proc AS p
 WHERE p.oid IN ('diag.health()'::regprocedure, 'diag.ready()'::regprocedure)
   AND p.prosecdef AND 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
   AND pg_catalog.has_function_privilege('chain_monitor', p.oid, 'EXECUTE')
   AND NOT pg_catalog.has_function_privilege('chain_readonly', p.oid, 'EXECUTE');
-- every check it reports has its thresholds row
SELECT 1 / (pg_catalog.count(*) = 0)::int FROM diag.health() AS h
 WHERE NOT EXISTS (SELECT 1 FROM diag.health_thresholds AS t WHERE t.check_name = h.check_name);

ROLLBACK;
