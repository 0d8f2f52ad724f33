-- pgTAP: blockchain/address_history — blockchain.address_history(): an address's transactions newest first.
BEGIN;
SELECT plan(17);

SELECT has_function('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'blockchain.address_history(): exists');
SELECT isnt_definer('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'blockchain.address_history(): SECURITY INVOKER');
SELECT volatility_is('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'stable', 'blockchain.address_history(): stable');
SELECT tests.function_conventions('blockchain.address_history(text,int)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'blockchain.address_history(text,int)'::regprocedure), 'blockchain.address_history(): search_path pinned');
SELECT function_privs_are('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'chain_app', ARRAY['EXECUTE'], 'blockchain.address_history(): chain_app may execute');
SELECT function_privs_are('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'chain_user', ARRAY['EXECUTE'], 'blockchain.address_history(): chain_user may execute');
SELECT function_privs_are('blockchain', 'address_history', ARRAY['text', 'integer']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'blockchain.address_history(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.transactions (id, tx_hash, from_address, to_address, amount, created_at) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x' || pg_catalog.repeat('1', 64), '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, '2026-01-01'),
    (2, '0x' || pg_catalog.repeat('2', 64), '0x2222222222222222222222222222222222222222', '0x1111111111111111111111111111111111111111', 2, '2026-01-03'),
    (3, '0x' || pg_catalog.repeat('3', 64), '0x1111111111111111111111111111111111111111', '0x1111111111111111111111111111111111111111', 3, '2026-01-02'),
    (4, '0x' || pg_catalog.repeat('4', 64), '0x2222222222222222222222222222222222222222', '0x3333333333333333333333333333333333333333', 4, '2026-01-04');

-- behaviour
SELECT results_eq($$SELECT id FROM blockchain.address_history('0x1111111111111111111111111111111111111111')$$,
                  ARRAY[2::bigint, 3, 1], 'blockchain.address_history(): sent and received, newest first, a self-transfer once');
SELECT results_eq($$SELECT id FROM blockchain.address_history('0x1111111111111111111111111111111111111111', 2)$$,
                  ARRAY[2::bigint, 3], 'blockchain.address_history(): honours p_limit');
SELECT results_eq($$SELECT id FROM blockchain.address_history('0X3333333333333333333333333333333333333333')$$,
                  ARRAY[4::bigint], 'blockchain.address_history(): normalises the input address');
SELECT is_empty($$SELECT 1 FROM blockchain.address_history('0x4444444444444444444444444444444444444444')$$,
                'blockchain.address_history(): an unknown address has no history');
SELECT throws_ok($$SELECT 1 FROM blockchain.address_history('not-a-wallet')$$, '23514', NULL,
                 'blockchain.address_history(): rejects a malformed address');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.address_history('0x2222222222222222222222222222222222222222')), 3,
          'blockchain.address_history(): chain_user reads any address''s history (public chain data)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
