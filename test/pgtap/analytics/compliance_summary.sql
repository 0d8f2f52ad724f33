-- pgTAP: analytics/compliance_summary — certifications and compliance score per product, concurrent refresh, never for chain_user.
BEGIN;
SELECT plan(17);

-- the project's conventions (docs/conventions.md)

-- structure (from the deployed catalog)
SELECT tests.view_conventions('analytics.compliance_summary', ARRAY['chain_analytics', 'chain_app', 'chain_readonly']);  -- 6: owner, comments, read path, readers, read-only
SELECT is((SELECT pg_catalog.array_agg(a.attname::text || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'analytics.compliance_summary'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          ARRAY['product_id bigint', 'product_name text', 'batch_number text', 'total_certifications integer', 'valid_certifications integer', 'total_compliance_checks integer', 'passed_checks integer', 'compliance_score numeric(5,2)'], 'analytics.compliance_summary: exactly these columns and types');
SELECT indexes_are('analytics', 'compliance_summary', ARRAY['compliance_summary_product_id_key']::name[], 'analytics.compliance_summary: indexes ' || 'compliance_summary_product_id_key');
SELECT is(pg_catalog.pg_get_indexdef('analytics.compliance_summary_product_id_key'::regclass), 'CREATE UNIQUE INDEX compliance_summary_product_id_key ON analytics.compliance_summary USING btree (product_id)', 'analytics.compliance_summary.compliance_summary_product_id_key: definition');
SELECT ok(pg_catalog.obj_description('analytics.compliance_summary_product_id_key'::regclass, 'pg_class') IS NOT NULL, 'analytics.compliance_summary.compliance_summary_product_id_key: has a comment');
SELECT is((SELECT cadence FROM maint.matview_schedule WHERE matview = 'analytics.compliance_summary'::regclass), interval '1 day', 'analytics.compliance_summary: registered in maint.matview_schedule, daily');

-- fixture (shared by the three matview files): test/helpers/tests_fixtures.sql
CALL tests.tracechain_analytics_fixture();

-- behaviour
REFRESH MATERIALIZED VIEW analytics.compliance_summary;
SELECT results_eq($$SELECT product_id, total_certifications, valid_certifications, total_compliance_checks, passed_checks, compliance_score
                      FROM analytics.compliance_summary ORDER BY product_id$$,
                  $$VALUES (100::bigint, 3, 1, 4, 2, 50.00::numeric), (101::bigint, 0, 0, 0, 0, NULL)$$,
                  'analytics.compliance_summary: 3 certificates of which 1 current (renewed, expired, superseded), 2 of 4 checks passed = 50 %, NULL without checks');
SELECT results_eq($$SELECT product_name, batch_number FROM analytics.compliance_summary WHERE product_id = 100$$, $$VALUES ('Aspirin', 'B-1')$$,
                  'analytics.compliance_summary: the product''s name and batch');
UPDATE compliance.checkpoint_checks SET compliance_status = 'passed';
SELECT lives_ok($$REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.compliance_summary$$, 'analytics.compliance_summary: refreshes CONCURRENTLY');
SELECT is((SELECT compliance_score FROM analytics.compliance_summary WHERE product_id = 100), 100.00::numeric, 'analytics.compliance_summary.compliance_score: 100 when every check passed');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.compliance_summary), 2, 'analytics.compliance_summary: reporting reads it');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM analytics.compliance_summary$$, '42501', NULL, 'analytics.compliance_summary: never readable by an end user');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
