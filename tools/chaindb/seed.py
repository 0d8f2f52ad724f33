"""Seed data from Jinja templates: the ``dev`` and ``scale`` profiles of ``chaindb seed``.

Templates live in the project's ``tools/chaindb/templates/seeds/`` (seed data belongs to the
project: another project has its own, or only test/fixtures), one per schema, named
``NN_<name>.sql.j2`` and rendered in name order (``NN`` orders dependencies: core first).  A template renders to
plain SQL that psql runs unchanged; ``chaindb seed --dry-run`` prints exactly that SQL.

Context of every template:

* ``profile``  -- ``"dev"`` or ``"scale"``;
* ``scale``    -- N (``--scale``, default 1), the scale profile's multiplier;
* ``seed``     -- S (``--seed``, default 1), fed to ``setseed()`` per table;
* ``setseed(table)`` -- the ``setseed`` argument of one table, from S and the table's name;
* ``chunks(rows)``   -- (first, last) pairs covering 1..rows in batches of ``batch`` rows.

A template that never mentions ``profile`` is a **dev-only** template: plain SQL renamed
``.sql.j2`` works as it is (Jinja leaves SQL without ``{{``/``{%``/``{#`` untouched), and the
scale profile skips it.  A template that mentions ``profile`` renders for both profiles and
emits nothing for a profile it has no data for.

Progress: the scale templates mark each table's batches with comment lines

    -- chaindb:table <schema.table> <rows>          (a table starts; rows = its target)
    -- chaindb:rows <done>                          (after the next statements, <done> rows)

The runner executes the SQL between markers as one psql script segment (autocommit: a
batch's statements commit together or not at all) and prints one progress line per table:
a bar redrawn in place on a terminal, plain lines (one per batch) otherwise.

Legacy fixtures: ``test/fixtures/NN_name.sql`` files of the project are still loaded by the
dev profile, merged into the same name order, so fixture files that other changes add before
they are moved into templates keep working.  A template and a fixture with the same
``NN_name`` stem: the template wins and the fixture is reported as superseded.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

import jinja2
import jinja2.meta

from chaindb.errors import ChaindbError

PROFILES = ("dev", "scale")
TEMPLATE_DIR = "seeds"
FIXTURE_DIR = Path("test") / "fixtures"
DEFAULT_BATCH = 50_000
MAX_SCALE = 100_000
_NAME = re.compile(r"(\d+)_([a-z][a-z0-9_]*)")
_MARKER = re.compile(r"^-- chaindb:(table|rows) (.*)$")


class SeedError(ChaindbError):
    """Bad seed input (profile, scale, --only) or a template/fixture that failed."""


@dataclass(frozen=True)
class Source:
    """One seed source: a template under templates/seeds or a legacy fixture file."""

    stem: str                  # "10_core"
    name: str                  # "core"  (what --only matches)
    kind: str                  # "template" | "fixture"
    path: Path | None = None   # fixtures only
    template: str | None = None  # template name relative to the templates dir
    env: jinja2.Environment | None = field(default=None, compare=False, repr=False)

    @property
    def display(self) -> str:
        if self.kind == "fixture":
            return self.path.as_posix()
        return f"templates/{self.template}"


@dataclass
class Rendered:
    """A source rendered for one profile: its SQL (empty when it has nothing for it)."""

    source: Source
    sql: str
    note: str = ""


@dataclass
class Step:
    """One runnable piece of a rendered source: SQL plus the progress it reports."""

    sql: str
    first_line: int
    table: str | None = None
    rows_after: int | None = None
    table_rows: int | None = None


@dataclass
class TableProgress:
    table: str
    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)


# ------------------------------------------------------------------ Jinja environment

PROJECT_TEMPLATES = Path("tools") / "chaindb" / "templates"


def _environment(root: Path | None = None) -> jinja2.Environment:
    """Templates of the project at ``root`` (its tools/chaindb/templates), else the
    installed package's."""
    loader = (jinja2.FileSystemLoader(str(root)) if root is not None
              else jinja2.PackageLoader("chaindb", "templates"))
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_env = _environment()
_project_envs: dict[str, jinja2.Environment] = {}


def environment_for(top_dir: Path | None) -> jinja2.Environment:
    """The seed templates belong to the project: <top_dir>/tools/chaindb/templates when
    top_dir is given (a project without that directory has no templates, only its
    test/fixtures), the installed package's when it is None."""
    if top_dir is None:
        return _env
    root = (Path(top_dir) / PROJECT_TEMPLATES).resolve()
    key = str(root)
    if key not in _project_envs:
        _project_envs[key] = _environment(root)
    return _project_envs[key]


def _chunks(rows: int, batch: int = DEFAULT_BATCH) -> list[tuple[int, int]]:
    rows, batch = int(rows), max(1, int(batch))
    return [(lo, min(lo + batch - 1, rows)) for lo in range(1, rows + 1, batch)]


def _setseed(seed: int, table: str) -> str:
    """A setseed() argument in [-1, 1] determined by the seed and the table name only, so a
    table's rows do not depend on which other tables are seeded (--only)."""
    digest = hashlib.sha256(f"{seed}:{table}".encode()).digest()
    value = int.from_bytes(digest[:4], "big") / 0xFFFFFFFF * 2 - 1
    return f"{value:.9f}"


# ------------------------------------------------------------------ discovery

def template_sources(top_dir: Path | None = None) -> list[Source]:
    """Every seed template of the project (see environment_for), in name order."""
    env = environment_for(top_dir)
    if top_dir is not None and not (Path(top_dir) / PROJECT_TEMPLATES / TEMPLATE_DIR).is_dir():
        return []
    sources = []
    for name in env.list_templates(filter_func=lambda n: n.startswith(TEMPLATE_DIR + "/")):
        base = name.rsplit("/", 1)[-1]
        if "/" in name[len(TEMPLATE_DIR) + 1:] or base.startswith("_"):
            continue  # macros and includes
        if not base.endswith(".sql.j2"):
            continue
        stem = base[: -len(".sql.j2")]
        m = _NAME.fullmatch(stem)
        if not m:
            continue
        sources.append(Source(stem=stem, name=m.group(2), kind="template", template=name, env=env))
    return sorted(sources, key=lambda s: s.stem)


def fixture_sources(top_dir: Path) -> list[Source]:
    """The project's legacy fixture files test/fixtures/NN_name.sql, in name order."""
    folder = Path(top_dir) / FIXTURE_DIR
    out = []
    for path in sorted(folder.glob("*.sql")) if folder.is_dir() else []:
        m = _NAME.fullmatch(path.stem)
        name = m.group(2) if m else path.stem
        rel = path.relative_to(top_dir) if path.is_relative_to(top_dir) else path
        out.append(Source(stem=path.stem, name=name, kind="fixture", path=Path(rel)))
    return out


def sources(top_dir: Path | None = None, *, include_templates: bool = True) -> tuple[list[Source], list[str]]:
    """Templates and legacy fixtures merged in name order, and notes about superseded ones."""
    templates = template_sources(top_dir) if include_templates else []
    by_stem = {s.stem: s for s in templates}
    notes = []
    merged = list(templates)
    for fixture in fixture_sources(top_dir) if top_dir is not None else []:
        if fixture.stem in by_stem:
            notes.append(f"{fixture.display} superseded by {by_stem[fixture.stem].display}")
            continue
        merged.append(fixture)
    merged.sort(key=lambda s: (s.stem, s.kind))
    return merged, notes


def select(all_sources: list[Source], only: list[str] | None) -> list[Source]:
    """The sources --only names (by name, e.g. ``core``, or stem, e.g. ``10_core``); a name
    that matches nothing is an error listing the known names."""
    if not only:
        return all_sources
    wanted = []
    for item in only:
        for part in item.split(","):
            if part.strip():
                wanted.append(part.strip())
    known = {s.name for s in all_sources} | {s.stem for s in all_sources}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise SeedError(f"unknown seed {', '.join(unknown)}: expected one of "
                        f"{', '.join(s.name for s in all_sources)}")
    return [s for s in all_sources if s.name in wanted or s.stem in wanted]


# ------------------------------------------------------------------ rendering

def check_options(profile: str, scale: int, seed: int) -> None:
    if profile not in PROFILES:
        raise SeedError(f'unknown profile "{profile}": expected {" or ".join(PROFILES)}')
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= MAX_SCALE:
        raise SeedError(f"invalid scale {scale!r}: expected an integer 1..{MAX_SCALE}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2**31 - 1:
        raise SeedError(f"invalid seed {seed!r}: expected an integer 0..{2**31 - 1}")


def render_source(source: Source, profile: str, scale: int = 1, seed: int = 1,
                  batch: int = DEFAULT_BATCH) -> Rendered:
    """Render one source for a profile.  Dev-only sources (fixtures, templates that do not
    mention ``profile``) render to '' for the scale profile."""
    check_options(profile, scale, seed)
    if source.kind == "fixture":
        if profile != "dev":
            return Rendered(source, "", "dev fixture: nothing for the scale profile")
        try:
            return Rendered(source, source.path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SeedError(f"{source.display}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise SeedError(f"{source.display}: not valid UTF-8 text") from None
    try:
        env = source.env or _env
        text, _, _ = env.loader.get_source(env, source.template)
        uses_profile = "profile" in jinja2.meta.find_undeclared_variables(env.parse(text))
        if not uses_profile and profile != "dev":
            return Rendered(source, "", "dev-only template: nothing for the scale profile")
        sql = env.get_template(source.template).render(
            profile=profile, scale=scale, seed=seed, batch=batch,
            chunks=lambda rows, size=batch: _chunks(rows, size),
            setseed=lambda table: _setseed(seed, table))
    except jinja2.TemplateSyntaxError as exc:
        raise SeedError(f"{source.display}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise SeedError(f"{source.display}: template error: {exc.message}") from None
    note = "" if sql.strip() else f"nothing for the {profile} profile"
    return Rendered(source, sql if sql.strip() else "", note)


def render_all(selected: list[Source], profile: str, scale: int = 1, seed: int = 1,
               batch: int = DEFAULT_BATCH) -> list[Rendered]:
    return [render_source(s, profile, scale, seed, batch) for s in selected]


def script_text(rendered: list[Rendered], profile: str, scale: int, seed: int) -> str:
    """The whole seed as one psql script (what --dry-run prints): psql -f runs it as is."""
    out = [f"-- chaindb seed --profile {profile}"
           + (f" --scale {scale} --seed {seed}" if profile == "scale" else "") + "\n"]
    for item in rendered:
        if not item.sql:
            out.append(f"\n-- {item.source.display}: {item.note}\n")
            continue
        out.append(f"\n-- >>> {item.source.display}\n")
        out.append(item.sql if item.sql.endswith("\n") else item.sql + "\n")
    return "".join(out)


def steps(sql: str) -> list[Step]:
    """Split rendered SQL at its progress markers."""
    result: list[Step] = []
    lines = sql.splitlines(keepends=True)
    current: list[str] = []
    start = 1
    table: str | None = None
    table_rows: int | None = None
    pending_rows: int | None = None

    def flush(next_start: int) -> None:
        nonlocal current, start, pending_rows
        text = "".join(current)
        if text.strip():
            result.append(Step(text, start, table, pending_rows, table_rows))
        current, start, pending_rows = [], next_start, None

    for number, line in enumerate(lines, 1):
        m = _MARKER.match(line.rstrip("\r\n"))
        if not m:
            current.append(line)
            continue
        kind, rest = m.groups()
        parts = rest.split()
        try:
            if kind == "table":
                flush(number + 1)
                table, table_rows = parts[0], int(parts[1])
                result.append(Step("", number, table, 0, table_rows))
            else:
                pending_rows = int(parts[0])   # the rows done once the SQL above has run
                flush(number + 1)
        except (IndexError, ValueError):
            raise SeedError(f"line {number}: malformed progress marker: {line.strip()}") from None
    flush(len(lines) + 1)
    return result


# ------------------------------------------------------------------ progress output

def _human(n: float) -> str:
    for unit in ("", "k", "M", "G"):
        if abs(n) < 1000:
            return f"{n:.0f}{unit}" if unit == "" or n >= 100 else f"{n:.1f}{unit}"
        n /= 1000
    return f"{n:.0f}T"


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """One line per table: redrawn in place on a terminal, appended otherwise."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None):
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty() if tty is None else tty
        self.current: TableProgress | None = None

    def _line(self, p: TableProgress, final: bool) -> str:
        elapsed = max(time.monotonic() - p.started, 1e-6)
        rate = p.done / elapsed
        pct = 100.0 * p.done / p.total if p.total else 100.0
        if final:
            tail = f"{_duration(elapsed)} elapsed"
        else:
            eta = (p.total - p.done) / rate if rate > 0 else 0
            tail = f"ETA {_duration(eta)}"
        text = (f"  {p.table:<32} {p.done:>10,}/{p.total:<10,} rows {pct:5.1f}%  "
                f"{_human(rate):>6} rows/s  {tail}")
        if self.tty:
            width = 20
            filled = int(width * pct / 100)
            text = f"  [{'#' * filled}{'.' * (width - filled)}]" + text[1:]
        return text

    def begin(self, table: str, total: int) -> None:
        self.end()
        self.current = TableProgress(table, total)
        if self.tty:
            self.stream.write(self._line(self.current, False))
            self.stream.flush()

    def update(self, done: int) -> None:
        p = self.current
        if p is None:
            return
        p.done = done
        if self.tty:
            self.stream.write("\r\x1b[K" + self._line(p, p.done >= p.total))
        else:
            self.stream.write(self._line(p, p.done >= p.total) + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.current is not None and self.tty:
            self.stream.write("\n")
            self.stream.flush()
        self.current = None

    def info(self, text: str) -> None:
        self.end()
        self.stream.write(text + "\n")
        self.stream.flush()


# ------------------------------------------------------------------ running

@dataclass
class SeedResult:
    profile: str
    scale: int
    seed: int
    sources: list[dict] = field(default_factory=list)
    tables: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0
    stopped: bool = False      # the deadline came first (benchmarks)

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.tables.values())


def run(conn, rendered: list[Rendered], *, profile: str, scale: int, seed: int,
        variables: dict[str, str] | None = None, progress: Progress | None = None,
        notice: Callable[[str], None] | None = None,
        deadline: float | None = None) -> SeedResult:
    """Run rendered sources on ``conn`` (autocommit) in order, reporting progress.
    ``deadline`` (a time.monotonic() value): stop before the next batch once it has passed
    (what was committed stays; result.stopped says so)."""
    from chaindb.script import ScriptError, run_text

    progress = progress or Progress()
    result = SeedResult(profile, scale, seed)
    started_all = time.monotonic()
    for item in rendered:
        display = item.source.display
        if not item.sql:
            progress.info(f"  - {display} .. skipped ({item.note})")
            result.sources.append({"source": display, "skipped": item.note})
            continue
        started = time.monotonic()
        marked = False
        for step in steps(item.sql):
            if deadline is not None and time.monotonic() > deadline:
                progress.end()
                result.stopped = True
                result.seconds = time.monotonic() - started_all
                return result
            if step.table is not None and step.sql == "":
                marked = True
                progress.begin(step.table, step.table_rows or 0)
                result.tables.setdefault(step.table, {"rows": 0, "seconds": 0.0})
                continue
            # Keep line numbers of errors those of the rendered SQL (what --dry-run shows).
            text = "\n" * (step.first_line - 1) + step.sql
            step_started = time.monotonic()
            try:
                run_text(conn, text, variables, name=display, notice=notice)
            except ScriptError as exc:
                progress.end()
                where = f" (table {step.table})" if step.table else ""
                raise SeedError(f"seed {item.source.name}{where}: {exc}") from None
            if step.table is not None and step.rows_after is not None:
                entry = result.tables.setdefault(step.table, {"rows": 0, "seconds": 0.0})
                entry["rows"] = step.rows_after
                entry["seconds"] += time.monotonic() - step_started
                progress.update(step.rows_after)
        progress.end()
        ms = (time.monotonic() - started) * 1000
        if not marked:
            progress.info(f"  + {display} .. ok ({ms:.0f} ms)")
        result.sources.append({"source": display, "ms": round(ms)})
    result.seconds = time.monotonic() - started_all
    return result


# ------------------------------------------------------------------ checksums

TABLES_SQL = """
SELECT c.oid::regclass::text
  FROM pg_catalog.pg_class AS c
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests')
   AND (%(schemas)s::text[] IS NULL OR n.nspname = ANY (%(schemas)s::text[]))
 ORDER BY 1
"""


def table_checksums(conn, schemas: list[str] | None = None,
                    exclude_types: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """{table: (rows, md5)} for every table of ours: the md5 of its rows' text in a total
    order (every column, sorted by the whole row).  ``exclude_types`` drops columns of those
    types (e.g. ``timestamp with time zone``, to compare two seeds taken at different
    times)."""
    from psycopg import sql

    out = {}
    for (table,) in conn.execute(TABLES_SQL, {"schemas": schemas}).fetchall():
        cols = conn.execute(
            "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) "
            "FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = %s::regclass "
            "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", (table,)).fetchall()
        keep = [c for c, t in cols if t not in exclude_types]
        if not keep:
            continue
        row = sql.SQL("ROW({})").format(sql.SQL(", ").join(sql.Identifier(c) for c in keep))
        schema, _, name = table.partition(".")
        query = sql.SQL("SELECT count(*), COALESCE(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '') "
                        "FROM (SELECT {} AS r FROM {}) AS t").format(
            row, sql.Identifier(schema, name) if name else sql.Identifier(schema))
        count, digest = conn.execute(query).fetchone()
        out[table] = (count, digest)
    return out
