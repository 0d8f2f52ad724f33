-- Revert chaindb:memory/batches from pg

BEGIN;

SELECT audit.disable_tracking('memory.batches');
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.batches;
DROP FUNCTION memory.batch_transition();
DROP TYPE memory.batch_status;

COMMIT;
