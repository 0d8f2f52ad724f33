"""Lookups of utxoIQ (seed 003): the scale profile of schema ops.  At --scale 200 ops.system_metrics
holds 1M rows (40 series over the last 85 days, one sample every ~5 minutes, in 4 monthly
partitions), ops.insight_feedback 200k and ops.backfill_jobs 20k.  Every example query of the seed
(U-Q1 … U-Q13, which test/python/test_lookups_ops.py checks on the dev rows), the values taken from
the scale rows, and the reads an operator runs on these tables (retention backlog, the DEFAULT
partition, diag).

The ops tables are backend tables: chain_user has no privilege on them by design (user_id is a
Firebase uid, not a core.users id: no per-user policy is possible).  The second and third roles are
the ones the schema lets read: chain_readonly (reporting, every ops table) and chain_monitor (health
checks: system_metrics, the retention rules and the diag functions, which only it may execute)."""

from datetime import timedelta

TITLE = "Lookups at scale (utxoIQ)"
SEEDS = ["ops"]
SCALE = 200
ROLES = ("chain_app", "chain_readonly", "chain_monitor")
IDENTITY = "no end-user identity: the ops policies of these roles are USING (true)"

NOTES = """\
Every lookup is index-served at 1M metrics, 200k feedback rows and 20k jobs, as every role that may
run it. The now()-relative metric reads (U-Q8, U-Q9, U-Q11, the latest sample, the 90-day backlog)
are pruned at executor start-up to the partitions their lower bound can reach: the current month's
index, the empty months ahead (`Seq Scan system_metrics_p2027_0x`, 0 rows: a lower bound alone
cannot exclude them) and the DEFAULT partition (empty: the seed moves every month out of it); the
older months are not scanned. U-Q10's literal window is pruned at plan time to one month. The
planner prefers idx_metrics_timestamp to idx_metrics_service_time for the recent windows: the scale
rows are written newest first, so that index follows the heap order; the optional composite
(service_name, metric_type, "timestamp") is not needed at this size. chain_user has no privilege
on ops by design (backend tables; the seed's user_id is a Firebase uid, not a core.users id), so
the other roles are the ones the schema lets read: chain_readonly (every ops table) and
chain_monitor (system_metrics, the retention rules, and the diag functions, which only it may
execute). The catalog seq scans (pg_class, pg_inherits, pg_index, ...) of U-Q13 and diag are of
catalogs under 10k rows. Times are medians of 5 runs on 2 shared cores: read the plans, not the
milliseconds."""

LOOKUPS = [
    # the seed's example queries (checklist 4.5)
    ("U-Q1 running jobs", "SELECT * FROM ops.backfill_jobs WHERE status = 'running' ORDER BY started_at DESC"),
    ("U-Q2 job progress", "SELECT id, job_type, progress_percentage, current_block, end_block, estimated_completion"
     " FROM ops.backfill_jobs WHERE id = '{job}'"),
    ("U-Q3 failed jobs, last 24 h", "SELECT * FROM ops.backfill_jobs WHERE status = 'failed'"
     " AND started_at > NOW() - INTERVAL '24 hours' ORDER BY started_at DESC"),
    ("U-Q4 feedback statistics", "SELECT insight_id, COUNT(*) FILTER (WHERE rating IS NOT NULL) AS total_ratings,"
     " AVG(rating) AS average_rating, COUNT(*) FILTER (WHERE comment IS NOT NULL) AS total_comments,"
     " COUNT(*) FILTER (WHERE flag_type IS NOT NULL) AS total_flags"
     " FROM ops.insight_feedback WHERE insight_id = '{insight}' GROUP BY insight_id"),
    ("U-Q5 rating distribution", "SELECT rating, COUNT(*) AS count FROM ops.insight_feedback"
     " WHERE insight_id = '{insight}' AND rating IS NOT NULL GROUP BY rating ORDER BY rating"),
    ("U-Q6 recent comments", "SELECT user_id, comment, created_at FROM ops.insight_feedback"
     " WHERE insight_id = '{insight}' AND comment IS NOT NULL ORDER BY created_at DESC LIMIT 20"),
    ("U-Q7 flagged insights", "SELECT insight_id, COUNT(*) AS flag_count, ARRAY_AGG(DISTINCT flag_type) AS flag_types"
     " FROM ops.insight_feedback WHERE flag_type IS NOT NULL GROUP BY insight_id HAVING COUNT(*) >= 3"
     " ORDER BY flag_count DESC"),
    ("U-Q8 recent CPU of a service", "SELECT timestamp, metric_value FROM ops.system_metrics"
     " WHERE service_name = '{service}' AND metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'"
     " ORDER BY timestamp DESC"),
    ("U-Q9 hourly latency", "SELECT DATE_TRUNC('hour', timestamp) AS hour, AVG(metric_value) AS avg_value,"
     " MIN(metric_value) AS min_value, MAX(metric_value) AS max_value FROM ops.system_metrics"
     " WHERE service_name = '{service}' AND metric_type = 'latency' AND timestamp > NOW() - INTERVAL '24 hours'"
     " GROUP BY hour ORDER BY hour"),
    ("U-Q10 a service at a point in time", "SELECT metric_type, metric_value, unit, metric_metadata FROM ops.system_metrics"
     " WHERE service_name = 'feature-engine' AND timestamp BETWEEN '{point}' AND '{point_end}' ORDER BY metric_type"),
    ("U-Q11 services with high CPU", "SELECT service_name, AVG(metric_value) AS avg_cpu FROM ops.system_metrics"
     " WHERE metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'"
     " GROUP BY service_name HAVING AVG(metric_value) > 80 ORDER BY avg_cpu DESC"),
    ("U-Q12 database size", "SELECT pg_size_pretty(pg_database_size(current_database()))"),
    ("U-Q13 table sizes", "SELECT schemaname, tablename,"
     " pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS size FROM pg_tables"
     " WHERE schemaname = 'ops' ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC"),
    # what the backend and an operator read besides
    ("paused jobs, oldest first", "SELECT id, job_type, current_block, started_at FROM ops.backfill_jobs"
     " WHERE status = 'paused' ORDER BY started_at"),
    ("latest jobs of a type", "SELECT id, status, progress_percentage, started_at FROM ops.backfill_jobs"
     " WHERE job_type = 'blocks' ORDER BY started_at DESC LIMIT 20"),
    ("a user's feedback history", "SELECT insight_id, rating, flag_type, created_at FROM ops.insight_feedback"
     " WHERE user_id = '{uid}' ORDER BY created_at DESC"),
    ("latest sample of each metric of a service", "SELECT DISTINCT ON (metric_type) metric_type, metric_value, unit,"
     " timestamp FROM ops.system_metrics WHERE service_name = '{service}' AND timestamp > NOW() - INTERVAL '15 minutes'"
     " ORDER BY metric_type, timestamp DESC"),
    ("retention backlog: finished jobs past 180 days", "SELECT count(*) FROM ops.backfill_jobs"
     " WHERE status IN ('completed', 'failed') AND completed_at < NOW() - INTERVAL '180 days'"),
    ("retention backlog: feedback past 2 years", "SELECT count(*) FROM ops.insight_feedback"
     " WHERE created_at < NOW() - INTERVAL '2 years'"),
    ("retention backlog: metrics past 90 days", "SELECT count(*) FROM ops.system_metrics"
     " WHERE timestamp < NOW() - INTERVAL '90 days'"),
    ("rows caught by the DEFAULT partition", "SELECT count(*) FROM ops.system_metrics_default"),
    ("retention rules of ops and their last run", "SELECT table_name, rule_name, keep_hot, keep_archived, last_run_at,"
     " last_status FROM ops.retention_policies WHERE table_name IN ('ops.backfill_jobs'::regclass,"
     " 'ops.insight_feedback'::regclass, 'ops.system_metrics'::regclass)"),
    ("diag: partitions of system_metrics", "SELECT * FROM diag.partition_health() WHERE table_name = 'ops.system_metrics'"),
    ("diag: table sizes of ops", "SELECT * FROM diag.table_sizes() WHERE schema_name = 'ops'"),
    ("diag: database info", "SELECT * FROM diag.database_info()"),
    ("diag: health checks", "SELECT * FROM diag.health()"),
]


def ids(conn) -> dict:
    row = conn.execute("""
        SELECT (SELECT id FROM ops.backfill_jobs WHERE status = 'running' ORDER BY id OFFSET 42 LIMIT 1),
               (SELECT max("timestamp") FROM ops.system_metrics)""").fetchone()
    job, anchor = row
    # an insight of every 50th (flagged, rated and commented): 20 feedback rows per insight
    insights = conn.execute("SELECT count(*) / 20 FROM ops.insight_feedback").fetchone()[0]
    insight = f"scale-insight-{50 * max(1, insights * 42 // 5000)}"
    uid = conn.execute("SELECT min(user_id) FROM ops.insight_feedback WHERE insight_id = %s",
                       (insight,)).fetchone()[0]
    point = anchor.replace(minute=0, second=0, microsecond=0) - timedelta(days=10)   # a 5-minute window
    return {"job": job, "insight": insight, "uid": uid, "service": "web-api",
            "point": point.isoformat(), "point_end": (point + timedelta(minutes=5)).isoformat()}


def as_user(conn, values: dict) -> None:
    """No end-user identity: the roles' policies on the ops tables are USING (true)."""
