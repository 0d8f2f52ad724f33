"""Running a change's script as Sqitch's psql would, on one connection of our own.

Sqitch starts one ``psql`` per script: every script begins in a fresh session and the user
reads psql's own messages.  chaindb keeps one script connection for speed and makes it
indistinguishable:

* **A clean session for every script.**  Before each script the session is put back to
  what a new connection has (``RESET_STATEMENTS``: session authorization and role, every
  setting, WITH HOLD cursors, LISTEN, prepared statements, advisory locks, cached plans,
  temporary tables, sequence state), sent in the same message as the script's first
  statements where the script allows it.  Not ``DISCARD ALL``: it cannot run inside the
  message's transaction.  A setting PostgreSQL cannot forget (a custom ``x.y`` placeholder
  created by ``SET x.y``/``set_config``, a ``LOAD``ed library) makes the runner open a new
  connection before the next script.  The deploy lock is held on the registry session,
  which never runs a script.
* **psql's messages.**  Notices, warnings and errors reach ``messages`` exactly as psql
  prints them on stderr (chaindb.script), script output reaches ``output``.
* **The registry rows never see a script's state.**  Written on the registry session, or,
  when they share the script's transaction (atomic paths below), after
  ``SET SESSION AUTHORIZATION DEFAULT; RESET ALL`` inside that transaction.

``ScriptRunner.shape`` is the one place that decides how a script runs (``Shape``):

``message``      one plain transaction (``BEGIN; ...; COMMIT;``, no meta-command but
                 \\i/\\ir, nothing that may raise a notice): reset, script and registry rows
                 with the COMMIT in one message -- one round trip; script and rows commit
                 together or not at all.
``transaction``  one transaction otherwise: reset and BEGIN, the statements one by one (psql's
                 messages exactly), then the rows and COMMIT in one pipeline.
``script``       anything else (and any script that sets a custom placeholder setting or
                 LOADs a library, which no reset undoes): reset, then the script as psql
                 runs it, inside Sqitch's own protocol (a registry transaction holding the
                 changes lock; rows after the script, on the registry session).
"""

from __future__ import annotations

import logging
import re
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import psycopg
from psycopg import pq

from chaindb import script
from chaindb.errors import ChaindbError

Sink = Callable[[str], None]

# A failed statement inside a pipeline makes psycopg log "error ignored terminating
# <Pipeline ...>" (a WARNING) while the error itself propagates: noise on a user's stderr.
logging.getLogger("psycopg").setLevel(logging.ERROR)

RESET_STATEMENTS = (
    "SET SESSION AUTHORIZATION DEFAULT;",  # also ends SET ROLE
    "RESET ALL;",
    "CLOSE ALL;",
    "UNLISTEN *;",
    "DEALLOCATE ALL;",                     # the script connection prepares nothing itself
    "SELECT pg_catalog.pg_advisory_unlock_all();",
    "DISCARD PLANS;",
    "DISCARD TEMP;",
    "DISCARD SEQUENCES;",
)
# Inside a script's transaction, before the registry rows: back to the session's own
# identity and settings (transactional: a rollback forgets it; after the COMMIT it is the
# next script's starting point too).
ROWS_PREAMBLE = ("SET SESSION AUTHORIZATION DEFAULT;", "RESET ALL;")
# How often (ms) the server checks that the script connection's client is still there
# (a session default given at connection time, so RESET ALL keeps it).
CLIENT_CHECK_MS = 100

_BEGIN = re.compile(r"^(?:BEGIN|START\s+TRANSACTION)\b[^;]*;?$", re.I | re.S)
_COMMIT = re.compile(r"^(?:COMMIT|END)(?:\s+(?:WORK|TRANSACTION))?\s*;?$", re.I)
_END = re.compile(r"^(?:COMMIT|END|ROLLBACK|ABORT)(?:\s+(?:WORK|TRANSACTION))?\s*;?$", re.I)
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/|\s+", re.S)
_COMMENTS_AHEAD = re.compile(r"\A(?:--[^\n]*|/\*.*?\*/|\s+)*", re.S)
# Statements that end or nest transactions: a script holding one between its BEGIN and
# COMMIT is not sent as one message.
_TRANSACTION_CONTROL = re.compile(
    r"(?:BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE)\b", re.I)
# Statements that are likely to make the server send a notice or warning (RAISE in DO
# blocks and functions, IF [NOT] EXISTS skips, CASCADE lists, GRANT/REVOKE warnings, long
# identifiers...).  psql names the statement's line with each notice.  In one message the
# statement is known from the results read so far (script.run_batch), which is exact for
# the first notice a statement raises and for every notice read as it arrives, but not
# for a second notice of one statement read together with that statement's completion;
# scripts that look like they raise notices run statement by statement instead (the
# "transaction" shape), so a function called by SELECT that raises several notices is
# the one case left to run_batch's rule.
# (Identifier characters written as a complement: a Unicode class under re.I takes ~40 ms
# to compile, paid by every deploy.)
_MAY_NOTICE = re.compile(
    r"\b(?:DO|RAISE|EXISTS|CASCADE|CALL|PERFORM|TRUNCATE|VACUUM|ANALY[SZ]E|GRANT|REVOKE"
    r"|NOTIFY|INHERITS)\b"
    r"|[^\x00-\x23\x25-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]{64}|\"[^\"]{64}",
    re.I | re.A)
# What RESET ALL cannot undo: custom placeholder settings and loaded libraries.
_NEEDS_NEW_SESSION = re.compile(
    r"\b(?:SET|RESET)\s+(?:SESSION\s+|LOCAL\s+)?\"?[A-Za-z_][\w$]*\"?\s*\.\s*\"?[A-Za-z_]"
    r"|\bset_config\s*\(|\bLOAD\s+'", re.I)


_LISTEN = re.compile(r"\bLISTEN\b", re.I)


class RunnerError(ChaindbError):
    """A script could not be run (missing file, cannot connect)."""


@dataclass(frozen=True)
class Shape:
    """How one script runs (see the module docstring)."""

    kind: str                                         # message | transaction | script
    statements: tuple[script.PlainStatement, ...] = ()  # message: BEGIN .. last before COMMIT


def _in_transaction(conn: psycopg.Connection) -> bool:
    return conn.info.transaction_status != pq.TransactionStatus.IDLE


def single_transaction_parts(path: Path) -> tuple[str, str] | None:
    """(BEGIN statement, rest of the script without its final COMMIT) when the script is
    one top-level transaction with only comments before BEGIN and after COMMIT; the BEGIN
    is blanked out of the rest so error line numbers stay those of the file."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    statements = script.split_statements(text)
    if len(statements) < 2:
        return None
    first, last = statements[0], statements[-1]
    if not _BEGIN.match(first.text.strip()) or not _COMMIT.match(last.text.strip()):
        return None
    lines = text.splitlines(keepends=True)
    begin_at = sum(len(x) for x in lines[:first.line - 1])
    begin_at = text.find(first.text, begin_at)
    commit_at = text.rfind(last.text.strip())
    if begin_at < 0 or commit_at < begin_at + len(first.text):
        return None
    head, tail = text[:begin_at], text[commit_at + len(last.text.strip()):]
    if _COMMENTS.sub("", head) or _COMMENTS.sub("", tail):
        return None                      # meta-commands outside the transaction
    blank = re.sub(r"[^\n]", " ", text[:begin_at + len(first.text)])
    return first.text, blank + text[begin_at + len(first.text):commit_at]


class ScriptRunner:
    """Runs scripts on one connection of its own, each in a clean session.

    ``connect(**options)`` opens an autocommit connection to the target;
    ``variables`` are psql's ``--set k=v`` (the engine may replace them between phases);
    ``output`` receives what psql prints on stdout, ``messages`` what it prints on stderr.
    """

    def __init__(self, connect: Callable[..., psycopg.Connection],
                 variables: dict[str, str], *, output: Sink | None = None,
                 messages: Sink | None = None):
        self._connect = connect
        self.variables = variables
        self.output = output
        self.messages = messages
        self._conn: psycopg.Connection | None = None
        self._opening: tuple | None = None      # (thread, [connection or error])
        # the session is as new: just opened, or the last message ended with the reset
        self._clean = False
        self._cache: dict[tuple, object] | None = None

    # ------------------------------------------------------------------ connection
    def open_soon(self) -> None:
        """Start opening the script connection in the background (a deploy does its
        registry work meanwhile); ``conn`` waits for it."""
        if self._conn is not None or self._opening is not None:
            return
        import threading

        outcome: list = []

        def open_it() -> None:
            try:
                outcome.append(self._open())
            except BaseException as exc:        # re-raised by conn, in the caller
                outcome.append(exc)

        thread = threading.Thread(target=open_it, name="chaindb-script-connect", daemon=True)
        thread.start()
        self._opening = (thread, outcome)

    def _open(self) -> psycopg.Connection:
        # A change's COMMIT travels in the same message as its script: the server polls
        # for a dead client while a statement runs, so a deploy killed during a change's
        # script rolls the change back instead of finishing it unattended.
        conn = self._connect(options=f"-c client_connection_check_interval={CLIENT_CHECK_MS}")
        conn.prepare_threshold = None          # nothing for DEALLOCATE ALL to break
        return conn

    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None and self._opening is not None:
            thread, outcome = self._opening
            self._opening = None
            thread.join()
            if isinstance(outcome[0], BaseException):
                raise outcome[0]
            self._conn, self._clean = outcome[0], True
        if self._conn is None:
            self._conn, self._clean = self._open(), True
        return self._conn

    def close(self) -> None:
        if self._opening is not None:
            try:
                self.conn
            except BaseException:
                pass
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def _reset_prefix(self) -> tuple[str, ...]:
        """The reset statements to send before the next script (none on a session that is
        as new).  The session counts as used from here on."""
        self.conn
        if self._clean:
            self._clean = False
            return ()
        return RESET_STATEMENTS

    def _reset(self) -> None:
        prefix = self._reset_prefix()
        if prefix:
            self.conn.execute(" ".join(prefix), prepare=False)

    def _after(self, texts: list[str]) -> None:
        """Open a new session for the next script when this one changed what a reset
        cannot restore; stop listening now when it listened (UNLISTEN in the next
        script's transaction would take effect only at its commit)."""
        if any(_NEEDS_NEW_SESSION.search(text) for text in texts):
            self.close()
        elif self._conn is not None and any(_LISTEN.search(text) for text in texts):
            if not _in_transaction(self._conn):
                self._conn.execute("UNLISTEN *")

    # ------------------------------------------------------------------ computed ahead
    def keep(self) -> "AbstractContextManager[None]":
        """While in this context, shapes are computed once per script (a deploy computes
        the next change's while the server runs the current one)."""
        runner = self

        class _Keep(AbstractContextManager):
            def __enter__(self):
                runner._cache = {}

            def __exit__(self, *exc):
                runner._cache = None

        return _Keep()

    def _once(self, key: tuple, compute: Callable):
        if self._cache is None:
            return compute()
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # ------------------------------------------------------------------ shape
    def shape(self, path: Path) -> Shape:
        """The one decision of how a script runs (see the module docstring)."""
        return self._once(("shape", str(path)), lambda: self._find_shape(path))

    def _find_shape(self, path: Path) -> Shape:
        found = script.plain_statements(path, self.variables)
        if found:
            text = "\n".join(p.statement.text for p in found)   # includes inlined
        else:
            try:
                text = path.read_bytes().decode("utf-8", "replace")
            except OSError:
                return Shape("script")
        if _NEEDS_NEW_SESSION.search(text):
            # the session cannot be reset afterwards: no registry rows in it (Sqitch's
            # protocol writes them on the registry session), and a new one for the next
            return Shape("script")
        if found and len(found) >= 2:
            first, last = found[0], found[-1]
            middle = found[1:-1]
            if (first.top_level and last.top_level
                    and _BEGIN.match(first.statement.text.strip())
                    and _COMMIT.match(last.statement.text.strip())
                    and not any(_TRANSACTION_CONTROL.match(
                        _COMMENTS_AHEAD.sub("", p.statement.text, count=1)) for p in middle)):
                if not _MAY_NOTICE.search(text):
                    return Shape("message", (first, *middle))
                return Shape("transaction")
        if single_transaction_parts(path) is not None:
            return Shape("transaction")
        return Shape("script")

    # ------------------------------------------------------------------ running
    def run(self, path: Path, *, record: Callable[[psycopg.Connection], None] | None = None,
            record_sql: list[str] | None = None,
            registry_transaction: Callable[[], AbstractContextManager] | None = None,
            meanwhile: Callable[[], None] | None = None, output: bool = True) -> None:
        """Run one script in a clean session.

        ``record(conn)`` writes the change's registry rows (changes-table lock included) on
        the connection it is given, inside the transaction open there; ``record_sql`` is
        the same rows as SQL strings (values bound), which a ``message``-shaped script
        carries in its own message.  ``registry_transaction()`` opens the registry
        session's transaction of Sqitch's protocol and yields its connection (``script``
        shape).  ``meanwhile()`` runs while the server works on a one-message script.
        Without ``record`` the script simply runs (verify, a revert after a failed
        verify), as one message when it is plain (see _batchable); ``output=False``
        discards what it prints (Sqitch runs verify scripts with stdout discarded).
        Raises script.ScriptError (psql's text already given to ``messages``)."""
        if not path.exists():
            # what psql says and does (exit 1) when its --file is not there
            text = f"psql: error: {path}: No such file or directory\n"
            if self.messages:
                self.messages(text)
            error = script.ScriptError(f"{path}: No such file or directory", path=path,
                                       psql_text=text)
            error.psql_exit = 1
            raise error
        if record is None:
            statements = self._batchable(path)
            if statements is None or not self._run_batch(statements, output):
                self._run_file(path, output)
            return
        shape = self.shape(path)
        if shape.kind == "message" and self._run_message(shape, record, record_sql,
                                                         meanwhile):
            return
        if shape.kind in ("message", "transaction") and self._run_transaction(path, record):
            return
        with registry_transaction() as registry_conn:
            self._run_file(path)
            record(registry_conn)

    def _run_file(self, path: Path, output: bool = True) -> None:
        self._reset()
        texts: list[str] = []
        try:
            script.run_file(self.conn, path, self.variables,
                            output=self.output if output else None,
                            notice=self.messages, texts=texts)
        finally:
            self._after(texts)

    def _batchable(self, path: Path) -> tuple[script.PlainStatement, ...] | None:
        """The statements of a script that runs unrecorded (verify) as one message: plain
        (script.plain_statements), no transaction control but a first BEGIN and a last
        COMMIT/ROLLBACK closing it, nothing likely to raise a notice, nothing a reset
        cannot undo.  None otherwise."""
        def find():
            found = script.plain_statements(path, self.variables)
            if not found:
                return None
            texts = [p.statement.text for p in found]
            bodies = [_COMMENTS_AHEAD.sub("", t, count=1) for t in texts]
            opened = bool(_BEGIN.match(bodies[0].strip()))
            inner = bodies[1:-1] if opened else bodies
            if opened and (len(bodies) < 2 or not _END.match(bodies[-1].strip())):
                return None
            if any(_TRANSACTION_CONTROL.match(b) for b in inner):
                return None
            if any(_MAY_NOTICE.search(t) or _NEEDS_NEW_SESSION.search(t) or _LISTEN.search(t)
                   for t in texts):
                return None
            return tuple(found)
        return self._once(("batch", str(path)), find)

    def _run_batch(self, statements: tuple[script.PlainStatement, ...], output: bool) -> bool:
        """Reset (if needed), the statements, and the reset for the next script, as one
        message.  False when it failed: rolled back, nothing printed; the caller runs the
        script statement by statement, which reports the failure as psql does."""
        conn = self.conn
        printed: list[str] = []
        try:
            script.run_batch(conn, [p.statement for p in statements],
                             before=self._reset_prefix(), then=RESET_STATEMENTS,
                             output=printed.append if output else None)
        except psycopg.Error:
            if _in_transaction(conn):
                conn.execute("ROLLBACK")
            return False
        self._clean = True
        for text in printed if self.output else ():
            self.output(text)
        return True

    def _run_message(self, shape: Shape, record: Callable, record_sql: list[str] | None,
                     meanwhile: Callable[[], None] | None) -> bool:
        """The ``message`` shape; False when the batch failed (rolled back: the caller
        re-runs the script statement by statement, which reports the failure as psql
        does -- a failure that does not recur, a lock timeout say, then simply succeeds)."""
        conn = self.conn
        before = self._reset_prefix()
        tail = ([*ROWS_PREAMBLE, *(q + ";" for q in record_sql), "COMMIT;",
                 *RESET_STATEMENTS] if record_sql is not None else [])
        printed: list[str] = []
        notices: list[str] = []

        def notice(statement: script.Statement, text: str) -> None:
            file = next(p.file for p in shape.statements if p.statement is statement)
            notices.append(f"psql:{file}:{statement.end_line}: {text.rstrip(chr(10))}\n")

        try:
            script.run_batch(conn, [p.statement for p in shape.statements], before=before,
                             then=tail, output=printed.append, notice=notice,
                             meanwhile=meanwhile)
        except psycopg.Error:
            if _in_transaction(conn):
                conn.execute("ROLLBACK")
            return False
        for text in notices if self.messages else ():
            self.messages(text)
        for text in printed if self.output else ():
            self.output(text)
        if not tail:
            try:
                with conn.pipeline():          # one round trip: rows and COMMIT
                    for statement in ROWS_PREAMBLE:
                        conn.execute(statement)
                    record(conn)
                    conn.execute("COMMIT")
            except BaseException:
                if _in_transaction(conn):
                    conn.execute("ROLLBACK")
                raise
        self._clean = bool(tail)          # the message ended with the reset
        self._after([p.statement.text for p in shape.statements])
        return True

    def _run_transaction(self, path: Path, record: Callable) -> bool:
        """The ``transaction`` shape: the script's BEGIN (with the reset), its statements
        one by one, then the rows and the COMMIT.  False (nothing run) when the script is
        not one transaction after all."""
        parts = single_transaction_parts(path)
        if parts is None:
            return False
        begin, body = parts
        conn = self.conn
        texts: list[str] = []
        try:
            conn.execute(" ".join([*self._reset_prefix(), begin]), prepare=False)
            # run_text leaves a transaction that was open before it alone (rolls it back
            # only on error), so the script's COMMIT is ours to issue after the rows.
            script.run_text(conn, body, self.variables, name=str(path), output=self.output,
                            notice=self.messages, texts=texts)
            if not _in_transaction(conn):   # the body committed on its own after all
                return self._late_rows(record)
            with conn.pipeline():          # one round trip: rows and COMMIT
                for statement in ROWS_PREAMBLE:
                    conn.execute(statement)
                record(conn)
                conn.execute("COMMIT")
        except BaseException:
            if self._conn is not None and _in_transaction(conn):
                conn.execute("ROLLBACK")
            raise
        finally:
            self._after(texts)
        return True

    def _late_rows(self, record: Callable) -> bool:
        """Rows of a script that committed by itself: their own transaction."""
        conn = self.conn
        with conn.transaction():
            for statement in ROWS_PREAMBLE:
                conn.execute(statement)
            record(conn)
        return True
