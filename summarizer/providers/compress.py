"""Sentence compression for the extractive engine: shorter, and still true.

Each rule deletes material whose removal cannot make the remaining claim false:
datelines, parentheticals and dash asides, speech attributions, leading concessive
or temporal clauses, and trailing appositive or participial clauses. If a sentence
is still too long, it is cut at a clause boundary; if no safe cut exists, the
sentence is not used.
"""

from __future__ import annotations

import re

from summarizer.ingest.furniture import DATELINE as _DATELINE
from summarizer.text import word_count

MAX_WORDS = 25
MIN_WORDS = 6

_CNN_PREFIX = re.compile(r"^\(CNN\)\s*|^By \. [^.]{3,60}\. (?:PUBLISHED|UPDATED)?")
_PAREN = re.compile(r"\s*\([^()]{0,120}\)")
_DASH_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{1,120}?\s+[—–](?=\s)")
_DASH_TAIL = re.compile(r"\s+[—–]\s+[^—–]+$")
_SAY = r"(?:said|says|told [A-Z]?\w+|announced|added|stated|claimed|noted|explained|wrote|reported)"
_LEAD_ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s){1,6}" + _SAY + r"(?:\s+(?:on|in|at)\s+[A-Z]\w+)?(?:\s+that)?\s+(?=[a-zA-Z])"
)
_NAME = r"(?:[A-Z][\w.'’-]*\s?){1,6}"
_TRAIL_ATTRIBUTION = re.compile(
    r",\s+(?:(?:said|says|told reporters)\s+(?:the\s+)?" + _NAME + r"(?:,[^,]{1,60})?"
    r"|(?:the\s+)?" + _NAME + r"\s*(?:said|says|told reporters)(?:\s+on\s+[A-Z]\w+)?"
    r"|according to [^,.]{1,60}|(?:police|officials|authorities) said)\s*$"
)
_PRONOUN_START = re.compile(r"^(?i:He|She|They|It|This|That|These|Those|We|I|You|His|Her|Their|Its)\b")
_LEAD_CLAUSE = re.compile(
    r"^(?:Despite|Although|Though|While|Whilst|After|Before|Underlining|Amid|As|Following|"
    r"In addition|However|Meanwhile|But|And|Still|Yet|Now|Earlier|Later|Separately)\b[^,]{0,100},\s+"
)
_TRAIL_CLAUSE = re.compile(
    r",\s+(?:which|who|adding|including|as well as|while|although|though|whereas|saying|"
    r"making|leaving|citing|despite|amid|after|before|but)\b.*$"
)
# Cut only where a new clause starts; never inside a list or a noun phrase
# ("after Trump and European leaders agree" must not become "after Trump").
_BOUNDARY = re.compile(
    r";\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|whereas|as|which|who|where|when|after|before|"
    r"because|although|though|so|with|including|adding|saying)\b)"
)


def _finish(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-")
    text = text.rstrip(".!?,;: ")
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text + "."


def _apply(rule: re.Pattern[str], text: str, repl: str = "") -> str:
    candidate = rule.sub(repl, text)
    return candidate if word_count(candidate) >= MIN_WORDS else text


def compress(sentence: str, max_words: int = MAX_WORDS) -> str | None:
    """A bullet of at most `max_words` words drawn from `sentence`, or None."""
    text = sentence.strip()
    if text[:1] in "\"“'‘":
        return None  # a bare quotation is a voice, not a takeaway
    text = _CNN_PREFIX.sub("", text)
    if _PRONOUN_START.match(text):
        return None  # leans on the sentence before it; unreadable alone
    text = _DATELINE.sub("", text)
    text = _apply(_PAREN, text)
    text = _apply(_DASH_ASIDE, text)
    body = text.rstrip(".!?\"”' ")
    if '"' in body or "“" in body:
        # keep quotes intact: only rules that cannot split a quotation
        pass
    text = _apply(_TRAIL_ATTRIBUTION, body)
    unattributed = _apply(_LEAD_ATTRIBUTION, text)
    if not _PRONOUN_START.match(unattributed):
        text = unattributed
    text = _apply(_LEAD_CLAUSE, text)
    if word_count(text) > max_words:
        text = _apply(_DASH_TAIL, text)
    if word_count(text) > max_words:
        text = _apply(_TRAIL_CLAUSE, text)
    if word_count(text) > max_words:
        cut = None
        for m in _BOUNDARY.finditer(text):
            head = text[: m.start()]
            if MIN_WORDS + 2 <= word_count(head) <= max_words and _balanced(head):
                cut = head
        if cut is None:
            return None
        text = cut
    text = _finish(text)
    if not _balanced(text) or word_count(text) < MIN_WORDS:
        return None
    return text


def _balanced(text: str) -> bool:
    """Quotes and brackets open and close in pairs (a cut never splits a quotation)."""
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )
