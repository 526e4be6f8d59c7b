"""Relation check: words that sit together in the claim must sit together in the evidence.

Word coverage cannot see a claim that reuses the evidence's words in another
relation: "Trump and Zelenskyy made progress on territorial issues" against
"remained far apart on territorial issues ... despite progress on security
guarantees" has every word in one sentence. Here, each pair of content words that
are close in the claim (at most CLAIM_WINDOW tokens apart, no punctuation or
contrast word between them) must have occurrences in one evidence sentence that
are not too far apart (at most EVIDENCE_WINDOW tokens, either order) and not in
clauses the sentence opposes (a contrast word such as "despite", "but" or "while"
between them). Each pair that fails lowers the score by RELATION_BREAK, so one odd
pair (often a paraphrase) leaves a claim supported and two or more do not.

Deliberately narrow. Stricter variants (commas + conjunctions, dashes and
semicolons as clause breaks; evidence windows of 4-15 tokens) fired as often on
claims annotated as supported as on unsupported ones in the dev data and lowered
balanced accuracy on half A (bench/tune_validator.py --relations). Pairs whose
words do not share an evidence sentence are left to the locality check; names and
numbers to the entity, role and number checks, which know their forms better;
run-together "sentences" longer than MAX_SENTENCE_TOKENS (caption soup from
scraped pages) are not checked.
"""

from __future__ import annotations

import re

from summarizer.models import CheckResult
from summarizer.validate.align import Alignment, Word
from summarizer.validate.index import ArticleIndex
from summarizer.validate.numbers import claim_quantities
from summarizer.validate.lemmas import base_stem
from summarizer.validate.tokens import Token

# chosen on half A of the dev data (bench/tune_validator.py, see README "Validator")
CLAIM_WINDOW = 3  # tokens: claim words this close form a phrase to check
EVIDENCE_WINDOW = 30  # tokens: farther apart than this in the evidence is no phrase either
MAX_SENTENCE_TOKENS = 60  # longer "sentences" are usually splitting failures: not checked
RELATION_BREAK = 0.25  # severity per phrase the evidence does not hold together

CONTRAST = frozenset({
    "despite", "while", "whilst", "but", "although", "though", "whereas", "however",
    "unlike", "instead", "yet", "except", "rather", "notwithstanding",
})
_CLAIM_BREAK = re.compile(r"[^\w\s'’-]")  # any punctuation: the claim's words are not one phrase


def _contrast_between(toks: list[Token], a: int, b: int) -> bool:
    """A contrast word ("despite", "but", ...) between token positions a < b: the two
    words sit in clauses the sentence opposes."""
    for k in range(a + 1, b):  # a plain loop: the range is a few tokens, a generator cost more
        if toks[k][0].lower() in CONTRAST:
            return True
    return False


def _same_stem(st: str, ws: str) -> bool:
    """An article token with stem `ws` is the claim word with stem `st`, or one
    extending or shortening it ("agree"/"agreement"). Synonyms do not count: a phrase
    rebuilt from synonyms is too loose a match to place."""
    if ws == st:
        return True
    short, long_ = (st, ws) if len(st) <= len(ws) else (ws, st)
    return len(short) >= 4 and long_.startswith(short)


def _positions(w: Word, stems: list[str]) -> list[int]:
    """Token positions in a sentence (given its token stems) where claim word `w` occurs."""
    st = base_stem(w.text)
    head = st[:4]  # cheap filter first: most tokens share neither the stem nor its start
    return [k for k, ws in enumerate(stems) if ws == st or (ws[:4] == head and _same_stem(st, ws))]


def failed_pairs(al: Alignment, idx: ArticleIndex, claim_window: int = CLAIM_WINDOW,
                 evidence_window: int = EVIDENCE_WINDOW) -> tuple[int, list[tuple[Word, Word]]]:
    """(pairs checked, pairs the evidence does not hold together). Parameters are
    exposed so bench/tune_validator.py can try other windows."""
    if not al.evidence:
        return 0, []
    pos = {s: k for k, (_, s, _) in enumerate(al.tokens)}
    # numbers, dates and their words ("per cent", "million") belong to the number
    # check; names may be aliases or surnames, the entity and role checks' business
    qspans = [(q.start, q.end) for q in claim_quantities(al.claim)]
    words = [w for w in al.words
             if not w.is_name and not w.text[:1].isdigit() and w.how in ("key", "prefix")
             and not any(a <= w.start < b for a, b in qspans)]
    checked, failed = 0, []
    occ: dict[tuple[int, int], list[int]] = {}
    for x in range(len(words)):
        for y in range(x + 1, len(words)):
            a, b = words[x], words[y]
            ka, kb = pos[a.start], pos[b.start]
            if kb - ka > claim_window:
                break
            if a.keys & b.keys or _CLAIM_BREAK.search(al.claim[a.end : b.start]) \
                    or _contrast_between(al.tokens, ka, kb):
                continue
            shared = [i for i in al.evidence if i in a.sentences and i in b.sentences]
            if not shared:
                continue
            checked += 1
            ok = False
            for i in shared:
                s = idx.sentences[i]
                if len(s.surface) > MAX_SENTENCE_TOKENS:  # likely several sentences run together
                    ok = True
                    break
                for z, w in ((x, a), (y, b)):
                    if (z, i) not in occ:
                        occ[z, i] = _positions(w, s.stems)
                pa, pb = occ[x, i], occ[y, i]
                if not pa or not pb:  # matched by a multi-word alias or similar: cannot place it
                    ok = True
                    break
                if any(p != q and abs(p - q) <= evidence_window
                       and not _contrast_between(s.tokens, min(p, q), max(p, q)) for p in pa for q in pb):
                    ok = True
                    break
            if not ok:
                failed.append((a, b))
    return checked, failed


def relations(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Phrases of the claim ("progress on territorial") must be phrases of the
    evidence, not words the evidence ties to other words."""
    checked, failed = failed_pairs(al, idx)
    if not failed:
        msg = "close words in the claim are close in the evidence" if checked else "no phrases to compare"
        return CheckResult(name="relations", passed=True, message=msg)
    phrases = [f"'{al.claim[a.start : b.end]}'" for a, b in failed]
    return CheckResult(
        name="relations", passed=False,
        message=f"{', '.join(phrases)}: the evidence ties these words to other words",
        spans=[(a.start, b.end) for a, b in failed],
        severity=round(1.0 - (1.0 - RELATION_BREAK) ** len(failed), 4),
    )
