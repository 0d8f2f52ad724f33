-- Verify chaindb:memory/audit_logs on pg

SELECT id, wallet_address, action, asset_id, transaction_signature, details, ip_address, user_agent, "timestamp"
  FROM memory.audit_logs WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity AND relkind = 'p')::int FROM pg_catalog.pg_class WHERE oid = 'memory.audit_logs'::regclass;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'memory.audit_logs', 'ip_address', 'SELECT'))::int;
SELECT 1 / pg_catalog.count(*) FROM ops.retention_policies WHERE table_name = 'memory.audit_logs'::regclass AND action = 'archive';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_inherits WHERE inhparent = 'memory.audit_logs'::regclass;
