"""What every command module shares: the option/command decorators, the global options,
the Context (config, target, plan, connection, engine), the reporters and JSON output.

A command is a function ``handler(args) -> int`` declared with its options right above it::

    @command("seed", "Load the development fixtures into a database", group=CHAINDB)
    @target_arguments
    @option("--dry-run", action="store_true", help="list the files, load nothing")
    def cmd_seed(args) -> int:
        ...

``option`` takes argparse's ``add_argument`` arguments; ``help`` is required (every option
has a one-line help).  ``command("cluster url", ...)`` declares a sub-action of a command
group declared with ``group_command("cluster", ...)``.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from chaindb.errors import ChaindbError

SQITCH = "sqitch"       # a Sqitch command: same name, flags, output and exit codes
CHAINDB = "chaindb"     # chaindb's own


class UsageError(ChaindbError):
    """Bad command-line arguments."""


class NoProjectError(ChaindbError):
    """A command that needs a project ran outside one (exit 1, nothing started or written)."""

    exitcode = 1


class Parser(argparse.ArgumentParser):
    """argparse that raises a one-line UsageError instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # noqa: D102 - argparse API
        raise UsageError(message)


# ====================================================================== declarations
@dataclasses.dataclass
class Command:
    name: str                       # "deploy", or "cluster url" for a sub-action
    help: str
    group: str
    handler: Callable | None
    options: list[tuple[tuple, dict]]
    parser_kwargs: dict


COMMANDS: dict[str, Command] = {}   # in declaration order


def option(*flags: str, **kwargs) -> Callable:
    """Declare one argparse option of the command below (``help`` is required)."""
    if not kwargs.get("help"):
        raise TypeError(f"option {flags}: every option needs a one-line help")

    def decorate(func):
        func.__dict__.setdefault("_chaindb_options", []).insert(0, (flags, kwargs))
        return func

    return decorate


def options(*decorators: Callable) -> Callable:
    """Several option declarations as one reusable decorator."""

    def decorate(func):
        for deco in reversed(decorators):
            func = deco(func)
        return func

    return decorate


def command(name: str, help: str, *, group: str = CHAINDB, **parser_kwargs) -> Callable:
    """Register ``handler(args) -> int`` as ``chaindb NAME``."""

    def decorate(func):
        COMMANDS[name] = Command(name, help, group, func, func.__dict__.get("_chaindb_options", []),
                                 parser_kwargs)
        return func

    return decorate


def group_command(name: str, help: str, *, group: str = CHAINDB) -> None:
    """Declare a command made of sub-actions (``chaindb cluster start`` ...)."""
    COMMANDS[name] = Command(name, help, group, None, [], {})


# Options shared by many commands.
target_arguments = options(
    option("--db", dest="target", metavar="TARGET", default=argparse.SUPPRESS,
           help="same as --target"),
)
set_option = option("--set", "-s", action="append", metavar="NAME=VALUE",
                    help="set a script variable (repeatable)")


def add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options every command takes, before or after the command name."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("-C", "--chdir", "--cd", default=default, metavar="DIR",
                        help="run as if started in DIR")
    parser.add_argument("--plan-file", "-f", default=default, metavar="FILE",
                        help="the plan file (default: sqitch.plan in the top directory)")
    parser.add_argument("--top-dir", default=default, metavar="DIR",
                        help="the project's top directory (default: core.top_dir or .)")
    parser.add_argument("--registry", default=default, metavar="SCHEMA",
                        help="the registry schema (default: sqitch)")
    parser.add_argument("--target", "-t", default=default, metavar="TARGET",
                        help="target name or db:pg: URI (default: core.target, else the "
                             "embedded cluster)")
    parser.add_argument("--json", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="machine-readable output (status, log, plan, verify, deploy, "
                             "cluster status)")
    parser.add_argument("--lock-timeout", type=float, default=argparse.SUPPRESS if suppress
                        else 60, metavar="SECONDS",
                        help="how long to wait for the registry lock (default 60)")
    # Sqitch's connecting options (Role/ConnectingCommand.pm): parts of the target's URI
    parser.add_argument("--db-name", "-d", default=default, metavar="NAME",
                        help="the target's database name (replaces the URI's)")
    parser.add_argument("--db-user", "--db-username", "-u", default=default,
                        metavar="USER", help="the target's user (replaces the URI's)")
    parser.add_argument("--db-host", default=default, metavar="HOST",
                        help="the target's host (replaces the URI's)")
    parser.add_argument("--db-port", "-p", type=int, default=default, metavar="PORT",
                        help="the target's port (replaces the URI's)")
    parser.add_argument("--db-client", "--client", default=default, metavar="PATH",
                        help="accepted for Sqitch compatibility (chaindb runs no psql)")
    # Sqitch's core options, taken before or after the command as Sqitch does
    parser.add_argument("--quiet", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="print errors, warnings and reports only (Sqitch's --quiet)")
    parser.add_argument("--verbose", "-v", "-V", action="count", default=default,
                        help="more output (-vv: verify scripts' output too)")
    parser.add_argument("--no-pager", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="accepted for Sqitch compatibility (chaindb never pages)")


# ====================================================================== output helpers
def jsonable(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("plan",)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def print_json(value) -> None:
    print(json.dumps(jsonable(value), ensure_ascii=False, indent=2))


# Sqitch's verbosity: 0 with --quiet, 1 by default, -v adds (cli.main sets it).
VERBOSITY = 1


def info(message: str) -> None:
    """A line Sqitch prints with `info`: dropped by --quiet."""
    if VERBOSITY:
        print(message)


class TextReporter:
    """Prints engine progress like Sqitch (plus a duration after each ok).  With --quiet
    (verbosity 0) Sqitch's `info` lines -- progress, "Nothing to deploy" -- are dropped;
    verify's lines, reports, warnings and errors are not."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.verbosity = VERBOSITY
        self._quiet_step = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def info(self, message: str) -> None:
        if self.verbosity:
            self._write(message + "\n")

    def emit(self, message: str) -> None:
        self._write(message + "\n")

    def warn(self, message: str) -> None:
        """Sqitch's vent: stderr ("Reverting all changes", "Verify script ... does not
        exist"), after what stdout already holds."""
        self.stream.flush()
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def step_begin(self, sign: str, name: str, width: int) -> None:
        # deploy/revert steps are Sqitch's info lines; verify's ("*") are emitted
        self._quiet_step = sign != "*" and not self.verbosity
        if not self._quiet_step:
            self._write(f"  {sign} {name} .." + "." * (width - len(name)) + " ")

    def step_end(self, ok: bool, duration_ms, error=None, comments=None) -> None:
        for text in [error] if error else []:
            self._write(text.rstrip("\n") + "\n")
        for comment in comments or []:
            self._write(f"# {comment}\n")
        if self._quiet_step:
            return
        if ok:
            self._write(f"ok ({duration_ms:.0f} ms)\n" if duration_ms is not None else "ok\n")
        else:
            self._write("not ok\n")

    def step_not_deployed(self) -> None:
        self._write("not ok # Not deployed\n")

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
    def emit(self, message): ...
    def warn(self, message): ...
    def step_begin(self, sign, name, width): ...
    def step_end(self, ok, duration_ms, error=None, comments=None): ...
    def step_not_deployed(self): ...
    def script_output(self, text): ...

    def script_messages(self, text):
        sys.stderr.write(text)


def reporter(args):
    return QuietReporter() if getattr(args, "json", False) else TextReporter()


# ====================================================================== context
@dataclasses.dataclass
class Context:
    """Everything a command needs: config, target, plan, identity."""

    args: argparse.Namespace
    config: object
    target: object

    @property
    def top_dir(self) -> Path:
        return Path(self.target.top_dir)

    def require_project(self) -> None:
        """Outside a project (neither the plan file nor sqitch.conf is there) nothing is
        started or written: exit 1.  A project whose plan is missing is another error."""
        plan = Path(self.target.plan_file)
        if plan.exists() or (Path(self.config.directory) / "sqitch.conf").exists():
            return
        spec = COMMANDS.get(getattr(self.args, "command", None) or "")
        if spec is not None and spec.group == SQITCH:
            # Sqitch's words and exit status (show reads the plan file first)
            if spec.name == "show":
                raise ChaindbError(f"Plan file {plan} does not exist")
            raise NoProjectError('No project configuration found. Run the "init" command '
                                 'to initialize a project', exitcode=2)
        where = Path(self.config.directory).resolve()
        raise NoProjectError(
            f"no project here: no {plan.name} or sqitch.conf in {where} (run chaindb in a "
            "project's directory, or -C DIR; `sqitch init NAME --engine pg` starts one)")

    @property
    def plan(self):
        from chaindb.plan import Plan

        if not hasattr(self, "_plan"):
            path = Path(self.target.plan_file)
            if not path.exists():
                raise ChaindbError(f"Plan file {path} does not exist")
            if path.is_dir():
                raise ChaindbError(f"Plan file {path} is a directory")
            self._plan = Plan.load(path)
        return self._plan

    @property
    def embedded(self) -> bool:
        """True when no target is configured or given and the project uses its embedded
        cluster: always for chaindb's own commands (up, seed, test, ...); for Sqitch's
        commands only when the cluster exists (``.chaindb/`` in the top directory, made by
        ``chaindb up`` or ``cluster start``) or sqitch.conf sets ``chaindb.embedded_cluster``
        (this project does).  Otherwise Sqitch's own default applies: target ``db:pg:``,
        i.e. whatever libpq's PG* variables name -- a real Sqitch project behaves as under
        sqitch."""
        if self.target.uri is not None:
            return False
        spec = COMMANDS.get(getattr(self.args, "command", None) or "")
        if spec is None or spec.group != SQITCH:
            return True
        return ((self.top_dir / ".chaindb").is_dir()
                or self.config.get_bool("chaindb.embedded_cluster"))

    def cluster(self):
        from chaindb.cluster import Cluster

        return Cluster(self.top_dir / ".chaindb")

    @functools.cached_property
    def uri(self) -> str:
        """The target's URI, or the embedded cluster's (started if needed) when none is set.
        The embedded cluster is started only inside a project."""
        if self.target.uri is not None:
            return self.target.uri
        if not self.embedded:
            return "db:pg:"
        self.require_project()
        cluster = self.cluster()
        cluster.start()
        return cluster.url()

    @property
    def destination(self) -> str:
        """How the target is named in messages (Sqitch: the target name or URI, a URI
        without database name completed as Sqitch's pg engine does)."""
        from chaindb.config import destination

        return self.uri if self.embedded else destination(self.target.name, self.uri)

    def connect(self, **kwargs):
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

    def engine(self, reporter=None, variables: dict | None = None, plan=None):
        """An Engine on the target, or on the embedded cluster when none is configured
        (for ``plan``, default the project's)."""
        from chaindb.engine import Engine

        plan = plan or self.plan            # a missing plan is reported before connecting
        uri = self.uri
        engine = Engine(plan, self.target, committer=self.person(),
                        reporter=reporter or TextReporter(), variables=variables,
                        lock_timeout=self.args.lock_timeout, destination=self.destination,
                        uri=uri)
        spec = COMMANDS.get(getattr(self.args, "command", None) or "")
        engine.libpq_errors = spec is not None and spec.group == SQITCH
        return engine


def is_target(config, arg: str) -> bool:
    """A positional argument is a target when it is a URI or a configured target name."""
    return ":" in arg or config.has_section(f"target.{arg}")


def context(args: argparse.Namespace, positional_target: str | None = None) -> Context:
    """The Context of a command: a target given as positional argument, else --target
    (or --db), else SQITCH_TARGET / core.target, else the embedded cluster."""
    from chaindb.config import Config

    if positional_target and args.target and positional_target != args.target:
        raise UsageError(f'two targets given: "{positional_target}" and --target '
                         f'"{args.target}"')
    config = Config.load(".")
    parts = {key: getattr(args, f"db_{key}", None) for key in ("user", "host", "port")}
    parts["dbname"] = getattr(args, "db_name", None)
    target = config.target(positional_target or args.target, registry=args.registry,
                           plan_file=args.plan_file, top_dir=args.top_dir,
                           command=args.command, client=getattr(args, "db_client", None),
                           uri_parts={k: v for k, v in parts.items() if v is not None})
    ctx = Context(args, config, target)
    ctx.require_project()
    return ctx


def split_positionals(names: list[str]) -> tuple[str | None, list[str]]:
    """Sqitch's `[target] [change]` positionals: a URI or known target name is the target,
    the rest are change keys (or files)."""
    from chaindb.config import Config

    config = Config.load(".")
    target, rest = None, []
    for arg in names:
        if target is None and is_target(config, arg):
            target = arg
        else:
            rest.append(arg)
    return target, rest


def variables(pairs: list[str] | None) -> dict[str, str]:
    result = {}
    for pair in pairs or []:
        key, eq, value = pair.partition("=")
        if not eq or not key:
            raise UsageError(f'bad --set "{pair}": expected name=value')
        result[key] = value
    return result


def confirm(yes: bool):
    """Sqitch's yes/no prompt (revert, rebase, checkout); -y skips it.

    The answer is read from stdin whenever there is one (a pipe or file too).  Yes is
    "y"/"yes" (any case; Sqitch also takes a prefix of "Yes"); an empty line means the
    default Yes only at a terminal.  EOF, "n", or anything else aborts: nothing happens and
    the command exits 1 ("Nothing reverted").
    """
    if yes:
        return None

    def ask(question: str) -> bool:
        sys.stdout.write(f"{question} [Yes] ")
        sys.stdout.flush()
        stdin = sys.stdin
        line = stdin.readline() if stdin is not None and not stdin.closed else ""
        if not line:                                    # EOF
            sys.stdout.write("\n")
            return False
        if not (stdin.isatty() and sys.stdout.isatty()):
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
        answer = line.strip()
        if not answer:
            return stdin.isatty()
        return "yes".startswith(answer.lower())

    return ask


def date_format(args, config, command: str) -> str:
    """--date-format, else <command>.date_format, else iso; checked as Sqitch does."""
    from chaindb.formatter import validate_date_format

    return validate_date_format(getattr(args, "date_format", None)
                                or config.get(f"{command}.date_format") or "iso")
