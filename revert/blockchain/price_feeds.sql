-- Revert chaindb:blockchain/price_feeds from pg

BEGIN;

-- partitions, policies, grants and the trigger go with the tables
DROP TABLE blockchain.price_feeds;
DROP FUNCTION blockchain.register_price_symbol();
DROP TABLE blockchain.price_symbols;

COMMIT;
