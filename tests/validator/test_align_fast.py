"""Alignment.in_evidence tests set overlap in C (isdisjoint); it must answer what
the plain loop `any(i in w.sentences for i in evidence)` answers."""

from __future__ import annotations

import itertools

from summarizer.validate.align import Alignment, Word


def test_in_evidence_equals_the_plain_loop():
    pools = [frozenset(), frozenset({0}), frozenset({1, 2}), frozenset({2, 5, 9})]
    evidences = [[], [0], [2], [5, 1], [3, 4, 9], [9, 9]]
    for sents, ev in itertools.product(pools, evidences):
        w = Word("word", 0, 4, frozenset({"word"}), 1.0, False, sents, "key" if sents else "")
        al = Alignment(claim="word", tokens=[("word", 0, 4)], words=[w], evidence=ev)
        assert al.in_evidence(w) == any(i in sents for i in ev), (sents, ev)
