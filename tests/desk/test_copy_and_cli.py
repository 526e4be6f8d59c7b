"""`takeaways store copy` (SQLite -> PostgreSQL and back, nothing lost) and the
commands taking a postgresql:// URL for --store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.export import article_record
from summarizer.review import ReviewSession, queue
from summarizer.store import Store
from tests.desk.conftest import article_result

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_b3b082b68e0ca19b.txt"


def _reviewed_sqlite(path: Path) -> Path:
    """Three articles with approvals, an edit, a reject, an undo and a noted approval."""
    clock = iter(f"2026-01-05T09:00:{i:02d}+00:00" for i in range(60))
    with Store(path) as store:
        for n in range(3):
            store.save_result(article_result(n))
        s = ReviewSession(store, "ann", clock=lambda: next(clock))
        a, b, _ = (r.article_id for r in s.queue("all"))
        items = s.bullets(a)
        s.approve(items[0], note="checked with the desk")
        s.edit(items[1], "Article 0 reports that the council approved plan 1.")
        s.reject(items[2])
        s.undo(a)
        bob = ReviewSession(store, "bob", clock=lambda: next(clock))
        bob.approve(bob.bullets(b)[3])
    return path


def _snapshot(target: str) -> dict:
    with Store(target) as store:
        ids = store.article_ids()
        return {
            "counts": store.counts(),
            "queue": queue(store, "all"),
            "decisions": [tuple(r) for r in store.conn.execute(
                "SELECT id, takeaway_id, article_id, action, before_text, after_text, before_status, after_status, "
                "reviewer, at, verdict, score, note, before_sources, after_sources, after_version, check_json, "
                "undoes FROM decisions ORDER BY id")],
            "takeaways": [tuple(r) for r in store.conn.execute("SELECT * FROM takeaways ORDER BY id")],
            "records": [article_record(store, i) for i in ids],
            "ids": ids,
        }


def test_copy_sqlite_to_postgres_loses_nothing(tmp_path: Path, pg_url: str, capsys) -> None:
    src = _reviewed_sqlite(tmp_path / "desk.db")
    assert main(["store", "copy", str(src), pg_url]) == 0
    assert "counts and 5 audit row(s) checked" in capsys.readouterr().err
    before, after = _snapshot(str(src)), _snapshot(pg_url)
    assert after == before
    assert after["counts"] == {"articles": 3, "drafts": 3, "takeaways": 12, "decisions": 5}
    # the copy keeps working: new rows continue after the copied ids
    with Store(pg_url) as pg:
        s = ReviewSession(pg, "cy")
        fresh = s.approve(s.bullets(before["ids"][2])[0])
        assert fresh.version == 2
        new_id = pg.conn.execute("SELECT MAX(id) FROM decisions").fetchone()[0]
        assert new_id == max(d[0] for d in before["decisions"]) + 1
        pg.save_result(article_result(9))
        assert pg.article_ids()[-1] == article_result(9).article.id


def test_copy_postgres_back_to_sqlite_round_trips(tmp_path: Path, pg_url: str) -> None:
    src = _reviewed_sqlite(tmp_path / "desk.db")
    assert main(["store", "copy", str(src), pg_url]) == 0
    back = tmp_path / "back.db"
    assert main(["store", "copy", pg_url, str(back)]) == 0
    assert _snapshot(str(back)) == _snapshot(str(src))


def test_copy_refuses_a_non_empty_destination(tmp_path: Path, pg_url: str, capsys) -> None:
    src = _reviewed_sqlite(tmp_path / "desk.db")
    with Store(pg_url) as pg:
        pg.save_result(article_result(7))
    assert main(["store", "copy", str(src), pg_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("takeaways: ") and "is not empty" in err and "Traceback" not in err
    with Store(pg_url) as pg:
        assert pg.counts() == {"articles": 1, "drafts": 1, "takeaways": 4, "decisions": 0}


def test_copy_of_a_missing_source_is_a_one_line_error(tmp_path: Path, pg_url: str, capsys) -> None:
    assert main(["store", "copy", str(tmp_path / "nope.db"), pg_url]) == 2
    assert "no such store" in capsys.readouterr().err


def test_an_unreachable_database_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://desk:secret@127.0.0.1:{port}/desk"
    assert main(["export", "--store", url, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("takeaways: postgresql://desk:***@127.0.0.1") and "cannot connect" in err
    assert "secret" not in err and err.count("\n") == 1


def test_generate_review_export_on_postgres(tmp_path: Path, pg_url: str) -> None:
    """generate --store URL, decisions through the review core, export --store URL:
    the export holds exactly what was approved, under who approved it."""
    assert main(["generate", str(SEED), "--provider", "extractive", "--store", pg_url, "--format", "md"]) == 0
    with Store(pg_url) as pg:
        s = ReviewSession(pg, "dana")
        article = s.queue()[0].article_id
        items = s.bullets(article)
        s.approve(items[0])
        s.reject(items[1])
        s.approve(items[3])
        approved = [items[0].text, items[3].text]
    out = tmp_path / "out"
    assert main(["export", "--store", pg_url, "--out", str(out), "--format", "json"]) == 0
    (path,) = out.glob("*.json")
    record = json.loads(path.read_text())
    assert [t["text"] for t in record["takeaways"]] == approved
    assert {t["approved_by"] for t in record["takeaways"]} == {"dana"}
    assert [d["action"] for d in record["audit"]] == ["approve", "reject", "approve"]


def test_batch_writes_into_postgres(tmp_path: Path, pg_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # real-looking news copy: the offline engine drafts from it as it would at night
    for name in ("harbor_storm", "comet_find", "council_budget"):
        text = (Path(__file__).parents[1] / "provider" / "articles" / f"{name}.txt").read_text()
        (folder / f"{name}.txt").write_text(text)
    assert main(["batch", str(folder), "--out", str(tmp_path / "out"), "--provider", "extractive",
                 "--store", pg_url]) == 0
    with Store(pg_url) as pg:
        assert pg.counts()["articles"] == 3 and pg.counts()["drafts"] == 3
        assert len(queue(pg, "pending")) == 3


@pytest.mark.parametrize("tamper, message", [
    ("NEW.note := 'changed on the way'; RETURN NEW;", "audit row 0 differs"),
    ("IF NEW.action = 'undo' THEN RETURN NULL; END IF; RETURN NEW;", "row counts differ"),
    ("IF NEW.action = 'reject' THEN RETURN NULL; END IF; RETURN NEW;", "the destination refused a row"),
])
def test_a_copy_that_does_not_read_back_identical_is_rolled_back(tmp_path: Path, pg_url: str, capsys,
                                                                  tamper: str, message: str) -> None:
    """A destination that alters or drops rows as they arrive (here a trigger put
    there on purpose) fails the read-back check: nothing is committed."""
    src = _reviewed_sqlite(tmp_path / "desk.db")
    table = "decisions"
    with Store(pg_url) as pg:
        pg.conn.execute(f"CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {tamper} END $$")
        pg.conn.execute(f"CREATE TRIGGER tamper BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION tamper()")
    assert main(["store", "copy", str(src), pg_url]) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing copied" in err
    with Store(pg_url) as pg:
        assert pg.counts() == {"articles": 0, "drafts": 0, "takeaways": 0, "decisions": 0}
