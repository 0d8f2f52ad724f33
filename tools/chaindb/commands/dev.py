"""chaindb's commands for a development database: up, render (seed: seed.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from chaindb.commands.base import (
    TextReporter, UsageError, command, context, option, options, target_arguments,
)
from chaindb.errors import ChaindbError

target_positional = option("target_arg", nargs="?", metavar="TARGET",
                           help="target URI or name (default: --target, core.target, else "
                                "the embedded cluster)")


@command("up", "Start the embedded cluster (or use the target), deploy --verify, seed a "
               "fresh database, verify, print health")
@options(target_positional, target_arguments)
def cmd_up(args) -> int:
    """Seeding happens only when this run deployed into an empty database, so running it
    again is safe."""
    from chaindb import health
    from chaindb.commands.seed import seed_database

    ctx = context(args, args.target_arg)
    ctx.require_project()
    reporter = TextReporter()
    with ctx.engine(reporter) as engine:
        fresh = (not engine.registry.exists()
                 or engine.registry.current_change(ctx.plan.project) is None)
        engine.deploy(verify=True)
    if fresh:
        print(f"Seeding {ctx.destination} (profile dev)")
        seed_database(ctx, profile="dev")
    else:
        print("Seeding skipped: the database was already deployed (chaindb seed loads the "
              "dev profile)")
    with ctx.engine(reporter) as engine:
        engine.verify()
    with ctx.connect() as conn:
        health.report(conn, plan=ctx.plan)
    if ctx.embedded:
        print(f"Ready: {ctx.cluster().libpq_url()} (chaindb cluster psql opens psql on it)")
    else:
        print(f"Ready: {ctx.destination}")
    return 0


# ------------------------------------------------------------------------------ render
def _months(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UsageError(f'invalid number of months "{text}": expected a whole number') \
            from None


@command("render", "Render SQL from the project's Jinja templates (partitions)")
@options(
    option("what", choices=("partitions",), help="what to render: partitions"),
    option("target_arg", nargs="?", metavar="TARGET",
           help="check the table in this database (default: in the project's deploy "
                "scripts)"),
    target_arguments,
    option("--table", required=True, metavar="SCHEMA.TABLE",
           help="the range-partitioned table (lower-case, unquoted)"),
    option("--from", dest="start", required=True, metavar="YYYY-MM",
           help="the first month"),
    option("--months", type=_months, required=True, metavar="N",
           help="how many monthly partitions (1..120)"),
    option("--out", metavar="FILE", help="write to FILE instead of stdout"),
)
def cmd_render(args) -> int:
    from chaindb import render

    text = render.render_partitions(args.table, args.start, args.months)   # input checks
    ctx = context(args, args.target_arg)
    if args.target_arg or args.target:
        _check_partitioned_in_database(ctx, args.table)
    else:
        ctx.require_project()
        _check_partitioned_in_sources(Path(ctx.target.deploy_dir), args.table)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ChaindbError(f"cannot write {args.out}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    return 0


NOT_RANGE = ('table "{table}" is not partitioned by range (monthly partitions need '
             'PARTITION BY RANGE on a timestamp column)')


def _check_partitioned_in_database(ctx, table: str) -> None:
    with ctx.connect() as conn:
        row = conn.execute(
            "SELECT c.relkind, p.partstrat FROM pg_catalog.pg_class AS c"
            " LEFT JOIN pg_catalog.pg_partitioned_table AS p ON p.partrelid = c.oid"
            " WHERE c.oid = pg_catalog.to_regclass(%s)", (table,)).fetchone()
    if row is None:
        raise ChaindbError(f'table "{table}" does not exist in {ctx.destination}')
    if row[0] != "p" or row[1] != "r":
        raise ChaindbError(NOT_RANGE.format(table=table))


def _check_partitioned_in_sources(deploy_dir: Path, table: str) -> None:
    """The table must be created by a deploy script of the project with PARTITION BY RANGE
    (the statement up to its semicolon)."""
    schema, name = table.split(".")
    create = re.compile(r"CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
                        rf'"?{re.escape(schema)}"?\."?{re.escape(name)}"?[\s(]', re.I)
    found = False
    for path in sorted(deploy_dir.rglob("*.sql")) if deploy_dir.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in create.finditer(text):
            found = True
            end = text.find(";", match.end())
            statement = text[match.end(): end if end >= 0 else len(text)]
            if re.search(r"\bPARTITION\s+BY\s+RANGE\b", statement, re.I):
                return
    if not found:
        raise ChaindbError(f'table "{table}" does not exist: no deploy script of this '
                           f'project creates it (or give a TARGET to check a database)')
    raise ChaindbError(NOT_RANGE.format(table=table))
