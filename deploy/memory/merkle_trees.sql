-- Deploy chaindb:memory/merkle_trees to pg
-- requires: core/backend_access
-- requires: memory/schema
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE memory.tree_status AS ENUM ('active', 'full', 'retired');
COMMENT ON TYPE memory.tree_status IS
    'A Merkle tree''s state: active (has free leaves) → full (current_size = capacity, set by memory.reserve_leaves) → retired; active → retired. Enforced by the CHECKs merkle_trees_active_has_room and merkle_trees_full_at_capacity.';

CREATE TABLE memory.merkle_trees (
    tree_address        text NOT NULL,
    max_depth           integer NOT NULL,
    max_buffer_size     integer NOT NULL,
    canopy_depth        integer NOT NULL DEFAULT 0,
    capacity            bigint GENERATED ALWAYS AS (pg_catalog.int8shl(1, max_depth)) STORED,
    current_size        bigint NOT NULL DEFAULT 0,
    utilization_percent numeric(5, 2) GENERATED ALWAYS AS (
        pg_catalog.round(pg_catalog.numeric_div(pg_catalog.numeric_mul(current_size::numeric, 100),
                                                pg_catalog.int8shl(1, max_depth)::numeric), 2)) STORED,
    status              memory.tree_status NOT NULL DEFAULT 'active',
    created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    last_mint_at        timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT merkle_trees_pkey PRIMARY KEY (tree_address),
    CONSTRAINT merkle_trees_tree_address_format CHECK (tree_address ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'),
    CONSTRAINT merkle_trees_max_depth_range CHECK (max_depth BETWEEN 3 AND 30),
    CONSTRAINT merkle_trees_max_buffer_size_allowed CHECK (max_buffer_size IN (8, 16, 32, 64, 128, 256, 512, 1024, 2048)),
    CONSTRAINT merkle_trees_canopy_depth_range CHECK (canopy_depth >= 0 AND canopy_depth < max_depth),
    CONSTRAINT merkle_trees_size_within_capacity CHECK (current_size BETWEEN 0 AND capacity),
    CONSTRAINT merkle_trees_active_has_room CHECK (status <> 'active' OR current_size < capacity),
    CONSTRAINT merkle_trees_full_at_capacity CHECK (status <> 'full' OR current_size = capacity)
);
-- choosing a tree to mint into: the active trees, least used first
CREATE INDEX merkle_trees_active_utilization_idx ON memory.merkle_trees (utilization_percent) WHERE status = 'active';
CREATE INDEX merkle_trees_status_idx ON memory.merkle_trees (status);

-- no WHEN (OLD IS DISTINCT FROM NEW): a BEFORE trigger's WHEN cannot see generated columns
CREATE TRIGGER merkle_trees_set_updated_at BEFORE UPDATE ON memory.merkle_trees
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE memory.merkle_trees IS 'Concurrent Merkle trees (Solana compressed NFTs) that memory assets are minted into [seed: merkle_trees]. The leaf count never exceeds the capacity: leaves are taken only by memory.reserve_leaves(). RLS: public chain data, every role that reads memory sees every tree.';
COMMENT ON COLUMN memory.merkle_trees.tree_address IS 'On-chain address of the tree account (base58, 32-44 characters); natural key.';
COMMENT ON COLUMN memory.merkle_trees.max_depth IS 'Tree depth, 3..30; the tree holds 2^max_depth leaves.';
COMMENT ON COLUMN memory.merkle_trees.max_buffer_size IS 'Concurrent change-log buffer size; one of the sizes Solana account compression allows (8..2048, powers of two).';
COMMENT ON COLUMN memory.merkle_trees.canopy_depth IS 'Levels of the tree cached on chain, 0..max_depth-1.';
COMMENT ON COLUMN memory.merkle_trees.capacity IS 'Leaves the tree holds: 2^max_depth (generated).';
COMMENT ON COLUMN memory.merkle_trees.current_size IS 'Leaves reserved so far, 0..capacity; advanced only by memory.reserve_leaves().';
COMMENT ON COLUMN memory.merkle_trees.utilization_percent IS 'current_size as a percentage of capacity, two decimals (generated).';
COMMENT ON COLUMN memory.merkle_trees.status IS 'active, full or retired (memory.tree_status).';
COMMENT ON COLUMN memory.merkle_trees.created_at IS 'When the tree was registered.';
COMMENT ON COLUMN memory.merkle_trees.last_mint_at IS 'When leaves were last reserved.';
COMMENT ON COLUMN memory.merkle_trees.updated_at IS 'Last change, maintained by merkle_trees_set_updated_at.';
COMMENT ON CONSTRAINT merkle_trees_pkey ON memory.merkle_trees IS 'One row per tree address.';
COMMENT ON CONSTRAINT merkle_trees_tree_address_format ON memory.merkle_trees IS 'A Solana account address: base58, 32-44 characters.';
COMMENT ON CONSTRAINT merkle_trees_max_depth_range ON memory.merkle_trees IS 'Depth between 3 and 30.';
COMMENT ON CONSTRAINT merkle_trees_max_buffer_size_allowed ON memory.merkle_trees IS 'A buffer size Solana account compression allows.';
COMMENT ON CONSTRAINT merkle_trees_canopy_depth_range ON memory.merkle_trees IS 'The canopy is shallower than the tree.';
COMMENT ON CONSTRAINT merkle_trees_size_within_capacity ON memory.merkle_trees IS 'The leaf count never exceeds the capacity (nor goes negative).';
COMMENT ON CONSTRAINT merkle_trees_active_has_room ON memory.merkle_trees IS 'An active tree has at least one free leaf.';
COMMENT ON CONSTRAINT merkle_trees_full_at_capacity ON memory.merkle_trees IS 'A full tree is at capacity.';
COMMENT ON INDEX memory.merkle_trees_active_utilization_idx IS 'Partial: active trees by utilization, to choose the tree to mint into.';
COMMENT ON INDEX memory.merkle_trees_status_idx IS 'Trees by status.';
COMMENT ON TRIGGER merkle_trees_set_updated_at ON memory.merkle_trees IS 'Keeps updated_at current on every update.';

\ir ../../functions/memory/merkle_trees.sql

\ir ../../roles/memory/merkle_trees.sql

COMMIT;
