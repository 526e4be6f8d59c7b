"""Sentence splitting with offsets: abbreviations, initials, quotes, datelines."""

from __future__ import annotations

import pytest

from summarizer.ingest.sentences import split_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trump said he expected Europe to help with U.S. backing. Agreement could be hard.",
            ["Trump said he expected Europe to help with U.S. backing.", "Agreement could be hard."],
        ),
        (
            "J.R.R. Tolkien met Dr. Smith at 3 p.m. on Jan. 5. They talked. Gen. Mark A. Milley said no.",
            ["J.R.R. Tolkien met Dr. Smith at 3 p.m. on Jan. 5.", "They talked.", "Gen. Mark A. Milley said no."],
        ),
        (
            '"Two questions remain: the station — how will the station operate? — and the territory," '
            "Zelenskyy told reporters on Monday. He left.",
            [
                '"Two questions remain: the station — how will the station operate? — and the territory," '
                "Zelenskyy told reporters on Monday.",
                "He left.",
            ],
        ),
        (
            "KYIV — Russia and Ukraine remained far apart. Talks go on.",
            ["KYIV — Russia and Ukraine remained far apart.", "Talks go on."],
        ),
        (
            "“We held fares. We had to,” Baird said. Passengers complained.",
            ["“We held fares. We had to,” Baird said.", "Passengers complained."],
        ),
        ("First paragraph ends here\n\nSecond paragraph.", ["First paragraph ends here", "Second paragraph."]),
        ("Prices rose 2.5% in March. Sales fell by $1.2 million.", ["Prices rose 2.5% in March.", "Sales fell by $1.2 million."]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_offsets_round_trip_with_repeated_sentences() -> None:
    text = "Yes. Yes. No.\n\nYes."
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == ["Yes.", "Yes.", "No.", "Yes."]
    assert [s for s, _ in spans] == [0, 5, 10, 15]


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "1. "])
def test_list_items_are_separate_sentences_without_their_markers(marker: str) -> None:
    items = ["More buses will run on the eastern routes", "fares stay the same", "A new depot opens in 2027"]
    lines = [f"{marker.replace('1', str(k))}{item}" for k, item in enumerate(items, start=1)]
    text = "The council agreed on three things:\n" + "\n".join(lines) + "\n\nThe mayor left."
    assert split(text) == ["The council agreed on three things:", *items, "The mayor left."]


def test_text_before_start_is_in_no_sentence() -> None:
    text = "SEATTLE, Jan 14 (Wire) - The council voted. It was late.\n\nMore came."
    start = len("SEATTLE, Jan 14 (Wire) - ")
    assert [text[s:e] for s, e in split_spans(text, start)] == ["The council voted.", "It was late.", "More came."]
