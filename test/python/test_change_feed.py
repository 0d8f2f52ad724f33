"""The change feed: core.notify_change() sends, on channel ``chaindb_changes``, a JSON
payload {"schema", "table", "op", "pk"} per changed row, received by a LISTENing second
connection; nothing after core.disable_notify()."""

from __future__ import annotations

import json

import harness

CHANNEL = "chaindb_changes"
TABLE = harness.USERS_TABLE


def drain(listener, timeout: float = 2.0) -> list[dict]:
    """Every notification on CHANNEL that arrives within ``timeout`` seconds."""
    return [json.loads(n.payload) for n in listener.notifies(timeout=timeout)
            if n.channel == CHANNEL]


def test_payloads_for_insert_update_delete_and_none_after_disable(deployed_db):
    with deployed_db.connect() as writer, deployed_db.connect() as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        writer.execute("SELECT core.enable_notify(%s)", (TABLE,))
        writer.execute("SELECT core.enable_notify(%s)", (TABLE,))        # idempotent
        pk = harness.primary_key(writer, TABLE)
        user_id = harness.make_user(writer)
        writer.execute("UPDATE core.users SET reputation_score = 1 WHERE id = %s", (user_id,))
        writer.execute("DELETE FROM core.users WHERE id = %s", (user_id,))
        schema, table = TABLE.split(".")
        expected = [{"schema": schema, "table": table, "op": op, "pk": {pk[0]: user_id}}
                    for op in ("INSERT", "UPDATE", "DELETE")]
        assert drain(listener) == expected

        writer.execute("SELECT core.disable_notify(%s)", (TABLE,))
        other = harness.make_user(writer)
        writer.execute("DELETE FROM core.users WHERE id = %s", (other,))
        assert drain(listener, timeout=0.5) == []
