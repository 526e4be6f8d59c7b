"""One article through the pipeline: draft with a provider, then validate.

Batch, the CLI and the review UI's regenerate all go through here, so a bullet is
never shown or stored without its check.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from summarizer.models import Article, CheckedTakeaway, Draft, Result
from summarizer.providers import Provider
from summarizer.validate import validate_takeaways, with_judge


def check_draft(article: Article, draft: Draft, judge: Any = None) -> Result:
    """Validate every takeaway of a draft against its article (then, with a `judge`,
    ask it for a second opinion; its failures are in the `judge` checks)."""
    return check_draft_judged(article, draft, judge)[0]


def check_draft_judged(article: Article, draft: Draft, judge: Any = None) -> tuple[Result, Any]:
    """`check_draft`, also returning the judge's run (requests, tokens, failures; None
    without a judge) for callers that count judge traffic, such as `batch collect`."""
    checks = validate_takeaways(article, draft.takeaways)
    checks, judge_run = with_judge(article, [t.text for t in draft.takeaways], checks, judge)
    result = Result(
        article=article,
        draft=draft,
        takeaways=[CheckedTakeaway.join(t, c) for t, c in zip(draft.takeaways, checks)],
    )
    return result, judge_run


def run(article: Article, provider: Provider, n: int = 4, judge: Any = None) -> Result:
    """Draft `n` takeaways for `article` with `provider` and validate them."""
    return check_draft(article, provider.draft(article, n), judge)


def work_key(article_id: str, prompt_sha: str | None, model: str, params: dict[str, Any]) -> str:
    """The identity of one unit of batch work: same key, same result; skip on re-run."""
    blob = json.dumps(
        {"article": article_id, "prompt": prompt_sha or "", "model": model, "params": params},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
