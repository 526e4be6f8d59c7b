"""Per-article lookup tables, built once and cached on the article id.

The review UI revalidates a bullet on every keystroke, so everything that depends
only on the article (sentence tokens, word keys, numbers, names, negation cues, an
inverted index from key to sentences) is computed once here and reused by every
claim checked against the same article.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.models import Article
from summarizer.text import stem
from summarizer.validate.lemmas import ALIASES, base_stem, keys, norm
from summarizer.validate.numbers import Quantity, quantities
from summarizer.validate.tokens import Token, is_content, is_polarity_cue, tokens

CACHE_SIZE = 64


@dataclass
class SentenceIndex:
    index: int
    start: int
    end: int
    tokens: list[Token]  # absolute offsets into article.text
    keys: frozenset[str]  # keys of its content words
    words: frozenset[str]  # normalised surface words (all tokens)
    quantities: list[Quantity]
    negations: list[int]  # token positions of negation cues and negating verbs
    stems: list[str]  # stem of every token, in order (negation scopes, role order)


@dataclass
class ArticleIndex:
    article_id: str
    text: str
    sentences: list[SentenceIndex]
    postings: dict[str, list[int]]  # key -> sentence indices holding it
    all_keys: frozenset[str]
    all_words: frozenset[str]
    stems: frozenset[str]
    prefixes: dict[str, tuple[str, ...]]  # every 4+ char prefix of an article stem -> the stems it begins
    vocab: list[str]  # distinct normalised content words, for fuzzy matching
    vocab_sentences: dict[str, list[int]]
    names: frozenset[str]  # normalised words that appear capitalised mid-sentence
    flat_words: str  # the whole article as " word word ... " (lower case), for quotes
    flat_sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence -> range in flat_words
    acronyms: dict[str, list[int]] = field(default_factory=dict)  # "qpr" -> sentences naming Queens Park Rangers
    pairs: frozenset[tuple[str, str]] = frozenset()  # adjacent normalised words, either order ("peter o'toole")
    # filled lazily by checks._sentence_stems: sentence -> its stems and folded adjectives
    forms: dict[int, frozenset[str]] = field(default_factory=dict)


# the multi-word aliases, padded for a substring test (same order as ALIASES)
_PHRASE_ALIASES = [(f" {name} ", groups) for name, groups in ALIASES.items() if " " in name]


def _add_acronyms(acronyms: dict[str, list[int]], run: list[str], si: int) -> None:
    """Initials of every 2..5-word stretch of a run of capitalised words."""
    for a in range(len(run)):
        for b in range(a + 2, min(len(run), a + 5) + 1):
            acronyms.setdefault("".join(x[0] for x in run[a:b]).lower(), []).append(si)


@lru_cache(maxsize=200_000)
def _word_info(w: str) -> tuple:
    """Everything the index needs of one token, computed once per distinct word:
    (norm, keys or None when not a content word, capitalised, capitalised and
    alphabetic (acronym runs), lower-case flat form, polarity cue, base stem)."""
    upper = w[:1].isupper()
    return (norm(w), keys(w) if is_content(w) else None, upper, upper and w.isalpha(),
            w.lower().replace("’", "'"), is_polarity_cue(w), base_stem(w))


def _build(article: Article) -> ArticleIndex:
    text = article.text
    sentences: list[SentenceIndex] = []
    postings: dict[str, list[int]] = {}
    vocab_sentences: dict[str, list[int]] = {}
    all_words: set[str] = set()
    names: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    flat_parts: list[str] = []
    acronyms: dict[str, list[int]] = {}
    flat_ranges: list[tuple[int, int]] = []
    pos = 1
    for sent in article.sentences:
        toks = tokens(text, sent.start, sent.end)  # absolute offsets, no copy of the sentence
        si = sent.index
        infos = [_word_info(w) for w, _, _ in toks]  # one cached lookup per token
        norms = [info[0] for info in infos]
        all_words.update(norms)
        skeys: set[str] = set()
        for k, (n, ks, upper, _, _, _, _) in enumerate(infos):
            if upper and k > 0:
                names.add(n)
            if ks is not None:
                skeys |= ks
                vocab_sentences.setdefault(n, []).append(si)
        # multi-word aliases ("united states") answer to their alias group too
        lowered = " " + " ".join(norms) + " "
        pairs.update(zip(norms, norms[1:]))
        pairs.update(zip(norms[1:], norms))
        for padded, groups in _PHRASE_ALIASES:
            if padded in lowered:
                skeys |= groups
        for k in skeys:
            postings.setdefault(k, []).append(si)
        # initials of runs of capitalised words: "Queens Park Rangers" answers to "QPR"
        run: list[str] = []
        for (w, _, _), info in zip(toks, infos):
            if info[3]:
                run.append(w)
                continue
            if len(run) > 1:
                _add_acronyms(acronyms, run, si)
            run = []
        if len(run) > 1:
            _add_acronyms(acronyms, run, si)
        flat = " ".join([info[4] for info in infos])
        flat_parts.append(flat)
        flat_ranges.append((pos, pos + len(flat)))
        pos += len(flat) + 1
        sentences.append(
            SentenceIndex(
                index=si,
                start=sent.start,
                end=sent.end,
                tokens=toks,
                keys=frozenset(skeys),
                words=frozenset(norms),
                quantities=quantities(text, toks),
                negations=[k for k, info in enumerate(infos) if info[5]],
                stems=[info[6] for info in infos],
            )
        )
    stems = {k for k in postings if not k[:1] in "~@"}
    # every article stem a prefix extends (sorted, so nothing depends on the hash seed:
    # it once kept one stem per prefix, whichever the set yielded first)
    extends: dict[str, list[str]] = {}
    for st in sorted(stems):
        for cut in range(4, len(st)):
            extends.setdefault(st[:cut], []).append(st)
    prefixes = {p: tuple(v) for p, v in extends.items()}
    return ArticleIndex(
        article_id=article.id,
        text=text,
        pairs=frozenset(pairs),
        sentences=sentences,
        postings=postings,
        all_keys=frozenset(postings),
        all_words=frozenset(all_words),
        stems=frozenset(stems),
        prefixes=prefixes,
        vocab=sorted(vocab_sentences),
        vocab_sentences=vocab_sentences,
        names=frozenset(names),
        flat_words=" " + " ".join(flat_parts) + " ",
        flat_sentences=flat_ranges,
        acronyms=acronyms,
    )


_CACHE: OrderedDict[str, ArticleIndex] = OrderedDict()


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside the block. An index is some 100,000 small
    containers (token tuples, lists, sets) and none of them forms a cycle, but
    allocating them triggers collections that walk every object alive, the indexes
    already cached included; that was a third of the build's time on the dev files.
    Collection resumes after the block (when it was on before), so nothing is kept
    from it for long."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def article_index(article: Article) -> ArticleIndex:
    """The index of `article`, from the cache when this article was seen recently."""
    key = article.id
    hit = _CACHE.get(key)
    if hit is not None and hit.text == article.text and len(hit.sentences) == len(article.sentences):
        _CACHE.move_to_end(key)
        return hit
    with gc_paused():
        idx = _build(article)
    _CACHE[key] = idx
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return idx


def keep_index(idx: ArticleIndex) -> None:
    """Put an index built earlier back in the cache, as most recently used: for a
    caller that holds on to more articles than the cache keeps (`validate --input`)."""
    _CACHE[idx.article_id] = idx
    _CACHE.move_to_end(idx.article_id)
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)


def stem_in_article(idx: ArticleIndex, st: str) -> bool:
    """A claim stem that is a prefix of, or extends, an article stem (agree/agreement)."""
    if len(st) < 4:
        return False
    if st in idx.prefixes:
        return True
    return any(st[:cut] in idx.stems for cut in range(4, len(st)))


__all__ = ["ArticleIndex", "SentenceIndex", "article_index", "keep_index", "stem", "stem_in_article"]
