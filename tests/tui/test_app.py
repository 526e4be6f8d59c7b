"""The review app driven with `App.run_test()`: every key, the note modal, editing
with live revalidation, regenerate in a worker, undo, conflicts, escaping, and
that decisions are in the store after the app is torn down mid-session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import fixed_clock
from review_tui.app import ReviewApp
from review_tui.screens import HelpScreen, NoteModal, QueueScreen, ReviewScreen
from review_tui.widgets import ArticleView, BulletCard
from summarizer.providers.extractive import ExtractiveProvider
from summarizer.review import ReviewSession
from summarizer.store import Store

SIZE = (140, 44)


def make_app(path: Path, **kwargs) -> ReviewApp:
    kwargs.setdefault("queue", "all")
    return ReviewApp(path, reviewer="ann", clock=fixed_clock(), provider_factory=ExtractiveProvider, **kwargs)


def screen_text(app: ReviewApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def rows(path: Path, sql: str, *args) -> list[sqlite3.Row]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def statuses(path: Path, title_prefix: str) -> list[str]:
    return [r["status"] for r in rows(
        path, "SELECT t.status FROM takeaways t JOIN articles a ON a.id = t.article_id "
              "WHERE a.title LIKE ? ORDER BY t.position", title_prefix + "%")]


async def open_first(pilot) -> ReviewScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_queue_lists_articles_oldest_first_and_enter_opens(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert [r.title[:7] for r in queue.rows] == ["Council", "Banner ", "Trump-Z"]
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.article_id == queue.rows[1].article_id
        assert len(screen.cards) == 3
        await pilot.press("escape")
        assert app.screen is queue


async def test_queue_sort_and_filter_keys(store_path: Path) -> None:
    app = make_app(store_path, queue="flagged")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert [r.title[:7] for r in queue.rows] == ["Council", "Banner "]  # the seed has no flagged bullet
        await pilot.press("f")  # flagged -> all
        assert queue.which == "all" and len(queue.rows) == 3
        await pilot.press("s")  # oldest -> title
        assert [r.title[:7] for r in queue.rows] == ["Banner ", "Council", "Trump-Z"]
        await pilot.press("s")  # title -> most pending
        assert queue.rows[0].pending == max(r.pending for r in queue.rows)


async def test_j_k_up_down_move_and_evidence_follows(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(120, 14)) as pilot:  # short, so the seed article scrolls
        await pilot.press("end", "enter")  # the seed article
        await pilot.pause()
        screen = app.screen
        view = screen.query_one(ArticleView)
        assert screen.selected == 0
        for key, expected in (("j", 1), ("down", 2), ("j", 3), ("j", 3), ("k", 2), ("up", 1)):
            await pilot.press(key)
            assert screen.selected == expected, key
            card = screen.cards[expected]
            assert card.has_class("-selected")
            assert view.evidence == sorted((e.start, e.end) for e in card.bullet.check.evidence)
        # the last bullet's evidence is far down the seed article: it was scrolled into view
        await pilot.press("j", "j")
        await pilot.pause()
        first = view.evidence[0][0]
        line = view.line_of(first)
        top = int(view.scroll_offset.y)
        assert line > view.size.height, "precondition: the evidence starts below the first screen"
        assert top <= line < top + view.size.height


async def test_a_approves_and_moves_on(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("a")
        assert statuses(store_path, "Council") == ["approved", "pending", "pending", "pending"]
        assert screen.selected == 1
        assert screen.cards[0].has_class("-approved")
        assert "✓ approved" in screen_text(app)


async def test_x_rejects_and_moves_on(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("j", "x")
        assert statuses(store_path, "Council") == ["pending", "rejected", "pending", "pending"]
        assert screen.selected == 2


async def test_approving_unsupported_asks_for_a_note(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("j", "j")
        assert screen.current.verdict == "unsupported", "fixture precondition"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteModal)
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert app.screen is screen
        assert statuses(store_path, "Council")[2] == "pending"
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # an empty note is refused
        assert isinstance(app.screen, NoteModal)
        await pilot.press(*"per desk")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert statuses(store_path, "Council")[2] == "approved"
        (d,) = rows(store_path, "SELECT * FROM decisions")
        assert (d["note"], d["reviewer"], d["verdict"]) == ("per desk", "ann", "unsupported")
        assert screen.selected == 3
        assert "note: per desk" in screen_text(app)


async def test_edit_revalidates_as_you_type_and_ctrl_s_saves(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        card = screen.cards[0]
        before = card.check
        await pilot.press("e")
        assert screen.editing is card
        await pilot.press(*" a moon quiz cheese")  # 'a', 'q', 'e' etc. type, not act
        await pilot.pause(ReviewScreen.REVALIDATE_DELAY + 0.1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert card.check.score < before.score, "the badge follows the text being typed"
        marked = " ".join(s.text for s in card.check.unsupported_spans).split()
        assert {"moon", "quiz", "cheese"} <= set(marked)
        assert statuses(store_path, "Council")[0] == "pending"
        assert rows(store_path, "SELECT count(*) FROM decisions")[0][0] == 0, "nothing saved while typing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.editing is None
        (t,) = rows(store_path, "SELECT text, verdict FROM takeaways WHERE id = ?", card.bullet.id)
        assert t["text"].endswith("a moon quiz cheese")
        assert card.bullet.text == t["text"] and card.bullet.verdict == t["verdict"]
        assert "edited" in screen_text(app)


async def test_escape_cancels_an_edit(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        original = screen.cards[0].bullet
        await pilot.press("e", *"xyz", "escape")
        await pilot.pause()
        assert screen.editing is None and app.screen is screen
        assert screen.cards[0].check == original.check
        assert rows(store_path, "SELECT text FROM takeaways WHERE id = ?", original.id)[0][0] == original.text
        assert rows(store_path, "SELECT count(*) FROM decisions")[0][0] == 0


async def test_g_regenerates_in_a_worker(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")  # the seed article, extractive bullets
        await pilot.pause()
        screen = app.screen
        await pilot.press("j")
        old = screen.current
        others = {c.bullet.text for c in screen.cards if c.bullet.id != old.id}
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        new = screen.cards[1].bullet
        assert new.id == old.id and new.text != old.text and new.text not in others
        assert screen.cards[1].note == ""
        (d,) = rows(store_path, "SELECT * FROM decisions")
        assert (d["action"], d["before_text"], d["after_text"]) == ("regenerate", old.text, new.text)


async def test_u_undoes_the_last_decision(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("a", "x")
        assert statuses(store_path, "Council")[:2] == ["approved", "rejected"]
        await pilot.press("u")
        assert statuses(store_path, "Council")[:2] == ["approved", "pending"]
        assert screen.selected == 1
        await pilot.press("u")
        assert statuses(store_path, "Council")[:2] == ["pending", "pending"]
        await pilot.press("u")  # nothing left: a message, no change
        assert statuses(store_path, "Council")[:2] == ["pending", "pending"]


async def test_n_p_move_between_articles(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        ids = app.queue_ids
        await pilot.press("n")
        assert screen.article_id == ids[1] and len(screen.cards) == 3
        await pilot.press("n")
        assert screen.article_id == ids[2]
        await pilot.press("n")  # the end: stays
        assert screen.article_id == ids[2]
        await pilot.press("p", "p")
        assert screen.article_id == ids[0]
        await pilot.press("p")
        assert screen.article_id == ids[0]


async def test_q_quits_from_queue_and_review(store_path: Path) -> None:
    for keys in (("q",), ("enter", "q")):
        app = make_app(store_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            assert not app.is_running


async def test_question_mark_lists_every_binding(store_path: Path) -> None:
    from review_tui.keys import SPECS

    app = make_app(store_path)
    async with app.run_test(size=(140, 50)) as pilot:
        await open_first(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for spec in SPECS:
            assert spec.id in text and spec.description in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_keys_are_remappable(store_path: Path) -> None:
    app = make_app(store_path, keymap={"review.approve": "y", "review.down": "ctrl+n"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("a")
        assert statuses(store_path, "Council")[0] == "pending"
        await pilot.press("y")
        assert statuses(store_path, "Council")[0] == "approved"
        await pilot.press("ctrl+n")
        assert screen.selected == 2


async def test_markup_in_article_and_bullets_shows_literally(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(160, 44)) as pilot:
        assert "Banner with [bold]markup[/] removed" in screen_text(app)  # queue title
        await pilot.press("down", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] and [link=https://example.invalid]click here[/link]" in text  # article
        assert text.count("[bold]x[/]") >= 2  # and the bullet
        # while editing, the live check renders the same text literally
        await pilot.press("e", "space", *"[red]", "ctrl+s")
        await pilot.pause()
        assert "[red]" in screen_text(app)


async def test_conflict_with_another_editor_is_shown_and_reloaded(store_path: Path) -> None:
    # live updates off: this is the stale-write guard for a change that lands between
    # a refresh and a key (tests/desk/test_live_tui.py covers the live screens)
    app = make_app(store_path, live=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        with Store(store_path) as other:
            bob = ReviewSession(other, "bob", clock=lambda: "2026-01-05T10:00:00+00:00")
            bob.edit(bob.bullets(screen.article_id)[0], "The council voted 7 to 2 to close the harbour bridge to cars.")
        await pilot.press("a")
        await pilot.pause()
        assert statuses(store_path, "Council")[0] == "pending", "ann's stale approve was refused"
        messages = [n.message for n in app._notifications]
        assert any("changed by bob at 2026-01-05T10:00:00+00:00 since you opened it; reloaded" in m
                   for m in messages)
        assert screen.cards[0].bullet.text == "The council voted 7 to 2 to close the harbour bridge to cars."
        await pilot.press("a")  # now on the fresh version: allowed
        assert statuses(store_path, "Council")[0] == "approved"


async def test_torn_down_mid_session_loses_nothing(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await pilot.press("a", "x", "e", *" more", "ctrl+s")
        await pilot.pause()
        # no quit: the test harness tears the app down with the review screen open
    assert statuses(store_path, "Council")[:3] == ["approved", "rejected", "pending"]
    actions = [r["action"] for r in rows(store_path, "SELECT action FROM decisions ORDER BY id")]
    assert actions == ["approve", "reject", "edit"]
    reopened = make_app(store_path)
    async with reopened.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert [c.bullet.status for c in screen.cards][:3] == ["approved", "rejected", "pending"]
        assert screen.cards[2].bullet.text.endswith(" more")
        assert screen.selected == 2, "reopening lands on the first pending bullet"


async def test_mouse_header_click_sorts_and_row_click_opens(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        await pilot.click("#queue-header", offset=(3, 0))  # the Title column
        assert queue.sort_key == "title" and [r.title[:7] for r in queue.rows][0] == "Banner "
        await pilot.click("#queue-header", offset=(3, 0))  # again: reversed
        assert queue.reverse and queue.rows[0].title.startswith("Trump")
        assert queue.query_one("#queue").cursor == 1, "the cursor stays on the same article (Council)"
        await pilot.click("#queue", offset=(5, 2))  # third row: moves the cursor
        assert queue.query_one("#queue").cursor == 2
        await pilot.click("#queue", offset=(5, 2))  # clicked again: opens it
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.article_id == queue.rows[2].article_id


async def test_large_queue_keys_page_and_jump(tmp_path: Path) -> None:
    from summarizer.ingest import plain_article
    from summarizer.models import Draft, Takeaway
    from summarizer.pipeline import check_draft

    path = tmp_path / "many.db"
    with Store(path) as store:
        for i in range(120):
            a = plain_article(f"Item {i} was counted by the clerks on Monday in the town of Ashford.",
                              title=f"Story {i:03d}")
            store.save_result(check_draft(a, Draft(provider="t", model="t", takeaways=[
                Takeaway(text=f"Item {i} was counted by the clerks on Monday.", sources=[0])])))
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one("#queue")
        await pilot.press("end")
        assert table.cursor == 119 and table.scroll_offset.y > 0
        await pilot.press("home", "pagedown")
        assert table.cursor == table.page()
        await pilot.press("j", "k", "k")
        assert table.cursor == table.page() - 1


async def test_regenerate_failure_is_a_message_not_a_crash(store_path: Path) -> None:
    from summarizer.errors import ProviderError

    class Down:
        name, model = "openai", "down"

        def draft(self, article, n, exclude=()):
            raise ProviderError("endpoint http://127.0.0.1:9 refused the connection after 3 tries")

    app = ReviewApp(store_path, reviewer="ann", queue="all", clock=fixed_clock(), provider_factory=Down)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        before = screen.current.text
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert any("Regenerate failed: endpoint" in n.message for n in app._notifications)
        assert screen.cards[0].bullet.text == before and screen.cards[0].note == ""
        await pilot.press("a")  # the editor carries on
        assert statuses(store_path, "Council")[0] == "approved"


async def test_queue_refresh_and_return_keep_the_place(store_path: Path) -> None:
    app = make_app(store_path, queue="pending")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert len(queue.rows) == 3
        await pilot.press("enter", "x", "x", "x", "x", "escape")  # reject all four harbour bullets
        await pilot.pause()
        assert app.screen is queue
        assert [r.title[:7] for r in queue.rows] == ["Banner ", "Trump-Z"]  # done: out of the pending queue
        assert queue.table.cursor == 0, "the cursor is on what took its place"
        with Store(store_path) as other:  # meanwhile another editor finishes the banner article
            bob = ReviewSession(other, "bob")
            for b in bob.bullets(queue.rows[0].article_id):
                bob.reject(b)
        await pilot.press("r")
        assert [r.title[:7] for r in queue.rows] == ["Trump-Z"]


async def test_fast_typing_then_save_keeps_every_character(store_path: Path) -> None:
    """Keys arriving in one burst (a fast typist, tmux send-keys) are applied in order:
    the save sees every character typed before it, and a key typed right after the
    save acts on the review screen instead of being typed into the closing editor."""
    from textual import events

    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        app.post_message(events.Key("e", "e"))  # typing starts before the editor exists
        for ch in " Y.":
            app.post_message(events.Key(ch, ch))
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("a", "a"))  # approve at once: goes to the screen, not the editor
        await pilot.pause(0.3)
        await pilot.pause()
        assert screen.editing is None
        (row,) = rows(store_path, "SELECT text, status FROM takeaways WHERE id = ?", screen.cards[0].bullet.id)
        assert row["text"].endswith("from March. Y.")
        assert row["status"] == "approved"
        actions = [r["action"] for r in rows(store_path, "SELECT action FROM decisions ORDER BY id")]
        assert actions == ["edit", "approve"]
        # Enter saves too (a bullet is one line), with the same ordering guarantee
        await pilot.press("e")
        for ch in " Z.":
            app.post_message(events.Key(ch, ch))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.3)
        await pilot.pause()
        (row,) = rows(store_path, "SELECT text FROM takeaways WHERE id = ?", screen.cards[1].bullet.id)
        assert row["text"].endswith(". Z.") and "\n" not in row["text"]


async def test_regenerate_never_blocks_the_ui(store_path: Path) -> None:
    """While a slow provider works, the editor keeps moving and deciding other
    bullets; the bullet being regenerated refuses decisions until it is back."""
    import threading

    release = threading.Event()

    class Slow(ExtractiveProvider):
        def draft(self, article, n, exclude=()):
            assert release.wait(10), "test did not release the provider"
            return super().draft(article, n, exclude)

    app = ReviewApp(store_path, reviewer="ann", queue="all", clock=fixed_clock(), provider_factory=Slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert screen.cards[0].note == "regenerating…"
        await pilot.press("a")  # refused: still regenerating
        assert statuses(store_path, "Council")[0] == "pending"
        await pilot.press("j", "x")  # the rest of the UI works meanwhile
        assert statuses(store_path, "Council")[1] == "rejected"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.cards[0].note == ""
        assert [r["action"] for r in rows(store_path, "SELECT action FROM decisions ORDER BY id")] == [
            "reject", "regenerate"]
