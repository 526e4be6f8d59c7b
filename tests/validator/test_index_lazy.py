"""The article index builds postings and names up front and everything else on
first use (validate/index.py); a sentence's quantities are scanned from the
positions where one can start, and prefix look-ups bisect the sorted stems. Each lazy table must equal what the eager build
made: this test keeps that eager build (as it was before the tables went lazy)
and compares every field, on the test articles and on the dev sources when they
are beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.ingest import ingest_path, plain_article
from summarizer.validate.index import _PHRASE_ALIASES, _add_acronyms, _build, _word_info, stem_in_article
from summarizer.validate.numbers import quantities
from summarizer.validate.tokens import tokens
from tests.validator.conftest import ARTICLE, ROOT

EXTRA = (
    "Queens Park Rangers beat Aston Villa FC 3-1. The United States and the U.K. did not agree; "
    "officials refused to say why. \"We never said that,\" Peter O'Toole told the BBC on Monday.\n\n"
    "Prices rose 12% to $2.5m in the third quarter, up from twenty-five per cent a year ago."
)


def _eager(article) -> dict:
    """The eager build, field by field (validate/index.py before the lazy tables)."""
    text = article.text
    out: dict = {"sentences": [], "postings": {}, "vocab_sentences": {}, "all_words": set(), "names": set(),
                 "pairs": set(), "acronyms": {}}
    flat_parts, flat_ranges, pos = [], [], 1
    for sent in article.sentences:
        toks = tokens(text, sent.start, sent.end)
        si = sent.index
        infos = [_word_info(w) for w, _, _ in toks]
        norms = [i[0] for i in infos]
        out["all_words"].update(norms)
        skeys: set[str] = set()
        for k, (n, ks, upper, *_) in enumerate(infos):
            if upper and k > 0:
                out["names"].add(n)
            if ks is not None:
                skeys |= ks
                out["vocab_sentences"].setdefault(n, []).append(si)
        lowered = " " + " ".join(norms) + " "
        out["pairs"].update(zip(norms, norms[1:]))
        out["pairs"].update(zip(norms[1:], norms))
        for padded, groups in _PHRASE_ALIASES:
            if padded in lowered:
                skeys |= groups
        for k in skeys:
            out["postings"].setdefault(k, []).append(si)
        run: list[str] = []
        for (w, _, _), info in zip(toks, infos):
            if info[3]:
                run.append(w)
                continue
            if len(run) > 1:
                _add_acronyms(out["acronyms"], run, si)
            run = []
        if len(run) > 1:
            _add_acronyms(out["acronyms"], run, si)
        flat = " ".join([i[4] for i in infos])
        flat_parts.append(flat)
        flat_ranges.append((pos, pos + len(flat)))
        pos += len(flat) + 1
        out["sentences"].append((si, sent.start, sent.end, toks, frozenset(skeys), frozenset(norms),
                                 quantities(text, toks), [k for k, i in enumerate(infos) if i[5]],
                                 [i[6] for i in infos]))
    stems = {k for k in out["postings"] if not k[:1] in "~@"}
    extends: dict[str, list[str]] = {}
    for st in sorted(stems):
        for cut in range(4, len(st)):
            extends.setdefault(st[:cut], []).append(st)
    out.update(stems=stems, prefixes={p: tuple(v) for p, v in extends.items()}, vocab=sorted(out["vocab_sentences"]),
               flat_words=" " + " ".join(flat_parts) + " ", flat_sentences=flat_ranges,
               all_keys=frozenset(out["postings"]))
    return out


def _articles() -> list:
    arts = [plain_article(ARTICLE), plain_article(EXTRA), plain_article(ARTICLE + "\n\n" + EXTRA)]
    arts += [ingest_path(p) for p in sorted((ROOT / "tests" / "core" / "pages").glob("*"))
             if p.name != "no_body.txt"]
    return arts


def _compare(article) -> None:
    want = _eager(article)
    idx = _build(article)
    got_sentences = [(s.index, s.start, s.end, s.tokens, s.keys, s.words, s.quantities, s.negations, s.stems)
                     for s in idx.sentences]
    assert got_sentences == want["sentences"]
    assert idx.postings == want["postings"]
    assert list(idx.postings) == list(want["postings"])  # same insertion order too
    for name in ("vocab_sentences", "names", "pairs", "acronyms", "stems", "prefixes", "vocab", "flat_words",
                 "flat_sentences", "all_keys", "all_words"):
        got = getattr(idx, name)
        assert got == want[name], name
        if isinstance(got, dict):
            assert list(got) == list(want[name]), name
    for n in want["vocab"]:
        assert idx.word_sentences(n) == want["vocab_sentences"][n], n
    assert idx.word_sentences("zzzz-not-a-word") == []
    assert idx.all_quantities == [q for sent in want["sentences"] for q in sent[6]]
    assert idx.quantity_sentences == [(sent[0], sent[6]) for sent in want["sentences"] if sent[6]]
    # extending(st) answers prefixes.get(st, ()) by bisecting the sorted stems; ask it
    # for every prefix, every stem, and cut and lengthened stems (misses)
    asks = set(want["prefixes"]) | want["stems"]
    asks |= {st[:k] for st in want["stems"] for k in range(1, len(st))} | {st + "x" for st in want["stems"]}
    for st in sorted(asks):
        assert idx.extending(st) == want["prefixes"].get(st, ()), st
        old_answer = len(st) >= 4 and (st in want["prefixes"] or any(st[:c] in want["stems"] for c in range(4, len(st))))
        assert stem_in_article(idx, st) == old_answer, st


@pytest.mark.parametrize("k", range(len(_articles())))
def test_lazy_tables_equal_the_eager_build(k):
    _compare(_articles()[k])


def test_lazy_tables_on_dev_sources(dev_data: Path):
    seen = set()
    for line in (dev_data / "frank-val.jsonl").read_text().splitlines()[:400]:
        src = json.loads(line)["source"]
        if src not in seen:
            seen.add(src)
            _compare(plain_article(src))
    assert len(seen) > 20


@pytest.mark.parametrize("k", range(len(_articles())))
def test_surface_words_and_lazy_offsets(k, monkeypatch):
    """The index is built from `TOKEN.findall` words (`SentenceIndex.surface`); the
    (word, start, end) tokens are made when first read. Both must equal `tokens()`
    of the sentence, and the tables read from the words (acronyms, the negation
    check's stems) must equal the same tables read from the tokens."""
    import summarizer.validate.index as index_module
    from summarizer.validate.checks import _adj_stem, _sentence_stems

    article = _articles()[k]
    want = _eager(article)
    idx = _build(article)
    assert all(s._tokens is None for s in idx.sentences)  # nothing tokenized with offsets yet
    assert idx.acronyms == want["acronyms"]
    forms = [_sentence_stems(idx, s.index) for s in idx.sentences]
    assert all(s._tokens is None for s in idx.sentences)  # neither table needed the offsets
    for s, f, sent in zip(idx.sentences, forms, want["sentences"]):
        toks = tokens(article.text, s.start, s.end)
        assert s.surface == [w for w, _, _ in toks]
        assert s.tokens == toks == sent[3]
        assert f == frozenset(s.stems) | {_adj_stem(w) for w, _, _ in toks}
    monkeypatch.setattr(index_module, "LAZY_TOKENS", False)
    eager = _build(article)
    assert [s._tokens for s in eager.sentences] == [s.tokens for s in idx.sentences]
    monkeypatch.setattr(index_module, "LAZY_TOKENS", True)
    monkeypatch.setattr(index_module, "OFFSETS_BY_FIND", False)
    assert [s.tokens for s in _build(article).sentences] == [s.tokens for s in idx.sentences]


def test_offsets_by_find_on_awkward_text():
    """Offsets found by str.find of each word equal finditer's where a word repeats,
    sits inside an earlier non-word run or after a dotted acronym."""
    text = ("the the  theory: U.S. US u.s.a. said 1,000.5% 1,000 x1 ’tis O’Neill O'Neill's é-é ée. "
            "A.B.C A.B. AB. 3.5.6 ,5 .5 5. a—a–a")
    article = plain_article(text)
    idx = _build(article)
    for s in idx.sentences:
        assert s.tokens == tokens(article.text, s.start, s.end)


def test_alias_first_word_filter_equals_testing_every_sentence(monkeypatch):
    """A sentence whose norms hold no alias's first word skips the multi-word alias
    tests (FAST_ALIASES); its keys and the postings (and their order) must equal
    testing every sentence."""
    import summarizer.validate.index as index_module

    text = ("United States officials met. They met the new Prime Minister in New York. "
            "South Africa and the European Union spoke; the Islamic State did not. "
            "A new york-based firm and the united nations agreed. She flew to New York on Monday. Nothing else here.")
    for article in [plain_article(text), *_articles()]:
        fast = _build(article)
        monkeypatch.setattr(index_module, "FAST_ALIASES", False)
        slow = _build(article)
        monkeypatch.setattr(index_module, "FAST_ALIASES", True)
        assert [s.keys for s in fast.sentences] == [s.keys for s in slow.sentences]
        assert list(fast.postings.items()) == list(slow.postings.items())
    keys = [s.keys for s in _build(plain_article(text)).sentences]
    assert all(any(k in ks for k in ALIAS_GROUPS) for ks in keys[:5])  # every alias sentence got its group


ALIAS_GROUPS = frozenset(g for _, groups in _PHRASE_ALIASES for g in groups)
