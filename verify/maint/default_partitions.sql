-- Verify chaindb:maint/default_partitions on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.ensure_partitions(regclass, int)'::regprocedure AND prosecdef
   AND pg_catalog.array_to_string(proargnames, ',') LIKE '%rows_moved%';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.ensure_default_partition(regclass)'::regprocedure AND prosecdef;
SELECT 1 / (pg_catalog.count(*) = 0)::int FROM pg_catalog.pg_partitioned_table AS pt
  JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid
 WHERE pt.partdefid = 0 AND c.relnamespace = ANY (ARRAY['audit'::regnamespace, 'ops'::regnamespace]);

ROLLBACK;
