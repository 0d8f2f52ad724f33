-- Verify chaindb:maint/run_maintenance on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, run_id, step, status, detail, started_at, duration FROM maint.maintenance_runs WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.run_maintenance(bigint, jsonb)'::regprocedure AND prokind = 'p';
SELECT 'maint.maintain_partitions(int)'::regprocedure, 'maint.maintenance_runs_run_id_seq'::regclass;

ROLLBACK;
