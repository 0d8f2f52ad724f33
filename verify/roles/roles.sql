-- Verify chaindb:roles/roles on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- every role exists, none is privileged
SELECT 1 / (pg_catalog.count(*) = 7)::int
  FROM pg_catalog.pg_roles
 WHERE rolname IN ('chain_owner', 'chain_app', 'chain_user', 'chain_readonly',
                   'chain_analytics', 'chain_auditor', 'chain_monitor')
   AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole AND NOT rolcreatedb;
SELECT 1 / (NOT rolcanlogin)::int FROM pg_catalog.pg_roles WHERE rolname = 'chain_owner';
-- the identity path: a NOINHERIT login that may only become chain_user
SELECT 1 / (rolcanlogin AND NOT rolinherit AND NOT rolsuper AND NOT rolbypassrls)::int
  FROM pg_catalog.pg_roles WHERE rolname = 'chain_authenticator';
SELECT 1 / pg_catalog.pg_has_role('chain_authenticator', 'chain_user', 'MEMBER')::int;
SELECT 1 / pg_catalog.pg_has_role('chain_monitor', 'pg_monitor', 'MEMBER')::int;
SELECT 1 / pg_catalog.pg_has_role('chain_owner', 'pg_read_all_stats', 'MEMBER')::int;
SELECT 1 / pg_catalog.pg_has_role('chain_owner', 'pg_read_all_settings', 'MEMBER')::int;
-- PUBLIC has no CREATE on public and no default EXECUTE on chain_owner's functions
SELECT 1 / (NOT pg_catalog.has_schema_privilege('public', 'public', 'CREATE'))::int;
SELECT 1 / pg_catalog.count(*)
  FROM pg_catalog.pg_default_acl
 WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 0 AND defaclobjtype = 'f';

ROLLBACK;
