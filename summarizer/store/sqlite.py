"""SQLite backend: the embedded default, one file, no server.

WAL mode and a busy timeout let a batch run write while an editor reviews; every
write is one `BEGIN IMMEDIATE` transaction, so a killed process loses nothing
committed. `PRAGMA user_version` counts the migrations that have run. Live updates
poll `PRAGMA data_version` on a connection of the watcher's own: it changes when any
other connection commits.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from summarizer.errors import InputError
from summarizer.store.base import Store, Watcher
from summarizer.store.schema import SQLITE as MIGRATIONS

POLL_SECONDS = 0.25


class SQLiteStore(Store):
    """A connection to one store file, migrated to the latest schema on open."""

    backend = "sqlite"
    Error = sqlite3.DatabaseError  # what a refused statement raises (e.g. the append-only guard)

    def __init__(self, path: str | Path) -> None:
        self.target = str(path)
        try:
            self.conn = sqlite3.connect(self.target, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if self.target != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.target}: not a takeaways store ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise InputError(
                f"{self.target}: store schema v{version} is newer than this takeaways "
                f"(v{len(MIGRATIONS)}); upgrade takeaways"
            )
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    def watch(self, on_change: Callable[[str | None], None]) -> Watcher:
        return DataVersionWatcher(self.target, on_change).start()


class DataVersionWatcher(Watcher):
    """Polls `PRAGMA data_version` every POLL_SECONDS on its own connection."""

    def __init__(self, path: str, on_change: Callable[[str | None], None], interval: float = POLL_SECONDS) -> None:
        super().__init__(on_change)
        self.path = path
        self.interval = interval

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            last = conn.execute("PRAGMA data_version").fetchone()[0]
            self.ready.set()
            while not self._stop.wait(self.interval):
                try:
                    now = conn.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.Error:
                    continue  # busy or briefly locked: try again next tick
                if now != last:
                    last = now
                    self.on_change(None)
        finally:
            conn.close()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out
