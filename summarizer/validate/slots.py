"""Name slots: a claim name put where the article's same phrase holds another name.

Highlights often copy a phrase of the article with its name in it ("Liverpool
forwards Raheem Sterling"). A swapped name keeps the phrase and changes the name
("Gerrard forwards Raheem Sterling"), and word coverage, alignment and clause
binding all accept it: every word is in the sentence. Here, for each name of the
claim (a run of adjacent name words counts as one name), the words next to it in
the claim (SLOT_WINDOW tokens on each side, within the clause: no punctuation
between, a hyphen allowed, SLOT_MIN_CONTENT content words) are looked up in the
article, longest part first. When the article has that phrase next to a DIFFERENT
name (at most SLOT_MAX_OTHERS of them: more is a common frame), and never next to
this one (nor a word of it, an alias, a shortened form "Mike" / "Michael", or its
initials), the claim's name sits in another name's slot.

A possessive is part of the slot: "Arsenal's assistant" is compared with
"<Name>'s assistant", not with "<Name> assistant". Rules only, no model: a slot
costs one pass over the article sentences that hold the phrase's rarest word.
Bullets only (checks.entities runs it when `al.bind`), like binding.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.validate.align import Alignment
from summarizer.validate.index import ArticleIndex
from summarizer.validate.lemmas import base_stem, keys, norm
from summarizer.validate.tokens import Token, is_content

# Constants chosen on half A of the highlights benchmark with bench/tune_slots.py
# (README "Name slots").
SLOT_WINDOW = 3  # context tokens on one side of the name
SLOT_SIDES = ("left", "right")  # which sides of the name are compared
SLOT_MIN_CONTENT = 2  # content words (not days or months, not figures) a context part of 2+ tokens must hold
# a phrase the article uses with more than this many other names is a common frame
# ("<X> will start", "goals for <X>"), not one name's slot
SLOT_MAX_OTHERS = 1
SLOT_MIN_PART = 1  # fewest context tokens a shorter part of the context may have
# a name after a preposition ("young adults from Mexico use ...") is not the subject
# of the words after it: its right-hand context belongs to the head noun
_PREPOSITIONS = frozenset("from in of at for with to by on into onto near over under between against about".split())
# a gap between two tokens that ends the clause (a hyphen inside "Tindall-owned" does not)
_STOP_GAP = re.compile(r"[,;:.!?()\[\]\"“”‘’`]|\s[-–—]\s|^\s*'|'\s*$")
_NOT_NAMES = frozenset("""the a an he she it they we i this that these those his her its their our but and or
if when while after before in on at for with from by as of to monday tuesday wednesday thursday friday saturday
sunday january february march april may june july august september october november december""".split())


@dataclass
class Slot:
    """A claim name whose phrase the article gives to another name."""

    start: int
    end: int
    text: str
    others: tuple[str, ...]  # the names the article has in that phrase


def _joined(text: str, a: Token, b: Token) -> bool:
    """Tokens a and b (in order) belong to the same clause: nothing but spaces or a
    hyphen between them."""
    gap = text[a[2] : b[1]]
    return not _STOP_GAP.search(gap) and len(gap) <= 3


def _possessive(w: str) -> bool:
    return w.lower().replace("’", "'").endswith("'s")


def _stem(w: str) -> str:
    """Context word form: base stem, possessive aside."""
    w = w.replace("’", "'")
    return base_stem(w[:-2] if w.lower().endswith("'s") else w)


def _claim_runs(al: Alignment) -> list[tuple[int, int]]:
    """Token ranges [a, b) of the claim's names: adjacent name words joined by a
    space or a hyphen ("Michael Scudamore", "Vince-owned" is not: "owned" is lower case)."""
    name_at = {w.start for w in al.words if w.is_name and not w.text[:1].isdigit()}
    runs: list[tuple[int, int]] = []
    for k, (w, s, _) in enumerate(al.tokens):
        if s not in name_at:
            continue
        if runs and runs[-1][1] == k and al.claim[al.tokens[k - 1][2] : s] in (" ", "-") \
                and not _possessive(al.tokens[k - 1][0]):
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    return runs


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())


def _counts(w: str) -> bool:
    """A context word that places a name: a content word, not a figure or a day/month."""
    return is_content(w) and not w[:1].isdigit() and norm(w) not in _TIME_WORDS


def _context(al: Alignment, a: int, b: int, side: str, window: int, min_content: int) -> list[int] | None:
    """Token positions of the context on `side` of the name at [a, b): up to
    `window` tokens in the same clause, or None when they hold no content word."""
    toks, out = al.tokens, []
    if side == "right":
        prev = b - 1
        for k in range(b, min(len(toks), b + window)):
            if not _joined(al.claim, toks[prev], toks[k]):
                break
            out.append(k)
            prev = k
    else:
        nxt = a
        for k in range(a - 1, max(-1, a - 1 - window), -1):
            if not _joined(al.claim, toks[k], toks[nxt]):
                break
            out.insert(0, k)
            nxt = k
    if sum(_counts(toks[k][0]) for k in out) < min_content:
        return None
    return out


def _is_name_tok(w: str, k: int, idx: ArticleIndex, inside: bool = False) -> bool:
    """A name word of the article; sentence-initial only when the article names it
    mid-sentence too, or when it starts a longer name ("Harbour City")."""
    n = norm(w)
    return w[:1].isupper() and n[:1].isalpha() and is_content(w) and n not in _NOT_NAMES \
        and (k > 0 or inside or n in idx.names)


def _article_run(text: str, toks: list[Token], k: int, step: int, idx: ArticleIndex) -> list[str]:
    """The name run that ends (step -1) or starts (step +1) at article token k."""
    out: list[str] = []
    j = k
    while 0 <= j < len(toks) and _is_name_tok(toks[j][0], j, idx, bool(out)):
        out.append(toks[j][0])
        nj = j + step
        if not (0 <= nj < len(toks)):
            break
        a, b = (toks[nj], toks[j]) if step < 0 else (toks[j], toks[nj])
        if text[a[2] : b[1]] not in (" ", "-") or (step < 0 and _possessive(toks[nj][0])) \
                or (step > 0 and _possessive(toks[j][0])):
            break
        j = nj
    return out[::-1] if step < 0 else out


def _same(claim_words: list[str], other: list[str]) -> bool:
    """The article's name is the claim's (a shared word, alias group, shortened form,
    or initials: "QPR" for "Queens Park Rangers")."""
    for x, y in ((claim_words, other), (other, claim_words)):
        if len(x) == 1 and len(y) >= 2 and _strip(x[0]).isupper() \
                and _strip(x[0]).replace(".", "").lower() == "".join(w[0] for w in y).lower():
            return True
    for c in claim_words:
        ck, cn = keys(_strip(c)), norm(_strip(c))
        for o in other:
            on = norm(_strip(o))
            if ck & keys(_strip(o)) or cn == on or (min(len(cn), len(on)) >= 3 and (cn.startswith(on) or on.startswith(cn))):
                return True
    return False


def _strip(w: str) -> str:
    w = w.replace("’", "'")
    return w[:-2] if w.lower().endswith("'s") else w


@lru_cache(maxsize=200_000)
def _stem_c(w: str) -> str:
    return _stem(w)


def _neighbours(al: Alignment, idx: ArticleIndex, part: list[int], side: str, poss: bool) -> list[list[str]]:
    """The article's name runs written next to the claim tokens `part` (the name's
    side of them), in the same clause: before them for a right context, after them
    (a "the" may come between) for a left one."""
    want = [_stem_c(al.tokens[k][0]) for k in part]
    cand = None
    for k in part:
        w = al.tokens[k][0]
        if is_content(w):
            hits = {i for key in keys(_strip(w)) if key[:1] not in "~@" for i in idx.postings.get(key, ())}
            cand = hits if cand is None else cand & hits
    out: list[list[str]] = []
    n = len(want)
    for i in sorted(cand or ()):
        toks = idx.sentences[i].tokens
        st = [_stem_c(w) for w, _, _ in toks]
        for p in range(len(toks) - n + 1):
            if st[p : p + n] != want:
                continue
            if any(not _joined(idx.text, toks[q], toks[q + 1]) for q in range(p, p + n - 1)):
                continue
            if side == "right":
                k = p - 1
                if k < 0 or not _joined(idx.text, toks[k], toks[p]):
                    continue
                run = _article_run(idx.text, toks, k, -1, idx)
                if run and _possessive(run[-1]) != poss:
                    continue
            else:
                k = p + n
                if k < len(toks) and toks[k][0].lower() == "the" and k + 1 < len(toks) \
                        and _joined(idx.text, toks[k - 1], toks[k]):
                    k += 1
                if k >= len(toks) or not _joined(idx.text, toks[k - 1], toks[k]):
                    continue
                run = _article_run(idx.text, toks, k, +1, idx)
            if run:
                out.append(run)
    return out


def slot_swaps(al: Alignment, idx: ArticleIndex, window: int | None = None, sides: tuple[str, ...] | None = None,
               min_content: int | None = None, max_others: int | None = None,
               min_part: int | None = None) -> list[Slot]:
    """The claim's names that sit in a phrase the article gives only to other names."""
    window = SLOT_WINDOW if window is None else window
    sides = SLOT_SIDES if sides is None else sides
    min_content = SLOT_MIN_CONTENT if min_content is None else min_content
    max_others = SLOT_MAX_OTHERS if max_others is None else max_others
    min_part = SLOT_MIN_PART if min_part is None else min_part
    out: list[Slot] = []
    runs_all = _claim_runs(al)
    claim_names = [[w for w, _, _ in al.tokens[a:b]] for a, b in runs_all]
    for a, b in runs_all:
        name = [w for w, _, _ in al.tokens[a:b]]
        poss = _possessive(name[-1])
        others: list[str] = []
        own = False
        for side in sides:
            ctx = _context(al, a, b, side, window, min_content)
            if ctx is None:
                continue
            if side == "left" and _possessive(al.tokens[ctx[-1]][0]):
                continue  # "Manchester United's Herrera": the slot is the owner's, not this name's
            if side == "right" and a > 0 and al.tokens[a - 1][0].lower() in _PREPOSITIONS:
                continue
            # the longest part of the context (next to the name) that the article
            # writes next to any name decides; a shorter part next to this very name
            # still clears it ("Reds boss" somewhere, "Liverpool boss Brendan" here)
            decided = False
            for n in range(len(ctx), min(min_part, len(ctx)) - 1, -1):
                part = ctx[:n] if side == "right" else ctx[-n:]
                if sum(_counts(al.tokens[k][0]) for k in part) < min(min_content, n):
                    continue
                runs = _neighbours(al, idx, part, side, poss)
                if any(_same(name, r) for r in runs):
                    own = True
                    break
                # a name of the claim itself in the slot is a role swap ("Chelsea beat
                # Arsenal"): the `roles` check's business, not a name put in
                runs = [r for r in runs if not any(_same(c, r) for c in claim_names)]
                found = list(dict.fromkeys(" ".join(_strip(w) if j == len(r) - 1 else w for j, w in enumerate(r))
                                           for r in runs))
                if found and not decided:
                    decided = True
                    if len(found) <= max_others:
                        others += found
            if own:
                break
        if others and not own:
            s, e = al.tokens[a][1], al.tokens[b - 1][2]
            out.append(Slot(s, e, al.claim[s:e], tuple(dict.fromkeys(others))))
    return out


__all__ = ["SLOT_SIDES", "SLOT_WINDOW", "Slot", "slot_swaps"]
