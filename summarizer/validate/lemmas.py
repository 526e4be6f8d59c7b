"""The word-matching layer: a word's keys are its Snowball stem plus its synonym groups.

Two words "match" when their key sets meet, so inflections ("agreed"/"agreement"
share the stem "agre") and common news synonyms ("killed"/"died") are not flagged
as unsupported. Kept separate from `summarizer.text` because the extractive engine
does not want synonyms folded together.
"""

from __future__ import annotations

from functools import lru_cache

from summarizer.text import stem
from summarizer.validate.lexicon import ALIAS_GROUPS, ANTONYM_PAIRS, IRREGULAR, SYNONYM_GROUPS


def _build_synonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for gi, group in enumerate(SYNONYM_GROUPS):
        for word in group:
            if " " in word:
                continue
            table.setdefault(stem(IRREGULAR.get(word, word)), set()).add(f"~{gi}")
    return {k: frozenset(v) for k, v in table.items()}


def _build_aliases() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for gi, group in enumerate(ALIAS_GROUPS):
        for name in group:
            table.setdefault(name, set()).add(f"@{gi}")
    return {k: frozenset(v) for k, v in table.items()}


def _build_antonyms() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for a, b in ANTONYM_PAIRS:
        table.setdefault(base_stem(a), set()).add(base_stem(b))
        table.setdefault(base_stem(b), set()).add(base_stem(a))
    return {k: frozenset(v) for k, v in table.items()}



@lru_cache(maxsize=200_000)
def norm(word: str) -> str:
    """Lower case, straight apostrophe, no possessive: the surface form used for names."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w


@lru_cache(maxsize=200_000)
def base_stem(word: str) -> str:
    """The stem of the word's base form ("lost" -> "lose"), for antonyms and scopes."""
    return stem(IRREGULAR.get(norm(word), word))


SYNONYMS = _build_synonyms()
ALIASES = _build_aliases()  # lower-case surface name -> alias group ids
ANTONYMS = _build_antonyms()  # stem -> stems of its antonyms


LEMMA_KEYS = True


@lru_cache(maxsize=200_000)
def _lemma_stems(word: str) -> set[str]:
    """Stems of the word's verb and noun lemmas (lemminflect's tables, offline):
    irregular forms Snowball cannot fold ("dove"/"dived" -> dive, "sent" -> send,
    "children" -> child), beyond the hand list IRREGULAR (issue #10)."""
    if not word.isalpha():
        return set()
    from lemminflect import getAllLemmas  # noqa: PLC0415 (loaded once, lazily)

    lem = getAllLemmas(word)
    return {stem(x) for pos in ("VERB", "NOUN") for x in lem.get(pos, ())}


@lru_cache(maxsize=200_000)
def keys(word: str) -> frozenset[str]:
    """Every key `word` answers to: its stem, its synonym groups, its alias groups."""
    st = stem(IRREGULAR.get(norm(word), word))
    out = {st} | (_lemma_stems(norm(word)) if LEMMA_KEYS else set())
    out |= SYNONYMS.get(st, frozenset())
    out |= ALIASES.get(norm(word), frozenset())
    return frozenset(out)
