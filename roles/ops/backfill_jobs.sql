-- roles/ops/backfill_jobs.sql — privileges and RLS of ops.backfill_jobs (a backend table).
--   chain_app (the backfill service): every row, every command; chain_readonly and chain_analytics:
--   read every job (their SELECT comes from the ops default privileges). No end-user access.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE ops.backfill_jobs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY backfill_jobs_select_app ON ops.backfill_jobs FOR SELECT TO chain_app USING (true);
CREATE POLICY backfill_jobs_insert_app ON ops.backfill_jobs FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY backfill_jobs_update_app ON ops.backfill_jobs FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY backfill_jobs_delete_app ON ops.backfill_jobs FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY backfill_jobs_select_app ON ops.backfill_jobs IS 'The backend reads every job.';
COMMENT ON POLICY backfill_jobs_insert_app ON ops.backfill_jobs IS 'The backend creates jobs.';
COMMENT ON POLICY backfill_jobs_update_app ON ops.backfill_jobs IS 'The backend records progress and status.';
COMMENT ON POLICY backfill_jobs_delete_app ON ops.backfill_jobs IS 'The backend deletes jobs.';

CREATE POLICY backfill_jobs_select_readonly ON ops.backfill_jobs FOR SELECT TO chain_readonly USING (true);
CREATE POLICY backfill_jobs_select_analytics ON ops.backfill_jobs FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY backfill_jobs_select_readonly ON ops.backfill_jobs IS 'Read-only reporting sees every job.';
COMMENT ON POLICY backfill_jobs_select_analytics ON ops.backfill_jobs IS 'Analytics sees every job.';
