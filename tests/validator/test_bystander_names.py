"""Bystander names: names in the evidence clause that are not rivals for the claim's
name (issue #10, fifth pass; README "Bystander names").

Clause binding (binding.py) fails a claim name that is missing from the evidence
clause when that clause names someone else. Four rules tell a bystander from a rival;
each is tested here through `check_claim` on a small made-up article: a false alarm
the rule removes (flagged again when its switch is off) and a swapped name it still
catches.

* SUBJECT_STOPS: a clause's subject ends at a preposition or relative word ("The
  actor, known for playing <Role> in <Show>, is selling ..." names no subject).
* MODIFIER_BYSTANDERS: a name used attributively after a determiner ("the Riverside
  Rovers defender", "a Christmas party") is not a rival.
* ATTRIBUTIVE_RIVALS: a claim name used attributively ("Manuscript of Silver Harbour
  ballad") is compared only with names the clause uses attributively.
* checks.HOMETOWNS: "<Person>, 32, from <Town>" - the town describes the person; it is
  bound when the article names it within a sentence of the person.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.validate import binding, check_claim, checks

ACTOR = (
    "Actor Henry Dale has put his collection of antiques up for sale.\n\n"
    "The actor, known to millions for playing Oscar Lindqvist in the long-running drama Harbour Lights, "
    "which ran on national television for more than twenty years and won many awards, is selling more "
    "than 300 paintings he has collected over his career.\n\n"
    "Mr Dale, 81, studied painting with Tomas Berg in the 1960s and still paints every morning.\n\n"
    "Henry Dale, the star of Harbour Lights, will donate the money to a theatre school in the town.\n\n"
    "The old actor was once dubbed The Painting Prince by the editors of a local weekly newspaper many years "
    "after he opened a gallery for young artists."
)
FLING = (
    "The woman who accused league star Dario Vance of blackmail has been cleared by a court.\n\n"
    "Kara Lund, 34, had a brief fling with the Riverside Rovers defender at a Christmas party for the squad.\n\n"
    "Mia Holt, her lawyer, said the case had been a nightmare.\n\n"
    "Sofie Rask had a brief fling with the Northgate defender Pavel Ek at a summer party for the squad."
)
BALLAD = (
    "Elsa Grund wrote the ballad Silver Harbour in 1971 while living on a farm near the coast.\n\n"
    "The handwritten manuscript was sold after a long contest between several private collectors "
    "to a private bidder for $1.2 million at Brandt's in Oslo.\n\n"
    "Nils Vance, a collector from Bergen, said he had bid for it.\n\n"
    "A manuscript of the Grund poems went to the Oslo library for $300,000."
)
BUS = (
    "Dana Pike, 32, weighed 20 stone when a boy on a bus asked if she was pregnant.\n\n"
    "The remark left the mother of four from Little Marsh mortified, but it inspired her to change her diet.\n\n"
    "She now runs three times a week and has lost eight stone.\n\n"
    "She joined a running club in the spring and trains with friends.\n\n"
    "The bus company, which is based in Greyford, declined to comment."
)


def _entities(article: str, claim: str):
    c = check_claim(plain_article(article), claim)
    return c, next(r for r in c.checks if r.name == "entities")


# SUBJECT_STOPS ------------------------------------------------------------------

def test_a_subject_described_not_named_does_not_rival_the_claims_name():
    c, ent = _entities(ACTOR, "Henry Dale is selling more than 300 paintings he has collected.")
    assert c.verdict == "supported", c.reasons


def test_without_subject_stops_the_names_in_the_description_are_rivals(monkeypatch):
    monkeypatch.setattr(binding, "SUBJECT_STOPS", False)
    c, ent = _entities(ACTOR, "Henry Dale is selling more than 300 paintings he has collected.")
    assert c.verdict != "supported"
    assert "'Henry Dale' is not in the evidence clause for what the claim says (it names 'Oscar', 'Lindqvist'" \
        in ent.message


def test_the_subject_ends_at_the_verb():
    """"The old actor was once dubbed The Painting Prince by ... after he opened ...": the
    nickname after the verb is not the clause's subject."""
    c, ent = _entities(ACTOR, "Henry Dale opened a gallery for young artists.")
    assert ent.passed, ent.message


def test_a_named_subject_still_rivals_a_swapped_name():
    c, ent = _entities(ACTOR, "Tomas Berg will donate the money to a theatre school.")
    assert c.verdict != "supported"
    assert "'Tomas Berg' is not in the evidence clause for what the claim says (it names 'Henry', 'Dale')" \
        in ent.message
    # the subject ends at "of": the show after it is no rival
    assert "Harbour" not in ent.message


# MODIFIER_BYSTANDERS ----------------------------------------------------------------

def test_names_used_attributively_are_bystanders():
    c, ent = _entities(FLING, "Kara Lund had a brief fling with married footballer Dario Vance.")
    assert ent.passed, ent.message


def test_without_the_rule_they_are_rivals(monkeypatch):
    monkeypatch.setattr(binding, "MODIFIER_BYSTANDERS", False)
    c, ent = _entities(FLING, "Kara Lund had a brief fling with married footballer Dario Vance.")
    assert not ent.passed
    assert "'Dario Vance' is not in the evidence clause for what the claim says (it names 'Riverside', " \
           "'Rovers', 'Christmas')" in ent.message


def test_a_name_that_heads_its_phrase_is_still_a_rival():
    """"the Northgate defender Pavel Ek": the name after the noun is the head."""
    c, ent = _entities(FLING, "Sofie Rask had a brief fling with the Northgate defender Mia Holt.")
    assert c.verdict != "supported"
    assert "'Mia Holt' is not in the evidence clause for what the claim says (it names 'Pavel', 'Ek')" in ent.message


# ATTRIBUTIVE_RIVALS -----------------------------------------------------------------

def test_an_attributive_claim_name_is_not_compared_with_argument_names():
    c, ent = _entities(BALLAD, "Manuscript of Silver Harbour ballad was sold to a private bidder for $1.2 million.")
    assert c.verdict == "supported", c.reasons


def test_without_the_rule_it_is(monkeypatch):
    monkeypatch.setattr(binding, "ATTRIBUTIVE_RIVALS", False)
    c, ent = _entities(BALLAD, "Manuscript of Silver Harbour ballad was sold to a private bidder for $1.2 million.")
    assert c.verdict != "supported"
    assert "is not in the evidence clause for what the claim says (it names 'Brandt's', 'Oslo')" in ent.message


def test_an_attributive_swap_is_still_caught_by_an_attributive_rival():
    c, ent = _entities(BALLAD, "A manuscript of the Vance poems went to the library for $300,000.")
    assert c.verdict != "supported"
    assert "'Vance' is not in the evidence clause for what the claim says (it names 'Grund', 'Oslo')" \
        in ent.message


# HOMETOWNS ------------------------------------------------------------------------

@pytest.mark.parametrize("claim", [
    "Dana Pike, 32, from Little Marsh, weighed 20 stone.",
    "Dana Pike from Little Marsh weighed 20 stone.",
])
def test_a_hometown_named_next_to_the_person_is_bound(claim):
    c, ent = _entities(BUS, claim)
    assert c.verdict == "supported", c.reasons


def test_without_hometowns_it_is_a_displaced_name(monkeypatch):
    monkeypatch.setattr(checks, "HOMETOWNS", False)
    c, ent = _entities(BUS, "Dana Pike, 32, from Little Marsh, weighed 20 stone.")
    assert c.verdict != "supported"
    assert "'Little Marsh' is not named in or just before the sentence the rest of the claim comes from" in ent.message


def test_a_hometown_named_far_from_the_person_still_fails():
    c, ent = _entities(BUS, "Dana Pike, 32, from Greyford, weighed 20 stone.")
    assert c.verdict != "supported"
    assert "'Greyford' is not named in or just before the sentence the rest of the claim comes from" in ent.message


def test_summaries_are_not_judged_by_the_name_rules():
    """Bullets only, like the other name rules."""
    c = check_claim(plain_article(BUS), "Dana Pike, 32, from Greyford, weighed 20 stone.", form=False)
    assert "Greyford" not in " ".join(c.reasons) or all("evidence clause" not in r for r in c.reasons)
