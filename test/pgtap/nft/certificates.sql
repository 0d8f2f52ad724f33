-- pgTAP: nft/certificates — structure, constraints, audit, readable by everyone.
BEGIN;
SELECT plan(118);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('nft.certificates');

-- structure (from the deployed catalog)
SELECT has_table('nft', 'certificates', 'nft.certificates: exists');
SELECT table_owner_is('nft', 'certificates', 'chain_owner', 'nft.certificates: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('nft.certificates'::regclass, 'pg_class') IS NOT NULL, 'nft.certificates: has a comment');
SELECT columns_are('nft', 'certificates', ARRAY['id', 'token_id', 'product_id', 'owner_id', 'certificate_type', 'metadata_uri', 'is_valid', 'minted_at', 'transferred_at', 'contract_address', 'tx_hash', 'block_number', 'updated_at'], 'nft.certificates: exactly these columns');
SELECT col_type_is('nft', 'certificates', c, ty, 'nft.certificates.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('token_id', 'numeric(78,0)'), ('product_id', 'bigint'), ('owner_id', 'bigint'), ('certificate_type', 'nft.certificate_type'), ('metadata_uri', 'text'), ('is_valid', 'boolean'), ('minted_at', 'timestamp with time zone'), ('transferred_at', 'timestamp with time zone'), ('contract_address', 'text'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('nft', 'certificates', c, 'nft.certificates.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'token_id', 'product_id', 'owner_id', 'certificate_type', 'metadata_uri', 'is_valid', 'minted_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('nft', 'certificates', c, 'nft.certificates.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['transferred_at', 'contract_address', 'tx_hash', 'block_number']::name[]) AS c;
SELECT ok(pg_catalog.col_description('nft.certificates'::regclass, a.attnum) IS NOT NULL, 'nft.certificates.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'nft.certificates'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'nft.certificates'::regclass$$,
              ARRAY['certificates_block_number_check', 'certificates_contract_address_check', 'certificates_metadata_uri_check', 'certificates_owner_id_fkey', 'certificates_pkey', 'certificates_product_id_fkey', 'certificates_token_id_check', 'certificates_token_id_key', 'certificates_transfer_after_mint', 'certificates_tx_hash_check', 'certificates_tx_hash_key'], 'nft.certificates: constraints ' || 'certificates_block_number_check, certificates_contract_address_check, certificates_metadata_uri_check, certificates_owner_id_fkey, certificates_pkey, certificates_product_id_fkey, certificates_token_id_check, certificates_token_id_key, certificates_transfer_after_mint, certificates_tx_hash_check, certificates_tx_hash_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'nft.certificates'::regclass AND conname = 'certificates_transfer_after_mint'), 'pg_constraint') IS NOT NULL, 'nft.certificates.certificates_transfer_after_mint: has a comment');
SELECT indexes_are('nft', 'certificates', ARRAY['certificates_owner_id_idx', 'certificates_pkey', 'certificates_product_id_idx', 'certificates_token_id_key', 'certificates_tx_hash_key', 'certificates_valid_product_idx']::name[], 'nft.certificates: indexes ' || 'certificates_owner_id_idx, certificates_pkey, certificates_product_id_idx, certificates_token_id_key, certificates_tx_hash_key, certificates_valid_product_idx');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_owner_id_idx'::regclass), 'CREATE INDEX certificates_owner_id_idx ON nft.certificates USING btree (owner_id)', 'nft.certificates.certificates_owner_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_pkey'::regclass), 'CREATE UNIQUE INDEX certificates_pkey ON nft.certificates USING btree (id)', 'nft.certificates.certificates_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_product_id_idx'::regclass), 'CREATE INDEX certificates_product_id_idx ON nft.certificates USING btree (product_id)', 'nft.certificates.certificates_product_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_token_id_key'::regclass), 'CREATE UNIQUE INDEX certificates_token_id_key ON nft.certificates USING btree (token_id)', 'nft.certificates.certificates_token_id_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX certificates_tx_hash_key ON nft.certificates USING btree (tx_hash)', 'nft.certificates.certificates_tx_hash_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('nft.certificates_valid_product_idx'::regclass), 'CREATE INDEX certificates_valid_product_idx ON nft.certificates USING btree (product_id) WHERE is_valid', 'nft.certificates.certificates_valid_product_idx: definition');
SELECT triggers_are('nft', 'certificates', ARRAY['audit_capture', 'audit_capture_truncate', 'certificates_set_updated_at']::name[], 'nft.certificates: triggers ' || 'audit_capture, audit_capture_truncate, certificates_set_updated_at');
SELECT trigger_is('nft', 'certificates', 'audit_capture', 'audit', 'capture', 'nft.certificates.audit_capture: calls audit.capture()');
SELECT trigger_is('nft', 'certificates', 'audit_capture_truncate', 'audit', 'capture_statement', 'nft.certificates.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('nft', 'certificates', 'certificates_set_updated_at', 'core', 'set_updated_at', 'nft.certificates.certificates_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'nft.certificates'::regclass), 'nft.certificates: RLS enabled and forced');
SELECT policies_are('nft', 'certificates', ARRAY['certificates_delete_app', 'certificates_insert_app', 'certificates_select_all', 'certificates_select_app', 'certificates_select_owner', 'certificates_select_readonly', 'certificates_update_app']::name[], 'nft.certificates: policies');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_delete_app'::name, 'delete', 'nft.certificates.certificates_delete_app: FOR delete');
SELECT policy_roles_are('nft', 'certificates', 'certificates_delete_app', ARRAY['chain_app']::name[], 'nft.certificates.certificates_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_delete_app'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_delete_app: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_insert_app'::name, 'insert', 'nft.certificates.certificates_insert_app: FOR insert');
SELECT policy_roles_are('nft', 'certificates', 'certificates_insert_app', ARRAY['chain_app']::name[], 'nft.certificates.certificates_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_insert_app'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_insert_app: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_select_all'::name, 'select', 'nft.certificates.certificates_select_all: FOR select');
SELECT policy_roles_are('nft', 'certificates', 'certificates_select_all', ARRAY['chain_user']::name[], 'nft.certificates.certificates_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_select_all'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_select_all: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_select_app'::name, 'select', 'nft.certificates.certificates_select_app: FOR select');
SELECT policy_roles_are('nft', 'certificates', 'certificates_select_app', ARRAY['chain_app']::name[], 'nft.certificates.certificates_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_select_app'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_select_app: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_select_owner'::name, 'select', 'nft.certificates.certificates_select_owner: FOR select');
SELECT policy_roles_are('nft', 'certificates', 'certificates_select_owner', ARRAY['chain_owner']::name[], 'nft.certificates.certificates_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_select_owner'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_select_owner: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_select_readonly'::name, 'select', 'nft.certificates.certificates_select_readonly: FOR select');
SELECT policy_roles_are('nft', 'certificates', 'certificates_select_readonly', ARRAY['chain_readonly']::name[], 'nft.certificates.certificates_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_select_readonly'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_select_readonly: has a comment');
SELECT policy_cmd_is('nft', 'certificates', 'certificates_update_app'::name, 'update', 'nft.certificates.certificates_update_app: FOR update');
SELECT policy_roles_are('nft', 'certificates', 'certificates_update_app', ARRAY['chain_app']::name[], 'nft.certificates.certificates_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass AND polname = 'certificates_update_app'), 'pg_policy') IS NOT NULL, 'nft.certificates.certificates_update_app: has a comment');
SELECT table_privs_are('nft', 'certificates', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'nft.certificates: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('nft', 'certificates', 'chain_user', ARRAY['SELECT'], 'nft.certificates: chain_user has SELECT');
SELECT table_privs_are('nft', 'certificates', 'chain_readonly', ARRAY['SELECT'], 'nft.certificates: chain_readonly has SELECT');
SELECT table_privs_are('nft', 'certificates', 'chain_analytics', ARRAY[]::text[], 'nft.certificates: chain_analytics has nothing');
SELECT table_privs_are('nft', 'certificates', 'public', ARRAY[]::text[], 'nft.certificates: public has nothing');
SELECT enum_has_labels('nft', 'certificate_type', ARRAY['authenticity', 'compliance', 'ownership']::name[], 'nft.certificate_type: labels authenticity, compliance, ownership');
SELECT ok(pg_catalog.obj_description('nft.certificate_type'::regtype, 'pg_type') IS NOT NULL, 'nft.certificate_type: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'nft.certificate_type'::regtype), 'chain_owner', 'nft.certificate_type: owned by chain_owner');

-- fixture, inserted as the test's owner: two users, a product, a certificate
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'), (2, '0x2222222222222222222222222222222222222222');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Handbag', 'luxury', 1, 'B-1', '2026-01-01');
INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (1, 100, 1, 'authenticity', 'ipfs://cert1');

-- behaviour: constraints
SELECT lives_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (115792089237316195423570985008687907853269984665640564039457584007913129639935, 100, 1, 'ownership', 'ipfs://max')$$,
                'nft.certificates.token_id: holds the largest uint256');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (1, 100, 2, 'ownership', 'ipfs://x')$$, '23505', NULL, 'nft.certificates.certificates_token_id_key: rejects a token id twice');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (-1, 100, 2, 'ownership', 'ipfs://x')$$, '23514', NULL, 'nft.certificates.certificates_token_id_check: rejects a negative token id');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (2, 100, 2, 'ownership', 'x')$$, '23514', NULL, 'nft.certificates.certificates_metadata_uri_check: rejects a bare string');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (2, 100, 2, 'warranty', 'ipfs://x')$$, '22P02', NULL, 'nft.certificate_type: rejects an unknown type');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri, minted_at, transferred_at) VALUES (2, 100, 2, 'ownership', 'ipfs://x', now(), now() - interval '1 day')$$, '23514', NULL, 'nft.certificates.certificates_transfer_after_mint: rejects a transfer before minting');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri, contract_address) VALUES (2, 100, 2, 'ownership', 'ipfs://x', '0x')$$, '23514', NULL, 'nft.certificates.certificates_contract_address_check: rejects a malformed address');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri, tx_hash) VALUES (2, 100, 2, 'ownership', 'ipfs://x', '0x')$$, '23514', NULL, 'nft.certificates.certificates_tx_hash_check: rejects a malformed hash');
UPDATE nft.certificates SET tx_hash = '0x' || repeat('f', 64) WHERE token_id = 1;
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri, tx_hash) VALUES (2, 100, 2, 'ownership', 'ipfs://x', '0x' || repeat('f', 64))$$, '23505', NULL, 'nft.certificates.certificates_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri, block_number) VALUES (2, 100, 2, 'ownership', 'ipfs://x', -1)$$, '23514', NULL, 'nft.certificates.certificates_block_number_check: rejects a negative block');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (2, 999, 2, 'ownership', 'ipfs://x')$$, '23503', NULL, 'nft.certificates.certificates_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (2, 100, 99, 'ownership', 'ipfs://x')$$, '23503', NULL, 'nft.certificates.certificates_owner_id_fkey: rejects an unknown owner');
UPDATE nft.certificates SET updated_at = '2000-01-01' WHERE token_id = 1;
SELECT is((SELECT updated_at FROM nft.certificates WHERE token_id = 1), now(), 'nft.certificates.certificates_set_updated_at: fires on update');
SELECT ok((SELECT pg_catalog.count(*) FROM audit.logs WHERE table_schema = 'nft' AND table_name = 'certificates') >= 3, 'nft.certificates.audit_capture: certificates are audited');

-- behaviour: RLS
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificates), 2, 'nft.certificates.certificates_select_all: anyone may verify every certificate');
SELECT throws_ok($$UPDATE nft.certificates SET owner_id = 2$$, '42501', NULL, 'nft.certificates: an end user cannot transfer a certificate');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificates), 2, 'nft.certificates.certificates_select_readonly: reporting reads every certificate');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificates), 2, 'nft.certificates.certificates_select_app: the backend reads every certificate');
SELECT lives_ok($$UPDATE nft.certificates SET owner_id = 2, transferred_at = now() WHERE token_id = 1$$, 'nft.certificates.certificates_update_app: the backend records a transfer');
SELECT lives_ok($$INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri) VALUES (3, 100, 2, 'compliance', 'ipfs://c3')$$, 'nft.certificates.certificates_insert_app: the backend records a mint');
SELECT lives_ok($$DELETE FROM nft.certificates WHERE token_id = 3$$, 'nft.certificates.certificates_delete_app: the backend deletes');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM nft.certificates), 2, 'nft.certificates.certificates_select_owner: chain_owner reads every certificate');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
