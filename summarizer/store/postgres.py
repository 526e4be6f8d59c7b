"""PostgreSQL backend: the desk's shared store, through a psycopg 3 connection pool.

Statements keep SQLite's `?` placeholders (translated once per distinct statement)
so `summarizer.review` and `summarizer.export` hold one copy of every query. Outside
a transaction each statement borrows a pooled connection in autocommit mode; inside
`transaction()` every statement of the calling thread runs on the one connection
the block holds. Migrations run in one transaction under an advisory lock, so two
processes opening a fresh database at once do not race. Live updates LISTEN on a
dedicated connection (not a pooled one) in the watcher's thread.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from summarizer.errors import InputError
from summarizer.store.base import Store, Watcher, _now
from summarizer.store.schema import NOTIFY_CHANNEL, POSTGRES as MIGRATIONS

MIGRATION_LOCK = 0x74616B65  # pg_advisory_xact_lock key ("take")
CONNECT_TIMEOUT = 10


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


@lru_cache(maxsize=1024)
def to_pg(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (and a literal `%` to `%%`), outside quotes."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class Row:
    """A result row answering `row["name"]`, `row[0]`, `keys()` and `dict(row)`,
    like sqlite3.Row, so callers need not know the backend."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._names)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self._values) == tuple(other) if isinstance(other, (tuple, Row)) else NotImplemented

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values))!r})"


def _row_factory(cursor: Any) -> Callable[[tuple[Any, ...]], Row]:
    names = {c.name: i for i, c in enumerate(cursor.description or [])}
    return lambda values: Row(names, tuple(values))


class Result:
    """A statement's rows, read before its connection goes back to the pool."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Row | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Row]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


def _run(pgconn: Any, sql: str, params: Any) -> Result:
    if params:
        cur = pgconn.execute(to_pg(sql), tuple(params))
    else:
        cur = pgconn.execute(sql)
    rows = cur.fetchall() if cur.description else []
    return Result(rows, cur.rowcount)


class _Bound:
    """Statements on one connection (inside a transaction)."""

    def __init__(self, pgconn: Any) -> None:
        self.pgconn = pgconn

    def execute(self, sql: str, params: Any = ()) -> Result:
        return _run(self.pgconn, sql, params)

    def executemany(self, sql: str, rows: Any) -> None:
        with self.pgconn.cursor() as cur:
            cur.executemany(to_pg(sql), rows)


class _Pooled:
    """Statements on the calling thread's open transaction, or else on a pooled
    connection borrowed for that one statement (autocommit)."""

    def __init__(self, store: "PostgresStore") -> None:
        self.store = store

    def execute(self, sql: str, params: Any = ()) -> Result:
        active = getattr(self.store._local, "conn", None)
        if active is not None:
            return _run(active, sql, params)
        with self.store.pool.connection() as pgconn:
            return _run(pgconn, sql, params)


class PostgresStore(Store):
    """A pool of connections to one PostgreSQL database, migrated on open."""

    backend = "postgres"

    def __init__(self, url: str, pool_max: int = 4) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.Error = psycopg.Error
        self.target = url
        self._local = threading.local()
        try:  # one plain connection first: its error says why (auth, no database, refused)
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            raise InputError(f"{redact(url)}: cannot connect to PostgreSQL ({first})") from None
        self.pool = ConnectionPool(
            url, min_size=1, max_size=max(1, pool_max), open=False, name="takeaways",
            # JIT compiles a plan in ~100 ms: a loss for the desk's short queries (the queue
            # query on 5,000 articles paid it on every load)
            kwargs={"autocommit": True, "row_factory": _row_factory, "connect_timeout": CONNECT_TIMEOUT,
                    "options": "-c jit=off"},
        )
        self.pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        self.conn = _Pooled(self)
        try:
            self._migrate()
        except BaseException:
            self.pool.close()
            raise

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def transaction(self) -> Iterator[_Bound]:
        """BEGIN ... COMMIT on one pooled connection, rolled back on any error. A
        nested block joins the outer one (`save_result` calls `upsert_article`)."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield _Bound(active)
            return
        with self.pool.connection() as pgconn:
            with pgconn.transaction():
                self._local.conn = pgconn
                try:
                    yield _Bound(pgconn)
                finally:
                    self._local.conn = None

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"
            if self._has_version_table() else "SELECT 0"
        ).fetchone()
        return int(row[0])

    def _has_version_table(self) -> bool:
        return self.conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()[0]

    def _migrate(self) -> None:
        with self.transaction() as conn:
            conn.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            version = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0])
            if version > len(MIGRATIONS):
                raise InputError(
                    f"{redact(self.target)}: store schema v{version} is newer than this takeaways "
                    f"(v{len(MIGRATIONS)}); upgrade takeaways"
                )
            for number, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                conn.execute(sql)
                conn.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", (number, _now()))

    def watch(self, on_change: Callable[[str | None], None]) -> Watcher:
        return ListenWatcher(self.target, on_change).start()


class ListenWatcher(Watcher):
    """LISTEN on a dedicated connection; each NOTIFY names the article that changed.

    A lost connection is retried every second; after a reconnect `on_change(None)`
    says "anything may have changed", since notices sent meanwhile are gone.
    """

    def __init__(self, url: str, on_change: Callable[[str | None], None], tick: float = 0.25) -> None:
        super().__init__(on_change)
        self.url = url
        self.tick = tick

    def _run(self) -> None:
        import psycopg

        missed = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.ready.set()
                    if missed:
                        self.on_change(None)
                    while not self._stop.is_set():
                        for notice in conn.notifies(timeout=self.tick):
                            self.on_change(notice.payload or None)
            except psycopg.OperationalError:
                missed = True
                self._stop.wait(1.0)
