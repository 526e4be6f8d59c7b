"""Measure the judge: lexical checks alone vs lexical checks + judge, on the dev data.

Usage (from the repository root; needs an OpenAI-compatible endpoint):

    .venv/bin/python bench/judge.py --base-url http://127.0.0.1:8080/v1 --model M \
        [--protocol minicheck|chat] [--limit 40] [--context 2000] [--json OUT]

Sets (read at run time from ../shared/data/dev): frank-val, cliff-val, summedits
news (the `summedits/news` records of summedits-eval), and corrupted highlights: CNN/DM
human highlights (label supported) each with one planted error (label unsupported),
built by `bench/highlights.py` when that module is present (branch `validator`),
else by the small number/negation corruption below. `--limit N` takes the first N
records of each set (for highlights: N/2 highlights and their corrupted copies).

Per set it prints n, balanced accuracy (verdict == supported vs the human label) and
ROC-AUC of a score for: lexical alone (the validator's score), lexical + judge
(verdict as combined by the product; score = lexical score x P(yes), where P(yes) is
the judge's logprob score, or 1/0 for a bare Yes/No; unchanged when the judge did
not run), and the judge alone; plus judge requests, tokens, bullets not judged and
wall seconds. Answers are cached in a fresh temporary folder unless --cache DIR is
given, so requests are real. Nothing is tuned here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from validator import balanced_accuracy, roc_auc  # noqa: E402

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.judge import judge_settings  # noqa: E402
from summarizer.judge.cache import JudgeCache  # noqa: E402
from summarizer.judge.core import Judge, judge_answer  # noqa: E402
from summarizer.models import VERDICT_ORDER  # noqa: E402
from summarizer.validate import check_claim, split_claims, with_judge  # noqa: E402


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


_NUM = re.compile(r"\b\d[\d,.]*\b")


def _corrupt(text: str, source: str) -> str | None:
    """Fallback corruption: the first number changed to one the article never states,
    else "not" after the first "is/was/are/were/has/have/will"."""
    m = _NUM.search(text)
    if m:
        value = m.group(0).replace(",", "").rstrip(".")
        try:
            new = str(int(float(value)) * 3 + 7)
        except ValueError:
            new = None
        if new and new not in source:
            return text[: m.start()] + new + text[m.end():]
    m = re.search(r"\b(is|was|are|were|has|have|will)\b", text)
    if m:
        return text[: m.end()] + " not" + text[m.end():]
    return None


def highlight_records(path: Path, limit: int) -> tuple[list[dict], str]:
    try:
        import highlights  # bench/highlights.py (branch validator)

        items = highlights.build(path)
        out, seen = [], set()
        for it in items:  # one highlight per article, its corruption kinds in turn
            if it["id"] in seen:
                continue
            kinds = [k for k in highlights.KINDS if it["corrupt"].get(k)]
            if not kinds:
                continue
            seen.add(it["id"])
            kind = kinds[len(seen) % len(kinds)]
            rid = it["id"]
            out.append({"id": rid + ":orig", "source": it["source"], "summary": it["text"], "label": "supported"})
            out.append({"id": f"{rid}:{kind}", "source": it["source"], "summary": it["corrupt"][kind],
                        "label": "unsupported"})
            if limit and len(out) >= limit:
                break
        if out:
            return out[: limit or None], "bench/highlights.py"
    except Exception:  # noqa: BLE001 - absent or another shape: use the fallback below
        pass
    out = []
    for rec in load(path):
        for k, h in enumerate(rec.get("highlights") or []):
            bad = _corrupt(h, rec["source"])
            if bad is None:
                continue
            rid = f"{rec['id']}:{k}"
            out.append({"id": rid + ":orig", "source": rec["source"], "summary": h, "label": "supported"})
            out.append({"id": rid + ":bad", "source": rec["source"], "summary": bad, "label": "unsupported"})
            break  # one highlight per article
        if limit and len(out) >= limit:
            break
    return out[: limit or None], "fallback number/negation corruption (bench/judge.py)"


def run_set(records: list[dict], judge: Judge) -> dict:
    labels, lex_pred, lex_score, both_pred, both_score, j_pred, j_score = [], [], [], [], [], [], []
    requests = tokens_in = tokens_out = not_judged = claims_n = 0
    started = time.perf_counter()
    for rec in records:
        article = plain_article(rec["source"])
        claims = split_claims(rec["summary"])
        checks = [check_claim(article, c.text, form=False) for c in claims]
        judged, run = with_judge(article, [c.text for c in claims], checks, judge)
        if run is not None:
            requests += run.requests
            tokens_in += run.usage.prompt_tokens
            tokens_out += run.usage.completion_tokens
        claims_n += len(claims)
        labels.append(rec["label"] == "supported")
        worst = lambda cs: max((c.verdict for c in cs), key=VERDICT_ORDER.__getitem__) if cs else "supported"
        lex_pred.append(worst(checks) == "supported")
        lex_score.append(min((c.score for c in checks), default=1.0))
        both_pred.append(worst(judged) == "supported")
        factors, yes_all, p_min = [], True, 1.0
        for c in judged:
            said = judge_answer(c)
            detail = next((r.detail for r in c.checks if r.name == "judge"), None) or {}
            if said is None:
                not_judged += 1
                factors.append(1.0)
                continue
            p = detail.get("score")
            p = (1.0 if said else 0.0) if p is None else float(p)
            factors.append(p)
            yes_all = yes_all and said
            p_min = min(p_min, p)
        both_score.append(min((c.score * f for c, f in zip(checks, factors)), default=1.0))
        j_pred.append(yes_all)
        j_score.append(p_min)
    return {
        "n": len(records), "claims": claims_n,
        "lexical": {"ba": balanced_accuracy(labels, lex_pred), "auc": roc_auc(labels, lex_score)},
        "lexical+judge": {"ba": balanced_accuracy(labels, both_pred), "auc": roc_auc(labels, both_score)},
        "judge alone": {"ba": balanced_accuracy(labels, j_pred), "auc": roc_auc(labels, j_score)},
        "requests": requests, "tokens_in": tokens_in, "tokens_out": tokens_out, "claims_not_judged": not_judged,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--protocol", choices=["minicheck", "chat"], default="minicheck")
    ap.add_argument("--limit", type=int, default=40, help="first N records per set (default 40; 0 = all)")
    ap.add_argument("--context", type=int, default=None, help="--judge-context in tokens")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per judge request")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--cache", type=Path, help="reuse answers from this folder (default: a fresh temporary one)")
    ap.add_argument("--sets", default="frank-val,cliff-val,summedits-news,highlights")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    settings = judge_settings(base_url=args.base_url, model=args.model, protocol=args.protocol,
                              context_tokens=args.context, timeout=args.timeout, max_retries=1)
    tmp = None
    if args.cache is None:
        tmp = tempfile.TemporaryDirectory(prefix="judge-bench-")
    judge = Judge(settings, JudgeCache(args.cache or Path(tmp.name)))
    wanted = args.sets.split(",")
    sets: list[tuple[str, list[dict], str]] = []
    for name in ("frank-val", "cliff-val"):
        if name in wanted:
            sets.append((name, load(args.data / f"{name}.jsonl")[: args.limit or None], ""))
    if "summedits-news" in wanted:
        news = [r for r in load(args.data / "summedits-eval.jsonl") if r.get("origin") == "summedits/news"]
        sets.append(("summedits news", news[: args.limit or None], ""))
    if "highlights" in wanted:
        recs, how = highlight_records(args.data / "cnndm-highlights-dev.jsonl", args.limit)
        sets.append(("corrupted highlights", recs, how))
    print(f"judge: {args.model} at {args.base_url}, protocol {args.protocol}, context {settings.context_tokens} "
          f"tokens; data {args.data}; first {args.limit or 'all'} records per set")
    report = {}
    head = f"{'set':<22}{'n':>4}  {'lexical BA/AUC':>15}  {'lex+judge BA/AUC':>17}  {'judge BA/AUC':>13}" \
           f"  {'requests':>8} {'tok in':>7} {'tok out':>7} {'not run':>7} {'s':>7}"
    print(head)
    for name, recs, how in sets:
        m = run_set(recs, judge)
        report[name] = {**m, "corruption": how} if how else m
        f = lambda d: f"{d['ba']:.3f}/{d['auc']:.3f}"
        print(f"{name:<22}{m['n']:>4}  {f(m['lexical']):>15}  {f(m['lexical+judge']):>17}  {f(m['judge alone']):>13}"
              f"  {m['requests']:>8} {m['tokens_in']:>7} {m['tokens_out']:>7} {m['claims_not_judged']:>7}"
              f" {m['seconds']:>7.1f}", flush=True)
        if how:
            print(f"  ({name}: {how})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
