-- roles/ops/backfill_jobs.sql — privileges and RLS of ops.backfill_jobs (a backend table).
--   chain_app (the backfill service): every row, every command; chain_readonly and chain_analytics:
--   read every job (their SELECT comes from the ops default privileges). No end-user access.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS enabled and forced, DML and policies for chain_app, SELECT and its policy for chain_readonly
SELECT core.enable_backend_access('ops.backfill_jobs');

CREATE POLICY backfill_jobs_select_analytics ON ops.backfill_jobs FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY backfill_jobs_select_analytics ON ops.backfill_jobs IS 'Analytics sees every job.';

-- the owner reads every row: SECURITY DEFINER functions and REFRESH run as chain_owner, whom FORCE ROW
-- LEVEL SECURITY binds (core.enable_backend_access gives every backend table this policy; it keeps
-- one that exists)
CREATE POLICY backfill_jobs_select_owner ON ops.backfill_jobs FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY backfill_jobs_select_owner ON ops.backfill_jobs IS 'The owner (SECURITY DEFINER functions, materialized view refreshes) reads every row.';
