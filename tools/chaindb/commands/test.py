"""`chaindb test`: run the project's pgTAP files and report like pg_prove."""

from __future__ import annotations

import time
from pathlib import Path

from chaindb.commands.base import (
    CHAINDB, command, context, option, options, split_positionals, target_arguments,
)
from chaindb.errors import ChaindbError


def _jobs(text: str) -> int:
    from chaindb.commands.base import UsageError

    try:
        value = int(text)
    except ValueError:
        raise UsageError(f'invalid number of jobs "{text}"') from None
    if not 1 <= value <= 64:
        raise UsageError(f"invalid number of jobs {value}: expected 1..64")
    return value


@command("test", "Run pgTAP files (default: test/pgtap/**/*.sql); pg_prove-style summary")
@options(
    option("args", nargs="*", metavar="[TARGET] [FILE]",
           help="target URI or name, then pgTAP files or directories"),
    target_arguments,
    option("-j", "--jobs", type=_jobs, default=1, metavar="N",
           help="run N files at once (default 1)"),
    option("--junit", metavar="FILE", help="also write a JUnit XML report to FILE"),
)
def cmd_test(args) -> int:
    from chaindb import pgtap

    target, names = split_positionals(args.args)
    ctx = context(args, target)
    ctx.require_project()
    files = [Path(f) for f in names] or sorted(
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
