-- Revert chaindb:blockchain/transactions from pg

BEGIN;

-- policies, grants, indexes and triggers (change feed included) go with the table
DROP TABLE blockchain.transactions;
DROP TYPE blockchain.transaction_status;

COMMIT;
