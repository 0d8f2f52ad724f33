"""Every pgTAP file under test/pgtap is a pytest item, run on a fresh clone of the deployed
template through chaindb.pgtap; the real pg_prove must pass the same tree; and every file
has a fixed plan (never no_plan(), which hides assertions that silently stopped running).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import harness

FILES = harness.pgtap_files()
_PLAN_CALL = re.compile(r"\bplan\s*\(\s*\d+\s*\)", re.I)
_NO_PLAN_CALL = re.compile(r"\bno_plan\s*\(", re.I)


@pytest.mark.parametrize("path", FILES, ids=harness.relative)
def test_pgtap_file(deployed_db, path):
    from chaindb.pgtap import format_summary

    result = harness.run_pgtap(deployed_db, [path])[harness.relative(path)]
    assert result.ok, "\n" + format_summary([result]) + "\n--- TAP ---\n" + result.output


def test_pgtap_tree_exists():
    """Guards the parametrisation: an empty or misplaced tree would pass vacuously."""
    assert FILES, f"no pgTAP files under {harness.PGTAP_DIR}"


@pytest.mark.parametrize("path", FILES, ids=harness.relative)
def test_pgtap_file_has_fixed_plan(path):
    text = re.sub(r"--[^\n]*", "", path.read_text())      # comments may mention no_plan
    assert not _NO_PLAN_CALL.search(text), f"{harness.relative(path)}: uses no_plan()"
    assert _PLAN_CALL.search(text), f"{harness.relative(path)}: no SELECT plan(N)"


@pytest.mark.skipif(shutil.which("pg_prove") is None, reason="pg_prove is not installed")
def test_pg_prove_passes_the_tree(deployed_db):
    env = {**os.environ, "PGHOST": deployed_db.host, "PGPORT": str(deployed_db.port),
           "PGUSER": deployed_db.user, "PGDATABASE": deployed_db.dbname,
           "PGOPTIONS": f"-c search_path={harness.TEST_SEARCH_PATH}"}
    proc = subprocess.run(["pg_prove", "--ext", ".sql", "-r", "test/pgtap"], cwd=harness.REPO,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Result: PASS" in proc.stdout, proc.stdout
