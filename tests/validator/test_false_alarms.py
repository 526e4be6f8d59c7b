"""Issue #10, third pass: fewer false alarms on human highlights, stronger polarity
checks of their own. Every rule here is bullets only (`form=True`); each test fails
with its rule switched off (README "Fewer false alarms on human highlights")."""

from __future__ import annotations

from summarizer.ingest import plain_article
from summarizer.validate import check_claim

DECK = ("Crew rest areas are hidden from passengers on the lower deck of the new jets. "
        "The designs were shown at a trade fair in Hamburg. "
        "When not in use, the door must be latched to avoid passengers wandering into the crew areas.")
TRIP = ("The 52-year-old driver had just returned to the UK from a fortnight in Morocco. "
        "He went into a police station in Oldham to grumble about the rain. "
        "Officers said callers should not waste police time.")


def _negation(c):
    return next(r for r in c.checks if r.name == "negation")


def test_claim_negation_needs_a_negation_in_the_main_passage_even_when_paraphrased():
    # 'come back' paraphrases 'returned': no evidence word is governed, the main
    # passage states the return plainly
    c = check_claim(plain_article(TRIP), "The driver had not come back to the UK from Morocco.")
    neg = _negation(c)
    assert not neg.passed and "does not negate 'come'" in neg.message
    # 'come back' is matched to 'returned' (align.PHRASAL_VERBS), so the negation
    # alone flags it: review, as NEGATION_FLIP alone always is
    assert c.verdict != "supported"


def test_a_sentence_added_by_the_set_cover_does_not_launder_an_inserted_not():
    # sentence 3 ("avoid passengers wandering") joins the evidence for 'door latched';
    # its negation must not excuse 'not hidden' against the plain sentence 1
    art = plain_article(DECK)
    c = check_claim(art, "Crew rest areas are not hidden from passengers on the lower deck, and the door must be latched.")
    assert not _negation(c).passed and c.verdict != "supported", c.reasons
    ok = check_claim(art, "Crew rest areas are hidden from passengers on the lower deck, and the door must be latched.")
    assert ok.verdict == "supported", ok.reasons


def test_words_the_evidence_also_states_plainly_are_not_a_dropped_negation():
    art = plain_article(
        "West Yorkshire Police posted a warning about wasting time after a tourist moaned about the rain. "
        "The tourist said his campsite in Wales was too wet. "
        "The police post said the public should not waste police time.")
    text = "West Yorkshire Police warned the public about wasting police time."
    assert check_claim(art, text).verdict == "supported"
    assert not _negation(check_claim(art, text, form=False)).passed  # summaries: unchanged


def test_a_word_after_a_determiner_is_a_noun_not_a_negated_verb():
    art = plain_article(
        "In 2010 the population was 306 million. Without a change to immigration policy, immigrants could account for "
        "three quarters of future population growth, and the plan could exempt about four million undocumented "
        "immigrants from removal.")
    text = "The change could exempt four million undocumented immigrants from removal."
    assert check_claim(art, text).verdict == "supported"
    assert not _negation(check_claim(art, text, form=False)).passed  # summaries: unchanged


def test_a_figure_in_the_clause_that_holds_its_words_is_bound_there():
    # the claim joins two sentences of its main passage: 'can expect' from the first,
    # 'an extra £2,100 a year' from the second, whose clause holds 'extra' and 'year'
    art = plain_article(
        "Savers who have never divorced may expect a pension income 13 per cent larger than a peer who went "
        "through a divorce. That means an extra £2,100 a year, according to a survey for an insurer.")
    c = check_claim(art, "Savers who have never divorced may expect an extra £2,100 a year.")
    assert c.verdict == "supported", c.reasons
    # a figure moved to another subject's clause is still caught (issue #10 wire story)
    wire = plain_article("Puget Sound Energy said about 140,000 of its customers lost power, while Seattle City "
                         "Light reported another 65,000 outages.")
    assert check_claim(wire, "Seattle City Light reported about 140,000 outages.").verdict != "supported"


RINGS = ("Eyebrow bars are a new trend among stars in recent months. "
         "Mia Corran, Tess Vale and Lola Brandt have all been wearing the body jewellery.")


def test_one_paraphrased_common_word_does_not_cap_a_bullet():
    # desk rule: only facts (names, figures, units) found nowhere cap a bullet at review
    c = check_claim(plain_article(RINGS), "Eyebrow bars are a new craze among stars.")
    assert c.verdict == "supported", c.reasons
    assert [s.text for s in c.unsupported_spans] == ["craze"]  # still named for the editor
    named = check_claim(plain_article(RINGS), "Eyebrow bars are a new trend among Hollywood stars.")
    assert named.verdict != "supported"  # an invented name still does


def test_two_paraphrased_common_words_earn_partial_credit():
    c = check_claim(plain_article(RINGS), "Eyebrow bars are a new craze among celebrities in recent months.")
    assert c.verdict == "supported", (c.score, c.reasons)
    assert c.score < 1.0 and {s.text for s in c.unsupported_spans} == {"craze", "celebrities"}


def test_partial_credit_through_takeaways_validate_bullets(tmp_path, capsys):
    from summarizer.cli import main

    art = tmp_path / "article.txt"
    art.write_text(RINGS, encoding="utf-8")
    bullets = tmp_path / "bullets.txt"
    bullets.write_text("- Eyebrow bars are a new craze among celebrities in recent months.\n"
                       "- Eyebrow bars are a new craze among celebrities in Lisbon.\n", encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(bullets)]) == 0
    out = capsys.readouterr().out
    assert "1. [supported" in out and "2. [supported" not in out, out
