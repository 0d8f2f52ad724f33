-- pgTAP: maint/refresh_materialized_views — maint.refresh_materialized_views(): registered views in
-- dependency order, CONCURRENTLY where possible, each refresh recorded in maint.matview_schedule.
BEGIN;
SELECT plan(13);

SELECT tests.function_conventions('maint.refresh_materialized_views(boolean)');
SELECT function_returns('maint', 'refresh_materialized_views', ARRAY['boolean'], 'setof record',
                        'maint.refresh_materialized_views(): one row per view');

-- a chain mv_c -> (plain view) -> mv_b -> mv_a, registered in the wrong order; mv_a with a unique index
SET LOCAL ROLE chain_owner;
CREATE TABLE maint.tmp_src (id int PRIMARY KEY, v int);
INSERT INTO maint.tmp_src VALUES (1, 10), (2, 20);
CREATE MATERIALIZED VIEW maint.tmp_mv_a AS SELECT id, v FROM maint.tmp_src WITH NO DATA;
CREATE UNIQUE INDEX tmp_mv_a_id ON maint.tmp_mv_a (id);
CREATE MATERIALIZED VIEW maint.tmp_mv_b AS SELECT pg_catalog.sum(v) AS total FROM maint.tmp_mv_a WITH NO DATA;
CREATE VIEW maint.tmp_v AS SELECT total FROM maint.tmp_mv_b;
CREATE MATERIALIZED VIEW maint.tmp_mv_c AS SELECT total * 2 AS doubled FROM maint.tmp_v WITH NO DATA;
CREATE MATERIALIZED VIEW maint.tmp_mv_bad AS SELECT 1 / pg_catalog.count(*) AS x FROM maint.tmp_src WHERE false WITH NO DATA;
INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES
    ('maint.tmp_mv_c', '30 minutes', 'test'), ('maint.tmp_mv_b', '1 day', 'test'), ('maint.tmp_mv_a', '30 minutes', 'test'),
    ('maint.tmp_mv_bad', '1 day', 'test');
RESET ROLE;
DELETE FROM maint.matview_schedule WHERE matview::text NOT LIKE 'maint.tmp_mv_%';   -- only the scratch views here

CREATE TEMP TABLE first_run ON COMMIT DROP AS SELECT * FROM maint.refresh_materialized_views();
SELECT results_eq($$SELECT matview::text, depth, mode, status FROM first_run WHERE matview::text <> 'maint.tmp_mv_bad'$$,
                  $$VALUES ('maint.tmp_mv_a', 0, 'plain', 'ok'), ('maint.tmp_mv_b', 1, 'plain', 'ok'), ('maint.tmp_mv_c', 2, 'plain', 'ok')$$,
                  'maint.refresh_materialized_views(): dependency order (through a plain view); the first refresh is plain');
SELECT is((SELECT doubled FROM maint.tmp_mv_c), 60::bigint, 'maint.refresh_materialized_views(): the chain is refreshed bottom-up');
SELECT results_eq($$SELECT status, error FROM first_run WHERE matview::text = 'maint.tmp_mv_bad'$$,
                  $$VALUES ('failed', 'division by zero')$$, 'maint.refresh_materialized_views(): a failing view is reported');
SELECT results_eq($$SELECT matview::text, last_status, last_mode, last_error, last_refreshed_at IS NOT NULL, last_duration >= interval '0'
                      FROM maint.matview_schedule ORDER BY 1$$,
                  $$VALUES ('maint.tmp_mv_a', 'ok', 'plain', NULL::text, true, true), ('maint.tmp_mv_b', 'ok', 'plain', NULL, true, true),
                           ('maint.tmp_mv_bad', 'failed', 'plain', 'division by zero', true, true), ('maint.tmp_mv_c', 'ok', 'plain', NULL, true, true)$$,
                  'maint.refresh_materialized_views(): each refresh is recorded in maint.matview_schedule');

UPDATE maint.tmp_src SET v = 30 WHERE id = 2;
SELECT results_eq($$SELECT matview::text, mode, status FROM maint.refresh_materialized_views() WHERE matview::text <> 'maint.tmp_mv_bad'$$,
                  $$VALUES ('maint.tmp_mv_a', 'concurrently', 'ok'), ('maint.tmp_mv_b', 'plain', 'ok'), ('maint.tmp_mv_c', 'plain', 'ok')$$,
                  'maint.refresh_materialized_views(): CONCURRENTLY once populated with a unique index, plain without one');
SELECT is((SELECT doubled FROM maint.tmp_mv_c), 80::bigint, 'maint.refresh_materialized_views(): the new data reaches the top of the chain');

UPDATE maint.matview_schedule SET last_refreshed_at = pg_catalog.now() - interval '2 hours';
SELECT results_eq($$SELECT matview::text FROM maint.refresh_materialized_views(true)$$,
                  $$VALUES ('maint.tmp_mv_a'), ('maint.tmp_mv_c')$$,
                  'maint.refresh_materialized_views(true): only the views past their cadence');
UPDATE maint.matview_schedule SET enabled = false WHERE matview = 'maint.tmp_mv_a'::regclass;
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.refresh_materialized_views() WHERE matview = 'maint.tmp_mv_a'::regclass), 0,
          'maint.refresh_materialized_views(): a disabled view is left alone');

SELECT * FROM finish();
ROLLBACK;
