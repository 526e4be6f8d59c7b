"""Names bound to their passage: a claim name must sit where its claim words sit.

News "sentences" are often long (a caption run into the next paragraph, a lede of
60 words naming five people), so a name that appears anywhere in the evidence
sentence proves little: "Michael Scudamore owned Monbeg Dude finished third" finds
every word in a sentence that names the trainer Michael Scudamore AND the owner
Mike Tindall. What tells them apart is where the words sit. For each name of the
claim, the claim's other content words are located in each evidence sentence and
the tightest run of them is taken (the passage the claim paraphrases, at most
PASSAGE_SPREAD tokens per claim word matched). The name is bound when a run that
holds one of its words is nearly as good (OWN_PASSAGE of the best run's weight).
When it is not, and the best run (or RIVAL_NEAR tokens around it) holds a
different name the claim does not mention, the claim has put its name where the
article has another one ("'Michael Scudamore' where the passage has 'Tindall'").

A second, coarser rule works at the level of sentences (`displaced_names`): the
sentence that holds most of the claim's other words is where the claim comes from;
a claim name written neither in it nor in the sentence just before it (which may
introduce the person a pronoun then refers to), and whose own sentences hold much
less of the claim, is a name put on another passage's facts ("Ramsey boss says this
is the biggest game" where the quote is Sherwood's and Ramsey is named only in a
paragraph about the opponent). Its constants come from bench/tune_displaced.py on
half A.

`hometowns` marks the claim names that give a named person's hometown ("<Person>,
48, from <Town>"): checks.entities exempts them from the clause and passage rules
when the article names the town within HOMETOWN_NEAR sentences of the person.

Rules only, no parser (what one would add was measured: README "Who did what").
Bullets only, like binding.py and slots.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from summarizer.validate.align import FUZZY_MIN, Alignment
from summarizer.validate.index import ArticleIndex
from summarizer.validate.lemmas import ALIASES, keys, norm
from summarizer.validate.tokens import is_content

RIVAL_NEAR = 10  # how far around the passage another name counts as standing in the claim name's place
PASSAGE_SPREAD = 6  # a passage may span at most this many tokens per claim word it holds
MIN_PASSAGE = 2  # claim words (other than the name) a passage must hold to judge a name by it
OWN_GAP = 8  # a name token further than this from every other claim word has no passage of its own
COORDINATION = True  # "X and Y": look on both sides of the partner's match (set by hand; a miss on half A)
# displaced_names (sentence level), chosen on half A by bench/tune_displaced.py:
DISPLACED_BEFORE = 1  # sentences before the main one that may name the claim's person (a pronoun then refers back)
DISPLACED_OWN = 0.7  # a sentence naming the name with this share of the main sentence's claim weight is its own
OWN_PASSAGE = 0.5  # a sentence with the name and this share of the best passage's weight is the name's own
# title and calendar words are capitalised but name nobody
_NOT_NAMES = frozenset("""mr mrs ms miss dr sir lord lady prof professor rev monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september october november december
i the a an he she it they we this that these those his her its their our but and or if when while after before
in on at for with from by as of to""".split())


@dataclass
class Misplaced:
    """A claim name that is not where the claim's other words are in the evidence."""

    start: int
    end: int
    text: str
    others: tuple[str, ...]  # names the passage has instead
    sentence: int = -1  # displaced_names: the sentence the rest of the claim comes from


def _variant(tok: str, name_keys: frozenset[str], name_norms: tuple[str, ...]) -> bool:
    """An article token that writes a claim name, as alignment matches it: a shared
    key, a longer or shorter form ("Crimea"/"Crimean") or a spelling variant."""
    if keys(tok) & name_keys:
        return True
    n = norm(tok)
    return any(min(len(n), len(m)) >= 4 and (n.startswith(m) or m.startswith(n)) or fuzz.ratio(n, m) >= FUZZY_MIN
               for m in name_norms)


def _alias_words(name_keys: frozenset[str]) -> tuple[str, ...]:
    """Words of the multi-word aliases of a claim name ("united", "states" for
    "U.S."): the article writing the alias is writing the name."""
    return tuple(w for name, groups in ALIASES.items() if " " in name and groups & name_keys for w in name.split())


def _claim_names(al: Alignment) -> list[list[int]]:
    """Runs of adjacent name words of the claim, as positions in `al.words`."""
    runs: list[list[int]] = []
    prev = None
    for p, w in enumerate(al.words):
        if not w.is_name or w.text[:1].isdigit():
            prev = None
            continue
        if prev is not None and al.claim[al.words[prev].end : w.start] in (" ", "-", "'s ", "’s ") and runs:
            runs[-1].append(p)
        else:
            runs.append([p])
        prev = p
    return runs


def _passage(marks: list[tuple[int, int, float]], need: frozenset[int] = frozenset()) -> tuple[float, int, int]:
    """Best run of matched tokens: marks are (token position, claim word, weight) in
    token order; a run may span PASSAGE_SPREAD tokens per distinct claim word in it.
    With `need`, only runs holding one of those token positions count (the name's
    own passage; the name's tokens count as a word of the run, with no weight).
    Returns (weight, first token, last token)."""
    best = (0.0, -1, -1)
    for a in range(len(marks)):
        seen: dict[int, float] = {}
        for b in range(a, len(marks)):
            pos, word, wt = marks[b]
            seen[word] = wt
            if pos - marks[a][0] + 1 > PASSAGE_SPREAD * len(seen):
                continue
            if need and not any(marks[a][0] <= q <= pos for q in need):
                continue
            total = sum(seen.values())
            if len(seen) - (-1 in seen) >= MIN_PASSAGE and total > best[0]:
                best = (total, marks[a][0], pos)
    return best


def _slot(words, run: list[int], marks, a: int, b: int, n_tokens: int, claim: str = "") -> tuple[int, int]:
    """Token range [lo, hi) of the passage where the claim's name would stand: after
    the match of the claim word just before the name and before the match of the
    word just after it (each within the passage run [a, b]); RIVAL_NEAR tokens on a
    side with no matched neighbour; empty when neither neighbour is matched (a claim
    stitched from two passages: no position to compare)."""
    before = run[0] - 1 if run[0] > 0 else None
    after = run[-1] + 1 if run[-1] + 1 < len(words) else None
    in_run = [(pos, p) for pos, p, _ in marks if a <= pos <= b]
    left = [pos for pos, p in in_run if p == before]
    right = [pos for pos, p in in_run if p == after]
    # "X and Y": coordination is symmetric, so the article may put the claim's name
    # on either side of its partner ("Ramsey ... with Sherwood" for "Sherwood and Ramsey")
    if COORDINATION and right and words[after].is_name and claim[words[run[-1]].end : words[after].start].strip() in ("and", "&"):
        k = min(right)
        return max(0, k - RIVAL_NEAR), min(n_tokens, k + RIVAL_NEAR + 1)
    if COORDINATION and left and words[before].is_name and claim[words[before].end : words[run[0]].start].strip() in ("and", "&"):
        k = max(left)
        return max(0, k - RIVAL_NEAR), min(n_tokens, k + RIVAL_NEAR + 1)
    if left and right and min(left) < max(right):
        return min(left) + 1, max(right)
    if right:
        return max(0, min(right) - RIVAL_NEAR), min(right)
    if left:
        return max(left) + 1, min(n_tokens, max(left) + RIVAL_NEAR + 1)
    return 0, 0  # neither neighbour is in the passage: nothing shows where the name would stand


def misplaced_names(al: Alignment, idx: ArticleIndex) -> list[Misplaced]:
    """Claim names that stand away from the passage the rest of the claim comes from,
    where that passage names someone else in the name's place (module docstring)."""
    out: list[Misplaced] = []
    words = al.words
    if len(words) < 3:
        return out
    claim_keys = [w.keys for w in words]
    for run in _name_runs_to_judge(al):
        run_keys = frozenset().union(*(claim_keys[p] for p in run))
        run_norms = tuple(norm(words[p].text) for p in run) + _alias_words(run_keys)
        others = [p for p in range(len(words)) if p not in run and words[p].sentences]
        best = (0.0, None, -1, -1, [])
        own = 0.0
        for i in al.evidence:
            toks = idx.sentences[i].tokens
            tok_keys = [keys(t[0]) if is_content(t[0]) else frozenset() for t in toks]
            marks = [(k, p, words[p].weight) for k, tk in enumerate(tok_keys) if tk for p in others
                     if tk & claim_keys[p]]
            weight, a, b = _passage(marks)
            if weight > best[0]:
                best = (weight, i, a, b, marks)
            # the name's own passage: a run holding a token of the name that stands within
            # OWN_GAP tokens of one of the claim's other words
            at = frozenset(k for k, tk in enumerate(tok_keys) if tk and _variant(toks[k][0], run_keys, run_norms)
                           and any(abs(k - m[0]) <= OWN_GAP for m in marks))
            if at:
                own = max(own, _passage(sorted(marks + [(k, -1, 0.0) for k in at]), at)[0])
        weight, i, a, b, marks = best
        if i is None or own >= OWN_PASSAGE * weight:
            continue
        toks = idx.sentences[i].tokens
        lo, hi = _slot(words, run, marks, a, b, len(toks), al.claim)
        rivals = []
        for k in range(max(0, lo), hi):  # a sentence-initial word counts when the article names it mid-sentence too
            w = toks[k][0]
            if not (w[:1].isupper() and is_content(w)) or norm(w) in _NOT_NAMES or norm(w) not in idx.names:
                continue
            if any(keys(w) & ck for ck in claim_keys) or _variant(w, run_keys, run_norms):
                continue
            rivals.append(w)
        if rivals:
            s, e = words[run[0]].start, words[run[-1]].end
            out.append(Misplaced(s, e, al.claim[s:e], tuple(dict.fromkeys(rivals))))
    return out


def _name_runs_to_judge(al: Alignment) -> list[list[int]]:
    """Claim name runs that the article writes and that name somebody (not "Mr",
    "Thursday"): names the article lacks are `entities`' missing names already."""
    words = al.words
    return [run for run in _claim_names(al)
            if not all(norm(words[p].text) in _NOT_NAMES for p in run) and any(words[p].sentences for p in run)]


HOMETOWN_NEAR = 1  # sentences between the person's name and the hometown in the article (set by hand)


def hometowns(al: Alignment, idx: ArticleIndex) -> list[tuple[int, int]]:
    """Spans of claim names that give a named person's hometown: "<Person>[, 48,]
    from <Town>[, <County>]". They describe the person, not the predicate, so the
    clause and passage rules do not judge them; they are bound when the article names
    the town in a sentence naming the person or within HOMETOWN_NEAR sentences of one
    ("Mr Kent, from Town, had gone to court"). Issue #10, fifth pass."""
    words = al.words
    by_start = {w.start: w for w in words}
    toks = al.tokens
    out: list[tuple[int, int]] = []
    for k, (t, _, _) in enumerate(toks):
        if t.lower() != "from" or k == 0:
            continue
        j = k - 1
        if toks[j][0][:1].isdigit() and j > 0:
            j -= 1  # "<Person>, 48, from"
        person = []
        while j >= 0 and (w := by_start.get(toks[j][1])) is not None and w.is_name and not w.text[:1].isdigit():
            person.append(w)
            j -= 1
        if not person or not any(w.sentences for w in person):
            continue
        near = {i + d for w in person for i in w.sentences for d in range(-HOMETOWN_NEAR, HOMETOWN_NEAR + 1)}
        j = k + 1
        while j < len(toks):
            w = by_start.get(toks[j][1])
            gap = al.claim[toks[j - 1][2] : toks[j][1]]
            if w is not None and w.is_name and gap.strip() in ("", ",", "-") and w.sentences & near:
                out.append((w.start, w.end))
            elif not (toks[j][0].lower() == "on" and gap.strip() == "-"):  # "Stoke-on-Trent"
                break
            j += 1
    return out


def displaced_names(al: Alignment, idx: ArticleIndex) -> list[Misplaced]:
    """Claim names written far from the sentence the rest of the claim comes from
    (module docstring, second rule). The main sentence is the one holding the most
    claim weight outside the name (at least MIN_PASSAGE of the claim's other words
    must be in the article at all). `others` lists the names that sentence has
    instead; it may have none (the person is "he" or "the defender" there)."""
    out: list[Misplaced] = []
    words = al.words
    if len(words) < 3:
        return out
    claim_keys = [w.keys for w in words]
    for run in _name_runs_to_judge(al):
        others = [p for p in range(len(words)) if p not in run and words[p].sentences]
        if len(others) < MIN_PASSAGE:
            continue
        weight: dict[int, float] = {}
        for p in others:
            for i in words[p].sentences:
                weight[i] = weight.get(i, 0.0) + words[p].weight
        main = min(weight, key=lambda i: (-weight[i], i))  # most weight; the earlier sentence on a tie
        at = frozenset().union(*(words[p].sentences for p in run))
        if any(main - DISPLACED_BEFORE <= i <= main for i in at):
            continue
        if max((weight.get(i, 0.0) for i in at), default=0.0) >= DISPLACED_OWN * weight[main]:
            continue  # the name's own sentences hold nearly as much of the claim
        run_keys = frozenset().union(*(claim_keys[p] for p in run))
        run_norms = tuple(norm(words[p].text) for p in run) + _alias_words(run_keys)
        instead = [w for k, (w, _, _) in enumerate(idx.sentences[main].tokens)
                   if k > 0 and w[:1].isupper() and is_content(w) and norm(w) not in _NOT_NAMES
                   and norm(w) in idx.names and not any(keys(w) & ck for ck in claim_keys)
                   and not _variant(w, run_keys, run_norms)]
        s, e = words[run[0]].start, words[run[-1]].end
        out.append(Misplaced(s, e, al.claim[s:e], tuple(dict.fromkeys(instead)), sentence=main))
    return out
