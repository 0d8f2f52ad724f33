-- Deploy chaindb:memory/batches to pg
-- requires: core/backend_access
-- requires: memory/merkle_trees
-- requires: core/wallet_address
-- requires: core/set_updated_at
-- requires: audit/capture
-- requires: core/state_machines

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE memory.batch_status AS ENUM ('pending', 'processing', 'completed', 'failed');
COMMENT ON TYPE memory.batch_status IS
    'State machine (transition table: core.state_transitions, machine memory.batch_status; enforced by core.enforce_transition(), trigger batches_state_machine): (new) → pending | processing | completed (a batch indexed after its confirmation); pending → processing | failed; processing → completed | failed; failed → pending (resubmitted); completed is final. All by chain_app (the backend); chain_owner loads rows in any state.';

CREATE TABLE memory.batches (
    batch_id              text NOT NULL,
    owner_address         core.wallet_address NOT NULL,
    memory_count          integer NOT NULL,
    total_size_bytes      bigint NOT NULL DEFAULT 0,
    merkle_tree_address   text NOT NULL,
    transaction_signature text,
    status                memory.batch_status NOT NULL DEFAULT 'pending',
    total_cost_lamports   bigint NOT NULL DEFAULT 0,
    solana_cost_lamports  bigint NOT NULL DEFAULT 0,
    arweave_cost_winston  bigint NOT NULL DEFAULT 0,
    priority_fee_lamports bigint NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    confirmed_at          timestamptz,
    error_message         text,
    updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT batches_pkey PRIMARY KEY (batch_id),
    CONSTRAINT batches_merkle_tree_address_fkey FOREIGN KEY (merkle_tree_address)
        REFERENCES memory.merkle_trees (tree_address) ON DELETE RESTRICT,
    CONSTRAINT batches_batch_id_format CHECK (batch_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT batches_memory_count_positive CHECK (memory_count > 0),
    CONSTRAINT batches_total_size_bytes_nonnegative CHECK (total_size_bytes >= 0),
    CONSTRAINT batches_transaction_signature_format CHECK (transaction_signature ~ '^[1-9A-HJ-NP-Za-km-z]{64,88}$'),
    CONSTRAINT batches_costs_nonnegative CHECK (total_cost_lamports >= 0 AND solana_cost_lamports >= 0
                                                AND arweave_cost_winston >= 0 AND priority_fee_lamports >= 0),
    CONSTRAINT batches_cost_breakdown_within_total CHECK (solana_cost_lamports + priority_fee_lamports <= total_cost_lamports),
    CONSTRAINT batches_completed_is_confirmed CHECK (status <> 'completed' OR (confirmed_at IS NOT NULL AND transaction_signature IS NOT NULL)),
    CONSTRAINT batches_error_message_length CHECK (pg_catalog.length(error_message) <= 10000)
);
CREATE INDEX batches_owner_address_created_at_idx ON memory.batches (owner_address, created_at DESC);
CREATE INDEX batches_status_created_at_idx ON memory.batches (status, created_at);
CREATE INDEX batches_created_at_idx ON memory.batches (created_at DESC);
CREATE INDEX batches_transaction_signature_idx ON memory.batches (transaction_signature);
CREATE INDEX batches_merkle_tree_address_idx ON memory.batches (merkle_tree_address);
-- memory.batch_statistics groups completed batches by UTC day: this serves its date filter
CREATE INDEX batches_completed_day_idx ON memory.batches (((created_at AT TIME ZONE 'UTC')::date))
    WHERE status = 'completed';

CREATE TRIGGER batches_set_updated_at BEFORE UPDATE ON memory.batches
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE memory.batches IS 'Batch mints [seed: memory_batches]: many memory assets minted into one Merkle tree by one Solana transaction, with its costs. RLS: an owner reads its own batches.';
COMMENT ON COLUMN memory.batches.batch_id IS 'Batch identifier (1-64 of A-Z a-z 0-9 _ -); natural key.';
COMMENT ON COLUMN memory.batches.owner_address IS 'Wallet that minted the batch (RLS owner; no FK to core.users: on-chain owners need not be registered).';
COMMENT ON COLUMN memory.batches.memory_count IS 'Number of memories in the batch, positive.';
COMMENT ON COLUMN memory.batches.total_size_bytes IS 'Total size of the batch''s content in bytes.';
COMMENT ON COLUMN memory.batches.merkle_tree_address IS 'The Merkle tree the batch mints into.';
COMMENT ON COLUMN memory.batches.transaction_signature IS 'Solana transaction signature (base58, 64-88 characters); NULL until submitted. One per batch (decision D-M5).';
COMMENT ON COLUMN memory.batches.status IS 'pending, processing, completed or failed (memory.batch_status state machine).';
COMMENT ON COLUMN memory.batches.total_cost_lamports IS 'Total cost on Solana in lamports (network fees, rent and priority fee); Arweave storage is separate, in winston (decision D-M9).';
COMMENT ON COLUMN memory.batches.solana_cost_lamports IS 'Solana network fees and rent in lamports (part of total_cost_lamports).';
COMMENT ON COLUMN memory.batches.arweave_cost_winston IS 'Arweave storage cost in winston (another currency: not in total_cost_lamports).';
COMMENT ON COLUMN memory.batches.priority_fee_lamports IS 'Priority fee in lamports (part of total_cost_lamports).';
COMMENT ON COLUMN memory.batches.created_at IS 'When the batch was created.';
COMMENT ON COLUMN memory.batches.confirmed_at IS 'When its transaction was confirmed; required once completed.';
COMMENT ON COLUMN memory.batches.error_message IS 'Why it failed, up to 10000 characters.';
COMMENT ON COLUMN memory.batches.updated_at IS 'Last change, maintained by batches_set_updated_at.';
COMMENT ON CONSTRAINT batches_pkey ON memory.batches IS 'One row per batch id.';
COMMENT ON CONSTRAINT batches_merkle_tree_address_fkey ON memory.batches IS 'The batch''s tree exists; a tree with batches cannot be deleted.';
COMMENT ON CONSTRAINT batches_batch_id_format ON memory.batches IS 'Batch ids are 1-64 URL-safe characters.';
COMMENT ON CONSTRAINT batches_memory_count_positive ON memory.batches IS 'A batch holds at least one memory.';
COMMENT ON CONSTRAINT batches_total_size_bytes_nonnegative ON memory.batches IS 'Sizes are not negative.';
COMMENT ON CONSTRAINT batches_transaction_signature_format ON memory.batches IS 'A Solana signature: base58, 64-88 characters.';
COMMENT ON CONSTRAINT batches_costs_nonnegative ON memory.batches IS 'No cost is negative.';
COMMENT ON CONSTRAINT batches_cost_breakdown_within_total ON memory.batches IS 'Network fees plus priority fee never exceed the lamport total (decision D-M9).';
COMMENT ON CONSTRAINT batches_completed_is_confirmed ON memory.batches IS 'A completed batch has a confirmed transaction (signature and confirmation time).';
COMMENT ON CONSTRAINT batches_error_message_length ON memory.batches IS 'Error messages up to 10000 characters.';
COMMENT ON INDEX memory.batches_owner_address_created_at_idx IS 'A wallet''s batches, newest first (RLS owner, user_statistics).';
COMMENT ON INDEX memory.batches_status_created_at_idx IS 'Batches by status and age (the minting pipeline).';
COMMENT ON INDEX memory.batches_created_at_idx IS 'Batches by date.';
COMMENT ON INDEX memory.batches_transaction_signature_idx IS 'Batch by Solana transaction signature.';
COMMENT ON INDEX memory.batches_merkle_tree_address_idx IS 'Batches of a tree; the FK to memory.merkle_trees.';
COMMENT ON INDEX memory.batches_completed_day_idx IS 'Partial expression index: completed batches by UTC day; serves memory.batch_statistics filtered by date.';
COMMENT ON TRIGGER batches_set_updated_at ON memory.batches IS 'Keeps updated_at current on real changes.';

\ir ../../roles/memory/batches.sql

-- the state machine: its transition table rows, and the trigger batches_state_machine
INSERT INTO core.state_transitions (machine, from_state, to_state, who)
SELECT 'memory.batch_status'::pg_catalog.regtype, v.from_state, v.to_state, 'chain_app'
  FROM (VALUES (NULL, 'pending'), (NULL, 'processing'), (NULL, 'completed'),
               ('pending', 'processing'), ('pending', 'failed'),
               ('processing', 'completed'), ('processing', 'failed'),
               ('failed', 'pending')) AS v (from_state, to_state)
UNION ALL
-- chain_owner: a new row in any state (data loads, fixtures)
SELECT 'memory.batch_status'::pg_catalog.regtype, NULL, e.enumlabel::text, 'chain_owner'
  FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = 'memory.batch_status'::pg_catalog.regtype;
SELECT core.enable_state_machine('memory.batches');

SELECT audit.enable_tracking('memory.batches');

COMMIT;
