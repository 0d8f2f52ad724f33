-- Deploy chaindb:trading/user_trading_summary to pg
-- requires: trading/grids
-- requires: education/practice_sessions

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../views/trading/user_trading_summary.sql

COMMIT;
