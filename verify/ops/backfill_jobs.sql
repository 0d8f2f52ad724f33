-- Verify chaindb:ops/backfill_jobs on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, job_type, start_block, end_block, current_block, status, progress_percentage, estimated_completion,
       error_message, started_at, completed_at, created_by
  FROM ops.backfill_jobs WHERE FALSE;
SELECT 'ops.idx_backfill_status'::regclass, 'ops.idx_backfill_started'::regclass, 'ops.idx_backfill_job_type'::regclass;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'ops.backfill_jobs'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'ops.backfill_jobs'::regclass AND tgname = 'backfill_jobs_transition';
SELECT 1 / pg_catalog.count(*) FROM ops.retention_policies WHERE table_name = 'ops.backfill_jobs'::regclass;

ROLLBACK;
