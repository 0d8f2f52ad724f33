-- Revert chaindb:maint/cleanup_old_data from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP PROCEDURE maint.cleanup_old_data(boolean, jsonb);
DROP FUNCTION maint.cleanup_done(jsonb);
DROP FUNCTION maint.cleanup_lock(boolean);
DROP FUNCTION maint.cleanup_rules();
DROP FUNCTION maint.cleanup_finish(bigint, timestamptz, boolean, jsonb);
DROP FUNCTION maint.cleanup_step(bigint, timestamptz, boolean, jsonb);
DROP FUNCTION maint.expire_archive(bigint, timestamptz, boolean);
DROP FUNCTION maint.retention_batch(bigint, regclass, timestamptz, boolean);
DROP FUNCTION maint.retire_partition(bigint, regclass, timestamptz, timestamptz);
DROP FUNCTION maint.retention_partitions(bigint, timestamptz);

COMMIT;
