-- Revert chaindb:ops/system_metrics from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM ops.retention_policies WHERE table_name = 'ops.system_metrics'::regclass;
-- partitions, policies, grants and indexes go with the table
DROP TABLE ops.system_metrics;

COMMIT;
