-- Deploy chaindb:ops/backfill_jobs to pg
-- requires: ops/schema
-- requires: ops/retention_policies
-- requires: core/backend_access

-- squawk-ignore-file prefer-text-field -- seed 003 declares these columns VARCHAR(n) and its clients bind them so; the length is the check
BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/ops/backfill_jobs.sql

-- Seed 003 "backfill_jobs", column for column. Decisions: TIMESTAMP → timestamptz (D-O1); status
-- varchar(20) + CHECK of its four values rather than an enum (D-O2: clients that bind varchar
-- parameters keep working; an enum rejects them); the CHECKs on blocks, progress and completion
-- are the project's (the seed writes none).
CREATE TABLE ops.backfill_jobs (
    id                    uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    job_type              varchar(50) NOT NULL,
    start_block           integer NOT NULL,
    end_block             integer NOT NULL,
    current_block         integer NOT NULL,
    status                varchar(20) NOT NULL,
    progress_percentage   double precision DEFAULT 0.0,
    estimated_completion  timestamptz,
    error_message         text,
    started_at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    completed_at          timestamptz,
    created_by            varchar(100),
    CONSTRAINT backfill_jobs_status_check CHECK (status IN ('running', 'completed', 'failed', 'paused')),
    CONSTRAINT backfill_jobs_job_type_check CHECK (pg_catalog.btrim(job_type) <> ''),
    CONSTRAINT backfill_jobs_start_block_check CHECK (start_block >= 0),
    CONSTRAINT backfill_jobs_block_range_check CHECK (end_block >= start_block),
    CONSTRAINT backfill_jobs_current_block_check CHECK (current_block BETWEEN start_block AND end_block),
    CONSTRAINT backfill_jobs_progress_check CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT backfill_jobs_completed_at_check CHECK ((status IN ('completed', 'failed')) = (completed_at IS NOT NULL)),
    CONSTRAINT backfill_jobs_completed_after_start CHECK (completed_at >= started_at)
);
CREATE INDEX idx_backfill_status ON ops.backfill_jobs (status);
CREATE INDEX idx_backfill_started ON ops.backfill_jobs (started_at);
CREATE INDEX idx_backfill_job_type ON ops.backfill_jobs (job_type);
-- the retention rule's scan: finished jobs by completion time
CREATE INDEX backfill_jobs_finished_completed_at_idx ON ops.backfill_jobs (completed_at)
    WHERE status IN ('completed', 'failed');

CREATE TRIGGER backfill_jobs_transition BEFORE INSERT OR UPDATE ON ops.backfill_jobs
    FOR EACH ROW EXECUTE FUNCTION ops.backfill_job_transition();

COMMENT ON TABLE ops.backfill_jobs IS 'utxoIQ (seed 003 backfill_jobs): blockchain backfill operations and their progress. Backend table (chain_app). Retention: finished jobs archived 180 days after completion (ops.retention_policies).';
COMMENT ON COLUMN ops.backfill_jobs.id IS 'Unique job identifier (UUID; generated when the client sends none).';
COMMENT ON COLUMN ops.backfill_jobs.job_type IS 'Type of backfill (''blocks'', ''transactions'', …; an open set).';
COMMENT ON COLUMN ops.backfill_jobs.start_block IS 'Starting block height, 0 or more.';
COMMENT ON COLUMN ops.backfill_jobs.end_block IS 'Ending block height, not below start_block.';
COMMENT ON COLUMN ops.backfill_jobs.current_block IS 'Current progress block height, within start_block..end_block.';
COMMENT ON COLUMN ops.backfill_jobs.status IS 'running, completed, failed or paused (varchar(20) + CHECK, decision D-O2); transitions enforced by backfill_jobs_transition.';
COMMENT ON COLUMN ops.backfill_jobs.progress_percentage IS 'Progress as a percentage, 0 to 100.';
COMMENT ON COLUMN ops.backfill_jobs.estimated_completion IS 'Estimated completion time.';
COMMENT ON COLUMN ops.backfill_jobs.error_message IS 'Error details if failed.';
COMMENT ON COLUMN ops.backfill_jobs.started_at IS 'Job start time (seed TIMESTAMP, stored as timestamptz: D-O1).';
COMMENT ON COLUMN ops.backfill_jobs.completed_at IS 'When the job finished (completed or failed); set exactly for finished jobs. The retention clock (D-O5).';
COMMENT ON COLUMN ops.backfill_jobs.created_by IS 'User or service that created the job.';
COMMENT ON CONSTRAINT backfill_jobs_status_check ON ops.backfill_jobs IS 'The seed''s four statuses (D-O2).';
COMMENT ON CONSTRAINT backfill_jobs_job_type_check ON ops.backfill_jobs IS 'A job type is not blank.';
COMMENT ON CONSTRAINT backfill_jobs_start_block_check ON ops.backfill_jobs IS 'Block heights are not negative.';
COMMENT ON CONSTRAINT backfill_jobs_block_range_check ON ops.backfill_jobs IS 'The range ends at or after its start.';
COMMENT ON CONSTRAINT backfill_jobs_current_block_check ON ops.backfill_jobs IS 'Progress stays inside the range.';
COMMENT ON CONSTRAINT backfill_jobs_progress_check ON ops.backfill_jobs IS 'Progress is a percentage (0-100).';
COMMENT ON CONSTRAINT backfill_jobs_completed_at_check ON ops.backfill_jobs IS 'Finished jobs (completed, failed) have a completion time; running and paused jobs have none.';
COMMENT ON CONSTRAINT backfill_jobs_completed_after_start ON ops.backfill_jobs IS 'A job cannot finish before it started.';
COMMENT ON INDEX ops.idx_backfill_status IS 'Seed index: jobs by status (running jobs, failed jobs).';
COMMENT ON INDEX ops.idx_backfill_started IS 'Seed index: jobs by start time (history, last 24 hours).';
COMMENT ON INDEX ops.idx_backfill_job_type IS 'Seed index: jobs by type.';
COMMENT ON INDEX ops.backfill_jobs_finished_completed_at_idx IS 'Partial: finished jobs by completion time (the 180-day retention rule).';
COMMENT ON TRIGGER backfill_jobs_transition ON ops.backfill_jobs IS 'The job state machine (ops.backfill_job_transition).';

\ir ../../roles/ops/backfill_jobs.sql

-- Seed 003: "Archive jobs older than 180 days" (hot 180 days; archive as JSON, then delete). D-O5:
-- the clock is completed_at, and only finished jobs: a running or paused job is never archived.
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, row_filter, note) VALUES
    ('ops.backfill_jobs', 'completed_at', interval '180 days', 'archive', $$status IN ('completed', 'failed')$$,
     'seed 003: hot 180 days, archived as JSON then deleted; D-O5: by completed_at, finished jobs only; archive kept (no expiry in the seed)');

COMMIT;
