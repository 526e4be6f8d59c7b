"""detect_language counts function words once per distinct word (a word -> languages
table) and counts ASCII letters without naming them; it must name exactly what the
plain per-word, per-language, per-letter count names."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

from summarizer.ingest import language as lang_mod
from summarizer.ingest.language import _STOP, _WORDS, MARGIN, MIN_SHARE, MIN_WORDS, SAMPLE_CHARS
from tests.validator.test_language import SAMPLES


def _script_reference(letters: str) -> str:
    counts: dict[str, int] = {}
    latin = 0
    for ch in letters:
        if ch.isascii():
            latin += 1
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        code = lang_mod._SCRIPTS.get(name.split(" ", 1)[0])
        if code:
            counts[code] = counts.get(code, 0) + 1
    if not counts or latin >= sum(counts.values()):
        return ""
    if counts.get("ja"):
        return "ja"
    best = max(counts, key=counts.__getitem__)
    if best == "ru" and re.search(r"[іїєґІЇЄҐ]", letters):
        return "uk"
    return best


def _reference(text: str) -> str:
    """The plain count (as detect_language did it before the table)."""
    sample = text[:SAMPLE_CHARS]
    if not sample.isascii():
        letters = "".join(ch for ch in sample if ch.isalpha())
        if len(letters) >= 4 * MIN_WORDS:
            by_script = _script_reference(letters)
            if by_script:
                return by_script
    words = [w.lower().replace("’", "'") for w in lang_mod._TOKEN.findall(sample)]
    if len(words) < MIN_WORDS:
        return ""
    counts = Counter(words)
    hits = {code: sum(c for w, c in counts.items() if w in vocab) for code, vocab in _WORDS.items()}
    best = max(hits, key=lambda code: (hits[code], code == "en"))
    if hits[best] / len(words) < MIN_SHARE:
        return ""
    if best != "en" and hits[best] < MARGIN * hits["en"]:
        return ""
    return best


def _texts() -> list[str]:
    rng = random.Random(7)
    pool = [w for words in _STOP.values() for w in words.split()]
    pool += ["Stadt", "İstanbul", "ŞEHİR", "Straße", "It’s", "don’t", "L’État", "Привет", "їжак", "東京", "ひらがな",
             "서울", "Αθήνα", "مرحبا", "שלום", "नमस्ते", "ไทย", "café", "naïve", "x2", "½", "42", "the", "The", "THE"]
    out = list(SAMPLES.values())
    for _ in range(600):
        n = rng.choice([5, 20, 30, 60, 200])
        words = [rng.choice(pool) for _ in range(n)]
        out.append(rng.choice([" ", ", ", ". "]).join(words))
    scripts = ["Привет", "їжак", "東京", "ひらがな", "서울", "Αθήνα", "مرحبا", "שלום", "नमस्ते", "ไทย", "the", "café"]
    for _ in range(200):
        two = rng.sample(scripts, 2)  # two scripts a text, so every script can win
        words = [rng.choice(two) for _ in range(rng.choice([10, 40, 80]))]
        out.append(" ".join(words))
    out.append("word " * 6000)  # longer than the sample
    return out


def test_same_language_as_the_plain_count():
    named = Counter()
    for text in _texts():
        got = lang_mod.detect_language.__wrapped__(text)
        assert got == _reference(text), text[:200]
        named[got] += 1
    assert len(named) >= 8  # the texts reach many outcomes, "" included


def _ascii_texts() -> list[str]:
    """Texts around the folded-count fast path (words of ASCII letters only): mixed
    case, inner and stray apostrophes (straight and curly), digits and underscores
    inside words, function words of several languages, too few words, and
    characters outside ASCII that do or do not keep a sample on it."""
    rng = random.Random(11)
    pool = [w for words in _STOP.values() for w in words.split() if w.isascii()]
    pool += ["The", "THE", "tHe", "don't", "It's", "'tis", "rock'n'roll", "x2y", "a_b", "O'Neill", "DER", "Und",
             "42", "_", "'", "''", "word's'", "ETC", "de-la", "l'Etat"]
    # outside ASCII: punctuation and symbols (the fast path), and letters, digits
    # and cased symbols that must send a sample down the slow path
    pool += ["don’t", "It’s", "’tis", "“the”", "‘and’", "£5", "—", "…", "€", "©", "the²", "½the", "Ⓐnd", "İt",
             "ß", "café", "DIE", "étÉ", "the’", "’"]
    out = [t for t in SAMPLES.values()]
    for _ in range(600):
        n = rng.choice([5, 24, 25, 26, 60, 200])
        out.append(rng.choice([" ", ", ", ". ", "\n", "-"]).join(rng.choice(pool) for _ in range(n)))
    out.append("Word " * 6000)  # longer than the sample
    return out


def test_ascii_fast_path_names_what_the_slow_path_names(monkeypatch):
    """Fast path (FAST_ASCII_WORDS: a sample of ASCII words folded once, only its
    function words visited) against the per-word fold and look-up."""
    texts = _ascii_texts()
    monkeypatch.setattr(lang_mod, "FAST_ASCII_WORDS", False)
    slow = [lang_mod.detect_language.__wrapped__(t) for t in texts]
    monkeypatch.setattr(lang_mod, "FAST_ASCII_WORDS", True)
    fast = [lang_mod.detect_language.__wrapped__(t) for t in texts]
    assert fast == slow
    assert fast == [_reference(t) for t in texts]
    assert len(set(fast)) >= 6  # the texts reach many outcomes, "" included
