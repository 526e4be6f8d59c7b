"""A throwaway PostgreSQL server for the tests, started from Debian's binaries.

initdb refuses to run as root, so as root the server runs as the `postgres` user
(created if missing) in a temp folder that user owns. It listens on 127.0.0.1 (the
only place pytest-socket lets tests connect) on a free port, with `trust` auth for
local connections only. If it cannot start, the test fails with the reason: nothing
is skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import itertools
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def find_binaries() -> tuple[str, str]:
    """initdb and pg_ctl: on PATH, else under /usr/lib/postgresql/<version>/bin."""
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb = shutil.which("initdb", path=folder) if folder else shutil.which("initdb")
        pg_ctl = shutil.which("pg_ctl", path=folder) if folder else shutil.which("pg_ctl")
        if initdb and pg_ctl:
            return initdb, pg_ctl
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or under /usr/lib/postgresql/*/bin; "
        "install Debian's `postgresql` package (.ci/system-deps does)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """initdb + pg_ctl start; `url(db)` names a database on it; `create_db()` a fresh one."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable  # False (tests): fsync off, for speed; True (bench): the defaults
        self.initdb, self.pg_ctl = find_binaries()
        self.as_user: list[str] = []
        self.root = Path(tempfile.mkdtemp(prefix="takeaways-pg-"))
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True,
                               capture_output=True)
                pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self._names = itertools.count(1)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120,
                              cwd=self.root)

    def start(self) -> "PgServer":
        done = self._run(self.initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--no-sync", "--locale=C.UTF-8")
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        done = self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                         "-t", "60", "start")
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        return self

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def create_db(self, prefix: str = "t") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
