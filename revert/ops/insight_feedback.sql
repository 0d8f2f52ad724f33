-- Revert chaindb:ops/insight_feedback from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM ops.retention_policies WHERE table_name = 'ops.insight_feedback'::regclass;
DROP FUNCTION ops.upsert_insight_feedback(varchar, varchar, integer, text, varchar, text);
-- policies, grants, indexes and triggers (change feed included) go with the table
DROP TABLE ops.insight_feedback;

COMMIT;
