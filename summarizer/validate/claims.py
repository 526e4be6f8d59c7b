"""Split a summary into claims (sentences or bullet lines) with exact offsets.

A claim's `start`/`end` are offsets into the summary, so unsupported spans found in
the claim can be shifted back into the summary (`summary[start:end] == claim.text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.ingest.sentences import split_spans

_BULLET = re.compile(r"^[ \t]*(?:[-*•‣◦–—]|\d{1,2}[.)])[ \t]+", re.M)


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int


def split_claims(summary: str) -> list[Claim]:
    """Bullet lines when the summary is a bullet list, otherwise its sentences."""
    lines = [m for m in re.finditer(r"[^\n]+", summary) if m.group(0).strip()]
    if lines and sum(1 for m in lines if _BULLET.match(m.group(0))) >= max(2, len(lines) // 2 + 1):
        out = []
        for m in lines:
            b = _BULLET.match(m.group(0))
            s = m.start() + (b.end() if b else 0)
            e = m.end()
            seg = summary[s:e]
            s += len(seg) - len(seg.lstrip())
            e -= len(seg) - len(seg.rstrip())
            if e > s:
                out.append(Claim(summary[s:e], s, e))
        return out
    return [Claim(summary[s:e], s, e) for s, e in split_spans(summary)]
