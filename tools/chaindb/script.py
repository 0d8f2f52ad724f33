"""A psql-compatible script runner on one psycopg connection.

CONTRACT (kept from the lead's stub):

    run_file(conn, path, variables=None, *, output=None, notice=None) -> None

runs the file as `psql --quiet --no-psqlrc --no-align --tuples-only --set ON_ERROR_STOP=1
--set registry=<reg> --file path` would: statement by statement on ``conn`` (a psycopg
Connection in autocommit mode; the script's own BEGIN/COMMIT make its transactions),
meta-commands \\i \\ir \\include \\include_relative \\set \\unset \\echo \\qecho \\warn \\if
\\elif \\else \\endif, COPY ... FROM stdin / TO stdout, :var interpolation.  ``variables`` are
psql variables (``--set k=v``).  ``output`` receives the text psql would print on stdout, in
chunks that carry their own newlines (``"".join(chunks)`` equals psql's stdout); None
discards it.  ``notice`` receives server notices and \\warn text (psql's stderr).

On the first error it rolls back an open transaction and raises ScriptError.

The module has two halves: a lexer (``Lexer``: a state machine that mirrors psql's
psqlscan.l line by line and yields statements and meta-commands with their line numbers)
and an executor (``_Runner``) that sends statements with the simple query protocol.
"""

from __future__ import annotations

import functools
import os
import re
import select
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import psycopg
from psycopg import pq

from chaindb.errors import ChaindbError

Sink = Callable[[str], None]


class ScriptError(ChaindbError):
    """A script failed.  str(): 'deploy/x.sql:12: ERROR 42P01: relation "t" does not exist'
    (plus DETAIL / HINT when PostgreSQL gave them), one line for logs and summaries.
    ``psql_text`` is what psql itself prints on stderr for the same failure, byte for byte
    (``psql:deploy/x.sql:13: ERROR:  ...``, the LINE excerpt and caret, DETAIL, HINT,
    QUERY, CONTEXT lines), already given to the run's message sink when there was one.
    Attributes: path, line (where the failing statement starts), sqlstate, pg_message,
    detail, hint, and psql_line (the line psql itself reports: where the statement was
    complete, i.e. its terminating semicolon)."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None,
                 sqlstate: str | None = None, pg_message: str | None = None,
                 detail: str | None = None, hint: str | None = None,
                 psql_line: int | None = None, psql_text: str | None = None):
        super().__init__(message)
        self.path, self.line, self.sqlstate = path, line, sqlstate
        self.pg_message, self.detail, self.hint = pg_message, detail, hint
        self.psql_line = psql_line if psql_line is not None else line
        self.psql_text = psql_text if psql_text is not None else f"psql:{message}\n"


# --------------------------------------------------------------------------------------
# Lexer
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Statement:
    """One SQL command as psql would send it (terminating ';' included when present)."""

    text: str
    line: int       # line of its first character
    end_line: int   # line where it was complete (psql reports errors at this line)


@dataclass(frozen=True)
class MetaCommand:
    """A backslash command; its arguments are read from the lexer by the executor."""

    name: str
    line: int


# Lexer states (psqlscan.l's start conditions).
INITIAL, XC, XD, XQ, XE, XB, XUS, XDOLQ, XQS = range(9)

# Character classes written as complements: [A-Za-z_\x80-\U0010ffff] means the same but
# takes ~10 ms to compile (start-up time of every chaindb command).
_ID_START = r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f]"              # [A-Za-z_\x80-\U0010ffff]
_ID_CHAR = r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"         # ... and 0-9
_ID_CHAR_DOLLAR = r"[^\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"  # ... and $
_IDENT_START = re.compile(_ID_START)
_IDENT_REST = re.compile(_ID_CHAR_DOLLAR + "*")
_DOLQ_DELIM = re.compile(r"\$(" + _ID_START + _ID_CHAR + r"*)?\$")
_DOLQ_FAILED = re.compile(r"\$" + _ID_START + _ID_CHAR + "*")
_PARAM = re.compile(r"\$[0-9]+")
_VARCHARS = _ID_CHAR + "+"
_VAR_PLAIN = re.compile(":(" + _VARCHARS + ")")
_VAR_LITERAL = re.compile(":'(" + _VARCHARS + ")'")
_VAR_IDENT = re.compile(':"(' + _VARCHARS + ')"')
_VAR_DEFINED = re.compile(r":\{\?(" + _VARCHARS + r")\}")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_NUMBER = re.compile(r"[0-9]+" + _ID_START + "?")
# Runs of input that need no decision of the lexer, taken in one match instead of a step
# per token: whitespace, numbers (as _NUMBER), '-' not starting '--', '/' not starting
# '/*', and punctuation other than quotes, $, ;, : and backslash (parentheses are counted
# after the match, in order, as _step_initial counts them one by one).  The second
# form also takes identifiers that are not a string prefix (E' B' X' N' U&' U&"); it is
# used only once the BEGIN ATOMIC heuristic no longer looks at identifiers (_identifier).
_PLAIN_PARTS = (r"[ \t\n\r\f\v]+|[0-9]+" + _ID_START + r"?|-(?!-)|/(?!\*)"
                r"|[\x00-\x08\x0e-\x1f\x7f!#%&()*+,.<=>?@\[\]^`{|}~]+")
_PARENS = re.compile(r"[()]")
_PLAIN_RUN = re.compile("(?:" + _PLAIN_PARTS + ")+")
_PLAIN_RUN_WITH_IDENTIFIERS = re.compile(
    "(?:" + _PLAIN_PARTS + r"|(?![EeBbXxNn]'|[Uu]&['\"])" + _ID_START + _ID_CHAR_DOLLAR
    + "*)+")
# After a closing quote: whitespace containing a newline, then a quote, continues the
# string (SQL's "'foo'\n'bar'").  psql feeds lines without their newline, so this can
# only happen inside a multi-line variable value -- exactly as in psql.
_QUOTE_CONTINUE = re.compile(r"[ \t\f\r]*\n(?:[ \t\n\r\f\v]+|--[^\n]*\n)*'")
_VALID_VARNAME = re.compile(_VARCHARS + r"\Z")
_COMMENT_EDGE = re.compile(r"/\*|\*/")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]{1,2}")

_BEGIN_TRACKED = {"create", "function", "procedure", "or", "replace"}


def quote_literal(value: str) -> str:
    """PQescapeLiteral: psql's :'var' form."""
    body = value.replace("'", "''")
    if "\\" in value:
        return " E'" + body.replace("\\", "\\\\") + "'"
    return "'" + body + "'"


def quote_ident(value: str) -> str:
    """PQescapeIdentifier: psql's :"var" form."""
    return '"' + value.replace('"', '""') + '"'


@dataclass
class _Buffer:
    """Text being lexed: the current input line, or a variable's value pushed on top of
    it (psql rescans :var values, in a buffer of their own)."""

    text: str
    pos: int = 0
    varname: str | None = None


@dataclass
class _QueryState:
    """The statement being collected, and the lexer state that belongs to it."""

    parts: list[str] = field(default_factory=list)
    start_line: int = 0
    paren_depth: int = 0
    begin_depth: int = 0
    identifiers: list[str] = field(default_factory=list)

    def copy(self) -> "_QueryState":
        return _QueryState(list(self.parts), self.start_line, self.paren_depth,
                           self.begin_depth, list(self.identifiers))


class Lexer:
    """psql's lexer over the lines of one file.

    ``next_item()`` returns the next Statement, MetaCommand or None at end of input.
    After a MetaCommand, the caller reads its arguments with ``read_args()`` (psql's
    OT_NORMAL rules) and may read COPY data with ``read_copy_data()``.  Variables are
    interpolated only while ``expand`` is true (psql does not expand in inactive \\if
    branches).  ``std_strings`` is asked at each new line, as psql asks the server.
    """

    def __init__(self, text: str, *, variables: dict[str, str] | None = None,
                 std_strings: Callable[[], bool] = lambda: True):
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self.lines = [line[:-1] if line.endswith("\r") else line for line in lines]
        self.variables = variables if variables is not None else {}
        self.std_strings = std_strings
        self.expand = True
        self.lineno = 0                 # 1-based number of the line being lexed
        self.stack: list[_Buffer] = []  # empty: need a new line
        self.state = INITIAL
        self.state_before_quote = INITIAL
        self.comment_depth = 0
        self.dolq_tag = ""
        self.query = _QueryState()
        self.scs = True
        self.added_newline_at: int | None = None  # see _meta_command
        self.interpolated: set[str] = set()       # variables substituted into statements
        # `command` in meta-command arguments: shell(command) -> its output (None: refused)
        self.shell: Callable[[str], str] | None = None
        # psql's complaints that do not stop a script (they go to stderr)
        self.complain: Callable[[str], None] = lambda message: None

    # ---- input -------------------------------------------------------------------

    def _next_line(self) -> bool:
        """Load the next input line as psql's MainLoop does; False at end of file."""
        while self.lineno < len(self.lines):
            line = self.lines[self.lineno]
            self.lineno += 1
            # psql skips empty lines unless inside a quote or comment.
            if line == "" and self.state in (INITIAL, XQS):
                continue
            self.added_newline_at = None
            if self.query.parts:
                self.query.parts.append("\n")
                self.added_newline_at = len(self.query.parts)
            if self.state == XQS:  # the line break ends a string: no continuation
                self.state = INITIAL
            self.scs = self.std_strings()
            self.stack = [_Buffer(line)]
            return True
        return False

    def _current(self) -> _Buffer | None:
        """The buffer to lex from, popping exhausted variable values."""
        while self.stack:
            top = self.stack[-1]
            if top.pos < len(top.text):
                return top
            if len(self.stack) == 1:
                return None
            self.stack.pop()
            if self.state == XQS:
                self.state = INITIAL
        return None

    def _emit(self, text: str) -> None:
        if not self.query.parts:
            self.query.start_line = self.lineno
        self.query.parts.append(text)

    def _take_statement(self) -> Statement:
        text = "".join(self.query.parts)
        stmt = Statement(text, self.query.start_line, self.lineno)
        self.query = _QueryState()
        return stmt

    # ---- the state machine ---------------------------------------------------------

    def next_item(self) -> Statement | MetaCommand | None:
        """The next complete statement or meta-command; None at end of file (a final
        statement without ';' is returned first, as psql sends it at EOF)."""
        while True:
            buf = self._current()
            if buf is None:
                if not self._next_line():
                    if self.query.parts:
                        return self._take_statement()
                    return None
                continue
            item = self._step(buf)
            if item is not None:
                return item

    def _step(self, buf: _Buffer) -> Statement | MetaCommand | None:
        """Lex one token from buf in the current state."""
        s, i = buf.text, buf.pos
        state = self.state
        if state == XC:
            m = _COMMENT_EDGE.search(s, i)
            end = m.end() if m else len(s)
            self._emit(s[i:end])
            buf.pos = end
            if m and m.group() == "/*":
                self.comment_depth += 1
            elif m:
                self.comment_depth -= 1
                if self.comment_depth == 0:
                    self.state = INITIAL
            return None
        if state == XD:
            j = s.find('"', i)
            while j != -1 and s.startswith('""', j):
                j = s.find('"', j + 2)
            end = len(s) if j == -1 else j + 1
            self._emit(s[i:end])
            buf.pos = end
            if j != -1:
                self.state = INITIAL
            return None
        if state in (XQ, XUS, XB):
            j = s.find("'", i)
            while j != -1 and state != XB and s.startswith("''", j):
                j = s.find("'", j + 2)
            return self._string_until(buf, j)
        if state == XE:
            j = i
            while j < len(s):
                c = s[j]
                if c == "\\":
                    j += 2
                elif c == "'":
                    if s.startswith("''", j):
                        j += 2
                    else:
                        break
                else:
                    j += 1
            return self._string_until(buf, j if j < len(s) else -1)
        if state == XDOLQ:
            j = s.find(self.dolq_tag, i)
            end = len(s) if j == -1 else j + len(self.dolq_tag)
            self._emit(s[i:end])
            buf.pos = end
            if j != -1:
                self.state = INITIAL
            return None
        if state == XQS:
            m = _QUOTE_CONTINUE.match(s, i)
            if m:
                self._emit(s[i:m.end()])
                buf.pos = m.end()
                self.state = self.state_before_quote
                return None
            self.state = INITIAL
        return self._step_initial(buf)

    def _string_until(self, buf: _Buffer, closing: int) -> None:
        """Emit string text up to and including the closing quote at ``closing``."""
        s, i = buf.text, buf.pos
        end = len(s) if closing == -1 else closing + 1
        self._emit(s[i:end])
        buf.pos = end
        if closing != -1:
            self.state_before_quote = self.state
            self.state = XQS
        return None

    def _open(self, buf: _Buffer, length: int, state: int) -> None:
        self._emit(buf.text[buf.pos:buf.pos + length])
        buf.pos += length
        self.state = state

    def _step_initial(self, buf: _Buffer) -> Statement | MetaCommand | None:
        s, i = buf.text, buf.pos
        c = s[i]
        q = self.query
        if q.parts or c not in " \t\n\r\f\v":  # (whitespace before a statement is dropped)
            run = (_PLAIN_RUN if self._watching_identifiers() else
                   _PLAIN_RUN_WITH_IDENTIFIERS).match(s, i)
            if run:
                text = run.group()
                if "(" in text or ")" in text:
                    for paren in _PARENS.findall(text):
                        if paren == "(":
                            q.paren_depth += 1
                        elif q.paren_depth > 0:
                            q.paren_depth -= 1
                self._emit(text)
                buf.pos = run.end()
                return None
        if c in " \t\n\r\f\v" or s.startswith("--", i):
            if s.startswith("--", i):
                j = s.find("\n", i)
                end = len(s) if j == -1 else j + 1
            else:
                end = _WHITESPACE.match(s, i).end()
            if q.parts:  # psql drops whitespace and -- comments before a statement
                self._emit(s[i:end])
            buf.pos = end
            return None
        if s.startswith("/*", i):
            self.comment_depth = 1
            self._open(buf, 2, XC)
            return None
        if c == "'":
            self._open(buf, 1, XQ if self.scs else XE)
            return None
        if c == '"':
            self._open(buf, 1, XD)
            return None
        if _IDENT_START.match(c):
            two = s[i:i + 2].lower()
            if two == "e'":
                self._open(buf, 2, XE)
            elif two in ("b'", "x'"):
                self._open(buf, 2, XB)
            elif two == "n'":  # national character: the quote is lexed as a plain one
                self._emit(c)
                buf.pos += 1
            elif s[i:i + 3].lower() == "u&'":
                self._open(buf, 3, XUS)
            elif s[i:i + 3].lower() == 'u&"':
                self._open(buf, 3, XD)
            else:
                end = _IDENT_REST.match(s, i + 1).end()
                self._identifier(s[i:end])
                self._emit(s[i:end])
                buf.pos = end
            return None
        if c.isdigit():
            end = _NUMBER.match(s, i).end()
            self._emit(s[i:end])
            buf.pos = end
            return None
        if c == "$":
            m = _DOLQ_DELIM.match(s, i)
            if m:
                self.dolq_tag = m.group()
                self._open(buf, len(m.group()), XDOLQ)
                return None
            m = _PARAM.match(s, i) or _DOLQ_FAILED.match(s, i)
            end = m.end() if m else i + 1
            self._emit(s[i:end])
            buf.pos = end
            return None
        if c == "(":
            q.paren_depth += 1
        elif c == ")" and q.paren_depth > 0:
            q.paren_depth -= 1
        elif c == ";":
            self._emit(c)
            buf.pos += 1
            if q.paren_depth == 0 and q.begin_depth == 0:
                return self._take_statement()
            return None
        elif c == ":":
            if s.startswith("::", i):
                self._emit("::")
                buf.pos += 2
                return None
            if self._interpolate(buf):
                return None
        elif c == "\\":
            if s[i + 1:i + 2] in (";", ":"):
                self._emit(s[i + 1])  # psql's \; and \: put the bare character in the query
                buf.pos += 2
                if s[i + 1] == ";":
                    q.identifiers.clear()
                return None
            return self._meta_command(buf)
        self._emit(c)
        buf.pos += 1
        return None

    def _watching_identifiers(self) -> bool:
        """Whether _identifier may still change state for this statement: while it collects
        the first four identifiers, and inside CREATE [OR REPLACE] FUNCTION/PROCEDURE."""
        ids = self.query.identifiers
        if len(ids) < 4:
            return True
        return ids[0] == "c" and (ids[1] in ("f", "p") or (
            ids[1] == "o" and ids[2] == "r" and ids[3] in ("f", "p")))

    def _identifier(self, word: str) -> None:
        """psql's heuristic for CREATE [OR REPLACE] FUNCTION/PROCEDURE ... BEGIN ATOMIC:
        semicolons inside BEGIN ... END of such a statement do not end it."""
        q = self.query
        lower = word.lower()
        if len(q.identifiers) < 4:
            q.identifiers.append(lower[0] if lower in _BEGIN_TRACKED else "")
        ids = q.identifiers + [""] * 4
        in_routine = ids[0] == "c" and (
            ids[1] in ("f", "p") or (ids[1] == "o" and ids[2] == "r" and ids[3] in ("f", "p")))
        if in_routine and q.paren_depth == 0:
            if lower == "begin":
                q.begin_depth += 1
            elif lower == "case" and q.begin_depth >= 1:
                q.begin_depth += 1
            elif lower == "end" and q.begin_depth > 0:
                q.begin_depth -= 1

    def _interpolate(self, buf: _Buffer) -> bool:
        """psql variable interpolation at buf.pos (a ':'); True if it consumed input."""
        s, i = buf.text, buf.pos
        if not self.expand:
            return False
        m = _VAR_PLAIN.match(s, i)
        if m:
            value = self.variables.get(m.group(1))
            if value is None or any(b.varname == m.group(1) for b in self.stack):
                self._emit(m.group())  # undefined (or recursive): left as written
                buf.pos = m.end()
                return True
            buf.pos = m.end()
            self.interpolated.add(m.group(1))
            self.stack.append(_Buffer(value, 0, m.group(1)))  # rescanned, like psql
            return True
        for pattern, quote in ((_VAR_LITERAL, quote_literal), (_VAR_IDENT, quote_ident)):
            m = pattern.match(s, i)
            if m:
                value = self.variables.get(m.group(1))
                self._emit(m.group() if value is None else quote(value))
                self.interpolated.add(m.group(1))
                buf.pos = m.end()
                return True
        m = _VAR_DEFINED.match(s, i)
        if m:
            self.interpolated.add(m.group(1))
            self._emit("TRUE" if m.group(1) in self.variables else "FALSE")
            buf.pos = m.end()
            return True
        return False

    # ---- meta-commands ---------------------------------------------------------------

    def _meta_command(self, buf: _Buffer) -> MetaCommand:
        # psql: a line holding only a backslash command adds no newline to the query.
        if self.added_newline_at is not None and self.added_newline_at == len(self.query.parts):
            self.query.parts.pop()
        self.added_newline_at = None
        s = buf.text
        j = buf.pos + 1
        while j < len(s) and not s[j].isspace() and (s[j] != "\\" or j == buf.pos + 1):
            j += 1
        name = s[buf.pos + 1:j]
        buf.pos = j
        return MetaCommand(name, self.lineno)

    def read_args(self) -> list[str]:
        """The meta-command's remaining arguments, by psql's OT_NORMAL rules: whitespace
        separated; 'single quotes' with backslash escapes and '' for a quote; "double
        quotes" kept as written; :var, :'var', :"var", :{?var} interpolated (if expanding).
        Arguments end at the end of the line or at an unquoted backslash (a following
        ``\\\\`` separator is consumed)."""
        buf = self._current()
        if buf is None:
            return []
        s = buf.text
        i = buf.pos
        args: list[str] = []
        while True:
            while i < len(s) and s[i].isspace():
                i += 1
            if i >= len(s) or s[i] == "\\":
                break
            try:
                arg, i = self._read_arg(s, i)
            except _Unterminated:
                # psql complains, drops the argument and runs the command anyway
                self.complain("unterminated quoted string")
                i = len(s)
                break
            args.append(arg)
        if s.startswith("\\\\", i):
            i += 2
        buf.pos = i
        return args

    def read_whole_line(self) -> str:
        """The rest of the line, as written (psql's OT_WHOLE_LINE: \\! and the like)."""
        buf = self._current()
        if buf is None:
            return ""
        text = buf.text[buf.pos:]
        buf.pos = len(buf.text)
        return text

    def _read_arg(self, s: str, i: int) -> tuple[str, int]:
        out: list[str] = []
        while i < len(s) and not s[i].isspace() and s[i] != "\\":
            c = s[i]
            if c == "'":
                text, i = _single_quoted_arg(s, i)
                out.append(text)
            elif c == '"':
                j = s.find('"', i + 1)
                if j == -1:
                    raise _Unterminated()
                out.append(s[i:j + 1])
                i = j + 1
            elif c == "`":
                command, i = self._backquoted(s, i)
                if self.expand:          # psql runs nothing in an inactive \if branch
                    if self.shell is None:
                        raise _MetaError("backquoted shell commands are not supported")
                    out.append(self.shell(command))
            elif c == ":" and self.expand and (value := self._arg_variable(s, i)):
                text, i = value
                out.append(text)
            else:
                out.append(c)
                i += 1
        return "".join(out), i

    def _backquoted(self, s: str, i: int) -> tuple[str, int]:
        """The shell command of a `backquoted` argument starting at s[i], with psql's
        variable references inside it expanded (:var as is, :'var' shell-quoted)."""
        out: list[str] = []
        i += 1
        while True:
            if i >= len(s):
                raise _Unterminated()
            c = s[i]
            if c == "`":
                return "".join(out), i + 1
            m = _VAR_PLAIN.match(s, i) or _VAR_LITERAL.match(s, i) if c == ":" else None
            if m and self.expand and m.group(1) in self.variables:
                value = self.variables[m.group(1)]
                out.append(value if m.re is _VAR_PLAIN
                           else "'" + value.replace("'", "'\"'\"'") + "'")
                i = m.end()
                continue
            out.append(c)
            i += 1

    def _arg_variable(self, s: str, i: int) -> tuple[str, int] | None:
        for pattern, quote in ((_VAR_PLAIN, None), (_VAR_LITERAL, quote_literal),
                               (_VAR_IDENT, quote_ident)):
            m = pattern.match(s, i)
            if m:
                value = self.variables.get(m.group(1))
                if value is None:
                    return m.group(), m.end()
                return (value if quote is None else quote(value)), m.end()
        m = _VAR_DEFINED.match(s, i)
        if m:
            return ("TRUE" if m.group(1) in self.variables else "FALSE"), m.end()
        return None

    def read_copy_data(self) -> tuple[list[str], int]:
        """COPY ... FROM stdin data: the following input lines up to a line '\\.' (or end
        of file).  Returns the lines and the line number psql reports afterwards."""
        data: list[str] = []
        while self.lineno < len(self.lines):
            line = self.lines[self.lineno]
            self.lineno += 1
            if line == "\\.":
                break
            data.append(line)
        return data, self.lineno

    # ---- \if support: psql forgets query text collected in an inactive branch ----

    def save_query(self) -> _QueryState:
        return self.query.copy()

    def restore_query(self, saved: _QueryState) -> None:
        self.query = saved.copy()


_ON = ("on", "true", "yes", "1", "t", "y")
_OFF = ("off", "false", "no", "0", "f", "n")


def _keeps_sqitchs_output(name: str, args: list[str]) -> bool:
    r"""A display setting that leaves Sqitch's psql output (--no-align --tuples-only, no
    pager, no timing) as it is: \pset format unaligned, \pset tuples_only on, \pset
    pager/footer/border (nothing they change shows in that format), \t on, \timing off."""
    values = [a.lower() for a in args]
    if name == "t":
        return bool(values) and values[0] in _ON
    if name == "timing":
        return bool(values) and values[0] in _OFF
    if not values:
        return False
    option, rest = values[0], values[1:]
    if option in ("pager", "footer", "border"):
        return True
    if option == "format":
        return bool(rest) and "unaligned".startswith(rest[0]) and rest[0].startswith("u")
    if option in ("tuples_only", "t"):
        return bool(rest) and rest[0] in _ON
    return False


class _MetaError(Exception):
    """A meta-command problem; the executor adds file and line."""


class _Unterminated(Exception):
    """A meta-command argument's quote is not closed on its line."""


_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f"}


def _single_quoted_arg(s: str, i: int) -> tuple[str, int]:
    """A 'quoted' meta-command argument starting at s[i]; psql's C-like escapes."""
    out: list[str] = []
    i += 1
    while True:
        if i >= len(s):
            raise _Unterminated()
        c = s[i]
        if c == "'":
            if s.startswith("''", i):
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        if c == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif nxt in "01234567":
                m = _OCTAL.match(s, i + 1)
                out.append(chr(int(m.group(), 8)))
                i = m.end()
            elif nxt == "x" and _HEX.match(s, i + 2):
                m = _HEX.match(s, i + 2)
                out.append(chr(int(m.group(), 16)))
                i = m.end()
            else:
                out.append(nxt)
                i += 2
            continue
        out.append(c)
        i += 1


def split_statements(text: str, *, standard_conforming_strings: bool = True) -> list[Statement]:
    """The SQL statements psql would send for ``text`` (no variables; meta-commands and
    their arguments are skipped)."""
    lexer = Lexer(text, std_strings=lambda: standard_conforming_strings)
    lexer.expand = False
    statements: list[Statement] = []
    while (item := lexer.next_item()) is not None:
        if isinstance(item, Statement):
            statements.append(item)
        else:
            lexer.read_args()
    return statements


# --------------------------------------------------------------------------------------
# Fast splitter: plain files the full lexer would cut the same way
# --------------------------------------------------------------------------------------

# One token of a file with no backslash and no variable reference, as the Lexer sees it in
# its INITIAL state.  Named groups are what the splitter acts on; the other alternatives
# are here only so that the scan does not restart inside them (a number's letter, a $1
# parameter's digits are not identifiers).  Without backslashes E'', B'', U&'' strings cut
# like '' ones and scs does not matter.  ``bad`` marks what the full lexer must judge.
_FAST_IDENT = r"(?![EeBbXxNn]'|[Uu]&['\"])" + _ID_START + _ID_CHAR_DOLLAR + "*"
_FAST_NUMBER = r"[0-9]+" + _ID_START + "?"


def _fast_token_pattern(identifiers: str) -> re.Pattern:
    return re.compile(
        r"(?P<line>--[^\n]*)"
        r"|(?P<quoted>'[^']*(?:''[^']*)*'"
        r'|"[^"]*(?:""[^"]*)*"'
        r"|(\$(?:" + _ID_START + _ID_CHAR + r"*)?\$)(?s:.*?)\3)"
        r"|(?P<comment>/\*)"
        r"|(?P<bad>['\"]|\$(?:" + _ID_START + _ID_CHAR + r"*)?\$)"
        + identifiers
        + r"|(?P<semi>;)|(?P<open>\()|(?P<close>\))"
        r"|" + _FAST_NUMBER + r"|::|:" + _VARCHARS + r"|\$[0-9]+|\$" + _ID_START + _ID_CHAR
        + "*")


# While the BEGIN heuristic watches identifiers, each is a token of its own; afterwards a
# run of identifiers, numbers, whitespace and punctuation other than quotes, $, ;, (, ),
# :, -- and /* is one token (a number before an identifier and :name stay separate
# tokens, as the Lexer cuts them: "1a$b$" is 1a then a dollar quote).
# Compiled on first use (~10 ms: only commands that deploy pay it).
@functools.cache
def _fast_tokens() -> tuple[re.Pattern, re.Pattern]:
    """(the pattern while watching identifiers, the pattern afterwards)."""
    return (_fast_token_pattern("|(?P<ident>" + _FAST_IDENT + ")"),
            _fast_token_pattern(
                "|(?:" + _FAST_NUMBER + "|" + _FAST_IDENT + r"|::|:" + _VARCHARS
                + r"|-(?!-)|/(?!\*)|[\x00-\x20!#%&*+,.<=>?@\[\]^`{|}~\x7f])+"))
_NOT_WHITESPACE = re.compile(r"[^ \t\n\r\f\v]")
_EMPTY_LINES = re.compile(r"\n\n+")
_ATOMIC = re.compile("atomic", re.IGNORECASE)
_VARIABLE_REFERENCE = re.compile(r":['\"]?(" + _VARCHARS + r")|:\{\?")


def fast_split(text: str, variables: dict[str, str], *,
               standard_conforming_strings: bool = True) -> list[Statement] | None:
    """The statements the Lexer would return for ``text``, found with one regex scan, or
    None when ``text`` needs the full lexer: a backslash, a reference to a defined variable
    (or a :{?name} test), ATOMIC (BEGIN ATOMIC bodies), a carriage return, scs off, or
    anything the scan does not recognise (unterminated quote or comment, a final statement
    without ';').  Deploy scripts are nearly always this plain; the scan is ~20x faster."""
    if (not standard_conforming_strings or "\\" in text or "\r" in text
            or _ATOMIC.search(text)):
        return None
    if ":" in text:
        for m in _VARIABLE_REFERENCE.finditer(text):
            if m.group(1) is None or m.group(1) in variables:
                return None
    has_empty_lines = "\n\n" in text
    token, token_quiet = _fast_tokens()
    statements: list[Statement] = []
    start = -1           # offset of the statement being collected, -1 before one
    line = 1             # line of offset ``scanned``
    scanned = 0
    start_line = 0
    protected: list[tuple[int, int]] = []  # quoted spans: empty lines inside them stay
    parens = begin_depth = 0
    identifiers: list[str] = []
    watching = True
    end = 0
    pos = 0
    length = len(text)
    while pos < length:
        m = (token if watching else token_quiet).search(text, pos)
        if m is None:
            break
        kind = m.lastgroup
        if start < 0:
            lead = _NOT_WHITESPACE.search(text, end, m.start())
            if lead is not None:
                tok_start = lead.start()
            elif kind == "line":
                pos = end = m.end()
                continue
            else:
                tok_start = m.start()
            start = tok_start
            line += text.count("\n", scanned, start)
            scanned = start
            start_line = line
        pos = end = m.end()
        if kind is None:
            continue
        if kind == "ident":
            if watching:
                lower = m.group().lower()
                if len(identifiers) < 4:
                    identifiers.append(lower[0] if lower in _BEGIN_TRACKED else "")
                ids = identifiers + [""] * 4
                in_routine = ids[0] == "c" and (ids[1] in ("f", "p") or (
                    ids[1] == "o" and ids[2] == "r" and ids[3] in ("f", "p")))
                if in_routine and parens == 0:
                    if lower == "begin":
                        begin_depth += 1
                    elif lower == "case" and begin_depth >= 1:
                        begin_depth += 1
                    elif lower == "end" and begin_depth > 0:
                        begin_depth -= 1
                elif len(identifiers) >= 4 and not in_routine:
                    watching = False
        elif kind == "quoted":
            if has_empty_lines:
                protected.append(m.span())
        elif kind == "semi":
            if parens == 0 and begin_depth == 0:
                statements.append(_fast_statement(text, start, end, protected, start_line,
                                                  line + text.count("\n", scanned, end)))
                line += text.count("\n", scanned, end)
                scanned = end
                start = -1
                protected = []
                identifiers = []
                watching = True
        elif kind == "open":
            parens += 1
        elif kind == "close":
            if parens > 0:
                parens -= 1
        elif kind == "comment":
            close = _comment_end(text, m.end())
            if close < 0:
                return None
            if has_empty_lines:
                protected.append((m.start(), close))
            pos = end = close
        else:  # bad
            return None
    if start >= 0 or _NOT_WHITESPACE.search(text, end) is not None:
        return None  # a statement without ';' (or stray text): the full lexer decides
    return statements


def _comment_end(text: str, pos: int) -> int:
    """Offset after the */ closing a /* comment whose body starts at pos; -1 if none."""
    depth = 1
    while depth:
        m = _COMMENT_EDGE.search(text, pos)
        if m is None:
            return -1
        depth += 1 if m.group() == "/*" else -1
        pos = m.end()
    return pos


def _fast_statement(text: str, start: int, end: int, protected: list[tuple[int, int]],
                    line: int, end_line: int) -> Statement:
    """text[start:end] as the Lexer builds it: psql skips empty lines outside quotes."""
    raw = text[start:end]
    if "\n\n" in raw:
        pieces = []
        at = start
        for q_start, q_end in protected:
            pieces.append(_EMPTY_LINES.sub("\n", text[at:q_start]))
            pieces.append(text[q_start:q_end])
            at = q_end
        pieces.append(_EMPTY_LINES.sub("\n", text[at:end]))
        raw = "".join(pieces)
    return Statement(raw, line, end_line)


# --------------------------------------------------------------------------------------
# Plain scripts: statements that can be sent together
# --------------------------------------------------------------------------------------

# Variables the runner itself changes between statements: a script reading them must run
# statement by statement.
_RUNNER_VARIABLES = frozenset({"ROW_COUNT", "ERROR", "SQLSTATE"})
# Settings that change how later lines are lexed or decoded.
_LEXER_SETTINGS = re.compile(r"standard_conforming_strings|client_encoding", re.IGNORECASE)
_COPY = re.compile(r"copy\b", re.IGNORECASE)
_INCLUDES = {"i": False, "include": False, "ir": True, "include_relative": True}


@dataclass(frozen=True)
class PlainStatement:
    """A statement of a plain script, whether it is in the top file (not included), and
    the file that holds it as psql names it in messages."""

    statement: Statement
    top_level: bool
    file: str = ""


def plain_statements(path: Path | str, variables: dict[str, str] | None = None, *,
                     encoding: str = "utf-8",
                     standard_conforming_strings: bool = True) -> list[PlainStatement] | None:
    """The statements ``run_file`` would send for ``path``, in order, when running it needs
    nothing else: no meta-commands but \\i/\\ir (whose files are inlined), no COPY, every
    statement ending with ';', no use of ROW_COUNT/ERROR/SQLSTATE and no change of
    standard_conforming_strings or client_encoding.  Variables are interpolated as the
    runner would.  None when the script is not that plain (or cannot be read: the runner
    then reports the problem itself).  Lexes each file once; sending the statements in
    order is what run_file does for such a script, so a caller may batch them."""
    values = {**(variables or {})}
    found: list[PlainStatement] = []
    if not _collect_plain(str(path), values, encoding, standard_conforming_strings, found,
                          [], top_level=True):
        return None
    return found


def _collect_plain(display: str, variables: dict[str, str], encoding: str, scs: bool,
                   found: list[PlainStatement], stack: list[str], *, top_level: bool) -> bool:
    if len(stack) >= MAX_INCLUDE_DEPTH:
        return False
    try:
        with open(os.path.expanduser(display), "rb") as handle:
            text = handle.read().decode(encoding)
    except (OSError, UnicodeDecodeError, LookupError):
        return False
    fast = fast_split(text, variables, standard_conforming_strings=scs)
    if fast is not None:
        if not all(_plain_ok(statement) for statement in fast):
            return False
        found.extend(PlainStatement(statement, top_level, display) for statement in fast)
        return True
    real = os.path.realpath(os.path.expanduser(display))   # only includes need it
    if real in stack:
        return False
    lexer = Lexer(text, variables=variables, std_strings=lambda: scs)
    while (item := lexer.next_item()) is not None:
        if isinstance(item, MetaCommand):
            relative = _INCLUDES.get(item.name)
            if relative is None or lexer.query.parts:
                return False
            try:
                args = lexer.read_args()
            except _MetaError:
                return False
            if not args:
                return False
            target = os.path.expanduser(args[0])
            if relative and not os.path.isabs(target):
                target = os.path.normpath(os.path.join(os.path.dirname(display), target))
            if not _collect_plain(target, variables, encoding, scs, found, stack + [real],
                                  top_level=False):
                return False
            continue
        if not _plain_ok(item):
            return False
        found.append(PlainStatement(item, top_level, display))
    return not (lexer.interpolated & _RUNNER_VARIABLES)


def _plain_ok(statement: Statement) -> bool:
    """Whether a statement may be batched: ends with ';', no COPY, no change of a setting
    the lexer depends on."""
    body = statement.text[_LEADING_COMMENTS.match(statement.text).end():]
    return (statement.text.endswith(";") and not _COPY.match(body)
            and not _LEXER_SETTINGS.search(statement.text))


def run_batch(conn, statements: list[Statement], *, then: Sequence[str] = (),
              before: Sequence[str] = (), output: Sink | None = None,
              notice: Callable[[Statement, str], None] | None = None,
              meanwhile: Callable[[], None] | None = None) -> None:
    """Send the SQL strings ``before`` (the caller's, each ending with ';'), ``statements``,
    then the SQL strings ``then`` (the caller's too; only the statements' rows are
    printed), as one simple-query
    message (one round trip) and print the statements' rows as run_file would.  Only for
    statements from plain_statements that run inside a transaction block the batch itself
    opens or that is open: then the server runs them one after the other exactly as if sent
    one by one, and the first error aborts the transaction and skips the rest either way.
    ``meanwhile()`` is called once the message is sent, while the server works on it (a
    caller prepares its next batch there).  ``notice(statement, text)`` receives each
    notice a statement raised, as libpq formats it.  Raises psycopg.Error as the server
    reported it (without the script's line: a caller re-runs statement by statement to
    locate it).

    Which statement raised a notice is known from the results read so far: a notice read
    while a statement runs is its own, one read after a completion the next one's; one
    read in the step that completes a statement is decided by _ambiguous_owner.  Callers
    that need certainty run scripts that may raise notices statement by statement
    instead (chaindb.runner decides).

    Sent and read through the connection's libpq handle (psycopg's documented low-level
    API) rather than a cursor, which would wait for the results before returning."""
    pgconn = conn.pgconn
    encoding = conn.info.encoding or "utf-8"
    pgconn.send_query("\n".join([*before, *(s.text for s in statements), *then])
                      .encode(encoding))
    while pgconn.flush():           # a message larger than the socket buffer
        readable, _, _ = select.select([pgconn.socket], [pgconn.socket], [])
        if readable:
            pgconn.consume_input()
    error: psycopg.Error | None = None
    skip = len(before)
    heard: list[bytes] = []         # libpq frees a notice's result after the callback
    saved_handler = pgconn.notice_handler
    pgconn.notice_handler = lambda result: heard.append(result.error_message)

    def tell(index: int) -> None:
        """The notices just read belong to the statement at result ``index``."""
        position = index - skip
        if notice is not None and 0 <= position < len(statements):
            for raw in heard:
                notice(statements[position],
                       raw.decode(encoding, "replace") if isinstance(raw, bytes) else raw)
        heard.clear()

    is_busy, get_result, consume = pgconn.is_busy, pgconn.get_result, pgconn.consume_input
    sockets = [pgconn.socket]
    fatal, tuples = pq.ExecStatus.FATAL_ERROR, pq.ExecStatus.TUPLES_OK
    printed_from, printed_to = skip, skip + len(statements)
    try:
        if meanwhile is not None:
            meanwhile()
        index = 0
        while True:
            while is_busy():
                if heard:
                    tell(index)              # read while the statement runs: its own
                select.select(sockets, [], [])
                consume()
            if heard:                        # read in the step that completed ``index``
                tell(_ambiguous_owner(statements, index - skip) + skip)
            result = get_result()
            if heard:
                tell(index + 1)              # read after the completion
            if result is None:
                break
            status = result.status
            if status == fatal:
                error = error or psycopg.errors.error_from_result(result, encoding=encoding)
            elif (status == tuples and output is not None
                  and printed_from <= index < printed_to):
                _print_rows(result, encoding, output)
            index += 1
    except BaseException:           # interrupted: leave the connection usable (and idle)
        if pgconn.transaction_status == pq.TransactionStatus.ACTIVE:
            conn.cancel()
            for _ in _results(pgconn):
                pass
        raise
    finally:
        pgconn.notice_handler = saved_handler
    if error is not None:
        raise error


_RETURNS_ROWS = re.compile(r"(?:SELECT|WITH|VALUES|TABLE|SHOW|EXPLAIN|FETCH)\b|.*\bRETURNING\b",
                           re.I | re.S)


def _returns_rows(statement: Statement | None) -> bool:
    if statement is None:
        return False
    return bool(_RETURNS_ROWS.match(statement.text, _LEADING_COMMENTS.match(statement.text).end()))


def _ambiguous_owner(statements: list[Statement], position: int) -> int:
    """Which statement raised the notices libpq read in the step that also completed the
    statement at ``position``: its own (read before its completion) or the next one's (a
    notice right after a completion is read at once).  A statement that returns rows
    sends its row description before anything it raises, so the next statement's notices
    can only come right after this completion when the next statement returns no rows;
    and this one's notices are likelier when it returns rows (a function called by
    SELECT)."""
    following = statements[position + 1] if 0 <= position + 1 < len(statements) else None
    current = statements[position] if 0 <= position < len(statements) else None
    if following is None or _returns_rows(following) or _returns_rows(current):
        return position
    return position + 1


def _results(pgconn: pq.abc.PGconn) -> Iterator[pq.abc.PGresult]:
    """The results of the query sent on ``pgconn``, one per statement as each arrives,
    until libpq says the query is done (the connection is then free again)."""
    while True:
        while pgconn.is_busy():
            select.select([pgconn.socket], [], [])
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:
            return
        yield result


def _print_rows(result: pq.abc.PGresult, encoding: str, output: Sink) -> None:
    """A result's rows in psql's --no-align --tuples-only form, from the text values."""
    if result.status != pq.ExecStatus.TUPLES_OK:
        return
    for row in range(result.ntuples):
        fields = (result.get_value(row, col) for col in range(result.nfields))
        output("|".join("" if v is None else v.decode(encoding) for v in fields) + "\n")


# --------------------------------------------------------------------------------------
# psql's boolean parsing (ParseVariableBool)
# --------------------------------------------------------------------------------------

def parse_bool(value: str) -> bool | None:
    """True/False for the spellings psql accepts (unambiguous prefixes of true, false,
    yes, no; on/off with at least two letters; 1/0), case-insensitively; None if invalid."""
    v = value.lower()
    if not v:
        return None
    if "true".startswith(v) or "yes".startswith(v) or (len(v) >= 2 and "on".startswith(v)):
        return True
    if "false".startswith(v) or "no".startswith(v) or (len(v) >= 2 and "off".startswith(v)):
        return False
    if v == "1":
        return True
    if v == "0":
        return False
    return None


# --------------------------------------------------------------------------------------
# Executor
# --------------------------------------------------------------------------------------

MAX_INCLUDE_DEPTH = 32

# \if stack states, as psql's conditional.h
IF_TRUE, IF_FALSE, IF_DONE, IF_IGNORED = "true", "false", "done", "ignored"

_COPY_STDIO = re.compile(r"\s*copy\b.*\b(stdin|stdout)\b", re.IGNORECASE | re.DOTALL)
_LEADING_COMMENTS = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*", re.DOTALL)

# psql 15's meta-commands (command.c exec_command) that chaindb does not run: refused by
# name (with the reason), never run half.  A name in neither this table nor the commands
# _Runner._meta runs is what psql itself calls an invalid command.
_REFUSED = {
    **dict.fromkeys(("c", "connect", "conninfo", "password"),
                    "connecting or changing the connection is not supported"),
    **dict.fromkeys(("cd", "e", "edit", "ef", "ev", "s", "w", "write", "o", "out",
                     "copy", "lo_export", "lo_import", "lo_list", "lo_unlink", "prompt",
                     "watch", "encoding", "errverbose"),
                    "files, the shell, the terminal and client settings are not supported"),
    **dict.fromkeys(("a", "C", "f", "H", "html", "pset", "t", "T", "x", "timing",
                     "crosstabview", "gdesc", "gx"),
                    "output formats other than Sqitch's (--no-align --tuples-only) are not "
                    "supported"),
    **dict.fromkeys(("?", "h", "help", "copyright", "d", "da", "dA", "dAc", "dAf", "dAo",
                     "dAp", "db", "dc", "dconfig", "dC", "dd", "dD", "ddp", "dE", "di", "dm",
                     "ds", "dt", "dv", "des", "det", "deu", "dew", "df", "dF", "dFd", "dFp",
                     "dFt", "dg", "dl", "dL", "dn", "do", "dO", "dp", "dP", "drds", "dRp",
                     "dRs", "dT", "du", "dx", "dX", "dy", "l", "list", "lo_list", "sf", "sv",
                     "z"),
                    "describe and help commands are not supported"),
}


@dataclass
class _Branch:
    state: str
    in_else: bool = False
    saved_query: _QueryState | None = None


class _Quit(Exception):
    """\\q: psql stops reading (and exits successfully)."""


def _shell(command: str) -> str:
    """psql's evaluate_backtick: the command's standard output, one trailing newline
    removed; its exit status is ignored and its stderr is the process's (as psql 15)."""
    import subprocess

    done = subprocess.run(["/bin/sh", "-c", command], stdout=subprocess.PIPE)
    out = done.stdout.decode("utf-8", "surrogateescape")
    return out[:-1] if out.endswith("\n") else out


class _Runner:
    def __init__(self, conn: psycopg.Connection, variables: dict[str, str],
                 output: Sink | None, notice: Sink | None):
        self.conn = conn
        self.output = output or (lambda text: None)
        self.notice = notice
        self.variables = variables
        self.stack: list[str] = []  # real paths of the files being run
        self.encoding = conn.info.encoding or "utf-8"
        self.where = ("", 0)        # (file, line) psql names in its messages
        self.texts: list[str] | None = None   # every file's text, when the caller asks
        self.previous = ""          # the last query sent (\g and \p with an empty buffer)

    # ---- psql's stderr ---------------------------------------------------------------

    def message(self, text: str) -> None:
        """A psql log line: ``psql:FILE:LINE: text`` (psql's prefix while reading a file)."""
        if self.notice:
            self.notice(f"psql:{self.where[0]}:{self.where[1]}: {text.rstrip(chr(10))}\n")

    def on_notice(self, result: pq.abc.PGresult) -> None:
        """libpq's notice result, formatted by libpq as psql's notice processor gets it."""
        raw = result.error_message
        self.message(raw.decode(self.encoding, "replace") if isinstance(raw, bytes) else raw)

    def _meta_failure(self, display: str, line: int, text: str) -> ScriptError:
        """psql's ``error: ...`` for a meta-command, as a ScriptError (already reported)."""
        self.where = (display, line)
        self.message(f"error: {text}")
        return ScriptError(f"{display}:{line}: {text}", path=Path(display), line=line,
                           psql_text=f"psql:{display}:{line}: error: {text}\n")

    # ---- files ---------------------------------------------------------------------

    def run(self, display: str, caller: tuple[str, int] | None = None) -> None:
        """Run the file named ``display`` (as psql names it); ``caller`` is the
        (file, line) of the \\i that includes it."""
        def error(message: str) -> ScriptError:
            if caller:
                return self._meta_failure(caller[0], caller[1], message)
            text = f"psql: error: {message}\n"    # psql --file: no file name prefix
            if self.notice:
                self.notice(text)
            return ScriptError(message, path=Path(display), psql_text=text)

        real = os.path.realpath(os.path.expanduser(display))
        if real in self.stack:
            raise error(f"include cycle: {display} is already being run")
        if len(self.stack) >= MAX_INCLUDE_DEPTH:
            raise error(f"includes nested deeper than {MAX_INCLUDE_DEPTH}: {display}")
        try:
            raw = Path(os.path.expanduser(display)).read_bytes()
        except OSError as exc:
            raise error(f"{display}: {exc.strerror or exc}") from None
        try:
            # as psql: the bytes go to the server as they are (client_encoding decides);
            # surrogateescape keeps bytes that are not valid in the encoding, and
            # _statement encodes them back unchanged
            text = raw.decode(self.encoding, "surrogateescape")
        except LookupError:
            raise error(f"{display}: not valid {self.encoding} text") from None
        self.stack.append(real)
        try:
            self.run_text(text, display)
        finally:
            self.stack.pop()

    def _std_strings(self) -> bool:
        value = self.conn.pgconn.parameter_status(b"standard_conforming_strings")
        return value != b"off"

    def run_text(self, text: str, display: str) -> None:
        """Lex and execute one script's text."""
        if self.texts is not None:
            self.texts.append(text)
        lexer = Lexer(text, variables=self.variables, std_strings=self._std_strings)
        lexer.shell = _shell

        def complain(message: str) -> None:
            self.where = (display, lexer.lineno)
            self.message(f"error: {message}")

        lexer.complain = complain
        branches: list[_Branch] = []
        while True:
            lexer.expand = not branches or branches[-1].state == IF_TRUE
            item = lexer.next_item()
            if item is None:
                break
            if isinstance(item, Statement):
                if lexer.expand:
                    self._statement(item, lexer, display)
                continue
            try:
                self._meta(item, lexer, display, branches)
            except _MetaError as exc:
                raise self._meta_failure(display, item.line, str(exc)) from None
        if branches:
            raise self._meta_failure(display, lexer.lineno,
                                     "reached EOF without finding closing \\endif(s)")

    # ---- meta-commands -------------------------------------------------------------

    def _meta(self, cmd: MetaCommand, lexer: Lexer, display: str,
              branches: list[_Branch]) -> None:
        name = cmd.name
        self.where = (display, cmd.line)
        if name in ("if", "elif", "else", "endif"):
            self._conditional(name, lexer, branches, f"{display}:{cmd.line}")
            return
        active = lexer.expand
        if not active:
            lexer.read_args()  # psql skips the arguments of commands in inactive branches
            return
        if name in ("i", "include", "ir", "include_relative"):
            args = lexer.read_args()
            if not args:
                raise _MetaError(f"\\{name}: missing required argument")
            target = os.path.expanduser(args[0])
            if name in ("ir", "include_relative") and not os.path.isabs(target):
                target = os.path.normpath(os.path.join(os.path.dirname(display), target))
            self.run(target, (display, cmd.line))
        elif name == "set":
            args = lexer.read_args()
            if not args:
                for key in sorted(self.variables):
                    self.output(f"{key} = '{self.variables[key]}'\n")
            elif not _VALID_VARNAME.match(args[0]):
                raise _MetaError(f'invalid variable name: "{args[0]}"')
            else:
                self.variables[args[0]] = "".join(args[1:])
        elif name == "unset":
            args = lexer.read_args()
            if not args:
                raise _MetaError("\\unset: missing required argument")
            self.variables.pop(args[0], None)
        elif name in ("echo", "qecho", "warn"):
            args = lexer.read_args()
            newline = "\n"
            if args and args[0] == "-n":
                args, newline = args[1:], ""
            text = " ".join(args) + newline
            if name == "warn":
                if self.notice:
                    self.notice(text)
            else:
                self.output(text)
        elif name == "getenv":
            args = lexer.read_args()
            if len(args) < 2:
                raise _MetaError("\\getenv: missing required argument")
            if args[1] in os.environ:
                if not _VALID_VARNAME.match(args[0]):
                    raise _MetaError(f'invalid variable name: "{args[0]}"')
                self.variables[args[0]] = os.environ[args[1]]
        elif name == "setenv":
            args = lexer.read_args()
            if not args:
                raise _MetaError("\\setenv: missing required argument")
            if "=" in args[0]:
                raise _MetaError("\\setenv: environment variable name must not contain \"=\"")
            if len(args) == 1:
                os.environ.pop(args[0], None)
            else:
                os.environ[args[0]] = args[1]
        elif name == "!":
            command = lexer.read_whole_line().strip()
            if not command:
                raise _MetaError("\\! is not supported by chaindb without a command (an "
                                 "interactive shell)")
            import subprocess

            done = subprocess.run(["/bin/sh", "-c", command], stdout=subprocess.PIPE)
            self.output(done.stdout.decode(self.encoding, "surrogateescape"))
        elif name in ("r", "reset"):
            lexer.read_args()
            lexer.query = _QueryState()
        elif name == "p" or name == "print":
            lexer.read_args()
            text = "".join(lexer.query.parts) or self.previous
            self.output((text or "") + "\n" if text else "Query buffer is empty.\n")
        elif name == "q" or name == "quit":
            lexer.read_args()
            raise _Quit()
        elif name in ("g", "gset", "gexec"):
            self._send_buffer(name, lexer, display, cmd)
        elif name in ("pset", "t", "timing") and _keeps_sqitchs_output(name,
                                                                         lexer.read_args()):
            pass        # e.g. \pset pager off: Sqitch's psql (--quiet) prints nothing either
        else:
            lexer.read_args()
            why = _REFUSED.get(name)
            if why is None:
                raise _MetaError(f"invalid command \\{name}")
            raise _MetaError(f"\\{name} is not supported by chaindb ({why})")

    def _send_buffer(self, name: str, lexer: Lexer, display: str, cmd: MetaCommand) -> None:
        """\\g, \\gset [prefix] and \\gexec: send the query buffer (or, when it is empty,
        the previous query) as psql does."""
        args = lexer.read_args()
        if name == "g" and args:
            raise _MetaError("\\g is not supported by chaindb with an argument (files and "
                             "pipes are not supported)")
        if lexer.query.parts:
            stmt = lexer._take_statement()
            stmt = Statement(stmt.text, stmt.line, cmd.line)
        elif self.previous:
            stmt = Statement(self.previous, cmd.line, cmd.line)
        else:
            return                          # psql sends nothing either
        if name == "g":
            self._statement(stmt, lexer, display)
            return
        results: list[pq.abc.PGresult] = []
        self._statement(stmt, lexer, display, results=results)
        result = results[-1] if results else None
        if result is None or result.status != pq.ExecStatus.TUPLES_OK:
            return
        if name == "gset":
            if result.ntuples == 0:
                raise _MetaError("no rows returned for \\gset")
            if result.ntuples > 1:
                raise _MetaError("more than one row returned for \\gset")
            prefix = args[0] if args else ""
            for col in range(result.nfields):
                key = prefix + result.fname(col).decode(self.encoding)
                if not _VALID_VARNAME.match(key):
                    raise _MetaError(f'invalid variable name: "{key}"')
                value = result.get_value(0, col)
                if value is None:
                    self.variables.pop(key, None)
                else:
                    self.variables[key] = value.decode(self.encoding)
            return
        for row in range(result.ntuples):     # \gexec: each value is a query of its own
            for col in range(result.nfields):
                value = result.get_value(row, col)
                if value is not None:
                    self._statement(Statement(value.decode(self.encoding), cmd.line,
                                              cmd.line), lexer, display)

    def _conditional(self, name: str, lexer: Lexer, branches: list[_Branch],
                     where: str) -> None:
        """psql's \\if state machine (conditional.c / command.c)."""
        if name == "if":
            if lexer.expand:
                value = self._condition(lexer, name, where)
                branches.append(_Branch(IF_TRUE if value else IF_FALSE))
                if not value:
                    branches[-1].saved_query = lexer.save_query()
            else:
                lexer.read_args()
                branches.append(_Branch(IF_IGNORED))
            return
        if not branches:
            lexer.read_args()
            raise _MetaError(f"\\{name}: no matching \\if")
        top = branches[-1]
        if name == "elif":
            if top.in_else:
                lexer.read_args()
                raise _MetaError("\\elif: cannot occur after \\else")
            if top.state == IF_TRUE:
                lexer.read_args()
                top.state = IF_DONE
                top.saved_query = lexer.save_query()
            elif top.state == IF_FALSE:
                lexer.expand = True
                value = self._condition(lexer, name, where)
                if value:
                    lexer.restore_query(top.saved_query)
                    top.state = IF_TRUE
            else:
                lexer.read_args()
        elif name == "else":
            lexer.read_args()
            if top.in_else:
                raise _MetaError("\\else: cannot occur after \\else")
            top.in_else = True
            if top.state == IF_TRUE:
                top.state = IF_DONE
                top.saved_query = lexer.save_query()
            elif top.state == IF_FALSE:
                lexer.restore_query(top.saved_query)
                top.state = IF_TRUE
        else:  # endif
            lexer.read_args()
            if top.state in (IF_FALSE, IF_DONE):
                lexer.restore_query(top.saved_query)
            branches.pop()

    def _condition(self, lexer: Lexer, name: str, where: str) -> bool:
        """The branch condition.  A value that is not a boolean counts as false: psql
        only complains on stderr (ON_ERROR_STOP does not apply), and so do we."""
        expression = " ".join(lexer.read_args())
        value = parse_bool(expression)
        if value is None:
            self.message(f'error: unrecognized value "{expression}" for '
                         f'"\\{name} expression": Boolean expected')
        return bool(value)

    # ---- SQL -------------------------------------------------------------------------

    def _statement(self, stmt: Statement, lexer: Lexer, display: str,
                   results: list | None = None) -> None:
        end_line = stmt.end_line
        self.where = (display, end_line)
        self.previous = stmt.text
        try:
            with self.conn.cursor() as cur:
                body = stmt.text[_LEADING_COMMENTS.match(stmt.text).end():]
                copy = _COPY_STDIO.match(body)
                if copy and copy.group(1).lower() == "stdin":
                    data, end_line = lexer.read_copy_data()
                    self.where = (display, end_line)
                    with cur.copy(stmt.text) as pipe:
                        for line in data:
                            pipe.write(line + "\n")
                elif copy:
                    with cur.copy(stmt.text) as pipe:
                        for chunk in pipe:
                            self.output(bytes(chunk).decode(self.encoding))
                else:
                    cur.execute(stmt.text.encode(self.encoding, "surrogateescape"),
                                prepare=False)
                    if results is None:
                        self._print_results(cur)
                    else:
                        while True:
                            if cur.pgresult is not None:
                                results.append(cur.pgresult)
                            if not cur.nextset():
                                break
                self.variables["ROW_COUNT"] = str(max(cur.rowcount, 0))
        except psycopg.Error as exc:
            self._fail(exc, stmt, end_line, display)
        self.variables["ERROR"] = "false"
        self.variables["SQLSTATE"] = "00000"

    def _print_results(self, cur: psycopg.Cursor) -> None:
        """Rows in psql's --no-align --tuples-only form, from the text-format result."""
        while True:
            if cur.pgresult is not None:
                _print_rows(cur.pgresult, self.encoding, self.output)
            if not cur.nextset():
                break

    def _fail(self, exc: psycopg.Error, stmt: Statement, end_line: int, display: str) -> None:
        diag = exc.diag
        sqlstate = exc.sqlstate or diag.sqlstate
        message = diag.message_primary or str(exc).strip()
        detail, hint = diag.message_detail, diag.message_hint
        self.variables.update(ERROR="true", SQLSTATE=sqlstate or "")
        text = f"{display}:{stmt.line}: ERROR {sqlstate}: {message}" if sqlstate else \
            f"{display}:{stmt.line}: ERROR: {message}"
        if detail:
            text += f"; DETAIL: {detail}"
        if hint:
            text += f"; HINT: {hint}"
        psql = psql_error_text(exc, self.encoding)
        self.where = (display, end_line)
        self.message(psql)
        raise ScriptError(text, path=Path(display), line=stmt.line, sqlstate=sqlstate,
                          pg_message=message, detail=detail, hint=hint,
                          psql_line=end_line,
                          psql_text=f"psql:{display}:{end_line}: {psql.rstrip(chr(10))}\n"
                          ) from None


def psql_error_text(exc: psycopg.Error, encoding: str = "utf-8") -> str:
    """libpq's own text of an error (what psql prints after its ``psql:file:line:``
    prefix): severity, message, the LINE excerpt with its caret, DETAIL, HINT, QUERY,
    CONTEXT, at libpq's default verbosity.  A lost connection has no result: its text."""
    result = getattr(exc, "pgresult", None)
    raw = result.error_message if result is not None else None
    if raw:
        text = raw.decode(encoding, "replace") if isinstance(raw, bytes) else raw
    else:
        text = str(exc).strip()
    return text if text.endswith("\n") else text + "\n"


def _builtin_variables(conn: psycopg.Connection) -> dict[str, str]:
    """The variables psql sets itself (with Sqitch's --quiet and ON_ERROR_STOP=1)."""
    info = conn.info

    def param(name: str) -> str:
        return info.parameter_status(name) or ""

    return {
        "AUTOCOMMIT": "on", "ON_ERROR_STOP": "1", "QUIET": "on",
        "DBNAME": info.dbname, "USER": info.user, "HOST": info.host,
        "PORT": str(info.port), "ENCODING": param("client_encoding"),
        "SERVER_VERSION_NAME": param("server_version"),
        "SERVER_VERSION_NUM": str(info.server_version),
    }


def _in_transaction(conn: psycopg.Connection) -> bool:
    return conn.info.transaction_status in (pq.TransactionStatus.INTRANS,
                                            pq.TransactionStatus.INERROR)


def run_file(conn, path: Path | str, variables: dict[str, str] | None = None, *,
             output: Sink | None = None, notice: Sink | None = None,
             texts: list[str] | None = None) -> None:
    """Run a psql script on ``conn`` (autocommit) as ``psql --set ON_ERROR_STOP=1 --file``.

    ``path`` is opened relative to the process's cwd and named in errors as given; \\i
    paths are relative to the cwd, \\ir paths to the including file.  ``notice`` receives
    what psql prints on stderr, byte for byte: notices and warnings
    (``psql:FILE:LINE: NOTICE:  ...``), \\warn text, complaints, and the error that ends
    the script.  A transaction the script leaves open is rolled back (psql's exit would
    lose it); one that was already open when run_file was called is left alone unless the
    script fails.  ``texts``, when given, receives the text of every file run (the
    script's and the ones it includes).
    """
    _run(conn, variables, output, notice, texts, lambda runner: runner.run(str(path)))


def run_text(conn, text: str, variables: dict[str, str] | None = None, *,
             name: str = "<script>", output: Sink | None = None,
             notice: Sink | None = None, texts: list[str] | None = None) -> None:
    """Like run_file for a script held in memory; ``name`` is used in error messages and
    as the base of \\ir paths."""
    _run(conn, variables, output, notice, texts, lambda runner: runner.run_text(text, name))


def _run(conn, variables, output, notice, texts, action: Callable[[_Runner], None]) -> None:
    """Set up the variables and the notice sink, run, and clean up transactions."""
    values = {**_builtin_variables(conn), **(variables or {})}
    runner = _Runner(conn, values, output, notice)
    runner.texts = texts
    was_in_transaction = _in_transaction(conn)
    pgconn = conn.pgconn
    saved_handler = pgconn.notice_handler
    if notice:
        pgconn.notice_handler = runner.on_notice
    try:
        action(runner)
    except _Quit:
        pass
    except ScriptError:
        if _in_transaction(conn):  # psql would exit and the server roll back
            conn.execute("ROLLBACK")
        raise
    finally:
        if notice:
            pgconn.notice_handler = saved_handler
    if _in_transaction(conn) and not was_in_transaction:
        conn.execute("ROLLBACK")
