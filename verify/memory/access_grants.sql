-- Verify chaindb:memory/access_grants on pg

SELECT id, asset_id, grantee_address, grantor_address, permissions, expires_at, max_access, current_access,
       created_at, revoked_at, revoked_by, last_accessed_at
  FROM memory.access_grants WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.access_grants'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_policy
 WHERE polrelid = 'memory.assets'::regclass AND polname = 'assets_select_granted';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'memory.access_grants_live_asset_grantee_key'::regclass AND indisunique AND indpred IS NOT NULL;
