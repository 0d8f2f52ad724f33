-- trading.user_trading_summary [user_trading_summary] — trading performance per user: real grids
-- (count, active, investment, profit) and simulated practice (sessions, P&L of completed ones).
-- One row per user visible to the caller: security_invoker, so an end user gets its own row only,
-- chain_app and chain_readonly every user. Served by grids_user_id_created_at_idx and
-- practice_sessions_user_id_started_at_idx.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
CREATE VIEW trading.user_trading_summary WITH (security_invoker = true) AS
SELECT u.id                                  AS user_id,
       g.grids_count,
       g.active_grids,
       COALESCE(g.total_investment, 0)       AS total_investment,
       COALESCE(g.total_profit, 0)           AS total_profit,
       g.last_grid_at,
       ps.practice_sessions,
       ps.completed_practice_sessions,
       COALESCE(ps.practice_profit_loss, 0)  AS practice_profit_loss
  FROM core.users AS u
 CROSS JOIN LATERAL (
        SELECT pg_catalog.count(*)::integer AS grids_count,
               pg_catalog.count(*) FILTER (WHERE gr.status = 'active')::integer AS active_grids,
               pg_catalog.sum(gr.investment) AS total_investment,
               pg_catalog.sum(gr.profit) AS total_profit,
               pg_catalog.max(gr.created_at) AS last_grid_at
          FROM trading.grids AS gr
         WHERE gr.user_id = u.id) AS g
 CROSS JOIN LATERAL (
        SELECT pg_catalog.count(*)::integer AS practice_sessions,
               pg_catalog.count(*) FILTER (WHERE p.status = 'completed')::integer AS completed_practice_sessions,
               pg_catalog.sum(p.profit_loss) FILTER (WHERE p.status = 'completed') AS practice_profit_loss
          FROM education.practice_sessions AS p
         WHERE p.user_id = u.id) AS ps;

COMMENT ON VIEW trading.user_trading_summary IS
    'Trading performance per user [user_trading_summary]: grids, investment, profit, practice P&L. security_invoker.';
COMMENT ON COLUMN trading.user_trading_summary.user_id IS 'The user.';
COMMENT ON COLUMN trading.user_trading_summary.grids_count IS 'Grids ever created.';
COMMENT ON COLUMN trading.user_trading_summary.active_grids IS 'Grids currently active.';
COMMENT ON COLUMN trading.user_trading_summary.total_investment IS 'Sum of grid investments (0 when none).';
COMMENT ON COLUMN trading.user_trading_summary.total_profit IS 'Sum of grid profits (0 when none; negative for a net loss).';
COMMENT ON COLUMN trading.user_trading_summary.last_grid_at IS 'Creation time of the newest grid.';
COMMENT ON COLUMN trading.user_trading_summary.practice_sessions IS 'Practice sessions ever started.';
COMMENT ON COLUMN trading.user_trading_summary.completed_practice_sessions IS 'Practice sessions completed.';
COMMENT ON COLUMN trading.user_trading_summary.practice_profit_loss IS 'Sum of the P&L of completed practice sessions (0 when none).';

-- read-only view: no DML for the backend (default privileges gave it), SELECT for end users
REVOKE INSERT, UPDATE, DELETE ON trading.user_trading_summary FROM chain_app;
GRANT SELECT ON trading.user_trading_summary TO chain_user;
