-- Verify chaindb:auth/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'auth';
SELECT 1 / pg_catalog.has_schema_privilege('chain_app', 'auth', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'auth', 'USAGE'))::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('chain_analytics', 'auth', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'auth'::regnamespace AND defaclobjtype = 'r';

ROLLBACK;
