"""The same store suite on both backends (SQLite file, real PostgreSQL server):
schema and migrations, the append-only audit, optimistic concurrency, the queue,
rollback, export, and the change watcher behind live screens."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from summarizer.export import article_record
from summarizer.review import Conflict, ReviewSession, queue
from summarizer.store import MIGRATIONS, PG_MIGRATIONS, Store
from summarizer.store.schema import TABLES
from tests.desk.conftest import article_result


def _filled(target: str, articles: int = 3) -> Store:
    store = Store(target)
    for n in range(articles):
        store.save_result(article_result(n))
    return store


def _names(store: Store, table: str) -> list[str]:
    if store.backend == "sqlite":
        return [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
    return [r[0] for r in store.conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        (table,))]


def test_both_backends_have_the_same_numbered_migrations() -> None:
    assert len(MIGRATIONS) == len(PG_MIGRATIONS)


def test_a_new_store_is_migrated_to_the_latest_version(target: str) -> None:
    with Store(target) as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(target) as again:  # reopening runs nothing twice
        assert again.schema_version == len(MIGRATIONS)


def test_the_schema_is_the_same_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    with Store(tmp_path / "a.db") as lite, Store(pg_url) as pg:
        for table in TABLES:
            extra = {"rowid"} if table == "articles" else set()  # SQLite's rowid is implicit
            assert set(_names(pg, table)) - extra == set(_names(lite, table)), table


def test_saved_results_read_back_in_order(target: str) -> None:
    with _filled(target) as store:
        results = [article_result(n) for n in range(3)]
        assert store.article_ids() == [r.article.id for r in results]
        assert store.get_article(results[1].article.id) == results[1].article
        assert store.counts() == {"articles": 3, "drafts": 3, "takeaways": 12, "decisions": 0}
        store.save_result(results[0], work_key="k1")
        assert store.has_work_key("k1") and not store.has_work_key("k2")
        assert store.counts()["articles"] == 3, "an article is stored once"


def test_decisions_are_append_only_in_the_database(target: str) -> None:
    with _filled(target, 1) as store:
        s = ReviewSession(store, "ann")
        s.approve(s.bullets(s.queue()[0].article_id)[0])
        with pytest.raises(store.Error, match="append-only"):
            store.conn.execute("UPDATE decisions SET reviewer = 'mallory'")
        with pytest.raises(store.Error, match="append-only"):
            store.conn.execute("DELETE FROM decisions")
        if store.backend == "postgres":
            with pytest.raises(store.Error, match="append-only"):
                store.conn.execute("TRUNCATE decisions CASCADE")
        assert [r["reviewer"] for r in store.conn.execute("SELECT reviewer FROM decisions")] == ["ann"]


def test_a_stale_write_is_refused_and_leaves_no_audit_row(target: str) -> None:
    with _filled(target, 1) as one, Store(target) as two:
        ann, bob = ReviewSession(one, "ann"), ReviewSession(two, "bob")
        article = ann.queue()[0].article_id
        seen_by_ann = ann.bullets(article)[0]
        seen_by_bob = bob.bullets(article)[0]
        bob.reject(seen_by_bob)
        with pytest.raises(Conflict, match="changed by bob") as caught:
            ann.approve(seen_by_ann)
        assert caught.value.current.status == "rejected"
        rows = one.conn.execute("SELECT reviewer, action FROM decisions").fetchall()
        assert [tuple(r) for r in rows] == [("bob", "reject")]


def test_many_editors_racing_on_one_bullet_one_wins(target: str) -> None:
    _filled(target, 1).close()
    with Store(target) as probe:
        article = queue(probe, "all")[0].article_id
        bullet = ReviewSession(probe, "x").bullets(article)[0]
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def editor(name: str) -> None:
        with Store(target) as store:
            barrier.wait()
            try:
                ReviewSession(store, name).approve(bullet)
                outcomes.append("won")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=editor, args=(f"ed{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["conflict"] * 5 + ["won"]
    with Store(target) as store:
        assert store.counts()["decisions"] == 1
        assert store.conn.execute("SELECT version FROM takeaways WHERE id = ?", (bullet.id,)).fetchone()[0] == 2


def test_a_failed_transaction_leaves_nothing(target: str) -> None:
    with _filled(target, 1) as store:
        before = store.counts()
        with pytest.raises(RuntimeError):
            with store.transaction() as conn:
                conn.execute("INSERT INTO articles (id, text, sentences, created_at) VALUES ('x', 't', '[]', 'now')")
                raise RuntimeError("killed half way")
        assert store.counts() == before


def test_queue_counts_and_filters(target: str) -> None:
    with _filled(target) as store:
        s = ReviewSession(store, "ann")
        first, second, _ = (r.article_id for r in s.queue("all"))
        for b in s.bullets(first):
            s.approve(b) if b.position % 2 == 0 else s.reject(b)
        s.reject(s.bullets(second)[0])
        rows = {r.article_id: r for r in s.queue("all")}
        assert (rows[first].pending, rows[first].approved, rows[first].rejected) == (0, 2, 2)
        assert (rows[second].pending, rows[second].rejected) == (3, 1)
        assert [r.article_id for r in s.queue("pending")] == [second, s.queue("all")[2].article_id]


def test_review_flow_and_export_match_across_backends(tmp_path: Path, pg_url: str) -> None:
    """The same decisions on both backends give the same export record (audit included)."""
    records = []
    for target in (str(tmp_path / "lite.db"), pg_url):
        with _filled(target, 2) as store:
            s = ReviewSession(store, "ann", clock=lambda: "2026-01-05T09:00:00+00:00")
            art = s.queue()[0].article_id
            items = s.bullets(art)
            s.approve(items[0])
            s.edit(items[1], "Article 0 reports that the council approved plan 1 on Monday.")
            s.approve(s.bullets(art)[1])
            s.reject(items[2])
            s.undo(art)  # takes back the reject
            records.append(article_record(store, art))
    lite, pg = records
    assert pg == lite
    assert [t["text"] for t in pg["takeaways"]] == [
        article_result(0).takeaways[0].text, "Article 0 reports that the council approved plan 1 on Monday."]
    assert {t["approved_by"] for t in pg["takeaways"]} == {"ann"}


@pytest.mark.parametrize("who", ["other", "self"])
def test_the_watcher_reports_a_commit_within_a_second(target: str, who: str) -> None:
    with _filled(target, 1) as store:
        seen: list[str | None] = []
        got = threading.Event()
        watcher = store.watch(lambda article_id: (seen.append(article_id), got.set()))
        try:
            assert watcher.ready.wait(5)
            time.sleep(0.3)  # nothing changed yet: no notice
            assert not got.is_set()
            writer = Store(target) if who == "other" else store
            s = ReviewSession(writer, "bob")
            article = s.queue()[0].article_id
            start = time.monotonic()
            s.approve(s.bullets(article)[0])
            assert got.wait(1.0), "no change notice within 1 s"
            assert time.monotonic() - start < 1.0
            if store.backend == "postgres":
                assert seen[0] == article
            if writer is not store:
                writer.close()
        finally:
            watcher.stop()


def test_an_older_postgres_store_is_upgraded_in_place(pg_url: str) -> None:
    """A database left at migration 1 (with a row in it) is brought to the latest
    version on open, keeping its rows: the migrations are an append-only list."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
            conn.execute(PG_MIGRATIONS[0])
            conn.execute("INSERT INTO schema_migrations VALUES (1, 'then')")
            conn.execute("INSERT INTO articles (id, text, sentences, created_at) VALUES ('old', 'Old text.', "
                         "'[[0, 9]]', 'then')")
    with Store(pg_url) as store:
        assert store.schema_version == len(PG_MIGRATIONS)
        assert {"after_version", "check_json", "undoes"} <= set(_names(store, "decisions"))
        assert store.article_ids() == ["old"]


def test_a_store_from_a_newer_takeaways_is_refused(target: str) -> None:
    from summarizer.errors import InputError

    Store(target).close()
    with Store(target) as store:  # what a later version of takeaways would leave
        if store.backend == "sqlite":
            store.conn.execute("PRAGMA user_version = 99")
        else:
            store.conn.execute("INSERT INTO schema_migrations VALUES (99, 'later')")
    with pytest.raises(InputError, match="v99 is newer than this takeaways"):
        Store(target)
