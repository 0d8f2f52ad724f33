-- roles/manufacturing/orders.sql — privileges and RLS of manufacturing.orders.
--   chain_user: reads the orders it is customer or manufacturer of (changes go through the
--   backend); chain_app: everything; chain_readonly: reads every order.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE manufacturing.orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.orders TO chain_user;
CREATE POLICY orders_select_party ON manufacturing.orders FOR SELECT TO chain_user
    USING (customer_id = (SELECT core.current_user_id()) OR manufacturer_id = (SELECT core.current_user_id()));
COMMENT ON POLICY orders_select_party ON manufacturing.orders IS 'An end user reads the orders it is customer or manufacturer of.';

CREATE POLICY orders_select_app ON manufacturing.orders FOR SELECT TO chain_app USING (true);
CREATE POLICY orders_insert_app ON manufacturing.orders FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY orders_update_app ON manufacturing.orders FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY orders_delete_app ON manufacturing.orders FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY orders_select_app ON manufacturing.orders IS 'The backend reads every order.';
COMMENT ON POLICY orders_insert_app ON manufacturing.orders IS 'The backend creates orders.';
COMMENT ON POLICY orders_update_app ON manufacturing.orders IS 'The backend moves orders through the workflow.';
COMMENT ON POLICY orders_delete_app ON manufacturing.orders IS 'The backend deletes orders.';

CREATE POLICY orders_select_readonly ON manufacturing.orders FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY orders_select_readonly ON manufacturing.orders IS 'Read-only reporting sees every order.';
