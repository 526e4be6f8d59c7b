"""The validator's tokenizer: `summarizer.text`'s words plus dotted acronyms ("U.S.").

Offsets are into the string given, so every span reported is exact.
"""

from __future__ import annotations

import re

from summarizer.text import STOP_WORDS
from functools import lru_cache

from summarizer.validate.lexicon import EXTRA_STOP, NEGATIONS

Token = tuple[str, int, int]

# a token: a dotted acronym, else a word or number (the pattern as first written)
TOKEN_PLAIN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|[A-Za-z0-9\u00C0-\u024F]+(?:[’'][A-Za-z]+)?(?:[.,][0-9]+)*%?"
)
# The same matches with the first character taken out in front of both branches
# (the acronym branch checks, looking back, that it was a letter): a pattern that
# starts with a character set lets `re` skip to the next position that can start
# a token instead of trying both branches at every position. The word branch's
# repeats are possessive (Python 3.11): each is followed only by optional parts
# that start with characters it cannot take (an apostrophe, "." or ",", "%"), so
# giving characters back never let a match succeed, and `re` keeps no states to
# give them back. The sentences' words were found ~25% faster than with the
# written pattern. `tests/validator/test_tokens_fast.py` compares the two.
TOKEN_FAST = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F]"
    r"(?:(?<=[A-Za-z])\.(?:[A-Za-z]\.)+(?![A-Za-z])"
    r"|[A-Za-z0-9\u00C0-\u024F]*+(?:[’'][A-Za-z]++)?+(?:[.,][0-9]++)*+%?)"
)
TOKEN = TOKEN_FAST


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """(token, start, end) for each word, number or acronym in `text[start:end]`, with
    offsets into `text` (TOKEN reads nothing before a match: its one look-behind
    reads the match's own first character; so this equals tokenising the slice and
    shifting the offsets, without copying the slice)."""
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text, start, len(text) if end is None else end)]


@lru_cache(maxsize=100_000)
def is_content(word: str) -> bool:
    """Not a stop word (and not a bare possessive or contraction tail)."""
    w = word.lower().replace("’", "'")
    return w not in STOP_WORDS and w not in EXTRA_STOP and w not in ("n't", "'s") and not is_negation(w)


@lru_cache(maxsize=100_000)
def is_negation(word: str) -> bool:
    w = word.lower().replace("’", "'")
    return w in NEGATIONS or w.endswith("n't")


# Verbs and words that negate what they govern: "urged residents to avoid using
# generators" says the opposite of "told residents to use generators". They stay
# content words (coverage needs them) but also open a negation scope.
NEGATING_STEMS = frozenset({"avoid", "deni", "refus", "fail", "halt", "ban", "prevent", "stop", "reject",
                            "forbid", "forbad", "prohibit", "declin", "abandon", "cancel", "without", "lack"})


@lru_cache(maxsize=100_000)
def is_polarity_cue(word: str) -> bool:
    """A negation ("not", "never", "no") or a negating verb ("avoid", "refused")."""
    if is_negation(word):
        return True
    from summarizer.validate.lemmas import base_stem  # noqa: PLC0415 (lemmas imports lexicon only)

    return base_stem(word) in NEGATING_STEMS
