-- Deploy chaindb:manufacturing/quality_assurance to pg
-- requires: manufacturing/orders

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE manufacturing.qa_result AS ENUM ('passed', 'failed', 'conditional');
COMMENT ON TYPE manufacturing.qa_result IS 'Outcome of an inspection: passed, failed, or conditional (passed with defects to fix).';

CREATE TABLE manufacturing.quality_assurance (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES manufacturing.orders (id) ON DELETE CASCADE,
    inspector_id  bigint NOT NULL REFERENCES core.users (id),
    result        manufacturing.qa_result NOT NULL,
    score         numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100),
    defects       jsonb NOT NULL DEFAULT '[]' CHECK (pg_catalog.jsonb_typeof(defects) = 'array'),
    notes         text CHECK (pg_catalog.length(notes) <= 10000),
    inspected_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT quality_assurance_passed_without_defects CHECK (result <> 'passed' OR pg_catalog.jsonb_array_length(defects) = 0)
);
CREATE INDEX quality_assurance_order_id_inspected_at_idx ON manufacturing.quality_assurance (order_id, inspected_at DESC);
CREATE INDEX quality_assurance_inspector_id_idx ON manufacturing.quality_assurance (inspector_id);

COMMENT ON TABLE manufacturing.quality_assurance IS 'Quality inspection records of manufacturing orders. RLS: visible to the order''s parties and the inspector.';
COMMENT ON COLUMN manufacturing.quality_assurance.id IS 'Identity of the inspection.';
COMMENT ON COLUMN manufacturing.quality_assurance.order_id IS 'The inspected manufacturing order.';
COMMENT ON COLUMN manufacturing.quality_assurance.inspector_id IS 'The user who inspected (RLS: sees its inspections).';
COMMENT ON COLUMN manufacturing.quality_assurance.result IS 'passed, failed or conditional.';
COMMENT ON COLUMN manufacturing.quality_assurance.score IS 'Quality score 0..100.';
COMMENT ON COLUMN manufacturing.quality_assurance.defects IS 'Defects found, a JSON array (empty when passed).';
COMMENT ON COLUMN manufacturing.quality_assurance.notes IS 'Inspector''s notes.';
COMMENT ON COLUMN manufacturing.quality_assurance.inspected_at IS 'When the inspection took place.';
COMMENT ON COLUMN manufacturing.quality_assurance.created_at IS 'When it was recorded.';
COMMENT ON CONSTRAINT quality_assurance_passed_without_defects ON manufacturing.quality_assurance IS 'A passed inspection lists no defects.';
COMMENT ON INDEX manufacturing.quality_assurance_order_id_inspected_at_idx IS 'Inspections of an order, newest first.';
COMMENT ON INDEX manufacturing.quality_assurance_inspector_id_idx IS 'Inspections by an inspector (RLS).';

\ir ../../roles/manufacturing/quality_assurance.sql

COMMIT;
