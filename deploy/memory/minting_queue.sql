-- Deploy chaindb:memory/minting_queue to pg
-- requires: core/backend_access
-- requires: memory/assets
-- requires: core/set_updated_at
-- requires: ops/retention_policies
-- requires: core/state_machines

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE memory.mint_status AS ENUM ('pending', 'processing', 'completed', 'failed');
COMMENT ON TYPE memory.mint_status IS
    'State machine (transition table: core.state_transitions, machine memory.mint_status; enforced by core.enforce_transition(), trigger minting_queue_state_machine): (new) → pending; pending → processing (memory.claim_mint_requests) | failed (cancelled); processing → completed (memory.complete_mint_request) | pending (retry with backoff: memory.fail_mint_request; or memory.release_stale_claims) | failed (retries exhausted); completed and failed are final. All by chain_app (the workers); chain_owner loads rows in any state.';
CREATE TYPE memory.mint_priority AS ENUM ('low', 'medium', 'high');
COMMENT ON TYPE memory.mint_priority IS
    'Priority of a mint request; declaration order is sort order (low < medium < high), so ORDER BY priority DESC serves high first (the seed''s upstream varchar sorted high < low < medium).';

CREATE TABLE memory.minting_queue (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    request_id      text NOT NULL,
    owner_address   core.wallet_address NOT NULL,
    memory_content  text NOT NULL,
    memory_metadata jsonb NOT NULL DEFAULT '{}',
    agent_id        text NOT NULL,
    priority        memory.mint_priority NOT NULL DEFAULT 'medium',
    status          memory.mint_status NOT NULL DEFAULT 'pending',
    batch_id        text,
    asset_id        text,
    retry_count     integer NOT NULL DEFAULT 0,
    max_retries     integer NOT NULL DEFAULT 3,
    next_attempt_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    locked_by       text,
    locked_at       timestamptz,
    error_message   text,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    processed_at    timestamptz,
    completed_at    timestamptz,
    failed_at       timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT minting_queue_pkey PRIMARY KEY (id),
    CONSTRAINT minting_queue_request_id_key UNIQUE (request_id),
    CONSTRAINT minting_queue_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES memory.batches (batch_id) ON DELETE RESTRICT,
    CONSTRAINT minting_queue_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES memory.assets (asset_id) ON DELETE RESTRICT,
    CONSTRAINT minting_queue_request_id_length CHECK (pg_catalog.length(request_id) BETWEEN 1 AND 128),
    CONSTRAINT minting_queue_memory_content_not_empty CHECK (pg_catalog.length(memory_content) >= 1),
    CONSTRAINT minting_queue_memory_metadata_object CHECK (pg_catalog.jsonb_typeof(memory_metadata) = 'object'),
    CONSTRAINT minting_queue_agent_id_length CHECK (pg_catalog.length(agent_id) BETWEEN 1 AND 64),
    CONSTRAINT minting_queue_max_retries_range CHECK (max_retries BETWEEN 0 AND 100),
    CONSTRAINT minting_queue_retry_count_range CHECK (retry_count BETWEEN 0 AND max_retries),
    CONSTRAINT minting_queue_locked_when_processing CHECK (
        (status = 'processing') = (locked_at IS NOT NULL) AND (locked_at IS NULL) = (locked_by IS NULL)),
    CONSTRAINT minting_queue_locked_by_length CHECK (pg_catalog.length(locked_by) BETWEEN 1 AND 128),
    CONSTRAINT minting_queue_completed_has_time CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CONSTRAINT minting_queue_completed_has_asset CHECK (status <> 'completed' OR asset_id IS NOT NULL),
    CONSTRAINT minting_queue_failed_has_time CHECK ((status = 'failed') = (failed_at IS NOT NULL)),
    CONSTRAINT minting_queue_error_message_length CHECK (pg_catalog.length(error_message) <= 10000)
);
-- the dequeue order of memory.claim_mint_requests: pending only, priority then age
CREATE INDEX minting_queue_dequeue_idx ON memory.minting_queue (priority DESC, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX minting_queue_owner_address_created_at_idx ON memory.minting_queue (owner_address, created_at DESC);
CREATE INDEX minting_queue_batch_id_idx ON memory.minting_queue (batch_id);
CREATE INDEX minting_queue_asset_id_idx ON memory.minting_queue (asset_id);
CREATE INDEX minting_queue_stale_claims_idx ON memory.minting_queue (locked_at) WHERE status = 'processing';
CREATE INDEX minting_queue_completed_at_idx ON memory.minting_queue (completed_at) WHERE status = 'completed';
CREATE INDEX minting_queue_failed_at_idx ON memory.minting_queue (failed_at) WHERE status = 'failed';

\ir ../../functions/memory/minting_queue.sql

CREATE TRIGGER minting_queue_set_updated_at BEFORE UPDATE ON memory.minting_queue
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE memory.minting_queue IS 'Pending minting operations [seed: minting_queue]: the asynchronous minting workflow. Workers claim with memory.claim_mint_requests (FOR UPDATE SKIP LOCKED, priority then age), finish with complete_mint_request / fail_mint_request (capped exponential backoff, then failed); memory.release_stale_claims re-queues the claims of dead workers. Retention: completed rows deleted after 7 days, failed after 30 (ops.retention_policies). RLS: an owner reads its own requests; memory_content is a secret chain_readonly cannot read.';
COMMENT ON COLUMN memory.minting_queue.id IS 'Identity of the request; the last dequeue tie-breaker.';
COMMENT ON COLUMN memory.minting_queue.request_id IS 'Client idempotency key (1-128 characters, unique): a retried submission fails with 23505 instead of minting twice.';
COMMENT ON COLUMN memory.minting_queue.owner_address IS 'Wallet the memory is minted for (RLS owner).';
COMMENT ON COLUMN memory.minting_queue.memory_content IS 'The memory to mint, before encryption and upload: a SECRET (no SELECT for chain_readonly).';
COMMENT ON COLUMN memory.minting_queue.memory_metadata IS 'Metadata for the asset, a JSON object.';
COMMENT ON COLUMN memory.minting_queue.agent_id IS 'The AI agent whose memory it is, 1-64 characters.';
COMMENT ON COLUMN memory.minting_queue.priority IS 'low, medium or high; high is claimed first.';
COMMENT ON COLUMN memory.minting_queue.status IS 'pending, processing, completed or failed (memory.mint_status state machine).';
COMMENT ON COLUMN memory.minting_queue.batch_id IS 'The batch it was minted in, once known.';
COMMENT ON COLUMN memory.minting_queue.asset_id IS 'The asset minted; set on completion.';
COMMENT ON COLUMN memory.minting_queue.retry_count IS 'Retries so far, 0..max_retries.';
COMMENT ON COLUMN memory.minting_queue.max_retries IS 'Retries allowed after the first attempt (0..100, default 3); the next failure after the last retry is final.';
COMMENT ON COLUMN memory.minting_queue.next_attempt_at IS 'Not claimed before this time: now() when queued, then now() + least(1 hour, 30 s * 2^retries) after a failure.';
COMMENT ON COLUMN memory.minting_queue.locked_by IS 'Worker holding the claim (1-128 characters); set exactly while processing.';
COMMENT ON COLUMN memory.minting_queue.locked_at IS 'When the current claim was taken; set exactly while processing (release_stale_claims compares it).';
COMMENT ON COLUMN memory.minting_queue.error_message IS 'Last failure, up to 10000 characters.';
COMMENT ON COLUMN memory.minting_queue.created_at IS 'When it was queued.';
COMMENT ON COLUMN memory.minting_queue.processed_at IS 'When it was last claimed.';
COMMENT ON COLUMN memory.minting_queue.completed_at IS 'When it completed; set exactly when completed (retention clock: 7 days).';
COMMENT ON COLUMN memory.minting_queue.failed_at IS 'When it failed for good; set exactly when failed (retention clock: 30 days, beyond the seed: decision D-M8).';
COMMENT ON COLUMN memory.minting_queue.updated_at IS 'Last change, maintained by minting_queue_set_updated_at.';
COMMENT ON CONSTRAINT minting_queue_pkey ON memory.minting_queue IS 'Request identity.';
COMMENT ON CONSTRAINT minting_queue_request_id_key ON memory.minting_queue IS 'One request per idempotency key.';
COMMENT ON CONSTRAINT minting_queue_batch_id_fkey ON memory.minting_queue IS 'The batch exists.';
COMMENT ON CONSTRAINT minting_queue_asset_id_fkey ON memory.minting_queue IS 'The minted asset exists.';
COMMENT ON CONSTRAINT minting_queue_request_id_length ON memory.minting_queue IS 'Idempotency keys are 1-128 characters.';
COMMENT ON CONSTRAINT minting_queue_memory_content_not_empty ON memory.minting_queue IS 'There is something to mint.';
COMMENT ON CONSTRAINT minting_queue_memory_metadata_object ON memory.minting_queue IS 'Metadata is a JSON object.';
COMMENT ON CONSTRAINT minting_queue_agent_id_length ON memory.minting_queue IS 'Agent ids are 1-64 characters.';
COMMENT ON CONSTRAINT minting_queue_max_retries_range ON memory.minting_queue IS 'Between 0 and 100 retries.';
COMMENT ON CONSTRAINT minting_queue_retry_count_range ON memory.minting_queue IS 'Retries never exceed max_retries.';
COMMENT ON CONSTRAINT minting_queue_locked_when_processing ON memory.minting_queue IS 'A claim (locked_by, locked_at) exists exactly while processing.';
COMMENT ON CONSTRAINT minting_queue_locked_by_length ON memory.minting_queue IS 'Worker ids are 1-128 characters.';
COMMENT ON CONSTRAINT minting_queue_completed_has_time ON memory.minting_queue IS 'completed_at is set exactly when completed.';
COMMENT ON CONSTRAINT minting_queue_completed_has_asset ON memory.minting_queue IS 'A completed request names the asset it minted.';
COMMENT ON CONSTRAINT minting_queue_failed_has_time ON memory.minting_queue IS 'failed_at is set exactly when failed.';
COMMENT ON CONSTRAINT minting_queue_error_message_length ON memory.minting_queue IS 'Error messages up to 10000 characters.';
COMMENT ON INDEX memory.minting_queue_dequeue_idx IS 'Partial: pending requests in dequeue order (priority DESC, next_attempt_at, id); serves memory.claim_mint_requests.';
COMMENT ON INDEX memory.minting_queue_owner_address_created_at_idx IS 'A wallet''s requests, newest first (RLS owner).';
COMMENT ON INDEX memory.minting_queue_batch_id_idx IS 'Requests of a batch; the FK to memory.batches.';
COMMENT ON INDEX memory.minting_queue_asset_id_idx IS 'Request of an asset; the FK to memory.assets.';
COMMENT ON INDEX memory.minting_queue_stale_claims_idx IS 'Partial: claims by age; serves memory.release_stale_claims.';
COMMENT ON INDEX memory.minting_queue_completed_at_idx IS 'Partial: completed requests by completion time; serves the 7-day cleanup (seed maintenance query).';
COMMENT ON INDEX memory.minting_queue_failed_at_idx IS 'Partial: failed requests by failure time; serves the 30-day cleanup.';
COMMENT ON TRIGGER minting_queue_set_updated_at ON memory.minting_queue IS 'Keeps updated_at current on real changes.';

\ir ../../roles/memory/minting_queue.sql

-- the state machine: its transition table rows, and the trigger minting_queue_state_machine
INSERT INTO core.state_transitions (machine, from_state, to_state, who)
SELECT 'memory.mint_status'::pg_catalog.regtype, v.from_state, v.to_state, 'chain_app'
  FROM (VALUES (NULL, 'pending'),
               ('pending', 'processing'), ('pending', 'failed'),
               ('processing', 'completed'), ('processing', 'pending'), ('processing', 'failed')) AS v (from_state, to_state)
UNION ALL
-- chain_owner: a new row in any state (data loads, fixtures)
SELECT 'memory.mint_status'::pg_catalog.regtype, NULL, e.enumlabel::text, 'chain_owner'
  FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = 'memory.mint_status'::pg_catalog.regtype;
SELECT core.enable_state_machine('memory.minting_queue');

-- retention (maint.cleanup_old_data): the seed's cleanup of completed entries, and failed ones beyond it
INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, row_filter, batch_size, note) VALUES
    ('memory.minting_queue', 'completed', 'completed_at', interval '7 days', 'delete', 'status = ''completed''', 5000,
     'seed 001 maintenance query (R-M1): completed queue entries deleted after 7 days; served by minting_queue_completed_at_idx'),
    ('memory.minting_queue', 'failed', 'failed_at', interval '30 days', 'delete', 'status = ''failed''', 5000,
     'beyond seed 001, decision D-M8: failed queue entries deleted after 30 days; served by minting_queue_failed_at_idx');

COMMIT;
