"""Is a bullet a full clause? A finite-verb test without a parser.

A bullet an editor can publish states something: it has a finite verb ("said",
"rose", "will leave", "is"). A noun phrase ("The dredging project.") or a sentence
whose complement clause lost its verb ("The port authority said on Monday that the
dredging project.") is a fragment, whatever drafted it, and it may read as
supported because every word is in the article. This module decides that with
word lists and lemminflect's lexicon (which word forms can be finite verbs), so it
runs in microseconds and needs no model.

Public: `fragment_reason(text) -> str | None` (None = a full clause; otherwise the
reason, naming the words). Used by the validator's `fragment` form check and by
the engine to guard the bullets it emits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'][A-Za-z]+)?")
# a relative clause between commas ("The storm, which hit Seattle on Monday,") does
# not give the bullet its verb
_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|where)\b[^,;]*(?:,|$)", re.I)

# always finite: auxiliaries, copulas, modals (and their contractions)
_AUX = frozenset("""
is are was were am be's 're 'm 's 've 'd 'll has have had does do did will would can could
shall should may might must isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't
didn't won't wouldn't can't couldn't shouldn't mustn't cannot ain't
""".split())
_CONTRACTION_TAIL = ("'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "n't", "n’t", "'m", "’m")

# words before which a base/present form cannot be a verb ("the urge", "to win")
_NOT_BEFORE_VERB = frozenset("""
the a an this that these those his her its their our my your to of for with by from in on at
into onto about than as per some any each every no another such very more most many few
one two three four five six seven eight nine ten eleven twelve twenty hundred hundreds thousand
thousands million millions billion billions dozen dozens several both after before
""".split())
_SUBJECT_PRONOUNS = frozenset("i you we they he she it who which that there people men women children police".split())
# collective nouns that take a plural verb in British English ("the government
# want", "her party insist"): a base form after one is finite (issue #10, fourth pass)
COLLECTIVE_AGREEMENT = True
_COLLECTIVE = frozenset("""party government team club council family board committee crowd staff public
jury squad side union company firm band cabinet panel audience management couple""".split())
# subordinators that open a clause needing its own finite verb
_SUBORDINATORS = frozenset("because although though whether unless whereas".split())
# after "that": tokens that show it is a complementiser ("said that the ..."), not a
# demonstrative ("backed that plan")
_CLAUSE_START = frozenset("""
the a an this these those his her its their our my your it he she they we i you there no
some many most all several one two three four five six seven eight nine ten
""".split())


# "Ann Marsh: 'A mentor and a friend'": a speaker's name, a colon, then a quotation
# is an attribution (the colon stands for "said"), a full statement without a verb
# of its own (issue #10, fourth pass). Only a quotation after the colon: "Ann Marsh:
# a mentor and a friend." is still a fragment.
ATTRIBUTION = True
_SPEAKER_QUOTE = re.compile(r"""^\s*((?:["“”'‘’`]*[A-Z][\w.'’-]*["“”'‘’`]*\s+){0,4}["“”'‘’`]*[A-Z][\w.'’-]*["“”'‘’`]*)\s*:\s*["“”'‘’`]""")


def _attribution(text: str) -> bool:
    """A capitalised speaker (one to five words), a colon and a quotation."""
    return ATTRIBUTION and _SPEAKER_QUOTE.match(text) is not None


@lru_cache(maxsize=50_000)
def _finite_forms(lower: str) -> tuple[bool, bool]:
    """(can be a past or 3rd-person-present verb form, can be a present base form)."""
    lemmas = getAllLemmas(lower, upos="VERB")
    if not lemmas:
        return False, False
    past_or_s = base = False
    for lemma in lemmas.get("VERB", ()):
        infl = getAllInflections(lemma, upos="VERB")
        if lower in infl.get("VBD", ()) or lower in infl.get("VBZ", ()):
            past_or_s = True
        if lower in infl.get("VBP", ()) or lower in infl.get("VB", ()):
            base = True
    return past_or_s, base


def is_finite(words: list[str], k: int) -> bool:
    """Whether words[k] can be read as a finite verb in this position."""
    w = words[k]
    lw = w.lower().replace("’", "'")
    if lw in _AUX or lw.endswith(_CONTRACTION_TAIL[2:]):  # "'s" may be a possessive
        return True
    prev = words[k - 1].lower() if k > 0 else ""
    if prev in _NOT_BEFORE_VERB or prev[:1].isdigit():
        return False
    past_or_s, base = _finite_forms(lw)
    if past_or_s:
        # "-ed" right after a noun may be a participle ("the man arrested"), but a
        # bullet made only of such is rare; accept it as finite (err towards a clause)
        return k > 0
    if base and k > 0:
        # a base form is finite after a subject: a pronoun, a plural noun, a name, or
        # (British agreement) a collective noun: "her party want", "the club hope"
        return prev in _SUBJECT_PRONOUNS or prev.endswith("s") or words[k - 1][:1].isupper() \
            or (COLLECTIVE_AGREEMENT and prev in _COLLECTIVE)
    return False


def _has_finite(words: list[str]) -> bool:
    return any(is_finite(words, k) for k in range(len(words)))


def fragment_reason(text: str) -> str | None:
    """None when `text` reads as a full clause; otherwise why it is a fragment."""
    words = _WORD.findall(text)
    if not words:
        return "no words"
    main = _WORD.findall(_RELATIVE.sub(" , ", text))
    if not _has_finite(main) and not _attribution(text):
        if _has_finite(words):
            return "the only verb is in a relative clause: the bullet is not a full clause"
        return "no finite verb: the bullet is not a full clause"
    # a complement or adverbial clause must carry its own verb:
    # "... said on Monday that the dredging project."
    for k, w in enumerate(words):
        lw = w.lower()
        opens = (lw == "that" and k > 0 and k + 1 < len(words)
                 and (words[k + 1].lower() in _CLAUSE_START or words[k + 1][:1].isupper())) \
            or (lw in _SUBORDINATORS and k + 1 < len(words) and words[k + 1].lower() != "of")
        if not opens:
            continue
        rest = words[k + 1 :]
        # the clause runs to the end of the bullet or the next comma-free subordinator
        if not _has_finite(["_"] + rest):
            tail = " ".join(rest)
            return f"the clause '{w} {tail}' has no finite verb"
    return None


__all__ = ["fragment_reason"]
