"""Sqitch's commands that work on a database: deploy, revert, rebase, verify, check,
status, log.  Same names, flags, output and exit codes as Sqitch 1.3 (docs/sqitch-compat.md
§3.6-3.7; recorded output in test/golden/outputs/), except the duration on '.. ok' lines."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from chaindb.commands.base import (
    SQITCH, UsageError, context, command, confirm, date_format, info, jsonable, option, options,
    print_json, QuietReporter, reporter, set_option, split_positionals, TextReporter,
    variables,
)
from chaindb.errors import ChaindbError

MODES = ("all", "tag", "change")
mode_option = option("--mode", choices=MODES,
                     help="on failure revert all changes of this run, to the last tag, or "
                          "only the failed change (default: deploy.mode or all)")
log_only_option = option("--log-only", action="store_true",
                         help="record in the registry only; run no script")


def deploy_mode(args, ctx) -> str:
    """--mode, else deploy.mode from the configuration, else all; anything else is a usage error."""
    mode = args.mode or ctx.config.get("deploy.mode", "all")
    if mode not in MODES:
        raise UsageError(f'Unknown deploy mode "{mode}": expected all, tag or change')
    return mode


def run_reporting(args, work) -> int:
    """Run work(); with --json print its result, or {"ok": false} when it fails."""
    try:
        result = work()
    except ChaindbError:
        if args.json:
            print_json({"ok": False})
        raise
    if args.json:
        print_json(result)
    return 0


@command("deploy", "Deploy changes to a database", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET] [CHANGE]",
           help="target URI or name, then the change to deploy up to"),
    option("--to", "--to-change", "--change", "--to-target", dest="to_change", metavar="CHANGE",
           help="deploy up to this change (default: the last)"),
    mode_option,
    option("--verify", action="store_true", default=None,
           help="run each change's verify script after its deploy script"),
    option("--no-verify", dest="verify", action="store_false",
           help="do not verify (overrides deploy.verify)"),
    log_only_option,
    set_option,
)
def cmd_deploy(args) -> int:
    target, keys = split_positionals(args.args)
    to = args.to_change or (keys[0] if keys else None)
    ctx = context(args, target)
    verify = args.verify if args.verify is not None else ctx.config.get_bool("deploy.verify")
    mode = deploy_mode(args, ctx)
    with ctx.engine(reporter(args), variables(args.set)) as engine:
        return run_reporting(args, lambda: engine.deploy(to, mode=mode, verify=verify,
                                                         log_only=args.log_only))


@command("revert", "Revert changes from a database", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET] [CHANGE]",
           help="target URI or name, then the change to revert to"),
    option("--to", "--to-change", "--change", "--to-target", dest="to_change", metavar="CHANGE",
           help="revert to this change (it stays deployed; default: revert all)"),
    option("-y", dest="yes", action="store_true", help="do not ask for confirmation"),
    log_only_option,
    option("--modified", "-m", action="store_true",
           help="revert to the change before the first one whose deploy script changed"),
    set_option,
)
def cmd_revert(args) -> int:
    target, keys = split_positionals(args.args)
    to = args.to_change or (keys[0] if keys else None)
    ctx = context(args, target)
    no_prompt = args.yes or ctx.config.get_bool("revert.no_prompt")
    with ctx.engine(reporter(args), variables(args.set)) as engine:
        result = engine.revert(to, log_only=args.log_only, confirm=confirm(no_prompt),
                               modified=args.modified)
    if args.json:
        print_json(result)
    return 0


@command("rebase", "Revert and redeploy database changes", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET] [ONTO] [UPTO]",
           help="target URI or name, the change to revert to, the change to deploy up to"),
    option("--onto", "--onto-change", dest="onto", metavar="CHANGE",
           help="revert to this change (default: revert all)"),
    option("--upto", "--upto-change", dest="upto", metavar="CHANGE",
           help="then deploy up to this change (default: the last)"),
    option("--modified", "-m", action="store_true",
           help="rebase onto the change before the first one whose deploy script changed"),
    option("-y", dest="yes", action="store_true", help="do not ask for confirmation"),
    mode_option,
    option("--verify", action="store_true", help="verify each change after deploying it"),
    log_only_option,
    set_option,
    option("--set-deploy", "-e", action="append", metavar="NAME=VALUE",
           help="a variable for the deploy scripts only"),
    option("--set-revert", "-r", action="append", metavar="NAME=VALUE",
           help="a variable for the revert scripts only"),
)
def cmd_rebase(args) -> int:
    target, keys = split_positionals(args.args)
    ctx = context(args, target)
    onto = args.onto or (keys[0] if keys else None)
    upto = args.upto or (keys[1] if len(keys) > 1 else None)
    if len(keys) > 2:
        raise UsageError(f'Unknown argument "{keys[2]}"')
    mode = deploy_mode(args, ctx)
    # the revert phase also reads revert.variables (Sqitch's _collect_revert_vars)
    phase = {k: v for k, v in ctx.config.variables("revert", ctx.target.name).items()
             if ctx.target.variables.get(k) != v}
    with ctx.engine(TextReporter(), variables(args.set)) as engine:
        engine.rebase(onto, upto, mode=mode, verify=args.verify, log_only=args.log_only,
                      confirm=confirm(args.yes or ctx.config.get_bool("rebase.no_prompt")),
                      modified=args.modified,
                      revert_variables={**phase, **variables(args.set),
                                        **variables(args.set_revert)},
                      deploy_variables=variables(args.set_deploy))
    return 0


@command("verify", "Verify changes to a database", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET] [FROM] [TO]",
           help="target URI or name, then the first and last change to verify"),
    option("--from", "--from-change", dest="from_change", metavar="CHANGE",
           help="verify from this change (default: the first deployed)"),
    option("--to", "--to-change", dest="to_change", metavar="CHANGE",
           help="verify up to this change (default: the last deployed)"),
    set_option,
)
def cmd_verify(args) -> int:
    target, keys = split_positionals(args.args)
    ctx = context(args, target)
    start = args.from_change or (keys[0] if keys else None)
    end = args.to_change or (keys[1] if len(keys) > 1 else None)
    with ctx.engine(reporter(args), variables(args.set)) as engine:
        return run_reporting(args, lambda: engine.verify(start, end))


@command("check", "Check that deployed scripts match the plan", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET]", help="target URI or name"),
    option("--from", "--from-change", dest="from_change", metavar="CHANGE",
           help="check from this change"),
    option("--to", "--to-change", dest="to_change", metavar="CHANGE",
           help="check up to this change"),
)
def cmd_check(args) -> int:
    target, keys = split_positionals(args.args)
    if keys:
        raise UsageError(f'Unknown argument "{keys[0]}"')
    ctx = context(args, target)
    with ctx.engine(QuietReporter()) as engine:
        if not args.json:
            info(f"Checking {engine.destination}")
        data = engine.check(args.from_change, args.to_change)
    if args.json:
        print_json(data)
        return len(data.diverged)
    for name in data.diverged:
        print(f"Script signatures diverge at change {name}")
    if data.diverged:
        # Sqitch: exit status = failed checks; exit 1 is its non-fatal kind (stdout)
        raise ChaindbError(data.message, exitcode=len(data.diverged),
                           info=len(data.diverged) == 1)
    print(data.message)
    return 0


@command("status", "Show status information about databases", group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET]", help="target URI or name"),
    option("--project", metavar="PROJECT",
           help="the project to report on (default: the plan's)"),
    option("--show-changes", action="store_true", default=None,
           help="list the deployed changes"),
    option("--show-tags", action="store_true", default=None, help="list the deployed tags"),
    option("--date-format", "--date", dest="date_format", metavar="FORMAT",
           help="iso, rfc, full, long, medium, short, raw, strftime:..., cldr:..."),
)
def cmd_status(args) -> int:
    from chaindb.formatter import format_date

    target, keys = split_positionals(args.args)
    if keys:
        raise UsageError(f'Unknown argument "{keys[0]}"')
    ctx = context(args, target)
    fmt = date_format(args, ctx.config, "status")
    show_changes = args.show_changes if args.show_changes is not None \
        else ctx.config.get_bool("status.show_changes")
    show_tags = args.show_tags if args.show_tags is not None \
        else ctx.config.get_bool("status.show_tags")
    with ctx.engine(QuietReporter()) as engine:
        if not args.json:
            # First, as Sqitch: also before "No changes deployed" and connection errors.
            print(f"# On database {engine.destination}", flush=True)
        # no registry: 'No changes deployed', exit 1, as Sqitch (one round trip)
        data = engine.status(args.project)
    if args.json:
        print_json({**jsonable(data), "undeployed": [c.name for c in data.undeployed],
                    "drift": [d.format_name_with_tags for d in data.drift]})
        return 0 if data.current_in_plan else 2

    def date(dt) -> str:
        return format_date(dt, fmt)

    current = data.current
    out = [f"# Project:  {data.project}",
           f"# Change:   {current.id}",
           f"# Name:     {current.name}"]
    if current.tags:
        label = "Tag:" if len(current.tags) == 1 else "Tags:"
        out.append(f"# {label:<10}{', '.join(current.tags)}")
    out += [f"# Deployed: {date(current.committed_at)}",
            f"# By:       {current.committer_name} <{current.committer_email}>"]
    if show_changes and data.deployed:
        width = max(len(d.name) for d in data.deployed)
        out += ["# ", "# Changes:" if len(data.deployed) > 1 else "# Change:"]
        out += [f"#   {d.name:<{width}} - {date(d.committed_at)} - "
                f"{d.committer_name} <{d.committer_email}>" for d in data.deployed]
    if show_tags and not data.tags:
        out += ["# ", "# Tags: None."]
    if show_tags and data.tags:
        width = max(len(t[0]) for t in data.tags)
        out += ["# ", "# Tags:" if len(data.tags) > 1 else "# Tag:"]
        out += [f"#   {t[0]:<{width}} - {date(t[1])} - {t[2]} <{t[3]}>" for t in data.tags]
    out.append("# ")
    if data.project != ctx.plan.project:
        # Sqitch can only compare with the plan of the same project.
        print("\n".join(out))
        print(f'Status unknown. Use --plan-file to assess "{data.project}" status')
        return 0
    # (drifted changes are in --json only: the text is Sqitch's, byte for byte; `check`
    # names them as Sqitch does)
    print("\n".join(out))
    if not data.current_in_plan:
        from chaindb.engine import path_as_given

        # Sqitch vents the first line, then dies with the second
        sys.stdout.flush()
        print(f"Cannot find this change in {path_as_given(Path(ctx.target.plan_file))}",
              file=sys.stderr)
        raise ChaindbError("Make sure you are connected to the proper database for this "
                           "project.")
    if data.undeployed:
        print("Undeployed change:" if len(data.undeployed) == 1 else "Undeployed changes:")
        from chaindb.engine import format_name_with_tags

        for change in data.undeployed:
            print(f"  * {format_name_with_tags(change)}")
    else:
        print("Nothing to deploy (up-to-date)")
    return 0


# ---------------------------------------------------------------------------- listings
def item_formatter(args, config, command: str):
    """Sqitch's configure for log/plan: --date-format (or <command>.date_format),
    --abbrev (6 with --oneline), --color/--no-color (or <command>.color).  chaindb prints
    ANSI colors only for 'always' (Sqitch's 'auto' never colors here)."""
    from chaindb.formatter import ItemFormatter

    fmt = date_format(args, config, command)
    color = "never" if args.no_color else (args.color or config.get(f"{command}.color")
                                           or "auto")
    if color not in ("always", "never", "auto"):
        raise UsageError(f'Unknown color "{color}": expected always, never or auto')
    if args.abbrev is not None and args.abbrev < 0:
        raise UsageError(f"--abbrev must be 0 or more, not {args.abbrev}")
    abbrev = args.abbrev if args.abbrev is not None else (6 if args.oneline else 0)
    return ItemFormatter(abbrev=abbrev, date_format=fmt, color=color)


def format_template(args, config, command: str, named: dict) -> str:
    """--format (or <command>.format; 'oneline' with --oneline): a named format or
    ``format:<template>``."""
    from chaindb.formatter import resolve_format

    spec = args.format or ("oneline" if args.oneline else None) \
        or config.get(f"{command}.format") or "medium"
    return resolve_format(spec, named, command)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f'invalid count "{text}": expected a whole number') from None
    if value < 0:
        raise UsageError(f'invalid count "{text}": expected 0 or more')
    return value


def listing_options(*patterns: str):
    """The options log and plan share (Sqitch's Command/log.pm, Command/plan.pm)."""
    what = {"change": "change names", "project": "project names",
            "committer": "committer names", "planner": "planner names"}
    decorators = [option(f"--{p}-pattern", f"--{p}", dest=f"{p}_pattern", metavar="REGEX",
                         help=f"only items whose {what[p]} match REGEX") for p in patterns]
    decorators += [
        option("--format", "-f", metavar="FORMAT",
               help="raw, full, long, medium, short, oneline, or format:TEMPLATE"),
        option("--date-format", "--date", dest="date_format", metavar="FORMAT",
               help="iso, rfc, full, long, medium, short, raw, strftime:..., cldr:..."),
        option("--max-count", "-n", type=_count, metavar="N", help="show at most N items"),
        option("--skip", type=_count, metavar="N", help="skip the first N items"),
        option("--reverse", action="store_true", help="oldest first"),
        option("--no-reverse", dest="reverse", action="store_false", help="newest first"),
        option("--color", choices=("always", "never", "auto"),
               help="color the output (default: auto, i.e. never here)"),
        option("--no-color", action="store_true", help="same as --color never"),
        option("--abbrev", type=_count, metavar="N", help="abbreviate IDs to N characters"),
        option("--oneline", action="store_true", help="--format oneline --abbrev 6"),
        option("--headers", action="store_true", default=True,
               help="print the header line (default)"),
        option("--no-headers", dest="headers", action="store_false",
               help="do not print the header line"),
    ]
    return options(*decorators)


LOG_EVENTS = ("deploy", "revert", "fail", "merge")


def _event(text: str) -> str:
    if text not in LOG_EVENTS:
        raise UsageError(f'Unknown event "{text}": expected deploy, revert, fail or merge')
    return text


# -f is --format here, as in Sqitch (the plan file stays --plan-file).
@command("log", "Show change logs for a database", group=SQITCH, conflict_handler="resolve")
@options(
    option("args", nargs="*", metavar="[TARGET]", help="target URI or name"),
    option("--event", action="append", type=_event, metavar="EVENT",
           help="only events of this kind: deploy, revert, fail or merge (repeatable)"),
    listing_options("change", "project", "committer"),
)
def cmd_log(args) -> int:
    from chaindb.formatter import LOG_FORMATS
    from chaindb.registry import EventSearch

    target, keys = split_positionals(args.args)
    if keys:
        raise UsageError(f'Unknown argument "{keys[0]}"')
    ctx = context(args, target)
    formatter = item_formatter(args, ctx.config, "log")
    template = format_template(args, ctx.config, "log", LOG_FORMATS)
    search = EventSearch(event=tuple(args.event or ()), change=args.change_pattern,
                         project=args.project_pattern, committer=args.committer_pattern,
                         limit=args.max_count, offset=args.skip, ascending=args.reverse)
    with ctx.engine(QuietReporter()) as engine:
        events = engine.log(search)
        destination = engine.destination
    if args.json:
        print_json(events)
        return 0
    if args.headers:
        print(f"On database {destination}", flush=True)
    for event in events:
        print(formatter.format(template, dataclasses.asdict(event)))
    return 0


# ---------------------------------------------------------------------------- checkout
def _git(top: Path, *args: str, capture: bool = True) -> str:
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        raise ChaindbError("git not found: checkout switches git branches")
    proc = subprocess.run([git, *args], cwd=top, text=True,
                          capture_output=capture, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        detail = (proc.stderr or "").strip().splitlines() if capture else []
        raise ChaindbError(f"git {args[0]} failed: "
                           f"{detail[-1] if detail else f'exit status {proc.returncode}'}")
    return proc.stdout if capture else ""


@command("checkout", "Revert, checkout another VCS branch, and re-deploy changes",
         group=SQITCH)
@options(
    option("args", nargs="*", metavar="[TARGET] BRANCH",
           help="target URI or name, then the git branch to switch to"),
    mode_option,
    option("--verify", action="store_true", default=None,
           help="run each change's verify script after its deploy script"),
    option("--no-verify", dest="verify", action="store_false", help="do not verify"),
    option("-y", dest="yes", action="store_true", help="do not ask for confirmation"),
    log_only_option,
    set_option,
    option("--set-deploy", "-e", action="append", metavar="NAME=VALUE",
           help="a variable for the deploy scripts only"),
    option("--set-revert", "-r", action="append", metavar="NAME=VALUE",
           help="a variable for the revert scripts only"),
)
def cmd_checkout(args) -> int:
    """Sqitch's checkout: revert to the last change the two branches' plans share, `git
    checkout BRANCH`, deploy the branch's plan."""
    import os

    from chaindb.plan import Plan

    target, rest = split_positionals(args.args)
    if not rest:
        raise UsageError("missing the branch to check out")
    if len(rest) > 1:
        raise UsageError(f'Unknown argument "{rest[1]}"')
    branch = rest[0]
    ctx = context(args, target)
    top = ctx.top_dir
    current = _git(top, "rev-parse", "--abbrev-ref", "HEAD").strip()
    if current == branch:
        raise ChaindbError(f"Already on branch {branch}", exitcode=1, info=True)
    from_plan = ctx.plan
    plan_file = Path(ctx.target.plan_file)
    shown = os.path.relpath(plan_file, top)
    to_plan = Plan.parse_text(_git(top, "show", f"{branch}:./{shown}"), plan_file)
    last_common = None
    for change in to_plan.changes:
        if from_plan.index_of(change.id) is None:
            break
        last_common = change
    if last_common is None:
        raise ChaindbError(f"Branch {branch} has no changes in common with current branch "
                           f"{current}")
    print(f"Last change before the branches diverged: {last_common.format_name_with_tags}")
    mode = deploy_mode(args, ctx)
    no_prompt = (args.yes or ctx.config.get_bool("checkout.no_prompt")
                 or ctx.config.get_bool("revert.no_prompt"))
    common = variables(args.set)
    revert_config = ctx.config.variables("revert", ctx.target.name)
    with ctx.engine(TextReporter(), {**revert_config, **common,
                                     **variables(args.set_revert)}) as engine:
        try:
            engine.revert(last_common.id, log_only=args.log_only, confirm=confirm(no_prompt))
        except ChaindbError as exc:
            if exc.exitcode > 1 or str(exc) == "Nothing reverted":
                raise
            print(str(exc))                  # e.g. nothing to revert: go on, as Sqitch
    _git(top, "checkout", branch, capture=False)
    verify = args.verify if args.verify is not None else ctx.config.get_bool("deploy.verify")
    with ctx.engine(TextReporter(), {**common, **variables(args.set_deploy)},
                    plan=to_plan) as engine:
        engine.deploy(None, mode=mode, verify=verify, log_only=args.log_only)
    return 0
