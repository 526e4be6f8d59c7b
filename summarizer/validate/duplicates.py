"""Near-duplicate claims: a bullet that says again what an earlier bullet said.

Two bullets are near-duplicates when their content-word stems overlap by at least
DUPLICATE_MIN (Jaccard) or rapidfuzz's token_set_ratio of the two texts is at least
FUZZ_MIN. The later bullet is flagged, naming the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from summarizer.models import CheckResult
from summarizer.text import stem
from summarizer.validate.tokens import is_content, tokens

DUPLICATE_MIN = 0.6
FUZZ_MIN = 90


def _stems(text: str) -> set[str]:
    return {stem(w) for w, _, _ in tokens(text) if is_content(w)}


def duplicates(texts: Sequence[str]) -> dict[int, CheckResult]:
    """Index of each later near-duplicate -> its failed `duplicate` check."""
    stems = [_stems(t) for t in texts]
    out: dict[int, CheckResult] = {}
    for j in range(len(texts)):
        for i in range(j):
            a, b = stems[i], stems[j]
            jac = len(a & b) / len(a | b) if a and b else 0.0
            ratio = fuzz.token_set_ratio(texts[i].lower(), texts[j].lower())
            if jac >= DUPLICATE_MIN or (ratio >= FUZZ_MIN and min(len(a), len(b)) >= 3):
                shared = [(s, e) for w, s, e in tokens(texts[j]) if is_content(w) and stem(w) in a]
                out[j] = CheckResult(
                    name="duplicate", passed=False,
                    message=f"repeats bullet {i + 1} ({round(100 * jac)}% of content words shared)",
                    spans=shared,
                )
                break
    return out
