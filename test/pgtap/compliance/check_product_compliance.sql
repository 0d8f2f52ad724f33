-- pgTAP: compliance/check_product_compliance — latest check and current certificate per active standard: expired, renewed, missing.
BEGIN;
SELECT plan(24);

-- the project's conventions (docs/conventions.md)
SELECT tests.function_conventions('compliance.check_product_compliance(bigint)');

-- structure (from the deployed catalog)
SELECT has_function('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'compliance.check_product_compliance(): exists');
SELECT function_owner_is('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'chain_owner', 'compliance.check_product_compliance(): owned by chain_owner');
SELECT isnt_definer('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'compliance.check_product_compliance(): SECURITY INVOKER');
SELECT volatility_is('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'stable', 'compliance.check_product_compliance(): stable');
SELECT is(pg_catalog.pg_get_function_result('compliance.check_product_compliance(bigint)'::regprocedure), 'TABLE(standard_id bigint, standard_code text, standard_name text, compliance_status text, last_checked_at timestamp with time zone, certification_number text, certificate_valid boolean, certificate_expires_at timestamp with time zone)', 'compliance.check_product_compliance(): returns ' || 'TABLE(standard_id bigint, standard_code text, standard_name text, compliance_status text, last_checked_at timestamp with time zone, certification_number text, certificate_valid boolean, certificate_expires_at timestamp with time zone)');
SELECT ok(pg_catalog.obj_description('compliance.check_product_compliance(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'compliance.check_product_compliance(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'compliance.check_product_compliance(bigint)'::regprocedure), 'compliance.check_product_compliance(): search_path pinned');
SELECT function_privs_are('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'compliance.check_product_compliance(): public cannot execute');
SELECT function_privs_are('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'compliance.check_product_compliance(): chain_app may execute');
SELECT function_privs_are('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'compliance.check_product_compliance(): chain_user may execute');
SELECT function_privs_are('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'compliance.check_product_compliance(): chain_readonly may execute');
SELECT function_privs_are('compliance', 'check_product_compliance', ARRAY['bigint']::name[], 'chain_analytics', ARRAY[]::text[], 'compliance.check_product_compliance(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: product 100 with three checkpoints; four standards (one inactive)
--   A-GMP:  checked passed, then failed later (latest wins); certificate renewed (old expired + invalid, new current)
--   B-ISO:  checked twice at the same time (the higher id wins); certificate expired but still flagged valid
--   C-ORG:  never checked; no certificate (missing)
--   D-OLD:  inactive: not listed
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES (1, '0x1111111111111111111111111111111111111111');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE
SELECT 500 + g, 100, '2026-01-01'::timestamptz + g * interval '1 day', 'L' || g, s.id, 'stored'
  FROM trace.stakeholders AS s, generate_series(1, 3) AS g WHERE s.product_id = 100;
INSERT INTO compliance.standards (id, standard_name, standard_code, category, is_active) OVERRIDING SYSTEM VALUE VALUES
    (1, 'A-GMP', 'GMP', 'regulatory', true), (2, 'B-ISO', 'ISO', 'quality', true), (3, 'C-ORG', 'ORG', 'quality', true),
    (4, 'D-OLD', 'OLD', 'safety', false);
INSERT INTO compliance.checkpoint_checks (id, product_id, checkpoint_id, standard_id, compliance_status, checked_by, checked_at) OVERRIDING SYSTEM VALUE VALUES
    (1, 100, 501, 1, 'passed', 1, '2026-01-02'), (2, 100, 502, 1, 'failed', 1, '2026-01-03'),
    (3, 100, 501, 2, 'failed', 1, '2026-01-05'), (4, 100, 502, 2, 'exempt', 1, '2026-01-05'),
    (5, 100, 503, 4, 'passed', 1, '2026-01-05');
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid) VALUES
    (100, 1, 'GMP-OLD', 'Lab', now() - interval '3 years', now() - interval '1 year', false),
    (100, 1, 'GMP-NEW', 'Lab', now() - interval '1 year', now() + interval '2 years', true),
    (100, 2, 'ISO-1', 'Lab', now() - interval '3 years', now() - interval '1 day', true),
    (100, 4, 'OLD-1', 'Lab', now() - interval '1 year', NULL, true);

-- behaviour
SELECT results_eq($$SELECT standard_name, compliance_status, last_checked_at, certification_number, certificate_valid FROM compliance.check_product_compliance(100)$$,
                  $$VALUES ('A-GMP', 'failed', '2026-01-03'::timestamptz, 'GMP-NEW', true),
                           ('B-ISO', 'exempt', '2026-01-05'::timestamptz, 'ISO-1', false),
                           ('C-ORG', 'not_checked', NULL, NULL, false)$$,
                  'compliance.check_product_compliance(): one row per active standard by name: latest check, renewed = valid, expired = not valid, missing = not_checked');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.check_product_compliance(100)), 3, 'compliance.check_product_compliance(): no duplicate rows for standards with several checks and certificates');
SELECT is((SELECT certificate_expires_at FROM compliance.check_product_compliance(100) WHERE standard_code = 'ISO'), (SELECT expires_at FROM compliance.certifications WHERE certification_number = 'ISO-1'),
          'compliance.check_product_compliance(): the certificate''s expiry');
UPDATE compliance.certifications SET is_valid = false WHERE certification_number = 'GMP-NEW';
SELECT results_eq($$SELECT certification_number, certificate_valid FROM compliance.check_product_compliance(100) WHERE standard_code = 'GMP'$$,
                  $$VALUES ('GMP-NEW', false)$$, 'compliance.check_product_compliance(): without a current one, the latest issued certificate, not valid');
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 3, 'ORG-1', 'Lab', now() + interval '1 day');
SELECT results_eq($$SELECT certification_number, certificate_valid FROM compliance.check_product_compliance(100) WHERE standard_code = 'ORG'$$,
                  $$VALUES ('ORG-1', false)$$, 'compliance.check_product_compliance(): a certificate not yet issued is not valid');
SELECT results_eq($$SELECT standard_code, compliance_status, certificate_valid FROM compliance.check_product_compliance(101)$$,
                  $$VALUES ('GMP', 'not_checked', false), ('ISO', 'not_checked', false), ('ORG', 'not_checked', false)$$,
                  'compliance.check_product_compliance(): a product with nothing: every active standard not_checked');
SELECT is_empty($$SELECT * FROM compliance.check_product_compliance(999)$$, 'compliance.check_product_compliance(): empty for an unknown product');
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.check_product_compliance(100)), 3, 'compliance.check_product_compliance(): an end user checks any product (public compliance data)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
