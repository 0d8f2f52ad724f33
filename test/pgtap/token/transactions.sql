-- pgTAP: token/transactions — structure, constraints, audit, change feed, own-row RLS.
BEGIN;
SELECT plan(130);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('token.transactions');

-- structure (from the deployed catalog)
SELECT has_table('token', 'transactions', 'token.transactions: exists');
SELECT table_owner_is('token', 'transactions', 'chain_owner', 'token.transactions: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('token.transactions'::regclass, 'pg_class') IS NOT NULL, 'token.transactions: has a comment');
SELECT columns_are('token', 'transactions', ARRAY['id', 'user_id', 'transaction_type', 'amount', 'from_address', 'to_address', 'status', 'contract_address', 'tx_hash', 'block_number', 'gas_used', 'gas_price', 'created_at', 'confirmed_at', 'metadata', 'updated_at'], 'token.transactions: exactly these columns');
SELECT col_type_is('token', 'transactions', c, ty, 'token.transactions.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('user_id', 'bigint'), ('transaction_type', 'token.transaction_type'), ('amount', 'numeric(36,18)'), ('from_address', 'core.wallet_address'), ('to_address', 'core.wallet_address'), ('status', 'token.transaction_status'), ('contract_address', 'text'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('gas_used', 'bigint'), ('gas_price', 'bigint'), ('created_at', 'timestamp with time zone'), ('confirmed_at', 'timestamp with time zone'), ('metadata', 'jsonb'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('token', 'transactions', c, 'token.transactions.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'user_id', 'transaction_type', 'amount', 'status', 'created_at', 'metadata', 'updated_at']::name[]) AS c;
SELECT col_is_null('token', 'transactions', c, 'token.transactions.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['from_address', 'to_address', 'contract_address', 'tx_hash', 'block_number', 'gas_used', 'gas_price', 'confirmed_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('token.transactions'::regclass, a.attnum) IS NOT NULL, 'token.transactions.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'token.transactions'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'token.transactions'::regclass$$,
              ARRAY['transactions_amount_check', 'transactions_block_number_check', 'transactions_confirmed_on_chain', 'transactions_contract_address_check', 'transactions_gas_price_check', 'transactions_gas_used_check', 'transactions_metadata_check', 'transactions_pkey', 'transactions_tx_hash_check', 'transactions_tx_hash_key', 'transactions_user_id_fkey'], 'token.transactions: constraints ' || 'transactions_amount_check, transactions_block_number_check, transactions_confirmed_on_chain, transactions_contract_address_check, transactions_gas_price_check, transactions_gas_used_check, transactions_metadata_check, transactions_pkey, transactions_tx_hash_check, transactions_tx_hash_key, transactions_user_id_fkey');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.transactions'::regclass AND conname = 'transactions_confirmed_on_chain'), 'pg_constraint') IS NOT NULL, 'token.transactions.transactions_confirmed_on_chain: has a comment');
SELECT indexes_are('token', 'transactions', ARRAY['transactions_created_at_idx', 'transactions_pkey', 'transactions_status_idx', 'transactions_transaction_type_idx', 'transactions_tx_hash_key', 'transactions_user_id_created_at_idx']::name[], 'token.transactions: indexes ' || 'transactions_created_at_idx, transactions_pkey, transactions_status_idx, transactions_transaction_type_idx, transactions_tx_hash_key, transactions_user_id_created_at_idx');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_created_at_idx'::regclass), 'CREATE INDEX transactions_created_at_idx ON token.transactions USING btree (created_at)', 'token.transactions.transactions_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_pkey'::regclass), 'CREATE UNIQUE INDEX transactions_pkey ON token.transactions USING btree (id)', 'token.transactions.transactions_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_status_idx'::regclass), 'CREATE INDEX transactions_status_idx ON token.transactions USING btree (status)', 'token.transactions.transactions_status_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_transaction_type_idx'::regclass), 'CREATE INDEX transactions_transaction_type_idx ON token.transactions USING btree (transaction_type)', 'token.transactions.transactions_transaction_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX transactions_tx_hash_key ON token.transactions USING btree (tx_hash)', 'token.transactions.transactions_tx_hash_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.transactions_user_id_created_at_idx'::regclass), 'CREATE INDEX transactions_user_id_created_at_idx ON token.transactions USING btree (user_id, created_at DESC)', 'token.transactions.transactions_user_id_created_at_idx: definition');
SELECT triggers_are('token', 'transactions', ARRAY['audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate', 'transactions_set_updated_at']::name[], 'token.transactions: triggers ' || 'audit_capture, audit_capture_truncate, notify_change, notify_change_truncate, transactions_set_updated_at');
SELECT trigger_is('token', 'transactions', 'audit_capture', 'audit', 'capture', 'token.transactions.audit_capture: calls audit.capture()');
SELECT trigger_is('token', 'transactions', 'audit_capture_truncate', 'audit', 'capture_statement', 'token.transactions.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('token', 'transactions', 'notify_change', 'core', 'notify_change', 'token.transactions.notify_change: calls core.notify_change()');
SELECT trigger_is('token', 'transactions', 'notify_change_truncate', 'core', 'notify_change', 'token.transactions.notify_change_truncate: calls core.notify_change()');
SELECT trigger_is('token', 'transactions', 'transactions_set_updated_at', 'core', 'set_updated_at', 'token.transactions.transactions_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'token.transactions'::regclass), 'token.transactions: RLS enabled and forced');
SELECT policies_are('token', 'transactions', ARRAY['transactions_delete_app', 'transactions_insert_app', 'transactions_select_app', 'transactions_select_own', 'transactions_select_owner', 'transactions_select_readonly', 'transactions_update_app']::name[], 'token.transactions: policies');
SELECT policy_cmd_is('token', 'transactions', 'transactions_delete_app'::name, 'delete', 'token.transactions.transactions_delete_app: FOR delete');
SELECT policy_roles_are('token', 'transactions', 'transactions_delete_app', ARRAY['chain_app']::name[], 'token.transactions.transactions_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_delete_app'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_delete_app: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_insert_app'::name, 'insert', 'token.transactions.transactions_insert_app: FOR insert');
SELECT policy_roles_are('token', 'transactions', 'transactions_insert_app', ARRAY['chain_app']::name[], 'token.transactions.transactions_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_insert_app'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_insert_app: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_select_app'::name, 'select', 'token.transactions.transactions_select_app: FOR select');
SELECT policy_roles_are('token', 'transactions', 'transactions_select_app', ARRAY['chain_app']::name[], 'token.transactions.transactions_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_select_app'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_select_app: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_select_own'::name, 'select', 'token.transactions.transactions_select_own: FOR select');
SELECT policy_roles_are('token', 'transactions', 'transactions_select_own', ARRAY['chain_user']::name[], 'token.transactions.transactions_select_own: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_select_own'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_select_own: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_select_owner'::name, 'select', 'token.transactions.transactions_select_owner: FOR select');
SELECT policy_roles_are('token', 'transactions', 'transactions_select_owner', ARRAY['chain_owner']::name[], 'token.transactions.transactions_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_select_owner'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_select_owner: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_select_readonly'::name, 'select', 'token.transactions.transactions_select_readonly: FOR select');
SELECT policy_roles_are('token', 'transactions', 'transactions_select_readonly', ARRAY['chain_readonly']::name[], 'token.transactions.transactions_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_select_readonly'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_select_readonly: has a comment');
SELECT policy_cmd_is('token', 'transactions', 'transactions_update_app'::name, 'update', 'token.transactions.transactions_update_app: FOR update');
SELECT policy_roles_are('token', 'transactions', 'transactions_update_app', ARRAY['chain_app']::name[], 'token.transactions.transactions_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass AND polname = 'transactions_update_app'), 'pg_policy') IS NOT NULL, 'token.transactions.transactions_update_app: has a comment');
SELECT table_privs_are('token', 'transactions', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'token.transactions: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('token', 'transactions', 'chain_user', ARRAY['SELECT'], 'token.transactions: chain_user has SELECT');
SELECT table_privs_are('token', 'transactions', 'chain_readonly', ARRAY['SELECT'], 'token.transactions: chain_readonly has SELECT');
SELECT table_privs_are('token', 'transactions', 'chain_analytics', ARRAY[]::text[], 'token.transactions: chain_analytics has nothing');
SELECT table_privs_are('token', 'transactions', 'public', ARRAY[]::text[], 'token.transactions: public has nothing');

-- fixture, inserted as the test's owner: two users and their transactions
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222');
INSERT INTO token.transactions (user_id, transaction_type, amount, status, tx_hash, block_number, confirmed_at) VALUES
    (1, 'mint', 100, 'confirmed', '0x' || repeat('1', 64), 10, now()),
    (1, 'transfer', 5, 'pending', NULL, NULL, NULL),
    (2, 'reward', 1.5, 'pending', NULL, NULL, NULL);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount) VALUES (1, 'mint', 0)$$, '23514', NULL, 'token.transactions.transactions_amount_check: rejects zero');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount) VALUES (1, 'mint', -1)$$, '23514', NULL, 'token.transactions.transactions_amount_check: rejects a negative amount');
SELECT is((SELECT amount FROM token.transactions WHERE transaction_type = 'reward'), 1.500000000000000000::numeric, 'token.transactions.amount: 18 decimals');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, status) VALUES (1, 'mint', 1, 'confirmed')$$, '23514', NULL, 'token.transactions.transactions_confirmed_on_chain: rejects confirmed without block and time');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, status, block_number) VALUES (1, 'mint', 1, 'confirmed', 5)$$, '23514', NULL, 'token.transactions.transactions_confirmed_on_chain: rejects confirmed without confirmed_at');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, tx_hash) VALUES (1, 'mint', 1, '0x' || repeat('1', 64))$$, '23505', NULL, 'token.transactions.transactions_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, tx_hash) VALUES (1, 'mint', 1, '0xZZ')$$, '23514', NULL, 'token.transactions.transactions_tx_hash_check: rejects a malformed hash');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, contract_address) VALUES (1, 'mint', 1, 'nope')$$, '23514', NULL, 'token.transactions.transactions_contract_address_check: rejects a malformed address');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, block_number) VALUES (1, 'mint', 1, -1)$$, '23514', NULL, 'token.transactions.transactions_block_number_check: rejects a negative block');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, gas_used) VALUES (1, 'mint', 1, -1)$$, '23514', NULL, 'token.transactions.transactions_gas_used_check: rejects negative gas');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, gas_price) VALUES (1, 'mint', 1, -1)$$, '23514', NULL, 'token.transactions.transactions_gas_price_check: rejects a negative gas price');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, metadata) VALUES (1, 'mint', 1, '[]')$$, '23514', NULL, 'token.transactions.transactions_metadata_check: rejects a non-object');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount, from_address) VALUES (1, 'mint', 1, 'not a wallet')$$, '23514', NULL, 'token.transactions.from_address: a core.wallet_address');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount) VALUES (99, 'mint', 1)$$, '23503', NULL, 'token.transactions.transactions_user_id_fkey: rejects an unknown user');
SELECT lives_ok($$UPDATE token.transactions SET status = 'cancelled' WHERE transaction_type = 'transfer'$$, 'token.transactions: accepts a cancellation (cancelled exists)');
UPDATE token.transactions SET updated_at = '2000-01-01' WHERE transaction_type = 'reward';
SELECT is((SELECT updated_at FROM token.transactions WHERE transaction_type = 'reward'), now(), 'token.transactions.transactions_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'token' AND table_name = 'transactions'), 4,
          'token.transactions.audit_capture: inserts and real updates are audited');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM token.transactions), 2, 'token.transactions.transactions_select_own: a user reads only its own transactions');
SELECT throws_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount) VALUES (1, 'mint', 1000000)$$, '42501', NULL, 'token.transactions: a user cannot record transactions');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM token.transactions), 1, 'token.transactions.transactions_select_own: user 2 sees only its own');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.transactions), 3, 'token.transactions.transactions_select_readonly: reporting reads every row');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.transactions), 3, 'token.transactions.transactions_select_app: the backend reads every row');
SELECT lives_ok($$INSERT INTO token.transactions (user_id, transaction_type, amount) VALUES (2, 'burn', 1)$$, 'token.transactions.transactions_insert_app: the backend records transactions');
SELECT lives_ok($$UPDATE token.transactions SET status = 'failed' WHERE transaction_type = 'burn'$$, 'token.transactions.transactions_update_app: the backend updates status');
SELECT lives_ok($$DELETE FROM token.transactions WHERE transaction_type = 'burn'$$, 'token.transactions.transactions_delete_app: the backend deletes');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM token.transactions), 3, 'token.transactions.transactions_select_owner: chain_owner reads every row');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
