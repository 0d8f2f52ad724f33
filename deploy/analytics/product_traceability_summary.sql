-- Deploy chaindb:analytics/product_traceability_summary to pg
-- requires: analytics/schema
-- requires: maint/matview_schedule
-- requires: trace/checkpoints

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/analytics/product_traceability_summary.sql

-- plain columns, no WHERE: REFRESH ... CONCURRENTLY needs exactly such a unique index
CREATE UNIQUE INDEX product_traceability_summary_product_id_key ON analytics.product_traceability_summary (product_id);

COMMENT ON MATERIALIZED VIEW analytics.product_traceability_summary IS 'Seed "Product Traceability Summary": one row per product with its checkpoint count, distinct active stakeholders and trace duration (each source aggregated before the join). Refreshed daily or on demand (maint.matview_schedule); CONCURRENTLY through its unique index. Never granted to chain_user.';
COMMENT ON COLUMN analytics.product_traceability_summary.product_id IS 'The product (unique).';
COMMENT ON COLUMN analytics.product_traceability_summary.product_name IS 'Its name.';
COMMENT ON COLUMN analytics.product_traceability_summary.product_type IS 'Its type.';
COMMENT ON COLUMN analytics.product_traceability_summary.batch_number IS 'Its batch number.';
COMMENT ON COLUMN analytics.product_traceability_summary.manufacture_date IS 'When it was made.';
COMMENT ON COLUMN analytics.product_traceability_summary.expiry_date IS 'When it expires.';
COMMENT ON COLUMN analytics.product_traceability_summary.is_active IS 'Still active.';
COMMENT ON COLUMN analytics.product_traceability_summary.total_checkpoints IS 'Checkpoints recorded.';
COMMENT ON COLUMN analytics.product_traceability_summary.total_stakeholders IS 'Distinct users among its active stakeholders.';
COMMENT ON COLUMN analytics.product_traceability_summary.first_checkpoint_at IS 'Time of the first checkpoint.';
COMMENT ON COLUMN analytics.product_traceability_summary.last_checkpoint_at IS 'Time of the last checkpoint.';
COMMENT ON COLUMN analytics.product_traceability_summary.trace_duration_hours IS 'Hours from the first to the last checkpoint, 2 decimals; NULL without checkpoints.';
COMMENT ON INDEX analytics.product_traceability_summary_product_id_key IS 'Unique, plain column, no WHERE: allows REFRESH CONCURRENTLY; lookups by product.';

-- a matview cannot carry RLS: SELECT for chain_analytics, chain_app and chain_readonly comes from
-- the analytics schema's default privileges; chain_user gets nothing
INSERT INTO maint.matview_schedule (matview, cadence, note)
VALUES ('analytics.product_traceability_summary', interval '1 day', 'seed 002: refreshed daily or on demand');

REFRESH MATERIALIZED VIEW analytics.product_traceability_summary;

COMMIT;
