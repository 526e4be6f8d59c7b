"""Two editors on one store, each in a headless review app: each sees the other's
decisions within 1 s (LISTEN/NOTIFY on PostgreSQL, PRAGMA data_version on SQLite),
without losing their cursor or the edit they have open."""

from __future__ import annotations

import asyncio
import time

from review_tui.app import ReviewApp
from review_tui.screens import EditArea, QueueScreen, ReviewScreen
from summarizer.providers.extractive import ExtractiveProvider
from summarizer.store import Store
from tests.desk.conftest import article_result

SIZE = (140, 44)


def _store(target: str, articles: int = 2) -> str:
    with Store(target) as store:
        for n in range(articles):
            store.save_result(article_result(n))
    return target


def _app(target: str, reviewer: str) -> ReviewApp:
    return ReviewApp(target, reviewer=reviewer, queue="all", provider_factory=ExtractiveProvider)


async def _until(condition, limit: float = 1.0) -> float:
    """Seconds until `condition()` holds; fails after `limit`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, f"not shown within {limit} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - start


async def _ready(app: ReviewApp) -> None:
    assert app.watcher is not None
    assert await asyncio.to_thread(app.watcher.ready.wait, 5)


async def test_two_editors_see_each_others_approvals_within_a_second(target: str) -> None:
    _store(target)
    ann, bob = _app(target, "ann"), _app(target, "bob")
    async with ann.run_test(size=SIZE) as pa, bob.run_test(size=SIZE) as pb:
        await pa.press("enter")
        await pb.press("enter")
        await _ready(ann)
        await _ready(bob)
        a_screen, b_screen = ann.screen, bob.screen
        assert isinstance(a_screen, ReviewScreen) and isinstance(b_screen, ReviewScreen)
        await pb.press("j", "j")  # bob's cursor on bullet 3
        await pa.press("a")  # ann approves bullet 1
        await _until(lambda: b_screen.cards[0].bullet.status == "approved")
        assert b_screen.cards[0].has_class("-approved")
        assert b_screen.selected == 2, "bob's cursor stayed where it was"
        await pb.press("x")  # bob rejects bullet 3
        await _until(lambda: a_screen.cards[2].bullet.status == "rejected")
        assert a_screen.selected == 1, "ann's cursor stayed on the bullet after the one she approved"


async def test_the_queue_counts_update_live(target: str) -> None:
    _store(target)
    ann, bob = _app(target, "ann"), _app(target, "bob")
    async with ann.run_test(size=SIZE) as pa, bob.run_test(size=SIZE) as pb:
        await pb.press("down")  # bob's queue cursor on the second article
        queue = bob.screen
        assert isinstance(queue, QueueScreen)
        await pa.press("enter")
        await _ready(bob)
        await pa.press("a", "x")
        await _until(lambda: (queue.rows[0].approved, queue.rows[0].rejected) == (1, 1))
        assert queue.table.cursor == 1


async def test_a_change_under_an_open_editor_is_flagged_not_applied(target: str) -> None:
    _store(target)
    ann, bob = _app(target, "ann"), _app(target, "bob")
    async with ann.run_test(size=SIZE) as pa, bob.run_test(size=SIZE) as pb:
        await pa.press("enter")
        await pb.press("enter")
        await _ready(bob)
        b_screen = bob.screen
        await pb.press("e")
        await pb.pause()
        await pb.press("end", "space", "x", "y", "z")
        card = b_screen.editing
        assert card is not None
        typed = bob.screen.query_one(EditArea).text
        assert typed.endswith(" xyz")
        await pa.press("a")
        await _until(lambda: "changed by ann" in card.note)
        assert b_screen.editing is card, "the editor stayed open"
        assert bob.screen.query_one(EditArea).text == typed, "bob's words were not touched"
        assert card.bullet.status == "pending", "the card still shows what bob is editing"
        await pb.press("enter")  # save: refused as a conflict, as before
        await pb.pause()
        assert b_screen.editing is None
        assert b_screen.cards[0].bullet.status == "approved"
    with Store(target) as store:
        rows = [tuple(r) for r in store.conn.execute("SELECT reviewer, action FROM decisions ORDER BY id")]
        assert rows == [("ann", "approve")]
