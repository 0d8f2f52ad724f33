-- Revert chaindb:maint/schedule from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- our jobs go; pg_cron goes too when this change created it and no other job is left
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        PERFORM cron.unschedule(j.jobid) FROM cron.job AS j
          WHERE j.jobname IN ('chaindb-run-maintenance', 'chaindb-refresh-analytics', 'chaindb-vacuum-analyze');
        IF pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'pg_cron'), 'pg_extension')
               LIKE '%created by chaindb%'
           AND NOT EXISTS (SELECT 1 FROM cron.job) THEN
            DROP EXTENSION pg_cron;
        END IF;
    END IF;
END
$$;

COMMIT;
