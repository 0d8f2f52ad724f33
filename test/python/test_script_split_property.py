"""Property: split_statements cuts a script exactly where PostgreSQL itself does.

Hypothesis builds scripts of ``SELECT <marker>, <tricky expressions>;`` statements whose
expressions are made of tokens that contain semicolons, quotes and dollar signs (string
literals of every kind, dollar quotes with tags, quoted identifiers, nested comments,
line comments, parentheses).  The reference is the server: the whole script sent in ONE
simple-query call returns one result per statement, as PostgreSQL's own lexer split it.
Running each statement from split_statements on its own must give the same results in the
same order, and each statement must start on the line where the generator put it.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chaindb.script import split_statements

# Expressions valid in a SELECT list whatever standard_conforming_strings says.
COMMON_TOKENS = [
    "'semi;colon'",
    "'it''s; quoted'",
    "E'\\';'",
    "E'back\\\\slash;'",
    "e'tab\\t'' ;'",
    "$$ ; ' \" $$",
    "$fn$ $$ ; $x$ $fn$",
    "$_a1$;$_a1$",
    "1 AS \"semi;col\"",
    "2 AS \"dq\"\"; \"",
    "/* c ; /* nested ; */ ' */ 3",
    "-- line ; ' comment\n4",
    "((5) + (6))",
    "ARRAY[(1), (2)]",
    "U&\"d\\0061t\" FROM (SELECT 7 AS dat) AS s",
    "B'101'",
    "X'1F'",
    "N'nat;ional'",
    "8::text",
    "(SELECT x$ FROM (SELECT 9 AS x$) AS q)",
    "'a' || $q$;$q$",
    "10 /* ; */ * 2",
]
SCS_ON_TOKENS = ["U&'\\0041;'", "U&'\\\\;'"]  # the server refuses U&'' with scs off
SCS_OFF_TOKENS = ["'esc\\';aped'", "'two\\\\'"]
SEPARATORS = [" ", "\n", "\n\n", " \t", "\n  "]


@dataclass
class GeneratedScript:
    text: str
    statement_lines: list[int]
    count: int


@st.composite
def scripts(draw, scs: bool) -> GeneratedScript:
    tokens = COMMON_TOKENS + (SCS_ON_TOKENS if scs else SCS_OFF_TOKENS)
    count = draw(st.integers(min_value=1, max_value=6))
    parts: list[str] = []
    lines: list[int] = []
    line = 1
    for marker in range(count):
        if draw(st.booleans()):  # a line comment before the statement: psql drops it
            parts.append("-- before; 'x' $$\n")
            line += 1
        lines.append(line)
        exprs = draw(st.lists(st.sampled_from(tokens), min_size=0, max_size=4))
        # A FROM clause (U&"..." token) must come last in the list.
        exprs.sort(key=lambda e: " FROM " in e)
        if sum(" FROM " in e for e in exprs) > 1:
            exprs = [e for e in exprs if " FROM " not in e] + [next(e for e in exprs if " FROM " in e)]
        statement = f"SELECT {marker} AS marker"
        for expr in exprs:
            statement += "," + draw(st.sampled_from(SEPARATORS)) + expr
        last = marker == count - 1
        terminator = "" if last and draw(st.booleans()) else ";"
        text = statement + draw(st.sampled_from(["", " ", "\n"])) + terminator + "\n"
        parts.append(text)
        line += text.count("\n")
    return GeneratedScript("".join(parts), lines, count)


def _results(cur: psycopg.Cursor) -> list[list[tuple]]:
    """All result sets of the last execute, as rows of raw text values."""
    out = []
    while True:
        result = cur.pgresult
        out.append([tuple(result.get_value(r, c) for c in range(result.nfields))
                    for r in range(result.ntuples)])
        if not cur.nextset():
            return out


@pytest.fixture
def conn(empty_db):
    with empty_db.connect() as connection:
        yield connection


def _check(conn: psycopg.Connection, script: GeneratedScript, scs: bool) -> None:
    conn.execute(f"SET standard_conforming_strings = {'on' if scs else 'off'}")
    conn.execute("SET escape_string_warning = off")
    with conn.cursor() as cur:
        cur.execute(script.text, prepare=False)  # the server splits the whole script
        reference = _results(cur)
        statements = split_statements(script.text, standard_conforming_strings=scs)
        ours = []
        for statement in statements:
            cur.execute(statement.text, prepare=False)
            results = _results(cur)
            assert len(results) == 1, f"one statement held several: {statement.text!r}"
            ours.extend(results)
    assert len(reference) == script.count
    assert [s.line for s in statements] == script.statement_lines
    assert ours == reference


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=scripts(scs=True))
def test_split_matches_server_standard_strings(conn, script):
    _check(conn, script, scs=True)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=scripts(scs=False))
def test_split_matches_server_escape_strings(conn, script):
    _check(conn, script, scs=False)
