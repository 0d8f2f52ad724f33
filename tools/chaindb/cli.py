"""The ``chaindb`` command: the entry point only.

The commands live in chaindb/commands/ (one module per group, each command's options next
to its handler).  Sqitch's command names, flags and output (docs/sqitch-compat.md
§3.6-3.7; recorded output in test/golden/outputs/); the one deliberate difference in text
output: every ``.. ok`` line carries the step's duration, e.g. ``  + users .. ok (12 ms)``.
With no target configured or given, chaindb deploys to its embedded cluster (``.chaindb/``
in the project).  Every user error is one line on stderr, ``chaindb: <message>`` (Sqitch's
multi-line messages keep their lines), and a non-zero exit code -- never a traceback;
Sqitch's non-fatal exit-1 messages ("No changes deployed") go to stdout, as Sqitch's do.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from chaindb.commands import build_parser
from chaindb.commands.base import UsageError
from chaindb.errors import ChaindbError

__all__ = ["build_parser", "main", "UsageError"]


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


def _help(parser) -> int:
    parser.print_help()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the chaindb command line; returns the exit code (never raises for user errors)."""
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        for arg in argv:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise UsageError(f'argument "{shown}" is not valid UTF-8') from None
        if argv[:1] == ["--version"]:
            from importlib.metadata import PackageNotFoundError, version
            try:
                print(f"chaindb {version('chaindb')}")
            except PackageNotFoundError:
                print("chaindb")
            return 0
        parser = build_parser()
        if argv[:1] == ["help"]:
            # Sqitch's `help [COMMAND]`: the usage, exit 0
            return main([*argv[1:2], "--help"]) if len(argv) > 1 else _help(parser)
        args, extra = parser.parse_known_args(argv)
        if extra:
            # Sqitch takes positionals anywhere (`tag v1 -n note TARGET`); argparse only
            # in one run: words left after the options join the command's positionals
            if (isinstance(getattr(args, "args", None), list)
                    and not any(word.startswith("-") for word in extra)):
                args.args += extra
            else:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
        from chaindb.commands import base
        base.VERBOSITY = 0 if getattr(args, "quiet", False) else max(
            1, getattr(args, "verbose", None) or 0)
        with _chdir(args.chdir):
            return args.func(args)
    except ChaindbError as exc:
        sys.stdout.flush()
        if exc.info:
            # Sqitch's non-fatal exit-1 messages go to stdout (App::Sqitch::go: info),
            # not at all with --quiet
            from chaindb.commands import base
            if base.VERBOSITY:
                print(str(exc).strip())
            return exc.exitcode
        # a message made of one reason per line (Sqitch's layout) keeps its lines
        # (a trailing newline is kept: Sqitch's psql failure line is followed by a blank)
        text = str(exc).strip(" ").lstrip("\n") if exc.multiline else _one_line(exc)
        print(f"chaindb: {text}", file=sys.stderr)
        return exc.exitcode
    except KeyboardInterrupt:
        print("chaindb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # a file or directory the command could not read or write (read-only, missing,
        # not a directory ...): one line, as every other error
        what = f"{os.path.relpath(exc.filename)}: " if isinstance(exc.filename, str) else ""
        print(f"chaindb: {what}{exc.strerror or exc}", file=sys.stderr)
        return 2
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
