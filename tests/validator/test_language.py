"""The validator is English only: a non-English article is named, and capped at review."""

from __future__ import annotations

import json

import pytest

from summarizer.cli import main
from summarizer.ingest import ingest_text, plain_article
from summarizer.ingest.language import detect_language
from summarizer.models import Article, Takeaway
from summarizer.validate import check_claim, validate_takeaways
from tests.validator.conftest import ARTICLE

GERMAN = (
    "BERLIN — Der Stadtrat hat am Dienstag nicht beschlossen, dass die Stadt neue Busse kaufen wird. "
    "Die Verkehrsbetriebe wollen im nächsten Jahr mehr Linien im Osten der Stadt anbieten, aber der "
    "Stadtrat muss das noch beschließen.\n\n"
    "Kritiker sagen, das Geld fehle für Schulen und Kindergärten in den äußeren Bezirken der Stadt. "
    "Der Bürgermeister war bei der Sitzung nicht anwesend."
)
# The article says the council did NOT decide; this bullet drops the negation.
NEGATION_DROPPED = "Der Stadtrat hat am Dienstag beschlossen, dass die Stadt neue Busse kaufen wird."

SAMPLES = {
    "de": GERMAN,
    "fr": "Le maire n'a pas dit mardi que la ville achèterait de nouveaux bus. La société de transport veut "
          "proposer plus de lignes dans l'est de la ville l'année prochaine, mais le conseil municipal doit "
          "encore se prononcer sur cette question.",
    "es": "El alcalde no dijo el martes que la ciudad compraría autobuses nuevos. La empresa de transporte "
          "quiere ofrecer más líneas en el este de la ciudad el próximo año, pero el consejo municipal "
          "todavía tiene que decidir sobre esta cuestión.",
    "ru": "Мэр во вторник не сказал, что город купит новые автобусы. Транспортная компания хочет в следующем "
          "году открыть больше маршрутов на востоке города, но городской совет ещё должен принять решение.",
    "en": ARTICLE,
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_of_running_text(code: str) -> None:
    assert detect_language(SAMPLES[code]) == code


@pytest.mark.parametrize(
    "text",
    [
        "Sturm trifft die Küste",  # a headline
        "Sturm trifft die Küste. Tausende ohne Strom.",  # two short sentences
        "Storm hits coast. Thousands without power.",
        # English copy quoting a German sentence is English
        'The mayor said the city would buy new buses next year, and the council agreed on Tuesday. '
        '"Wir schaffen das," she told reporters in Berlin. The plan costs $48 million and the state pays.',
    ],
)
def test_short_or_mixed_text_is_never_called_foreign(text: str) -> None:
    assert detect_language(text) in ("", "en")


def test_german_article_caps_a_dropped_negation_at_review() -> None:
    article = plain_article(GERMAN)
    assert article.metadata["language"] == "de"
    check = check_claim(article, NEGATION_DROPPED)
    assert check.verdict == "review"
    lang = [r for r in check.checks if r.name == "language"]
    assert len(lang) == 1 and not lang[0].passed
    assert lang[0].message == "article is in German (de); the validator checks English only"
    assert lang[0].message in check.reasons


def test_cap_survives_the_duplicate_recheck() -> None:
    article = plain_article(GERMAN)
    checks = validate_takeaways(article, [Takeaway(text=NEGATION_DROPPED), Takeaway(text=NEGATION_DROPPED)])
    assert [c.verdict for c in checks] == ["review", "review"]
    assert all(any(r.name == "language" for r in c.checks) for c in checks)


def test_article_without_stored_language_is_detected() -> None:
    a = plain_article(GERMAN)
    bare = Article(id=a.id, text=a.text, sentences=a.sentences)  # e.g. from an older store
    assert check_claim(bare, NEGATION_DROPPED).verdict == "review"


def test_english_article_has_no_language_check(article) -> None:
    assert article.metadata["language"] == "en"
    check = check_claim(article, "Arsenal beat Chelsea 2-1 at the Emirates.")
    assert check.verdict == "supported"
    assert all(r.name != "language" for r in check.checks)


def test_short_german_page_is_not_capped() -> None:
    a = ingest_text("Sturm trifft die Küste\n\nTausende Haushalte im Norden der Stadt waren am Montag ohne Strom, sagte die Polizei.",
                    fmt="txt")
    assert a.metadata["language"] == ""
    assert all(r.name != "language" for r in check_claim(a, "Tausende Haushalte waren ohne Strom.").checks)


def test_validate_cli_says_so_once_on_stderr(tmp_path, capsys) -> None:
    art = tmp_path / "de.txt"
    art.write_text("Stadtrat lehnt neue Busse ab\n\n" + GERMAN, encoding="utf-8")
    bullets = tmp_path / "b.txt"
    bullets.write_text(f"- {NEGATION_DROPPED}\n- Der Bürgermeister war nicht anwesend.\n", encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(bullets)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert err == (f"takeaways: note: {art}: article is in German (de); the validator checks English only; "
                   "verdicts are capped at review\n")
    assert "supported" not in out
    assert out.count("the validator checks English only") == 2


def test_validate_cli_english_article_has_no_note(tmp_path, capsys) -> None:
    art = tmp_path / "en.txt"
    art.write_text("Talks go on\n\n" + ARTICLE, encoding="utf-8")
    bullets = tmp_path / "b.txt"
    bullets.write_text("- Arsenal beat Chelsea 2-1 at the Emirates.\n", encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(bullets)]) == 0
    assert capsys.readouterr().err == ""


def test_generate_says_so_once_and_marks_no_bullet_supported(tmp_path, capsys) -> None:
    art = tmp_path / "de.txt"
    art.write_text("Stadtrat lehnt neue Busse ab\n\n" + GERMAN, encoding="utf-8")
    assert main(["generate", str(art), "--provider", "extractive", "-n", "3", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == (f"takeaways: note: {art}: article is in German (de); the validator checks English only; "
                   "verdicts are capped at review\n")
    takeaways = json.loads(out)["takeaways"]
    assert takeaways and all(t["verdict"] != "supported" for t in takeaways)
    assert all("article is in German (de); the validator checks English only" in t["reasons"] for t in takeaways)
