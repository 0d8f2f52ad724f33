-- Verify chaindb:ops/system_metrics on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, service_name, metric_type, metric_value, unit, "timestamp", metric_metadata
  FROM ops.system_metrics WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_partitioned_table WHERE partrelid = 'ops.system_metrics'::regclass;
SELECT 'ops.idx_metrics_service_time'::regclass, 'ops.idx_metrics_type_time'::regclass, 'ops.idx_metrics_timestamp'::regclass;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'ops.system_metrics'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_inherits WHERE inhparent = 'ops.system_metrics'::regclass;
SELECT 1 / pg_catalog.count(*) FROM ops.retention_policies WHERE table_name = 'ops.system_metrics'::regclass;

ROLLBACK;
