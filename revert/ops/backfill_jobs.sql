-- Revert chaindb:ops/backfill_jobs from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM ops.retention_policies WHERE table_name = 'ops.backfill_jobs'::regclass;
-- policies, grants, indexes and the trigger go with the table
DROP TABLE ops.backfill_jobs;
DROP FUNCTION ops.backfill_job_transition();

COMMIT;
