"""The identity path of an end user, as the README's Security section documents it, on real
logins: the app or gateway connects as chain_authenticator (LOGIN, NOINHERIT, no privilege of
its own); per transaction it runs SET LOCAL ROLE chain_user and sets request.jwt.claims (or
app.user_id); core.current_user_id() reads them, RLS follows them, the audit row records them
beside session_user; at COMMIT all of it ends. Also: who may connect (and so LISTEN on
chaindb_changes), and that the change feed's payload never carries a column's value beyond the
primary key."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

import harness
from conftest import chaindb_cli

AUTHENTICATOR = "chain_authenticator"


def login(db, user: str, **kwargs) -> psycopg.Connection:
    kwargs.setdefault("autocommit", False)
    return psycopg.connect(host=db.host, port=db.port, user=user, dbname=db.dbname, **kwargs)


def as_end_user(conn: psycopg.Connection, user_id: int) -> None:
    """What the app does at the start of each transaction (README, Security)."""
    conn.execute("SET LOCAL ROLE chain_user")
    conn.execute("SELECT set_config('request.jwt.claims', %s, true)",
                 (json.dumps({"role": "chain_user", "user_id": user_id}),))


@pytest.fixture
def users(deployed_db):
    with deployed_db.connect() as conn:
        return harness.make_user(conn), harness.make_user(conn)


def test_the_authenticator_alone_reads_nothing(deployed_db):
    with login(deployed_db, AUTHENTICATOR) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM core.users")


def test_the_authenticator_becomes_chain_user_and_nothing_else(deployed_db):
    with login(deployed_db, AUTHENTICATOR) as conn:
        for role in ("chain_app", "chain_owner", "chain_readonly", "postgres"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SET ROLE {role}")
            conn.rollback()
        conn.execute("SET LOCAL ROLE chain_user")
        assert conn.execute("SELECT current_user, session_user").fetchone() == ("chain_user", AUTHENTICATOR)


def test_claims_and_role_last_one_transaction(deployed_db, users):
    u1, u2 = users
    with login(deployed_db, AUTHENTICATOR) as conn:
        as_end_user(conn, u1)
        assert conn.execute("SELECT core.current_user_id()").fetchone()[0] == u1
        assert [r[0] for r in conn.execute("SELECT id FROM core.users ORDER BY id")] == [u1]
        conn.commit()
        # the next transaction starts as the authenticator again, with no identity
        assert conn.execute("SELECT current_user, coalesce(current_setting('request.jwt.claims', true), '')"
                            ).fetchone() == (AUTHENTICATOR, "")
        conn.rollback()
        # app.user_id is the other documented setting
        conn.execute("SET LOCAL ROLE chain_user")
        conn.execute("SELECT set_config('app.user_id', %s, true)", (str(u2),))
        assert [r[0] for r in conn.execute("SELECT id FROM core.users")] == [u2]
        conn.rollback()


def test_the_trust_boundary_whoever_sets_the_claims_is_that_user(deployed_db, users):
    """Documented, not prevented: a session that can run SQL as chain_authenticator can claim
    any identity. The audit row shows both the claimed actor and the login that claimed it."""
    u1, u2 = users
    with login(deployed_db, AUTHENTICATOR) as conn:
        as_end_user(conn, u2)
        conn.execute("UPDATE core.users SET preferences = '{\"theme\": \"dark\"}' WHERE id = %s", (u2,))
        conn.commit()
    with deployed_db.connect() as admin:
        actor, db_user = admin.execute(
            "SELECT actor_id, db_user FROM audit.logs WHERE table_schema = 'core' AND table_name = 'users' "
            "AND operation = 'UPDATE' AND record_pk = jsonb_build_object('id', %s::bigint) "
            "ORDER BY logged_at DESC, id DESC LIMIT 1", (u2,)).fetchone()
    assert (actor, db_user) == (u2, AUTHENTICATOR)


def test_only_chaindb_logins_connect_and_listen(empty_db):
    """PostgreSQL has no LISTEN privilege: CONNECT is the gate, and roles/roles takes it from
    PUBLIC in the database it deploys into (a database's ACL does not travel with CREATE DATABASE
    … TEMPLATE, so this deploys afresh)."""
    proc = chaindb_cli("deploy", "--to", "roles/roles", empty_db.uri)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stranger = "t_stranger_" + uuid.uuid4().hex[:8]
    with empty_db.connect() as admin:
        admin.execute(f'CREATE ROLE "{stranger}" LOGIN')
    try:
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            login(empty_db, stranger).close()
        with login(empty_db, AUTHENTICATOR, autocommit=True) as listener:
            listener.execute("LISTEN chaindb_changes")
        for role in ("chain_app", "chain_readonly", "chain_analytics", "chain_auditor", "chain_monitor"):
            login(empty_db, role).close()
    finally:
        with empty_db.connect() as admin:
            admin.execute(f'DROP ROLE "{stranger}"')
        proc = chaindb_cli("revert", "-y", empty_db.uri)
        assert proc.returncode == 0, proc.stdout + proc.stderr


SECRET_COLUMNS_SQL = """
    SELECT a.attrelid::regclass::text, a.attname
      FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid JOIN pg_namespace AS n ON n.oid = c.relnamespace
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND c.relrowsecurity
       AND has_table_privilege('chain_readonly', c.oid, 'SELECT') IS NOT TRUE
       AND has_any_column_privilege('chain_readonly', c.oid, 'SELECT')
       AND NOT has_column_privilege('chain_readonly', c.oid, a.attnum, 'SELECT')
"""


def test_the_change_feed_payload_never_carries_a_secret(deployed_db, users):
    u1, _ = users
    with deployed_db.connect() as admin:
        secrets = set(admin.execute(SECRET_COLUMNS_SQL).fetchall())
        assert ("core.users", "email") in secrets              # the rule below is not vacuous
        feeds = admin.execute(
            "SELECT t.tgrelid::regclass::text, encode(t.tgargs, 'escape') FROM pg_trigger AS t "
            "WHERE t.tgfoid = 'core.notify_change()'::regprocedure AND t.tgnargs > 0").fetchall()
        assert feeds, "no table sends the change feed"
        leaked = [(table, col) for table, args in feeds
                  for col in args.split("\\000") if col and (table, col) in secrets]
        assert not leaked, f"change feed keys that are secret columns: {leaked}"

    with login(deployed_db, AUTHENTICATOR, autocommit=True) as listener, \
         login(deployed_db, AUTHENTICATOR) as writer:
        listener.execute("LISTEN chaindb_changes")
        as_end_user(writer, u1)
        writer.execute("UPDATE core.users SET email = 'secret@example.com', preferences = '{\"k\": 1}' WHERE id = %s", (u1,))
        writer.commit()
        payloads = [json.loads(n.payload) for n in listener.notifies(timeout=2.0)]
    assert payloads == [{"schema": "core", "table": "users", "op": "UPDATE", "pk": {"id": u1}}]
    assert "secret@example.com" not in json.dumps(payloads)
