-- Revert chaindb:compliance/standards from pg

BEGIN;

DROP TABLE compliance.standards;

COMMIT;
