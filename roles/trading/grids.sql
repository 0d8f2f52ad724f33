-- roles/trading/grids.sql — privileges and row-level security of trading.grids.
--   * chain_user: its own grids; it creates them (parameters and on-chain references) and may
--     pause/cancel them (status, stopped_at); profit is written by chain_app from chain data;
--     no delete: trading history stays;
--   * chain_app (records chain data) and chain_readonly see every row.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE trading.grids ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON trading.grids TO chain_user;
GRANT INSERT (user_id, trading_pair, lower_price, upper_price, grid_count, investment, status, contract_address,
              tx_hash, started_at) ON trading.grids TO chain_user;
GRANT UPDATE (status, stopped_at) ON trading.grids TO chain_user;
CREATE POLICY grids_select_own ON trading.grids FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
CREATE POLICY grids_insert_own ON trading.grids FOR INSERT TO chain_user
    WITH CHECK (user_id = (SELECT core.current_user_id()));
CREATE POLICY grids_update_own ON trading.grids FOR UPDATE TO chain_user
    USING (user_id = (SELECT core.current_user_id()))
    WITH CHECK (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY grids_select_own ON trading.grids IS 'A trader reads only its own grids.';
COMMENT ON POLICY grids_insert_own ON trading.grids IS 'A trader creates grids only for itself.';
COMMENT ON POLICY grids_update_own ON trading.grids IS 'A trader updates only its own grids.';

CREATE POLICY grids_select_app ON trading.grids FOR SELECT TO chain_app USING (true);
CREATE POLICY grids_insert_app ON trading.grids FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY grids_update_app ON trading.grids FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY grids_delete_app ON trading.grids FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY grids_select_app ON trading.grids IS 'The backend reads every grid.';
COMMENT ON POLICY grids_insert_app ON trading.grids IS 'The backend records grids.';
COMMENT ON POLICY grids_update_app ON trading.grids IS 'The backend updates status and profit from chain data.';
COMMENT ON POLICY grids_delete_app ON trading.grids IS 'The backend deletes grids.';

CREATE POLICY grids_select_readonly ON trading.grids FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY grids_select_readonly ON trading.grids IS 'Read-only reporting sees every grid.';
