-- roles/compliance/checkpoint_checks.sql — privileges and RLS of compliance.checkpoint_checks.
--   chain_user and chain_readonly: read every compliance check (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- chain_owner's read policy (owner read access: core.enable_backend_access creates the same
-- checkpoint_checks_select_owner once issue 11's version does; created first here, the helper skips it)
CREATE POLICY checkpoint_checks_select_owner ON compliance.checkpoint_checks FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY checkpoint_checks_select_owner ON compliance.checkpoint_checks IS 'Definer functions (analytics) and matviews read every compliance check.';
SELECT core.enable_backend_access('compliance.checkpoint_checks');  -- RLS forced; chain_app DML and chain_readonly SELECT policies

GRANT SELECT ON compliance.checkpoint_checks TO chain_user;
CREATE POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks IS 'An end user reads every compliance check (public compliance data).';

