-- roles/ops/system_metrics.sql — privileges and RLS of ops.system_metrics (a backend table).
--   chain_app (the services' metric writer): every row, every command; chain_readonly,
--   chain_analytics (dashboards) and chain_monitor (health checks) read every metric.
--   The policies are on the parent, which every query of the seed goes through; the monthly
--   partitions carry the ops default privileges (chain_app DML, chain_readonly/chain_analytics
--   SELECT), the same rows these policies show.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS enabled and forced, DML and policies for chain_app, SELECT and its policy for chain_readonly,
-- and the owner's read policy <table>_select_owner (SECURITY DEFINER code and REFRESH read as chain_owner)
SELECT core.enable_backend_access('ops.system_metrics');

GRANT SELECT ON ops.system_metrics TO chain_monitor;
CREATE POLICY system_metrics_select_analytics ON ops.system_metrics FOR SELECT TO chain_analytics USING (true);
CREATE POLICY system_metrics_select_monitor ON ops.system_metrics FOR SELECT TO chain_monitor USING (true);
COMMENT ON POLICY system_metrics_select_analytics ON ops.system_metrics IS 'Dashboards aggregate every metric.';
COMMENT ON POLICY system_metrics_select_monitor ON ops.system_metrics IS 'Health checks read every metric.';
