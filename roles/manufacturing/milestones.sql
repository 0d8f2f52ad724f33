-- roles/manufacturing/milestones.sql — privileges and RLS of manufacturing.milestones.
--   chain_user: reads the milestones of the orders it is customer or manufacturer of
--   (manufacturing.party_order_ids(), an initPlan: the policy is served by the order_id index);
--   chain_app: everything; chain_readonly: reads every milestone; chain_owner: reads every
--   milestone (manufacturing.check_order_total(), SECURITY DEFINER, sums them).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE manufacturing.milestones ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.milestones TO chain_user;
CREATE POLICY milestones_select_party ON manufacturing.milestones FOR SELECT TO chain_user
    USING (order_id = ANY ((SELECT manufacturing.party_order_ids())::bigint[]));
COMMENT ON POLICY milestones_select_party ON manufacturing.milestones IS 'An end user reads the milestones of the orders it is a party to (manufacturing.party_order_ids(): index-served).';


CREATE POLICY milestones_select_owner ON manufacturing.milestones FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY milestones_select_owner ON manufacturing.milestones IS 'The order-total trigger (manufacturing.check_order_total, SECURITY DEFINER) sums every milestone of an order.';
