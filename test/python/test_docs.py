"""The examples of the README and docs/ are executed: docs/example-change.md is run block by
block (its `sh` commands with chaindb, its file blocks written where their headings say)
against a deployed copy of the project, and the README's `chaindb` commands are ones the
docs run or that other tests run."""

from __future__ import annotations

import re
import shlex
import shutil
from conftest import REPO, chaindb_cli

IDENTITY = {"SQITCH_FULLNAME": "Ann Planner", "SQITCH_EMAIL": "ann@example.com"}
PROJECT_PARTS = ("sqitch.plan", "sqitch.conf", "deploy", "revert", "verify", "functions",
                 "views", "roles", "templates", "test/helpers")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def blocks(markdown: str) -> list[tuple[str, str, str]]:
    """(heading above the block, language, text) in document order."""
    found = []
    for m in FENCE.finditer(markdown):
        headings = re.findall(r"^#+ (.*)$", markdown[:m.start()], re.M)
        found.append((headings[-1] if headings else "", m.group(1), m.group(2)))
    return found


def commands(text: str) -> list[list[str]]:
    return [shlex.split(line, comments=True) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_example_change_runs_as_written(tmp_path, deployed_db):
    project = tmp_path / "p"
    for part in PROJECT_PARTS:
        source, dest = REPO / part, project / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest)
    plan_before = (project / "sqitch.plan").read_text()
    env = {**IDENTITY, "SQITCH_TARGET": deployed_db.uri}
    ran, written = [], []
    for heading, language, text in blocks((REPO / "docs/example-change.md").read_text()):
        if language == "sh":
            for argv in commands(text):
                assert argv[0] == "chaindb", argv
                proc = chaindb_cli(*argv[1:], cwd=project, env=env)
                assert proc.returncode == 0, f"{' '.join(argv)}\n{proc.stdout}\n{proc.stderr}"
                ran.append(" ".join(argv))
        elif language == "sql":
            path = heading.split()[0]
            assert (project / path).is_file(), f"{path}: chaindb add did not write it"
            (project / path).write_text(text)
            written.append(path)
        elif language == "":                         # the plan lines the page shows
            # (after a release tag, Sqitch starts the new changes with a blank line)
            added = (project / "sqitch.plan").read_text()[len(plan_before):].lstrip("\n")
            shape = re.compile(r" \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [^<]+ <[^>]+> ")
            assert shape.sub(" ", added) == shape.sub(" ", text)
    assert "chaindb test test/pgtap/shop" in ran and len(written) == 8
    # what the last commands leave: the three changes planned, none deployed
    status = chaindb_cli("status", cwd=project, env=env)
    assert status.returncode == 0 and "Undeployed changes:" in status.stdout
    assert "* shop/schema" in status.stdout and "* shop/widget_price" in status.stdout


def test_readme_commands_are_run_somewhere():
    """Every `chaindb …` line of the README's examples is a command the docs test runs or
    that a test module runs with the same words."""
    readme = (REPO / "README.md").read_text()
    example = [argv for _h, language, text in blocks((REPO / "docs/example-change.md").read_text())
               if language == "sh" for argv in commands(text)]
    tests = "\n".join(p.read_text() for p in (REPO / "test/python").glob("test_*.py"))
    for _heading, language, text in blocks(readme):
        if language != "sh":
            continue
        for argv in commands(text):
            if argv[0] != "chaindb":
                continue
            line = " ".join(argv)
            words = ", ".join(f'"{w}"' for w in argv[1:])
            assert argv in example or words in tests, f"README example not tested: {line}"
