"""A small slice of the annotated dev data (runs only when ../shared/data is present;
no dev-data text is stored in the repository)."""

from __future__ import annotations

import json

from summarizer.ingest import plain_article
from summarizer.validate import check_claim, split_claims


def test_slice_of_cliff_val_is_better_than_chance(dev_data):
    records = [json.loads(line) for line in (dev_data / "cliff-val.jsonl").read_text().splitlines()[:80]]
    pos, neg = [], []
    for r in records:
        article = plain_article(r["source"])
        claims = split_claims(r["summary"])
        checks = [check_claim(article, c.text, form=False) for c in claims]
        score = min((c.score for c in checks), default=1.0)
        for c, ch in zip(claims, checks):
            for s in ch.evidence:
                assert article.text[s.start : s.end] == s.text
            for s in ch.unsupported_spans:
                assert c.text[s.start : s.end] == s.text
        (pos if r["label"] == "supported" else neg).append(score)
    assert pos and neg
    # AUC on the slice: a supported summary should usually outscore an unsupported one
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    assert wins / (len(pos) * len(neg)) > 0.6
