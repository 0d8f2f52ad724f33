"""Retention and maintenance that runs itself, on a deployed clone with real sessions:

* maint.cleanup_old_data applies every enabled rule of ops.retention_policies: after a run no row
  older than its rule remains, and no row is lost (count before = kept + archived, for archive
  rules); a dry run changes nothing and reports the same work;
* a partition whose lock another session holds is skipped with "skipped: lock not available"
  (within lock_timeout), left whole, and retired by the next run;
* the crash test: the backend running the cleanup is terminated in the middle; what was committed
  is consistent (every row in its table or in the archive, exactly once) and a re-run completes it;
* archiving never widens who may read what: chain_analytics, which may not read memory.audit_logs at
  all (its ip_address and user_agent are personal data), cannot read an archived month of it, nor the
  archived rows (archive.rows) of a table with a column hidden from it; it reads the archived rows of
  the sources it reads fully (ops.backfill_jobs, ops.insight_feedback) through the index, and the
  archived months of ops.system_metrics; chain_auditor reads everything;
* the clock test: rows dated across 14 months land in the DEFAULT partitions (no monthly partition
  exists for most of them); maint.run_maintenance gives them their months, retires the old ones
  (archived or dropped per rule), leaves the DEFAULT partitions empty, one row per step.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

ANALYTICS_HIDDEN = ("ip_address", "user_agent")

ARCHIVE_RULES_SQL = """
SELECT r.table_name::text, r.time_column, r.keep_hot, r.action, r.row_filter
  FROM ops.retention_policies AS r WHERE r.enabled ORDER BY r.id"""


def too_old(conn, table: str, column: str, keep_hot, row_filter: str | None) -> int:
    where = f'"{column}" < now() - %s::interval' + (f" AND ({row_filter})" if row_filter else "")
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", (keep_hot,)).fetchone()[0]


def archived(conn, table: str) -> int:
    rows = conn.execute("SELECT count(*) FROM archive.rows WHERE source = %s", (table,)).fetchone()[0]
    parts = conn.execute("SELECT coalesce(sum(row_count), 0) FROM archive.partitions WHERE source = %s",
                         (table,)).fetchone()[0]
    return rows + parts


FILL_SQL = """
-- metrics over 14 months (none older than 455 days: nothing expires from the archive)
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT 'svc-' || (g % 7), 'cpu', g % 100, 'percent', now() - (g % 420) * interval '1 day' - (g % 24) * interval '1 hour'
  FROM generate_series(1, 8400) AS g;
-- finished and running backfill jobs, some past 180 days
INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status, started_at)
SELECT 'blocks', g, g + 10, g, 'running', now() - g * interval '1 day' FROM generate_series(1, 400) AS g;
UPDATE ops.backfill_jobs SET status = CASE WHEN start_block % 3 = 0 THEN 'failed' ELSE 'completed' END,
                             completed_at = started_at + interval '1 hour'
 WHERE start_block % 4 <> 0 AND job_type = 'blocks' AND start_block <= 400;
-- feedback around the 2-year mark
INSERT INTO ops.insight_feedback (insight_id, user_id, rating, created_at)
SELECT 'i-' || g, 'u-' || g, 1 + g % 5, now() - g * interval '3 days' FROM generate_series(1, 400) AS g;
-- system events around the year mark
INSERT INTO audit.system_events (event_type, source, created_at)
SELECT 'test.event', 'test', now() - g * interval '2 days' FROM generate_series(1, 300) AS g;
SELECT maint.ensure_partitions('ops.system_metrics', 3);
"""


@pytest.fixture
def filled(deployed_db):
    with deployed_db.connect() as conn:
        conn.execute(FILL_SQL)
    return deployed_db


def test_cleanup_applies_every_rule_and_loses_nothing(filled):
    with filled.connect() as conn:
        rules = conn.execute(ARCHIVE_RULES_SQL).fetchall()
        before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t, *_ in rules}
        old = {(t, c): too_old(conn, t, c, k, f) for t, c, k, a, f in rules}
        assert old[("ops.system_metrics", "timestamp")] > 0 and old[("ops.backfill_jobs", "completed_at")] > 0
        assert old[("ops.insight_feedback", "created_at")] > 0 and old[("audit.system_events", "created_at")] > 0

        dry = conn.execute("CALL maint.cleanup_old_data(true)").fetchone()[0]
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t, *_ in rules} == before, \
            "a dry run changed the tables"
        assert conn.execute("SELECT count(*) FROM archive.rows").fetchone()[0] == 0
        assert {r["status"] for r in dry} == {"dry_run"}
        dry_metrics = next(r for r in dry if r["table"] == "ops.system_metrics")
        assert all(p["action"] == "would archive" for p in dry_metrics["partitions"])
        assert len(dry_metrics["partitions"]) >= 10

        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert {r["status"] for r in report} == {"ok"}, report
        for table, column, keep_hot, action, row_filter in rules:
            assert too_old(conn, table, column, keep_hot, row_filter) == 0, f"{table}: rows older than its rule remain"
            kept = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if action == "archive":
                assert kept + archived(conn, table) == before[table], f"{table}: rows lost or duplicated"
                assert archived(conn, table) == old[(table, column)]
            else:
                assert kept == before[table] - old[(table, column)], f"{table}: deleted the wrong rows"
        metrics = next(r for r in report if r["table"] == "ops.system_metrics")
        assert len(metrics["partitions"]) == len(dry_metrics["partitions"])
        assert all(p["action"] == "archived" for p in metrics["partitions"])
        # moved partitions are in schema archive, readable by chain_auditor, not by chain_app
        moved = conn.execute("SELECT partition::text FROM archive.partitions ORDER BY 1").fetchall()
        assert moved and all(m[0].startswith("archive.system_metrics_p") for m in moved)
        assert conn.execute("SELECT has_table_privilege('chain_auditor', %s, 'SELECT'), "
                            "has_table_privilege('chain_app', %s, 'SELECT')", (moved[0][0], moved[0][0])).fetchone() == (True, False)
        # the running and paused jobs were never archived
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.backfill_jobs' "
                            "AND row_data->>'status' NOT IN ('completed', 'failed')").fetchone()[0] == 0
        # each rule records its run
        assert conn.execute("SELECT count(*) FROM ops.retention_policies WHERE enabled AND "
                            "(last_run_at IS NULL OR last_status <> 'ok')").fetchone()[0] == 0
        again = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert all(r["partitions"] == [] and r.get("rows_archived", r.get("rows_deleted")) == 0 for r in again), again


AUDIT_LOGS_SQL = """
-- a month of the operation log past the 90 days, given its own partition as maint does
INSERT INTO memory.audit_logs (wallet_address, action, ip_address, user_agent, "timestamp")
SELECT 'W' || lpad(translate((g % 50)::text, '0', 'z'), 40, 'x'), 'asset.mint', '10.1.0.0'::inet + g, 'agent/' || g,
       date_trunc('month', now() - interval '200 days') + g * interval '1 minute'
  FROM generate_series(1, 500) AS g;
SELECT maint.ensure_partitions('memory.audit_logs', 3);
-- a plain table with an archive rule and a column hidden from chain_analytics (as a change would
-- make it): its rows go to archive.rows one by one, whole (row_data), e-mail included
SET ROLE chain_owner;
CREATE TABLE ops.tmp_contacts (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL);
REVOKE SELECT ON ops.tmp_contacts FROM chain_analytics;
GRANT SELECT (id, created_at) ON ops.tmp_contacts TO chain_analytics;
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, batch_size, note)
VALUES ('ops.tmp_contacts', 'created_at', interval '30 days', 'archive', 20000, 'test: a source with a hidden column');
RESET ROLE;
INSERT INTO ops.tmp_contacts SELECT g, 'user' || g || '@example.com', now() - interval '40 days' - g * interval '1 second'
  FROM generate_series(1, 100000) AS g;
"""


def sqlstate(conn, sql: str) -> str | None:
    """The SQLSTATE ``sql`` fails with (None when it runs), in a savepoint-free autocommit session."""
    try:
        conn.execute(sql).fetchall()
    except psycopg.Error as exc:
        return exc.sqlstate
    return None


def plan_nodes(plan: dict) -> list[dict]:
    return [plan] + [n for child in plan.get("Plans", []) for n in plan_nodes(child)]


def test_archive_never_widens_access(filled):
    """The cleanup archives a memory.audit_logs month whole (schema archive), the rows of a table with
    a column hidden from chain_analytics as JSON (archive.rows), and rows of the fully readable
    ops.backfill_jobs and ops.insight_feedback."""
    with filled.connect() as conn:
        conn.execute(AUDIT_LOGS_SQL)
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert {r["status"] for r in report} == {"ok"}, report
        part = conn.execute("SELECT partition::text FROM archive.partitions WHERE source = 'memory.audit_logs'").fetchall()
        assert len(part) == 1, part
        part = part[0][0]
        assert conn.execute(f"SELECT count(*) FROM {part}").fetchone()[0] == 500
        by_source = dict(conn.execute("SELECT source, count(*) FROM archive.rows GROUP BY source").fetchall())
        assert by_source.get("ops.tmp_contacts") == 100000, by_source
        assert by_source.get("ops.backfill_jobs", 0) > 0 and by_source.get("ops.insight_feedback", 0) > 0, by_source
        conn.execute("ANALYZE archive.rows")
        # the rule holds on the source: chain_analytics may read nothing of memory.audit_logs
        assert not conn.execute("SELECT has_any_column_privilege('chain_analytics', 'memory.audit_logs', 'SELECT')").fetchone()[0]
        assert not conn.execute("SELECT has_column_privilege('chain_analytics', 'ops.tmp_contacts', 'email', 'SELECT')").fetchone()[0]

        conn.execute("SET ROLE chain_analytics")
        for column in ANALYTICS_HIDDEN + ("id", "*"):
            assert sqlstate(conn, f"SELECT {column} FROM {part}") == "42501", f"chain_analytics reads {part}.{column}"
        visible = dict(conn.execute("SELECT source, count(*) FROM archive.rows GROUP BY source").fetchall())
        # every archived row of the sources it reads fully (ops.system_metrics' boundary rows too), no other
        assert visible == {s: n for s, n in by_source.items() if s != "ops.tmp_contacts"}, visible
        assert {"ops.backfill_jobs", "ops.insight_feedback"} <= visible.keys(), visible
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.tmp_contacts'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE row_data ? 'email'").fetchone()[0] == 0
        # archived metric months: chain_analytics reads ops.system_metrics whole, so the archive too
        metrics = conn.execute("SELECT partition::text, row_count FROM archive.partitions WHERE source = 'ops.system_metrics' LIMIT 1").fetchone()
        assert conn.execute(f"SELECT count(*) FROM {metrics[0]}").fetchone()[0] == metrics[1]
        # one source's archived rows are index-served for chain_analytics (its policy included)
        plan = conn.execute("EXPLAIN (FORMAT JSON) SELECT * FROM archive.rows WHERE source = 'ops.backfill_jobs'").fetchone()[0][0]["Plan"]
        scans = {(n["Node Type"], n.get("Index Name")) for n in plan_nodes(plan) if "Index" in n["Node Type"]}
        assert scans and all(name and name.startswith("rows_source_") for _, name in scans), plan
        assert not [n for n in plan_nodes(plan) if n["Node Type"] == "Seq Scan"], plan
        conn.execute("RESET ROLE")

        conn.execute("SET ROLE chain_auditor")
        assert conn.execute(f"SELECT count(*), count(ip_address), count(user_agent) FROM {part}").fetchone() == (500, 500, 500)
        assert dict(conn.execute("SELECT source, count(*) FROM archive.rows GROUP BY source").fetchall()) == by_source
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.tmp_contacts' AND row_data ? 'email'"
                            ).fetchone()[0] == 100000
        conn.execute("RESET ROLE")


def test_archive_expires_after_keep_archived(deployed_db):
    with deployed_db.connect() as conn:
        conn.execute("""
            INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
            SELECT 'svc', 'cpu', 1, 'percent', now() - d * interval '1 day' FROM generate_series(100, 600, 10) AS d""")
        conn.execute("SELECT maint.ensure_partitions('ops.system_metrics', 3)")
        conn.execute("CALL maint.cleanup_old_data()")
        # metrics drop at 90 days + 1 year of age (D-O5): nothing older than 455 days anywhere
        assert conn.execute("SELECT count(*) FROM archive.partitions WHERE source = 'ops.system_metrics' "
                            "AND range_end <= now() - interval '90 days' - interval '1 year'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.system_metrics' "
                            "AND row_time < now() - interval '90 days' - interval '1 year'").fetchone()[0] == 0
        left = conn.execute("SELECT coalesce(sum(row_count), 0) FROM archive.partitions WHERE source = 'ops.system_metrics'"
                            ).fetchone()[0] + conn.execute(
            "SELECT count(*) FROM archive.rows WHERE source = 'ops.system_metrics'").fetchone()[0]
        kept = conn.execute("SELECT count(*) FROM ops.system_metrics WHERE metric_value = 1 AND service_name = 'svc'").fetchone()[0]
        # 51 rows at 100..600 days, all past 90 days: none stays hot; every one up to 455 days old is
        # still archived; older ones are gone except in the archived month that straddles 455 days
        # (a partition leaves the archive whole, once its whole range is past)
        young = len([d for d in range(100, 601, 10) if d <= 455])
        assert kept == 0
        assert young <= left < 51, (left, young)
        assert conn.execute("SELECT count(*) FROM archive.partitions WHERE source = 'ops.system_metrics' "
                            "AND range_start < now() - interval '90 days' - interval '1 year' - interval '1 month'").fetchone()[0] == 0


def test_locked_partition_is_skipped_then_retired(filled):
    with filled.connect() as conn, filled.connect(autocommit=False) as holder:
        target = conn.execute("SELECT partition::text FROM maint.retention_partitions("
                              "(SELECT id FROM ops.retention_policies WHERE table_name = 'ops.system_metrics'::regclass), now()) "
                              "ORDER BY range_end LIMIT 1").fetchone()[0]
        rows_in_target = conn.execute(f"SELECT count(*) FROM {target}").fetchone()[0]
        holder.execute(f"SELECT count(*) FROM {target}").fetchone()       # a reader holds its lock
        started = time.monotonic()
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        metrics = next(r for r in report if r["table"] == "ops.system_metrics")
        assert {"partition": target, "action": "skipped: lock not available"} in metrics["partitions"]
        assert metrics["status"] == "partial"
        assert time.monotonic() - started < 60, "the cleanup waited on the reader"
        assert conn.execute(f"SELECT count(*) FROM {target}").fetchone()[0] == rows_in_target, \
            "the skipped partition must stay whole (not emptied row by row)"
        assert conn.execute("SELECT count(*) FROM pg_inherits WHERE inhrelid = %s::regclass", (target,)).fetchone()[0] == 1
        assert conn.execute("SELECT last_status FROM ops.retention_policies WHERE table_name = 'ops.system_metrics'::regclass"
                            ).fetchone()[0] == "partial"
        holder.rollback()
        again = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        metrics = next(r for r in again if r["table"] == "ops.system_metrics")
        assert metrics["partitions"] == [{"partition": target, "action": "archived"}]
        assert metrics["status"] == "ok"


def test_crash_mid_run_loses_and_duplicates_nothing(deployed_db):
    """Terminate the backend while it archives feedback in batches of 200; then re-run."""
    with deployed_db.connect() as conn:
        conn.execute("UPDATE ops.retention_policies SET batch_size = 200 WHERE table_name = 'ops.insight_feedback'::regclass")
        conn.execute("""INSERT INTO ops.insight_feedback (insight_id, user_id, rating, comment, created_at)
                        SELECT 'crash-' || g, 'u-' || g, 1 + g % 5, repeat('x', 200), now() - interval '3 years' - g * interval '1 minute'
                          FROM generate_series(1, 30000) AS g""")
        total = conn.execute("SELECT count(*) FROM ops.insight_feedback").fetchone()[0]
        worker = deployed_db.connect()
        pid = worker.execute("SELECT pg_backend_pid()").fetchone()[0]
        outcome: dict[str, object] = {}

        def run():
            try:
                worker.execute("CALL maint.cleanup_old_data()")
                outcome["result"] = "finished"
            except psycopg.Error as exc:
                outcome["result"] = exc.sqlstate or str(exc)

        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 60
        while conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.insight_feedback'").fetchone()[0] < 2000:
            assert time.monotonic() < deadline, "the cleanup never got going"
            time.sleep(0.05)
        assert conn.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
        thread.join(30)
        worker.close()
        assert outcome.get("result") != "finished", "the run finished before it could be interrupted"

        kept = conn.execute("SELECT count(*) FROM ops.insight_feedback").fetchone()[0]
        moved = conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'ops.insight_feedback'").fetchone()[0]
        assert 0 < moved < 30000 and kept + moved == total, (kept, moved, total)
        assert conn.execute("""SELECT count(*) FROM ops.insight_feedback f JOIN archive.rows a
                                 ON a.source = 'ops.insight_feedback' AND a.record_pk = jsonb_build_object('id', f.id)""").fetchone()[0] == 0, \
            "a row is both in its table and in the archive"

        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        feedback = next(r for r in report if r["table"] == "ops.insight_feedback")
        assert feedback["status"] == "ok" and feedback["rows_archived"] == 30000 - moved
        assert conn.execute("SELECT count(*) FROM ops.insight_feedback WHERE created_at < now() - interval '2 years'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*), count(DISTINCT record_pk) FROM archive.rows WHERE source = 'ops.insight_feedback'"
                            ).fetchone() == (30000, 30000)
        assert conn.execute("SELECT count(*) FROM ops.insight_feedback").fetchone()[0] + 30000 == total


def test_clock_rows_across_14_months(deployed_db):
    """Deployed today, then fed rows dated over the last 14 months (and one month past the last
    partition): the DEFAULT partitions catch them; run_maintenance sorts them into their months,
    archives or drops what is past retention and leaves the DEFAULT partitions empty."""
    with deployed_db.connect() as conn:
        conn.execute("""
            INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
            SELECT 'clock', 'cpu', m, 'percent', date_trunc('month', now()) - m * interval '1 month' + interval '10 days'
              FROM generate_series(0, 13) AS m, generate_series(1, 10) AS k;
            INSERT INTO audit.logs (logged_at, table_schema, table_name, operation)
            SELECT date_trunc('month', now()) - m * interval '1 month' + interval '10 days', 'x', 'y', 'TRUNCATE'
              FROM generate_series(0, 13) AS m, generate_series(1, 10) AS k;
            INSERT INTO audit.logs (logged_at, table_schema, table_name, operation)
            VALUES (date_trunc('month', now()) + interval '5 months', 'x', 'y', 'TRUNCATE')""")
        in_default = conn.execute("SELECT (SELECT count(*) FROM ops.system_metrics_default), "
                                  "(SELECT count(*) FROM audit.logs_default)").fetchone()
        assert in_default == (130, 131), "rows outside every partition must land in the DEFAULT partitions"
        metrics_before = conn.execute("SELECT count(*) FROM ops.system_metrics WHERE service_name = 'clock'").fetchone()[0]
        logs_young = conn.execute("SELECT count(*) FROM audit.logs WHERE logged_at >= now() - interval '365 days'").fetchone()[0]

        run_id, steps = conn.execute("CALL maint.run_maintenance()").fetchone()
        assert [s["step"] for s in steps] == ["partitions", "cleanup", "refresh", "analytics", "analyze"]
        assert {s["status"] for s in steps} == {"ok"}, steps
        assert conn.execute("SELECT count(*) FROM maint.maintenance_runs WHERE run_id = %s", (run_id,)).fetchone()[0] == 5

        assert conn.execute("SELECT (SELECT count(*) FROM ops.system_metrics_default), "
                            "(SELECT count(*) FROM audit.logs_default)").fetchone() == (0, 0), "DEFAULT partitions not emptied"
        # metrics: months past 90 days archived whole, the rest kept; nothing lost
        kept = conn.execute("SELECT count(*) FROM ops.system_metrics WHERE service_name = 'clock'").fetchone()[0]
        archived_rows = conn.execute("SELECT coalesce(sum(row_count), 0) FROM archive.partitions WHERE source = 'ops.system_metrics'"
                                     ).fetchone()[0] + conn.execute(
            "SELECT count(*) FROM archive.rows WHERE source = 'ops.system_metrics'").fetchone()[0]
        assert kept + archived_rows == metrics_before
        assert conn.execute("SELECT count(*) FROM ops.system_metrics WHERE \"timestamp\" < now() - interval '90 days'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM archive.partitions WHERE source = 'ops.system_metrics'").fetchone()[0] >= 9
        # audit.logs: older than 365 days dropped (delete rule), younger kept in their months
        assert conn.execute("SELECT count(*) FROM audit.logs WHERE logged_at < now() - interval '365 days'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM audit.logs").fetchone()[0] == logs_young
        far = conn.execute("SELECT tableoid::regclass::text FROM audit.logs WHERE logged_at > now() + interval '4 months'").fetchone()[0]
        assert far.startswith("audit.logs_p"), far
        assert conn.execute("SELECT to_regclass('archive.logs_p' || to_char(now() - interval '13 months', 'YYYY_MM'))").fetchone()[0] is None, \
            "a delete rule must drop, not archive"


def test_one_cleanup_at_a_time(deployed_db):
    """A second cleanup while one runs (here: while another session holds its lock) returns at once."""
    with deployed_db.connect() as conn, deployed_db.connect() as other:
        assert other.execute("SELECT maint.cleanup_lock(true)").fetchone()[0]
        started = time.monotonic()
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert report == [{"status": "skipped: another maint.cleanup_old_data is running"}]
        assert time.monotonic() - started < 5
        assert conn.execute("SELECT count(*) FROM ops.retention_policies WHERE last_run_at IS NOT NULL").fetchone()[0] == 0
        other.execute("SELECT maint.cleanup_lock(false)")
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert {r["status"] for r in report} == {"ok"}
        # the run released its lock: the other session can take it
        assert other.execute("SELECT maint.cleanup_lock(true)").fetchone()[0]
        other.execute("SELECT maint.cleanup_lock(false)")
        # a session that still holds it (say, from a run of its own that was interrupted) runs, and
        # leaves it free afterwards
        assert conn.execute("SELECT maint.cleanup_lock(true)").fetchone()[0]
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        assert {r["status"] for r in report} == {"ok"}
        assert other.execute("SELECT maint.cleanup_lock(true)").fetchone()[0]
        other.execute("SELECT maint.cleanup_lock(false)")


def test_operation_log_rows_of_the_default_partition_are_archived(deployed_db):
    """memory.audit_logs is append-only (its trigger refuses DELETE) except for retention: rows
    past 90 days that sit in the DEFAULT partition (a month without its own partition) go to
    archive.rows one by one when the cleanup runs as a superuser, as pg_cron runs it."""
    with deployed_db.connect() as conn:
        conn.execute("""INSERT INTO memory.audit_logs (wallet_address, action, "timestamp")
                        SELECT 'Ann11111111111111111111111111111111111111111', 'asset.mint',
                               now() - interval '400 days' + g * interval '1 minute'
                          FROM generate_series(1, 30) AS g""")
        assert conn.execute("SELECT count(*) FROM memory.audit_logs_default").fetchone()[0] == 30
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        logs = next(r for r in report if r["table"] == "memory.audit_logs")
        assert logs["status"] == "ok", logs
        assert conn.execute("SELECT count(*) FROM memory.audit_logs_default").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM archive.rows WHERE source = 'memory.audit_logs'").fetchone()[0] == 30
        # still append-only for everyone else
        conn.execute("INSERT INTO memory.audit_logs (wallet_address, action) "
                     "VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint')")
        conn.execute("SET ROLE chain_app")
        assert sqlstate(conn, "DELETE FROM memory.audit_logs") == "42501"
        conn.execute("RESET ROLE")
        assert sqlstate(conn, "UPDATE memory.audit_logs SET action = 'x'") == "55000"
