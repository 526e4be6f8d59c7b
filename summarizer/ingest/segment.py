"""syntok's sentence segmenter, re-stated over a token list with index pointers.

Why: syntok's `segmenter.segment` is a chain of state objects that move tokens one
at a time between a queue and a history list through generators and properties
(some 20 Python calls per token); on the dev files it was over half of all
sentence-splitting time, and splitting dominated `validate --input` on inputs
with many distinct sources. The decisions it takes are few and local: at a
terminal (". ! ? ; ..." and friends) or an opening bracket it looks at the token
before, the token(s) after and, for brackets, up to 50 tokens ahead. Here the
queue is `tokens[q:]`, the history `tokens[h:q]`, and a run of ordinary tokens is
crossed by a plain loop. Every branch below mirrors one in syntok 1.4
(`syntok/_segmentation_states.py`, `State` and its subclasses), in the same
order, with the same lookahead limits; `segment_bounds(tokens)` gives the same
sentences as `syntok.segmenter.segment(iter(tokens))`, as token index ranges.

Pinned to syntok's constants (read from its `State` class at import) and to the
1.4 series whose logic it restates: with another release installed, or if one
renames those constants, `AVAILABLE` is False and callers use syntok itself.
`tests/core/test_segment.py` and `bench/sentence_split_check.py` compare the two.

The logic restated here is syntok's, used under its MIT licence (notice below).
"""

# syntok's licence, for the segmentation logic restated in this module:
#
# MIT License
#
# Copyright (c) 2018-2022 Florian Leitner
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.

from __future__ import annotations

from collections.abc import Sequence

try:
    from importlib.metadata import version as _version

    if not _version("syntok").startswith("1.4."):
        raise ImportError("syntok's segmenter logic restated here is that of the 1.4 series")
    from syntok._segmentation_states import State as _S

    TERMINALS: frozenset[str] = _S.terminals
    OPENING: frozenset[str] = _S.opening_brackets
    CLOSING: frozenset[str] = _S.closing_brackets
    QUOTES: frozenset[str] = _S.closing_quotes
    INNER_PUNCT: frozenset[str] = _S.inner_sentence_punctuation
    ROMAN: frozenset[str] = _S.roman_numerals
    MONTHS: frozenset[str] = _S.months
    ABBREVIATIONS: frozenset[str] = _S.abbreviations
    STARTERS: frozenset[str] = _S.starters
    VOWELS: frozenset[str] = _S.vowels
    AVAILABLE = True
except (ImportError, AttributeError):  # pragma: no cover - a syntok release renamed its internals
    TERMINALS = OPENING = CLOSING = QUOTES = INNER_PUNCT = ROMAN = MONTHS = ABBREVIATIONS = STARTERS = \
        VOWELS = frozenset()
    AVAILABLE = False

# a token at which the inner-token loop must stop: syntok's `next_is_a_terminal`
# (terminals and "(") or `next_is_an_opening_bracket`
_STOP = TERMINALS | OPENING | {"("}
# syntok's `token_after not in (self.closing_brackets or self.closing_quotes)`:
# the `or` of two non-empty sets is the first one
_NOT_AFTER_ABBREVIATION = CLOSING or QUOTES
_FIRST, _INNER, _TERMINAL, _END = range(4)


def _max_bracket() -> int:
    """syntok's bracket-skipping limit (a class attribute its `segment` may change)."""
    return _S.max_bracket_skipping_length if AVAILABLE else 70


class _Run:
    """One pass over a paragraph's tokens: `q` is the queue head, `h` the start of
    the history (the sentence being collected)."""

    __slots__ = ("values", "spacing", "offsets", "n", "q", "h", "max_bracket")

    def __init__(self, values: list[str], spacing: list[str], offsets: list[int]) -> None:
        self.values, self.spacing, self.offsets = values, spacing, offsets
        self.n = len(values)
        self.q = 0
        self.h = 0
        self.max_bracket = _max_bracket()

    # -- syntok's State helpers ------------------------------------------------------
    def last(self) -> str:
        return self.values[self.q - 1] if self.q > self.h else ""

    def next_value(self) -> str | None:
        return self.values[self.q] if self.q < self.n else None

    def move(self) -> bool:
        self.q += 1
        return self.q < self.n

    def end_of_bracketed_text(self) -> tuple[int, bool]:
        """syntok's `__find_end_of_bracketed_text`: the closing bracket's position in
        the queue (0: none within 50 tokens) and whether the brackets hold a sentence."""
        values, q, n = self.values, self.q, self.n
        depth = 1
        idx = 1
        first_is_title: bool | None = None
        last_is_terminal = False
        while q + idx < n and idx < 50:
            v = values[q + idx]
            if first_is_title is None and v.isalnum():
                first_is_title = v.istitle()
            elif first_is_title and v.isalnum():
                last_is_terminal = q + idx + 1 < n and values[q + idx + 1] in TERMINALS
            if v in OPENING:
                depth += 1
            elif v in CLOSING:
                depth -= 1
                if depth == 0:
                    break
            idx += 1
        return (idx if depth == 0 else 0), bool(first_is_title and last_is_terminal)

    def skip_bracketed_text(self) -> bool:
        """syntok's `_skip_bracketed_text` (next is an opening bracket)."""
        closing, inner = self.end_of_bracketed_text()
        if closing > 0:
            end_tok = self.q + closing
            length = self.offsets[end_tok] + len(self.values[end_tok]) - self.offsets[self.q]
            if length < self.max_bracket or not inner:
                self.q = end_tok + 1
                return True
        return False

    def next_token_after_bracket(self) -> str:
        closing, inner = self.end_of_bracketed_text()
        if closing > 0 and not inner and self.q + closing + 1 < self.n:
            return self.values[self.q + closing + 1]
        return ""

    def token_after_next(self) -> str:
        return self.values[self.q + 1] if self.q + 1 < self.n else ""

    def token_after_terminal(self) -> str:
        """syntok's `__move_to_next_relevant_word_and_return_token_after_terminal`."""
        values = self.values
        token: str | None = None
        nxt = self.next_value()
        if nxt is not None and nxt in OPENING and self.last() not in TERMINALS:
            self.skip_bracketed_text()
        else:
            while self.q < self.n and (values[self.q] in TERMINALS or values[self.q] in CLOSING):
                if not self.move():
                    break
                if token is None:
                    token = self.last()
            if self.q < self.n and values[self.q] in QUOTES and not self.spacing[self.q]:
                if self.move() and token is None:
                    token = self.last()
            while self.q < self.n and (values[self.q] in TERMINALS or values[self.q] in CLOSING):
                if not self.move():
                    break
                if token is None:
                    token = self.last()
            if self.q < self.n and values[self.q] in OPENING:
                token = values[self.q]
        if token is None and self.q < self.n:
            token = values[self.q]
        return "" if token is None else token

    def extract_terminal(self, state: int) -> int:
        """syntok's `_move_and_maybe_extract_terminal`: the next state (`state`
        itself where syntok returns `self`, i.e. no split)."""
        token_before = self.last()
        nxt = self.next_value()
        if nxt is None or nxt not in OPENING:
            self.move()
        token_after = self.token_after_terminal()
        nxt = self.next_value()
        next_has_no_spacing = nxt is not None and not self.spacing[self.q]
        if nxt is not None and (nxt[:1].islower() or nxt in INNER_PUNCT):
            return state
        if not (state == _FIRST and (len(token_before) == 1 or token_before in ROMAN)) \
                and nxt is not None and nxt in STARTERS:
            return _TERMINAL
        if token_before in ABBREVIATIONS and token_after not in _NOT_AFTER_ABBREVIATION:
            return state
        if token_before in ("no", "No", "NO") and nxt is not None \
                and any(c.isnumeric() for c in nxt) and nxt.isalnum():
            return state
        if nxt is not None and nxt.isnumeric() and next_has_no_spacing:
            return state
        if next_has_no_spacing and (not token_after.istitle() or not token_after.isalpha()
                                    or len(token_after) == 1):
            return state
        if nxt is not None and nxt.isnumeric() and len(nxt) > 2:
            return state
        if token_before.isnumeric() and nxt is not None and nxt in MONTHS:
            return state
        if token_before in MONTHS and nxt is not None and nxt.isnumeric():
            return state
        if "." in token_before and token_after != ".":
            return state
        if (state == _FIRST or token_before.isupper()) and (len(token_before) == 1 or token_before in ROMAN):
            return state
        if len(token_before) == 1 and token_before.isalpha() and token_before not in VOWELS:
            return state
        if token_after in OPENING:
            token_after_brackets = self.next_token_after_bracket()
            token_after_opening_bracket = self.token_after_next()
            if token_after_brackets in INNER_PUNCT:
                return state
            if token_after_opening_bracket.istitle():
                return _TERMINAL
            if token_after_brackets[:1].islower():
                return state
            return _TERMINAL
        return _TERMINAL

    # -- the states --------------------------------------------------------------------
    def first_token(self) -> int:
        """syntok's `FirstToken.__next__`."""
        values = self.values
        if self.q < self.n and values[self.q] in OPENING and self.skip_bracketed_text() \
                and self.q - self.h > 3 and not (self.q < self.n and values[self.q][:1].islower()):
            return _TERMINAL
        if self.q < self.n:
            self.move()
            if self.q < self.n and (values[self.q] in TERMINALS or values[self.q] == "("):
                return self.extract_terminal(_FIRST)
            return _INNER
        return _END

    def inner_tokens(self) -> int:
        """syntok's `InnerToken.__next__`, repeated while it returns itself without a
        decision: ordinary tokens are crossed in one loop."""
        values, n, stop = self.values, self.n, _STOP
        q = self.q  # the queue head, in a local while ordinary tokens are crossed
        while q < n:
            q += 1  # _move
            if q < n:
                v = values[q]
                if v not in stop:
                    continue
                self.q = q
                if v in OPENING:  # _move_and_skip_bracketed_text
                    self.skip_bracketed_text()
                    q = self.q
                    if q >= n:
                        continue
                    v = values[q]
                if v in TERMINALS or v == "(" or v in OPENING:
                    return self.extract_terminal(_INNER)
        self.q = q
        return _END

    def sentences(self) -> list[tuple[int, int]]:
        """All sentences as [start, end) token index ranges (syntok's `segment`)."""
        out: list[tuple[int, int]] = []
        if self.n == 0:
            return out
        state = _FIRST
        while True:
            if state == _TERMINAL or state == _END:
                if self.q > self.h:
                    if self.q - self.h > 1 or self.values[self.h]:
                        out.append((self.h, self.q))
                    self.h = self.q
                if state == _END:
                    return out
                state = _FIRST if self.q < self.n else _END
            elif state == _FIRST:
                state = self.first_token()
            else:
                state = self.inner_tokens()


def segment_bounds(values: Sequence[str], spacing: Sequence[str], offsets: Sequence[int]) -> list[tuple[int, int]]:
    """Sentences of one paragraph's tokens (value, spacing and offset of each, as
    syntok's tokenizer gives them) as [start, end) token index ranges."""
    return _Run(list(values), list(spacing), list(offsets)).sentences()


__all__ = ["AVAILABLE", "segment_bounds"]
