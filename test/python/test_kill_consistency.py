"""SIGKILL at any moment of a deploy leaves script effects and registry rows consistent.

The engine's promise (engine.py): when a deploy script is one transaction
(``BEGIN; ... COMMIT;``), the change's registry rows are written inside that transaction,
before its COMMIT.  So after a kill -9 of ``chaindb deploy`` at any moment, a change is
either applied *and* recorded (changes row, dependencies, deploy event) or neither.  Sqitch
commits the script (in psql) and the rows (in its own session) separately, so a kill
between the two leaves a change applied but unrecorded.

A generated project of 15 single-transaction changes (table + rows + short sleeps) is
deployed by ``python -m chaindb deploy`` and killed 16 times, each in a fresh database: 8
times deterministically inside a change's transaction (held at an advisory-lock barrier),
8 times at moments spread over the deploy.  Then the database is checked (after the killed
sessions are gone) and a normal deploy and verify finish it.
One more case documents the fallback for a script that is not one transaction.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from pytest_postgresql import factories

from chaindb.cli import main as chaindb_main
from conftest import pg_ctl_shim

# A plain server: these tests need empty databases only, not the project's template.
pg_server = factories.postgresql_proc(executable=pg_ctl_shim(),
                                      dbname="chaindb_kill_tests")

ADVISORY_LOCK_KEY = 75474063
PROJECT = "killtest"
CHANGES = [f"c{i:02d}" for i in range(1, 16)]
ROWS = 300                       # rows each change inserts
TIMED_KILLS = 8                  # at moments spread over the deploy
# (change, barrier) kills: while that change's transaction waits at a barrier -- an
# advisory lock the test holds -- after its first rows ("middle") or just before the
# registry rows and the COMMIT ("end").  Free barriers cost nothing.
IN_TRANSACTION_KILLS = [(CHANGES[i], "middle" if i % 2 == 0 else "end")
                        for i in range(0, len(CHANGES), 2)]


def barrier_key(change: str, barrier: str) -> int:
    return 4_200_000 + 2 * CHANGES.index(change) + (barrier == "end")
IDENTITY = {"SQITCH_FULLNAME": "Kill Tester", "SQITCH_EMAIL": "kill@example.com",
            "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf"}

TRANSACTIONAL_DEPLOY = """\
-- Deploy {project}:{name} to pg
-- One transaction: chaindb records the change just before this COMMIT.

BEGIN;

CREATE TABLE public.{table} (id integer PRIMARY KEY, payload text NOT NULL);
INSERT INTO public.{table} SELECT g, md5(g::text) FROM generate_series(1, {half}) AS g;
SELECT pg_sleep(0.02), pg_advisory_xact_lock_shared({barrier_middle});
INSERT INTO public.{table} SELECT g, md5(g::text) FROM generate_series({half} + 1, {rows}) AS g;
SELECT pg_sleep(0.02), pg_advisory_xact_lock_shared({barrier_end});

COMMIT;
"""
REVERT = "BEGIN;\nDROP TABLE public.{table};\nCOMMIT;\n"
VERIFY = ("BEGIN;\nSELECT 1 / (count(*) = {rows})::integer FROM public.{table};\n"
          "ROLLBACK;\n")
# Not one transaction (CREATE INDEX CONCURRENTLY cannot run in one): each statement
# autocommits; written to be re-runnable, as such scripts must be.
NON_TRANSACTIONAL_DEPLOY = """\
-- Deploy {project}:{name} to pg
CREATE TABLE IF NOT EXISTS public.{table} (id integer PRIMARY KEY, payload text NOT NULL);
INSERT INTO public.{table} SELECT g, md5(g::text) FROM generate_series(1, {rows}) AS g
    ON CONFLICT DO NOTHING;
SELECT pg_sleep(1.5);
CREATE INDEX CONCURRENTLY IF NOT EXISTS {table}_payload ON public.{table} (payload);
"""
NON_TRANSACTIONAL_VERIFY = ("SELECT 1 / (count(*) = {rows})::integer FROM public.{table};\n"
                            "SELECT 1 / indisvalid::integer FROM pg_index"
                            " WHERE indexrelid = 'public.{table}_payload'::regclass;\n")


def table_of(change: str) -> str:
    return f"kill_{change}"


def write_project(root: Path, changes: list[str], deploy_template: str = TRANSACTIONAL_DEPLOY,
                  verify_template: str = VERIFY) -> Path:
    """A Sqitch project: sqitch.conf, a plan of ``changes`` (no dependencies), scripts."""
    root.mkdir()
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    lines = ["%syntax-version=1.0.0", f"%project={PROJECT}", ""]
    for i, name in enumerate(changes):
        lines.append(f"{name} 2026-01-01T00:{i // 60:02d}:{i % 60:02d}Z Kill Tester "
                     f"<kill@example.com> # Table {table_of(name)}.")
    (root / "sqitch.plan").write_text("\n".join(lines) + "\n")
    for kind, template in (("deploy", deploy_template), ("revert", REVERT),
                           ("verify", verify_template)):
        (root / kind).mkdir()
        for name in changes:
            (root / kind / f"{name}.sql").write_text(template.format(
                project=PROJECT, name=name, table=table_of(name), rows=ROWS, half=ROWS // 2,
                barrier_middle=barrier_key(name, "middle") if name in CHANGES else 0,
                barrier_end=barrier_key(name, "end") if name in CHANGES else 0))
    return root


def wait_until_gone(admin: psycopg.Connection, dbname: str, timeout: float = 15) -> None:
    """The server may still be rolling back the killed client's sessions: wait until no
    backend is connected to ``dbname`` and nobody holds the deploy lock there."""
    deadline = time.monotonic() + timeout
    while True:
        busy = admin.execute(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = %s),"
            "       (SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
            "         WHERE l.locktype = 'advisory' AND l.objid = %s AND d.datname = %s)",
            (dbname, ADVISORY_LOCK_KEY, dbname)).fetchone()
        if busy == (0, 0):
            return
        assert time.monotonic() < deadline, f"killed deploy still active in {dbname}: {busy}"
        time.sleep(0.02)


def registry_state(conn: psycopg.Connection) -> dict[str, set[str]]:
    """Recorded changes, deploy/fail events and dependencies rows (empty without a registry)."""
    exists = conn.execute("SELECT to_regclass('sqitch.changes') IS NOT NULL").fetchone()[0]
    if not exists:
        return {"changes": set(), "deploy": set(), "fail": set(), "revert": set()}
    state = {"changes": {r[0] for r in conn.execute(
        "SELECT change FROM sqitch.changes WHERE project = %s", (PROJECT,))}}
    for event in ("deploy", "fail", "revert"):
        state[event] = {r[0] for r in conn.execute(
            "SELECT change FROM sqitch.events WHERE project = %s AND event = %s",
            (PROJECT, event))}
    return state


def applied_tables(conn: psycopg.Connection) -> dict[str, int]:
    """Every kill_* table with its row count."""
    names = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        " AND tablename LIKE 'kill\\_%' ORDER BY 1")]
    return {name: conn.execute(f'SELECT count(*) FROM public."{name}"').fetchone()[0]
            for name in names}


def assert_consistent(conn: psycopg.Connection, changes: list[str]) -> int:
    """Recorded == applied (each with all its rows), one deploy event per recorded change,
    recorded changes a prefix of the plan.  Returns how many changes were recorded."""
    state = registry_state(conn)
    tables = applied_tables(conn)
    recorded = state["changes"]
    assert {table_of(c) for c in recorded} == set(tables), (recorded, tables)
    assert all(count == ROWS for count in tables.values()), tables
    assert state["deploy"] == recorded, state
    assert not state["fail"] and not state["revert"], state
    assert recorded == set(changes[:len(recorded)]), f"not a plan prefix: {sorted(recorded)}"
    return len(recorded)


def finish_and_verify(project: Path, uri: str, capsys) -> None:
    """A normal deploy completes the rest, then verify and status pass (in-process)."""
    capsys.readouterr()
    assert chaindb_main(["-C", str(project), "deploy", uri]) == 0, capsys.readouterr()
    assert chaindb_main(["-C", str(project), "verify", uri]) == 0, capsys.readouterr()
    assert chaindb_main(["-C", str(project), "status", uri]) == 0
    out = capsys.readouterr().out
    assert "Nothing to deploy (up-to-date)" in out, out


@pytest.fixture
def identity(monkeypatch):
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)


class Deploy:
    """``python -m chaindb deploy`` in a subprocess; ``started`` is set when it prints
    'Deploying changes' (after its start-up, registry creation and checks)."""

    def __init__(self, project: Path, uri: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "chaindb", "deploy", uri],
                                     cwd=project, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env={**os.environ, **IDENTITY})
        self.started = threading.Event()
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := os.read(self.proc.stdout.fileno(), 4096):
            self.output += chunk
            if b"Deploying changes" in self.output:
                self.started.set()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)

    def wait(self) -> int:
        code = self.proc.wait(timeout=60)
        self._reader.join(timeout=10)
        self.proc.stdout.close()
        return code


def wait_for_query(admin: psycopg.Connection, dbname: str, marker: str,
                   deploy: Deploy) -> None:
    """Until a backend of ``dbname`` runs a statement containing ``marker``."""
    deadline = time.monotonic() + 30
    while not admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                            " AND state = 'active' AND strpos(query, %s) > 0",
                            (dbname, marker)).fetchone()[0]:
        assert deploy.proc.poll() is None, f"deploy ended before {marker}: {deploy.output!r}"
        assert time.monotonic() < deadline, f"deploy never reached {marker}"
        time.sleep(0.005)


def wait_at_barrier(holder: psycopg.Connection, key: int, deploy: Deploy) -> None:
    """Until the deploy's script waits for the advisory lock ``key`` that holder holds."""
    deadline = time.monotonic() + 30
    while not holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                             " AND NOT granted AND objid = %s AND database ="
                             " (SELECT oid FROM pg_database WHERE datname = current_database())",
                             (key,)).fetchone()[0]:
        assert deploy.proc.poll() is None, f"deploy ended before barrier {key}: {deploy.output!r}"
        assert time.monotonic() < deadline, f"deploy never reached barrier {key}"
        time.sleep(0.005)


def wait_until_nobody_waits(holder: psycopg.Connection, key: int, timeout: float = 10) -> None:
    """Until no session waits for barrier ``key`` any more (the killed deploy's session
    ended: its server process noticed the client was gone)."""
    deadline = time.monotonic() + timeout
    while holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                         " AND NOT granted AND objid = %s", (key,)).fetchone()[0]:
        assert time.monotonic() < deadline, f"the server kept waiting at barrier {key}"
        time.sleep(0.01)


def calibrate(project: Path, db) -> float:
    """Deploy once without a kill; seconds from 'Deploying changes' to the exit."""
    deploy = Deploy(project, db.uri)
    assert deploy.started.wait(60), deploy.output
    started = time.monotonic()
    assert deploy.wait() == 0, deploy.output
    with db.connect() as conn:
        assert assert_consistent(conn, CHANGES) == len(CHANGES)
    return time.monotonic() - started


def check_after_kill(admin, db, project: Path, capsys) -> int:
    """Consistency right after the kill, then a normal deploy finishes; returns how many
    changes the killed deploy had recorded."""
    wait_until_gone(admin, db.dbname)
    with db.connect() as conn:
        recorded = assert_consistent(conn, CHANGES)
    finish_and_verify(project, db.uri, capsys)
    with db.connect() as conn:
        assert assert_consistent(conn, CHANGES) == len(CHANGES)
    return recorded


def test_sigkill_anywhere_leaves_registry_and_schema_consistent(tmp_path, make_db, pg_server,
                                                              identity, capsys):
    project = write_project(tmp_path / "kill", CHANGES)
    span = calibrate(project, make_db())
    with psycopg.connect(host=pg_server.host, port=pg_server.port, user=pg_server.user,
                         dbname="postgres", autocommit=True) as admin:
        # Inside a change's transaction: exactly the changes before it are recorded.
        for change, barrier in IN_TRANSACTION_KILLS:
            db = make_db()
            key = barrier_key(change, barrier)
            with db.connect() as holder:
                holder.execute("SELECT pg_advisory_lock(%s)", (key,))
                deploy = Deploy(project, db.uri)
                wait_at_barrier(holder, key, deploy)
                deploy.kill()
                deploy.wait()
                # The change's COMMIT is already at the server (same message as the
                # script): the server itself must notice the dead client and give up
                # while still held at the barrier.
                wait_until_nobody_waits(holder, key)
            recorded = check_after_kill(admin, db, project, capsys)
            assert recorded == CHANGES.index(change), (change, barrier, recorded)

        # At moments spread over the deploy (registry writes, COMMITs, between changes, a
        # few before the first change or after the last): whatever is recorded is applied.
        recorded_counts = []
        for i in range(TIMED_KILLS):
            db = make_db()
            deploy = Deploy(project, db.uri)
            assert deploy.started.wait(60), deploy.output
            time.sleep(span * 1.1 * i / (TIMED_KILLS - 1))
            deploy.kill()
            deploy.wait()
            recorded_counts.append(check_after_kill(admin, db, project, capsys))
    assert len({n for n in recorded_counts if 0 < n < len(CHANGES)}) >= 3, recorded_counts


def test_sigkill_inside_a_non_transactional_script_documents_the_fallback(
        tmp_path, empty_db, pg_server, identity, capsys):
    """Fallback (Sqitch's protocol): rows are written after the script, so a kill can leave
    a change applied in part but unrecorded -- never recorded but not applied.  A
    re-runnable script then completes on the next deploy."""
    changes = ["c01", "c02"]
    project = write_project(tmp_path / "nontx", changes)
    (project / "deploy" / "c02.sql").write_text(NON_TRANSACTIONAL_DEPLOY.format(
        project=PROJECT, name="c02", table=table_of("c02"), rows=ROWS))
    (project / "verify" / "c02.sql").write_text(NON_TRANSACTIONAL_VERIFY.format(
        table=table_of("c02"), rows=ROWS))

    with psycopg.connect(host=pg_server.host, port=pg_server.port, user=pg_server.user,
                         dbname="postgres", autocommit=True) as admin:
        deploy = Deploy(project, empty_db.uri)
        # Kill while c02 sleeps between its autocommitted statements.
        wait_for_query(admin, empty_db.dbname, "pg_sleep(1.5)", deploy)
        deploy.kill()
        deploy.wait()
        wait_until_gone(admin, empty_db.dbname)

    with empty_db.connect() as conn:
        state = registry_state(conn)
        assert state["changes"] == {"c01"} and state["deploy"] == {"c01"}, state
        # Applied in part, not recorded: the statements before the sleep committed.
        assert applied_tables(conn) == {table_of("c01"): ROWS, table_of("c02"): ROWS}
        assert conn.execute("SELECT to_regclass('public.kill_c02_payload')").fetchone()[0] is None
    finish_and_verify(project, empty_db.uri, capsys)
    with empty_db.connect() as conn:
        assert registry_state(conn)["changes"] == {"c01", "c02"}
