-- roles/compliance/certifications.sql — privileges and RLS of compliance.certifications.
--   chain_user and chain_readonly: read every certification (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE compliance.certifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON compliance.certifications TO chain_user;
CREATE POLICY certifications_select_all ON compliance.certifications FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certifications_select_all ON compliance.certifications IS 'An end user reads every certification (public compliance data).';

CREATE POLICY certifications_select_app ON compliance.certifications FOR SELECT TO chain_app USING (true);
CREATE POLICY certifications_insert_app ON compliance.certifications FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY certifications_update_app ON compliance.certifications FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY certifications_delete_app ON compliance.certifications FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY certifications_select_app ON compliance.certifications IS 'The backend reads every certification.';
COMMENT ON POLICY certifications_insert_app ON compliance.certifications IS 'The backend records certifications.';
COMMENT ON POLICY certifications_update_app ON compliance.certifications IS 'The backend renews, invalidates and revokes certifications.';
COMMENT ON POLICY certifications_delete_app ON compliance.certifications IS 'The backend deletes certifications recorded in error.';

CREATE POLICY certifications_select_readonly ON compliance.certifications FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY certifications_select_readonly ON compliance.certifications IS 'Read-only reporting sees every certification.';
CREATE POLICY certifications_select_owner ON compliance.certifications FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY certifications_select_owner ON compliance.certifications IS 'Definer functions (analytics) and matviews read every certification.';
