-- roles/trading/grids.sql — privileges and row-level security of trading.grids.
--   * chain_user: its own grids; it creates them (parameters and on-chain references) and may
--     pause/cancel them (status, stopped_at); profit is written by chain_app from chain data;
--     no delete: trading history stays;
--   * chain_app (records chain data) and chain_readonly see every row.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

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

