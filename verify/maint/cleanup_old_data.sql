-- Verify chaindb:maint/cleanup_old_data on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.cleanup_old_data(boolean, jsonb)'::regprocedure AND prokind = 'p';
SELECT 'maint.retire_partition(bigint, regclass, timestamptz, timestamptz)'::regprocedure,
       'maint.retention_batch(bigint, regclass, timestamptz, boolean)'::regprocedure,
       'maint.expire_archive(bigint, timestamptz, boolean)'::regprocedure,
       'maint.retention_partitions(bigint, timestamptz)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'maint.cleanup_old_data(boolean, jsonb)', 'EXECUTE'))::int;

ROLLBACK;
