-- Revert chaindb:maint/run_maintenance from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP PROCEDURE maint.run_maintenance(bigint, jsonb);
DROP FUNCTION maint.is_cleanup_step(text);
DROP FUNCTION maint.record_maintenance_step(bigint, text, timestamptz, jsonb);
DROP FUNCTION maint.maintenance_step(text);
DROP FUNCTION maint.maintain_partitions(int);
DROP TABLE maint.maintenance_runs;
DROP SEQUENCE maint.maintenance_runs_run_id_seq;

COMMIT;
