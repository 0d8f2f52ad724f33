-- Deploy chaindb:memory/access_grants to pg
-- requires: core/backend_access
-- requires: memory/assets
-- requires: core/notify_change
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE memory.access_grants (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    asset_id         text NOT NULL,
    grantee_address  core.wallet_address NOT NULL,
    grantor_address  core.wallet_address NOT NULL,
    permissions      text[] NOT NULL DEFAULT '{read}',
    expires_at       timestamptz,
    max_access       integer,
    current_access   integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    revoked_at       timestamptz,
    revoked_by       core.wallet_address,
    last_accessed_at timestamptz,
    CONSTRAINT access_grants_pkey PRIMARY KEY (id),
    CONSTRAINT access_grants_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES memory.assets (asset_id) ON DELETE CASCADE,
    CONSTRAINT access_grants_grantor_not_grantee CHECK (grantor_address <> grantee_address),
    CONSTRAINT access_grants_permissions_valid CHECK (
        pg_catalog.cardinality(permissions) BETWEEN 1 AND 20
        AND pg_catalog.array_position(permissions, NULL) IS NULL
        AND pg_catalog.array_to_string(permissions, ',') ~ '^[a-z_]{1,20}(,[a-z_]{1,20})*$'),
    CONSTRAINT access_grants_expires_after_creation CHECK (expires_at > created_at),
    CONSTRAINT access_grants_max_access_positive CHECK (max_access > 0),
    CONSTRAINT access_grants_current_access_within_max CHECK (
        current_access >= 0 AND (max_access IS NULL OR current_access <= max_access)),
    CONSTRAINT access_grants_revoked_after_creation CHECK (revoked_at >= created_at),
    CONSTRAINT access_grants_revocation_complete CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX access_grants_asset_id_idx ON memory.access_grants (asset_id);
CREATE INDEX access_grants_grantee_address_idx ON memory.access_grants (grantee_address);
CREATE INDEX access_grants_grantor_address_idx ON memory.access_grants (grantor_address);
-- one live grant per asset and grantee; serves has_access / consume_grant and the grant count
CREATE UNIQUE INDEX access_grants_live_asset_grantee_key ON memory.access_grants (asset_id, grantee_address)
    WHERE revoked_at IS NULL;
-- seed usage query 3: a grantee's live, unexpired grants
CREATE INDEX access_grants_live_grantee_expires_at_idx ON memory.access_grants (grantee_address, expires_at)
    WHERE revoked_at IS NULL;

\ir ../../functions/memory/access_grants.sql

CREATE TRIGGER access_grants_guard BEFORE INSERT OR UPDATE ON memory.access_grants
    FOR EACH ROW EXECUTE FUNCTION memory.access_grant_guard();

COMMENT ON TABLE memory.access_grants IS 'Access grants on memory assets [seed: access_grants]: time-limited (expires_at), usage-limited (max_access, counted by memory.consume_grant) and revocable; at most one live grant per asset and grantee. RLS: visible to grantor and grantee; the grantor (the asset owner) grants and revokes.';
COMMENT ON COLUMN memory.access_grants.id IS 'Identity of the grant.';
COMMENT ON COLUMN memory.access_grants.asset_id IS 'The asset access is granted to (grants go with a deleted asset).';
COMMENT ON COLUMN memory.access_grants.grantee_address IS 'Wallet that receives access (RLS party).';
COMMENT ON COLUMN memory.access_grants.grantor_address IS 'Wallet that granted it: the asset''s owner at the time (checked by access_grants_guard; RLS party).';
COMMENT ON COLUMN memory.access_grants.permissions IS 'What the grant allows (e.g. read, decrypt): 1-20 distinct-purpose words of lower-case letters and _.';
COMMENT ON COLUMN memory.access_grants.expires_at IS 'When the grant expires; NULL = never.';
COMMENT ON COLUMN memory.access_grants.max_access IS 'How many uses it allows; NULL = unlimited.';
COMMENT ON COLUMN memory.access_grants.current_access IS 'Uses so far, 0..max_access; counted by memory.consume_grant(), never decreases.';
COMMENT ON COLUMN memory.access_grants.created_at IS 'When it was granted.';
COMMENT ON COLUMN memory.access_grants.revoked_at IS 'When it was revoked; NULL = live. A revocation is final.';
COMMENT ON COLUMN memory.access_grants.revoked_by IS 'Wallet that revoked it (filled by access_grants_guard from core.current_wallet(), else the grantor).';
COMMENT ON COLUMN memory.access_grants.last_accessed_at IS 'When a use was last counted.';
COMMENT ON CONSTRAINT access_grants_pkey ON memory.access_grants IS 'Grant identity.';
COMMENT ON CONSTRAINT access_grants_asset_id_fkey ON memory.access_grants IS 'The asset exists; its grants go with it.';
COMMENT ON CONSTRAINT access_grants_grantor_not_grantee ON memory.access_grants IS 'Nobody grants to itself.';
COMMENT ON CONSTRAINT access_grants_permissions_valid ON memory.access_grants IS 'At least one permission, each 1-20 lower-case letters or _.';
COMMENT ON CONSTRAINT access_grants_expires_after_creation ON memory.access_grants IS 'A grant expires after it was created.';
COMMENT ON CONSTRAINT access_grants_max_access_positive ON memory.access_grants IS 'A usage limit allows at least one use.';
COMMENT ON CONSTRAINT access_grants_current_access_within_max ON memory.access_grants IS 'Uses are never negative nor above the limit.';
COMMENT ON CONSTRAINT access_grants_revoked_after_creation ON memory.access_grants IS 'A grant is revoked after it was created.';
COMMENT ON CONSTRAINT access_grants_revocation_complete ON memory.access_grants IS 'A revocation records both when and by whom.';
COMMENT ON INDEX memory.access_grants_asset_id_idx IS 'Grants of an asset; the FK to memory.assets.';
COMMENT ON INDEX memory.access_grants_grantee_address_idx IS 'Grants received by a wallet (RLS grantee).';
COMMENT ON INDEX memory.access_grants_grantor_address_idx IS 'Grants given by a wallet (RLS grantor, revocation on transfer).';
COMMENT ON INDEX memory.access_grants_live_asset_grantee_key IS 'Partial unique: one live grant per asset and grantee; serves has_access, consume_grant and active_assets'' grant count.';
COMMENT ON INDEX memory.access_grants_live_grantee_expires_at_idx IS 'Partial: a grantee''s live grants by expiry (seed usage query 3).';
COMMENT ON TRIGGER access_grants_guard ON memory.access_grants IS 'The grantor owns the live asset; ids, parties and creation time are immutable; uses never decrease; a revocation is final and records who revoked (memory.access_grant_guard()).';

\ir ../../roles/memory/access_grants.sql

SELECT audit.enable_tracking('memory.access_grants');
SELECT core.enable_notify('memory.access_grants');

COMMIT;
