-- Verify chaindb:blockchain/schema on pg

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'blockchain';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'blockchain', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'blockchain', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'blockchain'::regnamespace AND defaclobjtype = 'r';
