-- roles/compliance/standards.sql — privileges and RLS of compliance.standards.
--   chain_user and chain_readonly: read every standard (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('compliance.standards');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON compliance.standards TO chain_user;
CREATE POLICY standards_select_all ON compliance.standards FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY standards_select_all ON compliance.standards IS 'An end user reads every standard (public compliance data).';

