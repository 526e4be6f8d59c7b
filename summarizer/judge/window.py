"""What the judge is shown of the article for a claim: its evidence window.

The whole article when it fits the context budget (a grounding model judges best with
everything in view); otherwise the sentences the lexical validator aligned as
evidence plus one neighbour on each side, in article order, runs separated by a blank
line. A claim with no aligned evidence gets the article's lead up to the budget.
"""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.models import Article, Check
from summarizer.prompting import as_printed

NEIGHBOURS = 1


def evidence_sentences(article: Article, check: Check) -> list[int]:
    """0-based indices of the sentences the check's evidence spans cover."""
    by_start = {s.start: s.index for s in article.sentences}
    out = []
    for span in check.evidence:
        if span.start in by_start:
            out.append(by_start[span.start])
        else:  # a span not starting at a sentence start: every sentence it overlaps
            out += [s.index for s in article.sentences if s.start < span.end and span.start < s.end]
    return sorted(set(out))


def window_sentences(article: Article, evidence: Iterable[int], budget_chars: int) -> list[int] | None:
    """Indices shown to the judge, or None for "the whole article" (it fits)."""
    if len(article.text) <= budget_chars:
        return None
    count = len(article.sentences)
    chosen: set[int] = set()
    for i in evidence:
        chosen.update(j for j in range(i - NEIGHBOURS, i + NEIGHBOURS + 1) if 0 <= j < count)
    if not chosen:
        used = 0
        for s in article.sentences:
            used += s.end - s.start + 1
            if used > budget_chars and chosen:
                break
            chosen.add(s.index)
    return sorted(chosen)


def window_text(article: Article, indices: list[int] | None, budget_chars: int) -> str:
    """The document text for `indices` (None = the whole article), cut to the budget."""
    if indices is None:
        return article.text
    parts: list[str] = []
    previous = None
    for i in indices:
        sentence = " ".join(as_printed(article, i).split())  # the first with its dateline, as in the drafting prompt
        if previous is not None and i == previous + 1:
            parts[-1] += " " + sentence
        else:
            parts.append(sentence)
        previous = i
    text = "\n\n".join(parts)
    return text[:budget_chars]


def claim_window(article: Article, check: Check, budget_chars: int) -> str:
    """The minicheck document for one claim."""
    return window_text(article, window_sentences(article, evidence_sentences(article, check), budget_chars),
                       budget_chars)
