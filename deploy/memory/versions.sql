-- Deploy chaindb:memory/versions to pg
-- requires: core/backend_access
-- requires: memory/assets
-- requires: memory/audit_logs

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE memory.versions (
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    asset_id            text NOT NULL,
    version_number      integer NOT NULL,
    arweave_id          text NOT NULL,
    content_hash        text NOT NULL,
    changes_description text,
    created_by          core.wallet_address NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    metadata            jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT versions_pkey PRIMARY KEY (id),
    CONSTRAINT versions_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES memory.assets (asset_id) ON DELETE RESTRICT,
    CONSTRAINT versions_asset_id_version_number_key UNIQUE (asset_id, version_number),
    CONSTRAINT versions_version_number_positive CHECK (version_number >= 1),
    CONSTRAINT versions_arweave_id_format CHECK (arweave_id ~ '^[A-Za-z0-9_-]{43}$'),
    CONSTRAINT versions_content_hash_format CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT versions_changes_description_length CHECK (pg_catalog.length(changes_description) <= 2000),
    CONSTRAINT versions_metadata_object CHECK (pg_catalog.jsonb_typeof(metadata) = 'object')
);
CREATE INDEX versions_created_at_idx ON memory.versions (created_at);

\ir ../../functions/memory/versions.sql

CREATE TRIGGER versions_apply BEFORE INSERT ON memory.versions
    FOR EACH ROW EXECUTE FUNCTION memory.apply_version();
CREATE TRIGGER versions_append_only BEFORE UPDATE OR DELETE ON memory.versions
    FOR EACH ROW EXECUTE FUNCTION memory.audit_log_append_only();

COMMENT ON TABLE memory.versions IS 'Version history of memory assets [seed: version_history]: each new version of an asset''s content, append-only. Inserting version n+1 makes it the asset''s current version (trigger versions_apply drives memory.assets.version, arweave_id, content_hash; decision D-M7); version 1 is the asset as minted. RLS: visible with the asset.';
COMMENT ON COLUMN memory.versions.id IS 'Identity of the version row.';
COMMENT ON COLUMN memory.versions.asset_id IS 'The asset (an asset with versions cannot be deleted: history is kept).';
COMMENT ON COLUMN memory.versions.version_number IS 'Version number: exactly the asset''s current version + 1 when inserted; unique per asset.';
COMMENT ON COLUMN memory.versions.arweave_id IS 'Arweave transaction id of this version''s content (43 base64url characters).';
COMMENT ON COLUMN memory.versions.content_hash IS 'SHA-256 of this version''s content, 64 lower-case hex digits.';
COMMENT ON COLUMN memory.versions.changes_description IS 'What changed, up to 2000 characters.';
COMMENT ON COLUMN memory.versions.created_by IS 'Wallet that made the version: the asset''s owner.';
COMMENT ON COLUMN memory.versions.created_at IS 'When the version was made.';
COMMENT ON COLUMN memory.versions.metadata IS 'Version details, a JSON object.';
COMMENT ON CONSTRAINT versions_pkey ON memory.versions IS 'Version row identity.';
COMMENT ON CONSTRAINT versions_asset_id_fkey ON memory.versions IS 'The asset exists; RESTRICT keeps the history (the seed''s upstream CASCADE would erase it).';
COMMENT ON CONSTRAINT versions_asset_id_version_number_key ON memory.versions IS 'One row per asset and version; serves an asset''s versions newest first (backward scan).';
COMMENT ON CONSTRAINT versions_version_number_positive ON memory.versions IS 'Versions are numbered from 1.';
COMMENT ON CONSTRAINT versions_arweave_id_format ON memory.versions IS 'An Arweave transaction id: 43 base64url characters.';
COMMENT ON CONSTRAINT versions_content_hash_format ON memory.versions IS 'A SHA-256 in lower-case hex.';
COMMENT ON CONSTRAINT versions_changes_description_length ON memory.versions IS 'Descriptions up to 2000 characters.';
COMMENT ON CONSTRAINT versions_metadata_object ON memory.versions IS 'Metadata is a JSON object.';
COMMENT ON INDEX memory.versions_created_at_idx IS 'Versions by date.';
COMMENT ON TRIGGER versions_apply ON memory.versions IS 'Locks the asset, requires version_number = current + 1 by the owner of a live asset, makes it the asset''s current version (memory.apply_version()).';
COMMENT ON TRIGGER versions_append_only ON memory.versions IS 'Version history is append-only: UPDATE and DELETE raise 55000 (memory.audit_log_append_only()).';

\ir ../../roles/memory/versions.sql

COMMIT;
