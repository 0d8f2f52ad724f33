-- Deploy chaindb:blockchain/latest_prices to pg
-- requires: blockchain/price_feeds

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../views/blockchain/latest_prices.sql

COMMIT;
