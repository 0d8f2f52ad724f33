-- pgTAP: trace/calculate_trust_score — the user trust score (formula in its COMMENT) at its edges, and the product trust score.
BEGIN;
SELECT plan(47);

-- the project's conventions (docs/conventions.md)
SELECT tests.function_conventions('trace.calculate_trust_score(bigint)');
SELECT tests.function_conventions('trace.calculate_product_trust_score(bigint)');

-- structure (from the deployed catalog)
SELECT has_function('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'trace.calculate_trust_score(): exists');
SELECT function_owner_is('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'chain_owner', 'trace.calculate_trust_score(): owned by chain_owner');
SELECT isnt_definer('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'trace.calculate_trust_score(): SECURITY INVOKER');
SELECT volatility_is('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'stable', 'trace.calculate_trust_score(): stable');
SELECT is(pg_catalog.pg_get_function_result('trace.calculate_trust_score(bigint)'::regprocedure), 'numeric', 'trace.calculate_trust_score(): returns ' || 'numeric');
SELECT ok(pg_catalog.obj_description('trace.calculate_trust_score(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.calculate_trust_score(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.calculate_trust_score(bigint)'::regprocedure), 'trace.calculate_trust_score(): search_path pinned');
SELECT function_privs_are('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'trace.calculate_trust_score(): public cannot execute');
SELECT function_privs_are('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'trace.calculate_trust_score(): chain_app may execute');
SELECT function_privs_are('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'trace.calculate_trust_score(): chain_user may execute');
SELECT function_privs_are('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'trace.calculate_trust_score(): chain_readonly may execute');
SELECT function_privs_are('trace', 'calculate_trust_score', ARRAY['bigint']::name[], 'chain_analytics', ARRAY['EXECUTE'], 'trace.calculate_trust_score(): chain_analytics may execute');
SELECT has_function('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'trace.calculate_product_trust_score(): exists');
SELECT function_owner_is('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'chain_owner', 'trace.calculate_product_trust_score(): owned by chain_owner');
SELECT isnt_definer('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'trace.calculate_product_trust_score(): SECURITY INVOKER');
SELECT volatility_is('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'stable', 'trace.calculate_product_trust_score(): stable');
SELECT is(pg_catalog.pg_get_function_result('trace.calculate_product_trust_score(bigint)'::regprocedure), 'numeric', 'trace.calculate_product_trust_score(): returns ' || 'numeric');
SELECT ok(pg_catalog.obj_description('trace.calculate_product_trust_score(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.calculate_product_trust_score(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.calculate_product_trust_score(bigint)'::regprocedure), 'trace.calculate_product_trust_score(): search_path pinned');
SELECT function_privs_are('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'trace.calculate_product_trust_score(): public cannot execute');
SELECT function_privs_are('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'trace.calculate_product_trust_score(): chain_app may execute');
SELECT function_privs_are('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'trace.calculate_product_trust_score(): chain_user may execute');
SELECT function_privs_are('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'trace.calculate_product_trust_score(): chain_readonly may execute');
SELECT function_privs_are('trace', 'calculate_product_trust_score', ARRAY['bigint']::name[], 'chain_analytics', ARRAY['EXECUTE'], 'trace.calculate_product_trust_score(): chain_analytics may execute');

-- fixture, inserted as the test's owner
--   user 1: active product 100 (3 checkpoints; checks 2 passed, 2 failed), inactive product 101
--           (2 checkpoints, all checks passed: ignored), active product 102 (no checkpoints, no checks)
--   user 2: 30 active products, one of them checked and passed
--   user 3: nothing
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-100', '2026-01-01'), (101, 'Old', 'food', 1, 'B-101', '2026-01-01'),
       (102, 'Shirt', 'clothing', 1, 'B-102', '2026-01-01');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
SELECT 200 + g, 'Bulk ' || g, 'other', 2, 'BULK-' || g, '2026-01-01' FROM generate_series(1, 30) AS g;
INSERT INTO compliance.standards (id, standard_name, standard_code, category, is_active) OVERRIDING SYSTEM VALUE VALUES
    (1, 'Quality', 'QUAL', 'quality', true), (2, 'Safety', 'SAFE', 'safety', true), (3, 'Retired', 'OLD', 'regulatory', false);
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status)
SELECT s.product_id, '2026-01-01'::timestamptz + g * interval '1 day', 'L' || g, s.id, 'stored'::trace.checkpoint_status
  FROM trace.stakeholders AS s, generate_series(1, 3) AS g WHERE s.product_id = 100
UNION ALL
SELECT s.product_id, '2026-01-01'::timestamptz + g * interval '1 day', 'L' || g, s.id, 'stored'
  FROM trace.stakeholders AS s, generate_series(1, 2) AS g WHERE s.product_id IN (101, 201);
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by)
SELECT c.product_id, c.id, st.id, CASE WHEN c.product_id = 100 AND st.id = 2 THEN 'failed' ELSE 'passed' END::compliance.compliance_status, 3
  FROM trace.checkpoints AS c, (VALUES (1), (2)) AS st (id)
 WHERE c.product_id IN (100, 101, 201) AND c.location IN ('L1', 'L2');
UPDATE trace.products SET is_active = false, deactivated_at = now() WHERE product_id = 101;

-- behaviour: the user score, round(least(100, least(50, 2 × products + 0.5 × checkpoints) + 0.5 × avg compliance), 2)
SELECT is(trace.calculate_trust_score(1), 30.50::numeric,
          'trace.calculate_trust_score(): 2 × 2 active products + 0.5 × 3 checkpoints + 0.5 × 50 % (the unchecked product is not averaged, the inactive one not counted)');
SELECT is(trace.calculate_trust_score(2), 100.00::numeric, 'trace.calculate_trust_score(): base capped at 50, plus 0.5 × 100 % = the maximum 100');
SELECT is(trace.calculate_trust_score(3), 0.00::numeric, 'trace.calculate_trust_score(): 0 for a user without products');
SELECT is(trace.calculate_trust_score(999), 0.00::numeric, 'trace.calculate_trust_score(): 0 for an unknown user');
DELETE FROM compliance.checkpoint_checks WHERE product_id = 201;
SELECT is(trace.calculate_trust_score(2), 50.00::numeric, 'trace.calculate_trust_score(): without any checks the bonus is 0 (base still capped at 50)');
UPDATE compliance.checkpoint_checks SET compliance_status = 'failed' WHERE product_id = 100;
SELECT is(trace.calculate_trust_score(1), 5.50::numeric, 'trace.calculate_trust_score(): all checks failed: bonus 0');
UPDATE compliance.checkpoint_checks SET compliance_status = 'exempt' WHERE product_id = 100 AND standard_id = 1;
SELECT is(trace.calculate_trust_score(1), 5.50::numeric, 'trace.calculate_trust_score(): exempt and pending checks are not passed');
UPDATE compliance.checkpoint_checks SET compliance_status = CASE WHEN standard_id = 2 THEN 'failed' ELSE 'passed' END::compliance.compliance_status WHERE product_id = 100;

-- behaviour: the product score, round(0.6 × compliance + 0.4 × 100 × current certificates / active standards, 2)
SELECT is(trace.calculate_product_trust_score(102), 0.00::numeric, 'trace.calculate_product_trust_score(): 0 without checks and certificates');
SELECT is(trace.calculate_product_trust_score(100), 30.00::numeric, 'trace.calculate_product_trust_score(): 0.6 × 50 % compliance, no certificate');
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid) VALUES
    (100, 1, 'Q-OLD', 'Lab', now() - interval '2 years', now() - interval '1 year', false),
    (100, 1, 'Q-NEW', 'Lab', now() - interval '1 year', now() + interval '1 year', true),
    (100, 3, 'R-1', 'Lab', now() - interval '1 year', NULL, true);
SELECT is(trace.calculate_product_trust_score(100), 50.00::numeric, 'trace.calculate_product_trust_score(): + 0.4 × 100 × 1 of 2 active standards certified (an inactive standard does not count)');
UPDATE compliance.certifications SET expires_at = now() - interval '1 day' WHERE certification_number = 'Q-NEW';
SELECT is(trace.calculate_product_trust_score(100), 30.00::numeric, 'trace.calculate_product_trust_score(): an expired certificate does not count');
UPDATE compliance.certifications SET expires_at = now() + interval '1 year', issued_at = now() + interval '1 day' WHERE certification_number = 'Q-NEW';
SELECT is(trace.calculate_product_trust_score(100), 30.00::numeric, 'trace.calculate_product_trust_score(): a certificate not yet issued does not count');
UPDATE compliance.checkpoint_checks SET compliance_status = 'passed' WHERE product_id = 100;
UPDATE compliance.certifications SET issued_at = now() - interval '1 day' WHERE certification_number = 'Q-NEW';
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 2, 'S-1', 'Lab', now() - interval '1 day');
SELECT is(trace.calculate_product_trust_score(100), 100.00::numeric, 'trace.calculate_product_trust_score(): all checks passed and every active standard certified = 100');
SELECT is(trace.calculate_product_trust_score(999), NULL::numeric, 'trace.calculate_product_trust_score(): NULL for an unknown product');
SELECT tests.act_as(3);
SELECT is(trace.calculate_trust_score(1), 55.50::numeric, 'trace.calculate_trust_score(): an end user computes anyone''s score from public data');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
