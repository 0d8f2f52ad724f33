-- pgTAP: blockchain/latest_prices — blockchain.latest_prices view and blockchain.latest_price().
BEGIN;
SELECT plan(23);

SELECT tests.view_conventions('blockchain.latest_prices', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('blockchain', 'latest_prices', ARRAY['symbol', 'price', 'source', 'observed_at'], 'blockchain.latest_prices: exactly these columns');
SELECT has_function('blockchain', 'latest_price', ARRAY['text']::name[], 'blockchain.latest_price(): exists');
SELECT isnt_definer('blockchain', 'latest_price', ARRAY['text']::name[], 'blockchain.latest_price(): SECURITY INVOKER');
SELECT volatility_is('blockchain', 'latest_price', ARRAY['text']::name[], 'stable', 'blockchain.latest_price(): stable');
SELECT tests.function_conventions('blockchain.latest_price(text)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'blockchain.latest_price(text)'::regprocedure), 'blockchain.latest_price(): search_path pinned');
SELECT function_privs_are('blockchain', 'latest_price', ARRAY['text']::name[], 'chain_app', ARRAY['EXECUTE'], 'blockchain.latest_price(): chain_app may execute');
SELECT function_privs_are('blockchain', 'latest_price', ARRAY['text']::name[], 'chain_user', ARRAY['EXECUTE'], 'blockchain.latest_price(): chain_user may execute');
SELECT function_privs_are('blockchain', 'latest_price', ARRAY['text']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'blockchain.latest_price(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES
    ('ETH', pg_catalog.now() - interval '2 minutes', 'chainlink', 3000),
    ('ETH', pg_catalog.now() - interval '1 minute', 'pyth', 3010),
    ('ETH', pg_catalog.now() - interval '3 minutes', 'chainlink', 2990),
    ('SRVX1', pg_catalog.now() - interval '5 minutes', 'chainlink', 12.5);

-- behaviour
SELECT results_eq($$SELECT symbol, price, source FROM blockchain.latest_prices ORDER BY symbol$$,
                  $$VALUES ('ETH'::text, 3010::numeric, 'pyth'::text), ('SRVX1', 12.5, 'chainlink')$$,
                  'blockchain.latest_prices: the newest price of every symbol');
SELECT results_eq($$SELECT price, source FROM blockchain.latest_price('eth')$$, $$VALUES (3010::numeric, 'pyth'::text)$$,
                  'blockchain.latest_price(): newest price of one symbol, case-insensitive input');
SELECT is_empty($$SELECT 1 FROM blockchain.latest_price('DOGE')$$, 'blockchain.latest_price(): no row for an unquoted symbol');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.latest_prices), 2, 'blockchain.latest_prices: chain_user reads it');
SELECT is((SELECT price FROM blockchain.latest_price('SRVX1')), 12.5::numeric, 'blockchain.latest_price(): chain_user calls it');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
