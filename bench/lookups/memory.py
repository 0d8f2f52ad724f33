"""Lookups of Memory assets (seed 001): the scale profile of schema memory alone (it needs no other
schema).  At --scale 200 memory.access_grants holds 1M rows and memory.assets 500k.  Every usage and
maintenance query of the seed (M-Q1..M-Q11, as test/python/test_lookups_memory.py checks them), the
memory functions as they run (has_access, consume_grant, the queue's claim_mint_requests and
release_stale_claims) and the everyday reads (asset by id, a wallet's grants, transfers, versions,
operation log).  chain_user acts as a scale wallet that owns assets and holds a usable grant
(app.wallet, what memory's policies read through core.current_wallet()).

The lookups that write (the retention deletes, consume_grant, claim, release) run through
pg_temp.rolled_back(), made by ids(): it EXECUTEs the statement in a subtransaction and rolls it
back, so the runner's 5 runs see the same data (one autocommit connection) while auto_explain
still shows the plans of the statements as the functions run them."""

TITLE = "Lookups at scale (Memory assets)"
SEEDS = ["memory"]
SCALE = 200
IDENTITY = "app.wallet of a scale wallet that owns assets and holds a usable grant"

NOTES = """
Every lookup is index-served at 1M grants and 500k assets, as chain_app and as chain_user through
RLS; chain_user's plans add the probes of assets_select_granted (a grantee sees an asset while its
grant is usable: access_grants_live_asset_grantee_key, access_grants_live_grantee_expires_at_idx).
The writes (the retention deletes, consume_grant, claim, release) ran inside pg_temp.rolled_back(),
so each of the 5 runs saw the same rows. No access by design: chain_user runs neither the workers'
queue functions nor the retention deletes; the operation log is append-only (its 90-day cleanup
runs as chain_owner: test_lookups_memory checks that it reaches only the old months and the DEFAULT
partition); REINDEX is the owner's; pg_stat_statements is diag's, for chain_monitor. VACUUM ANALYZE
(the seed's maintenance) is not listed: it returns no rows to time, and as these roles it only
warns. `Seq Scan state_transitions` is the state-machine trigger reading the small transition
table; `Seq Scan audit_logs_p2027_0x` and `audit_logs_default` are the empty months ahead and the
empty DEFAULT partition. release_stale_claims re-queues the seed's 4,000 stale claims (two in three
of the 6,000 claims in flight are older than 15 minutes) in one UPDATE, under 0.2 ms a row for the
state-machine and updated_at triggers; in steady state it finds a few. Times are medians of 5 runs
on 2 shared cores: read the plans, not the milliseconds.
"""

# (name, query) with placeholders filled from the seeded ids
LOOKUPS = [
    # the seed's usage queries
    ("M-Q1 a wallet's assets, newest first",
     "SELECT * FROM memory.assets WHERE owner_address = '{wallet}' ORDER BY created_at DESC"),
    ("M-Q2 batch statistics of the last 30 days",
     "SELECT * FROM memory.batch_statistics WHERE date >= CURRENT_DATE - INTERVAL '30 days'"),
    ("M-Q3 a grantee's active grants with the owner",
     "SELECT ag.*, ma.owner_address FROM memory.access_grants ag JOIN memory.assets ma ON ag.asset_id = ma.asset_id"
     " WHERE ag.grantee_address = '{wallet}' AND ag.revoked_at IS NULL AND (ag.expires_at IS NULL OR ag.expires_at > NOW())"),
    ("M-Q4 cost per day of one wallet",
     "SELECT DATE_TRUNC('day', timestamp) as date, COUNT(*) as operations, SUM(total_cost_lamports) as total_cost,"
     " AVG(total_cost_lamports) as avg_cost FROM memory.cost_tracking WHERE wallet_address = '{wallet}'"
     " GROUP BY DATE_TRUNC('day', timestamp) ORDER BY date DESC"),
    # the seed's maintenance queries
    ("M-Q5 delete completed queue entries older than 7 days (rolled back)",
     "SELECT pg_temp.rolled_back($q$DELETE FROM memory.minting_queue"
     " WHERE status = 'completed' AND completed_at < NOW() - INTERVAL '7 days'$q$)"),
    ("delete failed queue entries older than 30 days (D-M8, rolled back)",
     "SELECT pg_temp.rolled_back($q$DELETE FROM memory.minting_queue"
     " WHERE status = 'failed' AND failed_at < NOW() - INTERVAL '30 days'$q$)"),
    ("M-Q6 delete operation log entries older than 90 days (rolled back)",
     "SELECT pg_temp.rolled_back($q$DELETE FROM memory.audit_logs WHERE timestamp < NOW() - INTERVAL '90 days'$q$)"),
    ("M-Q7 index usage, least used first",
     "SELECT schemaname, relname AS tablename, indexrelname AS indexname, idx_scan, idx_tup_read, idx_tup_fetch"
     " FROM pg_stat_user_indexes WHERE schemaname = 'memory' ORDER BY idx_scan ASC"),
    ("M-Q8 REINDEX TABLE memory.assets (the owner's maintenance)", "REINDEX TABLE memory.assets"),
    ("M-Q9 table sizes, biggest first",
     "SELECT schemaname, tablename, pg_size_pretty(pg_total_relation_size(schemaname || '.' || tablename)) AS size"
     " FROM pg_tables WHERE schemaname = 'memory'"
     " ORDER BY pg_total_relation_size(schemaname || '.' || tablename) DESC"),
    ("M-Q10 slowest statements",
     "SELECT query, calls, total_exec_time, mean_exec_time, max_exec_time FROM {pgss}.pg_stat_statements"
     " ORDER BY mean_exec_time DESC LIMIT 10"),
    ("M-Q11 connection count", "SELECT count(*) FROM pg_stat_activity"),
    # the views of the seed
    ("active assets of one owner (view)", "SELECT * FROM memory.active_assets WHERE owner_address = '{wallet}'"),
    ("statistics of one wallet (view)", "SELECT * FROM memory.user_statistics WHERE owner_address = '{wallet}'"),
    # the functions, as they run
    ("asset by id", "SELECT * FROM memory.assets WHERE asset_id = '{asset}'"),
    ("has_access (owner or usable grant)", "SELECT memory.has_access('{asset}', '{wallet}')"),
    ("consume_grant: one use counted (rolled back)",
     "SELECT pg_temp.rolled_back($q$SELECT memory.consume_grant('{asset}', '{wallet}')$q$)"),
    ("claim_mint_requests: a worker claims 10 (rolled back)",
     "SELECT pg_temp.rolled_back($q$SELECT * FROM memory.claim_mint_requests('bench-worker', 10)$q$)"),
    ("release_stale_claims (rolled back)",
     "SELECT pg_temp.rolled_back($q$SELECT memory.release_stale_claims()$q$)"),
    ("a free Merkle tree",
     "SELECT tree_address FROM memory.merkle_trees WHERE status = 'active' ORDER BY utilization_percent LIMIT 1"),
    # a wallet's rows
    ("grants received by a wallet", "SELECT * FROM memory.access_grants WHERE grantee_address = '{wallet}'"),
    ("grants given by a wallet", "SELECT * FROM memory.access_grants WHERE grantor_address = '{wallet}'"),
    ("a wallet's batches, newest first",
     "SELECT * FROM memory.batches WHERE owner_address = '{wallet}' ORDER BY created_at DESC"),
    ("a wallet's queue entries", "SELECT request_id, status FROM memory.minting_queue WHERE owner_address = '{wallet}'"),
    ("a wallet's received transfers, newest first",
     "SELECT * FROM memory.transfers WHERE to_address = '{wallet}' ORDER BY transferred_at DESC LIMIT 50"),
    ("a wallet's operation log, newest first",
     "SELECT * FROM memory.audit_logs WHERE wallet_address = '{wallet}' ORDER BY \"timestamp\" DESC LIMIT 20"),
    ("an asset's transfer history", "SELECT * FROM memory.transfers WHERE asset_id = '{moved}' ORDER BY transferred_at DESC"),
    ("an asset's versions, newest first",
     "SELECT * FROM memory.versions WHERE asset_id = '{versioned}' ORDER BY version_number DESC"),
]

# Runs a writing statement in a subtransaction and undoes it (the runner's connection is in
# autocommit, and the 5 runs must find the same rows); returns the rows it touched.
ROLLED_BACK = """
CREATE FUNCTION pg_temp.rolled_back(p_sql text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_rows bigint;
BEGIN
    BEGIN
        EXECUTE p_sql;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        RAISE SQLSTATE 'CDBRB';
    EXCEPTION WHEN SQLSTATE 'CDBRB' THEN
        RETURN v_rows;
    END;
END
$$"""


def ids(conn) -> dict:
    conn.execute(ROLLED_BACK)
    # the 43rd unlimited, unexpiring live grant: its grantee (who also owns assets) and asset
    wallet, asset = conn.execute("""
        SELECT grantee_address, asset_id FROM memory.access_grants
         WHERE revoked_at IS NULL AND expires_at IS NULL AND max_access IS NULL AND asset_id LIKE 'scale-a%'
         ORDER BY id OFFSET 42 LIMIT 1""").fetchone()
    moved = conn.execute("SELECT asset_id FROM memory.transfers WHERE metadata ->> 'hop' = '2' "
                         "ORDER BY id OFFSET 42 LIMIT 1").fetchone()[0]
    versioned = conn.execute("SELECT asset_id FROM memory.versions WHERE version_number = 3 "
                             "ORDER BY id OFFSET 42 LIMIT 1").fetchone()[0]
    pgss = conn.execute("SELECT extnamespace::regnamespace::text FROM pg_extension "
                        "WHERE extname = 'pg_stat_statements'").fetchone()
    return {"wallet": wallet, "asset": asset, "moved": moved, "versioned": versioned,
            "pgss": pgss[0] if pgss else "public"}


def as_user(conn, values: dict) -> None:
    """The identity chain_user acts as: memory's policies read app.wallet."""
    conn.execute("SELECT set_config('app.wallet', %s, false)", (values["wallet"],))
