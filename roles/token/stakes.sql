-- roles/token/stakes.sql — privileges and RLS of token.stakes.
--   chain_user: reads its own stakes; chain_app (records stakes from chain events): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('token.stakes');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON token.stakes TO chain_user;
CREATE POLICY stakes_select_own ON token.stakes FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY stakes_select_own ON token.stakes IS 'An end user reads only its own stakes.';

