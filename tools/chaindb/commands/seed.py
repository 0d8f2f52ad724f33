"""chaindb seed: seed data rendered from the Jinja templates (dev and scale profiles)."""

from __future__ import annotations

import io
import sys

from chaindb.commands.base import (
    CHAINDB, command, context, option, options, print_json, target_arguments,
)

target_positional = option("target_arg", nargs="?", metavar="TARGET",
                           help="target URI or name (default: --target, core.target, else "
                                "the embedded cluster)")


def _int(name: str):
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            from chaindb.commands.base import UsageError

            raise UsageError(f'invalid {name} "{text}": expected a whole number') from None
    parse.__name__ = "int"
    return parse


def render(ctx, profile: str, scale: int, seed: int, only: list[str] | None):
    """(rendered sources, notes) of the project's seeds; every input error comes from here,
    before anything is printed or run."""
    from chaindb import seed as engine

    engine.check_options(profile, scale, seed)
    sources, notes = engine.sources(ctx.top_dir)
    return engine.render_all(engine.select(sources, only), profile, scale, seed), notes


def seed_database(ctx, *, profile: str = "dev", scale: int = 1, seed: int = 1,
                  only: list[str] | None = None, json_output: bool = False, prepared=None):
    """Render and run the profile on the context's target (used by seed and up)."""
    from chaindb import seed as engine

    rendered, notes = prepared or render(ctx, profile, scale, seed, only)
    progress = engine.Progress(io.StringIO() if json_output else sys.stdout)
    for note in notes:
        progress.info(f"  - {note}")
    with ctx.connect() as conn:
        return engine.run(conn, rendered, profile=profile, scale=scale, seed=seed,
                          variables={"registry": ctx.target.registry}, progress=progress)


@command("seed", "Load seed data rendered from the Jinja templates (profile dev: small and "
                 "complete; scale: N-parametrised volume)", group=CHAINDB)
@options(
    target_positional, target_arguments,
    option("--profile", choices=("dev", "scale"), default="dev",
           help="dev (default): every enum value and lifecycle state, the same rows every "
                "time; scale: generated server-side, --scale N times the base volume"),
    option("--scale", type=_int("scale"), default=1, metavar="N",
           help="scale profile multiplier (1 = 1000 users, 5000 transactions; 200 gives "
                "1M transactions)"),
    option("--seed", type=_int("seed"), default=1, metavar="S",
           help="setseed() source of the scale profile's random values (default 1)"),
    option("--only", nargs="+", metavar="SCHEMA",
           help="only these seed templates (core, blockchain, trading, ...); they do not "
                "pull in what they need"),
    option("--dry-run", action="store_true",
           help="print the rendered SQL (a psql script), run nothing"),
)
def cmd_seed(args) -> int:
    from chaindb import seed as engine

    engine.check_options(args.profile, args.scale, args.seed)
    ctx = context(args, args.target_arg)
    ctx.require_project()
    ctx.plan                                # a project with a readable plan (a bad --plan-file is an error)
    prepared = render(ctx, args.profile, args.scale, args.seed, args.only)
    if args.dry_run:
        sys.stdout.write(engine.script_text(prepared[0], args.profile, args.scale, args.seed))
        return 0
    if not args.json:
        extra = f" --scale {args.scale} --seed {args.seed}" if args.profile == "scale" else ""
        print(f"Seeding {ctx.destination} (profile {args.profile}{extra})", flush=True)
    result = seed_database(ctx, profile=args.profile, scale=args.scale, seed=args.seed,
                           only=args.only, json_output=args.json, prepared=prepared)
    if args.json:
        print_json({"profile": result.profile, "scale": result.scale, "seed": result.seed,
                    "sources": result.sources, "tables": result.tables,
                    "rows": result.rows, "seconds": round(result.seconds, 3)})
    elif result.tables:
        rate = result.rows / result.seconds if result.seconds else 0
        print(f"Seeded {result.rows:,} rows in {result.seconds:.1f} s ({rate:,.0f} rows/s)")
    return 0
