"""The chaindb commands the other CLI tests leave out, with the real Sqitch 1.3.1 as the
oracle where Sqitch parity is the contract: rebase (output and registry rows), add / tag /
rework (plan lines, scripts, output), the rework snapshot of included sources end to end,
--json, log/show/plan formats, --from/--to with symbolic refs, status and check against
golden outputs, and a sweep of bad invocations (one line on stderr, exit 2)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import GOLDEN, chaindb_cli
from test_registry_golden import IGNORED, dump_registry, pg_server  # noqa: F401  (plain server)

PROJECTS = GOLDEN / "projects"
OUTPUTS = GOLDEN / "outputs"
# ASCII identity: Sqitch reads SQITCH_FULLNAME as bytes (a non-ASCII name is mis-decoded).
IDENTITY = {"SQITCH_FULLNAME": "Zoe Sqitcher", "SQITCH_EMAIL": "zoe@example.com", "TZ": "UTC",
            "EDITOR": "false", "SQITCH_USER_CONFIG": os.devnull}
GOLDEN_IDENTITY = {**IDENTITY, "SQITCH_FULLNAME": "Zoë Ŝqitcher"}
DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def normalise(text: str) -> str:
    """Drop chaindb's durations, golden files' trailing 'rc=N', database names; mask dates."""
    text = re.sub(r" \(\d+ ms\)", "", text)
    text = re.sub(r"\nrc=\d+\n?$", "\n", text)
    text = re.sub(r"(db:pg://[^/\s]+/)t_[0-9a-f]{12}", r"\1DB", text)
    return DATE.sub("<date>", text)


def chaindb(cwd: Path, *args: str, rc: int = 0, env: dict | None = None):
    proc = chaindb_cli(*args, cwd=cwd, env=env or IDENTITY, timeout=120)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def sqitch(cwd: Path, *args: str, rc: int = 0):
    proc = subprocess.run(["sqitch", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, env={**os.environ, **IDENTITY})
    assert proc.returncode == rc, f"sqitch {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def both(sqitch_call, chaindb_call):
    """Run a sqitch step and the matching chaindb step at the same time (they touch
    different directories and databases); returns (sqitch result, chaindb result)."""
    with ThreadPoolExecutor(2) as pool:
        s_future, c_future = pool.submit(sqitch_call), pool.submit(chaindb_call)
        return s_future.result(), c_future.result()


def copy_project(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    dest = tmp_path / (as_name or name)
    shutil.copytree(PROJECTS / name, dest)
    return dest


def comparable_registry(db) -> dict[str, list[dict]]:
    return {table: [{k: v for k, v in row.items() if not IGNORED.match(k)} for row in rows]
            for table, rows in dump_registry(db).items()}


def assert_one_line_error(proc, fragment: str = "") -> None:
    """Exit 2 and one line ``chaindb: ...``, after what psql itself would have printed
    while running a script (``psql:FILE:LINE: ...`` and its LINE/caret/DETAIL lines, as
    under Sqitch)."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip("\n").split("\n")
    assert lines[0].startswith(("chaindb: ", "psql:")), proc.stderr
    assert lines[-1].startswith("chaindb: "), proc.stderr
    assert sum(line.startswith("chaindb: ") for line in lines) == 1, proc.stderr
    assert fragment in lines[-1], lines[-1]


# ====================================================================== rebase (vs sqitch)
REBASES = [
    ("rebase", "-y", "--onto", "@v1.0", "--upto", "widgets/more"),
    ("rebase", "-y", "--onto", "flips"),
    ("rebase", "-y", "--onto", "userfuncs@v1.0", "--upto", "@HEAD^"),
    ("rebase", "-y", "--onto", "widgets/more"),     # nothing to revert: deploys the rest
    ("rebase", "-y", "--upto", "@v1.0"),            # revert all, deploy through the tag
]


def test_rebase_output_and_registry_match_sqitch(tmp_path, make_db):
    by_sqitch, by_chaindb = make_db(), make_db()
    s_root, c_root = tmp_path / "sqitch", tmp_path / "chaindb"
    for name in ("base", "golden"):
        both(lambda: sqitch(copy_project(s_root, name), "deploy", by_sqitch.uri),
             lambda: chaindb(copy_project(c_root, name), "deploy", by_chaindb.uri))
    for argv in REBASES:
        expected, got = both(lambda: sqitch(s_root / "golden", *argv, by_sqitch.uri),
                             lambda: chaindb(c_root / "golden", *argv, by_chaindb.uri))
        assert normalise(got.stdout) == normalise(expected.stdout), argv
    assert comparable_registry(by_chaindb) == comparable_registry(by_sqitch)
    proc = chaindb_cli("rebase", "-y", "--onto", "nosuch", by_chaindb.uri, cwd=c_root / "golden")
    assert_one_line_error(proc, 'Unknown change: "nosuch"')


# ====================================================================== add / tag / rework
def _empty_project(path: Path) -> Path:
    path.mkdir()
    (path / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (path / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=p\n\n")
    return path


PLAN_EDITS = [
    ("add", "a", "-n", "First."),
    ("add", "b", "-r", "a", "-x", "x", "-x", "p:y", "-r", "q:z", "-n", "Second", "-n", "para"),
    ("add", "-c", "c", "-r", "b", "-n", "Third \\ with # hash."),
    ("tag", "v1", "-n", "Release 1"),
    ("tag", "-t", "v0", "-c", "a", "-n", "Late tag on a."),
    ("tag",),
    ("rework", "b", "-n", "Rework b."),
    ("rework", "-c", "c", "-r", "a", "-x", "zz", "-n", "Rework c."),
    ("tag", "v2", "b@HEAD", "-n", "Release 2"),
    ("add", "nested/d", "-r", "c@v1", "-n", "0"),
    ("tag",),
]


def _plan_lines(project: Path) -> list[str]:
    """The plan with each line's timestamp masked (the clocks of two runs differ)."""
    return [DATE.sub("<ts>", line) for line in (project / "sqitch.plan").read_text().split("\n")]


def _files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes()
            for p in sorted(project.rglob("*")) if p.is_file() and p.name != "sqitch.plan"}


def test_add_tag_rework_write_what_sqitch_writes(tmp_path):
    s_proj, c_proj = _empty_project(tmp_path / "s"), _empty_project(tmp_path / "c")
    for argv in PLAN_EDITS:
        expected, got = both(lambda: sqitch(s_proj, *argv), lambda: chaindb(c_proj, *argv))
        assert got.stdout == expected.stdout, argv
        assert _plan_lines(c_proj) == _plan_lines(s_proj), argv
    assert _files(c_proj) == _files(s_proj)
    assert "b [a q:z !x !y] <ts> Zoe Sqitcher <zoe@example.com> # Second\\n\\npara" in _plan_lines(c_proj)
    # Refusals: Sqitch's message, line for line (the ambiguous change lists its instances
    # one per line, as Sqitch does), after chaindb's prefix.
    for argv in (("tag", "v3", "c", "-n", "x"), ("tag", "v1", "-n", "x"),
                 ("rework", "nosuch", "-n", "x"), ("add", "a", "-n", "x"),
                 ("add", "bad name", "-n", "x"), ("tag", "v4", "nosuch", "-n", "x"),
                 ("show", "deploy", "b")):
        expected, proc = both(lambda: sqitch(s_proj, *argv, rc=2),
                              lambda: chaindb_cli(*argv, cwd=c_proj, env=IDENTITY))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr == "chaindb: " + expected.stderr, argv
    # The raw plan (IDs hash the timestamps): give chaindb's plan Sqitch's exact bytes.
    shutil.copyfile(s_proj / "sqitch.plan", c_proj / "sqitch.plan")
    assert chaindb(c_proj, "plan", "--format", "raw").stdout == sqitch(
        s_proj, "plan", "--format", "raw").stdout


HEALTH_V1 = ("CREATE OR REPLACE FUNCTION diag.health() RETURNS text LANGUAGE sql "
             "AS $$ SELECT 'v1' $$;\n")
HEALTH_V2 = HEALTH_V1.replace("'v1'", "'v2'")


def test_rework_snapshots_included_sources_end_to_end(tmp_path, empty_db):
    """deploy old, rework, edit the source, deploy new, revert to the tag: old body back."""
    project = _empty_project(tmp_path / "p")
    chaindb(project, "add", "diag", "-n", "Schema diag.")
    (project / "deploy" / "diag.sql").write_text("CREATE SCHEMA diag;\n")
    (project / "revert" / "diag.sql").write_text("DROP SCHEMA diag;\n")
    (project / "verify" / "diag.sql").write_text("SELECT 1/count(*) FROM pg_namespace WHERE nspname = 'diag';\n")
    chaindb(project, "add", "health", "-r", "diag", "-n", "diag.health().")
    (project / "functions" / "diag").mkdir(parents=True)
    source = project / "functions" / "diag" / "health.sql"
    source.write_text(HEALTH_V1)
    (project / "deploy" / "health.sql").write_text(
        "BEGIN;\n\\ir ../functions/diag/health.sql\nCOMMIT;\n")
    (project / "revert" / "health.sql").write_text("DROP FUNCTION diag.health();\n")
    (project / "verify" / "health.sql").write_text("SELECT diag.health();\n")

    def body() -> str:
        with empty_db.connect() as conn:
            return conn.execute("SELECT diag.health()").fetchone()[0]

    chaindb(project, "deploy", "--verify", empty_db.uri)
    assert body() == "v1"
    chaindb(project, "tag", "v1.0", "-n", "Release 1.0.")
    proc = chaindb(project, "rework", "health", "-n", "health v2.")
    frozen = project / "functions" / "diag" / "health@v1.0.sql"
    assert proc.stdout.startswith(
        "Copied functions/diag/health.sql to functions/diag/health@v1.0.sql\n")
    assert frozen.read_text() == HEALTH_V1
    old_deploy = (project / "deploy" / "health@v1.0.sql").read_text()
    assert old_deploy == "BEGIN;\n\\ir ../functions/diag/health@v1.0.sql\nCOMMIT;\n"
    # The new revert script re-applies the previous version: the frozen source too.
    assert (project / "revert" / "health.sql").read_text() == old_deploy
    assert "\\ir ../functions/diag/health.sql" in (project / "deploy" / "health.sql").read_text()
    # Freezing the includes changed the old script's bytes, not its meaning: no drift.
    assert "Check successful" in chaindb(project, "check", empty_db.uri).stdout
    source.write_text(HEALTH_V2)
    # The new instance's deploy script must differ from the old one's bytes: the registry
    # keeps script hashes unique per project (Sqitch's UNIQUE(project, script_hash)).
    new_deploy = project / "deploy" / "health.sql"
    new_deploy.write_text("-- health v2\n" + new_deploy.read_text())
    chaindb(project, "deploy", "--verify", empty_db.uri)
    assert body() == "v2"
    chaindb(project, "revert", "-y", "--to", "@v1.0", empty_db.uri)
    assert body() == "v1"
    # ... and a fresh database deploys the old instance with the old body, then the new.
    chaindb(project, "revert", "-y", empty_db.uri)
    chaindb(project, "deploy", "--to", "health@v1.0", empty_db.uri)
    assert body() == "v1"
    chaindb(project, "deploy", empty_db.uri)
    assert body() == "v2"
    chaindb(project, "verify", empty_db.uri)


# ====================================================================== golden project state
@pytest.fixture
def golden(tmp_path, empty_db):
    """base and golden deployed by chaindb; the configured target points at the database
    (so the destination reads 'golden_db', as in the golden outputs)."""
    base, gold = copy_project(tmp_path, "base"), copy_project(tmp_path, "golden")
    for conf in (base / "sqitch.conf", gold / "sqitch.conf"):
        conf.write_text(conf.read_text().replace("db:pg://postgres@127.0.0.1:55432/golden",
                                                 empty_db.uri))
    chaindb(base, "deploy", env=GOLDEN_IDENTITY)
    chaindb(gold, "deploy", env=GOLDEN_IDENTITY)
    return gold, empty_db


def golden_output(name: str) -> str:
    return normalise((OUTPUTS / name).read_text(encoding="utf-8"))


def test_log_show_plan_formats(golden):
    project, _ = golden
    assert normalise(chaindb(project, "log", "--format", "raw").stdout) == golden_output("log-raw.txt")
    assert normalise(chaindb(project, "log").stdout) == golden_output("log.txt")
    oneline = chaindb(project, "log", "--format", "oneline", "--project", "base").stdout
    assert oneline.split("\n")[1:] == [
        l for l in golden_output("log-oneline.txt").split("\n")[1:] if " base:" in l or not l]
    for kind in ("deploy", "revert", "verify"):
        for key, file in (("userfuncs@v1.0", "userfuncs@v1.0.sql"),
                          ("userfuncs@HEAD", "userfuncs.sql"),
                          ("widgets/more", "widgets/more.sql")):
            # the script, then the newline of Sqitch's `say`
            assert chaindb(project, "show", kind, key).stdout == \
                (project / kind / file).read_text(encoding="utf-8") + "\n"
    proc = chaindb_cli("show", "revert", "userfuncs", cwd=project)
    # Sqitch's lines: the question, one line per instance, the verdict
    assert proc.returncode == 2 and proc.stderr == (
        'chaindb: Change "userfuncs" is ambiguous. Please specify a tag-qualified change:\n'
        "  * userfuncs@HEAD\n  * userfuncs@v1.0\nChange lookup failed\n"), proc.stderr
    assert normalise(chaindb(project, "plan").stdout) == golden_output("plan-default.txt")


def test_json_outputs_have_the_documented_fields(golden):
    project, db = golden
    status = json.loads(chaindb(project, "status", "--json").stdout)
    assert {"destination", "project", "current", "current_in_plan", "undeployed", "deployed",
            "tags", "drift"} <= status.keys()
    assert status["destination"] == "golden_db" and status["current_in_plan"] is True
    assert status["current"]["id"] == "f75278b2c56397d953b24aa4a92c0cf2844e76e0"
    assert [d["name"] for d in status["deployed"]][-1] == "appschema"
    assert status["undeployed"] == [] and status["drift"] == []

    events = json.loads(chaindb(project, "log", "--json").stdout)
    assert len(events) == 8
    assert {"event", "change_id", "change", "project", "note", "requires", "conflicts", "tags",
            "committed_at", "committer_name", "committer_email", "planned_at", "planner_name",
            "planner_email"} <= events[0].keys()
    assert events[0]["event"] == "deploy" and events[0]["change"] == "données"

    plan = json.loads(chaindb(project, "plan", "--json").stdout)
    assert [c["name"] for c in plan] == ["appschema", "users", "flips", "userfuncs",
                                         "userfuncs", "widgets/more", "données"]
    assert plan[3]["tags"] == ["@v1.0"] and plan[4]["requires"] == ["userfuncs@v1.0"]
    assert plan[2]["conflicts"] == ["base:legacy_flips"]
    assert {"id", "planner", "planned_at", "note"} <= plan[0].keys()

    verify = json.loads(chaindb(project, "verify", "--json").stdout)
    assert verify["ok"] is True and verify["message"] == "Verify successful"
    assert [s["action"] for s in verify["steps"]] == ["verify"] * 7

    reverted = json.loads(chaindb(project, "revert", "-y", "--to", "@v1.0", "--json").stdout)
    assert [s["change"] for s in reverted["steps"]] == ["données", "widgets/more", "userfuncs"]
    deployed = json.loads(chaindb(project, "deploy", "--json").stdout)
    assert deployed["ok"] is True and deployed["destination"] == "golden_db"
    assert [(s["change"], s["action"], s["ok"]) for s in deployed["steps"]] == [
        ("userfuncs", "deploy", True), ("widgets/more", "deploy", True),
        ("données", "deploy", True)]
    assert all(isinstance(s["duration_ms"], (int, float)) and len(s["change_id"]) == 40
               for s in deployed["steps"])
    assert json.loads(chaindb(project, "deploy", "--json").stdout)["steps"] == []
    # A failure still prints JSON on stdout, and the one error line on stderr.
    (project / "verify" / "données.sql").write_text("SELECT 1/0;\n")
    proc = chaindb_cli("verify", "--json", cwd=project)
    assert json.loads(proc.stdout) == {"ok": False}
    assert_one_line_error(proc, "Verify failed")


def test_verify_revert_deploy_with_symbolic_refs(golden):
    project, db = golden
    proc = chaindb(project, "verify", "--from", "@v1.0", "--to", "widgets/more")
    assert [l.split()[1] for l in proc.stdout.split("\n") if l.startswith("  * ")] == [
        "userfuncs", "userfuncs", "widgets/more"]
    proc = chaindb(project, "verify", "--from", "@HEAD^", "--to", "@HEAD")
    assert re.findall(r"  \* (\S+)", proc.stdout) == ["widgets/more", "données"]
    assert_one_line_error(chaindb_cli("verify", "--from", "nosuch", cwd=project),
                          'Cannot find "nosuch" in the database or the plan')
    proc = chaindb(project, "revert", "-y", "--to", "userfuncs@v1.0")
    assert "Reverting changes to userfuncs @v1.0 from golden_db" in proc.stdout
    assert_one_line_error(chaindb_cli("verify", "--to", "données", cwd=project),
                          'Change "données" has not been deployed')
    chaindb(project, "revert", "-y", "--to", "@HEAD^")
    assert re.findall(r"  - (\S+)", chaindb(project, "revert", "-y", "--to", "@ROOT").stdout) == [
        "flips", "users"]
    proc = chaindb(project, "deploy", "--to", "@v1.0")
    assert re.findall(r"  \+ (\S+)", proc.stdout) == ["users", "flips", "userfuncs"]
    for key, message in (("nosuch", 'Unknown change: "nosuch"'), ("@v9", 'Unknown change: "@v9"'),
                         ("users@v9", 'Unknown tag "@v9"'),
                         ("HEAD^^^^^^^^^^", 'Unknown change: "HEAD^^^^^^^^^^"')):
        assert_one_line_error(chaindb_cli("deploy", "--to", key, cwd=project), message)
    assert_one_line_error(chaindb_cli("revert", "-y", "--to", "données", cwd=project),
                          'Change not deployed: "données"')


def test_status_after_plan_edit_and_check_diverged_match_golden(golden):
    project, _ = golden
    shutil.copytree(PROJECTS / "golden-modified-overrides", project, dirs_exist_ok=True)
    proc = chaindb_cli("check", cwd=project)
    # exit 1 is Sqitch's non-fatal kind: the verdict is on stdout, as in the transcript
    assert normalise(proc.stdout) == golden_output("check-diverged.txt")
    assert proc.returncode == 1 and proc.stderr == ""
    shutil.copytree(PROJECTS / "golden", project, dirs_exist_ok=True)      # undo
    shutil.copytree(PROJECTS / "golden-renoted-overrides", project, dirs_exist_ok=True)
    (project / "sqitch.conf").write_text((project / "sqitch.conf").read_text().replace(
        "db:pg://postgres@127.0.0.1:55432/golden", golden[1].uri))
    proc = chaindb_cli("status", cwd=project)
    expected = golden_output("status-after-plan-note-edit.txt").split("Cannot find")[0]
    assert normalise(proc.stdout) == expected
    # Sqitch's two lines: where it looked, then the advice it dies with
    assert proc.returncode == 2 and proc.stderr == (
        "Cannot find this change in sqitch.plan\nchaindb: Make sure you are connected to the "
        "proper database for this project.\n"), proc.stderr
    assert_one_line_error(chaindb_cli("deploy", cwd=project), normalise(
        (OUTPUTS / "deploy-after-plan-note-edit.txt").read_text()).split("\n")[0])


def test_status_show_tags_none(tmp_path, empty_db):
    project = copy_project(tmp_path, "golden")
    chaindb(copy_project(tmp_path, "base"), "deploy", empty_db.uri)
    chaindb(project, "deploy", "--to", "users", empty_db.uri)
    out = chaindb(project, "status", "--show-tags", empty_db.uri).stdout
    assert "# \n# Tags: None.\n# \nUndeployed changes:\n" in out
    assert out.startswith(f"# On database {empty_db.uri}\n# Project:  golden\n")


# ====================================================================== bad input sweep
def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _bad_cases(tmp: Path, db, other_db) -> list[tuple[str, Path, tuple[str, ...], str]]:
    """(label, cwd, argv, stderr fragment); projects prepared on demand below."""
    return [
        ("bad flag", tmp / "golden", ("deploy", "--frobnicate"), "unrecognized arguments"),
        ("bad mode", tmp / "golden", ("deploy", "--mode", "some"), "invalid choice"),
        ("missing command", tmp / "golden", (), "required"),
        ("unknown command", tmp / "golden", ("frobnicate",), "invalid choice"),
        ("missing show key", tmp / "golden", ("show", "change"), "required"),
        ("missing add name", tmp / "golden", ("add", "-n", "x"), "missing the change name"),
        ("add name twice", tmp / "golden", ("add", "a", "-c", "b"), 'Unknown argument "a"'),
        ("bad --set", tmp / "golden", ("deploy", "--set", "novalue", db.uri), 'bad --set "novalue"'),
        ("bad lock timeout", tmp / "golden", ("deploy", "--lock-timeout", "soon"), "invalid float"),
        ("no plan file", tmp / "noplan", ("status", db.uri), "sqitch.plan"),
        ("unreadable plan", tmp / "dirplan", ("plan",), "sqitch.plan"),
        ("plan syntax error", tmp / "badplan", ("deploy", db.uri),
         "Syntax error in sqitch.plan at line 5"),
        ("bad URI", tmp / "golden", ("deploy", "db:mysql://x/y"), "unsupported engine"),
        ("unknown target", tmp / "golden", ("deploy", "--target", "nosuch"),
         'Cannot find target "nosuch"'),
        ("wrong registry version", tmp / "golden", ("status", other_db.uri),
         "newer than the 1.1 chaindb supports"),
        ("unknown meta-command", tmp / "meta", ("deploy", db.uri), "Deploy failed"),
        ("missing deploy script", tmp / "noscript", ("deploy", "--to", "users", db.uri),
         "Deploy failed"),         # after psql's "No such file or directory", as Sqitch
        ("conflicting change deployed", tmp / "golden", ("deploy", db.uri),
         "Conflicts with previously deployed change: base:legacy_flips"),
        ("revert required by another project", tmp / "base", ("revert", "-y", other_db.uri),
         'Change "base_schema @v1" required by currently deployed changes: golden:flips'),
        ("-C to a missing dir", tmp, ("-C", str(tmp / "nowhere"), "status"),
         "cannot change to directory"),
        ("render bad table", tmp, ("render", "partitions", "--table", "x; DROP", "--from",
                                   "2026-01", "--months", "2"), "table"),
        ("render bad month", tmp, ("render", "partitions", "--table", "audit.logs", "--from",
                                   "2026-13", "--months", "2"), "2026-13"),
        ("render bad months", tmp, ("render", "partitions", "--table", "audit.logs", "--from",
                                    "2026-01", "--months", "0"), "months"),
        ("test missing file", tmp / "golden", ("test", "nosuch.sql", "--db", db.uri),
         "no such pgTAP file: nosuch.sql"),
        ("verify unknown change", tmp / "golden", ("verify", "--to", "nosuch", other_db.uri),
         'Cannot find "nosuch" in the database or the plan'),
    ]


@pytest.fixture
def bad_input_world(tmp_path, make_db):
    db, other = make_db(), make_db()
    copy_project(tmp_path, "golden")
    base = copy_project(tmp_path, "base")
    # db: base plus a conflicting legacy_flips; other: base and golden, then the
    # registry version of a future Sqitch in a schema of its own (registry "future").
    chaindb(base, "deploy", other.uri)
    chaindb(tmp_path / "golden", "deploy", other.uri)
    noplan = tmp_path / "noplan"
    _write(noplan / "sqitch.conf", "[core]\n\tengine = pg\n")
    dirplan = copy_project(tmp_path, "golden", "dirplan")
    (dirplan / "sqitch.plan").unlink()
    (dirplan / "sqitch.plan").mkdir()
    badplan = copy_project(tmp_path, "golden", "badplan")
    lines = (badplan / "sqitch.plan").read_text().split("\n")
    lines[4] = "appschema 2026-11-22T01:28:21Z no email"
    (badplan / "sqitch.plan").write_text("\n".join(lines))
    meta = _empty_project(tmp_path / "meta")
    _write(meta / "deploy" / "one.sql", "\\frobnicate\nSELECT 1;\n")
    _write(meta / "sqitch.plan", (meta / "sqitch.plan").read_text()
           + "one 2026-11-22T01:28:21Z A <a@b.c> # One.\n")
    noscript = copy_project(tmp_path, "golden", "noscript")
    (noscript / "deploy" / "users.sql").unlink()
    legacy = copy_project(tmp_path, "base", "legacy")
    _write(legacy / "deploy" / "legacy_flips.sql", "SELECT 1;\n")
    _write(legacy / "sqitch.plan", (legacy / "sqitch.plan").read_text()
           + "legacy_flips 2026-11-22T01:27:55Z A <a@b.c> # Old.\n")
    chaindb(legacy, "deploy", db.uri)
    # A future registry version on a third schema keeps `other` usable for the revert case.
    future = make_db()
    chaindb(base, "deploy", future.uri)
    with future.connect() as conn:
        conn.execute("UPDATE sqitch.releases SET version = 2.0")
    return tmp_path, db, other, future


def test_bad_inputs_print_one_line_and_exit_2(bad_input_world):
    tmp, db, other, future = bad_input_world
    cases = _bad_cases(tmp, db, other)
    cases = [(label, cwd, tuple(future.uri if a == other.uri and "registry" in label else a
                                for a in argv), fragment)
             for label, cwd, argv, fragment in cases]
    assert len(cases) >= 25
    failures = []
    with ThreadPoolExecutor(4) as pool:
        procs = list(pool.map(lambda case: chaindb_cli(*case[2], cwd=case[1], env=IDENTITY,
                                                       timeout=60), cases))
    for (label, cwd, argv, fragment), proc in zip(cases, procs):
        try:
            assert_one_line_error(proc, fragment)
        except AssertionError as exc:
            failures.append(f"{label}: {exc}")
    assert not failures, "\n".join(failures)
