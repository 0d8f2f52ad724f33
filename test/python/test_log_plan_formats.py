"""`log`, `plan` and `status` print byte for byte what Sqitch 1.3.1 prints, and the other
Sqitch flags (revert/rebase --modified, rebase --set-deploy/--set-revert, show --exists).

Both tools run on the same database and project copy, in a time zone with an offset, so
every date format, filter, limit and custom format is compared on identical data.  Errors
compare exit codes, stdout, and the message (Sqitch's first stderr line; chaindb's one line
after ``chaindb: ``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_postgresql import factories

from conftest import GOLDEN, Db, pg_ctl_shim

pg_server = factories.postgresql_proc(executable=pg_ctl_shim(),
                                      dbname="chaindb_logplan_tests")

# Same identity for both tools, no user config, a zone west of UTC (offsets and names show).
ENV = {**os.environ, "SQITCH_FULLNAME": "Interop Tester", "SQITCH_EMAIL": "interop@example.com",
       "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf", "TZ": "America/New_York",
       "LC_ALL": "C.UTF-8"}
ENV.pop("NO_COLOR", None)


def run(tool: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """One command, output as bytes (CRLF in notes must survive)."""
    cmd = ["sqitch"] if tool == "sqitch" else [sys.executable, "-m", "chaindb"]
    return subprocess.run([*cmd, *args], cwd=cwd, capture_output=True, env=ENV, timeout=300)


def assert_same(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run both tools; same exit code, same stdout bytes, same error message.  Where Sqitch
    dies in option parsing (exit 255 and a Perl stack trace) chaindb exits 2, one line."""
    theirs, ours = run("sqitch", cwd, *args), run("chaindb", cwd, *args)
    context = f"{' '.join(args)}\nsqitch: {theirs.stderr.decode()}\nchaindb: {ours.stderr.decode()}"
    assert ours.returncode == (2 if theirs.returncode == 255 else theirs.returncode), context
    expected_stdout, message = theirs.stdout, None
    if theirs.returncode == 1:
        # Sqitch prints an exit-1 message on stdout, without prefix; so does chaindb.
        assert ours.stderr == b"", context
    elif theirs.returncode:
        message = theirs.stderr.decode().splitlines()[0]
    assert ours.stdout == expected_stdout, context
    if message is not None:
        assert ours.stderr.decode().rstrip("\n") == f"chaindb: {message}", context
    return ours


def create_db(pg_server) -> Db:
    import uuid

    name = "t_" + uuid.uuid4().hex[:12]
    admin = Db(pg_server.host, int(pg_server.port), pg_server.user, "postgres")
    with admin.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    return Db(pg_server.host, int(pg_server.port), pg_server.user, name)


def copy_golden(dest: Path) -> tuple[Path, Path]:
    base = shutil.copytree(GOLDEN / "projects" / "base", dest / "base")
    golden = shutil.copytree(GOLDEN / "projects" / "golden", dest / "golden")
    return base, golden


def ok(tool: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    proc = run(tool, cwd, *args)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()
    return proc


@pytest.fixture(scope="module")
def history(pg_server, tmp_path_factory) -> tuple[Path, str]:
    """The golden projects deployed, partly reverted and redeployed: deploy and revert
    events of two projects, tags, requires, conflicts, multi-line and CRLF notes."""
    base, golden = copy_golden(tmp_path_factory.mktemp("history"))
    uri = create_db(pg_server).uri
    ok("sqitch", base, "deploy", uri)
    ok("sqitch", golden, "deploy", uri)
    ok("sqitch", golden, "revert", "-y", "--to", "flips", uri)
    ok("chaindb", golden, "deploy", uri)
    return golden, uri


# ====================================================================== log
NAMED = ["raw", "full", "long", "medium", "short", "oneline"]
DATES = ["iso", "iso8601", "raw", "rfc", "rfc2822", "full", "long", "medium", "short",
         "strftime:%a %d %b %Y %H:%M:%S %Z %z|%c|%x|%X|%j %U %V %G %u %w %e %k %l %p %P %s %%",
         "cldr:EEEE, MMMM d, y 'at' h:mm a zzzz (z ZZZZZ) QQQ w D G yy LLL"]
CUSTOM = ("format:%{:event}C%-8L|%{7}h|%.5H|%10n%{reset}C%t%T%r%R%x%X [%{    }s] %b%{> }b%B"
          "%{requires}a%{conflicts}a%{tags}a%{committed_at}a%{planned_at}a %{name}_ %{by}_ "
          "%{n}c %{e}c %{date:rfc}c %{d}p %{date:cldr:yyyy}c %{n}p %{email}p %o %e %l %v 100%%")


@pytest.mark.parametrize("fmt", NAMED + [CUSTOM])
def test_log_named_and_custom_formats(history, fmt):
    golden, uri = history
    out = assert_same(golden, "log", "--format", fmt, uri)
    assert out.stdout.startswith(f"On database {uri}\n".encode())


@pytest.mark.parametrize("date_format", DATES)
def test_log_date_formats(history, date_format):
    golden, uri = history
    for fmt in ("full", "medium"):
        assert_same(golden, "log", "-f", fmt, "--date-format", date_format, uri)


@pytest.mark.parametrize("args", [
    ["--event", "revert"],
    ["--event", "deploy", "--event", "revert", "-f", "oneline"],
    ["--event", "fail"],
    ["--change", "^user"], ["--change-pattern", "s$", "--oneline"],
    ["--project", "^bas"], ["--project-pattern", "gold"],
    ["--committer", "Interop"], ["--committer-pattern", "^nobody$"],
    ["-n", "3"], ["--max-count", "2", "--skip", "3"], ["--skip", "4"],
    ["--reverse"], ["--reverse", "-n", "2", "--skip", "1", "--oneline"], ["--no-reverse"],
    ["--abbrev", "7"], ["--oneline"], ["--oneline", "--abbrev", "10"],
    ["--no-headers", "-f", "short"], ["--headers", "--date", "rfc"],
    ["--color", "always", "-f", "full"], ["--color", "always", "--oneline"],
    ["--color", "never", "-f", "oneline"], ["--no-color", "--color", "always", "--oneline"],
])
def test_log_filters_and_options(history, args):
    golden, uri = history
    assert_same(golden, "log", *args, uri)


def test_log_color_always_emits_term_ansicolor_codes(history):
    golden, uri = history
    out = assert_same(golden, "log", "--color", "always", "--oneline", uri).stdout.decode()
    assert "\x1b[32m" in out and "\x1b[34m" in out and "\x1b[0m" in out
    plain = run("chaindb", golden, "log", "--oneline", uri).stdout.decode()
    assert "\x1b" not in plain


def test_log_combined_filters_are_anded(history):
    """Sqitch 1.3.1 joins two filters without AND (an SQL syntax error); chaindb ANDs
    them: the result is the intersection of the single-filter results."""
    golden, uri = history

    def lines(*args):
        return set(ok("chaindb", golden, "log", "--oneline", "--no-headers", *args, uri)
                   .stdout.decode().splitlines())

    both = lines("--event", "revert", "--change", "^user")
    assert both == lines("--event", "revert") & lines("--change", "^user")
    assert both and len(both) < len(lines("--event", "revert"))


def test_log_config_keys(history, tmp_path):
    golden, uri = history
    project = shutil.copytree(golden, tmp_path / "p")
    with open(project / "sqitch.conf", "a") as conf:
        conf.write("[log]\n\tformat = long\n\tdate_format = rfc\n\tcolor = never\n")
    out = assert_same(project, "log", uri).stdout.decode()
    assert "\nProject:   golden\n" in out
    assert_same(project, "log", "-f", "full", uri)                # option beats config
    conf = (project / "sqitch.conf").read_text().replace("format = long",
                                                         "format = format:%n %{date}c")
    (project / "sqitch.conf").write_text(conf)
    assert assert_same(project, "log", uri).stdout.endswith(b" -0500\n")


@pytest.mark.parametrize("args", [
    ["-f", "bogus"], ["--date-format", "bogus"], ["-f", "format:%q"],
    ["-f", "format:%{bogus}_"], ["-f", "format:%_"], ["-f", "format:%{nope}C"],
    ["-f", "format:%{nope}a"], ["-f", "format:%{date:bogus}c"],
])
def test_log_errors(history, args):
    golden, uri = history
    out = assert_same(golden, "log", *args, uri)
    assert out.returncode == 2 and b"Traceback" not in out.stderr


def test_log_uninitialized_and_empty_registries(pg_server, tmp_path):
    base, golden = copy_golden(tmp_path)
    empty = create_db(pg_server)
    out = assert_same(golden, "log", empty.uri)
    assert out.returncode == 1 and b"has not been initialized for Sqitch" in out.stdout
    no_events = create_db(pg_server)
    ok("sqitch", base, "deploy", no_events.uri)
    with no_events.connect() as conn:
        conn.execute("DELETE FROM sqitch.events")
    out = assert_same(golden, "log", no_events.uri)
    assert out.returncode == 1 and f"No events logged for {no_events.uri}".encode() in out.stdout


# ====================================================================== plan
@pytest.mark.parametrize("fmt", NAMED + [CUSTOM.replace("%{date:rfc}c %{d}p %{date:cldr:yyyy}c",
                                                        "%{date:rfc}p %{d}p")
                                                .replace("%{committed_at}a", "")
                                                .replace("%{n}c %{e}c ", "")])
def test_plan_formats(history, fmt):
    golden, _ = history
    assert_same(golden, "plan", "--format", fmt)


@pytest.mark.parametrize("args", [
    [], ["--date-format", "rfc"], ["--date", "full"], ["--date", "cldr:y-MM-dd HH:mm ZZZZ"],
    ["--date", "strftime:%F %T %z"], ["--event", "deploy"], ["--event", "revert"],
    ["--change", "^user"], ["--planner", "nobody"], ["--change", "flips", "--planner", "Zo"],
    ["-n", "2"], ["--max-count", "3", "--skip", "2"], ["--reverse", "-n", "2"],
    ["--reverse", "--skip", "1", "--oneline"], ["--abbrev", "5"], ["--oneline"],
    ["--no-headers"], ["--no-headers", "--oneline", "--color", "always"],
    ["--color", "always", "-f", "long"], ["--no-color", "--oneline"],
])
def test_plan_filters_and_options(history, args):
    golden, _ = history
    assert_same(golden, "plan", *args)


def test_plan_default_and_raw_still_match_the_golden_outputs(history):
    golden, _ = history
    outputs = GOLDEN / "outputs"
    env_utc = {**ENV, "TZ": "UTC"}
    for args, name in ((["plan"], "plan-default.txt"), (["plan", "--format", "raw"],
                                                        "plan-raw.txt")):
        proc = subprocess.run([sys.executable, "-m", "chaindb", *args], cwd=golden,
                              capture_output=True, env=env_utc)
        assert proc.stdout == (outputs / name).read_bytes(), name


def test_plan_config_keys_and_errors(history, tmp_path):
    golden, _ = history
    project = shutil.copytree(golden, tmp_path / "p")
    with open(project / "sqitch.conf", "a") as conf:
        conf.write("[plan]\n\tformat = full\n\tdate_format = short\n")
    out = assert_same(project, "plan").stdout.decode()
    assert "\nPlanned:   11/21/26, 8:28\u202fPM\n" in out
    for args in (["-f", "bogus"], ["--date", "bogus"], ["--event", "bogus"],
                 ["-f", "format:%q"]):
        proc = assert_same(golden, "plan", *args)
        assert proc.returncode == 2


def test_plan_without_changes_exits_1(tmp_path):
    (tmp_path / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (tmp_path / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=nothing\n\n")
    proc = assert_same(tmp_path, "plan")
    assert proc.returncode == 1


# ====================================================================== status
@pytest.mark.parametrize("date_format", DATES)
def test_status_date_formats(history, date_format):
    golden, uri = history
    assert_same(golden, "status", "--show-changes", "--show-tags", "--date-format",
                date_format, uri)


def test_status_project_and_config(history, tmp_path):
    golden, uri = history
    out = assert_same(golden, "status", "--project", "base", "--show-tags", uri)
    assert b'Status unknown. Use --plan-file to assess "base" status' in out.stdout
    assert_same(golden, "status", "--project", "nope", uri)
    project = shutil.copytree(golden, tmp_path / "p")
    with open(project / "sqitch.conf", "a") as conf:
        conf.write("[status]\n\tdate_format = rfc\n\tshow_changes = true\n")
    out = assert_same(project, "status", uri)
    assert b"# Changes:\n" in out.stdout and b" -0500 - " in out.stdout
    assert assert_same(golden, "status", "--date", "bogus", uri).returncode == 2


# ====================================================================== other flags
def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def _current(tool: str, project: Path, uri: str) -> str:
    out = ok(tool, project, "status", uri).stdout.decode()
    return next(line.split(":", 1)[1].strip() for line in out.splitlines()
                if line.startswith("# Name:"))


def _events(db: Db) -> list[tuple[str, str]]:
    with db.connect() as conn:
        return conn.execute("SELECT event, change FROM sqitch.events WHERE project = 'golden'"
                            " ORDER BY committed_at").fetchall()


def test_revert_and_rebase_modified_like_sqitch(pg_server, tmp_path):
    """A changed deploy script of `flips`: revert --modified stops at `users` (the change
    before it), rebase --modified reverts to there and redeploys; both tools alike."""
    base, golden = copy_golden(tmp_path)
    dbs = {tool: create_db(pg_server) for tool in ("sqitch", "chaindb")}
    for tool, db in dbs.items():
        ok(tool, base, "deploy", db.uri)
        ok(tool, golden, "deploy", db.uri)
    # Nothing modified: nothing to revert.
    for tool, db in dbs.items():
        out = ok(tool, golden, "revert", "-y", "--modified", db.uri).stdout.decode()
        assert out.startswith("No changes deployed since: "), out
    _append(golden / "deploy" / "flips.sql", "\n-- edited after deploy\n")
    for tool, db in dbs.items():
        ok(tool, golden, "revert", "-y", "-m", db.uri)
        assert _current(tool, golden, db.uri) == "users"
    assert _events(dbs["sqitch"]) == _events(dbs["chaindb"])
    for tool, db in dbs.items():
        ok(tool, golden, "deploy", db.uri)
    _append(golden / "deploy" / "données.sql", "\n-- edited too\n")
    for tool, db in dbs.items():
        ok(tool, golden, "rebase", "-y", "--modified", db.uri)
        assert _current(tool, golden, db.uri) == "données"
    events = _events(dbs["chaindb"])
    assert events == _events(dbs["sqitch"])
    assert events[-2:] == [("revert", "données"), ("deploy", "données")]


def test_rebase_set_deploy_and_set_revert(pg_server, tmp_path):
    """--set applies to both phases, --set-revert/-r only to revert scripts,
    --set-deploy/-e only to deploy scripts (the later wins over --set)."""
    project = tmp_path / "vars"
    for kind, body in (("deploy", "CREATE TABLE marker (phase text, shared text);\n"
                                  "INSERT INTO marker VALUES (:'phase', :'shared');\n"),
                       ("revert", "CREATE TABLE IF NOT EXISTS revert_seen (phase text, "
                                  "shared text);\nINSERT INTO revert_seen VALUES (:'phase', "
                                  ":'shared');\nDROP TABLE marker;\n")):
        (project / kind).mkdir(parents=True)
        (project / kind / "marker.sql").write_text(body)
    (project / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (project / "sqitch.plan").write_text(
        "%syntax-version=1.0.0\n%project=vars\n\n"
        "marker 2024-01-01T00:00:00Z Tester <t@example.com> # A marker.\n")
    rows = {}
    for tool in ("sqitch", "chaindb"):
        db = create_db(pg_server)
        ok(tool, project, "deploy", "--set", "phase=first", "--set", "shared=s", db.uri)
        ok(tool, project, "rebase", "-y", "--set", "phase=common", "--set", "shared=both",
           "-e", "phase=deployed", "--set-revert", "phase=reverted", db.uri)
        with db.connect() as conn:
            rows[tool] = (conn.execute("SELECT * FROM marker").fetchall(),
                          conn.execute("SELECT * FROM revert_seen").fetchall())
    assert rows["chaindb"] == ([("deployed", "both")], [("reverted", "both")])
    # Sqitch's pg engine builds its psql command line once (Engine/pg.pm's lazy _psql), so
    # its deploy phase still runs with the revert phase's variables; the revert phase is
    # the documented behaviour in both tools.
    assert rows["chaindb"][1] == rows["sqitch"][1]


@pytest.mark.parametrize("args, rc", [
    (["change", "users"], 0), (["change", "nope"], 2), (["tag", "v1.0"], 0),
    (["tag", "@v1.0"], 0), (["tag", "nope"], 2), (["deploy", "users"], 0),
    (["verify", "widgets/more"], 0), (["revert", "nope"], 2),
])
def test_show_exists(history, args, rc, tmp_path):
    golden, _ = history
    for flag in ("--exists", "-e"):
        theirs, ours = run("sqitch", golden, "show", flag, *args), run("chaindb", golden,
                                                                       "show", flag, *args)
        assert (ours.returncode, ours.stdout, ours.stderr) == (rc, b"", b"")
        assert theirs.returncode == rc and theirs.stdout == b""
    project = shutil.copytree(golden, tmp_path / "p")
    (project / "verify" / "widgets" / "more.sql").unlink()
    assert run("chaindb", project, "show", "-e", "verify", "widgets/more").returncode == 2
    assert run("sqitch", project, "show", "-e", "verify", "widgets/more").returncode == 2
