"""The store: articles, drafts, takeaways, and the append-only decision audit.

`Store(target)` opens a SQLite file (the embedded default) or, for a
`postgresql://` URL, a PostgreSQL database through a psycopg connection pool. Both
backends have the same schema, built by the same numbered migrations
(`summarizer.store.schema`), the same database-enforced append-only `decisions`,
and the same optimistic concurrency (every takeaway carries a `version`).
"""

from summarizer.models import utcnow  # noqa: F401 - the clock save_result reads (tests fix it here)
from summarizer.store.base import Store, Watcher, article_from_row, is_postgres_url
from summarizer.store.schema import POSTGRES as PG_MIGRATIONS
from summarizer.store.schema import SQLITE as MIGRATIONS
from summarizer.store.sqlite import SQLiteStore, _statements



def require_existing(target: str) -> None:
    """Refuse a SQLite path that is not a file (review and export never create one);
    a PostgreSQL URL is checked by connecting to it."""
    from pathlib import Path

    from summarizer.errors import InputError

    if not is_postgres_url(target) and not Path(target).is_file():
        raise InputError(f"{target}: no such store (create one with `takeaways generate --store`)")


__all__ = ["require_existing", "MIGRATIONS", "PG_MIGRATIONS", "SQLiteStore", "Store", "Watcher", "article_from_row",
           "is_postgres_url", "utcnow", "_statements"]
