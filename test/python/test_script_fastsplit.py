"""The deploy fast path's regex splitter (script.fast_split) must cut every file it accepts
exactly as the psql lexer (script.Lexer) does: same statement texts, same lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chaindb.script import Lexer, MetaCommand, Statement, fast_split
from test_script_split_property import scripts

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIRS = ["deploy", "revert", "verify", "functions", "views", "roles", "test",
               "test/python/runner_corpus"]
VARIABLES = {"registry": "sqitch"}


def full_split(text: str, variables: dict[str, str]) -> list[Statement] | None:
    """What the full lexer returns; None if it meets a meta-command."""
    lexer = Lexer(text, variables=dict(variables), std_strings=lambda: True)
    out = []
    while (item := lexer.next_item()) is not None:
        if isinstance(item, MetaCommand):
            return None
        out.append(item)
    return out


def _corpus() -> list[Path]:
    files = set()
    for folder in CORPUS_DIRS:
        files.update((ROOT / folder).rglob("*.sql"))
    return sorted(files)


def test_fast_split_agrees_on_every_project_file():
    files = _corpus()
    assert len(files) > 20
    accepted = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        fast = fast_split(text, VARIABLES)
        if fast is None:
            continue
        accepted += 1
        assert fast == full_split(text, VARIABLES), path
    # The fast path must actually be taken for the usual deploy script.
    assert accepted > len(files) // 2


@pytest.mark.parametrize("text", [
    "SELECT 1;\n\n\nSELECT 'a\n\nb';\n",
    "  -- lead\n\n/* c\n\n */ SELECT 1\n\n ;",
    "SELECT (1;2);\nSELECT 3;",
    "CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1; SELECT 1; end; SELECT 2;",
    "CREATE OR REPLACE PROCEDURE p() AS $x$ ; $x$ LANGUAGE sql;\nSELECT $1abc, 1e'x;', n';';",
    "SELECT :undefined, :'undef;', x::text, U&\"a;\" FROM t;",
    "SELECT $$unterminated;",
    "SELECT 1; SELECT 2",
    "SELECT /* /* nested; */ still; */ 1;",
    "SELECT 'it''s;', \"a\"\"b;\", B'1;', $a$ $b$; $a$;",
])
def test_fast_split_agrees_on_edge_cases(text):
    fast = fast_split(text, VARIABLES)
    if fast is not None:
        assert fast == full_split(text, VARIABLES)


def test_fast_split_declines_what_needs_the_lexer():
    assert fast_split("SELECT :registry;", VARIABLES) is None
    assert fast_split("SELECT :'registry';", VARIABLES) is None
    assert fast_split("SELECT :{?x};", VARIABLES) is None
    assert fast_split("\\i other.sql\n", VARIABLES) is None
    assert fast_split("SELECT E'\\n';", VARIABLES) is None
    assert fast_split("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
                      VARIABLES) is None
    assert fast_split("SELECT 1;\r\n", VARIABLES) is None
    assert fast_split("SELECT 1;", VARIABLES, standard_conforming_strings=False) is None
    assert fast_split("SELECT 'open;", VARIABLES) is None
    assert fast_split("SELECT 1;\nSELECT 2;\n", VARIABLES) == [
        Statement("SELECT 1;", 1, 1), Statement("SELECT 2;", 2, 2)]


@settings(max_examples=300, deadline=None)
@given(script=scripts(scs=True))
def test_fast_split_agrees_with_lexer_on_generated_scripts(script):
    fast = fast_split(script.text, VARIABLES)
    if fast is not None:
        assert fast == full_split(script.text, VARIABLES)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["a", "b$", "$", "$t$", ";", "'", '"', "(", ")", "--", "/*", "*/", "\n", "\n\n", " ", ":",
     ":x", "e", "E'", "n'", "U&", "1", "$1", "create", "or", "replace", "function",
     "procedure", "begin", "case", "end", "x"]), max_size=30).map("".join))
def test_fast_split_agrees_with_lexer_on_noise(text):
    fast = fast_split(text, VARIABLES)
    if fast is not None:
        assert fast == full_split(text, VARIABLES)
