-- roles/compliance/checkpoint_checks.sql — privileges and RLS of compliance.checkpoint_checks.
--   chain_user and chain_readonly: read every compliance check (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('compliance.checkpoint_checks');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON compliance.checkpoint_checks TO chain_user;
CREATE POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks IS 'An end user reads every compliance check (public compliance data).';

