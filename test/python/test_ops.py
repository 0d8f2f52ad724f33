"""Operator commands: `chaindb clear`, `backup`, `restore` and `lint`.

Happy paths and bad input: one-line errors with exit 2 (lint findings: exit 1), and nothing
lost -- a refused clear or restore leaves every row where it was (checksums per table).  The
round trip: a scale-profile database backed up and restored into an empty database has the
same rows in every table (checksums per table, registry included) and verifies.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, chaindb_cli
from chaindb import ops, seed


def cli(*args: str, rc: int = 0, cwd: Path = REPO):
    proc = chaindb_cli(*args, cwd=cwd)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def one_line_error(proc, rc: int = 2) -> str:
    assert proc.returncode == rc, proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("chaindb: "), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


def checksums(db):
    with db.connect() as conn:
        return seed.table_checksums(conn)


def rows(db, table: str) -> int:
    with db.connect() as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ------------------------------------------------------------------ clear

def test_clear_refuses_without_force_and_empties_with_it(seeded_db):
    deployed_db = seeded_db
    before = checksums(deployed_db)
    err = one_line_error(chaindb_cli("clear", deployed_db.uri))
    assert "--force" in err
    assert checksums(deployed_db) == before

    import json

    data = json.loads(cli("clear", deployed_db.uri, "--force", "--json").stdout)
    assert "core.users" in data["cleared"] and "education.modules" in data["kept"]
    after = checksums(deployed_db)
    for table, (count, _) in after.items():
        if table in data["cleared"]:
            assert count == 0, table
        else:       # reference data, the registry, the schemas without application rows
            assert after[table] == before[table], table
    assert not [t for t in data["cleared"] if t.startswith(("sqitch.", "maint.", "diag."))]
    assert after["education.modules"][0] == 6
    cli("verify", deployed_db.uri)
    # identities restart: the dev profile loads again, the same rows
    cli("seed", deployed_db.uri)
    again = checksums(deployed_db)
    assert again["core.users"][0] == before["core.users"][0]


def test_clear_json_and_empty_database(deployed_db):
    import json

    data = json.loads(cli("clear", deployed_db.uri, "--force", "--json").stdout)
    assert "core.users" in data["cleared"] and "education.modules" in data["kept"]
    assert all(v == 0 for v in data["rows"].values())


# ------------------------------------------------------------------ backup and restore

def test_backup_restore_round_trip_of_the_scale_profile(deployed_db, make_db, tmp_path):
    cli("seed", deployed_db.uri, "--profile", "scale", "--scale", "1")
    dump = tmp_path / "scale.dump"
    proc = cli("backup", deployed_db.uri, "-o", str(dump))
    assert dump.is_file() and dump.read_bytes()[:5] == b"PGDMP" and str(dump) in proc.stdout
    assert not list(tmp_path.glob("*.partial"))

    target = make_db()
    proc = cli("restore", str(dump), target.uri)
    assert "Verify successful" in proc.stdout
    source, restored = checksums(deployed_db), checksums(target)
    assert restored == source                          # every table, the registry included
    assert restored["blockchain.transactions"][0] == 5000
    cli("status", target.uri)
    # RLS and ownership came back
    with target.connect() as conn:
        assert conn.execute("SELECT relforcerowsecurity FROM pg_class WHERE oid = 'core.users'::regclass").fetchone()[0]
        assert conn.execute("SELECT relowner::regrole::text FROM pg_class WHERE oid = 'core.users'::regclass").fetchone()[0] == "chain_owner"


def test_restore_refuses_a_non_empty_target_without_clean(seeded_db, tmp_path):
    deployed_db = seeded_db
    dump = tmp_path / "dev.dump"
    cli("backup", deployed_db.uri, "-o", str(dump))
    with deployed_db.connect() as conn:
        conn.execute("INSERT INTO core.users (email) VALUES ('late@example.com')")
    before = checksums(deployed_db)
    err = one_line_error(chaindb_cli("restore", str(dump), deployed_db.uri))
    assert "not empty" in err and "--clean" in err
    assert checksums(deployed_db) == before             # nothing touched
    proc = cli("restore", str(dump), deployed_db.uri, "--clean")
    assert "Verify successful" in proc.stdout
    assert rows(deployed_db, "core.users") == before["core.users"][0] - 1   # back to the backup


def test_restore_bad_files_are_one_line_and_touch_nothing(seeded_db, make_db, tmp_path):
    deployed_db = seeded_db
    dump = tmp_path / "good.dump"
    cli("backup", deployed_db.uri, "-o", str(dump))
    target = make_db()

    err = one_line_error(chaindb_cli("restore", str(tmp_path / "missing.dump"), target.uri))
    assert "does not exist" in err

    truncated = tmp_path / "truncated.dump"
    data = dump.read_bytes()
    truncated.write_bytes(data[: len(data) * 2 // 3])
    err = one_line_error(chaindb_cli("restore", str(truncated), target.uri))
    assert "truncated or corrupt" in err

    junk = tmp_path / "junk.dump"
    junk.write_text("not a dump\n")
    err = one_line_error(chaindb_cli("restore", str(junk), target.uri))
    assert "not a pg_dump custom-format backup" in err

    with target.connect() as conn:
        assert ops.target_is_empty(conn)[0]             # nothing was restored


def test_backup_bad_output_and_target(deployed_db, tmp_path):
    err = one_line_error(chaindb_cli("backup", deployed_db.uri, "-o", str(tmp_path / "no/such/dir/x.dump")))
    assert "does not exist" in err
    err = one_line_error(chaindb_cli("backup", deployed_db.uri, "-o", str(tmp_path)))
    assert "is a directory" in err
    err = one_line_error(chaindb_cli("backup", "db:pg://nobody@127.0.0.1:1/none", "-o", str(tmp_path / "x.dump")))
    assert "pg_dump failed" in err
    assert not list(tmp_path.iterdir())                 # no partial file left behind


# ------------------------------------------------------------------ lint

def test_lint_passes_on_the_plan():
    proc = cli("lint")
    assert "no findings" in proc.stdout


def test_lint_one_change_and_unknown_change():
    cli("lint", "core/users", "trading/orders")
    err = one_line_error(chaindb_cli("lint", "no/such_change"))
    assert 'unknown change "no/such_change"' in err


def _project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (root / "sqitch.plan").write_text(textwrap.dedent("""\
        %syntax-version=1.0.0
        %project=mini

        widgets 2026-11-22T10:00:00Z Ann <ann@example.com> # Widgets.
        @v1 2026-11-22T10:01:00Z Ann <ann@example.com> # Release.
        gadgets 2026-11-22T10:02:00Z Ann <ann@example.com> # Gadgets.
        gizmos 2026-11-22T10:03:00Z Ann <ann@example.com> # Gizmos.
        """))
    files = {
        "deploy/widgets.sql": "BEGIN;\nCREATE TABLE widgets (id bigint PRIMARY KEY);\nCOMMIT;\n",
        "revert/widgets.sql": "BEGIN;\nDROP TABLE widgets;\nCOMMIT;\n",
        "verify/widgets.sql": "SELECT id FROM widgets WHERE FALSE;\n",
        "deploy/gadgets.sql": "BEGIN;\nCREATE TABLE gadgets (id bigint PRIMARY KEY, w bigint);\n"
                              "CREATE INDEX widgets_id ON widgets (id);\nCOMMIT;\n",
        "revert/gadgets.sql": "BEGIN;\nDROP TABLE gadgets;\nCOMMIT;\n",
        "verify/gadgets.sql": "-- Verify mini:gadgets on pg\n\nBEGIN;\n\n-- XXX Add verifications here.\n\nROLLBACK;\n",
        "deploy/gizmos.sql": "BEGIN;\nCREATE TABLE gizmos (id bigint PRIMARY KEY);\n\\ir ../views/gizmo_counts.sql\n"
                             "CREATE UNIQUE INDEX gizmo_counts_n ON gizmo_counts (n);\nCOMMIT;\n",
        "views/gizmo_counts.sql": "CREATE MATERIALIZED VIEW gizmo_counts AS SELECT count(*) AS n FROM gizmos;\n",
        "verify/gizmos.sql": "SELECT 1 / count(*) FROM pg_catalog.pg_class WHERE oid = 'gizmos'::regclass;\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_lint_reports_squawk_and_plan_findings(tmp_path):
    project = _project(tmp_path / "p")
    if shutil.which("git"):
        git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.com"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-qm", "v1"], check=True)
        # rewrite the released change in place instead of reworking it
        (project / "deploy/widgets.sql").write_text(
            "BEGIN;\nCREATE TABLE widgets (id bigint PRIMARY KEY, name text);\nCOMMIT;\n")
    proc = chaindb_cli("lint", cwd=project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert "revert/gizmos.sql:1: missing-script: change gizmos has no revert script" in out
    assert "verify/gadgets.sql:1: verify-cannot-fail" in out
    assert "deploy/gadgets.sql:3: require-concurrent-index-creation" in out
    if shutil.which("git"):
        assert "deploy/widgets.sql:1: rewrites-released-script" in out and "chaindb rework widgets" in out
    assert "verify/gizmos.sql" not in out and "verify/widgets.sql" not in out
    # an index on a matview the change itself creates (in an \ir source) is not a finding
    assert not [line for line in out.splitlines()
                if "gizmos.sql" in line and "require-concurrent-index-creation" in line]
    assert proc.stderr.count("\n") == 1 and "finding" in proc.stderr

    # --json: the same findings as data
    import json

    data = json.loads(chaindb_cli("lint", "--json", cwd=project).stdout)
    assert {f["rule"] for f in data} >= {"missing-script", "verify-cannot-fail",
                                          "require-concurrent-index-creation"}


def test_lint_with_a_target_reports_a_deployed_script_rewritten(tmp_path, empty_db):
    project = _project(tmp_path / "p")
    (project / "revert/gizmos.sql").write_text("BEGIN;\nDROP TABLE gizmos;\nCOMMIT;\n")
    cli("deploy", empty_db.uri, cwd=project)
    (project / "deploy/gizmos.sql").write_text("BEGIN;\nCREATE TABLE gizmos (id bigint PRIMARY KEY, x int);\nCOMMIT;\n")
    proc = chaindb_cli("lint", "--target", empty_db.uri, cwd=project)
    assert proc.returncode == 1
    assert "deploy/gizmos.sql:1: rewrites-deployed-script: gizmos was deployed" in proc.stdout
