-- pgTAP: diag/statistics — system_stats, table_sizes, database_info and the catalog half of pg-extras.
-- Unused and duplicate indexes are provoked on a scratch table and seen to clear.
BEGIN;
SELECT plan(42);

SELECT function_returns('diag', f, 'setof record', 'diag.' || f || '(): returns a table')
  FROM pg_catalog.unnest(ARRAY['system_stats', 'table_sizes', 'database_info', 'cache_hit', 'index_usage', 'duplicate_indexes',
                               'bloat', 'vacuum_stats', 'seq_scans', 'records_rank']) AS f;
SELECT function_returns('diag', 'unused_indexes', ARRAY['bigint', 'bigint'], 'setof record', 'diag.unused_indexes(): returns a table');

-- a scratch table of chain_owner's (the functions run as chain_owner and read its statistics)
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_stats (id bigint PRIMARY KEY, k int NOT NULL, note text) WITH (autovacuum_vacuum_threshold = 7, autovacuum_vacuum_scale_factor = 0);
INSERT INTO diag.tmp_stats SELECT g, g % 97, pg_catalog.repeat('x', 40) FROM pg_catalog.generate_series(1, 5000) AS g;
CREATE INDEX tmp_stats_k_idx ON diag.tmp_stats (k);
ANALYZE diag.tmp_stats;
RESET ROLE;

-- system_stats
SELECT ok((SELECT value > 0 FROM diag.system_stats() WHERE metric = 'database_size'), 'diag.system_stats(): database_size in bytes');
SELECT ok((SELECT value >= 0 AND value <= 1 FROM diag.system_stats() WHERE metric = 'cache_hit_ratio'), 'diag.system_stats(): cache_hit_ratio is a ratio');
SELECT is((SELECT unit FROM diag.system_stats() WHERE metric = 'rows_users'), 'rows (estimate)', 'diag.system_stats(): application rows (core.users) as an estimate');
SELECT ok((SELECT value >= 1 FROM diag.system_stats() WHERE metric = 'connections_total'), 'diag.system_stats(): counts this database''s sessions');

-- table_sizes: a partitioned table is one row, the sum of its partitions
SELECT is((SELECT total_bytes FROM diag.table_sizes() WHERE schema_name = 'audit' AND table_name = 'logs'),
          (SELECT pg_catalog.sum(pg_catalog.pg_total_relation_size(t.relid))::bigint FROM pg_catalog.pg_partition_tree('audit.logs') AS t),
          'diag.table_sizes(): a partitioned table is summed over its partitions');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.table_sizes() AS s JOIN pg_catalog.pg_class AS c ON c.relname = s.table_name
            AND c.relnamespace = s.schema_name::regnamespace WHERE c.relispartition), 0, 'diag.table_sizes(): partitions are not listed on their own');
SELECT is((SELECT total_bytes FROM diag.table_sizes() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'),
          pg_catalog.pg_total_relation_size('diag.tmp_stats'), 'diag.table_sizes(): total bytes of a plain table');
SELECT is((SELECT table_bytes + index_bytes + toast_bytes FROM diag.table_sizes() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'),
          pg_catalog.pg_total_relation_size('diag.tmp_stats'), 'diag.table_sizes(): heap + indexes + TOAST = total');
SELECT is((SELECT estimated_rows FROM diag.table_sizes() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'), 5000::bigint,
          'diag.table_sizes(): estimated rows');
SELECT ok((SELECT pg_catalog.bool_and(total_bytes >= next) FROM (SELECT total_bytes, pg_catalog.lead(total_bytes, 1, 0::bigint) OVER () AS next
             FROM diag.table_sizes()) AS s), 'diag.table_sizes(): biggest first');

-- database_info: current against recommended
SELECT is((SELECT recommended FROM diag.database_info() WHERE name = 'shared_buffers'), '256MB', 'diag.database_info(): shared_buffers recommended 256MB');
SELECT is((SELECT value FROM diag.database_info() WHERE name = 'work_mem'), pg_catalog.current_setting('work_mem'), 'diag.database_info(): current work_mem');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.database_info() WHERE recommended IS NOT NULL AND name NOT LIKE 'extension %'
             AND name NOT IN ('encoding', 'shared_preload_libraries')), 9, 'diag.database_info(): the 9 tuning settings of the seed');
SELECT is((SELECT value FROM diag.database_info() WHERE name = 'server_version_num'), pg_catalog.current_setting('server_version_num'),
          'diag.database_info(): server_version_num');

-- cache_hit
SELECT is((SELECT pg_catalog.array_agg(name ORDER BY name) FROM diag.cache_hit()), ARRAY['index hit rate', 'table hit rate'],
          'diag.cache_hit(): index and table hit rates');

-- index_usage: the new index, never scanned, comes first among equals
SELECT is((SELECT idx_scan FROM diag.index_usage() WHERE index_name = 'tmp_stats_k_idx'), 0::bigint, 'diag.index_usage(): a new index has 0 scans');

-- unused_indexes: provoked, then cleared
SELECT is((SELECT index_scans FROM diag.unused_indexes() WHERE index_name = 'tmp_stats_k_idx'), 0::bigint,
          'diag.unused_indexes(): an index never scanned is reported');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes() WHERE index_name = 'tmp_stats_pkey'), 0,
          'diag.unused_indexes(): a primary key is never reported');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes(50, 1000000000) WHERE index_name = 'tmp_stats_k_idx'), 0,
          'diag.unused_indexes(): tables below p_min_table_bytes are left out');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes(0) WHERE index_name = 'tmp_stats_k_idx'), 0,
          'diag.unused_indexes(): p_max_scans 0 reports nothing');
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_parts (id int, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE diag.tmp_parts_2020 PARTITION OF diag.tmp_parts FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE INDEX tmp_parts_id_idx ON diag.tmp_parts (id);
RESET ROLE;
SELECT is((SELECT pg_catalog.array_agg(index_name) FROM diag.unused_indexes(50, 0) WHERE table_name LIKE 'tmp\_parts%'),
          ARRAY['tmp_parts_id_idx']::name[], 'diag.unused_indexes(): a partitioned index is one row (its partitions'' indexes summed, not listed)');
SELECT is((SELECT index_bytes FROM diag.unused_indexes(50, 0) WHERE index_name = 'tmp_parts_id_idx'),
          pg_catalog.pg_relation_size('diag.tmp_parts_2020_id_idx'), 'diag.unused_indexes(): a partitioned index''s size is its partitions''');
DROP INDEX diag.tmp_stats_k_idx;
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes() WHERE table_name = 'tmp_stats'), 0,
          'diag.unused_indexes(): cleared once the index is gone');

-- duplicate_indexes: provoked, then cleared
SET LOCAL ROLE chain_owner;
CREATE INDEX tmp_stats_k_a ON diag.tmp_stats (k);
CREATE INDEX tmp_stats_k_b ON diag.tmp_stats (k);
CREATE INDEX tmp_stats_k_partial ON diag.tmp_stats (k) WHERE k > 10;
CREATE UNIQUE INDEX tmp_stats_id_dup ON diag.tmp_stats (id);
RESET ROLE;
SELECT is((SELECT indexes FROM diag.duplicate_indexes() WHERE table_name = 'tmp_stats' AND 'tmp_stats_k_a' = ANY (indexes)),
          ARRAY['tmp_stats_k_a', 'tmp_stats_k_b']::name[], 'diag.duplicate_indexes(): two indexes on the same column are reported (partial one left out)');
SELECT is((SELECT indexes FROM diag.duplicate_indexes() WHERE table_name = 'tmp_stats' AND 'tmp_stats_pkey' = ANY (indexes)),
          ARRAY['tmp_stats_pkey', 'tmp_stats_id_dup']::name[], 'diag.duplicate_indexes(): a copy of the primary key, the key listed first');
DROP INDEX diag.tmp_stats_k_b, diag.tmp_stats_id_dup;
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.duplicate_indexes() WHERE table_name = 'tmp_stats'), 0,
          'diag.duplicate_indexes(): cleared once the copies are dropped');

-- bloat, vacuum_stats, seq_scans, records_rank
SELECT is((SELECT type FROM diag.bloat() WHERE schemaname = 'diag' AND object_name = 'tmp_stats'), 'table',
          'diag.bloat(): an analyzed table has an estimate');
SELECT is((SELECT autovacuum_threshold FROM diag.vacuum_stats() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'), 7::bigint,
          'diag.vacuum_stats(): the table''s own autovacuum reloptions are honoured');
SELECT is((SELECT autoanalyze_threshold FROM diag.vacuum_stats() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'),
          (pg_catalog.current_setting('autovacuum_analyze_threshold')::numeric
           + pg_catalog.current_setting('autovacuum_analyze_scale_factor')::numeric * 5000)::bigint,
          'diag.vacuum_stats(): autoanalyze threshold from the server settings');
SELECT ok((SELECT seq_scan IS NOT NULL FROM diag.seq_scans() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'),
          'diag.seq_scans(): lists the table');
SELECT ok((SELECT pg_catalog.count(*) > 0 FROM diag.records_rank() WHERE schema_name = 'diag' AND table_name = 'tmp_stats'),
          'diag.records_rank(): lists the table');

SELECT * FROM finish();
ROLLBACK;
