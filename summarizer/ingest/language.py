"""Which language an article is in: a stop-word and script test, offline and instant.

The validator's checks (stems, negation cues, number words, roles) are English
only, so an article in another language must not get `supported` verdicts it has
not earned. Only one question matters here: is this confidently *not* English, and
if so, which language to name in the notice.

Why not a library: py3langid 0.4 (the best small candidate) needs numpy and takes
about 2 s to load its 4.6 MB model on this machine, for every `generate`;
lingua-language-detector is large; langdetect is unmaintained and random unless
seeded. Function words answer the question well on running text: every language's
most frequent words are its articles, prepositions, pronouns and auxiliaries, and
an English news paragraph is about a third "the", "of", "and", "to" ... A text in a
non-Latin script is named by its script.

Confidence: a text shorter than `MIN_WORDS` words (a headline, two short
sentences) is never called anything (""), and a language is named only when its
function words make up at least `MIN_SHARE` of the words and at least `MARGIN`
times English's share. Only the first `SAMPLE_CHARS` characters are read, so the
cost does not grow with the article.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache

SAMPLE_CHARS = 20_000
MIN_WORDS = 25
MIN_SHARE = 0.15
MARGIN = 2.0

_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "pl": "Polish", "cs": "Czech", "tr": "Turkish", "id": "Indonesian", "ro": "Romanian",
    "hu": "Hungarian", "fi": "Finnish", "ru": "Russian", "uk": "Ukrainian", "el": "Greek",
    "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "th": "Thai",
}

# The most frequent function words of each language (articles, prepositions,
# conjunctions, pronouns, auxiliaries, negation).
_STOP = {
    "en": "the of and to in is that for it was on with as he be at by his are this from have not but they "
          "had which were their has been who will would an its she her said",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es an als werden "
          "wird wurde sind hat nach bei aus einer noch wie um über vor oder aber so sie er wir ich dass",
    "fr": "le la les de des et est une un du en que qui dans pour pas sur au avec il ne se ce sont par plus "
          "ont été aux cette mais ou son sa elle nous vous leur",
    "es": "el la los las de del y que en un una es por con no se para al lo como más pero sus su fue ha "
          "este esta entre cuando muy sin sobre también porque",
    "it": "il la di che e è un una per non del della con sono le gli da si al nel ha dei anche come più ma "
          "lo questo alla delle essere stato",
    "pt": "o a os as de do da dos das e que em um uma para com não por no na se mais ao é foi como mas seu "
          "sua ou ser está também pelo pela",
    "nl": "de het een en van in is dat op te zijn niet met voor die er aan ook als bij of om door maar naar "
          "wordt dan heeft nog werd worden",
    "sv": "och att det som en på är av för med den till inte har de om ett var jag men från så kan vi "
          "eller under efter hade",
    "da": "og at det som en på er af for med den til ikke har de om et var jeg men fra så kan vi eller "
          "efter havde blev",
    "no": "og at det som en på er av for med den til ikke har de om et var jeg men fra så kan vi eller "
          "etter hadde ble",
    "pl": "i w na z że się nie do to jest jak o co po ale od za jego przez już tak są dla czy jej tym "
          "było został",
    "cs": "a v se na je že to s z do o i k by jako ale za jeho jsou pro od po tak byl není již které",
    "tr": "ve bir bu da de için ile çok gibi daha olarak olan ama en değil kadar sonra ya ki her şey "
          "göre oldu",
    "id": "yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena tersebut bisa ada "
          "mereka oleh telah sudah",
    "ro": "și în de la a cu nu că pe o un este din se mai care sunt au fost pentru ca dar sau lui",
    "hu": "a az és hogy nem is egy ez meg de van csak már el volt mint ki még azt fel lesz vagy",
    "fi": "ja on ei se että oli hän ovat mutta kun myös tai ole kuin jo niin sen joka mukaan",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}


def _languages_of(words: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Function word -> the languages whose list has it: one dict look-up per word
    in `detect_language` instead of one set test per language."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, vocab in words.items():
        for w in vocab:
            out[w] = (*out.get(w, ()), lang)
    return out


_LANGS_OF = _languages_of(_WORDS)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# `_TOKEN` on a lower-cased sample whose words are ASCII letters, "’" straightened;
# possessive repeats (nothing after them can use a letter given back: same words,
# no backtracking states kept, ~20% faster)
_ASCII_WORD = re.compile(r"[a-z]++(?:'[a-z]++)?+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# False: a sample of ASCII words is folded and looked up word by word, as any other
FAST_ASCII_WORDS = True

_ASCII = re.compile(r"[\x00-\x7f]+")

# script of a letter -> language it names (Cyrillic is told apart below)
_SCRIPTS = {
    "CYRILLIC": "ru", "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "DEVANAGARI": "hi",
    "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "THAI": "th",
}


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


def _script_language(letters: str) -> str:
    """The language of a text mostly in one non-Latin script, or "" for Latin."""
    counts: dict[str, int] = {}
    rest = _ASCII.sub("", letters)  # an ASCII letter's name starts with LATIN
    latin = len(letters) - len(rest)
    for ch in rest:
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            latin += 1
            continue
        script = name.split(" ", 1)[0]
        lang = _SCRIPTS.get(script)
        if lang:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts or latin >= sum(counts.values()):
        return ""
    if counts.get("ja"):  # Japanese mixes kana with CJK ideographs
        return "ja"
    lang = max(counts, key=counts.__getitem__)
    if lang == "ru" and re.search(r"[іїєґІЇЄҐ]", letters):
        return "uk"
    return lang


@lru_cache(maxsize=64)
def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language, or "" when the text is too short or the
    evidence too thin to say. Reads at most the first `SAMPLE_CHARS` characters."""
    sample = text[:SAMPLE_CHARS]
    if FAST_ASCII_WORDS and _ascii_words(sample):
        # the words are runs of ASCII letters (with one inner "'" or "’"), and
        # lower-casing the sample and straightening "’" maps each character to one
        # character, letters to letters, so the words found in the folded sample
        # are the folded words; counted by the folded word, and only the function
        # words among them are visited (integer sums: the same counts as folding
        # each surface word). No script can name such a sample (no letter outside
        # ASCII). Why: the per-word fold and look-up, and the per-letter filter of
        # English news with curly quotes or a pound sign, were most of this
        # function (CLIFF: ~300 distinct words per source, ~40 function words).
        folded = Counter(_ASCII_WORD.findall(sample.lower().replace("’", "'")))
        n_words = sum(folded.values())
        if n_words < MIN_WORDS:
            return ""
        hits = dict.fromkeys(_WORDS, 0)
        for w in folded.keys() & _LANGS_OF.keys():
            c = folded[w]
            for lang in _LANGS_OF[w]:
                hits[lang] += c
        return _decide(hits, n_words)
    # ASCII text is all Latin letters, so no script can name it (the common case:
    # skip the per-letter loop; same answer)
    if not sample.isascii():
        letters = "".join(filter(str.isalpha, sample))
        if len(letters) >= 4 * MIN_WORDS:
            by_script = _script_language(letters)
            if by_script:
                return by_script
    raw = Counter(_TOKEN.findall(sample))
    n_words = sum(raw.values())
    if n_words < MIN_WORDS:
        return ""
    # each distinct surface word is folded once, each folded word looked up once in
    # the function-word table (word -> its languages); integer sums, so the same
    # counts as one membership test per language and word
    hits = dict.fromkeys(_WORDS, 0)
    for w, c in raw.items():
        for lang in _LANGS_OF.get(w.lower().replace("’", "'"), ()):
            hits[lang] += c
    return _decide(hits, n_words)


def _ascii_words(sample: str) -> bool:
    """Whether every word `_TOKEN` finds in `sample` is ASCII letters: every character
    outside ASCII is neither a letter nor a digit (so not a word character) and is its
    own lower case ("’", "£", "—": punctuation and symbols)."""
    return sample.isascii() or all(not c.isalnum() and c.lower() == c for c in set(_NON_ASCII.findall(sample)))


def _decide(hits: dict[str, int], n_words: int) -> str:
    """The language the function-word counts name, or "" (too thin, or too close to English)."""
    best = max(hits, key=lambda lang: (hits[lang], lang == "en"))
    share = hits[best] / n_words
    if share < MIN_SHARE:
        return ""
    if best != "en" and hits[best] < MARGIN * hits["en"]:
        return ""
    return best


def is_non_english(code: str) -> bool:
    """True for a confidently detected language other than English."""
    return bool(code) and code != "en"


def notice(code: str) -> str:
    """The reason on each claim of a non-English article."""
    return f"article is in {language_name(code)} ({code}); the validator checks English only"


def warn_if_not_english(name: str, metadata: dict) -> None:
    """One stderr line for a non-English article (generate, validate): say so once,
    rather than let an editor read `review` verdicts without knowing why."""
    code = str(metadata.get("language") or "")
    if is_non_english(code):
        print(f"takeaways: note: {name}: {notice(code)}; verdicts are capped at review", file=sys.stderr)
