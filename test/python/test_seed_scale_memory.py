"""The scale profile of schema memory (seed 001, Memory assets): tools/chaindb/templates/seeds/
40_memory.sql.j2's scale branch.

Proven here, at --scale 1 with every constraint and trigger on: the rows per table; every state
the dev profile reaches (tree_status, batch_status, mint_status x mint_priority, grants active,
expired, revoked and used up, burned and versioned assets, stale and fresh claims); the domain
invariants as counts that must be 0 (tree leaf counts from the batches that reserved them,
ownership from batches and transfers, versions driving assets.version, grants by the owner of
the day, the operation log in its monthly partitions, Solana wallets); two databases seeded alike
hold the same rows and another --seed changes them; a second run refuses in one line; --only
memory needs no other schema; `chaindb clear --force` empties it and the profile loads again
(the same rows: identities restart). The row counts at --scale 200 are checked from the
rendered SQL (1M grants) without loading them.
"""

from __future__ import annotations

import re

import pytest

import harness
from conftest import chaindb_cli
from chaindb import seed

CLOCK_TYPES = ("timestamp with time zone", "date")

# rows per table at --scale 1 (audit_logs: 1,000 accesses and one asset.transfer entry per transfer)
ROWS = {
    "memory.merkle_trees": 5,
    "memory.batches": 160,
    "memory.assets": 2500,
    "memory.versions": 519,
    "memory.access_grants": 5000,
    "memory.transfers": 363,
    "memory.minting_queue": 600,
    "memory.cost_tracking": 2041,
    "memory.audit_logs": 1363,
}

INVARIANTS = {
    "a tree's leaves are the memories of its completed and processing batches": """
        SELECT count(*) FROM memory.merkle_trees AS t
         WHERE t.current_size <> (SELECT COALESCE(sum(b.memory_count), 0) FROM memory.batches AS b
                                   WHERE b.merkle_tree_address = t.tree_address AND b.status IN ('completed', 'processing'))""",
    "a completed batch minted memory_count assets, another none": """
        SELECT count(*) FROM memory.batches AS b
         WHERE (SELECT count(*) FROM memory.assets AS a WHERE a.batch_id = b.batch_id)
               <> CASE WHEN b.status = 'completed' THEN b.memory_count ELSE 0 END""",
    "a batched asset belongs to its batch's owner until transferred": """
        SELECT count(*) FROM memory.assets AS a JOIN memory.batches AS b USING (batch_id)
         WHERE NOT EXISTS (SELECT 1 FROM memory.transfers AS t WHERE t.asset_id = a.asset_id)
           AND a.owner_address <> b.owner_address""",
    "the owner of a transferred asset is its last transfer's recipient": """
        SELECT count(*) FROM memory.assets AS a
          JOIN LATERAL (SELECT t.to_address FROM memory.transfers AS t WHERE t.asset_id = a.asset_id
                         ORDER BY t.transferred_at DESC LIMIT 1) AS last ON true
         WHERE a.owner_address <> last.to_address""",
    "each transfer starts where the one before ended": """
        SELECT count(*) FROM (SELECT from_address, lag(to_address) OVER (PARTITION BY asset_id ORDER BY transferred_at) AS prev
                                FROM memory.transfers) AS t
         WHERE t.prev IS NOT NULL AND t.prev <> t.from_address""",
    "assets.version is 1 + its versions, arweave_id the latest's": """
        SELECT count(*) FROM memory.assets AS a
         WHERE a.version <> 1 + (SELECT count(*) FROM memory.versions AS v WHERE v.asset_id = a.asset_id)
            OR a.arweave_id <> COALESCE((SELECT v.arweave_id FROM memory.versions AS v WHERE v.asset_id = a.asset_id
                                          ORDER BY v.version_number DESC LIMIT 1), a.arweave_id)""",
    "a grant was given by the asset's owner of the day": """
        SELECT count(*) FROM memory.access_grants AS g JOIN memory.assets AS a USING (asset_id)
         WHERE g.grantor_address <> COALESCE((SELECT t.from_address FROM memory.transfers AS t
                                               WHERE t.asset_id = g.asset_id AND t.transferred_at > g.created_at
                                               ORDER BY t.transferred_at LIMIT 1), a.owner_address)""",
    "no live grant of a former owner (transfers revoke them)": """
        SELECT count(*) FROM memory.access_grants AS g JOIN memory.assets AS a USING (asset_id)
         WHERE g.revoked_at IS NULL AND g.grantor_address <> a.owner_address""",
    "no grant made after its asset was burned": """
        SELECT count(*) FROM memory.access_grants AS g JOIN memory.assets AS a USING (asset_id)
         WHERE a.burned_at IS NOT NULL AND g.created_at > a.burned_at""",
    "every transfer is in the operation log": """
        SELECT count(*) FROM memory.transfers AS t
         WHERE NOT EXISTS (SELECT 1 FROM memory.audit_logs AS l WHERE l.action = 'asset.transfer'
                              AND l.asset_id = t.asset_id AND l.transaction_signature = t.transaction_signature)""",
    "a completed request names an asset its requester minted": """
        SELECT count(*) FROM memory.minting_queue AS q JOIN memory.assets AS a USING (asset_id)
         WHERE q.status = 'completed'
           AND q.owner_address <> COALESCE((SELECT t.from_address FROM memory.transfers AS t WHERE t.asset_id = a.asset_id
                                             ORDER BY t.transferred_at LIMIT 1), a.owner_address)""",
    "every completed batch has its cost": """
        SELECT count(*) FROM memory.batches AS b
         WHERE b.status = 'completed'
           AND NOT EXISTS (SELECT 1 FROM memory.cost_tracking AS c WHERE c.operation_type = 'batch_mint' AND c.operation_id = b.batch_id)""",
    "the operation log is in monthly partitions, not the DEFAULT one": """
        SELECT count(*) FROM memory.audit_logs WHERE tableoid = 'memory.audit_logs_default'::regclass""",
    "every wallet is a Solana (base58, 32-44 characters) address": """
        SELECT count(*) FROM (SELECT owner_address FROM memory.assets UNION ALL SELECT owner_address FROM memory.batches
                              UNION ALL SELECT grantee_address FROM memory.access_grants UNION ALL SELECT to_address FROM memory.transfers
                              UNION ALL SELECT owner_address FROM memory.minting_queue UNION ALL SELECT wallet_address FROM memory.cost_tracking
                              UNION ALL SELECT wallet_address FROM memory.audit_logs) AS w (wallet)
         WHERE w.wallet !~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'""",
    "identities continue after the explicit ids": """
        SELECT count(*) FROM (VALUES ('memory.access_grants', (SELECT max(id) FROM memory.access_grants)),
                                     ('memory.versions', (SELECT max(id) FROM memory.versions)),
                                     ('memory.transfers', (SELECT max(id) FROM memory.transfers)),
                                     ('memory.minting_queue', (SELECT max(id) FROM memory.minting_queue)),
                                     ('memory.cost_tracking', (SELECT max(id) FROM memory.cost_tracking)),
                                     ('memory.audit_logs', (SELECT max(id) FROM memory.audit_logs))) AS t (name, max_id)
          LEFT JOIN pg_sequences AS s ON format('%I.%I', s.schemaname, s.sequencename) = pg_get_serial_sequence(t.name, 'id')
         WHERE s.last_value IS DISTINCT FROM t.max_id""",
}

STATES = {
    "SELECT DISTINCT status::text FROM memory.merkle_trees": {"active", "full", "retired"},
    "SELECT DISTINCT status::text FROM memory.batches": {"pending", "processing", "completed", "failed"},
    "SELECT DISTINCT status::text || '/' || priority::text FROM memory.minting_queue":
        {f"{s}/{p}" for s in ("pending", "processing", "completed", "failed") for p in ("low", "medium", "high")},
    """SELECT DISTINCT CASE WHEN revoked_at IS NOT NULL THEN 'revoked' WHEN expires_at <= now() THEN 'expired'
                            WHEN current_access >= max_access THEN 'used up' ELSE 'active' END
         FROM memory.access_grants""": {"active", "expired", "revoked", "used up"},
    """SELECT DISTINCT CASE WHEN burned_at IS NOT NULL THEN 'burned' WHEN version > 1 THEN 'versioned' ELSE 'minted' END
         FROM memory.assets""": {"burned", "versioned", "minted"},
    """SELECT DISTINCT CASE WHEN locked_at < now() - interval '15 minutes' THEN 'stale' ELSE 'fresh' END
         FROM memory.minting_queue WHERE status = 'processing'""": {"stale", "fresh"},
    "SELECT DISTINCT operation_type FROM memory.cost_tracking": {"mint", "batch_mint", "transfer"},
    "SELECT DISTINCT action FROM memory.audit_logs": {"asset.access", "asset.transfer"},
}


def cli(*args: str, rc: int = 0):
    proc = chaindb_cli(*args)
    assert proc.returncode == rc, f"chaindb {' '.join(args)}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc


def memory_checksums(db, **kwargs):
    with db.connect() as conn:
        return seed.table_checksums(conn, ["memory"], **kwargs)


def declared_rows(scale: int) -> dict[str, int]:
    source = next(s for s in seed.template_sources() if s.name == "memory")
    return {s.table: s.table_rows for s in seed.steps(seed.render_source(source, "scale", scale).sql)
            if s.table and s.sql == ""}


def test_rendered_row_counts_grow_with_n():
    one, big = declared_rows(1), declared_rows(200)
    assert one == {**ROWS, "memory.audit_logs": 1000}      # the transfers' log entries come with them
    assert big == {t: 200 * n for t, n in one.items()}
    assert max(big.values()) == big["memory.access_grants"] == 1_000_000
    assert sum(one.values()) < 15_000


def test_scale_1_rows_states_invariants_determinism_guard_and_clear(deployed_db, pg_server):
    # --only memory on a deployed database with nothing else: memory needs no other schema
    proc = cli("seed", deployed_db.uri, "--profile", "scale", "--only", "memory", "--seed", "3")
    assert "memory.access_grants" in proc.stdout and "rows/s" in proc.stdout
    first = memory_checksums(deployed_db)
    assert {t: n for t, (n, _) in first.items() if n} == ROWS
    with deployed_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM core.users").fetchone()[0] == 0
        failed = {name: n for name, query in INVARIANTS.items() if (n := conn.execute(query).fetchone()[0])}
        assert failed == {}
        for query, expected in STATES.items():
            assert {r[0] for r in conn.execute(query)} == expected, query
        assert conn.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'").fetchone()[0] == 0

    # a second run refuses in one line and adds nothing
    again = chaindb_cli("seed", deployed_db.uri, "--profile", "scale", "--only", "memory")
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and again.stderr.startswith("chaindb: ")
    assert "already there" in again.stderr and "clear --force" in again.stderr
    assert memory_checksums(deployed_db) == first

    with harness.template_clone(pg_server) as other:
        # another --seed: other rows; the same seed in another database: the same rows
        cli("seed", other.uri, "--profile", "scale", "--only", "memory", "--seed", "4")
        differs = memory_checksums(other, exclude_types=CLOCK_TYPES)
        # clear empties memory's tables (it keeps its retention rules); the profile loads again
        cli("clear", other.uri, "--force")
        assert all(n == 0 for n, _ in memory_checksums(other).values())
        with other.connect() as conn:
            assert conn.execute("SELECT count(*) FROM ops.retention_policies "
                                "WHERE table_name::text LIKE 'memory.%'").fetchone()[0] == 3
        cli("seed", other.uri, "--profile", "scale", "--only", "memory", "--seed", "3")
        same = memory_checksums(other, exclude_types=CLOCK_TYPES)
    mine = memory_checksums(deployed_db, exclude_types=CLOCK_TYPES)
    assert same == mine
    assert differs["memory.assets"] != mine["memory.assets"]
    assert {t: v[0] for t, v in differs.items()} == {t: v[0] for t, v in mine.items()}


def test_wallets_decode_to_32_bytes():
    """The scale wallets are real Solana public keys: base58 of a number below 2^256."""
    source = next(s for s in seed.template_sources() if s.name == "memory")
    sql = seed.render_source(source, "scale", 200).sql
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    prefix = re.search(r"'(5ca1eW)' \|\| lpad\(translate\(.*?, '0', 'z'\), (\d+), 'x'\)", sql)
    assert prefix
    biggest = prefix.group(1) + "z" * int(prefix.group(2))      # every digit at its largest
    value = 0
    for char in biggest:
        value = value * 58 + alphabet.index(char)
    assert len(biggest) == 44 and value < 2 ** 256
