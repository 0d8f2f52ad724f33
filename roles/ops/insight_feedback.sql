-- roles/ops/insight_feedback.sql — privileges and RLS of ops.insight_feedback (a backend table).
--   chain_app (the web API, which authenticates Firebase users itself): every row, every command;
--   chain_readonly and chain_analytics: read every row (SELECT from the ops default privileges).
--   No end-user access: user_id is a Firebase uid, not a core.users id, so no per-user policy is possible.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS enabled and forced, DML and policies for chain_app, SELECT and its policy for chain_readonly,
-- and the owner's read policy <table>_select_owner (SECURITY DEFINER code and REFRESH read as chain_owner)
SELECT core.enable_backend_access('ops.insight_feedback');

CREATE POLICY insight_feedback_select_analytics ON ops.insight_feedback FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY insight_feedback_select_analytics ON ops.insight_feedback IS 'Analytics sees every feedback (rating statistics).';
