-- roles/ops/system_metrics.sql — privileges and RLS of ops.system_metrics (a backend table).
--   chain_app (the services' metric writer): every row, every command; chain_readonly,
--   chain_analytics (dashboards) and chain_monitor (health checks) read every metric.
--   The policies are on the parent, which every query of the seed goes through; the monthly
--   partitions carry the ops default privileges (chain_app DML, chain_readonly/chain_analytics
--   SELECT), the same rows these policies show.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

GRANT SELECT ON ops.system_metrics TO chain_monitor;
ALTER TABLE ops.system_metrics ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY system_metrics_select_app ON ops.system_metrics FOR SELECT TO chain_app USING (true);
CREATE POLICY system_metrics_insert_app ON ops.system_metrics FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY system_metrics_update_app ON ops.system_metrics FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY system_metrics_delete_app ON ops.system_metrics FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY system_metrics_select_app ON ops.system_metrics IS 'The backend reads every metric.';
COMMENT ON POLICY system_metrics_insert_app ON ops.system_metrics IS 'The services batch-insert metrics.';
COMMENT ON POLICY system_metrics_update_app ON ops.system_metrics IS 'The backend corrects metrics.';
COMMENT ON POLICY system_metrics_delete_app ON ops.system_metrics IS 'The backend deletes metrics.';

CREATE POLICY system_metrics_select_readonly ON ops.system_metrics FOR SELECT TO chain_readonly USING (true);
CREATE POLICY system_metrics_select_analytics ON ops.system_metrics FOR SELECT TO chain_analytics USING (true);
CREATE POLICY system_metrics_select_monitor ON ops.system_metrics FOR SELECT TO chain_monitor USING (true);
COMMENT ON POLICY system_metrics_select_readonly ON ops.system_metrics IS 'Read-only reporting sees every metric.';
COMMENT ON POLICY system_metrics_select_analytics ON ops.system_metrics IS 'Dashboards aggregate every metric.';
COMMENT ON POLICY system_metrics_select_monitor ON ops.system_metrics IS 'Health checks read every metric.';
