"""Audit overhead (issue 3 targets), measured on a private temporary cluster:

* single-row INSERT rate (pgbench, 4 clients, 2 threads, prepared, synchronous_commit=off so
  it is CPU-bound, as ../shared/reference/ops-anchors.md §3.3) of a table tracked by
  audit.enable_tracking (row mode) vs the same table untracked -- target >= 0.65x;
* a 100k-row INSERT ... SELECT into a table tracked in statement mode (transition tables)
  vs untracked -- target <= 2.5x the time.

Also the floor: the same table with a bare row trigger that inserts a constant row into
audit.logs (no jsonb, no definer) -- the best any row trigger writing a partitioned audit log
can do here, so the tracked rate reads against it as well as against the untracked one.

Median of ROUNDS rounds, tables and audit.logs truncated and a CHECKPOINT before each.
Prints the numbers and rewrites the "Audit overhead" section of bench/RESULTS.md.
Also the shared plumbing of bench/rls.py (temporary cluster, deploy, pgbench, RESULTS.md).

    python bench/audit_overhead.py [--seconds 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "RESULTS.md"
TABLE_DDL = """CREATE TABLE IF NOT EXISTS bench.{name} (
    id bigserial PRIMARY KEY, user_id int, amount numeric(20, 8), memo text,
    created_at timestamptz NOT NULL DEFAULT now())"""

# the floor: the cheapest row trigger that writes one audit.logs row per inserted row
FLOOR_TRIGGER = """
CREATE FUNCTION bench.floor_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, new_record)
    VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'INSERT', '{}', '{}');
    RETURN NULL;
END $$;
CREATE TRIGGER floor_capture AFTER INSERT ON bench.floor
    FOR EACH ROW EXECUTE FUNCTION bench.floor_capture();"""


@contextmanager
def temporary_cluster():
    """A private PostgreSQL 15 cluster (chaindb.cluster.Cluster) in a temp dir; yields it."""
    from chaindb.cluster import Cluster

    with tempfile.TemporaryDirectory(prefix="chaindb-bench-") as tmp:
        cluster = Cluster(Path(tmp) / "cluster")
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()


def connect(cluster, **kwargs) -> psycopg.Connection:
    return psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                           dbname="chaindb", autocommit=True, **kwargs)


def deploy(cluster, to_change: str) -> None:
    """Deploy the plan up to ``to_change`` with chaindb (or sqitch under
    CHAINDB_TEST_DEPLOYER=sqitch, like the test suite)."""
    tool = (["sqitch"] if os.environ.get("CHAINDB_TEST_DEPLOYER") == "sqitch"
            else [sys.executable, "-m", "chaindb"])
    proc = subprocess.run([*tool, "deploy", "--to", to_change, cluster.url()], cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"deploy failed:\n{proc.stdout}\n{proc.stderr}")


def pgbench_tps(cluster, script: str, seconds: int, clients: int = 4, threads: int = 2) -> float:
    """Run a custom pgbench script; returns tps (without initial connection time)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
    try:
        proc = subprocess.run(
            ["pgbench", "-n", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
             "-c", str(clients), "-j", str(threads), "-T", str(seconds), "-M", "prepared",
             "-f", f.name, "chaindb"], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"pgbench failed:\n{proc.stdout}\n{proc.stderr}")
    return float(match.group(1))


def write_section(title: str, body: str) -> None:
    """Replace (or append) the '## title' section of bench/RESULTS.md."""
    text = RESULTS.read_text() if RESULTS.exists() else (
        "# Benchmark results\n\nWritten by the scripts in bench/; one section each.\n")
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else \
        text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def machine() -> str:
    return f"PostgreSQL 15, {os.cpu_count()} cores (shared), {time.strftime('%Y-%m-%d')}"


def reset(conn, tables: list[str]) -> None:
    conn.execute(f"TRUNCATE {', '.join(tables)}, audit.logs")
    conn.execute("CHECKPOINT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with temporary_cluster() as cluster:
        deploy(cluster, "audit/capture")
        with connect(cluster) as conn:
            conn.execute("ALTER SYSTEM SET synchronous_commit = off")
            conn.execute("SELECT pg_reload_conf()")
            conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
            for name in ("plain", "tracked", "floor", "bulk_plain", "bulk_tracked"):
                conn.execute(TABLE_DDL.format(name=name))
            conn.execute(FLOOR_TRIGGER)
            conn.execute("SELECT audit.enable_tracking('bench.tracked')")
            conn.execute("SELECT audit.enable_tracking('bench.bulk_tracked', true)")

            tps: dict[str, list[float]] = {"plain": [], "tracked": [], "floor": []}
            bulk: dict[str, list[float]] = {"bulk_plain": [], "bulk_tracked": []}
            for _ in range(args.rounds):
                for name in tps:
                    reset(conn, [f"bench.{name}"])
                    tps[name].append(pgbench_tps(cluster, (
                        "\\set uid random(1, 100000)\n"
                        f"INSERT INTO bench.{name} (user_id, amount, memo) "
                        "VALUES (:uid, 12.5, 'memo');\n"), args.seconds))
                for name in bulk:
                    reset(conn, [f"bench.{name}"])
                    started = time.perf_counter()
                    conn.execute(f"INSERT INTO bench.{name} (user_id, amount, memo) "
                                 "SELECT g, g * 0.01, 'memo ' || g "
                                 "FROM generate_series(1, 100000) g")
                    bulk[name].append((time.perf_counter() - started) * 1000)
            logged = conn.execute("SELECT count(*) FROM audit.logs").fetchone()[0]

    plain, tracked = statistics.median(tps["plain"]), statistics.median(tps["tracked"])
    floor = statistics.median(tps["floor"])
    bulk_plain = statistics.median(bulk["bulk_plain"])
    bulk_tracked = statistics.median(bulk["bulk_tracked"])
    rate, slowdown = tracked / plain, bulk_tracked / bulk_plain
    body = f"""
{machine()}; pgbench -c 4 -j 2 -T {args.seconds} -M prepared, synchronous_commit=off,
median of {args.rounds} rounds (`python bench/audit_overhead.py`).

| measure | untracked | tracked | ratio | target | met |
|---|---|---|---|---|---|
| single-row INSERT, tps (row trigger) | {plain:,.0f} | {tracked:,.0f} | {rate:.2f}x | >= 0.65x | {'yes' if rate >= 0.65 else 'NO'} |
| single-row INSERT, tps (floor: bare trigger, constant row into audit.logs) | {plain:,.0f} | {floor:,.0f} | {floor / plain:.2f}x | | |
| 100k-row INSERT...SELECT, ms (statement trigger) | {bulk_plain:,.0f} | {bulk_tracked:,.0f} | {slowdown:.2f}x | <= 2.5x | {'yes' if slowdown <= 2.5 else 'NO'} |

Raw tps: untracked {', '.join(f'{v:,.0f}' for v in tps['plain'])}; tracked {', '.join(f'{v:,.0f}' for v in tps['tracked'])}; floor {', '.join(f'{v:,.0f}' for v in tps['floor'])}.
Raw bulk ms: untracked {', '.join(f'{v:,.0f}' for v in bulk['bulk_plain'])}; tracked {', '.join(f'{v:,.0f}' for v in bulk['bulk_tracked'])}.
The last bulk round left {logged:,} audit rows (100k expected).
"""
    print(body)
    write_section("Audit overhead", body)


if __name__ == "__main__":
    main()
