-- Verify chaindb:ops/insight_feedback on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, insight_id, user_id, rating, comment, flag_type, flag_reason, created_at, updated_at
  FROM ops.insight_feedback WHERE FALSE;
SELECT 'ops.idx_feedback_insight'::regclass, 'ops.idx_feedback_user'::regclass, 'ops.idx_feedback_created'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_constraint
 WHERE conrelid = 'ops.insight_feedback'::regclass AND conname IN ('uq_insight_user_feedback', 'chk_rating_range')
HAVING pg_catalog.count(*) = 2;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'ops.insight_feedback'::regclass;
SELECT 1 / pg_catalog.has_function_privilege('chain_app',
    'ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text)', 'EXECUTE')::int;
SELECT 1 / pg_catalog.count(*) FROM ops.retention_policies WHERE table_name = 'ops.insight_feedback'::regclass;

ROLLBACK;
