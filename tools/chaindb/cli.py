"""The ``chaindb`` command: argument parsing and printing only.

Sqitch's command names, flags and output (../shared/reference/sqitch.md §3.6-3.7;
compat/sqitch-golden/outputs/).  The one deliberate difference in text output: every
``.. ok`` line carries the step's duration, e.g. ``  + users .. ok (12 ms)``.
With no target configured or given, chaindb deploys to its embedded cluster
(``.chaindb/`` in the project).  Every user error is one line on stderr,
``chaindb: <message>``, and a non-zero exit code -- never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from chaindb.errors import ChaindbError

DURATION_NOTE = "durations on '.. ok' lines are chaindb's only deliberate output difference"


class UsageError(ChaindbError):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises a one-line UsageError instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # noqa: D102 - argparse API
        raise UsageError(message)


# ====================================================================== output helpers
def _jsonable(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("plan",)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _print_json(value) -> None:
    print(json.dumps(_jsonable(value), ensure_ascii=False, indent=2))


class TextReporter:
    """Prints engine progress like Sqitch (plus a duration after each ok)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def info(self, message: str) -> None:
        self._write(message + "\n")

    warn = info

    def step_begin(self, sign: str, name: str, width: int) -> None:
        self._write(f"  {sign} {name} .." + "." * (width - len(name)) + " ")

    def step_end(self, ok: bool, duration_ms, error=None, comments=None) -> None:
        for text in [error] if error else []:
            self._write(text.rstrip("\n") + "\n")
        for comment in comments or []:
            self._write(f"# {comment}\n")
        if ok:
            self._write(f"ok ({duration_ms:.0f} ms)\n" if duration_ms is not None else "ok\n")
        else:
            self._write("not ok\n")

    def script_output(self, text: str) -> None:
        self._write(text if text.endswith("\n") else text + "\n")

    def script_messages(self, text: str) -> None:
        """psql's stderr text (notices, errors with LINE/caret, CONTEXT): as psql prints it."""
        self.stream.flush()
        sys.stderr.write(text)
        sys.stderr.flush()


class QuietReporter:
    """For --json: progress is not printed (the result is)."""

    def info(self, message): ...
    def warn(self, message): ...
    def step_begin(self, sign, name, width): ...
    def step_end(self, ok, duration_ms, error=None, comments=None): ...
    def script_output(self, text): ...

    def script_messages(self, text):
        sys.stderr.write(text)


# ====================================================================== context
@dataclasses.dataclass
class Context:
    """Everything a command needs: config, target, plan, identity."""

    args: argparse.Namespace
    config: object
    target: object

    @property
    def plan(self):
        from chaindb.plan import Plan

        if not hasattr(self, "_plan"):
            path = Path(self.target.plan_file)
            if not path.exists():
                raise ChaindbError(f"Plan file {path} does not exist")
            self._plan = Plan.load(path)
        return self._plan

    @functools.cached_property
    def uri(self) -> str:
        """The target's URI, or the embedded cluster's (started if needed) when none is set."""
        if self.target.uri is not None:
            return self.target.uri
        from chaindb.cluster import Cluster

        cluster = Cluster(Path(self.target.top_dir) / ".chaindb")
        cluster.start()
        return cluster.url()

    def connect(self, **kwargs) -> "psycopg.Connection":
        """A new autocommit connection to the target."""
        import psycopg

        from chaindb.config import connect_kwargs

        return psycopg.connect(**connect_kwargs(self.uri), autocommit=True, **kwargs)

    def person(self):
        from chaindb.registry import Person

        return Person(*self.planner())

    def planner(self) -> tuple[str, str]:
        """(name, email) of the user, for plan lines (no database module needed)."""
        return self.config.user_name(), self.config.user_email()

    def engine(self, reporter=None, variables: dict | None = None):
        """An Engine on the target, or on the embedded cluster when none is configured."""
        from chaindb.engine import Engine

        uri = self.uri
        destination = self.target.name if self.target.uri is not None else uri
        return Engine(self.plan, self.target, committer=self.person(),
                      reporter=reporter or TextReporter(), variables=variables,
                      lock_timeout=self.args.lock_timeout, destination=destination, uri=uri)


def _is_target(config, arg: str) -> bool:
    return ":" in arg or config.has_section(f"target.{arg}")


def _context(args: argparse.Namespace, positional_target: str | None = None) -> Context:
    from chaindb.config import Config

    config = Config.load(".")
    target = config.target(positional_target or args.target, registry=args.registry,
                           plan_file=args.plan_file, top_dir=args.top_dir,
                           command=args.command)
    return Context(args, config, target)


def _split_positionals(args, names: list[str]) -> tuple[str | None, list[str]]:
    """Sqitch's `[target] [change]` positionals: a URI or known target name is the target,
    the rest are change keys."""
    from chaindb.config import Config

    config = Config.load(".")
    target, rest = None, []
    for arg in names:
        if target is None and _is_target(config, arg):
            target = arg
        else:
            rest.append(arg)
    return target, rest


def _variables(pairs: list[str] | None) -> dict[str, str]:
    result = {}
    for pair in pairs or []:
        key, eq, value = pair.partition("=")
        if not eq or not key:
            raise UsageError(f'bad --set "{pair}": expected name=value')
        result[key] = value
    return result


def _confirm(yes: bool):
    """Sqitch's prompt: -y skips it; a non-interactive stdin accepts the default (yes)."""
    if yes:
        return None

    def ask(question: str) -> bool:
        if not sys.stdin.isatty():
            print(f"{question} [Yes] Yes")
            return True
        answer = input(f"{question} [Yes] ").strip().lower()
        return answer in ("", "y", "yes")

    return ask


# ====================================================================== commands
def cmd_deploy(args) -> int:
    target, keys = _split_positionals(args, args.args)
    to = args.to_change or (keys[0] if keys else None)
    ctx = _context(args, target)
    reporter = QuietReporter() if args.json else TextReporter()
    with ctx.engine(reporter, _variables(args.set)) as engine:
        try:
            result = engine.deploy(to, mode=args.mode or ctx.config.get("deploy.mode", "all"),
                                   verify=args.verify or ctx.config.get_bool("deploy.verify"),
                                   log_only=args.log_only)
        except ChaindbError:
            if args.json:
                _print_json({"ok": False})
            raise
    if args.json:
        _print_json(result)
    return 0


def cmd_revert(args) -> int:
    target, keys = _split_positionals(args, args.args)
    to = args.to_change or (keys[0] if keys else None)
    ctx = _context(args, target)
    no_prompt = args.yes or ctx.config.get_bool("revert.no_prompt")
    with ctx.engine(QuietReporter() if args.json else TextReporter(),
                    _variables(args.set)) as engine:
        result = engine.revert(to, log_only=args.log_only, confirm=_confirm(no_prompt),
                               modified=args.modified)
    if args.json:
        _print_json(result)
    return 0


def cmd_rebase(args) -> int:
    target, keys = _split_positionals(args, args.args)
    ctx = _context(args, target)
    onto = args.onto or (keys[0] if keys else None)
    upto = args.upto or (keys[1] if len(keys) > 1 else None)
    with ctx.engine(TextReporter(), _variables(args.set)) as engine:
        engine.rebase(onto, upto, mode=args.mode or ctx.config.get("deploy.mode", "all"),
                      verify=args.verify, log_only=args.log_only,
                      confirm=_confirm(args.yes or ctx.config.get_bool("rebase.no_prompt")),
                      modified=args.modified, revert_variables=_variables(args.set_revert),
                      deploy_variables=_variables(args.set_deploy))
    return 0


def cmd_verify(args) -> int:
    target, keys = _split_positionals(args, args.args)
    ctx = _context(args, target)
    start = args.from_change or (keys[0] if keys else None)
    end = args.to_change or (keys[1] if len(keys) > 1 else None)
    with ctx.engine(QuietReporter() if args.json else TextReporter(),
                    _variables(args.set)) as engine:
        try:
            result = engine.verify(start, end)
        except ChaindbError:
            if args.json:
                _print_json({"ok": False})
            raise
    if args.json:
        _print_json(result)
    return 0


def cmd_status(args) -> int:
    from chaindb.formatter import format_date

    target, _ = _split_positionals(args, args.args)
    ctx = _context(args, target)
    date_format = _date_format(args, ctx.config, "status")
    show_changes = args.show_changes if args.show_changes is not None \
        else ctx.config.get_bool("status.show_changes")
    show_tags = args.show_tags if args.show_tags is not None \
        else ctx.config.get_bool("status.show_tags")
    with ctx.engine(QuietReporter()) as engine:
        if not args.json:
            # First, as Sqitch: also before "No changes deployed" and connection errors.
            print(f"# On database {engine.destination}", flush=True)
        data = engine.status(args.project)
    if args.json:
        _print_json({**_jsonable(data), "undeployed": [c.name for c in data.undeployed],
                     "drift": [d.format_name_with_tags for d in data.drift]})
        return 0 if data.current_in_plan else 2

    def date(dt) -> str:
        return format_date(dt, date_format)

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
    if data.drift:
        out.append("# Modified since deployed (deploy script changed):")
        out += [f"#   {d.format_name_with_tags}" for d in data.drift]
        out.append("# ")
    print("\n".join(out))
    if not data.current_in_plan:
        raise ChaindbError(f"Cannot find this change in {Path(ctx.target.plan_file).name}; "
                           "make sure you are connected to the proper database for this "
                           "project")
    if data.undeployed:
        print("Undeployed change:" if len(data.undeployed) == 1 else "Undeployed changes:")
        from chaindb.engine import format_name_with_tags

        for change in data.undeployed:
            print(f"  * {format_name_with_tags(change)}")
    else:
        print("Nothing to deploy (up-to-date)")
    return 0


def cmd_check(args) -> int:
    target, keys = _split_positionals(args, args.args)
    ctx = _context(args, target)
    with ctx.engine(QuietReporter()) as engine:
        if not args.json:
            print(f"Checking {engine.destination}")
        data = engine.check(args.from_change, args.to_change)
    if args.json:
        _print_json(data)
        return len(data.diverged)
    for name in data.diverged:
        print(f"Script signatures diverge at change {name}")
    if data.diverged:
        raise ChaindbError(data.message, exitcode=len(data.diverged))
    print(data.message)
    return 0


def _date_format(args, config, command: str) -> str:
    """--date-format, else <command>.date_format, else iso; checked as Sqitch does."""
    from chaindb.formatter import validate_date_format

    return validate_date_format(args.date_format or config.get(f"{command}.date_format")
                                or "iso")


def _item_formatter(args, config, command: str):
    """Sqitch's configure for log/plan/status: --date-format (or <command>.date_format),
    --abbrev (6 with --oneline), --color/--no-color (or <command>.color).  chaindb prints
    ANSI colors only for 'always' (Sqitch's 'auto' never colors here)."""
    from chaindb.formatter import ItemFormatter

    date_format = _date_format(args, config, command)
    color = "never" if args.no_color else (args.color or config.get(f"{command}.color")
                                           or "auto")
    if color not in ("always", "never", "auto"):
        raise UsageError(f'Unknown color "{color}": expected always, never or auto')
    abbrev = args.abbrev if args.abbrev is not None else (6 if args.oneline else 0)
    return ItemFormatter(abbrev=abbrev, date_format=date_format, color=color)


def _format_template(args, config, command: str, named: dict) -> str:
    """--format (or <command>.format; 'oneline' with --oneline): a named format or
    ``format:<template>``."""
    from chaindb.formatter import resolve_format

    spec = args.format or ("oneline" if args.oneline else None) \
        or config.get(f"{command}.format") or "medium"
    return resolve_format(spec, named, command)


def cmd_log(args) -> int:
    from chaindb.formatter import LOG_FORMATS
    from chaindb.registry import EventSearch

    target, _ = _split_positionals(args, args.args)
    ctx = _context(args, target)
    formatter = _item_formatter(args, ctx.config, "log")
    template = _format_template(args, ctx.config, "log", LOG_FORMATS)
    search = EventSearch(event=tuple(args.event or ()), change=args.change_pattern,
                         project=args.project_pattern, committer=args.committer_pattern,
                         limit=args.max_count, offset=args.skip, ascending=args.reverse)
    with ctx.engine(QuietReporter()) as engine:
        events = engine.log(search)
        destination = engine.destination
    if args.json:
        _print_json(events)
        return 0
    if args.headers:
        print(f"On database {destination}", flush=True)
    for event in events:
        print(formatter.format(template, dataclasses.asdict(event)))
    return 0


def cmd_plan(args) -> int:
    from chaindb.formatter import PLAN_FORMATS, format_plan

    ctx = _context(args)
    formatter = _item_formatter(args, ctx.config, "plan")
    template = _format_template(args, ctx.config, "plan", PLAN_FORMATS)
    plan = ctx.plan
    shown = os.path.relpath(plan.path) if Path(plan.path).is_absolute() else str(plan.path)
    if not plan.changes:
        raise ChaindbError(f"No changes in {shown}", exitcode=1)
    changes = plan.search_changes(event=args.event, name=args.change_pattern,
                                  planner=args.planner_pattern, limit=args.max_count,
                                  offset=args.skip, reverse=args.reverse)
    if args.json:
        _print_json([{"id": c.id, "name": c.name, "tags": [t.format_name for t in c.tags],
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


def cmd_show(args) -> int:
    ctx = _context(args)
    plan = ctx.plan
    missing = 2 if args.exists else None          # --exists: the exit status says it all

    def show(text: str) -> int:
        if not args.exists:
            sys.stdout.write(text)
        return 0

    if args.type == "tag":
        tag = plan.get_tag(args.key.lstrip("@"))
        if tag is None:
            if missing:
                return missing
            raise ChaindbError(f'Unknown tag "{args.key}"')
        return show(tag.info + "\n")
    index = plan.index_of(args.key, ambiguous_error=True)   # a bare reworked name is ambiguous
    if index is None:
        if missing:
            return missing
        raise ChaindbError(f'Unknown change "{args.key}"')
    change = plan.changes[index]
    if args.type == "change":
        return show(change.info + "\n")
    path = change.script_path(args.type, ctx.target.top_dir, extension=ctx.target.extension)
    if not path.is_file():
        if missing:
            return missing
        raise ChaindbError(f'File "{os.path.relpath(path)}" does not exist')
    return show(path.read_text(encoding="utf-8"))


def _name_argument(option: str | None, positional: str | None, what: str) -> str | None:
    """Sqitch's `add NAME` / `add -c NAME` (likewise tag -t, rework -c): one or the other."""
    if option and positional:
        raise UsageError(f'Unknown argument "{positional}"')
    name = option or positional
    if name is None and what:
        raise UsageError(f"missing the {what} name")
    return name


def _script_file(ctx, kind: str, name: str) -> Path:
    return Path(ctx.target.top_dir) / kind / f"{name}.{ctx.target.extension}"


def cmd_add(args) -> int:
    from chaindb import render

    name = _name_argument(args.change_name, args.name, "change")
    ctx = _context(args)
    plan = ctx.plan
    person_name, person_email = ctx.planner()
    change = plan.add_change(name, requires=args.requires or [],
                             conflicts=args.conflicts or [], note="\n\n".join(args.note or []),
                             planner_name=person_name, planner_email=person_email)
    # Sqitch's templates receive the dependencies exactly as given on the command line
    # (`-x p:y` stays `p:y` in the script header while the plan line says `!y`).
    scripts = render.render_change_scripts(plan.project, change.name, args.requires or [],
                                           args.conflicts or [])
    for kind in ("deploy", "revert", "verify"):
        path = _script_file(ctx, kind, change.name)
        shown = os.path.relpath(path)
        if path.exists():
            print(f"Skipped {shown}: already exists")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scripts[kind], encoding="utf-8")
        print(f"Created {shown}")
    plan.write()
    deps = " ".join(d.as_plan_string() for d in change.requires + change.conflicts)
    print(f'Added "{change.name}{f" [{deps}]" if deps else ""}" to {os.path.relpath(plan.path)}')
    return 0


def cmd_tag(args) -> int:
    name = _name_argument(args.tag_name, args.name, "")
    change = args.change_name or args.change
    if args.change_name and args.change:
        raise UsageError(f'Unknown argument "{args.change}"')
    ctx = _context(args)
    plan = ctx.plan
    if not name:
        for tag in plan.tags:
            print(tag.format_name)
        return 0
    person_name, person_email = ctx.planner()
    tag = plan.add_tag(name, change=change, note="\n\n".join(args.note or []),
                       planner_name=person_name, planner_email=person_email)
    plan.write()
    print(f'Tagged "{tag.change.name}" with {tag.format_name} in {os.path.relpath(plan.path)}')
    return 0


def cmd_rework(args) -> int:
    from chaindb.plan import rework_scripts
    from chaindb.snapshot import snapshot_includes

    name = _name_argument(args.change_name, args.name, "change")
    ctx = _context(args)
    plan = ctx.plan
    person_name, person_email = ctx.planner()
    change = plan.rework(name, requires=args.requires or [],
                         conflicts=args.conflicts or [], note="\n\n".join(args.note or []),
                         planner_name=person_name, planner_email=person_email)
    top = Path(ctx.target.top_dir)
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
                print(f"Copied {os.path.relpath(src)} to {os.path.relpath(frozen)}")
    plan.write()
    deps = " ".join(d.as_plan_string() for d in change.requires + change.conflicts)
    print(f'Added "{change.name} [{deps}]" to {os.path.relpath(plan.path)}.')
    print("Modify these files as appropriate:")
    for kind in ("deploy", "revert", "verify"):
        print(f"  * {os.path.relpath(_script_file(ctx, kind, change.name))}")
    return 0


def cmd_cluster(args) -> int:
    from chaindb.cluster import Cluster

    top = Path(args.top_dir or ".")
    cluster = Cluster(top / ".chaindb")
    if args.action == "start":
        cluster.start()
        print(cluster.url())
    elif args.action == "stop":
        cluster.stop()
    elif args.action == "url":
        print(cluster.url())
    else:
        status = cluster.status()
        if args.json:
            _print_json(status)
        else:
            for key, value in status.items():
                print(f"{key}: {value}")
    return 0


def cmd_test(args) -> int:
    from chaindb import pgtap

    ctx = _context(args, args.db)
    files = [Path(f) for f in args.files] or sorted(
        Path(ctx.target.top_dir).glob("test/pgtap/**/*.sql"))
    if not files:
        raise ChaindbError("no pgTAP files to run (test/pgtap/**/*.sql)")
    if missing := [str(f) for f in files if not f.is_file()]:
        raise ChaindbError(f"no such pgTAP file: {', '.join(missing)}")

    def connect():
        return ctx.connect(options="-c search_path=public,tap")

    started = time.monotonic()
    results = pgtap.run_files(connect, files, args.jobs)
    print(pgtap.format_summary(results, time.monotonic() - started))
    if args.junit:
        pgtap.write_junit(results, args.junit)
    return 0 if pgtap.all_passed(results) else 1


def _fixtures(ctx) -> list[Path]:
    return sorted(Path(ctx.target.top_dir).glob("test/fixtures/*.sql"))


def _seed(ctx) -> None:
    from chaindb.script import run_file

    files = _fixtures(ctx)
    if not files:
        print("No fixtures to load (test/fixtures/*.sql)")
        return
    with ctx.connect() as conn:
        for path in files:
            started = time.monotonic()
            run_file(conn, path, {"registry": ctx.target.registry})
            print(f"  + {path.as_posix()} .. ok ({(time.monotonic() - started) * 1000:.0f} ms)")


def cmd_seed(args) -> int:
    """Load the development fixtures (test/fixtures/*.sql, in name order) into the target."""
    ctx = _context(args, args.db)
    print(f"Seeding {ctx.target.name if ctx.target.uri else ctx.uri}")
    _seed(ctx)
    return 0


HEALTH_SQL = """
SELECT n.nspname AS schema,
       count(*) FILTER (WHERE c.relkind IN ('r', 'p')) AS tables,
       count(*) FILTER (WHERE c.relkind IN ('v', 'm')) AS views,
       (SELECT count(*) FROM pg_catalog.pg_proc AS p WHERE p.pronamespace = n.oid) AS functions
  FROM pg_catalog.pg_namespace AS n
  LEFT JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND NOT c.relispartition
 WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests')
 GROUP BY n.oid, n.nspname
 ORDER BY n.nspname
"""


def _health(ctx) -> None:
    """diag.health() when the diag schema is deployed; otherwise an inventory per schema."""
    with ctx.connect() as conn:
        if conn.execute("SELECT to_regprocedure('diag.health()')").fetchone()[0]:
            cur = conn.execute("SELECT * FROM diag.health()")
            names = [d.name for d in cur.description]
            print("Health (diag.health()):")
            for row in cur:
                print("  " + "  ".join(f"{n}={v}" for n, v in zip(names, row)))
            return
        print("Health: objects per schema")
        for schema, tables, views, functions in conn.execute(HEALTH_SQL):
            print(f"  {schema:<16} {tables:>3} tables  {views:>3} views  {functions:>3} functions")


def cmd_up(args) -> int:
    """The embedded cluster (or the target), deploy --verify, seed a fresh database, verify,
    health.  Seeding happens only when this run deployed into an empty database, so running
    it again is safe."""
    ctx = _context(args, args.db)
    reporter = TextReporter()
    with ctx.engine(reporter) as engine:
        fresh = (not engine.registry.exists()
                 or engine.registry.current_change(ctx.plan.project) is None)
        engine.deploy(verify=True)
    if fresh:
        print(f"Seeding {ctx.target.name if ctx.target.uri else ctx.uri}")
        _seed(ctx)
    else:
        print("Seeding skipped: the database was already deployed (chaindb seed loads fixtures)")
    with ctx.engine(reporter) as engine:
        engine.verify()
    _health(ctx)
    print(f"Ready: {ctx.uri if ctx.target.uri is None else ctx.target.name}")
    return 0


def cmd_render(args) -> int:
    from chaindb import render

    text = render.render_partitions(args.table, args.start, args.months)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


# ====================================================================== parser
def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("-C", "--chdir", "--cd", default=default, metavar="DIR",
                        help="run as if started in DIR")
    parser.add_argument("--plan-file", "-f", default=default, metavar="FILE")
    parser.add_argument("--top-dir", default=default, metavar="DIR")
    parser.add_argument("--registry", default=default, metavar="SCHEMA")
    parser.add_argument("--target", "-t", default=default, metavar="TARGET",
                        help="target name or db:pg: URI")
    parser.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False)
    parser.add_argument("--lock-timeout", type=float, default=argparse.SUPPRESS if suppress
                        else 60, metavar="SECONDS")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chaindb", description="Sqitch-compatible deploys for chaindb.")
    _global_options(parser, suppress=False)
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def command(name: str, func, help_text: str, **kwargs) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, **kwargs)
        p.set_defaults(func=func)
        return p

    def with_set(p):
        p.add_argument("--set", "-s", action="append", metavar="NAME=VALUE")

    p = command("deploy", cmd_deploy, "deploy changes")
    p.add_argument("args", nargs="*", metavar="[target] [change]")
    p.add_argument("--to", "--to-change", "--to-target", dest="to_change")
    p.add_argument("--mode", choices=("all", "tag", "change"))
    p.add_argument("--verify", action="store_true")
    p.add_argument("--no-verify", dest="verify", action="store_false")
    p.add_argument("--log-only", action="store_true")
    with_set(p)

    p = command("revert", cmd_revert, "revert changes")
    p.add_argument("args", nargs="*", metavar="[target] [change]")
    p.add_argument("--to", "--to-change", "--to-target", dest="to_change")
    p.add_argument("-y", dest="yes", action="store_true")
    p.add_argument("--log-only", action="store_true")
    p.add_argument("--modified", "-m", action="store_true",
                   help="revert to the change before the first modified one")
    with_set(p)

    p = command("rebase", cmd_rebase, "revert then deploy")
    p.add_argument("--modified", "-m", action="store_true",
                   help="rebase onto the change before the first modified one")
    p.add_argument("--set-deploy", "-e", action="append", metavar="NAME=VALUE",
                   help="a variable for the deploy scripts only")
    p.add_argument("--set-revert", "-r", action="append", metavar="NAME=VALUE",
                   help="a variable for the revert scripts only")
    p.add_argument("args", nargs="*", metavar="[target] [onto] [upto]")
    p.add_argument("--onto", "--onto-change", dest="onto")
    p.add_argument("--upto", "--upto-change", dest="upto")
    p.add_argument("-y", dest="yes", action="store_true")
    p.add_argument("--mode", choices=("all", "tag", "change"))
    p.add_argument("--verify", action="store_true")
    p.add_argument("--log-only", action="store_true")
    with_set(p)

    p = command("verify", cmd_verify, "run verify scripts of deployed changes")
    p.add_argument("args", nargs="*", metavar="[target] [from] [to]")
    p.add_argument("--from", "--from-change", dest="from_change")
    p.add_argument("--to", "--to-change", dest="to_change")
    with_set(p)

    p = command("status", cmd_status, "show the deployment status")
    p.add_argument("args", nargs="*", metavar="[target]")
    p.add_argument("--project", metavar="PROJECT")
    p.add_argument("--show-changes", action="store_true", default=None)
    p.add_argument("--show-tags", action="store_true", default=None)
    p.add_argument("--date-format", "--date", dest="date_format", metavar="FORMAT")

    p = command("check", cmd_check, "compare deployed script hashes with the plan")
    p.add_argument("args", nargs="*", metavar="[target]")
    p.add_argument("--from", "--from-change", dest="from_change")
    p.add_argument("--to", "--to-change", dest="to_change")

    def listing_options(p, patterns: tuple[str, ...]):
        """The options log and plan share (Command/log.pm, Command/plan.pm)."""
        for name in patterns:
            flag = name.split("_")[0]
            p.add_argument(f"--{flag}-pattern", f"--{flag}", dest=f"{flag}_pattern",
                           metavar="REGEX")
        p.add_argument("--format", "-f", metavar="FORMAT")
        p.add_argument("--date-format", "--date", dest="date_format", metavar="FORMAT")
        p.add_argument("--max-count", "-n", type=int, metavar="N")
        p.add_argument("--skip", type=int, metavar="N")
        p.add_argument("--reverse", action="store_true")
        p.add_argument("--no-reverse", dest="reverse", action="store_false")
        p.add_argument("--color", choices=("always", "never", "auto"))
        p.add_argument("--no-color", action="store_true")
        p.add_argument("--abbrev", type=int, metavar="N")
        p.add_argument("--oneline", action="store_true")
        p.add_argument("--headers", action="store_true", default=True)
        p.add_argument("--no-headers", dest="headers", action="store_false")

    # -f is --format here, as in Sqitch (the plan file stays --plan-file).
    p = command("log", cmd_log, "show the event log", conflict_handler="resolve")
    p.add_argument("args", nargs="*", metavar="[target]")
    p.add_argument("--event", action="append", metavar="EVENT")
    listing_options(p, ("change_pattern", "project_pattern", "committer_pattern"))

    p = command("plan", cmd_plan, "show the plan", conflict_handler="resolve")
    p.add_argument("--event", metavar="EVENT")
    listing_options(p, ("change_pattern", "planner_pattern"))

    p = command("show", cmd_show, "show a change, tag or script from the plan")
    p.add_argument("type", choices=("change", "tag", "deploy", "revert", "verify"))
    p.add_argument("key")
    p.add_argument("--exists", "-e", action="store_true",
                   help="print nothing; exit 0 when the object exists, else 2")

    # Sqitch's spellings: -c is the change name (not conflicts), -x the conflicts.
    for name, func, help_text in (("add", cmd_add, "add a change to the plan"),
                                  ("rework", cmd_rework, "rework a change")):
        p = command(name, func, help_text)
        p.add_argument("name", nargs="?")
        p.add_argument("-c", "--change", "--change-name", dest="change_name", metavar="NAME")
        p.add_argument("-r", "--requires", action="append")
        p.add_argument("-x", "--conflicts", action="append")
        p.add_argument("-n", "-m", "--note", action="append")

    # `tag -t NAME` is the tag name in Sqitch (the target stays --target).
    p = command("tag", cmd_tag, "tag a change (or list tags)", conflict_handler="resolve")
    p.add_argument("name", nargs="?")
    p.add_argument("change", nargs="?")
    p.add_argument("-t", "--tag", "--tag-name", dest="tag_name", metavar="NAME")
    p.add_argument("-c", "--change", "--change-name", dest="change_name", metavar="NAME")
    p.add_argument("-n", "-m", "--note", action="append")

    p = command("cluster", cmd_cluster, "the embedded PostgreSQL cluster")
    p.add_argument("action", choices=("start", "stop", "status", "url"))

    p = command("test", cmd_test, "run pgTAP files")
    p.add_argument("files", nargs="*")
    p.add_argument("-j", "--jobs", type=int, default=1)
    p.add_argument("--junit", metavar="FILE")
    p.add_argument("--db", metavar="TARGET", help="target name or URI")

    p = command("seed", cmd_seed, "load the development fixtures (test/fixtures/*.sql)")
    p.add_argument("--db", metavar="TARGET", help="target name or URI")

    p = command("up", cmd_up, "embedded cluster, deploy, seed, verify, health")
    p.add_argument("--db", metavar="TARGET", help="target name or URI")

    p = command("render", cmd_render, "render SQL")
    p.add_argument("what", choices=("partitions",))
    p.add_argument("--table", required=True)
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    p.add_argument("--months", type=int, required=True)
    p.add_argument("--out", metavar="FILE")
    return parser


@contextmanager
def _chdir(directory: str | None):
    if not directory:
        yield
        return
    before = os.getcwd()
    try:
        os.chdir(directory)
    except OSError as exc:
        raise UsageError(f"cannot change to directory {directory}: {exc.strerror}") from None
    try:
        yield
    finally:
        os.chdir(before)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def main(argv: list[str] | None = None) -> int:
    """Run the chaindb command line; returns the exit code (never raises for user errors)."""
    try:
        args = build_parser().parse_args(argv)
        with _chdir(args.chdir):
            return args.func(args)
    except ChaindbError as exc:
        sys.stdout.flush()
        text = str(exc).strip() if getattr(exc, "multiline", False) else _one_line(exc)
        print(f"chaindb: {text}", file=sys.stderr)
        return exc.exitcode
    except KeyboardInterrupt:
        print("chaindb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        # psycopg is imported only by the commands that use a database (start-up time of
        # add/tag/plan/show/render): an error of it can only come once it is loaded.
        psycopg = sys.modules.get("psycopg")
        if psycopg is None or not isinstance(exc, psycopg.Error):
            raise
        what = ("cannot connect to the database" if isinstance(exc, psycopg.OperationalError)
                else "database error")
        print(f"chaindb: {what}: {_one_line(exc)}", file=sys.stderr)
        return 2
