"""Operator commands beside deploys: clear, backup, restore (the seeds' ``manage_db.py clear
--force / backup / restore``).

* ``clear``: one ``TRUNCATE ... RESTART IDENTITY`` of every application table, in one
  transaction under a lock timeout.  Kept: the Sqitch registry, reference data (REFERENCE_TABLES:
  the curriculum, retention rules, the matview schedule, compliance standards, staking pools...), and the
  schemas that hold no application rows (KEEP_SCHEMAS).  Triggers stay on: the TRUNCATE audit and
  change-feed triggers fire as for any TRUNCATE.  A kept table that references a cleared one
  makes the TRUNCATE fail (no CASCADE: nothing outside the list is ever emptied).
* ``backup``: ``pg_dump --format=custom`` of the whole database (registry included) into a
  temporary file beside the destination, checked with ``pg_restore --list``, then renamed: an
  interrupted backup never leaves a half-written file under the final name.
* ``restore``: checks the file first (exists, custom format, every data block readable -- a
  truncated file is refused before the target is touched), refuses a non-empty target unless
  ``--clean``, then ``pg_restore --single-transaction --exit-on-error`` (all or nothing), then
  the caller runs ``chaindb verify``.  ``--enable-row-security``: the materialized views are
  refreshed at the end of a restore as their owner, chain_owner, whose reads go through forced
  RLS (its owner policies); pg_restore's default row_security=off makes those reads fail.  The
  restoring superuser bypasses RLS for the data itself either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from chaindb.errors import ChaindbError

# Reference data: rows the schema's own changes load and the application reads but does not
# own.  ``chaindb clear`` keeps these; a change adding reference data adds its table here.
REFERENCE_TABLES = frozenset({
    "core.state_transitions",          # every state machine's allowed transitions
    "education.modules",               # the Off the Grid curriculum
    "education.module_prerequisites",  # its unlock graph
    "ops.retention_policies",          # retention rules loaded by their changes
    "maint.matview_schedule",          # one row per materialized view, by its change
    "compliance.standards",            # TraceChain compliance standards
    "token.staking_pools",             # TraceChain staking pools
})
# Schemas without application rows (or owned by tools): never cleared.
KEEP_SCHEMAS = frozenset({"pg_catalog", "information_schema", "public", "tap", "tests", "maint",
                          "diag", "cron"})

BACKUP_MAGIC = b"PGDMP"


class OpsError(ChaindbError):
    """A refused or failed clear, backup or restore."""


def _quote_table(name: str) -> str:
    from psycopg import sql

    schema, _, table = name.partition(".")
    return sql.Identifier(schema, table)


# ------------------------------------------------------------------ clear

APP_TABLES_SQL = """
SELECT n.nspname || '.' || c.relname
  FROM pg_catalog.pg_class AS c
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname !~ '^pg_' AND n.nspname <> ALL (%(keep)s::text[])
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d
                    WHERE d.objid = c.oid AND d.deptype = 'e')   -- extension-owned
 ORDER BY 1
"""


@dataclass
class ClearPlan:
    cleared: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def clear_plan(conn, registry: str) -> ClearPlan:
    """Which tables ``clear`` empties and which it keeps (and their row counts)."""
    keep_schemas = sorted(KEEP_SCHEMAS | {registry})
    plan = ClearPlan()
    for (name,) in conn.execute(APP_TABLES_SQL, {"keep": keep_schemas}).fetchall():
        (plan.kept if name in REFERENCE_TABLES else plan.cleared).append(name)
    return plan


def clear(conn, registry: str, *, lock_timeout: str = "10s") -> ClearPlan:
    """Empty every application table in one transaction; returns what was cleared with the row
    counts it held.  Nothing is emptied when anything fails."""
    from psycopg import sql

    plan = clear_plan(conn, registry)
    if not plan.cleared:
        return plan
    with conn.transaction():
        conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(lock_timeout)))
        for name in plan.cleared:
            plan.rows[name] = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(_quote_table(name))).fetchone()[0]
        # One TRUNCATE per group of tables linked by foreign keys (a referenced table must be
        # emptied with its referencing ones), not one for all: a TRUNCATE trigger may empty
        # another table itself (trace.checkpoints empties trace.traceability_chain), which
        # fails if that table is part of the same statement.
        for group in _fk_groups(conn, plan.cleared):
            conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
                sql.SQL(", ").join(_quote_table(n) for n in group)))
        written = [n for n in plan.cleared
                   if conn.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(
                       _quote_table(n))).fetchone()[0]]
        if written:  # rows the TRUNCATE triggers wrote (audit of the TRUNCATE itself)
            conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
                sql.SQL(", ").join(_quote_table(n) for n in written)))
    return plan


def _fk_groups(conn, tables: list[str]) -> list[list[str]]:
    """``tables`` split into the groups that foreign keys among them connect."""
    parent = {t: t for t in tables}

    def find(t: str) -> str:
        while parent[t] != t:
            parent[t] = parent[parent[t]]
            t = parent[t]
        return t

    for a, b in conn.execute(
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text "
            "FROM pg_catalog.pg_constraint AS c WHERE c.contype = 'f'").fetchall():
        a, b = _plain_name(a), _plain_name(b)
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for t in tables:
        groups.setdefault(find(t), []).append(t)
    return list(groups.values())


def _plain_name(regclass_text: str) -> str:
    return regclass_text.replace('"', "")


# ------------------------------------------------------------------ pg_dump / pg_restore

def _tool(name: str) -> str:
    from chaindb.cluster import bin_dir

    try:
        candidate = bin_dir() / name
        if candidate.exists():
            return str(candidate)
    except ChaindbError:
        pass
    found = shutil.which(name)
    if not found:
        raise OpsError(f"{name} not found (install postgresql-15)")
    return found


def _libpq(uri: str) -> tuple[str, dict[str, str]]:
    """(conninfo without the password, environment with PGPASSWORD) for a db:pg: URI."""
    from psycopg.conninfo import make_conninfo

    from chaindb.config import connect_kwargs

    kwargs = connect_kwargs(uri)
    env = dict(os.environ)
    password = kwargs.pop("password", None)
    if password:
        env["PGPASSWORD"] = password
    return make_conninfo(**kwargs), env


def _last_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()] or lines
    return errors[0] if errors else "no message"


@dataclass
class BackupResult:
    file: str
    bytes: int
    entries: int
    seconds: float


def backup(uri: str, out: Path) -> BackupResult:
    """pg_dump --format=custom of the whole database (registry included) into ``out``."""
    import time

    conninfo, env = _libpq(uri)
    out = Path(out)
    if out.is_dir():
        raise OpsError(f"{out} is a directory: give a file name with -o")
    if not out.parent.exists():
        raise OpsError(f"directory {out.parent} does not exist")
    started = time.monotonic()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        proc = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-password",
                               f"--file={tmp}", f"--dbname={conninfo}"],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise OpsError(f"pg_dump failed: {_last_error(proc.stderr)}")
        listing = subprocess.run([_tool("pg_restore"), "--list", str(tmp)],
                                 capture_output=True, text=True)
        if listing.returncode != 0:
            raise OpsError(f"the new backup does not read back: {_last_error(listing.stderr)}")
        entries = sum(1 for line in listing.stdout.splitlines()
                      if line and not line.startswith(";"))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult(str(out), out.stat().st_size, entries, time.monotonic() - started)


def check_backup_file(path: Path) -> int:
    """Raise OpsError unless ``path`` is a complete pg_dump custom-format archive; returns
    the number of TOC entries.  Reads every data block (pg_restore into /dev/null)."""
    path = Path(path)
    if not path.exists():
        raise OpsError(f"backup file {path} does not exist")
    if not path.is_file():
        raise OpsError(f"backup file {path} is not a regular file")
    with path.open("rb") as fh:
        head = fh.read(5)
    if head != BACKUP_MAGIC:
        raise OpsError(f"{path} is not a pg_dump custom-format backup (chaindb backup writes one)")
    listing = subprocess.run([_tool("pg_restore"), "--list", str(path)],
                             capture_output=True, text=True)
    if listing.returncode != 0:
        raise OpsError(f"backup file {path} is truncated or corrupt: {_last_error(listing.stderr)}")
    full = subprocess.run([_tool("pg_restore"), "--file=/dev/null", str(path)],
                          capture_output=True, text=True)
    if full.returncode != 0 or "error" in full.stderr.lower():
        raise OpsError(f"backup file {path} is truncated or corrupt: {_last_error(full.stderr)}")
    return sum(1 for line in listing.stdout.splitlines() if line and not line.startswith(";"))


NONEMPTY_SQL = """
SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')),
       (SELECT count(*) FROM pg_catalog.pg_namespace AS s
         WHERE s.nspname !~ '^pg_' AND s.nspname NOT IN ('information_schema', 'public'))
  FROM pg_catalog.pg_class AS c
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
 WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
"""


def target_is_empty(conn) -> tuple[bool, str]:
    relations, schemas = conn.execute(NONEMPTY_SQL).fetchone()
    if relations or schemas:
        return False, f"{relations} relations in {schemas} schemas"
    return True, ""


@dataclass
class RestoreResult:
    file: str
    entries: int
    seconds: float


def restore(uri: str, path: Path, *, clean: bool, conn) -> RestoreResult:
    """Check ``path``, refuse a non-empty target without ``clean``, restore all or nothing."""
    import time

    started = time.monotonic()
    entries = check_backup_file(path)
    empty, what = target_is_empty(conn)
    if not empty and not clean:
        raise OpsError(f"target database {conn.info.dbname} is not empty ({what}); "
                       "restore into an empty database or add --clean to replace its objects")
    conninfo, env = _libpq(uri)
    if empty:
        proc = subprocess.run([_tool("pg_restore"), "--no-password", "--single-transaction",
                               "--exit-on-error", "--enable-row-security",
                               f"--dbname={conninfo}", str(path)],
                              capture_output=True, text=True, env=env)
    else:
        proc = _restore_clean(conn, conninfo, env, Path(path))
    if proc.returncode != 0:
        raise OpsError(f"pg_restore failed, nothing restored: {_last_error(proc.stderr)}")
    return RestoreResult(str(path), entries, time.monotonic() - started)


def _restore_clean(conn, conninfo: str, env: dict, path: Path) -> subprocess.CompletedProcess:
    """--clean into a non-empty database, all or nothing: one psql --single-transaction runs
    a prelude that drops every schema of ours (CASCADE; public is emptied and recreated as
    PostgreSQL 15 creates it) and then the archive's SQL from pg_restore.  (pg_restore
    --clean drops object by object and fails on partitioned tables' inherited constraints.)"""
    from psycopg import sql

    schemas = [r[0] for r in conn.execute(
        "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' "
        "AND nspname NOT IN ('information_schema', 'public') ORDER BY 1").fetchall()]
    prelude = [sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE;").format(sql.Identifier(s))
               for s in schemas]
    prelude += [sql.SQL("DROP SCHEMA IF EXISTS public CASCADE;"),
                sql.SQL("CREATE SCHEMA public AUTHORIZATION pg_database_owner;"),
                sql.SQL("GRANT USAGE ON SCHEMA public TO PUBLIC;"),
                sql.SQL("COMMENT ON SCHEMA public IS 'standard public schema';")]
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as fh:
        fh.write("\n".join(p.as_string(conn) for p in prelude) + "\n")
        prelude_file = fh.name
    try:
        dump = subprocess.Popen([_tool("pg_restore"), "--enable-row-security", "--file=-",
                                 str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc = subprocess.run([_tool("psql"), "--no-psqlrc", "--quiet", "--no-password",
                               "--set", "ON_ERROR_STOP=1", "--single-transaction",
                               "--file", prelude_file, "--file", "-", f"--dbname={conninfo}"],
                              stdin=dump.stdout, capture_output=True, text=True, env=env)
        dump.stdout.close()
        dump_err = dump.stderr.read().decode(errors="replace")
        dump.wait()
    finally:
        os.unlink(prelude_file)
    if dump.returncode != 0 and proc.returncode == 0:
        return subprocess.CompletedProcess(proc.args, dump.returncode, "", dump_err)
    return proc
