-- Verify chaindb:payment/schema on pg

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'payment';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'payment', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'payment', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'payment'::regnamespace AND defaclobjtype = 'r';
