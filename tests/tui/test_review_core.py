"""The headless review core: every action, undo, the note rule, conflicts between
two connections, and that decisions survive the process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import fixed_clock
from summarizer.providers.extractive import ExtractiveProvider
from summarizer.review import (
    Conflict,
    NoteRequired,
    NothingToUndo,
    ReviewError,
    ReviewSession,
    bullets,
    queue,
)
from summarizer.store import Store


def _session(path: Path, reviewer: str = "ann") -> ReviewSession:
    return ReviewSession(Store(path), reviewer, clock=fixed_clock(100))


def _harbour(session: ReviewSession):
    row = next(r for r in session.queue("all") if r.title.startswith("Council"))
    return row.article_id, session.bullets(row.article_id)


def _decisions(session: ReviewSession) -> list[dict]:
    return [dict(r) for r in session.store.conn.execute("SELECT * FROM decisions ORDER BY id")]


def test_queue_counts_and_filters(store_path: Path) -> None:
    s = _session(store_path)
    rows = s.queue("all")
    assert [r.title[:7] for r in rows] == ["Council", "Banner ", "Trump-Z"]  # oldest first
    harbour = rows[0]
    assert (harbour.pending, harbour.approved, harbour.rejected) == (4, 0, 0)
    flagged_expected = sum(b.verdict in ("review", "unsupported") for b in s.bullets(harbour.article_id))
    assert harbour.flagged == flagged_expected >= 1
    _, items = _harbour(s)
    for b in items:
        s.reject(b)
    assert harbour.article_id not in {r.article_id for r in s.queue("pending")}
    assert harbour.article_id not in {r.article_id for r in s.queue("flagged")}
    after = next(r for r in s.queue("all") if r.article_id == harbour.article_id)
    assert (after.pending, after.flagged, after.rejected) == (0, 0, 4)
    with pytest.raises(ReviewError):
        s.queue("nonsense")  # type: ignore[arg-type]


def test_approve_writes_status_version_and_audit_row(store_path: Path) -> None:
    s = _session(store_path)
    _, items = _harbour(s)
    b = items[0]
    done = s.approve(b)
    assert done.status == "approved" and done.version == b.version + 1
    (d,) = _decisions(s)
    assert d["action"] == "approve" and d["reviewer"] == "ann" and d["at"] == "2026-01-05T09:01:40+00:00"
    assert (d["before_status"], d["after_status"]) == ("pending", "approved")
    assert d["before_text"] == d["after_text"] == b.text
    assert d["verdict"] == b.verdict and d["score"] == pytest.approx(b.score)
    assert json.loads(d["check_json"])["evidence"], "the evidence the approval rested on is kept"


def test_unsupported_needs_a_note_and_the_note_is_stored(store_path: Path) -> None:
    s = _session(store_path)
    _, items = _harbour(s)
    bad = next(b for b in items if "mayor resigned" in b.text)
    assert bad.verdict == "unsupported", "fixture precondition: the invented bullet is unsupported"
    with pytest.raises(NoteRequired):
        s.approve(bad)
    with pytest.raises(NoteRequired):
        s.approve(bad, note="   ")
    assert _decisions(s) == []
    done = s.approve(bad, note="confirmed with the reporter")
    assert done.status == "approved" and done.note == "confirmed with the reporter"
    assert _decisions(s)[-1]["note"] == "confirmed with the reporter"


def test_reject(store_path: Path) -> None:
    s = _session(store_path)
    _, items = _harbour(s)
    assert s.reject(items[1]).status == "rejected"
    assert _decisions(s)[-1]["action"] == "reject"


def test_edit_revalidates_and_returns_to_pending(store_path: Path) -> None:
    s = _session(store_path)
    _, items = _harbour(s)
    b = s.approve(items[0])
    edited = s.edit(b, "The council voted to close the bridge to cars, and  the moon is made of cheese.")
    assert edited.text == "The council voted to close the bridge to cars, and the moon is made of cheese."
    assert edited.original_text == items[0].text and edited.edited
    assert edited.status == "pending"
    assert edited.score < b.score
    marked = set(" ".join(sp.text.lower() for sp in edited.check.unsupported_spans).split())
    assert {"moon", "cheese"} <= marked
    d = _decisions(s)[-1]
    assert (d["action"], d["before_text"], d["after_text"]) == ("edit", b.text, edited.text)
    assert d["verdict"] == edited.verdict
    with pytest.raises(ReviewError):
        s.edit(edited, "   ")


def test_regenerate_with_the_extractive_engine_walks_down_the_ranking(store_path: Path) -> None:
    s = _session(store_path)
    row = next(r for r in s.queue("all") if r.title.startswith("Trump"))
    items = s.bullets(row.article_id)
    target = items[1]
    others = [b.text for b in items if b.id != target.id]
    first = s.regenerate(target, others, ExtractiveProvider())
    assert first.text not in {target.text, *others}
    assert first.status == "pending" and first.sources and first.sources != target.sources
    assert first.check.evidence, "the new bullet comes with its own check"
    second = s.regenerate(first, others, ExtractiveProvider())
    assert second.text not in {target.text, first.text, *others}
    assert [d["action"] for d in _decisions(s)] == ["regenerate", "regenerate"]


def test_undo_reverts_the_last_decision_of_this_reviewer_only(store_path: Path) -> None:
    s = _session(store_path)
    article_id, items = _harbour(s)
    s.approve(items[0])
    e = s.edit(items[1], items[1].text + " Officials said so.")
    s.approve(e)
    undone = s.undo(article_id)  # the approve of the edited bullet
    assert (undone.id, undone.status, undone.text) == (e.id, "pending", e.text)
    undone = s.undo(article_id)  # the edit
    assert (undone.text, undone.status) == (items[1].text, "pending")
    assert undone.verdict == items[1].verdict and undone.score == pytest.approx(items[1].score)
    undone = s.undo(article_id)  # the first approve
    assert (undone.id, undone.status) == (items[0].id, "pending")
    with pytest.raises(NothingToUndo):
        s.undo(article_id)
    # The audit keeps everything, undos included, in order.
    assert [d["action"] for d in _decisions(s)] == ["approve", "edit", "approve", "undo", "undo", "undo"]
    bob = _session(store_path, "bob")
    with pytest.raises(NothingToUndo):
        bob.undo(article_id)


def test_two_connections_conflict_instead_of_overwriting(store_path: Path) -> None:
    ann, bob = _session(store_path, "ann"), _session(store_path, "bob")
    _, ann_items = _harbour(ann)
    _, bob_items = _harbour(bob)  # both loaded the same version
    bob.edit(bob_items[0], "Bob's rewrite of the bridge bullet.")
    with pytest.raises(Conflict) as err:
        ann.approve(ann_items[0])
    assert "changed by bob at 2026-01-05T09:01:40+00:00 since you opened it; reloaded" in str(err.value)
    assert err.value.current is not None and err.value.current.text == "Bob's rewrite of the bridge bullet."
    fresh = bullets(ann.store, ann_items[0].article_id)[0]
    assert fresh.status == "pending" and fresh.text == "Bob's rewrite of the bridge bullet."
    assert [d["reviewer"] for d in _decisions(ann)] == ["bob"], "the refused write left no audit row"
    # ann's undo must not revert bob's work either
    ann.reject(fresh)
    bob_fresh = bullets(bob.store, fresh.article_id)[0]
    bob.edit(bob_fresh, "Bob's second rewrite.")
    with pytest.raises(Conflict):
        ann.undo(fresh.article_id)


def test_undo_refuses_when_another_editor_decided_since_even_if_the_bullet_looks_the_same(store_path: Path) -> None:
    """ann approves; bob rejects, then approves again: the bullet is back to exactly what
    ann's approval left, but bob's approval is the later decision. ann's undo would
    turn bob's approval into `pending`, so it is refused (the `others_since` guard:
    comparing text, status and sources alone cannot see this)."""
    ann, bob = _session(store_path, "ann"), _session(store_path, "bob")
    article_id, ann_items = _harbour(ann)
    ann.approve(ann_items[0])
    _, bob_items = _harbour(bob)
    bob.approve(bob.reject(bob_items[0]))
    with pytest.raises(Conflict) as err:
        ann.undo(article_id)
    assert "changed by bob" in str(err.value)
    after = bullets(ann.store, article_id)[0]
    assert after.status == "approved"
    assert [d["action"] for d in _decisions(ann)] == ["approve", "reject", "approve"], "no undo row written"


def test_decisions_are_append_only(store_path: Path) -> None:
    s = _session(store_path)
    _, items = _harbour(s)
    s.approve(items[0])
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        s.store.conn.execute("UPDATE decisions SET reviewer = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        s.store.conn.execute("DELETE FROM decisions")


def test_a_killed_process_loses_nothing_written(store_path: Path) -> None:
    """A child process approves then dies with SIGKILL before closing the store."""
    code = (
        "import os, signal, sys\n"
        "sys.path.insert(0, '.')\n"
        "from summarizer.store import Store\n"
        "from summarizer.review import ReviewSession\n"
        f"s = ReviewSession(Store({str(store_path)!r}), 'kim')\n"
        "row = s.queue('all')[0]\n"
        "s.reject(s.bullets(row.article_id)[0])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    s = _session(store_path)
    rows = queue(s.store, "all")
    assert rows[0].rejected == 1
    assert _decisions(s)[0]["reviewer"] == "kim"


def test_store_migration_upgrades_a_v1_store(tmp_path: Path) -> None:
    import sqlite3

    from summarizer.store import MIGRATIONS, _statements

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for st in _statements(MIGRATIONS[0]):
        conn.execute(st)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        cols = {r[1] for r in store.conn.execute("PRAGMA table_info(decisions)")}
        assert {"after_version", "check_json", "undoes"} <= cols


def test_core_never_imports_textual() -> None:
    code = ("import sys; sys.path.insert(0, '.'); import summarizer.review, summarizer.export, "
            "summarizer.commands.review, summarizer.commands.export, summarizer.cli; "
            "print('textual' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_edit_reuses_a_check_made_for_exactly_that_text(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.review as review

    s = _session(store_path)
    _, items = _harbour(s)
    text = "Engineers found cracks in three of the bridge's steel supports."
    check = s.revalidate(items[1], text)
    calls = []
    monkeypatch.setattr(review, "check_claim", lambda *a, **k: calls.append(a) or check)
    s.edit(items[1], text, checked=(text, check))
    assert calls == [], "the check made while typing was reused"
    s.edit(s.bullets(items[1].article_id)[2], "Something else entirely.", checked=(text, check))
    assert len(calls) == 1, "a check for other text is not trusted"
