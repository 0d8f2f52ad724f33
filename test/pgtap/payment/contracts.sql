-- pgTAP: payment/contracts — structure, constraints, audit, RLS for the two parties.
BEGIN;
SELECT plan(121);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('payment.contracts');

-- structure (from the deployed catalog)
SELECT has_table('payment', 'contracts', 'payment.contracts: exists');
SELECT table_owner_is('payment', 'contracts', 'chain_owner', 'payment.contracts: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('payment.contracts'::regclass, 'pg_class') IS NOT NULL, 'payment.contracts: has a comment');
SELECT columns_are('payment', 'contracts', ARRAY['id', 'contract_address', 'product_id', 'buyer_id', 'seller_id', 'amount', 'currency', 'status', 'expires_at', 'tx_hash', 'block_number', 'created_at', 'updated_at'], 'payment.contracts: exactly these columns');
SELECT col_type_is('payment', 'contracts', c, ty, 'payment.contracts.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('contract_address', 'text'), ('product_id', 'bigint'), ('buyer_id', 'bigint'), ('seller_id', 'bigint'), ('amount', 'numeric(36,18)'), ('currency', 'text'), ('status', 'token.transaction_status'), ('expires_at', 'timestamp with time zone'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('payment', 'contracts', c, 'payment.contracts.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'contract_address', 'product_id', 'buyer_id', 'seller_id', 'amount', 'currency', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('payment', 'contracts', c, 'payment.contracts.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['expires_at', 'tx_hash', 'block_number']::name[]) AS c;
SELECT ok(pg_catalog.col_description('payment.contracts'::regclass, a.attnum) IS NOT NULL, 'payment.contracts.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'payment.contracts'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'payment.contracts'::regclass$$,
              ARRAY['contracts_amount_check', 'contracts_block_number_check', 'contracts_buyer_id_fkey', 'contracts_contract_address_check', 'contracts_contract_address_key', 'contracts_currency_check', 'contracts_distinct_parties', 'contracts_expiry_after_creation', 'contracts_pkey', 'contracts_product_id_fkey', 'contracts_seller_id_fkey', 'contracts_tx_hash_check', 'contracts_tx_hash_key'], 'payment.contracts: constraints ' || 'contracts_amount_check, contracts_block_number_check, contracts_buyer_id_fkey, contracts_contract_address_check, contracts_contract_address_key, contracts_currency_check, contracts_distinct_parties, contracts_expiry_after_creation, contracts_pkey, contracts_product_id_fkey, contracts_seller_id_fkey, contracts_tx_hash_check, contracts_tx_hash_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'payment.contracts'::regclass AND conname = 'contracts_distinct_parties'), 'pg_constraint') IS NOT NULL, 'payment.contracts.contracts_distinct_parties: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'payment.contracts'::regclass AND conname = 'contracts_expiry_after_creation'), 'pg_constraint') IS NOT NULL, 'payment.contracts.contracts_expiry_after_creation: has a comment');
SELECT indexes_are('payment', 'contracts', ARRAY['contracts_buyer_id_idx', 'contracts_contract_address_key', 'contracts_pkey', 'contracts_product_id_idx', 'contracts_seller_id_idx', 'contracts_status_idx', 'contracts_tx_hash_key']::name[], 'payment.contracts: indexes ' || 'contracts_buyer_id_idx, contracts_contract_address_key, contracts_pkey, contracts_product_id_idx, contracts_seller_id_idx, contracts_status_idx, contracts_tx_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_buyer_id_idx'::regclass), 'CREATE INDEX contracts_buyer_id_idx ON payment.contracts USING btree (buyer_id)', 'payment.contracts.contracts_buyer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_contract_address_key'::regclass), 'CREATE UNIQUE INDEX contracts_contract_address_key ON payment.contracts USING btree (contract_address)', 'payment.contracts.contracts_contract_address_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_pkey'::regclass), 'CREATE UNIQUE INDEX contracts_pkey ON payment.contracts USING btree (id)', 'payment.contracts.contracts_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_product_id_idx'::regclass), 'CREATE INDEX contracts_product_id_idx ON payment.contracts USING btree (product_id)', 'payment.contracts.contracts_product_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_seller_id_idx'::regclass), 'CREATE INDEX contracts_seller_id_idx ON payment.contracts USING btree (seller_id)', 'payment.contracts.contracts_seller_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_status_idx'::regclass), 'CREATE INDEX contracts_status_idx ON payment.contracts USING btree (status)', 'payment.contracts.contracts_status_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.contracts_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX contracts_tx_hash_key ON payment.contracts USING btree (tx_hash)', 'payment.contracts.contracts_tx_hash_key: definition');
SELECT triggers_are('payment', 'contracts', ARRAY['audit_capture', 'audit_capture_truncate', 'contracts_amount_covers_escrow', 'contracts_set_updated_at']::name[], 'payment.contracts: triggers ' || 'audit_capture, audit_capture_truncate, contracts_amount_covers_escrow, contracts_set_updated_at');
SELECT trigger_is('payment', 'contracts', 'audit_capture', 'audit', 'capture', 'payment.contracts.audit_capture: calls audit.capture()');
SELECT trigger_is('payment', 'contracts', 'audit_capture_truncate', 'audit', 'capture_statement', 'payment.contracts.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('payment', 'contracts', 'contracts_amount_covers_escrow', 'payment', 'check_contract_amount', 'payment.contracts.contracts_amount_covers_escrow: calls payment.check_contract_amount()');
SELECT trigger_is('payment', 'contracts', 'contracts_set_updated_at', 'core', 'set_updated_at', 'payment.contracts.contracts_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'payment.contracts'::regclass), 'payment.contracts: RLS enabled and forced');
SELECT policies_are('payment', 'contracts', ARRAY['contracts_delete_app', 'contracts_insert_app', 'contracts_select_app', 'contracts_select_owner', 'contracts_select_party', 'contracts_select_readonly', 'contracts_update_app']::name[], 'payment.contracts: policies');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_delete_app'::name, 'delete', 'payment.contracts.contracts_delete_app: FOR delete');
SELECT policy_roles_are('payment', 'contracts', 'contracts_delete_app', ARRAY['chain_app']::name[], 'payment.contracts.contracts_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_delete_app'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_delete_app: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_insert_app'::name, 'insert', 'payment.contracts.contracts_insert_app: FOR insert');
SELECT policy_roles_are('payment', 'contracts', 'contracts_insert_app', ARRAY['chain_app']::name[], 'payment.contracts.contracts_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_insert_app'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_insert_app: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_select_app'::name, 'select', 'payment.contracts.contracts_select_app: FOR select');
SELECT policy_roles_are('payment', 'contracts', 'contracts_select_app', ARRAY['chain_app']::name[], 'payment.contracts.contracts_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_select_app'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_select_app: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_select_owner'::name, 'select', 'payment.contracts.contracts_select_owner: FOR select');
SELECT policy_roles_are('payment', 'contracts', 'contracts_select_owner', ARRAY['chain_owner']::name[], 'payment.contracts.contracts_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_select_owner'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_select_owner: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_select_party'::name, 'select', 'payment.contracts.contracts_select_party: FOR select');
SELECT policy_roles_are('payment', 'contracts', 'contracts_select_party', ARRAY['chain_user']::name[], 'payment.contracts.contracts_select_party: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_select_party'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_select_party: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_select_readonly'::name, 'select', 'payment.contracts.contracts_select_readonly: FOR select');
SELECT policy_roles_are('payment', 'contracts', 'contracts_select_readonly', ARRAY['chain_readonly']::name[], 'payment.contracts.contracts_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_select_readonly'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_select_readonly: has a comment');
SELECT policy_cmd_is('payment', 'contracts', 'contracts_update_app'::name, 'update', 'payment.contracts.contracts_update_app: FOR update');
SELECT policy_roles_are('payment', 'contracts', 'contracts_update_app', ARRAY['chain_app']::name[], 'payment.contracts.contracts_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass AND polname = 'contracts_update_app'), 'pg_policy') IS NOT NULL, 'payment.contracts.contracts_update_app: has a comment');
SELECT table_privs_are('payment', 'contracts', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'payment.contracts: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('payment', 'contracts', 'chain_user', ARRAY['SELECT'], 'payment.contracts: chain_user has SELECT');
SELECT table_privs_are('payment', 'contracts', 'chain_readonly', ARRAY['SELECT'], 'payment.contracts: chain_readonly has SELECT');
SELECT table_privs_are('payment', 'contracts', 'chain_analytics', ARRAY[]::text[], 'payment.contracts: chain_analytics has nothing');
SELECT table_privs_are('payment', 'contracts', 'public', ARRAY[]::text[], 'payment.contracts: public has nothing');

-- fixture, inserted as the test's owner: buyer 1, seller 2, outsider 3; a product; one contract
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 2, 'B-1', '2026-01-01');
INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('a', 40), 100, 1, 2, 1000);

-- behaviour: constraints
SELECT is((SELECT currency || '/' || status FROM payment.contracts), 'TRACE/pending', 'payment.contracts: TRACE and pending by default');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('a', 40), 100, 1, 2, 1)$$, '23505', NULL, 'payment.contracts.contracts_contract_address_key: rejects an address twice');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0xAA', 100, 1, 2, 1)$$, '23514', NULL, 'payment.contracts.contracts_contract_address_check: rejects a malformed address');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('b', 40), 100, 1, 1, 1)$$, '23514', NULL, 'payment.contracts.contracts_distinct_parties: rejects buyer = seller');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 0)$$, '23514', NULL, 'payment.contracts.contracts_amount_check: rejects a zero amount');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount, currency) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 1, 'trace')$$, '23514', NULL, 'payment.contracts.contracts_currency_check: rejects a lower-case currency');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount, expires_at) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 1, now() - interval '1 hour')$$, '23514', NULL, 'payment.contracts.contracts_expiry_after_creation: rejects an expiry in the past');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount, tx_hash) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 1, '0x1')$$, '23514', NULL, 'payment.contracts.contracts_tx_hash_check: rejects a malformed hash');
UPDATE payment.contracts SET tx_hash = '0x' || repeat('d', 64);
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount, tx_hash) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 1, '0x' || repeat('d', 64))$$, '23505', NULL, 'payment.contracts.contracts_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount, block_number) VALUES ('0x' || repeat('b', 40), 100, 1, 2, 1, -1)$$, '23514', NULL, 'payment.contracts.contracts_block_number_check: rejects a negative block');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('b', 40), 999, 1, 2, 1)$$, '23503', NULL, 'payment.contracts.contracts_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('b', 40), 100, 99, 2, 1)$$, '23503', NULL, 'payment.contracts.contracts_buyer_id_fkey: rejects an unknown buyer');
SELECT throws_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('b', 40), 100, 1, 99, 1)$$, '23503', NULL, 'payment.contracts.contracts_seller_id_fkey: rejects an unknown seller');
SELECT throws_ok($$DELETE FROM trace.products WHERE product_id = 100$$, '23503', NULL, 'payment.contracts.contracts_product_id_fkey: a product with contracts cannot be deleted');
UPDATE payment.contracts SET updated_at = '2000-01-01';
SELECT is((SELECT updated_at FROM payment.contracts), now(), 'payment.contracts.contracts_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'payment' AND table_name = 'contracts'), 2, 'payment.contracts.audit_capture: contracts are audited');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.contracts), 1, 'payment.contracts.contracts_select_party: the buyer reads it');
SELECT throws_ok($$UPDATE payment.contracts SET amount = 1$$, '42501', NULL, 'payment.contracts: a party cannot change it');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.contracts), 1, 'payment.contracts.contracts_select_party: the seller reads it');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.contracts), 0, 'payment.contracts.contracts_select_party: an outsider sees nothing');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.contracts), 1, 'payment.contracts.contracts_select_readonly: reporting reads every contract');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.contracts), 1, 'payment.contracts.contracts_select_app: the backend reads every contract');
SELECT lives_ok($$INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount) VALUES ('0x' || repeat('c', 40), 100, 3, 2, 5)$$, 'payment.contracts.contracts_insert_app: the backend records contracts');
SELECT lives_ok($$UPDATE payment.contracts SET status = 'cancelled' WHERE buyer_id = 3$$, 'payment.contracts.contracts_update_app: the backend updates status');
SELECT lives_ok($$DELETE FROM payment.contracts WHERE buyer_id = 3$$, 'payment.contracts.contracts_delete_app: the backend deletes a contract without escrow');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
