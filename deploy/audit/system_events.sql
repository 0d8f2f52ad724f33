-- Deploy chaindb:audit/system_events to pg
-- requires: audit/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE audit.severity AS ENUM ('debug', 'info', 'notice', 'warning', 'error', 'critical');
COMMENT ON TYPE audit.severity IS 'Severity of a system event, least severe first.';

CREATE TABLE audit.system_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type  text NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_.]{0,62}$'),
    severity    audit.severity NOT NULL DEFAULT 'info',
    source      text NOT NULL CHECK (source <> ''),
    data        jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(data) = 'object'),
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX system_events_created_at_brin ON audit.system_events USING brin (created_at);
CREATE INDEX system_events_event_type_idx ON audit.system_events (event_type, created_at);

COMMENT ON TABLE audit.system_events IS 'Events of the system (deploys, maintenance runs, security events); written by chain_app, read by chain_auditor.';
COMMENT ON COLUMN audit.system_events.id IS 'Identity.';
COMMENT ON COLUMN audit.system_events.event_type IS 'Dotted lower-case event name, e.g. maint.partitions_created.';
COMMENT ON COLUMN audit.system_events.severity IS 'How bad it is.';
COMMENT ON COLUMN audit.system_events.source IS 'Who reported it (service, function, job).';
COMMENT ON COLUMN audit.system_events.data IS 'Details as a JSON object.';
COMMENT ON COLUMN audit.system_events.created_at IS 'When it was recorded.';
COMMENT ON INDEX audit.system_events_created_at_brin IS 'Time-range scans.';
COMMENT ON INDEX audit.system_events_event_type_idx IS 'Events of one type over time.';

-- the backend records events; it cannot read them back (audit is chain_auditor's)
GRANT INSERT ON audit.system_events TO chain_app;

COMMIT;
