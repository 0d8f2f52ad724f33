-- Revert chaindb:trace/checkpoints from pg

BEGIN;

SELECT audit.disable_tracking('trace.checkpoints');
DROP TABLE trace.checkpoints;
DROP FUNCTION trace.checkpoints_before_write();
DROP FUNCTION trace.lock_product_chain(bigint);

COMMIT;
