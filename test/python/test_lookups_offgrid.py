"""Off the Grid lookups are served by indexes: the large tables (education.progress,
education.practice_sessions, trading.grids, auth.sessions) are filled with realistic volume
in a clone of the deployed template, ANALYZEd, and the EXPLAIN (FORMAT JSON) plan of every
endpoint query must scan none of them sequentially and must use the index that serves it.
"""

from __future__ import annotations

import pytest

LARGE_TABLES = {"progress", "practice_sessions", "grids", "sessions"}

FILL_SQL = """
INSERT INTO core.users (wallet_address)
SELECT '0x' || lpad(to_hex(g), 40, '0') FROM generate_series(1, 20000) AS g;
INSERT INTO education.modules (slug, title, position, is_published)
SELECT 'lookup-module-' || g, 'Module ' || g, g, true FROM generate_series(1, 50) AS g;
-- 100k progress rows: 2,000 learners x 50 modules (locked/available: no unlock check needed)
INSERT INTO education.progress (user_id, module_id, status, attempts)
SELECT u.id, m.id, CASE WHEN (u.id + m.id) % 3 = 0 THEN 'locked' ELSE 'available' END::education.progress_status, 0
  FROM (SELECT id FROM core.users ORDER BY id LIMIT 2000) AS u CROSS JOIN education.modules AS m;
INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, status, started_at, ended_at,
                                         final_balance)
SELECT u0 + g % 20000, 'ERG/SigUSD', 1000, 'completed', now() - g * interval '1 minute',
       now() - g * interval '1 minute' + interval '30 minutes', 1000 + (g % 97) - 48
  FROM generate_series(1, 100000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, profit, status,
                           contract_address, tx_hash, created_at)
SELECT u0 + g % 20000, 'TK' || (g % 200) || '/SigUSD', 1, 2, 10, 100 + g % 900, (g % 41) - 20,
       CASE WHEN g % 50 = 0 THEN 'active' ELSE 'completed' END::trading.grid_status,
       '0x' || lpad(to_hex(g), 40, '0'), lpad(to_hex(g), 64, '0'), now() - g * interval '1 minute'
  FROM generate_series(1, 100000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
INSERT INTO auth.sessions (user_id, jti, token_hash, issued_at, expires_at, revoked_at)
SELECT u0 + g % 20000, 'jti-' || lpad(g::text, 8, '0'), sha256(convert_to('token-' || g, 'UTF8')),
       now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '1 day',
       CASE WHEN g % 10 = 0 THEN now() - g * interval '1 minute' + interval '1 hour' END
  FROM generate_series(1, 100000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
ANALYZE core.users, education.modules, education.progress, education.practice_sessions, trading.grids, auth.sessions;
"""

# (name, query with {user}/{module} placeholders, index that must serve it)
LOOKUPS = [
    ("a learner's progress (GET /education/progress)",
     "SELECT * FROM education.progress WHERE user_id = {user}", "progress_user_module_key"),
    ("one module's progress for a learner",
     "SELECT status, quiz_score FROM education.progress WHERE user_id = {user} AND module_id = {module}",
     "progress_user_module_key"),
    ("learners of a module by status",
     "SELECT user_id FROM education.progress WHERE module_id = {module} AND status = 'locked'",
     "progress_module_id_status_idx"),
    ("a learner's practice history, newest first",
     "SELECT * FROM education.practice_sessions WHERE user_id = {user} ORDER BY started_at DESC LIMIT 20",
     "practice_sessions_user_id_started_at_idx"),
    ("a trader's grids, newest first (GET /grids)",
     "SELECT * FROM trading.grids WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50",
     "grids_user_id_created_at_idx"),
    ("a grid by its creating transaction",
     "SELECT * FROM trading.grids WHERE tx_hash = lpad(to_hex(4242), 64, '0')", "grids_tx_hash_key"),
    ("active grids of a pair (profit refresher)",
     "SELECT id FROM trading.grids WHERE status = 'active' AND trading_pair = 'TK50/SigUSD'",
     "grids_active_trading_pair_idx"),
    ("grids of an on-chain contract",
     "SELECT id FROM trading.grids WHERE contract_address = '0x' || lpad(to_hex(4242), 40, '0')",
     "grids_contract_address_idx"),
    ("auth.is_session_valid (every request)",
     "SELECT auth_body.* FROM (SELECT 1 FROM auth.sessions AS s WHERE s.jti = 'jti-00004242'"
     " AND s.token_hash = sha256(convert_to('token-4242', 'UTF8')) AND s.revoked_at IS NULL"
     " AND s.expires_at > now()) AS auth_body", "sessions_jti_key"),
    ("a user's live sessions (revoke_all_sessions, device list)",
     "SELECT id FROM auth.sessions WHERE user_id = {user} AND expires_at > now() AND revoked_at IS NULL",
     "sessions_user_id_expires_at_idx"),
    ("education.user_summary of one user",
     "SELECT * FROM education.user_summary WHERE user_id = {user}", "progress_user_module_key"),
    ("trading.user_trading_summary of one user",
     "SELECT * FROM trading.user_trading_summary WHERE user_id = {user}", "grids_user_id_created_at_idx"),
]


def plan_nodes(node: dict):
    """Every node of an EXPLAIN (FORMAT JSON) plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


@pytest.fixture(scope="module")
def filled(pg_server):
    """One clone of the template, filled once for all lookups of this file."""
    import harness

    with harness.template_clone(pg_server) as db:
        with db.connect() as conn:
            conn.execute(FILL_SQL)
            user = conn.execute("SELECT min(user_id) + 7 FROM education.progress").fetchone()[0]
            module = conn.execute("SELECT min(id) + 3 FROM education.modules").fetchone()[0]
        yield db, {"user": user, "module": module}


@pytest.mark.parametrize("name, query, index", LOOKUPS, ids=[n for n, _q, _i in LOOKUPS])
def test_lookup_is_index_served(filled, name, query, index):
    db, params = filled
    with db.connect() as conn:
        plan = conn.execute("EXPLAIN (FORMAT JSON) " + query.format(**params)).fetchone()[0][0]["Plan"]
    nodes = list(plan_nodes(plan))
    seq = [n["Relation Name"] for n in nodes
           if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in LARGE_TABLES]
    assert not seq, f"{name}: sequential scan of {seq}"
    used = {n.get("Index Name") for n in nodes}
    assert index in used, f"{name}: expected {index}, plan used {sorted(filter(None, used))}"


def test_end_user_grid_list_is_index_served_under_rls(filled):
    """As chain_user the own-row policy adds its predicate; the plan must stay on the index."""
    db, params = filled
    with db.connect_for_tests() as conn, conn.transaction(force_rollback=True):
        conn.execute("SELECT tests.act_as(%s)", (params["user"],))
        plan = conn.execute("EXPLAIN (FORMAT JSON) SELECT * FROM trading.grids ORDER BY created_at DESC LIMIT 50"
                            ).fetchone()[0][0]["Plan"]
    nodes = list(plan_nodes(plan))
    assert not [n for n in nodes if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "grids"]
    assert "grids_user_id_created_at_idx" in {n.get("Index Name") for n in nodes}


def test_fill_reached_realistic_volume(filled):
    db, _params = filled
    with db.connect() as conn:
        counts = conn.execute("""SELECT (SELECT count(*) FROM education.progress),
                                        (SELECT count(*) FROM education.practice_sessions),
                                        (SELECT count(*) FROM trading.grids),
                                        (SELECT count(*) FROM auth.sessions)""").fetchone()
    assert all(c >= 100000 for c in counts), counts
