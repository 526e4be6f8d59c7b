"""Judge answers, remembered so a repeat run asks nothing.

Key: sha256 over (claim, evidence window, model, protocol, prompt sha): the same
question to the same judge gets the same answer, and any change (an edited bullet,
another window, another prompt) asks again. Answers live in
`$XDG_CACHE_HOME/takeaways/judge/` (default `~/.cache/takeaways/judge/`), one JSON
file per key, written atomically; and, when a store is used, in its `judge_cache`
table (a SQLite file or the desk's PostgreSQL database), so the answers travel with
the store and one editor's answers serve every editor of a desk. Only answers are
cached, never failures.

The table is created here with IF NOT EXISTS rather than as a store migration: it is
a cache, safe to drop, and not part of the reviewed data.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from summarizer.fileio import atomic_write


def cache_key(claim: str, window: str, model: str, protocol: str, prompt_sha: str) -> str:
    blob = json.dumps([claim, window, model, protocol, prompt_sha], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "takeaways" / "judge"


class _SqliteTable:
    """The cache table in a SQLite store file: one short connection per access."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        if not self._ready:
            conn.execute("CREATE TABLE IF NOT EXISTS judge_cache (key TEXT PRIMARY KEY, answer TEXT NOT NULL)")
            self._ready = True
        return conn

    def get(self, key: str) -> str | None:
        try:
            conn = self._connect()
            try:
                row = conn.execute("SELECT answer FROM judge_cache WHERE key = ?", (key,)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put(self, key: str, answer: str) -> None:
        try:
            conn = self._connect()
            try:
                conn.execute("INSERT OR REPLACE INTO judge_cache (key, answer) VALUES (?, ?)", (key, answer))
            finally:
                conn.close()
        except sqlite3.Error:
            pass


class _PostgresTable:
    """The cache table in the desk's PostgreSQL database: one connection (autocommit),
    opened on first use and shared by the judge's threads under a lock; a database
    that fails is skipped for the rest of the run (the file cache still works)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._conn: Any = None
        self._broken = False

    def _run(self, sql: str, params: tuple[str, ...], fetch: bool = False) -> Any:
        import psycopg  # noqa: PLC0415 (only for a PostgreSQL store)

        with self._lock:
            if self._broken:
                return None
            try:
                if self._conn is None:
                    self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
                    self._conn.execute(
                        "CREATE TABLE IF NOT EXISTS judge_cache (key TEXT PRIMARY KEY, answer TEXT NOT NULL)")
                cur = self._conn.execute(sql, params)
                return cur.fetchone() if fetch else None
            except psycopg.Error:
                self._broken = True
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                return None

    def get(self, key: str) -> str | None:
        row = self._run("SELECT answer FROM judge_cache WHERE key = %s", (key,), fetch=True)
        return row[0] if row else None

    def put(self, key: str, answer: str) -> None:
        self._run("INSERT INTO judge_cache (key, answer) VALUES (%s, %s) "
                  "ON CONFLICT (key) DO UPDATE SET answer = EXCLUDED.answer", (key, answer))


class JudgeCache:
    """File cache plus, optionally, the store's table. Safe to share between threads
    (SQLite: a connection per access; PostgreSQL: one connection under a lock; file
    writes are atomic renames)."""

    def __init__(self, directory: Path | None = None, store_path: str | None = None) -> None:
        self.directory = directory or default_cache_dir()
        self.store_path = store_path
        self._table: _SqliteTable | _PostgresTable | None = None
        if store_path:
            is_pg = store_path.startswith(("postgresql://", "postgres://"))
            self._table = _PostgresTable(store_path) if is_pg else _SqliteTable(store_path)

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self._table is not None:
            raw = self._table.get(key)
            if raw:
                try:
                    data = json.loads(raw)
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    return data
        try:
            data = json.loads(self._file(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if isinstance(data, dict):
            if self._table is not None:
                self._table.put(key, json.dumps(data, ensure_ascii=False))
            return data
        return None

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """Remember an answer; a cache that cannot be written is skipped, not fatal."""
        text = json.dumps(answer, ensure_ascii=False)
        if self._table is not None:
            self._table.put(key, text)
        path = self._file(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text)
        except OSError:
            pass
