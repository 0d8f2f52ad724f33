-- Deploy chaindb:analytics/product_analytics to pg
-- requires: analytics/schema
-- requires: trace/products
-- requires: core/backend_access
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE analytics.product_analytics (
    product_id            bigint PRIMARY KEY REFERENCES trace.products (product_id) ON DELETE CASCADE,
    total_checkpoints     integer NOT NULL DEFAULT 0 CHECK (total_checkpoints >= 0),
    total_stakeholders    integer NOT NULL DEFAULT 0 CHECK (total_stakeholders >= 0),
    trace_duration_hours  numeric(10, 2) CHECK (trace_duration_hours >= 0),
    compliance_score      numeric(5, 2) CHECK (compliance_score BETWEEN 0 AND 100),
    trust_score           numeric(5, 2) CHECK (trust_score BETWEEN 0 AND 100),
    last_checkpoint_at    timestamptz,
    updated_at            timestamptz NOT NULL DEFAULT pg_catalog.now()
);

COMMENT ON TABLE analytics.product_analytics IS 'Seed product_analytics: per-product analytics, written only by analytics.update_analytics() (from the refreshed matviews product_traceability_summary and compliance_summary). Derived: CASCADE with the product. Read by chain_analytics, chain_app, chain_readonly; not by chain_user (schema analytics gives end users nothing).';
COMMENT ON COLUMN analytics.product_analytics.product_id IS 'The product (PK: the seed''s product index; the upsert key).';
COMMENT ON COLUMN analytics.product_analytics.total_checkpoints IS 'Checkpoints recorded, >= 0.';
COMMENT ON COLUMN analytics.product_analytics.total_stakeholders IS 'Distinct active stakeholders, >= 0.';
COMMENT ON COLUMN analytics.product_analytics.trace_duration_hours IS 'Hours from the first to the last checkpoint; NULL without checkpoints.';
COMMENT ON COLUMN analytics.product_analytics.compliance_score IS '100 × passed / all compliance checks, 0..100; NULL without checks.';
COMMENT ON COLUMN analytics.product_analytics.trust_score IS 'trace.calculate_product_trust_score() (project formula, D-T9), 0..100.';
COMMENT ON COLUMN analytics.product_analytics.last_checkpoint_at IS 'Time of the latest checkpoint.';
COMMENT ON COLUMN analytics.product_analytics.updated_at IS 'When update_analytics last changed the row.';

CREATE TRIGGER product_analytics_set_updated_at BEFORE UPDATE ON analytics.product_analytics
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
COMMENT ON TRIGGER product_analytics_set_updated_at ON analytics.product_analytics IS 'Keeps updated_at current on real changes (update_analytics writes only changed rows).';

\ir ../../roles/analytics/product_analytics.sql

COMMIT;
