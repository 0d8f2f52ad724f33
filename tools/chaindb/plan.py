"""The Sqitch plan: parse, model, compute IDs, look up, write.  Knows nothing of databases.

Grammar, IDs and errors exactly as docs/sqitch-compat.md §1 and §3.1, i.e. as
Sqitch 1.3.1's lib/App/Sqitch/Plan.pm and Plan/*.pm.  The lexical rules (regexes, note
escapes, URI canonicalisation) live in chaindb.plan_syntax.

Writing keeps every line object of the file (pragmas, comments, blank lines, changes,
tags) in order and re-renders each one as Sqitch's Line->as_string does, so a plan
rewritten after add/tag/rework is byte-identical to what Sqitch writes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from chaindb import plan_syntax as syn
from chaindb.errors import ChaindbError

SYNTAX_VERSION = "1.0.0"


class PlanError(ChaindbError):
    """A malformed plan or a refused plan edit: str() is Sqitch's message, with file and
    line for syntax errors, e.g. 'Syntax error in sqitch.plan at line 5: Invalid name; ...'.
    Printed line for line, as Sqitch prints its multi-line ones ('... in plan sqitch.plan.'
    then 'Use "sqitch rework" to copy and rework it')."""

    multiline = True


# ====================================================================== dependencies
@dataclass
class Depend:
    """One entry of a change's [...] list."""

    conflicts: bool            # True for "!x"
    project: str | None        # "base" in "base:x"; None when not given
    change: str | None         # change name, None for "@tag" or an ID
    tag: str | None            # "v1.0" in "x@v1.0" or "@v1.0"
    id: str | None             # a 40-hex ID given literally (never written by us)
    plan_project: str          # the project of the plan holding this dependency
    id_in_plan: bool = False   # for an ID without project: set when the plan holds that ID

    @classmethod
    def parse(cls, spec: str, plan_project: str) -> "Depend | None":
        """Depend->parse: None when `spec` is not a dependency specification; raises
        PlanError for a spec naming nothing (e.g. '' or '!'), which Sqitch dies on."""
        m = syn.DEPEND_RE.match(spec)
        if not m:
            return None
        change, tag, dep_id = m.group("change"), m.group("tag") or m.group("tag2"), m.group("id")
        if not (change or tag or dep_id):
            raise PlanError('Depend object must have either "change", "tag", or "id" defined')
        return cls(conflicts=bool(m.group("conflicts")), project=m.group("project"),
                   change=change, tag=tag, id=dep_id, plan_project=plan_project)

    @property
    def key_name(self) -> str:
        """'change@tag', 'change', '@tag' or the ID -- no project, no '!'."""
        key = (self.change or "") + ("@" + self.tag if self.tag is not None else "")
        return key if key else (self.id or "")

    @property
    def resolved_project(self) -> str | None:
        """Sqitch's Depend->project: the given one, else the plan's (for an ID: only
        when the plan holds it, else unknown)."""
        if self.project is not None:
            return self.project
        if self.id is not None and not self.id_in_plan:
            return None
        return self.plan_project

    @property
    def is_own_project(self) -> bool:
        """True when the dependency is on a change of the plan's own project."""
        return self.resolved_project == self.plan_project

    def as_string(self) -> str:
        """Sqitch's Depend->as_string: key_name, prefixed 'project:' only for other projects."""
        proj = self.resolved_project
        if proj is None or proj == self.plan_project:
            return self.key_name
        return f"{proj}:{self.key_name}"

    def as_plan_string(self) -> str:
        """How Sqitch writes it back into the plan: '!' + as_string (so an explicit
        own-project prefix is dropped, as Sqitch does)."""
        return ("!" if self.conflicts else "") + self.as_string()


# ====================================================================== plan lines
@dataclass
class _Blank:
    """A blank or comment-only line (Plan::Blank)."""

    lspace: str = ""
    note: str = ""

    def as_string(self) -> str:
        return self.lspace + syn.format_note(self.note)


@dataclass
class _Pragma:
    """A '%name=value' header line (Plan::Pragma)."""

    name: str
    value: str | None
    lspace: str = ""
    hspace: str = ""
    lopspace: str = ""
    operator: str = ""
    ropspace: str = ""
    rspace: str = ""
    note: str = ""

    def as_string(self) -> str:
        return (f"{self.lspace}%{self.hspace}{self.name}{self.lopspace}{self.operator}"
                f"{self.ropspace}{self.value or ''}{self.rspace}{syn.format_note(self.note)}")


def _planner(name: str, email: str) -> str:
    return f"{name} <{email}>"


@dataclass
class Tag:
    name: str                  # without '@'
    timestamp: datetime        # timezone-aware UTC
    planner_name: str
    planner_email: str
    note: str                  # unescaped, trimmed
    change: "Change"           # the change it is attached to
    lineno: int
    id: str = ""               # Sqitch tag ID (sha1)
    info: str = ""             # the exact text hashed into id
    lspace: str = field(default="", repr=False)
    rspace: str = field(default="", repr=False)

    @property
    def format_name(self) -> str:
        return "@" + self.name

    @property
    def format_planner(self) -> str:
        return _planner(self.planner_name, self.planner_email)

    def as_string(self) -> str:
        """The plan line as Sqitch writes it (Tag->as_string)."""
        return (self.lspace + " ".join([self.format_name, syn.format_timestamp(self.timestamp),
                                        self.format_planner])
                + self.rspace + syn.format_note(self.note))


@dataclass
class Change:
    name: str
    operator: str              # '', '+' or '-' (parsed, preserved, ignored by deploy)
    requires: list[Depend]
    conflicts: list[Depend]
    timestamp: datetime        # timezone-aware UTC
    planner_name: str
    planner_email: str
    note: str                  # unescaped, trimmed
    lineno: int
    index: int = 0             # position in Plan.changes
    tags: list[Tag] = field(default_factory=list)
    rework_tags: list[Tag] = field(default_factory=list)   # see sqitch.md §1.7
    parent_id: str | None = None
    id: str = ""
    info: str = ""             # the exact text hashed into id (what `show change` prints)
    # layout of the plan line, kept so that rewriting the plan preserves it
    lspace: str = field(default="", repr=False)
    lopspace: str = field(default="", repr=False)
    ropspace: str = field(default="", repr=False)
    pspace: str = field(default=" ", repr=False)
    rspace: str = field(default="", repr=False)
    plan: "Plan | None" = field(default=None, repr=False, compare=False)

    @property
    def format_planner(self) -> str:
        return _planner(self.planner_name, self.planner_email)

    @property
    def event(self) -> str:
        """'revert' for a '-' change, else 'deploy' (Sqitch's is_revert/is_deploy)."""
        return "revert" if self.operator == "-" else "deploy"

    @property
    def format_name_with_tags(self) -> str:
        return " ".join([self.name] + [t.format_name for t in self.tags])

    @property
    def format_tag_qualified_name(self) -> str:
        """'name@firsttag', else 'name@firstreworktag', else 'name@HEAD'."""
        tags = self.tags or self.rework_tags
        return self.name + (tags[0].format_name if tags else "@HEAD")

    def format_dependencies(self) -> str:
        deps = " ".join(d.as_plan_string() for d in self.requires + self.conflicts)
        return f"[{deps}]" if deps else ""

    def as_string(self) -> str:
        """The plan line as Sqitch writes it (Change->as_string)."""
        content = " ".join(x for x in (self.format_dependencies(),
                                       syn.format_timestamp(self.timestamp),
                                       self.format_planner) if x)
        return (f"{self.lspace}{self.lopspace}{self.operator}{self.ropspace}{self.name}"
                f"{self.pspace}{content}{self.rspace}{syn.format_note(self.note)}")

    def script_path(self, kind: str, top_dir: Path, *, dir_name: str | None = None,
                    extension: str = "sql", deploy_dir: Path | None = None) -> Path:
        """deploy/revert/verify script for this instance, rework-aware:
        top_dir/<kind>/<name>[@tag].sql (sqitch.md §1.7).  `dir_name` overrides the
        directory name for `kind`; the rework file is looked for in `deploy_dir`
        (default top_dir/deploy), the first rework tag whose file exists winning."""
        top_dir = Path(top_dir)
        segments = self.name.split("/")
        ext = "." + extension
        if self.rework_tags:
            probe_dir = Path(deploy_dir) if deploy_dir is not None else top_dir / "deploy"
            base, parents = segments[-1], segments[:-1]
            chosen = None
            for tag in self.rework_tags:
                fname = base + tag.format_name + ext
                if (probe_dir.joinpath(*parents, fname)).exists():
                    chosen = fname
                    break
            segments = parents + [chosen or base + self.rework_tags[0].format_name + ext]
        else:
            segments[-1] += ext
        return top_dir.joinpath(dir_name or kind, *segments)

    def script_hash(self, top_dir: Path) -> str | None:
        """sha1 hex of the resolved deploy script's bytes, None when it does not exist."""
        path = self.script_path("deploy", top_dir)
        if not path.is_file():
            return None
        return script_digest(path.read_bytes())

    @property
    def is_reworked(self) -> bool:
        """True for an earlier instance of a change that is reworked later in the plan."""
        return bool(self.rework_tags)


# ====================================================================== ids
def script_digest(data: bytes) -> str:
    """Sqitch's script_hash of a deploy script's bytes (sha1 hex)."""
    return hashlib.sha1(data).hexdigest()


def _git_style_sha1(kind: str, info: str) -> str:
    data = info.encode("utf-8")
    return hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()


def _id_header(project: str, uri: str | None) -> list[str]:
    lines = ["project " + project]
    if syn.perl_true(uri):
        lines.append("uri " + syn.uri_canonical(uri))
    return lines


def _change_info(change: Change, project: str, uri: str | None) -> str:
    reqs = "\n  + ".join(d.as_string() for d in change.requires)
    confs = "\n  - ".join(d.as_string() for d in change.conflicts)
    lines = _id_header(project, uri) + ["change " + change.name]
    if change.parent_id:
        lines.append("parent " + change.parent_id)
    lines += ["planner " + change.format_planner, "date " + syn.format_timestamp(change.timestamp)]
    if syn.perl_true(reqs):
        lines.append("requires\n  + " + reqs)
    if syn.perl_true(confs):
        lines.append("conflicts\n  - " + confs)
    if syn.perl_true(change.note):
        lines += ["", change.note]
    return "\n".join(lines)


def _tag_info(tag: Tag, project: str, uri: str | None) -> str:
    lines = _id_header(project, uri) + [
        "tag " + tag.format_name, "change " + tag.change.id,
        "planner " + tag.format_planner, "date " + syn.format_timestamp(tag.timestamp)]
    if syn.perl_true(tag.note):
        lines += ["", tag.note]
    return "\n".join(lines)


# ====================================================================== parser
class _Parser:
    """Plan::_parse, line by line, with Sqitch's checks and messages."""

    def __init__(self, text: str, file: str):
        self.file = file
        self.lineno = 0
        self.lines: list = []
        self.pragmas: dict[str, str] = {}
        self.changes: list[Change] = []       # flushed (dependency-checked) changes
        self.curr_changes: list[Change] = []  # changes since the last tag
        self.line_no_for: dict[str, int] = {}
        self.tag_changes: dict[str, int] = {}
        self.prev_change: Change | None = None
        raw = text.split("\n")
        # Perl's getline + s/\r?\n\z//: only a newline-terminated line loses its \r.
        self.raw_lines = [ln[:-1] if ln.endswith("\r") else ln for ln in raw[:-1]]
        if raw[-1]:
            self.raw_lines.append(raw[-1])

    def syntax_error(self, message: str) -> PlanError:
        return PlanError(f"Syntax error in {self.file} at line {self.lineno}: {message}")

    def parse(self) -> dict:
        rest = self._parse_header()
        if "syntax_version" not in self.pragmas:
            self.lines.insert(0, _Pragma(name="syntax-version", operator="=",
                                         value=SYNTAX_VERSION))
        if not syn.perl_true(self.pragmas.get("project")):
            raise PlanError(f"Missing %project pragma in {self.file}")
        for line in rest:
            self.lineno += 1
            self._parse_body_line(line)
        self._flush()
        return {"lines": self.lines, "changes": self.changes, "pragmas": self.pragmas}

    @staticmethod
    def _split_note(line: str) -> tuple[str, str, str]:
        """Cut the inline note off: (content, rspace, unescaped note)."""
        m = syn.INLINE_NOTE_RE.search(line)
        return line[:m.start()], m.group("rspace"), syn.clean_note(m.group("note"))

    def _parse_header(self) -> list[str]:
        lines = self.raw_lines
        while self.lineno < len(lines):
            line = lines[self.lineno]
            self.lineno += 1
            blank = syn.BLANK_LINE_RE.match(line)
            if blank:
                self.lines.append(_Blank(blank.group("lspace"), syn.clean_note(blank.group("note"))))
                if not syn.perl_true(self.lines[-1].note):
                    break
                continue
            content, rspace, note = self._split_note(line)
            m = syn.PRAGMA_RE.match(content)
            if not m:
                raise self.syntax_error(
                    "Invalid pragma; a blank line must come between pragmas and changes")
            name, value = m.group("name"), m.group("value")
            if name == "syntax-version":
                self.pragmas["syntax_version"] = value = SYNTAX_VERSION
            elif name == "project":
                if value is None or not syn.is_valid_name(value):
                    raise self.syntax_error(
                        f'invalid project name "{value or ""}": project ' + syn.NAME_RULES)
                self.pragmas["project"] = value
            else:
                self.pragmas[name] = value if value is not None else "1"
            if value is not None:
                value = re.sub(f"[{syn.SPACE}]+\\Z", "", value)
            self.lines.append(_Pragma(
                name=name, value=value, lspace=m.group("lspace") or "",
                hspace=m.group("hspace") or "", lopspace=m.group("lopspace") or "",
                operator=m.group("operator") or "", ropspace=m.group("ropspace") or "",
                rspace=rspace, note=note))
        return lines[self.lineno:]

    def _timestamp(self, m: re.Match) -> datetime:
        parts = [m.group(g) for g in ("yr", "mo", "dy", "hr", "mi", "sc")]
        try:
            if not all(p.isascii() for p in parts):
                raise ValueError
            return datetime(*map(int, parts), tzinfo=timezone.utc)
        except ValueError:
            raise self.syntax_error(
                'Invalid timestamp "{}-{}-{}T{}:{}:{}Z"'.format(*parts)) from None

    def _parse_body_line(self, line: str) -> None:
        blank = syn.BLANK_LINE_RE.match(line)
        if blank:
            self.lines.append(_Blank(blank.group("lspace"), syn.clean_note(blank.group("note"))))
            return
        content, rspace, note = self._split_note(line)
        is_tag = re.match(f"^[{syn.BLANK}]*@", content) is not None
        m = syn.ITEM_RE.match(content)
        p = m.groupdict() if m else {}
        name = p.get("name")
        if not syn.perl_true(name) or (not p.get("yr") and syn.TS_RE.search(content)):
            raise self.syntax_error("Invalid name; " + syn.NAME_RULES)
        if not p["yr"] and not syn.perl_true(p["planner_name"]):
            raise self.syntax_error("Missing timestamp and planner name and email")
        if not p["yr"]:
            raise self.syntax_error("Missing timestamp")
        if not syn.perl_true(p["planner_name"]):
            raise self.syntax_error("Missing planner name and email")
        if name in syn.RESERVED:
            raise self.syntax_error(f'"{"@" if is_tag else ""}{name}" is a reserved name')
        if syn.SHA1_PREFIX_RE.match(name):
            raise self.syntax_error(
                f'"{name}" is invalid because it could be confused with a SHA1 ID')
        timestamp = self._timestamp(m)
        common = dict(name=name, timestamp=timestamp, planner_name=p["planner_name"],
                      planner_email=p["planner_email"], note=note, lineno=self.lineno,
                      lspace=p["lspace"] or "", rspace=rspace)
        if is_tag:
            self._add_tag(p, common)
        else:
            self._add_change(p, common)

    def _add_tag(self, p: dict, common: dict) -> None:
        name = common["name"]
        if "/" in name:
            raise self.syntax_error(f'Tag "{name}" contains illegal character /')
        if self.prev_change is None:
            raise self.syntax_error(f'Tag "{name}" declared without a preceding change')
        if "@" + name in self.line_no_for:
            raise self.syntax_error(f'Tag "{name}" duplicates earlier declaration on line '
                                    f'{self.line_no_for["@" + name]}')
        if p["deps"]:
            raise self.syntax_error("Tags may not specify dependencies")
        self._flush()
        tag = Tag(change=self.prev_change, **common)
        self.prev_change.tags.append(tag)
        self.lines.append(tag)
        self.line_no_for.update(self.tag_changes)
        self.line_no_for["@" + name] = self.lineno
        self.tag_changes = {}

    def _add_change(self, p: dict, common: dict) -> None:
        name = common["name"]
        if name in self.tag_changes:
            raise self.syntax_error(f'Change "{name}" duplicates earlier declaration on line '
                                    f'{self.tag_changes[name]}')
        requires, conflicts, seen = [], [], set()
        if p["deps"]:
            specs = syn.BLANK_SPLIT_RE.split(p["deps"])
            while specs and specs[-1] == "":      # Perl's split drops trailing empties
                specs.pop()
            for spec in specs:
                try:
                    dep = Depend.parse(spec, self.pragmas["project"])
                except PlanError as exc:
                    raise self.syntax_error(str(exc)) from None
                if dep is None:
                    raise self.syntax_error(f'"{spec}" is not a valid dependency specification')
                if spec in seen:
                    raise self.syntax_error(f'Duplicate dependency "{spec}"')
                seen.add(spec)
                (conflicts if dep.conflicts else requires).append(dep)
        self.tag_changes[name] = self.lineno
        change = Change(operator=p["operator"] or "", requires=requires, conflicts=conflicts,
                        lopspace=p["lopspace"] or "", ropspace=p["ropspace"] or "",
                        pspace=p["pspace"] if p["pspace"] is not None else " ", **common)
        self.curr_changes.append(change)
        self.lines.append(change)
        self.prev_change = change

    def _flush(self) -> None:
        if self.curr_changes:
            check_changes(self.pragmas["project"], self.line_no_for, self.curr_changes, self.file)
            self.changes += self.curr_changes
            self.curr_changes = []


def check_changes(project: str, seen: dict[str, int], changes: list[Change], file: str) -> None:
    """Plan::check_changes: every same-project require of `changes` must name a change
    planned earlier (`seen` maps earlier changes and '@tags' to line numbers)."""
    position: dict[str, int] = {}
    invalid = []
    for i, change in enumerate(changes, 1):
        bad = []
        for dep in change.requires:
            if dep.project is not None:
                if dep.project != project:
                    continue
            elif dep.id is not None:
                continue
            key = dep.key_name
            if re.search(r".@", key, re.S):
                name, tag = key.split("@", 1)
                tag_at, change_at = seen.get("@" + tag), seen.get(name)
                if tag_at and change_at and change_at < tag_at:
                    continue
            elif key in seen or position.get(key):
                continue
            bad.append(key)
        position[change.name] = i
        if bad:
            invalid.append((change.name, bad))
    if not invalid:
        return
    errors = []
    for name, bad in invalid:
        max_delta = 0
        for dep in bad:
            if dep == name:
                errors.append(f'Change "{name}" cannot require itself')
            elif position.get(dep):
                delta = position[dep] - position[name]
                max_delta = max(max_delta, delta)
                errors.append(f'Change "{name}" planned {delta} change{"" if delta == 1 else "s"}'
                              f' before required change "{dep}"')
            else:
                errors.append(f'Unknown change "{dep}" required by change "{name}"')
        if max_delta:
            errors[-1] += (f'\n    HINT: move "{name}" down {max_delta} '
                           f'line{"" if max_delta == 1 else "s"} in {file}')
    head = "Dependency error detected:" if len(errors) == 1 else "Dependency errors detected:"
    raise PlanError("\n  ".join([head] + errors))


# ====================================================================== the plan
@dataclass
class Plan:
    path: Path
    project: str
    uri: str | None            # raw %uri as written
    syntax_version: str
    changes: list[Change]
    tags: list[Tag]            # every tag in plan order
    pragmas: dict[str, str] = field(default_factory=dict, repr=False)
    lines: list = field(default_factory=list, repr=False)   # every line object, file order
    _lookup: dict[str, list[int]] = field(default_factory=dict, repr=False)

    # --- loading ------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str) -> "Plan":
        """Parse a plan file; raises PlanError (never another exception) for bad input."""
        path = Path(path)
        if not path.exists():
            raise PlanError(f"Plan file {path} does not exist")
        if not path.is_file():
            raise PlanError(f"Plan file {path} is not a regular file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PlanError(f"Cannot open {path}: {exc.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PlanError(f"Cannot read {path}: invalid UTF-8 at byte {exc.start}") from None
        return cls.parse_text(text, path)

    @classmethod
    def parse_text(cls, text: str, path: Path | str = "sqitch.plan") -> "Plan":
        """Parse plan text; `path` is only used in messages and as the default for write()."""
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise PlanError(f"Cannot read {path}: not valid UTF-8 text") from None
        parsed = _Parser(text, str(path)).parse()
        pragmas = parsed["pragmas"]
        plan = cls(path=Path(path), project=pragmas["project"],
                   uri=pragmas.get("uri"), syntax_version=SYNTAX_VERSION,
                   changes=parsed["changes"], tags=[], pragmas=pragmas, lines=parsed["lines"])
        plan._reindex()
        return plan

    @property
    def uri_canonical(self) -> str | None:
        """The %uri as Perl's URI->canonical gives it (what IDs hash), None without one."""
        return syn.uri_canonical(self.uri) if syn.perl_true(self.uri) else None

    def _reindex(self) -> None:
        """Recompute indexes, parents, rework tags, IDs and the lookup table."""
        self.tags = [t for c in self.changes for t in c.tags]
        latest: dict[str, int] = {}
        lookup: dict[str, list[int]] = {}
        for change in self.changes:
            change.rework_tags = []
        for idx, change in enumerate(self.changes):
            change.index, change.plan = idx, self
            change.parent_id = self.changes[idx - 1].id if idx else None
            for dep in change.requires + change.conflicts:
                dep.plan_project = self.project
            if change.name in latest:
                dup = latest[change.name]
                between = [t for c in reversed(self.changes[dup + 1:idx]) for t in c.tags]
                self.changes[dup].rework_tags = between + self.changes[dup].tags
            latest[change.name] = idx
            change.info = _change_info(change, self.project, self.uri)
            change.id = _git_style_sha1("change", change.info)
            lookup.setdefault(change.name, []).append(idx)
            lookup[change.id] = [idx]
            for tag in change.tags:
                tag.info = _tag_info(tag, self.project, self.uri)
                tag.id = _git_style_sha1("tag", tag.info)
                lookup[tag.format_name] = lookup[tag.id] = [idx]
        last = len(self.changes) - 1
        lookup["HEAD"] = lookup["@HEAD"] = [last]
        lookup["ROOT"] = lookup["@ROOT"] = [0]
        self._lookup = lookup
        ids = set(lookup)
        for change in self.changes:
            for dep in change.requires + change.conflicts:
                dep.id_in_plan = dep.id is not None and dep.id in ids

    # --- lookup ---------------------------------------------------------------------
    def index_of(self, key: str, *, ambiguous_error: bool = False) -> int | None:
        """Index of the change `key` names (see find), None when there is none.
        With ambiguous_error=True a bare name of a reworked change raises PlanError the
        way Sqitch's ChangeList::index_of does, instead of meaning the first instance."""
        base, offset = syn.split_offset(key)
        idx = self._base_index(base, ambiguous_error)
        if idx is None:
            return None
        idx += offset
        return idx if 0 <= idx < len(self.changes) else None

    def _base_index(self, key: str, ambiguous_error: bool) -> int | None:
        if "@" not in key:
            found = self._lookup.get(key)
            if not found:
                return None
            if len(found) > 1 and ambiguous_error:
                options = "\n".join("  * " + self.changes[i].format_tag_qualified_name
                                    for i in reversed(found))
                raise PlanError(f'Change "{key}" is ambiguous. Please specify a '
                                f'tag-qualified change:\n{options}\nChange lookup failed')
            return found[0]
        name, tag = key.split("@", 1)
        if name == "":
            found = self._lookup.get("@" + tag)
            return found[0] if found else None
        found = self._lookup.get(name)
        if not found:
            return None
        tag_at = self._lookup.get("@" + tag)
        if not tag_at:
            raise PlanError(f'Unknown tag "@{tag}"')
        earlier = [i for i in found if i <= tag_at[0]]
        return earlier[-1] if earlier else None

    def find(self, key: str) -> Change | None:
        """Look up a change by key as Sqitch does: name (first instance), name@tag (the
        instance as of that tag), name@HEAD (latest instance), @tag, change or tag ID,
        HEAD/@HEAD, ROOT/@ROOT, each with ^/^^/^N (earlier) or ~/~~/~N (later) offsets.
        None when not found; PlanError for 'name@tag' with an unknown tag."""
        idx = self.index_of(key)
        return self.changes[idx] if idx is not None else None

    def search_changes(self, *, event: str | None = None, name: str | None = None,
                       planner: str | None = None, limit: int | None = None,
                       offset: int | None = None, reverse: bool = False) -> list[Change]:
        """Plan.pm's search_changes (``sqitch plan``'s filters), quirks included: a change is
        kept when ANY given filter matches it (name or planner regex -- Python ``re``, close
        to Perl's -- or operation), and ``offset``/``limit`` count plan positions, not
        matches."""
        filters: list = []
        if planner:
            planner_re = _search_pattern(planner)
            filters.append(lambda c: planner_re.search(c.planner_name))
        if name:
            name_re = _search_pattern(name)
            filters.append(lambda c: name_re.search(c.name))
        if event:
            operation = event.lower()
            if operation not in ("deploy", "revert"):
                raise PlanError(f'Unknown change operation "{operation}"')
            filters.append(lambda c: c.event == operation)
        ordered = list(reversed(self.changes)) if reverse else list(self.changes)
        offset = offset or 0
        window = ordered[offset:offset + limit] if limit else ordered[offset:]
        return [c for c in window if not filters or any(f(c) for f in filters)]

    def get_tag(self, name: str) -> Tag | None:
        """The tag called `name` ('@' optional), None when the plan has none."""
        name = name[1:] if name.startswith("@") else name
        return next((t for t in self.tags if t.name == name), None)

    def show_change(self, key: str) -> str:
        """What `sqitch show change KEY` prints: the change's info text and a newline.
        A bare name of a reworked change is ambiguous (name@TAG or name@HEAD picks one)."""
        return self._shown_change(key).info + "\n"

    def _shown_change(self, key: str) -> Change:
        index = self.index_of(key, ambiguous_error=True)
        if index is None:
            raise PlanError(f'Unknown change "{key}"')
        return self.changes[index]

    def show_script(self, kind: str, key: str, top_dir: Path, *, extension: str = "sql"
                    ) -> Path:
        """The file `sqitch show deploy|revert|verify KEY` prints (rework-aware); PlanError
        when the change is unknown or the file does not exist."""
        path = self._shown_change(key).script_path(kind, top_dir, extension=extension)
        if not path.is_file():
            raise PlanError(f'File "{os.path.relpath(path)}" does not exist')
        return path

    def show_tag(self, name: str) -> str:
        """What `sqitch show tag NAME` prints: the tag's info text and a newline."""
        tag = self.get_tag(name)
        if tag is None:
            raise PlanError(f'Unknown tag "{name}"')
        return tag.info + "\n"

    # --- writing (sqitch add / tag / rework): byte-identical to Sqitch -----------------
    def _check_name(self, kind: str, name: str) -> None:
        """Plan::_is_valid."""
        if name in syn.RESERVED:
            raise PlanError(f'"{name}" is a reserved name')
        if syn.SHA1_PREFIX_RE.match(name):
            raise PlanError(f'"{name}" is invalid because it could be confused with a SHA1 ID')
        if kind == "change" and not syn.is_valid_name(name):
            raise PlanError(f'"{name}" is invalid: changes must not begin with punctuation, '
                            'contain "@", ":", "#", "\\", or blanks, or end in punctuation '
                            'or digits following punctuation')
        if kind == "tag" and (not syn.is_valid_name(name) or "/" in name):
            raise PlanError(f'"{name}" is invalid: tags must not begin with punctuation, '
                            'contain "@", ":", "#", "/", "\\", or blanks, or end in '
                            'punctuation or digits following punctuation')

    def _parse_deps(self, specs, conflicts: bool) -> list[Depend]:
        """Plan::_parse_deps (duplicates dropped, order kept); refuses raw IDs, which
        Sqitch 1.3.1 cannot load back (sqitch.md §8.1)."""
        deps = []
        for spec in dict.fromkeys(specs):
            dep = Depend.parse(("!" if conflicts else "") + spec, self.project)
            if dep is None:
                raise PlanError(f'"{spec}" is not a valid dependency specification')
            if dep.id is not None:
                raise PlanError(f'"{spec}" is a change ID; name the change instead '
                                '(Sqitch 1.3.1 cannot load plans with ID dependencies)')
            deps.append(dep)
        return deps

    def _check_dependencies(self, change: Change, action: str) -> None:
        for dep in change.requires:
            if dep.resolved_project != self.project:
                continue
            key = dep.key_name
            if self.index_of(key if "@" in key else key + "@HEAD") is None:
                raise PlanError(f'Cannot {action} change "{change.name}": '
                                f'requires unknown change "{key}"')

    def _new_change(self, name, requires, conflicts, note, planner_name, planner_email,
                    timestamp) -> Change:
        note = syn.clean_note(note)
        return Change(name=name, operator="", requires=requires, conflicts=conflicts,
                      timestamp=(timestamp or syn.now_utc()).astimezone(timezone.utc),
                      planner_name=planner_name, planner_email=planner_email, note=note,
                      lineno=0, rspace=" " if syn.perl_true(note) else "")

    def add_change(self, name: str, *, requires: list[str] = (), conflicts: list[str] = (),
                   note: str = "", planner_name: str, planner_email: str,
                   timestamp: datetime | None = None) -> Change:
        """`sqitch add`: append a change (after an empty line when the previous change is
        tagged).  The note is trimmed and its \\n, \\r, \\\\ escapes decoded, as Sqitch does."""
        self._check_name("change", name)
        if self.index_of(name + "@HEAD") is not None:
            raise PlanError(f'Change "{name}" already exists in plan {self.path}.\n'
                            'Use "sqitch rework" to copy and rework it')
        change = self._new_change(name, self._parse_deps(requires, False),
                                  self._parse_deps(conflicts, True), note, planner_name,
                                  planner_email, timestamp)
        self._check_dependencies(change, "add")
        if self.changes and self.changes[-1].tags:
            self.lines.append(_Blank())
        self.changes.append(change)
        self.lines.append(change)
        self._reindex()
        return change

    def add_tag(self, name: str, *, change: str | None = None, note: str = "",
                planner_name: str, planner_email: str,
                timestamp: datetime | None = None) -> Tag:
        """`sqitch tag`: tag the last change (or `change`); the line goes right after the
        change line and its earlier tags."""
        name = name[1:] if name.startswith("@") else name
        self._check_name("tag", name)
        if self.index_of("@" + name) is not None:
            raise PlanError(f'Tag "@{name}" already exists')
        if change is not None:
            idx = self.index_of(change, ambiguous_error=True)
            if idx is None:
                raise PlanError(f'Unknown change: "{change}"')
            target = self.changes[idx]
        elif self.changes:
            target = self.changes[-1]
        else:
            raise PlanError(f'Cannot apply tag "@{name}" to a plan with no changes')
        note = syn.clean_note(note)
        tag = Tag(name=name, timestamp=(timestamp or syn.now_utc()).astimezone(timezone.utc),
                  planner_name=planner_name, planner_email=planner_email, note=note,
                  change=target, lineno=0, rspace=" " if syn.perl_true(note) else "")
        target.tags.append(tag)
        self.lines.insert(self._line_index(target) + len(target.tags), tag)
        self._reindex()
        return tag

    def _line_index(self, obj) -> int:
        return next(i for i, line in enumerate(self.lines) if line is obj)

    def rework(self, name: str, *, requires: list[str] = (), conflicts: list[str] = (),
               note: str = "", planner_name: str, planner_email: str,
               timestamp: datetime | None = None) -> Change:
        """`sqitch rework` (plan side): append `name [name@T ...]`, T being the first tag
        of the last tagged change, which must come at or after the current `name`.
        Copy the scripts with rework_scripts()."""
        idx = self.index_of(name + "@HEAD")
        if idx is None:
            raise PlanError(f'Change "{name}" does not exist in {self.path}.\n'
                            f'Use "sqitch add {name}" to add it to the plan')
        tagged = [c.index for c in self.changes if c.tags]
        if not tagged or tagged[-1] < idx:
            raise PlanError(f'Cannot rework "{name}" without an intervening tag.\n'
                            'Use "sqitch tag" to create a tag and try again')
        first_tag = self.changes[tagged[-1]].tags[0]
        own = Depend(conflicts=False, project=None, change=name, tag=first_tag.name, id=None,
                     plan_project=self.project)
        change = self._new_change(name, [own] + self._parse_deps(requires, False),
                                  self._parse_deps(conflicts, True), note, planner_name,
                                  planner_email, timestamp)
        self._check_dependencies(change, "rework")
        self.changes.append(change)
        self.lines.append(change)
        self._reindex()
        return change

    def as_text(self) -> str:
        """The whole plan file as Sqitch's write_to writes it."""
        return "".join(line.as_string() + "\n" for line in self.lines)

    def write(self, path: Path | None = None) -> None:
        """Write the plan back, preserving comments, blank lines and spacing."""
        target = Path(path) if path is not None else self.path
        try:
            target.write_bytes(self.as_text().encode("utf-8"))
        except OSError as exc:
            raise PlanError(f"Cannot open {target}: {exc.strerror}") from None

    # --- listing (sqitch plan) ------------------------------------------------------------


# ====================================================================== rework scripts
def rework_scripts(change: Change, top_dir: Path | str, *, extension: str = "sql"
                   ) -> list[tuple[Path, Path]]:
    """The file side of `sqitch rework` for `change` (the new, latest instance): copy
    deploy/revert/verify X.sql to the previous instance's X@T.sql files, then deploy/X.sql
    over revert/X.sql.  Returns the (source, destination) copies made, in order."""
    plan = change.plan
    prev = None if plan is None else next(
        (c for c in reversed(plan.changes[:change.index]) if c.name == change.name), None)
    if prev is None:
        raise PlanError(f'Change "{change.name}" has not been reworked')
    top_dir = Path(top_dir)

    def path(c: Change, kind: str) -> Path:
        return c.script_path(kind, top_dir, extension=extension)

    planned, seen = [], set()
    for kind in ("deploy", "revert", "verify"):
        src = path(change, kind)
        if src not in seen:
            seen.add(src)
            planned.append((src, path(prev, kind), src))
    planned.append((path(change, "deploy"), path(change, "revert"), path(prev, "revert")))
    copies = []
    for src, dest, must_exist in planned:
        if not must_exist.exists():
            continue
        try:
            shutil.copyfile(src, dest)
        except OSError as exc:
            raise PlanError(f"Cannot copy {src} to {dest}: {exc.strerror}") from None
        copies.append((src, dest))
    return copies


def _search_pattern(pattern: str) -> re.Pattern:
    """A user's regex for Plan.search_changes; a bad one is a one-line PlanError."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise PlanError(f'Invalid regular expression "{pattern}": {exc}') from None
