"""The embedded default: a private PostgreSQL 15 cluster under ``<project>/.chaindb/``.

With no target configured or given, chaindb deploys here.  The cluster listens on
127.0.0.1 at a free port (remembered in ``.chaindb/port``) and on a private socket
directory, with trust authentication for the local ``postgres`` superuser: it is a
developer's sandbox, never a server.

PostgreSQL refuses to run as root.  When chaindb runs as root (as CI does) every
initdb/pg_ctl call goes through ``runuser -u postgres``, the data directory is owned by
``postgres``, and the ancestors of ``.chaindb`` get ``o+x`` so that user can reach it.
``pg_ctl_main`` (console script ``chaindb-pg-ctl``) is the same mechanism as a drop-in
``pg_ctl`` for pytest-postgresql.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from chaindb.errors import ChaindbError

SERVER_USER = "postgres"
DATABASE = "chaindb"
MAJOR = "15"


class ClusterError(ChaindbError):
    """The embedded cluster could not be created, started or stopped."""


def bin_dir() -> Path:
    """Where PostgreSQL 15's server binaries live (Debian layout first, then pg_config)."""
    debian = Path(f"/usr/lib/postgresql/{MAJOR}/bin")
    if (debian / "pg_ctl").exists():
        return debian
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if out.returncode == 0 and (Path(out.stdout.strip()) / "pg_ctl").exists():
            return Path(out.stdout.strip())
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise ClusterError("PostgreSQL server binaries not found (install postgresql-15)")


def running_as_root() -> bool:
    return os.geteuid() == 0


def as_server_user(argv: list[str]) -> list[str]:
    """Prefix argv so it runs as the postgres user when we are root."""
    if running_as_root():
        return ["runuser", "-u", SERVER_USER, "--", *argv]
    return argv


def hand_to_server_user(path: Path) -> None:
    """As root: make ``path`` (created if needed) owned by postgres and reachable by it.

    The ancestors get o+x (search only, not read) because pytest and git create
    directories with mode 0700; without it the server cannot reach its data directory.
    """
    path.mkdir(parents=True, exist_ok=True)
    if not running_as_root():
        return
    pw = pwd.getpwnam(SERVER_USER)
    os.chown(path, pw.pw_uid, pw.pw_gid)
    for ancestor in path.resolve().parents:
        mode = ancestor.stat().st_mode
        if not mode & 0o001:
            os.chmod(ancestor, mode | 0o001)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    """The cluster under ``root`` (normally ``<project>/.chaindb``)."""

    root: Path

    def __post_init__(self) -> None:
        # the server runs in its data directory: every path it is given must be absolute
        self.root = Path(self.root).resolve()

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def log_file(self) -> Path:
        return self.socket_dir / "postgresql.log"

    @property
    def port_file(self) -> Path:
        return self.root / "port"

    @property
    def port(self) -> int | None:
        try:
            return int(self.port_file.read_text().strip())
        except (OSError, ValueError):
            return None

    @property
    def initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def url(self, dbname: str = DATABASE) -> str:
        """The Sqitch target URI of a database in this cluster."""
        if self.port is None:
            raise ClusterError(f"no embedded cluster under {self.root} (run: chaindb cluster start)")
        return f"db:pg://{SERVER_USER}@127.0.0.1:{self.port}/{dbname}"

    def libpq_url(self, dbname: str = DATABASE) -> str:
        """The postgresql:// URI of a database in this cluster (psql, libpq, psycopg)."""
        if self.port is None:
            raise ClusterError(f"no embedded cluster under {self.root} (run: chaindb cluster start)")
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{dbname}"

    def _pg(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        argv = as_server_user([str(bin_dir() / tool), *args])
        proc = subprocess.run(argv, capture_output=True, text=True,
                              env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        if check and proc.returncode != 0:
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise ClusterError(f"{tool} failed: {detail[-1] if detail else proc.returncode}")
        return proc

    def init(self) -> None:
        if self.initialized:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        hand_to_server_user(self.data_dir)
        self._pg("initdb", "-D", str(self.data_dir), "-U", SERVER_USER, "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.port_file.write_text(f"{free_port()}\n")

    def is_running(self) -> bool:
        if not self.initialized:
            return False
        return self._pg("pg_ctl", "status", "-D", str(self.data_dir), check=False).returncode == 0

    def start(self) -> None:
        """Create (once) and start the cluster, then make sure the database exists."""
        self.init()
        if not self.is_running():
            hand_to_server_user(self.socket_dir)
            if self.port is None or not _port_is_free(self.port):
                self.port_file.write_text(f"{free_port()}\n")
            # pg_cron runs the maintenance jobs (change maint/schedule) from the chaindb database,
            # in background workers (no libpq connection, so no password or pg_hba entry needed)
            options = (f"-p {self.port} -c listen_addresses=127.0.0.1 "
                       f"-c unix_socket_directories={self.socket_dir} -c fsync=off "
                       f"-c shared_preload_libraries=pg_stat_statements,pg_cron "
                       f"-c cron.database_name={DATABASE} -c cron.use_background_workers=on")
            self._pg("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data_dir),
                     "-l", str(self.log_file), "-o", options)
        self.create_database(DATABASE)

    def stop(self) -> None:
        if self.is_running():
            self._pg("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data_dir))

    def create_database(self, dbname: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SERVER_USER,
                             dbname="postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (dbname,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{dbname}"')

    def status(self) -> dict:
        return {
            "root": str(self.root),
            "initialized": self.initialized,
            "running": self.is_running(),
            "port": self.port,
            "url": self.libpq_url() if self.port is not None else None,
            "target": self.url() if self.port is not None else None,
        }


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def pg_ctl_main(argv: list[str] | None = None) -> int:
    """``chaindb-pg-ctl``: pg_ctl that works as root (for pytest-postgresql's executable=).

    Hands the directories named by -D/--pgdata and -l/--log (and their parents) to the
    postgres user, then runs the real pg_ctl as that user with the same arguments.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        value = None
        if arg in ("-D", "--pgdata", "-l", "--log") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--pgdata=") or arg.startswith("--log="):
            value = arg.split("=", 1)[1]
        if value:
            target = Path(value)
            hand_to_server_user(target.parent)
            if arg in ("-D", "--pgdata") or arg.startswith("--pgdata="):
                hand_to_server_user(target)
    return subprocess.call(as_server_user([str(bin_dir() / "pg_ctl"), *args]))
