"""`chaindb up`, `seed`, `test` and `cluster` end to end, on a small project of their own.

The embedded cluster is exercised for real: `up` with no target creates and starts a
cluster under the project's `.chaindb/`, as `make up` does on a fresh machine.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import psycopg

from conftest import chaindb_cli

PLAN = """%syntax-version=1.0.0
%project=mini

widgets 2026-11-22T10:00:00Z Ann Planner <ann@example.com> # Widgets.
"""

SCRIPTS = {
    "deploy/widgets.sql": "BEGIN;\nCREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL);\nCOMMIT;\n",
    "revert/widgets.sql": "BEGIN;\nDROP TABLE widgets;\nCOMMIT;\n",
    "verify/widgets.sql": "SELECT id, name FROM widgets WHERE FALSE;\n",
    "test/fixtures/10_widgets.sql": "INSERT INTO widgets VALUES (1, 'sprocket'), (2, 'gear');\n",
    "test/pgtap/widgets.sql": textwrap.dedent("""\
        BEGIN;
        SELECT plan(2);
        SELECT has_table('widgets', 'widgets: exists');
        SELECT is((SELECT count(*)::int FROM widgets), 2, 'widgets: seeded');
        SELECT * FROM finish();
        ROLLBACK;
        """),
}


def make_project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sqitch.plan").write_text(PLAN)
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    for rel, text in SCRIPTS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_up_seeds_once_verifies_and_reports_health(tmp_path, empty_db):
    project = make_project(tmp_path)
    first = chaindb_cli("up", "--db", empty_db.uri, cwd=project)
    assert first.returncode == 0, first.stderr
    assert "+ widgets" in first.stdout
    assert "10_widgets.sql .. ok" in first.stdout
    assert "Verify successful" in first.stdout
    assert "Health" in first.stdout
    with empty_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM widgets").fetchone()[0] == 2

    again = chaindb_cli("up", "--db", empty_db.uri, cwd=project)
    assert again.returncode == 0, again.stderr
    assert "Seeding skipped" in again.stdout
    with empty_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM widgets").fetchone()[0] == 2


def scratch_databases(db) -> list[str]:
    with db.connect() as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, 'chaindb_test_')")]


def test_pgtap_command_on_a_seeded_database_leaves_nothing_behind(tmp_path, empty_db):
    """What `make up` builds (deployed, seeded, no pgTAP): `chaindb test` runs the files in
    a scratch deploy of the same changes -- no clash with the seeded rows -- and the target
    is left as it was: no pgTAP, no test helpers, no scratch database."""
    project = make_project(tmp_path)
    (project / "test/pgtap/widgets.sql").write_text(textwrap.dedent("""\
        BEGIN;
        SELECT plan(2);
        SELECT has_table('widgets', 'widgets: exists');
        INSERT INTO widgets VALUES (1, 'fixture of the test');  -- id 1 is seeded in the target
        SELECT is((SELECT count(*)::int FROM widgets), 1, 'widgets: only the test fixture');
        SELECT * FROM finish();
        ROLLBACK;
        """))
    assert chaindb_cli("up", empty_db.uri, cwd=project).returncode == 0
    junit = tmp_path / "junit.xml"
    for how in (("test", empty_db.uri), ("test", "--db", empty_db.uri),
                ("--target", empty_db.uri, "test", "test/pgtap")):
        ok = chaindb_cli(*how, "--junit", str(junit), cwd=project)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "All tests successful." in ok.stdout and "scratch" not in ok.stderr
    assert "<testsuite" in junit.read_text()
    with empty_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM widgets").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pgtap'"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT to_regnamespace('tests')").fetchone()[0] is None
    assert scratch_databases(empty_db) == []


def test_pgtap_command_with_data_and_failures(tmp_path, empty_db):
    project = make_project(tmp_path)
    assert chaindb_cli("up", "--db", empty_db.uri, cwd=project).returncode == 0
    ok = chaindb_cli("test", "--with-data", empty_db.uri, cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "All tests successful." in ok.stdout

    with empty_db.connect() as conn:
        conn.execute("DELETE FROM widgets WHERE id = 2")
    failed = chaindb_cli("test", "--with-data", "--db", empty_db.uri, cwd=project)
    assert failed.returncode == 1
    assert "Failed 1/2" in failed.stdout
    # a fresh deploy has no seeded rows: the seeded-count assertion fails there too
    fresh = chaindb_cli("test", empty_db.uri, "test/pgtap/widgets.sql", cwd=project)
    assert fresh.returncode == 1 and "Failed 1/2" in fresh.stdout
    # another session on the target: no copy, a clear message
    with empty_db.connect():
        busy = chaindb_cli("test", "--with-data", empty_db.uri, cwd=project)
    assert busy.returncode == 2 and busy.stderr.count("\n") == 1
    assert "other sessions are connected" in busy.stderr
    assert scratch_databases(empty_db) == []


def test_pgtap_command_needs_a_deployed_database(tmp_path, empty_db):
    project = make_project(tmp_path)
    proc = chaindb_cli("test", empty_db.uri, cwd=project)
    assert proc.returncode == 1 and "chaindb deploy first" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_seed_reports_a_broken_fixture_in_one_line(tmp_path, empty_db):
    project = make_project(tmp_path)
    assert chaindb_cli("deploy", empty_db.uri, cwd=project).returncode == 0
    (project / "test/fixtures/20_broken.sql").write_text("INSERT INTO nowhere VALUES (1);\n")
    proc = chaindb_cli("seed", "--db", empty_db.uri, cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "20_broken.sql:1" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_up_without_a_target_uses_the_embedded_cluster(tmp_path):
    project = make_project(tmp_path / "proj")
    try:
        proc = chaindb_cli("up", cwd=project)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Ready: postgresql://postgres@127.0.0.1:" in proc.stdout
        url = chaindb_cli("cluster", "url", cwd=project)
        assert url.returncode == 0 and url.stdout.startswith("postgresql://postgres@127.0.0.1:")
        # what psql, libpq and psycopg take
        psql = subprocess.run(["psql", url.stdout.strip(), "-XAtc", "SELECT count(*) FROM widgets"],
                              capture_output=True, text=True)
        assert psql.stdout.strip() == "2", psql.stderr
        with psycopg.connect(url.stdout.strip()) as conn:
            assert conn.execute("SELECT count(*) FROM widgets").fetchone()[0] == 2
        target = chaindb_cli("cluster", "url", "--target", cwd=project)
        assert target.stdout == url.stdout.replace("postgresql://", "db:pg://")
        opened = chaindb_cli("cluster", "psql", "--", "-XAtc", "SELECT 40 + 2", cwd=project)
        assert opened.returncode == 0 and opened.stdout == "42\n", opened.stderr
        status = chaindb_cli("status", cwd=project)
        assert status.returncode == 0 and "Nothing to deploy (up-to-date)" in status.stdout
        assert (project / ".chaindb" / "data" / "PG_VERSION").exists()
    finally:
        chaindb_cli("cluster", "stop", cwd=project)
    stopped = chaindb_cli("cluster", "status", "--json", cwd=project)
    assert '"running": false' in stopped.stdout


def test_every_command_takes_its_target_the_same_way(tmp_path, empty_db):
    """Positional (db:pg: or postgresql:// URI, or a target name), --target, --db, or
    SQITCH_TARGET / core.target -- the same for Sqitch's commands and chaindb's own."""
    project = make_project(tmp_path)
    conf = project / "sqitch.conf"
    conf.write_text(conf.read_text() + f'[target "dev"]\n\turi = {empty_db.uri}\n')
    steps = [
        ("deploy", empty_db.libpq_uri),
        ("seed", empty_db.libpq_uri),
        ("verify", "dev"),
        ("status", "--target", "dev"),
        ("up", "--db", empty_db.uri),
        ("log", "--target", empty_db.libpq_uri),
        ("test", "dev", "test/pgtap/widgets.sql", "--with-data"),
    ]
    for argv in steps:
        proc = chaindb_cli(*argv, cwd=project)
        assert proc.returncode == 0, f"{argv}: {proc.stdout}{proc.stderr}"
    with empty_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM widgets").fetchone()[0] == 2
    conf.write_text(conf.read_text() + "[core]\n\ttarget = dev\n")
    for argv in (("status",), ("verify",), ("up",), ("test", "--with-data")):
        proc = chaindb_cli(*argv, cwd=project)
        assert proc.returncode == 0, f"{argv}: {proc.stdout}{proc.stderr}"
    proc = chaindb_cli("status", cwd=project, env={"SQITCH_TARGET": "db:pg://postgres@127.0.0.1:1/x"})
    # a Sqitch command: libpq's message, as Sqitch prints it
    assert proc.returncode == 2 and "Connection refused" in proc.stderr
