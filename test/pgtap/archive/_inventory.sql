-- pgTAP: archive — exactly these objects (an unexpected one fails). Partitions moved here by
-- maint.cleanup_old_data are registered in archive.partitions and matched through it.
BEGIN;
SELECT plan(8);

SELECT tables_are('archive', ARRAY['rows', 'partitions']
                  || ARRAY(SELECT c.relname FROM archive.partitions AS p JOIN pg_catalog.pg_class AS c ON c.oid = p.partition),
                  'archive: tables (rows, partitions and the archived partitions)');
SELECT views_are('archive', ARRAY[]::name[], 'archive: views');
SELECT functions_are('archive', ARRAY['analytics_columns', 'analytics_sources'], 'archive: functions');
SELECT enums_are('archive', ARRAY[]::name[], 'archive: enums');
SELECT domains_are('archive', ARRAY[]::name[], 'archive: domains');
SELECT sequences_are('archive', ARRAY['rows_id_seq'], 'archive: sequences');
SELECT indexes_are('archive', 'rows', ARRAY['rows_pkey', 'rows_source_record_pk_key', 'rows_source_row_time_idx'], 'archive.rows: indexes');
SELECT indexes_are('archive', 'partitions', ARRAY['partitions_pkey', 'partitions_source_range_end_idx'], 'archive.partitions: indexes');

SELECT * FROM finish();
ROLLBACK;
