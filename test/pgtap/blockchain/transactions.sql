-- pgTAP: blockchain/transactions — structure, constraints, privileges and RLS of blockchain.transactions and enum blockchain.transaction_status.
BEGIN;
SELECT plan(83);

SELECT enum_has_labels('blockchain', 'transaction_status', ARRAY['pending', 'confirmed', 'failed']::name[], 'blockchain.transaction_status: labels pending, confirmed, failed');
SELECT ok(pg_catalog.obj_description('blockchain.transaction_status'::regtype, 'pg_type') IS NOT NULL, 'blockchain.transaction_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('blockchain', 'transactions', 'blockchain.transactions: exists');
SELECT tests.table_conventions('blockchain.transactions');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('blockchain', 'transactions', ARRAY['id', 'tx_hash', 'block_number', 'from_address', 'to_address', 'asset_id', 'amount', 'fee', 'status', 'created_at', 'confirmed_at', 'updated_at'], 'blockchain.transactions: exactly these columns');
SELECT col_type_is('blockchain', 'transactions', c, ty, 'blockchain.transactions.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('from_address', 'core.wallet_address'), ('to_address', 'core.wallet_address'), ('asset_id', 'bigint'), ('amount', 'numeric(38,18)'), ('fee', 'numeric(38,18)'), ('status', 'blockchain.transaction_status'), ('created_at', 'timestamp with time zone'), ('confirmed_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('blockchain', 'transactions', c, 'blockchain.transactions.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'tx_hash', 'from_address', 'to_address', 'amount', 'fee', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('blockchain', 'transactions', c, 'blockchain.transactions.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['block_number', 'asset_id', 'confirmed_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'blockchain.transactions'::regclass$$,
              ARRAY['transactions_amount_check', 'transactions_asset_id_fkey', 'transactions_block_number_check', 'transactions_confirmed_in_block', 'transactions_fee_check', 'transactions_pkey', 'transactions_tx_hash_check', 'transactions_tx_hash_key'], 'blockchain.transactions: constraints ' || 'transactions_amount_check, transactions_asset_id_fkey, transactions_block_number_check, transactions_confirmed_in_block, transactions_fee_check, transactions_pkey, transactions_tx_hash_check, transactions_tx_hash_key');
SELECT indexes_are('blockchain', 'transactions', ARRAY['transactions_asset_id_idx', 'transactions_from_address_created_at_idx', 'transactions_pkey', 'transactions_to_address_created_at_idx', 'transactions_tx_hash_key']::name[], 'blockchain.transactions: indexes ' || 'transactions_asset_id_idx, transactions_from_address_created_at_idx, transactions_pkey, transactions_to_address_created_at_idx, transactions_tx_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.transactions_asset_id_idx'::regclass), 'CREATE INDEX transactions_asset_id_idx ON blockchain.transactions USING btree (asset_id)', 'blockchain.transactions.transactions_asset_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.transactions_from_address_created_at_idx'::regclass), 'CREATE INDEX transactions_from_address_created_at_idx ON blockchain.transactions USING btree (from_address, created_at DESC)', 'blockchain.transactions.transactions_from_address_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.transactions_pkey'::regclass), 'CREATE UNIQUE INDEX transactions_pkey ON blockchain.transactions USING btree (id)', 'blockchain.transactions.transactions_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.transactions_to_address_created_at_idx'::regclass), 'CREATE INDEX transactions_to_address_created_at_idx ON blockchain.transactions USING btree (to_address, created_at DESC)', 'blockchain.transactions.transactions_to_address_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.transactions_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX transactions_tx_hash_key ON blockchain.transactions USING btree (tx_hash)', 'blockchain.transactions.transactions_tx_hash_key: definition');
SELECT triggers_are('blockchain', 'transactions', ARRAY['notify_change', 'notify_change_truncate', 'transactions_set_updated_at']::name[], 'blockchain.transactions: triggers ' || 'notify_change, notify_change_truncate, transactions_set_updated_at');
SELECT trigger_is('blockchain', 'transactions', 'notify_change', 'core', 'notify_change', 'blockchain.transactions.notify_change: calls core.notify_change()');
SELECT trigger_is('blockchain', 'transactions', 'notify_change_truncate', 'core', 'notify_change', 'blockchain.transactions.notify_change_truncate: calls core.notify_change()');
SELECT trigger_is('blockchain', 'transactions', 'transactions_set_updated_at', 'core', 'set_updated_at', 'blockchain.transactions.transactions_set_updated_at: calls core.set_updated_at()');
SELECT policies_are('blockchain', 'transactions', ARRAY['transactions_delete_app', 'transactions_insert_app', 'transactions_select_all', 'transactions_select_app', 'transactions_select_readonly', 'transactions_update_app', 'transactions_select_owner']::name[], 'blockchain.transactions: policies');
SELECT policy_cmd_is('blockchain', 'transactions', 'transactions_delete_app'::name, 'delete', 'blockchain.transactions.transactions_delete_app: FOR delete');
SELECT policy_roles_are('blockchain', 'transactions', 'transactions_delete_app', ARRAY['chain_app']::name[], 'blockchain.transactions.transactions_delete_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'transactions', 'transactions_insert_app'::name, 'insert', 'blockchain.transactions.transactions_insert_app: FOR insert');
SELECT policy_roles_are('blockchain', 'transactions', 'transactions_insert_app', ARRAY['chain_app']::name[], 'blockchain.transactions.transactions_insert_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'transactions', 'transactions_select_all'::name, 'select', 'blockchain.transactions.transactions_select_all: FOR select');
SELECT policy_roles_are('blockchain', 'transactions', 'transactions_select_all', ARRAY['chain_user']::name[], 'blockchain.transactions.transactions_select_all: TO chain_user');
SELECT policy_cmd_is('blockchain', 'transactions', 'transactions_select_app'::name, 'select', 'blockchain.transactions.transactions_select_app: FOR select');
SELECT policy_roles_are('blockchain', 'transactions', 'transactions_select_app', ARRAY['chain_app']::name[], 'blockchain.transactions.transactions_select_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'transactions', 'transactions_update_app'::name, 'update', 'blockchain.transactions.transactions_update_app: FOR update');
SELECT policy_roles_are('blockchain', 'transactions', 'transactions_update_app', ARRAY['chain_app']::name[], 'blockchain.transactions.transactions_update_app: TO chain_app');
SELECT table_privs_are('blockchain', 'transactions', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'blockchain.transactions: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('blockchain', 'transactions', 'chain_user', ARRAY['SELECT'], 'blockchain.transactions: chain_user has SELECT');
SELECT table_privs_are('blockchain', 'transactions', 'chain_readonly', ARRAY['SELECT'], 'blockchain.transactions: chain_readonly has SELECT');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000);
INSERT INTO blockchain.transactions (tx_hash, block_number, from_address, to_address, asset_id, amount, fee, status, confirmed_at) VALUES
    ('0x' || pg_catalog.repeat('a', 64), 100, '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, 5, 0.01, 'confirmed', pg_catalog.now());

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('B', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1)$$,
                 '23514', NULL, 'blockchain.transactions.tx_hash: rejects upper-case hex');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0xabc', '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1)$$,
                 '23514', NULL, 'blockchain.transactions.tx_hash: rejects a short hash');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('a', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1)$$,
                 '23505', NULL, 'blockchain.transactions.transactions_tx_hash_key: rejects a duplicate hash');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 0)$$,
                 '23514', NULL, 'blockchain.transactions.amount: rejects zero');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', -1)$$,
                 '23514', NULL, 'blockchain.transactions.amount: rejects a negative amount');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, fee) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, -0.1)$$,
                 '23514', NULL, 'blockchain.transactions.fee: rejects a negative fee');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('c', 64), '0xnotawallet', '0x2222222222222222222222222222222222222222', 1)$$,
                 '23514', NULL, 'blockchain.transactions.from_address: rejects a malformed wallet');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x22', 1)$$,
                 '23514', NULL, 'blockchain.transactions.to_address: rejects a malformed wallet');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, status) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, 'confirmed')$$,
                 '23514', NULL, 'blockchain.transactions.transactions_confirmed_in_block: rejects confirmed without a block');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, status) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, 'lost')$$,
                 '22P02', NULL, 'blockchain.transaction_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, block_number) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, -1)$$,
                 '23514', NULL, 'blockchain.transactions.block_number: rejects a negative block');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, asset_id) VALUES ('0x' || pg_catalog.repeat('c', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, 99)$$,
                 '23503', NULL, 'blockchain.transactions.transactions_asset_id_fkey: rejects an unknown asset');
SELECT lives_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount, status) VALUES ('0x' || pg_catalog.repeat('d', 64), '0x1111111111111111111111111111111111111111', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 1, 'failed')$$,
                'blockchain.transactions: accepts a pending-less failed native transfer to a bech32 wallet');
UPDATE blockchain.transactions SET updated_at = '2000-01-01' WHERE tx_hash = '0x' || pg_catalog.repeat('a', 64);
SELECT is((SELECT updated_at FROM blockchain.transactions WHERE tx_hash = '0x' || pg_catalog.repeat('a', 64)), pg_catalog.now(),
          'blockchain.transactions.transactions_set_updated_at: fires on update');

-- behaviour: RLS — chain data is public, written by the backend only
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.transactions), 2, 'blockchain.transactions.transactions_select_all: user 3 sees every transaction');
SELECT throws_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('e', 64), '0x3333333333333333333333333333333333333333', '0x2222222222222222222222222222222222222222', 1)$$,
                 '42501', NULL, 'blockchain.transactions: chain_user cannot insert');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.transactions), 2, 'blockchain.transactions.transactions_select_readonly: chain_readonly sees every transaction');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO blockchain.transactions (tx_hash, from_address, to_address, amount) VALUES ('0x' || pg_catalog.repeat('e', 64), '0x3333333333333333333333333333333333333333', '0x2222222222222222222222222222222222222222', 1)$$,
                'blockchain.transactions.transactions_insert_app: the backend records');
SELECT lives_ok($$UPDATE blockchain.transactions SET status = 'confirmed', block_number = 101, confirmed_at = pg_catalog.now() WHERE tx_hash = '0x' || pg_catalog.repeat('e', 64)$$,
                'blockchain.transactions.transactions_update_app: the backend confirms');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.transactions), 3, 'blockchain.transactions.transactions_select_app: chain_app sees every transaction');
SELECT lives_ok($$DELETE FROM blockchain.transactions WHERE tx_hash = '0x' || pg_catalog.repeat('e', 64)$$, 'blockchain.transactions.transactions_delete_app: the backend deletes');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
