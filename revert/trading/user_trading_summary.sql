-- Revert chaindb:trading/user_trading_summary from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP VIEW trading.user_trading_summary;

COMMIT;
