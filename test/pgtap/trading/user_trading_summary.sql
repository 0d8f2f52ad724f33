-- pgTAP: trading/user_trading_summary — the view, security_invoker, aggregates.
BEGIN;
SELECT plan(13);

SELECT tests.view_conventions('trading.user_trading_summary', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('trading', 'user_trading_summary', ARRAY['user_id', 'grids_count', 'active_grids', 'total_investment', 'total_profit',
                   'last_grid_at', 'practice_sessions', 'completed_practice_sessions', 'practice_profit_loss'],
                   'trading.user_trading_summary: exactly these columns');

INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4151, '0x0000000000000000000000000000000000004151'), (4152, '0x0000000000000000000000000000000000004152');
INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, profit, status) VALUES
    (4151, 'ERG/SigUSD', 1, 2, 10, 500, 25.5, 'active'), (4151, 'ERG/SigUSD', 1, 2, 10, 300, -5.5, 'completed');
INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, final_balance, status, ended_at) VALUES
    (4151, 'ERG/SigUSD', 1000, 1100, 'completed', now()), (4151, 'ERG/SigUSD', 1000, 950, 'completed', now()),
    (4151, 'ERG/SigUSD', 1000, NULL, 'active', NULL);

SELECT results_eq($$SELECT grids_count, active_grids, total_investment, total_profit, practice_sessions, completed_practice_sessions, practice_profit_loss
                      FROM trading.user_trading_summary WHERE user_id = 4151$$,
                  $$VALUES (2, 1, 800::numeric, 20::numeric, 3, 2, 50::numeric)$$,
                  'trading.user_trading_summary: grids, investment, profit and practice P&L add up');
SELECT results_eq($$SELECT grids_count, total_investment, total_profit, practice_sessions, practice_profit_loss, last_grid_at IS NULL
                      FROM trading.user_trading_summary WHERE user_id = 4152$$,
                  $$VALUES (0, 0::numeric, 0::numeric, 0, 0::numeric, true)$$, 'trading.user_trading_summary: a user without activity has zeros');
SELECT tests.act_as(4152);
SELECT results_eq($$SELECT user_id FROM trading.user_trading_summary$$, ARRAY[4152::bigint], 'trading.user_trading_summary: a user sees only its own row');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT total_investment FROM trading.user_trading_summary WHERE user_id = 4151), 800::numeric,
          'trading.user_trading_summary: chain_readonly sees every user');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.user_trading_summary WHERE user_id IN (4151, 4152)), 2,
          'trading.user_trading_summary: chain_app sees every user');
SELECT throws_ok($$DELETE FROM trading.user_trading_summary$$, '55000', NULL, 'trading.user_trading_summary: not updatable, even by chain_app');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
