-- roles/manufacturing/milestones.sql — privileges and RLS of manufacturing.milestones.
--   chain_user: reads the milestones of the orders it can see (the subquery is itself filtered
--   by manufacturing.orders' policies: customer or manufacturer); chain_app: everything;
--   chain_readonly: reads every milestone.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE manufacturing.milestones ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.milestones TO chain_user;
CREATE POLICY milestones_select_party ON manufacturing.milestones FOR SELECT TO chain_user
    USING (order_id IN (SELECT o.id FROM manufacturing.orders AS o));
COMMENT ON POLICY milestones_select_party ON manufacturing.milestones IS 'An end user reads the milestones of the orders it is a party to (through the orders policies).';

