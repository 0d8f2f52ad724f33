-- Deploy chaindb:compliance/certifications to pg
-- requires: compliance/standards
-- requires: trace/products
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE compliance.certifications (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id            bigint NOT NULL REFERENCES trace.products (product_id),
    standard_id           bigint NOT NULL REFERENCES compliance.standards (id),
    certification_number  text NOT NULL CHECK (pg_catalog.length(certification_number) BETWEEN 1 AND 100),
    issued_by             text NOT NULL CHECK (pg_catalog.length(issued_by) BETWEEN 1 AND 255),
    issued_at             timestamptz NOT NULL,
    expires_at            timestamptz,
    is_valid              boolean NOT NULL DEFAULT true,
    certificate_uri       text CHECK (certificate_uri ~ '^(ipfs|ar|https)://[^[:space:]]+$'),
    revoked_at            timestamptz,
    created_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT certifications_standard_number_key UNIQUE (standard_id, certification_number),
    CONSTRAINT certifications_expiry_after_issue CHECK (expires_at > issued_at),
    CONSTRAINT certifications_revoked_not_valid CHECK (revoked_at IS NULL OR NOT is_valid)
);
-- D-T10: renewals allowed, one valid certificate per product and standard
CREATE UNIQUE INDEX certifications_one_valid_key ON compliance.certifications (product_id, standard_id) WHERE is_valid;
CREATE INDEX certifications_product_standard_issued_idx ON compliance.certifications (product_id, standard_id, issued_at DESC);
CREATE INDEX certifications_standard_id_idx ON compliance.certifications (standard_id);

CREATE TRIGGER certifications_set_updated_at BEFORE UPDATE ON compliance.certifications
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE compliance.certifications IS 'Seed product_certifications: certificates of a product against a standard. History (RESTRICT); renewals are new rows, and at most one row per product and standard is valid (D-T10). "Current" = is_valid, issued and not expired (compliance.is_certification_current). Audited. RLS: everyone reads; the backend writes.';
COMMENT ON COLUMN compliance.certifications.id IS 'Identity.';
COMMENT ON COLUMN compliance.certifications.product_id IS 'The certified product (RESTRICT).';
COMMENT ON COLUMN compliance.certifications.standard_id IS 'The standard (RESTRICT).';
COMMENT ON COLUMN compliance.certifications.certification_number IS 'Certificate number, unique per standard (business key).';
COMMENT ON COLUMN compliance.certifications.issued_by IS 'Issuing body.';
COMMENT ON COLUMN compliance.certifications.issued_at IS 'When it was issued (valid from).';
COMMENT ON COLUMN compliance.certifications.expires_at IS 'When it expires, after issued_at; NULL: never.';
COMMENT ON COLUMN compliance.certifications.is_valid IS 'Not superseded or revoked; at most one valid row per product and standard. Date validity is separate: see compliance.is_certification_current().';
COMMENT ON COLUMN compliance.certifications.certificate_uri IS 'The certificate document (ipfs://, ar:// or https://).';
COMMENT ON COLUMN compliance.certifications.revoked_at IS 'When it was revoked; only on an invalid row.';
COMMENT ON COLUMN compliance.certifications.created_at IS 'When it was recorded.';
COMMENT ON COLUMN compliance.certifications.updated_at IS 'Last change, maintained by certifications_set_updated_at.';
COMMENT ON CONSTRAINT certifications_standard_number_key ON compliance.certifications IS 'A certificate number is unique per standard.';
COMMENT ON CONSTRAINT certifications_expiry_after_issue ON compliance.certifications IS 'An expiry lies after the issue date.';
COMMENT ON CONSTRAINT certifications_revoked_not_valid ON compliance.certifications IS 'A revoked certificate is not valid.';
COMMENT ON INDEX compliance.certifications_one_valid_key IS 'Partial unique: one valid certificate per product and standard (D-T10); also the seed valid-status index.';
COMMENT ON INDEX compliance.certifications_product_standard_issued_idx IS 'A product''s certificates per standard, newest first (seed product index; T-L2).';
COMMENT ON INDEX compliance.certifications_standard_id_idx IS 'Certificates of a standard (seed index; FK).';
COMMENT ON TRIGGER certifications_set_updated_at ON compliance.certifications IS 'Keeps updated_at current on real changes.';

\ir ../../functions/compliance/certifications.sql

\ir ../../roles/compliance/certifications.sql

SELECT audit.enable_tracking('compliance.certifications');

COMMIT;
