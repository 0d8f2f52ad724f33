"""The pgTAP convention helpers of test/helpers/tests.sql catch what they exist to catch:
each is run on objects that break one rule at a time, and must emit ``not ok`` for exactly
that rule (and ``ok`` for the rest), with a fixed number of assertions per call.
"""

from __future__ import annotations

import re

import pytest

_LINE = re.compile(r"^(not ok|ok) \d+ - (.*)$", re.M)


def tap(conn, query: str) -> list[tuple[bool, str]]:
    """Run a helper inside a planned transaction; [(ok, description)] of its TAP lines."""
    with conn.transaction(force_rollback=True):
        conn.execute("SELECT plan(100)")
        rows = conn.execute(query).fetchall()
    text = "\n".join(r[0] for r in rows)
    return [(m.group(1) == "ok", m.group(2)) for m in _LINE.finditer(text)]


SETUP = """
SET ROLE chain_owner;
CREATE TABLE core.tmp_good (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES core.users (id));
CREATE INDEX tmp_good_user_id_idx ON core.tmp_good (user_id);
COMMENT ON TABLE core.tmp_good IS 't'; COMMENT ON COLUMN core.tmp_good.id IS 't';
COMMENT ON COLUMN core.tmp_good.user_id IS 't'; COMMENT ON INDEX core.tmp_good_user_id_idx IS 't';
SELECT core.enable_backend_access('core.tmp_good');
CREATE POLICY tmp_good_select_own ON core.tmp_good FOR SELECT TO chain_user USING (user_id = 1);
COMMENT ON POLICY tmp_good_select_own ON core.tmp_good IS 't';
-- the bad one: no comments, FK and policy column unindexed, no RLS, PUBLIC grant, no backend access
CREATE TABLE core.tmp_bad (id bigint PRIMARY KEY, user_id bigint REFERENCES core.users (id), x int);
CREATE POLICY tmp_bad_p ON core.tmp_bad FOR SELECT TO chain_user USING (x = 1);
CREATE INDEX tmp_bad_x2_idx ON core.tmp_bad (id, x);
GRANT SELECT (x) ON core.tmp_bad TO PUBLIC;
REVOKE ALL ON core.tmp_bad FROM chain_app, chain_readonly;
CREATE FUNCTION core.tmp_definer() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
CREATE FUNCTION core.tmp_definer_public() RETURNS int LANGUAGE sql SECURITY DEFINER
    SET search_path = public, pg_catalog AS 'SELECT 1';
GRANT EXECUTE ON FUNCTION core.tmp_definer_public() TO PUBLIC;
CREATE FUNCTION core.tmp_good_fn() RETURNS int LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS 'SELECT 1';
COMMENT ON FUNCTION core.tmp_good_fn() IS 't';
RESET ROLE;
CREATE FUNCTION core.tmp_not_owned() RETURNS int LANGUAGE sql AS 'SELECT 1';
"""


@pytest.fixture
def conn(deployed_db):
    with deployed_db.connect_for_tests() as conn:
        conn.execute(SETUP)
        yield conn


def test_table_conventions_pass_a_good_table_and_name_each_broken_rule(conn):
    good = tap(conn, "SELECT * FROM tests.table_conventions('core.tmp_good')")
    assert len(good) == 9 and all(ok for ok, _ in good), good
    bad = dict((d.split(": ", 1)[1], ok) for ok, d in tap(conn, "SELECT * FROM tests.table_conventions('core.tmp_bad')"))
    assert len(bad) == 9
    assert bad == {
        "owned by chain_owner": True,
        "has a comment": False,
        "every column has a comment": False,
        "every policy, trigger and index has a comment": False,
        "RLS enabled and forced": False,
        "every foreign key is indexed": False,
        "every column its policies read leads an index": False,
        "PUBLIC has no privilege": False,
        "chain_app and chain_readonly read it, and the owner through tmp_bad_select_owner (core.enable_backend_access)": False,
    }


def test_function_conventions(conn):
    def results(fn):
        return [ok for ok, _ in tap(conn, f"SELECT * FROM tests.function_conventions('{fn}')")]
    assert results("core.tmp_good_fn()") == [True, True, True, True]
    # created by chain_owner: PUBLIC has no EXECUTE by default (roles/roles.sql)
    assert results("core.tmp_definer()") == [True, False, True, False]
    assert results("core.tmp_definer_public()") == [True, False, False, False]
    assert results("core.tmp_not_owned()")[0] is False


def test_uses_index_and_prunes_to(conn):
    conn.execute("INSERT INTO core.users (wallet_address) SELECT '0x' || lpad(to_hex(g), 40, '0') "
                 "FROM generate_series(1, 2000) AS g")
    conn.execute("ANALYZE core.users")
    [(ok, _)] = tap(conn, "SELECT tests.uses_index($$SELECT * FROM core.users WHERE id = 5$$, 'core.users_pkey')")
    assert ok
    [(ok, _)] = tap(conn, "SELECT tests.uses_index($$SELECT * FROM core.users WHERE id = 5$$, 'users_wallet_address_key')")
    assert not ok
    part = conn.execute("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        "WHERE i.inhparent = 'blockchain.price_feeds'::regclass AND c.relname ~ '_p\\d' "
                        "ORDER BY 1 LIMIT 1").fetchone()[0]
    year, month = part[-7:-3], part[-2:]
    q = (f"SELECT * FROM blockchain.price_feeds WHERE observed_at >= '{year}-{month}-01 00:00+00' "
         f"AND observed_at < '{year}-{month}-01 01:00+00'")
    [(ok, _)] = tap(conn, f"SELECT tests.prunes_to($${q}$$, '{part}')")
    assert ok
    [(ok, _)] = tap(conn, f"SELECT tests.prunes_to($$SELECT * FROM blockchain.price_feeds$$, '{part}')")
    assert not ok


VIEWS = """
SET ROLE chain_owner;
CREATE TABLE core.tmp_src (id bigint PRIMARY KEY, n int);
COMMENT ON TABLE core.tmp_src IS 't'; COMMENT ON COLUMN core.tmp_src.id IS 't';
-- good: security_invoker, every column documented (id on its source, n2 on the view), readers as given
CREATE VIEW core.tmp_view_good WITH (security_invoker = true) AS SELECT id, n * 2 AS n2 FROM core.tmp_src;
COMMENT ON VIEW core.tmp_view_good IS 't'; COMMENT ON COLUMN core.tmp_view_good.n2 IS 't';
REVOKE ALL ON core.tmp_view_good FROM chain_app, chain_readonly;
GRANT SELECT ON core.tmp_view_good TO chain_app, chain_user;
-- bad: definer rights, undocumented computed column, writable by chain_app, PUBLIC reads
CREATE VIEW core.tmp_view_bad AS SELECT id, n * 3 AS n3 FROM core.tmp_src;
GRANT SELECT, INSERT ON core.tmp_view_bad TO chain_app;
GRANT SELECT ON core.tmp_view_bad TO PUBLIC;
-- matviews: good has a commented unique plain index and a schedule row; bad has neither
CREATE MATERIALIZED VIEW core.tmp_mv_good AS SELECT id FROM core.tmp_src;
COMMENT ON MATERIALIZED VIEW core.tmp_mv_good IS 't';
CREATE UNIQUE INDEX tmp_mv_good_id_key ON core.tmp_mv_good (id);
COMMENT ON INDEX core.tmp_mv_good_id_key IS 't';
REVOKE ALL ON core.tmp_mv_good FROM chain_app, chain_readonly;
GRANT SELECT ON core.tmp_mv_good TO chain_readonly;
CREATE MATERIALIZED VIEW core.tmp_mv_bad AS SELECT id FROM core.tmp_src;
COMMENT ON MATERIALIZED VIEW core.tmp_mv_bad IS 't';
CREATE UNIQUE INDEX tmp_mv_bad_expr_key ON core.tmp_mv_bad ((id + 1));
RESET ROLE;
INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES ('core.tmp_mv_good', interval '1 day', 't');
"""


def test_view_conventions_pass_good_views_and_name_each_broken_rule(conn):
    conn.execute(VIEWS)

    def results(view, readers):
        return [(ok, d.split(": ", 1)[1]) for ok, d in
                tap(conn, f"SELECT * FROM tests.view_conventions('{view}', ARRAY{readers!r}::name[])")]

    good = results("core.tmp_view_good", ["chain_app", "chain_user"])
    assert len(good) == 6 and all(ok for ok, _ in good), good
    good = results("core.tmp_mv_good", ["chain_readonly"])
    assert len(good) == 6 and all(ok for ok, _ in good), good
    # readers other than the ones named fail rule 5 only
    assert [ok for ok, _ in results("core.tmp_view_good", ["chain_app"])] == [True, True, True, True, False, True]
    bad = dict((d, ok) for ok, d in results("core.tmp_view_bad", ["chain_app"]))
    assert bad == {
        "owned by chain_owner": True,
        "has a comment": False,
        "every column has a comment (its own or its source column's)": False,
        "security_invoker (the caller's policies apply)": False,
        "read by chain_app and no other role of ours": False,     # chain_readonly reads by default privilege
        "read-only (SELECT only, nothing for PUBLIC)": False,
    }
    bad_mv = dict((d, ok) for ok, d in results("core.tmp_mv_bad", ["chain_app", "chain_readonly"]))
    assert bad_mv["refreshable CONCURRENTLY, indexes commented, scheduled"] is False
    assert bad_mv["read-only (SELECT only, nothing for PUBLIC)"] is False      # default privileges: chain_app DML
