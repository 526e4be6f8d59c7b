#!/usr/bin/env python3
"""ROUGE of the offline extractive engine against human highlight bullets.

Data: ../shared/data/dev/cnndm-highlights-dev.jsonl (CNN/DailyMail articles with the
bullets their editors wrote). Baseline: Lead-3, the first three sentences of the
same article as split by our own splitter, computed here on the same articles.

Scores are rouge-score's F-measure with Porter stemming, averaged over articles:
ROUGE-1, ROUGE-2, ROUGE-L (one sequence) and ROUGE-Lsum (per-line, the usual
CNN/DM summary-level variant). Nothing is tuned at run time.

    python bench/generate.py [--data DIR] [-n 3 4 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.providers.extractive import ExtractiveProvider  # noqa: E402
from summarizer.text import word_count  # noqa: E402

try:
    from rouge_score import rouge_scorer
except ImportError:  # pragma: no cover
    sys.exit("bench/generate.py needs rouge-score: pip install '.[bench]'")

METRICS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("-n", type=int, nargs="+", default=[3, 4, 5])
    args = parser.parse_args()
    path = args.data / "cnndm-highlights-dev.jsonl"
    if not path.exists():
        sys.exit(f"bench/generate.py: {path} not found (pass --data DIR)")
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
    engine = ExtractiveProvider()

    systems: dict[str, list[list[str]]] = {"Lead-3": []}
    for n in args.n:
        systems[f"extractive n={n}"] = []
    refs: list[str] = []
    started = time.perf_counter()
    seconds = 0.0
    for rec in records:
        article = plain_article(rec["source"])
        refs.append("\n".join(rec["highlights"]))
        systems["Lead-3"].append([article.sentence_text(i) for i in range(min(3, len(article.sentences)))])
        for n in args.n:
            t0 = time.perf_counter()
            draft = engine.draft(article, n)
            seconds += time.perf_counter() - t0
            systems[f"extractive n={n}"].append([t.text for t in draft.takeaways])
    elapsed = time.perf_counter() - started

    print(f"data: {path} ({len(records)} articles, "
          f"{statistics.mean(len(r['highlights']) for r in records):.1f} reference bullets on average, "
          f"{statistics.mean(word_count(h) for r in records for h in r['highlights']):.1f} words each)")
    print("ROUGE F-measure x100 (rouge-score, Porter stemmer), mean over articles\n")
    header = f"{'system':<18}" + "".join(f"{m:>10}" for m in METRICS) + f"{'bullets':>9}{'words/b':>9}{'max w':>7}"
    print(header)
    print("-" * len(header))
    for name, outputs in systems.items():
        sums = {m: 0.0 for m in METRICS}
        for out, ref in zip(outputs, refs):
            scores = scorer.score(ref, "\n".join(out))
            for m in METRICS:
                sums[m] += scores[m].fmeasure
        bullets = [b for out in outputs for b in out]
        row = f"{name:<18}" + "".join(f"{100 * sums[m] / len(refs):>10.2f}" for m in METRICS)
        row += f"{len(bullets) / len(outputs):>9.2f}{statistics.mean(map(word_count, bullets)):>9.1f}"
        row += f"{max(map(word_count, bullets)):>7}"
        print(row)
    drafts = len(records) * len(args.n)
    print(f"\nengine time: {1000 * seconds / drafts:.1f} ms per draft ({drafts} drafts); total run {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
