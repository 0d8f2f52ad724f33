-- Verify chaindb:trading/user_trading_summary on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT user_id, grids_count, active_grids, total_investment, total_profit, last_grid_at,
       practice_sessions, completed_practice_sessions, practice_profit_loss
  FROM trading.user_trading_summary WHERE FALSE;
SELECT 1 / pg_catalog.count(*)::int FROM pg_catalog.pg_class
 WHERE oid = 'trading.user_trading_summary'::regclass AND 'security_invoker=true' = ANY (reloptions);

ROLLBACK;
