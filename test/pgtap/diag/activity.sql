-- pgTAP: diag/activity — connections, locks, blocking, long-running queries, and the pg_stat_statements
-- pair, present and absent. Sessions that block or sit idle need real concurrent connections:
-- test/python/test_diag.py provokes those.
BEGIN;
SELECT plan(23);

SELECT function_returns('diag', 'visible_query', ARRAY['oid', 'text'], 'text', 'diag.visible_query(): returns text');
SELECT function_returns('diag', 'connections', 'setof record', 'diag.connections(): returns a table');
SELECT function_returns('diag', 'locks', ARRAY['boolean'], 'setof record', 'diag.locks(): returns a table');
SELECT function_returns('diag', 'blocking', 'setof record', 'diag.blocking(): returns a table');
SELECT function_returns('diag', 'long_running_queries', ARRAY['interval'], 'setof record', 'diag.long_running_queries(): returns a table');
SELECT function_returns('diag', 'slow_statements', ARRAY['numeric', 'integer'], 'setof record', 'diag.slow_statements(): returns a table');
SELECT function_returns('diag', 'calls', ARRAY['integer'], 'setof record', 'diag.calls(): returns a table');

-- the caller's own session is never a suspect
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.locks(true) WHERE pid = pg_catalog.pg_backend_pid()), 0,
          'diag.locks(): leaves the caller''s own locks out');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.long_running_queries('0 seconds') WHERE pid = pg_catalog.pg_backend_pid()), 0,
          'diag.long_running_queries(): leaves the caller''s own session out');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.blocking()), 0, 'diag.blocking(): nothing blocked, nothing listed');
SELECT ok((SELECT connections >= 1 AND max_connections = pg_catalog.current_setting('max_connections')::int
             FROM diag.connections() WHERE database = pg_catalog.current_database() AND username = session_user AND state = 'active'),
          'diag.connections(): this session, against max_connections');
SELECT is((SELECT role_limit FROM diag.connections() WHERE username = session_user LIMIT 1), NULL::int,
          'diag.connections(): no role limit is NULL');

-- visible_query: the session user here is a superuser, so everything is visible
SELECT is(diag.visible_query(0, 'SELECT 1'), 'SELECT 1', 'diag.visible_query(): shown to a session that may read all statistics');
SELECT is(diag.visible_query(0, NULL), NULL, 'diag.visible_query(): NULL stays NULL');

-- pg_stat_statements present (the test server preloads it; diag/schema installed it)
SELECT pg_catalog.pg_sleep(0.25);
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') AND pg_catalog.bool_or(query ~ 'pg_sleep') FROM diag.slow_statements(200, 50)),
          'diag.slow_statements(): a statement slower than 200 ms is listed');
SELECT ok((SELECT pg_catalog.bool_and(mean_exec_ms >= 200) FROM diag.slow_statements(200, 50)), 'diag.slow_statements(): only those at least p_min_mean_ms');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.slow_statements(0, 3)), 3, 'diag.slow_statements(): at most p_limit rows');
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') AND pg_catalog.count(*) = 5 FROM diag.calls(5)), 'diag.calls(): the p_limit most called statements');

-- pg_stat_statements absent: one skipped row saying why
DROP EXTENSION pg_stat_statements;
SELECT is((SELECT pg_catalog.array_agg(status || ': ' || query) FROM diag.slow_statements()),
          ARRAY['skipped: pg_stat_statements is not installed in this database'], 'diag.slow_statements(): a skipped row when pg_stat_statements is absent');
SELECT is((SELECT pg_catalog.array_agg(status || ': ' || query) FROM diag.calls()),
          ARRAY['skipped: pg_stat_statements is not installed in this database'], 'diag.calls(): a skipped row when pg_stat_statements is absent');
-- installed elsewhere (a DBA's choice): found there
CREATE SCHEMA tmp_ext;
CREATE EXTENSION pg_stat_statements SCHEMA tmp_ext;
SELECT is((SELECT pg_catalog.array_agg(status || ': ' || query) FROM diag.calls()),
          ARRAY['skipped: pg_stat_statements in schema tmp_ext is not readable by chain_owner'],
          'diag.calls(): a skipped row when pg_stat_statements is out of chain_owner''s reach');
GRANT USAGE ON SCHEMA tmp_ext TO chain_owner;
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') FROM diag.calls(3)), 'diag.calls(): reads pg_stat_statements wherever it is installed');
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') FROM diag.slow_statements(0, 3)), 'diag.slow_statements(): reads pg_stat_statements wherever it is installed');

SELECT * FROM finish();
ROLLBACK;
