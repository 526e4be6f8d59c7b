"""Name slots (slots.py): a claim name in a phrase the article gives to another name.

Every word of "Baird forwards Lena Moss ..." is in the article's sentence, and the
clause binding accepts it (Baird is in that clause); only the slot rule sees that the article's "<X> forwards Lena
Moss" holds "Harbour City". Tested through `check_claim` and `takeaways validate`,
with faithful copies that must stay supported.
"""

from __future__ import annotations

import pytest

from summarizer.ingest import plain_article
from summarizer.validate import check_claim, checks
from summarizer.validate.align import align
from summarizer.validate.index import article_index
from summarizer.validate.slots import slot_swaps

ARTICLE = (
    "Harbour City forwards Lena Moss and Ada Quint were photographed with coach Tom Baird at a party on Saturday. "
    "The club would speak to both players before the derby. "
    "The horse, Ivo Rand-owned Grey Wharf, finished third at Aintree, ridden by Sam Tully. "
    "Rand's trainer Nell Ward said the horse would run again in May."
)

SWAPPED = "Baird forwards Lena Moss and Ada Quint were photographed at a party."
FAITHFUL = "Harbour City forwards Lena Moss and Ada Quint were photographed at a party."
OWNED_SWAP = "Sam Tully owned Grey Wharf finished third at Aintree."
OWNED_TRUE = "Ivo Rand owned Grey Wharf finished third at Aintree."


@pytest.fixture(scope="module")
def article():
    return plain_article(ARTICLE)


def _entities(c):
    return next(r for r in c.checks if r.name == "entities")


def test_swapped_name_in_a_copied_phrase_fails_entities(article):
    c = check_claim(article, SWAPPED)
    ent = _entities(c)
    assert not ent.passed, c.reasons
    assert "'Baird' where the article has 'Harbour City'" in ent.message
    assert {r.name for r in c.checks if not r.passed} == {"entities"}, c.reasons
    assert c.verdict != "supported"
    assert (SWAPPED.index("Baird"), SWAPPED.index("Baird") + 5) in [tuple(s) for s in ent.spans]


def test_hyphenated_owner_slot(article):
    """"Ivo Rand-owned Grey Wharf": the slot before "owned Grey" holds Ivo Rand."""
    c = check_claim(article, OWNED_SWAP)
    assert "'Sam Tully' where the article has 'Ivo Rand'" in _entities(c).message
    assert c.verdict != "supported"
    assert check_claim(article, OWNED_TRUE).verdict == "supported", check_claim(article, OWNED_TRUE).reasons


def test_faithful_copy_and_paraphrase_pass(article):
    for text in (FAITHFUL, "Lena Moss and Ada Quint were photographed at a party on Saturday.",
                 "Coach Tom Baird was photographed at a party on Saturday."):
        c = check_claim(article, text)
        assert c.verdict == "supported" and _entities(c).passed, (text, c.reasons)


def test_the_rule_is_what_catches_it(article, monkeypatch):
    """With the rule off the swap passes: no other check sees it."""
    monkeypatch.setattr(checks, "SLOT_NAMES", False)
    assert check_claim(article, SWAPPED).verdict == "supported"


def test_own_name_in_the_slot_elsewhere_clears_it():
    """The article gives the phrase to both names: the claim's may be right."""
    art = plain_article("Harbour City forwards Lena Moss and Ada Quint trained on Friday. "
                        "Later, Baird forwards Lena Moss and Ada Quint were named in the squad.")
    al = align(SWAPPED, article_index(art))
    assert slot_swaps(al, article_index(art)) == []


def test_possessive_slot_and_common_frame():
    """"Rand's trainer" is a possessive slot; a phrase that many names share
    ("<X> will start") is a common frame, not one name's slot."""
    art = plain_article("On Friday, Rand's trainer Nell Ward said the horse was fit. Later, Tully's trainer Ed Bell "
                        "disagreed. "
                        "Ward will start from the front row. Bell will start from the second row. "
                        "Tully will start from the third row.")
    idx = article_index(art)
    hit = slot_swaps(align("Bell's trainer Nell Ward said the horse was fit.", idx), idx)
    assert [(x.text, x.others) for x in hit] == [("Bell's", ("Rand",))]
    assert slot_swaps(align("Rand will start from the front row.", idx), idx) == []


def test_takeaways_validate_reports_the_slot(validate_bullets):
    bad, good = validate_bullets(ARTICLE, [SWAPPED, FAITHFUL])
    (c,) = bad["claims"]
    ent = next(x for x in c["checks"] if x["name"] == "entities")
    assert not ent["passed"] and "where the article has 'Harbour City'" in ent["message"]
    assert bad["verdict"] != "supported"
    assert good["verdict"] == "supported", good["claims"][0]
