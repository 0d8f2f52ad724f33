"""Retention with maint.drop_partitions_older_than: old monthly partitions of audit.logs are
detached and dropped; one whose lock another session holds is skipped with a report (after
the function's 5 s lock_timeout) and left attached, and the next run drops it.
"""

from __future__ import annotations

import psycopg

OLD_MONTHS = ("2020_01", "2020_02")


def create_old_partitions(conn: psycopg.Connection) -> None:
    """Two partitions of audit.logs long past any retention, one row in each."""
    for month in OLD_MONTHS:
        year, mm = month.split("_")
        nxt = f"{year}-{int(mm) + 1:02d}"
        conn.execute(f"CREATE TABLE audit.logs_p{month} PARTITION OF audit.logs "
                     f"FOR VALUES FROM ('{year}-{mm}-01 00:00:00+00') TO ('{nxt}-01 00:00:00+00')")
        conn.execute("INSERT INTO audit.logs (logged_at, table_schema, table_name, operation) "
                     f"VALUES ('{year}-{mm}-15 00:00:00+00', 'x', 'y', 'TRUNCATE')")


def attached(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'audit.logs'::regclass AND c.relname LIKE 'logs_p2020%' "
        "ORDER BY 1").fetchall()]


def test_locked_partition_is_skipped_with_a_report_then_dropped(deployed_db):
    with deployed_db.connect() as conn, deployed_db.connect(autocommit=False) as holder:
        create_old_partitions(conn)
        # another session reads the oldest partition: its lock blocks the DETACH
        holder.execute("SELECT count(*) FROM audit.logs_p2020_01").fetchone()

        report = conn.execute("SELECT partition_name, action FROM "
                              "maint.drop_partitions_older_than('audit.logs', interval '1 year')"
                              ).fetchall()
        assert report == [("audit.logs_p2020_01", "skipped: lock not available"),
                          ("audit.logs_p2020_02", "dropped")], report
        assert attached(conn) == ["logs_p2020_01"], "the skipped partition must stay attached"
        assert conn.execute("SELECT count(*) FROM audit.logs WHERE logged_at < '2020-02-01'"
                            ).fetchone()[0] == 1, "the skipped partition lost its rows"
        assert conn.execute("SELECT to_regclass('audit.logs_p2020_02')").fetchone()[0] is None

        holder.rollback()  # the reader finishes: the next run gets the lock
        again = conn.execute("SELECT partition_name, action FROM "
                             "maint.drop_partitions_older_than('audit.logs', interval '1 year')"
                             ).fetchall()
        assert again == [("audit.logs_p2020_01", "dropped")], again
        assert attached(conn) == []


def test_recent_partitions_are_kept(deployed_db):
    with deployed_db.connect() as conn:
        before = conn.execute("SELECT count(*) FROM pg_inherits "
                              "WHERE inhparent = 'audit.logs'::regclass").fetchone()[0]
        report = conn.execute("SELECT * FROM maint.drop_partitions_older_than("
                              "'audit.logs', interval '1 year')").fetchall()
        assert report == [], "the deploy-time partitions (this month and later) were touched"
        assert conn.execute("SELECT count(*) FROM pg_inherits "
                            "WHERE inhparent = 'audit.logs'::regclass").fetchone()[0] == before
