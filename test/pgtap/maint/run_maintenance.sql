-- pgTAP: maint/run_maintenance — maint.maintenance_runs, maint.maintain_partitions() and the
-- procedure maint.run_maintenance() (which commits: test/python/test_retention.py calls it).
BEGIN;
SELECT plan(52);

SELECT tests.function_conventions('maint.run_maintenance(bigint, jsonb)');
SELECT tests.function_conventions('maint.maintain_partitions(int)');
SELECT tests.function_conventions('maint.maintenance_step(text)');
SELECT tests.function_conventions('maint.record_maintenance_step(bigint, text, timestamptz, jsonb)');
SELECT tests.function_conventions('maint.is_cleanup_step(text)');
SELECT is((SELECT prokind::text FROM pg_catalog.pg_proc WHERE oid = 'maint.run_maintenance(bigint, jsonb)'::regprocedure), 'p',
          'maint.run_maintenance(): a procedure (its cleanup step commits)');

SELECT has_table('maint', 'maintenance_runs', 'maint.maintenance_runs: exists');
SELECT ok(pg_catalog.obj_description('maint.maintenance_runs'::regclass, 'pg_class') IS NOT NULL, 'maint.maintenance_runs: has a comment');
SELECT columns_are('maint', 'maintenance_runs', ARRAY['id', 'run_id', 'step', 'status', 'detail', 'started_at', 'duration'],
                   'maint.maintenance_runs: exactly these columns');
SELECT ok(pg_catalog.col_description('maint.maintenance_runs'::regclass, a.attnum) IS NOT NULL,
          'maint.maintenance_runs.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'maint.maintenance_runs'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('maint', 'maintenance_runs', 'id', 'maint.maintenance_runs.maintenance_runs_pkey: id');
SELECT col_is_unique('maint', 'maintenance_runs', ARRAY['run_id', 'step'], 'maint.maintenance_runs.maintenance_runs_run_step_key: (run_id, step)');
SELECT has_index('maint', 'maintenance_runs', 'maintenance_runs_started_at_idx', ARRAY['started_at'],
                 'maint.maintenance_runs.maintenance_runs_started_at_idx: (started_at)');
SELECT has_sequence('maint', 'maintenance_runs_run_id_seq', 'maint.maintenance_runs_run_id_seq: numbers the runs');
SELECT table_privs_are('maint', 'maintenance_runs', r, ARRAY[]::text[], 'maint.maintenance_runs: ' || r || ' has nothing (owner-only)')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_monitor', 'public']) AS r;
SELECT throws_ok($$INSERT INTO maint.maintenance_runs (run_id, step, status, started_at, duration) VALUES (1, 'coffee', 'ok', now(), '1 s')$$,
                 '23514', NULL, 'maint.maintenance_runs.maintenance_runs_step_check: the five steps only');
SELECT throws_ok($$INSERT INTO maint.maintenance_runs (run_id, step, status, started_at, duration) VALUES (1, 'analyze', 'meh', now(), '1 s')$$,
                 '23514', NULL, 'maint.maintenance_runs.maintenance_runs_status_check: ok, partial or failed');
SELECT throws_ok($$INSERT INTO maint.maintenance_runs (run_id, step, status, started_at, duration) VALUES (1, 'analyze', 'ok', now(), '-1 s')$$,
                 '23514', NULL, 'maint.maintenance_runs.maintenance_runs_duration_check: not negative');
INSERT INTO maint.maintenance_runs (run_id, step, status, started_at, duration) VALUES (1, 'analyze', 'ok', now(), '1 s');
SELECT throws_ok($$INSERT INTO maint.maintenance_runs (run_id, step, status, started_at, duration) VALUES (1, 'analyze', 'ok', now(), '1 s')$$,
                 '23505', NULL, 'maint.maintenance_runs.maintenance_runs_run_step_key: a step once per run');

-- maint.maintain_partitions: every partitioned table of ours, whatever its partitioning
SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_list (k int) PARTITION BY LIST (k);
CREATE TABLE ops.tmp_range (at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE ops.tmp_range_default PARTITION OF ops.tmp_range DEFAULT;
RESET ROLE;
INSERT INTO ops.tmp_range VALUES ('2024-07-04');
CREATE TEMP TABLE mp ON COMMIT DROP AS SELECT * FROM maint.maintain_partitions(2);
SELECT results_eq($$SELECT table_name::text, partitions_created, rows_moved, status FROM mp WHERE table_name::text LIKE 'ops.tmp_%' ORDER BY 1$$,
                  $$VALUES ('ops.tmp_list', 1, 0::bigint, 'ok'), ('ops.tmp_range', 4, 1::bigint, 'ok')$$,
                  'maint.maintain_partitions(): DEFAULT partitions everywhere; months ahead and rows moved out of the DEFAULT for time ranges');
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') FROM mp), 'maint.maintain_partitions(): every partitioned table ok');
SELECT ok(EXISTS (SELECT 1 FROM mp WHERE table_name = 'audit.logs'::regclass) AND EXISTS (SELECT 1 FROM mp WHERE table_name = 'ops.system_metrics'::regclass),
          'maint.maintain_partitions(): covers audit.logs and ops.system_metrics (catalog-driven)');
SELECT has_table('ops', 'tmp_range_p2024_07', 'maint.maintain_partitions(): the month of a DEFAULT row gets its partition');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.maintain_partitions(2) WHERE partitions_created > 0), 0,
          'maint.maintain_partitions(): a second run creates nothing');

ALTER FUNCTION analytics.update_analytics() RENAME TO update_analytics_away;   -- as on a plan without it (rolled back)
SELECT is(maint.maintenance_step('analytics'), '{"status": "ok", "detail": "skipped: analytics.update_analytics() is not installed"}'::jsonb,
          'maint.maintenance_step(): the analytics step says when analytics.update_analytics() is not installed');
ALTER FUNCTION analytics.update_analytics_away() RENAME TO update_analytics;
SELECT is(maint.maintenance_step('coffee') ->> 'status', 'failed', 'maint.maintenance_step(): an error fails the step, it does not raise');
SELECT is(maint.record_maintenance_step(7, 'cleanup', now(), '[{"status": "ok"}, {"status": "partial"}]') ->> 'status', 'partial',
          'maint.record_maintenance_step(): a partial rule makes the cleanup step partial');
SELECT is((SELECT status FROM maint.maintenance_runs WHERE run_id = 7), 'partial', 'maint.record_maintenance_step(): writes the step''s row');
SELECT ok(maint.is_cleanup_step('cleanup') AND NOT maint.is_cleanup_step('refresh'), 'maint.is_cleanup_step(): only the cleanup');

SELECT * FROM finish();
ROLLBACK;
