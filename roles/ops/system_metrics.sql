-- roles/ops/system_metrics.sql — privileges and RLS of ops.system_metrics (a backend table).
--   chain_app (the services' metric writer): every row, every command; chain_readonly,
--   chain_analytics (dashboards) and chain_monitor (health checks) read every metric.
--   The policies are on the parent, which every query of the seed goes through; the monthly
--   partitions carry the ops default privileges (chain_app DML, chain_readonly/chain_analytics
--   SELECT), the same rows these policies show.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS enabled and forced, DML and policies for chain_app, SELECT and its policy for chain_readonly
SELECT core.enable_backend_access('ops.system_metrics');

GRANT SELECT ON ops.system_metrics TO chain_monitor;
CREATE POLICY system_metrics_select_analytics ON ops.system_metrics FOR SELECT TO chain_analytics USING (true);
CREATE POLICY system_metrics_select_monitor ON ops.system_metrics FOR SELECT TO chain_monitor USING (true);
COMMENT ON POLICY system_metrics_select_analytics ON ops.system_metrics IS 'Dashboards aggregate every metric.';
COMMENT ON POLICY system_metrics_select_monitor ON ops.system_metrics IS 'Health checks read every metric.';

-- the owner reads every row: SECURITY DEFINER functions and REFRESH run as chain_owner, whom FORCE ROW
-- LEVEL SECURITY binds (core.enable_backend_access gives every backend table this policy; it keeps
-- one that exists)
CREATE POLICY system_metrics_select_owner ON ops.system_metrics FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY system_metrics_select_owner ON ops.system_metrics IS 'The owner (SECURITY DEFINER functions, materialized view refreshes) reads every row.';
