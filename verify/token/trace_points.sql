-- Verify chaindb:token/trace_points on pg

SELECT id, user_id, points, points_type, source_product_id, source_checkpoint_id, description, created_at,
       expires_at, is_claimed, claimed_at, metadata
  FROM token.trace_points WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'token.trace_points'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass;
