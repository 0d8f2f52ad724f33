-- Revert chaindb:compliance/checkpoint_checks from pg

BEGIN;

DROP TABLE compliance.checkpoint_checks;

COMMIT;
