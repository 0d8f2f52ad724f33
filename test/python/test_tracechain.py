"""TraceChain V2 (seed 002) with real connections: the development fixture, the concurrency
rules that need two sessions, and the index-served lookups of checklist §3.9.

* the dev profile of tools/chaindb/templates/seeds/50_tracechain.sql.j2 loads twice without change and uses every value of
  every TraceChain enum (and every core.user_tier);
* concurrent checkpoints on one product: the traceability chain stays 1..n without gaps or
  duplicates, in time order, whatever the interleaving (late inserts included); a second writer
  of the same product waits for the first one's chain lock;
* two redemptions of one certificate code: exactly one succeeds, the other fails with P0002;
* every lookup of §3.9 (T-L1..T-L14 and the RLS predicates) is served by its index on a filled
  clone (plain queries by EXPLAIN, the functions' own statements through auto_explain, as in
  test_lookups_construct.py).
"""

from __future__ import annotations

import random
import re
import threading
from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from conftest import REPO

from lookup_plans import inner_plans, nested_plans, plan_nodes

FIXTURE = REPO / "tools" / "chaindb" / "templates" / "seeds" / "50_tracechain.sql.j2"

# every enum of ours the TraceChain fixture must cover, with the columns that use it
ENUMS = ["trace.product_type", "trace.checkpoint_status", "trace.stakeholder_role", "token.transaction_status",
         "token.transaction_type", "token.pool_type", "compliance.standard_category",
         "compliance.compliance_status", "nft.certificate_type", "core.user_tier"]


def load_fixture(db) -> None:
    """The template's dev profile, rendered as `chaindb seed` renders it."""
    from chaindb import seed
    from chaindb.script import run_text

    source = next(s for s in seed.template_sources(REPO) if s.stem == FIXTURE.name.removesuffix(".sql.j2"))
    with db.connect() as conn:
        run_text(conn, seed.render_source(source, "dev").sql, name=source.display)


def test_fixture_loads_twice_and_uses_every_enum_value(deployed_db):
    load_fixture(deployed_db)
    with deployed_db.connect() as conn:
        counts = conn.execute("SELECT (SELECT count(*) FROM trace.products), (SELECT count(*) FROM trace.checkpoints),"
                              " (SELECT count(*) FROM nft.certificate_codes)").fetchone()
    load_fixture(deployed_db)
    missing = []
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT (SELECT count(*) FROM trace.products), (SELECT count(*) FROM trace.checkpoints),"
                            " (SELECT count(*) FROM nft.certificate_codes)").fetchone() == counts
        for enum in ENUMS:
            columns = conn.execute("""
                SELECT c.oid::regclass::text, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                 WHERE a.atttypid = %s::regtype AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                   AND c.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')""",
                                   (enum,)).fetchall()
            assert columns, f"no column uses {enum}"
            used = set()
            for table, column in columns:
                used |= {r[0] for r in conn.execute(f'SELECT DISTINCT "{column}"::text FROM {table}').fetchall()}
            labels = {r[0] for r in conn.execute(f"SELECT unnest(enum_range(NULL::{enum}))::text").fetchall()}
            if labels - used:
                missing.append(f"{enum}: {sorted(labels - used)}")
        # the late QA checkpoint of the aspirin is step 2 of its chain
        chain = conn.execute("SELECT sequence_order, status::text FROM trace.get_product_trace_chain(9001)").fetchall()
    assert not missing, "enum values the fixture never uses:\n" + "\n".join(missing)
    assert [s for _, s in chain][:3] == ["manufactured", "quality_checked", "packaged"]
    assert [n for n, _ in chain] == list(range(1, 11))


def _product_with_stakeholders(db, n_stakeholders: int) -> tuple[int, list[int]]:
    """A product of a fresh manufacturer and n stakeholders (the manufacturer's included)."""
    with db.connect() as conn:
        users = [r[0] for r in conn.execute(
            "INSERT INTO core.users (wallet_address) SELECT '0x' || lpad(to_hex(770000 + g), 40, '0') "
            "FROM generate_series(1, %s) AS g RETURNING id", (n_stakeholders,)).fetchall()]
        conn.execute("INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number,"
                     " manufacture_date) VALUES (4242, 'Race', 'other', %s, 'R-1', '2026-01-01')", (users[0],))
        conn.execute("INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) "
                     "SELECT 4242, u, 'logistics', %s FROM unnest(%s::bigint[]) AS u", (users[0], users[1:]))
        stakeholders = [r[0] for r in conn.execute(
            "SELECT id FROM trace.stakeholders WHERE product_id = 4242 ORDER BY id").fetchall()]
    return 4242, stakeholders


def _assert_chain_is_exact(db, product: int, expected: int) -> None:
    with db.connect() as conn:
        chain = conn.execute("""
            SELECT t.sequence_order, t.checkpoint_id, t.from_location, t.duration_hours
              FROM trace.traceability_chain t WHERE t.product_id = %s ORDER BY t.sequence_order""",
                             (product,)).fetchall()
        ordered = conn.execute("""
            SELECT id, location, "timestamp" FROM trace.checkpoints WHERE product_id = %s
             ORDER BY "timestamp", checkpoint_index, id""", (product,)).fetchall()
        indexes = [r[0] for r in conn.execute(
            "SELECT checkpoint_index FROM trace.checkpoints WHERE product_id = %s ORDER BY 1", (product,)).fetchall()]
    assert len(ordered) == expected
    assert [r[0] for r in chain] == list(range(1, expected + 1)), "sequence_order has gaps or duplicates"
    assert [r[1] for r in chain] == [r[0] for r in ordered], "chain not in time order"
    assert [r[2] for r in chain] == [None] + [r[1] for r in ordered[:-1]], "from_location is not the previous step's"
    assert chain[0][3] is None and all(r[3] is not None and r[3] >= 0 for r in chain[1:])
    assert indexes == list(range(expected)), "checkpoint_index has gaps or duplicates"


def test_concurrent_checkpoints_keep_the_chain_gap_free(deployed_db):
    """Eight sessions insert 20 checkpoints each on one product, at random times (most of them
    late inserts that sort before existing steps), without giving checkpoint_index."""
    product, stakeholders = _product_with_stakeholders(deployed_db, 8)
    base = datetime(2026, 3, 1, tzinfo=timezone.utc)
    barrier = threading.Barrier(len(stakeholders))
    errors: list[str] = []

    def writer(n: int, stakeholder: int) -> None:
        rnd = random.Random(n)
        try:
            with deployed_db.connect() as conn:
                barrier.wait(10)
                for i in range(20):
                    ts = base + timedelta(minutes=rnd.randrange(0, 100000))
                    conn.execute("INSERT INTO trace.checkpoints (product_id, \"timestamp\", location, stakeholder_id, status)"
                                 " VALUES (%s, %s, %s, %s, 'in_transit')", (product, ts, f"w{n}-{i}", stakeholder))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(f"writer {n}: {exc}")

    threads = [threading.Thread(target=writer, args=(n, s)) for n, s in enumerate(stakeholders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, "\n".join(errors)
    _assert_chain_is_exact(deployed_db, product, 8 * 20)

    # and concurrent updates and deletes of the same product's checkpoints keep it exact too
    barrier2 = threading.Barrier(4)

    def mutator(n: int) -> None:
        try:
            with deployed_db.connect() as conn:
                barrier2.wait(10)
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM trace.checkpoints WHERE product_id = %s AND location LIKE %s ORDER BY id",
                    (product, f"w{n}-%")).fetchall()]
                for i, cid in enumerate(ids[:10]):
                    if i % 2:
                        conn.execute("DELETE FROM trace.checkpoints WHERE id = %s", (cid,))
                    else:
                        conn.execute("UPDATE trace.checkpoints SET \"timestamp\" = \"timestamp\" - interval '40 days'"
                                     " WHERE id = %s", (cid,))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"mutator {n}: {exc}")

    threads = [threading.Thread(target=mutator, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, "\n".join(errors)
    with deployed_db.connect() as conn:
        left = conn.execute("SELECT count(*) FROM trace.checkpoints WHERE product_id = %s", (product,)).fetchone()[0]
        chain = conn.execute("SELECT array_agg(sequence_order ORDER BY sequence_order), "
                             "bool_and(duration_hours >= 0 OR sequence_order = 1) "
                             "FROM trace.traceability_chain WHERE product_id = %s", (product,)).fetchone()
    assert left == 160 - 4 * 5
    assert chain == (list(range(1, left + 1)), True)


def test_a_second_checkpoint_writer_waits_for_the_first(deployed_db):
    """Session A inserts a checkpoint and keeps its transaction open; session B's insert on the same
    product waits for A's chain lock, then appends after A's step (not a second step 1)."""
    product, (s0, s1) = _product_with_stakeholders(deployed_db, 2)
    first = deployed_db.connect(autocommit=False)
    second = deployed_db.connect(autocommit=False)
    outcome: dict[str, object] = {}
    try:
        first.execute("INSERT INTO trace.checkpoints (product_id, \"timestamp\", location, stakeholder_id, status)"
                      " VALUES (%s, '2026-03-02', 'A', %s, 'shipped')", (product, s0))

        def insert_second():
            try:
                second.execute("INSERT INTO trace.checkpoints (product_id, \"timestamp\", location, stakeholder_id, status)"
                               " VALUES (%s, '2026-03-01', 'B', %s, 'manufactured')", (product, s1))
                second.commit()
                outcome["result"] = "committed"
            except psycopg.Error as exc:
                second.rollback()
                outcome["result"] = exc.sqlstate

        worker = threading.Thread(target=insert_second)
        worker.start()
        worker.join(1.0)
        assert worker.is_alive(), "the second writer did not wait for the product's chain lock"
        with deployed_db.connect() as conn:
            waiting = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                   "AND wait_event = 'advisory' AND datname = current_database()").fetchone()[0]
        assert waiting == 1
        first.commit()
        worker.join(10)
        assert outcome.get("result") == "committed"
    finally:
        first.close()
        second.close()
    _assert_chain_is_exact(deployed_db, product, 2)
    with deployed_db.connect() as conn:
        locations = [r[0] for r in conn.execute(
            "SELECT location FROM trace.get_product_trace_chain(%s)", (product,)).fetchall()]
    assert locations == ["B", "A"], "the late checkpoint B (earlier timestamp) must come first"


def _certificate_with_codes(db, codes: list[str]) -> int:
    with db.connect() as conn:
        user = conn.execute("INSERT INTO core.users (wallet_address) VALUES "
                            "('0x00000000000000000000000000000000000c0de5') RETURNING id").fetchone()[0]
        conn.execute("INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number,"
                     " manufacture_date) VALUES (5151, 'Bag', 'luxury', %s, 'L-1', now())", (user,))
        cert = conn.execute("INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri)"
                            " VALUES (5151, 5151, %s, 'authenticity', 'ipfs://bag') RETURNING id", (user,)).fetchone()[0]
        for code in codes:
            conn.execute("SELECT nft.add_certificate_code(%s, %s)", (cert, code))
    return cert


def test_two_redemptions_of_one_code_exactly_one_succeeds(deployed_db):
    """For each of 15 codes, two sessions redeem it at the same moment (as chain_user through the
    documented identity path): exactly one gets the certificate id, the other P0002."""
    codes = [f"RACE-CODE-{n:04d}" for n in range(15)]
    cert = _certificate_with_codes(deployed_db, codes)
    with deployed_db.connect() as conn:
        users = [r[0] for r in conn.execute(
            "INSERT INTO core.users (wallet_address) VALUES ('0x00000000000000000000000000000000000c0de6'),"
            " ('0x00000000000000000000000000000000000c0de7') RETURNING id").fetchall()]
    failures = []
    for code in codes:
        barrier = threading.Barrier(2)
        results: dict[int, object] = {}

        def redeem(user: int) -> None:
            with deployed_db.connect(autocommit=False) as conn:
                conn.execute("SELECT set_config('role', 'chain_user', true), set_config('app.user_id', %s, true)",
                             (str(user),))
                barrier.wait(10)
                try:
                    results[user] = conn.execute("SELECT nft.redeem_certificate_code(%s)", (code,)).fetchone()[0]
                    conn.commit()
                except psycopg.Error as exc:
                    conn.rollback()
                    results[user] = exc.sqlstate

        threads = [threading.Thread(target=redeem, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        if sorted(map(str, results.values())) != sorted([str(cert), "P0002"]):
            failures.append(f"{code}: {results}")
    assert not failures, "\n".join(failures)
    with deployed_db.connect() as conn:
        used = conn.execute("SELECT count(*), count(DISTINCT used_by) FROM nft.certificate_codes WHERE is_used").fetchone()
    assert used[0] == len(codes) and used[1] >= 1


def test_a_redemption_waits_for_a_concurrent_one_and_then_fails(deployed_db):
    """Deterministic interleaving: A redeems and keeps its transaction open; B's redemption of the
    same code waits for A's row lock; A commits; B re-checks the committed row and fails (P0002).
    Had A rolled back, B would have succeeded: the code is single use, not lost."""
    _certificate_with_codes(deployed_db, ["WAIT-CODE-0001", "WAIT-CODE-0002"])
    for finish, expected in (("commit", "P0002"), ("rollback", "ok")):
        code = "WAIT-CODE-0001" if finish == "commit" else "WAIT-CODE-0002"
        first = deployed_db.connect(autocommit=False)
        second = deployed_db.connect(autocommit=False)
        outcome: dict[str, object] = {}
        try:
            first.execute("SELECT nft.redeem_certificate_code(%s)", (code,))

            def redeem_second():
                try:
                    second.execute("SELECT nft.redeem_certificate_code(%s)", (code,))
                    second.commit()
                    outcome["result"] = "ok"
                except psycopg.Error as exc:
                    second.rollback()
                    outcome["result"] = exc.sqlstate

            worker = threading.Thread(target=redeem_second)
            worker.start()
            worker.join(1.0)
            assert worker.is_alive(), "the second redemption did not wait for the first"
            getattr(first, finish)()
            worker.join(10)
            assert outcome.get("result") == expected, (finish, outcome)
        finally:
            first.close()
            second.close()


# --- index-served lookups (checklist §3.9) -------------------------------------------------

FILL_SQL = """
SET session_replication_role = replica;   -- bulk load: no triggers (the chain is built below), no FK checks
INSERT INTO core.users (wallet_address) SELECT '0x' || lpad(to_hex(g), 40, '0') FROM generate_series(1, 5000) AS g;
CREATE TEMP TABLE u0 AS SELECT min(id) AS u0 FROM core.users;
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, is_active,
                            deactivated_at, created_at)
SELECT g, (ARRAY['Aspirin', 'Coffee', 'Handbag', 'Sensor', 'Shirt'])[1 + g % 5] || ' lot ' || g,
       CASE WHEN g % 100 = 0 THEN 'luxury' ELSE (ARRAY['pharmaceutical', 'electronics', 'food', 'clothing', 'cosmetics',
            'automotive', 'agricultural', 'other'])[1 + g % 8] END::trace.product_type, u0 + g % 5000, 'B-' || g, now() - interval '1 year',
       g % 10 <> 0, CASE WHEN g % 10 = 0 THEN now() END, now() - g * interval '1 minute'
  FROM generate_series(1, 20000) AS g, u0;
INSERT INTO trace.stakeholders (product_id, user_id, role, added_by)
SELECT p.product_id, p.manufacturer_id, 'manufacturer', p.manufacturer_id FROM trace.products p;
INSERT INTO trace.stakeholders (product_id, user_id, role, added_by)
SELECT p.product_id, u0 + (p.product_id * 7) % 5000, 'distributor', p.manufacturer_id FROM trace.products p, u0;
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status)
SELECT s.product_id, k, now() - interval '300 days' + (s.product_id % 100 + k * 3) * interval '1 hour', 'L' || (s.id % 2000),
       s.id, (enum_range(NULL::trace.checkpoint_status))[1 + k % 8]
  FROM trace.stakeholders s, generate_series(0, 4) AS k
 WHERE s.role = 'distributor';
UPDATE trace.checkpoints SET status = 'recalled' WHERE id % 5000 = 0;
INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, from_location,
                                      to_location, from_stakeholder_id, to_stakeholder_id, duration_hours)
SELECT c.product_id, c.id, row_number() OVER w, c."timestamp", c.checkpoint_index, lag(c.location) OVER w, c.location,
       lag(c.stakeholder_id) OVER w, c.stakeholder_id,
       round(EXTRACT(EPOCH FROM c."timestamp" - lag(c."timestamp") OVER w) / 3600, 2)
  FROM trace.checkpoints c WINDOW w AS (PARTITION BY c.product_id ORDER BY c."timestamp", c.checkpoint_index, c.id);
INSERT INTO token.trace_points (user_id, points, points_type, source_product_id, is_claimed, claimed_at, created_at)
SELECT u0 + g % 5000, 1 + g % 10, (ARRAY['checkpoint', 'verification', 'referral'])[1 + g % 3], 1 + g % 20000,
       g % 4 <> 0, CASE WHEN g % 4 <> 0 THEN now() END, now() - g * interval '1 minute'
  FROM generate_series(1, 50000) AS g, u0;
INSERT INTO token.transactions (user_id, transaction_type, amount, status, tx_hash, block_number, confirmed_at, created_at)
SELECT u0 + g % 5000, (enum_range(NULL::token.transaction_type))[1 + g % 5], 1 + g % 100, 'confirmed',
       '0x' || lpad(to_hex(g), 64, '0'), g, now(), now() - g * interval '1 minute'
  FROM generate_series(1, 50000) AS g, u0;
INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days)
VALUES ('P1', 'product', 12.5, 1, NULL, 30), ('P2', 'compliance', 15, 1, NULL, 90);
INSERT INTO token.stakes (user_id, pool_id, amount, staked_at, unlock_at, is_active, unstaked_at)
SELECT u0 + g % 5000, (SELECT min(id) FROM token.staking_pools), 1000, now() - interval '10 days',
       now() + (g % 1000) * interval '1 day', g % 3 <> 0, CASE WHEN g % 3 = 0 THEN now() + (g % 1000) * interval '1 day' END
  FROM generate_series(1, 20000) AS g, u0;
INSERT INTO compliance.standards (standard_name, standard_code, category)
SELECT 'Standard ' || g, 'STD' || g, (enum_range(NULL::compliance.standard_category))[1 + g % 4] FROM generate_series(1, 8) AS g;
INSERT INTO compliance.certifications (product_id, standard_id, certification_number, issued_by, issued_at, expires_at, is_valid)
SELECT p.product_id, s.id, 'C-' || p.product_id || '-' || s.id || '-' || r, 'Lab', now() - (r + 1) * interval '300 days',
       now() - r * interval '300 days' + interval '10 days', r = 0
  FROM trace.products p, compliance.standards s, generate_series(0, 1) AS r WHERE (p.product_id + s.id) % 4 = 0;
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by, checked_at)
SELECT c.product_id, c.id, s.id, (enum_range(NULL::compliance.compliance_status))[1 + c.id % 4], u0, c."timestamp" + interval '1 hour'
  FROM trace.checkpoints c, compliance.standards s, u0 WHERE (c.id + s.id) % 3 = 0;
INSERT INTO payment.contracts (contract_address, product_id, buyer_id, seller_id, amount)
SELECT '0x' || lpad(to_hex(g), 40, '0'), 1 + g % 20000, u0 + g % 5000, u0 + (g + 1) % 5000, 1000
  FROM generate_series(1, 20000) AS g, u0;
INSERT INTO payment.escrow_transactions (payment_contract_id, amount)
SELECT id, 100 FROM payment.contracts, generate_series(1, 2);
INSERT INTO nft.certificates (token_id, product_id, owner_id, certificate_type, metadata_uri)
SELECT g, 1 + g % 20000, u0 + g % 5000, (enum_range(NULL::nft.certificate_type))[1 + g % 3], 'ipfs://c' || g
  FROM generate_series(1, 20000) AS g, u0;
INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash, is_used, used_at)
SELECT c.id, sha256(convert_to('CODE-' || c.id || '-' || k, 'UTF8')), k = 0, CASE WHEN k = 0 THEN now() END
  FROM nft.certificates c, generate_series(0, 1) AS k;
SET session_replication_role = origin;
SELECT gin_clean_pending_list('trace.products_search_vector_idx');  -- what autovacuum does after a bulk load
ANALYZE core.users, trace.products, trace.stakeholders, trace.checkpoints, trace.traceability_chain, token.trace_points,
        token.transactions, token.staking_pools, token.stakes, compliance.standards, compliance.certifications,
        compliance.checkpoint_checks, payment.contracts, payment.escrow_transactions, nft.certificates,
        nft.certificate_codes;
REFRESH MATERIALIZED VIEW analytics.product_traceability_summary;
REFRESH MATERIALIZED VIEW analytics.user_activity_summary;
REFRESH MATERIALIZED VIEW analytics.compliance_summary;
ANALYZE analytics.product_traceability_summary, analytics.user_activity_summary, analytics.compliance_summary;
"""

LARGE = {"products", "stakeholders", "checkpoints", "traceability_chain", "trace_points", "transactions", "stakes",
         "certifications", "checkpoint_checks", "contracts", "escrow_transactions", "certificates",
         "certificate_codes", "product_traceability_summary", "user_activity_summary", "compliance_summary"}

# (name, query with {user} {stakeholder}, indexes one of which must serve it)
PLAIN_LOOKUPS = [
    ("T-L3 active products of a manufacturer",
     "SELECT * FROM trace.products WHERE manufacturer_id = {user} AND is_active", {"products_active_manufacturer_idx"}),
    ("T-L3 active products by type",
     "SELECT product_id FROM trace.products WHERE product_type = 'luxury' AND is_active",
     {"products_active_type_idx", "products_product_type_idx"}),
    ("product by id", "SELECT * FROM trace.products WHERE product_id = 4242", {"products_pkey"}),
    ("T-L4 product by batch number", "SELECT * FROM trace.products WHERE batch_number = 'B-4242'",
     {"products_batch_number_idx"}),
    ("T-L4 product by manufacturer and batch",
     "SELECT * FROM trace.products WHERE manufacturer_id = {user} AND batch_number = 'B-4242'",
     {"products_manufacturer_batch_key", "products_batch_number_idx"}),
    ("T-L14 product full-text search",
     "SELECT product_id FROM trace.products WHERE search_vector @@ plainto_tsquery('english', 'handbag 4300')",
     {"products_search_vector_idx"}),
    ("stakeholders of a product", "SELECT * FROM trace.stakeholders WHERE product_id = 4242",
     {"stakeholders_product_user_role_key", "stakeholders_product_id_id_key"}),
    ("products a user is a stakeholder of", "SELECT product_id FROM trace.stakeholders WHERE user_id = {user}",
     {"stakeholders_user_id_idx"}),
    ("T-L5 checkpoints of a product by time",
     "SELECT * FROM trace.checkpoints WHERE product_id = 4242 ORDER BY \"timestamp\"",
     {"checkpoints_product_id_timestamp_idx"}),
    ("T-L6 checkpoints by stakeholder", "SELECT * FROM trace.checkpoints WHERE stakeholder_id = {stakeholder}",
     {"checkpoints_stakeholder_id_idx"}),
    ("T-L6 checkpoints by status (recalled)", "SELECT * FROM trace.checkpoints WHERE status = 'recalled'",
     {"checkpoints_status_idx"}),
    ("T-L6 checkpoints by location", "SELECT * FROM trace.checkpoints WHERE location = 'L42'",
     {"checkpoints_location_idx"}),
    ("checkpoints in a time window",
     "SELECT id FROM trace.checkpoints WHERE \"timestamp\" >= now() - interval '300 days' "
     "AND \"timestamp\" < now() - interval '299 days' + interval '1 hour'", {"checkpoints_timestamp_idx"}),
    ("T-L1 the chain of a product in order",
     "SELECT * FROM trace.traceability_chain WHERE product_id = 4242 ORDER BY sequence_order",
     {"traceability_chain_product_sequence_key"}),
    ("steps handed over by a stakeholder",
     "SELECT * FROM trace.traceability_chain WHERE from_stakeholder_id = {stakeholder}",
     {"traceability_chain_handover_idx"}),
    ("T-L7 unclaimed points of a user",
     "SELECT sum(points) FROM token.trace_points WHERE user_id = {user} AND NOT is_claimed",
     {"trace_points_unclaimed_idx", "trace_points_user_id_created_at_idx"}),
    ("T-L8 token transactions of a user, newest first",
     "SELECT * FROM token.transactions WHERE user_id = {user} ORDER BY created_at DESC LIMIT 20",
     {"transactions_user_id_created_at_idx"}),
    ("T-L9 token transaction by hash",
     "SELECT * FROM token.transactions WHERE tx_hash = '0x' || lpad(to_hex(4242), 64, '0')",
     {"transactions_tx_hash_key"}),
    ("T-L10 active stakes unlocking within a day",
     "SELECT * FROM token.stakes WHERE is_active AND unlock_at < now() + interval '1 day'",
     {"stakes_active_unlock_at_idx"}),
    ("stakes of a user", "SELECT * FROM token.stakes WHERE user_id = {user}", {"stakes_user_id_idx"}),
    ("valid certificate of a product and standard",
     "SELECT * FROM compliance.certifications WHERE product_id = 4244 AND is_valid", {"certifications_one_valid_key"}),
    ("compliance checks of a checkpoint",
     "SELECT * FROM compliance.checkpoint_checks WHERE checkpoint_id = 4242", {"checkpoint_checks_checkpoint_standard_key"}),
    ("T-L12 contract by address",
     "SELECT * FROM payment.contracts WHERE contract_address = '0x' || lpad(to_hex(4242), 40, '0')",
     {"contracts_contract_address_key"}),
    ("T-L12 contracts of a buyer", "SELECT * FROM payment.contracts WHERE buyer_id = {user}", {"contracts_buyer_id_idx"}),
    ("T-L12 contracts of a seller", "SELECT * FROM payment.contracts WHERE seller_id = {user}", {"contracts_seller_id_idx"}),
    ("escrow of a contract", "SELECT * FROM payment.escrow_transactions WHERE payment_contract_id = 4242",
     {"escrow_transactions_payment_contract_id_idx"}),
    ("T-L13 certificate by token id", "SELECT * FROM nft.certificates WHERE token_id = 4242",
     {"certificates_token_id_key"}),
    ("T-L13 certificates of an owner", "SELECT * FROM nft.certificates WHERE owner_id = {user}",
     {"certificates_owner_id_idx"}),
    ("valid certificates of a product", "SELECT * FROM nft.certificates WHERE product_id = 4242 AND is_valid",
     {"certificates_valid_product_idx", "certificates_product_id_idx"}),
    ("unused codes of a certificate", "SELECT id FROM nft.certificate_codes WHERE certificate_id = 4242 AND NOT is_used",
     {"certificate_codes_unused_certificate_idx", "certificate_codes_certificate_id_idx"}),
    ("traceability summary of a product",
     "SELECT * FROM analytics.product_traceability_summary WHERE product_id = 4242",
     {"product_traceability_summary_product_id_key"}),
    ("activity summary of a user", "SELECT * FROM analytics.user_activity_summary WHERE user_id = {user}",
     {"user_activity_summary_user_id_key"}),
    ("compliance summary of a product", "SELECT * FROM analytics.compliance_summary WHERE product_id = 4242",
     {"compliance_summary_product_id_key"}),
]

# the same lookups as an end user: the RLS predicates must be index-served too
RLS_LOOKUPS = [
    ("RLS own token transactions", "SELECT * FROM token.transactions ORDER BY created_at DESC LIMIT 20",
     {"transactions_user_id_created_at_idx"}),
    ("RLS own unclaimed points", "SELECT * FROM token.trace_points WHERE NOT is_claimed",
     {"trace_points_unclaimed_idx", "trace_points_user_id_created_at_idx"}),
    ("RLS own stakes", "SELECT * FROM token.stakes", {"stakes_user_id_idx"}),
    ("RLS contracts of both parties", "SELECT * FROM payment.contracts",
     {"contracts_buyer_id_idx", "contracts_seller_id_idx"}),
    ("RLS escrow of the user's contracts (by contract)",
     "SELECT * FROM payment.escrow_transactions WHERE payment_contract_id = 4242",
     {"escrow_transactions_payment_contract_id_idx"}),
    ("RLS public chain of a product", "SELECT * FROM trace.traceability_chain WHERE product_id = 4242 ORDER BY sequence_order",
     {"traceability_chain_product_sequence_key"}),
]

FUNCTION_LOOKUPS = [
    ("T-L1 trace.get_product_trace_chain", "SELECT * FROM trace.get_product_trace_chain(4242)",
     {"traceability_chain_product_sequence_key"}),
    ("T-L2 compliance.check_product_compliance", "SELECT * FROM compliance.check_product_compliance(4244)",
     {"checkpoint_checks_product_standard_checked_idx"}),
    ("T-L2 compliance.check_product_compliance (certificates)",
     "SELECT * FROM compliance.check_product_compliance(4244)", {"certifications_product_standard_issued_idx"}),
    ("T-L11 nft.redeem_certificate_code", "SELECT nft.redeem_certificate_code('CODE-4242-1')",
     {"certificate_codes_verification_code_hash_key"}),
    ("trace.calculate_trust_score", "SELECT trace.calculate_trust_score({user})",
     {"products_active_manufacturer_idx", "products_manufacturer_id_idx"}),
    ("trace.calculate_product_trust_score", "SELECT trace.calculate_product_trust_score(4244)",
     {"checkpoint_checks_product_standard_checked_idx"}),
    ("token.stake_rewards", "SELECT token.stake_rewards(4242)", {"stakes_pkey"}),
]


def problems_of(plan: dict, indexes: set[str], require: bool = True) -> list[str]:
    nodes = list(plan_nodes(plan))
    found = [f"Seq Scan on {n.get('Relation Name')}" for n in nodes
             if n["Node Type"] == "Seq Scan" and n.get("Relation Name") in LARGE]
    used = {n.get("Index Name") for n in nodes} - {None}
    if require and not used & indexes:
        found.append(f"none of {sorted(indexes)} used (used: {sorted(used)})")
    return found


@pytest.fixture
def filled(deployed_db):
    with deployed_db.connect() as conn:
        conn.execute(FILL_SQL)
        ids = conn.execute("""
            SELECT (SELECT min(id) + 4242 FROM core.users),
                   (SELECT min(id) + 4242 FROM trace.stakeholders WHERE role = 'distributor')""").fetchone()
    return deployed_db, dict(zip(("user", "stakeholder"), ids))


def test_tracechain_lookups_are_index_served(filled):
    db, ids = filled
    failures: list[str] = []
    with db.connect() as conn:
        for name, query, indexes in PLAIN_LOOKUPS:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + query.format(**ids)).fetchone()[0][0]["Plan"]
            failures += [f"{name}: {p}" for p in problems_of(plan, indexes)]
    with db.connect(autocommit=False) as conn:
        conn.execute("SELECT set_config('role', 'chain_user', true), set_config('app.user_id', %s, true)",
                     (str(ids["user"]),))
        for name, query, indexes in RLS_LOOKUPS:
            plan = conn.execute("EXPLAIN (FORMAT JSON) " + query.format(**ids)).fetchone()[0][0]["Plan"]
            failures += [f"{name}: {p}" for p in problems_of(plan, indexes)]
        conn.rollback()
    with db.connect() as conn:
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
                failures += [f"{name}: {p}" for p in problems_of(plan, indexes, require=False)]
            used = {n.get("Index Name") for p in inner for n in plan_nodes(p)}
            if not used & indexes:
                failures.append(f"{name}: none of {sorted(indexes)} used (used: {sorted(u for u in used if u)})")
    return failures


def test_check_product_compliance_matches_a_naive_reading(filled):
    """On the filled data the function agrees with a straightforward per-standard computation
    (latest check by checked_at, id; current certificate first) for a handful of products."""
    db, _ = filled
    with db.connect() as conn:
        for product in (4241, 4242, 4244, 8, 19999):
            got = conn.execute("SELECT standard_id, compliance_status, certificate_valid "
                               "FROM compliance.check_product_compliance(%s) ORDER BY standard_id", (product,)).fetchall()
            want = conn.execute("""
                SELECT s.id,
                       coalesce((SELECT k.compliance_status::text FROM compliance.checkpoint_checks k
                                  WHERE k.product_id = %(p)s AND k.standard_id = s.id
                                  ORDER BY k.checked_at DESC, k.id DESC LIMIT 1), 'not_checked'),
                       EXISTS (SELECT 1 FROM compliance.certifications c WHERE c.product_id = %(p)s AND c.standard_id = s.id
                                  AND c.is_valid AND c.issued_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now()))
                  FROM compliance.standards s WHERE s.is_active ORDER BY s.id""", {"p": product}).fetchall()
            assert got == want, product
