-- Deploy chaindb:token/trace_points to pg
-- requires: token/schema
-- requires: trace/checkpoints

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE token.trace_points (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id               bigint NOT NULL REFERENCES core.users (id),
    points                bigint NOT NULL CHECK (points > 0),
    points_type           text NOT NULL CHECK (points_type ~ '^[a-z_]{1,50}$'),
    source_product_id     bigint REFERENCES trace.products (product_id),
    source_checkpoint_id  bigint REFERENCES trace.checkpoints (id),
    description           text CHECK (pg_catalog.length(description) <= 1000),
    created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at            timestamptz,
    is_claimed            boolean NOT NULL DEFAULT false,
    claimed_at            timestamptz,
    metadata              jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(metadata) = 'object'),
    CONSTRAINT trace_points_expiry_after_creation CHECK (expires_at > created_at),
    CONSTRAINT trace_points_claim_consistent CHECK (is_claimed = (claimed_at IS NOT NULL))
);
CREATE INDEX trace_points_user_id_created_at_idx ON token.trace_points (user_id, created_at DESC);
CREATE INDEX trace_points_points_type_idx ON token.trace_points (points_type);
CREATE INDEX trace_points_created_at_idx ON token.trace_points (created_at);
CREATE INDEX trace_points_unclaimed_idx ON token.trace_points (user_id) WHERE NOT is_claimed;
CREATE INDEX trace_points_source_product_id_idx ON token.trace_points (source_product_id);
CREATE INDEX trace_points_source_checkpoint_id_idx ON token.trace_points (source_checkpoint_id);

COMMENT ON TABLE token.trace_points IS 'Seed trace_points: off-chain reward points of a user, claimable. Written by the backend. RLS: a user reads its own.';
COMMENT ON COLUMN token.trace_points.id IS 'Identity.';
COMMENT ON COLUMN token.trace_points.user_id IS 'Who earned them (RLS owner).';
COMMENT ON COLUMN token.trace_points.points IS 'Points awarded, > 0.';
COMMENT ON COLUMN token.trace_points.points_type IS 'Why (open set: checkpoint, verification, referral, ...), ^[a-z_]{1,50}$.';
COMMENT ON COLUMN token.trace_points.source_product_id IS 'Product that earned them, if any (RESTRICT).';
COMMENT ON COLUMN token.trace_points.source_checkpoint_id IS 'Checkpoint that earned them, if any (RESTRICT).';
COMMENT ON COLUMN token.trace_points.description IS 'Free text, up to 1000 characters.';
COMMENT ON COLUMN token.trace_points.created_at IS 'When they were awarded.';
COMMENT ON COLUMN token.trace_points.expires_at IS 'When unclaimed points lapse; after created_at; NULL: never.';
COMMENT ON COLUMN token.trace_points.is_claimed IS 'Claimed (converted) yet; claimed_at is set exactly then.';
COMMENT ON COLUMN token.trace_points.claimed_at IS 'When they were claimed.';
COMMENT ON COLUMN token.trace_points.metadata IS 'Further data as a JSON object.';
COMMENT ON CONSTRAINT trace_points_expiry_after_creation ON token.trace_points IS 'An expiry lies after the award.';
COMMENT ON CONSTRAINT trace_points_claim_consistent ON token.trace_points IS 'claimed_at is set exactly when is_claimed.';
COMMENT ON INDEX token.trace_points_user_id_created_at_idx IS 'A user''s points, newest first (seed user index; RLS).';
COMMENT ON INDEX token.trace_points_points_type_idx IS 'Points by type (seed index).';
COMMENT ON INDEX token.trace_points_created_at_idx IS 'Points by creation date (seed index).';
COMMENT ON INDEX token.trace_points_unclaimed_idx IS 'Partial: a user''s unclaimed points (seed claimed-status index, T-L7).';
COMMENT ON INDEX token.trace_points_source_product_id_idx IS 'FK to trace.products.';
COMMENT ON INDEX token.trace_points_source_checkpoint_id_idx IS 'FK to trace.checkpoints.';

\ir ../../roles/token/trace_points.sql

COMMIT;
