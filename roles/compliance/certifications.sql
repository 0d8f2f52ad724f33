-- roles/compliance/certifications.sql — privileges and RLS of compliance.certifications.
--   chain_user and chain_readonly: read every certification (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- chain_owner's read policy (owner read access: core.enable_backend_access creates the same
-- certifications_select_owner once issue 11's version does; created first here, the helper skips it)
CREATE POLICY certifications_select_owner ON compliance.certifications FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY certifications_select_owner ON compliance.certifications IS 'Definer functions (analytics) and matviews read every certification.';
SELECT core.enable_backend_access('compliance.certifications');  -- RLS forced; chain_app DML and chain_readonly SELECT policies

GRANT SELECT ON compliance.certifications TO chain_user;
CREATE POLICY certifications_select_all ON compliance.certifications FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certifications_select_all ON compliance.certifications IS 'An end user reads every certification (public compliance data).';

