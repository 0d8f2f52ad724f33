"""Memory assets throughput (issue 12), on a private temporary cluster:

* has_access per second on 100k assets and 1M grants: memory.has_access(asset, wallet) for a
  random asset and one of its grantees (live, revoked, expired or exhausted grants, as loaded),
  as the backend (chain_app, logged in directly) and as an end user (chain_user through
  SET LOCAL ROLE and app.wallet, RLS planned too);
* mint requests claimed per second by 8 workers (pgbench -c 8), each transaction one
  memory.claim_mint_requests(worker, 10) (FOR UPDATE SKIP LOCKED), and the full worker cycle:
  claim 10 and complete them in one transaction.

Prints the numbers and rewrites the "Memory assets" section of bench/RESULTS.md.

    python bench/memory.py [--seconds 10] [--rounds 3] [--assets 100000] [--grants 1000000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile

from audit_overhead import connect, deploy, load_average, machine, temporary_cluster, write_section

WALLETS = 50_000
BATCH = 10

FILL = """
SET session_replication_role = replica;   -- bulk load: no guard, audit or notify triggers
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type)
SELECT 'a' || g, 'G' || lpad(translate((g % {wallets})::text, '0', 'z'), 40, 'x'), lpad(g::text, 43, 'x'),
       md5(g::text) || md5(g::text), 'k', 'agent-' || g % 100, 'episodic'
  FROM generate_series(0, {assets} - 1) AS g;
-- grant k of asset a goes to wallet (a + 7919 (k + 1)) mod {wallets}: distinct grantees per asset, never its owner
-- (wallet a mod {wallets}), who is the grantor
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access, current_access, created_at,
                                  expires_at, revoked_at, revoked_by)
SELECT 'a' || a, 'G' || lpad(translate(((a + 7919 * (k + 1)) % {wallets})::text, '0', 'z'), 40, 'x'),
       'G' || lpad(translate((a % {wallets})::text, '0', 'z'), 40, 'x'), CASE WHEN g % 3 = 0 THEN 5 END,
       CASE WHEN g % 3 = 0 THEN (g / 3) % 6 ELSE 0 END, now() - interval '30 days',
       CASE WHEN g % 4 = 0 THEN now() + interval '30 days' WHEN g % 29 = 0 THEN now() - interval '1 day' END,
       CASE WHEN g % 7 = 0 THEN now() - interval '1 day' END,
       CASE WHEN g % 7 = 0 THEN 'G' || lpad(translate((a % {wallets})::text, '0', 'z'), 40, 'x') END
  FROM generate_series(0, {grants} - 1) AS g, LATERAL (SELECT g % {assets} AS a, g / {assets} AS k) AS x;
SET session_replication_role = origin;
"""

QUEUE = """
SET session_replication_role = replica;
TRUNCATE memory.minting_queue;
INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, priority, next_attempt_at)
SELECT 'r' || g, 'G' || lpad(translate((g % {wallets})::text, '0', 'z'), 40, 'x'), 'memory ' || g, 'agent',
       (ARRAY['low', 'medium', 'high'])[1 + g % 3]::memory.mint_priority, now() - interval '1 day' + g * interval '1 ms'
  FROM generate_series(1, {n}) AS g;
SET session_replication_role = origin;
"""

GRANTEE = "'G' || lpad(translate(((:a + 7919 * (:k + 1)) % {wallets})::text, '0', 'z'), 40, 'x')"
HAS_ACCESS_APP = """\\set a random(0, {assets} - 1)
\\set k random(0, {per_asset} - 1)
SELECT memory.has_access('a' || :a, {grantee});
"""
HAS_ACCESS_USER = """\\set a random(0, {assets} - 1)
\\set k random(0, {per_asset} - 1)
BEGIN;
SET LOCAL ROLE chain_user;
SELECT set_config('app.wallet', {grantee}, true);
SELECT memory.has_access('a' || :a);
COMMIT;
"""
CLAIM = """SELECT count(*) FROM memory.claim_mint_requests('w' || :client_id, {batch});
"""
CLAIM_COMPLETE = """SELECT count(memory.complete_mint_request(q.id, 'a1', NULL, 'w' || :client_id))
  FROM memory.claim_mint_requests('w' || :client_id, {batch}) AS q;
"""


def pgbench(cluster, script: str, seconds: int, clients: int, user: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
    try:
        proc = subprocess.run(
            ["pgbench", "-n", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", user,
             "-c", str(clients), "-j", "2", "-T", str(seconds), "-M", "prepared", "-f", f.name, "chaindb"],
            capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"pgbench failed:\n{proc.stdout}\n{proc.stderr}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--grants", type=int, default=1_000_000)
    args = parser.parse_args()
    per_asset = max(1, args.grants // args.assets)
    grantee = GRANTEE.format(wallets=WALLETS)
    # enough pending requests that 8 workers never drain the queue within a round
    queue_size = 400_000

    rounds: dict[str, list[float]] = {"app": [], "user": [], "claim": [], "cycle": []}
    with temporary_cluster() as cluster:
        deploy(cluster, "memory/user_statistics")
        with connect(cluster) as conn:
            conn.execute(FILL.format(assets=args.assets, grants=args.grants, wallets=WALLETS))
            conn.execute("VACUUM ANALYZE memory.assets, memory.access_grants")
            counts = conn.execute("SELECT (SELECT count(*) FROM memory.assets), (SELECT count(*) FROM memory.access_grants), "
                                  "(SELECT count(*) FROM memory.access_grants WHERE revoked_at IS NULL)").fetchone()
            true_share = conn.execute(
                f"SELECT avg(memory.has_access('a' || a, {grantee.replace(':a', 'a').replace(':k', 'k')})::int) "
                f"FROM generate_series(0, 999) AS a, generate_series(0, {per_asset} - 1) AS k").fetchone()[0]
        for _ in range(args.rounds):
            rounds["app"].append(pgbench(cluster, HAS_ACCESS_APP.format(assets=args.assets, per_asset=per_asset,
                                                                        grantee=grantee), args.seconds, 4, "chain_app"))
            rounds["user"].append(pgbench(cluster, HAS_ACCESS_USER.format(assets=args.assets, per_asset=per_asset,
                                                                          grantee=grantee), args.seconds, 4, "postgres"))
            for name, script in (("claim", CLAIM), ("cycle", CLAIM_COMPLETE)):
                with connect(cluster) as conn:
                    conn.execute(QUEUE.format(n=queue_size, wallets=WALLETS))
                    conn.execute("VACUUM ANALYZE memory.minting_queue")
                rounds[name].append(BATCH * pgbench(cluster, script.format(batch=BATCH), args.seconds, 8, "chain_app"))
                with connect(cluster) as conn:
                    left = conn.execute("SELECT count(*) FROM memory.minting_queue WHERE status = 'pending'").fetchone()[0]
                    doubled = conn.execute("SELECT count(*) FROM (SELECT request_id FROM memory.minting_queue "
                                           "GROUP BY 1 HAVING count(*) > 1) AS d").fetchone()[0]
                if left == 0:
                    raise SystemExit("the queue ran dry during a round: raise queue_size")
                assert doubled == 0
        load = load_average()

    med = {k: statistics.median(v) for k, v in rounds.items()}
    body = f"""
{machine()}; load average {load} at the end (2 cores shared with other engineers' jobs, so these are
floor figures); pgbench -j 2 -T {args.seconds} -M prepared, median of {args.rounds} round(s)
(`python bench/memory.py --seconds {args.seconds} --rounds {args.rounds}`).
Data: {counts[0]:,} assets, {counts[1]:,} grants ({counts[2]:,} not revoked; some expired or limited);
has_access is called for a random asset and one of its {per_asset} grantees ({true_share:.0%} of those calls
are true). The queue holds {queue_size:,} pending requests at the start of each claim round.

| measure | clients | per second |
|---|---|---|
| `memory.has_access()` as chain_app (login) | 4 | {med['app']:,.0f} calls |
| `memory.has_access()` as chain_user (SET LOCAL ROLE + app.wallet, one transaction each) | 4 | {med['user']:,.0f} calls |
| `memory.claim_mint_requests(worker, {BATCH})`, SKIP LOCKED | 8 workers | {med['claim']:,.0f} requests claimed |
| claim {BATCH} + `complete_mint_request()` each, one transaction | 8 workers | {med['cycle']:,.0f} requests claimed and completed |

Raw: has_access app {', '.join(f'{v:,.0f}' for v in rounds['app'])}; user {', '.join(f'{v:,.0f}' for v in rounds['user'])};
claims {', '.join(f'{v:,.0f}' for v in rounds['claim'])}; claim+complete {', '.join(f'{v:,.0f}' for v in rounds['cycle'])}.
No request was claimed twice (checked after every round).
"""
    print(body)
    write_section("Memory assets", body)


if __name__ == "__main__":
    main()
