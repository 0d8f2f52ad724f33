"""chaindb and the real Sqitch 1.3.1 work on the same databases, both ways.

On the golden projects (``base`` then ``golden``, copies) and on this project's own plan:
what one tool deploys the other sees as up to date and verifies, reverts and redeploys;
partial deploys and reverts can be mixed freely; both take the same advisory lock; and
the registry rows both write for the same history are identical (every column except the
wall-clock and identity ones, compared with test_registry_golden's dump).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_postgresql import factories

from conftest import GOLDEN, REPO, chaindb_cli, pg_ctl_shim
from test_registry_golden import comparable, dump_registry, revert_arrays_unordered

# A plain server (no deployed template): every test deploys into fresh empty databases,
# and the project's plan creates its cluster roles itself (its revert keeps roles another
# database still uses).
pg_server = factories.postgresql_proc(executable=pg_ctl_shim(),
                                      dbname="chaindb_interop_tests")

ADVISORY_LOCK_KEY = 75474063          # Sqitch's destination lock (Engine/pg.pm)
UP_TO_DATE = "Nothing to deploy (up-to-date)"
# Same identity for both tools; no user-level sqitch.conf from the machine.
IDENTITY = {"SQITCH_FULLNAME": "Interop Tester", "SQITCH_EMAIL": "interop@example.com",
            "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf", "TZ": "UTC"}
# Top-level entries of the repository that are not part of the Sqitch project.
NOT_PROJECT = {".git", ".chaindb", "test", "tools", "bench", "__pycache__", ".pytest_cache"}


@dataclass
class Project:
    """A Sqitch project in a temp dir, the projects to deploy before it, and the changes
    the partial-mix test deploys to (``--to``) and reverts to."""

    name: str
    path: Path
    deploy_to: str
    revert_to: str
    prerequisites: list[Path] = field(default_factory=list)


def run(cmd: list[str], cwd: Path, rc: int | None = 0,
        timeout: int = 300) -> subprocess.CompletedProcess:
    """Run one command, asserting its exit code (rc=None: any)."""
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **IDENTITY})
    if rc is not None:
        assert proc.returncode == rc, (f"{' '.join(cmd)} in {cwd} exited {proc.returncode}, "
                                       f"expected {rc}\n{proc.stdout}\n{proc.stderr}")
    return proc


def sqitch(cwd: Path, *args: str, rc: int | None = 0) -> subprocess.CompletedProcess:
    return run(["sqitch", *args], cwd, rc)


def chaindb(cwd: Path, *args: str, rc: int | None = 0) -> subprocess.CompletedProcess:
    proc = chaindb_cli(*args, cwd=cwd, env=IDENTITY)
    if rc is not None:
        assert proc.returncode == rc, (f"chaindb {' '.join(args)} in {cwd} exited "
                                       f"{proc.returncode}, expected {rc}\n{proc.stdout}\n"
                                       f"{proc.stderr}")
    return proc


TOOLS = {"sqitch": sqitch, "chaindb": chaindb}


def copy_own_project(dest: Path) -> Path:
    """This project's plan, config and scripts as last committed (``git archive HEAD``):
    other engineers' uncommitted, half-written changes in the shared tree must not break
    an interop test.  Outside a git checkout, the working tree is copied."""
    dest.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True)
    if archive.returncode == 0:
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        return dest
    for entry in REPO.iterdir():
        if entry.is_dir() and entry.name not in NOT_PROJECT:
            shutil.copytree(entry, dest / entry.name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif entry.name in ("sqitch.conf", "sqitch.plan"):
            shutil.copy2(entry, dest / entry.name)
    return dest


@pytest.fixture(params=["golden", "chaindb"])
def project(request, tmp_path) -> Project:
    if request.param == "golden":
        base = shutil.copytree(GOLDEN / "projects" / "base", tmp_path / "base")
        golden = shutil.copytree(GOLDEN / "projects" / "golden", tmp_path / "golden")
        # golden's sqitch.conf names a target on 127.0.0.1:55432: every command below
        # passes the test database's URI instead.
        return Project("golden", golden, deploy_to="@v1.0", revert_to="flips",
                       prerequisites=[base])
    return Project("chaindb", copy_own_project(tmp_path / "chaindb"),
                   deploy_to="core/users", revert_to="core/schema")


def deploy_all(tool: str, project: Project, uri: str, *extra: str) -> None:
    """Deploy the prerequisite projects and then the project itself with one tool."""
    for path in project.prerequisites:
        TOOLS[tool](path, "deploy", uri)
    TOOLS[tool](project.path, "deploy", uri, *extra)


def assert_up_to_date(tool: str, project: Project, uri: str) -> None:
    proc = TOOLS[tool](project.path, "status", uri)
    assert proc.stdout.rstrip().endswith(UP_TO_DATE), proc.stdout


def assert_verifies(tool: str, project: Project, uri: str) -> None:
    proc = TOOLS[tool](project.path, "verify", uri)
    assert "Verify successful" in proc.stdout, proc.stdout
    assert " not ok" not in proc.stdout, proc.stdout


def assert_nothing_deployed(tool: str, project: Project, uri: str) -> None:
    proc = TOOLS[tool](project.path, "status", uri, rc=1)
    assert "No changes deployed" in proc.stdout + proc.stderr


def current_change(tool: str, project: Project, uri: str) -> str:
    """The '# Name:' line of status (either tool prints Sqitch's header)."""
    proc = TOOLS[tool](project.path, "status", uri, rc=None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = [line.split(":", 1)[1].strip() for line in proc.stdout.splitlines()
             if line.startswith("# Name:")]
    assert len(names) == 1, proc.stdout
    return names[0]


def assert_same_registry(a, b, context: str) -> None:
    # the order inside a revert event's requires is the planner's in both tools
    ours = revert_arrays_unordered(comparable(dump_registry(a)))
    theirs = revert_arrays_unordered(comparable(dump_registry(b)))
    for table in ours:
        assert ours[table] == theirs[table], f"sqitch.{table} differs ({context})"


def test_round_trip_both_ways_with_identical_registries(project, make_db):
    """A: chaindb deploys, sqitch checks/reverts/redeploys, chaindb checks.
    B: the mirror image.  The registries of A and B agree after each step."""
    a, b = make_db(), make_db()

    deploy_all("chaindb", project, a.uri)
    deploy_all("sqitch", project, b.uri)
    assert_same_registry(a, b, "after the same deploy by chaindb and by sqitch")

    assert_up_to_date("sqitch", project, a.uri)
    assert_verifies("sqitch", project, a.uri)
    assert_up_to_date("chaindb", project, b.uri)
    assert_verifies("chaindb", project, b.uri)

    sqitch(project.path, "revert", "-y", a.uri)
    chaindb(project.path, "revert", "-y", b.uri)
    for tool in TOOLS:
        assert_nothing_deployed(tool, project, a.uri)
        assert_nothing_deployed(tool, project, b.uri)
    assert_same_registry(a, b, "after revert of everything")

    sqitch(project.path, "deploy", a.uri)
    chaindb(project.path, "deploy", b.uri)
    assert_verifies("chaindb", project, a.uri)
    assert_up_to_date("chaindb", project, a.uri)
    assert_verifies("sqitch", project, b.uri)
    assert_up_to_date("sqitch", project, b.uri)
    assert_same_registry(a, b, "after deploy, revert, redeploy")


def test_partial_deploys_and_reverts_mix(project, make_db):
    """chaindb deploy --to X, sqitch deploys the rest; sqitch revert --to Y, chaindb
    deploys again.  The registry equals the same history done by chaindb alone."""
    mixed, alone = make_db(), make_db()
    for path in project.prerequisites:
        sqitch(path, "deploy", mixed.uri)
        chaindb(path, "deploy", alone.uri)

    chaindb(project.path, "deploy", "--to", project.deploy_to, mixed.uri)
    status = sqitch(project.path, "status", mixed.uri)
    assert "Undeployed change" in status.stdout and UP_TO_DATE not in status.stdout
    sqitch(project.path, "deploy", mixed.uri)
    assert_up_to_date("chaindb", project, mixed.uri)

    sqitch(project.path, "revert", "-y", "--to", project.revert_to, mixed.uri)
    assert current_change("chaindb", project, mixed.uri) == project.revert_to
    chaindb(project.path, "deploy", mixed.uri)
    assert_verifies("sqitch", project, mixed.uri)
    assert_verifies("chaindb", project, mixed.uri)
    assert_up_to_date("sqitch", project, mixed.uri)

    chaindb(project.path, "deploy", "--to", project.deploy_to, alone.uri)
    chaindb(project.path, "deploy", alone.uri)
    chaindb(project.path, "revert", "-y", "--to", project.revert_to, alone.uri)
    chaindb(project.path, "deploy", alone.uri)
    assert_same_registry(mixed, alone, "mixed history vs the same history by chaindb")


@pytest.fixture
def golden_project(tmp_path) -> Project:
    base = shutil.copytree(GOLDEN / "projects" / "base", tmp_path / "base")
    golden = shutil.copytree(GOLDEN / "projects" / "golden", tmp_path / "golden")
    return Project("golden", golden, "@v1.0", "flips", [base])


def test_redeploy_after_reverting_past_a_tag(golden_project, make_db):
    """Regression: `widgets/more` requires `flips@v1.0`.  After `revert --to flips` took tag
    @v1.0 out of the registry, Sqitch still resolves that require (own-project deps are
    looked up by the ID of the plan change they name) and redeploys; chaindb refused with
    'Missing required change: flips@v1.0' until engine._registry_id_for did the same."""
    ours, theirs = make_db(), make_db()
    for tool, db in (("chaindb", ours), ("sqitch", theirs)):
        deploy_all(tool, golden_project, db.uri)
        TOOLS[tool](golden_project.path, "revert", "-y", "--to", "flips", db.uri)
        TOOLS[tool](golden_project.path, "deploy", db.uri)
    assert_same_registry(ours, theirs, "deploy, revert --to flips, deploy")


def test_both_tools_wait_for_the_same_advisory_lock(golden_project, empty_db):
    """While another session holds lock 75474063, chaindb (and sqitch) give up after
    --lock-timeout with one line and exit 2, changing nothing; once it is released the
    deploy goes through."""
    uri, project = empty_db.uri, golden_project
    chaindb(project.prerequisites[0], "deploy", uri)
    chaindb(project.path, "deploy", "--to", "appschema", uri)
    before = dump_registry(empty_db)

    with empty_db.connect() as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))
        started = time.monotonic()
        proc = chaindb(project.path, "deploy", "--lock-timeout", "2", uri, rc=2)
        waited = time.monotonic() - started
        errors = proc.stderr.strip().splitlines()
        assert len(errors) == 1 and errors[0].startswith("chaindb: "), proc.stderr
        assert "Timed out" in errors[0] and "2 seconds" in errors[0], errors[0]
        assert "Traceback" not in proc.stderr
        assert "+ users" not in proc.stdout
        assert 2 <= waited < 15, waited
        assert dump_registry(empty_db) == before
        with empty_db.connect() as probe:
            assert probe.execute("SELECT to_regclass('app.users')").fetchone()[0] is None

        # Sqitch waits for the very same key.
        proc = sqitch(project.path, "deploy", "--lock-timeout", "1", uri, rc=2)
        assert "another instance of Sqitch" in proc.stdout + proc.stderr
        assert dump_registry(empty_db) == before

    chaindb(project.path, "deploy", "--lock-timeout", "2", uri)
    assert_up_to_date("sqitch", project, uri)


def test_chaindb_holds_the_lock_while_it_deploys(golden_project, empty_db):
    """During a chaindb deploy the session lock is held by chaindb's registry session, so
    a concurrent sqitch run waits (and times out) instead of interleaving."""
    uri, project = empty_db.uri, golden_project
    chaindb(project.prerequisites[0], "deploy", uri)
    slow = project.path / "deploy" / "appschema.sql"
    slow.write_text(slow.read_text().replace("BEGIN;", "BEGIN;\nSELECT pg_sleep(4);", 1))
    deploying = subprocess.Popen([sys.executable, "-m", "chaindb",
                                  "deploy", uri], cwd=project.path, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 env={**os.environ, **IDENTITY})
    try:
        with empty_db.connect() as probe:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                held = probe.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND objid = %s AND granted", (ADVISORY_LOCK_KEY,)).fetchone()[0]
                if held:
                    break
                time.sleep(0.05)
            assert held == 1, "chaindb never took advisory lock 75474063"
        proc = sqitch(project.path, "deploy", "--lock-timeout", "1", uri, rc=2)
        assert "another instance of Sqitch" in proc.stdout + proc.stderr
    finally:
        out, _ = deploying.communicate(timeout=60)
    assert deploying.returncode == 0, out
    assert_verifies("sqitch", project, uri)
