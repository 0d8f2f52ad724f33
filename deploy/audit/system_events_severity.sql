-- Deploy chaindb:audit/system_events_severity to pg
-- requires: audit/system_events

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Seed 002's system_events names a severity index; audit.system_events lacked it (X3). Partial on
-- the enum's order: the events worth looking at (warning, error, critical) over time, small.
-- squawk-ignore require-concurrent-index-creation -- CONCURRENTLY cannot run in a change's transaction; partial over the few warning+ rows of an append-only log: the SHARE lock is brief
CREATE INDEX system_events_severity_created_at_idx ON audit.system_events (severity, created_at)
    WHERE severity >= 'warning';
COMMENT ON INDEX audit.system_events_severity_created_at_idx IS 'Partial: warning, error and critical events by severity and time (seed 002 severity index).';

COMMIT;
