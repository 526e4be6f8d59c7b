"""Judge answers, remembered so a repeat run asks nothing.

Key: sha256 over (claim, evidence window, model, protocol, prompt sha): the same
question to the same judge gets the same answer, and any change (an edited bullet,
another window, another prompt) asks again. Answers live in
`$XDG_CACHE_HOME/takeaways/judge/` (default `~/.cache/takeaways/judge/`), one JSON
file per key, written atomically; and, when a store is used, in its `judge_cache`
table (SQLite stores only), so the answers travel with the store. Only answers are
cached, never failures.

The table is created here with IF NOT EXISTS rather than as a store migration: it is
a cache, safe to drop, and not part of the reviewed data.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from summarizer.fileio import atomic_write


def cache_key(claim: str, window: str, model: str, protocol: str, prompt_sha: str) -> str:
    blob = json.dumps([claim, window, model, protocol, prompt_sha], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "takeaways" / "judge"


class JudgeCache:
    """File cache plus, optionally, the store's table. Safe to share between threads
    (each store access opens its own connection; file writes are atomic renames)."""

    def __init__(self, directory: Path | None = None, store_path: str | None = None) -> None:
        self.directory = directory or default_cache_dir()
        # The store table is a SQLite-file convenience; a PostgreSQL desk shares the
        # file cache only (a second copy in the desk database is not worth a
        # migration for a cache that is safe to drop).
        self.store_path = None if store_path and "://" in store_path else store_path
        self._table_ready = False

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.store_path, timeout=30, isolation_level=None)  # type: ignore[arg-type]
        conn.execute("PRAGMA busy_timeout = 30000")
        if not self._table_ready:
            conn.execute("CREATE TABLE IF NOT EXISTS judge_cache (key TEXT PRIMARY KEY, answer TEXT NOT NULL)")
            self._table_ready = True
        return conn

    def get(self, key: str) -> dict[str, Any] | None:
        if self.store_path:
            try:
                conn = self._connect()
                try:
                    row = conn.execute("SELECT answer FROM judge_cache WHERE key = ?", (key,)).fetchone()
                finally:
                    conn.close()
                if row:
                    return json.loads(row[0])
            except (sqlite3.Error, ValueError):
                pass
        try:
            data = json.loads(self._file(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if isinstance(data, dict):
            if self.store_path:
                self._put_store(key, data)
            return data
        return None

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """Remember an answer; a cache that cannot be written is skipped, not fatal."""
        if self.store_path:
            self._put_store(key, answer)
        path = self._file(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(answer, ensure_ascii=False))
        except OSError:
            pass

    def _put_store(self, key: str, answer: dict[str, Any]) -> None:
        try:
            conn = self._connect()
            try:
                conn.execute("INSERT OR REPLACE INTO judge_cache (key, answer) VALUES (?, ?)",
                             (key, json.dumps(answer, ensure_ascii=False)))
            finally:
                conn.close()
        except sqlite3.Error:
            pass
