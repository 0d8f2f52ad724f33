-- pgTAP: archive/rows — archive.rows (rows archived as JSON) and archive.partitions (moved partitions).
BEGIN;
SELECT plan(41);

SELECT has_table('archive', 'rows', 'archive.rows: exists');
SELECT table_owner_is('archive', 'rows', 'chain_owner', 'archive.rows: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('archive.rows'::regclass, 'pg_class') IS NOT NULL, 'archive.rows: has a comment');
SELECT columns_are('archive', 'rows', ARRAY['id', 'source', 'rule_id', 'record_pk', 'row_data', 'row_time', 'archived_at'],
                   'archive.rows: exactly these columns');
SELECT ok(pg_catalog.col_description('archive.rows'::regclass, a.attnum) IS NOT NULL,
          'archive.rows.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'archive.rows'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('archive', 'rows', 'id', 'archive.rows.rows_pkey: id');
SELECT col_is_unique('archive', 'rows', ARRAY['source', 'record_pk'], 'archive.rows.rows_source_record_pk_key: (source, record_pk)');
SELECT has_index('archive', 'rows', 'rows_source_row_time_idx', ARRAY['source', 'row_time'], 'archive.rows.rows_source_row_time_idx: (source, row_time)');
SELECT table_privs_are('archive', 'rows', r, ARRAY['SELECT'], 'archive.rows: ' || r || ' may only read')
  FROM pg_catalog.unnest(ARRAY['chain_auditor', 'chain_analytics']) AS r;
SELECT table_privs_are('archive', 'rows', r, ARRAY[]::text[], 'archive.rows: ' || r || ' has nothing')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly', 'public']) AS r;

SELECT has_table('archive', 'partitions', 'archive.partitions: exists');
SELECT ok(pg_catalog.obj_description('archive.partitions'::regclass, 'pg_class') IS NOT NULL, 'archive.partitions: has a comment');
SELECT columns_are('archive', 'partitions', ARRAY['partition', 'source', 'rule_id', 'range_start', 'range_end', 'row_count', 'archived_at'],
                   'archive.partitions: exactly these columns');
SELECT ok(pg_catalog.col_description('archive.partitions'::regclass, a.attnum) IS NOT NULL,
          'archive.partitions.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'archive.partitions'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('archive', 'partitions', 'partition', 'archive.partitions.partitions_pkey: partition');
SELECT has_index('archive', 'partitions', 'partitions_source_range_end_idx', ARRAY['source', 'range_end'],
                 'archive.partitions.partitions_source_range_end_idx: (source, range_end)');
SELECT table_privs_are('archive', 'partitions', 'chain_auditor', ARRAY['SELECT'], 'archive.partitions: chain_auditor may only read');

-- constraints
INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 1}', '{"id": 1}', now());
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 1}', '{"id": 1}', now())$$,
                 '23505', NULL, 'archive.rows.rows_source_record_pk_key: a source row is archived once');
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '[1]', '{"id": 2}', now())$$,
                 '23514', NULL, 'archive.rows.rows_record_pk_check: rejects a key that is not an object');
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 3}', '3', now())$$,
                 '23514', NULL, 'archive.rows.rows_row_data_check: rejects a row that is not an object');
SELECT throws_ok($$INSERT INTO archive.partitions (partition, source, range_start, range_end, row_count)
                   VALUES ('archive.rows', 'ops.x', '2024-02-01', '2024-01-01', 0)$$,
                 '23514', NULL, 'archive.partitions.partitions_range_check: rejects an empty range');
SELECT throws_ok($$INSERT INTO archive.partitions (partition, source, range_start, range_end, row_count)
                   VALUES ('archive.rows', 'ops.x', '2024-01-01', '2024-02-01', -1)$$,
                 '23514', NULL, 'archive.partitions.partitions_row_count_check: rejects a negative count');
SELECT tests.act_as_role('chain_auditor');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.x'), 1, 'archive.rows: chain_auditor reads the archive');
SELECT throws_ok($$DELETE FROM archive.rows$$, '42501', NULL, 'archive.rows: chain_auditor cannot delete archived rows');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$SELECT * FROM archive.rows$$, '42501', NULL, 'archive.rows: chain_app cannot read the archive');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
