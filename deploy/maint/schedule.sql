-- Deploy chaindb:maint/schedule to pg
-- requires: maint/run_maintenance
--
-- The maintenance schedule, when pg_cron can run here: the server preloads pg_cron
-- (shared_preload_libraries) and this database is its cron.database_name (pg_cron runs jobs from that
-- one database). Then pg_cron is created when missing (commented as created by chaindb, so the revert
-- knows it may drop it) and three jobs are scheduled, owned by the deploying superuser (pg_cron runs
-- a job as the user who scheduled it; chain_owner cannot log in):
--     chaindb-run-maintenance     0 2 * * *      CALL maint.run_maintenance()                  daily 02:00 UTC (seed 003)
--     chaindb-refresh-analytics   */30 * * * *   refresh of the views past their cadence       every 30 min (seed 000 TTL)
--     chaindb-vacuum-analyze      0 3 * * 0      VACUUM (ANALYZE)                              weekly, Sunday 03:00 UTC
-- (pg_cron 1.4 reads schedules in the server's time zone: GMT/UTC on a default server.)
-- Anywhere else the change deploys all the same and says so in a NOTICE: nothing runs the
-- maintenance by itself there (diag reports "no scheduler"); run CALL maint.run_maintenance() from
-- an outside scheduler, or schedule it from the cron database with cron.schedule_in_database.
-- Not run as chain_owner: it creates no object of ours.

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DO $$
DECLARE
    v_cron_db text := pg_catalog.current_setting('cron.database_name', true);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') THEN
        IF v_cron_db IS NULL THEN
            RAISE NOTICE 'maint/schedule: pg_cron is not loaded on this server (shared_preload_libraries): maintenance is not scheduled; run CALL maint.run_maintenance() daily from another scheduler';
            RETURN;
        ELSIF v_cron_db <> pg_catalog.current_database() THEN
            RAISE NOTICE 'maint/schedule: pg_cron runs in database % (cron.database_name), not in %: maintenance is not scheduled here; schedule it from % with cron.schedule_in_database',
                         v_cron_db, pg_catalog.current_database(), v_cron_db;
            RETURN;
        END IF;
        CREATE EXTENSION pg_cron;
        COMMENT ON EXTENSION pg_cron IS 'Job scheduler; created by chaindb (change maint/schedule) for the maintenance jobs.';
    END IF;
    PERFORM cron.schedule('chaindb-run-maintenance', '0 2 * * *', 'CALL maint.run_maintenance()');
    PERFORM cron.schedule('chaindb-refresh-analytics', '*/30 * * * *',
                          'SELECT pg_catalog.count(*) FROM maint.refresh_materialized_views(true)');
    PERFORM cron.schedule('chaindb-vacuum-analyze', '0 3 * * 0', 'VACUUM (ANALYZE)');
    RAISE NOTICE 'maint/schedule: pg_cron jobs scheduled: chaindb-run-maintenance (0 2 * * *), chaindb-refresh-analytics (*/30 * * * *), chaindb-vacuum-analyze (0 3 * * 0)';
END
$$;

COMMIT;
