"""Ingest: clean body, headline, published takeaways, furniture, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.ingest import article_id, ingest_path, ingest_text, plain_article

PAGES = Path(__file__).parent / "pages"


def _sentences(article) -> list[str]:
    return [article.text[s.start : s.end] for s in article.sentences]


def test_seed_body_headline_and_published_takeaways(seed_path: Path) -> None:
    a = ingest_path(seed_path)
    assert a.title == "Trump-Zelenskyy talks yield no progress on Ukraine-Russia territorial issues"
    assert a.text.startswith("KYIV — Russia and Ukraine on Monday remained far apart")
    assert a.text.rstrip().endswith("said Nadiia Yevtushenko, a 57-year-old Kyiv resident.")
    assert len(a.published_takeaways) == 3
    assert a.published_takeaways[2].startswith("Security guarantees for Ukraine")
    assert a.id == article_id(a.text)
    assert a.metadata["dateline"] == "KYIV"
    assert a.metadata["subheads"] == ["Security guarantees", "Trust between Russia and Ukraine is low"]


@pytest.mark.parametrize(
    "furniture",
    [
        "1 photo",
        "Save Story",
        "Estimated read time",
        "KEY TAKEAWAYS",
        "(Jonathan Ernst, Reuters)",
        "listens to President Donald Trump",  # the photo caption
        "generated with the assistance of large language models",
        "Most recent World stories",
        "Related topics",
        "Yuliia Dysa",
        "KSL Weather Forecast",
        "Play button",
        "Contributing:",
        "Security guarantees\n",  # subheads are not body sentences
    ],
)
def test_seed_furniture_is_not_article_text(seed_path: Path, furniture: str) -> None:
    a = ingest_path(seed_path)
    assert furniture not in a.text
    for takeaway in a.published_takeaways:
        assert takeaway not in a.text


def test_seed_subhead_paragraphs_are_kept(seed_path: Path) -> None:
    a = ingest_path(seed_path)
    assert "Trump's decision to hold talks with Zelenskyy in Florida" in a.text
    assert "Despite the recent peace overtures" in a.text


def test_sentence_offsets_are_exact(seed_path: Path) -> None:
    a = ingest_path(seed_path)
    assert [s.index for s in a.sentences] == list(range(len(a.sentences)))
    previous_end = 0
    for s in a.sentences:
        piece = a.text[s.start : s.end]
        assert piece == piece.strip() and piece
        assert s.start >= previous_end
        previous_end = s.end
    # every non-space character of the body is in some sentence, except the
    # dateline ("KYIV — "), which stays in the text but begins no sentence
    covered = "".join(a.text[s.start : s.end] for s in a.sentences)
    assert a.text[: a.sentences[0].start] == "KYIV — "
    assert "".join(covered.split()) == "".join(a.text[a.sentences[0].start :].split())


def test_scraped_page_of_another_site() -> None:
    a = ingest_path(PAGES / "harbor_bridge.txt")
    assert a.title == "City council approves $48 million repair plan for Harbor Street bridge"
    assert a.text.startswith("MILLBROOK, Ore. — The Millbrook City Council voted 7-2")
    assert a.text.rstrip().endswith("officials said.")
    assert a.published_takeaways == [
        "The council voted 7-2 to fund repairs to the Harbor Street bridge.",
        "The bridge will close to trucks from March until the work ends in 2027.",
    ]
    for furniture in ["3 photos", "Share this article", "Listen", "Advertisement", "Closures and detours",
                      "Reporting by", "Related stories", "Sign up", "©", "Workers inspect"]:
        assert furniture not in a.text, furniture
    assert a.metadata["dateline"] == "MILLBROOK, Ore."
    assert a.metadata["credits"] == ["Reporting by Ana Ortiz; editing by Sam Lee"]


def test_byline_and_read_time_are_furniture() -> None:
    a = ingest_path(PAGES / "clinic_strike.txt")
    assert a.metadata["byline"] == "By Priya Nandakumar"
    assert a.text.startswith("Nurses at three Lane County clinics walked off the job")
    for furniture in ["Read time", "Most popular", "Trending now", "More from Health", "Updated 7:42"]:
        assert furniture not in a.text


def test_quotation_of_two_sentences_is_one_sentence() -> None:
    a = ingest_path(PAGES / "clinic_strike.txt")
    assert (
        '"Nobody wants to strike. We want to be able to do our jobs safely," said Karen Holt, '
        "a nurse at the Eastside clinic for 12 years."
    ) in _sentences(a)


def test_html_page() -> None:
    a = ingest_path(PAGES / "library_hours.html")
    assert a.title == "Public library extends weekend hours after record visits"
    assert a.text.startswith("RIVERSIDE — The Riverside Public Library will open")
    assert a.published_takeaways == [
        "The library will open on Sundays from 10 a.m. to 6 p.m. starting in May.",
        "Visits rose 18% last year to a record 412,000.",
    ]
    for furniture in ["Subscribe", "Related stories", "bike lanes", "Privacy policy", "Readers fill", "©"]:
        assert furniture not in a.text
    assert a.metadata["byline"] == "By Tomasz Wrona"


def test_markdown_page() -> None:
    a = ingest_path(PAGES / "ferry_fares.md")
    assert a.title == "Ferry fares to rise 6% in June"
    assert a.text.startswith("PORT ELLEN — The island's ferry operator will raise fares by 6% on June 1")
    assert "[Friday]" not in a.text and "(https://" not in a.text and "**" not in a.text
    assert a.published_takeaways[0] == "Adult fares rise from $9.50 to $10.05 on June 1."
    assert "Reaction" not in a.text
    assert "2 min read" not in a.text


def test_page_without_body_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article body"):
        ingest_path(PAGES / "no_body.txt")


def test_plain_text_without_furniture_is_kept_whole() -> None:
    raw = "A short note with enough words to count as prose for the cleaner, ending well.\n\nSecond one here, also fine."
    a = ingest_text(raw)
    assert a.text == raw


def test_plain_article_keeps_text_as_given() -> None:
    a = plain_article("  One sentence here. Another one there.  ")
    assert a.text == "One sentence here. Another one there."
    assert len(a.sentences) == 2


def test_one_paragraph_without_final_full_stop_is_still_an_article() -> None:
    raw = ("The regional water board approved a plan on Monday to build two new reservoirs north of the city, "
           "a project expected to take six years and cost about 300 million dollars, board members said after a "
           "long public hearing in which farmers and residents spoke for and against it")
    a = ingest_text(raw)
    assert a.text == raw
    assert len(a.sentences) == 1


def test_long_list_of_short_lines_is_not_prose() -> None:
    related = "\n".join(f"Story number {i} about the city budget" for i in range(12))
    with pytest.raises(InputError, match="no article body"):
        ingest_text("Related stories\n" + related)


BODY = "The city council voted on Tuesday to expand the bus network across the eastern districts by next spring."
MORE = "The mayor said the plan would be reviewed again in the autumn by the transport committee of the council."


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("SEATTLE, Jan 14 (Wire) - ", "SEATTLE, Jan 14 (Wire)"),
        ("LONDON (Reuters) - ", "LONDON (Reuters)"),
        ("WASHINGTON, March 3 (AP) — ", "WASHINGTON, March 3 (AP)"),
        ("KYIV — ", "KYIV"),
    ],
)
def test_wire_dateline_goes_to_metadata_and_out_of_the_first_sentence(opening: str, dateline: str) -> None:
    a = ingest_text(f"Buses for the east side\n\n{opening}{BODY}\n\n{MORE}", fmt="txt")
    assert a.metadata["dateline"] == dateline
    assert a.text.startswith(opening)  # the text stays as printed
    assert _sentences(a) == [BODY, MORE]  # offsets exact, first sentence without it


def test_paragraph_deep_in_the_body_that_opens_with_capitals_and_a_dash_is_not_the_start() -> None:
    prose = [f"Paragraph {k} of the story says that the council met again and voted on the plan." for k in range(5)]
    caption = "FILE - Mark Ellery walks into the district court in Perth, Australia, on Tuesday."
    a = ingest_text("\n\n".join([*prose, caption, MORE]), fmt="txt")
    assert a.text.startswith("Paragraph 0 of the story")
    assert a.metadata["dateline"] == ""


BLOG_MD = """# What we learned at the transit summit

Here are the three things we learned at the transit summit this year, in no order:

- The first speaker talked about buses and the long wait times downtown
- the trains were late again for the third week running
- Nobody mentioned the ferries at all during the session

That was the end of the meeting and everyone went home afterwards in the rain.
"""


def test_markdown_list_items_are_separate_sentences(tmp_path: Path) -> None:
    path = tmp_path / "blog.md"
    path.write_text(BLOG_MD, encoding="utf-8")
    a = ingest_path(path)
    assert _sentences(a) == [
        "Here are the three things we learned at the transit summit this year, in no order:",
        "The first speaker talked about buses and the long wait times downtown",
        "the trains were late again for the third week running",
        "Nobody mentioned the ferries at all during the session",
        "That was the end of the meeting and everyone went home afterwards in the rain.",
    ]


def test_numbered_and_starred_items_are_separate_sentences() -> None:
    text = (f"{BODY}\n\n* Buses run every ten minutes on the main routes\n* Fares stay the same\n"
            f"1. The depot opens in 2027\n2. The ferry is next\n\n{MORE}")
    a = ingest_text(text, fmt="md")
    assert _sentences(a) == [BODY, "Buses run every ten minutes on the main routes", "Fares stay the same",
                             "The depot opens in 2027", "The ferry is next", MORE]


LIST_HTML = f"""<!doctype html><html><head><title>Council expands buses</title>
<meta name="author" content="Maria Delgado, Staff Writer"></head><body><article>
<h1>Council expands buses</h1>
<p class="byline">By Maria Delgado, Staff Writer</p>
<p>SEATTLE, Jan 14 (Wire) - {BODY}</p>
<p>Here are the things the council agreed on at the meeting, in no particular order:</p>
<ul><li>More buses will run on the eastern routes during the morning peak</li>
<li>Fares will stay the same for the whole of next year</li>
<li>A new depot will be built near the harbour by 2027</li></ul>
<p>{MORE}</p>
</article></body></html>"""


def test_html_list_items_are_separate_sentences_and_byline_keeps_its_comma() -> None:
    a = ingest_text(LIST_HTML, fmt="html")
    assert _sentences(a) == [
        BODY,
        "Here are the things the council agreed on at the meeting, in no particular order:",
        "More buses will run on the eastern routes during the morning peak",
        "Fares will stay the same for the whole of next year",
        "A new depot will be built near the harbour by 2027",
        MORE,
    ]
    assert a.metadata["dateline"] == "SEATTLE, Jan 14 (Wire)"
    assert a.metadata["byline"] == "By Maria Delgado, Staff Writer"


def test_byline_only_in_meta_is_joined_with_commas() -> None:
    html = LIST_HTML.replace('<p class="byline">By Maria Delgado, Staff Writer</p>', "")
    assert ingest_text(html, fmt="html").metadata["byline"] == "By Maria Delgado, Staff Writer"


def test_long_block_that_mentions_a_copyright_is_still_body() -> None:
    # a whole article pasted without blank lines, quoting a copyright line
    prose = " ".join(f"Sentence {k} of the story says the council met again and voted on the plan." for k in range(8))
    a = ingest_text(f"{prose} ©2015 The Hollywood Reporter. All rights reserved. {MORE}", fmt="txt")
    assert "All rights reserved" in a.text and a.text.endswith(MORE)
    # a short copyright line is still furniture
    b = ingest_text(f"{prose}\n\n© 2025 The Daily Bugle. All rights reserved.", fmt="txt")
    assert "rights reserved" not in b.text
