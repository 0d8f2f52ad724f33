-- pgTAP: ops/system_metrics — ops.system_metrics (seed 003), partitioned by month.
BEGIN;
SELECT plan(45);

SELECT tests.table_conventions('ops.system_metrics');

SELECT has_table('ops', 'system_metrics', 'ops.system_metrics: exists');
SELECT table_owner_is('ops', 'system_metrics', 'chain_owner', 'ops.system_metrics: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('ops.system_metrics'::regclass, 'pg_class') IS NOT NULL, 'ops.system_metrics: has a comment');
SELECT is(ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.system_metrics'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum),
          ARRAY['id uuid not null', 'service_name character varying(100) not null', 'metric_type character varying(50) not null',
                'metric_value double precision not null', 'unit character varying(20) not null',
                'timestamp timestamp with time zone not null', 'metric_metadata jsonb'],
          'ops.system_metrics: exactly the seed''s columns, types and nullability (timestamptz, D-O1)');
SELECT ok(pg_catalog.col_description('ops.system_metrics'::regclass, a.attnum) IS NOT NULL,
          'ops.system_metrics.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.system_metrics'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_default_is('ops', 'system_metrics', 'timestamp', 'now()', 'ops.system_metrics.timestamp: default now()');
SELECT col_is_pk('ops', 'system_metrics', ARRAY['id', 'timestamp'], 'ops.system_metrics.system_metrics_pkey: (id, timestamp), the partition key included');
SELECT is((SELECT pg_catalog.pg_get_partkeydef('ops.system_metrics'::regclass)), 'RANGE ("timestamp")',
          'ops.system_metrics: partitioned by range of "timestamp"');
SELECT has_index('ops', 'system_metrics', 'idx_metrics_service_time', ARRAY['service_name', '"timestamp"'],
                 'ops.system_metrics.idx_metrics_service_time: (service_name, timestamp)');
SELECT has_index('ops', 'system_metrics', 'idx_metrics_type_time', ARRAY['metric_type', '"timestamp"'],
                 'ops.system_metrics.idx_metrics_type_time: (metric_type, timestamp)');
SELECT has_index('ops', 'system_metrics', 'idx_metrics_timestamp', ARRAY['"timestamp"'], 'ops.system_metrics.idx_metrics_timestamp: (timestamp)');
SELECT ok(pg_catalog.bool_and(pg_catalog.obj_description(x.indexrelid, 'pg_class') IS NOT NULL), 'ops.system_metrics: every index has a comment')
  FROM pg_catalog.pg_index AS x WHERE x.indrelid = 'ops.system_metrics'::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS k WHERE k.conindid = x.indexrelid);
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'ops.system_metrics'::regclass),
          'ops.system_metrics: row-level security enabled and forced');
SELECT policies_are('ops', 'system_metrics', ARRAY['system_metrics_select_owner', 'system_metrics_select_app', 'system_metrics_insert_app', 'system_metrics_update_app',
                    'system_metrics_delete_app', 'system_metrics_select_readonly', 'system_metrics_select_analytics', 'system_metrics_select_monitor'],
                    'ops.system_metrics: policies (system_metrics_select_owner, system_metrics_select_app, system_metrics_insert_app, system_metrics_update_app, system_metrics_delete_app, system_metrics_select_readonly, system_metrics_select_analytics, system_metrics_select_monitor)');
SELECT table_privs_are('ops', 'system_metrics', 'chain_monitor', ARRAY['SELECT'], 'ops.system_metrics: chain_monitor may read');
SELECT table_privs_are('ops', 'system_metrics', 'chain_user', ARRAY[]::text[], 'ops.system_metrics: chain_user has nothing');
SELECT triggers_are('ops', 'system_metrics', ARRAY[]::name[], 'ops.system_metrics: no triggers (cheap batch inserts)');
SELECT ok(pg_catalog.to_regclass('ops.system_metrics_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM')) IS NOT NULL,
          'ops.system_metrics: this month''s partition system_metrics_pYYYY_MM exists from deploy (D-O3)');
SELECT ok(pg_catalog.to_regclass('ops.system_metrics_p' || pg_catalog.to_char((pg_catalog.now() AT TIME ZONE 'UTC') + interval '3 months', 'YYYY_MM')) IS NOT NULL,
          'ops.system_metrics: partitions 3 months ahead exist from deploy');
SELECT results_eq($$SELECT time_column::text COLLATE "default", keep_hot, action, keep_archived FROM ops.retention_policies
                     WHERE table_name = 'ops.system_metrics'::regclass$$,
                  $$VALUES ('timestamp', interval '90 days', 'archive', interval '1 year')$$,
                  'ops.system_metrics: retention rule, 90 days hot then 1 year archived (D-O5)');

-- behaviour, as the metric writer (a batch insert, the seed's write pattern)
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, metric_metadata)
                  VALUES ('web-api', 'cpu', 42.5, 'percent', '{"host": "a"}'), ('web-api', 'latency', 120, 'ms', NULL),
                         ('feature-engine', 'memory', 1048576, 'bytes', NULL)$$,
                'ops.system_metrics: chain_app batch-inserts metrics');
SELECT is((SELECT pg_catalog.count(*)::int FROM ops.system_metrics), 3, 'ops.system_metrics: the rows are there');
SELECT is((SELECT pg_catalog.count(DISTINCT tableoid)::int FROM ops.system_metrics), 1, 'ops.system_metrics: they landed in one monthly partition');
SELECT throws_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit) VALUES ('web-api', 'cpu', 'NaN', 'percent')$$,
                 '23514', NULL, 'ops.system_metrics.system_metrics_metric_value_check: rejects NaN');
SELECT throws_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit) VALUES ('web-api', 'cpu', 'Infinity', 'percent')$$,
                 '23514', NULL, 'ops.system_metrics.system_metrics_metric_value_check: rejects infinity');
SELECT throws_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, metric_metadata) VALUES ('web-api', 'cpu', 1, 'percent', '[1]')$$,
                 '23514', NULL, 'ops.system_metrics.system_metrics_metric_metadata_check: rejects a non-object');
SELECT throws_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit) VALUES ('web-api', 'cpu', 1, NULL)$$,
                 '23502', NULL, 'ops.system_metrics.unit: not null');
SELECT throws_ok($$INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit) VALUES (repeat('x', 101), 'cpu', 1, 'percent')$$,
                 '22001', NULL, 'ops.system_metrics.service_name: at most 100 characters (varchar(100))');
SELECT tests.act_as_role('chain_monitor');
SELECT is((SELECT pg_catalog.count(*)::int FROM ops.system_metrics), 3, 'ops.system_metrics: chain_monitor reads every metric');
SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok($$DELETE FROM ops.system_metrics$$, '42501', NULL, 'ops.system_metrics: chain_readonly cannot delete');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
