"""At scale the lookups stay fast (issue 16): the scale profile at --scale N (200: the biggest
tables hold 1M rows), ANALYZEd, then every documented lookup of The Construct and Off the Grid
run as chain_app and as chain_user through RLS (SET ROLE + app.user_id, the identity path the
policies read).  For each: the plan shape (the scans of its EXPLAIN ANALYZE, nested statements
of the SQL functions through auto_explain) and the median execution time of 5 runs.  A
sequential scan of a table holding more than SEQ_LIMIT rows is a defect: the script exits 1.

Rewrites the "Lookups at scale" section of bench/RESULTS.md.

    python bench/seed_lookups.py [--scale 200] [--no-write]
"""

from __future__ import annotations

import argparse
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

# (name, query) with placeholders filled from the seeded ids
LOOKUPS = [
    # The Construct
    ("user by id", "SELECT * FROM core.users WHERE id = {user}"),
    ("user by wallet", "SELECT * FROM core.users WHERE wallet_address = '{wallet}'"),
    ("asset by id", "SELECT * FROM blockchain.assets WHERE id = {asset}"),
    ("assets by type and issuer", "SELECT id FROM blockchain.assets WHERE asset_type = 'sensor' AND issuer_id = {user}"),
    ("asset search", "SELECT * FROM blockchain.search_assets('precision sensor', 'sensor')"),
    ("transaction by hash", "SELECT * FROM blockchain.transactions WHERE tx_hash = '{tx_hash}'"),
    ("address history", "SELECT * FROM blockchain.address_history('{wallet}', 20)"),
    ("latest price of a symbol", "SELECT * FROM blockchain.latest_price('{symbol}')"),
    ("latest prices (view)", "SELECT * FROM blockchain.latest_prices"),
    ("order by id", "SELECT * FROM trading.orders WHERE id = {order}"),
    ("a user's orders, newest first", "SELECT * FROM trading.orders WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50"),
    ("order book", "SELECT * FROM trading.order_book({asset}, 10)"),
    ("manufacturing order by id", "SELECT * FROM manufacturing.orders WHERE id = {morder}"),
    ("order progress", "SELECT * FROM manufacturing.order_progress({morder})"),
    ("active proposals", "SELECT * FROM governance.active_proposals"),
    ("proposal by id", "SELECT * FROM governance.proposals WHERE id = {proposal}"),
    ("user stats", "SELECT * FROM core.user_stats({user})"),
    # Off the Grid
    ("a learner's progress", "SELECT * FROM education.progress WHERE user_id = {user}"),
    ("learners of a module by status", "SELECT user_id FROM education.progress WHERE module_id = {module} AND status = 'in_progress' LIMIT 100"),
    ("education summary of one user", "SELECT * FROM education.user_summary WHERE user_id = {user}"),
    ("practice history, newest first", "SELECT * FROM education.practice_sessions WHERE user_id = {user} ORDER BY started_at DESC LIMIT 20"),
    ("a trader's grids, newest first", "SELECT * FROM trading.grids WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50"),
    ("grid by transaction", "SELECT * FROM trading.grids WHERE tx_hash = '{grid_tx}'"),
    ("active grids of a pair", "SELECT id FROM trading.grids WHERE status = 'active' AND trading_pair = 'BTC/USDT'"),
    ("trading summary of one user", "SELECT * FROM trading.user_trading_summary WHERE user_id = {user}"),
    ("session check (auth.is_session_valid's query)", "SELECT 1 FROM auth.sessions AS s WHERE s.jti = 'scale-session-{session}'"
     " AND s.token_hash = sha256(convert_to('scale-token-{session}', 'UTF8')) AND s.revoked_at IS NULL AND s.expires_at > now()"),
    ("a user's live sessions", "SELECT id FROM auth.sessions WHERE user_id = {user} AND expires_at > now() AND revoked_at IS NULL"),
]


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


def ids(conn) -> dict:
    row = conn.execute("""
        SELECT u.id, u.wallet_address,
               (SELECT min(id) + 42 FROM blockchain.assets WHERE symbol ~ '^SC[0-9]+$'),
               (SELECT min(symbol) FROM blockchain.price_feeds),
               (SELECT tx_hash FROM blockchain.transactions ORDER BY id OFFSET 1042 LIMIT 1),
               (SELECT min(id) + 1042 FROM trading.orders),
               (SELECT min(id) + 42 FROM manufacturing.orders WHERE status = 'in_production'),
               (SELECT min(id) FROM governance.proposals WHERE status = 'active'),
               (SELECT id FROM education.modules WHERE slug = 'grid-count-and-fees'),
               (SELECT tx_hash FROM trading.grids WHERE tx_hash IS NOT NULL ORDER BY id OFFSET 42 LIMIT 1)
          FROM core.users AS u
         WHERE u.id = (SELECT user_id FROM trading.orders ORDER BY id OFFSET 1042 LIMIT 1)""").fetchone()
    keys = ("user", "wallet", "asset", "symbol", "tx_hash", "order", "morder", "proposal", "module", "grid_tx")
    out = dict(zip(keys, row))
    out["session"] = 242
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=200)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    with temporary_cluster() as cluster:
        fresh_db(cluster, "scaled")
        with connect(cluster, "scaled") as conn:
            started = time.monotonic()
            sources, _ = seed.sources(None)
            result = seed.run(conn, seed.render_all(sources, "scale", args.scale, 1),
                              profile="scale", scale=args.scale, seed=1,
                              progress=seed.Progress(sys.stderr, tty=False))
            seeded = time.monotonic() - started
            conn.execute("ANALYZE")
            sizes = dict(conn.execute(
                "SELECT relid::regclass::text, n_live_tup FROM pg_stat_user_tables").fetchall())
            biggest = sorted(((t, r["rows"]) for t, r in result.tables.items()), key=lambda x: -x[1])[:3]
            values = ids(conn)
            conn.execute("LOAD 'auto_explain'")
            for setting, value in (("log_min_duration", "0"), ("log_nested_statements", "on"),
                                   ("log_format", "json"), ("log_level", "notice"),
                                   ("log_analyze", "on"), ("log_timing", "off")):
                conn.execute(f"SET auto_explain.{setting} = '{value}'")
            rows, defects = [], []
            for name, template in LOOKUPS:
                query = template.format(**values)
                cells = []
                for role in ("chain_app", "chain_user"):
                    conn.execute(f"SET ROLE {role}")
                    conn.execute("SELECT set_config('app.user_id', %s, false)", (str(values["user"]),))
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
                plan_text = cells[0][1] if cells[0][1] == cells[1][1] else \
                    f"app: {cells[0][1]}; user: {cells[1][1]}"
                times = ["-" if ms != ms else f"{ms:.2f}" for ms, _ in cells]
                rows.append(f"| {name} | {times[0]} | {times[1]} | {plan_text} |")

    table = "\n".join(["| lookup | chain_app ms | chain_user ms (RLS) | plan (index / scan per statement) |",
                       "|---|---:|---:|---|", *rows])
    body = f"""\
`python bench/seed_lookups.py --scale {args.scale}` ({machine()}): the scale profile seeded in
{seeded:.0f} s ({result.rows:,} rows; biggest: {', '.join(f'{t} {r:,}' for t, r in biggest)}),
ANALYZEd; each lookup run 5 times as chain_app and as chain_user (SET ROLE, app.user_id of a
scale user with orders, so RLS policies apply), median wall time in ms from the client; plans
by auto_explain (ANALYZE), so the statements inside SQL/plpgsql functions are shown.  Seq scans
of tables over {SEQ_LIMIT:,} rows: {'none' if not defects else '; '.join(defects)}.

{table}
"""
    print(body)
    if not args.no_write:
        write_section("Lookups at scale (Construct, Off the Grid)", body)
    if defects:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
