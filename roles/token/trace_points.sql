-- roles/token/trace_points.sql — privileges and RLS of token.trace_points.
--   chain_user: reads its own points; chain_app (awards and claims): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE token.trace_points ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON token.trace_points TO chain_user;
CREATE POLICY trace_points_select_own ON token.trace_points FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY trace_points_select_own ON token.trace_points IS 'An end user reads only its own points.';

CREATE POLICY trace_points_select_app ON token.trace_points FOR SELECT TO chain_app USING (true);
CREATE POLICY trace_points_insert_app ON token.trace_points FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY trace_points_update_app ON token.trace_points FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY trace_points_delete_app ON token.trace_points FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY trace_points_select_app ON token.trace_points IS 'The backend reads every point row.';
COMMENT ON POLICY trace_points_insert_app ON token.trace_points IS 'The backend awards points.';
COMMENT ON POLICY trace_points_update_app ON token.trace_points IS 'The backend marks points claimed.';
COMMENT ON POLICY trace_points_delete_app ON token.trace_points IS 'The backend purges lapsed points.';

CREATE POLICY trace_points_select_readonly ON token.trace_points FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY trace_points_select_readonly ON token.trace_points IS 'Read-only reporting sees every point row.';
CREATE POLICY trace_points_select_owner ON token.trace_points FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY trace_points_select_owner ON token.trace_points IS 'Analytics matviews and definer functions read every point row.';
