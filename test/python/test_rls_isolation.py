"""Row-level security, for every table of ours that enables it (discovered from the
catalogs, so every later RLS table is held to the same rules):

* the conventions: FORCE ROW LEVEL SECURITY, at least one policy, every policy with an
  explicit role (never PUBLIC), and an index led by each column the policies use;
* the isolation matrix, for every RLS table with an owner column (a column its policies
  compare to ``(SELECT core.current_user_id())``): two users, a row owned by each (built
  by the table's entry in ``harness.ROW_BUILDERS``), then as user 2 -- through the documented
  identity path: a chain_authenticator login, SET LOCAL ROLE chain_user and its claims --
  SELECT/UPDATE/DELETE of user 1's row affect 0 rows or are refused, INSERT of a row owned
  by user 1 is refused (SQLSTATE 42501), and user 2's own row is allowed wherever
  chain_user holds the privilege.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

import harness

END_USER_ROLE = "chain_user"
DENIED = "42501"          # insufficient_privilege: both "permission denied" and RLS refusals


def test_rls_tables_follow_the_conventions(deployed_db):
    problems = []
    with deployed_db.connect() as conn:
        tables = harness.rls_tables(conn)
        for table in tables:
            if not table.forced:
                problems.append(f"{table.name}: RLS enabled but not FORCE ROW LEVEL SECURITY")
            if not table.policies:
                problems.append(f"{table.name}: RLS enabled but no policy")
            for name, roles, _qual, _check in table.policies:
                if "public" in roles:
                    problems.append(f"{table.name}.{name}: policy applies to PUBLIC "
                                    "(give it an explicit TO role)")
            indexed = harness.leading_index_columns(conn, table.oid)
            for column in harness.policy_columns(conn, table.oid):
                if column not in indexed:
                    problems.append(f"{table.name}.{column}: used by a policy but leads no index")
    assert not problems, "\n".join(problems)


def where_row(pk: list[str], values: tuple) -> sql.Composed:
    return sql.SQL(" AND ").join(
        sql.SQL("{} = {}").format(sql.Identifier(c), sql.Literal(v)) for c, v in zip(pk, values))


def attempt(conn, query) -> tuple[int | None, str | None]:
    """Run ``query`` in a savepoint: (rows affected or counted, None) or (None, SQLSTATE)."""
    try:
        with conn.transaction():
            cur = conn.execute(query)
            if cur.description is not None:        # a SELECT count(*)
                return cur.fetchone()[0], None
            return cur.rowcount, None
    except psycopg.Error as exc:
        return None, exc.sqlstate


def insert_query(table: str, values: dict[str, object]) -> sql.Composed:
    schema, name = table.split(".", 1)
    return sql.SQL("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE VALUES ({})").format(
        sql.Identifier(schema, name), sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(map(sql.Literal, values.values())))


def updatable_column(conn, table: str) -> tuple[str | None, bool]:
    """A column chain_user may UPDATE (the matrix sets it to itself), if any, preferring one
    that is not a state-machine column; and whether it is one (setting a state to itself is a
    refused no-op transition: core.enforce_transition, tested pair by pair in
    test/pgtap/core/state_machines.sql)."""
    row = conn.execute("""
        SELECT a.attname,
               EXISTS (SELECT 1 FROM pg_trigger AS t
                        WHERE t.tgrelid = a.attrelid AND t.tgfoid = 'core.enforce_transition()'::regprocedure
                          AND a.attnum = ANY (t.tgattr::int2[])) AS state
          FROM pg_attribute AS a WHERE a.attrelid = %s::regclass AND a.attnum > 0
           AND NOT a.attisdropped AND has_column_privilege(%s, a.attrelid, a.attnum, 'UPDATE')
         ORDER BY 2, a.attnum LIMIT 1""", (table, END_USER_ROLE)).fetchone()
    return (row[0], row[1]) if row else (None, False)


def public_read(table: harness.RlsTable) -> bool:
    """chain_user reads every row by design (a USING (true) policy: TraceChain's public
    traceability data); the matrix then expects user 1's row to be readable, not hidden."""
    return any(END_USER_ROLE in roles and qual == "true" for _name, roles, qual, _check in table.policies)


def check_table(conn, table: harness.RlsTable, owner_cols: list[str]) -> list[str]:
    """The matrix on one table; returns the violations."""
    pk = harness.primary_key(conn, table.name)
    if not pk:
        return [f"{table.name}: has no primary key (the matrix needs one to address a row)"]
    u1, u2 = harness.make_user(conn), harness.make_user(conn)
    if table.name == harness.USERS_TABLE:
        theirs, mine = (u1,), (u2,)
    else:
        theirs = harness.insert_row(conn, table.name,
                                    harness.build_row(conn, table.name, u1, owner_cols), pk)
        mine = harness.insert_row(conn, table.name,
                                  harness.build_row(conn, table.name, u2, owner_cols), pk)
    foreign_insert = harness.build_row(conn, table.name, u1, owner_cols)
    own_insert = (None if table.name == harness.USERS_TABLE
                  else harness.build_row(conn, table.name, u2, owner_cols))
    privilege = {p: conn.execute("SELECT has_table_privilege(%s, %s, %s)",
                                 (END_USER_ROLE, table.name, p)).fetchone()[0]
                 for p in ("SELECT", "INSERT", "UPDATE", "DELETE")}
    column, state_column = updatable_column(conn, table.name)
    ident = sql.Identifier(*table.name.split(".", 1))
    problems: list[str] = []

    # user 2 acts through the identity path of the README (Security): a chain_authenticator
    # login that takes on chain_user and the claims for one transaction
    actor = psycopg.connect(host=conn.info.host, port=conn.info.port, dbname=conn.info.dbname,
                            user="chain_authenticator", autocommit=True)

    def expect_denied(what: str, query, allow_rows: int = 0) -> None:
        rows, state = attempt(actor, query)
        if state is None and rows != allow_rows:
            problems.append(f"{table.name}: user 2 {what} of user 1's row affected {rows} row(s)")
        elif state is not None and state != DENIED:
            problems.append(f"{table.name}: user 2 {what} of user 1's row failed with "
                            f"SQLSTATE {state}, expected 0 rows or {DENIED}")

    def expect_allowed(what: str, query) -> None:
        rows, state = attempt(actor, query)
        if state is not None or rows != 1:
            problems.append(f"{table.name}: user 2 {what} of its own row: "
                            f"{'SQLSTATE ' + state if state else str(rows) + ' row(s)'}")

    try:
        with actor.transaction(force_rollback=True):
            actor.execute("SET LOCAL ROLE chain_user")
            actor.execute("SELECT set_config('request.jwt.claims', %s, true)",
                          (f'{{"role": "chain_user", "user_id": {u2}}}',))
            count = sql.SQL("SELECT count(*) FROM {} WHERE {}")
            if public_read(table):
                expect_allowed("SELECT (public read)", count.format(ident, where_row(pk, theirs)))
            else:
                expect_denied("SELECT", count.format(ident, where_row(pk, theirs)))
            if privilege["SELECT"]:
                expect_allowed("SELECT", count.format(ident, where_row(pk, mine)))
            if column:
                update = sql.SQL("UPDATE {} SET {col} = {col} WHERE {}")
                expect_denied("UPDATE", update.format(ident, where_row(pk, theirs),
                                                      col=sql.Identifier(column)))
                if not state_column:
                    expect_allowed("UPDATE", update.format(ident, where_row(pk, mine),
                                                           col=sql.Identifier(column)))
            delete = sql.SQL("DELETE FROM {} WHERE {}")
            expect_denied("DELETE", delete.format(ident, where_row(pk, theirs)))
            if privilege["DELETE"]:
                expect_allowed("DELETE", delete.format(ident, where_row(pk, mine)))
            rows, state = attempt(actor, insert_query(table.name, foreign_insert))
            if state != DENIED:
                problems.append(f"{table.name}: user 2 INSERT of a row owned by user 1: "
                                f"{'SQLSTATE ' + state if state else 'accepted'}, "
                                f"expected {DENIED}")
            if privilege["INSERT"] and own_insert is not None:
                expect_allowed("INSERT", insert_query(table.name, own_insert))
    except psycopg.Error as exc:
        problems.append(f"{table.name}: the matrix itself failed: {exc.sqlstate} {exc}")
    finally:
        actor.close()
    return problems


def test_isolation_matrix(deployed_db):
    problems: list[str] = []
    checked = []
    with deployed_db.connect() as conn:
        for table in harness.rls_tables(conn):
            owner_cols = harness.owner_columns(table)
            if not owner_cols:
                continue                   # not per-user data (e.g. role-gated tables)
            try:
                problems += check_table(conn, table, owner_cols)
            except KeyError as exc:        # no row builder registered
                problems.append(exc.args[0])
            checked.append(table.name)
    assert checked, "no RLS table with an owner column found (core.users should be one)"
    assert not problems, "\n".join(problems)


def test_owner_column_detection():
    """The predicate parser on pg_get_expr's spellings."""
    table = harness.RlsTable(0, "x.t", True, [
        ("a", ["chain_user"], "(user_id = ( SELECT core.current_user_id() AS current_user_id))",
         None),
        ("b", ["chain_user"], None,
         "(( SELECT core.current_user_id() AS current_user_id) = owner_id)"),
        ("c", ["chain_user"], "(tenant_id = 5)", None)])
    assert harness.owner_columns(table) == ["user_id", "owner_id"]
    qualified = harness.RlsTable(0, "x.t", True, [
        ("d", ["chain_user"], None, "(EXISTS ( SELECT 1 FROM x.s s WHERE (s.user_id = ( SELECT core.current_user_id() "
                                    "AS current_user_id))))")])
    assert harness.owner_columns(qualified) == []


@pytest.mark.parametrize("table", sorted(harness.ROW_BUILDERS))
def test_registered_builders_are_well_formed(table):
    assert "." in table, f"ROW_BUILDERS key {table!r} must be schema.table"
