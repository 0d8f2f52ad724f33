-- pgTAP: maint — exactly these objects (an unexpected one fails). Later changes adding to
-- maint extend these lists.
BEGIN;
SELECT plan(10);

SELECT tables_are('maint', ARRAY['matview_schedule', 'maintenance_runs'], 'maint: tables');
SELECT views_are('maint', ARRAY[]::name[], 'maint: views');
SELECT materialized_views_are('maint', ARRAY[]::name[], 'maint: materialized views');
SELECT functions_are('maint', ARRAY['ensure_partitions', 'drop_partitions_older_than', 'validate_matview_schedule', 'ensure_default_partition',
                                    'retention_partitions', 'retire_partition', 'retention_batch', 'expire_archive', 'cleanup_step',
                                    'cleanup_finish', 'cleanup_rules', 'cleanup_done', 'cleanup_lock', 'cleanup_old_data',
                                    'refresh_materialized_views', 'analyze_all_tables', 'maintain_partitions', 'maintenance_step',
                                    'record_maintenance_step', 'is_cleanup_step', 'run_maintenance'],
                     'maint: functions and procedures');
SELECT enums_are('maint', ARRAY[]::name[], 'maint: enums');
SELECT domains_are('maint', ARRAY[]::name[], 'maint: domains');
SELECT sequences_are('maint', ARRAY['maintenance_runs_id_seq', 'maintenance_runs_run_id_seq'], 'maint: sequences');
SELECT indexes_are('maint', 'matview_schedule', ARRAY['matview_schedule_pkey'], 'maint.matview_schedule: indexes');
SELECT indexes_are('maint', 'maintenance_runs', ARRAY['maintenance_runs_pkey', 'maintenance_runs_run_step_key', 'maintenance_runs_started_at_idx'],
                   'maint.maintenance_runs: indexes');
SELECT is((SELECT pg_catalog.array_agg(p.proname::text ORDER BY p.proname) FROM pg_catalog.pg_proc AS p
            WHERE p.pronamespace = 'maint'::regnamespace AND p.prokind = 'p'),
          ARRAY['cleanup_old_data', 'run_maintenance'], 'maint: the procedures (they commit as they go)');

SELECT * FROM finish();
ROLLBACK;
