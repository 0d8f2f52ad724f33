-- pgTAP: diag/health — diag.health() graded by diag.health_thresholds (levels changed, a check
-- switched off, a row missing) and diag.ready(). The session conditions (blocked, idle in
-- transaction, long transactions) are provoked with real connections in test/python/test_diag.py.
BEGIN;
SELECT plan(19);

SELECT function_returns('diag', 'health', 'setof record', 'diag.health(): returns a table');
SELECT function_returns('diag', 'ready', 'boolean', 'diag.ready(): returns boolean');
SELECT ok((SELECT proconfig @> ARRAY['search_path=pg_catalog, pg_temp', 'TimeZone=UTC'] FROM pg_catalog.pg_proc WHERE oid = 'diag.health()'::regprocedure),
          'diag.health(): search_path pinned, TimeZone UTC');

SELECT is((SELECT pg_catalog.array_agg(check_name) FROM diag.health()),
          ARRAY['cache_hit_ratio', 'connections', 'role_connections', 'xid_wraparound', 'long_transactions', 'idle_in_transaction',
                'blocked_sessions', 'prepared_transactions', 'invalid_indexes', 'partitions_ahead', 'partition_gaps',
                'default_partition_rows', 'matview_age', 'retention_overdue', 'scheduler', 'archiver', 'replication_lag', 'migrations'],
          'diag.health(): the 18 checks, in order');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.health() WHERE status NOT IN ('ok', 'warning', 'critical', 'skipped')), 0,
          'diag.health(): every status is ok, warning, critical or skipped');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.health() WHERE status = 'skipped' AND detail IS NULL), 0,
          'diag.health(): a skipped check says why');
-- (the cache hit ratio of a freshly cloned test database says more about the test machine)
SELECT is((SELECT pg_catalog.array_agg(check_name || ' ' || status) FROM diag.health()
            WHERE status IN ('warning', 'critical') AND check_name <> 'cache_hit_ratio'), NULL,
          'diag.health(): a freshly deployed database is healthy');
SELECT is((SELECT threshold FROM diag.health() WHERE check_name = 'connections'), 'warning > 90, critical > 95 percent',
          'diag.health(): states the levels it graded by');
SELECT is((SELECT ROW(status, detail)::text FROM diag.health() WHERE check_name = 'archiver'),
          ROW('skipped', 'archive_mode is off')::text, 'diag.health(): archiver skipped when archive_mode is off');
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'replication_lag'), 'skipped',
          'diag.health(): replication_lag skipped without replication');

-- an invalid index (what a failed CREATE INDEX CONCURRENTLY leaves), then cleared
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_idx (id int);
CREATE INDEX tmp_idx_id_idx ON diag.tmp_idx (id);
RESET ROLE;
UPDATE pg_catalog.pg_index SET indisvalid = false WHERE indexrelid = 'diag.tmp_idx_id_idx'::regclass;
SELECT is((SELECT ROW(status, value, detail)::text FROM diag.health() WHERE check_name = 'invalid_indexes'),
          ROW('warning', 1, 'invalid: diag.tmp_idx_id_idx (REINDEX or drop and recreate)')::text, 'diag.health(): an invalid index is reported');
DROP TABLE diag.tmp_idx;
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'invalid_indexes'), 'ok', 'diag.health(): invalid_indexes clears');

-- thresholds changed: above
UPDATE diag.health_thresholds SET warning = 0, critical = 1000 WHERE check_name = 'connections';
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'connections'), 'warning', 'diag.health(): above the warning level → warning');
UPDATE diag.health_thresholds SET warning = 0, critical = 0 WHERE check_name = 'connections';
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'connections'), 'critical', 'diag.health(): above the critical level → critical');
-- thresholds changed: below
UPDATE diag.health_thresholds SET warning = 5, critical = 1 WHERE check_name = 'partitions_ahead';
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'partitions_ahead'), 'warning', 'diag.health(): below the warning level → warning');
UPDATE diag.health_thresholds SET warning = 5, critical = 4 WHERE check_name = 'partitions_ahead';
SELECT is((SELECT status FROM diag.health() WHERE check_name = 'partitions_ahead'), 'critical', 'diag.health(): below the critical level → critical');
-- switched off, and a check without a row
UPDATE diag.health_thresholds SET enabled = false WHERE check_name = 'connections';
SELECT is((SELECT ROW(status, pg_catalog.left(detail, 36))::text FROM diag.health() WHERE check_name = 'connections'),
          ROW('skipped', 'disabled in diag.health_thresholds; ')::text, 'diag.health(): a disabled check is skipped');
DELETE FROM diag.health_thresholds WHERE check_name = 'invalid_indexes';
SELECT is((SELECT ROW(status, threshold)::text FROM diag.health() WHERE check_name = 'invalid_indexes'), ROW('skipped', NULL)::text,
          'diag.health(): a check without thresholds is reported, skipped');

SELECT ok(diag.ready(), 'diag.ready(): a deployed database is ready');

SELECT * FROM finish();
ROLLBACK;
