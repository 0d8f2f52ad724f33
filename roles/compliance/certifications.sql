-- roles/compliance/certifications.sql — privileges and RLS of compliance.certifications.
--   chain_user and chain_readonly: read every certification (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('compliance.certifications');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON compliance.certifications TO chain_user;
CREATE POLICY certifications_select_all ON compliance.certifications FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certifications_select_all ON compliance.certifications IS 'An end user reads every certification (public compliance data).';

