-- pgTAP: diag/package — partition_health (a gap and rows in DEFAULT provoked, then cleared),
-- matview_freshness without a schedule, migration_status from the Sqitch registry.
BEGIN;
SELECT plan(35);

SELECT function_returns('diag', f, 'setof record', 'diag.' || f || '(): returns a table')
  FROM pg_catalog.unnest(ARRAY['partition_health', 'matview_freshness', 'migration_status']) AS f;
SELECT ok((SELECT proconfig @> ARRAY['TimeZone=UTC'] FROM pg_catalog.pg_proc WHERE oid = 'diag.partition_health()'::regprocedure),
          'diag.partition_health(): months are UTC months (TimeZone UTC)');

-- the deployed partitioned tables are kept ahead by maint.ensure_partitions
SELECT ok((SELECT pg_catalog.bool_and(months_ahead >= 3 AND gaps = 0) FROM diag.partition_health() WHERE table_name IN ('audit.logs', 'blockchain.price_feeds')),
          'diag.partition_health(): the deployed tables cover 3 months ahead without gaps');

-- a scratch table: this month and 3 ahead, a DEFAULT partition; then month +2 goes missing
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_parted (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE diag.tmp_parted_default PARTITION OF diag.tmp_parted DEFAULT;
SELECT pg_catalog.count(*) FROM maint.ensure_partitions('diag.tmp_parted', 3);
RESET ROLE;
SELECT is((SELECT ROW(partitions, months_ahead, gaps, default_partition, default_rows)::text FROM diag.partition_health() WHERE table_name = 'diag.tmp_parted'),
          ROW(5, 3, 0, 'diag.tmp_parted_default', 0)::text, 'diag.partition_health(): 4 months and an empty DEFAULT: 3 months ahead, no gap');
SELECT is((SELECT covered_until FROM diag.partition_health() WHERE table_name = 'diag.tmp_parted'),
          (pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC') + interval '4 months') AT TIME ZONE 'UTC',
          'diag.partition_health(): covered until the end of the last month');
DO $$
BEGIN
    EXECUTE pg_catalog.format('DROP TABLE diag.%I', 'tmp_parted_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC' + interval '2 months', 'YYYY_MM'));
END
$$;
INSERT INTO diag.tmp_parted VALUES (1, pg_catalog.date_trunc('month', pg_catalog.now()) + interval '2 months 3 days');
SELECT is((SELECT ROW(months_ahead, gaps, default_rows)::text FROM diag.partition_health() WHERE table_name = 'diag.tmp_parted'),
          ROW(1, 1, 1)::text, 'diag.partition_health(): a missing month is a gap, cuts the months ahead to 1, and its row lands in DEFAULT');
SELECT matches((SELECT gap_list FROM diag.partition_health() WHERE table_name = 'diag.tmp_parted'), '^\d{4}-\d{2}-01\.\.\d{4}-\d{2}-01$',
               'diag.partition_health(): names the uncovered range');
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'partitions_ahead'), ROW('warning', 1)::text,
          'diag.health(): partitions_ahead warns below 2 months');
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'partition_gaps'), ROW('warning', 1)::text,
          'diag.health(): partition_gaps reports the gap');
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'default_partition_rows'), ROW('warning', 1)::text,
          'diag.health(): default_partition_rows reports the row in DEFAULT');
-- cleared: the row goes, the month comes back
DELETE FROM diag.tmp_parted_default;
SET LOCAL ROLE chain_owner;
SELECT pg_catalog.count(*) FROM maint.ensure_partitions('diag.tmp_parted', 3);
RESET ROLE;
SELECT is((SELECT ROW(months_ahead, gaps, default_rows)::text FROM diag.partition_health() WHERE table_name = 'diag.tmp_parted'),
          ROW(3, 0, 0)::text, 'diag.partition_health(): cleared once the month exists and DEFAULT is empty');
SELECT is((SELECT pg_catalog.array_agg(status ORDER BY check_name) FROM diag.health() WHERE check_name IN ('partitions_ahead', 'partition_gaps', 'default_partition_rows')),
          ARRAY['ok', 'ok', 'ok'], 'diag.health(): the partition checks are ok again');
-- a table with nothing for this month
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_stale (at timestamptz NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE diag.tmp_stale_p2020_01 PARTITION OF diag.tmp_stale FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00');
RESET ROLE;
SELECT is((SELECT months_ahead FROM diag.partition_health() WHERE table_name = 'diag.tmp_stale'), -1,
          'diag.partition_health(): -1 when no partition holds this month');
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'partitions_ahead'), 'critical',
          'diag.health(): partitions_ahead is critical when this month has no partition');
SELECT is((SELECT ROW(strategy, months_ahead)::text FROM diag.partition_health() WHERE table_name = 'diag.tmp_stale'),
          ROW('range', -1)::text, 'diag.partition_health(): strategy');

-- matview_freshness: a view nobody registered
SET LOCAL ROLE chain_owner;
CREATE MATERIALIZED VIEW diag.tmp_mv AS SELECT 1 AS x;
CREATE MATERIALIZED VIEW diag.tmp_mv_empty AS SELECT 1 AS x WITH NO DATA;
RESET ROLE;
SELECT is((SELECT ROW(populated, registered, status)::text FROM diag.matview_freshness() WHERE matview = 'diag.tmp_mv'),
          ROW(true, false, 'unregistered')::text, 'diag.matview_freshness(): an unregistered view');
SELECT is((SELECT status FROM diag.matview_freshness() WHERE matview = 'diag.tmp_mv_empty'), 'unpopulated',
          'diag.matview_freshness(): a view never populated');

-- a stale materialized view: registered with a 1-minute cadence, last refreshed 10 minutes ago
SET LOCAL ROLE chain_owner;
INSERT INTO maint.matview_schedule (matview, cadence, last_refreshed_at, last_status, last_mode, note)
VALUES ('diag.tmp_mv', interval '1 minute', pg_catalog.now() - interval '10 minutes', 'ok', 'plain', 'diag test');
RESET ROLE;
SELECT is((SELECT ROW(registered, status, cadences)::text FROM diag.matview_freshness() WHERE matview = 'diag.tmp_mv'),
          ROW(true, 'stale', 10.00)::text, 'diag.matview_freshness(): a view 10 cadences old is stale');
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'matview_age'), ROW('critical', 10.00)::text,
          'diag.health(): matview_age is critical past 4 cadences');
UPDATE maint.matview_schedule SET last_refreshed_at = pg_catalog.now() - interval '150 seconds' WHERE matview = 'diag.tmp_mv'::regclass;
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'matview_age'), ROW('warning', 2.50)::text,
          'diag.health(): matview_age warns past 2 cadences');
REFRESH MATERIALIZED VIEW diag.tmp_mv;
UPDATE maint.matview_schedule SET last_refreshed_at = pg_catalog.now() WHERE matview = 'diag.tmp_mv'::regclass;
SELECT is((SELECT status FROM diag.matview_freshness() WHERE matview = 'diag.tmp_mv'), 'fresh', 'diag.matview_freshness(): fresh after a refresh');
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'matview_age'), 'ok', 'diag.health(): matview_age clears after a refresh');
SET LOCAL ROLE chain_owner;
INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES ('diag.tmp_mv_empty', interval '1 day', 'diag test');
RESET ROLE;
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'matview_age'), 'critical', 'diag.health(): an unpopulated registered view is critical');
UPDATE maint.matview_schedule SET enabled = false WHERE matview = 'diag.tmp_mv_empty'::regclass;
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'matview_age'), 'ok', 'diag.health(): a disabled registration is not judged');

-- retention overdue: a row a year and a month old in audit.system_events (365 days kept)
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'retention_overdue'), 'ok', 'diag.health(): retention_overdue ok when nothing is past its window');
INSERT INTO audit.system_events (event_type, source, created_at) VALUES ('diag.test', 'pgtap', pg_catalog.now() - interval '400 days');
SELECT is((SELECT ROW(status, value, detail)::text FROM diag.health() WHERE check_name = 'retention_overdue'),
          ROW('warning', 1, 'overdue: audit.system_events/default (rows older than 365 days + 1 day) (maint.cleanup_old_data)')::text,
          'diag.health(): retention_overdue reports the rule with rows past its window');
DELETE FROM audit.system_events WHERE event_type = 'diag.test';
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'retention_overdue'), 'ok', 'diag.health(): retention_overdue clears once cleaned');
SET LOCAL ROLE chain_owner;
UPDATE ops.retention_policies SET last_status = 'failed', last_run_at = pg_catalog.now() WHERE table_name = 'audit.logs'::regclass;
RESET ROLE;
SELECT is((SELECT detail FROM diag.health() WHERE check_name = 'retention_overdue'),
          'overdue: audit.logs/default (last run failed) (maint.cleanup_old_data)', 'diag.health(): a rule whose last run failed is overdue');

-- migration_status: the registry as deployed, then a failed deploy
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.migration_status() WHERE project = 'chaindb' AND status = 'deployed'),
          (SELECT pg_catalog.count(*)::int FROM sqitch.changes WHERE project = 'chaindb'), 'diag.migration_status(): every deployed change');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email)
VALUES ('fail', 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0', 'diag/next', 'chaindb', 'Tester', 'tester@example.com', pg_catalog.now(), 'Tester', 'tester@example.com');
SELECT is((SELECT ROW(status, change_name)::text FROM diag.migration_status() LIMIT 1), ROW('failed', 'diag/next')::text,
          'diag.migration_status(): a failed deploy comes first');
SELECT is((SELECT ROW(status, value)::text FROM diag.health() WHERE check_name = 'migrations'), ROW('critical', 2)::text,
          'diag.health(): migrations is critical after a failed deploy');
SELECT ok(NOT diag.ready(), 'diag.ready(): not ready after a failed deploy');
INSERT INTO sqitch.events (event, change_id, change, project, committer_name, committer_email, planned_at, planner_name, planner_email)
VALUES ('deploy', 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f1', 'diag/fixed', 'chaindb', 'Tester', 'tester@example.com', pg_catalog.now(), 'Tester', 'tester@example.com');
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'migrations'), 'ok', 'diag.health(): migrations is ok again after a successful deploy');

SELECT * FROM finish();
ROLLBACK;
