"""The review app at 80×24 and narrower: the footer keeps the keys that matter
(help and quit first, then the review decisions), never cut mid-label, and the
queue's title column takes the width the number columns leave."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_tui.screens import HelpScreen, QueueScreen, ReviewScreen
from review_tui.widgets import KeyFooter
from test_app import make_app, open_first, screen_text


def footer_text(app) -> str:
    return screen_text(app).splitlines()[-1].strip()


def labels(app) -> list[str]:
    """The footer's entries as shown ("a Approve", ...), from its widgets."""
    footer = app.screen.query_one(KeyFooter)
    from textual.widgets._footer import FooterKey

    return [f"{k.key_display} {k.description}" for k in footer.query(FooterKey)]


async def test_queue_at_80x24_shows_help_quit_and_whole_titles(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        footer = footer_text(app)
        assert "? Help" in footer and "q Quit" in footer, footer
        assert footer.endswith("q Quit")  # nothing after it was cut off
        lines = screen_text(app).splitlines()
        [row] = [line for line in lines if "Council closes" in line]
        title = row.split("  ")[0].strip()
        assert title.rstrip("…").startswith("Council closes old harbour bridge to c"), row
        assert len(title) > 30  # it was cut to 18 characters at this width
        header = next(line for line in lines if line.lstrip().startswith("Title"))
        assert "Pend" in header and "Added" in header  # the number columns narrowed instead


async def test_review_at_80x24_footer_has_the_decisions_help_and_quit(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot)
        await pilot.pause()
        footer = footer_text(app)
        for entry in ("a Approve", "x Reject", "e Edit", "n Next", "p Prev", "? Help", "q Quit"):
            assert entry in footer, footer
        assert footer.endswith("q Quit")
        assert len(footer) <= 80


@pytest.mark.parametrize("width", [40, 52, 60, 70, 80, 100, 140])
async def test_footer_fits_any_width_keeping_help_and_quit(store_path: Path, width: int) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_first(pilot)
        await pilot.pause()
        shown = labels(app)
        assert "? Help" in shown and "q Quit" in shown, shown
        footer = footer_text(app)
        assert footer.endswith("q Quit") and len(footer) <= width, footer  # every entry whole
        if width >= 60:
            assert {"a Approve", "x Reject", "e Edit"} <= set(shown), shown
        if width >= 80:
            assert {"n Next", "p Prev", "u Undo"} <= set(shown), shown


async def test_footer_follows_a_resize_and_the_keymap(store_path: Path) -> None:
    app = make_app(store_path, keymap={"app.help": "h", "review.approve": "y"})
    async with app.run_test(size=(140, 24)) as pilot:
        await open_first(pilot)
        await pilot.pause()
        wide = labels(app)
        assert "h Help" in wide and "y Approve" in wide and "g Regen" in wide
        await pilot.resize_terminal(48, 24)
        await pilot.pause()
        await pilot.pause()
        narrow = labels(app)
        assert "h Help" in narrow and "q Quit" in narrow and "g Regen" not in narrow, narrow
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_help_at_60x24_lists_every_key_the_footer_leaves_out(store_path: Path) -> None:
    from review_tui.keys import SPECS

    app = make_app(store_path)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_first(pilot)
        await pilot.pause()
        assert "g Regen" not in labels(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen = screen_text(app)
        for _ in range(12):  # the keyboard scrolls the help: every binding can be read
            await pilot.press("pagedown")
            await pilot.pause()
            seen += screen_text(app)
        for spec in SPECS:
            assert spec.id in seen, spec.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
