"""diag with real sessions: what pgTAP cannot provoke inside one transaction.

Each condition is provoked with real concurrent connections, seen reported by the diag
functions and by ``diag.health()``, then seen to clear:
  * a session blocked on a row lock (diag.blocking(), diag.locks(), health blocked_sessions), and
    an ALTER TABLE queued behind an open reader (a relation-lock wait pg-extras' join misses);
  * a session idle in a transaction (health idle_in_transaction and long_transactions,
    diag.long_running_queries());
  * an unused index that scans clear (statistics are flushed per session);
  * query text: shown to a caller who could read it anyway, hidden from one who could not;
  * a failed deploy of a real (small) Sqitch project in the registry, then a good one (and the
    plan ahead of the database, which ``chaindb diag`` adds from the local plan);
  * on a second server: pg_stat_statements installed but not loaded; pg_cron absent, then
    without jobs, then with one; a forgotten prepared transaction; a failing then recovered
    archiver; a streaming standby (replication lag on both sides, ready() false on the standby);
and ``chaindb diag`` end to end: tables, --json, check names, exit codes 0/1/2/3.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from conftest import chaindb_cli


def health(conn, check: str) -> dict:
    row = conn.execute("SELECT status, value, detail FROM diag.health() WHERE check_name = %s",
                       (check,)).fetchone()
    return {"status": row[0], "value": row[1], "detail": row[2]}


def wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def set_levels(conn, check: str, warning, critical) -> None:
    conn.execute("UPDATE diag.health_thresholds SET warning = %s, critical = %s WHERE check_name = %s",
                 (warning, critical, check))


def test_row_lock_blocked_session_is_reported_then_clears(deployed_db):
    with deployed_db.connect() as admin:
        admin.execute("CREATE TABLE public.diag_probe (id int PRIMARY KEY, v int)")
        admin.execute("INSERT INTO public.diag_probe VALUES (1, 0)")
        set_levels(admin, "blocked_sessions", 0, 3600)
        holder = deployed_db.connect(autocommit=False)
        waiter = deployed_db.connect(autocommit=True)
        thread = None
        try:
            holder.execute("SELECT * FROM public.diag_probe WHERE id = 1 FOR UPDATE")
            holder_pid = holder.info.backend_pid
            waiter_pid = waiter.info.backend_pid
            done = threading.Event()

            def update():
                try:
                    waiter.execute("UPDATE public.diag_probe SET v = v + 1 WHERE id = 1")
                    done.set()
                except psycopg.Error:
                    pass  # the test failed and closed the connections

            thread = threading.Thread(target=update)
            thread.start()
            rows = wait_for(lambda: admin.execute(
                "SELECT blocked_pid, blocking_pid, blocked_statement FROM diag.blocking()").fetchall(),
                what="diag.blocking() to list the waiter")
            assert rows == [(waiter_pid, holder_pid, "UPDATE public.diag_probe SET v = v + 1 WHERE id = 1")]
            waiting = admin.execute("SELECT pid, granted FROM diag.locks() WHERE NOT granted").fetchall()
            assert (waiter_pid, False) in waiting
            time.sleep(0.1)
            blocked = health(admin, "blocked_sessions")
            assert blocked["status"] == "warning" and f"pid {waiter_pid}" in blocked["detail"], blocked

            holder.commit()
            assert done.wait(10)
            assert admin.execute("SELECT count(*) FROM diag.blocking()").fetchone()[0] == 0
            assert health(admin, "blocked_sessions") == {"status": "ok", "value": 0,
                                                         "detail": "no session waits on a lock"}
        finally:
            holder.close()
            if thread is not None:
                thread.join(10)
            waiter.close()


def test_idle_in_transaction_is_reported_then_clears(deployed_db):
    with deployed_db.connect() as admin:
        set_levels(admin, "idle_in_transaction", 0.5, 3600)
        set_levels(admin, "long_transactions", 0.5, 3600)
        idle = deployed_db.connect(autocommit=False)
        try:
            idle.execute("SELECT 42 AS forgotten")
            pid = idle.info.backend_pid
            time.sleep(1.0)
            found = health(admin, "idle_in_transaction")
            assert found["status"] == "warning" and found["value"] >= 1, found
            assert f"pid {pid}" in found["detail"]
            assert health(admin, "long_transactions")["status"] == "warning"
            long_running = admin.execute(
                "SELECT pid, state, query FROM diag.long_running_queries('0.5 seconds')").fetchall()
            assert (pid, "idle in transaction", "SELECT 42 AS forgotten") in long_running
            # the same session, past the critical level
            set_levels(admin, "idle_in_transaction", 0.1, 0.5)
            assert health(admin, "idle_in_transaction")["status"] == "critical"

            idle.rollback()
            found = health(admin, "idle_in_transaction")
            assert (found["status"], found["value"]) == ("ok", 0), found
            assert health(admin, "long_transactions")["status"] == "ok"
        finally:
            idle.close()


def test_unused_index_clears_once_scanned(deployed_db):
    with deployed_db.connect() as admin:
        admin.execute("CREATE TABLE public.diag_scan (id int, k int)")
        admin.execute("INSERT INTO public.diag_scan SELECT g, g % 100 FROM generate_series(1, 20000) g")
        admin.execute("CREATE INDEX diag_scan_k_idx ON public.diag_scan (k)")
        admin.execute("ANALYZE public.diag_scan")
        unused = "SELECT index_scans FROM diag.unused_indexes(1) WHERE index_name = 'diag_scan_k_idx'"
        assert admin.execute(unused).fetchall() == [(0,)]
        with deployed_db.connect() as reader:
            reader.execute("SET enable_seqscan = off")
            for k in range(3):
                reader.execute("SELECT count(*) FROM public.diag_scan WHERE k = %s", (k,))
            reader.execute("SELECT pg_stat_force_next_flush()")
            reader.execute("SELECT 1")
        wait_for(lambda: admin.execute(unused).fetchall() == [], what="the scans to reach the statistics")
        scans = admin.execute("SELECT idx_scan FROM diag.index_usage() WHERE index_name = 'diag_scan_k_idx'")
        assert scans.fetchone()[0] >= 3


@pytest.fixture
def probe_role(deployed_db):
    """A login role given EXECUTE on three diag functions directly (not through chain_monitor,
    so not a member of pg_read_all_stats): it must not see other roles' queries."""
    name = "diag_probe_" + uuid.uuid4().hex[:8]
    with deployed_db.connect() as admin:
        admin.execute(f"CREATE ROLE {name} LOGIN")
        admin.execute(f"GRANT USAGE ON SCHEMA diag TO {name}")
        admin.execute(f"GRANT EXECUTE ON FUNCTION diag.long_running_queries(interval), diag.blocking(), "
                      f"diag.visible_query(oid, text) TO {name}")
    try:
        yield name
    finally:
        with deployed_db.connect() as admin:
            admin.execute(f"DROP OWNED BY {name}")
            admin.execute(f"DROP ROLE {name}")


def test_query_text_only_for_callers_who_could_read_it(deployed_db, probe_role):
    secret = deployed_db.connect(autocommit=False)
    own = psycopg.connect(host=deployed_db.host, port=deployed_db.port, dbname=deployed_db.dbname,
                          user=probe_role, autocommit=False)
    probe = psycopg.connect(host=deployed_db.host, port=deployed_db.port, dbname=deployed_db.dbname,
                            user=probe_role, autocommit=True)
    monitor = psycopg.connect(host=deployed_db.host, port=deployed_db.port, dbname=deployed_db.dbname,
                              user="chain_monitor", autocommit=True)
    try:
        secret.execute("SELECT 'the superuser''s secret' AS s")
        own.execute("SELECT 'mine' AS m")
        query = "SELECT pid, query FROM diag.long_running_queries('0 seconds') ORDER BY pid"
        seen = dict(probe.execute(query).fetchall())
        assert seen[secret.info.backend_pid] == "<insufficient privilege>"
        assert seen[own.info.backend_pid] == "SELECT 'mine' AS m"
        # pg_stat_activity itself shows this login no more than that
        direct = probe.execute("SELECT query FROM pg_stat_activity WHERE pid = %s",
                               (secret.info.backend_pid,)).fetchone()[0]
        assert direct == "<insufficient privilege>"
        # chain_monitor (pg_monitor) reads everything, as it could from pg_stat_activity
        seen = dict(monitor.execute(query).fetchall())
        assert seen[secret.info.backend_pid] == "SELECT 'the superuser''s secret' AS s"
        # and the probe cannot reach the rest of diag
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            probe.execute("SELECT * FROM diag.health()")
    finally:
        for conn in (secret, own, probe, monitor):
            conn.close()


MINI_PLAN = """%syntax-version=1.0.0
%project=diag_mini

widgets 2026-12-06T10:00:00Z Ann Planner <ann@example.com> # Widgets.
"""


def test_failed_deploy_in_the_registry_then_a_good_one(deployed_db, tmp_path):
    project = tmp_path / "mini"
    for rel, text in {"sqitch.plan": MINI_PLAN, "sqitch.conf": "[core]\n\tengine = pg\n",
                      "deploy/widgets.sql": "BEGIN;\nCREATE TABLE diag_mini_widgets (id int);\nSELECT 1/0;\nCOMMIT;\n",
                      "revert/widgets.sql": "BEGIN;\nDROP TABLE diag_mini_widgets;\nCOMMIT;\n",
                      "verify/widgets.sql": "SELECT id FROM diag_mini_widgets WHERE false;\n"}.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    failed = chaindb_cli("deploy", deployed_db.uri, cwd=project)
    assert failed.returncode != 0
    with deployed_db.connect() as conn:
        found = health(conn, "migrations")
        assert (found["status"], found["value"]) == ("critical", 2), found
        assert "diag_mini: last deploy failed at widgets" in found["detail"]
        assert conn.execute("SELECT status FROM diag.migration_status() WHERE project = 'diag_mini'").fetchall() == [("failed",)]
        assert conn.execute("SELECT diag.ready()").fetchone()[0] is False
    cli = chaindb_cli("diag", deployed_db.uri)
    assert cli.returncode == 2, cli.stdout + cli.stderr
    # from the project: its plan is ahead of the database
    ahead = json.loads(chaindb_cli("diag", "--json", deployed_db.uri, cwd=project).stdout)
    pending = next(r for r in ahead["health"] if r["check_name"] == "plan_pending")
    assert (pending["status"], pending["value"]) == ("warning", 1)
    assert pending["detail"] == "1 change(s) of the plan not deployed: widgets"

    (project / "deploy/widgets.sql").write_text("BEGIN;\nCREATE TABLE diag_mini_widgets (id int);\nCOMMIT;\n")
    fixed = chaindb_cli("deploy", deployed_db.uri, cwd=project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    with deployed_db.connect() as conn:
        assert health(conn, "migrations")["status"] == "ok"
        assert conn.execute("SELECT status FROM diag.migration_status() WHERE project = 'diag_mini'").fetchall() == [("deployed",)]
        assert conn.execute("SELECT diag.ready()").fetchone()[0] is True
    done = json.loads(chaindb_cli("diag", "--json", deployed_db.uri, cwd=project).stdout)
    assert [(r["status"], r["value"]) for r in done["health"] if r["check_name"] == "plan_pending"] == [("ok", 0)]


def test_cli_diag_tables_json_and_exit_codes(deployed_db, empty_db):
    with deployed_db.connect() as conn:   # a cold clone's cache hit ratio is the machine's business
        conn.execute("UPDATE diag.health_thresholds SET enabled = false WHERE check_name = 'cache_hit_ratio'")
    ok = chaindb_cli("diag", deployed_db.uri, "locks", "long-running-queries", env={"COLUMNS": "100"})
    assert ok.returncode == 0, ok.stdout + ok.stderr
    lines = ok.stdout.splitlines()
    assert lines[0] == "Health (diag.health())"
    assert lines[1].split() == ["check_name", "status", "value", "threshold", "detail"]
    assert all(len(line) <= 100 for line in lines), "wider than the terminal"
    assert "\x1b[" not in ok.stdout, "colour in a pipe"
    assert any(line.startswith("health: ok (") for line in lines)
    assert "locks (diag.locks())" in lines and "long_running_queries (diag.long_running_queries())" in lines

    coloured = chaindb_cli("diag", deployed_db.uri, "--color", "always")
    assert "\x1b[32mok" in coloured.stdout

    data = json.loads(chaindb_cli("diag", "--json", deployed_db.uri, "cache_hit").stdout)
    assert data["status"] == "ok"
    assert [r["check_name"] for r in data["health"]][:2] == ["cache_hit_ratio", "connections"]
    assert [r["name"] for r in data["checks"]["cache_hit"]] == ["index hit rate", "table hit rate"]

    with deployed_db.connect() as conn:
        set_levels(conn, "connections", 0, 1000)
        warning = chaindb_cli("diag", deployed_db.uri)
        assert warning.returncode == 1, warning.stdout + warning.stderr
        assert "health: warning (" in warning.stdout
        set_levels(conn, "connections", 0, 0)
        critical = chaindb_cli("diag", "--json", deployed_db.uri)
        assert critical.returncode == 2
        assert json.loads(critical.stdout)["status"] == "critical"
        set_levels(conn, "connections", 90, 95)

    unknown = chaindb_cli("diag", deployed_db.uri, "nonsense")
    assert unknown.returncode == 3
    assert unknown.stderr.startswith('chaindb: unknown check "nonsense"') and "Traceback" not in unknown.stderr
    bare = chaindb_cli("diag", empty_db.uri)
    assert bare.returncode == 3
    assert bare.stderr.strip() == "chaindb: this database has no diag schema (deploy the plan: chaindb deploy)"
    readonly = chaindb_cli("diag", f"db:pg://chain_readonly@{deployed_db.host}:{deployed_db.port}/{deployed_db.dbname}")
    assert readonly.returncode == 3
    assert readonly.stderr.strip() == ("chaindb: database error: permission denied for schema diag "
                                       "(diag is for chain_monitor: connect as it or as a member of it)")
    monitor = chaindb_cli("diag", f"db:pg://chain_monitor@{deployed_db.host}:{deployed_db.port}/{deployed_db.dbname}",
                          "blocking", "table-sizes")
    assert monitor.returncode == 0, monitor.stdout + monitor.stderr
    nowhere = chaindb_cli("diag", cwd=Path("/"))      # no target, no project: nothing to check
    assert nowhere.returncode == 3 and nowhere.stderr.startswith("chaindb: no project here"), nowhere.stderr
    bad = chaindb_cli("diag", "db:pg://x@[bad")
    assert bad.returncode == 3 and bad.stderr.startswith("chaindb: invalid host"), bad.stderr
    down = chaindb_cli("diag", "db:pg://postgres@127.0.0.1:1/nothing")
    assert down.returncode == 3 and down.stderr.startswith("chaindb: cannot connect to the database")


# A second server, started the way a DBA's may be: pg_stat_statements not preloaded (installed
# by the deploy but not loaded), pg_cron preloaded for this database but not created, WAL
# archiving on with an archive_command that fails until a file exists, two-phase commit on.
def _deploy_plain(host, port, user, dbname, password=None, **_):
    import subprocess
    import sys

    uri = f"db:pg://{user}@{host}:{port}/{dbname}"
    proc = subprocess.run([sys.executable, "-m", "chaindb", "deploy", uri], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"deploying the plan failed:\n{proc.stdout}\n{proc.stderr}")


from pytest_postgresql import factories  # noqa: E402

from conftest import pg_ctl_shim  # noqa: E402

# archiving succeeds once this file exists (the server runs as another user: world-readable /tmp)
ARCHIVE_OK = Path("/tmp") / f"chaindb-diag-archive-ok-{uuid.uuid4().hex[:12]}"
plain_server = factories.postgresql_proc(
    executable=pg_ctl_shim(), dbname="chaindb_plain",
    postgres_options=f"-c max_connections=30 -c max_prepared_transactions=2 -c archive_mode=on -c archive_command='test -f {ARCHIVE_OK}'"
                     " -c shared_preload_libraries=pg_cron -c cron.database_name=chaindb_plain_tmpl",
    load=[_deploy_plain])


def test_server_without_preload_prepared_transaction_and_failing_archiver(plain_server):
    conn = psycopg.connect(host=plain_server.host, port=plain_server.port, user=plain_server.user,
                           dbname=plain_server.template_dbname, autocommit=True)
    try:
        for function in ("slow_statements", "calls"):
            rows = conn.execute(f"SELECT status, query FROM diag.{function}()").fetchall()
            assert rows == [("skipped", "pg_stat_statements is installed but not loaded "
                                        "(shared_preload_libraries)")], function
        # pg_cron: loaded for this database but not created, then created without jobs, then a
        # job (scheduled by the superuser: invisible to chain_owner row by row, counted all the
        # same). A plan whose deploy creates pg_cron itself (maint/schedule, in its cron database)
        # starts at the last step.
        created_here = not conn.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_cron'").fetchone()[0]
        if created_here:
            assert health(conn, "scheduler") == {
                "status": "skipped", "value": None,
                "detail": "no scheduler: pg_cron runs for this database but is not created here (CREATE EXTENSION pg_cron)"}
            conn.execute("CREATE EXTENSION pg_cron")
            # until its launcher notices the extension: "installed but not running" (a warning too)
            assert wait_for(lambda: (h := health(conn, "scheduler"))["detail"].startswith("pg_cron runs") and h,
                            what="pg_cron's launcher") \
                == {"status": "warning", "value": 0, "detail": "pg_cron runs; 0 job(s) scheduled"}
        conn.execute("SELECT cron.schedule('diag-test', '0 4 * * *', 'SELECT 1')")
        conn.execute("SELECT pg_stat_force_next_flush()")
        conn.execute("SELECT 1")
        jobs = conn.execute("SELECT count(*) FROM cron.job").fetchone()[0]
        scheduled = wait_for(lambda: (h := health(conn, "scheduler"))["status"] == "ok" and h["value"] == jobs and h,
                             what="the jobs to count")
        assert scheduled["detail"] == f"pg_cron runs; {jobs} job(s) scheduled"
        if created_here:
            conn.execute("DROP EXTENSION pg_cron")
        else:
            conn.execute("SELECT cron.unschedule('diag-test')")
        # the archiver fails on the next WAL segment, then recovers once its command works
        conn.execute("SELECT pg_switch_wal()")
        conn.execute("CREATE TABLE public.diag_wal (id int)")
        conn.execute("SELECT pg_switch_wal()")
        failing = wait_for(lambda: (h := health(conn, "archiver"))["status"] == "warning" and h,
                           timeout=30, what="the archiver to fail")
        assert failing["value"] == 1 and "failed" in failing["detail"]
        # a forgotten prepared transaction
        conn.execute("UPDATE diag.health_thresholds SET warning = 0.2 WHERE check_name = 'prepared_transactions'")
        with psycopg.connect(host=plain_server.host, port=plain_server.port, user=plain_server.user,
                             dbname=plain_server.template_dbname, autocommit=False) as twophase:
            twophase.execute("INSERT INTO public.diag_wal VALUES (2)")
            twophase.execute("PREPARE TRANSACTION 'diag-forgotten'")
        time.sleep(0.3)
        prepared = health(conn, "prepared_transactions")
        assert prepared["status"] == "warning" and "diag-forgotten prepared by" in prepared["detail"], prepared
        conn.execute("COMMIT PREPARED 'diag-forgotten'")
        assert health(conn, "prepared_transactions")["status"] == "ok"

        ARCHIVE_OK.touch()
        conn.execute("INSERT INTO public.diag_wal VALUES (1)")
        conn.execute("SELECT pg_switch_wal()")          # a new segment wakes the archiver
        recovered = wait_for(lambda: (h := health(conn, "archiver"))["status"] == "ok" and h,
                             timeout=30, what="the archiver to recover")
        assert recovered["value"] == 0
    finally:
        conn.close()
        ARCHIVE_OK.unlink(missing_ok=True)


def test_monitoring_never_hangs_behind_ddl(deployed_db):
    """A partition held ACCESS EXCLUSIVE by an open DDL transaction: health() still answers
    (within its 500 ms lock timeout per object) and says what it could not count; the size
    functions fail with lock_not_available after 1 s instead of waiting."""
    with deployed_db.connect() as admin:
        admin.execute("SET ROLE chain_owner")
        admin.execute("CREATE TABLE diag.lock_probe (id int, at timestamptz NOT NULL) PARTITION BY RANGE (at)")
        admin.execute("CREATE TABLE diag.lock_probe_default PARTITION OF diag.lock_probe DEFAULT")
        admin.execute("RESET ROLE")
        ddl = deployed_db.connect(autocommit=False)
        try:
            ddl.execute("LOCK TABLE diag.lock_probe_default IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            found = health(admin, "default_partition_rows")
            assert time.monotonic() - started < 5
            assert found["detail"].endswith("not counted (locked or unreadable): diag.lock_probe_default"), found
            assert admin.execute("SELECT default_rows FROM diag.partition_health() "
                                 "WHERE table_name = 'diag.lock_probe'").fetchone() == (None,)
            started = time.monotonic()
            with pytest.raises(psycopg.errors.LockNotAvailable):
                admin.execute("SELECT * FROM diag.table_sizes()")
            assert time.monotonic() - started < 5
        finally:
            ddl.close()
        after = health(admin, "default_partition_rows")
        assert after["status"] == "ok" and after["detail"].endswith("DEFAULT partition(s), all empty"), after


def test_blocking_sees_a_relation_lock_wait(deployed_db):
    """The wait pg-extras' transactionid join misses: an ALTER TABLE queued behind an open
    reader. diag.blocking() (pg_blocking_pids) lists it, with the reader as the blocker."""
    with deployed_db.connect() as admin:
        admin.execute("CREATE TABLE public.diag_ddl (id int)")
        reader = deployed_db.connect(autocommit=False)
        ddl = deployed_db.connect(autocommit=True)
        thread = None
        try:
            reader.execute("SELECT count(*) FROM public.diag_ddl")
            done = threading.Event()

            def alter():
                try:
                    ddl.execute("ALTER TABLE public.diag_ddl ADD COLUMN note text")
                    done.set()
                except psycopg.Error:
                    pass

            thread = threading.Thread(target=alter)
            thread.start()
            rows = wait_for(lambda: admin.execute(
                "SELECT blocked_pid, blocking_pid, blocking_state, wait_event_type FROM diag.blocking()").fetchall(),
                what="the ALTER TABLE to wait")
            assert rows == [(ddl.info.backend_pid, reader.info.backend_pid, "idle in transaction", "Lock")]
            locks = admin.execute("SELECT pid, relation, mode, granted FROM diag.locks() "
                                  "WHERE relation = 'public.diag_ddl'").fetchall()
            assert (ddl.info.backend_pid, "public.diag_ddl", "AccessExclusiveLock", False) in locks
            reader.rollback()
            assert done.wait(10)
            assert admin.execute("SELECT count(*) FROM diag.blocking()").fetchone()[0] == 0
        finally:
            reader.close()
            if thread is not None:
                thread.join(10)
            ddl.close()


def test_replication_lag_on_a_primary_and_its_standby(plain_server, tmp_path):
    """A streaming standby of the second server (pg_basebackup -R): the primary reports its
    standby's replay lag, the standby reports itself as one, and is not ready()."""
    import subprocess

    from chaindb.cluster import as_server_user, bin_dir, free_port, hand_to_server_user

    root = tmp_path / "standby"
    hand_to_server_user(root)
    data, run = root / "data", root / "run"
    hand_to_server_user(run)
    proc = subprocess.run(as_server_user([str(bin_dir() / "pg_basebackup"), "-h", plain_server.host,
                                          "-p", str(plain_server.port), "-U", plain_server.user,
                                          "-D", str(data), "-R", "-X", "stream", "-c", "fast"]),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    port = free_port()
    pg_ctl = [pg_ctl_shim(), "-D", str(data)]
    started = subprocess.run([*pg_ctl, "start", "-w", "-t", "60", "-l", str(root / "standby.log"), "-o",
                              f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={run} "
                              "-c max_prepared_transactions=2 -c archive_mode=off"],
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        primary = psycopg.connect(host=plain_server.host, port=plain_server.port, user=plain_server.user,
                                  dbname=plain_server.template_dbname, autocommit=True)
        standby = psycopg.connect(host="127.0.0.1", port=port, user=plain_server.user,
                                  dbname=plain_server.template_dbname, autocommit=True)
        with primary, standby:
            lag = wait_for(lambda: (h := health(primary, "replication_lag"))["status"] == "ok" and h,
                           timeout=30, what="the standby to stream")
            assert lag["detail"] == "1 standby(s); slowest replay lag in seconds", lag
            primary.execute("CREATE TABLE public.diag_replicated (id int)")
            replayed = wait_for(lambda: (h := health(standby, "replication_lag"))["value"] is not None and h,
                                timeout=30, what="the standby to replay a transaction")
            assert replayed["status"] == "ok" and replayed["detail"] == \
                "this server is a standby: time since the last replayed transaction"
            assert standby.execute("SELECT diag.ready()").fetchone()[0] is False
            set_levels(primary, "replication_lag", -1, 3600)     # any lag at all, replicated too
            wait_for(lambda: health(standby, "replication_lag")["status"] == "warning", timeout=30,
                     what="the new levels to replicate")
    finally:
        subprocess.run([*pg_ctl, "stop", "-w", "-m", "fast"], capture_output=True, timeout=120)
