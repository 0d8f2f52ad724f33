-- Revert chaindb:blockchain/assets from pg

BEGIN;

SELECT audit.disable_tracking('blockchain.assets');
-- policies, grants, indexes and triggers go with the table
DROP TABLE blockchain.assets;
DROP TYPE blockchain.asset_type;

COMMIT;
