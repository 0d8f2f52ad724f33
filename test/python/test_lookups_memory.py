"""Memory assets (seed 001): the development fixture uses every enum value; every usage example and maintenance query of the seed (checklist §2.8
M-Q1..M-Q11), adapted to schema memory,

* runs, with its results checked on the development fixture tools/chaindb/templates/seeds/40_memory.sql.j2, and
* is index-served: the tables are filled with realistic volume in a clone of the deployed template
  and ANALYZEd (no planner setting is changed), then EXPLAIN must show the index that serves each
  lookup and no sequential scan of a large table; the audit-log cleanup must prune to the old
  month's partition. The lookups the memory functions run (has_access, the queue's dequeue, the
  stale-claim release, the retention deletes) are EXPLAINed in the form the functions run them.

The volume here is this module's own fill, not the scale profile of 40_memory: the planner must
pick the indexes of every table, so each holds thousands of rows (5,000 trees, 10,000 batches), one
wallet holds many rows and an old month of the operation log exists; the scale profile's
proportions (5 trees and 160 batches per unit) would need --scale 30 and minutes of seeding for
that. The scale profile's plans at 1M grants are bench/lookups/memory.py's.

The seed's monitoring statements do not run on PostgreSQL 15 as written (pg_stat_user_indexes has
relname/indexrelname, pg_stat_statements has *_exec_time, and nothing lives in schema public): the
forms below are the fixed ones, over schema memory.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
ANN = "Ann" + "1" * 41
BOB = "Bob" + "1" * 41


def load_fixture(db) -> None:
    """The dev profile of the memory template (rendered: the file also holds the scale profile)."""
    from chaindb import seed
    from chaindb.script import run_text

    source = next(s for s in seed.template_sources(REPO) if s.name == "memory")
    with db.connect() as conn:
        run_text(conn, seed.render_source(source, "dev").sql, name=source.display)


# ----------------------------------------------------------------------------- results on fixtures

def test_seed_usage_queries_on_the_fixture(deployed_db):
    load_fixture(deployed_db)
    with deployed_db.connect() as conn:
        conn.execute("SET TimeZone = 'UTC'")
        # M-Q1: a user's memory assets, newest first
        rows = conn.execute("SELECT asset_id FROM memory.assets WHERE owner_address = %s ORDER BY created_at DESC",
                            (ANN,)).fetchall()
        assert [r[0] for r in rows] == ["mem-ann-habits", "mem-ann-recipes", "mem-ann-diary"]
        # the same through RLS, as Ann (the seed's owner_access policy)
        with conn.transaction(force_rollback=True):
            conn.execute("SELECT set_config('role', 'chain_user', true), set_config('app.wallet', %s, true)", (ANN,))
            rows = conn.execute("SELECT asset_id FROM memory.assets ORDER BY created_at DESC").fetchall()
            assert [r[0] for r in rows] == ["mem-ann-habits", "mem-ann-recipes", "mem-ann-diary"]
        # M-Q2: batch statistics of the last 30 days (completed batches, one row per UTC day)
        rows = conn.execute("SELECT batch_count, total_memories, total_cost_lamports FROM memory.batch_statistics "
                            "WHERE date >= CURRENT_DATE - INTERVAL '30 days' ORDER BY date").fetchall()
        assert rows == [(1, 3, 15000), (1, 1, 7000)]
        # M-Q3: a grantee's active grants with the asset's owner (the revoked one left out)
        rows = conn.execute("""SELECT ag.asset_id, ma.owner_address
                                 FROM memory.access_grants ag
                                 JOIN memory.assets ma ON ag.asset_id = ma.asset_id
                                WHERE ag.grantee_address = %s
                                  AND ag.revoked_at IS NULL
                                  AND (ag.expires_at IS NULL OR ag.expires_at > NOW())""", (BOB,)).fetchall()
        assert rows == [("mem-ann-diary", ANN)]
        # M-Q4: costs over time for one wallet
        rows = conn.execute("""SELECT DATE_TRUNC('day', timestamp) as date, COUNT(*) as operations,
                                      SUM(total_cost_lamports) as total_cost, AVG(total_cost_lamports) as avg_cost
                                 FROM memory.cost_tracking
                                WHERE wallet_address = %s
                                GROUP BY DATE_TRUNC('day', timestamp)
                                ORDER BY date DESC""", (ANN,)).fetchall()
        assert [(r[1], r[2], r[3]) for r in rows] == [(2, 12000, 6000), (1, 15000, 15000)]
        # the views of the seed
        assert conn.execute("SELECT count(*) FROM memory.active_assets").fetchone()[0] == 4
        assert conn.execute("SELECT active_grants_count FROM memory.active_assets WHERE asset_id = 'mem-ann-diary'"
                            ).fetchone()[0] == 1
        assert conn.execute("SELECT total_assets, total_batches FROM memory.user_statistics WHERE owner_address = %s",
                            (ANN,)).fetchone() == (3, 2)


def test_seed_maintenance_queries_on_the_fixture(deployed_db):
    load_fixture(deployed_db)
    with deployed_db.connect() as conn:
        # M-Q5: completed queue entries older than 7 days (retention runs as chain_owner)
        conn.execute("UPDATE memory.minting_queue SET completed_at = now() - interval '8 days' WHERE request_id = 'req-ann-3'")
        with conn.transaction():
            conn.execute("SET LOCAL ROLE chain_owner")
            deleted = conn.execute("""DELETE FROM memory.minting_queue
                                       WHERE status = 'completed' AND completed_at < NOW() - INTERVAL '7 days'""").rowcount
        assert deleted == 1
        # M-Q6: audit logs older than 90 days (none in the fixture; the archive step is maint's)
        with conn.transaction():
            conn.execute("SET LOCAL ROLE chain_owner")
            assert conn.execute("""DELETE FROM memory.audit_logs
                                    WHERE timestamp < NOW() - INTERVAL '90 days'""").rowcount == 0
        assert conn.execute("SELECT count(*) FROM memory.audit_logs").fetchone()[0] == 4
        # the retention rules maint.cleanup_old_data applies to both
        rules = conn.execute("""SELECT table_name::text, rule_name, keep_hot::text, action FROM ops.retention_policies
                                 WHERE table_name::text LIKE 'memory.%' ORDER BY 1, 2""").fetchall()
        assert rules == [("memory.audit_logs", "default", "90 days", "archive"),
                         ("memory.minting_queue", "completed", "7 days", "delete"),
                         ("memory.minting_queue", "failed", "30 days", "delete")]
        # VACUUM ANALYZE (outside a transaction, as the seed runs it through psql)
        conn.execute("VACUUM ANALYZE memory.assets")
        # M-Q7: index usage, least used first (PG 15 names: relname, indexrelname)
        rows = conn.execute("""SELECT schemaname, relname AS tablename, indexrelname AS indexname,
                                      idx_scan, idx_tup_read, idx_tup_fetch
                                 FROM pg_stat_user_indexes WHERE schemaname = 'memory'
                                ORDER BY idx_scan ASC""").fetchall()
        assert "assets_pkey" in {r[2] for r in rows}
        # M-Q8: rebuild the indexes of memory.assets
        conn.execute("REINDEX TABLE memory.assets")
        # M-Q9: table sizes (schema memory instead of public), biggest first
        rows = conn.execute("""SELECT schemaname, tablename,
                                      pg_size_pretty(pg_total_relation_size(schemaname || '.' || tablename)) AS size
                                 FROM pg_tables WHERE schemaname = 'memory'
                                ORDER BY pg_total_relation_size(schemaname || '.' || tablename) DESC""").fetchall()
        assert {"assets", "minting_queue", "audit_logs_p" + conn.execute(
            "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')").fetchone()[0]} <= {r[1] for r in rows}
        # M-Q10: slowest statements, when pg_stat_statements is installed (PG 15: *_exec_time)
        where = conn.execute("SELECT extnamespace::regnamespace::text FROM pg_extension "
                             "WHERE extname = 'pg_stat_statements'").fetchone()
        if where:                                    # installed (in whichever schema diag put it)
            try:
                with conn.transaction():
                    conn.execute(f"""SELECT query, calls, total_exec_time, mean_exec_time, max_exec_time
                                       FROM {where[0]}.pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10""").fetchall()
            except psycopg.errors.ObjectNotInPrerequisiteState:
                pass                                 # not in shared_preload_libraries: nothing to list
        # M-Q11: connection count
        assert conn.execute("SELECT count(*) FROM pg_stat_activity").fetchone()[0] >= 1


# ----------------------------------------------------------------------------- index-served at volume

LARGE_TABLES = {"merkle_trees", "assets", "batches", "access_grants", "transfers", "minting_queue", "versions", "cost_tracking"}

# 5000 wallets W…, one heavy (wallet 42: one asset and one received transfer in 25, so its lookups return
# many rows and must come in index order); assets spread over 400 days; the queue mostly completed
# recently (the cleanup runs daily)
FILL_SQL = """
SET session_replication_role = replica;   -- bulk load: no guard, audit or notify triggers, no FK checks
CREATE TEMP TABLE w AS SELECT g AS wn, 'W' || lpad(translate(g::text, '0', 'z'), 40, 'x') AS wallet FROM generate_series(0, 4999) AS g;
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, current_size, status)
SELECT 'Tree' || lpad(translate(g::text, '0', 'z'), 36, 'x'), 3, 8, CASE WHEN g % 100 = 0 THEN g % 8 ELSE 8 END,
       CASE WHEN g % 100 = 0 THEN 'active' ELSE 'full' END::memory.tree_status
  FROM generate_series(1, 5000) AS g;
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, status, transaction_signature,
                            confirmed_at, total_cost_lamports, created_at)
SELECT 'b' || g, w.wallet, 1 + g % 5, 'Tree' || lpad(translate((1 + g % 10)::text, '0', 'z'), 36, 'x'),
       CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'completed' END::memory.batch_status,
       CASE WHEN g % 10 = 0 THEN NULL ELSE lpad(translate(g::text, '0', 'z'), 88, 'x') END,
       CASE WHEN g % 10 = 0 THEN NULL ELSE now() - (g % 400) * interval '1 day' END,
       5000 * (1 + g % 5), now() - (g % 400) * interval '1 day' - interval '1 hour'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = g % 5000;
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, batch_id, encryption_key_id, agent_id,
                           memory_type, metadata, burned_at, created_at)
SELECT 'a' || g, w.wallet, lpad(g::text, 43, 'x'), md5(g::text) || md5(g::text), CASE WHEN g % 2 = 0 THEN 'b' || (1 + g % 10000) END,
       'k' || g % 50, 'agent-' || g % 300, (ARRAY['episodic', 'semantic', 'procedural'])[1 + g % 3],
       jsonb_build_object('title', 'memory ' || g), CASE WHEN g % 50 = 0 THEN now() END,
       now() - (g % 400) * interval '1 day' - interval '2 hours'
  FROM generate_series(1, 50000) AS g JOIN w ON w.wn = CASE WHEN g % 25 = 0 THEN 42 ELSE g % 5000 END;
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access, current_access, created_at,
                                  expires_at, revoked_at, revoked_by)
SELECT 'a' || g, w2.wallet, w.wallet, CASE WHEN g % 3 = 0 THEN 10 END, 0, now() - interval '30 days',
       CASE WHEN g % 4 = 0 THEN now() + interval '30 days' END,
       CASE WHEN g % 7 = 0 THEN now() - interval '1 day' END, CASE WHEN g % 7 = 0 THEN w.wallet END
  FROM generate_series(1, 50000) AS g JOIN w ON w.wn = g % 5000 JOIN w AS w2 ON w2.wn = (g * 7 + 1) % 5000;
INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature, transferred_at)
SELECT 'a' || g, 'Prev' || lpad(translate(g::text, '0', 'z'), 39, 'x'), w.wallet, lpad(translate(g::text, '0', 'z'), 88, '2'),
       now() - (g % 300) * interval '1 day'
  FROM generate_series(1, 10000) AS g JOIN w ON w.wn = CASE WHEN g % 25 = 0 THEN 42 ELSE g % 5000 END;
INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by)
SELECT 'a' || (1 + g % 5000), 2 + g / 5000, lpad(g::text, 43, 'v'), md5(g::text) || md5(g::text), 'W' || lpad('1', 40, 'x')
  FROM generate_series(0, 9999) AS g;
INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, solana_cost_lamports, total_cost_lamports, "timestamp")
SELECT (ARRAY['mint', 'batch_mint', 'transfer'])[1 + g % 3], 'op' || g, w.wallet, 5000, 5000 + g % 1000,
       now() - (g % 400) * interval '1 day'
  FROM generate_series(1, 50000) AS g JOIN w ON w.wn = g % 5000;
INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, priority, status, asset_id,
                                  retry_count, locked_by, locked_at, created_at, next_attempt_at, completed_at, failed_at)
SELECT 'r' || g, w.wallet, 'memory ' || g, 'agent', (ARRAY['low', 'medium', 'high'])[1 + g % 3]::memory.mint_priority, s.status,
       CASE WHEN s.status = 'completed' THEN 'a1' END, CASE WHEN s.status = 'failed' THEN 3 ELSE 0 END,
       CASE WHEN s.status = 'processing' THEN 'w' END, CASE WHEN s.status = 'processing' THEN now() - interval '1 minute' END,
       now() - (g % 10) * interval '1 day', now() - (g % 10) * interval '1 day',
       CASE WHEN s.status = 'completed' THEN now() - (g % 10) * interval '1 day' + interval '1 minute' END,
       CASE WHEN s.status = 'failed' THEN now() - (g % 40) * interval '1 day' END
  FROM generate_series(1, 20000) AS g JOIN w ON w.wn = g % 5000
 CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 = 0 THEN 'pending' WHEN g % 20 = 1 THEN 'failed'
                                 WHEN g % 20 = 2 THEN 'processing' ELSE 'completed' END::memory.mint_status AS status) AS s;
INSERT INTO memory.audit_logs (wallet_address, action, asset_id, "timestamp")
SELECT w.wallet, (ARRAY['asset.mint', 'asset.transfer', 'grant.create'])[1 + g % 3], 'a' || g,
       date_trunc('month', now()) + (g % 1000) * interval '1 second'
  FROM generate_series(1, 20000) AS g JOIN w ON w.wn = g % 5000;
-- one old month of the operation log, past the 90 days (its partition made as maint does)
SET ROLE chain_owner;
CREATE TABLE memory.audit_logs_p2000_01 PARTITION OF memory.audit_logs
    FOR VALUES FROM ('2000-01-01 00:00:00+00') TO ('2000-02-01 00:00:00+00');
RESET ROLE;
INSERT INTO memory.audit_logs (wallet_address, action, "timestamp")
SELECT w.wallet, 'asset.mint', '2000-01-01'::timestamptz + (g % 1000) * interval '1 minute'
  FROM generate_series(1, 5000) AS g JOIN w ON w.wn = g % 5000;
SET session_replication_role = origin;
ANALYZE memory.merkle_trees, memory.batches, memory.assets, memory.access_grants, memory.transfers, memory.versions,
        memory.cost_tracking, memory.minting_queue, memory.audit_logs;
"""

W42 = "'W' || lpad('42', 40, 'x')"   # the heavy user
W43 = "'W' || lpad('43', 40, 'x')"   # an ordinary one

# (name, query, indexes one of which must serve it, whether a Sort node is forbidden)
LOOKUPS = [
    ("M-Q1 a user's assets, newest first",
     f"SELECT * FROM memory.assets WHERE owner_address = {W43} ORDER BY created_at DESC",
     {"assets_owner_address_created_at_idx"}, False),
    ("M-Q1 a heavy user's assets, newest first, a page at a time (index order, no Sort)",
     f"SELECT * FROM memory.assets WHERE owner_address = {W42} ORDER BY created_at DESC LIMIT 50",
     {"assets_owner_address_created_at_idx"}, True),
    ("M-Q2 batch statistics of the last 30 days",
     "SELECT * FROM memory.batch_statistics WHERE date >= CURRENT_DATE - INTERVAL '30 days'",
     {"batches_completed_day_idx"}, False),
    ("M-Q3 a grantee's active grants with the owner",
     f"""SELECT ag.*, ma.owner_address FROM memory.access_grants ag JOIN memory.assets ma ON ag.asset_id = ma.asset_id
          WHERE ag.grantee_address = {W42} AND ag.revoked_at IS NULL AND (ag.expires_at IS NULL OR ag.expires_at > NOW())""",
     {"access_grants_live_grantee_expires_at_idx"}, False),
    ("M-Q3 (join side) the asset of each grant",
     f"""SELECT ag.*, ma.owner_address FROM memory.access_grants ag JOIN memory.assets ma ON ag.asset_id = ma.asset_id
          WHERE ag.grantee_address = {W42} AND ag.revoked_at IS NULL AND (ag.expires_at IS NULL OR ag.expires_at > NOW())""",
     {"assets_pkey"}, False),
    ("M-Q4 cost per day of one wallet",
     f"""SELECT DATE_TRUNC('day', timestamp) as date, COUNT(*) as operations, SUM(total_cost_lamports) as total_cost,
               AVG(total_cost_lamports) as avg_cost
          FROM memory.cost_tracking WHERE wallet_address = {W42}
         GROUP BY DATE_TRUNC('day', timestamp) ORDER BY date DESC""",
     {"cost_tracking_wallet_address_timestamp_idx"}, False),
    ("M-Q5 cleanup of completed queue entries older than 7 days",
     "DELETE FROM memory.minting_queue WHERE status = 'completed' AND completed_at < NOW() - INTERVAL '7 days'",
     {"minting_queue_completed_at_idx"}, False),
    ("cleanup of failed queue entries older than 30 days (D-M8)",
     "DELETE FROM memory.minting_queue WHERE status = 'failed' AND failed_at < NOW() - INTERVAL '30 days'",
     {"minting_queue_failed_at_idx"}, False),
    ("active assets of one owner (view)",
     f"SELECT * FROM memory.active_assets WHERE owner_address = {W43}",
     {"assets_owner_address_created_at_idx"}, False),
    ("active assets: the grant count per asset",
     f"SELECT * FROM memory.active_assets WHERE owner_address = {W43}",
     {"access_grants_live_asset_grantee_key", "access_grants_asset_id_idx"}, False),
    ("statistics of one user (view): assets",
     f"SELECT * FROM memory.user_statistics WHERE owner_address = {W43}",
     {"assets_owner_address_created_at_idx"}, False),
    ("statistics of one user (view): batches",
     f"SELECT * FROM memory.user_statistics WHERE owner_address = {W43}",
     {"batches_owner_address_created_at_idx"}, False),
    ("statistics of one user (view): costs",
     f"SELECT * FROM memory.user_statistics WHERE owner_address = {W43}",
     {"cost_tracking_wallet_address_timestamp_idx"}, False),
    ("has_access: the asset",
     f"""SELECT EXISTS (SELECT 1 FROM memory.assets a WHERE a.asset_id = 'a4242' AND a.burned_at IS NULL
            AND (a.owner_address = {W42} OR EXISTS (SELECT 1 FROM memory.access_grants g WHERE g.asset_id = a.asset_id
                 AND g.grantee_address = {W42} AND g.revoked_at IS NULL
                 AND (g.expires_at IS NULL OR g.expires_at > now()) AND (g.max_access IS NULL OR g.current_access < g.max_access))))""",
     {"assets_pkey"}, False),
    ("has_access / consume_grant: the grant",
     f"""UPDATE memory.access_grants g SET current_access = g.current_access + 1
          WHERE g.asset_id = 'a4242' AND g.grantee_address = {W42} AND g.revoked_at IS NULL
            AND (g.expires_at IS NULL OR g.expires_at > now()) AND (g.max_access IS NULL OR g.current_access < g.max_access)""",
     {"access_grants_live_asset_grantee_key", "access_grants_asset_id_idx"}, False),
    ("claim_mint_requests: the dequeue",
     """SELECT q.id FROM memory.minting_queue AS q WHERE q.status = 'pending' AND q.next_attempt_at <= now()
         ORDER BY q.priority DESC, q.next_attempt_at, q.id LIMIT 10 FOR UPDATE SKIP LOCKED""",
     {"minting_queue_dequeue_idx"}, True),
    ("release_stale_claims",
     """UPDATE memory.minting_queue AS q SET status = 'pending', locked_by = NULL, locked_at = NULL
         WHERE q.status = 'processing' AND q.locked_at < now() - interval '15 minutes'""",
     {"minting_queue_stale_claims_idx"}, False),
    ("an asset's transfer history",
     "SELECT * FROM memory.transfers WHERE asset_id = 'a4242' ORDER BY transferred_at DESC",
     {"transfers_asset_id_transferred_at_idx"}, True),
    ("a wallet's received transfers, newest first, a page at a time",
     f"SELECT * FROM memory.transfers WHERE to_address = {W42} ORDER BY transferred_at DESC LIMIT 50",
     {"transfers_to_address_transferred_at_idx"}, True),
    ("an asset's versions, newest first",
     "SELECT * FROM memory.versions WHERE asset_id = 'a42' ORDER BY version_number DESC",
     {"versions_asset_id_version_number_key"}, False),
    ("a wallet's operation log, newest first",
     f"SELECT * FROM memory.audit_logs WHERE wallet_address = {W42} ORDER BY \"timestamp\" DESC LIMIT 20",
     {"audit_logs_wallet_address_timestamp_idx"}, False),
    ("a free Merkle tree",
     "SELECT tree_address FROM memory.merkle_trees WHERE status = 'active' ORDER BY utilization_percent LIMIT 1",
     {"merkle_trees_active_utilization_idx", "merkle_trees_status_idx"}, False),
]

# as end users: the RLS predicates are planned too
RLS_LOOKUPS = [
    ("M-Q1 through the owner policy",
     f"SELECT * FROM memory.assets WHERE owner_address = {W42} ORDER BY created_at DESC",
     {"assets_owner_address_created_at_idx"}),
    ("a user's batches through the policy", "SELECT * FROM memory.batches", {"batches_owner_address_created_at_idx"}),
    ("a user's queue entries through the policy", "SELECT request_id, status FROM memory.minting_queue",
     {"minting_queue_owner_address_created_at_idx"}),
    ("a user's costs through the policy", "SELECT * FROM memory.cost_tracking",
     {"cost_tracking_wallet_address_timestamp_idx"}),
    ("a user's grants through the policy", "SELECT * FROM memory.access_grants",
     {"access_grants_grantee_address_idx", "access_grants_grantor_address_idx"}),
]


def plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def index_name(node: dict) -> str | None:
    name = node.get("Index Name")
    return re.sub(r"^audit_logs_p[0-9]{4}_[0-9]{2}_", "audit_logs_", name) if name else None


def problems_of(plan: dict, indexes: set[str], no_sort: bool) -> list[str]:
    nodes = list(plan_nodes(plan))
    found = [f"Seq Scan on {n.get('Relation Name')}" for n in nodes
             if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in LARGE_TABLES]
    used = {index_name(n) for n in nodes} - {None}
    if not used & indexes:
        found.append(f"none of {sorted(indexes)} used (used: {sorted(used)})")
    if no_sort and any(n["Node Type"] in ("Sort", "Incremental Sort") for n in nodes):
        found.append("a Sort node (the index order should serve ORDER BY)")
    return found


@pytest.fixture(scope="module")
def filled(pg_server):
    """One filled clone for the module (filling takes a few seconds)."""
    import harness

    with harness.template_clone(pg_server) as db:
        with db.connect() as conn:
            conn.execute(FILL_SQL)
        yield db


def explain(conn, query: str) -> dict:
    return conn.execute("EXPLAIN (FORMAT JSON) " + query).fetchone()[0][0]["Plan"]


def test_lookups_are_index_served(filled):
    failures = []
    with filled.connect() as conn:
        for name, query, indexes, no_sort in LOOKUPS:
            with conn.transaction(force_rollback=True):
                failures += [f"{name}: {p}" for p in problems_of(explain(conn, query), indexes, no_sort)]
    assert not failures, "\n".join(failures)


def test_end_user_lookups_are_index_served_through_rls(filled):
    failures = []
    with filled.connect() as conn:
        wallet = conn.execute(f"SELECT {W42}").fetchone()[0]
        for name, query, indexes in RLS_LOOKUPS:
            with conn.transaction(force_rollback=True):
                conn.execute("SELECT set_config('role', 'chain_user', true), set_config('app.wallet', %s, true)", (wallet,))
                failures += [f"{name}: {p}" for p in problems_of(explain(conn, query), indexes, False)]
                assert conn.execute(query).fetchall() is not None
    assert not failures, "\n".join(failures)


def test_audit_log_cleanup_prunes_to_the_old_month(filled):
    """M-Q6: the seed's 90-day cleanup reads only the partitions it may delete from: the old month,
    and the DEFAULT partition (which may hold rows of any month)."""
    with filled.connect() as conn:
        with conn.transaction(force_rollback=True):
            conn.execute("SET LOCAL ROLE chain_owner")
            plan = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) DELETE FROM memory.audit_logs "
                                "WHERE timestamp < NOW() - INTERVAL '90 days'").fetchone()[0][0]["Plan"]
            scanned = {n["Relation Name"] for n in plan_nodes(plan)
                       if "Relation Name" in n and n.get("Actual Loops", 1) > 0 and n["Node Type"] != "ModifyTable"}
            assert scanned == {"audit_logs_p2000_01", "audit_logs_default"}, scanned   # DEFAULT may hold any month
            remaining_old = conn.execute("SELECT count(*) FROM memory.audit_logs_p2000_01").fetchone()[0]
            assert remaining_old == 0
        assert conn.execute("SELECT count(*) FROM memory.audit_logs WHERE timestamp >= date_trunc('month', now())"
                            ).fetchone()[0] == 20000


def test_fixture_uses_every_enum_value(deployed_db):
    """tools/chaindb/templates/seeds/40_memory.sql.j2 uses every value of every memory enum in some column of that type."""
    load_fixture(deployed_db)
    missing = []
    with deployed_db.connect() as conn:
        columns = conn.execute("""
            SELECT a.attrelid::regclass::text, a.attname, t.oid::regtype::text
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
             WHERE c.relnamespace = 'memory'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND t.typtype = 'e' AND a.attnum > 0 AND NOT a.attisdropped""").fetchall()
        enums = {r[0] for r in conn.execute(
            "SELECT oid::regtype::text FROM pg_type WHERE typnamespace = 'memory'::regnamespace AND typtype = 'e'")}
        assert enums and {c[2] for c in columns} == enums, "an enum of memory is used by no column"
        for enum in sorted(enums):
            labels = {r[0] for r in conn.execute("SELECT unnest(enum_range(NULL::" + enum + "))::text")}
            used = set()
            for table, column, typ in columns:
                if typ == enum:
                    used |= {r[0] for r in conn.execute(f'SELECT DISTINCT "{column}"::text FROM {table}')}
            missing += [f"{enum}: {label}" for label in sorted(labels - used)]
    assert not missing, "enum values the fixture never uses:\n" + "\n".join(missing)
