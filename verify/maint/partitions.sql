-- Verify chaindb:maint/partitions on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.ensure_partitions(regclass, int)'::regprocedure AND prosecdef
   AND 'TimeZone=UTC' = ANY (proconfig) AND 'search_path=pg_catalog, pg_temp' = ANY (proconfig);
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.drop_partitions_older_than(regclass, interval)'::regprocedure AND prosecdef;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'maint.ensure_partitions(regclass, int)', 'EXECUTE'))::int;

ROLLBACK;
