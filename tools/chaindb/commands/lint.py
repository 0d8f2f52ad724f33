"""chaindb lint: Squawk over the deploy scripts and the plan checks Squawk cannot make."""

from __future__ import annotations

from pathlib import Path

from chaindb.commands.base import (
    CHAINDB, QuietReporter, command, context, option, options, print_json,
)
from chaindb.errors import ChaindbError


@command("lint", "Lint deploy scripts with Squawk (.squawk.toml) and check the plan: "
                 "scripts present, verifies that can fail, released scripts reworked", group=CHAINDB)
@options(
    option("changes", nargs="*", metavar="CHANGE",
           help="the changes to lint (default: every change of the plan); with --target, "
                "deployed changes whose script changed since are reported too"),
)
def cmd_lint(args) -> int:
    from chaindb import lint

    ctx = context(args)
    ctx.require_project()
    findings = lint.lint(ctx.plan, ctx.top_dir, Path(ctx.target.plan_file), args.changes)
    if getattr(args, "target", None):
        findings += _deployed_drift(ctx, args.changes)
    if args.json:
        print_json(lint.as_json(findings))
        return 1 if findings else 0
    for finding in findings:
        print(finding.format())
    if findings:
        raise ChaindbError(f"lint: {len(findings)} finding{'s' if len(findings) != 1 else ''}",
                           exitcode=1)
    count = len(args.changes) if args.changes else len(ctx.plan.changes)
    print(f"lint: no findings ({count} change{'s' if count != 1 else ''})")
    return 0


def _deployed_drift(ctx, names) -> list:
    """With --target: changes whose deploy script differs from the one the target deployed
    (the registry's script hash) -- rewritten in place instead of reworked."""
    from chaindb.lint import Finding

    with ctx.engine(QuietReporter()) as engine:
        data = engine.check()
    out = []
    for label in data.diverged:
        name = label.split()[0]
        if names and name not in names:
            continue
        change = next((c for c in ctx.plan.changes if c.name == name), None)
        path = change.script_path("deploy", ctx.top_dir) if change else Path("deploy") / f"{name}.sql"
        try:
            shown = str(Path(path).resolve().relative_to(ctx.top_dir.resolve()))
        except ValueError:
            shown = str(path)
        out.append(Finding(shown, 1, "rewrites-deployed-script",
                           f"{name} was deployed to {ctx.destination} with another deploy script: "
                           f"use `chaindb rework {name}` instead of editing it", "plan"))
    return out
