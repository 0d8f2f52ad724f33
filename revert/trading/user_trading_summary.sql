-- Revert chaindb:trading/user_trading_summary from pg

BEGIN;

DROP VIEW trading.user_trading_summary;

COMMIT;
