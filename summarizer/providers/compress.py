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
from summarizer.text import STOP_WORDS, word_count

MAX_WORDS = 25
TARGET_WORDS = 25
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
# Cut only where a clause ends: at a semicolon or dash, before a clause-opening
# conjunction, or at a comma that does not start a condition ("..., unless ...")
# and is not inside a list ("Kyiv, Kherson and Odesa"). A cut never happens inside
# a noun phrase: "after Trump and European leaders agree" must not become "after Trump".
_BOUNDARY = re.compile(
    r";\s+|\s+[—–-]{1,2}\s+|\s+(?=but\s)|,\s+(?!(?:unless|if|except|only|not|or|nor|than)\b)"
)
# Second choice, where no punctuation boundary fits: before a word that opens an
# adjunct or a relative clause. Dropping such a tail keeps a positive claim true
# ("paid tribute to the players whose efforts ..." -> "paid tribute to the players"),
# so it is not used when the head is negated.
_WEAK_BOUNDARY = re.compile(
    r"\s+(?=(?:after|before|since|following|because|while|as part of|with|whose|who|which|when|where|"
    r"despite|amid|including|in conjunction with|according to|at|on|in|for|from|during|over)\s)"
)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|without|n't|deny|denied|denies|refused?)\b", re.I)
# A head must hold a finite verb, or the cut leaves a bare noun phrase ("Trump's
# decision to hold talks with Zelenskyy in Florida"). Without a tagger, auxiliaries,
# "-ed" forms and common irregular past forms stand in for finite verbs.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|do|did|"
    r"\w{2,}ed|said|says|made|took|gave|went|came|won|lost|met|told|left|found|got|held|kept|led|paid|"
    r"saw|sent|set|spent|stood|began|became|broke|brought|built|bought|caught|chose|drew|drove|fell|felt|"
    r"fought|flew|grew|heard|hit|knew|meant|ran|rose|sold|shot|spoke|struck|taught|thought|threw|wrote|"
    r"cut|put|remain|remains|wants|plans|expects|faces)\b",
    re.I,
)
_LIST_TAIL = re.compile(r"^(?:[^,]{1,40},\s+)*[^,]{1,40}\s+(?:and|or)\s+\S+")


def _safe_cut(text: str, start: int, end: int) -> bool:
    """Whether cutting `text` at the boundary text[start:end] keeps the head true."""
    if text[start:end].strip() != ",":
        return True
    head_segment = text[: start].rsplit(",", 1)[-1]
    tail = text[end:]
    in_list = len(head_segment.split()) <= 4 and bool(_LIST_TAIL.match(tail))
    return not in_list


def _finish(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-")
    text = _END_PUNCT.sub("", text).rstrip(",;: ")
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text + "."


def _apply(rule: re.Pattern[str], text: str, repl: str = "") -> str:
    candidate = rule.sub(repl, text)
    return candidate if word_count(candidate) >= MIN_WORDS else text


_DISCOURSE = re.compile(r"^(?:But|And|However|Meanwhile|Still|Yet|Now|So|Also),?\s+(?=\S)")
_END_PUNCT = re.compile(r"[.!?…]+(?=[\"”’']?\s*$)")

# Deletions, mildest first; each runs only while the sentence is longer than the
# target, so a bullet keeps as much of its sentence (and its attribution) as fits.
_WHEN_LONG: list[re.Pattern[str]] = [
    _DASH_ASIDE,
    _TRAIL_ATTRIBUTION,
    _LEAD_CLAUSE,
    _LEAD_ATTRIBUTION,
    _DASH_TAIL,
    _TRAIL_CLAUSE,
]


def compress(sentence: str, max_words: int = MAX_WORDS, target: int = TARGET_WORDS) -> str | None:
    """A bullet of at most `max_words` words drawn from `sentence`, or None.

    Deletion rules run, mildest first, while the text is longer than `target`
    words; a clause-boundary cut is the last resort above `max_words`.
    """
    text = sentence.strip()
    if text[:1] in "\"“'‘":
        return None  # a bare quotation is a voice, not a takeaway
    text = _CNN_PREFIX.sub("", text)
    text = _DATELINE.sub("", text)
    text = _DISCOURSE.sub("", text)
    if _PRONOUN_START.match(text):
        return None  # leans on the sentence before it; unreadable alone
    text = _END_PUNCT.sub("", text).strip()
    text = _apply(_PAREN, text)
    for rule in _WHEN_LONG:
        if word_count(text) <= target:
            break
        shorter = _apply(rule, text)
        if rule is _LEAD_ATTRIBUTION and _PRONOUN_START.match(shorter):
            continue  # "Zelenskyy said he ..." must keep its subject
        text = shorter
    if word_count(text) > max_words:
        cut = _cut(text, max_words)
        if cut is None:
            return None
        text = cut
    text = _finish(text)
    if not _balanced(text) or word_count(text) < MIN_WORDS:
        return None
    return text


def _complete(head: str) -> bool:
    """A head that can stand as a claim: a finite verb, no dangling function word."""
    words = head.split()
    return bool(words) and _FINITE.search(head) is not None and words[-1].lower().strip(",;:") not in STOP_WORDS


def _cut(text: str, max_words: int) -> str | None:
    """The longest head of `text` that ends at a safe clause boundary and fits."""
    best = None
    for m in _BOUNDARY.finditer(text):
        head = text[: m.start()]
        if (MIN_WORDS + 2 <= word_count(head) <= max_words and _balanced(head)
                and _safe_cut(text, m.start(), m.end()) and _complete(head)):
            best = head
    if best is not None:
        return best
    for m in _WEAK_BOUNDARY.finditer(text):
        head = text[: m.start()]
        if (10 <= word_count(head) <= max_words and _balanced(head)
                and not _NEGATION.search(head) and _complete(head)):
            best = head
    return best


def _balanced(text: str) -> bool:
    """Quotes and brackets open and close in pairs (a cut never splits a quotation)."""
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )
