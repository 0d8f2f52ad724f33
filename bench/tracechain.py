"""TraceChain V2 (issue 13), measured on a private temporary cluster:

* checkpoint INSERT rate (pgbench, 4 clients, 2 threads, prepared, synchronous_commit=off as
  the cluster runs, i.e. CPU-bound) with the traceability-chain triggers (chain lock, next
  index, append to trace.traceability_chain) and audit tracking ON, as a ratio to the same
  inserts with both OFF (triggers disabled, audit.disable_tracking) -- goal >= 0.5x. Every
  insert goes to a random one of PRODUCTS products at the current time (the common, in-order
  case: an append). For information, the same with late inserts (a timestamp a random time in
  the past: every insert rebuilds its product's chain) -- the price of out-of-order data;
* the refresh time of the three TraceChain materialized views (plain, then CONCURRENTLY) on
  --checkpoints checkpoints (default 1,000,000, the issue's size), loaded with generate_series
  (triggers off for the load; the chain is not needed by the views), plus the time of
  analytics.update_analytics() on top.

Median of --rounds rounds; checkpoints, the chain and audit.logs are truncated and a CHECKPOINT
taken before each round. The machine's cores are shared: compare ratios from the same run.

Prints the numbers and rewrites the "TraceChain" section of bench/RESULTS.md.

    python bench/tracechain.py [--seconds 10] [--rounds 3] [--checkpoints 1000000]
"""

from __future__ import annotations

import argparse
import statistics
import time

from audit_overhead import connect, deploy, load_average, machine, pgbench_tps, temporary_cluster, write_section

PRODUCTS = 1000

SETUP = f"""
INSERT INTO core.users (wallet_address) SELECT '0x' || lpad(to_hex(g), 40, '0') FROM generate_series(1, {PRODUCTS}) AS g;
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
SELECT g, 'Product ' || g, 'other', u.id, 'B-' || g, now() - interval '1 year'
  FROM generate_series(1, {PRODUCTS}) AS g JOIN core.users AS u ON u.wallet_address = '0x' || lpad(to_hex(g), 40, '0');
CREATE SCHEMA bench;
CREATE SEQUENCE bench.checkpoint_index;
CREATE TABLE bench.stakeholder AS SELECT product_id, id FROM trace.stakeholders;
ALTER TABLE bench.stakeholder ADD PRIMARY KEY (product_id);
"""

# the same statement in both modes; checkpoint_index given (unique per product, from a sequence)
INSERT_NOW = f"""\\set p random(1, {PRODUCTS})
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status, temperature, humidity)
SELECT :p, nextval('bench.checkpoint_index'), clock_timestamp(), 'Warehouse ' || :p, s.id, 'in_transit', 18.5, 45
  FROM bench.stakeholder AS s WHERE s.product_id = :p;
"""
INSERT_LATE = f"""\\set p random(1, {PRODUCTS})
\\set back random(1, 100000)
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status, temperature, humidity)
SELECT :p, nextval('bench.checkpoint_index'), clock_timestamp() - :back * interval '1 minute', 'Warehouse ' || :p, s.id,
       'in_transit', 18.5, 45
  FROM bench.stakeholder AS s WHERE s.product_id = :p;
"""
CHAIN_TRIGGERS = "checkpoints_assign_index, checkpoints_lock_chain, checkpoints_chain_insert, checkpoints_chain_update, " \
                 "checkpoints_chain_delete"


def set_mode(conn, chain: bool, audit: bool | None = None) -> None:
    """Chain triggers on or off; audit tracking likewise (the same as chain unless given)."""
    audit = chain if audit is None else audit
    verb = "ENABLE" if chain else "DISABLE"
    for trigger in CHAIN_TRIGGERS.split(", "):
        conn.execute(f"ALTER TABLE trace.checkpoints {verb} TRIGGER {trigger}")
    conn.execute("SELECT audit.enable_tracking('trace.checkpoints')" if audit
                 else "SELECT audit.disable_tracking('trace.checkpoints')")


def reset(conn) -> None:
    conn.execute("TRUNCATE trace.checkpoints CASCADE")
    conn.execute("TRUNCATE audit.logs")
    conn.execute("CHECKPOINT")


FILL = """
SET session_replication_role = replica;
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status, temperature, humidity)
SELECT s.product_id, k, now() - interval '1 year' + k * interval '1 hour', 'L' || (k % 500), s.id,
       (enum_range(NULL::trace.checkpoint_status))[1 + k % 10], 18, 45
  FROM bench.stakeholder AS s, generate_series(0, {per_product} - 1) AS k;
INSERT INTO compliance.standards (standard_name, standard_code, category)
SELECT 'Standard ' || g, 'STD' || g, 'quality' FROM generate_series(1, 8) AS g;
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by)
SELECT c.product_id, c.id, 1 + c.id % 8, (enum_range(NULL::compliance.compliance_status))[1 + c.id % 4],
       (SELECT min(id) FROM core.users)
  FROM trace.checkpoints AS c WHERE c.id % 10 = 0;
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at)
SELECT p.product_id, st.id, 'C-' || p.product_id || '-' || st.id, 'Lab', now() - interval '1 day'
  FROM trace.products AS p, compliance.standards AS st WHERE (p.product_id + st.id) % 3 = 0;
INSERT INTO token.trace_points (user_id, points, points_type)
SELECT u.id, 10, 'checkpoint' FROM core.users AS u, generate_series(1, 20);
INSERT INTO token.transactions (user_id, transaction_type, amount, status, block_number, confirmed_at)
SELECT u.id, 'reward', 5, 'confirmed', 1, now() FROM core.users AS u, generate_series(1, 20);
SET session_replication_role = origin;
ANALYZE;
"""
MATVIEWS = ["analytics.product_traceability_summary", "analytics.user_activity_summary", "analytics.compliance_summary"]


def timed(conn, sql: str) -> float:
    start = time.perf_counter()
    conn.execute(sql)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--checkpoints", type=int, default=1_000_000)
    args = parser.parse_args()
    per_product = max(1, args.checkpoints // PRODUCTS)

    rates: dict[str, list[float]] = {"off": [], "on": [], "chain": [], "audit": [], "late": []}
    modes = {"off": (False, False), "on": (True, True), "chain": (True, False), "audit": (False, True),
             "late": (True, True)}
    with temporary_cluster() as cluster:
        deploy(cluster, "analytics/update_analytics")
        with connect(cluster) as conn:
            conn.execute(SETUP)
            start_load = load_average()
            for _ in range(args.rounds):
                for mode, (chain, audit) in modes.items():
                    set_mode(conn, chain, audit)
                    reset(conn)
                    rates[mode].append(pgbench_tps(cluster, INSERT_LATE if mode == "late" else INSERT_NOW,
                                                   args.seconds))
            set_mode(conn, True)
            audited = conn.execute("SELECT count(*) FROM audit.logs WHERE table_name = 'checkpoints'").fetchone()[0]
            chain_ok = conn.execute("""
                SELECT bool_and(n = c) FROM (
                    SELECT t.product_id, max(t.sequence_order) AS n, count(*) AS c
                      FROM trace.traceability_chain AS t GROUP BY t.product_id) AS x""").fetchone()[0]
            reset(conn)
            after_inserts = load_average()

            fill_s = timed(conn, FILL.format(per_product=per_product))
            loaded = conn.execute("SELECT count(*) FROM trace.checkpoints").fetchone()[0]
            refresh: dict[str, tuple[float, float]] = {}
            for mv in MATVIEWS:
                plain = timed(conn, f"REFRESH MATERIALIZED VIEW {mv}")
                concurrent = timed(conn, f"REFRESH MATERIALIZED VIEW CONCURRENTLY {mv}")
                refresh[mv] = (plain, concurrent)
            update_first = timed(conn, "SELECT * FROM analytics.update_analytics()")
            update_again = timed(conn, "SELECT * FROM analytics.update_analytics()")
            end_load = load_average()

    off, on, chain, audit, late = (statistics.median(rates[m]) for m in ("off", "on", "chain", "audit", "late"))
    ratio = on / off
    rows = "\n".join(f"| `{mv}` | {p * 1000:,.0f} | {c * 1000:,.0f} |" for mv, (p, c) in refresh.items())
    body = f"""
{machine()}; load average (1, 5, 15 min) {start_load} at start, {after_inserts} after the inserts,
{end_load} at the end. {PRODUCTS:,} products; pgbench -c 4 -j 2 -T {args.seconds} -M prepared, median of
{args.rounds} interleaved rounds (`python bench/tracechain.py`).

Checkpoint inserts (one row per transaction, a random product, synchronous_commit=off: CPU-bound):

| mode | tps | ratio to off | goal | met |
|---|---|---|---|---|
| chain triggers and audit OFF | {off:,.0f} | 1.00x | | |
| chain triggers and audit ON, in time order (append) | {on:,.0f} | {ratio:.2f}x | >= 0.5x | {'yes' if ratio >= 0.5 else 'NO'} |
| chain triggers only (audit off) | {chain:,.0f} | {chain / off:.2f}x | (information) | |
| audit only (chain triggers off) | {audit:,.0f} | {audit / off:.2f}x | (information) | |
| ON, late inserts (random earlier time: the product's chain is rebuilt) | {late:,.0f} | {late / off:.2f}x | (information) | |

Raw tps: off {', '.join(f'{v:,.0f}' for v in rates['off'])}; on {', '.join(f'{v:,.0f}' for v in rates['on'])};
chain only {', '.join(f'{v:,.0f}' for v in rates['chain'])}; audit only {', '.join(f'{v:,.0f}' for v in rates['audit'])};
late {', '.join(f'{v:,.0f}' for v in rates['late'])}. After the ON rounds: {audited:,} audit rows for the last round's
checkpoints, every product's chain gap-free: {chain_ok}.

Materialized views on {loaded:,} checkpoints ({per_product:,} per product; loaded in {fill_s:,.1f} s with
triggers off; plus 10 % of them with a compliance check, 20 points and 20 token transactions per user):

| matview | REFRESH, ms | REFRESH CONCURRENTLY, ms |
|---|---|---|
{rows}

`analytics.update_analytics()` on top: {update_first * 1000:,.0f} ms the first time (inserting every row),
{update_again * 1000:,.0f} ms the second (nothing changed: no row written).
"""
    print(body)
    write_section("TraceChain", body)


if __name__ == "__main__":
    main()
