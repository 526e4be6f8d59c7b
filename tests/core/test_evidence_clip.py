"""Evidence snippets in text output are cut at a word and marked with "…"."""

from __future__ import annotations

import re

import pytest

from summarizer.cli import main
from summarizer.text import clip

LONG = ("Flood waters rose overnight across the valley after three days of rain, and the river burst its banks "
        "near the old mill on Tuesday, damaging dozens of homes and businesses along Main Street and the harbour.")
ARTICLE = f"Valley floods\n\n{LONG}\n\nThe mayor said repairs would take months and cost the town about $4 million."


@pytest.mark.parametrize("limit", range(20, len(LONG) + 5, 7))
def test_clip_cuts_at_a_word_and_marks_it(limit: int) -> None:
    out = clip(LONG, limit)
    assert len(out) <= limit
    if len(LONG) <= limit:
        assert out == LONG
    else:
        assert out.endswith("…")
        head = out[:-1]
        assert LONG.startswith(head) and LONG[len(head)] in " ,"  # whole words only, none cut


def _evidence_lines(out: str) -> list[str]:
    return re.findall(r'evidence(?: \[\d+\])?: "([^"]*)"', " ".join(out.split()))


def test_validate_text_output_cuts_evidence_at_a_word(tmp_path, capsys) -> None:
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    bullets = tmp_path / "b.txt"
    bullets.write_text("- Floods damaged dozens of homes and businesses along Main Street.\n", encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(bullets)]) == 0
    snippets = _evidence_lines(capsys.readouterr().out)
    assert snippets and snippets[0].endswith("…")
    assert LONG.startswith(snippets[0][:-1]) and LONG[len(snippets[0]) - 1] in " ,"


def test_generate_text_output_cuts_evidence_at_a_word(tmp_path, capsys) -> None:
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    assert main(["generate", str(art), "--provider", "extractive", "-n", "3"]) == 0
    snippets = [s for s in _evidence_lines(capsys.readouterr().out) if s.startswith("Flood")]
    assert snippets and snippets[0].endswith("…")
    assert LONG.startswith(snippets[0][:-1]) and LONG[len(snippets[0]) - 1] in " ,"
