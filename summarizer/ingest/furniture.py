"""Separate a scraped news page's article body from its page furniture.

A scraped page is a sequence of blocks (paragraphs split on blank lines). The body
is found by shape and position, not by a list of one site's strings:

* a *body paragraph* is prose: a dozen words or more ending in sentence punctuation
  (a closing quote may follow);
* the body runs from the first body paragraph (or a dateline such as "KYIV — ")
  to the last one, and stops at a credit line ("Contributing: ...", "Reporting by");
* blocks that occur twice (a photo caption printed under the photo and again with
  its credit) are captions;
* short unpunctuated blocks inside the body are subheads; outside it they are
  furniture (buttons, counters, "related" lists, bylines, widgets);
* a heading such as "KEY TAKEAWAYS" followed by bullets is the page's own
  human-reviewed takeaways: kept as metadata, never as body text;
* a few shapes are furniture wherever they stand: an AI-disclosure notice, a
  "read time" counter, "N photos", "Advertisement", copyright lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[\w'’-]+")
_TERMINAL = re.compile(r"[.!?…](?:[\"'”’)\]]+)?\s*$")
# A sentence that introduces a list or a quotation ("Here is what we learned:").
_INTRO = re.compile(r":\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪◦●*–-]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
_TAKEAWAY_HEADING = re.compile(
    r"^\s*(?:key\s+takeaways?|takeaways|key\s+points|the\s+big\s+picture|what\s+to\s+know"
    r"|in\s+brief|at\s+a\s+glance|quick\s+read|summary|highlights|story\s+highlights)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
# "KYIV — ", "MILLBROOK, Ore. — ", "WASHINGTON (Reuters) - ", "SEATTLE, Jan 14 (Wire) - ",
# "WASHINGTON, March 3, 2025 (AP) — ": place in capitals, an optional state or
# country, an optional date (month name and day, optional year), an optional agency
# in parentheses, then a dash.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][A-Za-z.]+)?)?"
    r"(?:,?\s*" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?)?"
    r"\s*(?:\([A-Za-z. ]+\))?\s*[—–-]{1,2}\s+(?=\S)"
)
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*")
_CREDIT = re.compile(
    r"^(?:contributing|additional reporting|reporting by|writing by|editing by|compiled by"
    r"|with reporting from)\b[^\n]*$",
    re.IGNORECASE,
)
_ALWAYS_FURNITURE = [
    # AI-assistance disclosure notices (the tool prints its own on export).
    re.compile(r"\b(?:generated|written|produced|drafted)\b.{0,60}\b(?:assistance|help|use)\b.{0,40}"
               r"\b(?:AI|artificial intelligence|language models?|LLMs?)\b", re.IGNORECASE),
    re.compile(r"^\s*(?:estimated\s+)?read(?:ing)?\s+time\b.*$", re.IGNORECASE),
    re.compile(r"^\s*\d+\s*[-–]?\s*(?:min(?:ute)?s?)\s+read\s*$", re.IGNORECASE),
    re.compile(r"^\s*\d+\s+(?:photos?|images?|videos?|comments?)\s*$", re.IGNORECASE),
    re.compile(r"^\s*(?:advertisement|sponsored(?: content)?|ad)\s*$", re.IGNORECASE),
    re.compile(r"^\s*(?:©|copyright\b)", re.IGNORECASE),
    re.compile(r"\ball rights reserved\b", re.IGNORECASE),
]
BODY_MIN_WORDS = 12
LONG_BLOCK_WORDS = 40
SUBHEAD_MAX_WORDS = 12


@dataclass
class Block:
    """A blank-line separated block of the page, whitespace-normalised."""

    text: str
    lines: list[str]

    @property
    def is_list(self) -> bool:
        """A bulleted or numbered list ("- item", "* item", "1. item"), perhaps under a
        first line that introduces it: its items are separate sentences, so its
        paragraph keeps one item per line (see `paragraph`)."""
        return any(_BULLET.match(ln) for ln in self.lines[1:]) or (
            len(self.lines) == 1 and bool(_BULLET.match(self.lines[0]))
        )

    @property
    def paragraph(self) -> str:
        """The block as body text: one line, or one line per list item."""
        return "\n".join(self.lines) if self.is_list else self.text

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def is_prose(self) -> bool:
        """Running text: a dozen words ending in sentence punctuation, or a long block
        of long lines (copy whose last full stop was lost, e.g. a truncated export).
        Furniture lists are short lines, so they never pass the second test."""
        if self.words < BODY_MIN_WORDS:
            return False
        if _TERMINAL.search(self.text) or (_INTRO.search(self.text) and not self.is_list):
            return True
        return self.words >= LONG_BLOCK_WORDS and self.words / len(self.lines) >= 8


@dataclass
class Page:
    """What the page holds once the furniture is set aside."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    published_takeaways: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    dateline: str = ""
    byline: str = ""
    dropped: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[Block]:
    blocks = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"\s+", " ", ln).strip() for ln in raw.split("\n")]
        lines = [ln for ln in lines if ln]
        if lines:
            blocks.append(Block(text=" ".join(lines), lines=lines))
    return blocks


FURNITURE_MAX_WORDS = 60
"""Notices, counters and copyright lines are short; a longer block that merely
contains "All rights reserved" is running text (a pasted article without blank
lines would otherwise be dropped whole)."""


def _is_always_furniture(block: Block) -> bool:
    return block.words <= FURNITURE_MAX_WORDS and any(p.search(block.text) for p in _ALWAYS_FURNITURE)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


CAPTION_MIN_CHARS = 40


def _captions(blocks: list[Block]) -> set[int]:
    """Indices of blocks repeated on the page (one a prefix of the other): captions.

    Two keys of 40+ characters where one starts with the other share their first 40
    characters, so only blocks with the same 40-character head are compared: linear
    in the page for any real page (a 2 MB article has thousands of blocks; comparing
    every pair took seconds)."""
    found: set[int] = set()
    by_head: dict[str, list[tuple[int, str]]] = {}
    for i, b in enumerate(blocks):
        key = _norm(b.text)
        if len(key) >= CAPTION_MIN_CHARS:
            by_head.setdefault(key[:CAPTION_MIN_CHARS], []).append((i, key))
    for group in by_head.values():
        for k, (i, a) in enumerate(group):
            for j, b in group[k + 1 :]:
                if a.startswith(b) or b.startswith(a):
                    found.update((i, j))
    return found


def _split_takeaways(blocks: list[Block]) -> tuple[list[Block], list[str], list[str]]:
    """Remove a takeaways heading and its bullets; return (rest, bullets, dropped)."""
    rest: list[Block] = []
    bullets: list[str] = []
    dropped: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _TAKEAWAY_HEADING.match(block.lines[0]) and not bullets:
            dropped.append(block.lines[0])
            items = [m.group("text").strip() for ln in block.lines[1:] if (m := _BULLET.match(ln))]
            j = i + 1
            # Bullets may stand in the heading's block or in the blocks after it.
            while j < len(blocks) and all(_BULLET.match(ln) for ln in blocks[j].lines):
                items += [_BULLET.match(ln).group("text").strip() for ln in blocks[j].lines]
                j += 1
            if items:
                bullets = items
                i = j
                continue
        rest.append(block)
        i += 1
    return rest, bullets, dropped


DATELINE_AFTER_PROSE_MAX = 2
"""A dateline starts the body even after a standfirst or a prose-like caption, but
not after more prose than that: deep in a long body, a paragraph that opens with
capitals and a dash ("FILE - Steve Johnson ...", an AP photo caption) is not where
the story begins."""


def _first_body(blocks: list[Block], skip: set[int]) -> int | None:
    first_prose = None
    prose_seen = 0
    for i, b in enumerate(blocks):
        if i in skip:
            continue
        if DATELINE.match(b.text) and b.words >= 6:
            return i
        if b.is_prose:
            first_prose = i if first_prose is None else first_prose
            prose_seen += 1
            if prose_seen > DATELINE_AFTER_PROSE_MAX:
                break
    return first_prose


def extract_page(text: str, title_hint: str = "") -> Page:
    """Split a scraped page into title, body paragraphs, takeaways and furniture."""
    page = Page()
    blocks = _blocks(text)
    blocks, page.published_takeaways, dropped = _split_takeaways(blocks)
    page.dropped += dropped
    furniture = {i for i, b in enumerate(blocks) if _is_always_furniture(b)}
    captions = _captions(blocks)
    skip = furniture | captions
    start = _first_body(blocks, skip)
    if start is None:
        page.title = title_hint
        page.dropped += [b.text for b in blocks]
        return page
    end = start
    for i in range(start, len(blocks)):
        if _CREDIT.match(blocks[i].text):
            break
        if i not in skip and blocks[i].is_prose:
            end = i
    # A short closing paragraph ("Patients were asked to call ahead.") is still body:
    # extend over sentence-punctuated blocks until the first one that is not.
    while end + 1 < len(blocks):
        nxt = blocks[end + 1]
        # a list right after the sentence that introduces it is body too
        introduced = nxt.is_list and bool(_INTRO.search(blocks[end].text))
        if end + 1 in skip or _CREDIT.match(nxt.text) or nxt.words < 4 or not (
                _TERMINAL.search(nxt.text) or introduced):
            break
        end += 1
    # Title: an explicit hint, else the first short unpunctuated line before the body.
    page.title = title_hint
    for i in range(start):
        b = blocks[i]
        if page.title:
            break
        if i not in skip and b.words <= 30 and not b.text.endswith("."):
            page.title = b.text
    for i, b in enumerate(blocks):
        if start <= i <= end and i not in skip:
            if b.is_prose or b.is_list or _TERMINAL.search(b.text):
                page.paragraphs.append(b.paragraph)
            elif b.words <= SUBHEAD_MAX_WORDS:
                page.subheads.append(b.text)
            else:
                page.paragraphs.append(b.text)
        elif _CREDIT.match(b.text) and i > start:
            page.credits.append(b.text)
        elif b.text != page.title:
            byline = _BYLINE.match(b.text)
            if byline and i < start and not page.byline:
                page.byline = byline.group(0)
            page.dropped.append(b.text)
    if page.paragraphs:
        m = DATELINE.match(page.paragraphs[0])
        if m:
            page.dateline = re.sub(r"\s*[—–-]{1,2}\s*$", "", m.group(0))
    return page
