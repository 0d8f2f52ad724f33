-- Revert chaindb:trading/escrows from pg

BEGIN;

SELECT audit.disable_tracking('trading.escrows');
-- policies, grants, indexes and triggers go with the table
DROP TABLE trading.escrows;
DROP FUNCTION trading.escrow_transition();
DROP TYPE trading.escrow_status;

COMMIT;
