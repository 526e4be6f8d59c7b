"""Export is the one output that says "reviewed", and its line names what drafted the
approved bullets: an LLM, or the offline engine (never called an LLM). Editors set the
wording per kind with `--disclosure KIND=TEXT` or TAKEAWAYS_DISCLOSURE_*."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import fixed_clock
from summarizer.cli import main
from summarizer.disclosure import REVIEWED
from summarizer.export import export_store
from summarizer.models import Article, Draft, Takeaway
from summarizer.review import ReviewSession
from summarizer.store import Store


class NamedProvider:
    """A stand-in LLM for regeneration: a fixed bullet, under a provider name."""

    name = "openai"
    model = "regen-model"

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        return Draft(provider=self.name, model=self.model,
                     takeaways=[Takeaway(text=article.sentence_text(2), sources=[2])])


def _session(store: Store) -> tuple[ReviewSession, dict[str, str]]:
    s = ReviewSession(store, "ann", clock=fixed_clock())
    ids = {row.title[:7]: row.article_id for row in s.queue("all")}
    return s, ids


@pytest.fixture
def approved(store_path: Path) -> Path:
    """harbour (drafted by a hand-written 'fixture' provider: an LLM stand-in): bullet 1
    approved; seed (offline engine): bullet 1 approved, bullet 2 edited then approved."""
    with Store(store_path) as store:
        s, ids = _session(store)
        s.approve(s.bullets(ids["Council"])[0])
        seed = s.bullets(ids["Trump-Z"])
        s.approve(seed[0])
        s.approve(s.edit(seed[1], "Two main issues in the peace proposal remain to be resolved."))
    return store_path


def _by_title(paths: list[Path]) -> dict[str, str]:
    return {p.read_text().split("\n")[0][3:10]: p.read_text() for p in paths}


def test_markdown_line_names_the_drafter_and_says_reviewed(approved: Path, tmp_path: Path) -> None:
    with Store(approved) as store:
        summary = export_store(store, tmp_path / "md", "md")
    pages = _by_title(summary.written)
    assert f"*{REVIEWED['llm']}*" in pages["Council"]
    seed = pages["Trump-Z"]
    assert f"*{REVIEWED['extractive']}*" in seed  # edited bullets included: still reviewed
    assert "language model" not in seed and "reviewed by our editorial team" in seed
    assert "Two main issues in the peace proposal remain to be resolved." in seed


def test_json_says_reviewed_provider_and_model(approved: Path, tmp_path: Path) -> None:
    with Store(approved) as store:
        summary = export_store(store, tmp_path / "json", "json")
    records = {r["title"][:7]: r for r in (json.loads(p.read_text()) for p in summary.written)}
    seed, harbour = records["Trump-Z"], records["Council"]
    assert seed["reviewed"] is True and harbour["reviewed"] is True
    assert (seed["provider"], seed["model"], seed["drafted_by"]) == ("extractive", "extractive-v3", "extractive")
    assert (harbour["provider"], harbour["drafted_by"]) == ("fixture", "llm")
    assert [t["provider"] for t in seed["takeaways"]] == ["extractive", "extractive"]
    assert seed["disclosure"] == REVIEWED["extractive"]


def test_cli_disclosure_per_kind_and_environment(approved: Path, tmp_path: Path, capsys,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAKEAWAYS_DISCLOSURE_EXTRACTIVE", "Chosen from the story by software; checked by editors.")
    out = tmp_path / "cli"
    assert main(["export", "--store", str(approved), "--format", "md", "--out", str(out),
                 "--disclosure", "llm=Drafted with AI; checked by editors."]) == 0
    pages = _by_title(sorted(out.glob("*.md")))
    assert "*Drafted with AI; checked by editors.*" in pages["Council"]
    assert "*Chosen from the story by software; checked by editors.*" in pages["Trump-Z"]
    assert main(["export", "--store", str(approved), "--format", "md", "--out", str(out),
                 "--disclosure", "extractive=Picked by a tool."]) == 0
    assert "*Picked by a tool.*" in _by_title(sorted(out.glob("*.md")))["Trump-Z"]  # flag beats env


def test_cli_empty_disclosure_is_a_usage_error(approved: Path, tmp_path: Path, capsys) -> None:
    code = main(["export", "--store", str(approved), "--out", str(tmp_path / "x"), "--disclosure", "llm= "])
    assert code == 2 and "cannot be empty" in capsys.readouterr().err


def test_regenerated_bullet_is_disclosed_by_its_own_provider(approved: Path, tmp_path: Path) -> None:
    """The review app's provider may differ from the draft's: an LLM-regenerated bullet
    on an extractive draft makes the article's line the LLM one; undoing it reverts."""
    with Store(approved) as store:
        s, ids = _session(store)
        seed = s.bullets(ids["Trump-Z"])
        others = [b.text for b in seed if b.id != seed[2].id]
        s.approve(s.regenerate(seed[2], others, NamedProvider()))
        record = json.loads(next(p for p in export_store(store, tmp_path / "a", "json").written
                                 if "Trump" in p.read_text()).read_text())
        assert record["disclosure"] == REVIEWED["llm"] and record["drafted_by"] == "llm"
        assert [t["provider"] for t in record["takeaways"]] == ["extractive", "extractive", "openai"]
        assert record["takeaways"][2]["model"] == "regen-model"
        s.undo(ids["Trump-Z"])  # the approval
        s.undo(ids["Trump-Z"])  # the regeneration
        s.approve(s.bullets(ids["Trump-Z"])[2])
        record = json.loads(next(p for p in export_store(store, tmp_path / "b", "json").written
                                 if "Trump" in p.read_text()).read_text())
        assert record["disclosure"] == REVIEWED["extractive"]
