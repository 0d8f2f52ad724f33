-- Verify chaindb:ops/retention_policies on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, table_name, rule_name, time_column, keep_hot, action, keep_archived, row_filter, batch_size,
       enabled, last_run_at, last_status, last_result, note, created_at, updated_at
  FROM ops.retention_policies WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'ops.retention_policies'::regclass;
SELECT 1 / (pg_catalog.count(*) = 6)::int FROM pg_catalog.pg_policy WHERE polrelid = 'ops.retention_policies'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'ops.retention_policies', 'INSERT'))::int;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'ops.retention_policies'::regclass AND tgname = 'retention_policies_validate';
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM ops.retention_policies
 WHERE table_name IN ('audit.logs'::regclass, 'audit.system_events'::regclass);

ROLLBACK;
