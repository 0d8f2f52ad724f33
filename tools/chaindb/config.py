"""sqitch.conf (git-config syntax), targets, db:pg: URIs and environment, with Sqitch's
precedence (../shared/reference/sqitch.md §4.2-4.3).  Knows nothing of plans or databases.

CONTRACT (stub by the lead; the config owner fills it in and keeps these names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Config:
    """Merged configuration: local ./sqitch.conf > user ~/.sqitch/sqitch.conf > system."""

    values: dict[str, list[str]]  # 'section.subsection.key' (key lower-cased) -> values
    local_file: Path

    @classmethod
    def load(cls, directory: Path | str = ".") -> "Config":
        raise NotImplementedError

    def get(self, key: str, default: str | None = None) -> str | None:
        """Last value of a key: 'core.engine', 'target.golden_db.uri', 'engine.pg.target'."""
        raise NotImplementedError

    def get_bool(self, key: str, default: bool = False) -> bool:
        raise NotImplementedError

    def section(self, prefix: str) -> dict[str, str]:
        """All keys under a prefix, e.g. section('deploy.variables')."""
        raise NotImplementedError

    def target(self, name_or_uri: str | None = None, *, registry: str | None = None,
               plan_file: str | None = None, top_dir: str | None = None) -> Target:
        """Resolve a target: argument > SQITCH_TARGET > core.target > engine.pg.target;
        per-key fallback target.<t>.<key> > engine.pg.<key> > core.<key>.  CLI overrides
        win.  Variables merge core.variables < deploy/engine/target variables (caller adds
        --set)."""
        raise NotImplementedError

    def user_name(self) -> str:
        """SQITCH_FULLNAME > user.name > SQITCH_ORIG_FULLNAME > passwd gecos/system user."""
        raise NotImplementedError

    def user_email(self) -> str:
        """SQITCH_EMAIL > user.email > SQITCH_ORIG_EMAIL > sysuser@hostname."""
        raise NotImplementedError


def connect_kwargs(uri: str) -> dict[str, str]:
    """libpq keyword arguments for psycopg.connect() from a db:pg: URI (aliases
    db:postgres: db:postgresql: db:pgsql:), with SQITCH_USERNAME / SQITCH_PASSWORD applied;
    what the URI leaves out is left to libpq's PG* variables.  ConfigError when malformed."""
    raise NotImplementedError


def display_uri(uri: str) -> str:
    """The URI as Sqitch shows it: password removed ('db:pg://postgres:@host/db')."""
    raise NotImplementedError
