"""Retention and partitioning (issue 14), on a private temporary cluster:

1. cleanup: ops.system_metrics filled with --rows metric rows spread evenly over 14 monthly
   partitions (the issue asks for 10M; the default 1.4M -- 100k a month -- is what the shared
   2-core machine affords in a couple of minutes; --rows 10000000 runs the full size), then
   CALL maint.cleanup_old_data() with only the metrics rule enabled (hot 90 days, archive):
   wall time; the longest time the cleanup's backend held a lock on the parent that blocks
   inserts (pg_locks sampled from another session every few ms); and the worst latency a
   concurrent writer saw inserting one row every 10 ms into the parent meanwhile. Checks that no
   row was lost (count before = kept + archived).
2. insert rate: the seed's write pattern, a batch INSERT of 100 metric rows, through the
   partitioned parent vs a plain table with the same columns, constraints and indexes
   (CREATE TABLE … (LIKE ops.system_metrics INCLUDING ALL)); pgbench -c 2 -j 2, median of
   --rounds rounds of --seconds. Goal: parent >= 0.8x the plain table's rows/s.

Prints the numbers and rewrites the "Retention and partitioning" section of bench/RESULTS.md.

    python bench/retention.py [--rows 1400000] [--seconds 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from audit_overhead import connect, deploy, load_average, machine, pgbench_tps, temporary_cluster, write_section

BLOCKING_MODES = ("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")

FILL = """
-- one row in each of the 14 months (into the DEFAULT partition), then ensure_partitions gives
-- every month its partition; the bulk then routes straight to them
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp")
SELECT 'seed', 'cpu', 0, 'percent', date_trunc('month', now()) - m * interval '1 month' + interval '1 day'
  FROM generate_series(0, 13) AS m;
SELECT count(*) FROM maint.ensure_partitions('ops.system_metrics', 3);
INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, "timestamp", metric_metadata)
SELECT 'svc-' || (g % 50), (ARRAY['cpu', 'memory', 'latency', 'disk'])[1 + g % 4], (g % 1000) / 10.0,
       (ARRAY['percent', 'bytes', 'ms', 'bytes'])[1 + g % 4],
       date_trunc('month', now()) - interval '13 months'
         + (g::float8 / %(rows)s) * (now() - (date_trunc('month', now()) - interval '13 months')),
       CASE WHEN g % 10 = 0 THEN jsonb_build_object('host', 'h' || (g % 7)) END
  FROM generate_series(1, %(rows)s) AS g;
"""

BATCH_PARENT = """INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit, metric_metadata)
SELECT 'svc-' || (g % 50), 'cpu', random() * 100, 'percent', NULL FROM generate_series(1, 100) AS g;
"""
BATCH_PLAIN = BATCH_PARENT.replace("ops.system_metrics", "bench.plain_metrics")


class LockSampler(threading.Thread):
    """Samples pg_locks for locks of ``pid`` on ``relid`` that block inserts; keeps the longest
    continuous stretch (seconds) it saw one held."""

    def __init__(self, cluster, pid: int, relid: int):
        super().__init__(daemon=True)
        self.cluster, self.pid, self.relid = cluster, pid, relid
        self.stop = threading.Event()
        self.longest = 0.0
        self.samples = 0

    def run(self) -> None:
        with connect(self.cluster) as conn:
            held_since = None
            while not self.stop.is_set():
                held = conn.execute(
                    "SELECT count(*) > 0 FROM pg_locks WHERE pid = %s AND relation = %s AND granted AND mode = ANY(%s)",
                    (self.pid, self.relid, list(BLOCKING_MODES))).fetchone()[0]
                now = time.monotonic()
                self.samples += 1
                if held and held_since is None:
                    held_since = now
                elif not held and held_since is not None:
                    self.longest = max(self.longest, now - held_since)
                    held_since = None
                time.sleep(0.002)
            if held_since is not None:
                self.longest = max(self.longest, time.monotonic() - held_since)


class Writer(threading.Thread):
    """Inserts one metric row into the parent every 10 ms; keeps the worst latency."""

    def __init__(self, cluster):
        super().__init__(daemon=True)
        self.cluster = cluster
        self.stop = threading.Event()
        self.worst = 0.0
        self.count = 0

    def run(self) -> None:
        with connect(self.cluster) as conn:
            while not self.stop.is_set():
                started = time.monotonic()
                conn.execute("INSERT INTO ops.system_metrics (service_name, metric_type, metric_value, unit) "
                             "VALUES ('writer', 'cpu', 1, 'percent')")
                self.worst = max(self.worst, time.monotonic() - started)
                self.count += 1
                time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_400_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    load_start = load_average()
    with temporary_cluster() as cluster:
        deploy(cluster, "maint/cleanup_old_data")
        with connect(cluster) as conn:
            started = time.monotonic()
            conn.execute(FILL.replace("%(rows)s", str(int(args.rows))))
            fill_s = time.monotonic() - started
            conn.execute("VACUUM ANALYZE ops.system_metrics")
            conn.execute("UPDATE ops.retention_policies SET enabled = (table_name = 'ops.system_metrics'::regclass)")
            partitions = conn.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'ops.system_metrics'::regclass"
                                      ).fetchone()[0]
            before = conn.execute("SELECT count(*) FROM ops.system_metrics").fetchone()[0]
            old = conn.execute("SELECT count(*) FROM ops.system_metrics WHERE \"timestamp\" < now() - interval '90 days'"
                               ).fetchone()[0]
            relid = conn.execute("SELECT 'ops.system_metrics'::regclass::oid").fetchone()[0]
            pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]

            sampler, writer = LockSampler(cluster, pid, relid), Writer(cluster)
            sampler.start()
            writer.start()
            time.sleep(0.2)
            started = time.monotonic()
            report = conn.execute("CALL maint.cleanup_old_data()").fetchone()[0]
            cleanup_s = time.monotonic() - started
            time.sleep(0.2)
            sampler.stop.set()
            writer.stop.set()
            sampler.join()
            writer.join()

            metrics = next(r for r in report if r["table"] == "ops.system_metrics")
            kept = conn.execute("SELECT count(*) FROM ops.system_metrics WHERE service_name <> 'writer'").fetchone()[0]
            archived_parts = conn.execute("SELECT coalesce(sum(row_count), 0) FROM archive.partitions").fetchone()[0]
            archived_rows = conn.execute("SELECT count(*) FROM archive.rows").fetchone()[0]
            lost = before - kept - archived_parts - archived_rows
            remaining_old = conn.execute(
                "SELECT count(*) FROM ops.system_metrics WHERE \"timestamp\" < now() - interval '90 days'").fetchone()[0]

            conn.execute("CREATE SCHEMA bench")
            conn.execute("CREATE TABLE bench.plain_metrics (LIKE ops.system_metrics INCLUDING ALL)")
        rounds: dict[str, list[float]] = {"parent": [], "plain": []}
        for _ in range(args.rounds):
            rounds["parent"].append(100 * pgbench_tps(cluster, BATCH_PARENT, args.seconds, clients=2, threads=2))
            rounds["plain"].append(100 * pgbench_tps(cluster, BATCH_PLAIN, args.seconds, clients=2, threads=2))

    parent, plain = statistics.median(rounds["parent"]), statistics.median(rounds["plain"])
    ratio = parent / plain
    body = f"""
{machine()}; load average at start {load_start}, at the end {load_average()}; temp cluster with fsync=off
(`python bench/retention.py --rows {args.rows}`).

Cleanup of {args.rows:,} metric rows (plus one seed row a month) spread over 14 months: 14 of the {partitions - 1}
monthly partitions of ops.system_metrics (the others are the months ahead), plus its DEFAULT partition (scaled down from the issue's 10M: the fill alone takes
{fill_s:.0f} s here; `--rows 10000000` runs the full size), rule: hot 90 days, then archive.

| measure | value |
|---|---|
| rows past 90 days before / after | {old:,} / {remaining_old:,} |
| whole partitions moved to schema archive | {len([p for p in metrics['partitions'] if p['action'] == 'archived'])} |
| rows archived row by row (the partition straddling the cutoff) | {metrics['rows_archived']:,} |
| rows lost (before - kept - archived) | {lost:,} |
| wall time of `CALL maint.cleanup_old_data()` | {cleanup_s:.2f} s |
| longest lock on the parent that blocks inserts (pg_locks sampled {sampler.samples:,} times) | {sampler.longest * 1000:.0f} ms |
| worst latency of a concurrent single-row insert into the parent ({writer.count:,} inserts during the run) | {writer.worst * 1000:.0f} ms |

Insert rate, batch INSERT of 100 rows (the seed's 60-second batch), pgbench -c 2 -j 2 -T {args.seconds} -M prepared,
median of {args.rounds} rounds:

| target | rows/s | ratio | goal | met |
|---|---|---|---|---|
| plain table (same columns, constraints, indexes) | {plain:,.0f} | 1.00x | | |
| partitioned parent ops.system_metrics | {parent:,.0f} | {ratio:.2f}x | >= 0.8x | {'yes' if ratio >= 0.8 else 'NO'} |

Raw rows/s: parent {', '.join(f'{v:,.0f}' for v in rounds['parent'])}; plain {', '.join(f'{v:,.0f}' for v in rounds['plain'])}.
"""
    print(body)
    write_section("Retention and partitioning", body)


if __name__ == "__main__":
    main()
