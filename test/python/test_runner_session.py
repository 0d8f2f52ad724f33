"""Every script starts in a clean session, as under Sqitch (one psql per script).

A plan whose scripts each change one piece of session state (search_path, a temporary
table, SET ROLE, LISTEN, a WITH HOLD cursor, SET TIME ZONE, client_encoding, a custom
setting, PREPARE, sequence state, an advisory lock, DateStyle, SET SESSION AUTHORIZATION),
in every transaction shape chaindb.runner knows.  Each deploy, verify and revert script
first records the session it was given; a trigger on the registry's events records the
session every registry row is written in.  Deployed (with --verify) and reverted by the
real Sqitch into one database and by chaindb into another: both tables must be equal,
and every row must show the initial state.

Also here: what the user reads when a script fails or raises notices (psql's stderr,
compared with Sqitch's, which is psql's own), and revert refused by dependents (Sqitch's
text, one reason per line).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from chaindb.plan import Plan
from conftest import chaindb_cli

ENV = {"SQITCH_FULLNAME": "Leak Tester", "SQITCH_EMAIL": "leak@example.com",
       "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf", "TZ": "UTC",
       "PGCLIENTENCODING": "UTF8"}
ROLE = "chaindb_leak_probe"

# The session a script was given, as one row (text columns).
STATE = """
    current_user::text, session_user::text, current_setting('role'),
    current_setting('search_path'),
    (SELECT count(*) FROM pg_catalog.pg_class
      WHERE relnamespace = pg_catalog.pg_my_temp_schema())::text,
    (SELECT count(*) FROM pg_catalog.pg_listening_channels())::text,
    (SELECT count(*) FROM pg_catalog.pg_cursors)::text,
    current_setting('TimeZone'), current_setting('client_encoding'),
    coalesce(current_setting('leak.flag', true), '<unset>'),
    (SELECT count(*) FROM pg_catalog.pg_prepared_statements)::text,
    public.lastval_defined()::text,
    (SELECT count(*) FROM pg_catalog.pg_locks
      WHERE locktype = 'advisory' AND pid = pg_catalog.pg_backend_pid())::text,
    current_setting('DateStyle'), current_setting('statement_timeout')"""
COLUMNS = ("who, usr, sess, role, search_path, temps, listening, cursors, tz, encoding, "
           "flag, prepared, lastval, advisory, datestyle, statement_timeout")

SETUP = f"""
CREATE TABLE public.seen (n serial, {", ".join(c + " text" for c in COLUMNS.split(", "))});
CREATE FUNCTION public.lastval_defined() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.lastval();
    RETURN true;
EXCEPTION WHEN object_not_in_prerequisite_state THEN
    RETURN false;
END $$;
CREATE TABLE public.registry_seen (n serial, event text, change text, usr text, sess text,
    role text, temps text, tz text, flag text, datestyle text, statement_timeout text);
CREATE FUNCTION public.registry_probe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO public.registry_seen (event, change, usr, sess, role, temps, tz, flag,
                                      datestyle, statement_timeout)
    SELECT NEW.event, NEW.change, current_user, session_user, current_setting('role'),
           (SELECT count(*) FROM pg_catalog.pg_class
             WHERE relnamespace = pg_catalog.pg_my_temp_schema())::text,
           current_setting('TimeZone'),
           coalesce(current_setting('leak.flag', true), '<unset>'),
           current_setting('DateStyle'), current_setting('statement_timeout');
    RETURN NULL;
END $$;
CREATE TRIGGER probe AFTER INSERT ON sqitch.events
    FOR EACH ROW EXECUTE FUNCTION public.registry_probe();
CREATE SCHEMA leak_schema;
CREATE SEQUENCE public.leak_seq;
GRANT ALL ON SCHEMA public, leak_schema TO {ROLE};
GRANT ALL ON ALL TABLES IN SCHEMA public TO {ROLE};
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {ROLE};
"""

# (change, statement that changes one piece of state, shape of the deploy script)
# shapes: "plain" (statements, no transaction), "message" (BEGIN; plain; COMMIT;),
# "transaction" (BEGIN; ... with a psql meta-command inside; COMMIT;)
CHANGES = [
    ("search_path", "SET search_path TO leak_schema;", "message"),
    ("temp_table", "CREATE TEMP TABLE leak_temp (a int);", "plain"),
    ("set_role", f"SET ROLE {ROLE};", "message"),
    ("listen", "LISTEN leak_channel;", "transaction"),
    ("cursor", "DECLARE leak_cursor CURSOR WITH HOLD FOR SELECT 1;", "message"),
    ("time_zone", "SET TIME ZONE 'Pacific/Chatham';", "plain"),
    ("encoding", "SET client_encoding = 'LATIN1';", "plain"),
    ("custom_guc", "SET leak.flag = 'on';", "message"),
    ("prepare", "PREPARE leak_statement AS SELECT 1;", "plain"),
    ("sequence", "SELECT nextval('public.leak_seq');", "message"),
    ("advisory", "SELECT pg_advisory_lock(4242);", "plain"),
    ("datestyle", "SET DateStyle = 'German, DMY';", "transaction"),
    ("timeout", "SET statement_timeout = '77s';", "message"),
    ("authorization", f"SET SESSION AUTHORIZATION {ROLE};", "plain"),
    ("last", "SELECT 1;", "plain"),
]


def _record(who: str) -> str:
    return f"INSERT INTO public.seen ({COLUMNS}) SELECT '{who}', {STATE};\n"


def _script(who: str, change_state: str, shape: str) -> str:
    body = _record(who) + change_state + "\n"
    if shape == "message":
        return "BEGIN;\n" + body + "COMMIT;\n"
    if shape == "transaction":
        return "BEGIN;\n\\set probe 1\n" + body + "COMMIT;\n"
    return body


def _project(root: Path) -> Path:
    root.mkdir()
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    lines = ["%syntax-version=1.0.0", "%project=leak", ""]
    for kind in ("deploy", "revert", "verify"):
        (root / kind).mkdir()
    names = ["setup"] + [c[0] for c in CHANGES]
    for index, name in enumerate(names):
        requires = " [setup]" if index else ""
        lines.append(f"{name}{requires} 2026-01-01T00:00:{index:02d}Z Leak Tester "
                     f"<leak@example.com> # {name}")
    (root / "sqitch.plan").write_text("\n".join(lines) + "\n")
    (root / "deploy" / "setup.sql").write_text(SETUP)
    (root / "revert" / "setup.sql").write_text(_record("revert setup"))
    (root / "verify" / "setup.sql").write_text(_record("verify setup"))
    for name, change_state, shape in CHANGES:
        (root / "deploy" / f"{name}.sql").write_text(_script(f"deploy {name}", change_state,
                                                             shape))
        (root / "verify" / f"{name}.sql").write_text(_record(f"verify {name}"))
        (root / "revert" / f"{name}.sql").write_text(_script(f"revert {name}", change_state,
                                                             shape))
    return root


def _sqitch(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sqitch", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **ENV})


def _chaindb(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return chaindb_cli(*args, cwd=cwd, env=ENV)


def _rows(db, table: str, columns: str) -> list[tuple]:
    with db.connect() as conn:
        return conn.execute(f"SELECT {columns} FROM public.{table} ORDER BY n").fetchall()


@pytest.fixture
def leak_role(pg_server, make_db):
    """A cluster-wide role for the test, gone afterwards (a role left behind would be an object
    of nobody's plan for whatever test runs next on this server)."""
    db = make_db()
    with db.connect() as conn:
        conn.execute(f"DO $$ BEGIN CREATE ROLE {ROLE}; EXCEPTION WHEN duplicate_object "
                     "THEN NULL; END $$")
    yield ROLE
    # make_db's databases (dropped after this teardown) still hold the role's grants
    with db.connect() as conn:
        names = [r[0] for r in conn.execute(
            "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 't\\_%'")]
    for name in names:
        with db.sibling(name).connect() as conn:
            conn.execute(f"DROP OWNED BY {ROLE}")
    with db.connect() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {ROLE}")


def test_every_script_and_registry_row_sees_a_fresh_session_as_under_sqitch(
        tmp_path, make_db, leak_role):
    project = _project(tmp_path / "leak")
    results = {}
    for tool, run in (("sqitch", _sqitch), ("chaindb", _chaindb)):
        db = make_db()
        deploy = run(project, "deploy", "--verify", db.uri)
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        revert = run(project, "revert", "-y", db.uri)
        assert revert.returncode == 0, revert.stdout + revert.stderr
        results[tool] = (_rows(db, "seen", COLUMNS),
                         _rows(db, "registry_seen", "event, change, usr, sess, role, temps, "
                               "tz, flag, datestyle, statement_timeout"),
                         deploy.stderr, revert.stderr)
    seen, registry_seen, deploy_stderr, revert_stderr = results["chaindb"]
    assert seen == results["sqitch"][0]
    assert registry_seen == results["sqitch"][1]
    assert deploy_stderr == results["sqitch"][2] == ""
    assert revert_stderr == results["sqitch"][3] == ""
    # every script: the state of the first one (a new session)
    initial = seen[0][1:]
    assert seen[0][0] == "verify setup"
    assert len(seen) == 1 + 3 * len(CHANGES) + 1
    for row in seen:
        assert row[1:] == initial, row
    # every registry row: one state, that of a new session
    assert len(registry_seen) >= 2 * len(CHANGES)
    assert len({row[2:] for row in registry_seen}) == 1
    assert registry_seen[0][2:] == (initial[0], initial[1], initial[2], "0", initial[7],
                                    "<unset>", initial[13], initial[14])


def _tiny(root: Path, scripts: dict[str, tuple[str, str]]) -> Path:
    """Project 'tiny': change -> (requires, deploy script); revert/verify are trivial."""
    root.mkdir()
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    lines = ["%syntax-version=1.0.0", "%project=tiny", ""]
    for kind in ("deploy", "revert", "verify"):
        (root / kind).mkdir()
    for index, (name, (requires, deploy)) in enumerate(scripts.items()):
        deps = f" [{requires}]" if requires else ""
        lines.append(f"{name}{deps} 2026-01-01T00:00:{index:02d}Z Leak Tester "
                     f"<leak@example.com> # {name}")
        (root / "deploy" / f"{name}.sql").write_text(deploy)
        (root / "revert" / f"{name}.sql").write_text(f"DROP TABLE IF EXISTS {name};\n")
        (root / "verify" / f"{name}.sql").write_text("SELECT 1;\n")
    (root / "sqitch.plan").write_text("\n".join(lines) + "\n")
    return root


# Sqitch's own lines after psql's (chaindb does not run psql, and ends with its verdict)
_SQITCH_ONLY = ('"psql" unexpectedly returned exit value 3', "Deploy failed", "",
                "Reverting all changes")


def _psql_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if line not in _SQITCH_ONLY and not line.startswith("chaindb: ")]


def test_failing_deploy_shows_psqls_messages_as_sqitch_does(tmp_path, make_db):
    """Notices (with DETAIL/HINT), an error with its LINE excerpt and caret, an error in
    a DO block (CONTEXT), and one in a file the script includes: stderr as under Sqitch
    (psql's own text), stdout's step lines alike."""
    include = tmp_path / "inc.sql"
    include.write_text("-- included\nSELECT 1;\nSELECT no_such_column FROM pg_class;\n")
    scripts = {
        "noisy": ("", "CREATE TABLE noisy (a int);\n"
                      "CREATE FUNCTION public.say(t text) RETURNS text LANGUAGE plpgsql AS $$"
                      "BEGIN RAISE NOTICE '%', t; RETURN t; END $$;\n"
                      "DO $$ BEGIN RAISE NOTICE 'hello' USING DETAIL = 'd', HINT = 'h'; "
                      "END $$;\nDROP TABLE IF EXISTS not_there;\n"
                      "BEGIN;\nCREATE TABLE IF NOT EXISTS noisy (a int);\nCOMMIT;\n"),
        "quiet": ("noisy", "BEGIN;\nCREATE TABLE quiet (a int);\n"
                           "SET client_min_messages = warning;\n"
                           "DO $$ BEGIN RAISE NOTICE 'not shown'; RAISE WARNING 'shown'; "
                           "END $$;\nCOMMIT;\n"),
        # one message (chaindb.runner's "message" shape): notices still on their lines
        "batched": ("quiet", "BEGIN;\nCREATE TABLE batched (a int);\nSELECT public.say('one');"
                             "\nCREATE TABLE batched2 (a int);\nSELECT public.say('two'),\n"
                             "       public.say('three');\nSELECT 1;\nCOMMIT;\n"),
        "doblock": ("", "CREATE TABLE doblock (a int);\nDO $$\nBEGIN\n"
                        "    PERFORM 1 / 0;\nEND $$;\n"),
        "syntax": ("", "CREATE TABLE syntax (a int);\nSELECT a,\n       b\n  FROM syntax\n"
                       " WHERE a = = 1;\n"),
        "included": ("", f"CREATE TABLE included (a int);\n\\i {include}\n"),
    }
    for failing in ("doblock", "syntax", "included"):
        plan = {k: v for k, v in scripts.items()
                if k in ("noisy", "quiet", "batched", failing)}
        project = _tiny(tmp_path / f"p_{failing}", plan)
        out = {}
        for tool, run in (("sqitch", _sqitch), ("chaindb", _chaindb)):
            proc = run(project, "deploy", make_db().uri)
            assert proc.returncode == 2, proc.stdout + proc.stderr
            out[tool] = proc
        assert _psql_lines(out["chaindb"].stderr) == _psql_lines(out["sqitch"].stderr)
        assert "psql:deploy/batched.sql:6: NOTICE:  two\npsql:deploy/batched.sql:6: NOTICE:" \
            "  three\n" in out["chaindb"].stderr
        assert "psql:deploy/noisy.sql:3: NOTICE:  hello\nDETAIL:  d\nHINT:  h\n" \
            in out["chaindb"].stderr
        assert "psql:deploy/quiet.sql:4: WARNING:  shown\n" in out["chaindb"].stderr
        assert "not shown" not in out["chaindb"].stderr
        ours = [line.split(" ..")[0] + (" not ok" if line.endswith("not ok") else "")
                for line in out["chaindb"].stdout.splitlines() if " .." in line]
        theirs = [line.split(" ..")[0] + (" not ok" if line.endswith("not ok") else "")
                  for line in out["sqitch"].stdout.splitlines() if " .." in line]
        assert ours == theirs
        assert out["chaindb"].stderr.splitlines()[-1] == "chaindb: Deploy failed"


def test_revert_blocked_by_dependents_prints_one_reason_per_line_as_sqitch(tmp_path,
                                                                            make_db):
    """Another project requires two of 'base''s changes: Sqitch's message, a line each."""
    base = _tiny(tmp_path / "base", {"one": ("", "CREATE TABLE one (a int);\n"),
                                     "two": ("", "CREATE TABLE two (a int);\n")})
    other = tmp_path / "other"
    other.mkdir()
    (other / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    for kind in ("deploy", "revert", "verify"):
        (other / kind).mkdir()
        for name in ("uses_one", "uses_both"):
            (other / kind / f"{name}.sql").write_text(f"SELECT '{kind} {name}';\n")
    (other / "sqitch.plan").write_text(
        "%syntax-version=1.0.0\n%project=other\n\n"
        "uses_one [tiny:one] 2026-01-01T00:00:00Z Leak Tester <leak@example.com> # u1\n"
        "uses_both [tiny:one tiny:two] 2026-01-01T00:00:01Z Leak Tester "
        "<leak@example.com> # u2\n")
    messages = {}
    for tool, run in (("sqitch", _sqitch), ("chaindb", _chaindb)):
        db = make_db()
        assert run(base, "deploy", db.uri).returncode == 0
        assert run(other, "deploy", db.uri).returncode == 0
        proc = run(base, "revert", "-y", db.uri)
        assert proc.returncode == 2
        messages[tool] = proc.stderr
    expected = ('Change "two" required by currently deployed change: other:uses_both\n'
                'Change "one" required by currently deployed changes: other:uses_one '
                'other:uses_both\n')
    assert messages["sqitch"] == expected
    assert messages["chaindb"] == "chaindb: " + expected


def test_registry_rows_bound_in_the_message_survive_standard_conforming_strings_off(
        tmp_path, make_db):
    """A database whose default is standard_conforming_strings = off: the registry rows
    that travel in a change's own message (values bound client-side) still store a note
    with backslashes and quotes exactly."""
    db = make_db()
    with db.connect() as conn:
        conn.execute(f'ALTER DATABASE "{db.dbname}" SET standard_conforming_strings = off')
    project = _tiny(tmp_path / "scs", {"one": ("", "BEGIN;\nCREATE TABLE one (a int);\n"
                                                   "COMMIT;\n")})
    note = "back\\\\slash, 'quotes' and \\\\n"
    plan = project / "sqitch.plan"
    plan.write_text(plan.read_text().replace("# one", "# " + note))
    proc = _chaindb(project, "deploy", db.uri)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with db.connect() as conn:
        stored = conn.execute("SELECT note FROM sqitch.changes").fetchone()[0]
        events = conn.execute("SELECT note FROM sqitch.events").fetchone()[0]
    expected = Plan.load(plan).changes[0].note
    assert "\\" in expected and "'" in expected
    assert stored == events == expected
