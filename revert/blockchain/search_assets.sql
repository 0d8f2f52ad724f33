-- Revert chaindb:blockchain/search_assets from pg

BEGIN;

DROP FUNCTION blockchain.search_assets(text, blockchain.asset_type, int);

COMMIT;
