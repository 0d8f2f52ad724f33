"""The Construct's lookups are served by indexes: the large tables (blockchain.assets,
blockchain.transactions, blockchain.price_feeds, trading.orders, manufacturing.orders and
milestones, governance.proposals and votes) are filled with realistic volume in a clone of the
deployed template and ANALYZEd. Every endpoint lookup must scan none of them sequentially and
must use the index that serves it. The lookups that are functions (SQL functions with a pinned
search_path are not inlined, so EXPLAIN of the call shows only a Function Scan) are planned
through auto_explain with log_nested_statements: the plans checked are those of the statements
the functions really run.

Also here, because they need two sessions: concurrent milestone inserts cannot overshoot the
order total, and concurrent votes keep the tallies right.
"""

from __future__ import annotations

import re
import threading

import psycopg
import pytest

from lookup_plans import inner_plans, nested_plans, plan_nodes

LARGE_TABLES = {"assets", "transactions", "price_feeds", "orders", "milestones", "proposals", "votes"}

FILL_SQL = """
SET session_replication_role = replica;   -- bulk load: no audit/notify/tally triggers, no FK checks
INSERT INTO core.users (wallet_address)
SELECT '0x' || lpad(to_hex(g), 40, '0') FROM generate_series(1, 10000) AS g;
INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, description, specifications, total_supply)
SELECT u0 + g % 10000,
       (ARRAY['actuator','sensor','controller','power_system','end_effector','software'])[1 + g % 6]::blockchain.asset_type,
       (ARRAY['Servo','Lidar','Gripper','Controller','Battery','Planner','Camera','Joint'])[1 + g % 8] || ' model ' || g,
       'A' || g,
       'Robotics component number ' || g || ' ' || (ARRAY['torque','precision','outdoor','compact','modular'])[1 + g % 5],
       jsonb_build_object('voltage', 12 * (1 + g % 4), 'batch', g % 100), 1000 + g
  FROM generate_series(1, 60000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
INSERT INTO blockchain.transactions (tx_hash, block_number, from_address, to_address, asset_id, amount, fee, status,
                                     created_at, confirmed_at)
SELECT '0x' || lpad(to_hex(g), 64, '0'), 1000000 + g,
       '0x' || lpad(to_hex(1 + g % 10000), 40, '0'), '0x' || lpad(to_hex(1 + (g * 7) % 10000), 40, '0'),
       a0 + g % 60000, 1 + g % 50, 0.001, 'confirmed', now() - g * interval '10 seconds', now() - g * interval '10 seconds'
  FROM generate_series(1, 200000) AS g, (SELECT min(id) AS a0 FROM blockchain.assets) AS m;
-- 200 symbols x 1000 observations in the current month (its partition exists from deploy)
INSERT INTO blockchain.price_symbols (symbol) SELECT 'A' || s FROM generate_series(1, 200) AS s;
INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price)
SELECT 'A' || s, date_trunc('month', now()) + o * interval '1 second', 'chainlink', 10 + (o % 100) / 10.0
  FROM generate_series(1, 200) AS s, generate_series(1, 1000) AS o;
INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity, filled_quantity, status, created_at)
SELECT u0 + g % 10000, a0 + g % 500, CASE WHEN g % 2 = 0 THEN 'buy' ELSE 'sell' END::trading.order_side, 'limit',
       100 + (g % 40) * CASE WHEN g % 2 = 0 THEN -1 ELSE 1 END, 10,
       CASE WHEN g % 10 = 0 THEN 10 ELSE 0 END,
       CASE WHEN g % 10 = 0 THEN 'filled' WHEN g % 10 = 1 THEN 'cancelled' ELSE 'open' END::trading.order_status,
       now() - g * interval '1 minute'
  FROM generate_series(1, 200000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m,
       (SELECT min(id) AS a0 FROM blockchain.assets) AS n;
INSERT INTO manufacturing.orders (customer_id, manufacturer_id, title, quantity, total_amount, status)
SELECT u0 + g % 10000, u0 + (g + 1) % 10000, 'Order ' || g, 10, 1000, 'in_production'
  FROM generate_series(1, 20000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status, paid_at)
SELECT o.id, s, 'Step ' || s, 250, CASE WHEN s = 1 THEN 'paid' ELSE 'pending' END::manufacturing.milestone_status,
       CASE WHEN s = 1 THEN now() END
  FROM manufacturing.orders AS o, generate_series(1, 4) AS s;
INSERT INTO governance.proposals (proposer_id, title, description, status, voting_starts_at, voting_ends_at, quorum,
                                  executed_at)
SELECT u0 + g % 10000, 'Proposal ' || g, 'Text ' || g,
       CASE WHEN g % 100 = 0 THEN 'active' ELSE 'executed' END::governance.proposal_status,
       now() - (g % 100 + 1) * interval '1 day', now() - (g % 100) * interval '1 day' + interval '12 hours', 10,
       CASE WHEN g % 100 <> 0 THEN now() END
  FROM generate_series(1, 20000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m;
INSERT INTO governance.votes (proposal_id, voter_id, choice)
SELECT p0 + g % 20000, u0 + g / 20000 + (g % 7) * 1000, 'for'
  FROM generate_series(1, 100000) AS g, (SELECT min(id) AS u0 FROM core.users) AS m,
       (SELECT min(id) AS p0 FROM governance.proposals) AS n
ON CONFLICT DO NOTHING;
SET session_replication_role = origin;
ANALYZE core.users, blockchain.assets, blockchain.transactions, blockchain.price_symbols, blockchain.price_feeds,
        trading.orders, manufacturing.orders, manufacturing.milestones, governance.proposals, governance.votes;
"""

# (name, query; {user}, {asset}, {morder} placeholders, indexes one of which must serve it)
PLAIN_LOOKUPS = [
    ("asset by id (GET /api/assets/{id})",
     "SELECT * FROM blockchain.assets WHERE id = {asset}", {"assets_pkey"}),
    ("assets by type and issuer",
     "SELECT id FROM blockchain.assets WHERE asset_type = 'sensor' AND issuer_id = {user}",
     {"assets_asset_type_issuer_id_idx"}),
    ("assets by specification",
     "SELECT id FROM blockchain.assets WHERE specifications @> '{{\"batch\": 42, \"voltage\": 36}}'",
     {"assets_specifications_idx"}),
    ("transaction by hash (GET /api/blockchain/transactions/{hash})",
     "SELECT * FROM blockchain.transactions WHERE tx_hash = '0x' || lpad(to_hex(4242), 64, '0')",
     {"transactions_tx_hash_key"}),
    ("order by id (GET /api/trading/orders/{id})",
     "SELECT * FROM trading.orders WHERE id = 4242", {"orders_pkey"}),
    ("a user's orders, newest first",
     "SELECT * FROM trading.orders WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50",
     {"orders_user_id_created_at_idx"}),
    ("latest prices of every symbol (blockchain.latest_prices)",
     "SELECT * FROM blockchain.latest_prices", {"price_feeds_pkey"}),
    ("manufacturing order by id",
     "SELECT * FROM manufacturing.orders WHERE id = {morder}", {"orders_pkey"}),
    ("active proposals (GET /api/governance/proposals/active)",
     "SELECT * FROM governance.active_proposals", {"proposals_status_voting_ends_at_idx"}),
    ("proposal by id", "SELECT * FROM governance.proposals WHERE id = 4242", {"proposals_pkey"}),
]

# function calls: every statement the function runs must use one of the indexes
FUNCTION_LOOKUPS = [
    ("blockchain.search_assets (GET /api/assets/search)",
     "SELECT * FROM blockchain.search_assets('lidar precision', 'sensor')", {"assets_search_vector_idx"}),
    ("blockchain.address_history", "SELECT * FROM blockchain.address_history('0x' || lpad(to_hex(4242), 40, '0'), 20)",
     {"transactions_from_address_created_at_idx", "transactions_to_address_created_at_idx"}),
    ("blockchain.latest_price (GET /api/blockchain/prices/{symbol})",
     "SELECT * FROM blockchain.latest_price('A42')", {"price_feeds_pkey"}),
    ("trading.order_book (GET /api/trading/orderbook/{asset})",
     "SELECT * FROM trading.order_book({asset}, 10)", {"orders_open_book_idx"}),
    ("manufacturing.order_progress (GET /api/manufacturing/orders/{id}/progress)",
     "SELECT * FROM manufacturing.order_progress({morder})", {"orders_pkey", "milestones_order_id_sequence_no_key"}),
    ("core.user_stats (GET /api/users/{id}/stats)",
     "SELECT * FROM core.user_stats({user})",
     {"users_pkey", "orders_user_id_created_at_idx", "assets_issuer_id_idx", "votes_voter_id_idx",
      "proposals_proposer_id_idx"}),
]


def index_name(node: dict) -> str | None:
    """The index a node uses; a partition's index (price_feeds_p2026_11_pkey) counts as its
    parent's (price_feeds_pkey)."""
    name = node.get("Index Name")
    return re.sub(r"_p[0-9]{4}_[0-9]{2}_", "_", name) if name else None


def problems_of(plan: dict, indexes: set[str]) -> list[str]:
    """Sequential scans of large tables, and whether one of ``indexes`` is used."""
    nodes = list(plan_nodes(plan))
    found = [f"Seq Scan on {n.get('Relation Name')}" for n in nodes
             if n["Node Type"] == "Seq Scan"
             and (n.get("Relation Name") in LARGE_TABLES
                  or str(n.get("Relation Name", "")).startswith("price_feeds_p"))]
    used = {index_name(n) for n in nodes} - {None}
    if not used & indexes:
        found.append(f"none of {sorted(indexes)} used (used: {sorted(i for i in used if i)})")
    return found


@pytest.fixture
def filled(deployed_db):
    with deployed_db.connect() as conn:
        conn.execute(FILL_SQL)
        ids = conn.execute("""
            SELECT (SELECT min(id) + 4242 FROM core.users), (SELECT min(id) + 42 FROM blockchain.assets),
                   (SELECT min(id) + 42 FROM manufacturing.orders)""").fetchone()
    return deployed_db, dict(zip(("user", "asset", "morder"), ids))


def test_lookups_are_index_served(filled):
    """Plain queries by EXPLAIN, function lookups through auto_explain."""
    db, ids = filled
    failures = []
    with db.connect() as conn:
        for name, query, indexes in PLAIN_LOOKUPS:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + query.format(**ids)).fetchone()[0][0]["Plan"]
            failures += [f"{name}: {p}" for p in problems_of(plan, indexes)]
        failures += function_lookup_failures(conn, ids)
    assert not failures, "\n".join(failures)


def function_lookup_failures(conn, ids: dict) -> list[str]:
    """FUNCTION_LOOKUPS through auto_explain (nested statements reported as NOTICEs)."""
    failures: list[str] = []
    with nested_plans(conn) as plans:
        for name, query, indexes in FUNCTION_LOOKUPS:
            plans.clear()
            conn.execute(query.format(**ids)).fetchall()
            inner = inner_plans(plans)
            if not inner:
                failures.append(f"{name}: auto_explain reported no nested statement")
            for plan in inner:
                failures += [f"{name}: {p}" for p in problems_of(plan, indexes)
                             if not p.startswith("none of")]
            used = {index_name(n) for p in inner for n in plan_nodes(p)}
            if not used & indexes:
                failures.append(f"{name}: none of {sorted(indexes)} used")
    return failures


def test_concurrent_milestones_cannot_overshoot_the_total(deployed_db):
    """Two sessions each add a milestone that fits alone but not together: the trigger's lock
    on the order makes the second one see the first and fail with 23514."""
    with deployed_db.connect() as conn:
        user = conn.execute("INSERT INTO core.users (wallet_address) VALUES "
                            "('0x00000000000000000000000000000000000c0ffe') RETURNING id").fetchone()[0]
        order = conn.execute("INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) "
                             "VALUES (%s, 'race', 1, 100) RETURNING id", (user,)).fetchone()[0]
    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    try:
        first.execute("INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) "
                      "VALUES (%s, 1, 'a', 60)", (order,))
        outcome: dict[str, object] = {}

        def insert_second():
            try:
                second.execute("INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) "
                               "VALUES (%s, 2, 'b', 60)", (order,))
                second.commit()
                outcome["result"] = "committed"
            except psycopg.Error as exc:
                second.rollback()
                outcome["result"] = exc.sqlstate

        worker = threading.Thread(target=insert_second)
        worker.start()
        worker.join(1.0)
        assert worker.is_alive(), "the second insert did not wait for the first one's lock"
        first.commit()
        worker.join(10)
        assert outcome.get("result") == "23514"
    finally:
        first.close()
        second.close()
    with deployed_db.connect() as conn:
        total = conn.execute("SELECT sum(amount) FROM manufacturing.milestones WHERE order_id = %s",
                             (order,)).fetchone()[0]
    assert total == 60


def test_concurrent_votes_keep_the_tallies_right(deployed_db):
    """Eight sessions vote at once on one proposal: the tallies equal the votes."""
    with deployed_db.connect() as conn:
        voters = [r[0] for r in conn.execute(
            "INSERT INTO core.users (wallet_address) SELECT '0x' || lpad(to_hex(900000 + g), 40, '0') "
            "FROM generate_series(1, 8) AS g RETURNING id").fetchall()]
        proposal = conn.execute(
            "INSERT INTO governance.proposals (proposer_id, title, description, status, voting_starts_at, "
            "voting_ends_at, quorum) VALUES (%s, 'race', 'x', 'active', now() - interval '1 hour', "
            "now() + interval '1 hour', 1) RETURNING id", (voters[0],)).fetchone()[0]
    barrier = threading.Barrier(len(voters))
    errors: list[str] = []

    def vote(voter: int, choice: str) -> None:
        try:
            with deployed_db.connect() as conn:
                barrier.wait(10)
                conn.execute("INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) "
                             "VALUES (%s, %s, %s, 1.5)", (proposal, voter, choice))
        except Exception as exc:   # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=vote, args=(v, "for" if i % 2 else "against"))
               for i, v in enumerate(voters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    with deployed_db.connect() as conn:
        tallies = conn.execute("SELECT votes_for, votes_against, votes_abstain FROM governance.proposals "
                               "WHERE id = %s", (proposal,)).fetchone()
    assert [float(t) for t in tallies] == [6.0, 6.0, 0.0]
