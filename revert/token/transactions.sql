-- Revert chaindb:token/transactions from pg

BEGIN;

SELECT audit.disable_tracking('token.transactions');
-- policies, grants, indexes and triggers (change feed included) go with the table
DROP TABLE token.transactions;

COMMIT;
