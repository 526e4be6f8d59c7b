"""Fixtures for the desk: the same store tests on SQLite and on a real PostgreSQL
server (tests/pgserver.py), built through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import plain_article
from summarizer.models import Draft, Takeaway
from summarizer.pipeline import check_draft


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty store of the backend under test: a file path or a database URL."""
    if backend == "sqlite":
        return str(tmp_path / "desk.db")
    return request.getfixturevalue("pg_url")


def article_result(n: int, bullets: int = 4):
    """A small article with `bullets` supported bullets, checked by the real validator."""
    sentences = [f"Article {n} reports that the council of town {n} approved plan {i} on Monday "
                 f"after a long debate about costs." for i in range(bullets + 1)]
    article = plain_article("\n\n".join(sentences), title=f"Article {n}")
    draft = Draft(provider="fixture", model="hand-written", created_at="2026-01-05T06:00:00+00:00",
                  takeaways=[Takeaway(text=sentences[i], sources=[i]) for i in range(bullets)])
    return check_draft(article, draft)
