-- Deploy chaindb:memory/assets to pg
-- requires: core/backend_access
-- requires: memory/batches
-- requires: core/wallet_address
-- requires: core/current_user
-- requires: core/set_updated_at
-- requires: core/notify_change
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE memory.assets (
    asset_id          text NOT NULL,
    owner_address     core.wallet_address NOT NULL,
    arweave_id        text NOT NULL,
    content_hash      text NOT NULL,
    version           integer NOT NULL DEFAULT 1,
    batch_id          text,
    encryption_key_id text NOT NULL,
    agent_id          text NOT NULL,
    memory_type       text NOT NULL,
    metadata          jsonb NOT NULL DEFAULT '{}',
    burned_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    search_vector     tsvector NOT NULL GENERATED ALWAYS AS (
        pg_catalog.to_tsvector('simple'::regconfig,
            COALESCE(metadata ->> 'title', '') || ' ' || COALESCE(metadata ->> 'description', '') || ' '
            || COALESCE(metadata ->> 'tags', ''))) STORED,
    CONSTRAINT assets_pkey PRIMARY KEY (asset_id),
    CONSTRAINT assets_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES memory.batches (batch_id) ON DELETE RESTRICT,
    CONSTRAINT assets_asset_id_format CHECK (asset_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT assets_arweave_id_format CHECK (arweave_id ~ '^[A-Za-z0-9_-]{43}$'),
    CONSTRAINT assets_content_hash_format CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT assets_version_positive CHECK (version >= 1),
    CONSTRAINT assets_encryption_key_id_length CHECK (pg_catalog.length(encryption_key_id) BETWEEN 1 AND 64),
    CONSTRAINT assets_agent_id_length CHECK (pg_catalog.length(agent_id) BETWEEN 1 AND 64),
    CONSTRAINT assets_memory_type_format CHECK (memory_type ~ '^[a-z_]{1,20}$'),
    CONSTRAINT assets_metadata_object CHECK (pg_catalog.jsonb_typeof(metadata) = 'object'),
    CONSTRAINT assets_burned_after_creation CHECK (burned_at >= created_at)
);
CREATE INDEX assets_owner_address_created_at_idx ON memory.assets (owner_address, created_at DESC);
CREATE INDEX assets_batch_id_idx ON memory.assets (batch_id);
CREATE INDEX assets_created_at_idx ON memory.assets (created_at);
CREATE INDEX assets_agent_id_idx ON memory.assets (agent_id);
CREATE INDEX assets_memory_type_idx ON memory.assets (memory_type);
CREATE INDEX assets_arweave_id_idx ON memory.assets (arweave_id);
CREATE INDEX assets_search_vector_idx ON memory.assets USING gin (search_vector);

\ir ../../functions/memory/assets.sql

-- the seed's trigger, under the seed's name; no WHEN clause (search_vector is generated)
CREATE TRIGGER update_memory_assets_updated_at BEFORE UPDATE ON memory.assets
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();
CREATE TRIGGER assets_guard BEFORE INSERT OR UPDATE ON memory.assets
    FOR EACH ROW EXECUTE FUNCTION memory.asset_guard();

COMMENT ON TABLE memory.assets IS 'Memory assets indexed from the chain [seed: memory_assets]: metadata, owner wallet, the Arweave copy of the current version. Ownership moves only through memory.transfers (memory.transfer_asset), versions only through memory.versions; assets are burned (burned_at), never deleted. RLS (the seed''s owner_access): an owner sees and edits its own assets; a grantee sees what a usable grant gives it.';
COMMENT ON COLUMN memory.assets.asset_id IS 'Asset identifier (1-64 of A-Z a-z 0-9 _ -); natural key.';
COMMENT ON COLUMN memory.assets.owner_address IS 'Owner wallet (RLS owner, compared with core.current_wallet(); no FK to core.users: on-chain owners need not be registered). Changed only by a memory.transfers row.';
COMMENT ON COLUMN memory.assets.arweave_id IS 'Arweave transaction id (43 base64url characters) of the current version''s content.';
COMMENT ON COLUMN memory.assets.content_hash IS 'SHA-256 of the current version''s content, 64 lower-case hex digits.';
COMMENT ON COLUMN memory.assets.version IS 'Current version, from 1; advanced only by inserting into memory.versions.';
COMMENT ON COLUMN memory.assets.batch_id IS 'The batch that minted it; NULL for a single mint.';
COMMENT ON COLUMN memory.assets.encryption_key_id IS 'Identifier of the key the content is encrypted with (never the key), 1-64 characters.';
COMMENT ON COLUMN memory.assets.agent_id IS 'The AI agent whose memory this is, 1-64 characters.';
COMMENT ON COLUMN memory.assets.memory_type IS 'Kind of memory (open set: lower-case letters and _, 1-20 characters).';
COMMENT ON COLUMN memory.assets.metadata IS 'Asset metadata, a JSON object (title, description, tags feed search_vector).';
COMMENT ON COLUMN memory.assets.burned_at IS 'When the asset was burned; NULL = active (decision D-M4). A burned asset is frozen.';
COMMENT ON COLUMN memory.assets.created_at IS 'When it was minted (indexed).';
COMMENT ON COLUMN memory.assets.updated_at IS 'Last change, maintained by update_memory_assets_updated_at.';
COMMENT ON COLUMN memory.assets.search_vector IS 'Generated full-text document from metadata title, description and tags (simple configuration) [seed: full-text search where applicable].';
COMMENT ON CONSTRAINT assets_pkey ON memory.assets IS 'One row per asset id.';
COMMENT ON CONSTRAINT assets_batch_id_fkey ON memory.assets IS 'The minting batch exists; a batch with assets cannot be deleted.';
COMMENT ON CONSTRAINT assets_asset_id_format ON memory.assets IS 'Asset ids are 1-64 URL-safe characters.';
COMMENT ON CONSTRAINT assets_arweave_id_format ON memory.assets IS 'An Arweave transaction id: 43 base64url characters.';
COMMENT ON CONSTRAINT assets_content_hash_format ON memory.assets IS 'A SHA-256 in lower-case hex.';
COMMENT ON CONSTRAINT assets_version_positive ON memory.assets IS 'Versions start at 1.';
COMMENT ON CONSTRAINT assets_encryption_key_id_length ON memory.assets IS 'Key ids are 1-64 characters.';
COMMENT ON CONSTRAINT assets_agent_id_length ON memory.assets IS 'Agent ids are 1-64 characters.';
COMMENT ON CONSTRAINT assets_memory_type_format ON memory.assets IS 'Memory types are 1-20 lower-case letters or _.';
COMMENT ON CONSTRAINT assets_metadata_object ON memory.assets IS 'Metadata is a JSON object.';
COMMENT ON CONSTRAINT assets_burned_after_creation ON memory.assets IS 'An asset is burned after it was minted.';
COMMENT ON INDEX memory.assets_owner_address_created_at_idx IS 'A wallet''s assets, newest first (seed usage query 1, RLS owner, user_statistics).';
COMMENT ON INDEX memory.assets_batch_id_idx IS 'Assets of a batch; the FK to memory.batches.';
COMMENT ON INDEX memory.assets_created_at_idx IS 'Assets by date.';
COMMENT ON INDEX memory.assets_agent_id_idx IS 'Assets of an agent.';
COMMENT ON INDEX memory.assets_memory_type_idx IS 'Assets by memory type.';
COMMENT ON INDEX memory.assets_arweave_id_idx IS 'Asset by Arweave transaction id.';
COMMENT ON INDEX memory.assets_search_vector_idx IS 'Full-text search of asset metadata.';
COMMENT ON TRIGGER update_memory_assets_updated_at ON memory.assets IS 'The seed''s trigger: keeps updated_at current on every update.';
COMMENT ON TRIGGER assets_guard ON memory.assets IS 'A new asset starts at version 1; owner, version, content and id change only through memory.transfers / memory.versions; a burn is final and freezes the asset (SQLSTATE 55000).';

\ir ../../roles/memory/assets.sql

-- ownership is critical: row history; caches of an owner's assets invalidate on change
SELECT audit.enable_tracking('memory.assets');
SELECT core.enable_notify('memory.assets');

COMMIT;
