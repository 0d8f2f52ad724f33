-- Verify chaindb:governance/schema on pg

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'governance';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'governance', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'governance', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'governance'::regnamespace AND defaclobjtype = 'r';
