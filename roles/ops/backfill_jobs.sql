-- roles/ops/backfill_jobs.sql — privileges and RLS of ops.backfill_jobs (a backend table).
--   chain_app (the backfill service): every row, every command; chain_readonly and chain_analytics:
--   read every job (their SELECT comes from the ops default privileges). No end-user access.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS enabled and forced, DML and policies for chain_app, SELECT and its policy for chain_readonly,
-- and the owner's read policy <table>_select_owner (SECURITY DEFINER code and REFRESH read as chain_owner)
SELECT core.enable_backend_access('ops.backfill_jobs');

CREATE POLICY backfill_jobs_select_analytics ON ops.backfill_jobs FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY backfill_jobs_select_analytics ON ops.backfill_jobs IS 'Analytics sees every job.';
