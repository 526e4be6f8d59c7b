"""Names bound to their passage (nearby.py): a claim name must stand where the
claim's other words stand in the evidence.

A caption run into the next paragraph makes one long "sentence" that names two
people; every word of the swapped claim is in it, and no clause boundary separates
the two names, so coverage, clause binding and the slot rule all accept it. Only the
position of the name next to the words of "watched from the pier" tells the swap.
Tested through `check_claim` and `takeaways validate`, with faithful claims that
must stay supported.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.validate import check_claim, checks

ARTICLE = (
    "Commissioner Dana Whitfield cut the ribbon at the new ferry terminal on Monday morning Mayor Luis Ortega "
    "and hundreds of residents watched from the pier as the first boat left for Bell Island with 120 passengers "
    "on board. The terminal cost the port authority two years of work."
)
SWAPPED = "Dana Whitfield watched from the pier as the first boat left for Bell Island."
FAITHFUL = [
    "Luis Ortega watched from the pier as the first boat left for Bell Island.",
    "Dana Whitfield cut the ribbon at the new ferry terminal.",
    "Residents watched from the pier as the first boat left for Bell Island.",
]


@pytest.fixture(scope="module")
def article():
    return plain_article(ARTICLE)


def test_a_name_away_from_its_passage_fails_entities(article):
    c = check_claim(article, SWAPPED)
    ent = next(r for r in c.checks if r.name == "entities")
    assert not ent.passed, c.reasons
    assert "'Dana Whitfield' is not where the rest of the claim is" in ent.message
    assert "'Luis', 'Ortega'" in ent.message
    assert {r.name for r in c.checks if not r.passed} == {"entities"}, c.reasons
    assert c.verdict != "supported"
    assert (0, len("Dana Whitfield")) in [tuple(s) for s in ent.spans]


def test_the_rule_is_what_catches_it(article, monkeypatch):
    """Switched off, the swap passes: nothing else in the validator sees it."""
    monkeypatch.setattr(checks, "NEARBY_NAMES", False)
    assert check_claim(article, SWAPPED).verdict == "supported"


@pytest.mark.parametrize("text", FAITHFUL)
def test_faithful_claims_stay_supported(article, text):
    c = check_claim(article, text)
    assert c.verdict == "supported" and c.score == 1.0, (text, c.reasons)


def test_summaries_are_not_judged_by_it(article):
    """Bullets only (form=True), like clause binding: model summaries are scored without it."""
    assert check_claim(article, SWAPPED, form=False).verdict == "supported"


def test_through_takeaways_validate(validate_bullets):
    recs = validate_bullets(ARTICLE, [SWAPPED, *FAITHFUL])
    assert recs[0]["verdict"] != "supported"
    assert any("'Dana Whitfield' is not where the rest of the claim is" in r for r in recs[0]["claims"][0]["reasons"])
    assert [r["verdict"] for r in recs[1:]] == ["supported"] * len(FAITHFUL)


COORDINATED = ("Ann Lee must put her friendship with Bo Kent on ice for the derby on Sunday, the club said. "
               "The club trains in Dover, a short drive from the ground.")


def test_a_coordinated_name_is_compared_on_both_sides_of_its_partner(monkeypatch):
    """"Dover and Ann Lee will put their friendship aside": nothing stands before the
    partner's match ("Ann Lee must put her friendship with Bo Kent"), the rival is on
    the other side; coordination is symmetric, so both sides are compared."""
    from summarizer.validate import nearby

    art = plain_article(COORDINATED)
    bad = check_claim(art, "Dover and Ann Lee will put their friendship aside.")
    assert bad.verdict != "supported", bad.reasons
    assert any("'Dover' is not where the rest of the claim is" in r and "'Bo', 'Kent'" in r for r in bad.reasons)
    ok = check_claim(art, "Bo Kent and Ann Lee will put their friendship aside.")
    assert ok.verdict == "supported", ok.reasons
    monkeypatch.setattr(nearby, "COORDINATION", False)
    # the sentence-level rule also sees Dover away from the main sentence: off, so that
    # only the coordination refinement is measured here
    monkeypatch.setattr(checks, "DISPLACED_NAMES", False)
    assert check_claim(art, "Dover and Ann Lee will put their friendship aside.").verdict == "supported"
