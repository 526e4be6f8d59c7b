"""Sentence splitting with exact character offsets.

syntok does the segmentation (it is fast, maintained and reports token offsets);
a small repair pass then merges the splits it gets wrong in news copy: a question or
exclamation inside a quotation that the sentence goes on after ("... operate? — and
the territory," he said), and fragments that start in lower case.

A list item ("- item", "* item", "1. item" at the start of a line) is a sentence of
its own, whatever its punctuation, and its span leaves the marker out; so does the
first sentence's span leave out a dateline when ingest says where it ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import syntok.segmenter as syntok_segmenter
from syntok.tokenizer import Token, Tokenizer as SyntokTokenizer

from summarizer.ingest import segment
from summarizer.models import Sentence

_PARAGRAPH = re.compile(r"\n\s*\n")
# A fragment that cannot start a sentence: lower case, a dash, closing punctuation.
_CONTINUATION = re.compile(r"^[\s\"'”’)\]]*([a-z]|[—–-]|[,;:)\]])")
# A list item's marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_LIST_MARK = re.compile(r"^[ \t]*(?:[•·▪◦●*–-]|\d{1,2}[.)])[ \t]+(?=\S)", re.MULTILINE)


def _paragraph_bounds(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each blank-line separated paragraph."""
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        yield pos, match.start()
        pos = match.end()
    yield pos, len(text)


def _item_bounds(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split text[start:end] at list items: (start, end) of the text before the first
    item, then of each item without its marker. Linear in the paragraph's length."""
    pos = start
    for match in _LIST_MARK.finditer(text, start, end):
        if match.start() > pos:
            yield pos, match.start()
        pos = match.end()
    yield pos, end


# syntok internals the shortcut relies on (syntok is pinned <2); if a release renames
# them, splitting falls back to syntok's own analyze() instead of failing at import
_SPACES = getattr(SyntokTokenizer, "_spaces", None)
# syntok's run pattern, `[^\s\u200b]+` in the `regex` module, restated for the
# standard `re` module with its whitespace class spelled out: `regex`'s \s is the
# Unicode White_Space set (plus "\u200b" here), while `re`'s \s also takes
# "\x1c"-"\x1f". The same runs, found in under half the time (findall and split
# of the runs were over half of `token_lists`). Used only while syntok's pattern
# is the one restated; `tests/core/test_fast_tokenizer.py` compares the two over
# every code point. False: `token_lists` uses syntok's pattern.
_SYNTOK_RUNS = r"[^\s\u200b]+"
_RUN_CHARS = re.compile(r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")
STDLIB_RUNS = _SPACES is not None and _SPACES.pattern == _SYNTOK_RUNS
# the same runs captured, so one `split` gives the runs and the gaps between them
# (findall and split were two passes over the text)
_RUN_SPLIT = re.compile(f"({_RUN_CHARS.pattern})")
_SEPARATION = getattr(SyntokTokenizer, "_separation", None)
_INTERNALS = ("_find_start", "_find_end", "_split_nonword_prefix", "_split_word")


class _Tokenizer(SyntokTokenizer):
    """syntok's Tokenizer with a shortcut for the common word: a whitespace-separated
    run that is all letters and digits with no sub-split pattern in it (no inner
    apostrophe, bracket, comma, hyphen or case change), optionally followed by
    closing punctuation ("said,", "year."). syntok's own path gives such a run the
    same tokens (same value, spacing and offset); the shortcut only skips its
    per-character scans and nested generators. Every other run goes through
    syntok's code unchanged. `bench/sentence_split_check.py` compares the two."""

    def tokenize(self, text: str, base_offset: int = 0) -> Iterator[Token]:
        if base_offset > 0:
            text = " " * base_offset + text
        offset = base_offset
        for mo in _SPACES.finditer(text):
            ms, me = mo.span()
            word = mo.group(0)
            k = _plain_split(word)
            if k:  # the shortcut: the word, then one token per closing punctuation mark
                yield Token(text[offset:ms], word[:k], ms)
                for i, c in enumerate(word[k:]):
                    yield Token("", c, ms + k + i)
                offset = me
                continue
            yield from self._tokenize_run(mo, offset, text)
            offset = me
        if offset < len(text):
            yield Token(text[offset:], "", len(text))

    def token_lists(self, text: str, base_offset: int = 0) -> tuple[list[str], list[str], list[int]]:
        """`tokenize(text, base_offset)` as three lists (value, spacing, offset of each
        token), for the segmenter in `segment.py`. The runs and the whitespace
        between them come from two calls of syntok's own run pattern, and each
        distinct run is planned once per process (`_RUN_PLANS`): a plain word (the
        shortcut's test), or the tokens syntok's own code gave it, relative to the
        run's start. Why: a run's tokens depend on the run alone (the first token's
        spacing is the whitespace before it), and runs repeat across articles; the
        per-run match objects, slices and syntok calls were most of the splitting
        time left."""
        values: list[str] = []
        spacing: list[str] = []
        offsets: list[int] = []
        add_value, add_spacing, add_offset = values.append, spacing.append, offsets.append
        get_plan = _RUN_PLANS.get
        pos = base_offset  # offsets are into " " * base_offset + text, as tokenize's are
        padded: str | None = None
        if STDLIB_RUNS:  # one pass: split at captured runs gives gap, run, gap, ..., run, gap
            parts = _RUN_SPLIT.split(text)
            runs, gaps = parts[1::2], parts[0::2]
        else:
            runs = _SPACES.findall(text)
            gaps = _SPACES.split(text)  # the whitespace before each run, then the trailing one
        for run, sp in zip(runs, gaps):
            pos += len(sp)
            n = len(run)
            plan = get_plan(run)
            if plan == n:  # the common case: a plain word, one token
                add_value(run)
                add_spacing(sp)
                add_offset(pos)
                pos += n
                continue
            if plan is None:
                if padded is None:
                    padded = " " * base_offset + text if base_offset > 0 else text
                plan = self._plan(run, padded, pos, sp)
                if len(_RUN_PLANS) >= _RUN_PLANS_MAX:
                    _RUN_PLANS.clear()
                _RUN_PLANS[run] = plan
            if plan.__class__ is int:
                if plan:  # the shortcut: a word, then one token per closing punctuation mark
                    add_value(run[:plan] if plan < n else run)
                    add_spacing(sp)
                    add_offset(pos)
                    for k in range(plan, n):
                        add_value(run[k])
                        add_spacing("")
                        add_offset(pos + k)
                else:  # a run whose tokens did not fit a plan: syntok's code each time
                    if padded is None:
                        padded = " " * base_offset + text if base_offset > 0 else text
                    for t in self._tokenize_run(_SPACES.match(padded, pos), pos - len(sp), padded):
                        add_value(t.value)
                        add_spacing(t.spacing)
                        add_offset(t.offset)
            else:
                for value, rel, space in plan:
                    add_value(value)
                    add_spacing(sp if space is None else space)
                    add_offset(pos + rel)
            pos += n
        if gaps[-1]:  # trailing whitespace: syntok's empty last token
            values.append("")
            spacing.append(gaps[-1])
            offsets.append(pos + len(gaps[-1]))
        return values, spacing, offsets

    def _plan(self, run: str, padded: str, pos: int, sp: str) -> int | tuple[tuple[str, int, str | None], ...]:
        """How `token_lists` tokenizes `run` wherever it occurs: the shortcut's word
        length, or syntok's tokens (value, offset from the run's start, spacing;
        None for the whitespace before the run); 0 when they do not fit that form."""
        k = _plain_split(run)
        if k:
            return k
        toks = list(self._tokenize_run(_SPACES.match(padded, pos), pos - len(sp), padded))
        if not toks or toks[0].spacing != sp or toks[0].offset != pos:
            return 0
        return tuple((t.value, t.offset - pos, None if n == 0 else t.spacing) for n, t in enumerate(toks))

    def _tokenize_run(self, mo, offset: int, text: str) -> Iterator[Token]:
        """syntok's loop body for one whitespace-separated run (Tokenizer.tokenize)."""
        start = SyntokTokenizer._find_start(mo.start(), mo.end(), text)
        if start == mo.end():
            yield Token(text[offset:mo.start()], mo.group(0), mo.start())
            return
        end = SyntokTokenizer._find_end(start, mo.end(), text)
        if start > mo.start():
            offset = yield from self._split_nonword_prefix(mo, offset, start, text)
        if start != end:
            yield from self._split_word(text[offset:start], text[start:end], start)
        tail = text[end:mo.end()]
        if tail.startswith("..."):
            yield Token("", "...", end)
            end += 3
            tail = tail[3:]
        yield from [Token("", c, idx + end) for idx, c in enumerate(tail)]


def _plain_split(word: str) -> int:
    """For a whitespace-separated run: the length of its word token when `tokenize`'s
    shortcut applies (the rest of the run is closing punctuation, one token per
    character), or 0 when syntok's code must split it."""
    if word.isalnum():
        return 0 if _SEPARATION.search(word) else len(word)
    if word[0].isalnum():
        k = len(word) - 1
        while k > 0 and not word[k].isalnum():
            k -= 1
        core, tail = word[: k + 1], word[k + 1 :]
        if core.isalnum() and not tail.startswith("...") and not _SEPARATION.search(core):
            return k + 1
    return 0


# run -> its plan (`_Tokenizer._plan`), shared by all articles of a process (runs
# repeat across articles); cleared when full, so memory stays bounded on any input
_RUN_PLANS: dict[str, int | tuple] = {}
_RUN_PLANS_MAX = 200_000

# False: syntok's own analyze() (bench/sentence_split_check.py compares the two)
FAST_TOKENIZER = _SPACES is not None and _SEPARATION is not None \
    and all(hasattr(SyntokTokenizer, name) for name in _INTERNALS)


def _analyze(chunk: str):
    """syntok_segmenter.analyze(chunk), with the shortcut tokenizer."""
    if not FAST_TOKENIZER:
        yield from syntok_segmenter.analyze(chunk)
        return
    tok = _Tokenizer(replace_not_contraction=False)
    for offset, paragraph in syntok_segmenter.preprocess_with_offsets(chunk):
        yield syntok_segmenter.segment(tok.tokenize(paragraph, offset))


try:  # the characters at which syntok's segmenter can end a sentence or skip brackets
    from syntok._segmentation_states import State as _State

    _BREAKS = "".join(sorted({c for t in _State.terminals for c in t} | set(_State.opening_brackets)))
except (ImportError, AttributeError):  # renamed in a later release: always run syntok
    _BREAKS = ""
# A chunk with none of those characters, except one final ".", "!" or "?" (and closing
# quotes after it), is one sentence for syntok: its segmenter only ever splits at a
# terminal or an opening bracket (`_State.terminals`, `_State.opening_brackets`).
# False: always run syntok (bench/sentence_split_check.py compares the two).
FAST_SINGLE = bool(_BREAKS)
_NO_BREAK = re.compile("[^" + re.escape(_BREAKS) + "]*" + r"(?:[.!?][\"'’”]*)?\s*\Z") if _BREAKS else None


def _single_span(chunk: str) -> tuple[int, int] | None:
    """(start, end) within `chunk` of its only sentence, when syntok cannot split it:
    what syntok reports, from its first token to the end of the chunk (its last token
    is the chunk's last word or punctuation, or the empty token after trailing space)."""
    if not FAST_SINGLE or not _NO_BREAK.match(chunk):
        return None
    first = _SPACES.search(chunk)  # syntok's own idea of a space ("\u200b" is one)
    if first is None:
        return None
    return first.start(), len(chunk)


# False: syntok's own segmenter (bench/sentence_split_check.py compares the two)
FAST_SEGMENT = FAST_TOKENIZER and segment.AVAILABLE


def _fast_spans(chunk: str) -> Iterator[tuple[int, int]]:
    """(start, end) within `chunk` of each sentence syntok would find, from the
    shortcut tokenizer's tokens and `segment.segment_bounds` (syntok's decisions
    over a token list, without its per-token state objects)."""
    tok = _Tokenizer(replace_not_contraction=False)
    for offset, paragraph in syntok_segmenter.preprocess_with_offsets(chunk):
        values, spacing, offsets = tok.token_lists(paragraph, offset)
        for a, b in segment.segment_bounds(values, spacing, offsets):
            yield offsets[a], offsets[b - 1] + len(values[b - 1])


def _raw_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """syntok's sentences of text[start:end] as absolute offsets."""
    chunk = text[start:end]
    if not chunk.strip():
        return
    single = _single_span(chunk)
    if single is not None:
        yield start + single[0], start + single[1]
        return
    if FAST_SEGMENT:
        for s, e in _fast_spans(chunk):
            yield start + s, start + e
        return
    for paragraph in _analyze(chunk):
        for sentence in paragraph:
            tokens = list(sentence)
            if not tokens:
                continue
            first = tokens[0]
            last = tokens[-1]
            s = start + first.offset
            e = start + last.offset + len(last.value)
            yield s, e


QUOTE_MAX_CHARS = 600


def _open_quote(text: str, start: int, end: int) -> bool:
    """True when a quotation opened in `text[start:end]` is not closed by its end, so
    the next segment belongs to the same sentence ("Nobody wants to strike. We want
    to work safely," said Holt). Quotes longer than a few sentences are left split;
    the length is checked before slicing, so a run of merged fragments costs no
    more than its length (no copy of an ever-growing sentence per fragment)."""
    if end - start > QUOTE_MAX_CHARS:
        return False
    sentence = text[start:end]
    if "“" in sentence or "”" in sentence:
        return sentence.count("“") > sentence.count("”")
    return sentence.count('"') % 2 == 1


def split_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """All sentence spans of `text`, repaired, in order, never crossing paragraphs or
    list items. Text before `start` (a dateline) belongs to no sentence."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraph_bounds(text):
        if p_end <= start:
            continue
        for c_start, c_end in _item_bounds(text, max(p_start, start), p_end):
            para: list[tuple[int, int]] = []
            for s, e in _raw_spans(text, c_start, c_end):
                if para and (_CONTINUATION.match(text[s:e]) or _open_quote(text, *para[-1])):
                    para[-1] = (para[-1][0], e)
                else:
                    para.append((s, e))
            spans.extend(para)
    # Strip any surrounding whitespace so text[start:end] is exactly the sentence.
    cleaned: list[tuple[int, int]] = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            cleaned.append((s + lead, e - trail))
    return cleaned


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of `text` as `Sentence(index, start, end)` offsets; text before
    `start` (a dateline) is in no sentence."""
    return [Sentence(index=i, start=s, end=e) for i, (s, e) in enumerate(split_spans(text, start))]
