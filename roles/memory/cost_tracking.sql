-- roles/memory/cost_tracking.sql — privileges and RLS of memory.cost_tracking.
--   chain_user: reads its own wallet's costs; chain_app: everything; chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.cost_tracking ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON memory.cost_tracking TO chain_user;
CREATE POLICY cost_tracking_select_own ON memory.cost_tracking FOR SELECT TO chain_user
    USING (wallet_address = (SELECT core.current_wallet()));
COMMENT ON POLICY cost_tracking_select_own ON memory.cost_tracking IS 'An end user reads the costs of its own wallet.';

CREATE POLICY cost_tracking_select_app ON memory.cost_tracking FOR SELECT TO chain_app USING (true);
CREATE POLICY cost_tracking_insert_app ON memory.cost_tracking FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY cost_tracking_update_app ON memory.cost_tracking FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY cost_tracking_delete_app ON memory.cost_tracking FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY cost_tracking_select_app ON memory.cost_tracking IS 'The backend reads every cost.';
COMMENT ON POLICY cost_tracking_insert_app ON memory.cost_tracking IS 'The backend records costs.';
COMMENT ON POLICY cost_tracking_update_app ON memory.cost_tracking IS 'The backend corrects costs (e.g. USD conversion).';
COMMENT ON POLICY cost_tracking_delete_app ON memory.cost_tracking IS 'The backend deletes costs.';

GRANT SELECT ON memory.cost_tracking TO chain_readonly;
CREATE POLICY cost_tracking_select_readonly ON memory.cost_tracking FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY cost_tracking_select_readonly ON memory.cost_tracking IS 'Read-only reporting sees every cost.';
