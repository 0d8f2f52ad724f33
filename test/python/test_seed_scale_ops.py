"""The scale profile of utxoIQ (schema ops, tools/chaindb/templates/seeds/60_ops.sql.j2).

Proven here: at --scale 1 it loads its rows per table with every constraint and trigger on, every
backfill job status reached through the state machine, every flag type and rating, metrics in
real monthly partitions (none in the DEFAULT one) inside every retention window (a real
`CALL maint.cleanup_old_data()` right after archives nothing), the domain invariants hold (SQL
counts that must be 0); two databases seeded alike hold the same rows (ids included, times
equal relative to the run's anchor); a second run refuses in one line; `chaindb clear --force`
empties the ops tables, keeps the retention rules, and the profile loads again, the same rows.
"""

from __future__ import annotations

import json

from conftest import chaindb_cli
from chaindb import seed

OPS_TABLES = ("ops.backfill_jobs", "ops.insight_feedback", "ops.system_metrics")
CLOCK_TYPES = ("timestamp with time zone",)

# each a count of the scale rows (ids 5ca1e…) that break a rule of the domain: must be 0
INVARIANTS = {
    "completed jobs not at 100 % and their end block": """
        SELECT count(*) FROM ops.backfill_jobs
         WHERE status = 'completed' AND (progress_percentage <> 100 OR current_block <> end_block)""",
    "progress that does not match the current block": """
        SELECT count(*) FROM ops.backfill_jobs
         WHERE abs(progress_percentage - 100.0 * (current_block - start_block) / (end_block - start_block)) > 1e-9""",
    "an error message on a job that has not failed, or a failure without one": """
        SELECT count(*) FROM ops.backfill_jobs WHERE (status = 'failed') <> (error_message IS NOT NULL)""",
    "an estimated completion on a job that is not running, or a running one without": """
        SELECT count(*) FROM ops.backfill_jobs WHERE (status = 'running') <> (estimated_completion IS NOT NULL)""",
    "jobs started or finished in the future": """
        SELECT count(*) FROM ops.backfill_jobs WHERE started_at > now() OR completed_at > now()""",
    "finished jobs past their 180-day retention": """
        SELECT count(*) FROM ops.backfill_jobs
         WHERE status IN ('completed', 'failed') AND completed_at < now() - interval '180 days'""",
    "empty feedback (no rating, comment or flag)": """
        SELECT count(*) FROM ops.insight_feedback WHERE rating IS NULL AND comment IS NULL AND flag_type IS NULL""",
    "a merged flag that erased a rating or comment": """
        SELECT count(*) FROM ops.insight_feedback
         WHERE updated_at > created_at AND (flag_type IS NULL OR (rating IS NULL AND comment IS NULL))""",
    "feedback past its 2-year retention or in the future": """
        SELECT count(*) FROM ops.insight_feedback
         WHERE created_at < now() - interval '2 years' OR created_at > now() OR updated_at < created_at""",
    "metrics in the DEFAULT partition": "SELECT count(*) FROM ops.system_metrics_default",
    "metrics in a partition that is not their month's": """
        SELECT count(*) FROM ops.system_metrics
         WHERE tableoid::regclass::text <> 'ops.system_metrics_p' || to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY_MM')""",
    "metrics past their 90-day retention or in the future": """
        SELECT count(*) FROM ops.system_metrics WHERE "timestamp" < now() - interval '90 days' OR "timestamp" > now()""",
    "a unit that is not its metric type's, or a percentage outside 0..100": """
        SELECT count(*) FROM ops.system_metrics
         WHERE unit <> CASE metric_type WHEN 'memory' THEN 'bytes' WHEN 'latency' THEN 'ms' ELSE 'percent' END
            OR (unit = 'percent' AND metric_value NOT BETWEEN 0 AND 100) OR metric_value < 0""",
}

# the run's times as offsets from its anchor (the newest metric): equal in two seeds taken apart
OFFSETS = """
WITH a AS (SELECT max("timestamp") AS anchor FROM ops.system_metrics)
SELECT (SELECT md5(string_agg(concat_ws('/', id, started_at - a.anchor, completed_at - a.anchor,
                                        estimated_completion - a.anchor), ',' ORDER BY id)) FROM ops.backfill_jobs),
       (SELECT md5(string_agg(concat_ws('/', id, created_at - a.anchor), ',' ORDER BY id)) FROM ops.insight_feedback),
       (SELECT md5(string_agg(concat_ws('/', id, "timestamp" - a.anchor, tableoid::regclass), ',' ORDER BY id))
          FROM ops.system_metrics)
  FROM a
"""


def cli(*args: str, rc: int = 0):
    proc = chaindb_cli(*args)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def ops_checksums(db) -> dict:
    """Rows of the ops tables, every column but the clock ones (the ids are the seed's own)."""
    with db.connect() as conn:
        return seed.table_checksums(conn, schemas=["ops"], exclude_types=CLOCK_TYPES)


def offsets(db):
    with db.connect() as conn:
        return conn.execute(OFFSETS).fetchone()


def test_scale_sizes_render_without_a_database():
    (source,) = seed.select(seed.template_sources(), ["ops"])
    for scale, expected in ((1, (100, 1000, 5000)), (200, (20_000, 200_000, 1_000_000))):
        steps = seed.steps(seed.render_source(source, "scale", scale, 1).sql)
        declared = {s.table: s.table_rows for s in steps if s.table and s.sql == ""}
        assert declared == dict(zip(OPS_TABLES, expected)), scale
        for table, rows in declared.items():        # the last batch reports the whole table
            assert max(s.rows_after or 0 for s in steps if s.table == table) == rows, table
    assert seed.render_source(source, "dev").sql.count("b0000000-0000-4000-8000-000000000001") >= 1


def test_scale_ops_rows_states_partitions_invariants_determinism(deployed_db, make_db):
    proc = cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "1", "--seed", "3", "--only", "ops")
    assert "ops.system_metrics" in proc.stdout and "rows/s" in proc.stdout
    counts = {t: v[0] for t, v in ops_checksums(deployed_db).items()}
    assert counts["ops.backfill_jobs"] == 100
    assert counts["ops.insight_feedback"] == 1000
    assert counts["ops.system_metrics"] == 5000
    with deployed_db.connect() as conn:
        states = dict(conn.execute("SELECT status, count(*) FROM ops.backfill_jobs GROUP BY 1").fetchall())
        assert set(states) == {"running", "paused", "completed", "failed"}
        # the retried jobs went failed -> running: one completed since, one running again
        assert conn.execute("SELECT count(*) FROM ops.backfill_jobs WHERE status = 'completed' "
                            "AND completed_at - started_at > interval '30 minutes' AND id = "
                            "'5ca1e100-0000-4000-8000-000000000005'").fetchone()[0] == 1
        flags = {r[0] for r in conn.execute("SELECT DISTINCT flag_type FROM ops.insight_feedback WHERE flag_type IS NOT NULL")}
        assert flags == {"inaccurate", "misleading", "spam"}
        ratings = {r[0] for r in conn.execute("SELECT DISTINCT rating FROM ops.insight_feedback WHERE rating IS NOT NULL")}
        assert ratings == {1, 2, 3, 4, 5}
        assert conn.execute("SELECT count(*) FROM ops.insight_feedback WHERE updated_at > created_at").fetchone()[0] == 9
        flagged = conn.execute("SELECT count(*) FROM (SELECT insight_id FROM ops.insight_feedback WHERE flag_type IS NOT NULL "
                               "GROUP BY 1 HAVING count(*) >= 3) AS f").fetchone()[0]
        assert flagged == 1                                          # U-Q7 has an answer
        months = conn.execute("SELECT count(DISTINCT tableoid) FROM ops.system_metrics").fetchone()[0]
        assert months >= 3                                           # 85 days: 3 or 4 months
        for name, query in INVARIANTS.items():
            assert conn.execute(query).fetchone()[0] == 0, name
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                            "AND tgenabled <> 'O'").fetchone()[0] == 0
        # inside every retention window: a real cleanup right after the seed archives nothing
        report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
        for rule in report:
            if rule["table"] in OPS_TABLES:
                assert rule["status"] == "ok" and not rule["partitions"] and rule["rows_archived"] == 0, rule
        assert conn.execute("SELECT count(*) FROM archive.partitions").fetchone()[0] == 0
    assert {t: v[0] for t, v in ops_checksums(deployed_db).items()} == counts

    # the same seed in another database: the same rows, ids included, and the same times
    # relative to the run's anchor
    other = make_db()
    cli("deploy", other.uri)
    cli("seed", other.uri, "--profile", "scale", "--scale", "1", "--seed", "3", "--only", "ops")
    mine, theirs = ops_checksums(deployed_db), ops_checksums(other)
    assert {t: mine[t] for t in OPS_TABLES} == {t: theirs[t] for t in OPS_TABLES}
    assert offsets(other) == offsets(deployed_db)

    # a second run refuses in one line and adds nothing
    before = ops_checksums(other)
    proc = chaindb_cli("seed", other.uri, "--profile", "scale", "--only", "ops")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stdout + proc.stderr
    assert "already there" in proc.stderr and "clear --force" in proc.stderr
    assert ops_checksums(other) == before


def test_clear_empties_ops_keeps_its_rules_and_the_profile_loads_again(deployed_db):
    cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "1", "--only", "ops")
    first, first_offsets = ops_checksums(deployed_db), offsets(deployed_db)
    rules = first["ops.retention_policies"]
    assert rules[0] >= 3

    data = json.loads(cli("clear", deployed_db.uri, "--force", "--json").stdout)
    assert set(OPS_TABLES) <= set(data["cleared"]) and "ops.retention_policies" in data["kept"]
    assert {t: data["removed"][t] for t in OPS_TABLES} == {t: first[t][0] for t in OPS_TABLES}
    after = ops_checksums(deployed_db)
    assert all(after[t][0] == 0 for t in OPS_TABLES)
    assert after["ops.retention_policies"] == rules
    with deployed_db.connect() as conn:        # the month partitions stay, empty
        assert conn.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'ops.system_metrics'::regclass").fetchone()[0] >= 5

    cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "1", "--only", "ops")
    assert ops_checksums(deployed_db) == first
    assert offsets(deployed_db) == first_offsets
