-- Revert chaindb:trace/traceability_chain from pg

BEGIN;

DROP TRIGGER checkpoints_chain_truncate ON trace.checkpoints;
DROP TRIGGER checkpoints_chain_delete ON trace.checkpoints;
DROP TRIGGER checkpoints_chain_update ON trace.checkpoints;
DROP TRIGGER checkpoints_chain_insert ON trace.checkpoints;
DROP TABLE trace.traceability_chain;
DROP FUNCTION trace.checkpoints_maintain_chain();
DROP FUNCTION trace.rebuild_traceability_chain(bigint);

COMMIT;
