"""Jinja rendering: monthly partitions (run by real psql) and change skeletons (compared
byte for byte with what the real `sqitch add` writes)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from chaindb.errors import ChaindbError
from chaindb.render import (RenderError, monthly_partitions, render,
                            render_change_scripts, render_partitions)


# ------------------------------------------------------------------ render()

def test_render_is_strict():
    with pytest.raises(RenderError, match="no such template"):
        render("nope.sql.j2")
    with pytest.raises(RenderError, match="'table' is undefined"):
        render("partitions/monthly.sql.j2", start="2026-01", partitions=[])


# ------------------------------------------------------------------ partitions

def test_partition_lines_exact():
    sql = render_partitions("ops.system_metrics", "2026-11", 3)
    creates = [line for line in sql.splitlines() if line.startswith("CREATE")]
    assert creates == [
        "CREATE TABLE IF NOT EXISTS ops.system_metrics_p2026_11 PARTITION OF ops.system_metrics"
        " FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00');",
        "CREATE TABLE IF NOT EXISTS ops.system_metrics_p2026_12 PARTITION OF ops.system_metrics"
        " FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');",
        "CREATE TABLE IF NOT EXISTS ops.system_metrics_p2027_01 PARTITION OF ops.system_metrics"
        " FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00');",
    ]
    statements = [line for line in sql.splitlines() if line and not line.startswith("--")]
    assert statements[:3] == ["BEGIN;", "SET LOCAL lock_timeout = '5s';", "SET LOCAL TimeZone = 'UTC';"]
    assert statements[-1] == "COMMIT;" and sql.endswith("COMMIT;\n")
    assert sql.startswith("-- ")


def test_partitions_contiguous_over_ten_years():
    parts = monthly_partitions("audit.logs", "2024-02", 120)
    assert len(parts) == 120
    assert parts[0].name == "audit.logs_p2024_02"
    assert parts[-1].name == "audit.logs_p2034_01"
    assert all(a.upper == b.lower for a, b in zip(parts, parts[1:]))


@pytest.mark.parametrize("table, start, months, message", [
    ("system_metrics", "2026-01", 1, "invalid table"),
    ("Ops.Metrics", "2026-01", 1, "invalid table"),
    ('ops."x"', "2026-01", 1, "invalid table"),
    ("ops.m; DROP TABLE x", "2026-01", 1, "invalid table"),
    ("a.b.c", "2026-01", 1, "invalid table"),
    ("ops.m", "2026-13", 1, "invalid month"),
    ("ops.m", "2026-1", 1, "invalid month"),
    ("ops.m", "26-01", 1, "invalid month"),
    ("ops.m", "2026-01", 0, "invalid number of months"),
    ("ops.m", "2026-01", 121, "invalid number of months"),
    ("ops." + "x" * 60, "2026-01", 1, "too long"),
])
def test_partition_input_errors(table, start, months, message):
    with pytest.raises(RenderError, match=message) as err:
        render_partitions(table, start, months)
    assert isinstance(err.value, ChaindbError) and "\n" not in str(err.value)


def psql(db, sql: str) -> subprocess.CompletedProcess:
    """Run SQL text through the real psql, as a user would run a rendered file."""
    return subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--file", "-",
         f"host={db.host} port={db.port} user={db.user} dbname={db.dbname}"],
        input=sql, capture_output=True, text=True, timeout=60)


def test_rendered_partitions_run_in_psql(empty_db):
    with empty_db.connect() as conn:
        conn.execute("CREATE SCHEMA ops; CREATE TABLE ops.system_metrics "
                     "(at timestamptz NOT NULL, v int) PARTITION BY RANGE (at)")
    sql = render_partitions("ops.system_metrics", "2026-12", 2)
    first = psql(empty_db, sql)
    assert first.returncode == 0, first.stderr
    again = psql(empty_db, sql)                    # IF NOT EXISTS: a rerun is harmless
    assert again.returncode == 0, again.stderr
    with empty_db.connect() as conn:
        conn.execute("SET TimeZone = 'UTC'")
        rows = conn.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'ops.system_metrics'::regclass ORDER BY 1").fetchall()
        assert rows == [
            ("system_metrics_p2026_12", "FOR VALUES FROM ('2026-12-01 00:00:00+00') "
                                        "TO ('2027-01-01 00:00:00+00')"),
            ("system_metrics_p2027_01", "FOR VALUES FROM ('2027-01-01 00:00:00+00') "
                                        "TO ('2027-02-01 00:00:00+00')"),
        ]
        conn.execute("INSERT INTO ops.system_metrics VALUES ('2026-12-31 23:59:59+00', 1)")
        assert conn.execute("SELECT tableoid::regclass::text FROM ops.system_metrics"
                            ).fetchone() == ("ops.system_metrics_p2026_12",)


def test_rendered_partitions_belong_to_the_parents_owner(deployed_db):
    # run by the superuser, as a DBA would: owned by chain_owner like ensure_partitions' ones
    sql = render_partitions("ops.system_metrics", "2031-01", 1)
    proc = psql(deployed_db, sql)
    assert proc.returncode == 0, proc.stderr
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT pg_get_userbyid(relowner) FROM pg_class "
                            "WHERE oid = 'ops.system_metrics_p2031_01'::regclass").fetchone() == ("chain_owner",)


# ------------------------------------------------------------------ change skeletons

needs_sqitch = pytest.mark.skipif(shutil.which("sqitch") is None, reason="needs sqitch")


@needs_sqitch
@pytest.mark.parametrize("change, requires, conflicts", [
    ("plain", [], []),
    ("widgets/more", ["appschema", "base:base_schema", "base:@v1"], []),
    ("données", ["appschema"], ["legacy", "base:@v1"]),
])
def test_change_scripts_match_real_sqitch_add(tmp_path, change, requires, conflicts):
    env = dict(os.environ, SQITCH_USER_CONFIG=str(tmp_path / "none.conf"),
               SQITCH_SYSTEM_CONFIG=str(tmp_path / "none.conf"), SQITCH_FULLNAME="T",
               SQITCH_EMAIL="t@example.com")
    env.pop("SQITCH_CONFIG", None)
    project = tmp_path / "p"
    project.mkdir()

    def sqitch(*args: str) -> None:
        subprocess.run(["sqitch", *args], cwd=project, env=env, check=True,
                       capture_output=True, timeout=60)

    sqitch("init", "golden", "--engine", "pg")
    for name in {r.split("@")[0] for r in requires + conflicts if ":" not in r}:
        sqitch("add", name, "--note", "dep")
    args = ["add", change, "--note", "n"]
    for r in requires:
        args += ["--requires", r]
    for c in conflicts:
        args += ["--conflicts", c]
    sqitch(*args)
    ours = render_change_scripts("golden", change, requires, conflicts)
    assert set(ours) == {"deploy", "revert", "verify"}
    for kind, text in ours.items():
        theirs = (project / kind / f"{change}.sql").read_bytes()
        assert text.encode("utf-8") == theirs, kind


def test_change_script_headers():
    scripts = render_change_scripts("proj", "x", ["a", "other:b"], ["c"])
    assert scripts["deploy"].splitlines()[:4] == [
        "-- Deploy proj:x to pg", "-- requires: a", "-- requires: other:b", "-- conflicts: c"]
    assert scripts["revert"].startswith("-- Revert proj:x from pg\n\nBEGIN;\n")
    assert scripts["verify"].startswith("-- Verify proj:x on pg\n\nBEGIN;\n")
    assert scripts["verify"].endswith("\nROLLBACK;\n")
