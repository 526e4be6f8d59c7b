#!/usr/bin/env python3
"""Choose the offline engine's weights by k-fold cross-validation on the dev articles.

Data: ../shared/data/dev/cnndm-highlights-dev.jsonl (75 CNN/DailyMail articles; the
reference is each article's `highlights`). Folds: article i goes to fold i mod k
(deterministic). For each fold, a grid search over EngineParams on the other k-1
folds picks the weights with the best mean ROUGE-1 F1 at n bullets; those weights are
then scored on the held-out fold. The held-out mean is the honest estimate; the
"fitted" figure (the same search on all articles, scored on them) is what the shipped
defaults were chosen by and is optimistic.

The grid is deliberately small (three numbers, 18 combinations; w_headline and
redundancy stay fixed, the dev articles having no headlines): the engine's gains
are meant to come from structure (lede first, whole-clause compression), not from
many weights fitted to 75 articles.

    python bench/tune_engine.py [--data DIR] [-k 5] [-n 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.models import Article  # noqa: E402
from summarizer.providers.extractive import DEFAULT_PARAMS, EngineParams, ExtractiveProvider  # noqa: E402

try:
    from rouge_score import rouge_scorer
except ImportError:  # pragma: no cover
    sys.exit("bench/tune_engine.py needs rouge-score: pip install '.[bench]'")

METRICS = ["rouge1", "rouge2", "rougeLsum"]
GRID = {
    "target": [18, 21, 25],
    "w_centrality": [0.0, 0.1, 0.2],
    "w_names": [0.0, 0.2],
}


def grid() -> list[EngineParams]:
    keys = list(GRID)
    fixed = {k: v for k, v in asdict(DEFAULT_PARAMS).items() if k not in GRID}
    return [EngineParams(**dict(zip(keys, values)), **fixed)
            for values in itertools.product(*(GRID[k] for k in keys))]


def load(data: Path) -> tuple[Path, list[dict], list[Article]]:
    path = data / "cnndm-highlights-dev.jsonl"
    if not path.exists():
        sys.exit(f"bench: {path} not found (pass --data DIR)")
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return path, records, [plain_article(r["source"]) for r in records]


class Scorer:
    """ROUGE F1 x100 of bullet lists against each article's highlights, cached."""

    def __init__(self, records: list[dict]) -> None:
        self.refs = ["\n".join(r["highlights"]) for r in records]
        self.scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
        self.cache: dict[tuple[int, tuple[str, ...]], dict[str, float]] = {}

    def score(self, i: int, bullets: list[str]) -> dict[str, float]:
        key = (i, tuple(bullets))
        if key not in self.cache:
            s = self.scorer.score(self.refs[i], "\n".join(bullets))
            self.cache[key] = {m: 100 * s[m].fmeasure for m in METRICS}
        return self.cache[key]

    def mean(self, idx: list[int], outputs: dict[int, list[str]]) -> dict[str, float]:
        rows = [self.score(i, outputs[i]) for i in idx]
        return {m: statistics.mean(r[m] for r in rows) for m in METRICS}


def lead3(articles: list[Article]) -> dict[int, list[str]]:
    return {i: [a.sentence_text(j) for j in range(min(3, len(a.sentences)))] for i, a in enumerate(articles)}


class Runner:
    """Drafts per (params, article), cached, so a grid search drafts each once."""

    def __init__(self, articles: list[Article], n: int) -> None:
        self.articles = articles
        self.n = n
        self.cache: dict[EngineParams, dict[int, list[str]]] = {}

    def outputs(self, params: EngineParams) -> dict[int, list[str]]:
        if params not in self.cache:
            engine = ExtractiveProvider(params)
            self.cache[params] = {i: [t.text for t in engine.draft(a, self.n).takeaways]
                                  for i, a in enumerate(self.articles)}
        return self.cache[params]


def best_params(runner: Runner, scorer: Scorer, idx: list[int]) -> tuple[EngineParams, float]:
    """The grid point with the best mean ROUGE-1 on articles `idx` (ties: first in grid)."""
    best: tuple[EngineParams, float] | None = None
    for params in grid():
        r1 = scorer.mean(idx, runner.outputs(params))["rouge1"]
        if best is None or r1 > best[1] + 1e-9:
            best = (params, r1)
    assert best is not None
    return best


def folds(count: int, k: int) -> list[list[int]]:
    return [[i for i in range(count) if i % k == f] for f in range(k)]


def cross_validate(articles: list[Article], records: list[dict], k: int, n: int) -> list[dict]:
    """Per fold: the weights chosen on the other folds and the held-out scores."""
    runner, scorer = Runner(articles, n), Scorer(records)
    base = lead3(articles)
    rows = []
    for f, held in enumerate(folds(len(articles), k)):
        train = [i for i in range(len(articles)) if i not in set(held)]
        params, train_r1 = best_params(runner, scorer, train)
        rows.append({
            "fold": f, "articles": len(held), "params": params, "train_rouge1": train_r1,
            "engine": scorer.mean(held, runner.outputs(params)), "lead3": scorer.mean(held, base),
        })
    return rows


def print_cv(rows: list[dict], n: int) -> None:
    print(f"{len(rows)}-fold cross-validation, n={n} bullets: weights chosen on k-1 folds (grid of "
          f"{len(grid())}), ROUGE F1 x100 on the held-out fold")
    print(f"{'fold':>4} {'arts':>4}  {'target':>6} {'w_cent':>6} {'w_name':>6}  {'fit R1':>6}  "
          f"{'engine R1/R2/RLsum':>20}  {'Lead-3 R1/R2/RLsum':>20}")
    for r in rows:
        p, e, b = r["params"], r["engine"], r["lead3"]
        print(f"{r['fold']:>4} {r['articles']:>4}  {p.target:>6} {p.w_centrality:>6} {p.w_names:>6}  "
              f"{r['train_rouge1']:>6.2f}  {e['rouge1']:>6.2f}/{e['rouge2']:>5.2f}/{e['rougeLsum']:>6.2f}  "
              f"{b['rouge1']:>6.2f}/{b['rouge2']:>5.2f}/{b['rougeLsum']:>6.2f}")
    # mean over folds weighted by fold size = mean over articles
    total = sum(r["articles"] for r in rows)

    def wmean(key: str, m: str) -> float:
        return sum(r[key][m] * r["articles"] for r in rows) / total

    e = {m: wmean("engine", m) for m in METRICS}
    b = {m: wmean("lead3", m) for m in METRICS}
    print(f"{'mean':>4} {total:>4}  {'':>6} {'':>6} {'':>6}  {'':>6}  "
          f"{e['rouge1']:>6.2f}/{e['rouge2']:>5.2f}/{e['rougeLsum']:>6.2f}  "
          f"{b['rouge1']:>6.2f}/{b['rouge2']:>5.2f}/{b['rougeLsum']:>6.2f}")
    print(f"held-out ROUGE-1 engine - Lead-3: {e['rouge1'] - b['rouge1']:+.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()
    path, records, articles = load(args.data)
    print(f"data: {path} ({len(records)} articles)")
    rows = cross_validate(articles, records, args.k, args.n)
    print_cv(rows, args.n)
    runner, scorer = Runner(articles, args.n), Scorer(records)
    params, fitted = best_params(runner, scorer, list(range(len(articles))))
    print(f"\nfitted on all {len(articles)} (in-sample, optimistic): {asdict(params)} -> ROUGE-1 {fitted:.2f}")
    print(f"shipped defaults: {asdict(DEFAULT_PARAMS)}"
          + ("" if params == DEFAULT_PARAMS else "  (differ from the fit: update EngineParams)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
