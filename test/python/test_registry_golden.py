"""chaindb writes the registry exactly as Sqitch 1.3.1 does.

Each test replays, with chaindb, the command sequence that produced one
compat/sqitch-golden/registry/<state>/ directory (see its README) into a fresh database,
dumps every sqitch.* table like tools/dump-registry.sh, and compares every column except
the wall-clock and identity ones.  The schema itself is compared with pg_dump.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_postgresql import factories

from conftest import GOLDEN, chaindb_cli, pg_ctl_shim

# The engine's own tests need empty databases only, not the project's deployed template:
# this plain server replaces conftest's pg_server for these modules (empty_db and make_db
# then create their databases here), so a change in progress in the project's plan
# cannot break the tool's tests.
pg_server = factories.postgresql_proc(executable=pg_ctl_shim(),
                                      dbname="chaindb_tool_tests")

ORDER = {
    "releases": "version",
    "projects": "project",
    "changes": "committed_at, change_id",
    "tags": "committed_at, tag_id",
    "dependencies": "change_id, dependency",
    "events": "committed_at, change_id, event",
}
IGNORED = re.compile(r"^(committed_at|created_at|installed_at|committer_.*|installer_.*|creator_.*)$")
PROJECTS = GOLDEN / "projects"


def dump_registry(db) -> dict[str, list[dict]]:
    """COPY every sqitch.* table as CSV (UTC timestamps), parsed back into dicts."""
    tables = {}
    with db.connect() as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        for table, order in ORDER.items():
            buf = io.BytesIO()
            with conn.cursor().copy(f"COPY (SELECT * FROM sqitch.{table} ORDER BY {order}) "
                                    "TO STDOUT WITH (FORMAT csv, HEADER true)") as copy:
                for chunk in copy:
                    buf.write(chunk)
            tables[table] = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"),
                                                            newline="")))
    return tables


def golden_registry(state: str) -> dict[str, list[dict]]:
    tables = {}
    for table in ORDER:
        with open(GOLDEN / "registry" / state / f"{table}.csv", newline="", encoding="utf-8") as f:
            tables[table] = list(csv.DictReader(f))
    return tables


def comparable(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {table: [{k: v for k, v in row.items() if not IGNORED.match(k)} for row in rows]
            for table, rows in tables.items()}


def revert_arrays_unordered(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The requires/conflicts arrays of `revert` events sorted: Sqitch (and chaindb, with
    the same SQL) reads them with an unordered ARRAY(SELECT ...), whose order is the
    planner's -- plan order from a heap scan, alphabetical once autovacuum has analysed
    sqitch.dependencies (docs/sqitch-compat.md §8 28).  Two databases need not agree."""
    def sort_array(text: str) -> str:
        inner = text[1:-1]
        return "{" + ",".join(sorted(inner.split(","))) + "}" if inner else text
    events = [{**row, **{k: sort_array(row[k]) for k in ("requires", "conflicts")}}
              if row.get("event") == "revert" else row for row in tables.get("events", [])]
    return {**tables, "events": events} if "events" in tables else tables


def assert_registry_matches(db, state: str) -> None:
    ours, golden = comparable(dump_registry(db)), comparable(golden_registry(state))
    for table in ORDER:
        assert ours[table] == golden[table], f"sqitch.{table} differs from registry/{state}"


@pytest.fixture
def projects(tmp_path):
    """Copies of projects base and golden; ``overlay(name)`` applies a *-overrides dir."""
    base, golden = tmp_path / "base", tmp_path / "golden"
    shutil.copytree(PROJECTS / "base", base)
    shutil.copytree(PROJECTS / "golden", golden)

    def overlay(name: str) -> None:
        shutil.copytree(PROJECTS / f"golden-{name}-overrides", golden, dirs_exist_ok=True)

    return base, golden, overlay


def run(cwd: Path, *args: str, rc: int = 0):
    proc = chaindb_cli(*args, cwd=cwd)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def test_deploy_revert_redeploy_matches_golden(projects, empty_db):
    base, golden, _ = projects
    run(base, "deploy", "--verify", empty_db.uri)
    run(golden, "deploy", "--verify", empty_db.uri)
    assert_registry_matches(empty_db, "after-deploy1")
    run(golden, "revert", "-y", "--to", "@v1.0", empty_db.uri)
    assert_registry_matches(empty_db, "after-revert")
    run(golden, "deploy", empty_db.uri)
    assert_registry_matches(empty_db, "final")


@pytest.mark.parametrize("state, mode", [("golden_fail", "all"), ("golden_failtag", "tag")])
def test_failing_deploy_matches_golden(projects, empty_db, state, mode):
    base, golden, overlay = projects
    overlay("broken")
    run(base, "deploy", empty_db.uri)
    proc = run(golden, "deploy", "--mode", mode, empty_db.uri, rc=2)
    # stderr as in test/golden/outputs/deploy-fail-mode-*.txt: psql's own line, Sqitch's
    # line on psql's exit status and a blank, where it reverts to, then the verdict
    reverting = "Reverting all changes" if mode == "all" else "Reverting to userfuncs @v1.0"
    assert proc.stderr == ("psql:deploy/widgets/more.sql:6: ERROR:  division by zero\n"
                           '"psql" unexpectedly returned exit value 3\n\n'
                           f"{reverting}\nchaindb: Deploy failed\n")
    assert_registry_matches(empty_db, state)


def test_failing_verify_matches_golden(projects, empty_db):
    base, golden, overlay = projects
    overlay("verifybroken")
    run(base, "deploy", empty_db.uri)
    run(golden, "deploy", "--verify", "--mode", "change", empty_db.uri, rc=2)
    assert_registry_matches(empty_db, "golden_verifyfail")
    with empty_db.connect() as conn:        # the revert script of données did run
        assert conn.execute("SELECT to_regclass('app.données')").fetchone()[0] is None
        assert conn.execute("SELECT to_regclass('app.widgets')").fetchone()[0] is not None


def test_log_only_and_tag_added_after_deploy_match_golden(projects, empty_db):
    base, golden, overlay = projects
    run(base, "deploy", empty_db.uri)
    run(golden, "deploy", "--log-only", empty_db.uri)
    assert_registry_matches(empty_db, "golden_logonly")
    with empty_db.connect() as conn:        # no script ran
        assert conn.execute("SELECT to_regnamespace('app')").fetchone()[0] is None
    overlay("newtag")
    proc = run(golden, "deploy", empty_db.uri)
    assert "Nothing to deploy (up-to-date)" in proc.stdout
    assert_registry_matches(empty_db, "golden_logonly-after-new-tag")


def _schema_body(dump: str) -> str:
    """pg_dump output without its header lines (version banner, \\restrict keys)."""
    lines = [line for line in dump.splitlines()
             if not line.startswith(("-- Dumped ", "\\restrict", "\\unrestrict"))]
    return "\n".join(lines).strip()


def test_registry_schema_is_byte_identical_to_sqitch(projects, empty_db):
    base, _, _ = projects
    run(base, "deploy", empty_db.uri)
    pg_dump = Path("/usr/lib/postgresql/15/bin/pg_dump")
    proc = subprocess.run([str(pg_dump) if pg_dump.exists() else "pg_dump",
                           "--schema-only", "--schema=sqitch", "--no-owner", "--no-privileges",
                           "-h", empty_db.host, "-p", str(empty_db.port), "-U", empty_db.user,
                           empty_db.dbname], capture_output=True, text=True, check=True)
    golden = (GOLDEN / "registry" / "final" / "registry-schema.sql").read_text(encoding="utf-8")
    assert _schema_body(proc.stdout) == _schema_body(golden)
    with empty_db.connect() as conn:
        assert conn.execute("SELECT obj_description('sqitch'::regnamespace, 'pg_namespace')"
                            ).fetchone()[0] == "Sqitch database deployment metadata v1.1."
        assert conn.execute("SELECT version FROM sqitch.releases").fetchone()[0] == 1.1
