-- pgTAP: analytics/update_analytics — from the refreshed matviews into the analytics tables, idempotent.
BEGIN;
SELECT plan(30);

-- the project's conventions (docs/conventions.md)
SELECT tests.function_conventions('analytics.update_analytics()');

-- structure (from the deployed catalog)
SELECT has_function('analytics', 'update_analytics', ARRAY[]::name[], 'analytics.update_analytics(): exists');
SELECT function_owner_is('analytics', 'update_analytics', ARRAY[]::name[], 'chain_owner', 'analytics.update_analytics(): owned by chain_owner');
SELECT is_definer('analytics', 'update_analytics', ARRAY[]::name[], 'analytics.update_analytics(): SECURITY DEFINER');
SELECT volatility_is('analytics', 'update_analytics', ARRAY[]::name[], 'volatile', 'analytics.update_analytics(): volatile');
SELECT is(pg_catalog.pg_get_function_result('analytics.update_analytics()'::regprocedure), 'TABLE(products_upserted integer, users_upserted integer)', 'analytics.update_analytics(): returns ' || 'TABLE(products_upserted integer, users_upserted integer)');
SELECT ok(pg_catalog.obj_description('analytics.update_analytics()'::regprocedure, 'pg_proc') IS NOT NULL, 'analytics.update_analytics(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'analytics.update_analytics()'::regprocedure), 'analytics.update_analytics(): search_path pinned');
SELECT function_privs_are('analytics', 'update_analytics', ARRAY[]::name[], 'public', ARRAY[]::text[], 'analytics.update_analytics(): public cannot execute');
SELECT function_privs_are('analytics', 'update_analytics', ARRAY[]::name[], 'chain_app', ARRAY['EXECUTE'], 'analytics.update_analytics(): chain_app may execute');
SELECT function_privs_are('analytics', 'update_analytics', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'analytics.update_analytics(): chain_user cannot execute');
SELECT function_privs_are('analytics', 'update_analytics', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'analytics.update_analytics(): chain_readonly cannot execute');
SELECT function_privs_are('analytics', 'update_analytics', ARRAY[]::name[], 'chain_analytics', ARRAY['EXECUTE'], 'analytics.update_analytics(): chain_analytics may execute');

-- fixture (shared with the three matview files): test/helpers/tests_fixtures.sql
CALL tests.tracechain_analytics_fixture();

-- behaviour: refresh, then update (D-T14)
REFRESH MATERIALIZED VIEW analytics.product_traceability_summary;
REFRESH MATERIALIZED VIEW analytics.user_activity_summary;
REFRESH MATERIALIZED VIEW analytics.compliance_summary;
SELECT results_eq($$SELECT * FROM analytics.update_analytics()$$, $$VALUES (2, 2)$$,
                  'analytics.update_analytics(): first run inserts both products and the two active users (users without TraceChain activity are skipped)');
SELECT results_eq($$SELECT product_id, total_checkpoints, total_stakeholders, trace_duration_hours, compliance_score, trust_score, last_checkpoint_at
                      FROM analytics.product_analytics ORDER BY product_id$$,
                  $$VALUES (100::bigint, 3, 2, 25.50::numeric, 50.00::numeric, 50.00::numeric, '2026-01-03 01:30Z'::timestamptz),
                           (101::bigint, 0, 1, NULL, NULL, 0.00::numeric, NULL)$$,
                  'analytics.update_analytics(): product rows from the matviews, trust_score = 0.6 × 50 + 0.4 × 100 × 1/2');
SELECT results_eq($$SELECT user_id, total_products, total_checkpoints, total_trace_points, total_trace_tokens, trust_rating FROM analytics.user_analytics ORDER BY user_id$$,
                  $$VALUES (1::bigint, 2, 1, 0::bigint, 0::numeric, 30.50::numeric), (2::bigint, 0, 2, 25::bigint, 150::numeric, 0.00::numeric)$$,
                  'analytics.update_analytics(): user rows, trust_rating = calculate_trust_score (2 × 2 + 0.5 × 3 + 0.5 × 50)');
CREATE TEMP TABLE snap AS SELECT * FROM analytics.product_analytics UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE false;
CREATE TEMP TABLE usnap AS SELECT * FROM analytics.user_analytics;
SELECT results_eq($$SELECT * FROM analytics.update_analytics()$$, $$VALUES (0, 0)$$, 'analytics.update_analytics(): idempotent, a second run changes nothing');
SELECT set_eq($$SELECT * FROM analytics.product_analytics$$, $$SELECT * FROM snap$$, 'analytics.update_analytics(): product rows unchanged by the repeat (updated_at included)');
SELECT set_eq($$SELECT * FROM analytics.user_analytics$$, $$SELECT * FROM usnap$$, 'analytics.update_analytics(): user rows unchanged by the repeat');
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (101, '2026-02-01', 'Farm', (SELECT id FROM trace.stakeholders WHERE product_id = 101), 'manufactured');
SELECT results_eq($$SELECT * FROM analytics.update_analytics()$$, $$VALUES (0, 1)$$, 'analytics.update_analytics(): counts wait for a refresh of the matviews; only the live trust rating of user 1 moves');
SELECT is((SELECT trust_rating FROM analytics.user_analytics WHERE user_id = 1), 31.00::numeric, 'analytics.update_analytics(): trust_rating is live (+0.5 for the new checkpoint)');
REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.product_traceability_summary;
REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.user_activity_summary;
SELECT results_eq($$SELECT * FROM analytics.update_analytics()$$, $$VALUES (1, 1)$$, 'analytics.update_analytics(): after a refresh, only the changed product and user are written');
SELECT is((SELECT total_checkpoints FROM analytics.product_analytics WHERE product_id = 101), 1, 'analytics.update_analytics(): the changed row carries the new count');
SELECT tests.act_as_role('chain_analytics');
SELECT results_eq($$SELECT * FROM analytics.update_analytics()$$, $$VALUES (0, 0)$$, 'analytics.update_analytics(): chain_analytics may run it');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$SELECT * FROM analytics.update_analytics()$$, 'analytics.update_analytics(): chain_app may run it');
SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok($$SELECT * FROM analytics.update_analytics()$$, '42501', NULL, 'analytics.update_analytics(): chain_readonly may not');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM analytics.update_analytics()$$, '42501', NULL, 'analytics.update_analytics(): an end user may not');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
