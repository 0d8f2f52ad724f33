-- Verify chaindb:memory/minting_queue on pg

SELECT id, request_id, owner_address, memory_content, memory_metadata, agent_id, priority, status, batch_id, asset_id,
       retry_count, max_retries, next_attempt_at, locked_by, locked_at, error_message, created_at, processed_at,
       completed_at, failed_at, updated_at
  FROM memory.minting_queue WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.minting_queue'::regclass;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'memory.minting_queue', 'memory_content', 'SELECT'))::int;
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM ops.retention_policies WHERE table_name = 'memory.minting_queue'::regclass;
SELECT 'memory.claim_mint_requests(text, integer)'::regprocedure, 'memory.complete_mint_request(bigint, text, text, text)'::regprocedure,
       'memory.fail_mint_request(bigint, text, text)'::regprocedure, 'memory.release_stale_claims(interval)'::regprocedure;
SELECT 1 / (pg_catalog.count(*) = 10)::int FROM core.state_transitions WHERE machine = 'memory.mint_status'::regtype;
