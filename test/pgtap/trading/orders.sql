-- pgTAP: trading/orders — structure, constraints, privileges and RLS of trading.orders and its enums.
BEGIN;
SELECT plan(115);

SELECT enum_has_labels('trading', 'order_side', ARRAY['buy', 'sell']::name[], 'trading.order_side: labels buy, sell');
SELECT ok(pg_catalog.obj_description('trading.order_side'::regtype, 'pg_type') IS NOT NULL, 'trading.order_side: has a comment');
SELECT enum_has_labels('trading', 'order_type', ARRAY['limit', 'market']::name[], 'trading.order_type: labels limit, market');
SELECT ok(pg_catalog.obj_description('trading.order_type'::regtype, 'pg_type') IS NOT NULL, 'trading.order_type: has a comment');
SELECT enum_has_labels('trading', 'order_status', ARRAY['open', 'partially_filled', 'filled', 'cancelled', 'expired']::name[], 'trading.order_status: labels open, partially_filled, filled, cancelled, expired');
SELECT ok(pg_catalog.obj_description('trading.order_status'::regtype, 'pg_type') IS NOT NULL, 'trading.order_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('trading', 'orders', 'trading.orders: exists');
SELECT tests.table_conventions('trading.orders');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('trading', 'orders', ARRAY['id', 'user_id', 'asset_id', 'side', 'order_type', 'price', 'quantity', 'filled_quantity', 'avg_fill_price', 'status', 'expires_at', 'created_at', 'updated_at'], 'trading.orders: exactly these columns');
SELECT col_type_is('trading', 'orders', c, ty, 'trading.orders.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('user_id', 'bigint'), ('asset_id', 'bigint'), ('side', 'trading.order_side'), ('order_type', 'trading.order_type'), ('price', 'numeric(38,18)'), ('quantity', 'numeric(38,18)'), ('filled_quantity', 'numeric(38,18)'), ('avg_fill_price', 'numeric(38,18)'), ('status', 'trading.order_status'), ('expires_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('trading', 'orders', c, 'trading.orders.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'user_id', 'asset_id', 'side', 'order_type', 'quantity', 'filled_quantity', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('trading', 'orders', c, 'trading.orders.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['price', 'avg_fill_price', 'expires_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trading.orders'::regclass$$,
              ARRAY['orders_asset_id_fkey', 'orders_avg_fill_price_check', 'orders_expiry_after_creation', 'orders_filled_within_quantity', 'orders_market_fill_priced', 'orders_pkey', 'orders_price_by_type', 'orders_quantity_check', 'orders_status_matches_fill', 'orders_user_id_fkey'], 'trading.orders: constraints ' || 'orders_asset_id_fkey, orders_avg_fill_price_check, orders_expiry_after_creation, orders_filled_within_quantity, orders_market_fill_priced, orders_pkey, orders_price_by_type, orders_quantity_check, orders_status_matches_fill, orders_user_id_fkey');
SELECT indexes_are('trading', 'orders', ARRAY['orders_asset_id_idx', 'orders_open_book_idx', 'orders_pkey', 'orders_status_expires_at_idx', 'orders_user_id_created_at_idx']::name[], 'trading.orders: indexes ' || 'orders_asset_id_idx, orders_open_book_idx, orders_pkey, orders_status_expires_at_idx, orders_user_id_created_at_idx');
SELECT is(pg_catalog.pg_get_indexdef('trading.orders_asset_id_idx'::regclass), 'CREATE INDEX orders_asset_id_idx ON trading.orders USING btree (asset_id)', 'trading.orders.orders_asset_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.orders_open_book_idx'::regclass), 'CREATE INDEX orders_open_book_idx ON trading.orders USING btree (asset_id, side, price) INCLUDE (quantity, filled_quantity, expires_at) WHERE ((status = ANY (ARRAY[''open''::trading.order_status, ''partially_filled''::trading.order_status])) AND (order_type = ''limit''::trading.order_type))', 'trading.orders.orders_open_book_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.orders_pkey'::regclass), 'CREATE UNIQUE INDEX orders_pkey ON trading.orders USING btree (id)', 'trading.orders.orders_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.orders_status_expires_at_idx'::regclass), 'CREATE INDEX orders_status_expires_at_idx ON trading.orders USING btree (status, expires_at) WHERE (status = ANY (ARRAY[''open''::trading.order_status, ''partially_filled''::trading.order_status]))', 'trading.orders.orders_status_expires_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.orders_user_id_created_at_idx'::regclass), 'CREATE INDEX orders_user_id_created_at_idx ON trading.orders USING btree (user_id, created_at DESC)', 'trading.orders.orders_user_id_created_at_idx: definition');
SELECT triggers_are('trading', 'orders', ARRAY['audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate', 'orders_set_updated_at', 'orders_state_machine']::name[], 'trading.orders: triggers ' || 'audit_capture, audit_capture_truncate, notify_change, notify_change_truncate, orders_set_updated_at');
SELECT trigger_is('trading', 'orders', 'audit_capture', 'audit', 'capture', 'trading.orders.audit_capture: calls audit.capture()');
SELECT trigger_is('trading', 'orders', 'audit_capture_truncate', 'audit', 'capture_statement', 'trading.orders.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('trading', 'orders', 'notify_change', 'core', 'notify_change', 'trading.orders.notify_change: calls core.notify_change()');
SELECT trigger_is('trading', 'orders', 'notify_change_truncate', 'core', 'notify_change', 'trading.orders.notify_change_truncate: calls core.notify_change()');
SELECT trigger_is('trading', 'orders', 'orders_set_updated_at', 'core', 'set_updated_at', 'trading.orders.orders_set_updated_at: calls core.set_updated_at()');
SELECT policies_are('trading', 'orders', ARRAY['orders_delete_app', 'orders_insert_app', 'orders_insert_own', 'orders_select_app', 'orders_select_own', 'orders_select_readonly', 'orders_update_app', 'orders_update_own', 'orders_select_owner']::name[], 'trading.orders: policies');
SELECT policy_cmd_is('trading', 'orders', 'orders_delete_app'::name, 'delete', 'trading.orders.orders_delete_app: FOR delete');
SELECT policy_roles_are('trading', 'orders', 'orders_delete_app', ARRAY['chain_app']::name[], 'trading.orders.orders_delete_app: TO chain_app');
SELECT policy_cmd_is('trading', 'orders', 'orders_insert_app'::name, 'insert', 'trading.orders.orders_insert_app: FOR insert');
SELECT policy_roles_are('trading', 'orders', 'orders_insert_app', ARRAY['chain_app']::name[], 'trading.orders.orders_insert_app: TO chain_app');
SELECT policy_cmd_is('trading', 'orders', 'orders_insert_own'::name, 'insert', 'trading.orders.orders_insert_own: FOR insert');
SELECT policy_roles_are('trading', 'orders', 'orders_insert_own', ARRAY['chain_user']::name[], 'trading.orders.orders_insert_own: TO chain_user');
SELECT policy_cmd_is('trading', 'orders', 'orders_select_app'::name, 'select', 'trading.orders.orders_select_app: FOR select');
SELECT policy_roles_are('trading', 'orders', 'orders_select_app', ARRAY['chain_app']::name[], 'trading.orders.orders_select_app: TO chain_app');
SELECT policy_cmd_is('trading', 'orders', 'orders_select_own'::name, 'select', 'trading.orders.orders_select_own: FOR select');
SELECT policy_roles_are('trading', 'orders', 'orders_select_own', ARRAY['chain_user']::name[], 'trading.orders.orders_select_own: TO chain_user');
SELECT policy_cmd_is('trading', 'orders', 'orders_select_readonly'::name, 'select', 'trading.orders.orders_select_readonly: FOR select');
SELECT policy_roles_are('trading', 'orders', 'orders_select_readonly', ARRAY['chain_readonly']::name[], 'trading.orders.orders_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('trading', 'orders', 'orders_update_app'::name, 'update', 'trading.orders.orders_update_app: FOR update');
SELECT policy_roles_are('trading', 'orders', 'orders_update_app', ARRAY['chain_app']::name[], 'trading.orders.orders_update_app: TO chain_app');
SELECT policy_cmd_is('trading', 'orders', 'orders_update_own'::name, 'update', 'trading.orders.orders_update_own: FOR update');
SELECT policy_roles_are('trading', 'orders', 'orders_update_own', ARRAY['chain_user']::name[], 'trading.orders.orders_update_own: TO chain_user');
SELECT table_privs_are('trading', 'orders', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trading.orders: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('trading', 'orders', 'chain_user', ARRAY['SELECT'], 'trading.orders: chain_user has SELECT');
SELECT table_privs_are('trading', 'orders', 'chain_readonly', ARRAY['SELECT'], 'trading.orders: chain_readonly has SELECT');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000);
INSERT INTO trading.orders (id, user_id, asset_id, side, order_type, price, quantity) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 1, 'buy', 'limit', 10, 5),
    (2, 2, 1, 'sell', 'limit', 11, 3);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', 10, 0)$$,
                 '23514', NULL, 'trading.orders.quantity: rejects zero');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', 10, -1)$$,
                 '23514', NULL, 'trading.orders.quantity: rejects a negative quantity');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, filled_quantity, status) VALUES (1, 1, 'buy', 10, 5, 6, 'partially_filled')$$,
                 '23514', NULL, 'trading.orders.orders_filled_within_quantity: rejects filled > quantity');
SELECT throws_ok($$UPDATE trading.orders SET filled_quantity = 6, status = 'filled' WHERE id = 1$$,
                 '23514', NULL, 'trading.orders.orders_filled_within_quantity: rejects an overfill on update');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, filled_quantity) VALUES (1, 1, 'buy', 10, 5, -1)$$,
                 '23514', NULL, 'trading.orders.filled_quantity: rejects a negative fill');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity) VALUES (1, 1, 'buy', 'market', 10, 5)$$,
                 '23514', NULL, 'trading.orders.orders_price_by_type: rejects a market order with a price');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, order_type, quantity) VALUES (1, 1, 'buy', 'limit', 5)$$,
                 '23514', NULL, 'trading.orders.orders_price_by_type: rejects a limit order without a price');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', 0, 5)$$,
                 '23514', NULL, 'trading.orders.price: rejects a zero limit price');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', -3, 5)$$,
                 '23514', NULL, 'trading.orders.price: rejects a negative limit price');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, status) VALUES (1, 1, 'buy', 10, 5, 'filled')$$,
                 '23514', NULL, 'trading.orders.orders_status_matches_fill: rejects filled with nothing filled');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, filled_quantity, status) VALUES (1, 1, 'buy', 10, 5, 5, 'partially_filled')$$,
                 '23514', NULL, 'trading.orders.orders_status_matches_fill: rejects partially_filled when all is filled');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, filled_quantity) VALUES (1, 1, 'buy', 10, 5, 1)$$,
                 '23514', NULL, 'trading.orders.orders_status_matches_fill: rejects open with a fill');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, expires_at) VALUES (1, 1, 'buy', 10, 5, pg_catalog.now() - interval '1 hour')$$,
                 '23514', NULL, 'trading.orders.orders_expiry_after_creation: rejects an expiry in the past');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, avg_fill_price) VALUES (1, 1, 'buy', 10, 5, 0)$$,
                 '23514', NULL, 'trading.orders.avg_fill_price: rejects zero');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'hold', 10, 5)$$,
                 '22P02', NULL, 'trading.order_side: rejects an unknown side');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity) VALUES (1, 1, 'buy', 'stop', 10, 5)$$,
                 '22P02', NULL, 'trading.order_type: rejects an unknown type');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, status) VALUES (1, 1, 'buy', 10, 5, 'lost')$$,
                 '22P02', NULL, 'trading.order_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 99, 'buy', 10, 5)$$,
                 '23503', NULL, 'trading.orders.orders_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (99, 1, 'buy', 10, 5)$$,
                 '23503', NULL, 'trading.orders.orders_user_id_fkey: rejects an unknown user');
SELECT lives_ok($$UPDATE trading.orders SET filled_quantity = 2, status = 'partially_filled', avg_fill_price = 9.5 WHERE id = 1$$,
                'trading.orders: accepts a partial fill');
SELECT lives_ok($$INSERT INTO trading.orders (user_id, asset_id, side, order_type, quantity) VALUES (1, 1, 'sell', 'market', 1)$$,
                'trading.orders: accepts a market order without a price');
UPDATE trading.orders SET updated_at = '2000-01-01' WHERE id = 2;
SELECT is((SELECT updated_at FROM trading.orders WHERE id = 2), pg_catalog.now(), 'trading.orders.orders_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'trading' AND table_name = 'orders'), 4,
          'trading.orders.audit_capture: inserts and real updates are audited (not the no-op one)');

-- behaviour: RLS
SELECT tests.act_as(2);
SELECT results_eq($$SELECT id FROM trading.orders ORDER BY id$$, ARRAY[2::bigint], 'trading.orders.orders_select_own: user 2 sees only its order');
SELECT lives_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (2, 1, 'buy', 9, 1)$$,
                'trading.orders.orders_insert_own: user 2 places an order');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', 9, 1)$$,
                 '42501', NULL, 'trading.orders.orders_insert_own: user 2 cannot place an order for user 1');
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, status) VALUES (2, 1, 'buy', 9, 1, 'open')$$,
                 '42501', NULL, 'trading.orders.status: chain_user cannot set it on insert');
SELECT throws_ok($$UPDATE trading.orders SET filled_quantity = 3 WHERE id = 2$$,
                 '42501', NULL, 'trading.orders.filled_quantity: chain_user cannot fill');
SELECT throws_ok($$UPDATE trading.orders SET status = 'expired' WHERE id = 2$$,
                 '55000', NULL, 'trading.orders.orders_state_machine: chain_user may only cancel (not expire)');
SELECT throws_ok($$UPDATE trading.orders SET status = 'partially_filled' WHERE id = 2$$,
                 '55000', NULL, 'trading.orders.orders_state_machine: chain_user cannot fake a fill');
SELECT lives_ok($$UPDATE trading.orders SET status = 'cancelled' WHERE id = 2$$, 'trading.orders.orders_update_own: user 2 cancels its order');
UPDATE trading.orders SET status = 'cancelled' WHERE id = 1;
SELECT throws_ok($$DELETE FROM trading.orders WHERE id = 2$$, '42501', NULL, 'trading.orders: chain_user cannot delete');
SELECT tests.reset_role();
SELECT is((SELECT status FROM trading.orders WHERE id = 1), 'partially_filled'::trading.order_status,
          'trading.orders.orders_update_own: user 2 could not cancel user 1''s order');
SELECT is((SELECT status FROM trading.orders WHERE id = 2), 'cancelled'::trading.order_status, 'trading.orders.orders_update_own: the cancel landed');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.orders), 4, 'trading.orders.orders_select_readonly: chain_readonly sees every order');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.orders), 4, 'trading.orders.orders_select_app: chain_app sees every order');
SELECT lives_ok($$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (3, 1, 'buy', 8, 1)$$, 'trading.orders.orders_insert_app: the backend places orders');
SELECT lives_ok($$UPDATE trading.orders SET filled_quantity = 1, status = 'filled' WHERE user_id = 3$$, 'trading.orders.orders_update_app: the matching engine fills');
SELECT lives_ok($$DELETE FROM trading.orders WHERE user_id = 3$$, 'trading.orders.orders_delete_app: the backend deletes');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
