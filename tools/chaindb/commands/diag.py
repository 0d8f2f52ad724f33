"""chaindb's diagnostics command: diag (the SQL is schema diag; the layout is chaindb.diag)."""

from __future__ import annotations

from chaindb.commands.base import CHAINDB, command, context, option, options, split_positionals, target_arguments
from chaindb.errors import ChaindbError


@command("diag", "Health of a database (exit 0 ok, 1 warning, 2 critical, 3 could not check), "
                 "then the named diag checks")
@options(
    option("args", nargs="*", metavar="[TARGET] [CHECK]",
           help="a target URI or name, then checks (any diag function: locks blocking "
                "long-running-queries table_sizes slow_statements ...)"),
    target_arguments,
    option("--color", choices=("auto", "always", "never"), default="auto",
           help="colour the status column (auto: on a terminal, unless NO_COLOR is set)"),
)
def cmd_diag(args) -> int:
    from chaindb import diag

    target, names = split_positionals(args.args)
    checks = list(dict.fromkeys(diag.check_name(n) for n in names))
    try:
        ctx = context(args, target)
    except ChaindbError as exc:         # a bad target: could not check (3), not a verdict
        raise diag.DiagError(str(exc)) from None
    try:
        plan = ctx.plan                  # the plan_pending row needs the local plan
    except ChaindbError:
        plan = None                      # not in a project: health without it
    data = diag.run(ctx.connect, checks, plan)
    if args.json:
        print(diag.to_json(data))
    else:
        print(diag.format_report(data, width=diag.terminal_width(), color=diag.use_color(args.color)))
    return diag.exit_code(data["status"])
