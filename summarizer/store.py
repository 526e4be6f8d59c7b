"""SQLite store: articles, drafts, takeaways, and the append-only decision audit.

The schema is an append-only list of migrations; `PRAGMA user_version` records how
many have run, so an old database upgrades in place and a new one is built by the
same steps. WAL mode and a busy timeout let a batch run write while an editor
reviews. Every write is one transaction: a killed process loses nothing committed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from summarizer.errors import InputError
from summarizer.models import Article, Result, Sentence, utcnow

MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        sentences TEXT NOT NULL,            -- JSON [[start, end], ...]
        published_takeaways TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
    );
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        work_key TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_name TEXT,
        prompt_sha TEXT,
        params TEXT NOT NULL DEFAULT '{}',
        usage TEXT NOT NULL DEFAULT '{}',
        latency_ms REAL NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX drafts_article ON drafts(article_id);
    CREATE INDEX drafts_work_key ON drafts(work_key);
    CREATE TABLE takeaways (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        article_id TEXT NOT NULL REFERENCES articles(id),
        position INTEGER NOT NULL,
        original_text TEXT NOT NULL,
        text TEXT NOT NULL,
        sources TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'pending',   -- pending | approved | rejected
        verdict TEXT NOT NULL,
        score REAL NOT NULL,
        check_json TEXT NOT NULL,                 -- the full Check of `text`
        version INTEGER NOT NULL DEFAULT 1,       -- bumped on every change
        updated_at TEXT NOT NULL
    );
    CREATE INDEX takeaways_article ON takeaways(article_id, position);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        takeaway_id INTEGER NOT NULL REFERENCES takeaways(id),
        article_id TEXT NOT NULL,
        action TEXT NOT NULL,          -- approve | reject | edit | regenerate | undo
        before_text TEXT,
        after_text TEXT,
        before_status TEXT,
        after_status TEXT,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        verdict TEXT,
        score REAL,
        note TEXT
    );
    CREATE INDEX decisions_takeaway ON decisions(takeaway_id);
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
    """,
    # 2: review support: what a decision left behind (for undo and conflict messages),
    # the Check at that moment (the evidence an approval rested on), and indexes for
    # the queue's one aggregate query and per-reviewer undo.
    """
    ALTER TABLE decisions ADD COLUMN before_sources TEXT;
    ALTER TABLE decisions ADD COLUMN after_sources TEXT;
    ALTER TABLE decisions ADD COLUMN after_version INTEGER;
    ALTER TABLE decisions ADD COLUMN check_json TEXT;
    ALTER TABLE decisions ADD COLUMN undoes INTEGER REFERENCES decisions(id);
    CREATE INDEX decisions_article_reviewer ON decisions(article_id, reviewer, id);
    CREATE INDEX takeaways_draft ON takeaways(draft_id, position);
    """,
    # 3: who drafted a regenerated bullet (the review app's provider may differ from
    # the draft's), so export's disclosure names what drafted each published bullet.
    """
    ALTER TABLE decisions ADD COLUMN provider TEXT;
    ALTER TABLE decisions ADD COLUMN model TEXT;
    """,
]


class Store:
    """A connection to one store file, migrated to the latest schema on open."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a takeaways store ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
                f"{self.path}: store schema v{version} is newer than this takeaways "
                f"(v{len(MIGRATIONS)}); upgrade takeaways"
            )
        for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")

    # -- writing ---------------------------------------------------------------

    def upsert_article(self, article: Article) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO articles (id, title, text, sentences, published_takeaways, "
            "metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.title,
                article.text,
                json.dumps([[s.start, s.end] for s in article.sentences]),
                json.dumps(article.published_takeaways, ensure_ascii=False),
                json.dumps(article.metadata, ensure_ascii=False, default=str),
                utcnow(),
            ),
        )

    def save_result(self, result: Result, work_key: str | None = None) -> int:
        """Store an article, its draft and checked takeaways in one transaction.

        Returns the draft id. The takeaways start `pending` for review.
        """
        now = utcnow()
        with self.transaction() as conn:
            self.upsert_article(result.article)
            d = result.draft
            cur = conn.execute(
                "INSERT INTO drafts (article_id, work_key, provider, model, prompt_name, "
                "prompt_sha, params, usage, latency_ms, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
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
            )
            draft_id = int(cur.lastrowid)
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


def article_from_row(row: sqlite3.Row) -> Article:
    spans = json.loads(row["sentences"])
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        sentences=[Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(spans)],
        published_takeaways=json.loads(row["published_takeaways"]),
        metadata=json.loads(row["metadata"]),
    )


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
