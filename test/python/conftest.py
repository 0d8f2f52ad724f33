"""Shared pytest fixtures: one real PostgreSQL 15 per session, started by pytest-postgresql.

* ``pg_server``  -- the session's server.  Its template database holds pgTAP (schema ``tap``),
  the whole plan deployed by chaindb itself with ``--verify``, and the test helpers
  (``test/helpers/*.sql``, schema ``tests``).  PostgreSQL refuses to run as root, so
  pytest-postgresql drives it through ``chaindb-pg-ctl`` (pg_ctl as the postgres user).
* ``deployed_db`` -- a fresh clone of that template for one test (dropped afterwards).
* ``empty_db``    -- a fresh, empty database on the same server, for the tool's own tests.

Each database is a ``Db`` (= ``harness.Database``: host, port, user, dbname; ``uri`` for
chaindb and sqitch, ``libpq_uri`` for psql and psycopg, ``connect()``).
``CHAINDB_TEST_DEPLOYER=sqitch`` deploys the template with the real Sqitch instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from pytest_postgresql import factories

from chaindb.cluster import bin_dir
from harness import TEST_SEARCH_PATH, Database  # noqa: F401  (re-exported)

REPO = Path(__file__).resolve().parents[2]


# The Sqitch golden vectors (made by the real sqitch 1.3.1; test/golden/README.md).
GOLDEN = REPO / "test" / "golden"
# The suite's one database helper lives in harness (Db is the name the tool tests use).
Db = Database


def pytest_configure(config):
    """A temporary directory of this run's own, unless --basetemp names one.  pytest's default
    (/tmp/pytest-of-<user>/pytest-N) keeps the 3 newest runs of the user and deletes older ones:
    a second suite started beside this one (another checkout, a worktree) would delete the data
    directory of this run's PostgreSQL servers, which then shut down (a postmaster stops when its
    lock file goes).  xdist workers get their directory from the controller."""
    if config.option.basetemp is None and not hasattr(config, "workerinput"):
        config.option.basetemp = tempfile.mkdtemp(prefix="chaindb-pytest-")
        config._chaindb_basetemp = config.option.basetemp


def pytest_unconfigure(config):
    made = getattr(config, "_chaindb_basetemp", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)


def chaindb_cli(*args: str, cwd: Path = REPO, check: bool = False,
                env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the installed ``chaindb`` command as a user would."""
    return subprocess.run([sys.executable, "-m", "chaindb", *args], cwd=cwd, check=check,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def load_template(host, port, user, dbname, password=None, **_):
    """pytest-postgresql loader: pgTAP, the deployed plan, the test helpers."""
    db = Db(host, int(port), user, dbname)
    with db.connect() as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS tap")
        conn.execute("GRANT USAGE ON SCHEMA tap TO PUBLIC")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap SCHEMA tap")
    if os.environ.get("CHAINDB_TEST_DEPLOYER") == "sqitch":
        cmd = ["sqitch", "deploy", "--verify", db.uri]
    else:
        cmd = [sys.executable, "-m", "chaindb", "deploy", "--verify", db.uri]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"deploying the plan into the template failed:\n{proc.stdout}\n{proc.stderr}")
    from chaindb.script import run_file

    with db.connect() as conn:
        for helper in sorted((REPO / "test" / "helpers").glob("*.sql")):
            run_file(conn, helper)


def venv_tool(name: str) -> str | None:
    """A console script beside this interpreter (the venv's bin), else on PATH.  Looked up
    here first so `.venv/bin/python -m pytest` works without the venv's bin on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def pg_ctl_shim() -> str:
    """chaindb-pg-ctl (pg_ctl as the postgres user when run as root), for every
    pytest-postgresql server of the suite: never the real pg_ctl found on PATH."""
    found = venv_tool("chaindb-pg-ctl")
    if not found:
        raise RuntimeError("chaindb-pg-ctl not found: pip install -e '.[test]' first")
    return found


_pg_ctl_shim = pg_ctl_shim          # the former name


# The test server preloads pg_stat_statements and pg_cron as the embedded cluster does. pg_cron's
# database is CRON_DATABASE, not the template: its launcher stays connected to that database, and a
# template with a connection cannot be cloned. So the template deploys maint/schedule without pg_cron
# (the NOTICE path) and test_schedule.py deploys into CRON_DATABASE for the scheduled path.
CRON_DATABASE = "chaindb_cron"
pg_server = factories.postgresql_proc(
    executable=pg_ctl_shim(),
    dbname="chaindb_tests",
    postgres_options=("-c max_connections=200 -c shared_preload_libraries=pg_stat_statements,pg_cron "
                      f"-c cron.database_name={CRON_DATABASE} -c cron.use_background_workers=on"),
    load=[load_template],
)
deployed_conn = factories.postgresql("pg_server")


@pytest.fixture
def deployed_db(deployed_conn) -> Db:
    """A fresh clone of the deployed template, as a Db."""
    info = deployed_conn.info
    return Db(info.host, info.port, info.user, info.dbname)


def _server_db(pg_server, dbname: str) -> Db:
    return Db(pg_server.host, int(pg_server.port), pg_server.user, dbname)


@pytest.fixture
def empty_db(pg_server):
    """A fresh empty database (from template0) on the session's server."""
    name = "t_" + uuid.uuid4().hex[:12]
    admin = _server_db(pg_server, "postgres")
    with admin.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield _server_db(pg_server, name)
    with admin.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_db(pg_server):
    """A factory of fresh empty databases, all dropped at the end of the test."""
    names: list[str] = []
    admin = _server_db(pg_server, "postgres")

    def make() -> Db:
        name = "t_" + uuid.uuid4().hex[:12]
        with admin.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        names.append(name)
        return _server_db(pg_server, name)

    yield make
    with admin.connect() as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def seeded_db(deployed_db) -> Db:
    """A fresh clone of the deployed template with the dev seed profile loaded -- the same
    rows `make up` loads (tools/chaindb/templates/seeds, docs/seeding.md)."""
    import io

    from chaindb import seed

    sources, _ = seed.sources(REPO)
    with deployed_db.connect() as conn:
        seed.run(conn, seed.render_all(sources, "dev"), profile="dev", scale=1, seed=1,
                 variables={"registry": "sqitch"},
                 progress=seed.Progress(io.StringIO(), tty=False))
    return deployed_db
