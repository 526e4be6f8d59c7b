"""The validator's token pattern (`TOKEN_FAST`: the first character in front of both
branches, so `re` can skip to a possible start) must find exactly the tokens of the
pattern as first written (`TOKEN_PLAIN`), in any text and any slice of it."""

from __future__ import annotations

import random

from summarizer.validate.tokens import TOKEN, TOKEN_FAST, TOKEN_PLAIN

PIECES = ["U.S.", "U.S.A", "u.s.", "e.g.", "1.A.", "A.1.", "A.B", "i.e.,", "Mr.", "U.K.'s", "St.", "a.", ".",
          "3.5", "3,500,000", "1,2", "2.5m", "95%", "95 %", "it's", "It’s", "rock'n'roll", "'tis", "o'", "x2",
          "Zürich", "ɏa", "ɐ", "ß", "café", "naïve", "東京", "Ω", "-", "—", "'", "’", "%", ",", "..", "a.b.c.d.",
          "A.B.C", "Z.z.", "q.", "9.", ".5", "5.", "5,", "x.y.z.", "ab.cd.", "A.B.c.D.", "_", "a_b", "Ж"]
SEPS = [" ", "", "", " ", ", ", "\n", "(", ")", "\"", "’", "'"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) + rng.choice(SEPS) for _ in range(rng.randint(1, 12))) for _ in range(n)]


def _spans(pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, start, end)]


def test_fast_token_pattern_finds_the_plain_patterns_tokens():
    assert TOKEN is TOKEN_FAST
    rng = random.Random(3)
    for text in _texts(3000, 1):
        assert TOKEN_FAST.findall(text) == TOKEN_PLAIN.findall(text), text
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert _spans(TOKEN_FAST, text, a, b) == _spans(TOKEN_PLAIN, text, a, b), (text, a, b)
