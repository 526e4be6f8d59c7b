"""Per-article lookup tables, built once and cached on the article id.

The review UI revalidates a bullet on every keystroke, so everything that depends
only on the article (sentence tokens, word keys, numbers, names, negation cues, an
inverted index from key to sentences) is computed once here and reused by every
claim checked against the same article.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, count
from operator import itemgetter

from summarizer.models import Article
from summarizer.text import stem
from summarizer.validate.lemmas import ALIASES, base_stem, keys, norm
from summarizer.validate.numbers import Quantity, can_start_quantity, quantities
from summarizer.validate.tokens import TOKEN, Token, is_content, is_polarity_cue, tokens

CACHE_SIZE = 64
# False: every sentence's token offsets are computed with the index (SentenceIndex.tokens)
LAZY_TOKENS = True
# False: those offsets come from TOKEN.finditer, not from str.find of each word
OFFSETS_BY_FIND = True


# fields of a word's facts (`_word_info`), read for every token of a sentence by the
# lazy fields below through map/compress (C loops, the same lists as comprehensions)
_NORM, _CUE, _STEM, _STARTS = itemgetter(0), itemgetter(5), itemgetter(6), itemgetter(7)


class SentenceIndex:
    """One sentence's tokens and keys; the rest is computed on first use.

    Why lazy: a claim consults a few sentences' negations, stems and words (its
    evidence), and every sentence's quantities only when it has a number; building
    them all up front for every sentence of every article was a third of the
    index's time on sources with few claims each (CLIFF: 223 sources, 720 claims).
    Each lazy field is computed from the same per-word facts (`_word_info`) the
    eager build used, so its value is the same whenever it is read."""

    __slots__ = ("index", "start", "end", "surface", "_tokens", "keys", "_text", "_infos", "_words", "_quantities",
                 "_negations", "_stems")

    def __init__(self, index: int, start: int, end: int, surface: list[str], tokens: list[Token] | None,
                 keys: frozenset[str], text: str, infos: list[tuple]) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.surface = surface  # the word of each token, in order
        self._tokens = tokens  # None: tokenized on first use (`tokens`)
        self.keys = keys  # keys of its content words
        self._text = text
        self._infos = infos  # _word_info of each token
        self._words: frozenset[str] | None = None
        self._quantities: list[Quantity] | None = None
        self._negations: list[int] | None = None
        self._stems: list[str] | None = None

    @property
    def tokens(self) -> list[Token]:
        """(word, start, end) of each token, absolute offsets into article.text.

        Lazy: the index is built from the words alone (`surface`: `TOKEN.findall`,
        the same words `tokens()` gives, without a match object and a tuple per
        token), and the checks read offsets of fewer than half the sentences on
        CLIFF (evidence, sentences with a number: 1,683 of 4,049); the per-token
        tuples were a third of the index's build there."""
        toks = self._tokens
        if toks is None:
            if not OFFSETS_BY_FIND:
                toks = self._tokens = tokens(self._text, self.start, self.end)
                return toks
            # each word is found from the end of the one before: TOKEN matches at the
            # first character it can start with (every such character starts a
            # match), so no copy of the word begins earlier (same offsets as
            # finditer, without a match object per token)
            find = self._text.find
            toks = []
            pos = self.start
            for w in self.surface:
                at = find(w, pos)
                pos = at + len(w)
                toks.append((w, at, pos))
            self._tokens = toks
        return toks

    @property
    def words(self) -> frozenset[str]:
        """Normalised surface words (all tokens)."""
        if self._words is None:
            self._words = frozenset(map(_NORM, self._infos))
        return self._words

    @property
    def quantities(self) -> list[Quantity]:
        if self._quantities is None:
            starts = list(compress(count(), map(_STARTS, self._infos)))
            self._quantities = quantities(self._text, self.tokens, starts) if starts else []
        return self._quantities

    @property
    def negations(self) -> list[int]:
        """Token positions of negation cues and negating verbs."""
        if self._negations is None:
            self._negations = list(compress(count(), map(_CUE, self._infos)))
        return self._negations

    @property
    def stems(self) -> list[str]:
        """Stem of every token, in order (negation scopes, role order)."""
        if self._stems is None:
            self._stems = list(map(_STEM, self._infos))
        return self._stems

    def norms(self) -> list[str]:
        return list(map(_NORM, self._infos))


@dataclass(eq=False)
class ArticleIndex:
    """Postings (key -> sentences) and capitalised names are built with the index:
    every claim reads them. The other tables are built on first use (cached
    properties, from the same per-word facts), since most claims need few of them."""

    article_id: str
    text: str
    sentences: list[SentenceIndex]
    postings: dict[str, list[int]]  # key -> sentence indices holding it
    names: frozenset[str]  # normalised words that appear capitalised mid-sentence
    # filled lazily by checks._sentence_stems: sentence -> its stems and folded adjectives
    forms: dict[int, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def all_keys(self) -> frozenset[str]:
        return frozenset(self.postings)

    @cached_property
    def all_words(self) -> frozenset[str]:
        out: set[str] = set()
        for s in self.sentences:
            out.update(s.norms())
        return frozenset(out)

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(k for k in self.postings if not k[:1] in "~@")

    @cached_property
    def prefixes(self) -> dict[str, tuple[str, ...]]:
        """Every 4+ char prefix of an article stem -> the stems it begins (sorted, so
        nothing depends on the hash seed: it once kept one stem per prefix, whichever
        the set yielded first)."""
        extends: dict[str, list[str]] = {}
        for st in sorted(self.stems):
            for cut in range(4, len(st)):
                extends.setdefault(st[:cut], []).append(st)
        return {p: tuple(v) for p, v in extends.items()}

    @cached_property
    def _sorted_stems(self) -> list[str]:
        return sorted(self.stems)

    def extending(self, st: str) -> tuple[str, ...]:
        """`prefixes.get(st, ())` without building `prefixes`: the article stems that
        `st` (4+ chars) is a proper prefix of, sorted. They sit together in the
        sorted stem list, from where `st` would go. Why: a claim asks this of a few
        of its words, while `prefixes` holds every prefix of every stem (its build
        was the largest lazy table on CLIFF)."""
        memo = self._extending
        hit = memo.get(st)
        if hit is not None:
            return hit
        out: tuple[str, ...] = ()
        if len(st) >= 4:
            stems = self._sorted_stems
            i = bisect_left(stems, st)
            found = []
            while i < len(stems) and stems[i].startswith(st):
                if len(stems[i]) > len(st):
                    found.append(stems[i])
                i += 1
            out = tuple(found)
        memo[st] = out
        return out

    @cached_property
    def _extending(self) -> dict[str, tuple[str, ...]]:
        return {}

    @cached_property
    def vocab_sentences(self) -> dict[str, list[int]]:
        """Normalised content word -> sentences holding it, for fuzzy matching."""
        out: dict[str, list[int]] = {}
        for s in self.sentences:
            si = s.index
            for info in s._infos:
                if info[1] is not None:
                    out.setdefault(info[0], []).append(si)
        return out

    @cached_property
    def vocab(self) -> list[str]:
        """Distinct normalised content words, sorted (the keys of `vocab_sentences`,
        without building its lists: fuzzy matching reads one word's)."""
        return sorted({info[0] for s in self.sentences for info in s._infos if info[1] is not None})

    def word_sentences(self, n: str) -> list[int]:
        """`vocab_sentences[n]` (a sentence once per content token `n`, in order) for
        one word, found by a scan and kept."""
        memo = self._word_sentences
        hit = memo.get(n)
        if hit is None:
            hit = memo[n] = [s.index for s in self.sentences for info in s._infos
                             if info[0] == n and info[1] is not None]
        return hit

    @cached_property
    def _word_sentences(self) -> dict[str, list[int]]:
        return {}

    @cached_property
    def quantity_sentences(self) -> list[tuple[int, list[Quantity]]]:
        """(sentence index, its quantities) for each sentence that has any, in order:
        a claim number is compared with these only (an empty pool matches nothing)."""
        return [(s.index, qs) for s in self.sentences if (qs := s.quantities)]

    @cached_property
    def all_quantities(self) -> list[Quantity]:
        """Every quantity of the article, in order (the numbers check's article pool)."""
        return [q for s in self.sentences for q in s.quantities]

    @cached_property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Adjacent normalised words, either order ("peter o'toole")."""
        pairs: set[tuple[str, str]] = set()
        for s in self.sentences:
            norms = s.norms()
            pairs.update(zip(norms, norms[1:]))
            pairs.update(zip(norms[1:], norms))
        return frozenset(pairs)

    @cached_property
    def _flat(self) -> tuple[str, list[tuple[int, int]]]:
        parts: list[str] = []
        ranges: list[tuple[int, int]] = []
        pos = 1
        for s in self.sentences:
            flat = " ".join([info[4] for info in s._infos])
            parts.append(flat)
            ranges.append((pos, pos + len(flat)))
            pos += len(flat) + 1
        return " " + " ".join(parts) + " ", ranges

    @property
    def flat_words(self) -> str:
        """The whole article as " word word ... " (lower case), for quotes."""
        return self._flat[0]

    @property
    def flat_sentences(self) -> list[tuple[int, int]]:
        """Sentence -> its range in flat_words."""
        return self._flat[1]

    @cached_property
    def acronyms(self) -> dict[str, list[int]]:
        """Initials of runs of capitalised words: "qpr" -> sentences naming Queens Park Rangers."""
        acronyms: dict[str, list[int]] = {}
        for s in self.sentences:
            run: list[str] = []
            for w, info in zip(s.surface, s._infos):
                if info[3]:
                    run.append(w)
                    continue
                if len(run) > 1:
                    _add_acronyms(acronyms, run, s.index)
                run = []
            if len(run) > 1:
                _add_acronyms(acronyms, run, s.index)
        return acronyms


# the multi-word aliases, padded for a substring test (same order as ALIASES)
_PHRASE_ALIASES = [(f" {name} ", groups) for name, groups in ALIASES.items() if " " in name]
# their first words: a sentence with none of them among its norms holds no alias
# (a norm has no space, so a padded alias found in the joined norms starts at a
# norm equal to its first word); such a sentence (most: 3,648 of CLIFF's 4,049)
# skips the join and the substring tests. False: every sentence is tested.
_ALIAS_FIRST = frozenset(name.split()[0] for name, _ in _PHRASE_ALIASES)
FAST_ALIASES = True


def _add_acronyms(acronyms: dict[str, list[int]], run: list[str], si: int) -> None:
    """Initials of every 2..5-word stretch of a run of capitalised words."""
    for a in range(len(run)):
        for b in range(a + 2, min(len(run), a + 5) + 1):
            acronyms.setdefault("".join(x[0] for x in run[a:b]).lower(), []).append(si)


# token -> _word_info(token); a plain dict (read with .get in _build: cheaper per
# token than an lru_cache call), cleared when full so memory stays bounded
_WORD_INFO: dict[str, tuple] = {}
_WORD_INFO_MAX = 200_000


def _word_info(w: str) -> tuple:
    """Everything the index needs of one token, computed once per distinct word:
    (norm, keys or None when not a content word, capitalised, capitalised and
    alphabetic (acronym runs), lower-case flat form, polarity cue, base stem, whether
    a quantity can start at it, whether its norm is a multi-word alias's first word).
    Kept in _WORD_INFO."""
    hit = _WORD_INFO.get(w)
    if hit is not None:
        return hit
    upper = w[:1].isupper()
    n = norm(w)
    info = (n, keys(w) if is_content(w) else None, upper, upper and w.isalpha(),
            w.lower().replace("’", "'"), is_polarity_cue(w), base_stem(w), can_start_quantity(w), n in _ALIAS_FIRST)
    if len(_WORD_INFO) >= _WORD_INFO_MAX:
        _WORD_INFO.clear()
    _WORD_INFO[w] = info
    return info


def _build(article: Article) -> ArticleIndex:
    """Tokens, keys and postings of every sentence, and the capitalised names: what
    every claim reads. The rest waits for its first use (see the classes)."""
    text = article.text
    sentences: list[SentenceIndex] = []
    postings: dict[str, list[int]] = {}
    names: set[str] = set()
    get_info = _WORD_INFO.get
    find_words = TOKEN.findall
    get_posting = postings.get
    for sent in article.sentences:
        # the words of `tokens(text, sent.start, sent.end)`, without their offsets
        # (SentenceIndex.tokens computes those when a check reads them)
        si = sent.index
        surface = find_words(text, sent.start, sent.end)
        infos = [get_info(w) or _word_info(w) for w in surface]
        skeys: set[str] = set()
        first = True
        may_alias = not FAST_ALIASES
        for info in infos:
            if info[2] and not first:
                names.add(info[0])
            first = False
            if info[1] is not None:
                skeys |= info[1]
            if info[8]:
                may_alias = True
        # multi-word aliases ("united states") answer to their alias group too; only
        # a sentence holding an alias's first word can hold the alias (info[8])
        if may_alias:
            lowered = " " + " ".join([info[0] for info in infos]) + " "
            for padded, groups in _PHRASE_ALIASES:
                if padded in lowered:
                    skeys |= groups
        for k in skeys:
            hit = get_posting(k)
            if hit is None:
                postings[k] = [si]
            else:
                hit.append(si)
        sentences.append(SentenceIndex(si, sent.start, sent.end, surface, None if LAZY_TOKENS else tokens(text, sent.start, sent.end),
                                       frozenset(skeys), text, infos))
    return ArticleIndex(
        article_id=article.id,
        text=text,
        sentences=sentences,
        postings=postings,
        names=frozenset(names),
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
    if idx.extending(st):
        return True
    return any(st[:cut] in idx.stems for cut in range(4, len(st)))


__all__ = ["ArticleIndex", "SentenceIndex", "article_index", "keep_index", "stem", "stem_in_article"]
