-- pgTAP: ops — the seed's example queries (checklist §4.5, U-Q1 … U-Q11) are index-served, as the
-- backend (chain_app) runs them, on tables filled server-side and ANALYZEd; the point-in-time
-- metric query is pruned to its one partition at plan time. (Their results on the dev fixture are
-- checked in test/python/test_lookups_ops.py; the now()-relative metric queries have no upper
-- bound, so the months ahead and the DEFAULT partition stay in their plans, empty: that test checks
-- that every earlier month is pruned.)
BEGIN;
SELECT plan(12);

SET LOCAL ROLE chain_owner;
CREATE TABLE IF NOT EXISTS ops.system_metrics_p2024_01 PARTITION OF ops.system_metrics
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00');
RESET ROLE;
INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status, started_at)
SELECT (ARRAY['blocks', 'transactions', 'insights'])[1 + g % 3], g, g + 1000, g, CASE WHEN g % 50 = 0 THEN 'running' ELSE 'paused' END,
       pg_catalog.now() - g * interval '1 minute'
  FROM pg_catalog.generate_series(1, 20000) AS g;
INSERT INTO ops.insight_feedback (insight_id, user_id, rating, comment, flag_type, created_at)
SELECT 'bulk-' || (g % 2000), 'user-' || g, 1 + g % 5, CASE WHEN g % 10 = 0 THEN 'c' || g END,
       CASE WHEN g % 97 = 0 THEN 'spam' END, pg_catalog.now() - g * interval '1 minute'
  FROM pg_catalog.generate_series(1, 20000) AS g;
-- the services' batches of the last two hours (50 services, 'web-api' one of them)
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT CASE WHEN g % 50 = 0 THEN 'web-api' ELSE 'svc-' || (g % 50) END, (ARRAY['cpu', 'memory', 'latency', 'disk'])[1 + g % 4],
       g % 100, 'percent', pg_catalog.now() - (g % 7200) * interval '1 second'
  FROM pg_catalog.generate_series(1, 40000) AS g;
-- and two hours of January 2024 around the seed's point in time ('feature-engine' one of 50 services)
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT CASE WHEN g % 50 = 0 THEN 'feature-engine' ELSE 'svc-' || (g % 50) END, (ARRAY['cpu', 'memory', 'latency', 'disk'])[1 + g % 4],
       g % 100, 'percent', timestamptz '2024-01-15 13:00:00+00' + (g % 7200) * interval '1 second'
  FROM pg_catalog.generate_series(1, 40000) AS g;
ANALYZE ops.backfill_jobs, ops.insight_feedback, ops.system_metrics;

CREATE TEMP TABLE cur ON COMMIT DROP AS
    SELECT 'ops.system_metrics_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM') AS p;
GRANT SELECT ON cur TO chain_app;
SELECT tests.act_as_role('chain_app');

SELECT tests.uses_index($$SELECT * FROM ops.backfill_jobs WHERE status = 'running' ORDER BY started_at DESC$$,
                        'ops.idx_backfill_status', 'ops.backfill_jobs.idx_backfill_status: serves U-Q1 (running jobs)');
SELECT tests.uses_index($$SELECT id, job_type, progress_percentage, current_block, end_block, estimated_completion
                            FROM ops.backfill_jobs WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                        'ops.backfill_jobs_pkey', 'ops.backfill_jobs.backfill_jobs_pkey: serves U-Q2 (one job''s progress)');
SELECT tests.uses_index($$SELECT * FROM ops.backfill_jobs WHERE status = 'failed' AND started_at > NOW() - INTERVAL '24 hours'
                           ORDER BY started_at DESC$$,
                        'ops.idx_backfill_status', 'ops.backfill_jobs.idx_backfill_status: serves U-Q3 (failed jobs of the last 24 hours)');
SELECT tests.uses_index($$SELECT insight_id, COUNT(*) FILTER (WHERE rating IS NOT NULL), AVG(rating),
                                 COUNT(*) FILTER (WHERE comment IS NOT NULL), COUNT(*) FILTER (WHERE flag_type IS NOT NULL)
                            FROM ops.insight_feedback WHERE insight_id = 'bulk-42' GROUP BY insight_id$$,
                        'ops.idx_feedback_insight', 'ops.insight_feedback.idx_feedback_insight: serves U-Q4 (feedback statistics)');
SELECT tests.uses_index($$SELECT rating, COUNT(*) FROM ops.insight_feedback WHERE insight_id = 'bulk-42' AND rating IS NOT NULL
                           GROUP BY rating ORDER BY rating$$,
                        'ops.idx_feedback_insight', 'ops.insight_feedback.idx_feedback_insight: serves U-Q5 (rating distribution)');
SELECT tests.uses_index($$SELECT user_id, comment, created_at FROM ops.insight_feedback
                           WHERE insight_id = 'bulk-42' AND comment IS NOT NULL ORDER BY created_at DESC LIMIT 20$$,
                        'ops.insight_feedback_comments_idx', 'ops.insight_feedback.insight_feedback_comments_idx: serves U-Q6 (recent comments, no sort)');
SELECT tests.uses_index($$SELECT insight_id, COUNT(*) AS flag_count, ARRAY_AGG(DISTINCT flag_type) FROM ops.insight_feedback
                           WHERE flag_type IS NOT NULL GROUP BY insight_id HAVING COUNT(*) >= 3 ORDER BY flag_count DESC$$,
                        'ops.insight_feedback_flagged_idx', 'ops.insight_feedback.insight_feedback_flagged_idx: serves U-Q7 (flagged insights)');
SELECT tests.uses_index($$SELECT timestamp, metric_value FROM ops.system_metrics
                           WHERE service_name = 'web-api' AND metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'
                           ORDER BY timestamp DESC$$,
                        (SELECT p FROM cur) || '_service_name_timestamp_idx',
                        'ops.system_metrics.idx_metrics_service_time: serves U-Q8 (recent CPU of a service) in this month''s partition')
  FROM cur;
SELECT tests.uses_index($$SELECT DATE_TRUNC('hour', timestamp) as hour, AVG(metric_value), MIN(metric_value), MAX(metric_value)
                            FROM ops.system_metrics
                           WHERE service_name = 'web-api' AND metric_type = 'latency' AND timestamp > NOW() - INTERVAL '24 hours'
                           GROUP BY hour ORDER BY hour$$,
                        (SELECT p FROM cur) || '_service_name_timestamp_idx',
                        'ops.system_metrics.idx_metrics_service_time: serves U-Q9 (hourly latency)');
SELECT tests.uses_index($$SELECT metric_type, metric_value, unit, metric_metadata FROM ops.system_metrics
                           WHERE service_name = 'feature-engine' AND timestamp BETWEEN '2024-01-15 14:00:00' AND '2024-01-15 14:05:00'
                           ORDER BY metric_type$$,
                        'ops.system_metrics_p2024_01_service_name_timestamp_idx',
                        'ops.system_metrics.idx_metrics_service_time: serves U-Q10 (a service at a point in time)');
SELECT tests.prunes_to($$SELECT metric_type, metric_value, unit, metric_metadata FROM ops.system_metrics
                          WHERE service_name = 'feature-engine' AND timestamp BETWEEN '2024-01-15 14:00:00' AND '2024-01-15 14:05:00'
                          ORDER BY metric_type$$,
                       'ops.system_metrics_p2024_01', 'ops.system_metrics: U-Q10 is pruned to system_metrics_p2024_01 at plan time');
SELECT tests.uses_index($$SELECT service_name, AVG(metric_value) as avg_cpu FROM ops.system_metrics
                           WHERE metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'
                           GROUP BY service_name HAVING AVG(metric_value) > 80 ORDER BY avg_cpu DESC$$,
                        (SELECT p FROM cur) || '_metric_type_timestamp_idx',
                        'ops.system_metrics.idx_metrics_type_time: serves U-Q11 (services with high CPU)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
