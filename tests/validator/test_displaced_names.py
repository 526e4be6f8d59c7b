"""A name put on another sentence's facts (nearby.displaced_names).

The claim's words all come from one sentence ("She said this was the biggest match of
her managerial career"); the claim's name is written only in a sentence far from it,
about something else. Word by word the claim is in the article, and the main sentence
names nobody the slot rule could compare, so only the sentence-level rule tells it.
A name written in the sentence just before (the person "she" refers to) is bound.
Tested through `check_claim` and `takeaways validate`.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.validate import check_claim, checks

ARTICLE = (
    "The visitors, managed by Piet Ander, arrived in the city on Friday after a long flight.\n\n"
    "Ticket sales for the final reached 40,000, the organisers said.\n\n"
    "Coach Mara Voss will rest three players before the cup final.\n\n"
    "She said this was the biggest match of her managerial career."
)
DISPLACED = "Piet Ander says this is the biggest match of his managerial career."
FAITHFUL = [
    "Mara Voss says this is the biggest match of her managerial career.",
    "Piet Ander's visitors arrived in the city on Friday.",
    "Mara Voss will rest three players before the cup final.",
]


@pytest.fixture(scope="module")
def article():
    return plain_article(ARTICLE)


def test_a_name_far_from_the_claims_sentence_fails_entities(article):
    c = check_claim(article, DISPLACED)
    ent = next(r for r in c.checks if r.name == "entities")
    assert not ent.passed, c.reasons
    assert "'Piet Ander' is not named in or just before the sentence the rest of the claim comes from (sentence 4)" \
        in ent.message
    assert c.verdict != "supported"
    assert (0, len("Piet Ander")) in [tuple(s) for s in ent.spans]


def test_the_rule_is_what_catches_it(article, monkeypatch):
    """Switched off, the claim passes: no other check sees the name on the wrong facts."""
    monkeypatch.setattr(checks, "DISPLACED_NAMES", False)
    assert check_claim(article, DISPLACED).verdict == "supported"


def test_the_main_sentence_is_the_evidence():
    """The main sentence is found from the claim's other words: the evidence span it
    reports starts where an independent search finds that sentence in the article."""
    art = plain_article(ARTICLE)
    c = check_claim(art, DISPLACED)
    sentence = "She said this was the biggest match of her managerial career."
    start = art.text.find(sentence)
    assert start >= 0
    assert (start, start + len(sentence)) in [(s.start, s.end) for s in c.evidence]


@pytest.mark.parametrize("text", FAITHFUL)
def test_faithful_claims_stay_supported(article, text):
    c = check_claim(article, text)
    assert c.verdict == "supported", (text, c.reasons)


def test_summaries_are_not_judged_by_it(article):
    """Bullets only (form=False skips it), like the other name-binding rules."""
    assert check_claim(article, DISPLACED, form=False).verdict == "supported"


def test_through_takeaways_validate(validate_bullets):
    recs = validate_bullets(ARTICLE, [DISPLACED, *FAITHFUL])
    assert recs[0]["verdict"] != "supported"
    assert any("'Piet Ander' is not named in or just before" in r for r in recs[0]["claims"][0]["reasons"])
    assert [r["verdict"] for r in recs[1:]] == ["supported"] * len(FAITHFUL)
