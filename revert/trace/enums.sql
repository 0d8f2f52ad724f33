-- Revert chaindb:trace/enums from pg

BEGIN;

DROP TYPE trace.stakeholder_role;
DROP TYPE trace.checkpoint_status;
DROP TYPE trace.product_type;

COMMIT;
