-- pgTAP: core/user_stats — core.user_stats(): a user's statistics.
BEGIN;
SELECT plan(19);

SELECT has_function('core', 'user_stats', ARRAY['bigint']::name[], 'core.user_stats(): exists');
SELECT isnt_definer('core', 'user_stats', ARRAY['bigint']::name[], 'core.user_stats(): SECURITY INVOKER');
SELECT volatility_is('core', 'user_stats', ARRAY['bigint']::name[], 'stable', 'core.user_stats(): stable');
SELECT tests.function_conventions('core.user_stats(bigint)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'core.user_stats(bigint)'::regprocedure), 'core.user_stats(): search_path pinned');
SELECT function_privs_are('core', 'user_stats', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'core.user_stats(): chain_app may execute');
SELECT function_privs_are('core', 'user_stats', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'core.user_stats(): chain_user may execute');
SELECT function_privs_are('core', 'user_stats', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'core.user_stats(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000), (2, 1, 'sensor', 'Lidar', 'LID1', 10);
INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity, filled_quantity, status, avg_fill_price) VALUES
    (1, 1, 'buy', 'limit', 10, 5, 5, 'filled', 9),
    (1, 1, 'buy', 'limit', 10, 4, 2, 'partially_filled', NULL),
    (1, 2, 'sell', 'limit', 50, 1, 0, 'cancelled', NULL),
    (2, 1, 'sell', 'limit', 11, 3, 0, 'open', NULL);
INSERT INTO governance.proposals (id, proposer_id, title, description, status, voting_starts_at, voting_ends_at, quorum) OVERRIDING SYSTEM VALUE VALUES
    (1, 2, 'Lower fees', 'Reduce fees', 'active', pg_catalog.now() - interval '1 day', pg_catalog.now() + interval '6 days', 3);
INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 1, 'for');
UPDATE core.users SET reputation_score = 42.5 WHERE id = 1;

-- behaviour
SELECT results_eq($$SELECT user_id, reputation_score, orders_total, orders_open, orders_filled, trading_volume, assets_issued, votes_cast, proposals_created
                      FROM core.user_stats(1)$$,
                  $$VALUES (1::bigint, 42.5::numeric, 3::bigint, 1::bigint, 1::bigint, 65::numeric, 2::bigint, 1::bigint, 0::bigint)$$,
                  'core.user_stats(): orders, volume (fills at the average fill price, else the limit price), assets, votes, reputation');
SELECT results_eq($$SELECT orders_total, trading_volume, assets_issued, votes_cast, proposals_created FROM core.user_stats(3)$$,
                  $$VALUES (0::bigint, 0::numeric, 0::bigint, 0::bigint, 0::bigint)$$, 'core.user_stats(): a user without activity has zeros');
SELECT is_empty($$SELECT 1 FROM core.user_stats(99)$$, 'core.user_stats(): no row for an unknown user');
-- filled market orders count (they have no limit price: their avg_fill_price is required once they fill)
SELECT throws_ok($$INSERT INTO trading.orders (user_id, asset_id, side, order_type, quantity, filled_quantity, status)
                   VALUES (2, 1, 'buy', 'market', 2, 2, 'filled')$$, '23514', NULL,
                 'trading.orders.orders_market_fill_priced: a filled market order without avg_fill_price is rejected (core.user_stats could not value it)');
INSERT INTO trading.orders (user_id, asset_id, side, order_type, quantity) VALUES (2, 1, 'buy', 'market', 2), (2, 2, 'sell', 'market', 4);
SELECT throws_ok($$UPDATE trading.orders SET filled_quantity = 2, status = 'filled' WHERE user_id = 2 AND order_type = 'market' AND asset_id = 1$$,
                 '23514', NULL, 'trading.orders.orders_market_fill_priced: a market order cannot be filled without its price');
UPDATE trading.orders SET filled_quantity = 2, status = 'filled', avg_fill_price = 12.5 WHERE user_id = 2 AND order_type = 'market' AND asset_id = 1;
UPDATE trading.orders SET filled_quantity = 1, status = 'partially_filled', avg_fill_price = 7 WHERE user_id = 2 AND order_type = 'market' AND asset_id = 2;
SELECT results_eq($$SELECT orders_total, orders_open, orders_filled, trading_volume FROM core.user_stats(2)$$,
                  $$VALUES (3::bigint, 2::bigint, 1::bigint, 32::numeric)$$,
                  'core.user_stats(): filled and partially filled market orders count in the volume (2 x 12.5 + 1 x 7)');
SELECT tests.act_as(1);
SELECT is((SELECT orders_total FROM core.user_stats(1)), 3::bigint, 'core.user_stats(): a user reads its own statistics');
SELECT is_empty($$SELECT 1 FROM core.user_stats(2)$$, 'core.user_stats(): RLS applies: user 1 gets nothing about user 2');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
