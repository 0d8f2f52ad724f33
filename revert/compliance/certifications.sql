-- Revert chaindb:compliance/certifications from pg

BEGIN;

SELECT audit.disable_tracking('compliance.certifications');
DROP FUNCTION compliance.is_certification_current(compliance.certifications);
DROP TABLE compliance.certifications;

COMMIT;
