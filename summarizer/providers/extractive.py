"""The built-in offline engine: the lede first, then salient sentences, compressed.

Deterministic, no model (word lists and lemminflect's lexicon only). News states the
news first, so the first body sentence (`lede_index`: a bare source credit such as
"(The Hollywood Reporter)" is not body), when it is news (not a quotation, a question
or a teaser), is always the first bullet, compressed to a whole clause of at most 25
words. The other bullets are the best-scored remaining sentences: position,
centrality (how many of the article's frequent content words they carry), names and
numbers, and overlap with the headline. A sentence too similar to one already chosen
is passed over (MMR-style), and so is one that leans on context the reader does not
have: "He said ..." is resolved to the person the sentence before names (citing both
sentences) or passed over; a definite subject ("The driver was ...") needs its
antecedent on screen. Every bullet passes the fragment guard (`compress.fragment_reason`).

The weights were chosen by 5-fold cross-validation on the 75 dev articles
(bench/tune_engine.py: a grid search on four folds, scored on the fifth; the
shipped values are the same search run on all 75). See README "Providers"."""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.errors import InputError
from summarizer.models import Article, Draft, Takeaway, Usage
from summarizer.providers.compress import (LEDE_HEAD_MIN, MAX_WORDS, clean, compress, finish, fragment_reason, is_news,
                                          split_lede)
from summarizer.text import content_stems, stem, word_count


@dataclass(frozen=True)
class EngineParams:
    """The few numbers the engine's choices depend on (bench/tune_engine.py picks them).

    `target`: compression keeps deleting asides while a bullet is longer than this
    many words (never above MAX_WORDS). `w_centrality`, `w_names`, `w_headline`:
    weights of those scores beside position (weight 1); `w_names` favours sentences
    that name people, places and numbers (news facts) over general remarks.
    `w_headline` is not tuned (the dev articles carry no headline) and stays at a
    modest hand-set value. `redundancy`: the largest content overlap (Jaccard) a
    bullet may have with one already chosen.
    """

    target: int = 25
    w_centrality: float = 0.1
    w_names: float = 0.2
    w_headline: float = 0.5
    redundancy: float = 0.3


DEFAULT_PARAMS = EngineParams()


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# capitalised words and numbers: the first match is usually the sentence's first word
_NAMED = re.compile(r"\b(?:[A-Z][a-z][\w'’-]*|\d[\d,.]*)")


# A body that opens with its source's credit alone ("(The Hollywood Reporter)", "(EW.com)"):
# wire furniture the ingest kept, not the lede.
_BARE_CREDIT = re.compile(r"^\s*\([^()]{1,60}\)\s*[.:]?\s*$")


def lede_index(article: Article) -> int:
    """Index of the first body sentence: sentence 0, unless it is only a source credit
    in brackets, in which case the sentence after it (news puts its news first, and a
    credit line is not news)."""
    i = 0
    while i + 1 < len(article.sentences) and _BARE_CREDIT.match(article.sentence_text(i)):
        i += 1
    return i


def position_prior(i: int) -> float:
    """News states the news first: 1/sqrt(1 + i)."""
    return 1.0 / math.sqrt(1 + i)


def rank_sentences(article: Article, params: EngineParams = DEFAULT_PARAMS) -> list[tuple[float, int]]:
    """(score, sentence index) for every sentence after the lede, best first."""
    stems = [content_stems(article.sentence_text(s.index)) for s in article.sentences]
    freq = Counter(st for sent in stems for st in set(sent))
    n = max(len(stems), 1)
    title = set(content_stems(article.title))
    first = lede_index(article)
    scored = []
    for i, sent in enumerate(stems):
        uniq = set(sent)
        if i <= first or len(uniq) < 3:
            continue
        centrality = sum(math.log1p(freq[w]) for w in uniq if freq[w] > 1) / (len(uniq) ** 0.5 + 1)
        position = position_prior(i)
        headline = len(uniq & title) / (len(title) or 1)
        names = min(len(_NAMED.findall(article.sentence_text(i))[1:]), 4) / 4
        score = (position + params.w_centrality * centrality + params.w_names * names
                 + params.w_headline * headline)
        if i > 0.8 * n:
            score *= 0.8
        scored.append((score, i))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored


# "The driver was taken ...", "The 27-year-old has ...": a definite subject of up to three
# lower-case words, whose head noun the reader must already know.
_DEFINITE_SUBJECT = re.compile(r"^(?:The|This|That|These|Those|Such)\s+(?:[a-z][\w'’-]*\s+){0,2}?"
                               r"([a-z][\w-]+|\d+-year-old)\s+(?=[a-z])")
# people and bodies a story refers back to by role: "the driver" is the bus's driver
ROLE_NOUNS = frozenset("""
man woman men women boy girl boys girls child children baby toddler teenager youngster youngsters couple pair
family parents mother father son daughter wife husband brother sister victim victims suspect suspects driver
drivers passenger passengers pilot officer officers player players star actor actress singer student teacher
pupil patient doctor nurse worker workers company firm club team group side defendant accused gunman attacker
owner resident residents mother-of-two mother-of-three father-of-two father-of-three veteran
""".split())


def needs_context(article: Article, index: int, bullet: str, shown: Sequence[str],
                  shown_sources: Sequence[int] = ()) -> bool:
    """Whether `bullet` (from sentence `index`) refers back to something not on screen.

    After the first sentence, a definite subject that an earlier sentence introduced
    ("The couple"), or a role ("The driver", "The 27-year-old"), is anaphoric: it
    reads only if a bullet shown names it too, or if the bullet just above it in the
    same draft is the sentence it follows (`shown_sources`).
    """
    m = _DEFINITE_SUBJECT.match(bullet)
    if m is None or index <= lede_index(article):
        return False
    noun = m.group(1).lower()
    key = stem(noun)
    earlier = any(key in content_stems(article.sentence_text(j)) for j in range(index))
    if not (earlier or noun in ROLE_NOUNS or noun.endswith("-year-old")):
        return False  # first mention: "The council voted ..." introduces its subject
    if index - 1 in shown_sources:
        return False
    return not any(key in content_stems(s) for s in shown)


_HE_SHE = re.compile(r"^(?:(?:But|And|However|Now),?\s+)?(?:He|She)\s+(?=[a-z])")
_CAP = r"(?:Mc|Mac|O['’])?[A-Z][a-z][\w'’-]*"
_NAME_AT_START = re.compile(rf"^((?:{_CAP}\s+){{0,2}}{_CAP})(?:,\s+\d{{1,3}},)?\s+(?=[a-z])")
_PERSON_NAME = re.compile(rf"\b{_CAP}\s+{_CAP}\b")
_NOT_NAME = frozenset("The A An This That These Those It He She They We His Her Their Mr Mrs Ms Dr Sir But And "
                      "Both Now When After Before While If As Scroll Police Officials "
                      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def subject_name(sentence: str, before: str = "") -> str | None:
    """The person the sentence is about when it opens with their name ("Brendan
    Rodgers has ...", "Alshammari, 27, was ...") and names no other person; else None.
    A one-word name counts only as the surname of a full name in `before` (the text
    preceding the sentence): "Prosecutors" or "One" is not a person."""
    text = clean(sentence)
    m = _NAME_AT_START.match(text)
    if m is None:
        return None
    name = m.group(1)
    if set(name.replace("’", "'").split()) & _NOT_NAME or name.isupper():
        return None
    others = {n for n in _PERSON_NAME.findall(text[m.end():]) if not set(n.split()) & _NOT_NAME}
    if others:
        return None
    if " " not in name and not re.search(rf"\b{_CAP}\s+{re.escape(name)}\b", before):
        return None
    return name


def resolve_pronoun(article: Article, index: int) -> str | None:
    """Sentence `index` with its opening "He"/"She" replaced by the person the sentence
    before is about, or None when there is no such single, named antecedent."""
    text = clean(article.sentence_text(index))
    m = _HE_SHE.match(text)
    if m is None or index == 0:
        return None
    before = article.text[: article.sentences[index - 1].start]
    name = subject_name(article.sentence_text(index - 1), before)
    return None if name is None else name + " " + text[m.end():]


class ExtractiveProvider:
    """Offline, deterministic drafter; `model` names the algorithm version."""

    name = "extractive"
    model = "extractive-v3"  # v3: lede splits, never-empty fallback (issue #11); a new version redrafts in batch

    def __init__(self, params: EngineParams = DEFAULT_PARAMS) -> None:
        self.params = params

    def lede(self, article: Article) -> str | None:
        """The first body sentence as a bullet, if it is news and compresses whole."""
        if not article.sentences:
            return None
        first = article.sentence_text(lede_index(article))
        if not is_news(first):
            return None
        return (compress(first, MAX_WORDS, self.params.target)
                or split_lede(first, MAX_WORDS, self.params.target)
                or compress(first, MAX_WORDS, self.params.target, min_head=LEDE_HEAD_MIN))

    def fallback(self, article: Article) -> tuple[int, str] | None:
        """(index, bullet) of the first whole sentence the guards accept, for an article
        whose sentences all failed the stricter rules (too short, a pronoun opener, a
        definite subject without its antecedent): a draft is never silently empty.

        Only a whole sentence of at most MAX_WORDS words, not a quotation or a question,
        that passes the fragment guard; None when there is no such sentence.
        """
        for s in article.sentences:
            text = clean(article.sentence_text(s.index))
            if not text or text[:1] in "\"“'‘" or text.rstrip().endswith(("?", "?\"", "?”")):
                continue
            bullet = finish(text)
            if bullet and word_count(bullet) <= MAX_WORDS and fragment_reason(bullet) is None:
                return s.index, bullet
        return None

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        started = time.perf_counter()
        p = self.params
        excluded = [set(content_stems(t)) for t in exclude]
        banned = {" ".join(t.lower().split()) for t in exclude}
        chosen: list[tuple[int, str, set[str], list[int]]] = []

        def offer(i: int, bullet: str | None, sources: list[int]) -> None:
            if bullet is None or len(chosen) >= n or " ".join(bullet.lower().split()) in banned:
                return
            if fragment_reason(bullet) is not None:
                return  # a fragment is never output (compress already refuses them)
            bstems = set(content_stems(bullet))
            if any(_jaccard(bstems, o) > p.redundancy for o in [c[2] for c in chosen] + excluded):
                return
            if needs_context(article, i, bullet, [c[1] for c in chosen] + list(exclude),
                             [j for c in chosen for j in c[3]]):
                return
            chosen.append((i, bullet, bstems, sources))

        first = lede_index(article) if article.sentences else 0
        offer(first, self.lede(article), [first])
        for _, i in rank_sentences(article, p):
            if len(chosen) >= n:
                break
            resolved = resolve_pronoun(article, i)
            if resolved is not None:  # "He said ..." -> "Brendan Rodgers said ...", citing both
                offer(i, compress(resolved, MAX_WORDS, p.target), [i - 1, i])
            else:
                offer(i, compress(article.sentence_text(i), MAX_WORDS, p.target), [i])
        if not chosen and not exclude:
            fallback = self.fallback(article)
            if fallback is None:
                raise InputError("the offline engine found no sentence to offer as a bullet: none of at most "
                                 f"{MAX_WORDS} words reads as a full clause (a finite verb) on its own")
            chosen.append((fallback[0], fallback[1], set(), [fallback[0]]))
        chosen.sort(key=lambda c: c[0])
        return Draft(
            provider=self.name,
            model=self.model,
            params={"n": n, "max_words": MAX_WORDS, "target_words": p.target},
            usage=Usage(),
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
            takeaways=[Takeaway(text=b, sources=src) for _, b, _, src in chosen],
        )
