"""The validator: tie each claim to evidence in the article and flag what is missing.

Public interface (stable; the CLI, pipeline, TUI and batch use only these):

* `check_claim(article, text, cited=()) -> Check`
* `validate_takeaways(article, takeaways) -> list[Check]`

Pipeline per claim: the article's index (cached by article id, `index.py`) -> word
matching and evidence alignment (`align.py`) -> fact checks (`checks.py`: coverage,
numbers, quotes, entities, negation, roles) and form checks (style, duplicates) ->
score and verdict (`scoring.py`). Offline, deterministic, no model download.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import Article, Check, CheckResult, Span, Takeaway
from summarizer.validate.align import align
from summarizer.validate.checks import FACT_CHECKS, fragment as fragment_check, style
from summarizer.validate.claims import Claim, split_claims
from summarizer.validate.duplicates import duplicates
from summarizer.validate.index import article_index
from summarizer.validate.language import language_check
from summarizer.validate.scoring import score, verdict
from summarizer.validate.tokens import is_content, tokens

__all__ = ["Claim", "check_claim", "split_claims", "validate_takeaways"]


MERGE_GAP_WORDS = 0  # stop words allowed between two unsupported words joined into one span: chosen on half A by bench/tune_merge_gap.py (span F1)


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined; so are spans separated only by spaces, commas or
    dashes ("Lee" + "Westwood" -> "Lee Westwood") or by at most MERGE_GAP_WORDS stop
    words, so an editor sees phrases."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
            continue
        if out:
            gap = text[out[-1][1] : s]
            gap_words = tokens(gap)
            if len(gap_words) <= MERGE_GAP_WORDS and not any(is_content(w) for w, _, _ in gap_words) \
                    and not any(ch in gap for ch in ".;:!?\"“”()"):
                out[-1] = (out[-1][0], e)
                continue
        out.append((s, e))
    return out


def _finish(article: Article, text: str, al, results: list[CheckResult], bullet: bool) -> Check:
    # English-only checks: a non-English article adds a failed `language` check,
    # which caps the verdict at `review` (scoring.CAP_CHECKS); no severity, no spans.
    lang = language_check(article)
    if lang is not None:
        results = [*results, lang]
    value = score(results)
    idx = article_index(article)
    evidence = [
        Span(start=idx.sentences[i].start, end=idx.sentences[i].end,
             text=article.text[idx.sentences[i].start : idx.sentences[i].end])
        for i in sorted(al.evidence)
    ]
    # unsupported = words nothing supports; style, locality and relations spans are
    # about form and stitching (the words are supported, their relation is not),
    # shown in their own checks instead
    bad = _merge(text, [sp for r in results if not r.passed and r.name not in ("style", "fragment", "locality", "relations")
                        for sp in r.spans])
    return Check(
        verdict=verdict(value, results, bullet=bullet, claim=text),
        score=value,
        evidence=evidence,
        unsupported_spans=[Span(start=s, end=e, text=text[s:e]) for s, e in bad],
        checks=results,
        reasons=list(dict.fromkeys(r.message for r in results if not r.passed)),  # two checks may word one gap alike
    )


def check_claim(article: Article, text: str, cited: Sequence[int] = (), *, form: bool = True) -> Check:
    """Check one claim against `article`. `cited` are 0-based sentence indices the
    drafter gave as sources (a hint for alignment, never proof). `form=False` skips
    the bullet rules (style, and: a word found nowhere in the article means
    `review` at best) for summary sentences, which are not bullets."""
    idx = article_index(article)
    # WordNet synonymy: bullets only (README "WordNet synonyms and antonyms")
    al = align(text, idx, cited, synonyms=form)
    al.cited_used = bool(cited) and set(al.evidence) <= set(cited)
    # clause binding (binding.py) runs on bullets only: on multi-sentence model
    # summaries (FRANK, CLIFF) it lowered balanced accuracy (README "Who did what")
    al.bind = form
    results = [check(al, idx) for check in FACT_CHECKS]
    if form:
        results.append(style(text))
        results.append(fragment_check(text))
    return _finish(article, text, al, results, bullet=form)


def validate_takeaways(article: Article, takeaways: Sequence[Takeaway]) -> list[Check]:
    """One Check per takeaway, in order; a bullet that repeats an earlier one also
    gets a failed `duplicate` check (and at best a `review` verdict)."""
    checks = [check_claim(article, t.text, t.sources) for t in takeaways]
    for k, dup in duplicates([t.text for t in takeaways]).items():
        c = checks[k]
        results = [*c.checks, dup]
        checks[k] = c.model_copy(update={
            "checks": results,
            "verdict": verdict(c.score, results, bullet=True, claim=takeaways[k].text),
            "reasons": [*c.reasons, dup.message],
        })
    return checks


def with_judge(article: Article, texts: Sequence[str], checks: list[Check], judge=None):
    """The lexical checks, then the judge's second opinion when one is configured:
    `(checks, run)`, where `run` (requests, tokens, failures) is None without a judge.
    The judge can only lower a verdict; when it fails, the lexical verdict stands and
    its `judge` check says "not run". See `summarizer.judge`."""
    if judge is None or not checks:
        return checks, None
    return judge.judge(article, texts, checks)
