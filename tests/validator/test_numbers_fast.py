"""`matches_quantity`'s fast path (one loop: unit test, shared value, the claim's
round numbers worked out once) must answer as the slow path (`matches` per pool
quantity, then the unit test) on every claim quantity and pool."""

from __future__ import annotations

import random

from summarizer.validate import numbers
from summarizer.validate.numbers import claim_quantities, matches_quantity

PHRASES = [
    "140,000", "138,700", "about 140,000", "5 million", "4.8 million", "$81 million", "78 million", "2,000",
    "1,950", "2,100", "1,000", "1000", "999", "3,000", "2,960", "10,000", "9,600", "9,400", "20%", "20 per cent",
    "a fifth", "0.2", "20", "twenty", "one-month", "one year", "35 years", "35 months", "three weeks", "3",
    "Monday", "in May", "March 3", "first", "1st", "second", "half", "two thirds", "£1.2bn", "1.2 billion",
    "1,200 million", "1.25bn", "12,000", "12,500", "11,500", "0", "zero", "100", "a hundred", "95 percent",
    "two years", "two", "2 years", "2", "70,000", "69,000", "72,000", "1 million", "950,000", "1.05 million",
]


def _quantities() -> list:
    out = []
    for p in PHRASES:
        out.extend(claim_quantities(p))
    return out


def test_fast_match_answers_as_the_slow_path(monkeypatch):
    qs = _quantities()
    rng = random.Random(5)
    pools = [[p] for p in qs] + [rng.sample(qs, rng.randint(0, 8)) for _ in range(400)]
    answers = {}
    for fast in (False, True):
        monkeypatch.setattr(numbers, "FAST_MATCH", fast)
        answers[fast] = [matches_quantity(q, pool) for q in qs for pool in pools]
    assert answers[True] == answers[False]
    assert 0.02 < sum(answers[True]) / len(answers[True]) < 0.98  # both answers occur
