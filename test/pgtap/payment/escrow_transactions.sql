-- pgTAP: payment/escrow_transactions — the counted escrow sum never above the contract, RLS through the contract.
BEGIN;
SELECT plan(144);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('payment.escrow_transactions');
SELECT tests.function_conventions('payment.check_escrow_total()');
SELECT tests.function_conventions('payment.check_contract_amount()');

-- structure (from the deployed catalog)
SELECT has_table('payment', 'escrow_transactions', 'payment.escrow_transactions: exists');
SELECT table_owner_is('payment', 'escrow_transactions', 'chain_owner', 'payment.escrow_transactions: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('payment.escrow_transactions'::regclass, 'pg_class') IS NOT NULL, 'payment.escrow_transactions: has a comment');
SELECT columns_are('payment', 'escrow_transactions', ARRAY['id', 'payment_contract_id', 'amount', 'status', 'created_at', 'released_at', 'released_by', 'tx_hash', 'metadata'], 'payment.escrow_transactions: exactly these columns');
SELECT col_type_is('payment', 'escrow_transactions', c, ty, 'payment.escrow_transactions.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('payment_contract_id', 'bigint'), ('amount', 'numeric(36,18)'), ('status', 'token.transaction_status'), ('created_at', 'timestamp with time zone'), ('released_at', 'timestamp with time zone'), ('released_by', 'bigint'), ('tx_hash', 'text'), ('metadata', 'jsonb')) AS v (c, ty);
SELECT col_not_null('payment', 'escrow_transactions', c, 'payment.escrow_transactions.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'payment_contract_id', 'amount', 'status', 'created_at', 'metadata']::name[]) AS c;
SELECT col_is_null('payment', 'escrow_transactions', c, 'payment.escrow_transactions.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['released_at', 'released_by', 'tx_hash']::name[]) AS c;
SELECT ok(pg_catalog.col_description('payment.escrow_transactions'::regclass, a.attnum) IS NOT NULL, 'payment.escrow_transactions.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'payment.escrow_transactions'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'payment.escrow_transactions'::regclass$$,
              ARRAY['escrow_transactions_amount_check', 'escrow_transactions_metadata_check', 'escrow_transactions_payment_contract_id_fkey', 'escrow_transactions_pkey', 'escrow_transactions_release_consistent', 'escrow_transactions_released_by_fkey', 'escrow_transactions_tx_hash_check', 'escrow_transactions_tx_hash_key'], 'payment.escrow_transactions: constraints ' || 'escrow_transactions_amount_check, escrow_transactions_metadata_check, escrow_transactions_payment_contract_id_fkey, escrow_transactions_pkey, escrow_transactions_release_consistent, escrow_transactions_released_by_fkey, escrow_transactions_tx_hash_check, escrow_transactions_tx_hash_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'payment.escrow_transactions'::regclass AND conname = 'escrow_transactions_release_consistent'), 'pg_constraint') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_release_consistent: has a comment');
SELECT indexes_are('payment', 'escrow_transactions', ARRAY['escrow_transactions_payment_contract_id_idx', 'escrow_transactions_pkey', 'escrow_transactions_released_by_idx', 'escrow_transactions_status_idx', 'escrow_transactions_tx_hash_key']::name[], 'payment.escrow_transactions: indexes ' || 'escrow_transactions_payment_contract_id_idx, escrow_transactions_pkey, escrow_transactions_released_by_idx, escrow_transactions_status_idx, escrow_transactions_tx_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('payment.escrow_transactions_payment_contract_id_idx'::regclass), 'CREATE INDEX escrow_transactions_payment_contract_id_idx ON payment.escrow_transactions USING btree (payment_contract_id)', 'payment.escrow_transactions.escrow_transactions_payment_contract_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.escrow_transactions_pkey'::regclass), 'CREATE UNIQUE INDEX escrow_transactions_pkey ON payment.escrow_transactions USING btree (id)', 'payment.escrow_transactions.escrow_transactions_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.escrow_transactions_released_by_idx'::regclass), 'CREATE INDEX escrow_transactions_released_by_idx ON payment.escrow_transactions USING btree (released_by)', 'payment.escrow_transactions.escrow_transactions_released_by_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.escrow_transactions_status_idx'::regclass), 'CREATE INDEX escrow_transactions_status_idx ON payment.escrow_transactions USING btree (status)', 'payment.escrow_transactions.escrow_transactions_status_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('payment.escrow_transactions_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX escrow_transactions_tx_hash_key ON payment.escrow_transactions USING btree (tx_hash)', 'payment.escrow_transactions.escrow_transactions_tx_hash_key: definition');
SELECT triggers_are('payment', 'escrow_transactions', ARRAY['audit_capture', 'audit_capture_truncate', 'escrow_transactions_within_contract']::name[], 'payment.escrow_transactions: triggers ' || 'audit_capture, audit_capture_truncate, escrow_transactions_within_contract');
SELECT trigger_is('payment', 'escrow_transactions', 'audit_capture', 'audit', 'capture', 'payment.escrow_transactions.audit_capture: calls audit.capture()');
SELECT trigger_is('payment', 'escrow_transactions', 'audit_capture_truncate', 'audit', 'capture_statement', 'payment.escrow_transactions.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('payment', 'escrow_transactions', 'escrow_transactions_within_contract', 'payment', 'check_escrow_total', 'payment.escrow_transactions.escrow_transactions_within_contract: calls payment.check_escrow_total()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'payment.escrow_transactions'::regclass), 'payment.escrow_transactions: RLS enabled and forced');
SELECT policies_are('payment', 'escrow_transactions', ARRAY['escrow_transactions_delete_app', 'escrow_transactions_insert_app', 'escrow_transactions_select_app', 'escrow_transactions_select_owner', 'escrow_transactions_select_party', 'escrow_transactions_select_readonly', 'escrow_transactions_update_app']::name[], 'payment.escrow_transactions: policies');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_delete_app'::name, 'delete', 'payment.escrow_transactions.escrow_transactions_delete_app: FOR delete');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_delete_app', ARRAY['chain_app']::name[], 'payment.escrow_transactions.escrow_transactions_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_delete_app'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_delete_app: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_insert_app'::name, 'insert', 'payment.escrow_transactions.escrow_transactions_insert_app: FOR insert');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_insert_app', ARRAY['chain_app']::name[], 'payment.escrow_transactions.escrow_transactions_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_insert_app'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_insert_app: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_select_app'::name, 'select', 'payment.escrow_transactions.escrow_transactions_select_app: FOR select');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_select_app', ARRAY['chain_app']::name[], 'payment.escrow_transactions.escrow_transactions_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_select_app'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_select_app: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_select_owner'::name, 'select', 'payment.escrow_transactions.escrow_transactions_select_owner: FOR select');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_select_owner', ARRAY['chain_owner']::name[], 'payment.escrow_transactions.escrow_transactions_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_select_owner'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_select_owner: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_select_party'::name, 'select', 'payment.escrow_transactions.escrow_transactions_select_party: FOR select');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_select_party', ARRAY['chain_user']::name[], 'payment.escrow_transactions.escrow_transactions_select_party: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_select_party'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_select_party: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_select_readonly'::name, 'select', 'payment.escrow_transactions.escrow_transactions_select_readonly: FOR select');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_select_readonly', ARRAY['chain_readonly']::name[], 'payment.escrow_transactions.escrow_transactions_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_select_readonly'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_select_readonly: has a comment');
SELECT policy_cmd_is('payment', 'escrow_transactions', 'escrow_transactions_update_app'::name, 'update', 'payment.escrow_transactions.escrow_transactions_update_app: FOR update');
SELECT policy_roles_are('payment', 'escrow_transactions', 'escrow_transactions_update_app', ARRAY['chain_app']::name[], 'payment.escrow_transactions.escrow_transactions_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass AND polname = 'escrow_transactions_update_app'), 'pg_policy') IS NOT NULL, 'payment.escrow_transactions.escrow_transactions_update_app: has a comment');
SELECT table_privs_are('payment', 'escrow_transactions', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'payment.escrow_transactions: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('payment', 'escrow_transactions', 'chain_user', ARRAY['SELECT'], 'payment.escrow_transactions: chain_user has SELECT');
SELECT table_privs_are('payment', 'escrow_transactions', 'chain_readonly', ARRAY['SELECT'], 'payment.escrow_transactions: chain_readonly has SELECT');
SELECT table_privs_are('payment', 'escrow_transactions', 'chain_analytics', ARRAY[]::text[], 'payment.escrow_transactions: chain_analytics has nothing');
SELECT table_privs_are('payment', 'escrow_transactions', 'public', ARRAY[]::text[], 'payment.escrow_transactions: public has nothing');
SELECT has_function('payment', 'check_escrow_total', ARRAY[]::name[], 'payment.check_escrow_total(): exists');
SELECT function_owner_is('payment', 'check_escrow_total', ARRAY[]::name[], 'chain_owner', 'payment.check_escrow_total(): owned by chain_owner');
SELECT isnt_definer('payment', 'check_escrow_total', ARRAY[]::name[], 'payment.check_escrow_total(): SECURITY INVOKER');
SELECT volatility_is('payment', 'check_escrow_total', ARRAY[]::name[], 'volatile', 'payment.check_escrow_total(): volatile');
SELECT is(pg_catalog.pg_get_function_result('payment.check_escrow_total()'::regprocedure), 'trigger', 'payment.check_escrow_total(): returns ' || 'trigger');
SELECT ok(pg_catalog.obj_description('payment.check_escrow_total()'::regprocedure, 'pg_proc') IS NOT NULL, 'payment.check_escrow_total(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'payment.check_escrow_total()'::regprocedure), 'payment.check_escrow_total(): search_path pinned');
SELECT function_privs_are('payment', 'check_escrow_total', ARRAY[]::name[], 'public', ARRAY[]::text[], 'payment.check_escrow_total(): public cannot execute');
SELECT function_privs_are('payment', 'check_escrow_total', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'payment.check_escrow_total(): chain_app cannot execute');
SELECT function_privs_are('payment', 'check_escrow_total', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'payment.check_escrow_total(): chain_user cannot execute');
SELECT function_privs_are('payment', 'check_escrow_total', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'payment.check_escrow_total(): chain_readonly cannot execute');
SELECT function_privs_are('payment', 'check_escrow_total', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'payment.check_escrow_total(): chain_analytics cannot execute');
SELECT has_function('payment', 'check_contract_amount', ARRAY[]::name[], 'payment.check_contract_amount(): exists');
SELECT function_owner_is('payment', 'check_contract_amount', ARRAY[]::name[], 'chain_owner', 'payment.check_contract_amount(): owned by chain_owner');
SELECT isnt_definer('payment', 'check_contract_amount', ARRAY[]::name[], 'payment.check_contract_amount(): SECURITY INVOKER');
SELECT volatility_is('payment', 'check_contract_amount', ARRAY[]::name[], 'volatile', 'payment.check_contract_amount(): volatile');
SELECT is(pg_catalog.pg_get_function_result('payment.check_contract_amount()'::regprocedure), 'trigger', 'payment.check_contract_amount(): returns ' || 'trigger');
SELECT ok(pg_catalog.obj_description('payment.check_contract_amount()'::regprocedure, 'pg_proc') IS NOT NULL, 'payment.check_contract_amount(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'payment.check_contract_amount()'::regprocedure), 'payment.check_contract_amount(): search_path pinned');
SELECT function_privs_are('payment', 'check_contract_amount', ARRAY[]::name[], 'public', ARRAY[]::text[], 'payment.check_contract_amount(): public cannot execute');
SELECT function_privs_are('payment', 'check_contract_amount', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'payment.check_contract_amount(): chain_app cannot execute');
SELECT function_privs_are('payment', 'check_contract_amount', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'payment.check_contract_amount(): chain_user cannot execute');
SELECT function_privs_are('payment', 'check_contract_amount', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'payment.check_contract_amount(): chain_readonly cannot execute');
SELECT function_privs_are('payment', 'check_contract_amount', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'payment.check_contract_amount(): chain_analytics cannot execute');

SELECT trigger_is('payment', 'contracts', 'contracts_amount_covers_escrow', 'payment', 'check_contract_amount', 'payment.contracts.contracts_amount_covers_escrow: calls payment.check_contract_amount()');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_trigger WHERE tgname = 'contracts_amount_covers_escrow'), 'pg_trigger') IS NOT NULL, 'payment.contracts.contracts_amount_covers_escrow: has a comment');

-- fixture, inserted as the test's owner: buyer 1, seller 2, outsider 3; a contract of 1000
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 2, 'B-1', '2026-01-01');
INSERT INTO payment.contracts (id, contract_address, product_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE
VALUES (7, '0x' || repeat('a', 40), 100, 1, 2, 1000);
INSERT INTO payment.escrow_transactions (payment_contract_id, amount, status) VALUES (7, 600, 'confirmed');

-- behaviour: the sum rule
SELECT lives_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount) VALUES (7, 400)$$, 'payment.check_escrow_total(): accepts exactly the contract amount');
SELECT throws_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount) VALUES (7, 0.000000000000000001)$$, '23514',
                 'payment.escrow_transactions: escrow amounts 1000.000000000000000000 + 0.000000000000000001 exceed the amount 1000.000000000000000000 of contract 7',
                 'payment.check_escrow_total(): rejects one wei above the contract amount');
SELECT lives_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount, status) VALUES (7, 5000, 'failed')$$, 'payment.check_escrow_total(): a failed escrow does not count');
SELECT lives_ok($$UPDATE payment.escrow_transactions SET status = 'cancelled' WHERE amount = 400$$, 'payment.check_escrow_total(): cancelling frees its amount');
SELECT lives_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount) VALUES (7, 300)$$, 'payment.check_escrow_total(): the freed room can be used');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET status = 'pending' WHERE amount = 400$$, '23514', NULL, 'payment.check_escrow_total(): reviving a cancelled escrow over the total is rejected');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET amount = 401 WHERE amount = 300$$, '23514', NULL, 'payment.check_escrow_total(): raising an amount over the total is rejected');
SELECT throws_ok($$UPDATE payment.contracts SET amount = 899 WHERE id = 7$$, '23514', 'payment.contracts: amount 899.000000000000000000 of contract 7 is below its escrowed total 900.000000000000000000',
                 'payment.check_contract_amount(): rejects lowering the contract below its escrow');
SELECT lives_ok($$UPDATE payment.contracts SET amount = 900 WHERE id = 7$$, 'payment.check_contract_amount(): accepts lowering it to exactly the escrow');
SELECT is((SELECT pg_catalog.sum(amount) FROM payment.escrow_transactions WHERE status NOT IN ('failed', 'cancelled')), 900::numeric, 'payment.escrow_transactions: the counted sum equals the contract amount at most');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount, status) VALUES (7, 0, 'failed')$$, '23514', NULL, 'payment.escrow_transactions.escrow_transactions_amount_check: rejects zero');
SELECT throws_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount) VALUES (99, 1)$$, '23503', NULL, 'payment.escrow_transactions.escrow_transactions_payment_contract_id_fkey: rejects an unknown contract');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET released_at = now() WHERE amount = 600$$, '23514', NULL, 'payment.escrow_transactions.escrow_transactions_release_consistent: rejects a release without who');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET released_at = now(), released_by = 99 WHERE amount = 600$$, '23503', NULL, 'payment.escrow_transactions.escrow_transactions_released_by_fkey: rejects an unknown releaser');
SELECT lives_ok($$UPDATE payment.escrow_transactions SET released_at = now(), released_by = 1 WHERE amount = 600$$, 'payment.escrow_transactions: accepts a release with time and user');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET tx_hash = 'x' WHERE amount = 600$$, '23514', NULL, 'payment.escrow_transactions.escrow_transactions_tx_hash_check: rejects a malformed hash');
UPDATE payment.escrow_transactions SET tx_hash = '0x' || repeat('e', 64) WHERE amount = 600;
SELECT throws_ok($$UPDATE payment.escrow_transactions SET tx_hash = '0x' || repeat('e', 64) WHERE amount = 300$$, '23505', NULL, 'payment.escrow_transactions.escrow_transactions_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET metadata = '1' WHERE amount = 300$$, '23514', NULL, 'payment.escrow_transactions.escrow_transactions_metadata_check: rejects a non-object');
SELECT throws_ok($$DELETE FROM payment.contracts WHERE id = 7$$, '23503', NULL, 'payment.escrow_transactions.escrow_transactions_payment_contract_id_fkey: a contract with escrow cannot be deleted (history)');
SELECT ok((SELECT pg_catalog.count(*) FROM audit.logs WHERE table_schema = 'payment' AND table_name = 'escrow_transactions') >= 6, 'payment.escrow_transactions.audit_capture: escrow transactions are audited');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.escrow_transactions), 4, 'payment.escrow_transactions.escrow_transactions_select_party: the buyer reads its contract''s escrow');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.escrow_transactions), 4, 'payment.escrow_transactions.escrow_transactions_select_party: the seller reads it');
SELECT throws_ok($$UPDATE payment.escrow_transactions SET status = 'confirmed'$$, '42501', NULL, 'payment.escrow_transactions: a party cannot change escrow');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.escrow_transactions), 0, 'payment.escrow_transactions.escrow_transactions_select_party: an outsider sees nothing');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.escrow_transactions), 4, 'payment.escrow_transactions.escrow_transactions_select_readonly: reporting reads every row');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM payment.escrow_transactions), 4, 'payment.escrow_transactions.escrow_transactions_select_app: the backend reads every row');
SELECT throws_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount) VALUES (7, 1)$$, '23514', NULL, 'payment.check_escrow_total(): enforced for the backend (it locks the contract)');
SELECT lives_ok($$INSERT INTO payment.escrow_transactions (payment_contract_id, amount, status) VALUES (7, 1, 'failed')$$, 'payment.escrow_transactions.escrow_transactions_insert_app: the backend records escrow');
SELECT lives_ok($$UPDATE payment.escrow_transactions SET status = 'cancelled' WHERE amount = 1$$, 'payment.escrow_transactions.escrow_transactions_update_app: the backend updates escrow');
SELECT lives_ok($$DELETE FROM payment.escrow_transactions WHERE amount = 1$$, 'payment.escrow_transactions.escrow_transactions_delete_app: the backend deletes escrow');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
