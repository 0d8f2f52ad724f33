-- roles/compliance/checkpoint_checks.sql — privileges and RLS of compliance.checkpoint_checks.
--   chain_user and chain_readonly: read every compliance check (public compliance data); chain_app: everything;
--   chain_owner: reads (definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE compliance.checkpoint_checks ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON compliance.checkpoint_checks TO chain_user;
CREATE POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY checkpoint_checks_select_all ON compliance.checkpoint_checks IS 'An end user reads every compliance check (public compliance data).';

CREATE POLICY checkpoint_checks_select_app ON compliance.checkpoint_checks FOR SELECT TO chain_app USING (true);
CREATE POLICY checkpoint_checks_insert_app ON compliance.checkpoint_checks FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY checkpoint_checks_update_app ON compliance.checkpoint_checks FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY checkpoint_checks_delete_app ON compliance.checkpoint_checks FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY checkpoint_checks_select_app ON compliance.checkpoint_checks IS 'The backend reads every compliance check.';
COMMENT ON POLICY checkpoint_checks_insert_app ON compliance.checkpoint_checks IS 'The backend records compliance checks.';
COMMENT ON POLICY checkpoint_checks_update_app ON compliance.checkpoint_checks IS 'The backend updates verdicts.';
COMMENT ON POLICY checkpoint_checks_delete_app ON compliance.checkpoint_checks IS 'The backend deletes checks recorded in error.';

CREATE POLICY checkpoint_checks_select_readonly ON compliance.checkpoint_checks FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY checkpoint_checks_select_readonly ON compliance.checkpoint_checks IS 'Read-only reporting sees every compliance check.';
CREATE POLICY checkpoint_checks_select_owner ON compliance.checkpoint_checks FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY checkpoint_checks_select_owner ON compliance.checkpoint_checks IS 'Definer functions (analytics) and matviews read every compliance check.';
