-- Verify chaindb:compliance/standards on pg

SELECT id, standard_name, standard_code, description, category, is_active, created_at, updated_at
  FROM compliance.standards WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'compliance.standards'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass;
