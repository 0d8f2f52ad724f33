-- roles/manufacturing/orders.sql — privileges and RLS of manufacturing.orders.
--   chain_user: reads the orders it is customer or manufacturer of (changes go through the
--   backend); chain_app: everything; chain_readonly: reads every order.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE manufacturing.orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.orders TO chain_user;
CREATE POLICY orders_select_party ON manufacturing.orders FOR SELECT TO chain_user
    USING (customer_id = (SELECT core.current_user_id()) OR manufacturer_id = (SELECT core.current_user_id()));
COMMENT ON POLICY orders_select_party ON manufacturing.orders IS 'An end user reads the orders it is customer or manufacturer of.';

