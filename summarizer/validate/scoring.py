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
# the desk rule's reach for bullets: "all" (any word found nowhere in the article,
# before issue #10's third pass), "facts" (a name, figure or unit found nowhere),
# "off"; "facts" chosen on half A by bench/tune_bullet_coverage.py
DESK_RULE = "facts"


def score(results: Iterable[CheckResult]) -> float:
    s = 1.0
    for r in results:
        s *= 1.0 - r.severity
    return round(max(0.0, min(1.0, s)), 4)


def verdict(value: float, results: Iterable[CheckResult], *, bullet: bool = False, claim: str = "") -> str:
    """`bullet=True` adds the desk rule for bullets headed for publication (not used
    for benchmark summaries): a fact found nowhere in the article (a name, a figure or
    its unit) caps the verdict at `review`, so an editor looks at it before it can be
    approved. A common word found nowhere (a paraphrase, "craze") only lowers the
    score (checks.BULLET_MISSING_CREDIT); issue #10, third pass."""
    results = list(results)
    if value >= SUPPORTED_MIN:
        v = "supported"
    elif value >= UNSUPPORTED_BELOW:
        v = "review"
    else:
        v = "unsupported"
    if v == "supported" and any(not r.passed and r.name in FORM_CHECKS | CAP_CHECKS for r in results):
        v = "review"
    if bullet and v == "supported" and DESK_RULE != "off":
        cov = next((r for r in results if r.name == "coverage"), None)
        spans = cov.spans if cov is not None else []
        if DESK_RULE == "facts":
            # a fact: a name or figure the checks flag, or a figure's unit ("110 mph")
            facts = [sp for r in results if r.name in ("numbers", "entities") and not r.passed for sp in r.spans]
            figures = [sp for r in results if r.name == "numbers" for sp in r.spans if claim[sp[0] : sp[0] + 1].isdigit()]
            spans = [sp for sp in spans if any(a < sp[1] and sp[0] < b for a, b in facts)
                     or any(0 <= sp[0] - b <= 1 and claim[b : sp[0]] in ("", " ", "-") for _, b in figures)]
        if spans:
            v = "review"
    return v
