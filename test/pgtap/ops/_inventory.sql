-- pgTAP: ops — exactly these objects (an unexpected one fails). ops.system_metrics' monthly
-- partitions (system_metrics_pYYYY_MM, and its DEFAULT partition) come and go with time, so they are
-- matched by the parent. Later changes adding to ops extend these lists.
BEGIN;
SELECT plan(15);

SELECT tables_are('ops', ARRAY['retention_policies', 'backfill_jobs', 'insight_feedback', 'system_metrics']
                  || ARRAY(SELECT c.relname FROM pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
                            WHERE i.inhparent = 'ops.system_metrics'::regclass),
                  'ops: tables (system_metrics with its partitions)');
SELECT views_are('ops', ARRAY[]::name[], 'ops: views');
SELECT materialized_views_are('ops', ARRAY[]::name[], 'ops: materialized views');
SELECT functions_are('ops', ARRAY['validate_retention_policy', 'backfill_job_transition', 'upsert_insight_feedback'], 'ops: functions');
SELECT enums_are('ops', ARRAY[]::name[], 'ops: enums (statuses are varchar + CHECK, D-O2)');
SELECT domains_are('ops', ARRAY[]::name[], 'ops: domains');
SELECT sequences_are('ops', ARRAY['retention_policies_id_seq'], 'ops: sequences');
SELECT indexes_are('ops', 'retention_policies', ARRAY['retention_policies_pkey', 'retention_policies_table_rule_key'],
                   'ops.retention_policies: indexes');
SELECT triggers_are('ops', 'retention_policies', ARRAY['retention_policies_validate', 'retention_policies_set_updated_at'],
                    'ops.retention_policies: triggers');
SELECT indexes_are('ops', 'backfill_jobs', ARRAY['backfill_jobs_pkey', 'idx_backfill_status', 'idx_backfill_started', 'idx_backfill_job_type',
                   'backfill_jobs_finished_completed_at_idx'], 'ops.backfill_jobs: indexes');
SELECT triggers_are('ops', 'backfill_jobs', ARRAY['backfill_jobs_transition'], 'ops.backfill_jobs: triggers');
SELECT indexes_are('ops', 'insight_feedback', ARRAY['insight_feedback_pkey', 'uq_insight_user_feedback', 'idx_feedback_insight',
                   'idx_feedback_user', 'idx_feedback_created', 'insight_feedback_comments_idx', 'insight_feedback_flagged_idx'],
                   'ops.insight_feedback: indexes');
SELECT indexes_are('ops', 'system_metrics', ARRAY['system_metrics_pkey', 'idx_metrics_service_time', 'idx_metrics_type_time',
                   'idx_metrics_timestamp'], 'ops.system_metrics: indexes');
SELECT policies_are('ops', 'backfill_jobs', ARRAY['backfill_jobs_select_owner', 'backfill_jobs_select_app', 'backfill_jobs_insert_app', 'backfill_jobs_update_app',
                    'backfill_jobs_delete_app', 'backfill_jobs_select_readonly', 'backfill_jobs_select_analytics'], 'ops.backfill_jobs: policies');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE n.nspname = 'ops' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT (c.relrowsecurity AND c.relforcerowsecurity)),
          0, 'ops: every table has row-level security enabled and forced');

SELECT * FROM finish();
ROLLBACK;
