-- roles/ops/retention_policies.sql — privileges and RLS of ops.retention_policies.
--   Configuration written by chain_owner (deploy scripts load the rules) and superusers (a DBA,
--   maint.cleanup_old_data recording last_run_at/last_result) only: the backend loses the DML the
--   ops defaults gave it. chain_readonly and chain_monitor (health checks) read every rule;
--   chain_analytics loses its default SELECT (nothing to analyse here).
--   chain_owner policies: FORCE ROW LEVEL SECURITY binds the owner too, and deploy scripts
--   (SET LOCAL ROLE chain_owner) insert and delete rules, SECURITY DEFINER diag functions read them.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

REVOKE ALL ON ops.retention_policies FROM chain_app, chain_analytics;
GRANT SELECT ON ops.retention_policies TO chain_readonly, chain_monitor;

ALTER TABLE ops.retention_policies ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY retention_policies_select_readonly ON ops.retention_policies FOR SELECT TO chain_readonly USING (true);
CREATE POLICY retention_policies_select_monitor ON ops.retention_policies FOR SELECT TO chain_monitor USING (true);
COMMENT ON POLICY retention_policies_select_readonly ON ops.retention_policies IS 'Read-only reporting sees every rule.';
COMMENT ON POLICY retention_policies_select_monitor ON ops.retention_policies IS 'Health checks see every rule and its last result.';

CREATE POLICY retention_policies_select_owner ON ops.retention_policies FOR SELECT TO chain_owner USING (true);
CREATE POLICY retention_policies_insert_owner ON ops.retention_policies FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY retention_policies_update_owner ON ops.retention_policies FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
CREATE POLICY retention_policies_delete_owner ON ops.retention_policies FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY retention_policies_select_owner ON ops.retention_policies IS 'The owner (deploy scripts, SECURITY DEFINER diag and maint functions) reads every rule.';
COMMENT ON POLICY retention_policies_insert_owner ON ops.retention_policies IS 'Deploy scripts load the rules of the tables they create.';
COMMENT ON POLICY retention_policies_update_owner ON ops.retention_policies IS 'The owner changes rules and records their last run.';
COMMENT ON POLICY retention_policies_delete_owner ON ops.retention_policies IS 'Revert scripts remove the rules of the tables they drop.';
