-- Verify chaindb:compliance/enums on pg

SELECT 'regulatory'::compliance.standard_category, 'exempt'::compliance.compliance_status;
