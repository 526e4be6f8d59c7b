"""The checks: small functions, each returning one named `CheckResult`.

Every check reports the claim words it concerns as spans into the claim, and a
`severity` (how far a failure lowers the support score; see `scoring.py`). Severities
distinguish "not in the article at all" (hard) from "in the article, but not in the
evidence sentences" (soft: often a mix-up between two parts of the story).
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.models import CheckResult
from summarizer.validate.align import Alignment
from summarizer.validate.binding import merge_names, unbound
from summarizer.validate.index import ArticleIndex
from summarizer.validate.lemmas import ANTONYMS, base_stem, keys, norm
from summarizer.validate.lexicon import FIRST_PERSON, MAX_BULLET_WORDS
from summarizer.validate.numbers import claim_quantities, matches_quantity
from summarizer.validate.relations import relations
from summarizer.validate.nearby import displaced_names, hometowns, misplaced_names
from summarizer.validate.slots import slot_swaps
from summarizer.validate.tokens import is_content, is_negation, is_polarity_cue, tokens

# Severities, chosen on half A of the dev data with bench/tune_validator.py and
# rounded (see README "Validator"); a claim's score is the product of (1 - severity)
# over its checks.
ELSEWHERE_CREDIT = 0.7  # a content word found in the article but not the evidence
# bullets: a common word found nowhere in the article (a paraphrase: "craze",
# "lamented") earns this partial credit; names and figures earn none (issue #10,
# third pass; chosen on half A by bench/tune_bullet_coverage.py, re-run in the fourth
# pass: 0.4 -> 0.5)
BULLET_MISSING_CREDIT = 0.5
COVERAGE_POWER = 1.25  # coverage severity = 1 - coverage ** COVERAGE_POWER
NUMBER_MISSING = 0.65
NUMBER_ELSEWHERE = 0.2
NUMBER_UNCITED = 0.3  # desk rule, not tuned: a figure outside the sentences the drafter cited -> review at best
NAME_MISSING = 0.3
NAME_ELSEWHERE = 0.12
NAME_SPLIT = 0.3  # a full name the article never writes (as NAME_MISSING: the person is not named), issue #10
SPLIT_NAMES = True
NAME_UNBOUND = 0.35  # a name the evidence ties to another predicate (binding.py)
BIND_NAMES = True
NAME_SLOT = 0.35  # a name in a phrase the article gives to another name (slots.py); set by hand as NAME_UNBOUND
SLOT_NAMES = True
NEARBY_NAMES = True  # a name away from the passage its claim words come from (nearby.py)
NAME_AWAY = 0.35  # set by hand as NAME_UNBOUND: alone it turns supported into review
DISPLACED_NAMES = True  # a name not in (or just before) the sentence the rest of the claim comes from (nearby.py)
HOMETOWNS = True  # "<Person>, 48, from <Town>": the town describes the person (nearby.hometowns); issue #10, fifth pass
COMMON_NAMES = True  # a claim name the evidence writes only lowercase (common_word_names)
NUMBER_UNBOUND = 0.35  # a figure the evidence gives to another clause (binding.py)
QUOTE_MISSING = 0.5
NEGATION_FLIP = 0.35
CLAIM_NEG_VERBS = True  # negating verbs open a scope on the claim side too
NEGATION_CONTRADICTION = 0.6  # "no customers lost power" against a stated number of them
ANTONYM_FLIP = 0.35
ROLE_SWAP = 0.3  # raised from the tuned 0.2: a swapped winner and loser must not stay supported (issue #10)
LOCALITY_SPREAD = 0.05  # severity per unit of claim weight drawn from a second passage
LOCALITY_OK = 0.2  # up to this share from elsewhere in the evidence still passes
NEGATION_WINDOW = 4
DETERMINER_NOUNS = True  # bullets: "without a change": a noun, not a negated verb
PLAIN_ELSEWHERE = True  # bullets: evidence words stated plainly somewhere are not negated ones
MAIN_PASSAGE_NEGATION = True  # bullets: a claim negation needs one in the main passage (issue #10, third pass)

# A polar word (one of the curated opposites, lexicon.ANTONYM_PAIRS: before/after,
# won/lost, rose/fell) must be stated somewhere in the article: a bullet may paraphrase
# a common word (the desk rule caps facts only), but not supply the direction of a
# fact (issue #10, third pass). Scope and source chosen on half A by
# bench/tune_polar.py; the severity is set by hand as NEGATION_FLIP (alone: review).
POLAR_WORDS = True
POLAR_SCOPE = "passage"  # where it must be found: "article" | "evidence" | "passage" | "off"
POLAR_SOURCE = "curated"  # which words are polar: "curated" | "all" (WordNet antonyms too)
POLAR_MISSING = 0.35
# a polar word stated next to the same neighbour in another evidence sentence (a
# bullet that stitches two sentences) is stated (issue #10, fourth pass)
POLAR_SECOND_WINDOW = True
# "found" introducing a clause ("found the fee was fair") judges; not polar there
JUDGING_FIND = True
GERUND_TOPIC = True  # bullets: "Wasting police time could ..." states no act (_gerund_topic)
# curated opposites whose everyday use carries no direction: prepositions of topic
# ("protests over prices"), comparison ("like"), modals and quantifiers
_NOT_POLAR = frozenset({"over", "under", "like", "may", "must", "all", "same"})
_GROUP_NOUNS = frozenset({"public", "young", "old", "rich", "poor", "dead", "living"})


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _where(al: Alignment) -> str:
    return "the cited sentences" if getattr(al, "cited_used", False) else "the evidence sentences"


def _fact_word(al: Alignment, w) -> bool:
    """A name, a figure, or the word right after a figure (its unit: "110 mph")."""
    if w.is_name or w.text[:1].isdigit():
        return True
    prev = [t for t in al.tokens if t[2] <= w.start]
    return bool(prev) and prev[-1][0][:1].isdigit() and al.claim[prev[-1][2] : w.start] in (" ", "-")


def coverage(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Share of the claim's content words (weighted: names and numbers count more)
    found in the evidence; words found elsewhere in the article earn partial credit."""
    if not al.words:
        return CheckResult(name="coverage", passed=True, message="no content words to check")
    total = sum(w.weight for w in al.words)
    got = 0.0
    missing, elsewhere = [], []
    for w in al.words:
        if al.in_evidence(w):
            got += w.weight
        elif w.sentences:
            got += ELSEWHERE_CREDIT * w.weight
            elsewhere.append(w)
        else:
            missing.append(w)
            if al.bind and not _fact_word(al, w):
                got += BULLET_MISSING_CREDIT * w.weight
    cov = got / total
    parts = []
    if missing:
        parts.append(f"{_quoted([w.text for w in missing])} not found in the article")
    if elsewhere:
        parts.append(f"{_quoted([w.text for w in elsewhere])} not in {_where(al)} (found elsewhere in the article)")
    return CheckResult(
        name="coverage",
        passed=not missing and not elsewhere,
        message="; ".join(parts) or "every content word is in the evidence",
        spans=[(w.start, w.end) for w in missing],
        severity=round(1.0 - cov**COVERAGE_POWER, 4),
    )


def best_passage(al: Alignment) -> tuple[frozenset[int], float]:
    """The evidence sentence, or adjacent pair, that holds the largest weighted share
    of the claim's words, and that share."""
    tot = sum(w.weight for w in al.words) or 1.0
    best: tuple[frozenset[int], float] = (frozenset(), 0.0)
    for i in al.evidence:
        for group in (frozenset({i}), frozenset({i, i + 1}), frozenset({i - 1, i})):
            share = sum(w.weight for w in al.words if w.sentences & group) / tot
            if share > best[1]:
                best = (group, share)
    return best


def locality(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """How much of the claim comes from outside its main passage (best sentence or
    adjacent pair). Stitching facts from separate parts of a story is where summaries
    go wrong (right words, wrong relation); a little is normal, so it fails only above
    LOCALITY_OK, but every bit lowers the score slightly."""
    if len(al.evidence) <= 1 or not al.words:
        return CheckResult(name="locality", passed=True, message="the claim rests on one passage")
    group, share = best_passage(al)
    tot = sum(w.weight for w in al.words)
    in_ev = sum(w.weight for w in al.words if al.in_evidence(w)) / tot
    spread = max(0.0, in_ev - share)
    outside, seen = [], set()
    for w in al.words:
        if al.in_evidence(w) and not (w.sentences & group) and w.text.lower() not in seen:
            seen.add(w.text.lower())
            outside.append(w)
    if not outside:
        return CheckResult(name="locality", passed=True, message="the claim rests on one passage")
    main = ", ".join(str(i + 1) for i in sorted(group))
    return CheckResult(
        name="locality", passed=spread <= LOCALITY_OK,
        message=f"{_quoted([w.text for w in outside])} come from other sentences than the main evidence (sentence {main})",
        spans=[(w.start, w.end) for w in outside], severity=round(LOCALITY_SPREAD * spread, 4),
    )


def _with_noun(claim: str, toks, start: int, end: int) -> tuple[int, int]:
    """Extend a number's span over the word it counts ("50" -> "50 years")."""
    for w, s, e in toks:
        if s >= end:
            if s - end <= 1 and is_content(w) and w.isalpha() and w[:1].islower():
                return start, e
            break
    return start, end


def number_status(al: Alignment, idx: ArticleIndex):
    """(quantities, missing from the article, in the article but not in the main
    passage or the cited sentences). Numbers and dates are checked against the
    sentence the claim rests on, not any evidence sentence: a figure borrowed from a
    neighbouring sentence is the classic summary error."""
    qs = claim_quantities(al.claim)
    if not qs:
        return qs, [], []
    main = set(best_passage(al)[0]) | set(al.cited)
    ev_pool = [q for i in sorted(main) if 0 <= i < len(idx.sentences) for q in idx.sentences[i].quantities]
    art_pool = idx.all_quantities
    missing, elsewhere = [], []
    for q in qs:
        if matches_quantity(q, ev_pool):
            continue
        (elsewhere if matches_quantity(q, art_pool) else missing).append(q)
    return qs, missing, elsewhere


def numbers(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Every number, percentage, fraction, amount, ordinal, weekday and month in the
    claim must equal one in the claim's main evidence (best sentence or adjacent
    pair) or its cited sentences, whatever the spelling (95% = 95 percent)."""
    qs, missing, elsewhere = number_status(al, idx)
    if not qs:
        return CheckResult(name="numbers", passed=True, message="no numbers or dates in the claim")
    flagged = {(q.start, q.end) for q in missing + elsewhere}
    wrong = [u for u in (unbound(al, idx) if al.bind else []) if u.kind == "number" and (u.start, u.end) not in flagged]
    if not missing and not elsewhere and wrong:
        parts = [f"'{u.text}' is in the evidence sentence, but not in the clause the claim rests on"
                 + (f" (that clause has {_quoted(list(u.others))})" if u.others else "") for u in wrong]
        return CheckResult(name="numbers", passed=False, message="; ".join(parts),
                           spans=[_with_noun(al.claim, al.tokens, u.start, u.end) for u in wrong],
                           severity=round(1.0 - (1 - NUMBER_UNBOUND) ** len(wrong), 4))
    if not missing and not elsewhere:
        return CheckResult(name="numbers", passed=True, message="every number is in the evidence",
                           spans=[(q.start, q.end) for q in qs])
    where = "the cited sentences" if al.cited else "the main evidence sentence"
    spans, parts = [], []
    for group, what in ((missing, "not found in the article"), (elsewhere, f"not in {where} (found elsewhere in the article)")):
        if group:
            ext = [_with_noun(al.claim, al.tokens, q.start, q.end) for q in group]
            spans += ext
            parts.append(f"{_quoted([al.claim[s:e] for s, e in ext])} {what}")
    off = NUMBER_UNCITED if al.cited else NUMBER_ELSEWHERE
    sev = 1.0 - (1 - NUMBER_MISSING) ** len(missing) * (1 - off) ** len(elsewhere)
    return CheckResult(name="numbers", passed=False, message="; ".join(parts), spans=spans, severity=round(sev, 4))


_QUOTE = re.compile(r"[\"“”]([^\"“”]{2,400})[\"“”]|(?<![A-Za-z])[‘`']([^‘’`']{2,400})[’'](?![A-Za-z])")


def quotes(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Text inside quotation marks must be in the article word for word (curly or
    straight quotes, spacing and case aside)."""
    bad, found = [], []
    for m in _QUOTE.finditer(al.claim):
        g = 1 if m.group(1) is not None else 2
        inner = m.group(g)
        toks = tokens(inner)
        if not toks or (g == 2 and len(toks) < 2 and not m.group(0).startswith(("‘", "`"))):
            continue
        flat = " " + " ".join(w.lower().replace("’", "'") for w, _, _ in toks) + " "
        span = (m.start(g), m.end(g))
        (found if flat in idx.flat_words else bad).append(span)
    if not bad and not found:
        return CheckResult(name="quotes", passed=True, message="no quotations in the claim")
    if not bad:
        return CheckResult(name="quotes", passed=True, message="every quotation is verbatim in the article", spans=found)
    return CheckResult(
        name="quotes", passed=False,
        message=f"quotation {_quoted([al.claim[s:e] for s, e in bad])} is not verbatim in the article",
        spans=bad, severity=round(1.0 - (1 - QUOTE_MISSING) ** len(bad), 4),
    )


# a possessive ends a name ("<Coach>'s <Club>" is two names, not one full name that
# the article never writes together) (issue #10, sixth pass)
POSSESSIVE_ENDS_NAME = True


def _name_runs(al: Alignment) -> list[list]:
    """Runs of adjacent name words of the claim ("Peter O'Toole", "Waley-Cohen")."""
    runs: list[list] = []
    prev = None
    for w in al.words:
        if not w.is_name or w.text[:1].isdigit():
            prev = None
            continue
        if prev is not None and al.claim[prev.end : w.start] in (" ", "-") and runs \
                and not (POSSESSIVE_ENDS_NAME and prev.text.lower().endswith(("'s", "’s"))):
            runs[-1].append(w)
        else:
            runs.append([w])
        prev = w
    return [r for r in runs if len(r) >= 2]


def split_names(al: Alignment, idx: ArticleIndex) -> list:
    """Words of a full name in the claim that the article never writes next to any
    other word of that name: each word is in the article, the name is not ("Keniheart
    O'Toole" where the article has "Peter O'Toole" and "Ms Keniheart"). One-word
    aliases ("U.S.") are exempt: the article may spell them out."""
    out = []
    for run in _name_runs(al):
        if not all(w.sentences for w in run):
            continue  # a word the article lacks is reported as missing already
        for w in run:
            if any(k[:1] == "@" for k in w.keys):
                continue
            if not any(_written_together(norm(w.text), norm(o.text), idx) for o in run if o is not w):
                out.append(w)
    return out


def _same_name(a: str, b: str) -> bool:
    """Name forms: equal, or one a shortening of the other ("Alex"/"Alexander")."""
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)))


def _written_together(a: str, b: str, idx: ArticleIndex) -> bool:
    if (a, b) in idx.pairs:
        return True
    return any(_same_name(a, x) and _same_name(b, y) for x, y in idx.pairs if x[:1] == a[:1] and y[:1] == b[:1])


def common_word_names(al: Alignment, idx: ArticleIndex) -> list:
    """Claim names that the evidence writes only as a common word: "In some Teaching
    schools" against "a teaching watchdog ... schools in Birmingham". The claim
    capitalises the word mid-sentence, the evidence never does (a sentence's first
    word does not count either way)."""
    out = []
    for w in al.words:
        if not w.is_name or w.text[:1].isdigit() or not w.text[:1].isupper():
            continue
        before = al.claim[: w.start].rstrip()
        if not before or before[-1] in ".!?:;'\"`‘’“”(-–—":
            continue  # a sentence or quotation may start here: capitalised anyway
        seen = [(tok, k) for i in al.evidence for k, tok in enumerate(idx.sentences[i].surface)
                if keys(tok) & w.keys]
        if seen and all(tok[:1].islower() for tok, k in seen if k > 0) and any(k > 0 for _, k in seen):
            out.append(w)
    return out


# bullets: a claim's first word, capitalised only because it opens the claim ("Royal
# couple have insisted ..."), that the article writes in lower case at least as often as
# capitalised mid-sentence, names nobody: only `missing` judges it, not the clause and
# passage rules (issue #10, sixth pass)
OPENER_WORDS = True


def _common_opener(al: Alignment, idx: ArticleIndex) -> list[tuple[int, int]]:
    """The span of the claim's first word when it is a one-word name run ("Royal
    couple", not "Royal Mail") that the article writes lowercase (mid-sentence) at
    least as often as capitalised mid-sentence."""
    if not al.words or not al.tokens or al.words[0].start != al.tokens[0][1]:
        return []
    w = al.words[0]
    if not w.is_name or not w.text[:1].isupper() or w.text.isupper() or len(al.tokens) < 2:
        return []
    nxt = al.tokens[1][0]
    if not nxt[:1].islower():
        return []  # "Royal Mail": the opener is part of a longer name
    n = norm(w.text)
    lower = upper = 0
    for i in dict.fromkeys(idx.word_sentences(n)):
        for k, t in enumerate(idx.sentences[i].surface):
            if k > 0 and norm(t) == n:
                lower += t[:1].islower()
                upper += t[:1].isupper()
    return [(w.start, w.end)] if lower and lower >= upper else []


# bullets: names inside a quotation that the article also writes in quotation marks
# ("American Pie", "Weird Al": a title or a nickname, quoted as the article quotes it)
# are not judged by the clause and passage rules; a name the article writes without
# quotation marks is judged as before, quoted or not (issue #10, sixth pass)
QUOTED_NAMES = True
_QUOTE_MARKS = "\"“”‘’'`"


def _quoted_as_in_article(al: Alignment, idx: ArticleIndex) -> list[tuple[int, int]]:
    """Spans of the claim's quotations that the article writes inside quotation
    marks too (case and spacing aside)."""
    out = []
    low = None
    for m in _QUOTE.finditer(al.claim):
        g = 1 if m.group(1) is not None else 2
        inner = m.group(g).strip()
        if not tokens(inner):
            continue
        low = idx.text.lower() if low is None else low
        pat = f"[{_QUOTE_MARKS}]\\s*" + r"\s+".join(re.escape(p) for p in inner.lower().split()) + f"\\s*[{_QUOTE_MARKS}]"
        if re.search(pat, low):
            out.append((m.start(g), m.end(g)))
    return out


# bullets: a claim name that an evidence sentence writes inside the same phrase as the
# claim (the name with the claim tokens next to it, at least one a content word: "at
# <Stadium> on Sunday") is bound to that phrase, not judged by the clause and passage
# rules (issue #10, sixth pass). PHRASE_REACH (tokens on each side) chosen on half A
# by bench/tune_phrase_names.py
PHRASE_NAMES = True
PHRASE_REACH = 2


def _names_in_phrase(al: Alignment, idx: ArticleIndex) -> list[tuple[int, int]]:
    """Spans of claim name runs that an evidence sentence writes, word for word (case
    aside), with up to PHRASE_REACH claim tokens on either side, at least one of them
    a content word outside the name."""
    names = {w.start for w in al.words if w.is_name and not w.text[:1].isdigit()}
    low = [t[0].lower() for t in al.tokens]
    ev = [[x.lower() for x in idx.sentences[i].surface] for i in al.evidence]
    out = []
    k = 0
    while k < len(al.tokens):
        if al.tokens[k][1] not in names:
            k += 1
            continue
        e = k
        while e + 1 < len(al.tokens) and al.tokens[e + 1][1] in names:
            e += 1
        if any(_phrase_stated(low, a, b, ev) for a in range(max(0, k - PHRASE_REACH), k + 1)
               for b in range(e, min(len(low), e + PHRASE_REACH + 1))
               if any(is_content(al.tokens[j][0]) for j in [*range(a, k), *range(e + 1, b + 1)])):
            out.append((al.tokens[k][1], al.tokens[e][2]))
        k = e + 1
    return out


def _phrase_stated(low: list[str], a: int, b: int, ev: list[list[str]]) -> bool:
    """Claim tokens a..b (lower case) stand together in one of the sentences `ev`."""
    gram = low[a : b + 1]
    n = len(gram)
    return any(sv[p : p + n] == gram for sv in ev for p in range(len(sv) - n + 1))


# bullets: the first words of a full name ("<First>" of "<First> <Surname>") that the
# evidence clause lacks are bound through the name's last word when the clause has
# it, the article writes the full name as the claim does, and no word of it is an
# alias ("United States"): news names a person in full once, then by surname
# (issue #10, sixth pass)
NAME_BY_PART = True


def _bound_by_part(al: Alignment, idx: ArticleIndex, loose: list) -> list:
    """The unbound claim name words `loose`, less those bound through their run's
    last word (NAME_BY_PART)."""
    flagged = {(u.start, u.end) for u in loose}
    keep_out: set[tuple[int, int]] = set()
    for run in _name_runs(al):
        last = run[-1]
        if (last.start, last.end) in flagged or not al.in_evidence(last):
            continue
        if any(k[:1] == "@" for w in run for k in w.keys):
            continue
        if al.claim[run[0].start : last.end] not in idx.text:
            continue
        keep_out |= {(w.start, w.end) for w in run[:-1]}
    return [u for u in loose if (u.start, u.end) not in keep_out]


def _inside(x, spans: list[tuple[int, int]]) -> bool:
    """The reported name x overlaps one of `spans`."""
    return any(a < x.end and x.start < b for a, b in spans)


def entities(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Every name in the claim (people, places, organisations) must be in the article,
    allowing aliases (U.S./United States), surnames alone and spelling variants."""
    names = [w for w in al.words if w.is_name and not w.text[:1].isdigit()]
    if not names:
        return CheckResult(name="entities", passed=True, message="no names in the claim")
    missing = [w for w in names if not w.sentences]
    elsewhere = [w for w in names if w.sentences and not al.in_evidence(w)]
    # a hometown after a person's name is judged by where the article names it, not by clause or passage
    home = hometowns(al, idx) if al.bind and HOMETOWNS else []
    opener = _common_opener(al, idx) if al.bind and OPENER_WORDS else []
    quoted = _quoted_as_in_article(al, idx) if al.bind and QUOTED_NAMES else []
    opener = opener + quoted
    home = home + opener + (_names_in_phrase(al, idx) if al.bind and PHRASE_NAMES else [])
    loose = [u for u in (unbound(al, idx) if al.bind and BIND_NAMES else []) if u.kind == "name" and not _inside(u, home)]
    wrong = merge_names(al.claim, _bound_by_part(al, idx, loose) if NAME_BY_PART else loose)
    split = split_names(al, idx) if al.bind and SPLIT_NAMES else []
    done = {(w.start, w.end) for w in missing} | {(u.start, u.end) for u in wrong}
    slots = [x for x in (slot_swaps(al, idx) if al.bind and SLOT_NAMES else [])
             if (x.start, x.end) not in done and not _inside(x, opener)]
    done |= {(x.start, x.end) for x in slots}
    away = [x for x in (misplaced_names(al, idx) if al.bind and NEARBY_NAMES else [])
            if (x.start, x.end) not in done and not _inside(x, home)]
    done |= {(x.start, x.end) for x in away}
    far = [x for x in (displaced_names(al, idx) if al.bind and DISPLACED_NAMES else [])
           if (x.start, x.end) not in done and not _inside(x, home)]
    done |= {(x.start, x.end) for x in far}
    common = [w for w in (common_word_names(al, idx) if al.bind and COMMON_NAMES else []) if (w.start, w.end) not in done]
    if not missing and not elsewhere and not wrong and not split and not slots and not away and not far and not common:
        return CheckResult(name="entities", passed=True, message="every name is in the evidence",
                           spans=[(w.start, w.end) for w in names])
    parts = []
    for u in wrong:
        instead = f" (it names {_quoted(list(u.others))})" if u.others else ""
        parts.append(f"'{u.text}' is not in the evidence clause for what the claim says{instead}")
    for x in slots:
        parts.append(f"'{x.text}' where the article has {_quoted(list(x.others))} in the same phrase")
    for x in away:
        parts.append(f"'{x.text}' is not where the rest of the claim is in the evidence (that passage names {_quoted(list(x.others))})")
    for x in far:
        instead = f"; it names {_quoted(list(x.others))}" if x.others else ""
        parts.append(f"'{x.text}' is not named in or just before the sentence the rest of the claim comes from "
                     f"(sentence {x.sentence + 1}{instead})")
    if common:
        parts.append(f"{_quoted([w.text for w in common])} written in the evidence only as a common word, not a name")
    if split:
        parts.append(f"{_quoted([w.text for w in split])} never written in the article together with the rest of the name")
    if missing:
        parts.append(f"{_quoted([w.text for w in missing])} not named in the article")
    if elsewhere:
        parts.append(f"{_quoted([w.text for w in elsewhere])} not in {_where(al)} (named elsewhere in the article)")
    sev = 1.0 - (1 - NAME_MISSING) ** len(missing) * (1 - NAME_ELSEWHERE) ** len(elsewhere) \
        * (1 - NAME_UNBOUND) ** min(1, len(wrong)) * (1 - NAME_SPLIT) ** min(1, len(split)) \
        * (1 - NAME_SLOT) ** min(1, len(slots)) * (1 - NAME_SLOT) ** min(1, len(common)) \
        * (1 - NAME_AWAY) ** min(1, len(away) + len(far))
    spans = [(w.start, w.end) for w in missing + elsewhere + split] + [(u.start, u.end) for u in wrong] \
        + [(x.start, x.end) for x in slots + away + far] + [(w.start, w.end) for w in common]
    return CheckResult(name="entities", passed=False, message="; ".join(parts), spans=spans, severity=round(sev, 4))


_SCOPE_BREAK = re.compile(r"[,;:()\"“”]|\s[-–—]\s")
_QUANT_NEG = frozenset({"no", "none", "nobody", "nothing", "zero", "neither", "nor"})


# "without doubt", "no question": idioms that affirm what follows (issue #10: "This is
# without doubt the biggest game" flagged "the biggest game" as negated)
IDIOM_HEADS = frozenset({"doubt", "question"})
EMPHATIC_COMPARATIVES = True  # "could not be happier" affirms (_emphatic_comparative)
# a determiner or possessive before a negating verb makes it a noun ("a lengthy ban
# after video footage emerged"), which negates nothing after it
_NOUN_MARKERS = frozenset("a an the his her their its our my your this that".split())


def _is_cue(toks, k: int) -> bool:
    """Token k opens a negation scope: a negation, or a negating verb used as a verb."""
    w = toks[k][0]
    if is_negation(w):
        return True
    if not is_polarity_cue(w):
        return False
    return not any(t.lower() in _NOUN_MARKERS for t, _, _ in toks[max(0, k - 2) : k])


_COPULA_FILL = frozenset({"be", "been", "have", "any"})


def _emphatic_comparative(toks, k: int) -> bool:
    """"could not be happier", "couldn't have been more proud": a negation before a
    comparative affirms (litotes) and negates nothing after it (issue #10: "is not
    the race favourite" passed against "could not be happier with the favourite").
    "not be more than 10%" still negates."""
    from lemminflect import getAllLemmas  # noqa: PLC0415

    if not EMPHATIC_COMPARATIVES:
        return False
    j = k + 1
    while j < len(toks) and toks[j][0].lower() in _COPULA_FILL:
        j += 1
    if j == k + 1 or j >= len(toks):
        return False  # "not happier" without "be": an ordinary negated comparative
    w = toks[j][0].lower()
    after = toks[j + 1][0].lower() if j + 1 < len(toks) else ""
    if w == "more":
        return after != "than" and bool(after) and bool(getAllLemmas(after, upos="ADJ"))
    if after == "than":
        return False
    lem = getAllLemmas(w, upos="ADJ").get("ADJ", ())
    return w.endswith("er") and any(x != w for x in lem)


LITOTES = True  # "it would be silly not to listen" affirms listening (_litotes)
_FOLLY = frozenset("silly foolish stupid mad crazy daft absurd ridiculous wrong remiss madness".split())


def _litotes(toks, k: int) -> bool:
    """"would be silly not to listen", "it would be wrong not to try": a negation
    between a word of folly and "to" affirms what follows (the speaker would
    listen), so it negates nothing. Issue #10, fourth pass."""
    if not LITOTES or not 0 < k < len(toks) - 1 or not is_negation(toks[k][0]):
        return False
    return toks[k - 1][0].lower() in _FOLLY and toks[k + 1][0].lower() == "to"


def _scope(text: str, toks, k: int, names: bool = True) -> set[str]:
    """Stems of the content words a cue at token k governs: the next NEGATION_WINDOW
    tokens, stopping at punctuation that closes its clause; nothing for an idiom
    that affirms ("without doubt") or a negating verb used as a noun ("a ban")."""
    out: set[str] = set()
    if not _is_cue(toks, k):
        return out
    first = next((w for w, _, _ in toks[k + 1 : k + 1 + NEGATION_WINDOW] if is_content(w)), "")
    if first.lower() in IDIOM_HEADS or _emphatic_comparative(toks, k) or _litotes(toks, k):
        return out
    for j in range(k + 1, min(len(toks), k + 1 + NEGATION_WINDOW)):
        w, s, _ = toks[j]
        if _SCOPE_BREAK.search(text[toks[j - 1][2] : s]):
            break
        if is_content(w) and not is_polarity_cue(w) and (names or not w[:1].isupper()):
            out.add(base_stem(w))
    return out


def _first_scope_verb(text: str, toks, k: int, nouns: bool = False) -> str | None:
    """Stem of the first content word a cue governs when it is a verb ("Nobody has
    been arrested"): a negated verb alone is the claim's predicate negated. With
    `nouns` (bullets), a word right after a determiner is a noun, not a verb
    ("Without a change to immigration policy")."""
    from lemminflect import getAllLemmas  # noqa: PLC0415

    for j in range(k + 1, min(len(toks), k + 1 + NEGATION_WINDOW)):
        w = toks[j][0]
        if _SCOPE_BREAK.search(text[toks[j - 1][2] : toks[j][1]]):
            return None
        if is_content(w) and not is_polarity_cue(w):
            if nouns and DETERMINER_NOUNS and toks[j - 1][0].lower() in _NOUN_MARKERS:
                return None
            return base_stem(w) if w[:1].islower() and getAllLemmas(w.lower(), upos="VERB") else None
    return None


ANTONYM_NEIGHBOURS = 2  # tokens either side that place a word ("first six games")
# WordNet antonyms (wordnet.py) of the claim word's first senses join the curated
# list for bullets; 0 = curated list only. No setting changed half A of the
# highlights (bench/tune_wordnet.py: the benchmark's opposites are in the curated
# list), so 3 is set by hand; on FRANK/CLIFF summaries they lowered cliff BA
# (0.724 -> 0.719), so summaries (form=False) keep the curated list only.
WORDNET_ANTONYM_SENSES = 3


@lru_cache(maxsize=200_000)
def _opposites(word: str, use_wordnet: bool = True) -> frozenset[str]:
    """Stems of the word's opposites: the curated news list (lexicon.ANTONYM_PAIRS)
    and WordNet's antonyms (direct, and through an adjective satellite's head)."""
    st = _adj_stem(word)
    out = set(ANTONYMS.get(st, ()))
    if WORDNET_ANTONYM_SENSES and use_wordnet and word.isalpha():
        from summarizer.validate import wordnet  # noqa: PLC0415 (lazy)

        for pos in ("a", "v", "r", "n"):
            out |= {base_stem(x) for x in wordnet.antonyms(word.lower(), pos, WORDNET_ANTONYM_SENSES)}
    out.discard(st)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _adj_stem(word: str) -> str:
    """base_stem, with comparatives and superlatives folded to the plain adjective
    ("highest" -> "high") so the antonym table needs one form."""
    from lemminflect import getAllLemmas  # noqa: PLC0415

    st = base_stem(word)
    if st in ANTONYMS or not word[-2:].lower() in ("er", "st"):
        return st
    for lemma in getAllLemmas(word.lower(), upos="ADJ").get("ADJ", ()):
        if base_stem(lemma) in ANTONYMS:
            return base_stem(lemma)
    return st


def _opposite_in_place(toks, k: int, st: str, opp, ev) -> str | None:
    """The opposite of claim token k next to a content neighbour it has in the claim,
    where the claim's own word is not next to that neighbour."""
    lo, hi = max(0, k - ANTONYM_NEIGHBOURS), k + ANTONYM_NEIGHBOURS + 1
    neigh = {base_stem(w) for j, (w, _, _) in enumerate(toks[lo:hi], start=lo) if j != k and is_content(w)}
    if not neigh:
        return None
    found = None
    for s in ev:
        adj = [_adj_stem(w) for w in s.surface]
        for p, x in enumerate(adj):
            if x != st and x not in opp:
                continue
            near = set(s.stems[max(0, p - ANTONYM_NEIGHBOURS) : p + ANTONYM_NEIGHBOURS + 1]) & neigh
            if not near:
                continue
            if x == st:
                return None  # the claim's own word in place: no flip
            found = x
    return found


def _scope_stems(toks, k: int) -> set[str]:
    return {base_stem(w) for w, _, _ in toks[k + 1 : k + 1 + NEGATION_WINDOW] if is_content(w) and not is_polarity_cue(w)}


def _wordnet_stems(al: Alignment) -> dict[str, set[str]]:
    """Claim stem -> stems of its WordNet relatives, for words the aligner matched
    only through WordNet (align.relatives)."""
    from summarizer.validate.align import relatives  # noqa: PLC0415

    out: dict[str, set[str]] = {}
    for w in al.words:
        if w.how == "wordnet":
            out.setdefault(base_stem(w.text), set()).update(base_stem(r) for r in relatives(w.text))
    return out


def _governed(text: str, toks, k: int) -> list[str]:
    """_scope in order: stems of the content words the cue at token k governs, the
    first one its predicate ("did not start the trend" -> start, trend)."""
    if not _scope(text, toks, k):
        return []
    out: list[str] = []
    for j in range(k + 1, min(len(toks), k + 1 + NEGATION_WINDOW)):
        w, s, _ = toks[j]
        if _SCOPE_BREAK.search(text[toks[j - 1][2] : s]):
            break
        if is_content(w) and not is_polarity_cue(w):
            st = base_stem(w)
            if st not in out:
                out.append(st)
    return out


_MODALS = frozenset("could would might may can will should must".split())


def _gerund_topic(al: Alignment) -> set[str]:
    """Stems of a gerund subject that a modal follows ("Wasting police time could
    lead to a fine"): the bullet names an act to say what it would bring, it does not
    state that the act happened, so an evidence negation of the act ("should not
    waste police time") is not dropped by it. Issue #10, fourth pass."""
    toks = al.tokens
    if not toks or not toks[0][0].lower().endswith("ing"):
        return set()
    from lemminflect import getAllLemmas  # noqa: PLC0415

    if not getAllLemmas(toks[0][0].lower(), upos="VERB"):
        return set()
    for m in range(1, min(len(toks), ROLE_WINDOW + 1)):  # a subject of up to ROLE_WINDOW words
        if _SCOPE_BREAK.search(al.claim[toks[m - 1][2] : toks[m][1]]):
            return set()
        if toks[m][0].lower() in _MODALS:
            return {base_stem(w) for w, _, _ in toks[:m] if is_content(w)}
    return set()


def _plain_stems(idx: ArticleIndex, sents) -> set[str]:
    """Stems of the content words these sentences state outside every negation scope."""
    out: set[str] = set()
    for s in sents:
        toks = s.tokens
        governed: set[int] = set()
        for j in s.negations:
            governed.add(j)
            if not _scope(idx.text, toks, j):
                continue
            for q in range(j + 1, min(len(toks), j + 1 + NEGATION_WINDOW)):
                if _SCOPE_BREAK.search(idx.text[toks[q - 1][2] : toks[q][1]]):
                    break
                governed.add(q)
        out |= {base_stem(w) for q, (w, _, _) in enumerate(toks) if q not in governed and is_content(w)}
    return out


def _passage_negates(al: Alignment, idx: ArticleIndex, scope: set[str], pred: set[str]) -> bool:
    """A negation in the claim's main passage that governs the claim's predicate, or
    whose own predicate is among the words the claim's negation governs."""
    group = best_passage(al)[0]
    for i in sorted(group):
        if not 0 <= i < len(idx.sentences):
            continue
        s = idx.sentences[i]
        for j in s.negations:
            theirs = _governed(idx.text, s.tokens, j)
            if theirs and (pred & set(theirs) or theirs[0] in scope):
                return True
    return False


def negation(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Polarity: a negated statement in the claim that the evidence states plainly,
    or the reverse ("avoid using generators" vs "use generators"), and antonym swaps
    ("increased" where the evidence says "decreased"). Negating verbs ("avoid",
    "refuse", "fail to", "ban", ...) count as negations on both sides; "no X did Y"
    against evidence that gives a number is a contradiction, not a gap."""
    if not al.evidence:
        return CheckResult(name="negation", passed=True, message="no evidence to compare polarity with")
    ev = [idx.sentences[i] for i in al.evidence]
    ev_stems = {x for s in ev for x in s.stems}
    cue = is_polarity_cue if CLAIM_NEG_VERBS else is_negation
    claim_neg = [k for k, (w, _, _) in enumerate(al.tokens) if cue(w)]
    claim_stems = set(map(base_stem, [t[0] for t in al.tokens]))  # the set comprehension's set, in C
    # a word matched through a WordNet relative (align.py) stands for that relative
    # in the evidence: "did not X" is compared with the sentence that says "Y"
    syn = _wordnet_stems(al) if al.wordnet else {}
    claim_stems |= {x for v in syn.values() for x in v}
    flips: list[tuple[int, int]] = []
    reasons: list[str] = []
    sev = 0.0
    # claim negates words the evidence states without any negation nearby
    for k in claim_neg:
        scope = _scope(al.claim, al.tokens, k)
        scope |= {x for st in scope for x in syn.get(st, ())}
        if not scope or not scope & ev_stems:
            continue
        ev_negated = any(scope & _scope(idx.text, s.tokens, j) for s in ev for j in s.negations)
        if not ev_negated:
            w, s0, e0 = al.tokens[k]
            flips.append((s0, e0))
            counted = w.lower() in _QUANT_NEG and any(
                s.quantities and scope & set(s.stems) for s in ev)
            if counted:
                reasons.append(f"the claim says '{w} {' '.join(t for t, _, _ in al.tokens[k + 1 : k + 3])}' "
                               "but the evidence gives a number")
                sev = max(sev, NEGATION_CONTRADICTION)
            else:
                reasons.append(f"the claim says '{w}' but the evidence states it without negation")
                sev = max(sev, NEGATION_FLIP)
    # bullets: a negation in the claim needs a negation in the main passage (best
    # sentence or adjacent pair) that governs the claim's predicate, or whose own
    # predicate the claim's negation governs; words the claim paraphrases do not
    # excuse it, and sentences the set cover adds cannot launder it
    if al.bind and MAIN_PASSAGE_NEGATION:
        done = {a for a, _ in flips}
        for k in claim_neg:
            w, s0, e0 = al.tokens[k]
            if s0 in done or not is_negation(w):
                continue
            order = _governed(al.claim, al.tokens, k)
            if not order:
                continue
            scope = set(order) | {x for st in order for x in syn.get(st, ())}
            pred = {order[0]} | syn.get(order[0], set())
            if not _passage_negates(al, idx, scope, pred):
                flips.append((s0, e0))
                said = next(t for t, _, _ in al.tokens[k + 1 :] if base_stem(t) == order[0])
                reasons.append(f"the claim says '{w} {said}' but its main evidence passage does not negate '{said}'")
                sev = max(sev, NEGATION_FLIP)
    # a negation of a negating verb affirms what the verb governs ("did not avoid a
    # jail sentence" = was sentenced): against evidence where that verb stands
    # without a negation of its own ("avoided a jail sentence"), it is a flip
    for k in claim_neg:
        if not is_negation(al.tokens[k][0]):
            continue
        nxt = next((j for j in range(k + 1, min(len(al.tokens), k + 3)) if is_content(al.tokens[j][0])), None)
        if nxt is None or is_negation(al.tokens[nxt][0]) or not is_polarity_cue(al.tokens[nxt][0]):
            continue
        verb = base_stem(al.tokens[nxt][0])
        governed = _scope(al.claim, al.tokens, nxt)
        for s in ev:
            for j in s.negations:
                if base_stem(s.tokens[j][0]) != verb or not governed & _scope(idx.text, s.tokens, j):
                    continue
                if any(is_negation(t) for t, _, _ in s.tokens[max(0, j - 3) : j]):
                    continue  # the evidence negates it too ("did not avoid")
                w, s0, _ = al.tokens[k]
                flips.append((s0, al.tokens[nxt][2]))
                reasons.append(f"the claim says '{w} {al.tokens[nxt][0]}' but the evidence says "
                               f"'{s.tokens[j][0]}' without a negation")
                sev = max(sev, NEGATION_FLIP)
                break
            else:
                continue
            break
    # a doubled negation ("Neither have not been", "was not 'not extravagant'")
    # reverses the statement unless the evidence doubles it too
    ev_double = any(b - a <= 3 for s in ev for a, b in zip(s.negations, s.negations[1:])
                    if is_negation(s.tokens[a][0]) and is_negation(s.tokens[b][0]))
    for a, b in zip(claim_neg, claim_neg[1:]):
        wa, wb = al.tokens[a][0], al.tokens[b][0]
        if b - a <= 3 and is_negation(wa) and is_negation(wb) and not ev_double:
            flips.append((al.tokens[a][1], al.tokens[b][2]))
            reasons.append(f"the claim negates twice ('{wa}' ... '{wb}') where the evidence does not")
            sev = max(sev, NEGATION_FLIP)
            break
    # evidence negates words the claim states plainly (two or more of them, names
    # aside: a negation near one shared word is usually about something else)
    if not claim_neg:
        # bullets: words the evidence also states outside any negation ("a warning
        # about wasting time" beside "should not waste police time") are not negated
        plain = _plain_stems(idx, ev) if al.bind and PLAIN_ELSEWHERE else set()
        plain |= _gerund_topic(al) if al.bind and GERUND_TOPIC else set()
        for s in ev:
            for j in s.negations:
                hit = _scope(idx.text, s.tokens, j, names=False) & claim_stems - plain
                verb = _first_scope_verb(idx.text, s.tokens, j, nouns=al.bind)
                if not is_negation(s.tokens[j][0]) and verb not in hit:
                    continue  # a negating verb counts when it governs a verb the claim states ("avoid using")
                if len(hit) >= 2 or (len(hit) == 1 and verb in hit):
                    cue = s.tokens[j][0]
                    spans = [(ws, we) for w, ws, we in al.tokens if base_stem(w) in hit]
                    flips.extend(spans)
                    said = " ".join(al.claim[a:b] for a, b in spans)
                    reasons.append(f"the evidence says '{cue}' before '{said}' but the claim drops the negation")
                    sev = max(sev, NEGATION_FLIP)
                    break
            if reasons:
                break
    # antonyms: the claim word's opposite stands where the claim has the word, next
    # to the same neighbours ("first six games" vs "last six games"), or the word is
    # absent from the evidence and its opposite present
    ev_forms = None  # the evidence's stems and folded adjectives, built at the first polar word
    for k, (w, s0, e0) in enumerate(al.tokens):
        if k > 0 and w[:1].isupper():
            continue  # part of a name ("New York", "Old Trafford")
        st = _adj_stem(w)
        opp = _opposites(w, al.wordnet)
        if not opp or st in _NOT_POLAR:
            continue
        if ev_forms is None:
            ev_forms = frozenset().union(*(_sentence_stems(idx, i) for i in al.evidence))
        hit = _opposite_in_place(al.tokens, k, st, opp, ev) if st in ev_forms else None
        if hit is None:
            hit = next((x for s in ev for x in s.stems if x in opp), None) \
                if st not in ev_forms else None
        if hit is not None:
            flips.append((s0, e0))
            reasons.append(f"'{w}' where the evidence has its opposite")
            sev = 1.0 - (1 - sev) * (1 - ANTONYM_FLIP)
        elif al.bind and POLAR_WORDS and POLAR_SCOPE != "off" and _polar_unanchored(al, idx, w, st, k):
            flips.append((s0, e0))
            reasons.append(f"'{w}' (its opposite would reverse the claim) is not in {_polar_where()}")
            sev = 1.0 - (1 - sev) * (1 - POLAR_MISSING)
    if not flips:
        return CheckResult(name="negation", passed=True, message="polarity agrees with the evidence")
    return CheckResult(name="negation", passed=False, message="; ".join(reasons), spans=flips, severity=round(sev, 4))


def _polar_where() -> str:
    return {"article": "the article", "evidence": "the evidence sentences", "passage": "the main evidence passage"}[POLAR_SCOPE]


def _polar_unanchored(al: Alignment, idx: ArticleIndex, w: str, st: str, k: int) -> bool:
    """A polar word (one whose opposite would reverse the claim: before/after,
    won/lost) that the article does not state where the claim needs it. A paraphrase
    may drop a common word; it may not supply the direction of a fact."""
    if POLAR_SOURCE == "curated" and st not in ANTONYMS or st in _NOT_POLAR or is_polarity_cue(w):
        return False  # "never", "none": the negation rules above compare those
    nxt = al.tokens[k + 1][0] if k + 1 < len(al.tokens) else ""
    if k > 0 and al.tokens[k - 1][0].lower() == "the" and w.lower() in _GROUP_NOUNS \
            and not (nxt[:1].isalpha() and is_content(nxt)):
        return False  # "the public", "the young": an adjective naming a group of people, not a direction
    if JUDGING_FIND and _judging(al.tokens, k):
        return False
    toks_here = [x for x in al.words if x.start == al.tokens[k][1]]
    if toks_here and toks_here[0].how in ("wordnet",):
        return False
    if POLAR_SCOPE == "article":
        return st not in _all_stems(idx)
    group = al.evidence if POLAR_SCOPE == "evidence" else sorted(best_passage(al)[0])
    if any(st in _sentence_stems(idx, i) for i in group if 0 <= i < len(idx.sentences)):
        return False
    return not (POLAR_SECOND_WINDOW and _stated_in_place(al, idx, st, k))


def _stated_in_place(al: Alignment, idx: ArticleIndex, st: str, k: int) -> bool:
    """A bullet may stitch two sentences ("made a picture book ... to raise money",
    from two parts of the story): its polar word is stated when an evidence sentence
    has it within ANTONYM_NEIGHBOURS tokens of a content word that stands that close
    to it in the claim ("raise money"). The word alone in another sentence ("the
    young crowd" for "young adults") is not enough: a bare word says nothing about
    the claim's direction."""
    lo, hi = max(0, k - ANTONYM_NEIGHBOURS), k + ANTONYM_NEIGHBOURS + 1
    neigh = {base_stem(w) for j, (w, _, _) in enumerate(al.tokens[lo:hi], start=lo)
             if j != k and is_content(w) and not w[:1].isdigit()}
    if not neigh:
        return False
    for i in al.evidence:
        words = idx.sentences[i].surface  # positions only: no token offsets needed
        here = [p for p, w in enumerate(words) if _adj_stem(w) == st]
        near = [p for p, w in enumerate(words) if base_stem(w) in neigh]
        if any(0 < abs(p - q) <= ANTONYM_NEIGHBOURS for p in here for q in near):
            return True
    return False


_COPULAS = frozenset("is are was were be been being".split())
# words that open another clause: a copula after one is not the verb of the clause
# "found" introduces ("found a job after he was sacked")
_CLAUSE_OPENERS = frozenset("that who which where when whose after before because while as since if "
                            "although though until and but".split())


def _judging(toks, k: int) -> bool:
    """"found" introducing a clause judges ("Judges found the fee was fair", "found
    that ...", "was found guilty"): that sense has no opposite ("lost the fee was
    fair" is not its reverse), so it is not a polar word there; the direction, if
    any, is in the clause ("guilty"), which is checked as a word of its own. Only
    "find": a curated verb like "lost" stays polar before a clause."""
    if base_stem(toks[k][0]) != "find":
        return False
    nxt = [w.lower() for w, _, _ in toks[k + 1 : k + 1 + ROLE_WINDOW]]  # the clause's subject and verb
    if not nxt:
        return False
    if nxt[0] == "that" or _opposites(nxt[0], False):
        return True  # "found that ...", "found guilty"
    for w in nxt:
        if w in _CLAUSE_OPENERS:
            return False  # "found a man who was ...", "found a job after he was ...": an object
        if w in _COPULAS:
            return True
    return False


def _sentence_stems(idx: ArticleIndex, i: int) -> frozenset[str]:
    """Base stems and folded adjective stems ("highest" -> "high") of sentence i,
    computed once per article index."""
    forms = idx.forms.get(i)
    if forms is None:
        s = idx.sentences[i]
        forms = idx.forms[i] = frozenset(s.stems) | set(map(_adj_stem, s.surface))
    return forms


def _all_stems(idx: ArticleIndex) -> frozenset[str]:
    return frozenset().union(*(_sentence_stems(idx, i) for i in range(len(idx.sentences))))


ROLE_WINDOW = 8  # tokens: the two names and the verb must sit close together
# a passive without "by" between the two names ("Locke will be confirmed as Kilmarnock
# boss") reverses their order against an active evidence ("Kilmarnock will confirm
# Locke"), and the reverse; roles compares the orders the other way round then
# (issue #10, sixth pass)
PASSIVE_ROLES = True
_BE_FORMS = frozenset("be is are was were been being am".split())
_PARTICIPLES = frozenset("""made given taken seen known held chosen shown beaten won sold told paid found
built brought bought caught left sent kept hit hurt put set shot struck thrown torn worn written driven
spoken stolen broken forgotten sworn hidden bitten eaten fallen grown drawn""".split())


def _passive(words: list[str]) -> set[int]:
    """Positions of past participles after a form of "be" (an adverb in "-ly" may
    stand between): "will be confirmed", "was quickly sold"."""
    out = set()
    for j, w in enumerate(words):
        if w.lower() not in _BE_FORMS:
            continue
        p = j + 1
        if p + 1 < len(words) and words[p].lower().endswith("ly"):
            p += 1
        if p < len(words) and ((words[p].lower().endswith("ed") and len(words[p]) > 3) or words[p].lower() in _PARTICIPLES):
            out.add(p)
    return out


def roles(al: Alignment, idx: ArticleIndex) -> CheckResult:
    """Entity-role swaps: two names close around a shared word in the claim
    ("Smith beat Jones") that appear close together in the opposite order around
    that word in the evidence ("Jones beat Smith"), and never in the claim's order.
    Passive constructions ("by") are skipped: they legitimately reverse the order."""
    names = [w for w in al.words if w.is_name and al.in_evidence(w)]
    if len(names) < 2 or not al.evidence:
        return CheckResult(name="roles", passed=True, message="fewer than two names to compare")
    if any(w.lower() == "by" for w, _, _ in al.tokens):
        return CheckResult(name="roles", passed=True, message="passive claim: roles not compared")
    pos = {s: k for k, (_, s, _) in enumerate(al.tokens)}
    claim_words = [w for w, _, _ in al.tokens]
    ev_passives: dict[int, set[int]] = {}
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            na, nb = names[a], names[b]
            if not (na.sentences & nb.sentences).intersection(al.evidence):
                continue  # no evidence sentence holds both names: nothing to compare
            ka, kb = pos[na.start], pos[nb.start]
            sa, sb = base_stem(na.text), base_stem(nb.text)
            if kb - ka > ROLE_WINDOW or sa == sb:
                continue
            between = {base_stem(w) for w, _, _ in al.tokens[ka + 1 : kb] if is_content(w) and w[:1].islower()}
            if not between:
                continue
            # words between the names that the claim puts in the passive
            claim_passive = {base_stem(claim_words[ka + 1 + p]) for p in _passive(claim_words[ka + 1 : kb])} \
                if PASSIVE_ROLES else set()
            for i in al.evidence:
                st = idx.sentences[i].stems
                if "by" in st:
                    continue
                pa = [k for k, x in enumerate(st) if x == sa]
                pb = [k for k, x in enumerate(st) if x == sb]
                pv = [k for k, x in enumerate(st) if x in between]
                # a verb passive on one side and active on the other: the orders are reversed
                # (each evidence sentence's passives found once per claim, not once per name pair)
                if i not in ev_passives:
                    ev_passives[i] = _passive(idx.sentences[i].surface) if PASSIVE_ROLES else set()
                ev_passive = ev_passives[i]
                rev = {v: (v in ev_passive) != (st[v] in claim_passive) for v in pv}
                same = any((x < v < y and not rev[v]) or (y < v < x and rev[v])
                           for x in pa for v in pv for y in pb if abs(y - x) <= ROLE_WINDOW)
                swapped = any((y < v < x and not rev[v]) or (x < v < y and rev[v])
                              for x in pa for v in pv for y in pb if abs(y - x) <= ROLE_WINDOW)
                if swapped and not same:
                    return CheckResult(
                        name="roles", passed=False,
                        message=f"'{na.text}' and '{nb.text}' swap roles around "
                                f"'{al.claim[na.end:nb.start].strip()}' compared with the evidence",
                        spans=[(na.start, na.end), (nb.start, nb.end)], severity=ROLE_SWAP,
                    )
    return CheckResult(name="roles", passed=True, message="no role swap detected")


def fragment(text: str) -> CheckResult:
    """Form: a bullet must be a full clause with a finite verb (fragment.py), whatever
    drafted it; "The port authority said on Monday that the dredging project." is not."""
    from summarizer.validate.fragment import fragment_reason  # noqa: PLC0415 (loads lemminflect lazily)

    why = fragment_reason(text)
    if why is None:
        return CheckResult(name="fragment", passed=True, message="the bullet is a full clause")
    return CheckResult(name="fragment", passed=False, message=why)


def style(text: str) -> CheckResult:
    """House rules for bullets: at most MAX_BULLET_WORDS words, no first person
    outside quotations."""
    toks = tokens(text)
    problems, spans = [], []
    if len(toks) > MAX_BULLET_WORDS:
        problems.append(f"{len(toks)} words (limit {MAX_BULLET_WORDS})")
        spans.append((toks[MAX_BULLET_WORDS][1], toks[-1][2]))
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    first = [(w, s, e) for w, s, e in toks
             if w.lower() in FIRST_PERSON and w != "US" and not any(a <= s < b for a, b in quoted)]
    if first:
        problems.append(f"first person {_quoted(sorted({w for w, _, _ in first}))}")
        spans += [(s, e) for _, s, e in first]
    if not problems:
        return CheckResult(name="style", passed=True, message="length and voice are fine")
    return CheckResult(name="style", passed=False, message="; ".join(problems), spans=spans)


FACT_CHECKS = (coverage, locality, numbers, quotes, entities, negation, roles, relations)
