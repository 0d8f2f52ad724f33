-- roles/manufacturing/quality_assurance.sql — privileges and RLS of manufacturing.quality_assurance.
--   chain_user: reads the inspections it made and those of orders it is a party to
--   (manufacturing.party_order_ids(), an initPlan: both sides index-served); chain_app:
--   everything; chain_readonly: reads every inspection.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE manufacturing.quality_assurance ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON manufacturing.quality_assurance TO chain_user;
CREATE POLICY quality_assurance_select_party ON manufacturing.quality_assurance FOR SELECT TO chain_user
    USING (inspector_id = (SELECT core.current_user_id()) OR order_id = ANY ((SELECT manufacturing.party_order_ids())::bigint[]));
COMMENT ON POLICY quality_assurance_select_party ON manufacturing.quality_assurance IS 'An end user reads its own inspections and those of the orders it is a party to.';

