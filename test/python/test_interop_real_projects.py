"""What running chaindb on real public Sqitch projects turned up (docs/sqitch-compat.md,
"Tried on real projects"), each construct rebuilt here as a tiny project of our own and
run by both tools: the real sqitch 1.3.1 in one copy against one database, chaindb in
another copy against another.  Exit codes, stdout and stderr (each on its own) and the
registry rows must agree; chaindb's two documented differences are normalised away: the
``(N ms)`` after each ``ok`` and the ``chaindb: `` before its final error line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_postgresql import factories

from conftest import chaindb_cli, pg_ctl_shim
from test_registry_golden import comparable, dump_registry, revert_arrays_unordered

pg_server = factories.postgresql_proc(executable=pg_ctl_shim(),
                                      dbname="chaindb_real_projects_tests")

IDENTITY = {"SQITCH_FULLNAME": "Interop Tester", "SQITCH_EMAIL": "interop@example.com",
            "SQITCH_USER_CONFIG": "/nonexistent/sqitch.conf", "TZ": "UTC"}
PLANNED = "2026-01-01T00:00:00Z Ann Planner <ann@example.com>"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def normalise(text: str, db) -> str:
    text = re.sub(r"\bok \(\d+ ms\)$", "ok", text, flags=re.M)
    text = re.sub(r"^chaindb: ", "", text, flags=re.M)
    text = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?(?: ?[+-]\d\d(?::?\d\d)?|Z)?",
                  "<date>", text)
    return text.replace(db.dbname, "<db>").replace(str(db.port), "<port>")


class Twins:
    """One project copied twice, one database each: ``run(*argv)`` runs sqitch in the
    first and chaindb in the second and asserts they behave alike."""

    def __init__(self, tmp_path: Path, files: dict[str, str], make_db, libpq_env=False):
        self.dbs = {"sqitch": make_db(), "chaindb": make_db()}
        self.dirs = {tool: write(tmp_path / tool, files) for tool in self.dbs}
        self.libpq_env = libpq_env

    def env(self, tool: str) -> dict[str, str]:
        db = self.dbs[tool]
        extra = ({"PGHOST": db.host, "PGPORT": str(db.port), "PGUSER": db.user,
                  "PGDATABASE": db.dbname} if self.libpq_env else {})
        return {**IDENTITY, **extra}

    def uri(self, tool: str) -> str:
        return self.dbs[tool].uri

    def edit(self, files: dict[str, str]) -> None:
        for root in self.dirs.values():
            write(root, files)

    def one(self, tool: str, argv, stdin: str | None = None):
        argv = [self.uri(tool) if a == "URI" else a for a in argv]
        if tool == "sqitch":
            return subprocess.run(["sqitch", *argv], cwd=self.dirs[tool], capture_output=True,
                                  text=True, input=stdin, timeout=300,
                                  env={**os.environ, **self.env(tool)})
        return chaindb_cli(*argv, cwd=self.dirs[tool], env=self.env(tool))

    def run(self, *argv: str, rc: int = 0, registry: bool = True):
        theirs, ours = self.one("sqitch", argv), self.one("chaindb", argv)
        context = (f"{' '.join(argv)}\n--- sqitch rc={theirs.returncode}\n{theirs.stdout}"
                   f"{theirs.stderr}\n--- chaindb rc={ours.returncode}\n{ours.stdout}"
                   f"{ours.stderr}")
        assert theirs.returncode == rc, context
        assert ours.returncode == rc, context
        assert "Traceback" not in ours.stderr, context
        for stream in ("stdout", "stderr"):
            assert (normalise(getattr(ours, stream), self.dbs["chaindb"])
                    == normalise(getattr(theirs, stream), self.dbs["sqitch"])), \
                f"{stream} differs\n{context}"
        if registry:
            assert registry_rows(self.dbs["chaindb"]) == registry_rows(self.dbs["sqitch"]), \
                context
        return ours


def registry_rows(db) -> dict:
    """Every registry row but the wall-clock and identity columns; {} without registry."""
    with db.connect() as conn:
        if conn.execute("SELECT to_regclass('sqitch.changes')").fetchone()[0] is None:
            return {}
    return revert_arrays_unordered(comparable(dump_registry(db)))


def plan(project: str, *lines: str) -> str:
    return "\n".join(["%syntax-version=1.0.0", f"%project={project}", "", *lines]) + "\n"


def table_change(name: str) -> dict[str, str]:
    return {f"deploy/{name}.sql": f"BEGIN;\nCREATE TABLE {name} (id int);\nCOMMIT;\n",
            f"revert/{name}.sql": f"BEGIN;\nDROP TABLE {name};\nCOMMIT;\n",
            f"verify/{name}.sql": f"SELECT id FROM {name} WHERE false;\n"}


# ------------------------------------------------------------------ target and exit 1
def test_no_target_means_db_pg_and_exit_1_messages_go_to_stdout(tmp_path, make_db):
    """sqitchers/sqitch-intro: its target sits under an old-style [core "pg"] section that
    Sqitch 1.3 ignores, so Sqitch deploys to `db:pg:` -- whatever PGDATABASE & co. name --
    and calls it "db:pg:<dbname>".  chaindb used its embedded cluster instead.  Sqitch's
    exit-1 messages (No changes deployed, Failed one check, Nothing reverted, no registry
    for log) are on stdout, not stderr."""
    files = {"sqitch.conf": '[core]\n\tengine = pg\n[core "pg"]\n\ttarget = nowhere\n',
             "sqitch.plan": plan("intro", f"a {PLANNED} # A.", f"b [a] {PLANNED} # B."),
             **table_change("a"), **table_change("b")}
    twins = Twins(tmp_path, files, make_db, libpq_env=True)
    twins.run("status", rc=1, registry=False)
    twins.run("log", rc=1, registry=False)
    twins.run("deploy")
    twins.run("status")
    twins.edit({"deploy/a.sql": "BEGIN;\nCREATE TABLE a (id int, x int);\nCOMMIT;\n"})
    twins.run("check", rc=1)
    assert not (twins.dirs["chaindb"] / ".chaindb").exists()
    for tool in ("sqitch", "chaindb"):
        proc = twins.one(tool, ["revert"], stdin="n\n")
        assert proc.returncode == 1 and proc.stderr == "" and \
            proc.stdout.endswith("Nothing reverted\n"), proc


# ------------------------------------------------------------------ deploy failures
FAILING = {
    "sqitch.conf": "[core]\n\tengine = pg\n",
    "sqitch.plan": plan("fails", f"a {PLANNED} # A.", f"long_named_b {PLANNED} # B.",
                        f"@v1 {PLANNED} # V1.", f"c {PLANNED} # C.", f"d {PLANNED} # D."),
    **table_change("a"), **table_change("long_named_b"), **table_change("c"),
    **table_change("d"),
}


@pytest.mark.parametrize("mode", ["all", "tag", "change"])
def test_deploy_failures_print_what_sqitch_prints_where_it_prints_it(tmp_path, make_db,
                                                                    mode):
    """maevsi/sqitch and agile-flipr failing deploys: psql's error, then Sqitch's
    '"psql" unexpectedly returned exit value 3' and a blank line (mode change: as the final
    error), "Reverting to long_named_b@v1" (the start change with its last tag, no blank),
    the revert lines padded to the deploy run's longest name, all on the right stream; a
    failed verify vents 'Verify script ... failed.' on stderr before "not ok"."""
    twins = Twins(tmp_path, FAILING, make_db)
    twins.run("deploy", "--to", "@v1", "URI")
    twins.edit({"verify/d.sql": "SELECT 1/0;\n"})
    twins.run("deploy", "--verify", "--mode", mode, "URI", rc=2)
    twins.edit({"verify/d.sql": "SELECT id FROM d WHERE false;\n",
                "deploy/d.sql": "BEGIN;\nSELECT 1/0;\nCOMMIT;\n"})
    twins.run("deploy", "--mode", mode, "URI", rc=2)
    twins.run("revert", "-y", "URI")
    twins.run("deploy", "--mode", mode, "URI", rc=2)       # nothing to roll back
    twins.run("log", "--format", "oneline", "URI")


@pytest.mark.parametrize("shape", ["script", "transaction"])
def test_failed_registry_write_is_vented_and_the_change_reverted(tmp_path, make_db, shape):
    """sqitchers/sqitch-intro after `rework` of a change whose script did not change: the
    registry refuses the second identical script hash.  Sqitch prints the server's error as
    DBD::Pg gives it (ERROR:/DETAIL:) on stderr, runs the change's revert script, logs a
    fail event, "not ok", reverts the run ("Reverting all changes"), "Deploy failed".
    chaindb printed the error inside the step line and psycopg's "error ignored
    terminating Pipeline" warning, and ran no revert script."""
    body = "CREATE TABLE IF NOT EXISTS t (id int);\n"
    if shape == "transaction":
        body = f"BEGIN;\n{body}COMMIT;\n"
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("dup", f"a {PLANNED} # A.", f"b {PLANNED} # B."),
             "deploy/a.sql": body, "deploy/b.sql": body,
             "revert/a.sql": "DROP TABLE IF EXISTS t;\n", "revert/b.sql": "DROP TABLE IF EXISTS t;\n"}
    twins = Twins(tmp_path, files, make_db)
    proc = twins.run("deploy", "URI", rc=2)
    assert "pipeline" not in proc.stderr.lower()
    twins.run("deploy", "--mode", "change", "URI", rc=2)
    # b's revert script ran in both (it drops the table a made): the same database
    for db in twins.dbs.values():
        with db.connect() as conn:
            assert conn.execute("SELECT to_regclass('public.t')").fetchone()[0] is None


# ------------------------------------------------------------------ plan messages, show
def test_reworked_names_multiline_errors_and_show_as_sqitch(tmp_path, make_db):
    """sqitchers/sqitch-intro's reworked insert_user: `show change insert_user` is
    ambiguous -- Sqitch lists the instances one per line; chaindb joined them with "; ".
    `deploy --to insert_user` and `revert --to insert_user` are refused the same way
    (chaindb deployed to the first instance and reverted to the latest).  `show deploy`
    prints the script and one more newline (Sqitch's `say`)."""
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("re", f"f {PLANNED} # F.", f"@v1 {PLANNED} # V1.",
                                 f"f [f@v1] {PLANNED} # F again."),
             "deploy/f.sql": "ALTER TABLE f ADD COLUMN x int;\n",
             "revert/f.sql": "ALTER TABLE f DROP COLUMN x;\n",
             "verify/f.sql": "SELECT x FROM f WHERE false;\n",
             "deploy/f@v1.sql": "BEGIN;\nCREATE TABLE f (id int);\nCOMMIT;\n",
             "revert/f@v1.sql": "BEGIN;\nDROP TABLE f;\nCOMMIT;\n",
             "verify/f@v1.sql": "SELECT 1;\n"}
    twins = Twins(tmp_path, files, make_db)
    twins.run("show", "change", "f", rc=2, registry=False)
    twins.run("rework", "nosuch", "-n", "x", rc=2, registry=False)
    twins.run("add", "f", "-n", "x", rc=2, registry=False)
    twins.run("show", "deploy", "f@v1", registry=False)
    # a bare name of a reworked change: deploy --to looks in the plan, revert --to and
    # verify --to in the registry (both instances deployed): ambiguous, nothing done
    twins.run("deploy", "--to", "f", "URI", rc=2)
    twins.run("deploy", "URI")
    twins.run("revert", "-y", "--to", "f", "URI", rc=2)
    twins.run("verify", "--to", "f", "URI", rc=2)
    twins.run("revert", "-y", "--to", "f@v1", "URI")


# ------------------------------------------------------------------ psql emulation
def test_backquoted_set_and_gexec_deploy(tmp_path, make_db):
    """maevsi/sqitch reads its role names with \\set x `cat file` and creates a database
    with \\gexec: chaindb died with a traceback ("backquoted shell commands are not
    supported") while deciding how to run the script.  Display settings that leave
    Sqitch's psql output unchanged (\\pset pager off, \\t on ...) were refused."""
    secret = tmp_path / "secret"
    secret.write_text("widget_owner_name\n")
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("bq", f"named {PLANNED} # Named."),
             "deploy/named.sql": (f"\\set name `cat {secret}`\n\\pset pager off\n"
                                  "\\pset format unaligned\n\\t on\n\\timing off\nBEGIN;\n"
                                  "CREATE TABLE named (n text);\n"
                                  "INSERT INTO named VALUES (:'name');\n"
                                  "SELECT 'CREATE TABLE named_' || n || ' ()' FROM named\\gexec\n"
                                  "COMMIT;\n"),
             "revert/named.sql": ("BEGIN;\nDROP TABLE named_widget_owner_name;\n"
                                  "DROP TABLE named;\nCOMMIT;\n"),
             "verify/named.sql": "SELECT 1/count(*) FROM named WHERE n = 'widget_owner_name';\n"}
    twins = Twins(tmp_path, files, make_db)
    twins.run("deploy", "--verify", "URI")
    twins.run("verify", "URI")
    twins.run("revert", "-y", "URI")


# ------------------------------------------------------------------ add templates
FULL_TT = """[%- TAGS outline -%]
[% MACRO qualified(name) IF schema %][% schema %].[% name %][% ELSE %][% name %][% END -%]
-- Deploy [% project %]:[% change %] to [% engine %]
%% FOREACH item IN requires
-- requires: [% item %]
%% END
CREATE TABLE [% qualified(change) %] (
%% FOREACH col IN column
  [% col %] [% type.item(loop.index) or 'text' %][% loop.last ? '' : ',' %]
%% END
);
"""


def test_add_renders_templates_as_sqitch_does(tmp_path, make_db):
    """halostatue/cookiecutter-sqitch-pg's templates use the whole Template Toolkit
    (TAGS outline, MACRO, loop.index, ternaries): Sqitch renders them with Perl's TT,
    chaindb refused.  kronor-io/sqitch-with-templates passes `-s schema=...`: chaindb's own
    `schema` variable overrode it, and leaked into `[% IF schema %]` when not given; a
    variable set twice is a list."""
    files = {"sqitch.conf": "[core]\n\tengine = pg\n[add]\n\ttemplate_directory = tmpl\n",
             "sqitch.plan": plan("tt"),
             "tmpl/deploy/table.tmpl": FULL_TT,
             "tmpl/revert/table.tmpl": "DROP TABLE [% IF schema %][% schema %].[% END %][% change %];\n",
             "tmpl/verify/table.tmpl": "-- [% schema %] [% name %] [% object %]\n"}
    twins = Twins(tmp_path, files, make_db)
    twins.run("add", "widgets", "-t", "table", "-s", "column=name", "-s", "column=size",
              "-s", "type=text", "-s", "type=int", "-n", "Widgets.", registry=False)
    twins.run("add", "gadgets", "-t", "table", "-r", "widgets", "-s", "schema=public",
              "-s", "column=label", "-n", "Gadgets.", registry=False)
    twins.run("add", "broken", "-t", "nosuch", "-n", "x", rc=2, registry=False)
    for rel in ("deploy/widgets.sql", "revert/widgets.sql", "verify/widgets.sql",
                "deploy/gadgets.sql", "revert/gadgets.sql"):
        assert ((twins.dirs["chaindb"] / rel).read_text()
                == (twins.dirs["sqitch"] / rel).read_text()), rel
    assert (twins.dirs["chaindb"] / "deploy/widgets.sql").read_text().endswith(
        "CREATE TABLE widgets (\n  name text,\n  size int\n);\n")


# ------------------------------------------------------------------ Sqitch's options
def test_core_and_connecting_options(tmp_path, make_db):
    """Scripts call `sqitch --quiet deploy`, `sqitch deploy -v`, `sqitch status --db-name
    x`: Sqitch's core options (--quiet, -v/-vv/--verbose, --no-pager) and connecting
    options (--db-name/-d, --db-user/-u, --db-host, --db-port/-p, --db-client) were
    "unrecognized arguments" to chaindb.  --quiet drops Sqitch's info lines (progress,
    "No changes deployed") but not verify's report; -vv shows verify scripts' output."""
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("opts", f"a {PLANNED} # A.", f"b [a] {PLANNED} # B."),
             **table_change("a"), **table_change("b"),
             "verify/a.sql": "SELECT 'checked a';\n"}
    twins = Twins(tmp_path, files, make_db)
    twins.run("--quiet", "status", "URI", rc=1)
    twins.run("deploy", "--quiet", "--to", "a", "URI")
    twins.run("-v", "status", "URI")
    twins.run("--verbose", "deploy", "--no-pager", "URI")
    twins.run("--quiet", "verify", "URI")
    twins.run("-vv", "verify", "URI")
    twins.run("--quiet", "revert", "-y", "--to", "a", "URI")
    for tool in ("sqitch", "chaindb"):
        db = twins.dbs[tool]
        proc = twins.one(tool, ["status", "--db-host", db.host, "--db-port", str(db.port),
                                "-u", db.user, "-d", db.dbname, "--db-client", "psql"])
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(
            f"# On database db:pg://{db.user}@{db.host}:{db.port}/{db.dbname}\n"), proc.stdout


def test_outside_a_project_sqitch_commands_say_what_sqitch_says(tmp_path):
    """`-C ..` away from the project: Sqitch's message and exit status 2."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (("status",), ("deploy",), ("plan",), ("add", "x")):
        theirs = subprocess.run(["sqitch", *argv], cwd=empty, capture_output=True, text=True,
                                env={**os.environ, **IDENTITY})
        ours = chaindb_cli(*argv, cwd=empty, env=IDENTITY)
        assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout) == (2, "")
        assert ours.stderr == "chaindb: " + theirs.stderr
    assert list(empty.iterdir()) == []


def test_targets_with_their_own_plan_file_top_dir_and_registry(tmp_path, make_db):
    """deinspanjer/sqitch_multiproject_deps_example keeps two plans in one directory and
    picks one per target: `plan TARGET`, `add NAME TARGET`, `tag NAME -n NOTE TARGET` work
    on the target's plan file (plan_file, else core.plan_file) and top_dir; chaindb took
    the target for an unknown argument, and refused a positional after an option."""
    files = {
        "sqitch.conf": ("[core]\n\tengine = pg\n\tplan_file = one.plan\n"
                        "[engine \"pg\"]\n\ttarget = one\n"
                        "[target \"one\"]\n\turi = URI\n"
                        "[target \"two\"]\n\turi = URI\n\tplan_file = two.plan\n"
                        "[target \"three\"]\n\turi = URI\n\ttop_dir = sub\n"
                        "\tregistry = reg_three\n"),
        "one.plan": plan("one", f"a {PLANNED} # A."),
        "two.plan": plan("two", f"b [one:a] {PLANNED} # B."),
        **table_change("a"), **table_change("b"),
        "sub/deploy/a.sql": "CREATE TABLE a3 (id int);\n",
        "sub/revert/a.sql": "DROP TABLE a3;\n", "sub/verify/a.sql": "SELECT 1;\n",
    }
    twins = Twins(tmp_path, files, make_db)
    for tool, root in twins.dirs.items():                  # each copy its own database
        conf = root / "sqitch.conf"
        conf.write_text(conf.read_text().replace("URI", twins.uri(tool)))
    for argv in (("deploy",), ("deploy", "two"), ("plan", "two"), ("plan", "--format",
                 "oneline", "three"), ("status", "two"), ("log", "two", "--format", "oneline"),
                 ("add", "c", "three", "-n", "C."), ("rework", "a", "two", "-n", "x"),
                 ("deploy", "--to", "a", "three"), ("status", "three")):
        twins.run(*argv, rc=2 if argv[0] == "rework" else 0)
    plans = {tool: re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "<ts>",
                          (root / "one.plan").read_text())
             for tool, root in twins.dirs.items()}   # same plan, timestamps aside
    assert plans["chaindb"] == plans["sqitch"] and "\nc <ts> " in plans["chaindb"]
    assert (twins.dirs["chaindb"] / "sub/deploy/c.sql").read_text() == \
        (twins.dirs["sqitch"] / "sub/deploy/c.sql").read_text()
    twins.run("tag", "v1", "-n", "One.", "two", registry=False)
    assert "@v1 " in (twins.dirs["chaindb"] / "two.plan").read_text()
    twins.run("revert", "-y", "two")


def test_missing_scripts_fail_as_psql_fails(tmp_path, make_db):
    """A target's top_dir without the plan's scripts (deinspanjer-style target layouts):
    Sqitch deploys the changes before the missing script, then psql fails on it ("psql:
    error: FILE: No such file or directory", exit value 1) and the run is rolled back;
    chaindb refused before deploying anything.  A missing revert script likewise."""
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("miss", f"a {PLANNED} # A.", f"b {PLANNED} # B.",
                                 f"c {PLANNED} # C."),
             **table_change("a"), **table_change("c"), "revert/b.sql": "SELECT 1;\n"}
    twins = Twins(tmp_path, files, make_db)
    twins.run("deploy", "URI", rc=2)
    twins.run("deploy", "--mode", "change", "URI", rc=2)
    twins.edit({"revert/a.sql": ""})
    for root in twins.dirs.values():
        (root / "revert/a.sql").unlink()
    twins.run("revert", "-y", "URI", rc=2)
    twins.run("deploy", "--log-only", "URI")


def test_connection_failures_print_libpqs_message(tmp_path):
    """A target nobody listens on: Sqitch prints libpq's message as DBD::Pg gives it (the
    hint line too), after status's "# On database" line; chaindb printed "cannot connect
    to DEST: <first line>" (still its wording for its own commands)."""
    files = {"sqitch.conf": "[core]\n\tengine = pg\n",
             "sqitch.plan": plan("down", f"a {PLANNED} # A."), **table_change("a")}
    project = write(tmp_path / "p", files)
    for argv in (("deploy",), ("status",), ("log",), ("revert", "-y"), ("verify",)):
        argv = (*argv, "db:pg://postgres@127.0.0.1:1/nowhere")
        theirs = subprocess.run(["sqitch", *argv], cwd=project, capture_output=True,
                                text=True, env={**os.environ, **IDENTITY})
        ours = chaindb_cli(*argv, cwd=project, env=IDENTITY)
        assert (ours.returncode, ours.stdout) == (theirs.returncode, theirs.stdout), argv
        assert ours.stderr == "chaindb: " + theirs.stderr, argv
        assert "Connection refused\n\tIs the server running" in ours.stderr
