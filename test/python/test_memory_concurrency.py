"""Memory assets (schema memory) under concurrency, with real connections (pgTAP has one session):

* two connections racing for the last use of a grant: exactly one memory.consume_grant succeeds,
  the other gets 42501, and the counter stops at max_access;
* eight workers claiming from a queue of 10,000 requests with memory.claim_mint_requests
  (FOR UPDATE SKIP LOCKED): every request is claimed exactly once by a live worker and completed,
  none is lost; the claims of a worker that died are released by memory.release_stale_claims and
  claimed again;
* two concurrent memory.transfer_asset calls on one asset: one wins, the other fails with a clear
  42501 "does not own asset", and the history (transfers, audit entries, grants) is consistent;
* two concurrent memory.reserve_leaves on the last leaves of a tree: never past its capacity;
* the change feed (a second connection LISTENing on chaindb_changes) hears grant uses and
  transfers, and nothing of a rolled-back transfer.

Each race is run twice: once forced into the interleaving that matters (the first session holds
its row lock while the second is seen waiting on it in pg_locks), and once as a free race of
threads released together by a barrier.
"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

ANN = "Ann" + "1" * 41
BOB = "Bob" + "1" * 41
CYD = "Cyd" + "1" * 41
DEE = "Dee" + "1" * 41
SIG = "5" * 88


def act_as(conn, wallet: str | None, role: str = "chain_user") -> None:
    """The end user (or backend role) owning ``wallet``, for the current transaction."""
    conn.execute("SELECT set_config('role', %s, true), set_config('app.wallet', %s, true)",
                 (role, wallet or ""))


def seed_asset(conn, asset_id: str = "a-race", owner: str = ANN) -> None:
    conn.execute("""INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash,
                                               encryption_key_id, agent_id, memory_type)
                    VALUES (%s, %s, repeat('a', 43), repeat('0', 64), 'k', 'agent', 'episodic')""",
                 (asset_id, owner))


def wait_until_blocked(db, pid: int, timeout: float = 10.0) -> None:
    """Until backend ``pid`` waits for a lock (the interleaving under test really happened)."""
    with db.connect() as conn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if conn.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                            (pid,)).fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError(f"backend {pid} never waited for a lock")


def run_in_thread(target) -> tuple[threading.Thread, dict]:
    outcome: dict[str, object] = {}

    def wrapper():
        try:
            outcome["result"] = target()
        except psycopg.Error as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=wrapper)
    thread.start()
    return thread, outcome


# ----------------------------------------------------------------------------- grants

def test_race_for_the_last_use_of_a_grant_has_one_winner(deployed_db):
    with deployed_db.connect() as conn:
        seed_asset(conn)
        conn.execute("""INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access)
                        VALUES ('a-race', %s, %s, 2)""", (BOB, ANN))
        conn.execute("UPDATE memory.access_grants SET current_access = 1")   # one use left

    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    try:
        act_as(first, BOB)
        assert first.execute("SELECT memory.consume_grant('a-race')").fetchone()[0] == 0
        # the first holds the grant's row lock; the second, as the same grantee, must wait for it
        act_as(second, BOB)
        thread, outcome = run_in_thread(lambda: second.execute("SELECT memory.consume_grant('a-race')").fetchone())
        wait_until_blocked(deployed_db, second.info.backend_pid)
        first.commit()
        thread.join(10)
        assert "error" in outcome, f"the second session also used the grant: {outcome}"
        assert outcome["error"].sqlstate == "42501"
        assert "holds no usable grant" in str(outcome["error"])
        second.rollback()
    finally:
        first.close()
        second.close()
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT current_access FROM memory.access_grants").fetchone()[0] == 2
        assert not conn.execute("SELECT memory.has_access('a-race', %s)", (BOB,)).fetchone()[0]


def test_free_race_for_the_last_use_of_a_grant(deployed_db):
    """Ten rounds of two threads released together: exactly one success per round."""
    with deployed_db.connect() as conn:
        seed_asset(conn)
    for round_no in range(10):
        with deployed_db.connect() as conn:
            conn.execute("DELETE FROM memory.access_grants")
            conn.execute("""INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access)
                            VALUES ('a-race', %s, %s, 1)""", (BOB, ANN))
        barrier = threading.Barrier(2)
        results: list[str] = []

        def use():
            with deployed_db.connect(autocommit=False) as conn:
                act_as(conn, BOB)
                barrier.wait()
                try:
                    conn.execute("SELECT memory.consume_grant('a-race')")
                    conn.commit()
                    results.append("ok")
                except psycopg.Error as exc:
                    results.append(exc.sqlstate)

        threads = [threading.Thread(target=use) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        assert sorted(results) == ["42501", "ok"], f"round {round_no}: {results}"
        with deployed_db.connect() as conn:
            assert conn.execute("SELECT current_access FROM memory.access_grants").fetchone()[0] == 1


# ----------------------------------------------------------------------------- the queue

QUEUE_SIZE = 10_000
WORKERS = 8
BATCH = 50


def test_eight_workers_claim_every_request_exactly_once(deployed_db):
    with deployed_db.connect() as conn:
        seed_asset(conn, "a-minted")
        conn.execute("""INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, priority,
                                                          next_attempt_at)
                        SELECT 'req-' || g, %s, 'memory ' || g, 'agent',
                               (ARRAY['low', 'medium', 'high'])[1 + g %% 3]::memory.mint_priority,
                               now() - interval '1 hour' + g * interval '1 millisecond'
                          FROM generate_series(1, %s) AS g""", (ANN, QUEUE_SIZE))
        conn.execute("ANALYZE memory.minting_queue")

    claims: dict[str, list[int]] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(WORKERS)

    def worker(name: str, die_after_first_claim: bool = False) -> None:
        mine: list[int] = []
        with deployed_db.connect(autocommit=False) as conn:
            barrier.wait()
            while True:
                conn.execute("SET LOCAL ROLE chain_app")
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM memory.claim_mint_requests(%s, %s)", (name, BATCH)).fetchall()]
                conn.commit()                                    # the claim is taken
                if not ids:
                    break
                mine += ids
                if die_after_first_claim:
                    break                                        # crashed: claims never finished
                conn.execute("SET LOCAL ROLE chain_app")
                conn.execute("SELECT memory.complete_mint_request(i, 'a-minted', NULL, %s) FROM unnest(%s::bigint[]) AS i",
                             (name, ids))
                conn.commit()
        with lock:
            claims[name] = mine

    threads = [threading.Thread(target=worker, args=(f"w{i}", i == WORKERS - 1)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    dead = claims.pop(f"w{WORKERS - 1}")
    live = [i for ids in claims.values() for i in ids]
    assert len(dead) == BATCH
    assert len(live) == len(set(live)), "a request was claimed twice by live workers"
    assert not set(live) & set(dead), "a live worker took a request another worker held"
    assert len(live) + len(dead) == QUEUE_SIZE, "requests lost or invented"

    with deployed_db.connect() as conn:
        counts = dict(conn.execute("SELECT status::text, count(*) FROM memory.minting_queue GROUP BY 1").fetchall())
        assert counts == {"completed": QUEUE_SIZE - BATCH, "processing": BATCH}
        # the dead worker's claims: stale once old enough, released, claimed again and completed
        with conn.transaction():
            conn.execute("SET LOCAL ROLE chain_app")
            assert conn.execute("SELECT memory.release_stale_claims('15 minutes')").fetchone()[0] == 0
        conn.execute("UPDATE memory.minting_queue SET locked_at = locked_at - interval '1 hour' WHERE status = 'processing'")
        with conn.transaction():
            conn.execute("SET LOCAL ROLE chain_app")
            assert conn.execute("SELECT memory.release_stale_claims('15 minutes')").fetchone()[0] == BATCH
            again = [r[0] for r in conn.execute("SELECT id FROM memory.claim_mint_requests('w-rescue', %s)",
                                                (2 * BATCH,)).fetchall()]
            assert sorted(again) == sorted(dead)
            conn.execute("SELECT memory.complete_mint_request(i, 'a-minted', NULL, 'w-rescue') FROM unnest(%s::bigint[]) AS i",
                         (again,))
        assert conn.execute("SELECT count(*) FROM memory.minting_queue WHERE status = 'completed'").fetchone()[0] == QUEUE_SIZE
        # each request was claimed by one live worker, exactly as recorded
        by_worker = dict(conn.execute("SELECT id, processed_at IS NOT NULL FROM memory.minting_queue").fetchall())
        assert all(by_worker.values())


def test_skip_locked_never_waits_for_a_claim_in_flight(deployed_db):
    """A worker whose claim is not yet committed holds its rows; another claims the next ones
    at once instead of waiting, and a rolled-back claim puts the rows back."""
    with deployed_db.connect() as conn:
        conn.execute("""INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id)
                        SELECT 'r' || g, %s, 'm', 'a' FROM generate_series(1, 4) AS g""", (ANN,))
    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    try:
        first.execute("SET LOCAL ROLE chain_app")
        a = [r[0] for r in first.execute("SELECT request_id FROM memory.claim_mint_requests('w1', 2)").fetchall()]
        second.execute("SET LOCAL ROLE chain_app; SET LOCAL lock_timeout = '1s'")
        b = [r[0] for r in second.execute("SELECT request_id FROM memory.claim_mint_requests('w2', 10)").fetchall()]
        assert sorted(a + b) == ["r1", "r2", "r3", "r4"] and not set(a) & set(b)
        first.rollback()
        second.commit()
        second.execute("SET LOCAL ROLE chain_app")
        c = [r[0] for r in second.execute("SELECT request_id FROM memory.claim_mint_requests('w2', 10)").fetchall()]
        assert sorted(c) == sorted(a), "a rolled-back claim did not return its rows"
        second.commit()
    finally:
        first.close()
        second.close()


# ----------------------------------------------------------------------------- transfers

def test_two_concurrent_transfers_of_one_asset_one_wins(deployed_db):
    with deployed_db.connect() as conn:
        seed_asset(conn)
        conn.execute("""INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address)
                        VALUES ('a-race', %s, %s)""", (DEE, ANN))
    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    try:
        act_as(first, ANN)
        first.execute("SELECT memory.transfer_asset('a-race', %s, %s)", (BOB, "1" + SIG[1:]))
        act_as(second, ANN)
        thread, outcome = run_in_thread(lambda: second.execute(
            "SELECT memory.transfer_asset('a-race', %s, %s)", (CYD, "2" + SIG[1:])).fetchone())
        wait_until_blocked(deployed_db, second.info.backend_pid)
        first.commit()
        thread.join(10)
        assert "error" in outcome, f"both transfers succeeded: {outcome}"
        error = outcome["error"]
        assert error.sqlstate == "42501"
        assert error.diag.message_primary == f"memory.transfer_asset: wallet {ANN} does not own asset a-race"
        second.rollback()
    finally:
        first.close()
        second.close()
    assert_history_consistent(deployed_db, winner=BOB)


def test_free_race_of_transfers(deployed_db):
    """Five rounds of two owners' transfers released together: one wins each round."""
    owner = ANN
    with deployed_db.connect() as conn:
        seed_asset(conn)
    wallets = [ANN, BOB, CYD, DEE]
    for round_no in range(5):
        others = [w for w in wallets if w != owner]
        candidates = [others[round_no % 3], others[(round_no + 1) % 3]]
        barrier = threading.Barrier(2)
        results: dict[str, str] = {}

        def transfer(to: str, sig: str, current=owner):
            with deployed_db.connect(autocommit=False) as conn:
                act_as(conn, current)
                barrier.wait()
                try:
                    conn.execute("SELECT memory.transfer_asset('a-race', %s, %s)", (to, sig))
                    conn.commit()
                    results[to] = "ok"
                except psycopg.Error as exc:
                    results[to] = exc.sqlstate

        threads = [threading.Thread(target=transfer, args=(to, "ABCDE"[round_no] + "xy"[i] + SIG[2:]))
                   for i, to in enumerate(candidates)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        outcomes = sorted(results.values())
        assert outcomes.count("ok") == 1 and all(o in ("ok", "42501") for o in outcomes), f"round {round_no}: {results}"
        owner = next(to for to, o in results.items() if o == "ok")
    with deployed_db.connect() as conn:
        chain = conn.execute("SELECT from_address, to_address FROM memory.transfers ORDER BY id").fetchall()
        assert all(chain[i][1] == chain[i + 1][0] for i in range(len(chain) - 1)), "history is not a chain"
        assert chain[-1][1] == owner
        assert conn.execute("SELECT owner_address FROM memory.assets").fetchone()[0] == owner


def assert_history_consistent(db, winner: str) -> None:
    with db.connect() as conn:
        assert conn.execute("SELECT owner_address FROM memory.assets WHERE asset_id = 'a-race'").fetchone()[0] == winner
        transfers = conn.execute("SELECT from_address, to_address FROM memory.transfers").fetchall()
        assert transfers == [(ANN, winner)]
        logs = conn.execute("SELECT wallet_address, details ->> 'to' FROM memory.audit_logs "
                            "WHERE action = 'asset.transfer'").fetchall()
        assert logs == [(ANN, winner)]
        live = conn.execute("SELECT count(*) FROM memory.access_grants WHERE revoked_at IS NULL").fetchone()[0]
        assert live == 0, "the old owner's grant survived the transfer"


# ----------------------------------------------------------------------------- Merkle trees

def test_concurrent_reservations_never_pass_the_capacity(deployed_db):
    tree = "TreeR" + "1" * 35
    with deployed_db.connect() as conn:
        conn.execute("INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, current_size) "
                     "VALUES (%s, 3, 8, 5)", (tree,))                         # 3 leaves left
    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    try:
        first.execute("SET LOCAL ROLE chain_app")
        assert first.execute("SELECT memory.reserve_leaves(%s, 2)", (tree,)).fetchone()[0] == 5
        second.execute("SET LOCAL ROLE chain_app")
        thread, outcome = run_in_thread(lambda: second.execute("SELECT memory.reserve_leaves(%s, 2)", (tree,)).fetchone())
        wait_until_blocked(deployed_db, second.info.backend_pid)
        first.commit()
        thread.join(10)
        assert outcome["error"].sqlstate == "55000"
        second.rollback()
        second.execute("SET LOCAL ROLE chain_app")
        assert second.execute("SELECT memory.reserve_leaves(%s, 1)", (tree,)).fetchone()[0] == 7
        second.commit()
    finally:
        first.close()
        second.close()
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT current_size, status::text FROM memory.merkle_trees").fetchone() == (8, "full")


# ----------------------------------------------------------------------------- change feed

def test_transfer_and_grant_use_reach_the_change_feed(deployed_db):
    """A cache LISTENing on chaindb_changes hears the asset move and the grant change of one
    transfer, and the use counted by consume_grant; nothing for a rolled-back transfer."""
    import json

    with deployed_db.connect() as writer, deployed_db.connect() as listener:
        seed_asset(writer)
        grant_id = writer.execute("""INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address)
                                     VALUES ('a-race', %s, %s) RETURNING id""", (BOB, ANN)).fetchone()[0]
        listener.execute("LISTEN chaindb_changes")

        def heard(timeout: float = 2.0) -> list[tuple]:
            return [(p["table"], p["op"], p["pk"]) for p in
                    (json.loads(n.payload) for n in listener.notifies(timeout=timeout) if n.channel == "chaindb_changes")]

        with writer.transaction():
            act_as(writer, BOB)
            writer.execute("SELECT memory.consume_grant('a-race')")
        assert heard() == [("access_grants", "UPDATE", {"id": grant_id})]
        with writer.transaction():
            act_as(writer, ANN)
            writer.execute("SELECT memory.transfer_asset('a-race', %s, %s)", (CYD, SIG))
        assert sorted(heard()) == [("access_grants", "UPDATE", {"id": grant_id}),
                                   ("assets", "UPDATE", {"asset_id": "a-race"})]
        with writer.transaction(force_rollback=True):
            act_as(writer, CYD)
            writer.execute("SELECT memory.transfer_asset('a-race', %s, %s)", (DEE, "6" + SIG[1:]))
        assert heard(timeout=0.5) == []
