-- Deploy chaindb:analytics/compliance_summary to pg
-- requires: analytics/schema
-- requires: maint/matview_schedule
-- requires: compliance/certifications
-- requires: compliance/checkpoint_checks

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/analytics/compliance_summary.sql

-- plain columns, no WHERE: REFRESH ... CONCURRENTLY needs exactly such a unique index
CREATE UNIQUE INDEX compliance_summary_product_id_key ON analytics.compliance_summary (product_id);

COMMENT ON MATERIALIZED VIEW analytics.compliance_summary IS 'Seed "Compliance Summary": one row per product with its certifications (total, current at refresh) and compliance checks (total, passed, score = 100 × passed / all, NULL without checks); each source aggregated before the join. Refreshed daily or on demand (maint.matview_schedule); CONCURRENTLY through its unique index. Never granted to chain_user.';
COMMENT ON COLUMN analytics.compliance_summary.product_id IS 'The product (unique).';
COMMENT ON COLUMN analytics.compliance_summary.product_name IS 'Its name.';
COMMENT ON COLUMN analytics.compliance_summary.batch_number IS 'Its batch number.';
COMMENT ON COLUMN analytics.compliance_summary.total_certifications IS 'Certificates ever recorded (renewals included).';
COMMENT ON COLUMN analytics.compliance_summary.valid_certifications IS 'Certificates current at refresh time (valid, issued, not expired).';
COMMENT ON COLUMN analytics.compliance_summary.total_compliance_checks IS 'Compliance checks of its checkpoints.';
COMMENT ON COLUMN analytics.compliance_summary.passed_checks IS 'Checks with status passed.';
COMMENT ON COLUMN analytics.compliance_summary.compliance_score IS 'round(100 × passed / all checks, 2); NULL without checks.';
COMMENT ON INDEX analytics.compliance_summary_product_id_key IS 'Unique, plain column, no WHERE: allows REFRESH CONCURRENTLY; lookups by product.';

-- a matview cannot carry RLS: SELECT for chain_analytics, chain_app and chain_readonly comes from
-- the analytics schema's default privileges; chain_user gets nothing
INSERT INTO maint.matview_schedule (matview, cadence, note)
VALUES ('analytics.compliance_summary', interval '1 day', 'seed 002: refreshed daily or on demand');

REFRESH MATERIALIZED VIEW analytics.compliance_summary;

COMMIT;
