"""The offline extractive engine: short, faithful, non-redundant, cited bullets."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.ingest import ingest_path
from summarizer.pipeline import run
from summarizer.providers import get_provider
from summarizer.providers.compress import compress
from summarizer.providers.extractive import ExtractiveProvider
from summarizer.text import content_stems, word_count

PAGES = Path(__file__).parent / "pages"
ARTICLES = [
    Path(__file__).resolve().parents[2] / "seeds" / "000_b3b082b68e0ca19b.txt",
    PAGES / "harbor_bridge.txt",
    PAGES / "clinic_strike.txt",
    PAGES / "library_hours.html",
    PAGES / "ferry_fares.md",
]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_bullets_are_short_cited_supported_and_distinct(path: Path) -> None:
    article = ingest_path(path)
    result = run(article, ExtractiveProvider(), n=4)
    assert 3 <= len(result.takeaways) <= 4
    seen: list[set[str]] = []
    for t in result.takeaways:
        assert word_count(t.text) <= 25
        assert t.verdict == "supported", (t.text, t.reasons)
        assert len(t.sources) == 1
        source = article.sentence_text(t.sources[0])
        # every content word of the bullet comes from its cited sentence
        assert set(content_stems(t.text)) <= set(content_stems(source)), (t.text, source)
        stems = set(content_stems(t.text))
        assert all(len(stems & s) / len(stems | s) <= 0.3 for s in seen)
        seen.append(stems)


def test_exclude_gives_other_bullets(seed_path: Path) -> None:
    article = ingest_path(seed_path)
    engine = ExtractiveProvider()
    first = engine.draft(article, 3)
    again = engine.draft(article, 3, exclude=[t.text for t in first.takeaways])
    assert not {t.text for t in first.takeaways} & {t.text for t in again.takeaways}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("KYIV — Russia and Ukraine on Monday remained far apart on territorial issues.",
         "Russia and Ukraine on Monday remained far apart on territorial issues."),
        ("The plan, which the mayor (a Democrat) backed, passed on Tuesday after a long debate.",
         "The plan, which the mayor backed, passed on Tuesday after a long debate."),
        ("Despite weeks of loud protests outside city hall by parents and teachers from across the district, "
         "the council approved the new budget for next year on Tuesday night.",
         "The council approved the new budget for next year on Tuesday night."),
        ("Despite the protests, the council approved the new budget on Tuesday night.",
         "Despite the protests, the council approved the new budget on Tuesday night."),
        ("Prices for homes and rents rose by about a fifth over the past year in the capital region and its "
         "suburbs, officials at the housing ministry said.",
         "Prices for homes and rents rose by about a fifth over the past year in the capital region and its suburbs."),
        ("Tom Haldane will be named as the team's full-time coach on Monday - just six weeks after he "
         "was asked to step in until the end of the campaign.",
         "Tom Haldane will be named as the team's full-time coach on Monday."),
        ("The province is due to repay a big loan to the World Bank on Wednesday but there "
         "were fears the deeply indebted region would miss the payment.",
         "The province is due to repay a big loan to the World Bank on Wednesday."),
    ],
)
def test_compress_rules(sentence: str, expected: str) -> None:
    assert compress(sentence) == expected


def test_compress_does_not_cut_a_negated_claim_at_a_weak_boundary() -> None:
    s = ("The ministry did not approve the plan for the new northern railway line to the coast at the long "
         "meeting of the regional transport board in the capital on Friday afternoon.")
    assert compress(s) is None  # "did not approve the plan" alone would overstate


_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or",
                   "but", "that", "which", "who", "after", "before", "while", "although", "towards"}


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?\"'()").lower() for w in text.split() if w.strip(".,;:!?\"'()")]


def assert_shortening(sentence: str, out: str | None) -> str:
    """`out` is a bullet drawn from `sentence`: present, at most 25 words, its words in
    the sentence's order (only deletions), and ending as a sentence, not on a
    preposition, article or conjunction left dangling by a cut."""
    assert out is not None, f"no bullet from a sentence that has a safe cut: {sentence!r}"
    assert len(out.split()) <= 25, out
    assert out.endswith((".", "!", "?")), out
    rest = iter(_words(sentence))
    assert all(w in rest for w in _words(out)), f"not a shortening of the sentence: {out!r}"
    assert _words(out)[-1] not in _FUNCTION_WORDS, f"ends on a fragment: {out!r}"
    return out


def test_compress_never_leaves_a_fragment() -> None:
    s = ("Trump's decision to hold talks with Zelenskyy in Florida on Sunday had widely raised hopes of at least "
         "some progress, although the meeting ended without agreement on the territorial questions dividing "
         "the two sides.")
    out = assert_shortening(s, compress(s))
    assert "raised hopes" in out  # the main clause, whole: not cut after "in Florida" or "on Sunday"
    assert not out.endswith(("of.", "Florida.", "Sunday.", "hopes.")), out
    assert "although" not in out and "without agreement" not in out  # the trailing clause went, not a piece of it


def test_compress_never_splits_a_list() -> None:
    s = ("Zelenskyy said he was open to any format of communication with Russia, and a meeting would be "
         "possible after Trump and European leaders agree on the framework for peace.")
    out = assert_shortening(s, compress(s))
    assert "open to any format of communication" in out
    assert ("Trump" in out) == ("European leaders" in out), out  # the pair stays together or goes together
    assert "after Trump." not in out


def test_compress_skips_quotations_and_pronoun_openers() -> None:
    assert compress('"We are talking about the withdrawal of forces from the region," Peskov said.') is None
    assert compress("He said a call was planned soon between the two leaders, but did not say when.") is None


def test_auto_provider_is_extractive_without_endpoint(capsys: pytest.CaptureFixture[str]) -> None:
    provider = get_provider("auto")
    assert provider.name == "extractive"
    assert "offline extractive engine" in capsys.readouterr().err
