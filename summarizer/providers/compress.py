"""Sentence compression for the extractive engine: shorter, still true, never a fragment.

Each rule deletes material whose removal cannot make the remaining claim false:
datelines, parentheticals and dash asides, speech attributions ("utility officials
said"), leading concessive or temporal clauses, and trailing participial, relative or
subordinate clauses. If a sentence is still too long it is cut at a clause boundary
(never inside a list, a quotation or a number with its unit), or split so that a
later main clause stands alone; if neither gives a whole clause, the sentence is not
used. Every result passes `fragment_reason` (a finite verb in the main clause and in
every clause it opens), so a bullet is never a bare noun phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from summarizer.ingest.furniture import DATELINE as _INGEST_DATELINE
from summarizer.text import word_count
from summarizer.validate.fragment import fragment_reason as validator_fragment_reason

MAX_WORDS = 25
TARGET_WORDS = 25
MIN_WORDS = 6
# The shortest head a cut at a weak boundary (before "after", "in", "by <doing>" ...) may leave;
# the lede, whose main fact is worth a short bullet, may go down to LEDE_HEAD_MIN.
WEAK_HEAD_MIN = 10
LEDE_HEAD_MIN = MIN_WORDS + 1

_CNN_PREFIX = re.compile(r"^\(CNN\)\s*|^By \. [^.]{3,60}\. (?:PUBLISHED|UPDATED)?|^Scroll down for videos?\s+")
# "SEATTLE, Jan 14 (Wire) - ", "KYIV — ", "LONDON (Reuters) - ": a place in capitals,
# an optional date, an optional agency, a dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s+\d{1,2}(?:,\s*\d{4})?|\s[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\([A-Za-z. ]{1,30}\))?\s*[—–-]{1,2}\s+(?=\S)"
)
_PAREN = re.compile(r"\s*\([^()]{0,120}\)")
_DASH_ASIDE = re.compile(r"\s+[—–]\s+[^—–]{1,120}?\s+[—–](?=\s)")
_DASH_TAIL = re.compile(r"\s+(?:[—–]|-{1,2})\s+[^—–]+$")
_SAY = (r"(?:said|says|told [A-Z]?\w+|announced|added|stated|claimed|noted|explained|wrote|reported|"
        r"revealed|warned|confirmed|insisted|admitted|believes?|thinks?)")
_SAY_TAIL = r"(?:said|says|say|told reporters|reported|claimed|revealed|added|announced|confirmed|warned)"
_TIME = r"(?:\s+(?:on|in|at|last|this)\s+[A-Z]?\w+(?:\s+(?:night|morning|afternoon|evening))?)?"
# "Police said on Monday that ...", "The port authority said on Monday that ...":
# a subject of at most eight words, a speech verb, an optional time, "that".
_LEAD_ATTRIBUTION = re.compile(
    r"^(?P<subject>[A-Z][\w.'’-]*\s(?:[\w.'’-]+\s){0,7}?)(?:has |have |had )?" + _SAY + _TIME + r"(?:\s+that)?\s+(?=[A-Za-z])"
)
_TRAIL_ATTRIBUTION = re.compile(
    r",\s+(?:(?:said|says|added|told reporters)\s+(?:the\s+)?(?:[\w.'’-]+\s?){1,6}(?:,[^,]{1,60})?"
    r"|(?:the\s+|a\s+)?(?:[\w.'’-]+\s){0,5}" + _SAY_TAIL + _TIME +
    r"|according to [^,]{1,80}|it (?:has been|was|is) (?:claimed|reported|revealed|said|alleged|understood))\s*$"
)
_PRONOUN_START = re.compile(r"^(?i:He|She|They|It|This|That|These|Those|We|I|You|His|Her|Their|Its|Them|Him)\b")
_LEAD_CLAUSE = re.compile(
    r"^(?:Despite|Although|Though|While|Whilst|After|Before|Underlining|Amid|As|Following|With|Speaking|"
    r"In addition|However|Meanwhile|But|And|Still|Yet|Now|Earlier|Later|Separately|Last \w+|This \w+|"
    r"On \w+day|In a statement|In an interview)\b[^,]{0,100},\s+(?=[A-Z]|the\b|a\b)"
)
_ING_NOUNS = "morning|evening|building|wedding|meeting|spring|king|thing|ceiling|during|bring|string|sibling|ring"
_ING_NOUN_SET = frozenset(_ING_NOUNS.split("|")) | {"evening", "morning", "thing", "something", "nothing",
                                                 "anything", "everything", "building", "wedding", "meeting"}
_DANGLING_END = re.compile(r"\b(?:and|but|or)\s+(?:so far|now|then|yet|still|later|also|even|as well"
                           r"|(?:at|in|on|with|for|from|by|to|after|before|during)\b[^,;]*)$", re.I)
_TRAIL_CLAUSE = re.compile(
    r",\s+(?:which|who|whose|adding|including|as well as|while|although|though|whereas|"
    r"despite|amid|after|before|but|as|where|when|with|(?!(?:" + _ING_NOUNS + r")\b)[a-z]+ing)\b.*$"
)
# "Sterling, the England international who ..., said" -> "Sterling said": an
# appositive between commas straight after a capitalised subject.
_APPOSITIVE = re.compile(
    r"^(?P<keep>(?:[A-Z][\w.'’-]*\s?){1,4}),\s+(?:the|a|an|who|which|whose|aged|\d{1,3}|now|once|formerly)\b[^,]{2,130},\s+"
    r"(?=(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|did|does|\w+ed|\w+s)\b)"
)
# "Ada Marsh, whose career ... acclaim and whose shows ran on TV, on the
# radio and on stage, has died": a second relative clause joined by "and" describes
# the subject further; it runs to the comma before the main verb.
_COORD_RELATIVE = re.compile(
    r"\s+and\s+(?:who|whose|which)\b[^;:—–\"“”]*?(?=,\s+(?:has|have|had|is|are|was|were|will|would|can|could|"
    r"may|might|must|should|did|does)\b)"
)
# "Five climbers, some of whom study at Leeds University, were ...": a
# quantified relative clause between commas describes the subject.
_QUANTIFIED_RELATIVE = re.compile(r",\s+(?:some|many|most|all|both|one|none|several|two|three|four|five)\s+of\s+"
                                  r"(?:whom|which)\b[^,;:\"“”]{2,120},(?=\s)")
# Emphasis that adds no fact: "inspired by none other than Hillary Clinton".
_FILLER = re.compile(r"(?<=\s)none other than\s+(?=\S)")
# Clause boundaries a head may end at: a semicolon or dash, before "but", or a comma
# that does not open a condition ("..., unless ...").
_BOUNDARY = re.compile(
    r";\s+|\s+[—–-]{1,2}\s+|\s+(?=but\s)|,\s+(?!(?:unless|if|except|only|not|or|nor|than)\b)"
)
# Second choice, where no punctuation boundary fits: before a word that opens an
# adjunct or a relative clause. Dropping such a tail keeps a positive claim true
# ("paid tribute to the players whose efforts ..." -> "paid tribute to the players").
_WEAK_BOUNDARY = re.compile(
    r"\s+(?=(?:after|before|since|following|because|while|as part of|whose|which|who|when|where|"
    r"despite|amid|including|in conjunction with|according to|based on|as (?:the|a|an|he|she|they|it|his|her|their)|"
    r"at|on|in|for|during|over|until)\s|by \w+ing\s)"
)
# Tails that may go even after a negation: they add circumstance, not the scope of "not".
_VAGUE_HEAD_END = re.compile(r"\b(?:people|those|one|anyone|someone|everyone|number of \w+|one of \w+|"
                             r"the \w+|a \w+|an \w+|any \w+|some \w+)$", re.I)
_NEGATION_SAFE_TAIL = re.compile(r"(?:following|amid|as part of|based on|according to|whose|including)\s")
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|without|n't|deny|denied|denies|refused?)\b", re.I)

# -- finite verbs and fragments ---------------------------------------------------------

_AUX = ("is are was were am has have had will would can could may might must should shall does do did "
        "isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't doesn't don't didn't "
        "shouldn't cannot 's 're 've 'll 'd").split()
_IRREGULAR_PAST = (
    "said made took gave went came won lost met told left found got held kept led paid saw sent set spent stood "
    "began became broke brought built bought caught chose drew drove fell felt fought flew grew heard hit knew "
    "meant ran rose sold shot spoke struck taught thought threw wrote cut put hurt let quit shut spread swept "
    "sank sang slid split stole stuck swore swam tore woke wore wept withdrew overtook understood upheld "
    "forgot forgave froze hid hung laid lay lit rode rang sat slept sought bore beat bit bled bled bent bound "
    "dealt dug fed fled forbade ground read shook shone sprang stung stank strove swung wound"
).split()
# Present-tense verbs common in news, to tell "the council plans" from "the plans".
_PRESENT = (
    "says plans faces wants remains remain expects believes thinks hopes claims insists warns admits reveals "
    "shows suggests appears seems looks needs knows gets makes takes gives comes goes keeps leads means "
    "stands holds runs sees tells continues includes becomes lives works calls plays costs refers enjoy enjoys "
    "face want expect believe think hope claim insist warn admit reveal show suggest appear seem look need know "
    "get make take give come go keep lead mean stand hold run see tell continue include become live work call "
    "play cost refer says owns own lives loves love hates hate likes like helps help tries try uses use"
).split()
_IRREGULAR_PAST_SET = frozenset(_IRREGULAR_PAST)
_PRESENT_SET = frozenset(_PRESENT)
_FINITE_WORDS = frozenset(_AUX) | _IRREGULAR_PAST_SET | _PRESENT_SET
_PRONOUN_SUBJECTS = frozenset("i you he she it we they who which that".split())
_PERSONAL_SUBJECTS = frozenset("i you he she it we they".split())
_ED_NOT_VERB = frozenset("red bed need feed seed speed hundred bred shed sled weed deed indeed united "
                         "naked wicked sacred rugged ragged wretched beloved".split())
_WORD = re.compile(r"[A-Za-z’']+(?:-[A-Za-z’']+)*|\d+(?:[.,/-]\d+)*%?|[^\sA-Za-z\d]")
# Words that open a clause and so promise a finite verb of their own before the next
# comma, semicolon or dash. "that" only counts after a verb or a noun (not "at that time").
_OPENERS = frozenset("who which whose whom where because although though whereas unless whether if when".split())
_END_FUNCTION = frozenset(
    "a an the and or but nor of to in on at by for from with as that which who whose whom than "
    "is are was were be been being has have had will would can could may might must should "
    "his her their its our my your this these those very so if because while when where into onto "
    "about over under after before since until between through during against without within just only even "
    "also still very rather quite".split()
)
_BE_FORMS = frozenset("be been being is are was were".split())
_CAPTION_PARTICIPLES = frozenset("pictured seen shown dubbed known nicknamed called named aged born based "
                                 "left right above below".split())
_MODALS = frozenset("will would can could may might must should shall".split())
_PREPOSITIONS = frozenset("at in on of for from with by to about after before since during over under "
                          "like than into onto upon".split())
_ADVERBS = frozenset("never not also been be being still already just only ever even now then once".split())
_LEADING_CONJ = frozenset("after before when while whilst if although though because since until unless as "
                          "once whether".split())
_AFTER_THAT_NOT_CLAUSE = frozenset("time day year week month night morning point case period moment one same "
                                   "way season game match kind sort".split())
_DETERMINERS = frozenset("a an the his her their its our my your this these those some any every no".split())


@lru_cache(maxsize=50_000)
def _third_person_verb(word: str) -> bool:
    """Whether lemminflect's lexicon knows `word` as a 3rd-person present verb form."""
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        if word in getAllInflections(lemma, upos="VERB").get("VBZ", ()):
            return True
    return False


_NOT_SUBJECT_END = _DETERMINERS | _PREPOSITIONS | frozenset(
    "and or but nor very most more so too a an the as than not never to".split())


def _is_finite(word: str, prev: str) -> bool:
    """Whether `word` reads as a finite verb after `prev` (a heuristic, no tagger).

    Auxiliaries always; past forms unless a determiner precedes ("the injured
    striker"); present forms only after something that can end a subject, so "a mean
    girl", "champagne and sports cars" or "in poverty" hold no verb.
    """
    w = word.lower().replace("’", "'").strip("'‘\"“”")
    p = prev.lower().replace("’", "'").strip("'‘\"“”")
    if w in _AUX:
        return True
    after_subject = p not in _NOT_SUBJECT_END and not p[:1].isdigit()
    if w in _IRREGULAR_PAST_SET or len(w) > 3 and w.endswith("ed") and w not in _ED_NOT_VERB:
        # "the injured striker", "in cloistered colleges", "and cloistered colleges"
        return p not in _DETERMINERS | _PREPOSITIONS | {"and", "or"}
    if w in _PRESENT_SET:
        if w.endswith("s"):
            return after_subject
        # a base form ("like", "need") is a verb only after a pronoun or a plural subject
        return (p in _PRONOUN_SUBJECTS or p == "people" or after_subject and (p.endswith("s") and len(p) > 3
                                                                          or prev[:1].isupper()))
    if w.endswith("s") and len(w) > 3 and after_subject and _third_person_verb(w):
        return True  # "a trend that strikes", "the clinic promises"
    # "she models", "it refers": a word straight after a subject pronoun is its verb
    return p in _PRONOUN_SUBJECTS - {"that", "which", "who"} and w.isalpha() and len(w) > 1


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def has_finite_verb(text: str) -> bool:
    """Whether `text` holds a word that looks like a finite verb (heuristic, no tagger)."""
    words = _words(text)
    return any(_is_finite(w, words[i - 1] if i else "") for i, w in enumerate(words))


def _segments(words: list[str]) -> list[list[str]]:
    """Word runs between commas, semicolons, colons and dashes outside quotations."""
    out: list[list[str]] = [[]]
    quoted = False
    for w in words:
        if w in {",", ";", ":", "—", "–", "-"} and not quoted:
            out.append([])
            continue
        if w in {'"', "“", "”"}:
            quoted = w != "”" and not quoted
            continue
        if w[:1] in "'‘" and len(w) > 1:
            quoted = True
        if w[-1:] in "'’" and len(w) > 1 and not w.lower().endswith(("s'", "s’")) or w[-1:] == "’" and quoted:
            quoted = False
        out[-1].append(w)
    return [s for s in out if s]


def _has_strong_verb(text: str) -> bool:
    """A finite verb that is not a bare present form ("budgets" is no verb here)."""
    words = _words(text)
    for k, w in enumerate(words):
        lw, prev = w.lower(), (words[k - 1].lower() if k else "")
        if lw in _AUX or lw in _IRREGULAR_PAST_SET or prev in _PERSONAL_SUBJECTS:
            return True
        if len(lw) > 3 and lw.endswith("ed") and _is_finite(w, prev):
            return True
    return False


def _chained(seg: list[str], i: int) -> bool:
    """Whether seg[i] continues the verb chain just before it, adverbs aside
    ("could very well have", "had just passed", "was later charged")."""
    j = i - 1
    while j >= 0 and (seg[j].lower() in _ADVERBS | {"well", "very", "later", "since", "reportedly", "allegedly"}
                      or seg[j].lower().endswith("ly") and len(seg[j]) > 4):
        j -= 1
    return j >= 0 and _is_finite(seg[j], seg[j - 1] if j else "")


def local_fragment_reason(text: str) -> str | None:
    """Why `text` is not a whole clause, or None: the engine's own finite-verb test.

    The main clause (what is left once relative and subordinate clauses are set
    aside) needs a finite verb, every clause opener ("that", "which", "who",
    "because") needs one after it, and the text may not end on a function word or
    leave a quotation or bracket open.
    """
    body = text.strip().rstrip(".!?…\"”’' ")
    words = _words(body)
    if not words:
        return "empty"
    if words[-1].lower() in _END_FUNCTION:
        return f"ends on '{words[-1]}'"
    if not _balanced(text.strip()):
        return "an open quotation or bracket"
    first = words[0].lower().replace("’", "'")
    if first in _AUX:
        return f"no subject before '{words[0]}'"
    main_finite = False
    after_relative = False  # the previous segment was a ", which ...," insertion
    # "After he moved to Madrid, ...", "When asked ...": a sentence that opens with a
    # subordinating conjunction spends its first verb on that clause; the main verb
    # comes later ("... he has had the best year of his career").
    lead = "open" if words[0].lower() in _LEADING_CONJ else None
    skip_next = False
    segments = _segments(words)
    for n_seg, seg in enumerate(segments):
        open_at = None  # index of an opener still waiting for its verb
        in_sub = False  # the rest of the segment after an opener is its clause
        closed = False  # an opener in this segment has had its verb
        for i, w in enumerate(seg):
            lw = w.lower()
            prev = seg[i - 1] if i else ""
            nxt = seg[i + 1].lower() if i + 1 < len(seg) else ""
            if (n_seg, i) == (0, 0) and lead:
                if nxt.endswith(("ing", "ed")):
                    lead = None  # "After returning ...", "When asked ...": no clause, no verb of its own
                    skip_next = True
                continue
            if skip_next:
                skip_next = False
                continue
            if lw in {"when", "if", "while", "once"} and (nxt.endswith(("ing", "ed")) or nxt in {"possible", "necessary"}):
                continue  # "when making contact", "if needed": no clause of its own
            if lw in _OPENERS or (lw == "that" and i > 0 and i + 1 < len(seg)
                                  and seg[i + 1].lower() not in _AFTER_THAT_NOT_CLAUSE
                                  and prev.lower() not in _PREPOSITIONS):
                if open_at is not None:
                    return f"no verb after '{seg[open_at]}'"
                open_at, in_sub, closed = i, True, False
                continue
            if i == 0 and n_seg > 0 and not after_relative and (lw in _CAPTION_PARTICIPLES or main_finite):
                continue  # ", pictured campaigning": a participle after a comma
            if i == 0 and after_relative and not _is_finite(w, prev) and getAllLemmas(lw, upos="VERB"):
                main_finite = main_finite or not in_sub  # "Mirreyes, which ..., post pictures"
                continue
            if not _is_finite(w, prev):
                continue
            if (i >= 2 and prev.lower() in _PERSONAL_SUBJECTS and seg[i - 2].lower() not in _OPENERS | {"that"}
                    and seg[i - 2][:1].islower() and not _is_finite(seg[i - 2], seg[i - 3] if i > 2 else "")
                    and (not nxt or nxt in _PREPOSITIONS or not nxt[:1].isalnum())):
                continue  # "the hairstyle she models": a relative clause inside a noun phrase
            if open_at is not None:
                open_at, closed = None, True
            elif lead == "open":
                lead = "closed"  # the opening clause's own verb
            elif lead == "closed" and not in_sub and _chained(seg, i):
                continue  # "could very well have been": still the opening clause's verb chain
            elif not in_sub:
                main_finite = True
            elif closed and (lw in _MODALS or not _chained(seg, i) and prev.lower() not in {"and", "or", "but"}):
                # "Savers who have never moved house can expect": after the relative
                # clause's own verb, a verb that does not continue its chain is the main one
                main_finite = True
        if open_at is not None:
            return f"no verb after '{seg[open_at]}'"
        if n_seg == 0 and lead == "open" and not (n_seg + 1 < len(segments) and segments[1][0].lower() in _OPENERS):
            lead = None  # "After the match, ...": the opening word was a preposition
        after_relative = seg[0].lower() in _OPENERS
    if not main_finite:
        return "no finite verb in the main clause"
    return None


def fragment_reason(text: str) -> str | None:
    """None if `text` is a whole clause a bullet may be; else why not.

    The validator's `fragment` check (the one editors see) first, then the engine's
    stricter own test, which also tracks which clause a verb belongs to.
    """
    return validator_fragment_reason(text) or local_fragment_reason(text)


# -- compression ------------------------------------------------------------------------

_UNIT_AFTER_NUMBER = re.compile(
    r"^(?:million|billion|trillion|thousand|hundred|per\s?cent|percent|%|miles?|km|kilometres?|kilometers?|"
    r"metres?|meters?|feet|ft|inches|pounds?|kg|tons?|tonnes?|years?|months?|weeks?|days?|hours?|minutes?|"
    r"seconds?|mph|degrees?|points?|goals?|people|homes?|dollars?|euros?)\b",
    re.I,
)
_NUMBER_END = re.compile(r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?)$",
                         re.I)
_LIST_TAIL = re.compile(r"^(?:[^,]{1,40},\s+)*[^,]{1,40}\s+(?:and|or)\s+\S+")


# "the plan, | which costs millions a year, is dead": the relative clause closes and
# the sentence's own verb follows; a cut before the clause would drop that verb and
# turn "said the plan is dead" into "said the plan".
_MATRIX_RESUMES = re.compile(
    r"^,?\s*(?:which|who|whom|whose|that|where|when)\b[^;:—–]*?,\s+"
    r"(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do)\b",
    re.I,
)


def _safe_cut(text: str, start: int, end: int) -> bool:
    """Whether cutting `text` at text[start:end] leaves no list, quote or number split,
    and drops no verb of the main clause."""
    head, tail = text[:start], text[end:]
    if not _balanced(head):
        return False
    if _MATRIX_RESUMES.match(text[start:]):
        return False
    if _NUMBER_END.search(head.rstrip()) and _UNIT_AFTER_NUMBER.match(tail):
        return False
    if tail[:1] in "'\"‘“":
        return False  # "told the crowd the popstar | 'should be ashamed'": the quote is the object
    if text[start:end].strip() == ",":
        head_segment = head.rsplit(",", 1)[-1]
        if len(head_segment.split()) <= 4 and _LIST_TAIL.match(tail):
            return False  # "Kyiv, | Kherson and Odesa"
        # "portions of Main Street, | Elm Avenue and Harbor Boulevard": the tail opens
        # with the list's next items, short and verbless, joined by "and"/"or".
        m = re.match(r"^([^,;]{1,60}?)\s+(?:and|or)\s", tail)
        if m and len(m.group(1).split()) <= 5 and not has_finite_verb(m.group(1)):
            return False
    return True


def finish(text: str) -> str:
    """Tidy whitespace and edge punctuation, capitalise, end with one full stop."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-")
    text = _END_PUNCT.sub("", text).rstrip(",;: ")
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text + "."


# a pronoun that, after "X said that ...", may point back to X
_BACK_REFERENCE = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself|they|them|their|themselves)\b", re.I)


# Words that make reported speech a demand or a view rather than a fact: "Peskov
# said Ukraine must withdraw" without "Peskov said" reads as the paper's own demand.
# (A forecast keeps its hedge in its modal, "the project would cost", so it may go.)
_STANCE = re.compile(r"\b(?:must|should|ought to|needs? to|ha(?:s|ve) to|wants?|hopes?|believes?|thinks?|"
                     r"fears?|demands?|insists?)\b")


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*\s*$")


def _name_for_pronoun(subject: str, reported: str) -> str | None:
    """The reported clause with its one "he"/"she" replaced by the speaker's name, or None.

    Only when the speaker is a name of two or more capitalised words ("Actress Julia
    Louis-Dreyfus": a leading common noun such as "Actress" is a role, not part of the
    name) and the clause points back at them exactly once, with a subject pronoun, so
    "the hairstyle she models" becomes "the hairstyle Julia Louis-Dreyfus models".
    """
    m = _CAPITALISED_RUN.search(subject.strip())
    if m is None or m.start() != 0:
        return None  # "The port authority", "Police in Kent": not a bare name
    words = m.group(0).split()
    if len(words) >= 3 and "NOUN" in getAllLemmas(words[0].lower()):
        words = words[1:]
    if len(words) < 2:
        return None
    refs = _BACK_REFERENCE.findall(reported)
    if len(refs) != 1 or refs[0] not in {"he", "she"}:
        return None
    return re.sub(r"\b(?:he|she)\b", " ".join(words), reported, count=1)


def _apply(rule: re.Pattern[str], text: str, repl: str = "") -> str:
    m = rule.search(text)
    if m is None:
        return text
    if rule is _LEAD_ATTRIBUTION or rule is _TRAIL_ATTRIBUTION:
        reported = text[m.end():] if rule is _LEAD_ATTRIBUTION else text[: m.start()]
        if _STANCE.search(reported):
            return text  # a demand or a view is only true as someone's words: the speaker stays
    if "subject" in m.groupdict() and has_finite_verb(m.group("subject")):
        return text  # "Gary Locke will be confirmed as ...": not an attribution
    if "subject" in m.groupdict() and _BACK_REFERENCE.search(text[m.end():]):
        # "Julia Louis-Dreyfus has revealed that the hairstyle she models ...": "she" is
        # the speaker; the attribution goes only if her name can take the pronoun's place
        resolved = _name_for_pronoun(m.group("subject"), text[m.end():])
        if resolved is None:
            return text
        candidate = resolved
        if word_count(candidate) < MIN_WORDS or local_fragment_reason(candidate):
            return text
        return candidate
    removed = m.group(0)[len(m.group("keep")):] if "keep" in m.groupdict() else m.group(0)
    if not _balanced(removed):
        return text  # the span reaches into a quotation or bracket
    if rule is _TRAIL_CLAUSE and _MATRIX_RESUMES.match(removed):
        return text  # "..., which costs millions, is dead": the tail holds the main verb
    if "keep" in m.groupdict():
        repl = m.group("keep").rstrip() + " "
    candidate = text[: m.start()] + repl + text[m.end():]
    if word_count(candidate) < MIN_WORDS or local_fragment_reason(candidate):
        return text
    return candidate


_SPEECH_COLON = re.compile(r"\b(?:said|says|added|adds|told \w+|explained|continued|wrote|admitted|insisted)\s*:\s*['\"‘“]")
_AGE = re.compile(r",\s+\d{1,3},(?=\s)")
# Only hedges that report a fact go; "It is alleged/claimed/thought/feared that X"
# stays, since without it an allegation or a fear would read as fact.
_HEDGE_PREFIX = re.compile(r"^It (?:is|was|has been|had been) (?:understood|reported|known)(?: that)?\s+(?=\S)")
# "This is the moment a woman ran over her husband ...": a picture desk's frame
# around the news; the clause after it is the claim.
_MOMENT_FRAME = re.compile(r"^(?:This|These) (?:is|was|are|were) the (?:[a-z-]+\s+){0,2}moments?\s+(?:that\s+|when\s+)?"
                           r"(?=(?:a|an|the|[A-Z])\S*\s)")
_DISCOURSE = re.compile(r"^(?:But|And|However|Meanwhile|Still|Yet|Now|So|Also|Instead|Indeed|Then),?\s+(?=\S)")
_END_PUNCT = re.compile(r"[.!?…]+(?=[\"”’']?\s*$)")

# Deletions, mildest first; each runs only while the sentence is longer than the
# target, so a bullet keeps as much of its sentence as fits.
_SUBJECT_RELATIVE = "subject relative"  # a rule done by drop_subject_relative, not a regex
_WHEN_LONG: list = [
    _FILLER,
    _TRAIL_ATTRIBUTION,
    _DASH_ASIDE,
    _LEAD_CLAUSE,
    _LEAD_ATTRIBUTION,
    _APPOSITIVE,
    _QUANTIFIED_RELATIVE,
    _COORD_RELATIVE,
    _SUBJECT_RELATIVE,
    _DASH_TAIL,
    _TRAIL_CLAUSE,
]


_WORD_SPANS = re.compile(r"[A-Za-z’']+(?:-[A-Za-z’']+)*|\d+(?:[.,/-]\d+)*%?")


def drop_subject_relative(text: str) -> str:
    """"A merry widow who loves to party admits ..." -> "A merry widow admits ...".

    A relative clause between the subject and its verb describes the subject; the
    claim stays true without it. Found without a parser: the opener's first finite
    verb is the relative clause's own, the next one that does not continue it is the
    main verb. Returns `text` unchanged when that structure is not there.
    """
    words = [(m.group(0), m.start()) for m in _WORD_SPANS.finditer(text)]
    for k, (w, _) in enumerate(words[:10]):
        if w.lower() in {"who", "which", "that"} and k >= 2:
            break
        if _is_finite(w, words[k - 1][0] if k else "") or "," in text[: words[k][1]]:
            return text  # a verb or a comma before any opener: not a bare subject
    else:
        return text
    rel_verb = None
    for j in range(k + 1, len(words)):
        w, prev = words[j][0], words[j - 1][0]
        if not _is_finite(w, prev):
            continue
        if rel_verb is None:
            rel_verb = j
        elif w.lower() in _MODALS or (not _is_finite(prev, words[j - 2][0])
                                      and prev.lower() not in _ADVERBS | {"and", "or", "but", "to"}):
            start, end = words[k][1], words[j][1]
            if any(c in text[start:end] for c in ",;:—–\"“”()"):
                return text  # the clause runs past punctuation: too complex to drop safely
            return text[:start] + text[end:]
    return text


def clean(sentence: str) -> str:
    """The sentence without wire furniture: "(CNN)", a dateline, an opening "But"."""
    text = sentence.strip()
    text = _CNN_PREFIX.sub("", text)
    text = _DATELINE.sub("", text)
    text = _INGEST_DATELINE.sub("", text)
    text = _DISCOURSE.sub("", text)
    # "It is understood a watchdog is ...": the hedge is an attribution without a source
    text = _MOMENT_FRAME.sub("", text)
    return _HEDGE_PREFIX.sub("", text)


def is_news(sentence: str) -> bool:
    """A sentence that states something: not a quotation, a question or a teaser."""
    text = clean(sentence)
    if not text or text[:1] in "\"“'‘" or text.rstrip().endswith(("?", "?\"", "?”", "!")):
        return False
    if _PRONOUN_START.match(text) or word_count(text) < MIN_WORDS:
        return False
    return has_finite_verb(text)


# A photo caption glued to the next sentence without a full stop ("... than a neighbour
# The price of fuel can ..."): a lower-case word, then "The"/"A"/"An" and a
# lower-case word, with no preposition or article before the capital.
_GLUED = re.compile(r"(?<=[a-z0-9%’'])\s+(?=(?:The|A|An)\s+[a-z])")
_NOT_BEFORE_GLUE = frozenset("in of on at to by for from with and or the a an as is was into than that".split())


def unglue(sentence: str) -> list[str]:
    """The sentences a caption-glued sentence is made of (itself if none is glued)."""
    parts, start = [], 0
    for m in _GLUED.finditer(sentence):
        before = sentence[: m.start()].rsplit(None, 1)[-1].lower()
        if before in _NOT_BEFORE_GLUE:
            continue
        parts.append(sentence[start:m.start()])
        start = m.end()
    parts.append(sentence[start:])
    if len(parts) > 1 and all(word_count(p) >= MIN_WORDS for p in parts):
        return [p.strip() for p in parts]
    return [sentence]


@lru_cache(maxsize=16_384)  # pure; the engine and its tuning ask for the same sentences
def compress(sentence: str, max_words: int = MAX_WORDS, target: int = TARGET_WORDS,
             min_head: int = WEAK_HEAD_MIN) -> str | None:
    """A whole-clause bullet of at most `max_words` words drawn from `sentence`, or None.

    A sentence that is really a photo caption glued to the next one is taken part
    by part: the first part that compresses to a whole clause is the bullet.
    """
    for part in unglue(sentence):
        bullet = _compress_one(part, max_words, target, min_head=min_head)
        if bullet is not None:
            return bullet
    return None


RULE_NAMES = {id(_FILLER): "emphasis", id(_TRAIL_ATTRIBUTION): "trailing attribution", id(_DASH_ASIDE): "dash aside",
              id(_LEAD_CLAUSE): "leading clause", id(_LEAD_ATTRIBUTION): "leading attribution",
              id(_APPOSITIVE): "appositive", id(_QUANTIFIED_RELATIVE): "quantified relative", id(_COORD_RELATIVE): "second relative clause",
              id(_DASH_TAIL): "dash tail", id(_TRAIL_CLAUSE): "trailing clause"}


def compression_steps(sentence: str, max_words: int = MAX_WORDS,
                      target: int = TARGET_WORDS) -> tuple[str | None, list[tuple[str, str, str]]]:
    """`compress` of one (unglued) sentence with its trace: (bullet, [(step, before, after)]).

    For bench/compression_loss.py, which measures how much of what each step deletes
    the reference highlights contain; the engine itself calls `compress`.
    """
    steps: list[tuple[str, str, str]] = []
    return _compress_one(sentence, max_words, target, steps), steps


def _compress_one(sentence: str, max_words: int, target: int,
                  steps: list[tuple[str, str, str]] | None = None, min_head: int = 10) -> str | None:
    """A whole-clause bullet of at most `max_words` words drawn from `sentence`, or None.

    Deletion rules run, mildest first, while the text is longer than `target`
    words; above `max_words` a clause-boundary cut, then a split that keeps a later
    main clause, is the last resort. `steps`, when given, receives each change.
    """
    def step(name: str, before: str, after: str) -> None:
        if steps is not None and before != after:
            steps.append((name, before, after))

    text = sentence.strip()
    if text[:1] in "\"“'‘":
        return None  # a bare quotation is a voice, not a takeaway
    step("furniture", text, text := clean(text))
    if _PRONOUN_START.match(text):
        return None  # leans on the sentence before it; unreadable alone
    if text.rstrip().endswith(("?", "?\"", "?”")):
        return None  # a question is not a takeaway
    if _SPEECH_COLON.search(text):
        return None  # "Rodgers said: '...'": a voice, not a takeaway
    text = _END_PUNCT.sub("", text).strip()
    while (shorter := _apply(_PAREN, text)) != text:
        step("parenthesis", text, shorter)
        text = shorter
    for rule in _WHEN_LONG:
        if word_count(text) <= target:
            break
        if rule is _SUBJECT_RELATIVE:
            shorter = drop_subject_relative(text)
            if word_count(shorter) < MIN_WORDS or local_fragment_reason(shorter):
                shorter = text
        else:
            shorter = _apply(rule, text)
        if rule is _LEAD_ATTRIBUTION and _PRONOUN_START.match(shorter):
            continue  # "Zelenskyy said he ..." must keep its subject
        step("subject relative" if rule is _SUBJECT_RELATIVE else RULE_NAMES[id(rule)], text, shorter)
        text = shorter
    if word_count(text) > max_words:
        cut = _cut(text, max_words, min_head)
        name = "cut at a clause boundary"
        if cut is None:
            cut, name = _split(text, max_words), "later main clause"
        if cut is None:
            return None
        step(name, text, cut)
        text = cut
    text = finish(text)
    if _PRONOUN_START.match(text):
        return None  # a deletion bared a pronoun: "Instead, they ..."
    if fragment_reason(text) is not None:
        # "Pat Ingles, 69, remembers ...": an age between commas hides the verb from
        # the checks; without it the clause is plain.
        step("age", text, aged := _AGE.sub("", text, count=1))
        text = aged
    if word_count(text) < MIN_WORDS or fragment_reason(text) is not None:
        return None
    return text


def _complete(head: str) -> bool:
    """A head that can stand as a claim: a whole clause that does not end on a verb.

    Ending on a verb ("the hairstyle she models", "coaches they laid") means its
    object or particle was cut off.
    """
    if local_fragment_reason(head) is not None:
        return False
    words = _words(head.rstrip(" ,;:"))
    last = words[-1] if words else ""
    prev = words[-2] if len(words) > 1 else ""
    if prev.lower() in _BE_FORMS or last.lower() in {"died", "resigned", "retired", "collapsed"}:
        return True  # "have been released", "later died": nothing is missing
    lw = last.lower()
    dangling = _DANGLING_END.search(head.rstrip(" ,;:"))
    if dangling and _has_strong_verb(dangling.group(0)):
        dangling = None  # "... and in March he resigned": the coordinated clause has its verb
    if lw.endswith("ing") and lw not in _ING_NOUN_SET or dangling:
        return False  # "a league table looking", "a complex process and so far"
    ends_on_verb = (lw in _IRREGULAR_PAST or lw in _AUX or len(lw) > 4 and lw.endswith("ed")
                    or prev.lower() in _PRONOUN_SUBJECTS)
    return not ends_on_verb


def _cut(text: str, max_words: int, min_head: int = 10) -> str | None:
    """The longest head of `text` that ends at a safe clause boundary and fits."""
    best = None
    for m in _BOUNDARY.finditer(text):
        head = text[: m.start()]
        if (MIN_WORDS + 2 <= word_count(head) <= max_words and _safe_cut(text, m.start(), m.end())
                and _complete(head)):
            best = head
    if best is not None:
        return best
    for m in _WEAK_BOUNDARY.finditer(text):
        head = text[: m.start()]
        tail = text[m.end():]
        if not (min_head <= word_count(head) <= max_words and _safe_cut(text, m.start(), m.end()) and _complete(head)):
            continue
        if tail.startswith(("who ", "which ")) and _VAGUE_HEAD_END.search(head):
            continue  # "found the number of people | who ...": the clause is the point
        if _NEGATION.search(head) and not _NEGATION_SAFE_TAIL.match(tail):
            continue  # "did not approve the plan [at the meeting]" would overstate
        best = head
    return best


# "Although Hillary Clinton boasts 3.6 million followers, not even ...": a lede that
# opens with a clause whose content it takes as given (not "if", "unless", "before").
_OPENING_SUBORDINATE = re.compile(r"^(?:Although|Though|While|Whilst|When|After|Since|Because|Once|As)\s+"
                                  r"(?=[A-Z]|(?:the|a|an)\s)")
_NAME_APPOSITION = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,(?=\s+[a-z])")
_POINTS_BACK = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|it|its|this|that|these|those)\b", re.I)


def split_lede(sentence: str, max_words: int = MAX_WORDS, target: int = TARGET_WORDS) -> str | None:
    """A long lede that opens with a presupposed clause, split at the comma that ends it.

    "Although X, Y" asserts both X and Y. The main clause Y is the bullet when it reads
    alone (no pronoun pointing into X); otherwise X on its own, without its conjunction.
    Each part is compressed and guarded like any bullet; None when neither stands alone.
    """
    text = clean(sentence)
    m = _OPENING_SUBORDINATE.match(text)
    if m is None:
        return None
    for comma in re.finditer(r",\s+", text):
        opening, main = text[m.end():comma.start()], text[comma.end():]
        if fragment_reason(finish(opening)) is not None:
            continue  # the comma is inside the opening clause ("When X learned that his son, Wil, ...")
        if not _POINTS_BACK.search(main):
            bullet = compress(main[:1].upper() + main[1:], max_words, target)
            if bullet is not None:
                return bullet
        return compress(opening[:1].upper() + opening[1:], max_words, target)
    # no comma closes the opening clause: "When X heard that his son, Tom, had a rare
    # illness his 'heart was heavy ...'": it ends before the main clause's possessive
    for poss in re.finditer(r"\s+(?=(?:his|her|their)\s)", text):
        # a name in apposition ("his newborn son, Wil, had") hides the clause's verb from the guard
        opening = _NAME_APPOSITION.sub("", text[m.end():poss.start()])
        if word_count(opening) >= MIN_WORDS + 2 and _complete(opening) and fragment_reason(finish(opening)) is None:
            return compress(opening[:1].upper() + opening[1:], max_words, target)
    return None


_SPLIT_AT = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+(?:—|–|--)\s+")


def _split(text: str, max_words: int) -> str | None:
    """A later main clause that stands alone ("...; the council approved X"), or None."""
    for m in _SPLIT_AT.finditer(text):
        tail = text[m.end():].strip()
        if not tail or not tail[0].isupper() and not re.match(r"(?:the|a|an)\s", tail):
            continue
        if _PRONOUN_START.match(tail) or not _balanced(tail):
            continue
        if MIN_WORDS + 2 <= word_count(tail) <= max_words and _complete(tail):
            return tail
    return None


_OPEN_SINGLE = re.compile(r"(?:^|(?<=\s))['‘](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])['’](?=[\s.,;:!?]|$)")


def _balanced(text: str) -> bool:
    """Quotes and brackets open and close in pairs (a cut never splits a quotation)."""
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
        and len(_OPEN_SINGLE.findall(text)) <= len(_CLOSE_SINGLE.findall(text))
    )
