-- Deploy chaindb:maint/run_maintenance to pg
-- requires: maint/default_partitions
-- requires: maint/cleanup_old_data
-- requires: maint/refresh_materialized_views
-- requires: maint/analyze_all_tables

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- One row per step of every maint.run_maintenance() run (owner-only like the rest of maint; diag
-- reads it through SECURITY DEFINER functions).
CREATE SEQUENCE maint.maintenance_runs_run_id_seq;
CREATE TABLE maint.maintenance_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint NOT NULL,
    step        text NOT NULL,
    status      text NOT NULL,
    detail      jsonb,
    started_at  timestamptz NOT NULL,
    duration    interval NOT NULL,
    CONSTRAINT maintenance_runs_run_step_key UNIQUE (run_id, step),
    CONSTRAINT maintenance_runs_step_check CHECK (step IN ('partitions', 'cleanup', 'refresh', 'analytics', 'analyze')),
    CONSTRAINT maintenance_runs_status_check CHECK (status IN ('ok', 'partial', 'failed')),
    CONSTRAINT maintenance_runs_duration_check CHECK (duration >= interval '0')
);
CREATE INDEX maintenance_runs_started_at_idx ON maint.maintenance_runs (started_at);

COMMENT ON SEQUENCE maint.maintenance_runs_run_id_seq IS 'Numbers the runs of maint.run_maintenance.';
COMMENT ON TABLE maint.maintenance_runs IS 'One row per step of every maint.run_maintenance run: what it did (detail), how it went and how long it took.';
COMMENT ON COLUMN maint.maintenance_runs.id IS 'Identity.';
COMMENT ON COLUMN maint.maintenance_runs.run_id IS 'The run (maint.maintenance_runs_run_id_seq); returned by CALL maint.run_maintenance().';
COMMENT ON COLUMN maint.maintenance_runs.step IS 'partitions, cleanup, refresh, analytics or analyze.';
COMMENT ON COLUMN maint.maintenance_runs.status IS 'ok, partial (an item was skipped or failed: see detail) or failed (detail holds the error).';
COMMENT ON COLUMN maint.maintenance_runs.detail IS 'The step''s result as JSON (one element per table, view or rule; or the error).';
COMMENT ON COLUMN maint.maintenance_runs.started_at IS 'When the step started.';
COMMENT ON COLUMN maint.maintenance_runs.duration IS 'How long it took.';
COMMENT ON CONSTRAINT maintenance_runs_run_step_key ON maint.maintenance_runs IS 'A step runs once per run.';
COMMENT ON CONSTRAINT maintenance_runs_step_check ON maint.maintenance_runs IS 'The five steps.';
COMMENT ON CONSTRAINT maintenance_runs_status_check ON maint.maintenance_runs IS 'ok, partial or failed.';
COMMENT ON CONSTRAINT maintenance_runs_duration_check ON maint.maintenance_runs IS 'A duration is never negative.';
COMMENT ON INDEX maint.maintenance_runs_started_at_idx IS 'Runs by time (the latest run, health checks).';

\ir ../../functions/maint/run_maintenance.sql

COMMIT;
