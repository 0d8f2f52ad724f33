"""EXPLAIN (FORMAT JSON) helpers shared by the lookup tests."""

from __future__ import annotations

import contextlib
import json


def plan_nodes(node: dict):
    """Every node of an EXPLAIN (FORMAT JSON) plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def partitions_scanned(plan: dict) -> set[str]:
    """The relations a plan still scans (after plan-time and executor start-up pruning, which
    EXPLAIN shows by leaving the pruned subplans out of an Append)."""
    return {n["Relation Name"] for n in plan_nodes(plan) if n.get("Relation Name")}


@contextlib.contextmanager
def nested_plans(conn):
    """auto_explain on ``conn`` for the block (reported as NOTICEs): yields a list to which the
    JSON plan of every statement run is appended, the statements inside SQL and PL/pgSQL
    functions included.  Clear it between the statements you look at."""
    plans: list[dict] = []

    def on_notice(diag):
        text = diag.message_primary or ""
        if "plan:" in text:
            plans.append(json.loads(text.split("plan:", 1)[1])["Plan"])

    conn.add_notice_handler(on_notice)
    conn.execute("LOAD 'auto_explain'")
    for setting, value in (("log_min_duration", "0"), ("log_nested_statements", "on"),
                           ("log_format", "json"), ("log_level", "notice")):
        conn.execute(f"SET auto_explain.{setting} = '{value}'")
    try:
        yield plans
    finally:
        conn.remove_notice_handler(on_notice)
        conn.execute("RESET auto_explain.log_min_duration")


def inner_plans(plans: list[dict]) -> list[dict]:
    """A function call's own statements: every plan but the caller's childless Function Scan
    (or Result) around it."""
    return [p for p in plans if not (p["Node Type"] in ("Function Scan", "Result") and "Plans" not in p)]
