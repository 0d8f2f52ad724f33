-- roles/trading/orders.sql — privileges and RLS of trading.orders.
--   chain_user: reads its own orders, places orders for itself (only the order's terms: fills
--   and status belong to the matching engine) and cancels its own open orders;
--   chain_app (the matching engine) and chain_readonly: every order.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE trading.orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON trading.orders TO chain_user;
GRANT INSERT (user_id, asset_id, side, order_type, price, quantity, expires_at) ON trading.orders TO chain_user;
GRANT UPDATE (status) ON trading.orders TO chain_user;
CREATE POLICY orders_select_own ON trading.orders FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
CREATE POLICY orders_insert_own ON trading.orders FOR INSERT TO chain_user
    WITH CHECK (user_id = (SELECT core.current_user_id()));
CREATE POLICY orders_update_own ON trading.orders FOR UPDATE TO chain_user
    USING (user_id = (SELECT core.current_user_id()) AND status IN ('open', 'partially_filled'))
    WITH CHECK (user_id = (SELECT core.current_user_id()) AND status IN ('open', 'partially_filled', 'cancelled'));
COMMENT ON POLICY orders_select_own ON trading.orders IS 'An end user reads only its own orders.';
COMMENT ON POLICY orders_insert_own ON trading.orders IS 'An end user places orders for itself only.';
-- With UPDATE granted on status only, the result is: cancel (or leave as is) — orders_status_matches_fill
-- rejects open <-> partially_filled without a fill, and a cancelled order is no longer visible to USING.
COMMENT ON POLICY orders_update_own ON trading.orders IS 'An end user may only cancel its own resting orders.';

