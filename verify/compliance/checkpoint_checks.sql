-- Verify chaindb:compliance/checkpoint_checks on pg

SELECT id, product_id, checkpoint_id, standard_id, compliance_status, check_details, checked_by, checked_at,
       evidence_uri, metadata
  FROM compliance.checkpoint_checks WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'compliance.checkpoint_checks'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass;
