"""ingest/segment.py re-states syntok's sentence segmenter over a token list; the
sentences (and so every offset users see) must be exactly syntok's. A wider
comparison over the dev data is `bench/sentence_split_check.py`."""

from __future__ import annotations

import random

import pytest
import syntok.segmenter as syntok_segmenter
from syntok.tokenizer import Tokenizer

from summarizer.ingest import segment, sentences

# pieces around every branch of syntok's decision at a terminal or bracket:
# abbreviations, initials, roman numerals, months, numbers, sentence starters,
# quotes, brackets (short, long, nested, unclosed, holding a sentence), ellipses
PIECES = [
    "The", "However", "It", "cat", "sat", "Mr", "Dr", "etc", "vs", "no", "No", "A", "B", "b", "e", "IV", "XII",
    "Jan", "Sept", "14", "2014", "3", "x2", "U.S", "e.g", "i.e", "Smith", "LONDON", "iPhone", "de", "so", "So",
    ".", ".", ".", "!", "?", ";", "...", "…", ",", ":", "-", "—", "(", ")", "[", "]", "{", "}", "\"", "'", "’",
    "”", "“", "(Reuters)", "(see above)", "(He left. She stayed.)", "[sic]", "3.5", "$2.5m", "no.", "No. 5",
    "(a very long aside that runs on and on with many words in it before it ever closes at all)",
    "Also", "Yet", "Why", "Es", "Der", "Por", "el", "x。y", "！", "．",
]
SPACES = [" ", " ", " ", "", "  ", "\n"]


def _syntok(text: str) -> list[tuple[int, int]]:
    out = []
    for paragraph in syntok_segmenter.analyze(text):
        for sent in paragraph:
            toks = list(sent)
            out.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
    return out


def _ours(text: str) -> list[tuple[int, int]]:
    tok = Tokenizer(replace_not_contraction=False)
    out = []
    for offset, para in syntok_segmenter.preprocess_with_offsets(text):
        toks = list(tok.tokenize(para, offset))
        values = [t.value for t in toks]
        for a, b in segment.segment_bounds(values, [t.spacing for t in toks], [t.offset for t in toks]):
            out.append((toks[a].offset, toks[b - 1].offset + len(values[b - 1])))
    return out


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            parts.append(rng.choice(PIECES))
            parts.append(rng.choice(SPACES))
        texts.append("".join(parts))
    return texts


def test_available():
    assert segment.AVAILABLE, "syntok internals changed: the segmenter re-statement is off"
    assert sentences.FAST_SEGMENT


@pytest.mark.parametrize("seed", range(4))
def test_random_token_streams_split_as_syntok(seed):
    for text in _random_texts(800, seed):
        assert _ours(text) == _syntok(text), text


CASES = [
    "He met Mr. Smith. They spoke. (It was late.) Then they left!",
    "Prices rose 3.5 per cent in Jan. 2014. No. 5 won. It was No. 1 again.",
    "Chapter IV. The end. A. B. Smith said so. e.g. this one... and that.",
    "\"Stop!\" he cried. 'Why?' she asked. (Reuters) - The storm hit. [See below.] Then.",
    "(A long aside that has a sentence in it. And another one here that goes on a while.) Next one starts.",
    "Ends with an open bracket ( and never closes. Still going; The end",
    "Wait...what? Really?! OK. 10.5m people. U.S. troops left.",
]


@pytest.mark.parametrize("text", CASES)
def test_raw_spans_same_either_way(text, monkeypatch):
    monkeypatch.setattr(sentences, "FAST_SEGMENT", False)
    monkeypatch.setattr(sentences, "FAST_SINGLE", False)
    slow = list(sentences._raw_spans(text, 0, len(text))), sentences.split_spans(text)
    monkeypatch.setattr(sentences, "FAST_SEGMENT", True)
    assert (list(sentences._raw_spans(text, 0, len(text))), sentences.split_spans(text)) == slow
    assert len(slow[0]) > 1


@pytest.mark.parametrize("seed", range(2))
def test_token_lists_equal_syntok_tokens(seed):
    """`_Tokenizer.token_lists` (plain runs from a per-process cache, no Token
    objects) gives syntok's own tokens, on a first call and on a cached one."""
    tok = sentences._Tokenizer(replace_not_contraction=False)
    plain = Tokenizer(replace_not_contraction=False)
    for text in CASES + _random_texts(400, 100 + seed):
        for base in (0, 3):
            want = [(t.value, t.spacing, t.offset) for t in plain.tokenize(text, base)]
            for _ in range(2):
                values, spacing, offsets = tok.token_lists(text, base)
                assert list(zip(values, spacing, offsets)) == want, text


def test_token_lists_without_plans_equal_syntok_tokens(monkeypatch):
    """The fallback for a run whose tokens fit no plan (syntok's code on every use)."""
    monkeypatch.setattr(sentences._Tokenizer, "_plan", lambda self, run, padded, pos, sp: 0)
    monkeypatch.setattr(sentences, "_RUN_PLANS", {})
    tok = sentences._Tokenizer(replace_not_contraction=False)
    plain = Tokenizer(replace_not_contraction=False)
    for text in CASES + _random_texts(200, 300):
        for base in (0, 3):
            want = [(t.value, t.spacing, t.offset) for t in plain.tokenize(text, base)]
            values, spacing, offsets = tok.token_lists(text, base)
            assert list(zip(values, spacing, offsets)) == want, text
