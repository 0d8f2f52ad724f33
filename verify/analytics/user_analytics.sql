-- Verify chaindb:analytics/user_analytics on pg

SELECT user_id, total_products, total_checkpoints, total_trace_points, total_trace_tokens, trust_rating,
       last_activity_at, updated_at
  FROM analytics.user_analytics WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'analytics.user_analytics'::regclass;
SELECT 1 / (pg_catalog.count(*) = 6)::int FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_user', 'analytics.user_analytics', 'SELECT'))::int;
