"""The commands of ``chaindb``, one module per group, each command's options next to its
handler (see base.py for the decorators):

* sqitch_db.py   -- Sqitch's database commands: deploy, revert, rebase, verify, check,
                    status, log
* sqitch_plan.py -- Sqitch's plan commands: plan, show, tag, rework; add.py: add
* cluster.py     -- the embedded cluster: cluster start|stop|status|url|psql
* dev.py         -- a development database: up, render
* seed.py        -- seed data from the Jinja templates: seed (profiles dev and scale)
* ops.py         -- the operator's data commands: clear, backup, restore
* lint.py        -- lint: Squawk and the plan checks
* test.py        -- pgTAP: test

A new command group is a new module here: it is found and imported by build_parser (no
list to edit), and its ``@command`` declarations appear in ``chaindb --help``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from chaindb.commands.base import (
    CHAINDB, COMMANDS, SQITCH, Parser, add_global_options,
)

# Sqitch's own order of its commands in `sqitch help`.
SQITCH_ORDER = ("add", "bundle", "check", "checkout", "config", "deploy", "engine", "help",
                "init", "log", "plan", "rebase", "revert", "rework", "show", "status", "tag",
                "target", "upgrade", "verify")


def load_commands() -> None:
    """Import every module of this package (each registers its commands)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name != "base" and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def _listing() -> str:
    top = [c for c in COMMANDS.values() if " " not in c.name]
    sqitch = sorted((c for c in top if c.group == SQITCH),
                    key=lambda c: (SQITCH_ORDER.index(c.name) if c.name in SQITCH_ORDER
                                   else len(SQITCH_ORDER), c.name))
    own = [c for c in top if c.group != SQITCH]
    width = max(len(c.name) for c in top) + 2
    lines = ["Sqitch commands (Sqitch's names, flags, output and exit codes):"]
    lines += [f"  {c.name:<{width}}{c.help}" for c in sqitch]
    lines += ["", "chaindb's own commands:"]
    lines += [f"  {c.name:<{width}}{c.help}" for c in own]
    lines += ["", "`chaindb COMMAND --help` describes a command and its options."]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    load_commands()
    # no abbreviations at the top: the command's own options (`test --db`) must not be
    # taken for an ambiguous prefix of the global ones (--db-name, --db-user ...)
    parser = Parser(prog="chaindb", usage="chaindb [OPTIONS] COMMAND [ARGS]", allow_abbrev=False,
                    description="Deploy, verify and test the chaindb schema package: a "
                                "Sqitch-compatible engine on psycopg, and chaindb's own tools.",
                    epilog=_listing(), formatter_class=argparse.RawDescriptionHelpFormatter)
    add_global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                help=argparse.SUPPRESS)
    sub.required = True
    groups: dict[str, argparse._SubParsersAction] = {}
    for cmd in COMMANDS.values():
        parent_name, _, action = cmd.name.partition(" ")
        if cmd.handler is None:                         # a group of sub-actions
            p = sub.add_parser(cmd.name, prog=f"chaindb {cmd.name}", description=cmd.help)
            add_global_options(p, suppress=True)
            groups[cmd.name] = p.add_subparsers(dest="action", metavar="ACTION",
                                                parser_class=Parser, title="actions")
            groups[cmd.name].required = True
            continue
        if action:
            p = groups[parent_name].add_parser(action, prog=f"chaindb {cmd.name}",
                                               help=cmd.help, description=cmd.help,
                                               **cmd.parser_kwargs)
        else:
            p = sub.add_parser(cmd.name, prog=f"chaindb {cmd.name}", description=cmd.help,
                               **cmd.parser_kwargs)
        # Each parser gets its own copy of the global options: a command that reuses one
        # of their flags (log -f, tag -t) must not take it from the others.
        add_global_options(p, suppress=True)
        for flags, kwargs in cmd.options:
            p.add_argument(*flags, **kwargs)
        p.set_defaults(func=cmd.handler)
    return parser


__all__ = ["CHAINDB", "SQITCH", "build_parser", "load_commands"]
