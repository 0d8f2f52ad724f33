"""chaindb.script.run_file against the real psql, script by script.

Every ``runner_corpus/NN_*.sql`` runs twice, in two fresh databases: once with psql and
Sqitch's flags, once with run_file.  Schema, data, stdout and stderr (byte for byte: psql's
``psql:FILE:LINE: ERROR:  ...`` with its LINE excerpt and caret, DETAIL/HINT/CONTEXT lines,
notices and warnings, \\warn text, meta-command complaints) and the failure point must be
identical.  A script that is meant to fail declares ``-- expect-error: SQLSTATE`` on its
first line (psql does not print SQLSTATEs with Sqitch's flags, so the test checks ours
against the declaration and psql's message/file/line against ours).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from chaindb.script import ScriptError, run_file

CORPUS = Path(__file__).resolve().parent / "runner_corpus"
SCRIPTS = sorted(CORPUS.glob("[0-9][0-9]_*.sql"))
VARIABLES = {"registry": "sqitch"}
PSQL_ERROR = re.compile(r"^psql:(?P<file>[^:\n]+):(?P<line>\d+): ERROR:  (?P<message>.*)$", re.M)
# a SQLSTATE, or "meta": a meta-command error (psql's "error: ...", no SQLSTATE)
EXPECT = re.compile(r"--\s*expect-error:\s*(\w{5}|meta)\b")


def test_corpus_is_big_enough():
    assert len(SCRIPTS) >= 60
    assert sum(1 for s in SCRIPTS if EXPECT.search(s.read_text())) >= 16


def _psql(db, script: Path) -> subprocess.CompletedProcess:
    sets = [arg for k, v in VARIABLES.items() for arg in ("--set", f"{k}={v}")]
    return subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", "--no-align", "--tuples-only",
         "--set", "ON_ERROR_STOP=1", *sets, "--file", script.name,
         "--host", db.host, "--port", str(db.port), "--username", db.user,
         "--dbname", db.dbname],
        cwd=CORPUS, capture_output=True, text=True, timeout=60)


def _dump(db, *flags: str) -> str:
    out = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", *flags, "--host", db.host,
         "--port", str(db.port), "--username", db.user, db.dbname],
        capture_output=True, text=True, timeout=60, check=True).stdout
    out = out.replace(db.dbname, "<db>")
    return "\n".join(line for line in out.splitlines()
                     if not line.startswith(("-- Dumped", "\\restrict", "\\unrestrict")))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_matches_psql(script: Path, make_db, monkeypatch):
    psql_db, our_db = make_db(), make_db()
    psql = _psql(psql_db, script)

    monkeypatch.chdir(CORPUS)  # psql resolves \i against its working directory
    chunks: list[str] = []
    stderr: list[str] = []
    error: ScriptError | None = None
    with our_db.connect() as conn:
        try:
            run_file(conn, script.name, dict(VARIABLES), output=chunks.append,
                     notice=stderr.append)
        except ScriptError as exc:
            error = exc

    assert "".join(chunks) == psql.stdout
    assert "".join(stderr) == psql.stderr
    expected = EXPECT.search(script.read_text())
    if expected and expected.group(1) == "meta":
        assert psql.returncode == 3, psql.stderr
        assert error is not None and error.sqlstate is None, str(error)
        assert psql.stderr.endswith(error.psql_text)
        assert re.search(r"^psql:[^:\n]+:\d+: error: ", error.psql_text)
    elif expected:
        assert psql.returncode == 3, psql.stderr
        found = PSQL_ERROR.search(psql.stderr)
        assert found, psql.stderr
        assert error is not None, "run_file succeeded where psql failed"
        assert error.sqlstate == expected.group(1), str(error)
        assert str(error.path) == found["file"]
        assert error.psql_line == int(found["line"])
        assert error.line <= error.psql_line
        assert error.pg_message == found["message"]
        assert str(error).startswith(f"{found['file']}:{error.line}: ERROR {expected.group(1)}: ")
        assert psql.stderr.endswith(error.psql_text)
    else:
        assert psql.returncode == 0, psql.stderr
        assert error is None, str(error)
    assert _dump(our_db, "--schema-only") == _dump(psql_db, "--schema-only")
    assert _dump(our_db, "--data-only") == _dump(psql_db, "--data-only")
