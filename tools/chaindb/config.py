"""sqitch.conf (git-config syntax), targets, db:pg: URIs and environment, with Sqitch's
precedence (docs/sqitch-compat.md §4.2-4.3; sqitch-config(1), sqitch-target(1)).  Knows nothing of plans or databases.

The parser is a port of Config::GitLike (what Sqitch 1.3.1 uses, non-git-compatible mode):
sections and key names are case-insensitive, quoted subsections keep their case, a key
repeated in one file is multi-valued, and a key set in a higher-precedence file replaces
all values from lower ones.  One deliberate difference: trailing unquoted blanks of a value
are dropped (as git does; GitLike keeps one space there, which Sqitch then trims by hand).
"""

from __future__ import annotations

import os
import pwd
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, unquote_plus

from chaindb.errors import ChaindbError


class ConfigError(ChaindbError):
    """Malformed config file or URI, unknown target: a one-line message."""


@dataclass
class Target:
    name: str                     # target name, or the URI itself when given as a URI
    uri: str | None               # 'db:pg://...'; None = nothing configured (embedded cluster)
    registry: str = "sqitch"
    client: str | None = None
    top_dir: Path = Path(".")
    plan_file: Path = Path("sqitch.plan")
    deploy_dir: Path = Path("deploy")
    revert_dir: Path = Path("revert")
    verify_dir: Path = Path("verify")
    extension: str = "sql"
    variables: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- parsing

# The regexes of Config::GitLike::parse_content (non-compatible mode); matched at a
# position, so no \A.
_BLANKS = re.compile(r"\s*")
_COMMENT = re.compile(r"[#;].*?$", re.M)
_SECTION = re.compile(r'\[([^\s\[\]"]+)(?:[\t ]*"([^\n]*?)")?\]', re.M)
_KEY_ALONE = re.compile(r"([^\[=\n][^=\n]*?)[\t ]*(?:[#;].*)?$", re.M)
_KEY_EQUALS = re.compile(r"([^\[=\n][^=\n]*?)[\t ]*=[\t ]*", re.M)
_VALUE_END = re.compile(r"([ \t]*[#;].*?)?$", re.M)
_VALUE_BLANKS = re.compile(r"[\t \r]+")
_QUOTED = re.compile(r'"([^"\\]*(?:(?:\\\n|\\[tbn"\\])[^"\\]*)*)"')
_PLAIN = re.compile(r'[^\t \r\\\n"]+')
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "b": "\b"}
_QUOTED_ESCAPE = re.compile(r'\\(\n|[tbn"\\])')


def parse_config(text: str, filename: str = "sqitch.conf") -> list[tuple[str, str, str | None]]:
    """Parse git-config text into (section, key, value) entries in file order.

    ``section`` is 'core' or 'target.Name' (section lower-cased, subsection as written),
    ``key`` keeps its case (callers lower-case it for lookups), ``value`` is None for a
    valueless key (boolean true).  Raises ConfigError 'FILE:LINE: ...' on bad syntax."""
    entries: list[tuple[str, str, str | None]] = []
    section: str | None = None
    pos, end = 0, len(text)

    def fail(at: int, why: str) -> ConfigError:
        line = text.count("\n", 0, at) + 1
        bad = text[text.rfind("\n", 0, at) + 1:].split("\n", 1)[0].strip()
        return ConfigError(f"{filename}:{line}: {why}: {bad!r}")

    while True:
        pos = _BLANKS.match(text, pos).end()
        if pos >= end:
            return entries
        start = pos
        if m := _COMMENT.match(text, pos):
            pos = m.end()
        elif m := _SECTION.match(text, pos):
            section = m.group(1).lower()
            if m.group(2):
                subsection = m.group(2)
                if re.search(r'\\|"', subsection.replace("\\\\", "").replace('\\"', "")):
                    raise fail(start, "unescaped quote or backslash in subsection")
                section += "." + re.sub(r'\\([\\"])', r"\1", subsection)
            pos = m.end()
        elif m := _KEY_ALONE.match(text, pos):
            if section is None:
                raise fail(start, "key outside of any section")
            entries.append((section, m.group(1), None))
            pos = m.end()
        elif m := _KEY_EQUALS.match(text, pos):
            if section is None:
                raise fail(start, "key outside of any section")
            value, pos = _parse_value(text, m.end(), lambda why: fail(start, why))
            entries.append((section, m.group(1), value))
        else:
            raise fail(start, "syntax error")


def _parse_value(text: str, pos: int, fail) -> tuple[str, int]:
    """The value part of 'key = value' from ``pos``; returns (value, position after it)."""
    parts: list[str] = []
    pending_blank = False            # a run of blanks counts only if more value follows
    while True:
        if m := _VALUE_END.match(text, pos):
            return "".join(parts), m.end()
        if m := _VALUE_BLANKS.match(text, pos):
            pending_blank, pos = True, m.end()
            continue
        if text.startswith("\\\n", pos) or text.startswith("\\\r\n", pos):
            pos = text.index("\n", pos) + 1          # line continuation
            continue
        if pending_blank:
            parts.append(" ")
            pending_blank = False
        if text[pos] == "\\" and pos + 1 < len(text) and text[pos + 1] in _ESCAPES:
            parts.append(_ESCAPES[text[pos + 1]])
            pos += 2
        elif m := _QUOTED.match(text, pos):
            parts.append(_QUOTED_ESCAPE.sub(
                lambda e: "" if e.group(1) == "\n" else _ESCAPES[e.group(1)], m.group(1)))
            pos = m.end()
        elif m := _PLAIN.match(text, pos):
            parts.append(m.group(0))
            pos = m.end()
        elif text[pos] == '"':
            raise fail("unterminated or badly escaped quoted value")
        else:
            raise fail("bad escape in value")


def _split_key(key: str) -> tuple[str, str | None, str]:
    """'target.Golden.URI' -> ('target', 'Golden', 'URI'), like Config::GitLike."""
    first, _, rest = key.partition(".")
    if not rest:
        raise ConfigError(f'key "{key}" does not contain a section')
    sub, _, name = rest.rpartition(".")
    return first, (sub or None), name


def _normal_key(key: str) -> str:
    """Lookup form of a key: section and name lower-cased, subsection as written."""
    section, sub, name = _split_key(key)
    return ".".join(p for p in (section.lower(), sub, name.lower()) if p is not None)


def _normal_section(prefix: str) -> str:
    first, _, rest = prefix.partition(".")
    return first.lower() + ("." + rest if rest else "")


_TRUE = re.compile(r"(?:true|yes|on|-?0*1)", re.I)
_FALSE = re.compile(r"(?:false|no|off|0*)", re.I)


# --------------------------------------------------------------------------- Config

def config_files(directory: Path | str = ".") -> tuple[Path, Path, Path]:
    """(system, user, local) config paths in increasing precedence, honouring
    SQITCH_SYSTEM_CONFIG, SQITCH_USER_CONFIG and SQITCH_CONFIG."""
    system = Path(os.environ.get("SQITCH_SYSTEM_CONFIG") or "/etc/sqitch/sqitch.conf")
    user = Path(os.environ.get("SQITCH_USER_CONFIG")
                or Path(os.path.expanduser("~")) / ".sqitch" / "sqitch.conf")
    local = os.environ.get("SQITCH_CONFIG")
    local_path = Path(local) if local else Path("sqitch.conf")
    if not local_path.is_absolute():
        local_path = Path(directory) / local_path
    return system, user, local_path


@dataclass
class Config:
    """Merged configuration: local ./sqitch.conf > user ~/.sqitch/sqitch.conf > system."""

    values: dict[str, list[str | None]]  # 'section.subsection.key' (key lower-cased) -> values
    local_file: Path
    casing: dict[str, str] = field(default_factory=dict)  # lookup key -> key as first written
    directory: Path = Path(".")        # project directory (-C); relative paths start here

    @classmethod
    def load(cls, directory: Path | str = ".") -> "Config":
        """Read system, user and local files (missing ones are skipped); ``directory`` is
        where the local sqitch.conf and the project's relative paths are."""
        system, user, local = config_files(directory)
        return cls.from_files([system, user, local], local_file=local, directory=Path(directory))

    @classmethod
    def from_files(cls, files: list[Path], *, local_file: Path,
                   directory: Path = Path(".")) -> "Config":
        """Merge files given lowest precedence first; a key from a later file replaces
        every value the earlier files gave it."""
        values: dict[str, list[str | None]] = {}
        casing: dict[str, str] = {}
        for path in files:
            if not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read: {exc}") from None
            in_this_file: dict[str, list[str | None]] = {}
            for section, name, value in parse_config(text, str(path)):
                key = f"{section}.{name.lower()}"
                in_this_file.setdefault(key, []).append(value)
                casing.setdefault(key, f"{section}.{name}")
            values.update(in_this_file)
        return cls(values=values, local_file=local_file, casing=casing, directory=directory)

    def get(self, key: str, default: str | None = None) -> str | None:
        """Last value of a key: 'core.engine', 'target.golden_db.uri', 'engine.pg.target'.
        A valueless key (boolean true) or a missing one gives ``default``."""
        found = self.values.get(_normal_key(key))
        if not found or found[-1] is None:
            return default
        return found[-1]

    def get_all(self, key: str) -> list[str | None]:
        """Every value of a multi-valued key, in file order ([] when unset)."""
        return list(self.values.get(_normal_key(key), []))

    def get_bool(self, key: str, default: bool = False) -> bool:
        """A git-config boolean: valueless/true/yes/on/1 or false/no/off/0/empty."""
        found = self.values.get(_normal_key(key))
        if not found:
            return default
        value = found[-1]
        if value is None or _TRUE.fullmatch(value):
            return True
        if _FALSE.fullmatch(value):
            return False
        raise ConfigError(f'invalid boolean value for {key}: "{value}"')

    def section(self, prefix: str) -> dict[str, str]:
        """All keys directly under a prefix, e.g. section('deploy.variables'), with each
        key's name as first written and its last value."""
        stem = _normal_section(prefix) + "."
        result = {}
        for key, found in self.values.items():
            rest = key[len(stem):]
            if key.startswith(stem) and rest and "." not in rest:
                name = self.casing.get(key, key).rsplit(".", 1)[-1]
                result[name] = "true" if found[-1] is None else found[-1]
        return result

    def has_section(self, prefix: str) -> bool:
        stem = _normal_section(prefix) + "."
        return any(key.startswith(stem) for key in self.values)

    def target(self, name_or_uri: str | None = None, *, registry: str | None = None,
               plan_file: str | None = None, top_dir: str | None = None,
               command: str = "deploy", client: str | None = None,
               uri_parts: dict[str, str] | None = None) -> Target:
        """Resolve a target: argument > SQITCH_TARGET > core.target > engine.pg.target;
        per-key fallback target.<t>.<key> > engine.pg.<key> > core.<key>.  CLI overrides
        win.  Variables merge core.variables < deploy.variables < <command>.variables <
        engine.pg.variables < target.<t>.variables (caller adds --set)."""
        engine = (self.get("core.engine") or "pg").strip()
        if engine not in ("pg", "postgres", "postgresql", "pgsql", "pgxc"):
            raise ConfigError(f'unsupported engine "{engine}": chaindb only deploys to pg')
        chosen = (name_or_uri or os.environ.get("SQITCH_TARGET") or self.get("core.target")
                  or self.get("engine.pg.target"))
        if not chosen:
            name, uri = "db:pg:", None
        elif ":" in chosen:
            connect_kwargs(chosen)                       # validate
            name, uri = display_uri(chosen), chosen
        else:
            name, uri = chosen, self.get(f"target.{chosen}.uri")
            if not uri:
                if not self.has_section(f"target.{chosen}"):
                    raise ConfigError(f'Cannot find target "{chosen}"')
                raise ConfigError(f'No URI associated with target "{chosen}"')
            connect_kwargs(uri)

        if uri_parts and uri is None:
            uri = "db:pg:"                  # Sqitch's default target, then the parts
        if uri_parts:
            # Sqitch's --db-user/--db-host/--db-port/--db-name: the URI's parts replaced;
            # a target given as a URI is then named by the new URI
            uri = with_parts(uri, **uri_parts)
            if ":" in name:
                name = display_uri(uri)

        def fetch(key: str) -> str | None:
            return (self.get(f"target.{name}.{key}") or self.get(f"engine.pg.{key}")
                    or self.get(f"core.{key}"))

        top = Path(top_dir) if top_dir else Path(fetch("top_dir") or ".")

        def project_path(configured: str | None, default: Path) -> Path:
            path = Path(configured) if configured else default
            return path if path.is_absolute() else Path(os.path.normpath(self.directory / path))

        variables = self.variables(command, name)
        return Target(
            name=name,
            uri=uri,
            registry=registry or fetch("registry") or "sqitch",
            client=client or fetch("client"),
            top_dir=project_path(None, top),
            plan_file=project_path(plan_file or (None if top_dir else fetch("plan_file")),
                                   top / "sqitch.plan"),
            deploy_dir=project_path(None if top_dir else fetch("deploy_dir"), top / "deploy"),
            revert_dir=project_path(None if top_dir else fetch("revert_dir"), top / "revert"),
            verify_dir=project_path(None if top_dir else fetch("verify_dir"), top / "verify"),
            extension=fetch("extension") or "sql",
            variables=variables,
        )

    def variables(self, command: str, target_name: str) -> dict[str, str]:
        """The script variables a command's config gives (Sqitch's _collect_vars):
        core.variables < deploy.variables < <command>.variables < engine.pg.variables <
        target.<t>.variables.  rebase and checkout have no section of their own: their
        revert phase reads revert.variables, their deploy phase deploy.variables only."""
        variables: dict[str, str] = {}
        sections = ["core.variables", "deploy.variables"]
        if command not in ("deploy", "rebase", "checkout"):
            sections.append(f"{command}.variables")
        for section in (*sections, "engine.pg.variables", f"target.{target_name}.variables"):
            variables.update(self.section(section))
        return variables

    def user_name(self) -> str:
        """SQITCH_FULLNAME > user.name > SQITCH_ORIG_FULLNAME > passwd gecos/system user."""
        name = (os.environ.get("SQITCH_FULLNAME") or self.get("user.name")
                or os.environ.get("SQITCH_ORIG_FULLNAME"))
        if name:
            return name
        sysuser = _sysuser()
        try:
            return pwd.getpwnam(sysuser).pw_gecos or sysuser   # whole gecos, as Sqitch does
        except KeyError:
            return sysuser

    def user_email(self) -> str:
        """SQITCH_EMAIL > user.email > SQITCH_ORIG_EMAIL > sysuser@hostname."""
        return (os.environ.get("SQITCH_EMAIL") or self.get("user.email")
                or os.environ.get("SQITCH_ORIG_EMAIL")
                or f"{_sysuser()}@{socket.gethostname()}")


def _sysuser() -> str:
    """SQITCH_ORIG_SYSUSER, else the login name of the current uid."""
    if name := os.environ.get("SQITCH_ORIG_SYSUSER"):
        return name
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        raise ConfigError('Cannot find your name; run sqitch config --user user.name '
                          '"YOUR NAME"') from None


# --------------------------------------------------------------------------- URIs

_PG_ENGINES = ("pg", "postgres", "postgresql", "pgsql", "pgxc")


@dataclass
class _DbUri:
    user: str | None = None
    password: str | None = None
    host: str | None = None
    port: str | None = None
    dbname: str | None = None
    params: list[tuple[str, str]] = field(default_factory=list)


def _parse_db_uri(uri: str) -> _DbUri:
    """Split a db:pg: URI the way URI::db does; ConfigError for anything else.  A libpq
    URI (postgresql://…, postgres://…, what `chaindb cluster url` prints) is taken as the
    db:pg: URI with the same parts."""
    libpq = re.fullmatch(r"postgres(?:ql)?:(//.*)", uri, re.S | re.I)
    if libpq:
        uri = "db:pg:" + libpq.group(1)
    m = re.fullmatch(r"db:([A-Za-z][A-Za-z0-9+.-]*):(.*)", uri, re.S)
    if not m:
        raise ConfigError(f'invalid database URI "{uri}": must start with "db:pg:" (or '
                          'postgresql://)')
    engine, rest = m.group(1).lower(), m.group(2)
    if engine not in _PG_ENGINES:
        raise ConfigError(f'unsupported engine "{engine}" in URI "{uri}": chaindb only '
                          'deploys to pg')
    rest = rest.split("#", 1)[0]
    rest, _, query = rest.partition("?")
    parsed = _DbUri()
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        userinfo, at, hostport = authority.rpartition("@")
        if at:
            user, colon, password = userinfo.partition(":")
            parsed.user = unquote(user) or None
            parsed.password = unquote(password) if colon else None
        if hostport.startswith("["):
            host, bracket, port_part = hostport[1:].partition("]")
            if not bracket or (port_part and not port_part.startswith(":")):
                raise ConfigError(f'invalid host in URI "{uri}"')
            port = port_part[1:]
        else:
            host, _, port = hostport.partition(":")
        parsed.host = unquote(host) or None
        if port and not port.isdigit():
            raise ConfigError(f'invalid port "{port}" in URI "{uri}"')
        parsed.port = port or None
        parsed.dbname = unquote(path) or None if slash else None
    else:
        parsed.dbname = unquote(rest) or None
    for pair in re.split(r"[&;]", query) if query else []:
        if not pair:
            continue
        key, _, value = pair.partition("=")
        parsed.params.append((unquote_plus(key), unquote_plus(value)))
    return parsed


def connect_kwargs(uri: str) -> dict[str, str]:
    """libpq keyword arguments for psycopg.connect() from a db:pg: URI (aliases
    db:postgres: db:postgresql: db:pgsql:), with SQITCH_USERNAME / SQITCH_PASSWORD applied;
    what the URI leaves out is left to libpq's PG* variables.  ConfigError when malformed.

    As in Sqitch, SQITCH_USERNAME and SQITCH_PASSWORD take precedence over the URI's user
    and password (sqitch-environment(3))."""
    parsed = _parse_db_uri(uri)
    kwargs: dict[str, str] = {}
    user = os.environ.get("SQITCH_USERNAME") or parsed.user
    password = os.environ.get("SQITCH_PASSWORD") or parsed.password
    for key, value in (("host", parsed.host), ("port", parsed.port), ("user", user),
                       ("password", password), ("dbname", parsed.dbname)):
        if value:
            kwargs[key] = value
    for key, value in parsed.params:
        if value:
            kwargs[key] = value
    return kwargs


def destination(name: str, uri: str) -> str:
    """How Sqitch's pg engine names a target in messages (Engine/pg.pm ``destination``):
    the target name, or -- for a target given as a URI without database name, such as the
    default ``db:pg:`` -- the URI without password and with the database libpq will use:
    PGDATABASE, else the user (SQITCH_USERNAME, the URI's), else PGUSER, else the system user."""
    if ":" not in name:
        return name
    parsed = _parse_db_uri(uri)
    if parsed.dbname:
        return name
    dbname = (os.environ.get("PGDATABASE") or os.environ.get("SQITCH_USERNAME") or parsed.user
              or os.environ.get("PGUSER") or _sysuser())
    return display_uri(with_dbname(uri, dbname))


def display_uri(uri: str) -> str:
    """The URI as Sqitch shows it: password removed ('db:pg://postgres:@host/db')."""
    if _parse_db_uri(uri).password is None:
        return uri
    return re.sub(r"^(db:[^:]+://[^:@/?#]*:)[^@/?#]*@", r"\1@", uri)


def with_dbname(uri: str, dbname: str) -> str:
    """The same db:pg: URI naming another database on the same server (user, password,
    host, port and query parameters kept)."""
    return with_parts(uri, dbname=dbname)


def with_parts(uri: str, *, user: str | None = None, host: str | None = None,
               port: str | int | None = None, dbname: str | None = None) -> str:
    """The db:pg: URI with the given parts replaced (the others, password and query
    parameters kept), as URI::db's setters do."""
    from urllib.parse import quote, urlencode

    parsed = _parse_db_uri(uri)
    parsed.user = user if user is not None else parsed.user
    parsed.host = host if host is not None else parsed.host
    parsed.port = str(port) if port is not None else parsed.port
    parsed.dbname = dbname if dbname is not None else parsed.dbname
    dbname = parsed.dbname or ""
    query = f"?{urlencode(parsed.params)}" if parsed.params else ""
    if parsed.host is None and parsed.port is None and parsed.user is None:
        return f"db:pg:{quote(dbname, safe='')}{query}"
    userinfo = ""
    if parsed.user is not None or parsed.password is not None:
        userinfo = quote(parsed.user or "", safe="")
        if parsed.password is not None:
            userinfo += ":" + quote(parsed.password, safe="")
        userinfo += "@"
    host = parsed.host or ""
    host = f"[{host}]" if ":" in host else quote(host, safe="")
    port = f":{parsed.port}" if parsed.port else ""
    return f"db:pg://{userinfo}{host}{port}/{quote(dbname, safe='')}{query}"
