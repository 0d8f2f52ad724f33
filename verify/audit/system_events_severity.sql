-- Verify chaindb:audit/system_events_severity on pg

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'audit.system_events_severity_created_at_idx'::regclass AND indpred IS NOT NULL;
