-- Revert chaindb:compliance/enums from pg

BEGIN;

DROP TYPE compliance.compliance_status;
DROP TYPE compliance.standard_category;

COMMIT;
