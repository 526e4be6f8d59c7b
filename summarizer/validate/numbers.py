"""Numbers and quantities in text, normalised so that different spellings compare equal.

"95%" = "95 percent" = "95 per cent" (percentages are tagged, so "20%" never
equals the "20" of "20-point"); "twenty-five" = "25"; "$2.5m" = "2.5 million" =
"2,500,000"; "a fifth" = 0.2 = "20%"; ordinals ("third", "3rd") carry their value;
weekdays and months are facts too ("on Monday"). Each quantity keeps its span in the
text it came from, so a failed check can point at the exact words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.text import stem
from summarizer.validate.lexicon import FRACTIONS, MONTH_ABBR, MONTHS, ORDINALS, SCALES, TIME_UNITS, UNITS, WEEKDAYS

Token = tuple[str, int, int]
ROUND_TO_PRECISION = True  # issue #10: was a 5% band around the source number

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)$")
_ORD_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")
_DIGIT_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(million|billion|trillion|thousand|bn|mn|tn|m|k|b)$", re.I)
_TIME_STEMS = frozenset(stem(u) for u in TIME_UNITS)
_PERCENT_WORDS = ("percent", "pct")
# lower-case words that can start a quantity without a digit (see `quantities`)
_STARTERS = frozenset(UNITS) | {"one"} | frozenset(FRACTIONS) | frozenset(ORDINALS) | frozenset(WEEKDAYS) \
    | frozenset(MONTHS) | frozenset(MONTH_ABBR)


@dataclass(frozen=True)
class Quantity:
    """One number-like fact: the values it may stand for, and where it is."""

    values: frozenset[float | str]
    start: int
    end: int
    text: str
    unit: str = ""  # a time unit that follows ("35 years" -> "year"), else ""


def _val(x: float) -> float:
    return round(float(x), 6)


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i][0].lower() if 0 <= i < len(tokens) else ""


def can_start_quantity(w: str) -> bool:
    """Whether `quantities` can start a quantity at a token `w` (its first test)."""
    return w.lower() in _STARTERS or w[:1].isdigit()


def quantities(text: str, tokens: list[Token], starts: list[int] | None = None) -> list[Quantity]:
    """All quantities in `text` (whose tokens are `tokens`), left to right.
    `starts`: the positions where `can_start_quantity` holds, ascending, when the
    caller knows them (the article index does, per distinct word): the scan jumps
    from one to the next instead of testing every token; same quantities."""
    out: list[Quantity] = []
    i = 0
    n = len(tokens)
    ci = 0
    while i < n:
        if starts is not None:  # the next position the test below would not skip
            while ci < len(starts) and starts[ci] < i:
                ci += 1
            if ci == len(starts):
                break
            i = starts[ci]
        w, s, e = tokens[i]
        lw = w.lower()
        if lw not in _STARTERS and not w[:1].isdigit():
            i += 1  # no branch below can start a quantity here (every one needs a digit or a listed word)
            continue
        j = i + 1
        values: set[float | str] = set()
        m = _DIGITS.match(w)
        if m:
            v = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            pct = bool(m.group(3))
            if not pct and _word(tokens, j) in _PERCENT_WORDS:
                pct, j = True, j + 1
            elif not pct and _word(tokens, j) == "per" and _word(tokens, j + 1) == "cent":
                pct, j = True, j + 2
            scale = SCALES.get(_word(tokens, j))
            money = text[max(0, s - 2) : s].strip()[-1:] in ("£", "$", "€")
            if scale and not pct and (_word(tokens, j) not in ("m", "b", "k") or tokens[j][1] == e or money):
                v *= scale
                j += 1
            values.add(f"%{_val(v)}" if pct else _val(v))
        elif _DIGIT_SCALE.match(lw):
            m2 = _DIGIT_SCALE.match(lw)
            values.add(_val(float(m2.group(1)) * SCALES[m2.group(2).lower()]))
        elif _ORD_DIGITS.match(lw):
            values.add(float(_ORD_DIGITS.match(lw).group(1)))
        elif lw in UNITS and lw != "one" or (lw == "one" and (
            SCALES.get(_word(tokens, j)) and _word(tokens, j) not in ("m", "b", "k")
            or text[e : e + 1] == "-" or stem(_word(tokens, j)) in _TIME_STEMS)):
            v = float(UNITS[lw])
            while _word(tokens, j) in UNITS and _word(tokens, j) not in ("one",) or _word(tokens, j) == "one" and _word(tokens, j - 1) in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"):
                nxt = UNITS[_word(tokens, j)]
                v = v * nxt if nxt == 100 else v + nxt
                j += 1
            if _word(tokens, j) in SCALES and _word(tokens, j) not in ("m", "b", "k"):
                v *= SCALES[_word(tokens, j)]
                j += 1
            if _word(tokens, j) in _PERCENT_WORDS:
                values.add(f"%{_val(v)}")
                j += 1
            else:
                values.add(_val(v))
        elif lw in FRACTIONS and (lw not in ORDINALS or _word(tokens, i - 1) in ("a", "one", "two", "three", "an")):
            f = FRACTIONS[lw]
            prev = _word(tokens, i - 1)
            if prev in UNITS and prev not in ("a", "an"):
                f *= UNITS[prev]
            values.update({_val(f), f"%{_val(f * 100)}"})
        elif lw in ORDINALS:
            values.add(float(ORDINALS[lw]))
        elif lw in WEEKDAYS and w[0].isupper():
            values.add(lw)
        elif (lw in MONTHS or lw in MONTH_ABBR) and w[0].isupper() and (
            lw not in ("may", "march") or _DIGITS.match(_word(tokens, j)) or _word(tokens, i - 1) in ("in", "since", "until", "by", "of", "last", "next", "early", "late", "mid")
        ):
            values.add(f"month:{MONTHS.get(lw) or MONTH_ABBR[lw]}")
        if values:
            end = tokens[j - 1][2]
            unit = stem(_word(tokens, j)) if stem(_word(tokens, j)) in _TIME_STEMS else ""
            out.append(Quantity(frozenset(values), s, end, text[s:end], unit))
            i = j
        else:
            i += 1
    return out


@lru_cache(maxsize=4096)
def claim_quantities(text: str) -> tuple[Quantity, ...]:
    """`quantities` of a short text (a claim), cached: alignment and the numbers
    check both need them, and the review UI re-checks the same bullet often."""
    from summarizer.validate.tokens import tokens

    return tuple(quantities(text, tokens(text)))


# False: `matches_quantity` calls `matches` for every quantity of the pool
FAST_MATCH = True


def matches_quantity(q: Quantity, pool: list[Quantity]) -> bool:
    """`q` equals a quantity in `pool` by value, and by time unit when both have one
    ("one-month" is not "one-year").

    The fast path (FAST_MATCH) asks the same of each pool quantity as `matches`
    does, in one loop: the unit test first, a shared value (`isdisjoint`, no set
    built), then the rounding rule with the claim's round numbers worked out once
    (`_round_numbers`). Why: a claim number is compared with every quantity of an
    article (alignment, the numbers check), and the call per pool quantity was
    most of that time."""
    if not FAST_MATCH:
        return any(matches(q.values, p.values) and (not q.unit or not p.unit or q.unit == p.unit) for p in pool)
    values, unit = q.values, q.unit
    rounds: tuple[tuple[float, int], ...] | None = None
    for p in pool:
        if unit and p.unit and unit != p.unit:
            continue
        if not values.isdisjoint(p.values):
            return True
        if rounds is None:
            rounds = _round_numbers(values)
        for c, step in rounds:
            for x in p.values:
                if isinstance(x, float) and x > 0 and abs(c - x) / x <= 0.05 and \
                        (not ROUND_TO_PRECISION or abs(c - x) <= step / 2):
                    return True
    return False


@lru_cache(maxsize=4096)
def _round_numbers(values: frozenset) -> tuple[tuple[float, int], ...]:
    """The claim values `matches` may round (at most two significant digits, >=
    1000), each with the unit of its last significant digit. Cached by the value
    set: `quantities` makes only floats and strings, so equal sets hold the same
    members (no int 1000 standing for 1000.0)."""
    out = []
    for c in values:
        if isinstance(c, float) and c >= 1000 and len(f"{c:.0f}".rstrip("0")) <= 2:
            digits = f"{c:.0f}"
            out.append((c, 10 ** (len(digits) - len(digits.rstrip("0")))))
    return tuple(out)


def matches(claim_values: frozenset, pool: frozenset) -> bool:
    """Whether a claim quantity equals one in `pool`. A round claim number (at most
    two significant digits, >= 1000) may stand for a precise source number it rounds
    ("about 140,000" for 138,700; "5 million" for 4.8 million): within half a unit
    of its last significant digit and within 5%. A neighbour is not a rounding:
    "81 million" against 78 million is within 5% but is not 78 million rounded
    (issue #10: an invented "$81 million" passed)."""
    if claim_values & pool:
        return True
    for c in claim_values:
        if isinstance(c, float) and c >= 1000 and len(f"{c:.0f}".rstrip("0")) <= 2:
            digits = f"{c:.0f}"
            step = 10 ** (len(digits) - len(digits.rstrip("0")))
            for p in pool:
                if isinstance(p, float) and p > 0 and abs(c - p) / p <= 0.05 and \
                        (not ROUND_TO_PRECISION or abs(c - p) <= step / 2):
                    return True
    return False
