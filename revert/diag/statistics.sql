-- Revert chaindb:diag/statistics from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION diag.records_rank();
DROP FUNCTION diag.seq_scans();
DROP FUNCTION diag.vacuum_stats();
DROP FUNCTION diag.bloat();
DROP FUNCTION diag.duplicate_indexes();
DROP FUNCTION diag.unused_indexes(bigint, bigint);
DROP FUNCTION diag.index_usage();
DROP FUNCTION diag.cache_hit();
DROP FUNCTION diag.database_info();
DROP FUNCTION diag.table_sizes();
DROP FUNCTION diag.system_stats();

COMMIT;
