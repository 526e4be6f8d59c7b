"""SVG snapshots of the queue, review and help screens at a fixed terminal size.

Deterministic by construction: fixed store timestamps and reviewer, no clock on
screen. Update after an intended UI change with `pytest tests/tui --snapshot-update`
and look at the SVGs before committing them. The verdict badges come from the
validator, so a validator change can legitimately change these pictures.
"""

from __future__ import annotations

from pathlib import Path

from test_app import make_app

TERMINAL = (130, 40)


def test_queue_screen(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), terminal_size=TERMINAL)


def test_review_screen_on_an_unsupported_bullet(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), press=["enter", "j", "j"], terminal_size=TERMINAL)


def test_review_screen_with_markup_in_the_text(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), press=["down", "enter"], terminal_size=TERMINAL)


def test_help_screen(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), press=["enter", "question_mark"], terminal_size=(130, 44))


# A common terminal size: the footer must keep help and quit, the queue whole titles.
SMALL = (80, 24)


def test_queue_screen_at_80x24(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), terminal_size=SMALL)


def test_review_screen_at_80x24(snap_compare, store_path: Path) -> None:
    assert snap_compare(make_app(store_path), press=["enter"], terminal_size=SMALL)
