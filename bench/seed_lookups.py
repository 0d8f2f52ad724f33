"""At scale the lookups stay fast (issue 16): a group's schemas seeded with the scale profile at
--scale N (each group's default puts 1M rows in its biggest tables), ANALYZEd, then every documented
lookup of the group run as chain_app and as chain_user through RLS (SET ROLE plus the identity the
group's policies read).  For each: the plan shape (the scans of its EXPLAIN ANALYZE, nested
statements of SQL/plpgsql functions through auto_explain) and the median time of 5 runs.  A
sequential scan of a table holding more than SEQ_LIMIT rows is a defect: the script exits 1.

A group is a module of bench/lookups/ (TITLE, SEEDS, SCALE, IDENTITY, LOOKUPS, ids(), as_user(), and
optionally ROLES, the roles each lookup runs as: ("chain_app", "chain_user") unless the group names
others, e.g. backend tables that chain_user may not read by design, and NOTES, a paragraph printed
under the table); its run rewrites the section
of bench/RESULTS.md named by TITLE.  A role refused by the privileges is recorded as
"no access (by design)".

    python bench/seed_lookups.py [--group construct] [--scale N] [--no-write]
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import statistics
import sys
import time

import psycopg

from audit_overhead import REPO, machine, temporary_cluster, write_section
from seed import Quiet, connect, fresh_db

sys.path.insert(0, str(REPO / "tools"))

from chaindb import seed  # noqa: E402

SEQ_LIMIT = 10_000

def nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def shape(plans: list[dict]) -> tuple[str, list[str]]:
    """'Index Scan orders_user_id_created_at_idx, ...' and the seq scans of big relations."""
    parts, seqs = [], []
    for plan in plans:
        for n in nodes(plan):
            kind = n["Node Type"]
            if "Index Name" in n:
                parts.append(f"{kind} {n['Index Name']}")
            elif kind in ("Seq Scan", "Bitmap Heap Scan") and "Relation Name" in n:
                parts.append(f"{kind} {n['Relation Name']}")
                if kind == "Seq Scan" and n.get("Plan Rows", 0) + n.get("Rows Removed by Filter", 0) > SEQ_LIMIT:
                    seqs.append(n["Relation Name"])
            elif kind == "Function Scan" and "Plans" not in n and len(plans) > 1:
                continue
    seen, out = set(), []
    for p in parts:
        if p not in seen:
            seen.add(p)
            out.append(p)
    if not out and plans and plans[0]["Node Type"].startswith("no access"):
        return plans[0]["Node Type"], seqs
    return ", ".join(out) or "Result", seqs


def run_lookup(conn, query: str) -> tuple[float, list[dict]]:
    plans: list[dict] = []

    def on_notice(diag):
        text = diag.message_primary or ""
        if "plan:" in text:
            plans.append(json.loads(text.split("plan:", 1)[1])["Plan"])

    conn.add_notice_handler(on_notice)
    try:
        times = []
        for i in range(5):
            plans.clear()
            started = time.perf_counter()
            conn.execute(query).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), list(plans)
    finally:
        conn.remove_notice_handler(on_notice)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    groups = sorted(p.stem for p in (REPO / "bench" / "lookups").glob("[a-z]*.py"))
    parser.add_argument("--group", choices=groups, default="construct",
                        help="the lookups to run (a module of bench/lookups/)")
    parser.add_argument("--scale", type=int, help="scale of the profile (default: the group's)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    group = importlib.import_module(f"lookups.{args.group}")
    args.scale = args.scale or group.SCALE
    roles = tuple(getattr(group, "ROLES", ("chain_app", "chain_user")))

    with temporary_cluster() as cluster:
        fresh_db(cluster, "scaled")
        with connect(cluster, "scaled") as conn:
            started = time.monotonic()
            sources = seed.select(seed.sources(None)[0], group.SEEDS)
            result = seed.run(conn, seed.render_all(sources, "scale", args.scale, 1),
                              profile="scale", scale=args.scale, seed=1,
                              progress=seed.Progress(sys.stderr, tty=False))
            seeded = time.monotonic() - started
            conn.execute("ANALYZE")
            sizes = dict(conn.execute(
                "SELECT relid::regclass::text, n_live_tup FROM pg_stat_user_tables").fetchall())
            biggest = sorted(((t, r["rows"]) for t, r in result.tables.items()), key=lambda x: -x[1])[:3]
            values = group.ids(conn)
            conn.execute("LOAD 'auto_explain'")
            for setting, value in (("log_min_duration", "0"), ("log_nested_statements", "on"),
                                   ("log_format", "json"), ("log_level", "notice"),
                                   ("log_analyze", "on"), ("log_timing", "off")):
                conn.execute(f"SET auto_explain.{setting} = '{value}'")
            rows, defects = [], []
            for name, template in group.LOOKUPS:
                query = template.format(**values)
                cells = []
                for role in roles:
                    conn.execute(f"SET ROLE {role}")
                    group.as_user(conn, values)
                    try:
                        ms, plans = run_lookup(conn, query)
                    except psycopg.errors.InsufficientPrivilege:
                        ms, plans = float("nan"), [{"Node Type": "no access (by design)"}]
                    except psycopg.Error as exc:
                        defects.append(f"{name} as {role}: {exc.diag.message_primary}")
                        ms, plans = float("nan"), []
                    finally:
                        conn.execute("RESET ROLE")
                    text, seqs = shape(plans)
                    if seqs:
                        defects.append(f"{name} as {role}: Seq Scan on {', '.join(seqs)}")
                    cells.append((ms, text))
                # one plan for all roles, else each distinct plan with the roles that got it
                plans_of: dict[str, list[str]] = {}
                for role, (_, text) in zip(roles, cells):
                    plans_of.setdefault(text, []).append(role.removeprefix("chain_"))
                plan_text = cells[0][1] if len(plans_of) == 1 else \
                    "; ".join(f"{', '.join(who)}: {text}" for text, who in plans_of.items())
                times = ["-" if ms != ms else f"{ms:.2f}" for ms, _ in cells]
                rows.append(f"| {name} | {' | '.join(times)} | {plan_text} |")

    headers = [f"{role} ms (RLS)" if role == "chain_user" else f"{role} ms" for role in roles]
    table = "\n".join([f"| lookup | {' | '.join(headers)} | plan (index / scan per statement) |",
                       f"|---|{'---:|' * len(roles)}---|", *rows])
    body = f"""\
`python bench/seed_lookups.py --group {args.group} --scale {args.scale}` ({machine()}): the scale profile of
{', '.join(group.SEEDS)} seeded in
{seeded:.0f} s ({result.rows:,} rows; biggest: {', '.join(f'{t} {r:,}' for t, r in biggest)}),
ANALYZEd; each lookup run 5 times as {' and as '.join(roles)} (SET ROLE, {group.IDENTITY},
so RLS policies apply), median wall time in ms from the client; plans
by auto_explain (ANALYZE), so the statements inside SQL/plpgsql functions are shown.  Seq scans
of tables over {SEQ_LIMIT:,} rows: {'none' if not defects else '; '.join(defects)}.

{table}
"""
    if getattr(group, "NOTES", ""):     # the group's reading of its plans, kept on every rerun
        body += "\n" + group.NOTES.strip() + "\n"
    print(body)
    if not args.no_write:
        write_section(group.TITLE, body)
    if defects:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
