"""Every check with a passing and a failing case, on a hand-written article."""

from __future__ import annotations

from summarizer.validate import check_claim
from summarizer.validate.align import align
from summarizer.validate.checks import coverage, entities, negation, numbers, quotes, roles, style
from summarizer.validate.index import article_index


def run(check, article, text):
    idx = article_index(article)
    return check(align(text, idx), idx)


def words(text, result):
    return [text[s:e] for s, e in result.spans]


def test_coverage_passes_with_inflections_and_synonyms(article):
    text = "Russia and Ukraine remain far apart on territory despite progress on security guarantee talks."
    r = run(coverage, article, text)
    assert r.passed, r.message


def test_coverage_fails_and_names_the_missing_words(article):
    text = "Russia and Ukraine remained far apart on territorial issues and fishing quotas."
    r = run(coverage, article, text)
    assert not r.passed
    assert words(text, r) == ["fishing", "quotas"]
    assert "'fishing', 'quotas' not found in the article" in r.message
    assert r.severity > 0


def test_numbers_pass_across_spellings(article):
    for text in (
        "Russia controls about 20% of Ukraine.",  # "a fifth"
        "Trump said the guarantees were 95 percent agreed.",  # "95%"
        "The United States will pay $2.5m towards demining.",  # "$2.5 million"
        "Arsenal beat Chelsea for their third win in a row on Saturday.",
    ):
        r = run(numbers, article, text)
        assert r.passed, (text, r.message)


def test_numbers_fail_on_a_changed_quantity_weekday_or_ordinal(article):
    for text, bad in (
        ("Russia controls about a third of Ukraine.", "third"),
        ("The United States will pay $3.5 million towards demining.", "3.5 million"),
        ("Officials said on Wednesday the US would pay for demining.", "Wednesday"),
        ("Russia has controlled Crimea for 50 years.", "50 years"),
    ):
        r = run(numbers, article, text)
        assert not r.passed, text
        assert any(bad in w for w in words(text, r)), (text, r.spans)
        assert f"'{bad}" in r.message


def test_quotes_verbatim_modulo_curly_quotes_and_spacing(article):
    ok = run(quotes, article, "Trump said the deal was “getting a lot  closer”.")
    assert ok.passed and ok.spans
    bad_text = "Trump said the deal was \"getting very close\"."
    bad = run(quotes, article, bad_text)
    assert not bad.passed
    assert words(bad_text, bad) == ["getting very close"]


def test_entities_accept_aliases_surnames_and_spelling_variants(article):
    # one claim per fact: a name stitched onto another sentence's facts ("..., Zelensky and
    # Peskov were told") fails `entities` (nearby.displaced_names, test_displaced_names.py)
    for text in ("The U.S. will pay for demining.", "Zelensky held talks with Trump on security guarantees.",
                 "Peskov said there was no progress on the Donbas."):
        r = run(entities, article, text)
        assert r.passed, (text, r.message)


def test_entities_fail_on_an_unknown_name(article):
    text = "Kremlin spokesman Sergei Lavrov said there was no progress on the Donbas."
    r = run(entities, article, text)
    assert not r.passed
    assert "Sergei" in words(text, r) and "Lavrov" in words(text, r)


def test_negation_passes_when_polarity_agrees(article):
    r = run(negation, article, "Peskov said there was no progress on the fate of the Donbas.")
    assert r.passed, r.message


def test_negation_fails_on_a_dropped_or_added_negation(article):
    dropped = run(negation, article, "Peskov said there was progress on the fate of the Donbas.")
    assert not dropped.passed
    added_text = "Russia does not control about a fifth of Ukraine."
    added = run(negation, article, added_text)
    assert not added.passed and "not" in words(added_text, added)


def test_negation_fails_on_an_antonym_swap(article):
    text = "Arsenal lost to Chelsea 2-1 at the Emirates on Saturday."
    r = run(negation, article, text)
    assert not r.passed and "lost" in words(text, r)


def test_roles_pass_in_the_source_order_and_fail_when_swapped(article):
    assert run(roles, article, "Arsenal beat Chelsea 2-1 on Saturday.").passed
    text = "Chelsea beat Arsenal 2-1 on Saturday."
    swapped = run(roles, article, text)
    assert not swapped.passed
    assert words(text, swapped) == ["Chelsea", "Arsenal"]


def test_style_rules():
    assert style("Russia controls about a fifth of Ukraine, including Crimea.").passed
    long = " ".join(["word"] * 30)
    assert not style(long).passed
    first = style("We believe Russia controls a fifth of Ukraine.")
    assert not first.passed and "first person" in first.message
    assert style('Zelenskyy said "we are close" to a deal.').passed  # first person inside a quote
    assert style("The US will pay for demining.").passed  # "US" is a country, not "us"


def test_check_claim_verdicts_scores_and_spans(article):
    good = check_claim(article, "Russia controls about a fifth of Ukraine, including Crimea.", cited=[1])
    assert good.verdict == "supported" and good.score >= 0.9
    assert good.evidence and all(article.text[s.start : s.end] == s.text for s in good.evidence)
    bad_text = "Russia controls about half of Ukraine, including Crimea, after 50 years of war."
    bad = check_claim(article, bad_text)
    assert bad.verdict == "unsupported" and bad.score < good.score
    assert all(bad_text[s.start : s.end] == s.text for s in bad.unsupported_spans)
    assert any("half" in s.text for s in bad.unsupported_spans)
    assert any("'50 years'" in r for r in bad.reasons)
    assert 0.0 <= bad.score <= 1.0


def test_cited_sentence_is_a_hint_not_proof(article):
    c = check_claim(article, "Arsenal beat Chelsea 2-1 at the Emirates.", cited=[0])
    assert c.verdict == "supported"
    assert any("Arsenal" in s.text for s in c.evidence)


def test_index_is_cached_per_article(article):
    assert article_index(article) is article_index(article)


def test_locality_passes_on_one_passage_and_fails_when_stitched(article):
    from summarizer.validate.checks import locality

    one = run(locality, article, "Russia controls about a fifth of Ukraine, including Crimea.")
    assert one.passed
    text = "Arsenal beat Chelsea as Russia annexed the Crimean peninsula and Peskov saw no progress on Donbas."
    stitched = run(locality, article, text)
    assert not stitched.passed and stitched.severity > 0
    # Peskov and Arsenal sit in adjacent sentences (the main passage); Crimea is elsewhere
    assert "Crimean" in words(text, stitched) and "Arsenal" not in words(text, stitched)


def test_acronym_of_a_named_run_counts_as_the_name():
    from summarizer.ingest import plain_article

    art = plain_article("Herrera scored twice against Queens Park Rangers on Saturday.")
    assert run(coverage, art, "Herrera scored against QPR.").passed
    assert not run(coverage, art, "Herrera scored against QPZ.").passed


def test_number_from_outside_the_cited_sentence_is_flagged(article):
    # "2014" is in the article (sentence 2) but not in the cited sentence 4
    text = "The United States will pay $2.5 million towards demining from 2014."
    c = check_claim(article, text, cited=[3])
    numbers_result = next(r for r in c.checks if r.name == "numbers")
    assert not numbers_result.passed
    assert "'2014' not in the cited sentences" in numbers_result.message
    assert c.verdict != "supported"
    assert check_claim(article, "The United States will pay $2.5 million towards demining.", cited=[3]).verdict == "supported"


def test_bullet_with_a_fact_found_nowhere_in_the_article_is_review_at_best() -> None:
    """Desk rule: an invented fact (a name, a figure's unit) must be looked at before
    approval, even when the rest of the bullet is well supported; since issue #10's
    third pass an invented common word ('boats') only lowers the score and is still
    named (human highlights paraphrase: 'craze', 'lamented'); summary sentences are
    scored alone."""
    from summarizer.ingest import plain_article
    from summarizer.validate import check_claim

    article = plain_article(
        "A storm flooded the harbor district on Saturday. Firefighters rescued 23 people from flooded "
        "ground-floor flats near the fish market. Power was restored by Monday."
    )
    invented = "Firefighters rescued boats from flooded ground-floor flats near the fish market."
    faithful = "Firefighters rescued 23 people from flooded flats near the fish market."
    bullet = check_claim(article, invented)
    assert bullet.score < check_claim(article, faithful).score
    assert "boats" in " ".join(bullet.reasons) and [s.text for s in bullet.unsupported_spans] == ["boats"]
    assert check_claim(article, faithful).verdict == "supported"
    unit = check_claim(article, "Firefighters rescued 23 kilograms from flooded flats near the fish market.")
    assert unit.verdict != "supported", unit.reasons  # the figure's unit is a fact
    summary_sentence = check_claim(article, invented, form=False)
    assert summary_sentence.score < bullet.score  # summaries: no credit for the invented word


def test_unit_abbreviations_match_the_spelled_out_units() -> None:
    from summarizer.ingest import plain_article
    from summarizer.validate import check_claim

    article = plain_article("Winds reached 110 kilometres per hour and 86 millimetres of rain fell in six hours.")
    assert check_claim(article, "Winds reached 110 km/h and 86 mm of rain fell.").verdict == "supported"
    assert check_claim(article, "Winds reached 110 mph and 86 cm of rain fell.").verdict != "supported"
