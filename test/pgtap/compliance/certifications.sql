-- pgTAP: compliance/certifications — one valid per product and standard, renewals, date-aware validity, RLS.
BEGIN;
SELECT plan(134);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('compliance.certifications');
SELECT tests.function_conventions('compliance.is_certification_current(compliance.certifications)');

-- structure (from the deployed catalog)
SELECT has_table('compliance', 'certifications', 'compliance.certifications: exists');
SELECT table_owner_is('compliance', 'certifications', 'chain_owner', 'compliance.certifications: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('compliance.certifications'::regclass, 'pg_class') IS NOT NULL, 'compliance.certifications: has a comment');
SELECT columns_are('compliance', 'certifications', ARRAY['id', 'product_id', 'standard_id', 'certification_number', 'issued_by', 'issued_at', 'expires_at', 'is_valid', 'certificate_uri', 'revoked_at', 'created_at', 'updated_at'], 'compliance.certifications: exactly these columns');
SELECT col_type_is('compliance', 'certifications', c, ty, 'compliance.certifications.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('product_id', 'bigint'), ('standard_id', 'bigint'), ('certification_number', 'text'), ('issued_by', 'text'), ('issued_at', 'timestamp with time zone'), ('expires_at', 'timestamp with time zone'), ('is_valid', 'boolean'), ('certificate_uri', 'text'), ('revoked_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('compliance', 'certifications', c, 'compliance.certifications.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'product_id', 'standard_id', 'certification_number', 'issued_by', 'issued_at', 'is_valid', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('compliance', 'certifications', c, 'compliance.certifications.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['expires_at', 'certificate_uri', 'revoked_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('compliance.certifications'::regclass, a.attnum) IS NOT NULL, 'compliance.certifications.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'compliance.certifications'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'compliance.certifications'::regclass$$,
              ARRAY['certifications_certificate_uri_check', 'certifications_certification_number_check', 'certifications_expiry_after_issue', 'certifications_issued_by_check', 'certifications_pkey', 'certifications_product_id_fkey', 'certifications_revoked_not_valid', 'certifications_standard_id_fkey', 'certifications_standard_number_key'], 'compliance.certifications: constraints ' || 'certifications_certificate_uri_check, certifications_certification_number_check, certifications_expiry_after_issue, certifications_issued_by_check, certifications_pkey, certifications_product_id_fkey, certifications_revoked_not_valid, certifications_standard_id_fkey, certifications_standard_number_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'compliance.certifications'::regclass AND conname = 'certifications_expiry_after_issue'), 'pg_constraint') IS NOT NULL, 'compliance.certifications.certifications_expiry_after_issue: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'compliance.certifications'::regclass AND conname = 'certifications_revoked_not_valid'), 'pg_constraint') IS NOT NULL, 'compliance.certifications.certifications_revoked_not_valid: has a comment');
SELECT indexes_are('compliance', 'certifications', ARRAY['certifications_one_valid_key', 'certifications_pkey', 'certifications_product_standard_issued_idx', 'certifications_standard_id_idx', 'certifications_standard_number_key']::name[], 'compliance.certifications: indexes ' || 'certifications_one_valid_key, certifications_pkey, certifications_product_standard_issued_idx, certifications_standard_id_idx, certifications_standard_number_key');
SELECT is(pg_catalog.pg_get_indexdef('compliance.certifications_one_valid_key'::regclass), 'CREATE UNIQUE INDEX certifications_one_valid_key ON compliance.certifications USING btree (product_id, standard_id) WHERE is_valid', 'compliance.certifications.certifications_one_valid_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.certifications_pkey'::regclass), 'CREATE UNIQUE INDEX certifications_pkey ON compliance.certifications USING btree (id)', 'compliance.certifications.certifications_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.certifications_product_standard_issued_idx'::regclass), 'CREATE INDEX certifications_product_standard_issued_idx ON compliance.certifications USING btree (product_id, standard_id, issued_at DESC)', 'compliance.certifications.certifications_product_standard_issued_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.certifications_standard_id_idx'::regclass), 'CREATE INDEX certifications_standard_id_idx ON compliance.certifications USING btree (standard_id)', 'compliance.certifications.certifications_standard_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.certifications_standard_number_key'::regclass), 'CREATE UNIQUE INDEX certifications_standard_number_key ON compliance.certifications USING btree (standard_id, certification_number)', 'compliance.certifications.certifications_standard_number_key: definition');
SELECT triggers_are('compliance', 'certifications', ARRAY['audit_capture', 'audit_capture_truncate', 'certifications_set_updated_at']::name[], 'compliance.certifications: triggers ' || 'audit_capture, audit_capture_truncate, certifications_set_updated_at');
SELECT trigger_is('compliance', 'certifications', 'audit_capture', 'audit', 'capture', 'compliance.certifications.audit_capture: calls audit.capture()');
SELECT trigger_is('compliance', 'certifications', 'audit_capture_truncate', 'audit', 'capture_statement', 'compliance.certifications.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('compliance', 'certifications', 'certifications_set_updated_at', 'core', 'set_updated_at', 'compliance.certifications.certifications_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'compliance.certifications'::regclass), 'compliance.certifications: RLS enabled and forced');
SELECT policies_are('compliance', 'certifications', ARRAY['certifications_delete_app', 'certifications_insert_app', 'certifications_select_all', 'certifications_select_app', 'certifications_select_owner', 'certifications_select_readonly', 'certifications_update_app']::name[], 'compliance.certifications: policies');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_delete_app'::name, 'delete', 'compliance.certifications.certifications_delete_app: FOR delete');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_delete_app', ARRAY['chain_app']::name[], 'compliance.certifications.certifications_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_delete_app'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_delete_app: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_insert_app'::name, 'insert', 'compliance.certifications.certifications_insert_app: FOR insert');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_insert_app', ARRAY['chain_app']::name[], 'compliance.certifications.certifications_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_insert_app'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_insert_app: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_select_all'::name, 'select', 'compliance.certifications.certifications_select_all: FOR select');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_select_all', ARRAY['chain_user']::name[], 'compliance.certifications.certifications_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_select_all'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_select_all: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_select_app'::name, 'select', 'compliance.certifications.certifications_select_app: FOR select');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_select_app', ARRAY['chain_app']::name[], 'compliance.certifications.certifications_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_select_app'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_select_app: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_select_owner'::name, 'select', 'compliance.certifications.certifications_select_owner: FOR select');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_select_owner', ARRAY['chain_owner']::name[], 'compliance.certifications.certifications_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_select_owner'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_select_owner: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_select_readonly'::name, 'select', 'compliance.certifications.certifications_select_readonly: FOR select');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_select_readonly', ARRAY['chain_readonly']::name[], 'compliance.certifications.certifications_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_select_readonly'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_select_readonly: has a comment');
SELECT policy_cmd_is('compliance', 'certifications', 'certifications_update_app'::name, 'update', 'compliance.certifications.certifications_update_app: FOR update');
SELECT policy_roles_are('compliance', 'certifications', 'certifications_update_app', ARRAY['chain_app']::name[], 'compliance.certifications.certifications_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass AND polname = 'certifications_update_app'), 'pg_policy') IS NOT NULL, 'compliance.certifications.certifications_update_app: has a comment');
SELECT table_privs_are('compliance', 'certifications', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'compliance.certifications: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('compliance', 'certifications', 'chain_user', ARRAY['SELECT'], 'compliance.certifications: chain_user has SELECT');
SELECT table_privs_are('compliance', 'certifications', 'chain_readonly', ARRAY['SELECT'], 'compliance.certifications: chain_readonly has SELECT');
SELECT table_privs_are('compliance', 'certifications', 'chain_analytics', ARRAY[]::text[], 'compliance.certifications: chain_analytics has nothing');
SELECT table_privs_are('compliance', 'certifications', 'public', ARRAY[]::text[], 'compliance.certifications: public has nothing');
SELECT has_function('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'compliance.is_certification_current(): exists');
SELECT function_owner_is('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'chain_owner', 'compliance.is_certification_current(): owned by chain_owner');
SELECT isnt_definer('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'compliance.is_certification_current(): SECURITY INVOKER');
SELECT volatility_is('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'stable', 'compliance.is_certification_current(): stable');
SELECT is(pg_catalog.pg_get_function_result('compliance.is_certification_current(compliance.certifications)'::regprocedure), 'boolean', 'compliance.is_certification_current(): returns ' || 'boolean');
SELECT ok(pg_catalog.obj_description('compliance.is_certification_current(compliance.certifications)'::regprocedure, 'pg_proc') IS NOT NULL, 'compliance.is_certification_current(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'compliance.is_certification_current(compliance.certifications)'::regprocedure), 'compliance.is_certification_current(): search_path pinned');
SELECT function_privs_are('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'public', ARRAY[]::text[], 'compliance.is_certification_current(): public cannot execute');
SELECT function_privs_are('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'chain_app', ARRAY['EXECUTE'], 'compliance.is_certification_current(): chain_app may execute');
SELECT function_privs_are('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'chain_user', ARRAY['EXECUTE'], 'compliance.is_certification_current(): chain_user may execute');
SELECT function_privs_are('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'compliance.is_certification_current(): chain_readonly may execute');
SELECT function_privs_are('compliance', 'is_certification_current', ARRAY['compliance.certifications']::name[], 'chain_analytics', ARRAY[]::text[], 'compliance.is_certification_current(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: a product, two standards
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES (1, '0x1111111111111111111111111111111111111111');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01');
INSERT INTO compliance.standards (id, standard_name, standard_code, category) OVERRIDING SYSTEM VALUE VALUES
    (1, 'GMP', 'GMP', 'regulatory'), (2, 'ISO 9001', 'ISO9001', 'quality');
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at)
VALUES (100, 1, 'GMP-1', 'Lab', now() - interval '2 years', now() - interval '1 day');

-- behaviour: one valid per product and standard (D-T10), renewals
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 1, 'GMP-2', 'Lab', now())$$,
                 '23505', NULL, 'compliance.certifications.certifications_one_valid_key: rejects a second valid certificate for a product and standard');
SELECT lives_ok($$UPDATE compliance.certifications SET is_valid = false WHERE certification_number = 'GMP-1';
                  INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 1, 'GMP-2', 'Lab', now())$$,
                'compliance.certifications.certifications_one_valid_key: a renewal after invalidating the old one');
SELECT lives_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 2, 'GMP-1', 'Lab', now())$$,
                'compliance.certifications.certifications_standard_number_key: the same number under another standard');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, is_valid) VALUES (100, 1, 'GMP-2', 'Lab', now(), false)$$,
                 '23505', NULL, 'compliance.certifications.certifications_standard_number_key: rejects a number twice for a standard');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid) VALUES (100, 1, 'GMP-3', 'Lab', now(), now() - interval '1 day', false)$$,
                 '23514', NULL, 'compliance.certifications.certifications_expiry_after_issue: rejects an expiry before issue');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, revoked_at) VALUES (100, 2, 'ISO-2', 'Lab', now(), now())$$,
                 '23514', NULL, 'compliance.certifications.certifications_revoked_not_valid: rejects a revoked certificate that is valid');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, is_valid) VALUES (100, 1, '', 'Lab', now(), false)$$,
                 '23514', NULL, 'compliance.certifications.certifications_certification_number_check: rejects an empty number');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, is_valid) VALUES (100, 1, 'N-1', '', now(), false)$$,
                 '23514', NULL, 'compliance.certifications.certifications_issued_by_check: rejects an empty issuer');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, is_valid, certificate_uri) VALUES (100, 1, 'N-1', 'Lab', now(), false, 'file:///x')$$,
                 '23514', NULL, 'compliance.certifications.certifications_certificate_uri_check: rejects a file:// URI');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (999, 1, 'N-1', 'Lab', now())$$,
                 '23503', NULL, 'compliance.certifications.certifications_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 99, 'N-1', 'Lab', now())$$,
                 '23503', NULL, 'compliance.certifications.certifications_standard_id_fkey: rejects an unknown standard');
SELECT throws_ok($$DELETE FROM compliance.standards WHERE id = 1$$, '23503', NULL, 'compliance.certifications.certifications_standard_id_fkey: a standard with certificates cannot be deleted (history)');

-- behaviour: the date-aware rule
SELECT is((SELECT compliance.is_certification_current(c) FROM compliance.certifications AS c WHERE certification_number = 'GMP-2'), true, 'compliance.is_certification_current(): valid, issued, no expiry');
SELECT is((SELECT compliance.is_certification_current(c) FROM compliance.certifications AS c WHERE certification_number = 'GMP-1' AND standard_id = 1), false, 'compliance.is_certification_current(): false once invalid (and expired)');
UPDATE compliance.certifications SET expires_at = now() + interval '1 day' WHERE certification_number = 'GMP-2';
SELECT is((SELECT compliance.is_certification_current(c) FROM compliance.certifications AS c WHERE certification_number = 'GMP-2'), true, 'compliance.is_certification_current(): true before expiry');
UPDATE compliance.certifications SET issued_at = now() - interval '2 days', expires_at = now() WHERE certification_number = 'GMP-2';
SELECT is((SELECT compliance.is_certification_current(c) FROM compliance.certifications AS c WHERE certification_number = 'GMP-2'), false, 'compliance.is_certification_current(): false at the expiry instant');
UPDATE compliance.certifications SET issued_at = now() + interval '1 day', expires_at = NULL WHERE certification_number = 'GMP-2';
SELECT is((SELECT compliance.is_certification_current(c) FROM compliance.certifications AS c WHERE certification_number = 'GMP-2'), false, 'compliance.is_certification_current(): false before issue');
UPDATE compliance.certifications SET updated_at = '2000-01-01' WHERE certification_number = 'GMP-2';
SELECT is((SELECT updated_at FROM compliance.certifications WHERE certification_number = 'GMP-2'), now(), 'compliance.certifications.certifications_set_updated_at: fires on update');
SELECT ok((SELECT pg_catalog.count(*) FROM audit.logs WHERE table_schema = 'compliance' AND table_name = 'certifications') >= 5, 'compliance.certifications.audit_capture: certificates are audited');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.certifications), 3, 'compliance.certifications.certifications_select_all: an end user reads every certificate');
SELECT throws_ok($$UPDATE compliance.certifications SET is_valid = true$$, '42501', NULL, 'compliance.certifications: an end user cannot change certificates');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.certifications AS c WHERE compliance.is_certification_current(c)), 1, 'compliance.is_certification_current(): callable by an end user');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.certifications), 3, 'compliance.certifications.certifications_select_readonly: reporting reads every certificate');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.certifications), 3, 'compliance.certifications.certifications_select_app: the backend reads every certificate');
SELECT lives_ok($$UPDATE compliance.certifications SET is_valid = false, revoked_at = now() WHERE certification_number = 'GMP-2'$$, 'compliance.certifications.certifications_update_app: the backend revokes');
SELECT lives_ok($$INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at) VALUES (100, 1, 'GMP-3', 'Lab', now())$$, 'compliance.certifications.certifications_insert_app: the backend records a renewal');
SELECT lives_ok($$DELETE FROM compliance.certifications WHERE certification_number = 'GMP-3'$$, 'compliance.certifications.certifications_delete_app: the backend deletes');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.certifications), 3, 'compliance.certifications.certifications_select_owner: chain_owner reads every certificate');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
