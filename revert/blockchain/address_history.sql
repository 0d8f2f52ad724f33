-- Revert chaindb:blockchain/address_history from pg

BEGIN;

DROP FUNCTION blockchain.address_history(text, int);

COMMIT;
