"""Tie each content word of a claim to the article, then pick the evidence sentences.

Matching a word, in order of trust: shared key (stem, synonym group, alias group);
a stem that extends or shortens an article stem ("agree"/"agreement"); the initials
of a run of capitalised words in the article ("QPR" for Queens Park Rangers); a fuzzy
spelling match on the surface word (rapidfuzz ratio >= FUZZY_MIN: "Zelensky" /
"Zelenskyy"). Alignment is a weighted set cover: the best sentence first (cited
sentences get a head start, but must still earn their place), then at most
MAX_EVIDENCE - 1 more sentences that add at least two claim words (or one when it
is adjacent to a chosen sentence, so adjacent pairs are covered).
"""

from __future__ import annotations

import math
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from summarizer.text import stem
from summarizer.validate.index import ArticleIndex, stem_in_article
from summarizer.validate.lemmas import ALIASES, keys, norm
from summarizer.validate.numbers import claim_quantities, matches_quantity
from summarizer.validate.tokens import Token, is_content, tokens

FUZZY_MIN = 88
MAX_EVIDENCE = 3
CITED_BONUS = 0.5
NAME_WEIGHT = 1.5
NUMBER_WEIGHT = 1.5
# Light synonymy from WordNet (wordnet.py): a claim word the article never uses counts
# as found in an evidence sentence holding a word of one of its first WORDNET_SENSES
# synsets (or a derivation of it). Chosen on half A of the highlights with
# bench/tune_wordnet.py (README "WordNet synonyms and antonyms").
WORDNET_SENSES = 5
WORDNET_DERIVATIONS = False
WORDNET_HYPERNYMS = True  # a claim word one level above an evidence word ("animal" for "cheetah")
WORDNET_SCOPE = "evidence"  # "evidence": only the aligned sentences; "article": anywhere
# a verb and its particle read as one WordNet verb ("arrived back" -> "come back" ->
# "return"), so a paraphrase by a phrasal verb is not two words "not found"
# (issue #10, fourth pass)
PHRASAL_VERBS = True
PARTICLES = frozenset("back up down off out away on over in".split())


@dataclass
class Word:
    text: str
    start: int
    end: int
    keys: frozenset[str]
    weight: float
    is_name: bool
    sentences: frozenset[int]  # article sentences this word matches in
    how: str  # "key" | "prefix" | "fuzzy" | "" (no match)


@dataclass
class Alignment:
    claim: str
    tokens: list[Token]
    words: list[Word]  # content words only
    evidence: list[int]  # chosen sentence indices, best first
    cited_used: bool = False  # the evidence is exactly the drafter's cited sentences
    cited: tuple[int, ...] = ()  # the drafter's cited sentences (valid indices only)
    bind: bool = True  # run the clause-binding rules (binding.py): bullets yes, benchmark summaries no
    wordnet: bool = True  # WordNet synonyms and antonyms (wordnet.py): bullets yes, benchmark summaries no

    def in_evidence(self, w: Word) -> bool:
        # == any(i in w.sentences for i in self.evidence), in C (called per word per check)
        return not w.sentences.isdisjoint(self.evidence)


def _is_name(tok: Token, k: int, claim: str, idx: ArticleIndex) -> bool:
    w = tok[0]
    if not w[:1].isupper():
        # an all-lower-case summary (some systems lower-case everything): a word is a
        # name when the article writes it capitalised mid-sentence
        return claim.islower() and norm(w) in idx.names
    if k == 0 or claim[: tok[1]].rstrip().endswith((".", ":", "!", "?", "\"", "“")):
        return norm(w) in idx.names  # sentence-initial: a name only if the article says so
    return True


def _match(w: str, idx: ArticleIndex) -> tuple[frozenset[int], str]:
    ks = keys(w)
    hits: set[int] = set()
    for k in ks:
        hits.update(idx.postings.get(k, ()))
    if hits:
        return frozenset(hits), "key"
    st = stem(w)
    if stem_in_article(idx, st):
        for longer in idx.extending(st):
            hits.update(idx.postings.get(longer, ()))
        for cut in range(4, len(st)):
            hits.update(idx.postings.get(st[:cut], ()))
        if hits:
            return frozenset(hits), "prefix"
    n = norm(w)
    # the case test first: a Title-case word never builds the acronym table
    if 2 <= len(n) <= 5 and (w.isupper() or w.islower()) and n.replace(".", "") in idx.acronyms:
        return frozenset(idx.acronyms[n.replace(".", "")]), "acronym"
    if len(n) >= 5 and not n[:1].isdigit():
        best = process.extractOne(n, idx.vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        if best is not None:
            return frozenset(idx.word_sentences(best[0])), "fuzzy"
    return frozenset(), ""


def _number_sentences(claim: str, toks: list[Token], idx: ArticleIndex) -> dict[int, frozenset[int]]:
    """Claim token position -> sentences holding an equal quantity (so "20%" is
    matched by value, never as a word)."""
    out: dict[int, frozenset[int]] = {}
    for q in claim_quantities(claim):
        sents = frozenset(i for i, pool in idx.quantity_sentences if matches_quantity(q, pool))
        for k, (_, s, e) in enumerate(toks):
            if q.start <= s and e <= q.end:
                out[k] = sents
    return out


# multi-word aliases split into words, in ALIASES order
_PHRASE_PARTS = [(name.split(), groups) for name, groups in ALIASES.items() if len(name.split()) >= 2]


def _phrase_aliases(toks: list[Token]) -> dict[int, frozenset[str]]:
    """Claim token position -> alias groups of a multi-word alias it is part of
    ("United States" answers to "U.S."), as the article index does for its sentences."""
    low = [norm(w) for w, _, _ in toks]
    present = set(low)
    out: dict[int, frozenset[str]] = {}
    for parts, groups in _PHRASE_PARTS:
        if parts[0] not in present:  # no position can match
            continue
        for k in range(len(low) - len(parts) + 1):
            if low[k : k + len(parts)] == parts:
                for j in range(k, k + len(parts)):
                    out[j] = out.get(j, frozenset()) | groups
    return out


def claim_words(claim: str, toks: list[Token], idx: ArticleIndex) -> list[Word]:
    out = []
    numbers = _number_sentences(claim, toks, idx)
    phrases = _phrase_aliases(toks)
    for k, tok in enumerate(toks):
        w, s, e = tok
        if not is_content(w):
            continue
        ks = keys(w)
        if k in numbers:
            sents, how = numbers[k], "number"
        else:
            sents, how = _match(w, idx)
            if k in phrases:
                ks = ks | phrases[k]
                alias_hits = frozenset(i for g in phrases[k] for i in idx.postings.get(g, ()))
                if alias_hits:
                    sents, how = sents | alias_hits, how or "key"
        name = _is_name(tok, k, claim, idx)
        weight = NUMBER_WEIGHT if w[:1].isdigit() else NAME_WEIGHT if name else 1.0
        out.append(Word(w, s, e, ks, weight, name, sents, how))
    return out


_WN_POS = ("n", "v", "a", "r")


@lru_cache(maxsize=100_000)
def relatives(word: str) -> frozenset[str]:
    """WordNet relatives of `word` a paraphrase may use: words sharing one of its
    first WORDNET_SENSES synsets in any part of speech, and (WORDNET_DERIVATIONS)
    their derivations ("assessed" -> "assessment"), (WORDNET_HYPERNYMS) hyponyms."""
    from summarizer.validate import wordnet  # noqa: PLC0415 (lazy: memory-maps the files on first use)

    out: set[str] = set()
    for pos in _WN_POS:
        out |= wordnet.synonyms(word, pos, WORDNET_SENSES)
        if WORDNET_DERIVATIONS:
            out |= wordnet.derivations(word, pos, WORDNET_SENSES)
        if WORDNET_HYPERNYMS:
            out |= wordnet.hyponyms(word, pos, WORDNET_SENSES)
    out.discard(word.lower())
    return frozenset(out)


@lru_cache(maxsize=50_000)
def phrasal_relatives(verb: str, particle: str) -> frozenset[str]:
    """One-word WordNet synonyms of the phrasal verb `verb particle`, read as the
    verb's lemma or one of its first WORDNET_SENSES synonyms joined to the particle
    ("arrived back": "arrive_back" is not in WordNet, "come_back" is, and shares a
    synset with "return")."""
    from summarizer.validate import wordnet  # noqa: PLC0415

    heads = set(wordnet.lemmas(verb, "v")) | set(wordnet.synonyms(verb, "v", WORDNET_SENSES))
    out: set[str] = set()
    for head in heads:
        out |= wordnet.synonyms(f"{head}_{particle.lower()}", "v", WORDNET_SENSES)
    return frozenset(out)


def _phrasal_fill(words: list[Word], pool: Sequence[int], idx: ArticleIndex) -> None:
    """A verb and the particle right after it ("arrived back"), both unmatched, are
    matched together where the evidence holds a one-word synonym of the phrasal
    verb ("returned"), with how = "wordnet"."""
    for a, b in zip(words, words[1:]):
        if a.sentences or b.sentences or a.is_name or not a.text.isalpha() or a.text[:1].isupper():
            continue
        if b.text.lower() not in PARTICLES or b.start - a.end > 1:  # the particle right after the verb
            continue
        rel_keys = {k for r in phrasal_relatives(a.text.lower(), b.text.lower()) for k in keys(r) if k[:1] not in "~@"}
        hits = frozenset(i for i in pool if idx.sentences[i].keys & rel_keys)
        if hits:
            for w in (a, b):
                w.sentences, w.how = hits, "wordnet"


def _wordnet_fill(words: list[Word], evidence: list[int], idx: ArticleIndex) -> None:
    """Words nothing matched (not names, not figures) that a WordNet relative of
    theirs matches in the evidence (or the article, WORDNET_SCOPE) are matched
    there, with how = "wordnet": a plain paraphrase is not a word "not found"."""
    pool = list(evidence) if WORDNET_SCOPE == "evidence" else range(len(idx.sentences))
    if not pool:
        return
    if PHRASAL_VERBS:
        _phrasal_fill(words, pool, idx)
    for w in words:
        if w.sentences or w.is_name or not w.text.isalpha() or len(w.text) < 3:
            continue
        rel = relatives(w.text)
        if not rel:
            continue
        rel_keys = {k for r in rel for k in keys(r) if k[:1] not in "~@"}  # stems: no second-hand synonym groups
        hits = frozenset(i for i in pool if idx.sentences[i].keys & rel_keys)
        if hits:
            w.sentences, w.how = hits, "wordnet"


def align(claim: str, idx: ArticleIndex, cited: Sequence[int] = (), *, synonyms: bool = True) -> Alignment:
    """Match the claim's words and choose its evidence sentences; `synonyms` adds
    the WordNet step (bullets only: on FRANK/CLIFF summaries it lowered balanced
    accuracy, README "WordNet synonyms and antonyms")."""
    toks = tokens(claim)
    words = claim_words(claim, toks, idx)
    cited_set = {i for i in cited if 0 <= i < len(idx.sentences)}
    n = len(idx.sentences) or 1
    # alignment weight: rarer words in this article say more about where a claim comes from
    aw = [w.weight * (1.0 + math.log(n / len(w.sentences))) if w.sentences else 0.0 for w in words]
    gain: dict[int, float] = {}
    in_sentence: dict[int, list[int]] = {}  # sentence -> positions of the claim words it holds
    for p, w in enumerate(words):
        for i in w.sentences:
            gain[i] = gain.get(i, 0.0) + aw[p]
            in_sentence.setdefault(i, []).append(p)
    for i in cited_set:
        gain[i] = gain.get(i, 0.0) + CITED_BONUS
    evidence: list[int] = []
    covered: set[int] = set()  # positions in `words`
    while gain and len(evidence) < MAX_EVIDENCE:
        best_i, best_g = None, 0.0
        top = max(gain.values())
        for i in sorted(gain):
            g = sum([aw[p] for p in in_sentence.get(i, ()) if p not in covered])  # a list: cheaper than a generator
            if not evidence and gain[i] >= top - 1.0:
                # near-ties: prefer the sentence that reads most like the claim
                s = idx.sentences[i]
                g += 0.01 * fuzz.token_set_ratio(claim, idx.text[s.start : s.end])
            if evidence:
                adjacent = i - 1 in evidence or i + 1 in evidence  # a chosen sentence next to i
                if g < (1.0 if adjacent else 2.0):
                    continue
                g += 0.5 if adjacent else 0.0
            g += CITED_BONUS if i in cited_set else 0.0
            if g > best_g:
                best_i, best_g = i, g
        if best_i is None or best_g <= CITED_BONUS:
            break
        evidence.append(best_i)
        covered |= set(in_sentence.get(best_i, ()))
        del gain[best_i]
        if len(covered) == len(words):
            break
    if not evidence and cited_set:
        evidence = sorted(cited_set)[:MAX_EVIDENCE]
    if WORDNET_SENSES and synonyms:
        _wordnet_fill(words, evidence, idx)
    return Alignment(claim=claim, tokens=toks, words=words, evidence=evidence, cited=tuple(sorted(cited_set)), wordnet=synonyms)
