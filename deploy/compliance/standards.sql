-- Deploy chaindb:compliance/standards to pg
-- requires: compliance/enums
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE compliance.standards (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    standard_name  text NOT NULL CHECK (pg_catalog.length(standard_name) BETWEEN 1 AND 100),
    standard_code  text NOT NULL UNIQUE CHECK (standard_code ~ '^[A-Z0-9_-]{2,50}$'),
    description    text CHECK (pg_catalog.length(description) <= 2000),
    category       compliance.standard_category NOT NULL,
    is_active      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX standards_category_idx ON compliance.standards (category);
CREATE INDEX standards_active_category_idx ON compliance.standards (category) WHERE is_active;

CREATE TRIGGER standards_set_updated_at BEFORE UPDATE ON compliance.standards
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE compliance.standards IS 'Seed compliance_standards: supported compliance standards (reference rows such as ISO9001 are dev fixtures). RLS: everyone reads them; the backend manages them.';
COMMENT ON COLUMN compliance.standards.id IS 'Identity.';
COMMENT ON COLUMN compliance.standards.standard_name IS 'Name, 1..100 characters.';
COMMENT ON COLUMN compliance.standards.standard_code IS 'Unique code, ^[A-Z0-9_-]{2,50}$ (e.g. ISO9001).';
COMMENT ON COLUMN compliance.standards.description IS 'What it requires, up to 2000 characters.';
COMMENT ON COLUMN compliance.standards.category IS 'safety, quality, environmental or regulatory.';
COMMENT ON COLUMN compliance.standards.is_active IS 'false: no longer checked (compliance.check_product_compliance() lists active standards only).';
COMMENT ON COLUMN compliance.standards.created_at IS 'When it was added.';
COMMENT ON COLUMN compliance.standards.updated_at IS 'Last change, maintained by standards_set_updated_at.';
COMMENT ON INDEX compliance.standards_category_idx IS 'Standards by category (seed index).';
COMMENT ON INDEX compliance.standards_active_category_idx IS 'Partial: active standards by category (seed active-status index).';
COMMENT ON TRIGGER standards_set_updated_at ON compliance.standards IS 'Keeps updated_at current on real changes.';

\ir ../../roles/compliance/standards.sql

COMMIT;
