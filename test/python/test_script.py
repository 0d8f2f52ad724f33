"""Unit tests of chaindb.script: the lexer, interpolation, \\if logic, error reporting and
the one-message batch of the deploy fast path."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from chaindb.errors import ChaindbError
from chaindb.script import (Lexer, MetaCommand, ScriptError, Statement, parse_bool,
                            plain_statements, quote_ident, quote_literal, run_batch, run_file,
                            run_text, split_statements)


def texts(sql: str, **kw) -> list[str]:
    return [s.text for s in split_statements(sql, **kw)]


# ---- lexer ------------------------------------------------------------------------------

@pytest.mark.parametrize("sql, expected", [
    ("SELECT 1; SELECT 2;", ["SELECT 1;", "SELECT 2;"]),
    ("SELECT 'a;b''c';", ["SELECT 'a;b''c';"]),
    ("SELECT E'\\';';", ["SELECT E'\\';';"]),
    ("SELECT $$;$$; SELECT $fn$ $$ ; $fn$;", ["SELECT $$;$$;", "SELECT $fn$ $$ ; $fn$;"]),
    ("SELECT $a$ $b$ ; $a$;", ["SELECT $a$ $b$ ; $a$;"]),
    ("SELECT $1; SELECT 2;", ["SELECT $1;", "SELECT 2;"]),
    ("SELECT a$b$c; SELECT 2;", ["SELECT a$b$c;", "SELECT 2;"]),
    ('SELECT 1 AS "x;""y";', ['SELECT 1 AS "x;""y";']),
    ("SELECT 1 /* a /* ; */ ; */;", ["SELECT 1 /* a /* ; */ ; */;"]),
    ("SELECT 1 -- ; comment\n;", ["SELECT 1 -- ; comment\n;"]),
    ("SELECT (1;2); SELECT 3;", ["SELECT (1;2);", "SELECT 3;"]),
    ("SELECT U&'\\0041;', B'1;', X'1F';", ["SELECT U&'\\0041;', B'1;', X'1F';"]),
    ("SELECT N'a;b';", ["SELECT N'a;b';"]),
    ("SELECT 1; SELECT 2", ["SELECT 1;", "SELECT 2"]),
    ("-- only a comment\n", []),
    ("SELECT 1 \\; SELECT 2;", ["SELECT 1 ; SELECT 2;"]),
    ("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;",
     ["CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;",
      "SELECT 3;"]),
    ("BEGIN; SELECT 1; END;", ["BEGIN;", "SELECT 1;", "END;"]),
])
def test_split(sql, expected):
    assert texts(sql) == expected


def test_backslash_quotes_follow_standard_conforming_strings():
    sql = "SELECT 'a\\'; SELECT 2;';"
    assert texts(sql) == ["SELECT 'a\\';", "SELECT 2;", "';"]
    assert texts(sql, standard_conforming_strings=False) == [sql]


def test_lines_are_where_statements_start_and_end():
    sql = "-- header\n\nSELECT 1,\n  2\n;\n/* c */ SELECT\n3; SELECT 4"
    stmts = split_statements(sql)
    assert [(s.line, s.end_line) for s in stmts] == [(3, 5), (6, 7), (7, 7)]
    assert stmts[0].text == "SELECT 1,\n  2\n;"  # psql drops leading line comments


def test_empty_lines_outside_quotes_are_dropped_like_psql():
    assert texts("SELECT\n\n1;") == ["SELECT\n1;"]
    assert texts("SELECT '\n\n';") == ["SELECT '\n\n';"]


def test_string_continuation_does_not_cross_input_lines_like_psql():
    # psql lexes line by line: 'a' and the next line's 'b\' are separate strings.
    assert texts("SELECT E'a'\n'b\\'; x") == ["SELECT E'a'\n'b\\';", "x"]


def lex(sql: str, variables: dict[str, str]) -> list:
    lexer = Lexer(sql, variables=variables)
    items = []
    while (item := lexer.next_item()) is not None:
        items.append(item if isinstance(item, Statement) else (item, lexer.read_args()))
    return items


def test_interpolation_forms():
    variables = {"v": "it's", "n": "3", "t": "a \\ b"}
    [stmt] = lex("SELECT :n, :'v', :\"v\", :'t', :{?v}, :{?zz}, :zz, x::int;", variables)
    assert stmt.text == "SELECT 3, 'it''s', \"it's\",  E'a \\\\ b', TRUE, FALSE, :zz, x::int;"


def test_no_interpolation_inside_quotes_comments_or_dollar_quotes():
    [stmt] = lex("SELECT ':v', \":v\", $$:v$$ /* :v */ -- :v\n;", {"v": "X"})
    assert "X" not in stmt.text


def test_plain_variable_values_are_rescanned():
    items = lex("SELECT :a;", {"a": "1; SELECT :b", "b": "2"})
    assert [s.text for s in items] == ["SELECT 1;", "SELECT 2;"]


def test_recursive_variable_is_not_expanded_forever():
    [stmt] = lex("SELECT :a;", {"a": "1 + :a"})
    assert stmt.text == "SELECT 1 + :a;"


def test_meta_command_arguments():
    [(cmd, args)] = lex("\\set x 'a b' c\"d e\" 'it''s\\t' :v :'v' :\"v\"\n", {"v": "q"})
    assert cmd == MetaCommand("set", 1)
    assert args == ["x", "a b", 'c"d e"', "it's\t", "q", "'q'", '"q"']


def test_meta_command_between_statement_parts_keeps_the_query():
    items = lex("SELECT\n\\echo hi\n1;", {})
    assert items[0] == (MetaCommand("echo", 2), ["hi"])
    assert items[1].text == "SELECT\n1;"


def test_quote_helpers_match_libpq():
    assert quote_literal("it's") == "'it''s'"
    assert quote_literal("a\\b") == " E'a\\\\b'"
    assert quote_ident('a"b') == '"a""b"'


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("T", True), ("tr", True), ("yes", True), ("y", True), ("on", True),
    ("1", True), ("false", False), ("f", False), ("no", False), ("N", False), ("off", False),
    ("of", False), ("0", False), ("o", None), ("", None), ("maybe", None), ("2", None),
    ("truex", None),
])
def test_parse_bool(value, expected):
    assert parse_bool(value) is expected


# ---- executor (real PostgreSQL) ---------------------------------------------------------

@pytest.fixture
def conn(empty_db):
    with empty_db.connect() as connection:
        yield connection


def run(conn, text: str, variables=None, name="s.sql") -> str:
    out: list[str] = []
    run_text(conn, text, variables, name=name, output=out.append)
    return "".join(out)


def test_rows_in_unaligned_tuples_only_form(conn):
    assert run(conn, "SELECT 1, NULL, true, 'a%sb', ARRAY[1,2], 1.50::numeric;") == \
        "1||t|a%sb|{1,2}|1.50\n"


def test_if_elif_else_nesting(conn):
    script = """
\\set a off
\\if :a
\\echo one
\\elif yes
\\echo two
  \\if 0
  \\echo no
  \\else
  \\echo nested
  \\endif
\\else
\\echo three
\\endif
\\if false
SELECT broken syntax here;
\\unknown_command
\\endif
"""
    assert run(conn, script) == "two\nnested\n"


@pytest.mark.parametrize("script, message", [
    ("\\endif\n", "s.sql:1: \\endif: no matching \\if"),
    ("\\if true\n\\else\n\\elif true\n\\endif\n", "s.sql:3: \\elif: cannot occur after \\else"),
    ("SELECT 1;\n\\if true\n", "s.sql:2: reached EOF without finding closing \\endif(s)"),
    ("SELECT 1;\n\n\\frob\n", "s.sql:3: invalid command \\frob"),
    ("\\c otherdb\n", "s.sql:1: \\c is not supported by chaindb (connecting or changing "
     "the connection is not supported)"),
    ("\\o /tmp/x\n", "s.sql:1: \\o is not supported by chaindb (files, the shell, the "
     "terminal and client settings are not supported)"),
    ("\\pset format html\n", "s.sql:1: \\pset is not supported by chaindb (output formats "
     "other than Sqitch's (--no-align --tuples-only) are not supported)"),
    ("\\dt\n", "s.sql:1: \\dt is not supported by chaindb (describe and help commands are "
     "not supported)"),
    ("\\g /tmp/out\n", "s.sql:1: \\g is not supported by chaindb with an argument (files "
     "and pipes are not supported)"),
])
def test_meta_command_errors(conn, script, message):
    """Every psql meta-command is run as psql runs it or refused by name, with psql's
    ``psql:FILE:LINE: error: ...`` on stderr -- never a traceback."""
    stderr: list[str] = []
    with pytest.raises(ScriptError) as caught:
        run_text(conn, script, name="s.sql", notice=stderr.append)
    assert str(caught.value) == message
    assert caught.value.psql_text == f"psql:{message.replace(': ', ': error: ', 1)}\n"
    assert stderr == [caught.value.psql_text]
    assert isinstance(caught.value, ChaindbError)


def test_invalid_boolean_counts_as_false_with_a_complaint_like_psql(conn):
    notices: list[str] = []
    out: list[str] = []
    run_text(conn, "\\if maybe\n\\echo yes\n\\else\n\\echo no\n\\endif\n", name="s.sql",
             output=out.append, notice=notices.append)
    assert out == ["no\n"]
    assert notices == ['psql:s.sql:1: error: unrecognized value "maybe" for "\\if '
                       'expression": Boolean expected\n']


def test_error_names_file_line_sqlstate_detail_and_rolls_back(conn):
    conn.execute("CREATE TABLE u (id int PRIMARY KEY)")
    script = "INSERT INTO u VALUES (1);\nBEGIN;\nINSERT INTO u VALUES (2);\nINSERT INTO u\n VALUES (1);\n"
    with pytest.raises(ScriptError) as caught:
        run(conn, script, name="deploy/x.sql")
    err = caught.value
    assert (str(err.path), err.line, err.psql_line, err.sqlstate) == ("deploy/x.sql", 4, 5, "23505")
    assert err.pg_message == 'duplicate key value violates unique constraint "u_pkey"'
    assert err.detail == "Key (id)=(1) already exists."
    assert str(err) == ('deploy/x.sql:4: ERROR 23505: duplicate key value violates unique '
                        'constraint "u_pkey"; DETAIL: Key (id)=(1) already exists.')
    assert conn.info.transaction_status.name == "IDLE"
    assert conn.execute("SELECT array_agg(id) FROM u").fetchone()[0] == [1]


def test_open_transaction_at_end_is_rolled_back_like_psql_exit(conn):
    run(conn, "CREATE TABLE kept (a int);\nBEGIN;\nCREATE TABLE lost (a int);\n")
    assert conn.info.transaction_status.name == "IDLE"
    names = conn.execute("SELECT array_agg(relname::text ORDER BY relname) FROM pg_class "
                         "WHERE relname IN ('kept', 'lost')").fetchone()[0]
    assert names == ["kept"]


def test_missing_file_is_a_script_error(conn, tmp_path):
    with pytest.raises(ScriptError) as caught:
        run_file(conn, tmp_path / "nope.sql")
    assert "nope.sql: No such file or directory" in str(caught.value)
    (tmp_path / "main.sql").write_text("SELECT 1;\n\\ir missing.sql\n")
    with pytest.raises(ScriptError) as caught:
        run_file(conn, tmp_path / "main.sql")
    assert str(caught.value).startswith(f"{tmp_path / 'main.sql'}:2: ")
    assert caught.value.line == 2


def test_include_cycle_and_error_inside_include(conn, tmp_path):
    (tmp_path / "a.sql").write_text("\\ir sub/b.sql\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.sql").write_text("SELECT 1;\n\\ir ../a.sql\n")
    with pytest.raises(ScriptError, match="include cycle") as caught:
        run_file(conn, tmp_path / "a.sql")
    assert caught.value.path == tmp_path / "sub" / "b.sql" and caught.value.line == 2

    (tmp_path / "c.sql").write_text("\\ir sub/d.sql\n")
    (tmp_path / "sub" / "d.sql").write_text("\n\nSELECT nope;\n")
    with pytest.raises(ScriptError) as caught:
        run_file(conn, tmp_path / "c.sql")
    assert (caught.value.path, caught.value.line) == (tmp_path / "sub" / "d.sql", 3)
    assert caught.value.sqlstate == "42703"


def test_variables_builtins_and_notices(conn):
    notices: list[str] = []
    out: list[str] = []
    script = ("\\echo :registry :ON_ERROR_STOP :DBNAME\n"
              "DO $$ BEGIN RAISE NOTICE 'hello %', 1; END $$;\n\\warn warned\n")
    variables = {"registry": "sqitch"}
    run_text(conn, script, variables, output=out.append, notice=notices.append)
    assert out == [f"sqitch 1 {conn.info.dbname}\n"]
    assert notices == ["psql:<script>:2: NOTICE:  hello 1\n", "warned\n"]
    assert variables == {"registry": "sqitch"}  # the caller's dict is not changed


def test_copy_from_stdin_and_to_stdout(conn):
    script = "CREATE TABLE c (a int, b text);\nCOPY c FROM stdin;\n1\tx\\ty\n2\t\\N\n\\.\n" \
             "COPY c TO stdout;\nSELECT count(*) FROM c;\n"
    assert run(conn, script) == "1\tx\\ty\n2\t\\N\n2\n"


def test_statements_run_outside_transactions(conn):
    run(conn, "CREATE TYPE m AS ENUM ('a');\nALTER TYPE m ADD VALUE 'b';\nCREATE TABLE t (v m);\n"
              "CREATE INDEX CONCURRENTLY t_v ON t (v);\nVACUUM t;\n")
    assert conn.execute("SELECT enum_range(NULL::m)::text").fetchone()[0] == "{a,b}"


def test_excessive_include_depth(conn, tmp_path):
    for n in range(40):
        (tmp_path / f"f{n}.sql").write_text(f"\\ir f{n + 1}.sql\n")
    (tmp_path / "f40.sql").write_text("SELECT 1;\n")
    with pytest.raises(ScriptError, match="includes nested deeper than 32"):
        run_file(conn, tmp_path / "f0.sql")


def test_percent_signs_and_multi_statement_variables_reach_the_server_verbatim(conn):
    out = run(conn, "\\set two 'SELECT 1; SELECT 2'\n:two;\nSELECT '100%' LIKE '%\\%%', format('%s', 'x');\n")
    assert out == "1\n2\nt|x\n"


# ---------------------------------------------------------------- run_batch (deploy fast path)
def plain(tmp_path: Path, sql: str) -> list[Statement]:
    """The statements of a plain script, as the engine's fast path gets them."""
    script = tmp_path / "plain.sql"
    script.write_text(sql)
    return [found.statement for found in plain_statements(script)]


def test_run_batch_is_one_message_with_the_callers_tail_and_prints_rows(conn, tmp_path):
    """One Query message: every statement sees the same statement_timestamp(); meanwhile()
    runs once, while the server works; rows print as run_file prints them."""
    out: list[str] = []
    calls: list[str] = []
    statements = plain(tmp_path, "BEGIN;\nCREATE TABLE public.stamps (st timestamptz);\n"
                             "INSERT INTO public.stamps SELECT statement_timestamp();\n"
                             "SELECT 'a', NULL, 2;\n")
    run_batch(conn, statements, output=out.append, meanwhile=lambda: calls.append(
        conn.info.transaction_status.name),
        then=["INSERT INTO public.stamps SELECT statement_timestamp();", "COMMIT;"])
    assert out == ["a||2\n"]
    assert calls == ["ACTIVE"]                    # the server was still on the message
    assert conn.execute("SELECT count(DISTINCT st), count(*) FROM public.stamps"
                        ).fetchone() == (1, 2)
    assert conn.info.transaction_status.name == "IDLE"


def test_run_batch_error_skips_the_rest_and_leaves_the_connection_usable(conn, tmp_path):
    statements = plain(tmp_path, "BEGIN;\nCREATE TABLE public.t (n int);\nSELECT 1/0;\n")
    with pytest.raises(psycopg.errors.DivisionByZero):
        run_batch(conn, statements, then=["INSERT INTO public.t VALUES (1);", "COMMIT;"])
    assert conn.info.transaction_status.name == "INERROR"   # COMMIT was skipped
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT to_regclass('public.t')").fetchone()[0] is None


def test_run_batch_interrupted_while_waiting_cancels_and_leaves_the_connection_idle(
        conn, tmp_path):
    def interrupt():
        raise KeyboardInterrupt

    statements = plain(tmp_path, "BEGIN;\nCREATE TABLE public.slow AS SELECT pg_sleep(5);\n")
    with pytest.raises(KeyboardInterrupt):
        run_batch(conn, statements, then=["COMMIT;"], meanwhile=interrupt)
    assert conn.info.transaction_status.name in ("IDLE", "INERROR")
    if conn.info.transaction_status.name == "INERROR":
        conn.execute("ROLLBACK")
    assert conn.execute("SELECT to_regclass('public.slow')").fetchone()[0] is None


# Every backslash command psql 15 knows (psql --help=commands, \? variables aside).
PSQL_COMMANDS = (
    "a bind C c connect conninfo cd copy copyright crosstabview d da dA dAc dAf dAo dAp db "
    "dc dconfig dC dd dD ddp dE di dm ds dt dv des det deu dew df dF dFd dFp dFt dg dl dL dn "
    "do dO dp dP drds dRp dRs dT du dx dX dy e echo edit ef elif else encoding endif "
    "errverbose ev f g gdesc getenv gexec gset gx h help H html i if include "
    "include_relative ir l list lo_export lo_import lo_list lo_unlink o out p password print "
    "prompt pset q qecho quit r reset s set setenv sf sv t T timing unset w warn watch write "
    "x z ! ?").split()


@pytest.mark.parametrize("name", PSQL_COMMANDS)
def test_every_psql_meta_command_runs_or_is_refused_by_name(conn, name, tmp_path):
    """Each of psql's meta-commands, bare and with an argument: run as psql runs it, or a
    ScriptError naming the command with psql's ``psql:FILE:LINE: error:`` line -- never
    another exception."""
    (tmp_path / "inc.sql").write_text("SELECT 1;\n")
    for line in (f"\\{name}", f"\\{name} {tmp_path / 'inc.sql'}"):
        stderr: list[str] = []
        script = ("\\if true\n" if name in ("elif", "else", "endif") else "") + line + "\n" \
            + ("\\endif\n" if name in ("if", "elif", "else") else "")
        try:
            run_text(conn, script, name="m.sql", output=lambda text: None,
                     notice=stderr.append)
        except ScriptError as exc:
            assert exc.psql_text.startswith("psql:m.sql:"), exc.psql_text
            assert stderr[-1] == exc.psql_text
            if "not supported" in str(exc):
                assert f"\\{name} is not supported by chaindb" in str(exc)
        assert conn.info.transaction_status.name == "IDLE"
