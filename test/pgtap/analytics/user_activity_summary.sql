-- pgTAP: analytics/user_activity_summary — per-user totals without multiplication, concurrent refresh, never for chain_user.
BEGIN;
SELECT plan(19);

-- the project's conventions (docs/conventions.md)

-- structure (from the deployed catalog)
SELECT tests.view_conventions('analytics.user_activity_summary', ARRAY['chain_analytics', 'chain_app', 'chain_readonly']);  -- 6: owner, comments, read path, readers, read-only
SELECT is((SELECT pg_catalog.array_agg(a.attname::text || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'analytics.user_activity_summary'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          ARRAY['user_id bigint', 'tier core.user_tier', 'total_products integer', 'total_checkpoints integer', 'total_trace_points bigint', 'total_trace_tokens numeric(36,18)', 'last_activity_at timestamp with time zone'], 'analytics.user_activity_summary: exactly these columns and types');
SELECT indexes_are('analytics', 'user_activity_summary', ARRAY['user_activity_summary_user_id_key']::name[], 'analytics.user_activity_summary: indexes ' || 'user_activity_summary_user_id_key');
SELECT is(pg_catalog.pg_get_indexdef('analytics.user_activity_summary_user_id_key'::regclass), 'CREATE UNIQUE INDEX user_activity_summary_user_id_key ON analytics.user_activity_summary USING btree (user_id)', 'analytics.user_activity_summary.user_activity_summary_user_id_key: definition');
SELECT ok(pg_catalog.obj_description('analytics.user_activity_summary_user_id_key'::regclass, 'pg_class') IS NOT NULL, 'analytics.user_activity_summary.user_activity_summary_user_id_key: has a comment');
SELECT is((SELECT cadence FROM maint.matview_schedule WHERE matview = 'analytics.user_activity_summary'::regclass), interval '1 day', 'analytics.user_activity_summary: registered in maint.matview_schedule, daily');

-- fixture (shared by the three matview files): test/helpers/tests_fixtures.sql
CALL tests.tracechain_analytics_fixture();

-- behaviour
REFRESH MATERIALIZED VIEW analytics.user_activity_summary;
SELECT results_eq($$SELECT user_id, tier::text, total_products, total_checkpoints, total_trace_points, total_trace_tokens
                      FROM analytics.user_activity_summary WHERE user_id IN (1, 2, 3, 4) ORDER BY user_id$$,
                  $$VALUES (1::bigint, 'enterprise', 2, 1, 0::bigint, 0::numeric), (2::bigint, 'premium', 0, 2, 25::bigint, 150::numeric),
                           (3::bigint, 'basic', 0, 0, 0::bigint, 0::numeric), (4::bigint, 'free', 0, 0, 0::bigint, 0::numeric)$$,
                  'analytics.user_activity_summary: each source aggregated per user before the join (25 points, not 25 × 3 × 2; confirmed tokens only)');
SELECT ok((SELECT last_activity_at IS NOT NULL FROM analytics.user_activity_summary WHERE user_id = 2), 'analytics.user_activity_summary.last_activity_at: the latest activity');
SELECT is((SELECT last_activity_at FROM analytics.user_activity_summary WHERE user_id = 4), NULL, 'analytics.user_activity_summary.last_activity_at: NULL without activity');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_activity_summary), (SELECT pg_catalog.count(*)::int FROM core.users), 'analytics.user_activity_summary: one row per user');
INSERT INTO token.trace_points (user_id, points, points_type) VALUES (4, 7, 'referral');
SELECT lives_ok($$REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.user_activity_summary$$, 'analytics.user_activity_summary: refreshes CONCURRENTLY');
SELECT is((SELECT total_trace_points FROM analytics.user_activity_summary WHERE user_id = 4), 7::bigint, 'analytics.user_activity_summary: the concurrent refresh sees new points');
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_activity_summary WHERE user_id IN (1, 2, 3, 4)), 4, 'analytics.user_activity_summary: dashboards read it');
SELECT tests.act_as(2);
SELECT throws_ok($$SELECT * FROM analytics.user_activity_summary$$, '42501', NULL, 'analytics.user_activity_summary: never readable by an end user (no RLS on matviews)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
