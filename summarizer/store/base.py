"""The store interface both backends implement, and the writes they share.

Callers use `store.conn.execute(sql, params)` with `?` placeholders and rows that
answer both `row["name"]` and `row[0]` (sqlite3.Row on SQLite, `Row` on
PostgreSQL), `store.transaction()` for a unit of work, and the methods below. The
SQL in this module, in `summarizer.review` and in `summarizer.export` is written in
the subset both dialects accept (`ON CONFLICT DO NOTHING`, `RETURNING`, CASE sums),
so there is one copy of every rule.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from summarizer.models import Article, Result, Sentence


def _now() -> str:
    """`summarizer.store.utcnow()`, looked up at call time so tests can fix the clock
    where they always have (`monkeypatch.setattr(summarizer.store, "utcnow", ...)`)."""
    import summarizer.store as package

    return package.utcnow()


def is_postgres_url(target: str) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, params: Any = ()) -> Cursor: ...


class Watcher(ABC):
    """Tells a screen that the store changed, from a thread of its own.

    `on_change(article_id)` is called in the watcher's thread with the article that
    changed, or None when the backend cannot tell which (SQLite) or may have missed
    notices (a reconnect). The callee must hand the work to its own thread.
    """

    def __init__(self, on_change: Callable[[str | None], None]) -> None:
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self.ready = threading.Event()  # set once the watcher listens (tests wait on it)

    def start(self) -> "Watcher":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    @abstractmethod
    def _run(self) -> None: ...


class Store(ABC):
    """A takeaways store. `Store(target)` opens the backend the target names: a
    `postgresql://` URL, or else a SQLite file path (the default, as before)."""

    backend: str = ""
    target: str = ""

    def __new__(cls, target: Any = None, *args: Any, **kwargs: Any) -> "Store":
        if cls is Store:
            if is_postgres_url(str(target)):
                from summarizer.store.postgres import PostgresStore

                cls = PostgresStore
            else:
                from summarizer.store.sqlite import SQLiteStore

                cls = SQLiteStore
        return super().__new__(cls)

    # -- what a backend provides ------------------------------------------------

    conn: Connection

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Connection]:
        """One unit of work on one connection: committed at the end, rolled back on
        any error. Writers take the write lock at BEGIN (SQLite IMMEDIATE)."""

    @property
    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def watch(self, on_change: Callable[[str | None], None]) -> Watcher:
        """A started Watcher calling `on_change` when anyone commits a change."""

    @property
    def path(self) -> str:  # the name existing callers and messages use
        return self.target

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    def upsert_article(self, article: Article) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, title, text, sentences, published_takeaways, "
            "metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (
                article.id,
                article.title,
                article.text,
                json.dumps([[s.start, s.end] for s in article.sentences]),
                json.dumps(article.published_takeaways, ensure_ascii=False),
                json.dumps(article.metadata, ensure_ascii=False, default=str),
                _now(),
            ),
        )

    def save_result(self, result: Result, work_key: str | None = None) -> int:
        """Store an article, its draft and checked takeaways in one transaction.

        Returns the draft id. The takeaways start `pending` for review.
        """
        now = _now()
        with self.transaction() as conn:
            self.upsert_article(result.article)
            d = result.draft
            draft_id = int(conn.execute(
                "INSERT INTO drafts (article_id, work_key, provider, model, prompt_name, "
                "prompt_sha, params, usage, latency_ms, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (
                    result.article.id,
                    work_key,
                    d.provider,
                    d.model,
                    d.prompt.name if d.prompt else None,
                    d.prompt.sha if d.prompt else None,
                    json.dumps(d.params, default=str),
                    d.usage.model_dump_json(),
                    d.latency_ms,
                    d.created_at,
                ),
            ).fetchone()[0])
            for position, t in enumerate(result.takeaways):
                conn.execute(
                    "INSERT INTO takeaways (draft_id, article_id, position, original_text, text, "
                    "sources, status, verdict, score, check_json, version, updated_at) "
                    "VALUES (?,?,?,?,?,?, 'pending', ?,?,?, 1, ?)",
                    (
                        draft_id,
                        result.article.id,
                        position,
                        t.text,
                        t.text,
                        json.dumps(t.sources),
                        t.verdict,
                        t.score,
                        t.model_dump_json(),
                        now,
                    ),
                )
        return draft_id

    # -- reading ---------------------------------------------------------------

    def has_work_key(self, work_key: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM drafts WHERE work_key = ? LIMIT 1", (work_key,)).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return article_from_row(row)

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY created_at, rowid")]

    def counts(self) -> dict[str, int]:
        """Rows per table (what `store copy` checks on both sides)."""
        from summarizer.store.schema import TABLES

        return {t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in TABLES}


def article_from_row(row: Any) -> Article:
    spans = json.loads(row["sentences"])
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        sentences=[Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(spans)],
        published_takeaways=json.loads(row["published_takeaways"]),
        metadata=json.loads(row["metadata"]),
    )
