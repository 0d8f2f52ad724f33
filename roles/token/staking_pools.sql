-- roles/token/staking_pools.sql — privileges and RLS of token.staking_pools.
--   chain_user and chain_readonly: read every pool (the public pool list); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('token.staking_pools');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON token.staking_pools TO chain_user;
CREATE POLICY staking_pools_select_all ON token.staking_pools FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY staking_pools_select_all ON token.staking_pools IS 'An end user reads every pool (public list).';

