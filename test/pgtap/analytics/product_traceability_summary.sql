-- pgTAP: analytics/product_traceability_summary — per-product counts without multiplication, concurrent refresh, never for chain_user.
BEGIN;
SELECT plan(18);

-- the project's conventions (docs/conventions.md)

-- structure (from the deployed catalog)
SELECT tests.view_conventions('analytics.product_traceability_summary', ARRAY['chain_analytics', 'chain_app', 'chain_readonly']);  -- 6: owner, comments, read path, readers, read-only
SELECT is((SELECT pg_catalog.array_agg(a.attname::text || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'analytics.product_traceability_summary'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          ARRAY['product_id bigint', 'product_name text', 'product_type trace.product_type', 'batch_number text', 'manufacture_date timestamp with time zone', 'expiry_date timestamp with time zone', 'is_active boolean', 'total_checkpoints integer', 'total_stakeholders integer', 'first_checkpoint_at timestamp with time zone', 'last_checkpoint_at timestamp with time zone', 'trace_duration_hours numeric(10,2)'], 'analytics.product_traceability_summary: exactly these columns and types');
SELECT indexes_are('analytics', 'product_traceability_summary', ARRAY['product_traceability_summary_product_id_key']::name[], 'analytics.product_traceability_summary: indexes ' || 'product_traceability_summary_product_id_key');
SELECT is(pg_catalog.pg_get_indexdef('analytics.product_traceability_summary_product_id_key'::regclass), 'CREATE UNIQUE INDEX product_traceability_summary_product_id_key ON analytics.product_traceability_summary USING btree (product_id)', 'analytics.product_traceability_summary.product_traceability_summary_product_id_key: definition');
SELECT ok(pg_catalog.obj_description('analytics.product_traceability_summary_product_id_key'::regclass, 'pg_class') IS NOT NULL, 'analytics.product_traceability_summary.product_traceability_summary_product_id_key: has a comment');
SELECT is((SELECT cadence FROM maint.matview_schedule WHERE matview = 'analytics.product_traceability_summary'::regclass), interval '1 day', 'analytics.product_traceability_summary: registered in maint.matview_schedule, daily');

-- fixture (shared by the three matview files): test/helpers/tests_fixtures.sql
CALL tests.tracechain_analytics_fixture();

-- behaviour: a plain refresh, then a concurrent one (the unique index allows it)
REFRESH MATERIALIZED VIEW analytics.product_traceability_summary;
SELECT results_eq($$SELECT product_id, total_checkpoints, total_stakeholders, first_checkpoint_at, last_checkpoint_at, trace_duration_hours
                      FROM analytics.product_traceability_summary ORDER BY product_id$$,
                  $$VALUES (100::bigint, 3, 2, '2026-01-02 00:00Z'::timestamptz, '2026-01-03 01:30Z'::timestamptz, 25.50::numeric),
                           (101::bigint, 0, 1, NULL, NULL, NULL)$$,
                  'analytics.product_traceability_summary: counts each source once (3 checkpoints, not 3 × 3; distinct active stakeholders), duration in hours');
SELECT results_eq($$SELECT product_name, product_type::text, batch_number, is_active FROM analytics.product_traceability_summary WHERE product_id = 100$$,
                  $$VALUES ('Aspirin', 'pharmaceutical', 'B-1', true)$$, 'analytics.product_traceability_summary: the product''s own columns');
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (101, '2026-02-01', 'Farm', (SELECT id FROM trace.stakeholders WHERE product_id = 101), 'manufactured');
SELECT lives_ok($$REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.product_traceability_summary$$, 'analytics.product_traceability_summary: refreshes CONCURRENTLY');
SELECT is((SELECT total_checkpoints FROM analytics.product_traceability_summary WHERE product_id = 101), 1, 'analytics.product_traceability_summary: the concurrent refresh sees the new checkpoint');
SELECT is((SELECT trace_duration_hours FROM analytics.product_traceability_summary WHERE product_id = 101), 0.00::numeric, 'analytics.product_traceability_summary.trace_duration_hours: 0 for a single checkpoint');
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_traceability_summary), 2, 'analytics.product_traceability_summary: dashboards read it');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM analytics.product_traceability_summary$$, '42501', NULL, 'analytics.product_traceability_summary: never readable by an end user');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
