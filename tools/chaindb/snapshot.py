"""Freezing the sources a reworked change includes (the layout: README.md, "Layout").

A deploy script that creates a function includes its source: ``\\ir
../../functions/x/y.sql``.  When the change is reworked, the old instance's scripts
(``deploy/X@TAG.sql`` …) must keep meaning what they meant, so the sources they include
from ``functions/ views/ roles/`` are copied to ``y@TAG.sql`` and the include lines of the
old scripts point at the copies.

That rewrite changes the old deploy script's bytes, and so its SHA-1, after it was
deployed and recorded.  ``thawed_bytes`` undoes the rewrite, so drift detection can tell
a frozen script (same meaning) from an edited one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SNAPSHOT_DIRS = ("functions", "views", "roles")
_INCLUDE = re.compile(r"^(\s*\\(?:ir|i|include|include_relative)\s+)(['\"]?)([^'\"\s]+)\2(.*)$",
                      re.M)


def snapshot_includes(script: Path, top_dir: Path, tag: str) -> list[tuple[Path, Path]]:
    """In a reworked ``X@TAG`` script, freeze what it includes from functions/, views/ or
    roles/: copy ``functions/x/y.sql`` to ``functions/x/y@TAG.sql`` (once) and point the
    include line at the copy.  Returns the (source, frozen copy) pairs it used."""
    text = script.read_text(encoding="utf-8")
    top = top_dir.resolve()
    copies: list[tuple[Path, Path]] = []

    def replace(m: re.Match) -> str:
        meta, quote, ref, rest = m.group(1), m.group(2), m.group(3), m.group(4)
        relative_to = script.parent if meta.strip() in ("\\ir", "\\include_relative") else top
        source = (relative_to / ref).resolve()
        try:
            inside = source.relative_to(top)
        except ValueError:
            return m.group(0)
        if inside.parts[0] not in SNAPSHOT_DIRS or not source.is_file() or "@" in source.stem:
            return m.group(0)
        frozen = source.with_name(f"{source.stem}@{tag}{source.suffix}")
        if not frozen.exists():
            shutil.copyfile(source, frozen)
        copies.append((source, frozen))
        new_ref = str(Path(ref).with_name(frozen.name))
        return f"{meta}{quote}{new_ref}{quote}{rest}"

    new_text = _INCLUDE.sub(replace, text)
    if new_text != text:
        script.write_text(new_text, encoding="utf-8")
    return copies


def thawed_bytes(script: Path, tag: str) -> bytes | None:
    """The script as it was before ``snapshot_includes`` froze it for ``tag``: include
    lines pointing at ``y@TAG.sql`` point at ``y.sql`` again.  None when nothing was frozen
    (or the script does not exist)."""
    try:
        text = script.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    suffix = f"@{tag}"

    def thaw(m: re.Match) -> str:
        meta, quote, ref, rest = m.group(1), m.group(2), m.group(3), m.group(4)
        path = Path(ref)
        if not path.stem.endswith(suffix):
            return m.group(0)
        thawed = str(path.with_name(path.stem[: -len(suffix)] + path.suffix))
        return f"{meta}{quote}{thawed}{quote}{rest}"

    thawed = _INCLUDE.sub(thaw, text)
    return thawed.encode("utf-8") if thawed != text else None
