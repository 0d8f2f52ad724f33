"""utxoIQ (seed 003): every example query of the seed (checklist §4.5, U-Q1 … U-Q13) runs on the
dev profile of tools/chaindb/templates/seeds/60_ops.sql.j2 with the results worked out by hand from it, and is index-served
once the tables hold realistic volume (generated server-side, ANALYZEd); the metric queries scan
only the partitions they need (plan-time pruning for the point-in-time query, executor start-up
pruning for the now()-relative ones).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from lookup_plans import partitions_scanned, plan_nodes


Q = {
    "U-Q1 running jobs": """
        SELECT * FROM ops.backfill_jobs WHERE status = 'running' ORDER BY started_at DESC""",
    "U-Q2 job progress": """
        SELECT id, job_type, progress_percentage, current_block, end_block, estimated_completion
          FROM ops.backfill_jobs WHERE id = 'b0000000-0000-4000-8000-000000000001'""",
    "U-Q3 failed jobs, last 24 h": """
        SELECT * FROM ops.backfill_jobs WHERE status = 'failed' AND started_at > NOW() - INTERVAL '24 hours'
         ORDER BY started_at DESC""",
    "U-Q4 feedback statistics": """
        SELECT insight_id,
               COUNT(*) FILTER (WHERE rating IS NOT NULL) as total_ratings,
               AVG(rating) as average_rating,
               COUNT(*) FILTER (WHERE comment IS NOT NULL) as total_comments,
               COUNT(*) FILTER (WHERE flag_type IS NOT NULL) as total_flags
          FROM ops.insight_feedback WHERE insight_id = 'insight-123' GROUP BY insight_id""",
    "U-Q5 rating distribution": """
        SELECT rating, COUNT(*) as count FROM ops.insight_feedback
         WHERE insight_id = 'insight-123' AND rating IS NOT NULL GROUP BY rating ORDER BY rating""",
    "U-Q6 recent comments": """
        SELECT user_id, comment, created_at FROM ops.insight_feedback
         WHERE insight_id = 'insight-123' AND comment IS NOT NULL ORDER BY created_at DESC LIMIT 20""",
    "U-Q7 flagged insights": """
        SELECT insight_id, COUNT(*) as flag_count, ARRAY_AGG(DISTINCT flag_type) as flag_types
          FROM ops.insight_feedback WHERE flag_type IS NOT NULL
         GROUP BY insight_id HAVING COUNT(*) >= 3 ORDER BY flag_count DESC""",
    "U-Q8 recent CPU of a service": """
        SELECT timestamp, metric_value FROM ops.system_metrics
         WHERE service_name = 'web-api' AND metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'
         ORDER BY timestamp DESC""",
    "U-Q9 hourly latency": """
        SELECT DATE_TRUNC('hour', timestamp) as hour, AVG(metric_value) as avg_value,
               MIN(metric_value) as min_value, MAX(metric_value) as max_value
          FROM ops.system_metrics
         WHERE service_name = 'web-api' AND metric_type = 'latency' AND timestamp > NOW() - INTERVAL '24 hours'
         GROUP BY hour ORDER BY hour""",
    "U-Q10 a service at a point in time": """
        SELECT metric_type, metric_value, unit, metric_metadata FROM ops.system_metrics
         WHERE service_name = 'feature-engine' AND timestamp BETWEEN '2024-01-15 14:00:00' AND '2024-01-15 14:05:00'
         ORDER BY metric_type""",
    "U-Q11 services with high CPU": """
        SELECT service_name, AVG(metric_value) as avg_cpu FROM ops.system_metrics
         WHERE metric_type = 'cpu' AND timestamp > NOW() - INTERVAL '1 hour'
         GROUP BY service_name HAVING AVG(metric_value) > 80 ORDER BY avg_cpu DESC""",
    "U-Q12 database size": "SELECT pg_size_pretty(pg_database_size(current_database()))",
    "U-Q13 table sizes": """
        SELECT schemaname, tablename,
               pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) AS size
          FROM pg_tables WHERE schemaname = 'ops'
         ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC""",
}

# the index one of which must serve each query once the tables are large (U-Q10: the planner may
# take idx_metrics_timestamp on the January 2024 partition, as selective for a 5-minute window)
INDEXES = {
    "U-Q1 running jobs": {"idx_backfill_status"},
    "U-Q2 job progress": {"backfill_jobs_pkey"},
    "U-Q3 failed jobs, last 24 h": {"idx_backfill_status", "idx_backfill_started"},
    "U-Q4 feedback statistics": {"idx_feedback_insight", "uq_insight_user_feedback", "insight_feedback_comments_idx"},
    "U-Q5 rating distribution": {"idx_feedback_insight", "uq_insight_user_feedback"},
    "U-Q6 recent comments": {"insight_feedback_comments_idx"},
    "U-Q7 flagged insights": {"insight_feedback_flagged_idx"},
    "U-Q8 recent CPU of a service": {"idx_metrics_service_time"},
    "U-Q9 hourly latency": {"idx_metrics_service_time"},
    "U-Q10 a service at a point in time": {"idx_metrics_service_time", "idx_metrics_timestamp"},
    "U-Q11 services with high CPU": {"idx_metrics_type_time"},
}

LARGE_TABLES = ("backfill_jobs", "insight_feedback", "system_metrics")

FILL_SQL = """
INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status, started_at)
SELECT (ARRAY['blocks', 'transactions', 'insights'])[1 + g % 3], g, g + 1000, g, 'paused', now() - g * interval '1 minute'
  FROM generate_series(1, 50000) AS g;
INSERT INTO ops.insight_feedback (insight_id, user_id, rating, comment, flag_type, created_at)
SELECT 'bulk-' || (g % 5000), 'bulk-user-' || g, 1 + g % 5, CASE WHEN g % 10 = 0 THEN 'c' || g END,
       CASE WHEN g % 97 = 0 THEN 'spam' END, now() - g * interval '1 minute'
  FROM generate_series(1, 100000) AS g;
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT 'svc-' || (g % 50), (ARRAY['cpu', 'memory', 'latency', 'disk'])[1 + g % 4], g % 100, 'x',
       date_trunc('month', now()) + (g % 86400) * interval '1 second'
  FROM generate_series(1, 100000) AS g;
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT 'svc-' || (g % 50), (ARRAY['cpu', 'memory', 'latency', 'disk'])[1 + g % 4], g % 100, 'x',
       timestamptz '2024-01-01 00:00:00+00' + (g % 2000000) * interval '1 second'
  FROM generate_series(1, 50000) AS g;
ANALYZE ops.backfill_jobs, ops.insight_feedback, ops.system_metrics;
"""


@pytest.fixture
def seeded(deployed_db):
    from chaindb import seed
    from chaindb.script import run_text

    (source,) = seed.select(seed.template_sources(), ["ops"])
    with deployed_db.connect() as conn:
        run_text(conn, seed.render_source(source, "dev").sql, name=source.display)
    return deployed_db


def rows(conn, name):
    return conn.execute(Q[name]).fetchall()


def test_example_queries_return_what_the_fixture_says(seeded):
    with seeded.connect() as conn:
        now = conn.execute("SELECT now()").fetchone()[0]
        running = rows(conn, "U-Q1 running jobs")
        assert [str(r[0]) for r in running] == ["b0000000-0000-4000-8000-000000000002",
                                                 "b0000000-0000-4000-8000-000000000001"]
        assert [tuple(map(str, r)) for r in rows(conn, "U-Q2 job progress")] == [
            ("b0000000-0000-4000-8000-000000000001", "blocks", "50.0", "805000", "810000",
             str(rows(conn, "U-Q2 job progress")[0][5]))]
        failed = rows(conn, "U-Q3 failed jobs, last 24 h")
        assert [str(r[0]) for r in failed] == ["b0000000-0000-4000-8000-000000000004"]
        assert failed[0][8] == "RPC node timeout"

        (stats,) = rows(conn, "U-Q4 feedback statistics")
        assert stats[0] == "insight-123" and stats[1] == 5 and float(stats[2]) == pytest.approx(4.2)
        assert (stats[3], stats[4]) == (3, 1)
        assert rows(conn, "U-Q5 rating distribution") == [(3, 1), (4, 2), (5, 2)]
        comments = rows(conn, "U-Q6 recent comments")
        assert [(r[0], r[1]) for r in comments] == [
            ("uid-erin", "What does mempool pressure mean?"), ("uid-carol", "Useful but late"),
            ("uid-alice", "Spot on, thanks")]
        assert rows(conn, "U-Q7 flagged insights") == [("insight-999", 3, ["misleading", "spam"])]

        cpu = rows(conn, "U-Q8 recent CPU of a service")
        assert [r[1] for r in cpu] == [50.0 + k for k in range(12)], "12 samples of the last hour, newest first"
        hourly = rows(conn, "U-Q9 hourly latency")
        top = now.replace(minute=0, second=0, microsecond=0)
        assert [(r[0], float(r[1]), r[2], r[3]) for r in hourly] == [
            (top - timedelta(hours=h), 150.0 + h, 100.0 + h, 200.0 + h) for h in range(23, 0, -1)]
        assert rows(conn, "U-Q10 a service at a point in time") == [
            ("cpu", 33.0, "percent", None), ("latency", 12.0, "ms", None),
            ("memory", 2048.0, "bytes", {"pod": "fe-7"})]
        assert rows(conn, "U-Q11 services with high CPU") == [("batch-worker", 90.0), ("indexer", 85.0)]

        (size,) = rows(conn, "U-Q12 database size")
        assert re.fullmatch(r"\d+ (kB|MB|GB)", size[0])
        tables = {r[1] for r in rows(conn, "U-Q13 table sizes")}
        assert {"backfill_jobs", "insight_feedback", "system_metrics_p2024_01", "retention_policies"} <= tables


def test_example_queries_are_index_served_and_pruned(seeded):
    """Sequential scans are allowed only on empty partitions (the months ahead, which a
    now()-relative lower bound cannot prune); a partition's index counts as its parent's."""
    failures = []
    with seeded.connect() as conn:
        conn.execute(FILL_SQL)
        empty = {r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'ops.system_metrics'::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_stats s WHERE s.schemaname = 'ops' AND s.tablename = c.relname) "
            "AND c.reltuples <= 0").fetchall()}
        first_month = conn.execute(
            "SELECT 'system_metrics_p' || to_char((now() - interval '24 hours') AT TIME ZONE 'UTC', 'YYYY_MM')").fetchone()[0]
        for name, indexes in INDEXES.items():
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + Q[name]).fetchone()[0][0]["Plan"]
            nodes = list(plan_nodes(plan))
            seq = [n.get("Relation Name") for n in nodes if n["Node Type"] == "Seq Scan"
                   and str(n.get("Relation Name", "")).startswith(LARGE_TABLES)
                   and n.get("Relation Name") not in empty]
            if seq:
                failures.append(f"{name}: sequential scan of {seq}")
            used = {conn.execute("SELECT COALESCE(pg_partition_root(to_regclass('ops.' || %s)), to_regclass('ops.' || %s))::regclass::text",
                                 (n["Index Name"], n["Index Name"])).fetchone()[0]
                    for n in nodes if n.get("Index Name")}
            if not {u.removeprefix("ops.") for u in used if u} & indexes:
                failures.append(f"{name}: none of {sorted(indexes)} used (used: {sorted(u for u in used if u)})")
            scanned = {r for r in partitions_scanned(plan) if r.startswith("system_metrics_p")}
            if name.startswith(("U-Q8", "U-Q9", "U-Q11")):
                stale = {r for r in scanned if r < first_month}
                if stale or not scanned:
                    failures.append(f"{name}: scans {sorted(scanned)}: months before {first_month} not pruned")
            if name.startswith("U-Q10") and scanned != {"system_metrics_p2024_01"}:
                failures.append(f"{name}: scans {sorted(scanned)}, expected system_metrics_p2024_01 only")
    assert not failures, "\n".join(failures)
