"""Sqitch's deploy engine semantics on psycopg (docs/sqitch-compat.md §3.3-3.7).

deploy / revert / verify / rebase / status / check / log, failure modes all|tag|change,
``--to`` with symbolic refs, ``--log-only``, ``--verify``, dependency checks, the advisory
lock.  No argparse, no printing: progress goes to the ``Reporter`` the caller gives, results
come back as data.

As in Sqitch, the engine walks the plan and the registry (chaindb.registry) and hands each
script to the script runner (chaindb.runner: a clean session per script, psql's messages,
the one decision of a script's transaction shape).  Better than Sqitch: when a deploy or
revert script is one transaction, the change's registry rows are written in it, so script
and rows commit atomically (a kill at any moment never leaves a change applied but
unrecorded, or recorded but not applied); a plain one is one message with its rows and
COMMIT, and the next change is read, split and bound while the server runs the current one.
"""

from __future__ import annotations

import os
import re
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import psycopg

from chaindb import plan_syntax
from chaindb.config import Target, connect_kwargs
from chaindb.errors import ChaindbError
from chaindb.plan import Change, Depend, Plan, script_digest
from chaindb.registry import (REGISTRY_RELEASE, ChangeRow, DeployedChange, Dependency, Event,
                              EventSearch, Person, Registry, RegistryState, TagRow)
from chaindb.snapshot import thawed_bytes


class EngineError(ChaindbError):
    """A deploy/revert/verify refusal or failure (exit 2 unless said otherwise)."""


class Reporter:
    """Receives progress; the CLI prints it, tests collect it.  Every method is optional."""

    def info(self, message: str) -> None:
        """A line of normal output ('Deploying changes to X')."""

    def warn(self, message: str) -> None:
        """A line of diagnostic output ('Verify script ... does not exist')."""

    def emit(self, message: str) -> None:
        """A line of a report shown even with --quiet (verify's summary)."""
        self.info(message)

    def step_begin(self, sign: str, name: str, width: int) -> None:
        """A change starts: sign '+' deploy, '-' revert, '*' verify; ``width`` is the longest
        name of the run (for the dotted leader)."""

    def step_end(self, ok: bool, duration_ms: float | None, error: str | None = None,
                 comments: list[str] | None = None) -> None:
        """The change ended: ``error`` is the script's message, ``comments`` are notes such
        as 'Out of order' (verify)."""

    def step_not_deployed(self) -> None:
        """verify: a planned change in the range is not deployed (ends the step)."""

    def script_output(self, text: str) -> None:
        """Text a deploy/revert script printed (\\echo, query rows): psql's stdout."""

    def script_messages(self, text: str) -> None:
        """What psql prints on stderr while running a script, byte for byte: notices and
        warnings (``psql:deploy/x.sql:5: NOTICE:  ...``), \\warn text, and the error that
        ends the script with its LINE/caret, DETAIL, HINT and CONTEXT lines."""


@dataclass
class StepResult:
    change: str            # name with tags
    change_id: str
    action: str            # deploy | revert | verify
    ok: bool
    duration_ms: float
    error: str | None = None


@dataclass
class RunResult:
    """What deploy/revert/verify did, for --json."""

    destination: str
    steps: list[StepResult] = field(default_factory=list)
    message: str = ""
    ok: bool = True


@dataclass
class StatusData:
    destination: str
    project: str
    current: DeployedChange | None
    current_in_plan: bool
    undeployed: list[Change]
    deployed: list[DeployedChange]          # newest first
    tags: list[tuple]                       # (tag, committed_at, name, email), newest first
    drift: list[DeployedChange]             # deployed changes whose deploy script changed


@dataclass
class CheckData:
    destination: str
    diverged: list[str]
    message: str


def format_name_with_tags(change: Change) -> str:
    return " ".join([change.name, *(t.format_name for t in change.tags)])


_OFFSET = re.compile(r"^(.+?)(\^+|~+|\^\d+|~\d+)$")
_SHA1 = re.compile(r"^[0-9a-f]{40}$")
def _in_transaction(conn: psycopg.Connection) -> bool:
    return conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE


class Engine:
    """One plan deployed to one target.  Use as a context manager (connections)."""

    def __init__(self, plan: Plan, target: Target, *, committer: Person,
                 reporter: Reporter | None = None, variables: dict[str, str] | None = None,
                 lock_timeout: float = 60, destination: str | None = None,
                 uri: str | None = None):
        self.plan = plan
        self.target = target
        self.committer = committer
        self.reporter = reporter or Reporter()
        self.lock_timeout = lock_timeout
        self.destination = destination or target.name
        # connection failures worded as Sqitch's commands word them (libpq's message)
        self.libpq_errors = False
        self.uri = uri or target.uri
        # psql --set k=v for every script; `registry` is always set, after user variables.
        self.variables = self._script_variables(target.variables, variables)
        self._registry_conn: psycopg.Connection | None = None
        self._registry: Registry | None = None
        self._locked = False
        self._runner = None
        self._paths: dict[tuple[str, str], Path] = {}
        self._hashes: dict[str, str | None] = {}
        # during deploy(): what each change needs from the client, computed ahead
        self._ahead: dict[tuple, object] | None = None

    @property
    def runner(self):
        """The script runner (chaindb.runner), imported and made on first use: status,
        log and check never run a script."""
        if self._runner is None:
            from chaindb.runner import ScriptRunner

            self._runner = ScriptRunner(
                self._connect, self.variables, output=self.reporter.script_output,
                messages=getattr(self.reporter, "script_messages", None))
        return self._runner

    @property
    def variables(self) -> dict[str, str]:
        return self._variables

    @variables.setter
    def variables(self, value: dict[str, str]) -> None:
        self._variables = value
        if getattr(self, "_runner", None) is not None:
            self._runner.variables = value

    def _script_variables(self, *layers: dict[str, str] | None) -> dict[str, str]:
        """psql --set k=v for the scripts: the layers in order, then Sqitch's ``registry``
        (always set, after the user's variables)."""
        merged: dict[str, str] = {}
        for layer in layers:
            merged.update(layer or {})
        return {**merged, "registry": self.target.registry}

    # ------------------------------------------------------------------ connections
    def _connect(self, **options) -> psycopg.Connection:
        if not self.uri:
            raise EngineError("no target database: give a db:pg: URI or configure a target")
        try:
            return psycopg.connect(**{**connect_kwargs(self.uri), **options}, autocommit=True,
                                   client_encoding="UTF8")
        except psycopg.OperationalError as exc:
            text = str(exc).strip()
            for prefix in ("connection failed: ", "connection is bad: "):
                text = text.removeprefix(prefix)
            if self.libpq_errors:
                # Sqitch's commands print libpq's message as DBD::Pg gives it, hint included
                raise EngineError(text or "connection failed", multiline=True) from None
            # libpq's reason is the first line ("... Connection refused"); the second one
            # is only a hint
            reason = (text.splitlines() or ["connection failed"])[0].strip()
            raise EngineError(f"cannot connect to {self.destination}: {reason}") from None

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry_conn = self._connect(options="-c client_min_messages=warning")
            self._registry = Registry(self._registry_conn, self.target.registry, quiet=True)
        return self._registry

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()
        if self._registry_conn is not None:
            self._registry_conn.close()
        self._registry_conn = self._registry = None
        self._locked = False

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def lock(self) -> None:
        """Sqitch's destination lock (session advisory lock 75474063), waiting up to
        ``lock_timeout`` seconds."""
        if self._locked:
            return
        self.registry.lock(
            self.lock_timeout, destination=self.destination,
            on_wait=lambda: self.reporter.info(
                f"Waiting for another deploy to finish on {self.destination} "
                f"(up to {self.lock_timeout:g} seconds)"))
        self._locked = True

    # ------------------------------------------------------------------ helpers
    def _path(self, change: Change, kind: str) -> Path:
        key = (change.id, kind)
        found = self._paths.get(key)
        if found is None:
            if change.rework_tags:
                found = change.script_path(kind, self.target.top_dir,
                                           extension=self.target.extension)
            else:       # what script_path computes, without its per-call cost
                found = Path(self.target.top_dir, kind,
                             f"{change.name}.{self.target.extension}")
            self._paths[key] = found
        return found

    def _deploy_hash(self, change: Change) -> str | None:
        """Change.script_hash (sha1 of the resolved deploy script, .sql), computed once per
        change and run: status hashes every deployed change's script."""
        found = self._hashes.get(change.id, False)
        if found is False:
            if change.rework_tags:
                found = change.script_hash(self.target.top_dir)
            else:
                try:
                    with open(os.path.join(self.target.top_dir, "deploy",
                                           change.name + ".sql"), "rb") as handle:
                        found = script_digest(handle.read())
                except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                    found = None
            self._hashes[change.id] = found
        return found

    def _display(self, path: Path) -> str:
        """A script path as Sqitch shows it: the top directory as configured joined with
        the script's (``verify/x.sql``; ``db/verify/x.sql`` with core.top_dir = db)."""
        return path_as_given(path)

    def _plan_file(self) -> str:
        """The plan file as Sqitch names it in messages (``sqitch.plan``, ``db/my.plan``)."""
        return path_as_given(Path(self.target.plan_file))

    def _change_row(self, change: Change) -> ChangeRow:
        return ChangeRow(
            id=change.id, name=change.name, project=self.plan.project, note=change.note,
            planned_at=change.timestamp, planner_name=change.planner_name,
            planner_email=change.planner_email,
            script_hash=self._deploy_hash(change),
            tags=[t.format_name for t in change.tags],
            requires=[d.as_string() for d in change.requires],
            conflicts=[d.as_string() for d in change.conflicts])

    def _tag_rows(self, change: Change) -> list[TagRow]:
        return [TagRow(id=t.id, name=t.format_name, note=t.note, planned_at=t.timestamp,
                       planner_name=t.planner_name, planner_email=t.planner_email)
                for t in change.tags]

    def _deployed_row(self, change_id: str) -> DeployedChange | None:
        for row in self.registry.deployed_changes(self.plan.project):
            if row.id == change_id:
                return row
        return None

    def _run_script(self, path: Path, record: Callable | None, *,
                    record_sql: list[str] | None = None,
                    meanwhile: Callable[[], None] | None = None) -> None:
        """Run one script through the runner; ``record(conn)`` writes the change's
        registry rows on the connection it is given (see ScriptRunner.run)."""
        if record is None:
            self.runner.run(path)
            return

        def record_locked(conn) -> None:
            self.registry.lock_changes_table(conn)
            record(conn)

        self.runner.run(path, record=record_locked, record_sql=record_sql,
                        registry_transaction=self._registry_transaction,
                        meanwhile=meanwhile)

    @contextmanager
    def _registry_transaction(self):
        """Sqitch's protocol around a script: a registry transaction holding the changes
        lock; yields the registry connection for the rows."""
        conn = self.registry.conn
        with conn.transaction():
            self.registry.lock_changes_table(conn)
            yield conn

    def _once(self, key: tuple, compute: Callable):
        """``compute()``, kept for the rest of the deploy run (None outside deploy())."""
        if self._ahead is None:
            return compute()
        if key not in self._ahead:
            self._ahead[key] = compute()
        return self._ahead[key]

    def _deploy_parts(self, change: Change,
                      dependencies: list[Dependency]) -> tuple[ChangeRow, list[TagRow], list[str]]:
        """The change's registry row, tag rows and those rows as SQL (Registry.
        deploy_statements, bound on the registry connection, idle while scripts run);
        with the deploy script's plain statements, all the client computes to deploy it.
        The deploy loop has them computed ahead, while the server runs the change before."""
        def compute():
            row, tags = self._change_row(change), self._tag_rows(change)
            return row, tags, self.registry.deploy_statements(
                self.registry.conn, row, dependencies, tags, self.committer)
        return self._once(("deploy", change.id), compute)

    def _prepare_deploy(self, change: Change, dependencies: list[Dependency]) -> None:
        self._deploy_parts(change, dependencies)
        self.runner.shape(self._path(change, "deploy"))

    def _record(self, record: Callable) -> None:
        conn = self.registry.conn
        with conn.transaction():
            self.registry.lock_changes_table(conn)
            record(conn)

    # ------------------------------------------------------------------ plan sync
    def _sync_plan(self) -> int:
        """Current position in the plan (-1 = nothing deployed); records tags added to the
        plan after the current change was deployed (no event), as Sqitch's _sync_plan."""
        if not self.registry.exists():
            return -1
        self.registry.check_version()
        current = self.registry.current_change(self.plan.project)
        if current is None:
            return -1
        index = self.plan.index_of(current.id)
        if index is None:
            raise EngineError(
                f"Cannot find change {current.id} ({current.format_name_with_tags}) in "
                f"{self._plan_file()}")
        change = self.plan.changes[index]
        if change.tags and set(t.format_name for t in change.tags) - set(current.tags):
            row = self._change_row(change)
            self._record(lambda conn: self.registry.log_tags(conn, row, self._tag_rows(change),
                                                             self.committer))
        return index

    def _dep_plan_change(self, dep: Depend) -> Change | None:
        """Depend->id: the plan change a same-project dependency names (dies if unknown)."""
        if not dep.is_own_project:
            return None
        found = self.plan.find(dep.key_name)
        if found is None:
            raise EngineError(f'Unable to find change "{dep.key_name}" in plan '
                              f'{self._plan_file()}')
        return found

    def _registry_id_for(self, dep: Depend, in_plan: Change | None) -> str | None:
        """Sqitch's change_id_for_depend: a same-project dependency is looked up by the
        ID of the plan change it names (Depend->id), so `flips@v1.0` still resolves after
        a revert removed tag @v1.0 from the registry; other projects' by name/tag."""
        change_id = in_plan.id if in_plan is not None else dep.id
        return self.registry.change_id_for(
            dep.project or self.plan.project, change_id=change_id, change=dep.change,
            tag=dep.tag, first=True)

    def _check_deploy_dependencies(self, changes: list[Change]) -> dict[str, list[Dependency]]:
        """§3.3: conflicts, missing requires, already deployed; returns the dependencies
        rows of each change with their resolved IDs."""
        seen: dict[str, Change] = {}
        conflicts: list[str] = []
        missing: list[str] = []
        rows: dict[str, list[Dependency]] = {}
        for change in changes:
            deps: list[Dependency] = []
            for dep in change.conflicts:
                in_plan = self._dep_plan_change(dep)
                if ((in_plan is not None and in_plan.id in seen)
                        or self._registry_id_for(dep, in_plan)):
                    conflicts.append(dep.as_string())
            for dep in change.requires:
                in_plan = self._dep_plan_change(dep)
                resolved = (in_plan.id if in_plan is not None and in_plan.id in seen
                            else self._registry_id_for(dep, in_plan))
                if not resolved:
                    missing.append(dep.as_string())
                deps.append(Dependency("require", dep.as_string(), resolved))
            # Sqitch inserts requires then conflicts, each in plan order.
            deps += [Dependency("conflict", d.as_string(), None) for d in change.conflicts]
            rows[change.id] = deps
            seen[change.id] = change
        messages = []
        if conflicts := list(dict.fromkeys(conflicts)):
            plural = "s" if len(conflicts) > 1 else ""
            messages.append(f"Conflicts with previously deployed change{plural}: "
                            + " ".join(conflicts))
        if missing := list(dict.fromkeys(missing)):
            plural = "s" if len(missing) > 1 else ""
            messages.append(f"Missing required change{plural}: " + " ".join(missing))
        if messages:
            raise EngineError("; ".join(messages))
        already = self.registry.deployed_ids([c.id for c in changes])
        if already:
            names = [format_name_with_tags(c) for c in changes if c.id in already]
            if len(names) == 1:
                raise EngineError(f'Change "{names[0]}" has already been deployed')
            raise EngineError("Changes have already been deployed: " + ", ".join(names))
        return rows

    # ------------------------------------------------------------------ deploy
    def deploy(self, to: str | None = None, *, mode: str = "all", verify: bool = False,
               log_only: bool = False) -> RunResult:
        """Deploy the plan (up to ``to``), Sqitch's Engine::deploy."""
        if mode not in ("all", "tag", "change"):
            raise EngineError(f'Unknown deployment mode: "{mode}"')
        result = RunResult(self.destination)
        self.lock()
        position = self._sync_plan()
        last = len(self.plan.changes) - 1
        if last < 0:
            result.message = "Nothing to deploy (empty plan)"
            self.reporter.info(result.message)
            return result
        to_index = last
        if to is not None:
            # a bare name of a reworked change is ambiguous here (Sqitch's index_of)
            found = self.plan.index_of(to, ambiguous_error=True)
            if found is None:
                raise EngineError(f'Unknown change: "{to}"')
            to_index = found
            if to_index == position:
                result.message = f'Nothing to deploy (already at "{to}")'
                self.reporter.info(result.message)
                return result
        if position == to_index:
            result.message = "Nothing to deploy (up-to-date)"
            self.reporter.info(result.message)
            return result
        if to_index < position:
            raise EngineError('Cannot deploy to an earlier change; use "revert" instead')
        if not log_only:
            self.runner.open_soon()         # while the registry is created and checked
        if position == -1:
            if not self.registry.exists():
                self.reporter.info(f"Adding registry tables to {self.destination}")
                self.registry.create(self.committer)
            else:
                self.registry.check_version()
            # Sqitch's plan->uri is a URI object: non-URI characters of %uri %-escaped
            raw = self.plan.uri
            uri = plan_syntax.uri_new(raw) if plan_syntax.perl_true(raw) else None
            self.registry.register_project(self.plan.project, uri, self.committer)

        changes = self.plan.changes[position + 1:to_index + 1]
        if to is not None:
            self.reporter.info(f"Deploying changes through "
                               f"{format_name_with_tags(self.plan.changes[to_index])} to "
                               f"{self.destination}")
        else:
            self.reporter.info(f"Deploying changes to {self.destination}")
        dependencies = self._check_deploy_dependencies(changes)
        # (a missing deploy script fails when its turn comes, as psql fails on it under
        # Sqitch: the changes before it are deployed, then rolled back per --mode)
        width = max(len(format_name_with_tags(c)) for c in changes)
        # Sqitch's start_at (_sync_plan): the current change's name and its last tag, no blank
        start_at = None
        if position >= 0:
            current = self.plan.changes[position]
            start_at = current.name + (current.tags[-1].format_name if current.tags else "")

        self._ahead = {}
        kept = self.runner.keep()
        kept.__enter__()
        try:
            deployed: list[Change] = []          # what a failure reverts, per mode
            last_tagged: Change | None = None
            for index, change in enumerate(changes):
                upcoming = changes[index + 1] if index + 1 < len(changes) else None
                ahead = (None if upcoming is None or log_only else
                         lambda c=upcoming: self._prepare_deploy(c, dependencies[c.id]))
                try:
                    self._deploy_change(change, dependencies[change.id], width, verify,
                                        log_only, result, ahead=ahead)
                except EngineError as exc:
                    # Sqitch: a script failure is psql's exit status, vented (mode change:
                    # the final error, no "Deploy failed"); a failed verify or registry write
                    # was vented in deploy_change already ("private").
                    result.ok = False
                    private = getattr(exc, "private", False)
                    if mode == "change":
                        if private:
                            raise EngineError("Deploy failed") from None
                        raise EngineError(str(exc), multiline=exc.multiline) from None
                    if not private:
                        self.reporter.warn(str(exc))
                    if not deployed:
                        raise EngineError("Deploy failed") from None
                    target = format_name_with_tags(last_tagged) if last_tagged else start_at
                    self.reporter.warn(f"Reverting to {target}" if target
                                       else "Reverting all changes")
                    try:
                        # Sqitch keeps the deploy run's name width for its rollback
                        for done in reversed(deployed):
                            row = self._deployed_row(done.id)
                            self._revert_change(row, done, width, log_only, result)
                    except EngineError as again:
                        self.reporter.warn(str(again))
                        self.reporter.warn("The schema will need to be manually repaired")
                    raise EngineError("Deploy failed") from None
                deployed.append(change)
                if mode == "tag" and change.tags:
                    deployed, last_tagged = [], change
        finally:
            self._ahead = None
            kept.__exit__(None, None, None)
        return result

    def _deploy_change(self, change: Change, dependencies: list[Dependency], width: int,
                       verify: bool, log_only: bool, result: RunResult, *,
                       ahead: Callable[[], None] | None = None) -> None:
        """Deploy one change; ``ahead()`` prepares the next one while the server works."""
        name = format_name_with_tags(change)
        row, tags, rows_sql = self._deploy_parts(change, dependencies)

        def record(conn) -> None:
            self.registry.log_deploy(conn, row, dependencies, tags, self.committer)

        self.reporter.step_begin("+", name, width)
        started = time.monotonic()
        recorded = False
        try:
            if log_only:
                if verify:
                    self._verify_script(change)
                self._record(record)
            else:
                self._run_script(self._path(change, "deploy"), record,
                                 record_sql=rows_sql, meanwhile=ahead)
                recorded = True
                if verify:
                    self._verify_script(change)
        except (ChaindbError, psycopg.Error) as exc:
            # Sqitch's deploy_change: a failed verify or a failed registry write is vented
            # (stderr), the revert script runs, a `fail` event is logged, then "not ok";
            # a failed deploy script (psql's messages already on stderr) is not reverted.
            message = str(exc).strip()
            verify_failed = isinstance(exc, _VerifyFailed)
            logging_failed = isinstance(exc, psycopg.Error)
            if verify_failed:
                self.reporter.warn(_shown(exc) or message)
            elif logging_failed:
                self.reporter.warn(_server_error_text(exc))
            # as Sqitch, also after a failed registry write (where the script and its rows
            # were one transaction, both are gone already; the revert script runs all the
            # same, so that the database ends as under Sqitch)
            if (verify_failed or logging_failed) and not log_only:
                try:
                    self._run_script(self._path(change, "revert"), None)
                except ChaindbError as revert_exc:
                    if _shown(revert_exc) is not None:
                        self.reporter.warn(str(revert_exc))
                if recorded:
                    self.registry.forget_deploy(change.id)
            self.registry.log_fail(row, self.committer)
            elapsed = (time.monotonic() - started) * 1000
            self.reporter.step_end(False, elapsed, None)
            result.steps.append(StepResult(name, change.id, "deploy", False, elapsed, message))
            if verify_failed or logging_failed:
                error = EngineError("Deploy failed")
                error.private = True
            elif _shown(exc) is None:       # psql's own text is out: its exit status
                error = EngineError(psql_failed(exc), multiline=True)
            else:
                error = EngineError(message)
            error.reported = True
            raise error from None
        elapsed = (time.monotonic() - started) * 1000
        self.reporter.step_end(True, elapsed)
        result.steps.append(StepResult(name, change.id, "deploy", True, elapsed))

    def _verify_script(self, change: Change | None, path: Path | None = None) -> None:
        """Run the verify script (of ``change``, or at ``path``); missing file -> warning
        only (as Sqitch)."""
        path = path or self._path(change, "verify")
        if not path.exists():
            self.reporter.warn(f"Verify script {self._display(path)} does not exist")
            return
        try:
            # Sqitch discards verify output, unless -vv
            self.runner.run(path, output=getattr(self.reporter, "verbosity", 1) > 1)
        except ChaindbError as exc:
            if _shown(exc) is not None:         # not a script's error
                raise _VerifyFailed(f"{exc}\nVerify script \"{self._display(path)}\" "
                                    "failed.") from None
            failed = _VerifyFailed(f"{exc}\nVerify script \"{self._display(path)}\" failed.")
            failed.shown = f"Verify script \"{self._display(path)}\" failed."
            raise failed from None

    # ------------------------------------------------------------------ revert
    def _revert_change(self, row: DeployedChange, change: Change | None, width: int,
                       log_only: bool, result: RunResult) -> None:
        name = row.format_name_with_tags

        def record(conn) -> None:
            self.registry.log_revert(conn, row, self.committer)

        self.reporter.step_begin("-", name, width)
        started = time.monotonic()
        try:
            if log_only:
                self._record(record)
            else:
                path = (self._path(change, "revert") if change is not None else
                        self.target.top_dir / "revert" / f"{row.name}.{self.target.extension}")
                self._run_script(path, record)
        except (ChaindbError, psycopg.Error) as exc:
            # Sqitch's revert_change: psql's messages are out, "not ok", then its exit
            # status as the error; a failed registry write is vented, then "Revert failed"
            elapsed = (time.monotonic() - started) * 1000
            logging_failed = isinstance(exc, psycopg.Error)
            if logging_failed:
                self.reporter.warn(_server_error_text(exc))
            self.reporter.step_end(False, elapsed, None)
            result.steps.append(StepResult(name, row.id, "revert", False, elapsed, str(exc)))
            result.ok = False
            if logging_failed:
                raise EngineError("Revert failed") from None
            if _shown(exc) is None:
                raise EngineError(psql_failed(exc), multiline=True) from None
            raise EngineError(str(exc).strip()) from None
        elapsed = (time.monotonic() - started) * 1000
        self.reporter.step_end(True, elapsed)
        result.steps.append(StepResult(name, row.id, "revert", True, elapsed))

    def _registry_change_for_key(self, key: str,
                                 deployed: list[DeployedChange]) -> DeployedChange | None:
        """Sqitch's change_for_key against the registry: name (latest instance),
        name@tag, @tag, ID, HEAD/ROOT, with ^N / ~N offsets in committed_at order."""
        offset = 0
        if m := _OFFSET.match(key):
            key, suffix = m.group(1), m.group(2)
            count = int(suffix[1:]) if suffix[1:].isdigit() else len(suffix)
            offset = -count if suffix[0] == "^" else count
        project = self.plan.project
        if _SHA1.match(key):
            found = self.registry.change_id_for(project, change_id=key)
        elif key in ("HEAD", "@HEAD", "ROOT", "@ROOT"):
            found = self.registry.change_id_for(project, tag=key.lstrip("@"))
        elif key.startswith("@"):
            found = self.registry.change_id_for(project, tag=key[1:])
        else:
            name, _, tag = key.partition("@")
            if not tag:
                self._refuse_ambiguous(name, [d for d in deployed if d.name == name])
            found = self.registry.change_id_for(project, change=name, tag=tag or None)
        ids = [d.id for d in deployed]
        if found is None or found not in ids:
            return None
        index = ids.index(found) + offset
        return deployed[index] if 0 <= index < len(deployed) else None

    def _emit(self, message: str) -> None:
        """A line Sqitch emits whatever the verbosity (verify's report), where `info`
        lines are dropped by --quiet."""
        getattr(self.reporter, "emit", self.reporter.info)(message)

    def _refuse_ambiguous(self, name: str, instances: list[DeployedChange]) -> None:
        """Sqitch's _handle_lookup_index: a bare name that several deployed changes bear
        (a reworked change) is refused, listing them latest first."""
        if len(instances) < 2:
            return
        lines = [f'Change "{name}" is ambiguous. Please specify a tag-qualified change:']
        for row in reversed(instances):
            index = self.plan.index_of(row.id)
            lines.append("  * " + (self.plan.changes[index].format_tag_qualified_name
                                   if index is not None else
                                   row.name + (row.tags[0] if row.tags else "@HEAD")))
        lines.append("Change Lookup Failed")         # sic: Engine.pm's capitals
        raise EngineError("\n".join(lines), multiline=True)

    def revert(self, to: str | None = None, *, log_only: bool = False,
               confirm: Callable[[str], bool] | None = None,
               modified: bool = False) -> RunResult:
        """Revert deployed changes after ``to`` (all when None), Sqitch's Engine::revert.
        ``confirm(question)`` is asked before anything happens (None = no prompt).
        ``modified`` (Sqitch's --modified) replaces ``to`` by the change before the first
        deployed change whose deploy script differs from the plan's."""
        result = RunResult(self.destination)
        if not self.registry.exists():
            raise EngineError(f"No registry found in {self.destination}. Have you ever deployed?")
        self.registry.check_version()
        self.lock()
        deployed = self.registry.deployed_changes(self.plan.project)
        if modified and deployed:
            to = self._common_ancestor_id(deployed)
        if to is not None:
            target = self._registry_change_for_key(to, deployed)
            if target is None:
                if self.plan.find(to) is not None:
                    raise EngineError(f'Change not deployed: "{to}"')
                raise EngineError(f'Unknown change: "{to}"')
            changes = [d for d in deployed if d.committed_at > target.committed_at]
            if not changes:
                result.message = f'No changes deployed since: "{to}"'
                self.reporter.info(result.message)
                return result
            question = (f"Revert changes to {target.format_name_with_tags} from "
                        f"{self.destination}?")
            statement = (f"Reverting changes to {target.format_name_with_tags} from "
                         f"{self.destination}")
        else:
            changes = deployed
            if not changes:
                result.message = "Nothing to revert (nothing deployed)"
                self.reporter.info(result.message)
                return result
            question = f"Revert all changes from {self.destination}?"
            statement = f"Reverting all changes from {self.destination}"
        if confirm is not None:
            if not confirm(question):
                raise EngineError("Nothing reverted", exitcode=1, info=True)
        else:
            self.reporter.info(statement)
        changes = list(reversed(changes))
        self._check_revert_dependencies(changes)
        width = max(len(c.format_name_with_tags) for c in changes)
        for row in changes:
            self._revert_change(row, self.plan.find(row.id), width, log_only, result)
        return result

    def _common_ancestor_id(self, deployed: list[DeployedChange]) -> str | None:
        """Engine.pm's planned_deployed_common_ancestor_id: the last deployed change before
        the first one that is out of the plan's order or whose script changed (None: that
        is the first deployed change; the latest one when nothing diverges)."""
        for index, row in enumerate(deployed):
            if (index >= len(self.plan.changes)
                    or not self._script_matches(self.plan.changes[index], row.script_hash)):
                return deployed[index - 1].id if index else None
        return deployed[-1].id

    def _check_revert_dependencies(self, changes: list[DeployedChange]) -> None:
        seen: set[str] = set()
        messages = []
        for change in changes:
            seen.add(change.id)
            requiring = [r for r in self.registry.changes_requiring(change.id)
                         if r[0] not in seen]
            if not requiring:
                continue
            names = " ".join(("" if project == self.plan.project else f"{project}:")
                             + name + (asof or "")
                             for _, project, name, asof in requiring)
            plural = "s" if len(requiring) > 1 else ""
            messages.append(f'Change "{change.format_name_with_tags}" required by currently '
                            f"deployed change{plural}: {names}")
        if messages:
            # Sqitch's text and layout: one reason per line
            error = EngineError("\n".join(messages))
            error.multiline = True
            raise error

    # ------------------------------------------------------------------ rebase
    def rebase(self, onto: str | None = None, upto: str | None = None, *,
               mode: str = "all", verify: bool = False, log_only: bool = False,
               confirm: Callable[[str], bool] | None = None, modified: bool = False,
               revert_variables: dict[str, str] | None = None,
               deploy_variables: dict[str, str] | None = None) -> RunResult:
        """revert --to ONTO (nothing to revert is fine) then deploy --to UPTO.
        ``revert_variables``/``deploy_variables`` (Sqitch's --set-revert/--set-deploy, and
        revert.variables from the config) are added to the engine's variables for that
        phase's scripts only."""
        common = self.variables
        try:
            self.variables = self._script_variables(common, revert_variables)
            reverted = self.revert(onto, log_only=log_only, confirm=confirm,
                                   modified=modified)
            self.variables = self._script_variables(common, deploy_variables)
            deployed = self.deploy(upto, mode=mode, verify=verify, log_only=log_only)
        finally:
            self.variables = common
        return RunResult(self.destination, reverted.steps + deployed.steps,
                         deployed.message, reverted.ok and deployed.ok)

    # ------------------------------------------------------------------ verify
    def _deployed_or_fail(self) -> list[DeployedChange]:
        if not self.registry.exists():
            raise EngineError(f"No registry found in {self.destination}. Have you ever deployed?")
        self.registry.check_version()
        return self.registry.deployed_changes(self.plan.project)

    def _locate_deployed(self, key: str, deployed: list[DeployedChange]) -> tuple[str, int]:
        """(change ID, plan index) of a --from/--to key, looked up in the registry first
        as Sqitch's _trim_to does (symbolic offsets in committed order)."""
        row = self._registry_change_for_key(key, deployed)
        if row is None:
            try:
                planned = self.plan.index_of(key) is not None
            except ChaindbError:
                planned = True                   # ambiguous: it is in the plan
            raise EngineError(f'Change "{key}" has not been deployed' if planned
                              else f'Cannot find "{key}" in the database or the plan')
        index = self.plan.index_of(row.id)
        if index is None:
            raise EngineError(f'Change "{key}" is deployed, but not planned')
        return row.id, index

    def _range(self, deployed: list[DeployedChange], start: str | None,
               end: str | None) -> tuple[int, int, list[DeployedChange]]:
        """Sqitch's _from_idx/_to_idx: plan indexes of --from/--to (default: the plan's
        start and the latest deployed change) and the deployed changes trimmed to them."""
        changes = list(deployed)
        first = 0
        if start:
            change_id, first = self._locate_deployed(start, deployed)
            ids = [c.id for c in changes]
            changes = changes[ids.index(change_id):]
        if end:
            change_id, last = self._locate_deployed(end, deployed)
            ids = [c.id for c in changes]
            changes = changes[:ids.index(change_id) + 1] if change_id in ids else []
        else:
            last = self.plan.index_of(deployed[-1].id)
            if last is None:
                last = len(self.plan.changes) - 1
        return first, last, changes

    def verify(self, start: str | None = None, end: str | None = None) -> RunResult:
        """Sqitch's Engine::verify: run verify scripts of deployed changes in range."""
        result = RunResult(self.destination)
        deployed = self._deployed_or_fail()
        self.reporter.info(f"Verifying {self.destination}")
        if not deployed:
            result.message = ("No changes deployed" if self.plan.changes
                              else "Nothing to verify (no planned or deployed changes)")
            self.reporter.info(result.message)
            return result
        if not self.plan.changes:
            raise EngineError("There are deployed changes, but none planned!")
        first, last, in_range = self._range(deployed, start, end)
        width = max([len(d.format_name_with_tags) for d in in_range]
                    + [len(format_name_with_tags(c)) for c in self.plan.changes[first:last + 1]])
        errors = 0
        seen: set[int] = set()
        for position, row in enumerate(in_range):
            comments: list[str] = []
            self.reporter.step_begin("*", row.format_name_with_tags, width)
            started = time.monotonic()
            index = self.plan.index_of(row.id)
            reworked = False
            if index is None:
                comments.append("Not present in the plan")
            else:
                seen.add(index)
                if index != first + position:
                    comments.append("Out of order")
                reworked = self.plan.changes[index].is_reworked
            error = shown = None
            if not reworked:
                # Sqitch runs it for a change missing from the plan too, from its name
                path = (None if index is not None else
                        self.target.verify_dir / f"{row.name}.{self.target.extension}")
                try:
                    self._verify_script(self.plan.changes[index] if index is not None
                                        else None, path)
                except _VerifyFailed as exc:
                    error, shown = str(exc), _shown(exc)
            elapsed = (time.monotonic() - started) * 1000
            ok = not comments and error is None
            errors += len(comments) + (error is not None)
            # Sqitch comments the failure ('# Verify script "..." failed.'); psql's own
            # text went to stderr
            self.reporter.step_end(ok, elapsed, None, comments + ([shown] if shown else []))
            result.steps.append(StepResult(row.format_name_with_tags, row.id, "verify", ok,
                                           elapsed, error or "; ".join(comments) or None))
        for index in range(first, last + 1):
            if index in seen:
                continue
            change = self.plan.changes[index]
            self.reporter.step_begin("*", format_name_with_tags(change), width)
            # Sqitch: "not ok # Not deployed", on one line
            self.reporter.step_not_deployed()
            result.steps.append(StepResult(format_name_with_tags(change), change.id, "verify",
                                           False, 0, "Not deployed"))
            errors += 1
        if not end and last < len(self.plan.changes) - 1:
            pending = self.plan.changes[last + 1:]
            self._emit("Undeployed change:" if len(pending) == 1 else "Undeployed changes:")
            for change in pending:
                self._emit(f"  * {format_name_with_tags(change)}")
        if errors:
            result.ok = False
            self._emit("")
            self._emit("Verify Summary Report")
            self._emit("---------------------")
            self._emit(f"Changes: {max(1 + last - first, len(in_range))}")
            self._emit(f"Errors:  {errors}")
            raise EngineError("Verify failed")
        result.message = "Verify successful"
        self._emit(result.message)
        return result

    # ------------------------------------------------------------------ status / check / log
    def _script_matches(self, change: Change, recorded_hash: str | None) -> bool:
        """Does the change's deploy script still hash to what was recorded?  An earlier
        instance of a reworked change also matches when only its includes were frozen
        (chaindb.snapshot): same meaning, different bytes."""
        if self._deploy_hash(change) == recorded_hash:
            return True
        path = self._path(change, "deploy")
        for tag in change.rework_tags:
            thawed = thawed_bytes(path, tag.name)
            if thawed is not None and script_digest(thawed) == recorded_hash:
                return True
        return False

    def drift(self, deployed: list[DeployedChange]) -> list[DeployedChange]:
        """Deployed changes whose deploy script no longer hashes to the recorded hash."""
        drifted = []
        for row in deployed:
            change = self.plan.find(row.id)
            if change is not None and not self._script_matches(change, row.script_hash):
                drifted.append(row)
        return drifted

    def status(self, project: str | None = None) -> StatusData:
        """Data for `status` of ``project`` (default: the plan's); raises 'No changes
        deployed' (exit 1) when the registry is missing or holds nothing of the project, and
        a registry of another version (2).  One round trip when all is well.
        Another project's changes are not compared with this plan (no undeployed/drift)."""
        project = project or self.plan.project
        own = project == self.plan.project
        state = self.registry.state(project)            # one round trip
        if state is None:                                # say what is wrong
            if not self.registry.exists():
                # Sqitch: a database without a registry has no state -- exit 1
                raise EngineError("No changes deployed", exitcode=1, info=True)
            self.registry.check_version()
            state = RegistryState(REGISTRY_RELEASE, self.registry.deployed_changes(project),
                                  self.registry.deployed_tags(project))
        deployed = state.deployed
        current = deployed[-1] if deployed else None
        if current is None:
            raise EngineError("No changes deployed", exitcode=1, info=True)
        index = self.plan.index_of(current.id) if own else None
        undeployed = self.plan.changes[index + 1:] if index is not None else []
        return StatusData(self.destination, project, current, index is not None,
                          undeployed, list(reversed(deployed)), state.tags,
                          self.drift(deployed) if own else [])

    def check(self, start: str | None = None, end: str | None = None) -> CheckData:
        """Compare each deployed change's script_hash with the plan change at the same
        position; CheckData.diverged lists the names that differ."""
        deployed = self._deployed_or_fail()
        if not deployed:
            return CheckData(self.destination, [], "No changes deployed" if self.plan.changes
                             else "Nothing to check (no planned or deployed changes)")
        first, _last, in_range = self._range(deployed, start, end)
        diverged = []
        for position, row in enumerate(in_range, start=first):
            planned = self.plan.changes[position] if position < len(self.plan.changes) else None
            if planned is None or not self._script_matches(planned, row.script_hash):
                diverged.append(row.format_name_with_tags)
        return CheckData(self.destination, diverged,
                         "Check successful" if not diverged else
                         ("Failed one check" if len(diverged) == 1
                          else f"Failed {len(diverged)} checks"))

    def log(self, search: EventSearch | None = None) -> list[Event]:
        """Sqitch's log: the events ``search`` selects (all, newest first, by default).
        Exit status 1 when the registry is missing or holds no event at all."""
        if not self.registry.exists():
            raise EngineError(f"Database {self.destination} has not been initialized for "
                              "Sqitch", exitcode=1, info=True)
        self.registry.check_version()
        if not self.registry.events(EventSearch(limit=1)):
            raise EngineError(f"No events logged for {self.destination}", exitcode=1, info=True)
        return self.registry.events(search)


class _VerifyFailed(EngineError):
    """A verify script failed (the message ends with Sqitch's 'Verify script ... failed.')."""

    shown: str | None = None


def path_as_given(path: Path) -> str:
    """A project path the way Sqitch prints it: relative to the working directory when it
    lies below it (Path::Class joins the configured top_dir and the file), else as is."""
    if not path.is_absolute():
        return os.path.normpath(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def psql_failed(exc: BaseException) -> str:
    """What Sqitch says when psql exits non-zero (an SQL error with ON_ERROR_STOP: 3; a
    script file that is not there: 1), then a blank line."""
    return f'"psql" unexpectedly returned exit value {getattr(exc, "psql_exit", 3)}\n'


def _server_error_text(exc: BaseException) -> str:
    """A server error as libpq formats it (DBD::Pg's errstr, which Sqitch prints):
    'ERROR:  msg' and its DETAIL/HINT/CONTEXT lines."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None)
    if not primary:
        return str(exc).strip()
    lines = [f"{diag.severity or 'ERROR'}:  {primary}"]
    for label, value in (("DETAIL", diag.message_detail), ("HINT", diag.message_hint),
                         ("CONTEXT", diag.context)):
        if value:
            lines.append(f"{label}:  {value}")
    return "\n".join(lines)


def _shown(exc: BaseException) -> str | None:
    """What the reporter still has to print for a failed step: nothing more for a script
    error (psql's own text went to Reporter.script_messages), Sqitch's line for a failed
    verify script, the message otherwise."""
    script = sys.modules.get("chaindb.script")      # loaded once a script has run
    if script is not None and isinstance(exc, script.ScriptError):
        return None
    if isinstance(exc, _VerifyFailed) and exc.shown is not None:
        return exc.shown
    return str(exc).strip()
