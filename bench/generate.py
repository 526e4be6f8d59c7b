#!/usr/bin/env python3
"""ROUGE of the offline extractive engine against human highlight bullets, held out.

Data: ../shared/data/dev/cnndm-highlights-dev.jsonl (75 CNN/DailyMail articles with
the bullets their editors wrote). Baseline: Lead-3, the first three sentences of the
same article as split by our own splitter, computed here on the same articles.

Scores are rouge-score's F-measure x100 with Porter stemming, averaged over articles.
Printed, for each bullet count n:
1. k-fold cross-validation (bench/tune_engine.py): weights chosen on k-1 folds, scored
   on the held-out fold; per fold and mean, engine vs Lead-3. This is the estimate of
   what the engine does on unseen articles.
2. The shipped engine (its weights were chosen on all 75, so this is in-sample and
   optimistic) on all articles: ROUGE-1/2/L/Lsum, bullets per draft, words per bullet
   and the longest bullet, how often the first body sentence is used, and how many
   bullets fail the fragment guard (no finite verb in a clause: the validator's
   `fragment` check, and the engine's own stricter one), and the paired standard
   error of the engine - Lead-3 difference (what 75 articles can resolve).
3. The same structural counts (no ROUGE: no human highlights) on the CNN/DailyMail
   articles of cliff-val.jsonl that are not in the dev set, which nothing was tuned on.

    python bench/generate.py [--data DIR] [-n 3 4] [-k 5] [--no-cv]
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
sys.path.insert(0, str(ROOT / "bench"))

from tune_engine import Scorer, cross_validate, folds, lead3, load, print_cv  # noqa: E402

from summarizer.errors import TakeawaysError  # noqa: E402
from summarizer.ingest import plain_article  # noqa: E402
from summarizer.providers.compress import local_fragment_reason  # noqa: E402
from summarizer.providers.extractive import DEFAULT_PARAMS, ExtractiveProvider, lede_index  # noqa: E402
from summarizer.text import word_count  # noqa: E402
from summarizer.validate.fragment import fragment_reason  # noqa: E402

try:
    from rouge_score import rouge_scorer
except ImportError:  # pragma: no cover
    sys.exit("bench/generate.py needs rouge-score: pip install '.[bench]'")

METRICS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def unseen(data: Path, dev_hashes: set[str], ns: list[int]) -> None:
    """The structural targets on CNN/DailyMail articles the weights never saw.

    ../shared/data/dev/cliff-val.jsonl carries CNN/DM articles (origin "cliff/cnndm",
    one record per model summary; no human highlights, so no ROUGE here): each article
    once, those also in the dev set left out. Counted: drafts, bullets that fail the
    fragment guards, words per bullet, and how often the first body sentence is used.
    """
    path = data / "cliff-val.jsonl"
    if not path.exists():
        print(f"\n(unseen articles: {path} not found, skipped)")
        return
    sources: dict[str, str] = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        doc = record.get("meta", {}).get("doc_id")
        if record.get("origin") == "cliff/cnndm" and doc and doc not in dev_hashes:
            sources.setdefault(doc, record["source"])
    articles = [plain_article(text) for text in sources.values()]
    engine = ExtractiveProvider()
    print(f"\nunseen: {len(articles)} CNN/DailyMail articles from {path.name} (not in the dev set; no human "
          "highlights, so structure only)")
    print(f"{'n':>3}{'drafts':>8}{'empty':>7}{'bullets':>9}{'words/b':>9}{'max w':>7}{'1st used':>10}{'frag v/e':>10}")
    for n in ns:
        bullets: list[str] = []
        first = empty = 0
        for article in articles:
            try:
                draft = engine.draft(article, n)
            except TakeawaysError:
                empty += 1
                continue
            bullets += [t.text for t in draft.takeaways]
            first += any(lede_index(article) in t.sources for t in draft.takeaways)
        frag_v = sum(fragment_reason(b) is not None for b in bullets)
        frag_e = sum(local_fragment_reason(b) is not None for b in bullets)
        print(f"{n:>3}{len(articles):>8}{empty:>7}{len(bullets):>9}{statistics.mean(map(word_count, bullets)):>9.1f}"
              f"{max(map(word_count, bullets)):>7}{100 * first / len(articles):>9.1f}%{f'{frag_v}/{frag_e}':>10}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("-n", type=int, nargs="+", default=[3, 4])
    parser.add_argument("-k", type=int, default=5, help="folds for cross-validation (default 5)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation (about a minute per n)")
    args = parser.parse_args()
    path, records, articles = load(args.data)
    refs = ["\n".join(r["highlights"]) for r in records]
    print(f"data: {path} ({len(records)} articles, "
          f"{statistics.mean(len(r['highlights']) for r in records):.1f} reference bullets on average, "
          f"{statistics.mean(word_count(h) for r in records for h in r['highlights']):.1f} words each)")
    print("ROUGE F-measure x100 (rouge-score, Porter stemmer), mean over articles\n")

    if not args.no_cv:
        for n in args.n:
            print_cv(cross_validate(articles, records, args.k, n), n)
            print()

    scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)
    engine = ExtractiveProvider()
    base = lead3(articles)
    systems: dict[str, list[list[str]]] = {"Lead-3": [base[i] for i in range(len(articles))]}
    first_used: dict[int, int] = {}
    started = time.perf_counter()
    seconds = 0.0
    for n in args.n:
        outs = []
        first_used[n] = 0
        for article in articles:
            t0 = time.perf_counter()
            draft = engine.draft(article, n)
            seconds += time.perf_counter() - t0
            outs.append([t.text for t in draft.takeaways])
            first_used[n] += any(lede_index(article) in t.sources for t in draft.takeaways)
        systems[f"extractive n={n}"] = outs
    elapsed = time.perf_counter() - started

    print(f"shipped engine {DEFAULT_PARAMS} on all {len(articles)} articles "
          "(in-sample: its weights were chosen on these)")
    header = (f"{'system':<18}" + "".join(f"{m:>10}" for m in METRICS)
              + f"{'bullets':>9}{'words/b':>9}{'max w':>7}{'1st used':>10}{'frag v/e':>10}")
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
        if name.startswith("extractive"):
            n = int(name.rsplit("=", 1)[1])
            frag_v = sum(fragment_reason(b) is not None for b in bullets)
            frag_e = sum(local_fragment_reason(b) is not None for b in bullets)
            row += f"{100 * first_used[n] / len(outputs):>9.1f}%{f'{frag_v}/{frag_e}':>10}"
        print(row)

    # the shipped engine per fold, beside Lead-3 (same folds as the cross-validation)
    rs = Scorer(records)
    for n in args.n:
        outs = dict(enumerate(systems[f"extractive n={n}"]))
        cells = []
        for f, idx in enumerate(folds(len(articles), args.k)):
            e, b = rs.mean(idx, outs), rs.mean(idx, base)
            cells.append(f"fold {f}: {e['rouge1']:.2f} vs {b['rouge1']:.2f}")
        print(f"shipped n={n}, ROUGE-1 engine vs Lead-3 per fold (in-sample): " + "; ".join(cells))
    # paired standard error of the per-article difference: what 75 articles can resolve
    for n in args.n:
        diff = [rs.score(i, systems[f"extractive n={n}"][i])["rouge1"] - rs.score(i, base[i])["rouge1"]
                for i in range(len(articles))]
        print(f"shipped n={n}, ROUGE-1 engine - Lead-3 per article: mean {statistics.mean(diff):+.2f}, paired "
              f"standard error {statistics.stdev(diff) / len(diff) ** 0.5:.2f}")
    unseen(args.data, {r["id"].split("-", 1)[1] for r in records}, args.n)
    drafts = len(articles) * len(args.n)
    print(f"\nengine time: {1000 * seconds / drafts:.1f} ms per draft ({drafts} drafts); "
          f"drafting and scoring {elapsed:.1f} s")
    print("1st used = drafts citing the first body sentence (a bare source credit such as '(The Hollywood Reporter)' is not body); frag v/e = bullets failing the validator's "
          "fragment check / the engine's own")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
