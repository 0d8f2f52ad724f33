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

-- fixture, inserted as the test's owner (shared by the three matview files):
--   user 1 manufactures products 100 (3 checkpoints over 25.5 h; stakeholders: itself, user 2 twice
--   (two roles), user 3 inactive) and 101 (nothing); user 2 records 2 checkpoints, has 2 point rows
--   and 3 token transactions (2 confirmed); user 4 has nothing
INSERT INTO core.users (id, wallet_address, tier) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111', 'enterprise'), (2, '0x2222222222222222222222222222222222222222', 'premium'),
    (3, '0x3333333333333333333333333333333333333333', 'basic'), (4, '0x4444444444444444444444444444444444444444', 'free');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO trace.stakeholders (id, product_id, user_id, role, added_by, is_active) OVERRIDING SYSTEM VALUE VALUES
    (50, 100, 2, 'distributor', 1, true), (51, 100, 2, 'logistics', 1, true), (52, 100, 3, 'retailer', 1, false);
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE
SELECT 500, 100, '2026-01-02 00:00Z', 'Plant', id, 'manufactured' FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer';
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE VALUES
    (501, 100, '2026-01-02 10:00Z', 'Port', 50, 'shipped'), (502, 100, '2026-01-03 01:30Z', 'Shop', 51, 'received');
INSERT INTO token.trace_points (user_id, points, points_type) VALUES (2, 10, 'checkpoint'), (2, 15, 'checkpoint');
INSERT INTO token.transactions (user_id, transaction_type, amount, status, block_number, confirmed_at) VALUES
    (2, 'reward', 100, 'confirmed', 1, now()), (2, 'reward', 50, 'confirmed', 2, now()), (2, 'transfer', 1000, 'pending', NULL, NULL);
INSERT INTO compliance.standards (id, standard_name, standard_code, category) OVERRIDING SYSTEM VALUE VALUES
    (1, 'GMP', 'GMP', 'regulatory'), (2, 'ISO', 'ISO', 'quality');
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by) VALUES
    (100, 500, 1, 'passed', 3), (100, 501, 1, 'failed', 3), (100, 502, 1, 'passed', 3), (100, 502, 2, 'pending', 3);
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid) VALUES
    (100, 1, 'GMP-OLD', 'Lab', now() - interval '3 years', now() - interval '1 year', false),
    (100, 1, 'GMP-NEW', 'Lab', now() - interval '1 year', NULL, true),
    (100, 2, 'ISO-1', 'Lab', now() - interval '2 years', now() - interval '1 day', true);

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
