-- Verify chaindb:ops/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'ops';
SELECT 1 / pg_catalog.has_schema_privilege('chain_app', 'ops', 'USAGE')::int;
SELECT 1 / pg_catalog.has_schema_privilege('chain_monitor', 'ops', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('chain_user', 'ops', 'USAGE'))::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'ops', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'ops'::regnamespace AND defaclobjtype = 'r';

ROLLBACK;
