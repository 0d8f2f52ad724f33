-- Deploy chaindb:blockchain/latest_prices to pg
-- requires: blockchain/price_feeds

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/blockchain/latest_prices.sql

COMMIT;
