-- Revert chaindb:blockchain/latest_prices from pg

BEGIN;

DROP FUNCTION blockchain.latest_price(text);
DROP VIEW blockchain.latest_prices;

COMMIT;
