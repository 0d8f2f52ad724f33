-- roles/ops/insight_feedback.sql — privileges and RLS of ops.insight_feedback (a backend table).
--   chain_app (the web API, which authenticates Firebase users itself): every row, every command;
--   chain_readonly and chain_analytics: read every row (SELECT from the ops default privileges).
--   No end-user access: user_id is a Firebase uid, not a core.users id, so no per-user policy is possible.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE ops.insight_feedback ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY insight_feedback_select_app ON ops.insight_feedback FOR SELECT TO chain_app USING (true);
CREATE POLICY insight_feedback_insert_app ON ops.insight_feedback FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY insight_feedback_update_app ON ops.insight_feedback FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY insight_feedback_delete_app ON ops.insight_feedback FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY insight_feedback_select_app ON ops.insight_feedback IS 'The backend reads every feedback.';
COMMENT ON POLICY insight_feedback_insert_app ON ops.insight_feedback IS 'The backend records feedback (upsert).';
COMMENT ON POLICY insight_feedback_update_app ON ops.insight_feedback IS 'The backend merges feedback (upsert).';
COMMENT ON POLICY insight_feedback_delete_app ON ops.insight_feedback IS 'The backend deletes feedback.';

CREATE POLICY insight_feedback_select_readonly ON ops.insight_feedback FOR SELECT TO chain_readonly USING (true);
CREATE POLICY insight_feedback_select_analytics ON ops.insight_feedback FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY insight_feedback_select_readonly ON ops.insight_feedback IS 'Read-only reporting sees every feedback.';
COMMENT ON POLICY insight_feedback_select_analytics ON ops.insight_feedback IS 'Analytics sees every feedback (rating statistics).';
