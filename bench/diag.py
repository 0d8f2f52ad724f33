"""Cost of every diag function on a database with 500+ tables (issue 15 target: each under
200 ms), on a private temporary cluster.

The plan is deployed, then schema bench gets 400 plain tables (primary key, a secondary
index, 200 rows each, every tenth with a duplicate index), 20 monthly-partitioned tables with
5 partitions and a DEFAULT each (120 more tables), and 5 materialized views registered in
maint.matview_schedule; everything is analyzed.  Each function is called --rounds times as
chain_monitor after one warm-up call; the median and the worst wall time (client side, the
full result fetched) are reported.

Prints the numbers and rewrites the "diag cost" section of bench/RESULTS.md.

    python bench/diag.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import time

from audit_overhead import connect, deploy, load_average, machine, temporary_cluster, write_section

TARGET_MS = 200.0
CALLS = [
    "diag.health()", "diag.ready()", "diag.system_stats()", "diag.table_sizes()", "diag.database_info()",
    "diag.cache_hit()", "diag.index_usage()", "diag.unused_indexes()", "diag.duplicate_indexes()",
    "diag.bloat()", "diag.vacuum_stats()", "diag.locks()", "diag.blocking()", "diag.long_running_queries()",
    "diag.slow_statements()", "diag.calls()", "diag.connections()", "diag.seq_scans()", "diag.records_rank()",
    "diag.partition_health()", "diag.matview_freshness()", "diag.migration_status()",
]

SETUP = """
CREATE SCHEMA bench AUTHORIZATION chain_owner;
SET ROLE chain_owner;
DO $$
BEGIN
    FOR i IN 1..400 LOOP
        EXECUTE format('CREATE TABLE bench.t%s (id bigint PRIMARY KEY, k int NOT NULL, note text, created_at timestamptz NOT NULL DEFAULT now())', i);
        EXECUTE format('CREATE INDEX t%s_k_idx ON bench.t%s (k)', i, i);
        IF i % 10 = 0 THEN
            EXECUTE format('CREATE INDEX t%s_k_dup ON bench.t%s (k)', i, i);
        END IF;
        EXECUTE format('INSERT INTO bench.t%s (id, k, note) SELECT g, g %% 17, repeat(''x'', 30) FROM generate_series(1, 200) g', i);
    END LOOP;
    FOR i IN 1..20 LOOP
        EXECUTE format('CREATE TABLE bench.p%s (id bigint NOT NULL, at timestamptz NOT NULL, v int) PARTITION BY RANGE (at)', i);
        EXECUTE format('CREATE INDEX p%s_at_idx ON bench.p%s (at)', i, i);
        EXECUTE format('CREATE TABLE bench.p%s_default PARTITION OF bench.p%s DEFAULT', i, i);
        PERFORM maint.ensure_partitions(format('bench.p%s', i)::regclass, 4);
        EXECUTE format('INSERT INTO bench.p%s SELECT g, now() + make_interval(days => g %% 90), g FROM generate_series(1, 500) g', i);
    END LOOP;
    FOR i IN 1..5 LOOP
        EXECUTE format('CREATE MATERIALIZED VIEW bench.mv%s AS SELECT k, count(*) AS n FROM bench.t%s GROUP BY k', i, i);
        EXECUTE format('INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES (%L, interval ''30 minutes'', ''bench'')', 'bench.mv' || i);
    END LOOP;
END
$$;
RESET ROLE;
ANALYZE;
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    with temporary_cluster() as cluster:
        deploy(cluster, "diag/health")
        with connect(cluster) as conn:
            conn.execute(SETUP)
            tables = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE c.relkind IN ('r', 'p') AND n.nspname !~ '^pg_' "
                                  "AND n.nspname <> 'information_schema'").fetchone()[0]
            relations = conn.execute("SELECT count(*) FROM pg_class").fetchone()[0]
        results = []
        with connect(cluster) as conn:
            conn.execute("SET ROLE chain_monitor")
            for call in CALLS:
                sql = f"SELECT * FROM {call}"
                rows = len(conn.execute(sql).fetchall())          # warm-up
                times = []
                for _ in range(args.rounds):
                    started = time.perf_counter()
                    conn.execute(sql).fetchall()
                    times.append((time.perf_counter() - started) * 1000)
                results.append((call, rows, statistics.median(times), max(times)))

    lines = [f"| `{call}` | {rows} | {median:.1f} | {worst:.1f} | {'yes' if worst < TARGET_MS else 'NO'} |"
             for call, rows, median, worst in results]
    slowest = max(results, key=lambda r: r[3])
    body = f"""
{machine()}, load average {load_average()} (other work shares the cores: a quiet machine
measured about a quarter of these times); {tables} tables ({relations} relations in pg_class) after `python bench/diag.py`:
400 plain tables with 2-3 indexes and 200 rows each, 20 monthly-partitioned tables (5 range
partitions and a DEFAULT each), 5 registered materialized views, all analyzed.  Each function
called as chain_monitor, {args.rounds} timed calls after a warm-up; wall time in ms with the
whole result fetched.  Target: every function under {TARGET_MS:.0f} ms.

| function | rows | median ms | worst ms | < {TARGET_MS:.0f} ms |
|---|---|---|---|---|
{chr(10).join(lines)}

Slowest: `{slowest[0]}` (worst {slowest[3]:.1f} ms).
"""
    print(body)
    write_section("diag cost", body)


if __name__ == "__main__":
    main()
