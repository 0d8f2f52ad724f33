"""A psql-compatible script runner on one psycopg connection.

CONTRACT (stub by the lead; the runner owner fills it in and keeps these names):

    run_file(conn, path, variables=None, *, output=None) -> None

runs the file as `psql --quiet --no-psqlrc --no-align --tuples-only --set ON_ERROR_STOP=1
--set registry=<reg> --file path` would: statement by statement on ``conn`` (a psycopg
Connection in autocommit mode; the script's own BEGIN/COMMIT make its transactions),
meta-commands \\i \\ir \\include \\include_relative \\set \\unset \\echo \\qecho \\if \\elif
\\else \\endif, COPY ... FROM stdin, :var interpolation.  ``variables`` are psql variables
(``--set k=v``).  ``output`` is a callable receiving text psql would print (\\echo, query
rows in unaligned tuples-only form); None discards it.

On the first error it rolls back an open transaction and raises ScriptError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from chaindb.errors import ChaindbError


class ScriptError(ChaindbError):
    """A script failed.  str(): 'deploy/x.sql:12: ERROR 42P01: relation "t" does not exist'
    (plus DETAIL when PostgreSQL gave one).  Attributes: path, line, sqlstate, pg_message,
    detail."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None,
                 sqlstate: str | None = None, pg_message: str | None = None,
                 detail: str | None = None):
        super().__init__(message)
        self.path, self.line, self.sqlstate = path, line, sqlstate
        self.pg_message, self.detail = pg_message, detail


def run_file(conn, path: Path | str, variables: dict[str, str] | None = None, *,
             output: Callable[[str], None] | None = None) -> None:
    raise NotImplementedError
