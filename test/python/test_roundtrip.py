"""Every change of the plan deploys, verifies, reverts and re-deploys, in a private cluster
(chaindb.cluster.Cluster under tmp_path), so the roles' DROP ROLE in revert runs for real:
no template database or other clone holds grants on them.

One pass over the plan (its first half here, the rest in test_roundtrip_second_half.py, so
the halves run on two workers): for each change, deploy --verify --to it, revert it (the catalogs
must be back to exactly what they were before it), deploy it again (the catalogs must
equal what its first deploy made).  After a full revert nothing of ours remains.  Two
databases of one cluster share the cluster-wide roles: reverting one must not break the
other.
"""

from __future__ import annotations

import subprocess

import pytest

import harness


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from chaindb.cluster import Cluster

    cluster = Cluster(tmp_path_factory.mktemp("roundtrip") / "cluster")
    cluster.start()
    yield cluster
    cluster.stop()


def database(cluster, name: str) -> harness.Database:
    cluster.create_database(name)
    return harness.Database("127.0.0.1", cluster.port, "postgres", name)


def deployer(*args: str) -> None:
    """Run the suite's deploy tool (chaindb, or sqitch under CHAINDB_TEST_DEPLOYER=sqitch);
    fails the test with its output when it exits non-zero."""
    proc = subprocess.run([*harness.deployer_argv(), *args], cwd=harness.REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"


def our_schemas_and_roles(conn) -> list[str]:
    return [r[0] for r in conn.execute(f"""
        SELECT 'schema ' || nspname FROM pg_namespace n WHERE {harness.ours('n.nspname')}
        UNION ALL
        SELECT 'role ' || rolname FROM pg_roles WHERE rolname LIKE '{harness.OUR_ROLE_PATTERN}'
        ORDER BY 1""").fetchall()]


def halfway(changes: list[str]) -> int:
    """Where the plan is cut in two: each half is walked by a test file of its own, so the two
    halves run on two workers (test_roundtrip_second_half.py walks the rest)."""
    return len(changes) // 2


def step_through(db, changes: list[str], start: int, stop: int) -> None:
    """For each of changes[start:stop] (those before start are deployed): deploy --verify --to
    it, revert it (the catalogs must be back to what they were), deploy it again (the catalogs
    must equal what its first deploy made)."""
    with db.connect() as conn:
        before = harness.snapshot(conn)
        for i in range(start, stop):
            change = changes[i]
            deployer("deploy", "--verify", "--to", change, db.uri)
            deployed = harness.snapshot(conn)
            if i == 0:
                deployer("revert", "-y", db.uri)
            else:
                deployer("revert", "-y", "--to", changes[i - 1], db.uri)
            reverted = harness.snapshot(conn)
            assert reverted == before, (
                f"reverting {change} left or removed: "
                f"{sorted(reverted ^ before)}")
            deployer("deploy", "--verify", "--to", change, db.uri)
            assert harness.snapshot(conn) == deployed, f"re-deploying {change} differs"
            before = deployed


def revert_leaves_nothing(db) -> None:
    deployer("verify", db.uri)
    deployer("revert", "-y", db.uri)
    with db.connect() as conn:
        assert our_schemas_and_roles(conn) == [], "a full revert left objects of ours"
        assert harness.public_objects(conn) == [], "a full revert left objects in public"


def test_every_change_of_the_first_half_deploys_verifies_reverts_and_redeploys(cluster):
    db = database(cluster, "roundtrip")
    changes = harness.plan_change_names()
    assert changes, "the plan has no changes"
    step_through(db, changes, 0, halfway(changes))
    revert_leaves_nothing(db)


def test_two_databases_share_roles_and_revert_independently(cluster):
    first, second = database(cluster, "shared_a"), database(cluster, "shared_b")
    deployer("deploy", "--verify", first.uri)
    deployer("deploy", "--verify", second.uri)
    deployer("revert", "-y", first.uri)
    deployer("verify", second.uri)
    with first.connect() as conn:
        leftovers = [o for o in our_schemas_and_roles(conn) if not o.startswith("role ")]
        assert leftovers == [], f"revert left {leftovers}"
    with second.connect() as conn:
        roles = [o for o in our_schemas_and_roles(conn) if o.startswith("role ")]
        assert roles, "reverting one database dropped the roles the other still uses"
    deployer("revert", "-y", second.uri)
    with second.connect() as conn:
        assert our_schemas_and_roles(conn) == [], "the last revert must drop the roles"
