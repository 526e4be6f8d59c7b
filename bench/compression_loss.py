#!/usr/bin/env python3
"""Why compression costs ROUGE: what each deletion removes, and how much of it the
references contain.

Data: ../shared/data/dev/cnndm-highlights-dev.jsonl (75 CNN/DailyMail articles with
their human highlights), read at run time. System: "Lead-3 compressed", the first three
body sentences that compress to a whole clause (what the engine does without its
ranker). For every compression step (dateline and furniture, parenthesis, attribution,
trailing clause, cut at a clause boundary, ...) it counts the tokens deleted and their
marginal hit rate: how many more reference tokens ROUGE-1 would match if that step's
deletions were put back, per token put back (clipped counts, Porter stemmer, as
rouge-score). ROUGE-1 F = 2M / (|system| + |reference|), so adding k tokens with m new
matches raises F only when m / k > F / 2: a step whose hit rate is above F / 2 deletes
words that were worth more to the score than their length cost.

It also prints baselines of the same articles at several lengths (Lead-k, Lead-3 with
each sentence truncated, the first N words), and the paired standard error of the
engine - Lead-3 difference, which says how large a difference 75 articles can resolve.

    python bench/compression_loss.py [--data DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tune_engine import Scorer, lead3, load  # noqa: E402

from summarizer.providers.compress import compression_steps, unglue  # noqa: E402
from summarizer.providers.extractive import ExtractiveProvider, lede_index  # noqa: E402
from summarizer.text import word_count  # noqa: E402

try:
    from rouge_score import rouge_scorer
except ImportError:  # pragma: no cover
    sys.exit("bench/compression_loss.py needs rouge-score: pip install '.[bench]'")


def overlap(a: Counter, b: Counter) -> int:
    return sum(min(c, b[t]) for t, c in a.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    args = parser.parse_args()
    path, records, articles = load(args.data)
    tok = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer.tokenize
    scorer = Scorer(records)
    idx = list(range(len(articles)))
    print(f"data: {path} ({len(records)} articles)\n")

    # Lead-3 compressed, with the trace of every step
    outputs: dict[int, list[str]] = {}
    deleted: dict[int, dict[str, Counter]] = {}
    rejected_tokens = 0
    for i, article in enumerate(articles):
        bullets: list[str] = []
        removed: dict[str, Counter] = defaultdict(Counter)
        for j in range(lede_index(article), len(article.sentences)):
            sentence = article.sentence_text(j)
            bullet, steps = None, []
            for part in unglue(sentence):  # as `compress`: the first part that compresses whole
                bullet, steps = compression_steps(part)
                if bullet is not None:
                    break
            if bullet is None:
                rejected_tokens += len(tok(sentence))
                continue
            for name, before, after in steps:
                removed[name] += Counter(tok(before)) - Counter(tok(after))
            bullets.append(bullet)
            if len(bullets) == 3:
                break
        outputs[i], deleted[i] = bullets, removed

    f_mean = scorer.mean(idx, outputs)["rouge1"] / 100
    print(f"Lead-3 compressed: ROUGE-1 {100 * f_mean:.2f}; break-even hit rate F/2 = {f_mean / 2:.3f}")
    print(f"{'step':<26}{'tokens deleted':>15}{'marginal hits':>15}{'hit rate':>10}  verdict")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i in idx:
        ref = Counter(tok("\n".join(records[i]["highlights"])))
        out = Counter(tok("\n".join(outputs[i])))
        base = overlap(out, ref)
        for name, toks in deleted[i].items():
            totals[name][0] += sum(toks.values())
            totals[name][1] += overlap(out + toks, ref) - base
    for name, (count, hits) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        rate = hits / count if count else 0.0
        verdict = "costs ROUGE" if rate > f_mean / 2 else "helps ROUGE"
        print(f"{name:<26}{count:>15}{hits:>15}{rate:>10.3f}  {verdict}")
    print(f"(sentences among the first three that no rule makes a whole clause of <= 25 words: "
          f"{rejected_tokens} tokens, replaced by later sentences)\n")

    # the same articles at several lengths
    def body(a):  # noqa: ANN001, ANN202
        return [a.sentence_text(j) for j in range(lede_index(a), len(a.sentences))]

    systems = {
        "Lead-3": lead3(articles),
        "Lead-2": {i: body(a)[:2] for i, a in enumerate(articles)},
        "Lead-4": {i: body(a)[:4] for i, a in enumerate(articles)},
        "Lead-3, each cut at 25 words": {i: [" ".join(s.split()[:25]) for s in body(a)[:3]]
                                         for i, a in enumerate(articles)},
        "Lead-3 compressed": outputs,
        "engine n=3 (shipped)": {i: [t.text for t in ExtractiveProvider().draft(a, 3).takeaways]
                                 for i, a in enumerate(articles)},
    }
    for n_words in (45, 60, 75, 90):
        systems[f"first {n_words} words (not bullets)"] = {
            i: [" ".join(" ".join(body(a)).split()[:n_words])] for i, a in enumerate(articles)}
    print(f"{'system':<36}{'R1':>7}{'R2':>7}{'RLsum':>7}{'words':>7}")
    for name, out in systems.items():
        m = scorer.mean(idx, out)
        words = statistics.mean(sum(word_count(b) for b in out[i]) for i in idx)
        print(f"{name:<36}{m['rouge1']:>7.2f}{m['rouge2']:>7.2f}{m['rougeLsum']:>7.2f}{words:>7.1f}")
    diff = [scorer.score(i, systems["engine n=3 (shipped)"][i])["rouge1"] - scorer.score(i, systems["Lead-3"][i])["rouge1"]
            for i in idx]
    se = statistics.stdev(diff) / len(diff) ** 0.5
    print(f"\nengine - Lead-3, ROUGE-1 per article: mean {statistics.mean(diff):+.2f}, paired standard error {se:.2f} "
          f"(a difference under ~{2 * se:.1f} is within noise on {len(diff)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
