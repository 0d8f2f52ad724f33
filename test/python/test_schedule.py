"""pg_cron scheduling (change maint/schedule), both ways:

* where pg_cron does not run in the database (the test template: the server's cron.database_name is
  another database), the change deploys all the same, with a NOTICE saying the maintenance is not
  scheduled, and leaves no pg_cron behind;
* in the cron database (conftest.CRON_DATABASE) the deploy creates pg_cron and schedules the three
  jobs (run_maintenance daily 02:00 UTC, the analytics refresh every 30 minutes, a weekly
  VACUUM (ANALYZE)) as the deploying superuser; reverting the change removes the jobs and the
  extension it created; deploying again brings them back.
"""

from __future__ import annotations

import subprocess

import psycopg

import harness
from conftest import CRON_DATABASE

JOBS = [("chaindb-refresh-analytics", "*/30 * * * *", "SELECT pg_catalog.count(*) FROM maint.refresh_materialized_views(true)"),
        ("chaindb-run-maintenance", "0 2 * * *", "CALL maint.run_maintenance()"),
        ("chaindb-vacuum-analyze", "0 3 * * 0", "VACUUM (ANALYZE)")]


def deploy(*args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([*harness.deployer_argv(), *args], cwd=harness.REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_without_pg_cron_here_the_change_deploys_with_a_notice(deployed_db):
    from chaindb.script import run_file

    notices: list[str] = []
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sqitch.changes WHERE change = 'maint/schedule'").fetchone()[0] == 1
        conn.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
        run_file(conn, harness.REPO / "deploy" / "maint" / "schedule.sql")
        run_file(conn, harness.REPO / "verify" / "maint" / "schedule.sql")
        run_file(conn, harness.REPO / "revert" / "maint" / "schedule.sql")
    assert any("maintenance is not scheduled" in n and CRON_DATABASE in n for n in notices), notices


def test_in_the_cron_database_the_jobs_are_scheduled(pg_server):
    admin = harness.Database(pg_server.host, int(pg_server.port), pg_server.user, "postgres")
    db = harness.Database(pg_server.host, int(pg_server.port), pg_server.user, CRON_DATABASE)
    with admin.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{CRON_DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{CRON_DATABASE}"')
    try:
        deploy("deploy", "--verify", db.uri)
        with db.connect() as conn:
            jobs = conn.execute("SELECT jobname, schedule, command, username, active FROM cron.job ORDER BY jobname").fetchall()
            assert [(j[0], j[1], j[2]) for j in jobs] == JOBS
            assert {j[3] for j in jobs} == {pg_server.user} and all(j[4] for j in jobs)
            assert "created by chaindb" in conn.execute(
                "SELECT obj_description(oid, 'pg_extension') FROM pg_extension WHERE extname = 'pg_cron'").fetchone()[0]
        deploy("revert", "-y", "--to", "maint/run_maintenance", db.uri)
        with db.connect() as conn:
            assert conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'").fetchone()[0] == 0
        deploy("deploy", "--verify", db.uri)
        with db.connect() as conn:
            assert conn.execute("SELECT count(*) FROM cron.job WHERE jobname LIKE 'chaindb-%'").fetchone()[0] == 3
            # a job of someone else keeps pg_cron on revert
            conn.execute("SELECT cron.schedule('someone-else', '0 4 * * *', 'SELECT 1')")
        deploy("revert", "-y", "--to", "maint/run_maintenance", db.uri)
        with db.connect() as conn:
            assert conn.execute("SELECT jobname FROM cron.job").fetchall() == [("someone-else",)]
    finally:
        with admin.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{CRON_DATABASE}" WITH (FORCE)')
