"""`chaindb add`: Sqitch's template lookup and options, the project's own templates (their
skeletons deploy, verify, revert and pass their pgTAP), and nothing half-written when a
write fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import REPO, chaindb_cli

IDENTITY = {"SQITCH_FULLNAME": "Ann Planner", "SQITCH_EMAIL": "ann@example.com"}
PROJECT_PARTS = ("sqitch.plan", "sqitch.conf", "deploy", "revert", "verify", "functions",
                 "views", "roles", "templates", "test/helpers")


def copy_project(dest: Path) -> Path:
    """This project as the session's template database was deployed from (working tree)."""
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)
    return dest


def add(project: Path, *args: str, rc: int = 0) -> subprocess.CompletedProcess:
    proc = chaindb_cli("add", *args, cwd=project, env=IDENTITY)
    assert proc.returncode == rc, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def dirs(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir())


def test_project_templates_deploy_verify_test_and_revert(tmp_path, deployed_db):
    """The three templates of templates/ (table, function, view) give changes that deploy
    with --verify, whose pgTAP skeletons pass with their fixed plans, that revert, and
    whose verify scripts raise once the object is gone."""
    project = copy_project(tmp_path / "p")
    out = add(project, "trading/widgets", "-r", "core/backend_access", "-n", "Widgets.").stdout
    assert out.splitlines() == [
        "Created deploy/trading/widgets.sql", "Created test/pgtap/trading/widgets.sql",
        "Created revert/trading/widgets.sql", "Created verify/trading/widgets.sql",
        'Added "trading/widgets [core/backend_access]" to sqitch.plan']
    add(project, "trading/widget_count", "--template", "function", "-r", "trading/widgets",
        "-n", "Count.")
    add(project, "trading/widget_list", "-t", "view", "-r", "trading/widgets", "-n", "List.")
    deploy = (project / "deploy/trading/widget_count.sql").read_text()
    assert "SET LOCAL search_path = pg_catalog, pg_temp;" in deploy
    assert "\\ir ../../functions/trading/widget_count.sql" in deploy
    assert (project / "functions/trading/widget_count.sql").is_file()
    assert (project / "views/trading/widget_list.sql").is_file()
    assert "SELECT plan(11);" in (project / "test/pgtap/trading/widgets.sql").read_text()
    assert "tests.table_conventions('trading.widgets')" in (
        project / "test/pgtap/trading/widgets.sql").read_text()

    uri = deployed_db.uri
    proc = chaindb_cli("deploy", "--verify", uri, cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = chaindb_cli("test", uri, "test/pgtap/trading", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All tests successful." in proc.stdout and "Tests=22" in proc.stdout
    proc = chaindb_cli("revert", "-y", "--to", "@HEAD^3", uri, cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for change in ("widgets", "widget_count", "widget_list"):
        verify = subprocess.run(
            ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", deployed_db.libpq_uri, "-f",
             f"verify/trading/{change}.sql"], cwd=project, capture_output=True, text=True)
        assert verify.returncode != 0, f"verify/trading/{change}.sql does not raise"


def test_sqitch_template_options(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "sqitch.conf").write_text("[core]\n\tengine = pg\n")
    (project / "sqitch.plan").write_text("%syntax-version=1.0.0\n%project=p\n\n")
    # no template directory: Sqitch's own pg templates
    add(project, "plain", "-n", "Plain.")
    assert (project / "deploy/plain.sql").read_text().startswith("-- Deploy p:plain to pg\n")
    assert not (project / "test").exists()
    # --template-directory: every script kind found there; --with/--without
    mine = tmp_path / "mine"
    for kind, text in (("deploy", "d [% change %] [% project %] [% engine %]\n"),
                       ("revert", "r [% object %]\n"), ("verify", "v [% schema %].[% name %]\n"),
                       ("extra", "[% FOREACH r IN requires %]<[% r %]>[% END %] [% who %]\n")):
        (mine / kind).mkdir(parents=True)
        (mine / kind / "pg.tmpl").write_text(text)
        (mine / kind / "other.tmpl").write_text(f"other {kind}\n")
    # chaindb's own template variables only where sqitch.conf asks for them
    (project / "sqitch.conf").write_text("[core]\n\tengine = pg\n[chaindb]\n"
                                         "\ttemplate_variables = true\n")
    add(project, "s/one", "-r", "plain", "--template-directory", str(mine), "--set", "who=me",
        "-n", "One.")
    assert (project / "deploy/s/one.sql").read_text() == "d s/one p pg\n"
    assert (project / "revert/s/one.sql").read_text() == "r s.one\n"
    assert (project / "extra/s/one.sql").read_text() == "<plain> me\n"
    add(project, "s/two", "--template-directory", str(mine), "--without", "extra",
        "--without", "verify", "-t", "other", "-n", "Two.")
    assert (project / "deploy/s/two.sql").read_text() == "other deploy\n"
    assert not (project / "verify/s/two.sql").exists()
    assert not (project / "extra/s/two.sql").exists()
    # add.template_directory and add.template_name from the config; --use for one kind
    (project / "sqitch.conf").write_text(f"[core]\n\tengine = pg\n[add]\n\ttemplate_directory"
                                         f" = {mine}\n\ttemplate_name = other\n")
    (tmp_path / "use.tmpl").write_text("used [% change %]\n")
    add(project, "three", "--use", f"revert={tmp_path / 'use.tmpl'}", "-n", "Three.")
    assert (project / "deploy/three.sql").read_text() == "other deploy\n"
    assert (project / "revert/three.sql").read_text() == "used three\n"

    before = tree(project)
    for argv, message in (
        (("four", "--template-directory", str(tmp_path / "nowhere")), "does not exist"),
        (("four", "--template-directory", str(tmp_path / "use.tmpl")), "is not a directory"),
        (("four", "--template", "nosuch"), "Cannot find"),
        (("four", "--with", "nosuch"), "Cannot find nosuch template"),
        (("four", "--use", "deploy"), "expected script=FILE"),
        (("four", "--use", f"deploy={tmp_path / 'gone'}"), "does not exist"),
        (("three", "-n", "again"), "already exists"),
        (("bad name!",), "is invalid"),
    ):
        proc = add(project, *argv, rc=2)
        # one line, but Sqitch's two-line "already exists ... Use "sqitch rework" ..."
        lines = 2 if message == "already exists" else 1
        assert proc.stderr.count("\n") == lines and message in proc.stderr, (argv, proc.stderr)
    assert tree(project) == before


@contextmanager
def read_only(path: Path):
    """Make ``path`` unwritable, even for root (immutable attribute)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)


@pytest.mark.parametrize("locked", [".", "sqitch.plan", "deploy/s", "verify/s", "test/pgtap",
                                    "functions"])
def test_add_writes_everything_or_nothing(tmp_path, locked):
    project = copy_project(tmp_path / "p")
    for part in ("deploy/s", "verify/s", "test/pgtap"):
        (project / part).mkdir(parents=True, exist_ok=True)
    before, before_dirs = tree(project), dirs(project)
    with read_only(project / locked):
        proc = add(project, "s/thing", "-t", "function", "-n", "Thing.", rc=2)
    assert proc.stderr.count("\n") == 1 and "nothing was added" in proc.stderr, proc.stderr
    assert proc.stdout == ""
    assert tree(project) == before and dirs(project) == before_dirs
    # and once writable, the same command works
    add(project, "s/thing", "-t", "function", "-n", "Thing.")
