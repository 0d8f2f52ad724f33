"""`chaindb add`: a new change in the plan and its files, from templates, as `sqitch add`.

Templates are found as Sqitch finds them: ``add.templates.<script>`` (or ``--use
script=FILE``) first, then ``<dir>/<script>/<name>.tmpl`` in --template-directory (or
``add.template_directory``), ``~/.sqitch/templates``, Sqitch's system directory
(``/etc/sqitch/templates``) and chaindb's copy of Sqitch's own pg templates; ``<name>`` is
--template (or ``add.template_name``), default ``pg``.  Every script kind found is written
(deploy, revert, verify must exist); --with/--without add or drop kinds.  Templates are
Template Toolkit text (chaindb.tt) with Sqitch's variables (project, change, engine,
requires, conflicts, ``add.variables``, --set; a name set twice is a list) and, where
sqitch.conf sets ``chaindb.template_variables`` (this project does), chaindb's: schema,
name, object (``schema.name`` from ``schema/name``) and up (``../`` to the top from a
script).  A template written for the whole Template Toolkit is rendered by Perl's, as
Sqitch renders it (chaindb.tt.render_like_sqitch).

A kind's files go to ``<kind>/<change>.sql`` as in Sqitch, except chaindb's ``functions``,
``views`` (the object's source) and ``pgtap`` (``test/pgtap/<change>.sql``).  This
project's templates are in templates/ (sqitch.conf sets add.template_directory):
``pg`` (a table), ``schema``, ``function`` and ``view``.

Nothing is half-written: every file goes to a temporary file first, then all are renamed
into place and the plan is replaced last; on any failure what was written is removed and
the error is one line.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from chaindb.commands.base import SQITCH, UsageError, command, context, info, option, options
from chaindb.commands.sqitch_plan import (change_options, name_argument, note_text,
                                          plan_positionals)
from chaindb.errors import ChaindbError

REQUIRED = ("deploy", "revert", "verify")
KIND_DIRS = {"functions": "functions", "views": "views", "pgtap": "test/pgtap"}
BUILTIN = Path(__file__).resolve().parent.parent / "templates" / "sqitch"


def set_variables(pairs: list[str] | None) -> dict[str, object]:
    """`add -s NAME=VALUE`: a name given more than once becomes a list of its values, as
    Sqitch's add gives its templates (``-s column=a -s column=b`` -> [a, b])."""
    result: dict[str, object] = {}
    for pair in pairs or []:
        key, eq, value = pair.partition("=")
        if not eq or not key:
            raise UsageError(f'bad --set "{pair}": expected name=value')
        if key in result:
            known = result[key]
            result[key] = [*known, value] if isinstance(known, list) else [known, value]
        else:
            result[key] = value
    return result


def _kind(text: str) -> str:
    if not text or "/" in text or text in (".", ".."):
        raise UsageError(f'invalid script kind "{text}"')
    return text


def _use(text: str) -> tuple[str, str]:
    kind, eq, path = text.partition("=")
    if not eq or not kind or not path:
        raise UsageError(f'bad --use "{text}": expected script=FILE')
    return _kind(kind), path


@command("add", "Add a new change to the plan", group=SQITCH, conflict_handler="resolve")
@options(
    change_options,
    option("-t", "--template", "--template-name", dest="template_name", metavar="NAME",
           help="use the templates <dir>/<script>/NAME.tmpl (default: add.template_name, "
                "else pg)"),
    option("--template-directory", metavar="DIR",
           help="look for templates in DIR first (default: add.template_directory)"),
    option("--with", dest="with_scripts", action="append", type=_kind, metavar="SCRIPT",
           help="also write the SCRIPT kind (repeatable)"),
    option("--without", dest="without_scripts", action="append", type=_kind,
           metavar="SCRIPT", help="do not write the SCRIPT kind, e.g. verify (repeatable)"),
    option("--use", action="append", type=_use, metavar="SCRIPT=FILE",
           help="the template file for one SCRIPT kind (repeatable)"),
    option("-s", "--set", action="append", metavar="NAME=VALUE",
           help="a template variable (repeatable; adds to add.variables)"),
    option("-a", "--all", action="store_true",
           help="accepted for Sqitch compatibility (one plan here)"),
)
def cmd_add(args) -> int:
    from chaindb import tt

    target, rest = plan_positionals(args, 1)
    name = name_argument(args.change_name, rest[0] if rest else None, "change")
    ctx = context(args, target)
    ctx.require_project()
    config = ctx.config
    with_scripts = {kind: True for kind in REQUIRED}
    with_scripts.update({k: True for k in args.with_scripts or []})
    with_scripts.update({k: False for k in args.without_scripts or []})
    templates = _find_templates(ctx, args, with_scripts)
    plan = ctx.plan
    person_name, person_email = ctx.planner()
    change = plan.add_change(name, requires=args.requires or [],
                             conflicts=args.conflicts or [], note=note_text(args.note),
                             planner_name=person_name, planner_email=person_email)
    segments = change.name.split("/")
    schema = segments[0] if len(segments) > 1 else "public"
    # chaindb's own variables only where sqitch.conf asks for them (this project): a
    # Sqitch project's templates get exactly Sqitch's (a `schema` of chaindb's would
    # change what `[% IF schema %]` renders); the user's -s / add.variables win over them
    ours = ({"schema": schema, "name": segments[-1], "object": f"{schema}.{segments[-1]}",
             "up": "../" * len(segments)}
            if config.get_bool("chaindb.template_variables") else {})
    context_vars = {
        **ours, **config.section("add.variables"), **set_variables(args.set),
        # Sqitch's own keys win over the user's; the dependencies exactly as given on the
        # command line (`-x p:y` stays `p:y` in the script header while the plan says `!y`).
        "change": change.name, "engine": "pg", "project": plan.project,
        "requires": list(args.requires or []), "conflicts": list(args.conflicts or []),
    }
    files: list[tuple[Path, str | None]] = []       # text None: exists already, skipped
    for kind in sorted(templates):
        if not with_scripts.get(kind, True):
            continue
        path = _script_path(ctx, kind, change.name)
        if path.exists():
            files.append((path, None))
            continue
        text = _read_template(templates[kind])
        files.append((path, tt.render_like_sqitch(text, context_vars,
                                                  name=str(templates[kind]))))
    _write_atomically([(p, t) for p, t in files if t is not None], Path(plan.path),
                      plan.as_text())
    for path, text in files:
        shown = os.path.relpath(path)
        info(f"Skipped {shown}: already exists" if text is None else f"Created {shown}")
    deps = " ".join(d.as_plan_string() for d in change.requires + change.conflicts)
    info(f'Added "{change.name}{f" [{deps}]" if deps else ""}" to {os.path.relpath(plan.path)}')
    return 0


def _script_path(ctx, kind: str, name: str) -> Path:
    target = ctx.target
    ext = f".{target.extension}"
    base = {"deploy": Path(target.deploy_dir), "revert": Path(target.revert_dir),
            "verify": Path(target.verify_dir)}.get(kind)
    if base is None:
        base = Path(target.top_dir) / KIND_DIRS.get(kind, kind)
    return base / f"{name}{ext}"


def _template_file(path: str) -> Path:
    file = Path(path)
    if not file.exists():
        raise ChaindbError(f"Template {path} does not exist")
    if not file.is_file():
        raise ChaindbError(f"Template {path} is not a file")
    return file


def _find_templates(ctx, args, with_scripts: dict[str, bool]) -> dict[str, Path]:
    config = ctx.config
    found = {kind: _template_file(path)
             for kind, path in config.section("add.templates").items()}
    found.update({kind: _template_file(path) for kind, path in args.use or []})
    directory = args.template_directory or config.get("add.template_directory")
    dirs: list[Path] = []
    if directory:
        given = Path(directory)
        if not given.is_absolute() and args.template_directory is None:
            given = Path(config.directory) / given        # relative to the project
        if not given.exists():
            raise ChaindbError(f'Directory "{directory}" does not exist')
        if not given.is_dir():
            raise ChaindbError(f'"{directory}" is not a directory')
        dirs.append(given)
    dirs += [Path.home() / ".sqitch" / "templates", Path("/etc/sqitch/templates"), BUILTIN]
    name = args.template_name or config.get("add.template_name") or "pg"
    for directory in dirs:
        try:
            subdirs = sorted(d for d in directory.iterdir() if d.is_dir())
        except OSError:
            continue
        for subdir in subdirs:
            if subdir.name not in found and (subdir / f"{name}.tmpl").is_file():
                found[subdir.name] = subdir / f"{name}.tmpl"
    for kind, wanted in with_scripts.items():
        if wanted and kind not in found:
            raise ChaindbError(f"Cannot find {kind} template")      # Sqitch's words
    return found


def _read_template(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ChaindbError(f"Cannot open {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ChaindbError(f"Cannot read template {path}: invalid UTF-8 at byte "
                           f"{exc.start}") from None


def _write_atomically(files: list[tuple[Path, str]], plan_path: Path, plan_text: str) -> None:
    """Write every file and then the plan, or nothing at all."""
    umask = os.umask(0)
    os.umask(umask)
    made_dirs: list[Path] = []
    temps: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    plan_tmp: Path | None = None

    def temp_beside(path: Path, data: bytes, mode: int) -> Path:
        try:
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path.parent)) from None
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(name, mode)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)

    try:
        if plan_path.exists() and not os.access(plan_path, os.W_OK):
            raise PermissionError(13, "Permission denied", str(plan_path))
        for path, text in files:
            missing = []
            parent = path.parent
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            for directory in reversed(missing):
                directory.mkdir()
                made_dirs.append(directory)
            temps.append((temp_beside(path, text.encode("utf-8"), 0o666 & ~umask), path))
        plan_mode = stat.S_IMODE(plan_path.stat().st_mode) if plan_path.exists() \
            else 0o666 & ~umask
        plan_tmp = temp_beside(plan_path, plan_text.encode("utf-8"), plan_mode)
        for tmp, path in temps:
            if path.exists():
                raise FileExistsError(17, "File exists", str(path))
            os.rename(tmp, path)
            placed.append(path)
        os.replace(plan_tmp, plan_path)             # the plan line last
        plan_tmp = None
    except BaseException as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        for path in placed:
            path.unlink(missing_ok=True)
        if plan_tmp is not None:
            plan_tmp.unlink(missing_ok=True)
        for directory in reversed(made_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):
            where = exc.filename or plan_path
            where = os.path.relpath(where) if os.path.isabs(str(where)) else where
            raise ChaindbError(f"cannot write {where}: {exc.strerror or exc}; nothing was "
                               "added") from None
        raise
