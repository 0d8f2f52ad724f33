"""Engine semantics against a real PostgreSQL: modes, --to with symbolic refs, verify
failures, revert refusals, the advisory lock, drift, log-only, atomic registry writes."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from conftest import GOLDEN, chaindb_cli
from test_registry_golden import pg_server  # noqa: F401  (plain server, see there)

PROJECTS = GOLDEN / "projects"
IDENTITY = {"SQITCH_FULLNAME": "Zoë Ŝqitcher", "SQITCH_EMAIL": "zoe@example.com"}


def run(cwd: Path, *args: str, rc: int = 0):
    proc = chaindb_cli(*args, cwd=cwd, env=IDENTITY)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def deployed_names(db, project: str = "golden") -> list[str]:
    with db.connect() as conn:
        return [r[0] for r in conn.execute(
            "SELECT change FROM sqitch.changes WHERE project = %s ORDER BY committed_at",
            (project,))]


@pytest.fixture
def golden(tmp_path, empty_db):
    """Project golden (with base deployed first) in tmp, and its database."""
    base, gold = tmp_path / "base", tmp_path / "golden"
    shutil.copytree(PROJECTS / "base", base)
    shutil.copytree(PROJECTS / "golden", gold)
    run(base, "deploy", empty_db.uri)
    return gold, base, empty_db


def overlay(project: Path, name: str) -> None:
    shutil.copytree(PROJECTS / f"golden-{name}-overrides", project, dirs_exist_ok=True)


def test_deploy_and_revert_to_symbolic_refs(golden):
    project, _, db = golden
    proc = run(project, "deploy", "--to", "@v1.0", db.uri)
    assert "Deploying changes through userfuncs @v1.0 to" in proc.stdout
    assert deployed_names(db) == ["appschema", "users", "flips", "userfuncs"]
    run(project, "deploy", "--to", "HEAD^", db.uri)            # all but the last
    assert deployed_names(db)[-1] == "widgets/more"
    proc = run(project, "deploy", "--to", "users", db.uri, rc=2)
    assert 'Cannot deploy to an earlier change; use "revert" instead' in proc.stderr
    run(project, "revert", "-y", "--to", "flips", db.uri)
    assert deployed_names(db) == ["appschema", "users", "flips"]
    run(project, "revert", "-y", "--to", "@HEAD^", db.uri)     # one back from the latest
    assert deployed_names(db) == ["appschema", "users"]
    proc = run(project, "revert", "-y", "--to", "données", db.uri, rc=2)
    assert proc.stderr.strip() == 'chaindb: Change not deployed: "données"'
    proc = run(project, "revert", "-y", "--to", "nosuch", db.uri, rc=2)
    assert proc.stderr.strip() == 'chaindb: Unknown change: "nosuch"'


def test_mode_change_keeps_what_succeeded(golden):
    project, _, db = golden
    overlay(project, "broken")
    proc = run(project, "deploy", "--mode", "change", db.uri, rc=2)
    assert "Reverting" not in proc.stdout
    assert deployed_names(db) == ["appschema", "users", "flips", "userfuncs", "userfuncs"]
    with db.connect() as conn:
        assert conn.execute("SELECT event FROM sqitch.events ORDER BY committed_at DESC"
                            " LIMIT 1").fetchone()[0] == "fail"


def test_failing_verify_runs_revert_and_logs_fail_only(golden):
    project, _, db = golden
    overlay(project, "verifybroken")
    proc = run(project, "deploy", "--verify", "--mode", "change", db.uri, rc=2)
    # Sqitch vents it (stderr), after psql's error, before "not ok" on stdout
    assert 'Verify script "verify/données.sql" failed.\nchaindb: Deploy failed\n' in proc.stderr
    assert proc.stdout.endswith("  + données .......... not ok\n")
    assert "données" not in deployed_names(db)
    with db.connect() as conn:
        events = [r[0] for r in conn.execute(
            "SELECT event FROM sqitch.events WHERE change = 'données'")]
        assert events == ["fail"]
        assert conn.execute("SELECT to_regclass('app.données')").fetchone()[0] is None


def test_revert_refused_while_another_project_requires_it(golden):
    project, base, db = golden
    run(project, "deploy", db.uri)
    proc = run(base, "revert", "-y", db.uri, rc=2)
    assert proc.stderr.startswith('chaindb: Change "base_schema @v1" required by currently '
                                  'deployed changes: golden:flips')
    assert deployed_names(db, "base") == ["base_schema"]


def test_second_deploy_waits_for_the_lock_then_times_out(golden):
    project, _, db = golden
    with db.connect() as holder:
        holder.execute("SELECT pg_advisory_lock(75474063)")
        started = time.monotonic()
        proc = run(project, "--lock-timeout", "1", "deploy", db.uri, rc=2)
        assert time.monotonic() - started >= 1
    assert "Waiting for another deploy to finish" in proc.stdout
    assert proc.stderr.startswith("chaindb: Timed out waiting 1 seconds for another instance "
                                  "of chaindb or sqitch")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert deployed_names(db) == []
    run(project, "deploy", db.uri)                               # lock released: proceeds
    assert len(deployed_names(db)) == 7


def test_status_and_check_detect_drift(golden):
    project, _, db = golden
    run(project, "deploy", db.uri)
    status = json.loads(run(project, "status", "--json", db.uri).stdout)
    assert status["drift"] == [] and status["undeployed"] == []
    overlay(project, "modified")
    status = json.loads(run(project, "status", "--json", db.uri).stdout)
    assert status["drift"] == ["flips"]
    # the text stays Sqitch's (sqitch 1.3.1 does not name drifted changes in status)
    text = run(project, "status", db.uri).stdout
    assert "Modified" not in text and "flips" not in text
    proc = run(project, "check", db.uri, rc=1)
    # Sqitch's layout: the verdict on stdout too (exit 1 is Sqitch's non-fatal kind)
    assert proc.stdout.endswith("Script signatures diverge at change flips\nFailed one check\n")
    assert proc.stderr == ""


def test_log_only_records_without_running_and_verify_then_fails(golden):
    project, _, db = golden
    run(project, "deploy", "--log-only", db.uri)
    assert len(deployed_names(db)) == 7
    proc = run(project, "verify", db.uri, rc=2)
    assert "Verify Summary Report" in proc.stdout
    # psql's own error lines for each failing verify script, then the one-line verdict
    assert proc.stderr.startswith("psql:verify/")
    assert proc.stderr.strip().splitlines()[-1] == "chaindb: Verify failed"
    run(project, "revert", "-y", "--log-only", db.uri)
    assert deployed_names(db) == []


def _tiny_project(root: Path, scripts: dict[str, str]) -> Path:
    """A project 'tiny' whose changes are added with `chaindb add`, scripts replaced."""
    root.mkdir()
    (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (root / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=tiny\n\n")
    for name, deploy in scripts.items():
        run(root, "add", name, "-n", f"Change {name}.")
        (root / "deploy" / f"{name}.sql").write_text(deploy)
        (root / "revert" / f"{name}.sql").write_text("SELECT 1;\n")
        (root / "verify" / f"{name}.sql").write_text("SELECT 1;\n")
    return root


def test_script_and_registry_rows_commit_atomically(tmp_path, empty_db):
    """Two byte-identical deploy scripts: the second one's registry insert violates
    UNIQUE(project, script_hash) -- atomically, so its script's INSERT is rolled back too;
    then, as Sqitch, its revert script runs (here `SELECT 1`, which prints 1)."""
    script = ("BEGIN;\nCREATE TABLE IF NOT EXISTS public.runs (n int);\n"
              "INSERT INTO public.runs VALUES (1);\nCOMMIT;\n")
    project = _tiny_project(tmp_path / "tiny", {"one": script, "two": script})
    proc = run(project, "deploy", "--mode", "change", empty_db.uri, rc=2)
    # the server's error as Sqitch vents DBD::Pg's, on stderr; "not ok" after it
    assert ('\nERROR:  duplicate key value violates unique constraint '
            '"changes_project_script_hash_key"\nDETAIL:  Key ') in proc.stderr
    assert proc.stdout.endswith("  + two .. 1\nnot ok\n")
    with empty_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM public.runs").fetchone()[0] == 1
    assert deployed_names(empty_db, "tiny") == ["one"]


def test_plain_change_script_and_registry_rows_are_one_message_and_one_transaction(
        tmp_path, empty_db):
    """The fast path (engine._run_atomic): a plain BEGIN/COMMIT script, its registry rows
    and its COMMIT reach the server as one Query message -- statement_timestamp() is that
    message's arrival, the same for the script and for the registry's INSERT -- and commit
    as one transaction.  A script with a meta-command (\\set) is not plain: its rows follow
    in a second message, still in its transaction."""
    stamp = ("BEGIN;\n{meta}INSERT INTO public.stamps SELECT '{name}', statement_timestamp(),"
             " pg_current_xact_id()::text;\nSELECT 'printed by {name}';\nCOMMIT;\n")
    project = _tiny_project(tmp_path / "tiny", {
        "setup": "CREATE TABLE public.stamps (who text, st timestamptz, tx text);\n",
        "plain": stamp.format(name="plain", meta=""),
        "meta": stamp.format(name="meta", meta="\\set x 1\n")})
    run(project, "deploy", "--to", "setup", empty_db.uri)
    with empty_db.connect() as conn:      # what the registry's INSERT into changes sees
        conn.execute(
            "CREATE FUNCTION public.stamp_registry() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN INSERT INTO public.stamps SELECT 'registry ' || NEW.change,"
            " statement_timestamp(), pg_current_xact_id()::text; RETURN NULL; END $$;"
            " CREATE TRIGGER stamp AFTER INSERT ON sqitch.changes FOR EACH ROW"
            " EXECUTE FUNCTION public.stamp_registry()")
    proc = run(project, "deploy", empty_db.uri)
    assert "printed by plain" in proc.stdout and "printed by meta" in proc.stdout
    with empty_db.connect() as conn:
        stamps = {who: (st, tx) for who, st, tx in conn.execute("SELECT * FROM public.stamps")}
    assert stamps["plain"] == stamps["registry plain"]            # one message, one xact
    assert stamps["meta"][1] == stamps["registry meta"][1]        # one transaction
    assert stamps["meta"][0] != stamps["registry meta"][0]        # two messages


def test_multi_transaction_script_falls_back_to_sqitch_protocol(tmp_path, empty_db):
    project = _tiny_project(tmp_path / "tiny", {
        "multi": "CREATE TABLE public.a (n int);\nBEGIN;\nCREATE TABLE public.b (n int);\n"
                 "COMMIT;\n"})
    run(project, "deploy", empty_db.uri)
    assert deployed_names(empty_db, "tiny") == ["multi"]
    with empty_db.connect() as conn:
        assert conn.execute("SELECT to_regclass('public.b')").fetchone()[0] is not None


def test_conflict_with_deployed_change_is_refused(tmp_path, empty_db):
    project = _tiny_project(tmp_path / "tiny", {"one": "SELECT 1;\n"})
    run(project, "deploy", empty_db.uri)
    run(project, "add", "two", "-x", "one", "-n", "Conflicts with one.")
    (project / "deploy" / "two.sql").write_text("SELECT 2;\n")
    proc = run(project, "deploy", empty_db.uri, rc=2)
    assert proc.stderr.strip() == "chaindb: Conflicts with previously deployed change: one"
    assert deployed_names(empty_db, "tiny") == ["one"]
