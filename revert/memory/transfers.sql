-- Revert chaindb:memory/transfers from pg

BEGIN;

DROP FUNCTION memory.transfer_asset(text, core.wallet_address, text);
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.transfers;
DROP FUNCTION memory.apply_transfer();

COMMIT;
