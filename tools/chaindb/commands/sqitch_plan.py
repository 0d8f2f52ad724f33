"""Sqitch's commands that read or write the plan: plan, show, add, tag, rework.  None of
them connects to a database; add and rework also write script files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from chaindb.commands.base import (
    SQITCH, UsageError, context, command, info, option, options, print_json,
    split_positionals,
)
from chaindb.commands.sqitch_db import format_template, item_formatter, listing_options
from chaindb.errors import ChaindbError


@command("plan", "Show the contents of a plan", group=SQITCH, conflict_handler="resolve")
@options(
    option("args", nargs="*", metavar="[TARGET]", help="a target whose plan to show"),
    option("--event", metavar="EVENT", help="only changes of this kind: deploy or revert"),
    listing_options("change", "planner"),
)
def cmd_plan(args) -> int:
    from chaindb.formatter import PLAN_FORMATS, format_plan

    target, _ = plan_positionals(args, 0)
    ctx = context(args, target)
    formatter = item_formatter(args, ctx.config, "plan")
    template = format_template(args, ctx.config, "plan", PLAN_FORMATS)
    plan = ctx.plan
    shown = os.path.relpath(plan.path) if Path(plan.path).is_absolute() else str(plan.path)
    if not plan.changes:
        raise ChaindbError(f"No changes in {shown}", exitcode=1, info=True)
    changes = plan.search_changes(event=args.event, name=args.change_pattern,
                                  planner=args.planner_pattern, limit=args.max_count,
                                  offset=args.skip, reverse=args.reverse)
    if args.json:
        print_json([{"id": c.id, "name": c.name, "tags": [t.format_name for t in c.tags],
                     "requires": [d.as_string() for d in c.requires],
                     "conflicts": [d.as_string() for d in c.conflicts],
                     "planner": f"{c.planner_name} <{c.planner_email}>",
                     "planned_at": c.timestamp, "note": c.note} for c in changes])
        return 0
    for text in format_plan(plan, changes, template, formatter, file=shown,
                            headers=args.headers):
        sys.stdout.write(text)
        sys.stdout.flush()                  # as Sqitch: what is out stays out on an error
    return 0


@command("show", "Show information about changes and tags, or change script contents",
         group=SQITCH)
@options(
    option("type", choices=("change", "tag", "deploy", "revert", "verify"),
           help="what to show: change, tag, deploy, revert or verify"),
    option("key", help="a change (name, name@tag, ID) or a tag"),
    option("--exists", "-e", action="store_true",
           help="print nothing; exit 0 when the object exists, else 2"),
)
def cmd_show(args) -> int:
    from chaindb.plan import PlanError

    ctx = context(args)
    plan = ctx.plan
    try:
        if args.type == "tag":
            text = plan.show_tag(args.key)
        elif args.type == "change":
            text = plan.show_change(args.key)
        else:
            path = plan.show_script(args.type, args.key, ctx.target.top_dir,
                                    extension=ctx.target.extension)
            text = path.read_bytes()
    except PlanError:
        if args.exists:
            return 2                        # --exists: the exit status says it all
        raise
    except OSError as exc:
        raise ChaindbError(f"cannot read {args.type} script of {args.key}: "
                           f"{exc.strerror}") from None
    if args.exists:
        return 0
    if isinstance(text, bytes):
        # a script byte for byte, then a newline: Sqitch emits it with `say`
        sys.stdout.flush()
        sys.stdout.buffer.write(text + b"\n")
    else:
        sys.stdout.write(text)
    return 0


def plan_positionals(args, most: int) -> tuple[str | None, list[str]]:
    """Sqitch's `add NAME [TARGET]`, `tag [NAME [CHANGE]] [TARGET]`, `plan [TARGET]`: a
    configured target name or a URI is the target (its plan file, top directory), the
    others are names, at most ``most`` of them."""
    target, rest = split_positionals(args.args)
    if len(rest) > most:
        raise UsageError(f'Unknown argument "{rest[most]}"')
    return target, rest


def name_argument(option_value: str | None, positional: str | None, what: str) -> str | None:
    """Sqitch's `add NAME` / `add -c NAME` (likewise tag -t, rework -c): one or the other."""
    if option_value and positional:
        raise UsageError(f'Unknown argument "{positional}"')
    name = option_value or positional
    if name is None and what:
        raise UsageError(f"missing the {what} name")
    return name


def script_file(ctx, kind: str, name: str) -> Path:
    return Path(ctx.target.top_dir) / kind / f"{name}.{ctx.target.extension}"


def note_text(notes: list[str] | None) -> str:
    return "\n\n".join(notes or [])


change_options = options(
    option("args", nargs="*", metavar="[NAME] [TARGET]",
           help="the change's name, and a target (name or URI) whose plan to change"),
    # Sqitch's spellings: -c is the change name (not conflicts), -x the conflicts.
    option("-c", "--change", "--change-name", dest="change_name", metavar="NAME",
           help="the change's name (instead of the positional NAME)"),
    option("-r", "--requires", action="append", metavar="CHANGE",
           help="a change this one requires (repeatable)"),
    option("-x", "--conflicts", action="append", metavar="CHANGE",
           help="a change this one conflicts with (repeatable)"),
    option("-n", "-m", "--note", action="append", metavar="TEXT",
           help="the change's note (repeatable: paragraphs)"),
)


# `add` is in chaindb/commands/add.py (templates, atomic writes).


@command("tag", "Add or list tags in the plan", group=SQITCH, conflict_handler="resolve")
@options(
    option("args", nargs="*", metavar="[NAME [CHANGE]] [TARGET]",
           help="the tag's name (none: list the tags), the change to tag (default: the "
                "last), a target whose plan to tag"),
    # `tag -t NAME` is the tag name in Sqitch (the target stays --target).
    option("-t", "--tag", "--tag-name", dest="tag_name", metavar="NAME",
           help="the tag's name (instead of the positional NAME)"),
    option("-c", "--change", "--change-name", dest="change_name", metavar="NAME",
           help="the change to tag (instead of the positional CHANGE)"),
    option("-n", "-m", "--note", action="append", metavar="TEXT",
           help="the tag's note (repeatable: paragraphs)"),
)
def cmd_tag(args) -> int:
    target, rest = plan_positionals(args, 2)
    positional_name = rest[0] if rest else None
    positional_change = rest[1] if len(rest) > 1 else None
    if args.tag_name and positional_name:          # `tag -t NAME CHANGE`
        positional_name, positional_change = None, positional_change or positional_name
    name = name_argument(args.tag_name, positional_name, "")
    change = args.change_name or positional_change
    if args.change_name and positional_change:
        raise UsageError(f'Unknown argument "{positional_change}"')
    ctx = context(args, target)
    ctx.require_project()
    plan = ctx.plan
    if not name:
        for tag in plan.tags:
            info(tag.format_name)
        return 0
    if not os.access(plan.path, os.W_OK):
        raise ChaindbError(f"cannot write {os.path.relpath(plan.path)}: Permission denied")
    person_name, person_email = ctx.planner()
    tag = plan.add_tag(name, change=change, note=note_text(args.note),
                       planner_name=person_name, planner_email=person_email)
    plan.write()
    info(f'Tagged "{tag.change.name}" with {tag.format_name} in {os.path.relpath(plan.path)}')
    return 0


@command("rework", "Duplicate a change in the plan and revise its scripts", group=SQITCH)
@change_options
def cmd_rework(args) -> int:
    from chaindb.plan import rework_scripts
    from chaindb.snapshot import snapshot_includes

    target, rest = plan_positionals(args, 1)
    name = name_argument(args.change_name, rest[0] if rest else None, "change")
    ctx = context(args, target)
    ctx.require_project()
    plan = ctx.plan
    person_name, person_email = ctx.planner()
    change = plan.rework(name, requires=args.requires or [],
                         conflicts=args.conflicts or [], note=note_text(args.note),
                         planner_name=person_name, planner_email=person_email)
    top = Path(ctx.target.top_dir)
    # Nothing is touched unless everything it writes is writable (a read-only checkout
    # must not end with half the copies made).
    for path in [Path(plan.path)] + [script_file(ctx, kind, change.name).parent
                                     for kind in ("deploy", "revert", "verify")]:
        if path.exists() and not os.access(path, os.W_OK):
            raise ChaindbError(f"cannot write {os.path.relpath(path)}: Permission denied; "
                               "nothing was reworked")
    copies = rework_scripts(change, top, extension=ctx.target.extension)
    tag = next(d.tag for d in change.requires if d.change == change.name and d.tag)
    # Sqitch reports its own script copies only at debug level (so do we, i.e. not at
    # all); the include snapshots are chaindb's addition and are announced.
    # Every copy is the old instance (X@TAG scripts, and the new revert script, which
    # re-applies the old deploy): all of them must include the frozen sources.
    announced: set[Path] = set()
    for _source, dest in copies:
        for src, frozen in snapshot_includes(dest, top, tag):
            if frozen not in announced:
                announced.add(frozen)
                info(f"Copied {os.path.relpath(src)} to {os.path.relpath(frozen)}")
    plan.write()
    deps = " ".join(d.as_plan_string() for d in change.requires + change.conflicts)
    info(f'Added "{change.name} [{deps}]" to {os.path.relpath(plan.path)}.')
    info("Modify these files as appropriate:")
    for kind in ("deploy", "revert", "verify"):
        info(f"  * {os.path.relpath(script_file(ctx, kind, change.name))}")
    return 0
