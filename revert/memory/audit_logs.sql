-- Revert chaindb:memory/audit_logs from pg

BEGIN;

DELETE FROM ops.retention_policies WHERE table_name = 'memory.audit_logs'::regclass;

-- partitions, policies, grants, indexes and triggers go with the table
DROP TABLE memory.audit_logs;
DROP FUNCTION memory.audit_log_append_only();

COMMIT;
