-- Deploy chaindb:core/user_stats to pg
-- requires: trading/orders
-- requires: governance/votes

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/user_stats.sql

COMMIT;
