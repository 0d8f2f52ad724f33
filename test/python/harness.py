"""Shared helpers of the every-object harness (test_pgtap_files, test_coverage, test_roundtrip,
test_rls_isolation, test_security, test_partitions, test_change_feed).

Everything here is GENERIC: it reads the catalogs and the plan, never a list of our objects,
so the tests keep enforcing the project's rules as domain schemas are added.  The one
hand-written list is ``ROW_BUILDERS`` (how to build a valid row of each RLS table for the
isolation matrix): a domain engineer adding an RLS table with an owner column registers a
builder there, and the matrix fails with a message saying so until they do.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import psycopg

REPO = Path(__file__).resolve().parents[2]
PGTAP_DIR = REPO / "test" / "pgtap"
TEST_SEARCH_PATH = "public,tap"

# Schemas that are not ours: pgTAP, the test helpers, the Sqitch registry, public, and pg_cron's
# (created by maint/schedule where pg_cron runs in the database).
NOT_OURS = ("tap", "tests", "sqitch", "public", "information_schema", "cron")
OUR_ROLE_PATTERN = "chain_%"
OWNER_ROLE = "chain_owner"
USERS_TABLE = "core.users"          # the identity table: "a row owned by user u" is u itself
CURRENT_USER_FN = "core.current_user_id"


def ours(schema_name: str) -> str:
    """A WHERE fragment true when the SQL expression ``schema_name`` names one of our
    schemas (not pg_*, information_schema, nor one of NOT_OURS)."""
    excluded = ", ".join(f"'{s}'" for s in NOT_OURS)
    return f"({schema_name} NOT IN ({excluded}) AND {schema_name} NOT LIKE 'pg\\_%')"


# ----------------------------------------------------------------------------- databases

@dataclass(frozen=True)
class Database:
    """How to reach one test database, as the server's superuser: the one database helper
    of the suite (conftest.Db is this class)."""

    host: str
    port: int
    user: str
    dbname: str

    @property
    def uri(self) -> str:
        """The Sqitch target URI (chaindb and sqitch both take it)."""
        return f"db:pg://{self.user}@{self.host}:{self.port}/{self.dbname}"

    @property
    def libpq_uri(self) -> str:
        """The postgresql:// URI (psql, libpq and psycopg take it)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}"

    def connect(self, **kwargs) -> psycopg.Connection:
        """An autocommit connection (unless autocommit=False is given)."""
        kwargs.setdefault("autocommit", True)
        return psycopg.connect(host=self.host, port=self.port, user=self.user,
                               dbname=self.dbname, **kwargs)

    def connect_for_tests(self) -> psycopg.Connection:
        """A connection with pgTAP and the test helpers on the search_path."""
        return self.connect(options=f"-c search_path={TEST_SEARCH_PATH}")

    def sibling(self, dbname: str) -> "Database":
        """Another database on the same server."""
        return Database(self.host, self.port, self.user, dbname)


@contextmanager
def template_clone(pg_server) -> Iterator[Database]:
    """One more fresh clone of the session's deployed template (dropped on exit), for tests
    that need two independent copies (deployed_db gives one)."""
    name = "c_" + uuid.uuid4().hex[:12]
    admin = Database(pg_server.host, int(pg_server.port), pg_server.user, "postgres")
    with admin.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_server.template_dbname}"')
    try:
        yield Database(admin.host, admin.port, admin.user, name)
    finally:
        with admin.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def deployer_argv() -> list[str]:
    """The deploy tool the suite uses: chaindb by default, the real sqitch when
    CHAINDB_TEST_DEPLOYER=sqitch (same commands and options)."""
    if os.environ.get("CHAINDB_TEST_DEPLOYER") == "sqitch":
        return ["sqitch"]
    return [sys.executable, "-m", "chaindb"]


def plan_change_names() -> list[str]:
    """The plan's change names in order (chaindb.plan)."""
    from chaindb.plan import Plan

    return [change.name for change in Plan.load(REPO / "sqitch.plan").changes]


# ----------------------------------------------------------------------------- pgTAP

def pgtap_files() -> list[Path]:
    """Every pgTAP file, sorted: test/pgtap/**/*.sql."""
    return sorted(PGTAP_DIR.rglob("*.sql"))


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# Results of files already run in this session (keyed by relative path), so
# test_coverage reuses what test_pgtap_files produced instead of running files twice.
TAP_RESULTS: dict[str, object] = {}


def run_pgtap(db, files: list[Path], jobs: int = 1) -> dict[str, object]:
    """Run pgTAP files through chaindb.pgtap on ``db`` (search_path public,tap); returns
    {relative path: FileResult} and remembers them in TAP_RESULTS."""
    from chaindb.pgtap import run_files

    results = run_files(db.connect_for_tests, [f.resolve() for f in files], jobs)
    by_path = {relative(Path(r.path)): r for r in results}
    TAP_RESULTS.update(by_path)
    return by_path


def passing_descriptions(result) -> list[str]:
    """Descriptions of the passing assertions of one FileResult."""
    return [a.description for a in result.tap.assertions if a.ok and a.description]


# ----------------------------------------------------------------------------- coverage

@dataclass(frozen=True)
class CatalogObject:
    """One object of ours and the tags any of which, found in an assertion description,
    covers it (see test_coverage's docstring for the rule)."""

    kind: str
    name: str
    tags: tuple[str, ...]
    function: bool = False       # tags are "schema.fn(" / "schema.fn:" prefixes


_INVENTORY_SQL = f"""
-- schemas (text, not name: the first branch types the UNION, and name would cut
-- qualified names at 63 bytes)
SELECT 'schema', n.nspname::text, ARRAY[n.nspname::text]
  FROM pg_namespace n WHERE {ours('n.nspname')}
UNION ALL
-- relations (partitions are generated: excluded; identity sequences belong to their column)
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table'
                      WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END,
       n.nspname || '.' || c.relname, ARRAY[n.nspname || '.' || c.relname]
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE {ours('n.nspname')} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                   AND d.objid = c.oid AND d.objsubid = 0 AND d.deptype IN ('i', 'e'))
UNION ALL
-- columns of tables
SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname,
       ARRAY[n.nspname || '.' || c.relname || '.' || a.attname]
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE {ours('n.nspname')} AND c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition
   AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
-- constraints (of tables and of domains)
SELECT 'constraint', coalesce(n.nspname || '.' || c.relname, tn.nspname || '.' || t.typname)
                     || '.' || k.conname,
       ARRAY[coalesce(n.nspname || '.' || c.relname, tn.nspname || '.' || t.typname)
             || '.' || k.conname, k.conname]
  FROM pg_constraint k
  LEFT JOIN pg_class c ON c.oid = k.conrelid
  LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_type t ON t.oid = k.contypid
  LEFT JOIN pg_namespace tn ON tn.oid = t.typnamespace
 WHERE {ours('coalesce(n.nspname, tn.nspname)')}
   AND NOT coalesce(c.relispartition, false)
UNION ALL
-- indexes
SELECT 'index', n.nspname || '.' || t.relname || '.' || i.relname,
       ARRAY[n.nspname || '.' || i.relname, n.nspname || '.' || t.relname || '.' || i.relname,
             i.relname]
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = i.relnamespace
 WHERE {ours('n.nspname')} AND NOT i.relispartition AND NOT t.relispartition
UNION ALL
-- triggers
SELECT 'trigger', n.nspname || '.' || c.relname || '.' || g.tgname,
       ARRAY[n.nspname || '.' || c.relname || '.' || g.tgname, g.tgname]
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE {ours('n.nspname')} AND NOT g.tgisinternal AND NOT c.relispartition
UNION ALL
-- policies
SELECT 'policy', n.nspname || '.' || c.relname || '.' || p.polname,
       ARRAY[n.nspname || '.' || c.relname || '.' || p.polname, p.polname]
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE {ours('n.nspname')}
UNION ALL
-- functions, procedures, aggregates
SELECT 'function', n.nspname || '.' || p.proname || '('
                   || pg_get_function_identity_arguments(p.oid) || ')',
       ARRAY[n.nspname || '.' || p.proname]
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE {ours('n.nspname')}
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                   AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
-- types: enums, domains, ranges, stand-alone composites
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range'
                      WHEN 'm' THEN 'multirange' ELSE 'composite type' END,
       n.nspname || '.' || t.typname, ARRAY[n.nspname || '.' || t.typname]
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE {ours('n.nspname')}
   AND (t.typtype IN ('e', 'd', 'r')
        OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                   AND d.objid = t.oid AND d.deptype = 'e')
UNION ALL
-- our roles (cluster-wide)
SELECT 'role', r.rolname, ARRAY[r.rolname::text]
  FROM pg_roles r WHERE r.rolname LIKE '{OUR_ROLE_PATTERN}'
"""

def inventory(conn) -> list[CatalogObject]:
    """Every object of ours, from the catalogs."""
    rows = conn.execute(_INVENTORY_SQL).fetchall()
    return [CatalogObject(kind, name, tuple(tags), function=(kind == "function"))
            for kind, name, tags in rows]


_IDENT_CHAR = r"[A-Za-z0-9_$]"


def tag_pattern(tag: str, function: bool = False) -> re.Pattern:
    """The regex a description must match to name ``tag``.

    A tag is found when not glued to a longer name: no identifier character or '.' right
    before it, and right after it neither an identifier character nor '.'.  A function's
    tag must be followed by '(' or ':' (``core.current_user_id(`` / ``core.current_user_id:``).
    Double quotes around a name part (pgTAP's quote_ident) are ignored by stripping them
    from the description first (see ``normalize``).
    """
    before = rf"(?<![A-Za-z0-9_$.])"
    after = r"(?=[(:])" if function else rf"(?!{_IDENT_CHAR}|\.[A-Za-z_\"])"
    return re.compile(before + re.escape(tag) + after)


def normalize(description: str) -> str:
    """Drop identifier quotes so '"core"."users"' reads as 'core.users'."""
    return description.replace('"', "")


def uncovered(objects: list[CatalogObject], descriptions: list[str]) -> list[CatalogObject]:
    """The objects none of whose tags appears in any description."""
    text = "\n".join(normalize(d) for d in descriptions)
    missing = []
    for obj in objects:
        if not any(tag_pattern(tag, obj.function).search(text) for tag in obj.tags):
            missing.append(obj)
    return missing


# ----------------------------------------------------------------------------- RLS

@dataclass(frozen=True)
class RlsTable:
    oid: int
    name: str                   # schema.table
    forced: bool
    policies: list[tuple[str, list[str], str | None, str | None]]  # name, roles, qual, check


def rls_tables(conn) -> list[RlsTable]:
    """Every table of ours with row-level security enabled (partitions excluded)."""
    tables = conn.execute(f"""
        SELECT c.oid, n.nspname || '.' || c.relname, c.relforcerowsecurity
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {ours('n.nspname')} AND c.relkind IN ('r', 'p') AND c.relrowsecurity
           AND NOT c.relispartition
         ORDER BY 2""").fetchall()
    result = []
    for oid, name, forced in tables:
        policies = conn.execute("""
            SELECT p.polname,
                   ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END
                           FROM unnest(p.polroles) r ORDER BY 1),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
              FROM pg_policy p WHERE p.polrelid = %s ORDER BY 1""", (oid,)).fetchall()
        result.append(RlsTable(oid, name, forced, [tuple(p) for p in policies]))
    return result


def policy_columns(conn, table_oid: int) -> list[str]:
    """Columns of the table referenced by its policies' expressions (from pg_depend, which
    records exactly the columns an expression uses)."""
    rows = conn.execute("""
        SELECT DISTINCT a.attname
          FROM pg_policy p
          JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid
          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE p.polrelid = %s AND d.refobjid = %s AND d.refobjsubid > 0
         ORDER BY 1""", (table_oid, table_oid)).fetchall()
    return [r[0] for r in rows]


def leading_index_columns(conn, table_oid: int) -> set[str]:
    """Columns that lead at least one index of the table."""
    rows = conn.execute("""
        SELECT a.attname FROM pg_index x
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
         WHERE x.indrelid = %s""", (table_oid,)).fetchall()
    return {r[0] for r in rows}


_CURRENT_USER_CALL = r"\(\s*SELECT\s+core\.current_user_id\(\)(?:\s+AS\s+\w+)?\s*\)"
# not preceded by "alias." (nor part of a longer name): a qualified column inside a sub-select is
# another table's (trace.checkpoints' policy reads trace.stakeholders s.user_id)
_COLUMN = r"(?<![\w.\"])\(?\"?([a-z_][a-z0-9_]*)\"?\)?(?:::[a-z ]+)?"
_OWNER_PATTERNS = (
    re.compile(_COLUMN + r"\s*=\s*" + _CURRENT_USER_CALL),
    re.compile(_CURRENT_USER_CALL + r"\s*=\s*" + _COLUMN),
)


def owner_columns(table: RlsTable) -> list[str]:
    """Columns its policies compare to (SELECT core.current_user_id())."""
    found: list[str] = []
    for _name, _roles, qual, check in table.policies:
        for expr in (qual, check):
            for pattern in _OWNER_PATTERNS:
                for match in pattern.finditer(expr or ""):
                    if match.group(1) not in found:
                        found.append(match.group(1))
    return found


def primary_key(conn, table: str) -> list[str]:
    rows = conn.execute("""
        SELECT a.attname FROM pg_index x
          JOIN LATERAL unnest(x.indkey) WITH ORDINALITY k(attnum, pos) ON true
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
         WHERE x.indrelid = %s::regclass AND x.indisprimary ORDER BY k.pos""",
                        (table,)).fetchall()
    return [r[0] for r in rows]


# Row builders for the isolation matrix.  A builder returns the column values of one valid
# row of its table owned by ``owner`` (a core.users id); ``n`` is unique per call so unique
# columns can be filled.  The harness adds the owner column(s) itself; columns with
# defaults may be left out.  Domain engineers: register every RLS table that has an owner
# column here, e.g.
#     "trading.orders": lambda conn, owner, n: {"asset_id": make_asset(conn, n), ...},
RowBuilder = Callable[[psycopg.Connection, int | None, int], dict[str, object]]
_counter = itertools.count(1)


def evm_wallet(n: int) -> str:
    """A valid, unique lower-case EVM address."""
    return "0x" + format(n, "040x")


ROW_BUILDERS: dict[str, RowBuilder] = {
    USERS_TABLE: lambda conn, owner, n: {"wallet_address": evm_wallet(n)},
    # Off the Grid: progress needs a published module without prerequisites
    "education.progress": lambda conn, owner, n: {
        "module_id": conn.execute(
            "INSERT INTO education.modules (slug, title, position, is_published) "
            "VALUES (%s, 'Matrix module', %s, true) RETURNING id",
            (f"matrix-{n}", 100000 + n)).fetchone()[0],
        "status": "available"},
    "education.practice_sessions": lambda conn, owner, n: {
        "trading_pair": "ERG/SigUSD", "initial_balance": 1000},
    "trading.grids": lambda conn, owner, n: {
        "trading_pair": "ERG/SigUSD", "lower_price": 1.2, "upper_price": 1.8, "grid_count": 10,
        "investment": 500},
    "auth.sessions": lambda conn, owner, n: {
        "jti": f"matrix-jti-{n}", "token_hash": n.to_bytes(32, "big"),
        "expires_at": "2999-01-01T00:00:00Z"},
    # The Construct: parents are created here (assets need an issuer: a fresh user, so the
    # row's owner is the only user it involves); a pre-filled party column is the other party
    "trading.orders": lambda conn, owner, n: {
        "asset_id": _construct_asset(conn, n), "side": "buy", "price": 10, "quantity": 1},
    "trading.escrows": lambda conn, owner, n: {
        "order_id": conn.execute(
            "INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) "
            "VALUES (%s, %s, 'buy', 10, 1) RETURNING id",
            (make_user(conn), _construct_asset(conn, n))).fetchone()[0],
        "seller_id": make_user(conn), "amount": 10},
    "manufacturing.orders": lambda conn, owner, n: {
        "manufacturer_id": None, "title": f"Matrix order {n}", "quantity": 1, "total_amount": 100},
    "manufacturing.quality_assurance": lambda conn, owner, n: {
        "order_id": conn.execute(
            "INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) "
            "VALUES (%s, 'Matrix QA order', 1, 100) RETURNING id", (make_user(conn),)).fetchone()[0],
        "result": "failed", "score": 10},
    "governance.proposals": lambda conn, owner, n: {
        "title": f"Matrix proposal {n}", "description": "draft", "quorum": 1,
        "voting_starts_at": "2999-01-01T00:00:00Z", "voting_ends_at": "2999-01-08T00:00:00Z"},
    "governance.votes": lambda conn, owner, n: {
        "proposal_id": conn.execute(
            "INSERT INTO governance.proposals (proposer_id, title, description, status, "
            "voting_starts_at, voting_ends_at, quorum) VALUES (%s, 'Matrix vote', 'x', 'active', "
            "now() - interval '1 day', now() + interval '1 day', 1) RETURNING id",
            (make_user(conn),)).fetchone()[0],
        "choice": "for"},
    # TraceChain: products, stakeholders (public reads, see test_rls_isolation.public_read),
    # token rows of one user, payment contracts between two parties
    "trace.products": lambda conn, owner, n: {
        "product_id": 900000 + n, "product_name": f"Matrix product {n}", "product_type": "other",
        "batch_number": f"MX-{n}", "manufacture_date": "2026-01-01T00:00:00Z"},
    "trace.stakeholders": lambda conn, owner, n: {
        "product_id": conn.execute(
            "INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, "
            "manufacture_date) VALUES (%s, 'Matrix', 'other', %s, %s, now()) RETURNING product_id",
            (900000 + n, owner if owner is not None else make_user(conn), f"MXS-{n}")).fetchone()[0],
        "user_id": make_user(conn), "role": "consumer"},
    "token.trace_points": lambda conn, owner, n: {"points": 1, "points_type": "checkpoint"},
    "token.transactions": lambda conn, owner, n: {"transaction_type": "mint", "amount": 1},
    "token.stakes": lambda conn, owner, n: {
        "pool_id": conn.execute(
            "INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, "
            "lock_period_days) VALUES (%s, 'product', 1, 1, 0) RETURNING id", (f"Matrix pool {n}",)).fetchone()[0],
        "amount": 10},
    "payment.contracts": lambda conn, owner, n: {
        "contract_address": evm_wallet(n), "seller_id": make_user(conn), "amount": 10,
        "product_id": conn.execute(
            "INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, "
            "manufacture_date) VALUES (%s, 'Matrix', 'other', %s, %s, now()) RETURNING product_id",
            (900000 + n, make_user(conn), f"MXC-{n}")).fetchone()[0]},
}


def _construct_asset(conn, n: int) -> int:
    """A blockchain.assets row issued by a fresh user (for the Construct row builders)."""
    return conn.execute(
        "INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) "
        "VALUES (%s, 'sensor', 'Matrix asset', %s, 1) RETURNING id",
        (make_user(conn), f"MX{n}")).fetchone()[0]


def build_row(conn, table: str, owner: int | None, owner_cols: list[str]) -> dict[str, object]:
    """Column values of a valid row of ``table`` owned by ``owner``; KeyError with the
    instructions when no builder is registered."""
    if table not in ROW_BUILDERS:
        raise KeyError(
            f"{table} has row-level security with an owner column but no row builder: "
            f"register one in test/python/harness.py ROW_BUILDERS "
            f"(\"{table}\": lambda conn, owner, n: {{...valid column values...}})")
    values = dict(ROW_BUILDERS[table](conn, owner, next(_counter) + 1000))
    if owner is not None:
        # an owner column the builder filled itself is the row's other party (escrow seller,
        # manufacturer): two-party tables forbid both parties being the same user
        values.update({col: owner for col in owner_cols if col not in values})
    return values


def insert_row(conn, table: str, values: dict[str, object], returning: list[str]) -> tuple:
    """INSERT one row and return the ``returning`` columns."""
    from psycopg import sql

    schema, name = table.split(".", 1)
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING {}").format(
        sql.Identifier(schema, name),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
        sql.SQL(", ").join(map(sql.Identifier, returning)))
    if not values:
        query = sql.SQL("INSERT INTO {} DEFAULT VALUES RETURNING {}").format(
            sql.Identifier(schema, name), sql.SQL(", ").join(map(sql.Identifier, returning)))
    return conn.execute(query, list(values.values())).fetchone()


def make_user(conn) -> int:
    """A new core.users row (as the superuser); returns its id."""
    return insert_row(conn, USERS_TABLE, build_row(conn, USERS_TABLE, None, []),
                      primary_key(conn, USERS_TABLE))[0]


# ----------------------------------------------------------------------------- round trip

def public_objects(conn) -> list[str]:
    """Relations, functions and types (not array or row types) in schema public."""
    rows = conn.execute("""
        SELECT 'relation ' || c.relname FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'type ' || t.typname FROM pg_type t
         WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
        ORDER BY 1""").fetchall()
    return [r[0] for r in rows]


def snapshot(conn) -> set[tuple[str, str]]:
    """What of ours a database holds: the inventory plus anything in public."""
    return ({(o.kind, o.name) for o in inventory(conn)}
            | {("public", name) for name in public_objects(conn)})


# ----------------------------------------------------------------------------- partitions

def time_partitioned_tables(conn) -> list[str]:
    """Our tables RANGE-partitioned on one time column (timestamptz, timestamp or date)."""
    return [r[0] for r in conn.execute(f"""
        SELECT c.oid::regclass::text FROM pg_partitioned_table pt
          JOIN pg_class c ON c.oid = pt.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
         WHERE {ours('n.nspname')} AND pt.partstrat = 'r' AND pt.partnatts = 1
           AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)
         ORDER BY 1""").fetchall()]


def partitions_of(conn, table: str) -> list[tuple[str, str]]:
    """(qualified name, bound expression) of each partition of ``table``, by name."""
    return [tuple(r) for r in conn.execute("""
        SELECT c.oid::regclass::text, pg_get_expr(c.relpartbound, c.oid)
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = %s::regclass ORDER BY 1""", (table,)).fetchall()]
