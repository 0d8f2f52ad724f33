-- pgTAP: memory/user_statistics — the view memory.user_statistics (index use of the owner filter: test/python/test_lookups_memory.py).
BEGIN;
SELECT plan(9);

-- view memory.user_statistics: 7 assertions
SELECT tests.view_conventions('memory.user_statistics', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('memory', 'user_statistics', ARRAY['owner_address', 'total_assets', 'active_assets', 'total_batches', 'first_mint_at', 'last_mint_at', 'batched_mints', 'unique_agents', 'total_cost_lamports']::name[], 'memory.user_statistics: exactly these columns');

-- fixture (shared by the three memory view files): test/helpers/tests_fixtures.sql
CALL tests.memory_views_fixture();

-- behaviour: one row per wallet with assets, batches or costs
SELECT results_eq($$SELECT owner_address::text, total_assets, active_assets, total_batches, first_mint_at, last_mint_at, batched_mints,
                           unique_agents, total_cost_lamports
                      FROM memory.user_statistics ORDER BY owner_address$$,
                  $$VALUES ('Ann11111111111111111111111111111111111111111', 3::bigint, 2::bigint, 3::bigint, '2026-01-09 08:00:00+00'::timestamptz,
                            '2026-01-12 08:00:00+00'::timestamptz, 1::bigint, 2::bigint, 15000::numeric),
                           ('Bob11111111111111111111111111111111111111111', 1::bigint, 1::bigint, 1::bigint, '2026-01-11 08:00:00+00'::timestamptz,
                            '2026-01-11 08:00:00+00'::timestamptz, 0::bigint, 1::bigint, 0::numeric),
                           ('Fay11111111111111111111111111111111111111111', 0::bigint, 0::bigint, 0::bigint, NULL::timestamptz, NULL::timestamptz,
                            0::bigint, 0::bigint, 4000::numeric)$$,
                  'memory.user_statistics: per-wallet totals from assets, batches and costs');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT results_eq($$SELECT owner_address::text, total_assets, total_batches FROM memory.user_statistics ORDER BY owner_address$$,
                  $$VALUES ('Ann11111111111111111111111111111111111111111', 1::bigint, 0::bigint),
                           ('Bob11111111111111111111111111111111111111111', 1::bigint, 1::bigint)$$,
                  'memory.user_statistics: security_invoker, Bob''s statistics cover only rows he may see (his own, and Ann''s asset granted to him)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
