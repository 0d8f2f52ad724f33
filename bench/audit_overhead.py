"""Audit overhead (issue 3 targets), measured on a private temporary cluster:

* single-row INSERT rate (pgbench, 4 clients, 2 threads, prepared, synchronous_commit=off so
  it is CPU-bound, as in pgbench's usual
  CPU-bound set-up) of a table tracked by
  audit.enable_tracking (row mode) vs the same table untracked -- target >= 0.65x;
* a 100k-row INSERT ... SELECT into a table tracked in statement mode (transition tables)
  vs untracked -- target <= 2.5x the time.

Also two floors, so the tracked rate reads against what any row trigger can reach here:
* floor: a bare row trigger inserting a constant row into audit.logs (no jsonb, no definer,
  no actor) -- the cost of the second INSERT itself, partitioned log, BRIN and identity included;
* bare floor: the same constant row into an unpartitioned copy of audit.logs with no index
  and no CHECK -- the cost of any row trigger that writes one more row per row (PL/pgSQL
  call + one INSERT through SPI, executor set-up included);
* bulk floor: a statement trigger writing the same key and to_jsonb() image per row into that
  bare copy (no partitions, index, CHECK, definer or actor) -- what writing the row images
  alone costs.

And what a DBA sees in production: the single-row rates again with the server restarted with
fsync=on and synchronous_commit=on (durable commits; fsync-bound, so the ratio is nearer 1).

Median of ROUNDS rounds, tables and audit.logs truncated and a CHECKPOINT before each; the load
average is printed (the machine's 2 cores are shared).

With --instructions (needs valgrind), also the server's instructions per audited row, counted by
callgrind in a single-user backend (`postgres --single`, one statement per transaction) on the
stopped cluster: (count for N2 rows - count for N1 rows) / (N2 - N1), so start-up cancels out.
Deterministic, unlike the rates on a shared machine -- what to compare one change with another
by.  A single-user backend parses and plans each statement, so the untracked insert costs more
there than under pgbench -M prepared and the ratios are not the pgbench ratios; the differences
(what the trigger adds per row) are the same.

Prints the numbers and rewrites the "Audit overhead" section of bench/RESULTS.md.
Also the shared plumbing of bench/rls.py (temporary cluster, deploy, pgbench, RESULTS.md).

    python bench/audit_overhead.py [--seconds 10] [--rounds 3] [--instructions]
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

# A row trigger on bench.<name> writing one constant row per inserted row into <log>: the
# floor (into audit.logs) and the bare floor (into an unpartitioned, unindexed copy).
CONSTANT_ROW_TRIGGER = """
CREATE FUNCTION bench.{name}_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {log} (table_schema, table_name, operation, record_pk, new_record)
    VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'INSERT', '{{}}', '{{}}');
    RETURN NULL;
END $$;
CREATE TRIGGER {name}_capture AFTER INSERT ON bench.{name}
    FOR EACH ROW EXECUTE FUNCTION bench.{name}_capture();"""
FLOOR_TRIGGER = (CONSTANT_ROW_TRIGGER.format(name="floor", log="audit.logs") + """
CREATE TABLE bench.bare_log (LIKE audit.logs INCLUDING DEFAULTS INCLUDING IDENTITY);"""
                 + CONSTANT_ROW_TRIGGER.format(name="bare_floor", log="bench.bare_log") + """
CREATE FUNCTION bench.bulk_floor_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bench.bare_log (table_schema, table_name, operation, record_pk, new_record)
    SELECT TG_TABLE_SCHEMA, TG_TABLE_NAME, 'INSERT', pg_catalog.jsonb_build_object('id', n.id),
           pg_catalog.to_jsonb(n)
      FROM new_rows AS n;
    RETURN NULL;
END $$;
CREATE TRIGGER bulk_floor_capture AFTER INSERT ON bench.bulk_floor
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bench.bulk_floor_capture();""")
SINGLE_ROW = ("\\set uid random(1, 100000)\n"
              "INSERT INTO bench.{name} (user_id, amount, memo) VALUES (:uid, 12.5, 'memo');\n")


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
    conn.execute(f"TRUNCATE {', '.join(tables)}, audit.logs, bench.bare_log")
    conn.execute("CHECKPOINT")


def load_average() -> str:
    return ", ".join(f"{v:.1f}" for v in os.getloadavg())


def restart_durable(cluster) -> None:
    """Restart the cluster with fsync=on (chaindb.cluster starts it with fsync=off, and a
    command-line setting cannot be overridden by ALTER SYSTEM): the options of Cluster.start
    but fsync."""
    from chaindb.cluster import as_server_user, bin_dir

    options = (f"-p {cluster.port} -c listen_addresses=127.0.0.1 "
               f"-c unix_socket_directories={cluster.socket_dir} -c fsync=on "
               f"-c shared_preload_libraries=pg_stat_statements")
    subprocess.run(as_server_user([str(bin_dir() / "pg_ctl"), "restart", "-w", "-m", "fast",
                                   "-D", str(cluster.data_dir), "-l", str(cluster.log_file),
                                   "-o", options]), check=True, capture_output=True)


def single_row_rounds(cluster, conn, names: list[str], rounds: int, seconds: int) -> dict:
    """pgbench tps per table, ``rounds`` interleaved rounds."""
    tps: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            reset(conn, [f"bench.{name}"])
            tps[name].append(pgbench_tps(cluster, SINGLE_ROW.format(name=name), seconds))
    return tps


def callgrind_instructions(cluster, statements: str) -> int:
    """Instructions a single-user backend executes for ``statements`` (cluster stopped)."""
    from chaindb.cluster import as_server_user, bin_dir

    proc = subprocess.run(as_server_user([
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        str(bin_dir() / "postgres"), "--single", "-D", str(cluster.data_dir), "-j",
        "-c", "autovacuum=off", "-c", "synchronous_commit=off", "chaindb"]),
        input=statements, capture_output=True, text=True)
    match = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not match or "ERROR:" in proc.stdout + proc.stderr:
        raise SystemExit(f"callgrind run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return int(match.group(1))


def instructions_per_row(cluster, name: str, bulk: bool, n1: int, n2: int) -> float:
    """Per-row instructions of single-row INSERTs (each its own transaction) or of one
    INSERT ... SELECT, from the difference between n1 and n2 rows."""
    counts = []
    for n in (n1, n2):
        # -j: a statement ends with a semicolon followed by an empty line
        script = f"TRUNCATE bench.{name}, audit.logs, bench.bare_log;\n\n"
        if bulk:
            script += (f"INSERT INTO bench.{name} (user_id, amount, memo) SELECT g, g * 0.01, "
                       f"'memo ' || g FROM generate_series(1, {n}) g;\n\n")
        else:
            script += "".join(f"INSERT INTO bench.{name} (user_id, amount, memo) "
                              f"VALUES ({i}, 12.5, 'memo');\n\n" for i in range(n))
        counts.append(callgrind_instructions(cluster, script))
    return (counts[1] - counts[0]) / (n2 - n1)


def raw(values: list[float]) -> str:
    return ", ".join(f"{v:,.0f}" for v in values)


def instruction_table(counted: dict[str, float]) -> str:
    plain, bulk_plain = counted["plain"], counted["bulk_plain"]
    rows = [("single-row INSERT (row trigger)", plain, counted["tracked"]),
            ("single-row INSERT (floor)", plain, counted["floor"]),
            ("single-row INSERT (bare floor)", plain, counted["bare_floor"]),
            ("100k-row INSERT...SELECT, per row (statement trigger)", bulk_plain,
             counted["bulk_tracked"]),
            ("100k-row INSERT...SELECT, per row (bulk floor)", bulk_plain, counted["bulk_floor"])]
    lines = ["", "Server instructions per row (callgrind, `--instructions`; single-user backend, "
             "deterministic; see the module docstring for how to read them):", "",
             "| measure | untracked, k | tracked, k | added by the trigger, k |", "|---|---|---|---|"]
    for label, base, value in rows:
        lines.append(f"| {label} | {base / 1000:,.1f} | {value / 1000:,.1f} | "
                     f"{(value - base) / 1000:,.1f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions per row under callgrind (needs valgrind)")
    args = parser.parse_args()
    load_before = load_average()
    counted: dict[str, float] = {}

    with temporary_cluster() as cluster:
        deploy(cluster, "audit/capture")
        with connect(cluster) as conn:
            conn.execute("ALTER SYSTEM SET synchronous_commit = off")
            conn.execute("SELECT pg_reload_conf()")
            conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
            for name in ("plain", "tracked", "floor", "bare_floor", "bulk_plain", "bulk_tracked",
                         "bulk_floor"):
                conn.execute(TABLE_DDL.format(name=name))
            conn.execute(FLOOR_TRIGGER)
            conn.execute("SELECT audit.enable_tracking('bench.tracked')")
            conn.execute("SELECT audit.enable_tracking('bench.bulk_tracked', true)")

            tps = single_row_rounds(cluster, conn, ["plain", "tracked", "floor", "bare_floor"],
                                    args.rounds, args.seconds)
            bulk: dict[str, list[float]] = {"bulk_plain": [], "bulk_tracked": [], "bulk_floor": []}
            logged = 0
            for _ in range(args.rounds):
                for name in bulk:
                    reset(conn, [f"bench.{name}"])
                    started = time.perf_counter()
                    conn.execute(f"INSERT INTO bench.{name} (user_id, amount, memo) "
                                 "SELECT g, g * 0.01, 'memo ' || g "
                                 "FROM generate_series(1, 100000) g")
                    bulk[name].append((time.perf_counter() - started) * 1000)
                    if name == "bulk_tracked":
                        logged = conn.execute("SELECT count(*) FROM audit.logs").fetchone()[0]
            conn.execute("ALTER SYSTEM RESET synchronous_commit")
        load_cpu = load_average()

        restart_durable(cluster)
        with connect(cluster) as conn:
            assert conn.execute("SHOW fsync").fetchone()[0] == "on"
            assert conn.execute("SHOW synchronous_commit").fetchone()[0] == "on"
            durable = single_row_rounds(cluster, conn, ["plain", "tracked"], args.rounds,
                                        args.seconds)
        load_after = load_average()
        if args.instructions:
            cluster.stop()
            for name in ("plain", "tracked", "floor", "bare_floor"):
                counted[name] = instructions_per_row(cluster, name, False, 100, 400)
            for name in ("bulk_plain", "bulk_tracked", "bulk_floor"):
                counted[name] = instructions_per_row(cluster, name, True, 5_000, 20_000)

    med = {name: statistics.median(values) for name, values in tps.items()}
    plain = med["plain"]
    rate = med["tracked"] / plain
    bulk_plain = statistics.median(bulk["bulk_plain"])
    bulk_tracked = statistics.median(bulk["bulk_tracked"])
    slowdown = bulk_tracked / bulk_plain
    bulk_floor = statistics.median(bulk["bulk_floor"])
    durable_plain = statistics.median(durable["plain"])
    durable_tracked = statistics.median(durable["tracked"])
    body = f"""
{machine()}; load average (1, 5, 15 min) {load_before} at start, {load_cpu} after the CPU-bound
part, {load_after} at the end. pgbench -c 4 -j 2 -T {args.seconds} -M prepared, median of
{args.rounds} interleaved rounds (`python bench/audit_overhead.py`).

CPU-bound (synchronous_commit=off, so WAL flushes do not dominate; the targets are
judged here):

| measure | untracked | tracked | ratio | target | met |
|---|---|---|---|---|---|
| single-row INSERT, tps (row trigger) | {plain:,.0f} | {med['tracked']:,.0f} | {rate:.2f}x | >= 0.65x | {'yes' if rate >= 0.65 else 'NO'} |
| single-row INSERT, tps (floor: bare trigger, constant row into audit.logs) | {plain:,.0f} | {med['floor']:,.0f} | {med['floor'] / plain:.2f}x | | |
| single-row INSERT, tps (bare floor: constant row into an unpartitioned copy, no index, no CHECK) | {plain:,.0f} | {med['bare_floor']:,.0f} | {med['bare_floor'] / plain:.2f}x | | |
| 100k-row INSERT...SELECT, ms (statement trigger) | {bulk_plain:,.0f} | {bulk_tracked:,.0f} | {slowdown:.2f}x | <= 2.5x | {'yes' if slowdown <= 2.5 else 'NO'} |
| 100k-row INSERT...SELECT, ms (bulk floor: key + to_jsonb image into the bare copy) | {bulk_plain:,.0f} | {bulk_floor:,.0f} | {bulk_floor / bulk_plain:.2f}x | | |

Durable (fsync=on, synchronous_commit=on, the default -- what a DBA sees in production):

| measure | untracked | tracked | ratio |
|---|---|---|---|
| single-row INSERT, tps (row trigger) | {durable_plain:,.0f} | {durable_tracked:,.0f} | {durable_tracked / durable_plain:.2f}x |

Raw tps (CPU-bound): untracked {raw(tps['plain'])}; tracked {raw(tps['tracked'])}; floor {raw(tps['floor'])}; bare floor {raw(tps['bare_floor'])}.
Raw tps (durable): untracked {raw(durable['plain'])}; tracked {raw(durable['tracked'])}.
Raw bulk ms: untracked {raw(bulk['bulk_plain'])}; tracked {raw(bulk['bulk_tracked'])}; bulk floor {raw(bulk['bulk_floor'])}.
The last tracked bulk insert left {logged:,} audit rows (100k expected, plus the TRUNCATE of the reset).
"""
    if counted:
        body += instruction_table(counted)
    print(body)
    write_section("Audit overhead", body)


if __name__ == "__main__":
    main()
