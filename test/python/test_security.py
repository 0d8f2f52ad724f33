"""Security rules of the project (docs/conventions.md) as catalog checks over every object of ours, plus the two
static analysers: pgspot over the SQL sources (0 findings) and plpgsql_check over every
PL/pgSQL function (0 errors).  All generic: they read the catalogs and the source tree.
"""

from __future__ import annotations

import subprocess
import warnings

import pytest

import harness
from conftest import venv_tool

OURS = harness.ours("n.nspname")
SOURCE_DIRS = ("deploy", "functions", "views", "roles")
# Functions that must have no SET search_path because the planner inlines them (a SET clause
# stops inlining; pgspot documents PS005 as ignorable for them). Their bodies call only
# schema-qualified functions, so pgspot still checks them for unqualified names.
INLINED_FUNCTIONS = ("core.current_user_id()",)
# Procedures that COMMIT may not carry a SET clause (PostgreSQL refuses transaction control in them),
# so they cannot pin search_path; they hold only calls of schema-qualified functions and COMMITs.
COMMITTING_PROCEDURES = ("maint.cleanup_old_data(dry_run boolean,INOUT report jsonb)",
                         "maint.run_maintenance(INOUT run_id bigint,INOUT steps jsonb)")
# Members of an extension installed in one of our schemas (pg_stat_statements lives in diag) are
# the extension's, not ours: its owner, grants and comments are the extension's business.
NOT_EXTENSION_PROC = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
                      " AND d.objid = p.oid AND d.deptype = 'e')")
NOT_EXTENSION_REL = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                     " AND d.objid = c.oid AND d.deptype = 'e')")
NOT_EXTENSION_TYPE = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass"
                      " AND d.objid = t.oid AND d.deptype = 'e')")


def rows(db, query: str, params=()) -> list[tuple]:
    with db.connect() as conn:
        return conn.execute(query, params or None).fetchall()


def listing(found: list[tuple]) -> str:
    return "\n".join("  " + " | ".join(map(str, row)) for row in found)


def test_security_definer_functions_pin_search_path(deployed_db):
    found = rows(deployed_db, f"""
        SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE {OURS} AND p.prosecdef
           AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search\\_path=%')
         ORDER BY 1""")
    assert not found, "SECURITY DEFINER without SET search_path:\n" + listing(found)


def test_public_cannot_execute_our_functions(deployed_db):
    found = rows(deployed_db, f"""
        SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE {OURS} AND {NOT_EXTENSION_PROC} AND EXISTS (
               SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
         ORDER BY 1""")
    assert not found, "EXECUTE granted to PUBLIC:\n" + listing(found)


def test_public_cannot_create_in_any_schema(deployed_db):
    found = rows(deployed_db, """
        SELECT nspname FROM pg_namespace
         WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
           AND has_schema_privilege('public', oid, 'CREATE') ORDER BY 1""")
    assert not found, "PUBLIC may CREATE in:\n" + listing(found)


def test_our_roles_are_not_privileged(deployed_db):
    found = rows(deployed_db, """
        SELECT rolname, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles
         WHERE rolname LIKE %s AND (rolsuper OR rolbypassrls
               OR (rolname = %s AND rolcanlogin)) ORDER BY 1""",
                 (harness.OUR_ROLE_PATTERN, harness.OWNER_ROLE))
    assert not found, ("roles with SUPERUSER or BYPASSRLS, or a login owner "
                       "(name | login | super | bypassrls):\n" + listing(found))
    assert rows(deployed_db, "SELECT 1 FROM pg_roles WHERE rolname = %s", (harness.OWNER_ROLE,))


def test_everything_of_ours_is_owned_by_chain_owner(deployed_db):
    found = rows(deployed_db, f"""
        SELECT * FROM (
            SELECT 'schema', n.nspname, n.nspowner::regrole::text FROM pg_namespace n
             WHERE {OURS}
            UNION ALL
            SELECT 'relation', c.oid::regclass::text, c.relowner::regrole::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE {OURS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND {NOT_EXTENSION_REL}
            UNION ALL
            SELECT 'function', p.oid::regprocedure::text, p.proowner::regrole::text
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {OURS} AND {NOT_EXTENSION_PROC}
            UNION ALL
            SELECT 'type', t.oid::regtype::text, t.typowner::regrole::text
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE {OURS} AND t.typtype IN ('e', 'd', 'r', 'm') AND {NOT_EXTENSION_TYPE}
        ) o(kind, name, owner) WHERE owner <> '{harness.OWNER_ROLE}' ORDER BY 1, 2""")
    assert not found, f"not owned by {harness.OWNER_ROLE} (kind | name | owner):\n" + listing(found)


def test_tables_and_functions_have_comments(deployed_db):
    found = rows(deployed_db, f"""
        SELECT 'table', c.oid::regclass::text FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {OURS} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND obj_description(c.oid, 'pg_class') IS NULL
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE {OURS} AND obj_description(p.oid, 'pg_proc') IS NULL AND {NOT_EXTENSION_PROC}
        ORDER BY 1, 2""")
    assert not found, "no COMMENT:\n" + listing(found)


def sql_sources() -> list:
    return sorted(p for d in SOURCE_DIRS for p in (harness.REPO / d).rglob("*.sql"))


def test_pgspot_finds_nothing(tmp_path):
    """pgspot cannot parse psql meta-commands: each source is fed with its ``\\`` lines
    (e.g. a deploy script's ``\\ir ../functions/x.sql``) turned into comments, so line
    numbers stay right; the included sources are checked as files of their own."""
    sources = sql_sources()
    assert sources, "no SQL sources found"
    copies = []
    for source in sources:
        copy = tmp_path / harness.relative(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text("".join("-- " + line if line.lstrip().startswith("\\") else line
                                for line in source.read_text().splitlines(keepends=True)))
        copies.append(copy)
    allowed = [arg for name in INLINED_FUNCTIONS + COMMITTING_PROCEDURES
               for arg in ("--proc-without-search-path", name)]
    pgspot = venv_tool("pgspot")
    assert pgspot, "pgspot is not installed (a test dependency: pip install -e '.[test]')"
    proc = subprocess.run([pgspot, *allowed, *map(str, copies)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, "pgspot findings:\n" + pgspot_findings(
        (proc.stdout + proc.stderr).replace(str(tmp_path) + "/", ""))


def pgspot_findings(output: str) -> str:
    """pgspot's report without the files that had nothing to say."""
    kept, current = [], None
    for line in output.splitlines():
        if line.endswith(".sql: "):
            current = line.strip()
        elif line.strip() and not line.lstrip().startswith("Errors:"):
            if current:
                kept.append(current)
                current = None
            kept.append("  " + line.strip())
    return "\n".join(kept)


def test_plpgsql_check_finds_no_errors(deployed_db):
    """Every PL/pgSQL function of ours; a trigger function is checked against each table
    whose trigger calls it (it cannot be checked without one)."""
    with deployed_db.connect() as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS plpgsql_check")
        # A trigger function is checked with the transition tables its statement triggers
        # declare (per function, across tables).  audit.capture_statement() also serves the
        # TRUNCATE triggers, which have none: a statement-tracked probe table gives it its
        # old_rows/new_rows context even when no table of ours is statement-tracked.
        conn.execute("CREATE TABLE public.plpgsql_check_probe (id int PRIMARY KEY)")
        conn.execute("SELECT audit.enable_tracking('public.plpgsql_check_probe', true)")
        targets = conn.execute(f"""
            SELECT p.oid, p.oid::regprocedure::text, g.tgrelid, g.tgrelid::regclass::text,
                   p.prorettype = 'trigger'::regtype, g.oldtable, g.newtable
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              JOIN pg_language l ON l.oid = p.prolang AND l.lanname = 'plpgsql'
              LEFT JOIN LATERAL (SELECT DISTINCT t.tgrelid,
                                        max(t.tgoldtable) OVER () AS oldtable,
                                        max(t.tgnewtable) OVER () AS newtable
                                   FROM pg_trigger t
                                  WHERE t.tgfoid = p.oid AND NOT t.tgisinternal) g
                     ON p.prorettype = 'trigger'::regtype
             WHERE {OURS} ORDER BY 2, 4""").fetchall()
        errors, unattached = [], []
        for oid, name, relid, relname, is_trigger, oldtable, newtable in targets:
            if is_trigger and relid is None:
                unattached.append(name)
                continue
            # statement triggers name their transition tables; plpgsql_check needs them
            found = conn.execute(
                "SELECT lineno, message FROM plpgsql_check_function_tb(%s, %s, "
                "oldtable => %s, newtable => %s) WHERE level = 'error'",
                (oid, relid or 0, oldtable, newtable)).fetchall()
            errors += [f"{name}{' on ' + relname if relname else ''} line {line}: {msg}"
                       for line, msg in found]
    if unattached:
        warnings.warn("trigger functions used by no trigger (not checked): "
                      + ", ".join(unattached))
    assert targets, "no PL/pgSQL functions found"
    assert not errors, "plpgsql_check errors:\n  " + "\n  ".join(errors)
