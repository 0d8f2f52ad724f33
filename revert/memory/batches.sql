-- Revert chaindb:memory/batches from pg

BEGIN;

DELETE FROM core.state_transitions WHERE machine = 'memory.batch_status'::regtype;

SELECT audit.disable_tracking('memory.batches');
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.batches;
DROP TYPE memory.batch_status;

COMMIT;
