-- roles/memory/cost_tracking.sql — privileges and RLS of memory.cost_tracking.
--   chain_user: reads its own wallet's costs; chain_app: everything; chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.cost_tracking');

GRANT SELECT ON memory.cost_tracking TO chain_user;
CREATE POLICY cost_tracking_select_own ON memory.cost_tracking FOR SELECT TO chain_user
    USING (wallet_address = (SELECT core.current_wallet()));
COMMENT ON POLICY cost_tracking_select_own ON memory.cost_tracking IS 'An end user reads the costs of its own wallet.';

