"""Shared word-level helpers: tokens with offsets, stems, stop words.

Kept in one place so the engine and the validator agree on what a content word is.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

TOKEN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[’'][A-Za-z]+)?(?:[.,][0-9]+)*%?")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm
    i've if in into is isn't it it's its itself let's me more most mustn't my myself nor of
    off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
    when when's where where's which while who who's whom why why's with won't would wouldn't
    you you'd you'll you're you've your yours yourself yourselves said says say saying told
    will just s t mr mrs ms dr""".split()
)

# A Snowball stemmer keeps the word it is working on in the instance, so one shared
# instance is not thread-safe: two threads stemming at once (a batch run with
# --workers 0, the review app's revalidation) corrupt each other's word and raise
# IndexError. One stemmer per thread.
_local = threading.local()


def _stemmer() -> Any:  # a snowballstemmer EnglishStemmer
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower-cased Snowball stem, cached (the same words recur across sentences)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _stemmer().stemWord(w)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each word or number in `text`."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def is_content(word: str) -> bool:
    return word.lower().replace("’", "'") not in STOP_WORDS


def content_stems(text: str) -> list[str]:
    return [stem(w) for w, _, _ in tokens(text) if is_content(w)]


def word_count(text: str) -> int:
    return len(TOKEN.findall(text))


def clip(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters: cut at a word boundary and
    marked with "…", so an evidence snippet never ends in half a word ("busin")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: drop that word
        space = head.rfind(" ")
        if space > 0:
            head = head[:space]
    return head.rstrip(" ,;:—–-") + "…"
