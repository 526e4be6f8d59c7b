"""The `language` check: the validator's checks are English only.

An article in another language gets one failed `language` check on every claim
(no severity: it says nothing about support) and the verdict is capped at
`review` (`scoring.CAP_CHECKS`): a negated German sentence must not come out as
`supported 1.00` from English negation cues that were never there to find.
The language is the one ingest stored in `article.metadata["language"]`, or is
detected here for an article built without it (an older store, a test).
"""

from __future__ import annotations

from summarizer.ingest.language import detect_language, is_non_english, notice
from summarizer.models import Article, CheckResult


def article_language(article: Article) -> str:
    """ISO code of the article's language, "" when unknown (short texts)."""
    if "language" in article.metadata:
        return str(article.metadata["language"] or "")
    return detect_language(article.text)


def language_check(article: Article) -> CheckResult | None:
    """A failed `language` check for a confidently non-English article, else None."""
    code = article_language(article)
    if not is_non_english(code):
        return None
    return CheckResult(name="language", passed=False, message=notice(code))
