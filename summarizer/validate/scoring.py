"""From check results to a score and a verdict.

score = product over the fact checks of (1 - severity), in [0, 1], higher = better
supported. Verdict: `supported` when score >= SUPPORTED_MIN, `unsupported` below
UNSUPPORTED_BELOW, `review` between; a failed form check (style, duplicate) turns
`supported` into `review` without touching the score. The thresholds were chosen on
half of the dev data (ids hashed into halves, see bench/validator.py) and are
written down in README.md, section "Validator".
"""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.models import CheckResult

SUPPORTED_MIN = 0.73
UNSUPPORTED_BELOW = 0.5
FORM_CHECKS = frozenset({"style", "duplicate", "fragment"})
# Failed, these cap the verdict at `review` without touching the score: `language`
# (the article is not in English, which is all the checks can read).
CAP_CHECKS = frozenset({"language"})


def score(results: Iterable[CheckResult]) -> float:
    s = 1.0
    for r in results:
        s *= 1.0 - r.severity
    return round(max(0.0, min(1.0, s)), 4)


def verdict(value: float, results: Iterable[CheckResult], *, bullet: bool = False) -> str:
    """`bullet=True` adds the desk rule for bullets headed for publication (not tuned,
    not used for benchmark summaries): a word found nowhere in the article caps the
    verdict at `review`, so an editor looks at it before it can be approved."""
    results = list(results)
    if value >= SUPPORTED_MIN:
        v = "supported"
    elif value >= UNSUPPORTED_BELOW:
        v = "review"
    else:
        v = "unsupported"
    if v == "supported" and any(not r.passed and r.name in FORM_CHECKS | CAP_CHECKS for r in results):
        v = "review"
    if bullet and v == "supported" and any(r.name == "coverage" and r.spans for r in results):
        v = "review"
    return v
