-- Deploy chaindb:trace/checkpoints to pg
-- requires: trace/stakeholders

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE trace.checkpoints (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id        bigint NOT NULL REFERENCES trace.products (product_id),
    checkpoint_index  integer NOT NULL CHECK (checkpoint_index >= 0),
    "timestamp"       timestamptz NOT NULL,
    location          text NOT NULL CHECK (pg_catalog.length(location) BETWEEN 1 AND 255),
    stakeholder_id    bigint NOT NULL,
    status            trace.checkpoint_status NOT NULL,
    temperature       numeric(5, 2) CHECK (temperature BETWEEN -100 AND 100),
    humidity          numeric(5, 2) CHECK (humidity BETWEEN 0 AND 100),
    additional_data   jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(additional_data) = 'object'),
    contract_address  text CHECK (contract_address ~ '^0x[0-9a-f]{40}$'),
    tx_hash           text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint CHECK (block_number >= 0),
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT checkpoints_id_product_id_key UNIQUE (id, product_id),
    CONSTRAINT checkpoints_product_index_key UNIQUE (product_id, checkpoint_index),
    CONSTRAINT checkpoints_stakeholder_of_product_fkey FOREIGN KEY (product_id, stakeholder_id)
        REFERENCES trace.stakeholders (product_id, id)
);
CREATE INDEX checkpoints_product_id_timestamp_idx ON trace.checkpoints (product_id, "timestamp");
CREATE INDEX checkpoints_stakeholder_id_idx ON trace.checkpoints (stakeholder_id, product_id);
CREATE INDEX checkpoints_status_idx ON trace.checkpoints (status);
CREATE INDEX checkpoints_timestamp_idx ON trace.checkpoints ("timestamp");
CREATE INDEX checkpoints_location_idx ON trace.checkpoints (location);
CREATE INDEX checkpoints_additional_data_idx ON trace.checkpoints USING gin (additional_data jsonb_path_ops);

\ir ../../functions/trace/checkpoints.sql

CREATE TRIGGER checkpoints_assign_index BEFORE INSERT ON trace.checkpoints
    FOR EACH ROW WHEN (NEW.checkpoint_index IS NULL) EXECUTE FUNCTION trace.checkpoints_before_write();
CREATE TRIGGER checkpoints_lock_chain BEFORE UPDATE OF product_id, "timestamp", checkpoint_index, location, stakeholder_id
    OR DELETE ON trace.checkpoints
    FOR EACH ROW EXECUTE FUNCTION trace.checkpoints_before_write();

COMMENT ON TABLE trace.checkpoints IS 'Seed checkpoints: supply-chain events of a product with environmental data, recorded by a stakeholder of that product (composite FK). History: nothing references it with CASCADE except the derived traceability chain. RLS: readable by everyone; a stakeholder records checkpoints of its products.';
COMMENT ON COLUMN trace.checkpoints.id IS 'Identity.';
COMMENT ON COLUMN trace.checkpoints.product_id IS 'The product (RESTRICT: history).';
COMMENT ON COLUMN trace.checkpoints.checkpoint_index IS 'Position in the contract''s checkpoint array, >= 0, unique per product; assigned as the next free index when omitted (under the product''s chain lock).';
COMMENT ON COLUMN trace.checkpoints."timestamp" IS 'When the event happened (seed name kept); the traceability chain is ordered by it.';
COMMENT ON COLUMN trace.checkpoints.location IS 'Where, 1..255 characters.';
COMMENT ON COLUMN trace.checkpoints.stakeholder_id IS 'Recording stakeholder (trace.stakeholders.id of this very product).';
COMMENT ON COLUMN trace.checkpoints.status IS 'What happened (trace.checkpoint_status).';
COMMENT ON COLUMN trace.checkpoints.temperature IS 'Temperature in degrees Celsius, -100..100 (D-T8; upstream stored strings like ''22°C'').';
COMMENT ON COLUMN trace.checkpoints.humidity IS 'Relative humidity in percent, 0..100 (D-T8).';
COMMENT ON COLUMN trace.checkpoints.additional_data IS 'Further data as a JSON object (GIN, jsonb_path_ops).';
COMMENT ON COLUMN trace.checkpoints.contract_address IS 'Contract that recorded it, 0x + 40 lower-case hex.';
COMMENT ON COLUMN trace.checkpoints.tx_hash IS 'Recording transaction, 0x + 64 lower-case hex; unique.';
COMMENT ON COLUMN trace.checkpoints.block_number IS 'Block of the recording, >= 0.';
COMMENT ON COLUMN trace.checkpoints.created_at IS 'When the row was written (may be later than "timestamp": late inserts).';
COMMENT ON CONSTRAINT checkpoints_id_product_id_key ON trace.checkpoints IS 'Target of composite FKs (traceability chain, compliance checks) that pin the product.';
COMMENT ON CONSTRAINT checkpoints_product_index_key ON trace.checkpoints IS 'One checkpoint per contract array index and product.';
COMMENT ON CONSTRAINT checkpoints_stakeholder_of_product_fkey ON trace.checkpoints IS 'Only a stakeholder of this product records its checkpoints.';
COMMENT ON INDEX trace.checkpoints_product_id_timestamp_idx IS 'Checkpoints of a product by time (seed product index, T-L5).';
COMMENT ON INDEX trace.checkpoints_stakeholder_id_idx IS 'Checkpoints by stakeholder (seed index, T-L6); with product_id it serves the composite FK to trace.stakeholders.';
COMMENT ON INDEX trace.checkpoints_status_idx IS 'Checkpoints by status (seed index, T-L6).';
COMMENT ON INDEX trace.checkpoints_timestamp_idx IS 'Checkpoints by time (seed index).';
COMMENT ON INDEX trace.checkpoints_location_idx IS 'Checkpoints by location (seed index, T-L6).';
COMMENT ON INDEX trace.checkpoints_additional_data_idx IS 'Containment queries on additional_data (seed "GIN for JSONB").';
COMMENT ON TRIGGER checkpoints_assign_index ON trace.checkpoints IS 'When no checkpoint_index is given: takes the product''s chain lock and assigns the next index.';
COMMENT ON TRIGGER checkpoints_lock_chain ON trace.checkpoints IS 'Takes the product''s chain lock before an update of an order or chain column or a delete; rejects moving a checkpoint to another product (23514).';

\ir ../../roles/trace/checkpoints.sql

SELECT audit.enable_tracking('trace.checkpoints');

COMMIT;
