"""EXPLAIN (FORMAT JSON) helpers shared by the lookup tests."""

from __future__ import annotations


def plan_nodes(node: dict):
    """Every node of an EXPLAIN (FORMAT JSON) plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def partitions_scanned(plan: dict) -> set[str]:
    """The relations a plan still scans (after plan-time and executor start-up pruning, which
    EXPLAIN shows by leaving the pruned subplans out of an Append)."""
    return {n["Relation Name"] for n in plan_nodes(plan) if n.get("Relation Name")}
