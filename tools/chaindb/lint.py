"""``chaindb lint``: Squawk over the deploy scripts, plus the plan checks Squawk cannot make.

Squawk (the PyPI package ``squawk-cli``) lints each selected change's deploy script and the
sources it ``\\ir``-includes, with the project's ``.squawk.toml`` (each excluded rule is
justified there).  The plan checks, per change:

* ``missing-script``  -- a deploy, revert or verify script does not exist;
* ``verify-cannot-fail`` -- the verify script has no statement that can raise when the object
  is missing: no relation or function of ours read, no ``::reg*`` cast, no ``1 / …`` check, no
  RAISE or ASSERT in a DO block (Sqitch's skeleton verify, or ``SELECT 1``, passes on any
  database);
* ``rewrites-released-script`` -- a change that a tag in the plan has released had its deploy
  script (or a source it includes) changed after the tag was committed to git: a released
  change is changed with ``chaindb rework``, never in place.

Findings are ``path:line: rule: message`` lines; any finding fails the command (exit 1).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from chaindb.errors import ChaindbError

CONFIG_FILE = ".squawk.toml"
_INCLUDE = re.compile(r"^\s*\\(?:ir|include_relative|i|include)\s+(\S+)", re.MULTILINE)
_TRIVIAL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|END|START\s+TRANSACTION|SET\b|RESET\b)", re.I)
_CAN_FAIL = [
    re.compile(r"::\s*(?:pg_catalog\.)?reg(?:class|procedure|proc|type|namespace|role|oper|operator|config)\b", re.I),
    re.compile(r"'\s*[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*(?:\([^']*\))?'\s*::", re.I),
    re.compile(r"\b1\s*/\s*\(?", re.I),
    re.compile(r"\b(RAISE|ASSERT)\b", re.I),
    re.compile(r"\bFROM\s+(?!pg_catalog\.|information_schema\.)\"?[a-z_][a-z0-9_]*\"?\.", re.I),
    # an unqualified relation (not a catalog, not a function call or subquery)
    re.compile(r"\bFROM\s+(?!pg_[a-z_]+\b|information_schema\b|unnest\b|generate_series\b)"
               r"\"?[a-z_][a-z0-9_]*\"?(?!\s*[.(])(?:\s|;|$)", re.I),
    re.compile(r"\b(?!pg_catalog\.)[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*\s*\(", re.I),
    re.compile(r"\bhas_[a-z_]+_privilege\s*\(", re.I),
    re.compile(r"::\s*(?!pg_catalog\.)\"?[a-z_][a-z0-9_]*\"?\.\"?[a-z_]", re.I),  # a type of ours
]


class LintError(ChaindbError):
    """lint could not run (no squawk, bad change name)."""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    source: str  # "squawk" | "plan"

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.message}"


def squawk_binary() -> str:
    beside = Path(sys.executable).parent / "squawk"
    found = str(beside) if beside.exists() else shutil.which("squawk")
    if not found:
        raise LintError("squawk not found: pip install squawk-cli (pyproject's dependencies)")
    return found


def included_files(script: Path, top_dir: Path) -> list[Path]:
    """The files a script \\ir-includes (recursively), as existing paths."""
    seen: list[Path] = []

    def walk(path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return
        for m in _INCLUDE.finditer(text):
            target = m.group(1).strip("'\"")
            base = path.parent if "\\ir" in m.group(0) or "include_relative" in m.group(0) else top_dir
            child = (base / target).resolve()
            if child.is_file() and child not in seen:
                seen.append(child)
                walk(child)

    walk(script)
    return seen


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def verify_can_fail(text: str) -> bool:
    """Whether a verify script has at least one statement that raises when its object is
    missing (see the module docstring)."""
    from chaindb.script import split_statements

    try:
        statements = [s.text for s in split_statements(text)]
    except Exception:  # noqa: BLE001 - unparsable: leave it to the deploy/verify run
        return True
    body = [_strip_comments(s) for s in statements]
    body = [s for s in body if s.strip() and not _TRIVIAL.match(s)]
    return any(p.search(s) for s in body for p in _CAN_FAIL)


def _git(top: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True)


def _tag_commit(top: Path, plan_rel: str, tag: str) -> str | None:
    """The oldest commit that added the plan line of ``@tag``."""
    proc = _git(top, "log", "--format=%H", "--reverse", "-G", rf"^@{re.escape(tag)}\b", "--", plan_rel)
    lines = proc.stdout.split()
    return lines[0] if proc.returncode == 0 and lines else None


def _released_by(plan, change) -> str | None:
    """The first tag at or after the change in the plan (its release), or None."""
    for later in plan.changes[change.index:]:
        if later.tags:
            return later.tags[0].name
    return None


def plan_findings(plan, top_dir: Path, plan_file: Path, changes: list) -> list[Finding]:
    top_dir = Path(top_dir)
    findings: list[Finding] = []

    def rel(path: Path) -> str:
        try:
            return str(Path(path).resolve().relative_to(top_dir.resolve()))
        except ValueError:
            return str(path)

    git_ok = shutil.which("git") is not None and _git(top_dir, "rev-parse", "--git-dir").returncode == 0
    try:
        plan_rel = str(Path(plan_file).resolve().relative_to(
            Path(_git(top_dir, "rev-parse", "--show-toplevel").stdout.strip()).resolve()))
    except (ValueError, OSError):
        plan_rel = str(plan_file)
    for change in changes:
        scripts = {kind: change.script_path(kind, top_dir) for kind in ("deploy", "revert", "verify")}
        for kind, path in scripts.items():
            if not path.is_file():
                findings.append(Finding(rel(path), 1, "missing-script",
                                        f"change {change.name} "
                                        f"has no {kind} script", "plan"))
        verify = scripts["verify"]
        if verify.is_file() and not verify_can_fail(verify.read_text(encoding="utf-8")):
            findings.append(Finding(rel(verify), 1, "verify-cannot-fail",
                                    f"verify of {change.name} passes even when the change is not "
                                    "deployed: select from its objects, cast to ::regclass/"
                                    "::regprocedure, or RAISE", "plan"))
        tag = _released_by(plan, change)
        if tag and git_ok and scripts["deploy"].is_file():
            commit = _tag_commit(top_dir, plan_rel, tag)
            if commit is None:
                continue
            for path in [scripts["deploy"], *included_files(scripts["deploy"], top_dir)]:
                rp = rel(path)
                old = _git(top_dir, "show", f"{commit}:{rp}")
                if old.returncode != 0:
                    continue  # not in git at the tag (e.g. added with the rework)
                if old.stdout.encode() != path.read_bytes():
                    findings.append(Finding(rp, 1, "rewrites-released-script",
                                            f"{rp} changed after @{tag} released {change.name}: "
                                            f"use `chaindb rework {change.name}` instead", "plan"))
    return findings


def squawk_findings(files: list[Path], top_dir: Path, *, in_transaction: bool = False) -> list[Finding]:
    if not files:
        return []
    config = Path(top_dir) / CONFIG_FILE
    argv = [squawk_binary(), "--reporter", "json"]
    if config.is_file():
        argv += ["--config", str(config)]
    if in_transaction:
        argv.append("--assume-in-transaction")
    proc = subprocess.run([*argv, *[str(f) for f in files]], capture_output=True, text=True,
                          cwd=top_dir)
    if proc.returncode not in (0, 1) and not proc.stdout.strip():
        raise LintError(f"squawk failed: {(proc.stderr.strip().splitlines() or ['no output'])[0]}")
    try:
        items = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        raise LintError(f"squawk output is not JSON: {proc.stdout[:200]!r}") from None
    out = []
    for item in items:
        path = item.get("file") or item.get("path") or "?"
        try:
            path = str(Path(path).resolve().relative_to(Path(top_dir).resolve()))
        except ValueError:
            pass
        line = int(item.get("line", 0)) + 1 if "line" in item else 1
        out.append(Finding(path, line, item.get("rule_name") or item.get("rule") or "squawk",
                           (item.get("message") or "").strip(), "squawk"))
    return out


def lint(plan, top_dir: Path, plan_file: Path, names: list[str] | None = None) -> list[Finding]:
    """Findings for the named changes (every change when none is named)."""
    if names:
        changes = []
        for name in names:
            found = [c for c in plan.changes if c.name == name or c.format_tag_qualified_name == name]
            if not found:
                raise LintError(f'unknown change "{name}"')
            changes.extend(c for c in found if c not in changes)
    else:
        changes = list(plan.changes)
    scripts: list[Path] = []
    includes: list[Path] = []
    for change in changes:
        deploy = change.script_path("deploy", top_dir)
        if deploy.is_file():
            if deploy.resolve() not in scripts:
                scripts.append(deploy.resolve())
            for path in included_files(deploy, top_dir):
                if path not in includes:
                    includes.append(path)
    includes = [p for p in includes if p not in scripts]
    found = (squawk_findings(scripts, top_dir)
             # included sources run inside the including script's transaction
             + squawk_findings(includes, top_dir, in_transaction=True)
             + plan_findings(plan, top_dir, plan_file, changes))
    unique: list[Finding] = []
    for f in found:
        if f not in unique and not _index_on_new_relation(f, top_dir):
            unique.append(f)
    return unique


_CREATE_INDEX = re.compile(r"CREATE\s+(?:UNIQUE\s+)?INDEX\b[^;]*?\bON\s+(?:ONLY\s+)?([\w.\"]+)", re.I | re.S)


def _index_on_new_relation(finding: Finding, top_dir: Path) -> bool:
    """require-concurrent-index-creation on a table or materialized view that the same file
    creates before the index: nobody can be writing to it yet (and CONCURRENTLY cannot run in
    the script's transaction).  Squawk knows this for tables, not for materialized views."""
    if finding.rule != "require-concurrent-index-creation":
        return False
    try:
        text = (Path(top_dir) / finding.path).read_text(encoding="utf-8")
    except OSError:
        return False
    lines = text.splitlines(keepends=True)
    before = "".join(lines[: finding.line - 1])
    m = _CREATE_INDEX.match("".join(lines[finding.line - 1:]).lstrip())
    if not m:
        return False
    name = re.escape(m.group(1).replace('"', ""))
    created = re.compile(rf"CREATE\s+(?:UNLOGGED\s+)?(?:MATERIALIZED\s+VIEW|TABLE)\s+"
                         rf"(?:IF\s+NOT\s+EXISTS\s+)?\"?{name}\"?[\s(]", re.I)
    path = (Path(top_dir) / finding.path).resolve()
    return bool(created.search(_strip_comments(_with_includes(before, path.parent))))


def _with_includes(text: str, base: Path, depth: int = 0) -> str:
    """``text`` with the files its \\ir lines include appended (what psql runs before)."""
    if depth > 8:
        return text
    out = [text]
    for m in _INCLUDE.finditer(text):
        child = (base / m.group(1).strip("'\"")).resolve()
        try:
            out.append(_with_includes(child.read_text(encoding="utf-8"), child.parent, depth + 1))
        except OSError:
            continue
    return "\n".join(out)


def as_json(findings: list[Finding]) -> list[dict]:
    return [asdict(f) for f in findings]
