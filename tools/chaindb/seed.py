"""Development data: the fixture files ``test/fixtures/*.sql`` loaded in name order.

Each file runs through chaindb.script (psql semantics) with the registry schema as the
``registry`` variable.  ``chaindb seed`` and ``chaindb up`` (on a freshly deployed
database) call load_fixtures.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable


def fixture_files(top_dir: Path | str) -> list[Path]:
    """The fixture files of the project, in the order they are loaded."""
    return sorted(Path(top_dir).glob("test/fixtures/*.sql"))


def load_fixtures(conn, top_dir: Path | str, *, registry: str = "sqitch",
                  echo: Callable[[str], None] = print) -> list[Path]:
    """Run every fixture file on ``conn`` (autocommit); returns the files loaded."""
    from chaindb.script import run_file

    files = fixture_files(top_dir)
    if not files:
        echo("No fixtures to load (test/fixtures/*.sql)")
        return []
    for path in files:
        started = time.monotonic()
        run_file(conn, path, {"registry": registry})
        shown = path.relative_to(top_dir) if path.is_relative_to(top_dir) else path
        echo(f"  + {Path(shown).as_posix()} .. ok ({(time.monotonic() - started) * 1000:.0f} ms)")
    return files
