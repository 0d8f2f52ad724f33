-- Deploy chaindb:core/user_stats to pg
-- requires: trading/orders
-- requires: governance/votes

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/user_stats.sql

COMMIT;
