-- Verify chaindb:archive/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'archive';
SELECT 1 / pg_catalog.has_schema_privilege('chain_auditor', 'archive', 'USAGE')::int;
SELECT 1 / pg_catalog.has_schema_privilege('chain_analytics', 'archive', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('chain_app', 'archive', 'USAGE'))::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'archive', 'USAGE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'archive'::regnamespace AND defaclobjtype = 'r';
-- archiving never widens access: new archive tables give chain_auditor SELECT, nobody else anything
SELECT 1 / (pg_catalog.array_agg(x.grantee::regrole::text || ':' || x.privilege_type) = ARRAY['chain_auditor:SELECT'])::int
  FROM pg_catalog.pg_default_acl AS d, pg_catalog.aclexplode(d.defaclacl) AS x
 WHERE d.defaclrole = 'chain_owner'::regrole AND d.defaclnamespace = 'archive'::regnamespace;

ROLLBACK;
