-- Revert chaindb:audit/system_events_severity from pg

BEGIN;

DROP INDEX audit.system_events_severity_created_at_idx;

COMMIT;
