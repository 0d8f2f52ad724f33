"""What a newcomer and a hostile user meet: prompts that read stdin, Sqitch's exit codes,
nothing started or written outside a project, enumerated options checked, and every
command driven with hostile arguments -- each ends in one line on stderr, exit 1 or 2, and
the plan, the scripts and the registry unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import GOLDEN

PROJECTS = GOLDEN / "projects"
IDENTITY = {"SQITCH_FULLNAME": "Zoë Ŝqitcher", "SQITCH_EMAIL": "zoe@example.com", "TZ": "UTC"}
REGISTRY_TABLES = ("releases", "projects", "changes", "tags", "dependencies", "events")


def run(cwd: Path, *args, stdin=subprocess.DEVNULL, input: bytes | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """chaindb with bytes arguments allowed (non-UTF-8 argv), output as text."""
    proc = subprocess.run([sys.executable, "-m", "chaindb", *args], cwd=cwd,
                          capture_output=True, input=input,
                          stdin=None if input is not None else stdin, timeout=300,
                          env={**os.environ, **IDENTITY, **(env or {})})
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def assert_one_line_error(proc, *fragments: str, rc: tuple[int, ...] = (1, 2)) -> None:
    """One ``chaindb: `` message, last on stderr: one line, or the lines of one of Sqitch's
    multi-line messages ('Cannot rework "x" without an intervening tag.' then 'Use "sqitch
    tag" ...')."""
    context = f"rc={proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    assert proc.returncode in rc, context
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, context
    lines = proc.stderr.splitlines()
    ours = [i for i, line in enumerate(lines) if line.startswith("chaindb: ")]
    assert len(ours) == 1, context
    message = "\n".join(lines[ours[0]:])
    for fragment in fragments:
        assert fragment in message, context


def assert_info_exit(proc, fragment: str) -> None:
    """Sqitch's non-fatal exit 1: the message is the last line of stdout, nothing on stderr
    (App::Sqitch::go sends an exit-1 error to info)."""
    context = f"rc={proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    assert proc.returncode == 1 and proc.stderr == "", context
    assert fragment in proc.stdout.splitlines()[-1], context


def registry(db) -> dict[str, list]:
    with db.connect() as conn:
        if conn.execute("SELECT to_regnamespace('sqitch')").fetchone()[0] is None:
            return {}
        return {t: conn.execute(f"SELECT * FROM sqitch.{t} ORDER BY 1, 2").fetchall()
                for t in REGISTRY_TABLES}


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture
def deployed(tmp_path, empty_db):
    """Projects base and golden, both deployed into a fresh database."""
    base, gold = tmp_path / "base", tmp_path / "golden"
    shutil.copytree(PROJECTS / "base", base)
    shutil.copytree(PROJECTS / "golden", gold)
    for project in (base, gold):
        proc = run(project, "deploy", empty_db.uri)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return gold, empty_db


# ------------------------------------------------------------------------------ prompts
def test_prompt_aborts_unless_yes(deployed):
    """revert and rebase read the answer from stdin (a pipe too): EOF, an empty line from a
    pipe, "n" or anything but y/yes aborts -- exit 1, "Nothing reverted", nothing done."""
    project, db = deployed
    before = registry(db)
    for command in ("revert", "rebase"):
        for answer in (b"n\n", b"no\n", b"frob\n", b"", b"\n", None):
            proc = run(project, command, db.uri, input=answer) if answer is not None \
                else run(project, command, db.uri, stdin=subprocess.DEVNULL)
            assert_info_exit(proc, "Nothing reverted")
            assert "[Yes]" in proc.stdout
            assert registry(db) == before, (command, answer)


@pytest.mark.parametrize("answer", [b"y\n", b"YES"])
def test_prompt_accepts_yes(deployed, answer):
    project, db = deployed
    proc = run(project, "revert", "--to", "@v1.0", db.uri, input=answer)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "- données" in proc.stdout
    proc = run(project, "rebase", "--onto", "@v1.0", db.uri, input=answer)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "+ données" in proc.stdout


# ------------------------------------------------------------------- Sqitch's exit codes
def test_status_of_a_database_without_registry_is_sqitchs(tmp_path, empty_db):
    """sqitch 1.3.1: '# On database …' then 'No changes deployed', exit 1."""
    project = shutil.copytree(PROJECTS / "golden", tmp_path / "golden")
    proc = run(project, "status", empty_db.uri)
    assert proc.stdout == f"# On database {empty_db.uri}\nNo changes deployed\n"
    assert proc.returncode == 1 and proc.stderr == ""
    proc = run(project, "log", empty_db.uri)
    assert proc.returncode == 1 and proc.stderr == ""
    assert proc.stdout == f"Database {empty_db.uri} has not been initialized for Sqitch\n"
    assert registry(empty_db) == {}


@pytest.mark.parametrize("command", [["verify"], ["revert", "-y"], ["check"]])
def test_verify_revert_check_without_registry_say_what_sqitch_says(tmp_path, empty_db, command):
    """sqitch 1.3.1: 'No registry found in <target>. Have you ever deployed?', exit 2."""
    project = shutil.copytree(PROJECTS / "golden", tmp_path / "golden")
    proc = run(project, *command, empty_db.uri)
    assert proc.returncode == 2
    assert proc.stderr == f"chaindb: No registry found in {empty_db.uri}. Have you ever deployed?\n"
    assert registry(empty_db) == {}


# ------------------------------------------------------------------- outside a project
OUTSIDE = [
    ("status",), ("deploy",), ("revert", "-y"), ("rebase", "-y"), ("checkout", "-y", "main"),
    ("verify",), ("check",),
    ("log",), ("plan",), ("show", "change", "x"), ("add", "x"), ("tag", "v1"), ("tag",),
    ("rework", "x"), ("cluster", "start"), ("cluster", "stop"), ("cluster", "status"),
    ("cluster", "url"), ("cluster", "psql"), ("up",), ("seed",), ("test",),
    ("render", "partitions", "--table", "a.b", "--from", "2026-01", "--months", "1"),
]


SQITCH_COMMANDS = {"status", "deploy", "revert", "rebase", "checkout", "verify", "check", "log",
                   "plan", "show", "add", "tag", "rework"}


@pytest.mark.parametrize("argv", OUTSIDE, ids=" ".join)
def test_outside_a_project_nothing_starts_or_is_written(tmp_path, argv):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run(empty, *argv)
    if argv[0] == "show":                                   # Sqitch reads the plan first
        assert_one_line_error(proc, "Plan file sqitch.plan does not exist", rc=(2,))
    elif argv[0] in SQITCH_COMMANDS:                        # Sqitch's words and status
        assert_one_line_error(proc, 'No project configuration found. Run the "init" '
                              'command to initialize a project', rc=(2,))
    else:
        assert_one_line_error(proc, "no project here", "sqitch init", rc=(1,))
    assert list(empty.iterdir()) == []


def test_outside_a_project_with_a_target_too(tmp_path, empty_db):
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (("status", empty_db.uri), ("deploy", "--target", empty_db.uri)):
        assert_one_line_error(run(empty, *argv), "No project configuration found", rc=(2,))
    for argv in (("seed", empty_db.uri), ("test", "--db", empty_db.uri)):
        assert_one_line_error(run(empty, *argv), "no project here", rc=(1,))
    assert list(empty.iterdir()) == [] and registry(empty_db) == {}


# ------------------------------------------------------------------ hostile arguments
@contextmanager
def read_only(*paths: Path):
    """Unwritable even for root (immutable attribute), or a+w removed for other users."""
    root = os.geteuid() == 0
    for path in paths:
        if root:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(path.stat().st_mode & ~0o222)
    try:
        yield
    finally:
        for path in paths:
            if root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(path.stat().st_mode | 0o200)


STOPPED = "db:pg://postgres@127.0.0.1:1/nowhere"
BAD_URIS = ["db:pg://[::1/x", "postgresql://postgres@127.0.0.1:1/x", "db:mysql://x/y",
            "db:pg://u@h:port/d", "db:"]
LATIN1 = "caf\xe9".encode("latin-1")


def hostile_cases(project: Path, uri: str) -> list[tuple]:
    """(label, argv) -- each must end in one line on stderr, exit 1 or 2 (but "no answer":
    Sqitch's "Nothing reverted" on stdout, exit 1)."""
    cases = []
    db_commands = [("deploy",), ("revert", "-y"), ("rebase", "-y"), ("verify",), ("check",),
                   ("status",), ("log",), ("seed",), ("up",), ("test",)]
    for argv in db_commands:
        name = argv[0]
        cases.append((f"{name}: stopped server", (*argv, STOPPED)))
        cases.append((f"{name}: unknown flag", (*argv, "--frobnicate", uri)))
        for bad in BAD_URIS[:3]:
            cases.append((f"{name}: bad URI {bad}", (*argv, "--target", bad)))
        cases.append((f"{name}: missing plan", (*argv, "--plan-file", "nosuch.plan", uri)))
        cases.append((f"{name}: directory as plan", (*argv, "--plan-file", "deploy", uri)))
        cases.append((f"{name}: binary plan", (*argv, "--plan-file", "binary.plan", uri)))
        cases.append((f"{name}: Latin-1 plan", (*argv, "--plan-file", "latin1.plan", uri)))
        cases.append((f"{name}: bad lock timeout", (*argv, "--lock-timeout", "soon", uri)))
        cases.append((f"{name}: missing -C", ("-C", "nosuch", *argv, uri)))
    for bad in BAD_URIS[3:]:
        cases.append((f"status: bad URI {bad}", ("status", bad)))
    cases += [
        ("deploy: unknown change", ("deploy", "--to", "nosuch", uri)),
        ("deploy: unknown mode", ("deploy", "--mode", "frob", uri)),
        ("deploy: bad --set", ("deploy", "--set", "novalue", uri)),
        ("revert: unknown change", ("revert", "-y", "--to", "nosuch", uri)),
        ("revert: no answer", ("revert", uri)),
        ("rebase: extra argument", ("rebase", "-y", uri, "appschema", "users", "flips")),
        ("verify: unknown change", ("verify", "--from", "nosuch", uri)),
        ("status: unknown date format", ("status", "--date-format", "frob", uri)),
        ("status: extra argument", ("status", uri, "extra")),
        ("log: unknown event", ("log", "--event", "frob", uri)),
        ("log: unknown format", ("log", "--format", "frob", uri)),
        ("log: negative count", ("log", "-n", "-1", uri)),
        ("log: bad abbrev", ("log", "--abbrev", "x", uri)),
        ("log: unknown color", ("log", "--color", "frob", uri)),
        ("plan: unknown event", ("plan", "--event", "frob")),
        ("plan: unknown format", ("plan", "--format", "frob")),
        ("plan: bad regex", ("plan", "--change", "(")),
        ("show: unknown type", ("show", "frob", "users")),
        ("show: unknown change", ("show", "change", "nosuch")),
        ("show: unknown tag", ("show", "tag", "nosuch")),
        ("add: existing change", ("add", "users", "-n", "again")),
        ("add: invalid name", ("add", "bad name!")),
        ("add: unknown requirement", ("add", "new", "-r", "nosuch")),
        ("add: unknown template", ("add", "new", "--template", "nosuch")),
        ("add: missing template directory", ("add", "new", "--template-directory", "nosuch")),
        ("add: Latin-1 note", ("add", "new", "-n", LATIN1)),
        ("add: Latin-1 name", ("add", LATIN1)),
        ("tag: existing tag", ("tag", "v1.0")),
        ("tag: unknown change", ("tag", "v9", "nosuch")),
        ("tag: Latin-1 note", ("tag", "v9", "-n", LATIN1)),
        ("rework: unknown change", ("rework", "nosuch")),
        ("rework: no tag since", ("rework", "données")),
        ("test: missing file", ("test", uri, "nosuch.sql")),
        ("test: bad jobs", ("test", uri, "-j", "0")),
        ("render: unknown kind", ("render", "frob", "--table", "a.b", "--from", "2026-01",
                                  "--months", "1")),
        ("render: bad month", ("render", "partitions", "--table", "app.users", "--from",
                               "2026-13", "--months", "1")),
        ("render: bad months", ("render", "partitions", "--table", "app.users", "--from",
                                "2026-01", "--months", "many")),
        ("render: missing table", ("render", "partitions", "--table", "app.nosuch", "--from",
                                   "2026-01", "--months", "1")),
        ("render: not partitioned", ("render", "partitions", "--table", "app.users",
                                     "--from", "2026-01", "--months", "1", uri)),
        ("render: stopped server", ("render", "partitions", "--table", "app.users",
                                    "--from", "2026-01", "--months", "1", STOPPED)),
        ("cluster: unknown action", ("cluster", "frob")),
        ("unknown command", ("frobnicate",)),
    ]
    return cases


def test_hostile_arguments(deployed):
    project, db = deployed
    (project / "binary.plan").write_bytes(b"\x00\x01\xff\xfe%project=x\n\x00")
    (project / "latin1.plan").write_bytes(b"%syntax-version=1.0.0\n%project=caf\xe9\n\n"
                                          b"a 2026-11-22T01:28:21Z A <a@b> # caf\xe9\n")
    before_files, before_registry = files(project), registry(db)

    def attempt(case) -> str | None:
        label, argv = case
        proc = run(project, *argv)
        try:
            if label == "revert: no answer":    # Sqitch's non-fatal exit 1, on stdout
                assert_info_exit(proc, "Nothing reverted")
            else:
                assert_one_line_error(proc)
        except AssertionError as exc:
            return f"{label}: {exc}"
        return None

    # two at a time (every case only fails); what they left is checked once at the end
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(attempt, hostile_cases(project, db.uri)) if f]
    assert not failures, "\n\n".join(failures)
    assert files(project) == before_files, "a hostile command changed the project's files"
    assert registry(db) == before_registry, "a hostile command changed the registry"
    assert not (project / ".chaindb").exists()


def test_read_only_project(deployed, tmp_path):
    project, db = deployed
    plan = project / "sqitch.plan"
    plan.write_text(plan.read_text() + "@v2 2026-11-22T01:30:00Z Zoë Ŝqitcher <zoe@example.com> # Two.\n")
    before_files, before_registry = files(project), registry(db)
    with read_only(project, project / "sqitch.plan", project / "deploy"):
        for argv in (("add", "new", "-n", "New."), ("tag", "v9", "-n", "Nine."),
                     ("rework", "userfuncs", "-n", "Again."), ("cluster", "start"),
                     ("render", "partitions", "--table", "app.users", "--from", "2026-01",
                      "--months", "1", db.uri, "--out", "x.sql")):
            proc = run(project, *argv)
            try:
                assert_one_line_error(proc)
            except AssertionError as exc:
                raise AssertionError(f"{' '.join(argv)}: {exc}") from None
    assert files(project) == before_files and registry(db) == before_registry
    assert not (project / ".chaindb").exists()


# ---------------------------------------------------------------------------- checkout
def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def test_checkout_reverts_switches_and_deploys(tmp_path, empty_db):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "T")
    (repo / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (repo / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=co\n\n")
    assert run(repo, "add", "a", "-n", "A.").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a")
    git(repo, "checkout", "-q", "-b", "feature")
    assert run(repo, "add", "c", "-n", "C.").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "c")
    git(repo, "checkout", "-q", "main")
    assert run(repo, "add", "b", "-n", "B.").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "b")
    assert run(repo, "deploy", empty_db.uri).returncode == 0
    before = registry(empty_db)

    for answer in (b"n\n", b""):
        proc = run(repo, "checkout", empty_db.uri, "feature", input=answer)
        assert_info_exit(proc, "Nothing reverted")
        assert "Last change before the branches diverged: a" in proc.stdout
        assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
        assert registry(empty_db) == before

    proc = run(repo, "checkout", "-y", "--target", empty_db.uri, "feature")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "- b" in proc.stdout and "+ c" in proc.stdout
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "feature"
    with empty_db.connect() as conn:
        assert [r[0] for r in conn.execute("SELECT change FROM sqitch.changes ORDER BY 1")] \
            == ["a", "c"]
    proc = run(repo, "checkout", "-y", empty_db.uri, "feature")
    assert_info_exit(proc, "Already on branch feature")
    proc = run(repo, "checkout", "-y", empty_db.uri, "nosuch")
    assert_one_line_error(proc, "git show failed", rc=(2,))
    proc = run(repo, "checkout", "-y", empty_db.uri)
    assert_one_line_error(proc, "missing the branch", rc=(2,))


# ---------------------------------------------------------------------------------- help
def _parsers():
    import argparse

    from chaindb.commands import build_parser

    top = build_parser()
    found = [("chaindb", top)]
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, parser in action.choices.items():
                found.append((name, parser))
                for sub in parser._actions:
                    if isinstance(sub, argparse._SubParsersAction):
                        found += [(f"{name} {n}", p) for n, p in sub.choices.items()]
    return found


def test_every_command_and_option_has_one_line_of_help():
    import argparse

    parsers = _parsers()
    assert len(parsers) > 20
    for name, parser in parsers:
        assert name == "chaindb" or parser.description, f"{name}: no description"
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, \
                f"chaindb {name}: {action.option_strings or action.dest} has no help"
            assert "\n" not in action.help, f"chaindb {name}: {action.dest}: one line"


def test_help_groups_sqitch_and_chaindb_commands(tmp_path):
    proc = run(tmp_path, "--help")
    assert proc.returncode == 0
    sqitch, _, own = proc.stdout.partition("chaindb's own commands:")
    assert "Sqitch commands" in sqitch
    for name in ("add", "checkout", "deploy", "log", "plan", "rebase", "revert", "rework",
                 "show", "status", "tag", "verify", "check"):
        assert f"\n  {name} " in sqitch, name
    for name in ("cluster", "up", "seed", "render", "test"):
        assert f"\n  {name} " in own, name
    proc = run(tmp_path, "deploy", "--help")
    assert proc.returncode == 0 and "--mode" in proc.stdout and "Deploy changes" in proc.stdout


# ------------------------------------------------------------------- bytes of a script
def test_latin1_bytes_go_to_the_server_as_with_psql(tmp_path, make_db):
    """A script's bytes are sent as they are and client_encoding decides, as psql (and so
    Sqitch) does: with SET client_encoding = 'LATIN1' the Latin-1 é is stored as é; without
    it the server refuses the byte and the deploy fails there."""
    project = tmp_path / "l1"
    project.mkdir()
    (project / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (project / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=l1\n\n")
    for name in ("withset", "noset"):
        assert run(project, "add", name, "-n", name).returncode == 0
    (project / "deploy/withset.sql").write_bytes(
        b"BEGIN;\nSET LOCAL client_encoding = 'LATIN1';\nCREATE TABLE t (v text);\n"
        b"INSERT INTO t VALUES ('caf\xe9');\nCOMMIT;\n")
    (project / "revert/withset.sql").write_bytes(b"DROP TABLE t;\n")
    (project / "deploy/noset.sql").write_bytes(
        b"BEGIN;\nCREATE TABLE u (v text);\nINSERT INTO u VALUES ('caf\xe9');\nCOMMIT;\n")
    results = {}
    for tool in ("sqitch", "chaindb"):
        db = make_db()
        cmd = ["sqitch"] if tool == "sqitch" else [sys.executable, "-m", "chaindb"]
        proc = subprocess.run([*cmd, "deploy", "--to", "withset", db.uri], cwd=project,
                              capture_output=True, text=True, env={**os.environ, **IDENTITY})
        assert proc.returncode == 0, tool + proc.stdout + proc.stderr
        with db.connect() as conn:
            value = conn.execute("SELECT v FROM t").fetchone()[0]
        proc = subprocess.run([*cmd, "deploy", db.uri], cwd=project, capture_output=True,
                              text=True, env={**os.environ, **IDENTITY})
        failed = 'invalid byte sequence for encoding "UTF8": 0xe9' in proc.stdout + proc.stderr
        with db.connect() as conn:
            deployed = [r[0] for r in conn.execute("SELECT change FROM sqitch.changes")]
        results[tool] = (value, proc.returncode, failed, deployed)
    assert results["chaindb"] == results["sqitch"] == ("café", 2, True, ["withset"])
