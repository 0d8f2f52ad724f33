-- pgTAP: maint/default_partitions — maint.ensure_default_partition() and maint.ensure_partitions()
-- with its DEFAULT partition: every partitioned table has one; rows in it move into their month.
BEGIN;
SELECT plan(23);

SELECT tests.function_conventions('maint.ensure_default_partition(regclass)');
SELECT tests.function_conventions('maint.ensure_partitions(regclass, int)');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.ensure_default_partition(regclass)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s'], 'maint.ensure_default_partition(): search_path pinned, lock_timeout 5s');
SELECT is((SELECT pg_catalog.array_agg(c.oid::regclass::text ORDER BY 1) FROM pg_catalog.pg_partitioned_table AS pt
             JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE pt.partdefid = 0 AND n.nspname NOT IN ('tap', 'tests', 'public') AND n.nspname NOT LIKE 'pg\_%'),
          NULL, 'maint.ensure_default_partition(): every partitioned table of ours has a DEFAULT partition');
SELECT has_table('audit', 'logs_default', 'maint.ensure_default_partition(): audit.logs has audit.logs_default');
SELECT has_table('ops', 'system_metrics_default', 'maint.ensure_default_partition(): ops.system_metrics has ops.system_metrics_default');

-- a scratch parent owned by chain_owner
SET LOCAL ROLE chain_owner;
CREATE TABLE maint.tmp_log (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz NOT NULL, note text CHECK (note <> ''),
                            PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE maint.tmp_list (k int) PARTITION BY LIST (k);
RESET ROLE;
SELECT is(maint.ensure_default_partition('maint.tmp_list'), 'maint.tmp_list_default',
          'maint.ensure_default_partition(): creates <table>_default on any partitioned table');
SELECT is(maint.ensure_default_partition('maint.tmp_list'), NULL, 'maint.ensure_default_partition(): NULL when it exists');
SELECT throws_ok($$SELECT maint.ensure_default_partition('maint.matview_schedule')$$, '42809', NULL,
                 'maint.ensure_default_partition(): refuses a table that is not partitioned');

SELECT results_eq($$SELECT partition_name, range_start IS NULL FROM maint.ensure_partitions('maint.tmp_log', 0)$$,
                  $$VALUES ('maint.tmp_log_default', true),
                           ('maint.tmp_log_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'), false)$$,
                  'maint.ensure_partitions(): the DEFAULT partition first, then the months');
-- rows nobody has a partition for: kept in the DEFAULT partition instead of failing the write
INSERT INTO maint.tmp_log (at, note) VALUES ('2025-03-10', 'a'), ('2025-03-20', 'b'), ('2025-05-01', 'c'), (pg_catalog.now(), 'now');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.tmp_log_default), 3,
          'maint.ensure_default_partition(): rows outside every partition land in the DEFAULT partition');
SELECT results_eq($$SELECT partition_name, rows_moved FROM maint.ensure_partitions('maint.tmp_log', 0) ORDER BY 1$$,
                  $$VALUES ('maint.tmp_log_p2025_03', 2::bigint), ('maint.tmp_log_p2025_05', 1::bigint)$$,
                  'maint.ensure_partitions(): creates the months of the rows in the DEFAULT partition and moves them');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.tmp_log_default), 0, 'maint.ensure_partitions(): the DEFAULT partition is empty again');
SELECT results_eq($$SELECT tableoid::regclass::text, note FROM maint.tmp_log WHERE at < '2025-06-01' ORDER BY at$$,
                  $$VALUES ('maint.tmp_log_p2025_03', 'a'), ('maint.tmp_log_p2025_03', 'b'), ('maint.tmp_log_p2025_05', 'c')$$,
                  'maint.ensure_partitions(): every row is in its month, none lost');
SELECT is((SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid) FROM pg_catalog.pg_class AS c WHERE c.oid = 'maint.tmp_log_p2025_03'::regclass),
          'FOR VALUES FROM (''2025-03-01 00:00:00+00'') TO (''2025-04-01 00:00:00+00'')',
          'maint.ensure_partitions(): a moved month is attached with UTC month bounds');
SELECT throws_ok($$INSERT INTO maint.tmp_log_p2025_03 (id, at, note) VALUES (99, '2025-03-11', '')$$, '23514', NULL,
                 'maint.ensure_partitions(): a moved month keeps the parent''s CHECK constraints');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.ensure_partitions('maint.tmp_log', 0)), 0,
          'maint.ensure_partitions(): a second run creates nothing');

SELECT * FROM finish();
ROLLBACK;
