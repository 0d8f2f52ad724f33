-- Verify chaindb:nft/schema on pg

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'nft';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'nft', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'nft', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'nft'::regnamespace AND defaclobjtype = 'r';
