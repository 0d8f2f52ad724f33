-- Deploy chaindb:compliance/checkpoint_checks to pg
-- requires: compliance/standards
-- requires: trace/checkpoints

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE compliance.checkpoint_checks (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id         bigint NOT NULL,
    checkpoint_id      bigint NOT NULL,
    standard_id        bigint NOT NULL REFERENCES compliance.standards (id),
    compliance_status  compliance.compliance_status NOT NULL DEFAULT 'pending',
    check_details      text CHECK (pg_catalog.length(check_details) <= 4000),
    checked_by         bigint NOT NULL REFERENCES core.users (id),
    checked_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    evidence_uri       text CHECK (evidence_uri ~ '^(ipfs|ar|https)://[^[:space:]]+$'),
    metadata           jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(metadata) = 'object'),
    CONSTRAINT checkpoint_checks_checkpoint_fkey FOREIGN KEY (checkpoint_id, product_id)
        REFERENCES trace.checkpoints (id, product_id),
    CONSTRAINT checkpoint_checks_checkpoint_standard_key UNIQUE (checkpoint_id, product_id, standard_id)
);
CREATE INDEX checkpoint_checks_product_standard_checked_idx
    ON compliance.checkpoint_checks (product_id, standard_id, checked_at DESC);
CREATE INDEX checkpoint_checks_compliance_status_idx ON compliance.checkpoint_checks (compliance_status);
CREATE INDEX checkpoint_checks_standard_id_idx ON compliance.checkpoint_checks (standard_id);
CREATE INDEX checkpoint_checks_checked_by_idx ON compliance.checkpoint_checks (checked_by);

COMMENT ON TABLE compliance.checkpoint_checks IS 'Seed compliance_checkpoints: a compliance verdict on a checkpoint against a standard; one per checkpoint and standard (D-T11). History (RESTRICT). RLS: everyone reads; the backend writes.';
COMMENT ON COLUMN compliance.checkpoint_checks.id IS 'Identity.';
COMMENT ON COLUMN compliance.checkpoint_checks.product_id IS 'The product (pinned to the checkpoint''s by the composite FK).';
COMMENT ON COLUMN compliance.checkpoint_checks.checkpoint_id IS 'The checked checkpoint (RESTRICT).';
COMMENT ON COLUMN compliance.checkpoint_checks.standard_id IS 'The standard checked against (RESTRICT).';
COMMENT ON COLUMN compliance.checkpoint_checks.compliance_status IS 'pending, passed, failed or exempt.';
COMMENT ON COLUMN compliance.checkpoint_checks.check_details IS 'Findings, up to 4000 characters.';
COMMENT ON COLUMN compliance.checkpoint_checks.checked_by IS 'The inspecting user.';
COMMENT ON COLUMN compliance.checkpoint_checks.checked_at IS 'When it was checked; the latest check per standard is the product''s status.';
COMMENT ON COLUMN compliance.checkpoint_checks.evidence_uri IS 'Evidence document (ipfs://, ar:// or https://).';
COMMENT ON COLUMN compliance.checkpoint_checks.metadata IS 'Further data as a JSON object.';
COMMENT ON CONSTRAINT checkpoint_checks_checkpoint_fkey ON compliance.checkpoint_checks IS 'The checkpoint belongs to product_id.';
COMMENT ON CONSTRAINT checkpoint_checks_checkpoint_standard_key ON compliance.checkpoint_checks IS 'One verdict per checkpoint and standard (D-T11; a checkpoint has one product, so product_id adds no freedom); serves lookups by checkpoint and the composite FK.';
COMMENT ON INDEX compliance.checkpoint_checks_product_standard_checked_idx IS 'A product''s checks per standard, latest first (seed product index; T-L2 latest check per standard).';
COMMENT ON INDEX compliance.checkpoint_checks_compliance_status_idx IS 'Checks by status (seed index).';
COMMENT ON INDEX compliance.checkpoint_checks_standard_id_idx IS 'Checks of a standard (FK).';
COMMENT ON INDEX compliance.checkpoint_checks_checked_by_idx IS 'Checks by inspector (FK).';

\ir ../../roles/compliance/checkpoint_checks.sql

COMMIT;
