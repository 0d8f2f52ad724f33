-- pgTAP: nft/certificate_codes — hashed codes, single-use redemption, no direct access.
BEGIN;
SELECT plan(138);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('nft.certificate_codes');
SELECT tests.function_conventions('nft.add_certificate_code(bigint,text,timestamp with time zone)');
SELECT tests.function_conventions('nft.redeem_certificate_code(text)');

-- structure (from the deployed catalog)
SELECT has_table('nft', 'certificate_codes', 'nft.certificate_codes: exists');
SELECT table_owner_is('nft', 'certificate_codes', 'chain_owner', 'nft.certificate_codes: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('nft.certificate_codes'::regclass, 'pg_class') IS NOT NULL, 'nft.certificate_codes: has a comment');
SELECT columns_are('nft', 'certificate_codes', ARRAY['id', 'certificate_id', 'verification_code_hash', 'is_used', 'used_at', 'used_by', 'created_at', 'expires_at'], 'nft.certificate_codes: exactly these columns');
SELECT col_type_is('nft', 'certificate_codes', c, ty, 'nft.certificate_codes.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('certificate_id', 'bigint'), ('verification_code_hash', 'bytea'), ('is_used', 'boolean'), ('used_at', 'timestamp with time zone'), ('used_by', 'bigint'), ('created_at', 'timestamp with time zone'), ('expires_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('nft', 'certificate_codes', c, 'nft.certificate_codes.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'certificate_id', 'verification_code_hash', 'is_used', 'created_at']::name[]) AS c;
SELECT col_is_null('nft', 'certificate_codes', c, 'nft.certificate_codes.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['used_at', 'used_by', 'expires_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('nft.certificate_codes'::regclass, a.attnum) IS NOT NULL, 'nft.certificate_codes.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'nft.certificate_codes'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'nft.certificate_codes'::regclass$$,
              ARRAY['certificate_codes_certificate_id_fkey', 'certificate_codes_expiry_after_creation', 'certificate_codes_pkey', 'certificate_codes_use_consistent', 'certificate_codes_used_by_fkey', 'certificate_codes_verification_code_hash_check', 'certificate_codes_verification_code_hash_key'], 'nft.certificate_codes: constraints ' || 'certificate_codes_certificate_id_fkey, certificate_codes_expiry_after_creation, certificate_codes_pkey, certificate_codes_use_consistent, certificate_codes_used_by_fkey, certificate_codes_verification_code_hash_check, certificate_codes_verification_code_hash_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'nft.certificate_codes'::regclass AND conname = 'certificate_codes_expiry_after_creation'), 'pg_constraint') IS NOT NULL, 'nft.certificate_codes.certificate_codes_expiry_after_creation: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'nft.certificate_codes'::regclass AND conname = 'certificate_codes_use_consistent'), 'pg_constraint') IS NOT NULL, 'nft.certificate_codes.certificate_codes_use_consistent: has a comment');
SELECT indexes_are('nft', 'certificate_codes', ARRAY['certificate_codes_certificate_id_idx', 'certificate_codes_pkey', 'certificate_codes_unused_certificate_idx', 'certificate_codes_used_by_idx', 'certificate_codes_verification_code_hash_key']::name[], 'nft.certificate_codes: indexes ' || 'certificate_codes_certificate_id_idx, certificate_codes_pkey, certificate_codes_unused_certificate_idx, certificate_codes_used_by_idx, certificate_codes_verification_code_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificate_codes_certificate_id_idx'::regclass), 'CREATE INDEX certificate_codes_certificate_id_idx ON nft.certificate_codes USING btree (certificate_id)', 'nft.certificate_codes.certificate_codes_certificate_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificate_codes_pkey'::regclass), 'CREATE UNIQUE INDEX certificate_codes_pkey ON nft.certificate_codes USING btree (id)', 'nft.certificate_codes.certificate_codes_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificate_codes_unused_certificate_idx'::regclass), 'CREATE INDEX certificate_codes_unused_certificate_idx ON nft.certificate_codes USING btree (certificate_id) WHERE (NOT is_used)', 'nft.certificate_codes.certificate_codes_unused_certificate_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificate_codes_used_by_idx'::regclass), 'CREATE INDEX certificate_codes_used_by_idx ON nft.certificate_codes USING btree (used_by)', 'nft.certificate_codes.certificate_codes_used_by_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificate_codes_verification_code_hash_key'::regclass), 'CREATE UNIQUE INDEX certificate_codes_verification_code_hash_key ON nft.certificate_codes USING btree (verification_code_hash)', 'nft.certificate_codes.certificate_codes_verification_code_hash_key: definition');
SELECT triggers_are('nft', 'certificate_codes', ARRAY[]::name[], 'nft.certificate_codes: triggers ' || '');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'nft.certificate_codes'::regclass), 'nft.certificate_codes: RLS enabled and forced');
SELECT policies_are('nft', 'certificate_codes', ARRAY['certificate_codes_insert_owner', 'certificate_codes_select_app', 'certificate_codes_select_owner', 'certificate_codes_select_readonly', 'certificate_codes_update_owner']::name[], 'nft.certificate_codes: policies');
SELECT policy_cmd_is('nft', 'certificate_codes', 'certificate_codes_insert_owner'::name, 'insert', 'nft.certificate_codes.certificate_codes_insert_owner: FOR insert');
SELECT policy_roles_are('nft', 'certificate_codes', 'certificate_codes_insert_owner', ARRAY['chain_owner']::name[], 'nft.certificate_codes.certificate_codes_insert_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass AND polname = 'certificate_codes_insert_owner'), 'pg_policy') IS NOT NULL, 'nft.certificate_codes.certificate_codes_insert_owner: has a comment');
SELECT policy_cmd_is('nft', 'certificate_codes', 'certificate_codes_select_app'::name, 'select', 'nft.certificate_codes.certificate_codes_select_app: FOR select');
SELECT policy_roles_are('nft', 'certificate_codes', 'certificate_codes_select_app', ARRAY['chain_app']::name[], 'nft.certificate_codes.certificate_codes_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass AND polname = 'certificate_codes_select_app'), 'pg_policy') IS NOT NULL, 'nft.certificate_codes.certificate_codes_select_app: has a comment');
SELECT policy_cmd_is('nft', 'certificate_codes', 'certificate_codes_select_owner'::name, 'select', 'nft.certificate_codes.certificate_codes_select_owner: FOR select');
SELECT policy_roles_are('nft', 'certificate_codes', 'certificate_codes_select_owner', ARRAY['chain_owner']::name[], 'nft.certificate_codes.certificate_codes_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass AND polname = 'certificate_codes_select_owner'), 'pg_policy') IS NOT NULL, 'nft.certificate_codes.certificate_codes_select_owner: has a comment');
SELECT policy_cmd_is('nft', 'certificate_codes', 'certificate_codes_select_readonly'::name, 'select', 'nft.certificate_codes.certificate_codes_select_readonly: FOR select');
SELECT policy_roles_are('nft', 'certificate_codes', 'certificate_codes_select_readonly', ARRAY['chain_readonly']::name[], 'nft.certificate_codes.certificate_codes_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass AND polname = 'certificate_codes_select_readonly'), 'pg_policy') IS NOT NULL, 'nft.certificate_codes.certificate_codes_select_readonly: has a comment');
SELECT policy_cmd_is('nft', 'certificate_codes', 'certificate_codes_update_owner'::name, 'update', 'nft.certificate_codes.certificate_codes_update_owner: FOR update');
SELECT policy_roles_are('nft', 'certificate_codes', 'certificate_codes_update_owner', ARRAY['chain_owner']::name[], 'nft.certificate_codes.certificate_codes_update_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass AND polname = 'certificate_codes_update_owner'), 'pg_policy') IS NOT NULL, 'nft.certificate_codes.certificate_codes_update_owner: has a comment');
SELECT table_privs_are('nft', 'certificate_codes', 'chain_app', ARRAY[]::text[], 'nft.certificate_codes: chain_app has nothing');
SELECT table_privs_are('nft', 'certificate_codes', 'chain_user', ARRAY[]::text[], 'nft.certificate_codes: chain_user has nothing');
SELECT table_privs_are('nft', 'certificate_codes', 'chain_readonly', ARRAY[]::text[], 'nft.certificate_codes: chain_readonly has nothing');
SELECT table_privs_are('nft', 'certificate_codes', 'chain_analytics', ARRAY[]::text[], 'nft.certificate_codes: chain_analytics has nothing');
SELECT table_privs_are('nft', 'certificate_codes', 'public', ARRAY[]::text[], 'nft.certificate_codes: public has nothing');
SELECT set_eq($$SELECT a.attname || ': ' || string_agg(x.privilege_type || ' to ' || x.grantee::regrole::text, ', ' ORDER BY x.grantee::regrole::text, x.privilege_type) FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x WHERE a.attrelid = 'nft.certificate_codes'::regclass AND a.attacl IS NOT NULL GROUP BY a.attname$$,
              ARRAY['id: SELECT to chain_app, SELECT to chain_readonly', 'certificate_id: SELECT to chain_app, SELECT to chain_readonly', 'is_used: SELECT to chain_app, SELECT to chain_readonly', 'used_at: SELECT to chain_app, SELECT to chain_readonly', 'used_by: SELECT to chain_app, SELECT to chain_readonly', 'created_at: SELECT to chain_app, SELECT to chain_readonly', 'expires_at: SELECT to chain_app, SELECT to chain_readonly'], 'nft.certificate_codes: column privileges');
SELECT has_function('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'nft.add_certificate_code(): exists');
SELECT function_owner_is('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'chain_owner', 'nft.add_certificate_code(): owned by chain_owner');
SELECT is_definer('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'nft.add_certificate_code(): SECURITY DEFINER');
SELECT volatility_is('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'volatile', 'nft.add_certificate_code(): volatile');
SELECT is(pg_catalog.pg_get_function_result('nft.add_certificate_code(bigint,text,timestamp with time zone)'::regprocedure), 'bigint', 'nft.add_certificate_code(): returns ' || 'bigint');
SELECT ok(pg_catalog.obj_description('nft.add_certificate_code(bigint,text,timestamp with time zone)'::regprocedure, 'pg_proc') IS NOT NULL, 'nft.add_certificate_code(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'nft.add_certificate_code(bigint,text,timestamp with time zone)'::regprocedure), 'nft.add_certificate_code(): search_path pinned');
SELECT function_privs_are('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'public', ARRAY[]::text[], 'nft.add_certificate_code(): public cannot execute');
SELECT function_privs_are('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'chain_app', ARRAY['EXECUTE'], 'nft.add_certificate_code(): chain_app may execute');
SELECT function_privs_are('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'chain_user', ARRAY[]::text[], 'nft.add_certificate_code(): chain_user cannot execute');
SELECT function_privs_are('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'chain_readonly', ARRAY[]::text[], 'nft.add_certificate_code(): chain_readonly cannot execute');
SELECT function_privs_are('nft', 'add_certificate_code', ARRAY['bigint', 'text', 'timestamp with time zone']::name[], 'chain_analytics', ARRAY[]::text[], 'nft.add_certificate_code(): chain_analytics cannot execute');
SELECT has_function('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'nft.redeem_certificate_code(): exists');
SELECT function_owner_is('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'chain_owner', 'nft.redeem_certificate_code(): owned by chain_owner');
SELECT is_definer('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'nft.redeem_certificate_code(): SECURITY DEFINER');
SELECT volatility_is('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'volatile', 'nft.redeem_certificate_code(): volatile');
SELECT is(pg_catalog.pg_get_function_result('nft.redeem_certificate_code(text)'::regprocedure), 'bigint', 'nft.redeem_certificate_code(): returns ' || 'bigint');
SELECT ok(pg_catalog.obj_description('nft.redeem_certificate_code(text)'::regprocedure, 'pg_proc') IS NOT NULL, 'nft.redeem_certificate_code(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'nft.redeem_certificate_code(text)'::regprocedure), 'nft.redeem_certificate_code(): search_path pinned');
SELECT function_privs_are('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'public', ARRAY[]::text[], 'nft.redeem_certificate_code(): public cannot execute');
SELECT function_privs_are('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'chain_app', ARRAY['EXECUTE'], 'nft.redeem_certificate_code(): chain_app may execute');
SELECT function_privs_are('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'chain_user', ARRAY['EXECUTE'], 'nft.redeem_certificate_code(): chain_user may execute');
SELECT function_privs_are('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'chain_readonly', ARRAY[]::text[], 'nft.redeem_certificate_code(): chain_readonly cannot execute');
SELECT function_privs_are('nft', 'redeem_certificate_code', ARRAY['text']::name[], 'chain_analytics', ARRAY[]::text[], 'nft.redeem_certificate_code(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: two users, a product, a valid and an invalid certificate
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'), (2, '0x2222222222222222222222222222222222222222');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Handbag', 'luxury', 1, 'B-1', '2026-01-01');
INSERT INTO nft.certificates (id, token_id, product_id, owner_id, certificate_type, metadata_uri, is_valid) OVERRIDING SYSTEM VALUE VALUES
    (10, 1, 100, 1, 'authenticity', 'ipfs://cert1', true), (11, 2, 100, 1, 'authenticity', 'ipfs://cert2', false);

-- behaviour: issuing codes
SELECT tests.act_as_role('chain_app');
SELECT ok(nft.add_certificate_code(10, 'GOLD-CODE-0001') > 0, 'nft.add_certificate_code(): the backend issues a code');
SELECT lives_ok($$SELECT nft.add_certificate_code(10, 'GOLD-CODE-0002', now() + interval '1 day')$$, 'nft.add_certificate_code(): with an expiry');
SELECT tests.reset_role();
SELECT is((SELECT verification_code_hash FROM nft.certificate_codes ORDER BY id LIMIT 1), sha256(convert_to('GOLD-CODE-0001', 'UTF8')),
          'nft.certificate_codes.verification_code_hash: sha256 of the code, the code itself is stored nowhere');
SELECT is_empty($$SELECT 1 FROM nft.certificate_codes AS k, LATERAL pg_catalog.to_jsonb(k) AS j WHERE j::text LIKE '%GOLD-CODE%'$$, 'nft.certificate_codes: no column holds the plain code');
SELECT throws_ok($$SELECT nft.add_certificate_code(10, 'GOLD-CODE-0001')$$, '23505', NULL, 'nft.certificate_codes.certificate_codes_verification_code_hash_key: rejects a code twice');
SELECT throws_ok($$SELECT nft.add_certificate_code(10, 'short')$$, '22023', 'nft.add_certificate_code: a code has 8 to 128 characters', 'nft.add_certificate_code(): rejects a short code');
SELECT throws_ok($$SELECT nft.add_certificate_code(10, NULL)$$, '22023', NULL, 'nft.add_certificate_code(): rejects NULL');
SELECT throws_ok($$SELECT nft.add_certificate_code(11, 'INVALID-CERT-1')$$, 'P0002', 'nft.add_certificate_code: no valid certificate 11', 'nft.add_certificate_code(): rejects an invalid certificate');
SELECT throws_ok($$SELECT nft.add_certificate_code(99, 'UNKNOWN-CERT-1')$$, 'P0002', NULL, 'nft.add_certificate_code(): rejects an unknown certificate');

-- behaviour: constraints (rows only the functions write, written directly by the superuser)
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash) VALUES (10, '\x01')$$, '23514', NULL, 'nft.certificate_codes.certificate_codes_verification_code_hash_check: rejects a hash that is not 32 bytes');
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash, is_used) VALUES (10, sha256('x'), true)$$, '23514', NULL, 'nft.certificate_codes.certificate_codes_use_consistent: rejects used without used_at');
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash, used_by) VALUES (10, sha256('x'), 1)$$, '23514', NULL, 'nft.certificate_codes.certificate_codes_use_consistent: rejects used_by on an unused code');
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash, expires_at) VALUES (10, sha256('x'), now() - interval '1 day')$$, '23514', NULL, 'nft.certificate_codes.certificate_codes_expiry_after_creation: rejects an expiry in the past');
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash) VALUES (99, sha256('x'))$$, '23503', NULL, 'nft.certificate_codes.certificate_codes_certificate_id_fkey: rejects an unknown certificate');
SELECT throws_ok($$UPDATE nft.certificate_codes SET is_used = true, used_at = now(), used_by = 99$$, '23503', NULL, 'nft.certificate_codes.certificate_codes_used_by_fkey: rejects an unknown redeemer');

-- behaviour: redemption, once
SELECT tests.act_as(2);
SELECT is(nft.redeem_certificate_code('GOLD-CODE-0001'), 10::bigint, 'nft.redeem_certificate_code(): an end user redeems a code and gets its certificate');
SELECT throws_ok($$SELECT nft.redeem_certificate_code('GOLD-CODE-0001')$$, 'P0002', 'nft.redeem_certificate_code: code unknown, already used or expired', 'nft.redeem_certificate_code(): a second redemption fails');
SELECT throws_ok($$SELECT nft.redeem_certificate_code('NO-SUCH-CODE')$$, 'P0002', 'nft.redeem_certificate_code: code unknown, already used or expired', 'nft.redeem_certificate_code(): an unknown code fails with the same message');
SELECT throws_ok($$SELECT nft.redeem_certificate_code(NULL)$$, 'P0002', NULL, 'nft.redeem_certificate_code(): NULL fails');
SELECT throws_ok($$SELECT * FROM nft.certificate_codes$$, '42501', NULL, 'nft.certificate_codes: an end user has no direct access');
SELECT throws_ok($$SELECT nft.add_certificate_code(10, 'USER-MADE-CODE')$$, '42501', NULL, 'nft.add_certificate_code(): an end user cannot issue codes');
SELECT tests.reset_role();
SELECT results_eq($$SELECT is_used, used_by FROM nft.certificate_codes WHERE verification_code_hash = sha256(convert_to('GOLD-CODE-0001', 'UTF8'))$$,
                  $$VALUES (true, 2::bigint)$$, 'nft.redeem_certificate_code(): marks the code used by the redeemer');
SELECT ok((SELECT used_at IS NOT NULL FROM nft.certificate_codes WHERE verification_code_hash = sha256(convert_to('GOLD-CODE-0001', 'UTF8'))), 'nft.certificate_codes.used_at: set on redemption');
UPDATE nft.certificate_codes SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE verification_code_hash = sha256(convert_to('GOLD-CODE-0002', 'UTF8'));
SELECT throws_ok($$SELECT nft.redeem_certificate_code('GOLD-CODE-0002')$$, 'P0002', NULL, 'nft.redeem_certificate_code(): an expired code fails');
UPDATE nft.certificate_codes SET expires_at = now() + interval '1 day' WHERE verification_code_hash = sha256(convert_to('GOLD-CODE-0002', 'UTF8'));
UPDATE nft.certificates SET is_valid = false WHERE id = 10;
SELECT throws_ok($$SELECT nft.redeem_certificate_code('GOLD-CODE-0002')$$, 'P0002', NULL, 'nft.redeem_certificate_code(): a code of an invalidated certificate fails');
UPDATE nft.certificates SET is_valid = true WHERE id = 10;
SELECT tests.act_as_role('chain_app');
SELECT is(nft.redeem_certificate_code('GOLD-CODE-0002'), 10::bigint, 'nft.redeem_certificate_code(): the backend redeems for a user-less client');
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificate_codes WHERE is_used), 2, 'nft.certificate_codes.certificate_codes_select_app: the backend reads code states');
SELECT throws_ok($$SELECT verification_code_hash FROM nft.certificate_codes$$, '42501', NULL, 'nft.certificate_codes: the backend cannot read hashes');
SELECT throws_ok($$UPDATE nft.certificate_codes SET is_used = false, used_at = NULL, used_by = NULL$$, '42501', NULL, 'nft.certificate_codes: the backend cannot reset a code');
SELECT throws_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash) VALUES (10, sha256('y'))$$, '42501', NULL, 'nft.certificate_codes: the backend inserts only through nft.add_certificate_code()');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificate_codes), 2, 'nft.certificate_codes.certificate_codes_select_readonly: reporting reads code states');
SELECT throws_ok($$SELECT verification_code_hash FROM nft.certificate_codes$$, '42501', NULL, 'nft.certificate_codes: reporting cannot read hashes');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificate_codes), 2, 'nft.certificate_codes.certificate_codes_select_owner: the definer functions read codes');
SELECT lives_ok($$INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash) VALUES (10, sha256('owner-code'))$$, 'nft.certificate_codes.certificate_codes_insert_owner: nft.add_certificate_code() inserts as chain_owner');
SELECT lives_ok($$UPDATE nft.certificate_codes SET is_used = true, used_at = now() WHERE verification_code_hash = sha256('owner-code')$$, 'nft.certificate_codes.certificate_codes_update_owner: nft.redeem_certificate_code() updates as chain_owner');
RESET ROLE;
DELETE FROM nft.certificates WHERE id = 10;
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificate_codes), 0, 'nft.certificate_codes.certificate_codes_certificate_id_fkey: codes go with their certificate (CASCADE)');

SELECT * FROM finish();
ROLLBACK;
