"""`takeaways store copy SRC DST`: move a desk from one store to another, whole.

Every row of every table goes across with its ids (so decisions still point at
their takeaways, `undoes` at the decision undone, and the queue keeps its order), in
one transaction on DST. Before that transaction commits, DST is read back: the row
count of every table must match SRC, and every audit row (`decisions`) must be
identical, column by column. Any difference rolls the whole copy back. A DST that
already holds rows is refused: decisions cannot be deleted (they are append-only),
so a copy never merges into, or overwrites, another desk's audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.errors import InputError, TakeawaysError
from summarizer.store.base import Store
from summarizer.store.schema import TABLES

# Identity columns whose sequence must continue after the copied ids (PostgreSQL).
_IDENTITY = {"articles": "rowid", "drafts": "id", "takeaways": "id", "decisions": "id"}


class CopyError(TakeawaysError):
    """The read-back after the copy did not match the source; nothing was committed."""

    exit_code = 1


@dataclass
class CopySummary:
    counts: dict[str, int]
    audit_rows_checked: int


def _select(store: Store, table: str) -> str:
    key = _IDENTITY[table]
    if store.backend == "sqlite" and table == "articles":
        return "SELECT rowid AS rowid, * FROM articles ORDER BY rowid"
    return f"SELECT * FROM {table} ORDER BY {key}"


def _rows(store: Store, conn: Any, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    rows = conn.execute(_select(store, table)).fetchall()
    if not rows:
        names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] if store.backend == "sqlite" else []
        return names, []
    names = list(rows[0].keys())
    return names, [tuple(r) for r in rows]


def copy_store(src: Store, dst: Store, batch: int = 500) -> CopySummary:
    """Copy everything in `src` into the empty `dst`; see the module docstring."""
    if src.schema_version != dst.schema_version:
        raise InputError(f"schema versions differ (v{src.schema_version} vs v{dst.schema_version})")
    before = dst.counts()
    if any(before.values()):
        raise InputError(
            f"{_name(dst)} is not empty ({', '.join(f'{n} {t}' for t, n in before.items() if n)}); "
            "copy into a new, empty store"
        )
    with src.transaction() as sconn:  # one consistent read of the source
        data = {t: _rows(src, sconn, t) for t in TABLES}
    expected = {t: len(data[t][1]) for t in TABLES}
    try:
        with dst.transaction() as dconn:
            for table in TABLES:
                names, rows = data[table]
                if not rows:
                    continue
                sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
                for i in range(0, len(rows), batch):
                    dconn.executemany(sql, rows[i : i + batch])
            if dst.backend == "postgres":
                for table, column in _IDENTITY.items():
                    dconn.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                        f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {table}"
                    )
            # read back before COMMIT: any mismatch raises and rolls everything back
            got = {t: int(dconn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in TABLES}
            if got != expected:
                raise CopyError(f"row counts differ after the copy (source {expected}, copy {got}); nothing copied")
            names, audit = data["decisions"]
            if audit:
                copied = [tuple(r[n] for n in names) for r in dconn.execute("SELECT * FROM decisions ORDER BY id")]
                if copied != audit:
                    bad = next(i for i, (a, b) in enumerate(zip(audit, copied)) if a != b) if len(copied) == len(audit) else -1
                    raise CopyError(f"audit row {bad} differs after the copy; nothing copied")
    except dst.Error as exc:  # a row the destination would not take (a constraint, a trigger)
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CopyError(f"the destination refused a row ({first}); nothing copied") from None
    if dst.backend == "postgres":
        dst.conn.execute("ANALYZE")  # planner statistics for the bulk-loaded tables
    return CopySummary(counts=expected, audit_rows_checked=len(audit))


def _name(store: Store) -> str:
    from summarizer.store.postgres import redact

    return redact(store.target)
