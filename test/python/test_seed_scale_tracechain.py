"""The scale profile of TraceChain V2 (tools/chaindb/templates/seeds/50_tracechain.sql.j2).

Proven here, at --scale 1 (a few thousand rows, seconds) with every constraint and trigger on:
the rows per table; every value of every TraceChain enum reached (as the dev profile reaches
them); the domain invariants as counts that must be 0 (the traceability chain gap-free and equal
to the checkpoints, stakes within their pool's limits and lock period, escrow within its
contract, one valid certificate per product and standard, codes stored as sha256 only, ...);
the same rows from the same seed in two databases; a second run refused in one line; --only
without core's scale users refused in one line; `chaindb clear --force` empties the TraceChain
tables, keeps the reference standards and staking pools, and the profile loads again.
"""

from __future__ import annotations

import json

from conftest import chaindb_cli
from test_seed import app_checksums, checksums, cli, one_line_error

SCHEMAS = ("trace", "token", "compliance", "payment", "nft")
SCALE_1 = ("--profile", "scale", "--scale", "1", "--only", "core", "tracechain")

# rows per table at --scale 1 (100 products; core's 1,000 scale users)
ROWS = {
    "trace.products": 100,
    "trace.stakeholders": 400,              # 100 manufacturers by trigger + 3 per product
    "trace.checkpoints": 2000,
    "trace.traceability_chain": 2000,       # by the checkpoints' trigger
    "token.trace_points": 500,
    "token.transactions": 1000,
    "token.stakes": 100,
    "compliance.certifications": 183,       # 100 + 50 second standards + 33 renewed
    "compliance.checkpoint_checks": 300,
    "payment.contracts": 50,
    "payment.escrow_transactions": 100,
    "nft.certificates": 100,
    "nft.certificate_codes": 192,           # 2 per valid certificate (96)
    "analytics.product_analytics": 100,
    "compliance.standards": 8,              # reference rows: loaded once, by natural key
    "token.staking_pools": 4,
}

ENUMS = ["trace.product_type", "trace.checkpoint_status", "trace.stakeholder_role", "token.transaction_status",
         "token.transaction_type", "token.pool_type", "compliance.standard_category",
         "compliance.compliance_status", "nft.certificate_type"]

INVARIANTS = {
    "chain steps numbered 1..n per product": """
        SELECT count(*) FROM (SELECT product_id FROM trace.traceability_chain GROUP BY product_id
                               HAVING min(sequence_order) <> 1 OR max(sequence_order) <> count(*)) AS x""",
    "a chain step for every checkpoint, none without one": """
        SELECT count(*) FROM trace.checkpoints AS c
          FULL JOIN trace.traceability_chain AS t ON t.checkpoint_id = c.id
         WHERE c.id IS NULL OR t.checkpoint_id IS NULL""",
    "chain steps copy their checkpoint": """
        SELECT count(*) FROM trace.checkpoints AS c JOIN trace.traceability_chain AS t ON t.checkpoint_id = c.id
         WHERE (t.product_id, t.checkpoint_at, t.checkpoint_index, t.to_location, t.to_stakeholder_id)
               IS DISTINCT FROM (c.product_id, c."timestamp", c.checkpoint_index, c.location, c.stakeholder_id)""",
    "chain in time order, linked to the previous step": """
        SELECT count(*) FROM trace.traceability_chain AS t
          JOIN trace.traceability_chain AS prev ON prev.product_id = t.product_id
                                               AND prev.sequence_order = t.sequence_order - 1
         WHERE prev.checkpoint_at > t.checkpoint_at
            OR (t.from_location, t.from_stakeholder_id) IS DISTINCT FROM (prev.to_location, prev.to_stakeholder_id)
            OR t.duration_hours IS DISTINCT FROM round(EXTRACT(EPOCH FROM t.checkpoint_at - prev.checkpoint_at) / 3600, 2)""",
    "checkpoint_index 0..n-1 per product": """
        SELECT count(*) FROM (SELECT product_id FROM trace.checkpoints GROUP BY product_id
                               HAVING min(checkpoint_index) <> 0 OR max(checkpoint_index) <> count(*) - 1) AS x""",
    "a manufacturer stakeholder per product": """
        SELECT count(*) FROM trace.products AS p
         WHERE NOT EXISTS (SELECT 1 FROM trace.stakeholders AS s WHERE s.product_id = p.product_id
                              AND s.user_id = p.manufacturer_id AND s.role = 'manufacturer')""",
    "stakes within the pool's minimum, maximum and lock period": """
        SELECT count(*) FROM token.stakes AS s JOIN token.staking_pools AS p ON p.id = s.pool_id
         WHERE s.amount < p.min_stake_amount OR s.amount > p.max_stake_amount
            OR s.unlock_at < s.staked_at + make_interval(days => p.lock_period_days)
            OR s.unstaked_at < s.unlock_at OR s.is_active <> (s.unstaked_at IS NULL)""",
    "counted escrow never above its contract": """
        SELECT count(*) FROM payment.contracts AS c
         WHERE (SELECT coalesce(sum(e.amount), 0) FROM payment.escrow_transactions AS e
                 WHERE e.payment_contract_id = c.id AND e.status NOT IN ('failed', 'cancelled')) > c.amount""",
    "escrow released by its buyer": """
        SELECT count(*) FROM payment.escrow_transactions AS e JOIN payment.contracts AS c ON c.id = e.payment_contract_id
         WHERE e.released_by IS DISTINCT FROM CASE WHEN e.released_at IS NOT NULL THEN c.buyer_id END""",
    "at most one valid certificate per product and standard": """
        SELECT count(*) FROM (SELECT product_id, standard_id FROM compliance.certifications WHERE is_valid
                               GROUP BY 1, 2 HAVING count(*) > 1) AS x""",
    "every product holds a valid certificate (unless revoked)": """
        SELECT count(*) FROM trace.products AS p
         WHERE NOT EXISTS (SELECT 1 FROM compliance.certifications AS c
                            WHERE c.product_id = p.product_id AND (c.is_valid OR c.revoked_at IS NOT NULL))""",
    "certificates only of the reference standards": """
        SELECT count(*) FROM compliance.certifications AS c JOIN compliance.standards AS s ON s.id = c.standard_id
         WHERE s.standard_code NOT IN ('ISO9001', 'ISO14001', 'ISO45001', 'FDA21CFR11', 'EUGMP', 'HACCP', 'ORGANIC',
                                       'FAIRTRADE')""",
    "compliance checks on checkpoints of their product": """
        SELECT count(*) FROM compliance.checkpoint_checks AS k JOIN trace.checkpoints AS c ON c.id = k.checkpoint_id
         WHERE c.product_id <> k.product_id OR k.checked_at < c."timestamp" """,
    "verification codes stored as the sha256 of their code, of valid certificates": """
        SELECT count(*) FROM nft.certificate_codes AS k JOIN nft.certificates AS c ON c.id = k.certificate_id
         WHERE k.verification_code_hash NOT IN (sha256(convert_to('SCALE-' || c.token_id || '-A', 'UTF8')),
                                                sha256(convert_to('SCALE-' || c.token_id || '-B', 'UTF8')))
            OR NOT c.is_valid""",
    "trace points of a checkpoint name its product": """
        SELECT count(*) FROM token.trace_points AS t JOIN trace.checkpoints AS c ON c.id = t.source_checkpoint_id
         WHERE c.product_id IS DISTINCT FROM t.source_product_id""",
    "everything refers to scale users": """
        SELECT (SELECT count(*) FROM trace.products AS p JOIN core.users AS u ON u.id = p.manufacturer_id
                 WHERE u.wallet_address NOT LIKE '0x5ca1e%')
             + (SELECT count(*) FROM token.transactions AS t JOIN core.users AS u ON u.id = t.user_id
                 WHERE u.wallet_address NOT LIKE '0x5ca1e%')""",
    "product analytics equal the checkpoints": """
        SELECT count(*) FROM analytics.product_analytics AS a
         WHERE a.total_checkpoints <> (SELECT count(*) FROM trace.checkpoints AS c WHERE c.product_id = a.product_id)""",
}


def counts(db) -> dict[str, int]:
    with db.connect() as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ROWS}


def tracechain_checksums(db) -> dict:
    return {t: v for t, v in app_checksums(db).items()
            if t.split(".")[0] in SCHEMAS or t in ("analytics.product_analytics", "analytics.user_analytics")}


def test_rows_states_invariants_determinism_and_guard(deployed_db, make_db):
    proc = cli("seed", deployed_db.uri, *SCALE_1, "--seed", "3")
    assert "trace.checkpoints" in proc.stdout and "rows/s" in proc.stdout
    assert counts(deployed_db) == ROWS
    missing, failed = [], []
    with deployed_db.connect() as conn:
        for enum in ENUMS:
            used = set()
            for table, column in conn.execute("""
                    SELECT c.oid::regclass::text, a.attname FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
                     WHERE a.atttypid = %s::regtype AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped""",
                                              (enum,)).fetchall():
                used |= {r[0] for r in conn.execute(f'SELECT DISTINCT "{column}"::text FROM {table}').fetchall()}
            labels = {r[0] for r in conn.execute(f"SELECT unnest(enum_range(NULL::{enum}))::text").fetchall()}
            missing += [f"{enum}.{v}" for v in sorted(labels - used)]
        for name, query in INVARIANTS.items():
            if conn.execute(query).fetchone()[0] != 0:
                failed.append(name)
        # the other states the dev profile shows: deactivated products, inactive stakeholders,
        # renewed, revoked and expired certificates, claimed points, unstaked stakes, used codes
        states = conn.execute("""
            SELECT (SELECT count(*) FROM trace.products WHERE NOT is_active),
                   (SELECT count(*) FROM trace.stakeholders WHERE NOT is_active),
                   (SELECT count(*) FROM compliance.certifications WHERE NOT is_valid AND revoked_at IS NULL),
                   (SELECT count(*) FROM compliance.certifications WHERE revoked_at IS NOT NULL),
                   (SELECT count(*) FROM compliance.certifications AS c WHERE c.is_valid AND NOT compliance.is_certification_current(c)),
                   (SELECT count(*) FROM token.trace_points WHERE is_claimed),
                   (SELECT count(*) FROM token.stakes WHERE NOT is_active),
                   (SELECT count(*) FROM nft.certificate_codes WHERE is_used),
                   (SELECT count(*) FROM nft.certificates WHERE NOT is_valid)""").fetchone()
        assert all(states), states
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'").fetchone()[0] == 0
        # identities continue after the explicit ids; a redemption works on a stored code
        conn.execute("INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) "
                     "SELECT product_id, manufacturer_id, 'auditor', manufacturer_id FROM trace.products LIMIT 1")
        token = conn.execute("SELECT c.token_id FROM nft.certificate_codes AS k JOIN nft.certificates AS c "
                             "ON c.id = k.certificate_id WHERE NOT k.is_used AND k.expires_at IS NULL LIMIT 1").fetchone()[0]
        assert conn.execute("SELECT nft.redeem_certificate_code(%s)", (f"SCALE-{token}-A",)).fetchone()[0]
    assert not missing, "enum values the scale profile never reaches: " + ", ".join(missing)
    assert not failed, "invariants broken: " + "; ".join(failed)

    # the same seed in another database: the same rows (clock columns aside)
    other = make_db()
    cli("deploy", other.uri)
    cli("seed", other.uri, *SCALE_1, "--seed", "3")
    a, b = tracechain_checksums(deployed_db), tracechain_checksums(other)
    for t in ("trace.stakeholders", "nft.certificate_codes"):   # the extra stakeholder and the redemption above
        a.pop(t), b.pop(t)
    assert a == b
    # a second run refuses in one line and adds nothing
    before = checksums(other)
    err = one_line_error(chaindb_cli("seed", other.uri, "--profile", "scale", "--only", "tracechain"))
    assert "already there" in err and "clear --force" in err
    assert checksums(other) == before


def test_only_without_the_scale_users_fails_in_one_line(deployed_db):
    err = one_line_error(chaindb_cli("seed", deployed_db.uri, "--profile", "scale", "--only", "tracechain"))
    assert "seed core first" in err
    assert all(n == 0 for t, n in counts(deployed_db).items() if t not in ("compliance.standards", "token.staking_pools"))


def test_clear_keeps_the_reference_rows_and_the_profile_loads_again(deployed_db):
    # on top of the dev profile: the reference rows are the dev rows, not duplicated
    cli("seed", deployed_db.uri, "--only", "core", "tracechain")
    with deployed_db.connect() as conn:
        reference = conn.execute("SELECT (SELECT array_agg(id ORDER BY id) FROM compliance.standards),"
                                 " (SELECT array_agg(id ORDER BY id) FROM token.staking_pools)").fetchone()
    cli("seed", deployed_db.uri, *SCALE_1)
    loaded = counts(deployed_db)
    assert loaded["compliance.standards"] == 8 and loaded["token.staking_pools"] == 4
    assert loaded["trace.products"] == ROWS["trace.products"] + 9          # the dev products too

    data = json.loads(cli("clear", deployed_db.uri, "--force", "--json").stdout)
    assert {"compliance.standards", "token.staking_pools"} <= set(data["kept"])
    tracechain = [t for t in data["cleared"] if t.split(".")[0] in SCHEMAS or t.startswith("analytics.")]
    assert {"trace.checkpoints", "trace.traceability_chain", "nft.certificate_codes"} <= set(tracechain)
    with deployed_db.connect() as conn:
        assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tracechain} == dict.fromkeys(tracechain, 0)
        assert conn.execute("SELECT (SELECT array_agg(id ORDER BY id) FROM compliance.standards),"
                            " (SELECT array_agg(id ORDER BY id) FROM token.staking_pools)").fetchone() == reference

    cli("seed", deployed_db.uri, *SCALE_1)
    assert counts(deployed_db) == ROWS
