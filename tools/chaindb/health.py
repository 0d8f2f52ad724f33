"""The health summary ``chaindb up`` prints after deploying: diag.health() when the diag
schema is deployed, otherwise an inventory of objects per schema."""

from __future__ import annotations

from typing import Callable

INVENTORY_SQL = """
SELECT n.nspname AS schema,
       count(*) FILTER (WHERE c.relkind IN ('r', 'p')) AS tables,
       count(*) FILTER (WHERE c.relkind IN ('v', 'm')) AS views,
       (SELECT count(*) FROM pg_catalog.pg_proc AS p WHERE p.pronamespace = n.oid) AS functions
  FROM pg_catalog.pg_namespace AS n
  LEFT JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND NOT c.relispartition
 WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests')
 GROUP BY n.oid, n.nspname
 ORDER BY n.nspname
"""


def report(conn, echo: Callable[[str], None] = print, plan=None) -> None:
    """Print the diag.health() table (chaindb.diag; with ``plan``, also the changes of the
    plan not deployed), or the per-schema inventory when diag is not deployed."""
    if conn.execute("SELECT to_regprocedure('diag.health()')").fetchone()[0]:
        from chaindb.diag import health_report

        echo(health_report(conn, plan))
        return
    echo("Health: objects per schema")
    for schema, tables, views, functions in conn.execute(INVENTORY_SQL):
        echo(f"  {schema:<16} {tables:>3} tables  {views:>3} views  {functions:>3} functions")
