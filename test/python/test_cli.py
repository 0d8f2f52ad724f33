"""The chaindb command: text output against Sqitch's golden outputs (timestamps and
durations normalised), and every bad input -> exit 2, one line on stderr, no traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import GOLDEN, REPO, chaindb_cli
from test_registry_golden import pg_server  # noqa: F401  (plain server, see there)

PROJECTS = GOLDEN / "projects"
OUTPUTS = GOLDEN / "outputs"
IDENTITY = {"SQITCH_FULLNAME": "Zoë Ŝqitcher", "SQITCH_EMAIL": "zoe@example.com", "TZ": "UTC"}
DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def normalise(text: str) -> str:
    """Drop chaindb's durations and the trailing 'rc=N' of golden files; mask dates."""
    text = re.sub(r" \(\d+ ms\)", "", text)
    text = re.sub(r"\nrc=\d+\n?$", "\n", text)
    return DATE.sub("<date>", text)


def golden_output(name: str) -> str:
    return normalise((OUTPUTS / name).read_text(encoding="utf-8"))


def run(cwd: Path, *args: str, rc: int = 0):
    proc = chaindb_cli(*args, cwd=cwd, env=IDENTITY)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture
def golden(tmp_path, empty_db):
    """Projects base and golden whose configured targets point at a fresh database (so the
    destination is shown as 'golden_db', as in the golden outputs)."""
    base, gold = tmp_path / "base", tmp_path / "golden"
    shutil.copytree(PROJECTS / "base", base)
    shutil.copytree(PROJECTS / "golden", gold)
    for conf in (base / "sqitch.conf", gold / "sqitch.conf"):
        conf.write_text(conf.read_text().replace("db:pg://postgres@127.0.0.1:55432/golden",
                                                 empty_db.uri))
    run(base, "deploy")
    return gold, empty_db


def test_outputs_match_sqitch(golden):
    project, _ = golden
    assert normalise(run(project, "deploy").stdout) == golden_output("deploy1.txt")
    assert normalise(run(project, "status").stdout) == golden_output("status.txt")
    assert (normalise(run(project, "status", "--show-changes", "--show-tags").stdout)
            == golden_output("status-show-changes-tags.txt"))
    assert normalise(run(project, "verify").stdout) == golden_output("verify.txt")
    assert normalise(run(project, "check").stdout) == golden_output("check.txt")
    assert normalise(run(project, "log").stdout) == golden_output("log.txt")
    assert normalise(run(project, "log", "--format", "oneline").stdout) == golden_output(
        "log-oneline.txt")
    assert (normalise(run(project, "revert", "-y", "--to", "@v1.0").stdout)
            == golden_output("revert-to-v1.0.txt"))
    assert normalise(run(project, "status").stdout) == golden_output("status-after-revert.txt")
    assert normalise(run(project, "deploy").stdout) == golden_output("deploy2.txt")


def test_plan_and_show_match_sqitch(tmp_path):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    assert run(project, "plan", "--format", "raw").stdout == (OUTPUTS / "plan-raw.txt").read_text()
    assert normalise(run(project, "plan").stdout) == golden_output("plan-default.txt")
    expected = (OUTPUTS / "show-changes.txt").read_text(encoding="utf-8")
    for block in expected.split("### sqitch show change ")[1:]:
        key, _, info = block.partition("\n")
        assert run(project, "show", "change", key).stdout.strip() == info.strip()
    assert (run(project, "show", "tag", "v1.0").stdout.strip()
            == (OUTPUTS / "show-tags.txt").read_text().split("\n", 1)[1].strip())
    # the script's bytes and one more newline, as Sqitch's `say` prints it
    assert (run(project, "show", "deploy", "userfuncs@v1.0").stdout
            == (OUTPUTS / "show-deploy-userfuncs@v1.0.txt").read_text())


def test_json_outputs(golden):
    import json

    project, _ = golden
    result = json.loads(run(project, "deploy", "--json").stdout)
    assert [s["change"] for s in result["steps"]][:2] == ["appschema", "users"]
    assert all(s["ok"] and s["duration_ms"] >= 0 for s in result["steps"])
    status = json.loads(run(project, "status", "--json").stdout)
    assert status["current"]["name"] == "données" and status["undeployed"] == []
    events = json.loads(run(project, "log", "--json").stdout)
    assert events[0]["change"] == "données" and events[-1]["project"] == "base"
    assert json.loads(run(project, "verify", "--json").stdout)["message"] == "Verify successful"


def test_no_changes_deployed_exits_1(tmp_path, empty_db):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    run(project, "deploy", "--log-only", "--to", "appschema", empty_db.uri)
    run(project, "revert", "-y", "--log-only", empty_db.uri)
    proc = run(project, "status", empty_db.uri, rc=1)
    # Sqitch's exit-1 message: on stdout, as sqitch prints it
    assert proc.stdout.endswith("\nNo changes deployed\n") and proc.stderr == ""


def _bad_inputs(project: Path, db) -> list[tuple[str, tuple[str, ...], str]]:
    """(label, argv, expected stderr fragment)."""
    return [
        ("unknown change in --to", ("deploy", "--to", "nosuch", db.uri), 'Unknown change: "nosuch"'),
        ("unknown tag in --to", ("deploy", "--to", "@v9", db.uri), "Unknown change"),
        ("bad URI", ("deploy", "db:mysql://x/y"), "unsupported engine"),
        ("bad flag", ("deploy", "--frobnicate"), "unrecognized arguments"),
        ("unknown command", ("frobnicate",), "invalid choice"),
        ("unknown target", ("deploy", "--target", "nosuch"), 'Cannot find target "nosuch"'),
    ]


def _assert_one_line_error(proc, fragment: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("chaindb: "), proc.stderr
    assert fragment in lines[0], lines[0]


def test_bad_inputs_exit_2_with_one_line(tmp_path, empty_db):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    for label, argv, fragment in _bad_inputs(project, empty_db):
        proc = chaindb_cli(*argv, cwd=project, env=IDENTITY)
        _assert_one_line_error(proc, fragment)


def test_malformed_plan_exits_2(tmp_path, empty_db):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    plan = project / "sqitch.plan"
    plan.write_text(plan.read_text() + "bad name 2026-11-22T01:28:31Z A <a@b>\n")
    _assert_one_line_error(chaindb_cli("deploy", empty_db.uri, cwd=project), "sqitch.plan")
    plan.unlink()
    _assert_one_line_error(chaindb_cli("status", empty_db.uri, cwd=project), "sqitch.plan")


def test_missing_script_exits_2(tmp_path, empty_db):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    (project / "deploy" / "users.sql").unlink()
    proc = chaindb_cli("deploy", "--to", "users", empty_db.uri, cwd=project)
    # as under Sqitch: what psql says of a --file that is not there, its exit status, the
    # rollback of what this run deployed, the verdict
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.startswith("psql: error: deploy/users.sql: No such file or directory\n"
                                  '"psql" unexpectedly returned exit value 1\n\n'), proc.stderr
    assert proc.stderr.endswith("chaindb: Deploy failed\n"), proc.stderr
    assert "  + users ...... not ok\n  - appschema .. ok" in proc.stdout, proc.stdout


def test_wrong_registry_version_exits_2(tmp_path, empty_db):
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    run(project, "deploy", "--log-only", "--to", "appschema", empty_db.uri)
    with empty_db.connect() as conn:
        conn.execute("UPDATE sqitch.releases SET version = 2.0")
    for command in ("deploy", "status", "revert"):
        proc = chaindb_cli(command, "-y", empty_db.uri, cwd=project) if command == "revert" \
            else chaindb_cli(command, empty_db.uri, cwd=project)
        _assert_one_line_error(proc, "newer than the 1.1 chaindb supports")


def test_conflict_and_unknown_meta_command_exit_2(tmp_path, empty_db):
    base = tmp_path / "base"
    shutil.copytree(PROJECTS / "base", base)
    plan = base / "sqitch.plan"
    plan.write_text(plan.read_text()
                    + "legacy_flips 2026-11-22T01:27:55Z Zoë Ŝqitcher <zoe@example.com> # Old.\n")
    (base / "deploy" / "legacy_flips.sql").write_text("\\frobnicate\nSELECT 1;\n")
    proc = chaindb_cli("deploy", empty_db.uri, cwd=base, env=IDENTITY)
    # psql's own complaint on stderr, Sqitch's line on psql's exit status, the rollback of
    # this run (base_schema), the verdict -- as under Sqitch
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr == ("psql:deploy/legacy_flips.sql:1: error: invalid command "
                           "\\frobnicate\n"
                           '"psql" unexpectedly returned exit value 3\n\n'
                           "Reverting all changes\nchaindb: Deploy failed\n")
    (base / "deploy" / "legacy_flips.sql").write_text("SELECT 1;\n")
    run(base, "deploy", empty_db.uri)
    project = tmp_path / "golden"
    shutil.copytree(PROJECTS / "golden", project)
    proc = chaindb_cli("deploy", empty_db.uri, cwd=project, env=IDENTITY)
    _assert_one_line_error(proc, "Conflicts with previously deployed change: base:legacy_flips")


def test_add_tag_rework_snapshot_includes(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (project / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=p\n\n")
    proc = run(project, "add", "fn", "-n", "A function.")
    assert "Created deploy/fn.sql" in proc.stdout and 'Added "fn" to sqitch.plan' in proc.stdout
    (project / "functions").mkdir()
    (project / "functions" / "fn.sql").write_text("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n")
    (project / "deploy" / "fn.sql").write_text("BEGIN;\n\\ir ../functions/fn.sql\nCOMMIT;\n")
    run(project, "tag", "v1", "-n", "Release 1.")
    proc = run(project, "rework", "fn", "-n", "Rework fn.")
    assert (project / "deploy" / "fn@v1.sql").exists()
    assert (project / "functions" / "fn@v1.sql").read_text() == (project / "functions" / "fn.sql").read_text()
    assert "\\ir ../functions/fn@v1.sql" in (project / "deploy" / "fn@v1.sql").read_text()
    assert "\\ir ../functions/fn.sql" in (project / "deploy" / "fn.sql").read_text()
    assert "fn [fn@v1]" in (project / "sqitch.plan").read_text()


def test_render_partitions(tmp_path):
    """In the project: a table its deploy scripts create PARTITION BY RANGE."""
    out = tmp_path / "p.sql"
    run(REPO, "render", "partitions", "--table", "audit.logs", "--from", "2026-01",
        "--months", "2", "--out", str(out))
    assert "audit.logs" in out.read_text()
    proc = chaindb_cli("render", "partitions", "--table", "audit.logs", "--from", "2026-13",
                       "--months", "2", cwd=REPO)
    _assert_one_line_error(proc, "")


@pytest.mark.parametrize("table, message", [
    ("audit.nosuch", 'table "audit.nosuch" does not exist'),
    ("core.users", 'table "core.users" is not partitioned by range'),
])
def test_render_partitions_needs_a_partitioned_table(tmp_path, table, message):
    out = tmp_path / "p.sql"
    proc = chaindb_cli("render", "partitions", "--table", table, "--from", "2026-01",
                       "--months", "2", "--out", str(out), cwd=REPO)
    _assert_one_line_error(proc, message)
    assert not out.exists()


def test_render_partitions_checks_a_target_database(empty_db, tmp_path):
    with empty_db.connect() as conn:
        conn.execute("CREATE SCHEMA s; CREATE TABLE s.plain (at timestamptz);"
                     "CREATE TABLE s.parted (at timestamptz) PARTITION BY RANGE (at);"
                     "CREATE TABLE s.listed (k int) PARTITION BY LIST (k)")
    common = ("--from", "2026-01", "--months", "1")
    proc = run(REPO, "render", "partitions", empty_db.uri, "--table", "s.parted", *common)
    assert "s.parted_p2026_01" in proc.stdout
    for table, message in (("s.plain", "is not partitioned by range"),
                           ("s.listed", "is not partitioned by range"),
                           ("s.gone", 'table "s.gone" does not exist in')):
        proc = chaindb_cli("render", "partitions", "--target", empty_db.uri, "--table", table,
                           *common, cwd=REPO)
        _assert_one_line_error(proc, message)
