"""chaindb clear, backup, restore: the operator's data commands (manage_db.py clear --force,
backup, restore)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from chaindb.commands.base import (
    CHAINDB, TextReporter, QuietReporter, command, context, option, options, print_json,
    target_arguments,
)
from chaindb.errors import ChaindbError

target_positional = option("target_arg", nargs="?", metavar="TARGET",
                           help="target URI or name (default: --target, core.target, else "
                                "the embedded cluster)")


@command("clear", "Empty every application table (reference data and the registry are "
                  "kept); needs --force", group=CHAINDB)
@options(
    target_positional, target_arguments,
    option("--force", action="store_true", help="really empty the tables"),
)
def cmd_clear(args) -> int:
    from chaindb import ops

    ctx = context(args, args.target_arg)
    with ctx.connect() as conn:
        if not args.force:
            plan = ops.clear_plan(conn, ctx.target.registry)
            raise ChaindbError(f"clear would empty {len(plan.cleared)} tables of "
                               f"{ctx.destination}; run again with --force")
        plan = ops.clear(conn, ctx.target.registry)
    if args.json:
        print_json({"cleared": plan.cleared, "kept": plan.kept,
                    "rows": {t: 0 for t in plan.cleared}, "removed": plan.rows})
        return 0
    if not plan.cleared:
        print(f"Nothing to clear in {ctx.destination} (no application tables)")
        return 0
    print(f"Cleared {ctx.destination}:")
    for name in plan.cleared:
        print(f"  - {name} ({plan.rows.get(name, 0):,} rows)")
    if plan.kept:
        print(f"Kept (reference data): {', '.join(plan.kept)}; and the registry "
              f"({ctx.target.registry})")
    return 0


@command("backup", "pg_dump --format=custom of the target, registry included", group=CHAINDB)
@options(
    target_positional, target_arguments,
    option("-o", "--output", metavar="FILE",
           help="the backup file (default: chaindb-<db>-<UTC time>.dump here)"),
)
def cmd_backup(args) -> int:
    from chaindb import ops
    from chaindb.config import connect_kwargs

    ctx = context(args, args.target_arg)
    uri = ctx.uri
    dbname = connect_kwargs(uri).get("dbname", "db")
    out = Path(args.output or
               f"chaindb-{dbname}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}.dump")
    result = ops.backup(uri, out)
    if args.json:
        print_json(result)
    else:
        print(f"Backed up {ctx.destination} to {result.file} ({result.bytes:,} bytes, "
              f"{result.entries} entries, {result.seconds:.1f} s)")
    return 0


@command("restore", "pg_restore a chaindb backup into an empty database (or --clean), then "
                    "verify", group=CHAINDB)
@options(
    option("file", metavar="FILE", help="a backup written by chaindb backup"),
    target_positional, target_arguments,
    option("--clean", action="store_true",
           help="replace the objects of a non-empty database (DROP ... IF EXISTS first)"),
)
def cmd_restore(args) -> int:
    from chaindb import ops

    ctx = context(args, args.target_arg)
    with ctx.connect() as conn:
        result = ops.restore(ctx.uri, Path(args.file), clean=args.clean, conn=conn)
    if not args.json:
        print(f"Restored {result.file} into {ctx.destination} ({result.entries} entries, "
              f"{result.seconds:.1f} s)")
    if Path(ctx.target.plan_file).is_file():
        with ctx.engine(QuietReporter() if args.json else TextReporter()) as engine:
            engine.verify()
    elif not args.json:
        print("No plan here: verify skipped")
    if args.json:
        print_json(result)
    return 0
