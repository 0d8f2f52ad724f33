-- roles/memory/minting_queue.sql — privileges and RLS of memory.minting_queue.
--   chain_user: reads its own requests (owner_address = core.current_wallet()), content included
--   (it is its own);
--   chain_app (the workers): everything, through the queue functions;
--   chain_readonly: every request WITHOUT memory_content (the secret; column grants);
--   chain_owner: reads and deletes (retention: completed after 7 days, failed after 30).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.minting_queue');

GRANT SELECT ON memory.minting_queue TO chain_user;
CREATE POLICY minting_queue_select_own ON memory.minting_queue FOR SELECT TO chain_user
    USING (owner_address = (SELECT core.current_wallet()));
COMMENT ON POLICY minting_queue_select_own ON memory.minting_queue IS 'An end user reads the mint requests of its own wallet.';

-- memory_content is a secret: hidden from reporting
REVOKE SELECT ON memory.minting_queue FROM chain_readonly;
GRANT SELECT (id, request_id, owner_address, memory_metadata, agent_id, priority, status, batch_id, asset_id,
              retry_count, max_retries, next_attempt_at, locked_by, locked_at, error_message, created_at,
              processed_at, completed_at, failed_at, updated_at) ON memory.minting_queue TO chain_readonly;

CREATE POLICY minting_queue_delete_owner ON memory.minting_queue FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY minting_queue_delete_owner ON memory.minting_queue IS 'Retention (maint, as chain_owner) deletes completed requests after 7 days and failed ones after 30.';
