"""Issue #10, sixth pass ("stop crying wolf"): faithful paraphrases of human
highlights that the checks flagged. Each rule has a passing and a failing case
through `check_claim`, and switching the rule off fails a test here
(bench/check_ablation.py; README "Fewer false alarms on human highlights, sixth
pass"). Fixture sentences are written for these tests, not taken from dev data."""

from __future__ import annotations

from summarizer.ingest import plain_article
from summarizer.validate import check_claim


def _check(c, name):
    return next(r for r in c.checks if r.name == name)


CLUB = ("Dunmore Rovers will name Peter Falk as their next manager on Friday, a spokesman said. "
        "The 41-year-old has been in caretaker charge since the winter.")
CLUB_PASSIVE = ("Peter Falk was appointed as Dunmore Rovers manager on Friday. "
                "The 41-year-old has been in caretaker charge since the winter.")


def test_a_passive_claim_reverses_the_order_of_an_active_evidence():
    c = check_claim(plain_article(CLUB), "Peter Falk will be named as Dunmore Rovers manager on Friday.")
    assert _check(c, "roles").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_an_active_claim_in_the_order_of_a_passive_evidence_swaps_roles():
    # the evidence says Falk was appointed; the claim has Falk appointing the club
    c = check_claim(plain_article(CLUB_PASSIVE), "Peter Falk appointed Dunmore Rovers as manager on Friday.")
    assert not _check(c, "roles").passed, c.reasons
    assert c.verdict != "supported"


def test_an_active_claim_against_a_passive_evidence_in_the_reversed_order_passes():
    c = check_claim(plain_article(CLUB_PASSIVE), "Dunmore Rovers appointed Peter Falk as manager on Friday.")
    assert _check(c, "roles").passed, c.reasons


COUPLE = ("Bookmakers cut the odds on a royal name after the jockey Tom Hale won on Friday. "
          "Friends of the royal family once called Hale 'The Royal Matchmaker' for his part in the romance. "
          "The Duke and Duchess of Rothay have said that they have not been told whether the baby is a boy or a girl.")


def test_a_common_word_that_opens_the_claim_is_no_name_for_the_clause_rules():
    # 'Royal' is capitalised only because it opens the bullet; the article writes 'royal' in lower case
    c = check_claim(plain_article(COUPLE), "Royal couple have said they have not been told whether the baby is a boy or a girl.")
    assert _check(c, "entities").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_name_that_opens_the_claim_is_still_judged_by_its_clause():
    c = check_claim(plain_article(COUPLE), "Hale couple have said they have not been told whether the baby is a boy or a girl.")
    assert not _check(c, "entities").passed, c.reasons
    assert c.verdict != "supported"


SONG = ('Few ballads of the decade are as loved as Tom Reed\'s "Harbour Lights", written on a ferry crossing. '
        "On Tuesday, Bramwell's auctioned the handwritten lyrics, 12 pages in the writer's own hand, to a "
        "private collector for $1.2 million. Tom Reed, now 70, said he was glad the pages had found a home.")


def test_a_title_quoted_as_the_article_quotes_it_is_not_judged_by_its_clause():
    c = check_claim(plain_article(SONG), 'Handwritten lyrics of "Harbour Lights" are sold to a private collector for $1.2 million.')
    assert _check(c, "entities").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_name_the_article_does_not_quote_is_judged_inside_quotation_marks():
    c = check_claim(plain_article(SONG), 'Handwritten lyrics of "Tom Reed" are sold to a private collector for $1.2 million.')
    ent = _check(c, "entities")
    assert not ent.passed and "'Tom Reed' is not in the evidence clause" in ent.message, c.reasons
    assert c.verdict != "supported"


CUP = ("Moss, the striker who starts at Hollins Park on Sunday because Tom Grady has a torn hamstring, "
       "was fined by the club on Monday. "
       "Rovers boss Al Tate, who has Ben Quill fit for the cup semi-final against Dunmore, spoke to Moss and Grady "
       "in his office. The club was founded by Kit Lowe in 1890.")


def test_a_name_the_evidence_writes_in_the_same_phrase_is_bound_to_it():
    # 'at Hollins Park on Sunday' is in sentence 1; the clause with the other claim words names other people
    c = check_claim(plain_article(CUP), "Rovers face Dunmore in their cup semi-final at Hollins Park on Sunday.")
    assert _check(c, "entities").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_name_outside_any_phrase_of_the_evidence_is_still_judged_by_its_clause():
    c = check_claim(plain_article(CUP), "Rovers face Dunmore in their cup semi-final at Kit Lowe on Sunday.")
    ent = _check(c, "entities")
    assert not ent.passed and "is not in the evidence clause" in ent.message, c.reasons
    assert c.verdict != "supported"


VETERAN = ("Al Tate has urged Rovers to stand firm before the derby against Dunmore on Saturday. "
           "The veteran Tate faces his old friend and former Harbour City assistant, Ben Quill, for the first time "
           "since both left Wellington last summer.")


def test_a_first_name_is_bound_through_the_surname_in_the_clause():
    # the clause says 'Tate'; the article wrote 'Al Tate' in full before
    c = check_claim(plain_article(VETERAN), "Veteran Al Tate faces his old friend Ben Quill for the first time since "
                                            "both left Wellington.")
    assert _check(c, "entities").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_first_name_the_article_never_gives_the_surname_is_still_judged():
    c = check_claim(plain_article(VETERAN), "Veteran Ben Tate faces his old friend Al Quill for the first time since "
                                            "both left Wellington.")
    assert not _check(c, "entities").passed, c.reasons
    assert c.verdict != "supported"


def test_a_possessive_ends_a_name():
    # "Al Tate's Rovers" is two names; the article writes "Al Tate" and "Rovers", never "Tate's Rovers"
    c = check_claim(plain_article(VETERAN), "Al Tate's Rovers face Dunmore on Saturday.")
    assert _check(c, "entities").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_full_name_never_written_together_is_still_split_before_a_possessive():
    c = check_claim(plain_article(VETERAN), "Ben Tate's Rovers face Dunmore on Saturday.")
    ent = _check(c, "entities")
    assert not ent.passed and "never written in the article together" in ent.message, c.reasons
    assert c.verdict != "supported"
