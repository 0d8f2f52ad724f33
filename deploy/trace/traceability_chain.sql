-- Deploy chaindb:trace/traceability_chain to pg
-- requires: trace/checkpoints

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE trace.traceability_chain (
    checkpoint_id        bigint PRIMARY KEY,
    product_id           bigint NOT NULL,
    sequence_order       integer NOT NULL CHECK (sequence_order >= 1),
    checkpoint_at        timestamptz NOT NULL,
    checkpoint_index     integer NOT NULL,
    from_location        text,
    to_location          text NOT NULL,
    from_stakeholder_id  bigint,
    to_stakeholder_id    bigint NOT NULL,
    duration_hours       numeric(10, 2) CHECK (duration_hours >= 0),
    created_at           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- No foreign keys, deliberately. To trace.checkpoints: its check takes FOR KEY SHARE on the
    -- checkpoint, and a session deleting that checkpoint holds it FOR UPDATE (taken before its
    -- BEFORE trigger can queue for the product's chain lock) while the session holding that lock
    -- rebuilds the chain: a deadlock (test_tracechain.py found it). To trace.products and
    -- trace.stakeholders: every step copies them from its checkpoint, whose own foreign keys
    -- (RESTRICT) already hold, so three more checks per step would only cost the write rate
    -- (bench/tracechain.py). The steps are the triggers' derived rows: every write of a
    -- checkpoint rebuilds its product's steps under the lock, a delete removes the step,
    -- TRUNCATE empties the chain (checkpoints_chain_truncate).
    CONSTRAINT traceability_chain_product_sequence_key UNIQUE (product_id, sequence_order),
    CONSTRAINT traceability_chain_first_step CHECK ((sequence_order = 1) = (duration_hours IS NULL)
                                                    AND (sequence_order = 1) = (from_stakeholder_id IS NULL))
);
-- one index for the seed's "stakeholder relationships": who handed over to whom; the steps a
-- stakeholder received are its checkpoints (checkpoints_stakeholder_id_idx)
CREATE INDEX traceability_chain_handover_idx ON trace.traceability_chain (from_stakeholder_id, to_stakeholder_id);

COMMENT ON TABLE trace.traceability_chain IS 'Seed traceability_chain: the denormalised chain of a product''s checkpoints in time order, one row per checkpoint, sequence_order 1..n without gaps. Maintained only by the triggers on trace.checkpoints (inserts, late inserts with an earlier timestamp, updates, deletes), under the product''s chain lock; nobody else writes it. Derived data without foreign keys (a check on checkpoints would deadlock with the chain lock; products and stakeholders are guaranteed by the checkpoint''s own keys): the triggers keep exactly one step per checkpoint.';
COMMENT ON COLUMN trace.traceability_chain.checkpoint_id IS 'The checkpoint of this step: the primary key, one step per checkpoint (no surrogate id: rows of a product are replaced when its chain is rebuilt).';
COMMENT ON COLUMN trace.traceability_chain.product_id IS 'The product (the checkpoint''s).';
COMMENT ON COLUMN trace.traceability_chain.sequence_order IS 'Position 1..n in the order ("timestamp", checkpoint_index, id) of the product''s checkpoints (the upstream sample data started at 0; we start at 1).';
COMMENT ON COLUMN trace.traceability_chain.checkpoint_at IS 'Copy of the checkpoint''s "timestamp" (the order key; lets an append compare with the last step without a join).';
COMMENT ON COLUMN trace.traceability_chain.checkpoint_index IS 'Copy of the checkpoint''s checkpoint_index (tie-break of the order).';
COMMENT ON COLUMN trace.traceability_chain.from_location IS 'Location of the previous step; NULL for the first.';
COMMENT ON COLUMN trace.traceability_chain.to_location IS 'Location of this step.';
COMMENT ON COLUMN trace.traceability_chain.from_stakeholder_id IS 'Stakeholder of the previous step; NULL for the first.';
COMMENT ON COLUMN trace.traceability_chain.to_stakeholder_id IS 'Stakeholder who recorded this step.';
COMMENT ON COLUMN trace.traceability_chain.duration_hours IS 'Hours since the previous step, round(epoch difference / 3600, 2), >= 0; NULL for the first.';
COMMENT ON COLUMN trace.traceability_chain.created_at IS 'When this row was (re)built.';
COMMENT ON CONSTRAINT traceability_chain_product_sequence_key ON trace.traceability_chain IS 'No two steps of a product share a position; serves the chain read in order (T-L1).';
COMMENT ON CONSTRAINT traceability_chain_first_step ON trace.traceability_chain IS 'Exactly the first step has no duration and no previous stakeholder.';
COMMENT ON INDEX trace.traceability_chain_handover_idx IS 'Seed "stakeholder relationships": handovers from a stakeholder (to another). Steps received by a stakeholder are served by checkpoints_stakeholder_id_idx (one index fewer per step written).';

\ir ../../functions/trace/traceability_chain.sql

CREATE TRIGGER checkpoints_chain_insert AFTER INSERT ON trace.checkpoints
    FOR EACH ROW EXECUTE FUNCTION trace.checkpoints_maintain_chain();
CREATE TRIGGER checkpoints_chain_update AFTER UPDATE OF "timestamp", checkpoint_index, location, stakeholder_id
    ON trace.checkpoints
    FOR EACH ROW WHEN (OLD."timestamp" IS DISTINCT FROM NEW."timestamp"
                       OR OLD.checkpoint_index IS DISTINCT FROM NEW.checkpoint_index
                       OR OLD.location IS DISTINCT FROM NEW.location
                       OR OLD.stakeholder_id IS DISTINCT FROM NEW.stakeholder_id)
    EXECUTE FUNCTION trace.checkpoints_maintain_chain();
CREATE TRIGGER checkpoints_chain_delete AFTER DELETE ON trace.checkpoints
    FOR EACH ROW EXECUTE FUNCTION trace.checkpoints_maintain_chain();
CREATE TRIGGER checkpoints_chain_truncate AFTER TRUNCATE ON trace.checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION trace.checkpoints_maintain_chain();
COMMENT ON TRIGGER checkpoints_chain_insert ON trace.checkpoints IS 'Appends the new checkpoint to the chain, or rebuilds the chain when it sorts before the last step (late insert).';
COMMENT ON TRIGGER checkpoints_chain_update ON trace.checkpoints IS 'Rebuilds the product''s chain when an order or chain column ("timestamp", checkpoint_index, location, stakeholder_id) changes.';
COMMENT ON TRIGGER checkpoints_chain_delete ON trace.checkpoints IS 'Rebuilds the product''s chain without the deleted checkpoint (no gaps).';
COMMENT ON TRIGGER checkpoints_chain_truncate ON trace.checkpoints IS 'Empties the chain with its checkpoints.';

\ir ../../roles/trace/traceability_chain.sql

COMMIT;
