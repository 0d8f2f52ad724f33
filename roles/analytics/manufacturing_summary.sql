-- roles/analytics/manufacturing_summary.sql — what analytics.manufacturing_summary needs to see
-- everything: REFRESH reads as the owner (chain_owner), whom FORCE ROW LEVEL SECURITY binds, so the
-- manufacturing tables get a chain_owner SELECT policy (the owner adds no reader).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE POLICY orders_select_owner ON manufacturing.orders FOR SELECT TO chain_owner USING (true);
CREATE POLICY milestones_select_owner ON manufacturing.milestones FOR SELECT TO chain_owner USING (true);
CREATE POLICY quality_assurance_select_owner ON manufacturing.quality_assurance FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY orders_select_owner ON manufacturing.orders IS 'The owner refreshes analytics.manufacturing_summary (REFRESH reads as the owner).';
COMMENT ON POLICY milestones_select_owner ON manufacturing.milestones IS 'The owner refreshes analytics.manufacturing_summary (REFRESH reads as the owner).';
COMMENT ON POLICY quality_assurance_select_owner ON manufacturing.quality_assurance IS 'The owner refreshes analytics.manufacturing_summary (REFRESH reads as the owner).';
