"""Argument binding: who did what, and which figure belongs to whom.

Word coverage accepts "Seattle City Light reported about 140,000 outages" against
"Puget Sound Energy said about 140,000 of its customers lost power, while Seattle
City Light reported another 65,000 outages": every word is in the sentence. Here
the claim and its evidence sentences are cut into clauses (at semicolons, colons,
dashes and clause-joining words: "while", "whereas", "but", "although", ", and"
before a new subject), and each claim clause is tied to the evidence clause that
holds most of its predicate words (its content words that are not names or
figures). Then:

* a figure of the claim must sit in that clause (not only in a neighbouring one);
* a name before the claim's predicate (its subject) must be in that clause too,
  unless the clause names nobody (a pronoun subject, "the 39-year-old", may well
  be that person);
* any other name of the claim found in the evidence sentence only in another
  clause is bound to the wrong predicate.

Not every other name of the clause is a rival (issue #10, fifth pass): the subject
ends at a preposition or relative word (SUBJECT_STOPS), a name used attributively
after a determiner ("the Riverside Rovers defender") is a bystander
(MODIFIER_BYSTANDERS), and a claim name used attributively is compared only with
the clause's attributive names (ATTRIBUTIVE_RIVALS).

Rules, not a parser: no model, microseconds per claim. Relative clauses ("who",
"which") and appositions are not split off: they describe the noun before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.validate.align import Alignment, Word
from summarizer.validate.index import ArticleIndex
from summarizer.validate.lemmas import base_stem, keys, norm
from summarizer.validate.numbers import Quantity, claim_quantities, matches_quantity
from summarizer.validate.tokens import Token, is_content

CLAUSE_WORDS = frozenset({"while", "whilst", "whereas", "but", "although", "though", "however",
                          "meanwhile", "yet"})
_BREAK_PUNCT = re.compile(r"[;:]|\s[-–—]\s")
_SUBJECTS = frozenset("he she they it we i you the a an his her their its".split())
_NOT_NAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december mr mrs ms dr sir""".split())
MIN_PREDICATE_HITS = 2  # a clause is tied to the claim only when it holds this many predicate words
# a figure is bound to the wrong clause only when that clause states a figure of its
# own: a clause with none ("...was shot outside the bureau", then "on Thursday night"
# in the next clause) leaves the figure as an adjunct of the sentence (issue #10)
FIGURE_NEEDS_RIVAL = True
# bullets (unbound runs only when al.bind): a figure in a clause that holds a word
# next to it in the claim and the claim's names is bound there (issue #10, third pass)
FIGURE_WITH_ITS_WORDS = True
FIGURE_NEIGHBOURS = 2  # tokens either side of the figure in the claim; set by hand as checks.ANTONYM_NEIGHBOURS
# MIN_PREDICATE_HITS, JOIN_SLACK, STRICT_OBJECTS, OBJECT_NAMES: bench/tune_binding.py on half A
# (JOIN_SLACK 0 -> 1 once displaced names were caught)
JOIN_SLACK = 1  # a clause with this many fewer predicate words may still carry the name
STRICT_OBJECTS = True  # other names: joined only through a clause as strong as the best
OBJECT_NAMES = True  # compare non-subject names with every name of the clause
# bystander names (issue #10, fifth pass; chosen on half A by bench/tune_names.py):
# an evidence clause's subject ends at a preposition, a relative word or a finite verb:
# "The star known for appearing in <Show> and playing <Person> is auctioning" has no
# named subject, nor has "The jockey was once dubbed The <Nickname> after he helped"
SUBJECT_STOPS = True
# rival names that are bystanders, not candidates for the claim name's role:
# a name used attributively after a determiner ("the Manchester United defender",
# "a Darwin woman": the head is the common noun, which may be the claim's person)
MODIFIER_BYSTANDERS = True
# a claim name used attributively ("the former Killie defender", "a DC armed
# kidnapping") is compared only with names the clause uses attributively too
ATTRIBUTIVE_RIVALS = True
_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
_SUBJECT_STOP_WORDS = frozenset("""in on at of for from with by to into about after before during since over under
who which whose whom that where when""".split())


def clause_ids(text: str, toks: list[Token]) -> list[int]:
    """Clause number of each token of `text` (offsets of `toks` index into `text`)."""
    out, cid = [], 0
    for k, (w, s, _) in enumerate(toks):
        if k:
            gap = text[toks[k - 1][2] : s]
            lw = w.lower()
            if _BREAK_PUNCT.search(gap) or lw in CLAUSE_WORDS:
                cid += 1
            elif lw in ("and", "or") and "," in gap and k + 1 < len(toks) and \
                    (toks[k + 1][0][:1].isupper() or toks[k + 1][0].lower() in _SUBJECTS):
                cid += 1
            elif "," in gap and (w[:1].isupper() or lw in _SUBJECTS) and _has_aux(text, toks, k):
                cid += 1  # ", Zelensky and Peskov were told": a new subject with its own verb
        out.append(cid)
    return out


_AUX = frozenset("is are was were has have had will would can could did does do".split())


def _name_run(words: list[str], k: int) -> tuple[int, int]:
    """[a, b): the run of capitalised tokens around token k."""
    a, b = k, k + 1
    while a > 0 and words[a - 1][:1].isupper() and words[a - 1].lower() not in _DETERMINERS:
        a -= 1
    while b < len(words) and words[b][:1].isupper():
        b += 1
    return a, b


def attributive(words: list[str], k: int, need_before: bool = True, verbs: bool = True) -> bool:
    """The name run at token k modifies the lowercase noun after it ("former Killie
    defender", "the Manchester United defender"): that word is a content word and no
    finite verb, no name follows it, and (with `need_before`) a lowercase word or a
    determiner comes before the run. `verbs=False` skips the verb test (after a
    determiner, "a Christmas party", the next word is a noun)."""
    # lazy, as checks.py does: fragment loads lemminflect (with numpy), and importing
    # summarizer.validate should not pay for it before a bullet is checked
    from lemminflect import getAllLemmas  # noqa: PLC0415

    from summarizer.validate.fragment import is_finite  # noqa: PLC0415

    a, b = _name_run(words, k)
    if b >= len(words) or not words[b][:1].islower() or not is_content(words[b]) or (verbs and is_finite(words, b)):
        return False
    if b + 1 < len(words) and words[b + 1][:1].isupper():
        return False
    if not need_before:
        return True
    if a == 0 or not words[a - 1][:1].islower():
        return False
    # "reporter <Name> berating": a name after a plain noun is its apposition, the head
    prev = getAllLemmas(words[a - 1].lower())
    return words[a - 1].lower() in _DETERMINERS or not ("NOUN" in prev and "ADJ" not in prev)


def bystander(words: list[str], k: int) -> bool:
    """The capitalised token k of a sentence's `words` is a bystander rather than a
    candidate for the claim name's role: a name used attributively after a
    determiner ("the Manchester United defender"), whose head is the common noun."""
    a, _ = _name_run(words, k)
    return MODIFIER_BYSTANDERS and a > 0 and words[a - 1].lower() in _DETERMINERS \
        and attributive(words, k, need_before=False, verbs=False)


def _has_aux(text: str, toks: list[Token], k: int) -> bool:
    """An auxiliary between token k and the next comma: the segment is a clause."""
    for j in range(k, len(toks)):
        if j > k and "," in text[toks[j - 1][2] : toks[j][1]]:
            return False
        if toks[j][0].lower() in _AUX:
            return True
    return False


@dataclass
class Unbound:
    """A claim name or figure the evidence ties to another predicate."""

    start: int
    end: int
    text: str
    kind: str  # "name" | "number"
    others: tuple[str, ...]  # names the evidence clause has instead


def _is_article_name(w: str, k: int, idx: ArticleIndex) -> bool:
    """A capitalised content word the article uses as a name (capitalised mid-sentence)."""
    return w[:1].isupper() and norm(w).isalpha() and is_content(w) and norm(w) not in _NOT_NAMES and norm(w) in idx.names


def _names(cl: dict) -> list[str]:
    """Names of an evidence clause, "" for other tokens and for bystanders (`bystander`)."""
    return [n if n and not bystander(*by) else "" for n, by in zip(cl["names"], cl["by"])]


def _subject_names(cl: dict, preds: list[Word]) -> list[str]:
    """Names of an evidence clause before its first predicate word (its subject);
    with SUBJECT_STOPS, before its first preposition, relative word or finite verb too."""
    from summarizer.validate.fragment import is_finite  # noqa: PLC0415 (lazy: see attributive)

    out = []
    ws = [sw[sk] for sw, sk in cl["by"]]
    for j, (tk, n, low) in enumerate(zip(cl["keys"], _names(cl), cl["words"])):
        if any(tk & w.keys for w in preds):
            break
        if SUBJECT_STOPS and low in _SUBJECT_STOP_WORDS:
            break
        if SUBJECT_STOPS and j and ws[j][:1].islower() and is_finite(ws, j):
            break
        if n:
            out.append(n)
    return out


def _same_stem(a: str, b: str) -> bool:
    """One stem extends the other ("crimea"/"crimean"), as the word matcher allows."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short == long_ or (len(short) >= 4 and long_.startswith(short))


def _name_in(cl: dict, w: Word) -> bool:
    """The claim name `w` is in the clause: a shared key, or a stem extending it."""
    st = base_stem(w.text)
    return _hits(cl["keys"], w) or any(n and _same_stem(base_stem(n), st) for n in cl["names"])


def _hits(tok_keys: list[frozenset[str]], w: Word) -> bool:
    return any(tk & w.keys for tk in tok_keys)


def _figure_at_home(al: Alignment, qk: int, q: Quantity, words: list[Word], clauses: dict) -> bool:
    """An evidence clause holds the figure with a word the claim puts next to it
    ("an extra £2,100 a year" / "It means an extra £2,100 a year") and every name of
    the claim clause that the evidence has: the claim joined two clauses of its main
    passage, the figure is where it belongs. "Seattle City Light reported about
    140,000 outages" still fails: Puget Sound Energy's clause does not name it."""
    near: set[str] = set()
    for w, _, _ in al.tokens[max(0, qk - FIGURE_NEIGHBOURS) : qk + FIGURE_NEIGHBOURS + 1]:
        if is_content(w) and w.isalpha() and not w[:1].isupper():
            near |= keys(w)
    names = [w for w in words if w.is_name and not w.text[:1].isdigit() and w.sentences & set(al.evidence)]
    for cl in clauses.values():
        if not matches_quantity(q, cl["qs"]):
            continue
        stems = {x for tk in cl["keys"] for x in tk}
        if near & stems and all(_name_in(cl, w) for w in names):
            return True
    return False


def unbound(al: Alignment, idx: ArticleIndex) -> list[Unbound]:
    """The claim's names and figures that its evidence binds to another predicate."""
    if not al.evidence or not al.words:
        return []
    claim_cids = clause_ids(al.claim, al.tokens)
    pos = {s: k for k, (_, s, _) in enumerate(al.tokens)}
    qs = claim_quantities(al.claim)
    qspans = [(q.start, q.end) for q in qs]
    # evidence clauses: (sentence, clause id) -> token keys, names, quantities
    clauses: dict[tuple[int, int], dict] = {}
    for i in al.evidence:
        sent = idx.sentences[i]
        local = [(w, s - sent.start, e - sent.start) for w, s, e in sent.tokens]
        cids = clause_ids(idx.text[sent.start : sent.end], local)
        words = [t[0] for t in sent.tokens]
        for k, ((w, s, e), c) in enumerate(zip(sent.tokens, cids)):
            cl = clauses.setdefault((i, c), {"keys": [], "names": [], "words": [], "start": s, "end": e, "qs": []})
            cl["words"].append(w.lower())
            cl.setdefault("by", []).append((words, k))
            cl["keys"].append(keys(w) if is_content(w) else frozenset())
            cl["end"] = e
            cl["names"].append(w if _is_article_name(w, k, idx) else "")
        for q in sent.quantities:
            for (si, c), cl in clauses.items():
                if si == i and cl["start"] <= q.start < cl["end"] + 1:
                    cl["qs"].append(q)
    out: list[Unbound] = []
    ctoks = [t[0] for t in al.tokens]
    for cid in sorted(set(claim_cids)):
        words = [w for w in al.words if claim_cids[pos[w.start]] == cid]
        preds = [w for w in words if not w.is_name and not w.text[:1].isdigit() and w.sentences
                 and not any(a <= w.start < b for a, b in qspans)]
        if len(preds) < MIN_PREDICATE_HITS:
            continue
        scored = {key: sum(_hits(cl["keys"], w) for w in preds) for key, cl in clauses.items()}
        top = max(scored.values(), default=0)
        if top < MIN_PREDICATE_HITS:
            continue
        best = [clauses[key] for key, v in scored.items() if v == top]
        first_pred = min(w.start for w in preds)
        # figures: in the clause that holds the predicate
        for q in qs:
            qk = next((k for k, (_, s, _) in enumerate(al.tokens) if s >= q.start), None)
            if qk is None or claim_cids[qk] != cid:
                continue
            in_sentence = any(matches_quantity(q, cl["qs"]) for cl in clauses.values())
            if in_sentence and FIGURE_WITH_ITS_WORDS and _figure_at_home(al, qk, q, words, clauses):
                continue
            if in_sentence and not any(matches_quantity(q, cl["qs"]) for cl in best):
                others = tuple(dict.fromkeys(c.text for cl in best for c in cl["qs"]))
                if others or not FIGURE_NEEDS_RIVAL:
                    out.append(Unbound(q.start, q.end, q.text, "number", others))
        # names
        for w in words:
            if not w.is_name or w.text[:1].isdigit() or not w.sentences or w.how not in ("key", "prefix"):
                continue
            if any(k[:1] == "@" for k in keys(w.text)):
                continue  # a one-word alias ("U.S."): may be spelt out in other words; a multi-word one ("Los Angeles") is checked like any name
            if any(_name_in(cl, w) for cl in best):
                continue
            claim_keys = set().union(*(x.keys for x in words if x.is_name))
            subject = w.start < first_pred
            # a clause naming it that holds (nearly) as much of the predicate: the
            # claim may join two clauses ("X won; X's coach said ...")
            # (for a subject, nearly as much; for any other name, one predicate word)
            need = max(1, top - JOIN_SLACK) if subject or STRICT_OBJECTS else 1
            joined = any(_name_in(cl, w) and scored[key] >= need for key, cl in clauses.items())
            if joined:
                continue
            pool = [n for cl in best for n in (_subject_names(cl, preds) if subject or not OBJECT_NAMES
                                               else _names(cl)) if n]
            if ATTRIBUTIVE_RIVALS and attributive(ctoks, pos[w.start]):
                # its rivals are the clause's attributive names, bystanders to any other name
                pool = [n for cl in best for n, (sw, sk) in zip(cl["names"], cl["by"])
                        if n and attributive(sw, sk, need_before=False, verbs=False)]
            claim_stems = {base_stem(x.text) for x in words if x.is_name}
            others = tuple(dict.fromkeys(n for n in pool if not keys(n) & claim_keys
                                         and not any(_same_stem(base_stem(n), c) for c in claim_stems)))
            if others:
                out.append(Unbound(w.start, w.end, w.text, "name", others))
    return out


def merge_names(claim: str, items: list[Unbound]) -> list[Unbound]:
    """Adjacent name words ("Seattle" "City" "Light") reported as one name."""
    out: list[Unbound] = []
    for u in sorted(items, key=lambda x: x.start):
        if out and out[-1].kind == u.kind == "name" and not claim[out[-1].end : u.start].strip():
            p = out[-1]
            out[-1] = Unbound(p.start, u.end, claim[p.start : u.end], "name",
                              tuple(dict.fromkeys(p.others + u.others)))
        else:
            out.append(u)
    return out


__all__ = ["Unbound", "clause_ids", "merge_names", "unbound"]
