"""The Construct's invariants under concurrency, on real connections (two at a time):

* governance: a proposal's tallies move only when a vote row really lands -- duplicate votes
  sent with ON CONFLICT DO NOTHING from two connections at once leave tally = the votes' weights;
* manufacturing: an order's total never drops under the sum of its milestones, whichever of a
  milestone insert and a total change commits first (both lock the order row).
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

VOTERS = 20


@pytest.fixture
def construct(deployed_db):
    with deployed_db.connect() as conn:
        conn.execute(
            "INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE "
            "SELECT g, '0x' || lpad(to_hex(g), 40, '0') FROM generate_series(1, %s) AS g", (VOTERS,))
        conn.execute(
            "INSERT INTO governance.proposals (id, proposer_id, title, description, status, "
            "voting_starts_at, voting_ends_at, quorum) OVERRIDING SYSTEM VALUE VALUES "
            "(1, 1, 'Fees', 'Lower fees', 'active', now() - interval '1 hour', now() + interval '1 day', 5)")
        conn.execute(
            "INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount) "
            "OVERRIDING SYSTEM VALUE VALUES (1, 1, 2, 'Grippers', 10, 100)")
        conn.execute(
            "INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (1, 1, 'Design', 70)")
    return deployed_db


def as_app(db) -> psycopg.Connection:
    conn = db.connect(autocommit=False)
    conn.execute("SET ROLE chain_app")
    conn.commit()
    return conn


def tallies(db) -> tuple:
    with db.connect() as conn:
        return conn.execute(
            "SELECT p.votes_for, p.votes_against, p.votes_abstain, "
            "       (SELECT coalesce(sum(weight) FILTER (WHERE choice = 'for'), 0) FROM governance.votes WHERE proposal_id = 1), "
            "       (SELECT coalesce(sum(weight) FILTER (WHERE choice = 'against'), 0) FROM governance.votes WHERE proposal_id = 1), "
            "       (SELECT coalesce(sum(weight) FILTER (WHERE choice = 'abstain'), 0) FROM governance.votes WHERE proposal_id = 1), "
            "       (SELECT count(*) FROM governance.votes WHERE proposal_id = 1) "
            "  FROM governance.proposals AS p WHERE p.id = 1").fetchone()


def run_together(*jobs):
    """Run the callables in threads released at the same instant; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def wrap(job):
        try:
            barrier.wait()
            job()
        except BaseException as exc:       # noqa: BLE001 -- reported below
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a connection is still waiting after 60 s"
    if errors:
        raise errors[0]


def test_duplicate_votes_from_two_connections_count_once(construct):
    a, b = as_app(construct), as_app(construct)
    try:
        def vote(conn, choice):
            def job():
                for voter in range(1, VOTERS + 1):
                    conn.execute("INSERT INTO governance.votes (proposal_id, voter_id, choice) "
                                 "VALUES (1, %s, %s) ON CONFLICT DO NOTHING", (voter, choice))
                    time.sleep(0.002)
                conn.commit()
            return job
        run_together(vote(a, "for"), vote(b, "against"))
        # and once more, every vote a duplicate, each in its own transaction
        def revote(conn):
            def job():
                for voter in range(1, VOTERS + 1):
                    conn.execute("INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, %s, 'abstain') "
                                 "ON CONFLICT (proposal_id, voter_id) DO NOTHING", (voter,))
                    conn.commit()
            return job
        run_together(revote(a), revote(b))
    finally:
        a.close()
        b.close()
    vfor, vagainst, vabstain, sfor, sagainst, sabstain, count = tallies(construct)
    assert count == VOTERS
    assert (vfor, vagainst, vabstain) == (sfor, sagainst, sabstain)
    assert vfor + vagainst + vabstain == VOTERS


def test_distinct_votes_from_two_connections_all_count(construct):
    a, b = as_app(construct), as_app(construct)
    try:
        def vote(conn, voters):
            def job():
                for voter in voters:
                    conn.execute("INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) "
                                 "VALUES (1, %s, 'for', 1.5)", (voter,))
                    conn.commit()
            return job
        run_together(vote(a, range(1, VOTERS + 1, 2)), vote(b, range(2, VOTERS + 1, 2)))
    finally:
        a.close()
        b.close()
    vfor, _, _, sfor, _, _, count = tallies(construct)
    assert count == VOTERS and vfor == sfor == 1.5 * VOTERS


def _blocked(db, pid: int) -> bool:
    with db.connect() as conn:
        return conn.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                            (pid,)).fetchone()[0]


@pytest.mark.parametrize("first", ["milestone", "total"])
def test_order_total_and_milestones_race(construct, first):
    """One transaction adds a 30 milestone (70 + 30 = 100, fits the total 100), the other lowers
    the total to 80 (fits the 70 already there): each is valid alone, together they break the
    invariant. Whichever holds the order row first wins; the other waits and then fails 23514."""
    milestone = "INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (1, 2, 'Build', 30)"
    total = "UPDATE manufacturing.orders SET total_amount = 80 WHERE id = 1"
    winner_sql, loser_sql = (milestone, total) if first == "milestone" else (total, milestone)
    winner, loser = as_app(construct), as_app(construct)
    outcome: dict = {}
    try:
        winner.execute(winner_sql)                  # holds the order row lock, not committed

        def lose():
            try:
                loser.execute(loser_sql)
                loser.commit()
                outcome["error"] = None
            except psycopg.Error as exc:
                loser.rollback()
                outcome["error"] = exc.sqlstate

        thread = threading.Thread(target=lose)
        thread.start()
        deadline = time.monotonic() + 10
        while not _blocked(construct, loser.info.backend_pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _blocked(construct, loser.info.backend_pid), "the second writer did not wait for the order row"
        winner.commit()
        thread.join(30)
    finally:
        winner.close()
        loser.close()
    assert outcome.get("error") == "23514"
    with construct.connect() as conn:
        total_amount, milestones = conn.execute(
            "SELECT o.total_amount, (SELECT sum(amount) FROM manufacturing.milestones WHERE order_id = o.id) "
            "FROM manufacturing.orders AS o WHERE o.id = 1").fetchone()
    assert milestones <= total_amount
