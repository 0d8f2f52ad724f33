"""The Sqitch 1.3 PostgreSQL registry (release 1.1): DDL, the session lock, and every
read and write of ``<registry>.*`` rows, exactly as Sqitch issues them
(docs/sqitch-compat.md §2, §3.3-3.5).  All SQL touching the registry lives here.

Writes take an explicit connection so the engine can put a change's registry rows on the
script's own connection, inside the script's transaction (atomic deploy/revert).
Every table name is schema-qualified, so the registry never depends on search_path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable

import psycopg
from psycopg import sql

from chaindb.errors import ChaindbError

REGISTRY_RELEASE = "1.1"
ADVISORY_LOCK_KEY = 75474063     # Sqitch's destination lock (Engine/pg.pm)


class RegistryError(ChaindbError):
    """Wrong registry version, project URI clash, or another registry-level refusal."""


class LockTimeout(ChaindbError):
    """Another chaindb or sqitch instance held the destination lock for too long."""


# The DDL of Sqitch 1.3.1's lib/App/Sqitch/Engine/pg.sql (MIT, (c) iovation Inc.),
# with :"registry" -> {r} and an empty :tableopts.  Comments are verbatim, typos included.
_DDL = """
CREATE SCHEMA IF NOT EXISTS {r};

COMMENT ON SCHEMA {r} IS 'Sqitch database deployment metadata v1.1.';

CREATE TABLE {r}.releases (
    version         REAL        PRIMARY KEY,
    installed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    installer_name  TEXT        NOT NULL,
    installer_email TEXT        NOT NULL
);

COMMENT ON TABLE  {r}.releases                 IS 'Sqitch registry releases.';
COMMENT ON COLUMN {r}.releases.version         IS 'Version of the Sqitch registry.';
COMMENT ON COLUMN {r}.releases.installed_at    IS 'Date the registry release was installed.';
COMMENT ON COLUMN {r}.releases.installer_name  IS 'Name of the user who installed the registry release.';
COMMENT ON COLUMN {r}.releases.installer_email IS 'Email address of the user who installed the registry release.';

CREATE TABLE {r}.projects (
    project         TEXT        PRIMARY KEY,
    uri             TEXT            NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    creator_name    TEXT        NOT NULL,
    creator_email   TEXT        NOT NULL
);

COMMENT ON TABLE  {r}.projects                IS 'Sqitch projects deployed to this database.';
COMMENT ON COLUMN {r}.projects.project        IS 'Unique Name of a project.';
COMMENT ON COLUMN {r}.projects.uri            IS 'Optional project URI';
COMMENT ON COLUMN {r}.projects.created_at     IS 'Date the project was added to the database.';
COMMENT ON COLUMN {r}.projects.creator_name   IS 'Name of the user who added the project.';
COMMENT ON COLUMN {r}.projects.creator_email  IS 'Email address of the user who added the project.';

CREATE TABLE {r}.changes (
    change_id       TEXT        PRIMARY KEY,
    script_hash     TEXT            NULL,
    change          TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES {r}.projects(project) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    UNIQUE(project, script_hash)
);

COMMENT ON TABLE  {r}.changes                 IS 'Tracks the changes currently deployed to the database.';
COMMENT ON COLUMN {r}.changes.change_id       IS 'Change primary key.';
COMMENT ON COLUMN {r}.changes.script_hash     IS 'Deploy script SHA-1 hash.';
COMMENT ON COLUMN {r}.changes.change          IS 'Name of a deployed change.';
COMMENT ON COLUMN {r}.changes.project         IS 'Name of the Sqitch project to which the change belongs.';
COMMENT ON COLUMN {r}.changes.note            IS 'Description of the change.';
COMMENT ON COLUMN {r}.changes.committed_at    IS 'Date the change was deployed.';
COMMENT ON COLUMN {r}.changes.committer_name  IS 'Name of the user who deployed the change.';
COMMENT ON COLUMN {r}.changes.committer_email IS 'Email address of the user who deployed the change.';
COMMENT ON COLUMN {r}.changes.planned_at      IS 'Date the change was added to the plan.';
COMMENT ON COLUMN {r}.changes.planner_name    IS 'Name of the user who planed the change.';
COMMENT ON COLUMN {r}.changes.planner_email   IS 'Email address of the user who planned the change.';

CREATE TABLE {r}.tags (
    tag_id          TEXT        PRIMARY KEY,
    tag             TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES {r}.projects(project) ON UPDATE CASCADE,
    change_id       TEXT        NOT NULL REFERENCES {r}.changes(change_id) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    UNIQUE(project, tag)
);

COMMENT ON TABLE  {r}.tags                 IS 'Tracks the tags currently applied to the database.';
COMMENT ON COLUMN {r}.tags.tag_id          IS 'Tag primary key.';
COMMENT ON COLUMN {r}.tags.tag             IS 'Project-unique tag name.';
COMMENT ON COLUMN {r}.tags.project         IS 'Name of the Sqitch project to which the tag belongs.';
COMMENT ON COLUMN {r}.tags.change_id       IS 'ID of last change deployed before the tag was applied.';
COMMENT ON COLUMN {r}.tags.note            IS 'Description of the tag.';
COMMENT ON COLUMN {r}.tags.committed_at    IS 'Date the tag was applied to the database.';
COMMENT ON COLUMN {r}.tags.committer_name  IS 'Name of the user who applied the tag.';
COMMENT ON COLUMN {r}.tags.committer_email IS 'Email address of the user who applied the tag.';
COMMENT ON COLUMN {r}.tags.planned_at      IS 'Date the tag was added to the plan.';
COMMENT ON COLUMN {r}.tags.planner_name    IS 'Name of the user who planed the tag.';
COMMENT ON COLUMN {r}.tags.planner_email   IS 'Email address of the user who planned the tag.';

CREATE TABLE {r}.dependencies (
    change_id       TEXT        NOT NULL REFERENCES {r}.changes(change_id) ON UPDATE CASCADE ON DELETE CASCADE,
    type            TEXT        NOT NULL,
    dependency      TEXT        NOT NULL,
    dependency_id   TEXT            NULL REFERENCES {r}.changes(change_id) ON UPDATE CASCADE CONSTRAINT dependencies_check CHECK (
            (type = 'require'  AND dependency_id IS NOT NULL)
         OR (type = 'conflict' AND dependency_id IS NULL)
    ),
    PRIMARY KEY (change_id, dependency)
);

COMMENT ON TABLE  {r}.dependencies               IS 'Tracks the currently satisfied dependencies.';
COMMENT ON COLUMN {r}.dependencies.change_id     IS 'ID of the depending change.';
COMMENT ON COLUMN {r}.dependencies.type          IS 'Type of dependency.';
COMMENT ON COLUMN {r}.dependencies.dependency    IS 'Dependency name.';
COMMENT ON COLUMN {r}.dependencies.dependency_id IS 'Change ID the dependency resolves to.';

CREATE TABLE {r}.events (
    event           TEXT        NOT NULL CONSTRAINT events_event_check CHECK (
        event IN ('deploy', 'revert', 'fail', 'merge')
    ),
    change_id       TEXT        NOT NULL,
    change          TEXT        NOT NULL,
    project         TEXT        NOT NULL REFERENCES {r}.projects(project) ON UPDATE CASCADE,
    note            TEXT        NOT NULL DEFAULT '',
    requires        TEXT[]      NOT NULL DEFAULT '{{}}',
    conflicts       TEXT[]      NOT NULL DEFAULT '{{}}',
    tags            TEXT[]      NOT NULL DEFAULT '{{}}',
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    committer_name  TEXT        NOT NULL,
    committer_email TEXT        NOT NULL,
    planned_at      TIMESTAMPTZ NOT NULL,
    planner_name    TEXT        NOT NULL,
    planner_email   TEXT        NOT NULL,
    PRIMARY KEY (change_id, committed_at)
);

COMMENT ON TABLE  {r}.events                 IS 'Contains full history of all deployment events.';
COMMENT ON COLUMN {r}.events.event           IS 'Type of event.';
COMMENT ON COLUMN {r}.events.change_id       IS 'Change ID.';
COMMENT ON COLUMN {r}.events.change          IS 'Change name.';
COMMENT ON COLUMN {r}.events.project         IS 'Name of the Sqitch project to which the change belongs.';
COMMENT ON COLUMN {r}.events.note            IS 'Description of the change.';
COMMENT ON COLUMN {r}.events.requires        IS 'Array of the names of required changes.';
COMMENT ON COLUMN {r}.events.conflicts       IS 'Array of the names of conflicting changes.';
COMMENT ON COLUMN {r}.events.tags            IS 'Tags associated with the change.';
COMMENT ON COLUMN {r}.events.committed_at    IS 'Date the event was committed.';
COMMENT ON COLUMN {r}.events.committer_name  IS 'Name of the user who committed the event.';
COMMENT ON COLUMN {r}.events.committer_email IS 'Email address of the user who committed the event.';
COMMENT ON COLUMN {r}.events.planned_at      IS 'Date the event was added to the plan.';
COMMENT ON COLUMN {r}.events.planner_name    IS 'Name of the user who planed the change.';
COMMENT ON COLUMN {r}.events.planner_email   IS 'Email address of the user who plan planned the change.';
"""


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass
class ChangeRow:
    """What the engine hands the registry for one change (from the plan, or -- for
    reverts -- from the registry itself)."""

    id: str
    name: str
    project: str
    note: str
    planned_at: datetime
    planner_name: str
    planner_email: str
    script_hash: str | None = None
    tags: list[str] = field(default_factory=list)          # '@name'
    requires: list[str] = field(default_factory=list)      # Depend.as_string()
    conflicts: list[str] = field(default_factory=list)


@dataclass
class TagRow:
    id: str
    name: str              # '@name'
    note: str
    planned_at: datetime
    planner_name: str
    planner_email: str


@dataclass
class Dependency:
    """One dependencies row: type 'require' | 'conflict'."""

    type: str
    dependency: str
    dependency_id: str | None


@dataclass
class DeployedChange:
    """A changes row (+ its tags), as read back."""

    id: str
    name: str
    project: str
    note: str
    script_hash: str | None
    committed_at: datetime
    committer_name: str
    committer_email: str
    planned_at: datetime
    planner_name: str
    planner_email: str
    tags: list[str]

    @property
    def format_name_with_tags(self) -> str:
        return " ".join([self.name, *self.tags])


@dataclass
class Event:
    event: str
    change_id: str
    change: str
    project: str
    note: str
    requires: list[str]
    conflicts: list[str]
    tags: list[str]
    committed_at: datetime
    committer_name: str
    committer_email: str
    planned_at: datetime
    planner_name: str
    planner_email: str


@dataclass(frozen=True)
class EventSearch:
    """The parameters of Sqitch's search_events: regexes (PostgreSQL ``~``) on committer,
    planner, change and project names, event types, limit/offset, direction."""

    event: tuple[str, ...] = ()
    change: str | None = None
    project: str | None = None
    committer: str | None = None
    planner: str | None = None
    limit: int | None = None
    offset: int | None = None
    ascending: bool = False


def sql_literal(value) -> str:
    """A registry value as an SQL literal that means the same whatever the session's
    standard_conforming_strings (backslashes only inside E'' strings): text, NULL,
    timestamps, text arrays, numbers."""
    if value is None:
        return "NULL"
    if isinstance(value, str):
        body = value.replace("'", "''")
        if "\\" in value:
            return "E'" + body.replace("\\", "\\\\") + "'"
        return "'" + body + "'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return sql_literal(value.isoformat()) + "::timestamptz"
    if isinstance(value, (list, tuple)):
        if not value:
            return "'{}'::text[]"
        return "ARRAY[" + ", ".join(sql_literal(v) for v in value) + "]::text[]"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


class _StatementCollector:
    """Stands in for a connection in the registry's writers (they only call ``execute``):
    keeps each statement as one SQL string with its parameters bound client-side
    (sql_literal; ~10x cheaper than psycopg's ClientCursor.mogrify, paid per change)
    instead of running it."""

    def __init__(self, conn: psycopg.Connection):
        self.statements: list[str] = []

    def execute(self, query: str, params: tuple | None = None) -> None:
        if not params:
            self.statements.append(query.replace("%%", "%"))
            return
        parts = query.split("%s")
        if len(parts) != len(params) + 1:
            raise ValueError(f"{len(params)} parameters for {len(parts) - 1} placeholders")
        out = [parts[0].replace("%%", "%")]
        for value, part in zip(params, parts[1:]):
            out.append(sql_literal(value))
            out.append(part.replace("%%", "%"))
        self.statements.append("".join(out))


@dataclass
class RegistryState:
    """What `status` needs from the registry, read at once (Registry.state)."""

    version: str
    deployed: list["DeployedChange"]                   # oldest first
    tags: list[tuple[str, datetime, str, str]]         # newest first


class Registry:
    """The registry schema ``schema`` reached through ``conn`` (an autocommit psycopg
    connection that is this tool's registry session)."""

    def __init__(self, conn: psycopg.Connection, schema: str = "sqitch", *,
                 quiet: bool = False):
        """``quiet``: the connection was opened with client_min_messages=warning already
        (as a startup option: one round trip less)."""
        self.conn = conn
        self.schema = schema
        self._queries: dict[str, str] = {}
        if not quiet:
            conn.execute("SET client_min_messages = WARNING")

    def _q(self, text: str) -> str:
        """SQL text with {r} replaced by the quoted registry schema.  Composed once per
        text and kept as a plain string: psycopg caches the conversion of a string query,
        not of a Composed one (a deploy runs the same few INSERTs for every change)."""
        query = self._queries.get(text)
        if query is None:
            query = sql.SQL(text).format(r=sql.Identifier(self.schema)).as_string(self.conn)
            self._queries[text] = query
        return query

    def _rows(self, text: str, params: Iterable = (), conn=None) -> list[tuple]:
        return (conn or self.conn).execute(self._q(text), tuple(params)).fetchall()

    # ------------------------------------------------------------------ schema
    def exists(self) -> bool:
        """True when <registry>.changes exists (Sqitch's `initialized`)."""
        return bool(self.conn.execute(
            "SELECT EXISTS(SELECT TRUE FROM pg_catalog.pg_tables"
            " WHERE schemaname = %s AND tablename = %s)", (self.schema, "changes")).fetchone()[0])

    def version(self) -> str | None:
        """MAX(releases.version) as text, None when there is no releases table."""
        try:
            with self.conn.transaction():
                row = self._rows("SELECT MAX(version)::TEXT FROM {r}.releases")
        except psycopg.errors.UndefinedTable:
            return None
        return row[0][0]

    def check_version(self) -> None:
        """Refuse a registry of any release but 1.1 (one line, exit 2)."""
        found = self.version()
        if found == REGISTRY_RELEASE:
            return
        if found is None or float(found) < float(REGISTRY_RELEASE):
            raise RegistryError(
                f'Registry "{self.schema}" is at version {found or "unknown"} but chaindb needs '
                f'{REGISTRY_RELEASE}; run "sqitch upgrade" on it first')
        raise RegistryError(
            f'Registry "{self.schema}" is at version {found}, newer than the {REGISTRY_RELEASE} '
            'chaindb supports; please upgrade chaindb')

    def create(self, installer: Person) -> None:
        """Create the registry schema and its release row in one transaction."""
        with self.conn.transaction():
            self.conn.execute(self._q(_DDL))
            self.conn.execute(self._q(
                "INSERT INTO {r}.releases (version, installed_at, installer_name, installer_email)"
                " VALUES (%s, clock_timestamp(), %s, %s)"),
                (float(REGISTRY_RELEASE), installer.name, installer.email))

    def ensure(self, installer: Person) -> bool:
        """Create the registry when missing (True), else check its version (False)."""
        if self.exists():
            self.check_version()
            return False
        self.create(installer)
        return True

    # ------------------------------------------------------------------ locking
    def try_lock(self) -> bool:
        return bool(self.conn.execute("SELECT pg_try_advisory_lock(%s)",
                                      (ADVISORY_LOCK_KEY,)).fetchone()[0])

    def lock(self, timeout: float, on_wait: Callable[[], None] | None = None,
             destination: str = "") -> None:
        """Take Sqitch's session advisory lock; if another instance holds it, call
        ``on_wait`` once and poll until ``timeout`` seconds have passed."""
        if self.try_lock():
            return
        if on_wait:
            on_wait()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
            if self.try_lock():
                return
        raise LockTimeout(
            f"Timed out waiting {timeout:g} seconds for another instance of chaindb or sqitch "
            f"to finish with {destination or 'the database'}")

    def unlock(self) -> None:
        self.conn.execute("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))

    def lock_changes_table(self, conn) -> None:
        """Per change, as Sqitch: serialise writers of <registry>.changes."""
        conn.execute(self._q("LOCK TABLE {r}.changes IN EXCLUSIVE MODE"))

    # ------------------------------------------------------------------ projects
    def register_project(self, project: str, uri: str | None, creator: Person) -> None:
        """Sqitch's register_project: the row must match the plan's raw %uri."""
        row = self._rows("SELECT uri FROM {r}.projects WHERE project = %s", (project,))
        if row:
            known = row[0][0]
            if known != uri:
                if uri is None:
                    raise RegistryError(f'Cannot register "{project}" without URI: already '
                                        f'exists with URI {known}')
                if known is None:
                    raise RegistryError(f'Cannot register "{project}" with URI {uri}: already '
                                        'exists with NULL URI')
                raise RegistryError(f'Cannot register "{project}" with URI {uri}: already '
                                    f'exists with URI {known}')
            return
        if uri is not None:
            other = self._rows("SELECT project FROM {r}.projects WHERE uri = %s", (uri,))
            if other:
                raise RegistryError(f'Cannot register "{project}" with URI {uri}: project '
                                    f'"{other[0][0]}" already using that URI')
        self.conn.execute(self._q(
            "INSERT INTO {r}.projects (project, uri, creator_name, creator_email, created_at)"
            " VALUES (%s, %s, %s, %s, clock_timestamp())"),
            (project, uri, creator.name, creator.email))

    # ------------------------------------------------------------------ reading
    _CHANGE_COLUMNS = """
        SELECT c.change_id, c.change, c.project, c.note, c.script_hash, c.committed_at,
               c.committer_name, c.committer_email, c.planned_at, c.planner_name,
               c.planner_email,
               array_remove(array_agg(t.tag ORDER BY t.tag), NULL) AS tags
          FROM {r}.changes c
          LEFT JOIN {r}.tags t ON c.change_id = t.change_id
    """
    _CHANGE_GROUP = " GROUP BY c.change_id "

    def _deployed(self, where: str, params: tuple, order: str, limit: str = "") -> list[DeployedChange]:
        rows = self._rows(self._CHANGE_COLUMNS + where + self._CHANGE_GROUP + order + limit, params)
        return [DeployedChange(*row[:11], tags=list(row[11])) for row in rows]

    def current_change(self, project: str) -> DeployedChange | None:
        """The project's latest change by committed_at (Sqitch's current_state)."""
        found = self._deployed(" WHERE c.project = %s", (project,),
                               " ORDER BY c.committed_at DESC", " LIMIT 1")
        return found[0] if found else None

    def deployed_changes(self, project: str) -> list[DeployedChange]:
        """Every deployed change of the project, oldest first."""
        return self._deployed(" WHERE c.project = %s", (project,), " ORDER BY c.committed_at ASC")

    def state(self, project: str) -> "RegistryState | None":
        """The registry's version, the project's deployed changes (oldest first) and tags
        (newest first), read in one message (one round trip).  None when that is not the
        whole story -- no registry, another version, any error: the caller then asks step
        by step, which says what is wrong."""
        cursor = psycopg.ClientCursor(self.conn)
        text = ";\n".join([
            self._q("SELECT MAX(version)::TEXT FROM {r}.releases"),
            cursor.mogrify(self._q(self._CHANGE_COLUMNS + " WHERE c.project = %s"
                                   + self._CHANGE_GROUP + " ORDER BY c.committed_at ASC"),
                           (project,)),
            cursor.mogrify(self._q("SELECT tag, committed_at, committer_name, committer_email"
                                   " FROM {r}.tags WHERE project = %s"
                                   " ORDER BY committed_at DESC"), (project,))])
        try:
            cursor.execute(text)
            version = cursor.fetchone()[0]
            cursor.nextset()
            deployed = [DeployedChange(*row[:11], tags=list(row[11]))
                        for row in cursor.fetchall()]
            cursor.nextset()
            tags = cursor.fetchall()
        except psycopg.Error:
            return None
        finally:
            cursor.close()
        if version != REGISTRY_RELEASE:
            return None
        return RegistryState(version, deployed, tags)

    def deployed_tags(self, project: str) -> list[tuple[str, datetime, str, str]]:
        """(tag, committed_at, committer_name, committer_email), newest first."""
        return self._rows("SELECT tag, committed_at, committer_name, committer_email"
                          " FROM {r}.tags WHERE project = %s ORDER BY committed_at DESC",
                          (project,))

    def deployed_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {r[0] for r in self._rows(
            "SELECT change_id FROM {r}.changes WHERE change_id = ANY(%s)", (ids,))}

    def change_id_for(self, project: str, *, change_id: str | None = None,
                      change: str | None = None, tag: str | None = None,
                      first: bool = False) -> str | None:
        """DBIEngine::change_id_for: resolve a dependency or key against the registry."""
        if change_id:
            rows = self._rows("SELECT change_id FROM {r}.changes WHERE change_id = %s",
                              (change_id,))
            return rows[0][0] if rows else None
        if change:
            if tag:
                if tag in ("ROOT", "FIRST"):
                    return None
                if tag in ("HEAD", "LAST"):
                    rows = self._rows("SELECT change_id FROM {r}.changes WHERE project = %s"
                                      " AND change = %s ORDER BY committed_at DESC LIMIT 1",
                                      (project, change))
                    return rows[0][0] if rows else None
                rows = self._rows(
                    "SELECT changes.change_id FROM {r}.changes changes JOIN {r}.tags tags"
                    " ON changes.committed_at <= tags.committed_at"
                    " AND changes.project = tags.project"
                    " WHERE changes.project = %s AND changes.change = %s AND tags.tag = %s"
                    " ORDER BY changes.committed_at DESC LIMIT 1",
                    (project, change, "@" + tag))
                return rows[0][0] if rows else None
            direction = "ASC" if first else "DESC"
            rows = self._rows("SELECT change_id FROM {r}.changes WHERE project = %s"
                              " AND change = %s ORDER BY committed_at " + direction + " LIMIT 1",
                              (project, change))
            return rows[0][0] if rows else None
        if tag:
            if tag in ("HEAD", "LAST", "ROOT", "FIRST"):
                direction = "DESC" if tag in ("HEAD", "LAST") else "ASC"
                rows = self._rows("SELECT change_id FROM {r}.changes WHERE project = %s"
                                  " ORDER BY committed_at " + direction + " LIMIT 1", (project,))
                return rows[0][0] if rows else None
            rows = self._rows("SELECT change_id FROM {r}.tags WHERE project = %s AND tag = %s",
                              (project, "@" + tag))
            return rows[0][0] if rows else None
        return None

    def changes_requiring(self, change_id: str) -> list[tuple[str, str, str, str | None]]:
        """Deployed changes (any project) whose requires resolved to ``change_id``:
        (change_id, project, change, asof_tag)."""
        return self._rows("""
            SELECT c.change_id, c.project, c.change, (
                SELECT tag FROM {r}.changes c2 JOIN {r}.tags ON c2.change_id = tags.change_id
                 WHERE c2.project = c.project AND c2.committed_at >= c.committed_at
                 ORDER BY c2.committed_at LIMIT 1
            ) AS asof_tag
              FROM {r}.dependencies d JOIN {r}.changes c ON c.change_id = d.change_id
             WHERE d.dependency_id = %s""", (change_id,))

    def events(self, search: EventSearch | None = None) -> list[Event]:
        """Sqitch's search_events (Role/DBIEngine.pm, pg): regex filters with PostgreSQL's
        ``~``, event types, LIMIT/OFFSET, newest first unless ``search.ascending``."""
        search = search or EventSearch()
        wheres, params = [], []
        for column, pattern in (("committer_name", search.committer),
                                ("planner_name", search.planner),
                                ("change", search.change), ("project", search.project)):
            if pattern is not None:
                wheres.append(f"{column} ~ %s")
                params.append(pattern)
        if search.event:
            wheres.append("event = ANY(%s)")
            params.append(list(search.event))
        where = " WHERE " + " AND ".join(wheres) if wheres else ""
        limits = ""
        if search.limit:
            limits += " LIMIT %s"
            params.append(search.limit)
        if search.offset:
            limits += " OFFSET %s"
            params.append(search.offset)
        direction = "ASC" if search.ascending else "DESC"
        rows = self._rows(
            "SELECT event, change_id, change, project, note, requires, conflicts, tags,"
            " committed_at, committer_name, committer_email, planned_at, planner_name,"
            " planner_email FROM {r}.events" + where + " ORDER BY committed_at " + direction
            + limits, params)
        return [Event(*row) for row in rows]

    # ------------------------------------------------------------------ writing
    def log_deploy(self, conn, change: ChangeRow, dependencies: list[Dependency],
                   tags: list[TagRow], committer: Person) -> None:
        """changes -> dependencies -> tags -> deploy event, on ``conn`` (inside the caller's
        transaction), each stamped with clock_timestamp()."""
        conn.execute(self._q(
            "INSERT INTO {r}.changes (change_id, script_hash, change, project, note,"
            " committer_name, committer_email, planned_at, planner_name, planner_email,"
            " committed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, clock_timestamp())"),
            (change.id, change.script_hash, change.name, change.project, change.note,
             committer.name, committer.email, change.planned_at, change.planner_name,
             change.planner_email))
        for dep in dependencies:
            conn.execute(self._q(
                "INSERT INTO {r}.dependencies (change_id, type, dependency, dependency_id)"
                " VALUES (%s, %s, %s, %s)"),
                (change.id, dep.type, dep.dependency, dep.dependency_id))
        self.log_tags(conn, change, tags, committer)
        self.log_event(conn, "deploy", change, committer)

    def deploy_statements(self, conn, change: ChangeRow, dependencies: list[Dependency],
                          tags: list[TagRow], committer: Person) -> list[str]:
        """What ``lock_changes_table`` and ``log_deploy`` send, as SQL strings with the
        values bound client-side: the engine appends them to a deploy script's own message
        (one round trip per change).  Written by those two methods, so there is one source
        of the registry rows."""
        collector = _StatementCollector(conn)
        self.lock_changes_table(collector)
        self.log_deploy(collector, change, dependencies, tags, committer)
        return collector.statements

    def log_tags(self, conn, change: ChangeRow, tags: list[TagRow], committer: Person) -> None:
        """Insert tags rows not yet present (also Sqitch's log_new_tags: no event)."""
        for tag in tags:
            conn.execute(self._q(
                "INSERT INTO {r}.tags (tag_id, tag, project, change_id, note, committer_name,"
                " committer_email, planned_at, planner_name, planner_email, committed_at)"
                " SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, clock_timestamp()"
                " WHERE NOT EXISTS (SELECT 1 FROM {r}.tags WHERE tag_id = %s)"),
                (tag.id, tag.name, change.project, change.id, tag.note, committer.name,
                 committer.email, tag.planned_at, tag.planner_name, tag.planner_email, tag.id))

    def log_event(self, conn, event: str, change: ChangeRow, committer: Person) -> None:
        conn.execute(self._q(
            "INSERT INTO {r}.events (event, change_id, change, project, note, tags, requires,"
            " conflicts, committer_name, committer_email, planned_at, planner_name,"
            " planner_email, committed_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, clock_timestamp())"),
            (event, change.id, change.name, change.project, change.note, list(change.tags),
             list(change.requires), list(change.conflicts), committer.name, committer.email,
             change.planned_at, change.planner_name, change.planner_email))

    def log_fail(self, change: ChangeRow, committer: Person) -> None:
        """A `fail` event, autocommitted on the registry session."""
        self.log_event(self.conn, "fail", change, committer)

    def log_revert(self, conn, change: DeployedChange, committer: Person) -> None:
        """Delete the change's tags, read its dependencies, delete it, log `revert` --
        with note/planned/planner from the registry row, as Sqitch does."""
        tags = [r[0] for r in self._rows(
            "DELETE FROM {r}.tags WHERE change_id = %s RETURNING tag", (change.id,), conn)]
        requires, conflicts = self._rows(
            "SELECT ARRAY(SELECT dependency FROM {r}.dependencies WHERE change_id = %s"
            " AND type = 'require'), ARRAY(SELECT dependency FROM {r}.dependencies"
            " WHERE change_id = %s AND type = 'conflict')", (change.id, change.id), conn)[0]
        conn.execute(self._q("DELETE FROM {r}.changes WHERE change_id = %s"), (change.id,))
        row = ChangeRow(id=change.id, name=change.name, project=change.project,
                        note=change.note, planned_at=change.planned_at,
                        planner_name=change.planner_name, planner_email=change.planner_email,
                        tags=tags, requires=list(requires), conflicts=list(conflicts))
        self.log_event(conn, "revert", row, committer)

    def forget_deploy(self, change_id: str) -> None:
        """Undo log_deploy (used when a verify fails after an atomic deploy committed):
        the change row, its tags and dependencies, and its latest deploy event."""
        with self.conn.transaction():
            self.lock_changes_table(self.conn)
            self.conn.execute(self._q("DELETE FROM {r}.tags WHERE change_id = %s"), (change_id,))
            self.conn.execute(self._q("DELETE FROM {r}.changes WHERE change_id = %s"),
                              (change_id,))
            self.conn.execute(self._q(
                "DELETE FROM {r}.events WHERE change_id = %s AND event = 'deploy'"
                " AND committed_at = (SELECT max(committed_at) FROM {r}.events"
                " WHERE change_id = %s AND event = 'deploy')"), (change_id, change_id))
