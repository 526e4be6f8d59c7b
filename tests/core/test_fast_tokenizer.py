"""The sentence splitter's shortcut tokenizer (ingest/sentences.py) gives exactly the
tokens syntok's own tokenizer gives: the offsets users see depend on it. A wider
comparison over the dev data is `bench/sentence_split_check.py`."""

from __future__ import annotations

import pytest
import syntok.segmenter as syntok_segmenter
from syntok.tokenizer import Tokenizer

from summarizer.ingest import sentences

CASES = [
    "Puget Sound Energy said about 140,000 of its customers lost power, while Seattle City Light reported 65,000.",
    "He said: \"We'll be back.\" Then he left... at 3.30pm on Jan. 14 (Wire) - U.S. officials didn't say.",
    "Mr. O'Neill's horse, Shutthefrontdoor, won the £1m race -- its 3rd win!? Wait... (really?) [sic] e-mail me.",
    "KYIV — Ukraine's Zelenskyy met Trump; talks were 95% 'agreed'. Next: the Donbas/Crimea question.",
    "Dr. Smith (D-Calif.) earned $2.5bn in 2014-15 vs. 1.2bn in 2013.  Double  spaces\tand\ttabs.\n\nNew paragraph",
    "ALL CAPS HEADLINE: iPhone sales rose 12%, McDonald's said; IBM's CEO agreed.",
]


def _tokens(text: str, fast: bool, monkeypatch) -> list[list[tuple[str, str, int]]]:
    monkeypatch.setattr(sentences, "FAST_TOKENIZER", fast)
    return [[(t.spacing, t.value, t.offset) for s in para for t in s] for para in sentences._analyze(text)]


@pytest.mark.parametrize("text", CASES)
def test_shortcut_tokens_equal_syntok(text, monkeypatch):
    assert sentences.FAST_TOKENIZER, "syntok internals changed: the shortcut is off"
    assert _tokens(text, True, monkeypatch) == _tokens(text, False, monkeypatch)
    plain = [(t.spacing, t.value, t.offset) for t in Tokenizer(replace_not_contraction=False).tokenize(text)]
    shortcut = [(t.spacing, t.value, t.offset) for t in sentences._Tokenizer(replace_not_contraction=False).tokenize(text)]
    assert shortcut == plain


def test_same_sentences_either_way(monkeypatch):
    text = " ".join(CASES)
    monkeypatch.setattr(sentences, "FAST_TOKENIZER", False)
    slow = list(sentences._raw_spans(text, 0, len(text)))
    monkeypatch.setattr(sentences, "FAST_TOKENIZER", True)
    assert list(sentences._raw_spans(text, 0, len(text))) == slow
    assert len(slow) > 5
    assert syntok_segmenter  # the module the slow path uses


# chunks around the one-sentence shortcut's edges: a terminal or bracket anywhere
# but the end must go to syntok; a final terminal, closing quotes and spaces may not
SINGLE_CASES = [
    "The cat sat on the mat.", "The cat sat on the mat", "  padded both sides  ", "He said \"no.\"",
    "He said “no.”", "She asked why?", "Stop!", ".", "?", "!!", "Really?!", "Wait...", "Wait…",
    "He left . Then", "The U.S. team won", "U.S.", "It cost $2.5m", "Mr Smith, 45, said: yes",
    "one; two", "He won the race; The crowd cheered loudly", "(Reuters here now) The storm", "a (b) c", "a [b] c", "a {b} c", "end (really).", "x。y", "x．y", "x！", "He said 'no'.",
    "no. lower case after", "\u200bword\u200b", "word\u200b.", "tab\tseparated\twords.", "“Quoted whole.”",
    "It is 3.5 per cent", "e.g. this", "Ends with quote'", "A.", "I", "9/11 anniversary",
    "\x1cfile separator\x1c", "nbsp\u00a0inside\u00a0", "line one\nline two", "trailing newline\n",
]


@pytest.mark.parametrize("text", SINGLE_CASES)
def test_one_sentence_shortcut_equals_syntok(text, monkeypatch):
    assert sentences.FAST_SINGLE, "syntok internals changed: the one-sentence shortcut is off"
    monkeypatch.setattr(sentences, "FAST_SINGLE", False)
    slow = list(sentences._raw_spans(text, 0, len(text))), sentences.split_spans(text)
    monkeypatch.setattr(sentences, "FAST_SINGLE", True)
    assert (list(sentences._raw_spans(text, 0, len(text))), sentences.split_spans(text)) == slow


def test_one_sentence_shortcut_is_taken():
    assert sentences._single_span("  The cat sat on the mat.  ") == (2, 27)
    assert sentences._single_span("He said \"no.\"") == (0, 13)
    for text in ("The cat sat. It ran.", "Mr. Smith left", "a (b) c", "Really?!", "one; two"):
        assert sentences._single_span(text) is None, text


def test_stdlib_run_pattern_equals_syntok_over_every_code_point():
    """`token_lists` finds whitespace-separated runs with a `re` pattern restating
    syntok's `regex` one (fast path); both must cut every character alike. One
    string holding each code point once (surrogates too): a character the two
    classed differently would change a run or a gap."""
    assert sentences.STDLIB_RUNS, "syntok's run pattern changed: the re restatement is off"
    every = "".join(chr(c) for c in range(0x110000))
    assert sentences._RUN_CHARS.findall(every) == sentences._SPACES.findall(every)
    assert sentences._RUN_CHARS.split(every) == sentences._SPACES.split(every)
    parts = sentences._RUN_SPLIT.split(every)  # the one-pass form token_lists uses
    assert parts[1::2] == sentences._SPACES.findall(every) and parts[0::2] == sentences._SPACES.split(every)


@pytest.mark.parametrize("text", CASES + ["a\x1cb\x1fc \x85d\u2028e\u200bf\u3000g\u180eh\u00a0i\ufeffj", " \x1c ", ""])
def test_token_lists_same_with_either_run_pattern(text, monkeypatch):
    tok = sentences._Tokenizer(replace_not_contraction=False)
    for base in (0, 4):
        monkeypatch.setattr(sentences, "STDLIB_RUNS", False)
        slow = tok.token_lists(text, base)
        monkeypatch.setattr(sentences, "STDLIB_RUNS", True)
        assert tok.token_lists(text, base) == slow
