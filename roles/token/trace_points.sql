-- roles/token/trace_points.sql — privileges and RLS of token.trace_points.
--   chain_user: reads its own points; chain_app (awards and claims): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('token.trace_points');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON token.trace_points TO chain_user;
CREATE POLICY trace_points_select_own ON token.trace_points FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY trace_points_select_own ON token.trace_points IS 'An end user reads only its own points.';

