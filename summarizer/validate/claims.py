"""Split a summary into claims (sentences or bullet lines) with exact offsets.

A claim's `start`/`end` are offsets into the summary, so unsupported spans found in
the claim can be shifted back into the summary (`summary[start:end] == claim.text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.ingest.sentences import split_spans

BULLET_MARK = re.compile(r"^[ \t]*(?:[-*•‣◦–—]|\d{1,2}[.)])[ \t]+", re.M)


# In an all-lower-case summary (some systems lower-case and tokenize their output:
# "saturday . wright , who ...") the ingest splitter's repair pass merges every
# lower-case fragment back, so sentence ends are found here instead.
_LOWER_END = re.compile(r"\s[.!?](?=\s+\S)|\b([a-z0-9]+)([.!?])(?=\s+\S)")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sgt gen col capt lt rev gov sen rep st no vs etc inc ltd corp jan feb aug sept oct nov dec".split()
)


def _lower_case_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _LOWER_END.finditer(text, start, end):
        word = m.group(1)
        if word is not None:
            if word in _ABBREVIATIONS or (m.start() > 0 and text[m.start() - 1] == "."):
                continue  # "mr. smith", "j.p. morgan"
            if len(word) < 2 and m.group(2) == ".":
                continue  # an initial
        out.append((pos, m.end()))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        out.append((pos, end))
    return out


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int


def split_claims(summary: str) -> list[Claim]:
    """Bullet lines when the summary is a bullet list, otherwise its sentences."""
    lines = [m for m in re.finditer(r"[^\n]+", summary) if m.group(0).strip()]
    if lines and sum(1 for m in lines if BULLET_MARK.match(m.group(0))) >= max(2, len(lines) // 2 + 1):
        out = []
        for m in lines:
            b = BULLET_MARK.match(m.group(0))
            s = m.start() + (b.end() if b else 0)
            e = m.end()
            seg = summary[s:e]
            s += len(seg) - len(seg.lstrip())
            e -= len(seg) - len(seg.rstrip())
            if e > s:
                out.append(Claim(summary[s:e], s, e))
        return out
    spans = split_spans(summary)
    if summary == summary.lower():
        spans = [piece for s, e in spans for piece in _lower_case_sentences(summary, s, e)]
    return [Claim(summary[s:e], s, e) for s, e in spans if summary[s:e].strip()]
