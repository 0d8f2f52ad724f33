"""RLS overhead (issue 3 target), on a private temporary cluster with 200k users:
a user's own-rows query on core.users as chain_user (RLS, policy
``id = (SELECT core.current_user_id())``) vs the table owner's side -- a superuser, which
bypasses RLS -- running the same query with the explicit filter ``WHERE id = :uid``.
Both are the same transaction shape in pgbench (BEGIN; set role; set app.user_id; query;
COMMIT), for a random user each time.  Target: chain_user within 1.2x the latency.

Prints the numbers and rewrites the "RLS overhead" section of bench/RESULTS.md.

    python bench/rls.py [--seconds 10] [--rounds 3] [--users 200000]
"""

from __future__ import annotations

import argparse
import statistics

from audit_overhead import connect, deploy, machine, pgbench_tps, temporary_cluster, write_section

AS_USER = """\\set uid random(1, {users})
BEGIN;
SET LOCAL ROLE chain_user;
SELECT set_config('app.user_id', :uid::text, true);
SELECT id, wallet_address, tier, preferences FROM core.users;
COMMIT;
"""
AS_OWNER = """\\set uid random(1, {users})
BEGIN;
SET LOCAL ROLE postgres;
SELECT set_config('app.user_id', :uid::text, true);
SELECT id, wallet_address, tier, preferences FROM core.users WHERE id = :uid;
COMMIT;
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=200_000)
    args = parser.parse_args()

    with temporary_cluster() as cluster:
        deploy(cluster, "core/users")
        with connect(cluster) as conn:
            conn.execute("INSERT INTO core.users (wallet_address) "
                         "SELECT '0x' || lpad(to_hex(g), 40, '0') "
                         "FROM generate_series(1, %s) g", (args.users,))
            conn.execute("VACUUM ANALYZE core.users")
            first = conn.execute("SELECT min(id) FROM core.users").fetchone()[0]
            with conn.transaction(force_rollback=True):       # the policy really filters
                conn.execute("SET LOCAL ROLE chain_user")
                conn.execute("SELECT set_config('app.user_id', %s, true)", (str(first),))
                visible = conn.execute("SELECT count(*) FROM core.users").fetchone()[0]
        rounds: dict[str, list[float]] = {"user": [], "owner": []}
        for _ in range(args.rounds):
            rounds["user"].append(pgbench_tps(cluster, AS_USER.format(users=args.users),
                                              args.seconds))
            rounds["owner"].append(pgbench_tps(cluster, AS_OWNER.format(users=args.users),
                                               args.seconds))

    user, owner = statistics.median(rounds["user"]), statistics.median(rounds["owner"])
    ratio = owner / user                       # latency ratio = inverse tps ratio
    body = f"""
{machine()}; {args.users:,} users; pgbench -c 4 -j 2 -T {args.seconds} -M prepared,
median of {args.rounds} rounds (`python bench/rls.py`).  As chain_user the policy left
{visible} visible row(s) of {args.users:,} (1 expected).

| query | tps | latency vs owner | target | met |
|---|---|---|---|---|
| owner (superuser), `WHERE id = :uid` | {owner:,.0f} | 1.00x | | |
| chain_user, RLS only | {user:,.0f} | {ratio:.2f}x | <= 1.2x | {'yes' if ratio <= 1.2 else 'NO'} |

Raw tps: owner {', '.join(f'{v:,.0f}' for v in rounds['owner'])}; chain_user {', '.join(f'{v:,.0f}' for v in rounds['user'])}.
"""
    print(body)
    write_section("RLS overhead", body)


if __name__ == "__main__":
    main()
