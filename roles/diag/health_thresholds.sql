-- roles/diag/health_thresholds.sql — who reads and edits the health thresholds.
--
-- Contract: chain_monitor reads every row (default privileges of schema diag) and may change
-- the levels and switch a check off (UPDATE of warning, critical, enabled only); rows are added
-- and removed by the plan alone. No other chain_* role reaches it.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
REVOKE ALL ON diag.health_thresholds FROM PUBLIC;
GRANT SELECT ON diag.health_thresholds TO chain_monitor;
GRANT UPDATE (warning, critical, enabled) ON diag.health_thresholds TO chain_monitor;
