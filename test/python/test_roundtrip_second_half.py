"""The second half of test_roundtrip's walk over the plan (a file of its own, so the two halves
run on two workers): the first half deployed in one go, then every later change deploys,
verifies, reverts and re-deploys one by one; then a full revert leaves nothing of ours."""

from __future__ import annotations

import harness
from test_roundtrip import (cluster, database, deployer, halfway,  # noqa: F401  (cluster: the fixture)
                            revert_leaves_nothing, step_through)


def test_every_change_of_the_second_half_deploys_verifies_reverts_and_redeploys(cluster):  # noqa: F811
    db = database(cluster, "roundtrip_second_half")
    changes = harness.plan_change_names()
    half = halfway(changes)
    assert 0 < half < len(changes)
    deployer("deploy", "--verify", "--to", changes[half - 1], db.uri)
    step_through(db, changes, half, len(changes))
    revert_leaves_nothing(db)
