"""Issue #10, fourth pass ("crying wolf"): faithful bullets that a lexical checker
read as unsupported. Each rule has a passing and a failing case through
`check_claim`, and switching the rule off fails a test here (bench/check_ablation.py;
README "Fewer false alarms on human highlights, fourth pass")."""

from __future__ import annotations

from summarizer.ingest import plain_article
from summarizer.validate import check_claim

def _check(c, name):
    return next(r for r in c.checks if r.name == name)



BOOK = ("A photographer from Leeds created a picture book in which his young daughter appears to swim "
        "through the clouds over the city. "
        "The family moved to the coast last spring. "
        "He said his aim is to raise money for a children's hospice.")
BOOK_SPIRITS = BOOK.replace("his aim is to raise money for a children's hospice",
                            "he hopes the book will raise spirits, and any money goes to a children's hospice")


def test_a_polar_word_stated_with_its_neighbour_in_a_second_evidence_sentence():
    # 'raise' is not in the main passage (sentence 1) but sentence 3 says 'raise money'
    c = check_claim(plain_article(BOOK), "A photographer created a picture book in which his daughter appears to swim "
                                         "through the clouds to raise money for a hospice.")
    assert _check(c, "negation").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_polar_word_away_from_its_neighbour_in_the_second_sentence_still_fails():
    c = check_claim(plain_article(BOOK_SPIRITS), "A photographer created a picture book in which his daughter appears "
                                                 "to swim through the clouds to raise money for a hospice.")
    neg = _check(c, "negation")
    assert not neg.passed and "'raise' (its opposite would reverse the claim)" in neg.message
    assert c.verdict != "supported"


PILOT = ("The 38-year-old pilot had recently returned to Britain from a posting in Cyprus. "
         "Colleagues said he was looking forward to a quiet summer.")


def test_a_phrasal_verb_matches_its_one_word_synonym():
    # 'arrived back' -> 'come back' (arrive ~ come) shares a WordNet synset with 'return'
    c = check_claim(plain_article(PILOT), "The 38-year-old pilot had recently arrived back in Britain from Cyprus.")
    assert _check(c, "coverage").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_phrasal_verb_without_its_synonym_in_the_evidence_is_not_found():
    art = plain_article(PILOT.replace("returned to Britain from", "flown to Britain from"))
    c = check_claim(art, "The 38-year-old pilot had recently arrived back in Britain from Cyprus.")
    assert "'arrived', 'back' not found in the article" in _check(c, "coverage").message
    assert c.verdict != "supported"


FEE = ("Three judges at the appeal court dismissed the challenge, saying the fee charged by the council "
       "was fair and proportionate. The motorist said he would consider his options.")


def test_found_introducing_a_clause_judges_and_is_not_a_polar_word():
    c = check_claim(plain_article(FEE), "Judges found the fee charged by the council was fair and proportionate.")
    assert _check(c, "negation").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_lost_before_the_same_clause_stays_polar():
    c = check_claim(plain_article(FEE), "Judges lost the fee charged by the council was fair and proportionate.")
    neg = _check(c, "negation")
    assert not neg.passed and "'lost' (its opposite would reverse the claim)" in neg.message
    assert c.verdict != "supported"


def test_found_with_an_object_and_a_relative_clause_stays_polar():
    from summarizer.validate.checks import _judging
    from summarizer.validate.tokens import tokens

    assert _judging(tokens("Judges found the fee was fair"), 1)
    assert not _judging(tokens("Divers found a man who was missing"), 1)
    assert not _judging(tokens("He found a new job after he was sacked"), 1)


KEEPER = ("Asked about the coaching job, the former keeper said he would listen to any offer from the board. "
          "He has been out of work since the summer.")


def test_daft_not_to_affirms_and_is_not_a_negation():
    c = check_claim(plain_article(KEEPER), "The former keeper said it would be daft not to listen to any offer from the board.")
    assert _check(c, "negation").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_plain_not_before_the_same_verb_still_fails():
    c = check_claim(plain_article(KEEPER), "The former keeper said he would not listen to any offer from the board.")
    assert not _check(c, "negation").passed
    assert c.verdict != "supported"


TRIBUTE = ('Tributes poured in on Sunday for the comedian, who died aged 81. '
           'Singer Ann Marsh called him "a mentor, a joker and a friend".')


def test_a_speaker_a_colon_and_a_quotation_is_a_statement():
    c = check_claim(plain_article(TRIBUTE), 'Ann Marsh: "A mentor, a joker and a friend".')
    assert _check(c, "fragment").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_speaker_and_a_colon_without_a_quotation_is_still_a_fragment():
    c = check_claim(plain_article(TRIBUTE), "Ann Marsh: a mentor, a joker and a friend.")
    assert not _check(c, "fragment").passed
    assert c.verdict != "supported"


VERGE = ("Police said motorists should not park on the verge outside the school. "
         "Offenders can be fined up to £100 and given three penalty points.")


def test_a_gerund_subject_before_a_modal_states_no_act():
    c = check_claim(plain_article(VERGE), "Parking on the verge outside the school could bring a fine of up to £100.")
    assert _check(c, "negation").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_stating_the_act_still_drops_the_negation():
    c = check_claim(plain_article(VERGE), "Motorists parked on the verge outside the school and were fined up to £100.")
    neg = _check(c, "negation")
    assert not neg.passed and "drops the negation" in neg.message
    assert c.verdict != "supported"


VOTE = ("The party leader said on Monday that the government had failed the north. "
        "Her party want a new vote on the rail plan before the summer.")


def test_a_base_verb_after_a_collective_noun_is_finite():
    c = check_claim(plain_article(VOTE), "The party leader said that her party want a new vote on the rail plan.")
    assert _check(c, "fragment").passed, c.reasons
    assert c.verdict == "supported", c.reasons


def test_a_collective_noun_without_a_verb_is_still_a_fragment():
    c = check_claim(plain_article(VOTE), "The party leader said on Monday that her party.")
    frag = _check(c, "fragment")
    assert not frag.passed and "that her party" in frag.message
