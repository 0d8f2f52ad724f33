-- Deploy chaindb:trading/user_trading_summary to pg
-- requires: trading/grids
-- requires: education/practice_sessions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/trading/user_trading_summary.sql

COMMIT;
