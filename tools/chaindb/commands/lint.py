"""chaindb lint: Squawk over the deploy scripts and the plan checks Squawk cannot make."""

from __future__ import annotations

from pathlib import Path

from chaindb.commands.base import CHAINDB, command, context, option, options, print_json
from chaindb.errors import ChaindbError


@command("lint", "Lint deploy scripts with Squawk (.squawk.toml) and check the plan: "
                 "scripts present, verifies that can fail, released scripts reworked", group=CHAINDB)
@options(
    option("changes", nargs="*", metavar="CHANGE",
           help="the changes to lint (default: every change of the plan)"),
)
def cmd_lint(args) -> int:
    from chaindb import lint

    ctx = context(args)
    ctx.require_project()
    findings = lint.lint(ctx.plan, ctx.top_dir, Path(ctx.target.plan_file), args.changes)
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
