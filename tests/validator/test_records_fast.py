"""`validate --input` writes each check result from its fields (fast path) instead of
`model_dump` (slow path); the dicts, and so the JSON lines, must be the same."""

from __future__ import annotations

import json

from summarizer.commands import validate as command
from summarizer.models import CheckResult
from summarizer.validate import check_claim

CLAIMS = [
    "Russia controls about a third of Ukraine.",
    "Trump said guarantees were 95% agreed.",
    "Peskov said there was progress on the Donbas.",
    "Chelsea beat Arsenal 2-1 on Sunday.",
    "The United States will not pay for demining.",
]


def _results(article) -> list[CheckResult]:
    out = [r for text in CLAIMS for r in check_claim(article, text, form=False).checks]
    out += [CheckResult(name="x", passed=False, message="m", spans=[[1, 2], (3, 4)], severity=0.25),
            CheckResult(name="judge", passed=True, detail={"model": "m", "score": 0.5, "raw": ["a"]})]
    return out


def test_fields_are_the_ones_written():
    assert command.FAST_RESULTS, "CheckResult's fields changed: results go through model_dump"


def test_result_records_equal_model_dump(article, monkeypatch):
    results = _results(article)
    assert any(r.spans for r in results) and any(not r.passed for r in results)
    slow = [r.model_dump() for r in results]
    fast = [command._result_record(r) for r in results]
    assert fast == slow
    assert [list(d) for d in fast] == [list(d) for d in slow]  # same key order
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)
    check = check_claim(article, CLAIMS[0], form=False)
    monkeypatch.setattr(command, "FAST_RESULTS", False)
    want = json.dumps(command._claim_record(CLAIMS[0], 0, len(CLAIMS[0]), check))
    monkeypatch.setattr(command, "FAST_RESULTS", True)
    assert json.dumps(command._claim_record(CLAIMS[0], 0, len(CLAIMS[0]), check)) == want
