"""The review app with a judge: verdict beside the lexical one, asked in a worker
once typing pauses, never blocking a key (pilot tests, scripted judge server)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from review_tui.app import ReviewApp
from review_tui.screens import ReviewScreen
from summarizer.judge.cache import JudgeCache
from summarizer.judge.core import Judge
from summarizer.providers.extractive import ExtractiveProvider
from tests.judge.conftest import answer, settings
from tests.tui.conftest import build_store, fixed_clock

SIZE = (140, 44)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    # its own MonkeyPatch: build_store undoes every patch of the one it is given,
    # which would drop this suite's tmp XDG_CACHE_HOME
    with pytest.MonkeyPatch.context() as mp:
        return build_store(tmp_path / "review.db", mp, seed=False)


def make_app(path: Path, server) -> ReviewApp:
    return ReviewApp(path, reviewer="ann", queue="all", clock=fixed_clock(), provider_factory=ExtractiveProvider,
                     judge_factory=lambda: Judge(settings(server), JudgeCache(store_path=str(path))))


async def until(pilot, condition, limit: float = 30.0) -> None:
    """Wait (in small pauses, so the app keeps running) until `condition()` holds."""
    waited = 0.0
    while not condition():
        assert waited < limit, "timed out waiting"
        await pilot.pause(0.05)
        waited += 0.05


def screen_text(app: ReviewApp) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def test_judge_runs_after_typing_pauses_and_never_blocks_a_key(server, store_path, tmp_path, monkeypatch):
    assert os.environ["XDG_CACHE_HOME"].startswith(str(tmp_path))
    # a longer pause than in use, so a busy test machine's slow key presses are not
    # taken for a pause in typing
    monkeypatch.setattr(ReviewScreen, "JUDGE_DELAY", 2.0)
    server.default = answer("No")
    server.default.hang = 3.0  # a slow judge
    app = make_app(store_path, server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        card = screen.cards[0]
        await pilot.press("e", *" today")
        await pilot.pause(ReviewScreen.REVALIDATE_DELAY + 0.05)
        assert server.requests == [], "typing (and short pauses) ask the judge nothing"
        await until(pilot, lambda: len(server.requests) == 1)
        assert card.judging
        assert "judge: asking..." in screen_text(app)
        await pilot.press(*" again")  # keys go through while the judge is asked
        assert screen.query_one("#editor").text.endswith("today again")
        assert not card.judging, "the answer for the old text is abandoned"
        await until(pilot, lambda: len(server.requests) == 2)
        await until(pilot, lambda: any(r.name == "judge" for r in card.check.checks))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(server.requests) == 2
        claim = server.bodies()[-1]["messages"][0]["content"].rsplit("Claim: ", 1)[1]
        assert claim.endswith("today again")
        assert "judge: no" in screen_text(app)
        assert card.check.verdict != "supported"
        assert any(r.startswith("judge (judge-model): not supported") for r in card.check.reasons)
        await pilot.press("ctrl+s")
        await pilot.pause()
    conn = sqlite3.connect(store_path)
    stored = json.loads(conn.execute("SELECT check_json FROM takeaways ORDER BY id LIMIT 1").fetchone()[0])
    assert any(c["name"] == "judge" and c["passed"] is False for c in stored["checks"])


async def test_without_a_judge_nothing_is_asked(server, store_path):
    app = ReviewApp(store_path, reviewer="ann", queue="all", clock=fixed_clock(), provider_factory=ExtractiveProvider)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e", *" today")
        await pilot.pause(ReviewScreen.JUDGE_DELAY + 0.3)
        await app.workers.wait_for_complete()
        assert "judge:" not in screen_text(app) and server.requests == []


async def test_a_regenerated_bullet_is_judged_like_a_drafted_one(server, store_path):
    """`g` asks the engine for a new bullet, then the judge: its "No" is on the new
    bullet's check when it lands, on screen and in the store."""
    server.default = answer("No")
    app = make_app(store_path, server)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        before = screen.cards[0].bullet.text
        await pilot.press("g")
        await until(pilot, lambda: screen.cards[0].bullet.text != before)
        await app.workers.wait_for_complete()
        await pilot.pause()
        card = screen.cards[0]
        assert len(server.requests) == 1
        assert server.bodies()[0]["messages"][0]["content"].rsplit("Claim: ", 1)[1].strip() == card.bullet.text
        assert any(r.name == "judge" and not r.passed for r in card.check.checks)
        assert card.check.verdict != "supported"
    conn = sqlite3.connect(store_path)
    text, check_json = conn.execute("SELECT text, check_json FROM takeaways ORDER BY id LIMIT 1").fetchone()
    assert text == card.bullet.text
    assert any(c["name"] == "judge" and c["passed"] is False for c in json.loads(check_json)["checks"])
