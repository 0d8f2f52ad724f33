-- roles/token/staking_pools.sql — privileges and RLS of token.staking_pools.
--   chain_user and chain_readonly: read every pool (the public pool list); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE token.staking_pools ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON token.staking_pools TO chain_user;
CREATE POLICY staking_pools_select_all ON token.staking_pools FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY staking_pools_select_all ON token.staking_pools IS 'An end user reads every pool (public list).';

CREATE POLICY staking_pools_select_app ON token.staking_pools FOR SELECT TO chain_app USING (true);
CREATE POLICY staking_pools_insert_app ON token.staking_pools FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY staking_pools_update_app ON token.staking_pools FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY staking_pools_delete_app ON token.staking_pools FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY staking_pools_select_app ON token.staking_pools IS 'The backend reads every pool.';
COMMENT ON POLICY staking_pools_insert_app ON token.staking_pools IS 'The backend creates pools.';
COMMENT ON POLICY staking_pools_update_app ON token.staking_pools IS 'The backend changes or closes pools.';
COMMENT ON POLICY staking_pools_delete_app ON token.staking_pools IS 'The backend deletes pools without stakes (stakes RESTRICT).';

CREATE POLICY staking_pools_select_readonly ON token.staking_pools FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY staking_pools_select_readonly ON token.staking_pools IS 'Read-only reporting sees every pool.';
CREATE POLICY staking_pools_select_owner ON token.staking_pools FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY staking_pools_select_owner ON token.staking_pools IS 'Definer functions (the stake limits trigger) read every pool.';
