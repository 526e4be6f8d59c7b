"""The relations check: close claim words must not be tied to other words in the evidence."""

from __future__ import annotations

from summarizer.ingest import ingest_path, plain_article
from summarizer.validate import check_claim
from summarizer.validate.align import align
from summarizer.validate.index import article_index
from summarizer.validate.relations import EVIDENCE_WINDOW, RELATION_BREAK, relations


def run(article, text):
    idx = article_index(article)
    return relations(align(text, idx), idx)


def test_relations_fail_when_a_contrast_word_separates_the_phrase(article):
    # the article: "remained far apart on territorial issues, despite progress on security guarantees"
    text = "Trump and Zelenskyy made progress on territorial issues."
    r = run(article, text)
    assert not r.passed
    assert "'progress on territorial'" in r.message
    assert "the evidence ties these words to other words" in r.message
    assert [text[s:e] for s, e in r.spans] == ["progress on territorial", "progress on territorial issues"]
    assert r.severity == round(1 - (1 - RELATION_BREAK) ** 2, 4)  # two pairs failed


def test_relations_pass_for_the_phrases_the_evidence_holds(article):
    for text in ("Russia and Ukraine remained far apart on territorial issues.",
                 "The talks made progress on security guarantees.",
                 "Territorial issues remained far apart despite progress on guarantees."):
        r = run(article, text)
        assert r.passed, (text, r.message)
        assert r.severity == 0


def test_relations_fail_when_the_evidence_spreads_the_words_far_apart():
    filler = " ".join(["the", "council", "met", "again", "for", "hours"] * (EVIDENCE_WINDOW // 6 + 1))
    art = plain_article(f"The budget plan was approved on Monday after {filler} and a long debate about housing.")
    r = run(art, "The housing plan was approved.")
    assert not r.passed, r.message
    assert "'housing plan'" in r.message
    near = plain_article("The housing plan was approved on Monday after a long debate.")
    assert run(near, "The housing plan was approved.").passed


def test_relations_skip_words_split_by_punctuation_in_the_claim(article):
    # "progress" and "territorial" are in separate clauses of the claim itself
    r = run(article, "Despite progress, territorial issues remain.")
    assert r.passed, r.message


def test_seed_article_progress_on_territory_is_not_supported(seed_path):
    art = ingest_path(seed_path)
    bad = check_claim(art, "Trump and Zelenskyy made progress on territorial issues on Monday.")
    assert bad.verdict != "supported", (bad.score, bad.reasons)
    assert any("progress on territorial" in reason for reason in bad.reasons)
    good = check_claim(art, "Russia and Ukraine remained far apart on territorial issues.")
    assert good.verdict == "supported", (good.score, good.reasons)
    assert all(c.passed for c in good.checks if c.name == "relations")


def test_relation_spans_are_not_reported_as_unsupported_words(article):
    c = check_claim(article, "Trump and Zelenskyy made progress on territorial issues.")
    failed = [r for r in c.checks if r.name == "relations" and not r.passed]
    assert failed
    assert not any(s.text == "progress on territorial" for s in c.unsupported_spans)
