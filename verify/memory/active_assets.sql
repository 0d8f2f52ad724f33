-- Verify chaindb:memory/active_assets on pg

SELECT asset_id, owner_address, arweave_id, content_hash, version, batch_id, encryption_key_id, agent_id, memory_type,
       metadata, created_at, updated_at, batch_status, transaction_signature, confirmed_at, active_grants_count
  FROM memory.active_assets WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_class
 WHERE oid = 'memory.active_assets'::regclass AND 'security_invoker=true' = ANY (reloptions);
