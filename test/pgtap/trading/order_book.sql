-- pgTAP: trading/order_book — trading.order_book(): price levels, best first.
BEGIN;
SELECT plan(16);

SELECT has_function('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'trading.order_book(): exists');
SELECT isnt_definer('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'trading.order_book(): SECURITY INVOKER');
SELECT volatility_is('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'stable', 'trading.order_book(): stable');
SELECT tests.function_conventions('trading.order_book(bigint,int)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trading.order_book(bigint,int)'::regprocedure), 'trading.order_book(): search_path pinned');
SELECT function_privs_are('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'chain_app', ARRAY['EXECUTE'], 'trading.order_book(): chain_app may execute');
SELECT function_privs_are('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'chain_user', ARRAY['EXECUTE'], 'trading.order_book(): chain_user may execute');
SELECT function_privs_are('trading', 'order_book', ARRAY['bigint', 'integer']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'trading.order_book(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000), (2, 1, 'sensor', 'Lidar', 'LID1', 10);
INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity, filled_quantity, status, expires_at) VALUES
    (1, 1, 'buy',  'limit', 10, 5, 0, 'open', NULL),
    (2, 1, 'buy',  'limit', 10, 3, 1, 'partially_filled', NULL),
    (1, 1, 'buy',  'limit', 9,  2, 0, 'open', pg_catalog.now() + interval '1 day'),
    (2, 1, 'buy',  'limit', 8,  2, 0, 'open', NULL),
    (1, 1, 'buy',  'limit', 12, 2, 2, 'filled', NULL),
    (1, 1, 'buy',  'limit', 13, 2, 0, 'cancelled', NULL),
    (2, 1, 'sell', 'limit', 11, 4, 0, 'open', NULL),
    (1, 1, 'sell', 'limit', 12, 1, 0, 'open', NULL),
    (2, 1, 'sell', 'market', NULL, 7, 0, 'open', NULL),
    (1, 2, 'sell', 'limit', 50, 1, 0, 'open', NULL);
-- an order that has expired in time but not yet been marked expired
INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity, created_at, expires_at) VALUES
    (2, 1, 'sell', 'limit', 10.5, 1, pg_catalog.now() - interval '2 days', pg_catalog.now() - interval '1 day');

-- behaviour
SELECT results_eq($$SELECT side::text, price, quantity, order_count FROM trading.order_book(1)$$,
                  $$VALUES ('buy', 10::numeric, 7::numeric, 2::bigint), ('buy', 9, 2, 1), ('buy', 8, 2, 1),
                           ('sell', 11, 4, 1), ('sell', 12, 1, 1)$$,
                  'trading.order_book(): bids high to low then asks low to high, remaining quantity per level; filled, cancelled, market and expired orders left out');
SELECT results_eq($$SELECT side::text, price FROM trading.order_book(1, 1)$$,
                  $$VALUES ('buy', 10::numeric), ('sell', 11::numeric)$$, 'trading.order_book(): p_depth levels per side');
SELECT is_empty($$SELECT 1 FROM trading.order_book(99)$$, 'trading.order_book(): an asset without orders has an empty book');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.order_book(1)), 5, 'trading.order_book(): chain_readonly reads the whole book');
SELECT tests.act_as(1);
SELECT results_eq($$SELECT price FROM trading.order_book(1)$$, ARRAY[10::numeric, 9, 12],
                  'trading.order_book(): an end user sees its own orders in it (RLS applies)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
