-- Verify chaindb:memory/assets on pg

SELECT asset_id, owner_address, arweave_id, content_hash, version, batch_id, encryption_key_id, agent_id,
       memory_type, metadata, burned_at, created_at, updated_at, search_vector
  FROM memory.assets WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.assets'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'memory.assets'::regclass AND tgname = 'update_memory_assets_updated_at';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_policy
 WHERE polrelid = 'memory.assets'::regclass AND polname = 'assets_select_own';
