"""`chaindb test`: run the project's pgTAP files against a deployed database, in a scratch
database that is dropped afterwards, and report like pg_prove.

The target itself is never written to.  By default the scratch database is a fresh deploy
of the plan up to the change the target has deployed (so the tests' own fixtures never
clash with the target's data, e.g. what `chaindb seed` loaded); with --with-data it is a
copy of the target (``CREATE DATABASE … TEMPLATE target``: its data included, which needs
no other session connected to the target).  pgTAP (schema ``tap``) and the helpers of
test/helpers/ are installed in the scratch database only.
"""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from chaindb.commands.base import (
    QuietReporter, UsageError, command, context, option, options, split_positionals,
    target_arguments,
)
from chaindb.errors import ChaindbError


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f'invalid number of jobs "{text}": expected 1..64') from None
    if not 1 <= value <= 64:
        raise UsageError(f"invalid number of jobs {value}: expected 1..64")
    return value


@command("test", "Run pgTAP files against a deployed database, in a scratch database "
                 "dropped afterwards; pg_prove-style summary")
@options(
    option("args", nargs="*", metavar="[TARGET] [FILE]",
           help="target URI or name, then pgTAP files or directories (default: "
                "test/pgtap)"),
    target_arguments,
    option("--with-data", action="store_true",
           help="test a copy of the target with its data (CREATE DATABASE ... TEMPLATE) "
                "instead of a fresh deploy of the same changes"),
    option("-j", "--jobs", type=_jobs, default=1, metavar="N",
           help="run N files at once (default 1)"),
    option("--junit", metavar="FILE", help="also write a JUnit XML report to FILE"),
)
def cmd_test(args) -> int:
    from chaindb import pgtap

    target, names = split_positionals(args.args)
    ctx = context(args, target)
    ctx.require_project()
    files = _test_files(ctx, names)
    helpers = sorted((ctx.top_dir / "test" / "helpers").glob("*.sql"))
    with scratch_database(ctx, with_data=args.with_data) as (uri, search_path):
        from chaindb.config import connect_kwargs
        from chaindb.script import run_file
        import psycopg

        def connect():
            return psycopg.connect(**connect_kwargs(uri), autocommit=True,
                                   options=f"-c search_path={search_path}")

        with connect() as conn:
            if conn.execute("SELECT to_regnamespace('tests')").fetchone()[0] is None:
                for helper in helpers:
                    run_file(conn, helper)
        started = time.monotonic()
        results = pgtap.run_files(connect, files, args.jobs)
    print(pgtap.format_summary(results, time.monotonic() - started))
    if args.junit:
        try:
            pgtap.write_junit(results, args.junit)
        except OSError as exc:
            raise ChaindbError(f"cannot write {args.junit}: {exc.strerror}") from None
    return 0 if pgtap.all_passed(results) else 1


def _test_files(ctx, names: list[str]) -> list[Path]:
    if not names:
        files = sorted((ctx.top_dir / "test" / "pgtap").glob("**/*.sql"))
        if not files:
            raise ChaindbError("no pgTAP files to run (test/pgtap/**/*.sql)")
        return files
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("**/*.sql"))
            if not found:
                raise ChaindbError(f"no pgTAP files (*.sql) in {name}")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise ChaindbError(f"no such pgTAP file: {name}")
    return files


@contextmanager
def scratch_database(ctx, *, with_data: bool):
    """A scratch database on the target's server, (db:pg URI, search_path for pgTAP);
    dropped on exit whatever happens."""
    import psycopg

    from chaindb.config import connect_kwargs, with_dbname

    source_uri = ctx.uri
    plan = ctx.plan
    with ctx.engine(QuietReporter()) as engine:
        deployed = (engine.registry.current_change(plan.project)
                    if engine.registry.exists() else None)
        destination = engine.destination
    if deployed is None:
        raise ChaindbError(f"nothing of project {plan.project} is deployed in {destination} "
                           "(chaindb deploy first)", exitcode=1)
    with psycopg.connect(**connect_kwargs(source_uri), autocommit=True) as conn:
        source_db = conn.info.dbname
    name = f"chaindb_test_{uuid.uuid4().hex[:12]}"
    scratch_uri = with_dbname(source_uri, name)
    admin = _admin_connection(source_uri)
    try:
        if with_data:
            try:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_ident(source_db)}"')
            except psycopg.errors.ObjectInUse:
                raise ChaindbError(f"cannot copy {destination}: other sessions are connected "
                                   "to it (close them, or test without --with-data)") from None
            print(f"Testing in {name}, a copy of {destination} (dropped afterwards)",
                  flush=True)
        else:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
            print(f"Testing in {name}: the plan deployed up to {deployed.name} as in "
                  f"{destination} (dropped afterwards)", flush=True)
            if plan.index_of(deployed.id) is None:
                raise ChaindbError(f"the change deployed last in {destination} "
                                   f"({deployed.name}) is not in the plan")
            target = ctx.config.target(scratch_uri, registry=ctx.target.registry,
                                       plan_file=str(ctx.target.plan_file),
                                       top_dir=str(ctx.target.top_dir), command="deploy")
            from chaindb.engine import Engine

            with Engine(plan, target, committer=ctx.person(), reporter=QuietReporter(),
                        destination=name, uri=scratch_uri,
                        lock_timeout=ctx.args.lock_timeout) as scratch:
                scratch.deploy(deployed.id)
        with psycopg.connect(**connect_kwargs(scratch_uri), autocommit=True) as conn:
            schema = conn.execute("SELECT extnamespace::regnamespace::text FROM pg_extension"
                                  " WHERE extname = 'pgtap'").fetchone()
            if schema is None:
                conn.execute("CREATE SCHEMA IF NOT EXISTS tap")
                try:
                    conn.execute("CREATE EXTENSION pgtap SCHEMA tap")
                except psycopg.errors.UndefinedFile:
                    raise ChaindbError("pgTAP is not installed on the target's server "
                                       "(Debian: postgresql-15-pgtap)") from None
                schema = ("tap",)
        yield scratch_uri, f"public,{schema[0]}"
    finally:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()


def _ident(name: str) -> str:
    return name.replace('"', '""')


def _admin_connection(uri: str):
    """A connection to the server's maintenance database (postgres, else template1), from
    which the scratch database is created and dropped."""
    import psycopg

    from chaindb.config import connect_kwargs, with_dbname

    error = None
    for dbname in ("postgres", "template1"):
        try:
            return psycopg.connect(**connect_kwargs(with_dbname(uri, dbname)), autocommit=True)
        except psycopg.OperationalError as exc:
            error = exc
    raise error
