"""Jinja rendering of plain-SQL files: monthly partitions and new-change skeletons.

Everything rendered here is plain SQL that psql (and chaindb.script) runs unchanged.
Templates live in ``chaindb/templates/``; undefined variables are errors (StrictUndefined)
and nothing is HTML-escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2

from chaindb.errors import ChaindbError


class RenderError(ChaindbError):
    """Bad input to a renderer (table name, month, count) or a template problem."""


_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("chaindb", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
    trim_blocks=True,          # a line holding only {% ... %} leaves no blank line
    lstrip_blocks=True,
)


def render(template_name: str, **context) -> str:
    """Render ``templates/<template_name>`` with ``context``; RenderError if the template
    is missing or uses a variable the context lacks."""
    try:
        return _environment.get_template(template_name).render(**context)
    except jinja2.TemplateNotFound:
        raise RenderError(f"no such template: {template_name}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {template_name}: {exc}") from None


# ------------------------------------------------------------------ partitions

# Plain lower-case identifiers only: they need no quoting, so the partition names we
# write are exactly the relnames maint.ensure_partitions() derives from the regclass.
_IDENTIFIER = r"[a-z_][a-z0-9_]*"
_QUALIFIED_TABLE = re.compile(rf"({_IDENTIFIER})\.({_IDENTIFIER})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
MAX_MONTHS = 120
_NAMEDATALEN = 63                 # longer names would be truncated by PostgreSQL


@dataclass(frozen=True)
class Partition:
    """One monthly partition: qualified name and its [lower, upper) bounds in UTC."""

    name: str
    lower: str
    upper: str


def parse_month(month: str) -> tuple[int, int]:
    """'2026-01' -> (2026, 1); RenderError unless YYYY-MM with a month 01..12."""
    m = _MONTH.fullmatch(month)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise RenderError(f'invalid month "{month}": expected YYYY-MM, e.g. 2026-01')
    return int(m.group(1)), int(m.group(2))


def monthly_partitions(table: str, start: str, months: int) -> list[Partition]:
    """The partitions of ``schema.table`` for ``months`` months from ``start``
    (YYYY-MM): names ``schema.table_pYYYY_MM``, bounds from the first of the month to the
    first of the next, at 00:00:00+00."""
    m = _QUALIFIED_TABLE.fullmatch(table)
    if not m:
        raise RenderError(f'invalid table "{table}": expected schema.table in lower-case '
                          'unquoted identifiers')
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise RenderError(f"invalid number of months {months!r}: expected 1..{MAX_MONTHS}")
    if len(m.group(2)) + len("_p2026_01") > _NAMEDATALEN:
        raise RenderError(f'table name "{m.group(2)}" too long for partition names '
                          f"(max {_NAMEDATALEN - len('_p2026_01')} characters)")
    year, month = parse_month(start)
    partitions = []
    for _ in range(months):
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        if next_year > 9999:
            raise RenderError(f"months from {start} run past the year 9999")
        partitions.append(Partition(
            name=f"{table}_p{year:04d}_{month:02d}",
            lower=f"{year:04d}-{month:02d}-01 00:00:00+00",
            upper=f"{next_year:04d}-{next_month:02d}-01 00:00:00+00",
        ))
        year, month = next_year, next_month
    return partitions


def render_partitions(table: str, start: str, months: int) -> str:
    """SQL creating ``months`` monthly partitions of ``table`` (``schema.table``) from
    ``start`` (YYYY-MM), idempotent (IF NOT EXISTS), in one transaction."""
    return render("partitions/monthly.sql.j2", table=table, start=start,
                  partitions=monthly_partitions(table, start, months))


# ------------------------------------------------------------------ change skeletons

CHANGE_SCRIPT_KINDS = ("deploy", "revert", "verify")


def render_change_scripts(project: str, change: str, requires: list[str] | tuple = (),
                          conflicts: list[str] | tuple = ()) -> dict[str, str]:
    """The deploy/revert/verify skeletons ``chaindb add`` writes, byte-identical to what
    Sqitch 1.3.1's pg templates give for the same change.  ``requires`` and ``conflicts``
    are dependency strings as written in the plan, without the ``!`` of a conflict."""
    context = dict(project=project, change=change, requires=list(requires),
                   conflicts=list(conflicts))
    return {kind: render(f"change/{kind}.sql.j2", **context) for kind in CHANGE_SCRIPT_KINDS}
