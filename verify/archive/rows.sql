-- Verify chaindb:archive/rows on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, source, rule_id, record_pk, row_data, row_time, archived_at FROM archive.rows WHERE FALSE;
SELECT partition, source, rule_id, range_start, range_end, row_count, archived_at FROM archive.partitions WHERE FALSE;
SELECT 1 / pg_catalog.has_table_privilege('chain_auditor', 'archive.rows', 'SELECT')::int;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'archive.rows', 'SELECT'))::int;

ROLLBACK;
