"""Sentence splitting with exact character offsets.

syntok does the segmentation (it is fast, maintained and reports token offsets);
a small repair pass then merges the splits it gets wrong in news copy: a question or
exclamation inside a quotation that the sentence goes on after ("... operate? — and
the territory," he said), and fragments that start in lower case.

A list item ("- item", "* item", "1. item" at the start of a line) is a sentence of
its own, whatever its punctuation, and its span leaves the marker out; so does the
first sentence's span leave out a dateline when ingest says where it ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import syntok.segmenter as syntok_segmenter

from summarizer.models import Sentence

_PARAGRAPH = re.compile(r"\n\s*\n")
# A fragment that cannot start a sentence: lower case, a dash, closing punctuation.
_CONTINUATION = re.compile(r"^[\s\"'”’)\]]*([a-z]|[—–-]|[,;:)\]])")
# A list item's marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_LIST_MARK = re.compile(r"^[ \t]*(?:[•·▪◦●*–-]|\d{1,2}[.)])[ \t]+(?=\S)", re.MULTILINE)


def _paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each blank-line separated paragraph."""
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def _item_bounds(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split text[start:end] at list items: (start, end) of the text before the first
    item, then of each item without its marker. Linear in the paragraph's length."""
    pos = start
    for match in _LIST_MARK.finditer(text, start, end):
        if match.start() > pos:
            yield pos, match.start()
        pos = match.end()
    yield pos, end


def _raw_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """syntok's sentences of text[start:end] as absolute offsets."""
    chunk = text[start:end]
    if not chunk.strip():
        return
    for paragraph in syntok_segmenter.analyze(chunk):
        for sentence in paragraph:
            tokens = list(sentence)
            if not tokens:
                continue
            first = tokens[0]
            last = tokens[-1]
            s = start + first.offset
            e = start + last.offset + len(last.value)
            yield s, e


QUOTE_MAX_CHARS = 600


def _open_quote(text: str, start: int, end: int) -> bool:
    """True when a quotation opened in `text[start:end]` is not closed by its end, so
    the next segment belongs to the same sentence ("Nobody wants to strike. We want
    to work safely," said Holt). Quotes longer than a few sentences are left split;
    the length is checked before slicing, so a run of merged fragments costs no
    more than its length (no copy of an ever-growing sentence per fragment)."""
    if end - start > QUOTE_MAX_CHARS:
        return False
    sentence = text[start:end]
    if "“" in sentence or "”" in sentence:
        return sentence.count("“") > sentence.count("”")
    return sentence.count('"') % 2 == 1


def split_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """All sentence spans of `text`, repaired, in order, never crossing paragraphs or
    list items. Text before `start` (a dateline) belongs to no sentence."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraph_bounds(text):
        if p_end <= start:
            continue
        for c_start, c_end in _item_bounds(text, max(p_start, start), p_end):
            para: list[tuple[int, int]] = []
            for s, e in _raw_spans(text, c_start, c_end):
                if para and (_CONTINUATION.match(text[s:e]) or _open_quote(text, *para[-1])):
                    para[-1] = (para[-1][0], e)
                else:
                    para.append((s, e))
            spans.extend(para)
    # Strip any surrounding whitespace so text[start:end] is exactly the sentence.
    cleaned: list[tuple[int, int]] = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            cleaned.append((s + lead, e - trail))
    return cleaned


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of `text` as `Sentence(index, start, end)` offsets; text before
    `start` (a dateline) is in no sentence."""
    return [Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(split_spans(text, start))]
