-- memory.active_assets [seed: active_memory_assets] — live assets (burned_at IS NULL, decision
-- D-M4) with their batch's status, signature and confirmation, and the number of usable grants
-- (not revoked, not expired, not exhausted). The count is a correlated subquery (served by
-- access_grants_live_asset_grantee_key), not a GROUP BY, so WHERE owner_address = … reaches
-- memory.assets_owner_address_created_at_idx. security_invoker: the caller's policies apply.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE VIEW memory.active_assets WITH (security_invoker = true) AS
SELECT a.asset_id, a.owner_address, a.arweave_id, a.content_hash, a.version, a.batch_id, a.encryption_key_id,
       a.agent_id, a.memory_type, a.metadata, a.created_at, a.updated_at,
       b.status AS batch_status, b.transaction_signature, b.confirmed_at,
       (SELECT pg_catalog.count(*)
          FROM memory.access_grants AS g
         WHERE g.asset_id = a.asset_id
           AND g.revoked_at IS NULL
           AND (g.expires_at IS NULL OR g.expires_at > pg_catalog.now())
           AND (g.max_access IS NULL OR g.current_access < g.max_access)) AS active_grants_count
  FROM memory.assets AS a
  LEFT JOIN memory.batches AS b ON b.batch_id = a.batch_id
 WHERE a.burned_at IS NULL;
COMMENT ON VIEW memory.active_assets IS 'Live (not burned) memory assets with batch information and usable-grant counts [seed: active_memory_assets]; security_invoker.';
COMMENT ON COLUMN memory.active_assets.batch_status IS 'Status of the minting batch; NULL for a single mint.';
COMMENT ON COLUMN memory.active_assets.transaction_signature IS 'The batch''s Solana transaction signature.';
COMMENT ON COLUMN memory.active_assets.confirmed_at IS 'When the batch''s transaction was confirmed.';
COMMENT ON COLUMN memory.active_assets.active_grants_count IS 'Grants on the asset that are usable now (not revoked, expired or exhausted), as far as the caller may see them.';
-- read-only: the schema's default privileges gave chain_app DML
REVOKE INSERT, UPDATE, DELETE ON memory.active_assets FROM chain_app;
GRANT SELECT ON memory.active_assets TO chain_app, chain_user, chain_readonly;
