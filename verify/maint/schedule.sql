-- Verify chaindb:maint/schedule on pg
-- Where pg_cron is installed in this database, the three jobs exist; elsewhere there is nothing to verify.

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DO $$
DECLARE
    v_jobs bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        EXECUTE $q$SELECT pg_catalog.count(*) FROM cron.job
                    WHERE jobname IN ('chaindb-run-maintenance', 'chaindb-refresh-analytics', 'chaindb-vacuum-analyze')$q$
           INTO v_jobs;
        IF v_jobs <> 3 THEN
            RAISE EXCEPTION 'maint/schedule: pg_cron is installed but the maintenance jobs are missing';
        END IF;
    END IF;
END
$$;

ROLLBACK;
