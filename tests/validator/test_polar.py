"""Polar words (checks._polar_unanchored): a bullet may paraphrase a common word,
but not supply the direction of a fact. "before" where the evidence says only "once
the council had voted" states an order the article never gives; with its opposite
absent too, neither the in-place nor the missing-word opposite rule sees it. Bullets
only; tested through `check_claim` and `takeaways validate`."""

from __future__ import annotations

from summarizer.ingest import plain_article
from summarizer.validate import check_claim, checks

ARTICLE = ("The mayor met reporters once the council had voted on the budget. "
           "Turnout at the meeting was high. The library will open after the repairs.")
POLAR = "The mayor met reporters before the council voted on the budget."
FAITHFUL = [
    "The mayor met reporters once the council had voted on the budget.",
    "The library will open after the repairs.",
]


def _negation(c):
    return next(r for r in c.checks if r.name == "negation")


def test_a_polar_word_the_evidence_never_states_fails_negation():
    art = plain_article(ARTICLE)
    c = check_claim(art, POLAR)
    neg = _negation(c)
    assert not neg.passed and "'before' (its opposite would reverse the claim)" in neg.message, c.reasons
    assert c.verdict != "supported"
    assert (POLAR.index("before"), POLAR.index("before") + len("before")) in [tuple(s) for s in neg.spans]


def test_the_rule_is_what_catches_it(monkeypatch):
    monkeypatch.setattr(checks, "POLAR_WORDS", False)
    assert check_claim(plain_article(ARTICLE), POLAR).verdict == "supported"


def test_faithful_claims_and_summaries_are_not_flagged():
    art = plain_article(ARTICLE)
    for text in FAITHFUL:
        c = check_claim(art, text)
        assert c.verdict == "supported", (text, c.reasons)
    assert _negation(check_claim(art, POLAR, form=False)).passed  # summaries: not run


def test_through_takeaways_validate(validate_bullets):
    recs = validate_bullets(ARTICLE, [POLAR, *FAITHFUL])
    assert recs[0]["verdict"] != "supported"
    assert any("'before'" in r for r in recs[0]["claims"][0]["reasons"])
    assert [r["verdict"] for r in recs[1:]] == ["supported", "supported"]
