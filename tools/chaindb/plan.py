"""The Sqitch plan: parse, model, compute IDs, look up, write.  Knows nothing of databases.

CONTRACT (stub written by the lead; the plan owner fills it in and may add to it, but keeps
these public names and signatures, because engine.py and cli.py code against them).

Grammar, IDs and errors exactly as ../shared/reference/sqitch.md §1 and §3.1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from chaindb.errors import ChaindbError


class PlanError(ChaindbError):
    """A malformed plan: str() is Sqitch's message with file and line, e.g.
    'Syntax error in sqitch.plan at line 5: Invalid name; ...'."""


@dataclass
class Depend:
    """One entry of a change's [...] list."""

    conflicts: bool            # True for "!x"
    project: str | None        # "base" in "base:x"; None when not given
    change: str | None         # change name, None for "@tag" or an ID
    tag: str | None            # "v1.0" in "x@v1.0" or "@v1.0"
    id: str | None             # a 40-hex ID given literally (never written by us)
    plan_project: str          # the project of the plan holding this dependency

    @property
    def key_name(self) -> str:
        """'change@tag', 'change', '@tag' or the ID -- no project, no '!'."""
        raise NotImplementedError

    @property
    def is_own_project(self) -> bool:
        """True when project is None or equals plan_project."""
        raise NotImplementedError

    def as_string(self) -> str:
        """Sqitch's Depend->as_string: key_name, prefixed 'project:' only for other projects."""
        raise NotImplementedError

    def as_plan_string(self) -> str:
        """How it is written back into the plan: '!' and project as originally given."""
        raise NotImplementedError


@dataclass
class Tag:
    name: str                  # without '@'
    timestamp: datetime        # timezone-aware UTC
    planner_name: str
    planner_email: str
    note: str                  # unescaped, trimmed
    change: "Change"           # the change it is attached to
    lineno: int
    id: str = ""               # Sqitch tag ID (sha1)
    info: str = ""             # the exact text hashed into id

    @property
    def format_name(self) -> str:
        return "@" + self.name


@dataclass
class Change:
    name: str
    operator: str              # '', '+' or '-' (parsed, preserved, ignored by deploy)
    requires: list[Depend]
    conflicts: list[Depend]
    timestamp: datetime        # timezone-aware UTC
    planner_name: str
    planner_email: str
    note: str                  # unescaped, trimmed
    lineno: int
    index: int = 0             # position in Plan.changes
    tags: list[Tag] = field(default_factory=list)
    rework_tags: list[Tag] = field(default_factory=list)   # see sqitch.md §1.7
    parent_id: str | None = None
    id: str = ""
    info: str = ""             # the exact text hashed into id (what `show change` prints)

    def script_path(self, kind: str, top_dir: Path, *, dir_name: str | None = None,
                    extension: str = "sql") -> Path:
        """deploy/revert/verify script for this instance, rework-aware:
        top_dir/<kind>/<name>[@tag].sql (sqitch.md §1.7)."""
        raise NotImplementedError

    def script_hash(self, top_dir: Path) -> str | None:
        """sha1 hex of the resolved deploy script's bytes, None when it does not exist."""
        raise NotImplementedError

    @property
    def is_reworked(self) -> bool:
        """True for an earlier instance of a change that is reworked later in the plan."""
        raise NotImplementedError


@dataclass
class Plan:
    path: Path
    project: str
    uri: str | None            # raw %uri as written
    syntax_version: str
    changes: list[Change]
    tags: list[Tag]            # every tag in plan order

    @classmethod
    def load(cls, path: Path | str) -> "Plan":
        """Parse a plan file; raises PlanError (never another exception) for bad input."""
        raise NotImplementedError

    @classmethod
    def parse_text(cls, text: str, path: Path | str = "sqitch.plan") -> "Plan":
        raise NotImplementedError

    def find(self, key: str) -> Change | None:
        """Look up a change by key as Sqitch does: name (first instance), name@tag, @tag,
        ID, HEAD/@HEAD, ROOT/@ROOT, with ^N / ~N offsets.  None when not found."""
        raise NotImplementedError

    def index_of(self, key: str) -> int | None:
        raise NotImplementedError

    def get_tag(self, name: str) -> Tag | None:
        raise NotImplementedError

    # --- writing (sqitch add / tag / rework): byte-identical to Sqitch -----------------
    def add_change(self, name: str, *, requires: list[str] = (), conflicts: list[str] = (),
                   note: str = "", planner_name: str, planner_email: str,
                   timestamp: datetime | None = None) -> Change:
        raise NotImplementedError

    def add_tag(self, name: str, *, change: str | None = None, note: str = "",
                planner_name: str, planner_email: str,
                timestamp: datetime | None = None) -> Tag:
        raise NotImplementedError

    def rework(self, name: str, *, requires: list[str] = (), conflicts: list[str] = (),
               note: str = "", planner_name: str, planner_email: str,
               timestamp: datetime | None = None) -> Change:
        raise NotImplementedError

    def write(self, path: Path | None = None) -> None:
        """Write the plan back, preserving comments, blank lines and spacing."""
        raise NotImplementedError

    def format_raw(self) -> str:
        """What `sqitch plan --format raw` prints (compat/sqitch-golden/outputs/plan-raw.txt)."""
        raise NotImplementedError
