"""What ``chaindb diag [TARGET] [CHECK...] [--json]`` (commands/diag.py) and ``chaindb up`` show:
the diag schema's health and checks, for people and for cron/CI.

Health (``diag.health()``, plus ``plan_pending`` when a plan is at hand: changes of the
local sqitch.plan not deployed, which the SQL cannot know) first, then each named check (``diag.<check>()``), as aligned tables
that fit the terminal, with the status coloured on a terminal (``--color``, ``NO_COLOR``).  The
exit code is the verdict of the health checks: 0 ok (or skipped), 1 some warning, 2 some
critical, 3 could not check (no connection, no diag schema, a database error) -- the Nagios
convention, so cron, CI and monitoring can use it as is.  ``--json`` prints
``{"status": ..., "health": [...], "checks": {name: [...]}}`` instead.

The SQL lives in the database (schema diag); this module only calls it and lays out what comes
back.  ``print_health()`` is the summary ``chaindb up`` ends with.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal

from chaindb.errors import ChaindbError

# check name -> the call (every diag function a user may name; visible_query is internal)
CHECKS: dict[str, str] = {
    "ready": "SELECT diag.ready() AS ready",
    "system_stats": "SELECT * FROM diag.system_stats()",
    "table_sizes": "SELECT * FROM diag.table_sizes()",
    "database_info": "SELECT * FROM diag.database_info()",
    "cache_hit": "SELECT * FROM diag.cache_hit()",
    "index_usage": "SELECT * FROM diag.index_usage()",
    "unused_indexes": "SELECT * FROM diag.unused_indexes()",
    "duplicate_indexes": "SELECT * FROM diag.duplicate_indexes()",
    "bloat": "SELECT * FROM diag.bloat()",
    "vacuum_stats": "SELECT * FROM diag.vacuum_stats()",
    "locks": "SELECT * FROM diag.locks()",
    "blocking": "SELECT * FROM diag.blocking()",
    "long_running_queries": "SELECT * FROM diag.long_running_queries()",
    "slow_statements": "SELECT * FROM diag.slow_statements()",
    "calls": "SELECT * FROM diag.calls()",
    "connections": "SELECT * FROM diag.connections()",
    "seq_scans": "SELECT * FROM diag.seq_scans()",
    "records_rank": "SELECT * FROM diag.records_rank()",
    "partition_health": "SELECT * FROM diag.partition_health()",
    "matview_freshness": "SELECT * FROM diag.matview_freshness()",
    "migration_status": "SELECT * FROM diag.migration_status()",
}
SEVERITY = {"ok": 0, "skipped": 0, "warning": 1, "critical": 2}
EXIT_UNKNOWN = 3
COLORS = {"ok": "32", "warning": "33", "critical": "31;1", "skipped": "2"}
MIN_COLUMN = 8


class DiagError(ChaindbError):
    """Could not check: exit 3 (UNKNOWN), not to be mistaken for a critical verdict."""

    exitcode = EXIT_UNKNOWN


def check_name(text: str) -> str:
    """A check as typed (``long-running-queries``, ``diag.locks``, ``locks()``) → its name."""
    name = text.strip().removeprefix("diag.").removesuffix("()").replace("-", "_").lower()
    if name not in CHECKS:
        raise DiagError(f'unknown check "{text}": expected one of {", ".join(sorted(CHECKS))}')
    return name


# ---------------------------------------------------------------------------------- data
def _query(conn, sql: str) -> tuple[list[str], list[tuple]]:
    cur = conn.execute(sql)
    return [d.name for d in cur.description], cur.fetchall()


def plan_pending(conn, plan) -> tuple | None:
    """The health row the SQL cannot compute: changes of the local plan not deployed (the plan
    ahead of the database), from diag.migration_status() so chain_monitor can run it.  None
    when the registry is not readable there."""
    from collections import Counter

    cols, rows = _query(conn, "SELECT project, change_name, status FROM diag.migration_status()")
    if any(status == "skipped" for _, _, status in rows):
        return None
    deployed = Counter(name for project, name, status in rows
                       if project == plan.project and status == "deployed")
    pending = []
    for change in plan.changes:
        if deployed[change.name]:
            deployed[change.name] -= 1
        else:
            pending.append(change.name)
    detail = (f"{len(pending)} change(s) of the plan not deployed: {', '.join(pending[:5])}"
              + (", …" if len(pending) > 5 else "") if pending
              else f"every change of the {plan.project} plan is deployed")
    return ("plan_pending", "warning" if pending else "ok", Decimal(len(pending)),
            "warning > 0 changes (chaindb diag, from the local plan)", detail)


def collect(conn, checks: list[str], plan=None) -> dict:
    """Health rows and the named checks' results, from an open connection; with ``plan``
    (the local sqitch.plan) health also says whether the plan is ahead of the database."""
    if conn.execute("SELECT pg_catalog.to_regprocedure('diag.health()')").fetchone()[0] is None:
        raise DiagError("this database has no diag schema (deploy the plan: chaindb deploy)")
    columns, rows = _query(conn, "SELECT * FROM diag.health()")
    if plan is not None:
        extra = plan_pending(conn, plan)
        if extra is not None:
            at = next((i + 1 for i, r in enumerate(rows) if r[0] == "migrations"), len(rows))
            rows.insert(at, extra)
    health = [dict(zip(columns, row)) for row in rows]
    results = {}
    for name in checks:
        cols, data = _query(conn, CHECKS[name])
        results[name] = (cols, data)
    return {"health": (columns, rows), "health_rows": health, "checks": results,
            "status": verdict(health)}


def verdict(health_rows: list[dict]) -> str:
    worst = max((SEVERITY.get(r["status"], 0) for r in health_rows), default=0)
    return {0: "ok", 1: "warning", 2: "critical"}[worst]


def exit_code(status: str) -> int:
    return SEVERITY[status]


# ---------------------------------------------------------------------------------- text
def cell(value) -> str:
    """One value as table text: no newlines, numbers without noise, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S%z")
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
        return sign + (f"{days}d {text}" if days else text)
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def fit_widths(widths: list[int], total: int, gap: int = 2) -> list[int]:
    """Shrink the widest columns until the row fits ``total`` characters (never below
    MIN_COLUMN, or a column's own width when it is already narrower)."""
    widths = list(widths)
    while sum(widths) + gap * (len(widths) - 1) > total:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def render_table(columns: list[str], rows: list[tuple], *, width: int, color: bool,
                 status_column: str | None = "status") -> str:
    """An aligned table: header, rule, rows; text clipped with '…' to fit ``width``;
    numbers right-aligned; the status column coloured when ``color``."""
    texts = [[cell(v) for v in row] for row in rows]
    natural = [max([len(c)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
    widths = fit_widths(natural, width)
    numeric = [bool(rows) and all(isinstance(r[i], (int, float, Decimal)) and not isinstance(r[i], bool)
                                  or r[i] is None for r in rows) for i in range(len(columns))]
    status_at = columns.index(status_column) if status_column in columns else None

    def line(values: list[str], raw: bool = False) -> str:
        parts = []
        for i, text in enumerate(values):
            text = clip(text, widths[i])
            padded = text.rjust(widths[i]) if numeric[i] and not raw else text.ljust(widths[i])
            if color and not raw and i == status_at and text in COLORS:
                padded = f"\x1b[{COLORS[text]}m{padded}\x1b[0m"
            parts.append(padded)
        return "  ".join(parts).rstrip()

    out = [line(columns, raw=True), "  ".join("-" * w for w in widths)]
    out += [line(t) for t in texts]
    if not rows:
        out.append("(no rows)")
    return "\n".join(out)


def summary_line(health_rows: list[dict], color: bool) -> str:
    counts = {s: sum(1 for r in health_rows if r["status"] == s) for s in ("ok", "warning", "critical", "skipped")}
    status = verdict(health_rows)
    word = f"\x1b[{COLORS[status]}m{status}\x1b[0m" if color else status
    return (f"health: {word} ({counts['ok']} ok, {counts['warning']} warning, "
            f"{counts['critical']} critical, {counts['skipped']} skipped)")


def use_color(choice: str | None, stream=None) -> bool:
    stream = stream or sys.stdout
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def terminal_width() -> int:
    return shutil.get_terminal_size((160, 24)).columns


def format_report(data: dict, *, width: int, color: bool) -> str:
    columns, rows = data["health"]
    parts = ["Health (diag.health())", render_table(columns, rows, width=width, color=color),
             summary_line(data["health_rows"], color)]
    for name, (cols, result) in data["checks"].items():
        parts += ["", f"{name} (diag.{name}())",
                  render_table(cols, result, width=width, color=color)]
    return "\n".join(parts)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "E" not in str(value) else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def to_json(data: dict) -> str:
    def table(cols, rows):
        return [{c: _json_value(v) for c, v in zip(cols, row)} for row in rows]

    return json.dumps({"status": data["status"], "health": table(*data["health"]),
                       "checks": {name: table(*res) for name, res in data["checks"].items()}},
                      ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------- running
def health_report(conn, plan=None, stream=None) -> str:
    """The health table and its summary line (``chaindb up``)."""
    data = collect(conn, [], plan)
    return format_report(data, width=terminal_width(), color=use_color(None, stream or sys.stdout))


def run(connect, checks: list[str], plan=None) -> dict:
    """collect() on a new connection; what goes wrong becomes a DiagError (exit 3)."""
    import psycopg

    try:
        with connect() as conn:
            return collect(conn, checks, plan)
    except DiagError:
        raise
    except ChaindbError as exc:         # no project for the embedded cluster, a bad target URI
        raise DiagError(str(exc)) from None
    except psycopg.OperationalError as exc:
        raise DiagError(f"cannot connect to the database: {_first_line(exc)}") from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise DiagError(f"database error: {_first_line(exc)} (diag is for chain_monitor: connect as it "
                        "or as a member of it)") from None
    except psycopg.Error as exc:
        raise DiagError(f"database error: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or exc.__class__.__name__
