-- roles/manufacturing/milestones.sql — privileges and RLS of manufacturing.milestones.
--   chain_user: reads the milestones of the orders it can see (the subquery is itself filtered
--   by manufacturing.orders' policies: customer or manufacturer); chain_app: everything;
--   chain_readonly: reads every milestone.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE manufacturing.milestones ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.milestones TO chain_user;
CREATE POLICY milestones_select_party ON manufacturing.milestones FOR SELECT TO chain_user
    USING (order_id IN (SELECT o.id FROM manufacturing.orders AS o));
COMMENT ON POLICY milestones_select_party ON manufacturing.milestones IS 'An end user reads the milestones of the orders it is a party to (through the orders policies).';

CREATE POLICY milestones_select_app ON manufacturing.milestones FOR SELECT TO chain_app USING (true);
CREATE POLICY milestones_insert_app ON manufacturing.milestones FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY milestones_update_app ON manufacturing.milestones FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY milestones_delete_app ON manufacturing.milestones FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY milestones_select_app ON manufacturing.milestones IS 'The backend reads every milestone.';
COMMENT ON POLICY milestones_insert_app ON manufacturing.milestones IS 'The backend plans milestones.';
COMMENT ON POLICY milestones_update_app ON manufacturing.milestones IS 'The backend completes and pays milestones.';
COMMENT ON POLICY milestones_delete_app ON manufacturing.milestones IS 'The backend deletes milestones.';

CREATE POLICY milestones_select_readonly ON manufacturing.milestones FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY milestones_select_readonly ON manufacturing.milestones IS 'Read-only reporting sees every milestone.';
