-- Deploy chaindb:maint/matview_schedule to pg
-- requires: maint/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/maint/matview_schedule.sql

-- Every change that creates a materialized view registers it here in the same script
--     INSERT INTO maint.matview_schedule (matview, cadence, note)
--     VALUES ('analytics.market_summary', interval '30 minutes', 'seed 000: analytics cache TTL 30 min');
-- and its revert deletes the row before dropping the view. maint.refresh_materialized_views()
-- refreshes the enabled rows in dependency order and records each refresh here.
-- Owner-only like the rest of maint (no grants); diag reads it through SECURITY DEFINER functions.
CREATE TABLE maint.matview_schedule (
    matview            regclass PRIMARY KEY,
    cadence            interval NOT NULL,
    enabled            boolean NOT NULL DEFAULT true,
    last_refreshed_at  timestamptz,
    last_duration      interval,
    last_status        text,
    last_mode          text,
    last_error         text,
    note               text NOT NULL,
    registered_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT matview_schedule_cadence_check CHECK (cadence >= interval '1 minute'),
    CONSTRAINT matview_schedule_last_status_check CHECK (last_status IN ('ok', 'failed')),
    CONSTRAINT matview_schedule_last_mode_check CHECK (last_mode IN ('concurrently', 'plain')),
    CONSTRAINT matview_schedule_last_duration_check CHECK (last_duration >= interval '0'),
    CONSTRAINT matview_schedule_last_error_check CHECK (last_error IS NULL OR last_status = 'failed'),
    CONSTRAINT matview_schedule_note_check CHECK (pg_catalog.btrim(note) <> '')
);

CREATE TRIGGER matview_schedule_validate BEFORE INSERT OR UPDATE OF matview ON maint.matview_schedule
    FOR EACH ROW EXECUTE FUNCTION maint.validate_matview_schedule();

COMMENT ON TABLE maint.matview_schedule IS 'One row per materialized view: how often it must be refreshed, and how its last refresh went (written by maint.refresh_materialized_views). Every matview change registers its views here. Owner-only (schema maint).';
COMMENT ON COLUMN maint.matview_schedule.matview IS 'The materialized view.';
COMMENT ON COLUMN maint.matview_schedule.cadence IS 'How often it must be refreshed (30 minutes for the analytics caches, 1 day for the daily summaries); a view whose last refresh is older than this is stale (diag).';
COMMENT ON COLUMN maint.matview_schedule.enabled IS 'false: maint.refresh_materialized_views leaves it alone.';
COMMENT ON COLUMN maint.matview_schedule.last_refreshed_at IS 'When its last refresh started (NULL: never refreshed by maint).';
COMMENT ON COLUMN maint.matview_schedule.last_duration IS 'How long the last refresh took.';
COMMENT ON COLUMN maint.matview_schedule.last_status IS 'ok or failed.';
COMMENT ON COLUMN maint.matview_schedule.last_mode IS 'concurrently (readers not blocked; needs a populated view and a unique index without WHERE on plain columns) or plain.';
COMMENT ON COLUMN maint.matview_schedule.last_error IS 'The error of a failed refresh.';
COMMENT ON COLUMN maint.matview_schedule.note IS 'Where the cadence comes from (seed), e.g. seed 000: analytics cache TTL 30 min.';
COMMENT ON COLUMN maint.matview_schedule.registered_at IS 'When the view was registered.';
COMMENT ON CONSTRAINT matview_schedule_cadence_check ON maint.matview_schedule IS 'At least one minute (pg_cron''s resolution).';
COMMENT ON CONSTRAINT matview_schedule_last_status_check ON maint.matview_schedule IS 'ok or failed.';
COMMENT ON CONSTRAINT matview_schedule_last_mode_check ON maint.matview_schedule IS 'concurrently or plain.';
COMMENT ON CONSTRAINT matview_schedule_last_duration_check ON maint.matview_schedule IS 'A duration is never negative.';
COMMENT ON CONSTRAINT matview_schedule_last_error_check ON maint.matview_schedule IS 'Only a failed refresh has an error.';
COMMENT ON CONSTRAINT matview_schedule_note_check ON maint.matview_schedule IS 'Every registration says where its cadence comes from.';
COMMENT ON TRIGGER matview_schedule_validate ON maint.matview_schedule IS 'Only materialized views may be registered.';

COMMIT;
