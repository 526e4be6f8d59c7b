"""The validator: tie each claim to evidence in the article and flag what is missing.

Public interface (stable; the CLI, pipeline, TUI and batch use only these):

* `check_claim(article, text, cited=()) -> Check`
* `validate_takeaways(article, takeaways) -> list[Check]`

This is the first pass: best-sentence alignment by content-word overlap, coverage
of content words and numbers. The full validator replaces the internals.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import Article, Check, CheckResult, Span, Takeaway
from summarizer.text import content_stems, is_content, stem, tokens

SUPPORTED_MIN = 0.85
REVIEW_MIN = 0.6


def _sentence_stems(article: Article) -> list[set[str]]:
    return [set(content_stems(article.sentence_text(s.index))) for s in article.sentences]


def check_claim(article: Article, text: str, cited: Sequence[int] = ()) -> Check:
    """Align `text` to its best supporting sentence(s) and score its coverage."""
    sent_stems = _sentence_stems(article)
    claim_tokens = [(w, s, e) for w, s, e in tokens(text) if is_content(w)]
    claim = {stem(w) for w, _, _ in claim_tokens}
    ranked = sorted(
        range(len(sent_stems)),
        key=lambda i: (-(len(claim & sent_stems[i]) + (0.5 if i in cited else 0)), i),
    )
    chosen: list[int] = []
    covered: set[str] = set()
    for i in ranked[:3]:
        gain = (claim & sent_stems[i]) - covered
        if gain and (not chosen or len(gain) >= 2):
            chosen.append(i)
            covered |= gain
    missing = [(w, s, e) for w, s, e in claim_tokens if stem(w) not in covered]
    coverage = 1.0 if not claim else len(claim & covered) / len(claim)
    evidence = [
        Span(start=article.sentences[i].start, end=article.sentences[i].end, text=article.sentence_text(i))
        for i in sorted(chosen)
    ]
    unsupported = [Span(start=s, end=e, text=text[s:e]) for _, s, e in missing]
    checks = [
        CheckResult(
            name="coverage",
            passed=coverage >= SUPPORTED_MIN,
            message=(
                "all content words found in the evidence"
                if not missing
                else "not found in the evidence: " + ", ".join(f"'{w}'" for w, _, _ in missing)
            ),
            spans=[(s, e) for _, s, e in missing],
        )
    ]
    verdict = "supported" if coverage >= SUPPORTED_MIN else "review" if coverage >= REVIEW_MIN else "unsupported"
    reasons = [c.message for c in checks if not c.passed]
    return Check(
        verdict=verdict,
        score=round(coverage, 4),
        evidence=evidence,
        unsupported_spans=unsupported,
        checks=checks,
        reasons=reasons,
    )


def validate_takeaways(article: Article, takeaways: Sequence[Takeaway]) -> list[Check]:
    """One Check per takeaway, in order."""
    return [check_claim(article, t.text, t.sources) for t in takeaways]
