-- roles/compliance/standards.sql — privileges and RLS of compliance.standards.
--   chain_user and chain_readonly: read every standard (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE compliance.standards ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON compliance.standards TO chain_user;
CREATE POLICY standards_select_all ON compliance.standards FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY standards_select_all ON compliance.standards IS 'An end user reads every standard (public compliance data).';

CREATE POLICY standards_select_app ON compliance.standards FOR SELECT TO chain_app USING (true);
CREATE POLICY standards_insert_app ON compliance.standards FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY standards_update_app ON compliance.standards FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY standards_delete_app ON compliance.standards FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY standards_select_app ON compliance.standards IS 'The backend reads every standard.';
COMMENT ON POLICY standards_insert_app ON compliance.standards IS 'The backend adds standards.';
COMMENT ON POLICY standards_update_app ON compliance.standards IS 'The backend changes or retires standards.';
COMMENT ON POLICY standards_delete_app ON compliance.standards IS 'The backend deletes standards nothing refers to (RESTRICT).';

CREATE POLICY standards_select_readonly ON compliance.standards FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY standards_select_readonly ON compliance.standards IS 'Read-only reporting sees every standard.';
CREATE POLICY standards_select_owner ON compliance.standards FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY standards_select_owner ON compliance.standards IS 'Definer functions (analytics) and matviews read every standard.';
