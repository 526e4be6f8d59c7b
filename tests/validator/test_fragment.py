"""The finite-verb test behind the `fragment` form check (summarizer/validate/fragment.py)."""

import pytest

from summarizer.validate.fragment import fragment_reason


@pytest.mark.parametrize("text", [
    "The port authority said on Monday that the dredging project will start in May.",
    "Officials urged residents to avoid using generators indoors.",
    "Officials urge residents to avoid generators.",
    "Puget Sound Energy said about 140,000 customers lost power.",
    "Jurgen Klopp will leave at the end of the season.",
    "He backed that plan.",
    "Prices rose 5% because of the storm.",
    "The storm, which hit Seattle on Monday, killed three people.",
    "Kilmarnock confirm Gary Locke as manager.",
    "2 people die in crash.",
    "The club isn't for sale.",
])
def test_full_clauses_pass(text):
    assert fragment_reason(text) is None


@pytest.mark.parametrize("text,words", [
    ("The port authority said on Monday that the dredging project.", "that the dredging project"),
    ("The dredging project.", "no finite verb"),
    ("Three people dead after crash in Leeds.", "no finite verb"),
    ("The storm, which hit Seattle on Monday.", "relative clause"),
    ("Shares fell because the company.", "because the company"),
    ("", "no words"),
])
def test_fragments_are_named(text, words):
    reason = fragment_reason(text)
    assert reason is not None and words in reason
