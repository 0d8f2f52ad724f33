-- Verify chaindb:education/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'education';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'education', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'education', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'education'::regnamespace AND defaclobjtype = 'r';

ROLLBACK;
