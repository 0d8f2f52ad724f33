-- Verify chaindb:analytics/product_analytics on pg

SELECT product_id, total_checkpoints, total_stakeholders, trace_duration_hours, compliance_score, trust_score,
       last_checkpoint_at, updated_at
  FROM analytics.product_analytics WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'analytics.product_analytics'::regclass;
SELECT 1 / (pg_catalog.count(*) = 6)::int FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_user', 'analytics.product_analytics', 'SELECT'))::int;
