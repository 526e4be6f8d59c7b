"""Fixtures for the review core, the TUI and export: small stores built through the
real pipeline (extractive engine, real validator) from hand-written articles and
the seed article, with fixed timestamps so snapshots are reproducible."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from summarizer.ingest import ingest_path, plain_article
from summarizer.models import Draft, Takeaway
from summarizer.pipeline import check_draft, run
from summarizer.providers.extractive import ExtractiveProvider
from summarizer.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_b3b082b68e0ca19b.txt"

HARBOUR = """The city council voted 7 to 2 on Tuesday to close the old harbour bridge to cars from March.

Mayor Lena Ortiz said the bridge, built in 1931, can no longer carry heavy traffic safely.

Engineers found cracks in three of the bridge's steel supports during an inspection in January.

Cyclists and pedestrians will still be allowed to cross while repairs are planned.

The council set aside 12 million euros for the repairs, which are expected to take two years.

Local shop owners said the closure would hurt business on the north side of the harbour."""

MARKUP = """Police said a banner reading [bold]x[/] and [link=https://example.invalid]click here[/link] was hung on the town hall on Friday.

The banner was removed within an hour by council staff, a spokesperson said.

Nobody was arrested, and police asked witnesses to come forward with information.

The town hall reopened to visitors on Saturday morning after a routine security check."""

# Drafted bullets with known problems, so the queue has flagged and unsupported ones.
HARBOUR_BULLETS = [
    Takeaway(text="The city council voted 7 to 2 to close the old harbour bridge to cars from March.", sources=[0]),
    Takeaway(text="Engineers found cracks in three steel supports of the bridge in January.", sources=[2]),
    Takeaway(text="The mayor resigned after protests by angry fishermen over toll prices.", sources=[]),
    Takeaway(text="Repairs are expected to take two years and cost 12 million euros.", sources=[4]),
]
MARKUP_BULLETS = [
    Takeaway(text="A banner reading [bold]x[/] and [link=https://example.invalid]click here[/link] hung on the town hall.",
             sources=[0]),
    Takeaway(text="Council staff removed the banner within an hour.", sources=[1]),
    Takeaway(text="Police arrested two suspects on Saturday night.", sources=[]),
]


def fixed_clock(start: int = 0):
    """A clock returning 2026-01-05T09:MM:SS+00:00, one second later on each call."""
    counter = itertools.count(start)

    def now() -> str:
        n = next(counter)
        return f"2026-01-05T09:{n // 60 % 60:02d}:{n % 60:02d}+00:00"

    return now


def _draft(takeaways: list[Takeaway]) -> Draft:
    return Draft(provider="fixture", model="hand-written", created_at="2026-01-05T06:00:00+00:00",
                 takeaways=takeaways)


def build_store(path: Path, monkeypatch: pytest.MonkeyPatch, seed: bool = True) -> Path:
    """harbour (hand-written bullets: one unsupported), markup (markup-like text:
    one unsupported), seed (extractive engine), oldest first in that order."""
    import summarizer.store as store_module

    monkeypatch.setattr(store_module, "utcnow", fixed_clock())
    harbour = plain_article(HARBOUR, title="Council closes old harbour bridge to cars")
    markup = plain_article(MARKUP, title="Banner with [bold]markup[/] removed from town hall")
    with Store(path) as store:
        store.save_result(check_draft(harbour, _draft(HARBOUR_BULLETS)))
        store.save_result(check_draft(markup, _draft(MARKUP_BULLETS)))
        if seed:
            result = run(ingest_path(SEED), ExtractiveProvider(), 4)
            result.draft.created_at = "2026-01-05T06:00:00+00:00"
            result.draft.latency_ms = 0.0
            store.save_result(result)
    monkeypatch.undo()
    return path


@pytest.fixture(scope="session")
def _template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run (the seed goes through the real pipeline); tests get copies."""
    with pytest.MonkeyPatch.context() as mp:
        return build_store(tmp_path_factory.mktemp("template") / "review.db", mp)


@pytest.fixture
def store_path(tmp_path: Path, _template_store: Path) -> Path:
    path = tmp_path / "review.db"
    shutil.copyfile(_template_store, path)  # closed store, WAL checkpointed: one file
    return path
