"""Faithful paraphrase that human highlights use must not be flagged (issue #10).

Words highlights add that state no fact of their own (deictic time words,
discourse adverbs, intensifiers: lexicon.EXTRA_STOP) are not "not found in the
article", so they neither lower coverage nor trip the desk rule; a real content
word the article never uses still does.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.validate import check_claim

ARTICLE = (
    "Crews worked through the night to restore power in the Seattle region. "
    "The city council approved a budget of 40 million dollars for new parks. "
    "Schools across the city will reopen on Thursday."
)


@pytest.fixture(scope="module")
def article():
    return plain_article(ARTICLE, title="Storm")


@pytest.mark.parametrize("claim", [
    "Crews worked through the night today to restore power in the Seattle region.",
    "The city council approved a huge budget of 40 million dollars for new parks.",
    "Schools across the city will actually reopen on Thursday.",
    "Crews worked through the night to restore power in the Seattle region, almost entirely.",
])
def test_light_words_are_not_flagged(article, claim):
    c = check_claim(article, claim)
    assert c.verdict == "supported", c.reasons
    assert not c.unsupported_spans


def test_a_content_word_the_article_never_uses_is_still_flagged(article):
    c = check_claim(article, "Schools across the flooded city will reopen on Thursday.")
    assert c.score < 1.0  # named and scored; since issue #10's third pass a common word no longer caps a bullet at review
    assert [s.text for s in c.unsupported_spans] == ["flooded"]


NEG_ARTICLE = (
    "'This is without doubt the most important match of the year for Rovers,' the coach said. "
    "Dario Kovac could face a long ban after phone footage surfaced showing him fighting with stewards. "
    "The club said it would not appeal the biggest fine of the season."
)


@pytest.fixture(scope="module")
def neg_article():
    return plain_article(NEG_ARTICLE, title="Rovers")


@pytest.mark.parametrize("claim", [
    "The coach says this is the most important match of the year for Rovers.",  # "without doubt" affirms
    "Phone footage surfaced showing Kovac fighting with stewards.",  # "a long ban" is a noun
])
def test_affirming_idioms_and_negating_nouns_are_not_negations(neg_article, claim):
    c = check_claim(neg_article, claim)
    assert next(r for r in c.checks if r.name == "negation").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_real_negation_in_the_evidence_still_counts(neg_article):
    c = check_claim(neg_article, "The club said it would appeal the biggest fine of the season.")
    neg = next(r for r in c.checks if r.name == "negation")
    assert not neg.passed and c.verdict != "supported"


ALIAS_ARTICLE = (
    "The U.S. will reopen its embassy in Havana next month, officials said. "
    "Singer Kristina Karo claims that Mila Kunis stole her pet chicken in Ukraine. "
    "Karo now lives in Los Angeles with her family."
)


@pytest.fixture(scope="module")
def alias_article():
    return plain_article(ALIAS_ARTICLE, title="Aliases")


def test_a_multi_word_alias_in_the_claim_matches_its_short_form(alias_article):
    c = check_claim(alias_article, "The United States will reopen its embassy in Havana next month.")
    assert c.verdict == "supported", c.reasons


def test_a_multi_word_alias_swapped_in_for_a_subject_is_still_unbound(alias_article):
    assert check_claim(alias_article, "Kristina Karo claims Mila Kunis stole her pet chicken.").verdict == "supported"
    c = check_claim(alias_article, "Los Angeles claims Mila Kunis stole her pet chicken.")
    ent = next(r for r in c.checks if r.name == "entities")
    assert not ent.passed and "Los Angeles" in ent.message
    assert c.verdict != "supported"


NAME_ARTICLE = (
    "Peter O'Toole was seen laughing with the cast despite suffering from a long-term illness. "
    "The director asked him to make Ms Keniheart smile during a long tracking shot. "
    "Alexander Soumbadze, a karate instructor, faces eight charges, police said."
)


@pytest.fixture(scope="module")
def name_article():
    return plain_article(NAME_ARTICLE, title="Names")


def test_a_full_name_the_article_never_writes_is_flagged(name_article):
    assert check_claim(name_article, "Peter O'Toole was seen laughing despite suffering from a long-term illness."
                       ).verdict == "supported"
    c = check_claim(name_article, "Keniheart O'Toole was seen laughing despite suffering from a long-term illness.")
    ent = next(r for r in c.checks if r.name == "entities")
    assert not ent.passed and "'Keniheart', 'O'Toole' never written in the article together" in ent.message
    assert c.verdict != "supported"


def test_a_shortened_first_name_is_the_same_name(name_article):
    c = check_claim(name_article, "Karate instructor Alex Soumbadze faces eight charges.")
    assert next(r for r in c.checks if r.name == "entities").passed, c.reasons


def test_a_figure_next_to_a_clause_without_figures_is_not_unbound():
    art = plain_article("A nurse was stabbed and seriously hurt outside the county hospital entrance; "
                        "the attack happened on Thursday, police said.", title="Stabbing")
    c = check_claim(art, "A nurse was stabbed and seriously hurt outside the county hospital entrance on Thursday.")
    assert next(r for r in c.checks if r.name == "numbers").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_figure_from_a_clause_with_its_own_figure_is_still_unbound():
    art = plain_article("Puget Sound Energy said about 140,000 of its customers lost power, while Seattle City "
                        "Light reported another 65,000 outages.", title="Storm")
    c = check_claim(art, "Seattle City Light reported about 140,000 outages.")
    assert not next(r for r in c.checks if r.name == "numbers").passed
    assert c.verdict != "supported"


def test_irregular_forms_match_through_their_lemma():
    art = plain_article("Jorge Lopez dived off the yacht into the sea in 2014. "
                        "He sends messages to the children every week.", title="Yacht")
    for claim in ("Jorge Lopez dove off the yacht into the sea in 2014.",
                  "He sent messages to the child every week."):
        c = check_claim(art, claim)
        assert c.verdict == "supported", (claim, c.reasons)
