-- Verify chaindb:core/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'core';
SELECT 1 / pg_catalog.has_schema_privilege('chain_user', 'core', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'core', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'core'::regnamespace AND defaclobjtype = 'r';

ROLLBACK;
