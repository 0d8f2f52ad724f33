-- Verify chaindb:diag/health_thresholds on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT check_name, direction, warning, critical, unit, enabled, description, updated_at
  FROM diag.health_thresholds WHERE FALSE;
SELECT 1 / (pg_catalog.count(*) = 18)::int FROM diag.health_thresholds;
SELECT 1 / pg_catalog.has_column_privilege('chain_monitor', 'diag.health_thresholds', 'warning', 'UPDATE')::int;

ROLLBACK;
