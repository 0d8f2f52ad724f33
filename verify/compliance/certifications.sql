-- Verify chaindb:compliance/certifications on pg

SELECT id, product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid,
       certificate_uri, revoked_at, created_at, updated_at
  FROM compliance.certifications WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'compliance.certifications'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.certifications'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'compliance.certifications_one_valid_key'::regclass AND indisunique AND indpred IS NOT NULL;
SELECT 'compliance.is_certification_current(compliance.certifications)'::regprocedure;
