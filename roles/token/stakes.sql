-- roles/token/stakes.sql — privileges and RLS of token.stakes.
--   chain_user: reads its own stakes; chain_app (records stakes from chain events): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE token.stakes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON token.stakes TO chain_user;
CREATE POLICY stakes_select_own ON token.stakes FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY stakes_select_own ON token.stakes IS 'An end user reads only its own stakes.';

CREATE POLICY stakes_select_app ON token.stakes FOR SELECT TO chain_app USING (true);
CREATE POLICY stakes_insert_app ON token.stakes FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY stakes_update_app ON token.stakes FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY stakes_delete_app ON token.stakes FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY stakes_select_app ON token.stakes IS 'The backend reads every stake.';
COMMENT ON POLICY stakes_insert_app ON token.stakes IS 'The backend records stakes (the limits trigger checks them).';
COMMENT ON POLICY stakes_update_app ON token.stakes IS 'The backend records reward claims and withdrawals.';
COMMENT ON POLICY stakes_delete_app ON token.stakes IS 'The backend deletes stakes recorded in error.';

CREATE POLICY stakes_select_readonly ON token.stakes FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY stakes_select_readonly ON token.stakes IS 'Read-only reporting sees every stake.';
CREATE POLICY stakes_select_owner ON token.stakes FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY stakes_select_owner ON token.stakes IS 'Analytics matviews and definer functions read every stake.';
