"""Measure the validator on the annotated dev data in ../shared/data/dev.

Usage (from the repository root):

    /work/venv/bin/python bench/validator.py [--data DIR] [--json OUT]

For each labelled data set (and the `summedits/news` subset) it prints: n, balanced
accuracy of `verdict == "supported"` against the human label, ROC-AUC of the score,
character-level span precision/recall/F1 against the annotated unsupported spans
(where the set has spans) next to the baseline "mark every novel word", and claims
per second on one core (CPU time of this process, so other load on the machine
does not count), both for the checks alone (article index already built) and
including ingest (sentence splitting + index + claim splitting), each record on
its own; then, per data file, the speed of the real `takeaways validate --input`
command, which splits and indexes each distinct source once (issue #10's figure).

Nothing is tuned here: the validator runs with the thresholds written in
`summarizer/validate/scoring.py`. Every metric is also given on the two halves of
each set (A/B, by sha1 of the record id): thresholds were chosen on half A
(`bench/tune_validator.py --half A`), so half B is the held-out number.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.models import VERDICT_ORDER  # noqa: E402
from summarizer.text import stem  # noqa: E402
from summarizer.validate import check_claim, split_claims  # noqa: E402
from summarizer.validate.index import article_index  # noqa: E402
from summarizer.validate.tokens import is_content, tokens  # noqa: E402


def half(record_id: str) -> str:
    return "A" if hashlib.sha1(record_id.encode()).digest()[0] % 2 == 0 else "B"


def run_record(rec: dict) -> dict:
    """Validate one record as `takeaways validate` does; return verdict, score, spans, timings."""
    t0 = time.process_time()
    article = plain_article(rec["source"])
    article_index(article)
    claims = split_claims(rec["summary"])
    t1 = time.process_time()
    checks = [check_claim(article, c.text, form=False) for c in claims]
    t2 = time.process_time()
    if checks:
        verdict = max((c.verdict for c in checks), key=VERDICT_ORDER.__getitem__)
        score = min(c.score for c in checks)
    else:
        verdict, score = "supported", 1.0
    spans = [(c.start + s.start, c.start + s.end) for c, ch in zip(claims, checks) for s in ch.unsupported_spans]
    return {"verdict": verdict, "score": score, "spans": spans, "n_claims": len(claims),
            "prep_s": t1 - t0, "check_s": t2 - t1}


def novel_word_spans(rec: dict) -> list[tuple[int, int]]:
    """Baseline: every content word of the summary whose stem is not in the source."""
    src = {stem(w) for w, _, _ in tokens(rec["source"])}
    return [(s, e) for w, s, e in tokens(rec["summary"]) if is_content(w) and stem(w) not in src]


def balanced_accuracy(labels: list[bool], preds: list[bool]) -> float:
    pos = [p for l, p in zip(labels, preds) if l]
    neg = [not p for l, p in zip(labels, preds) if not l]
    parts = [sum(x) / len(x) for x in (pos, neg) if x]
    return sum(parts) / len(parts) if parts else float("nan")


def roc_auc(labels: list[bool], scores: list[float]) -> float:
    """Probability that a supported record scores above an unsupported one (ties = 1/2)."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    r = sum(rk for rk, l in zip(ranks, labels) if l)
    return (r - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def _chars(spans) -> set[int]:
    return {c for s, e in spans for c in range(s, e)}


def span_prf(golds: list, preds: list) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for g, p in zip(golds, preds):
        gs, ps = _chars(g), _chars(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def metrics(rows: list[tuple[dict, dict]], with_spans: bool) -> dict:
    labels = [r["label"] == "supported" for r, _ in rows]
    out = {
        "n": len(rows),
        "ba": balanced_accuracy(labels, [o["verdict"] == "supported" for _, o in rows]),
        "auc": roc_auc(labels, [o["score"] for _, o in rows]),
    }
    if with_spans:
        golds = [r["unsupported_spans"] for r, _ in rows]
        out["span"] = span_prf(golds, [o["spans"] for _, o in rows])
        out["span_baseline"] = span_prf(golds, [novel_word_spans(r) for r, _ in rows])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    ap.add_argument("--limit", type=int, default=0, help="first N records per file (smoke runs)")
    args = ap.parse_args(argv)
    files = sorted(p for p in args.data.glob("*.jsonl") if "highlights" not in p.name)
    if not files:
        print(f"no *.jsonl data in {args.data}", file=sys.stderr)
        return 2
    report = {}
    total_claims = total_prep = total_check = 0.0
    print(f"data: {args.data}")
    print(f"{'set':<24}{'half':>5}{'n':>6}{'BA':>7}{'AUC':>7}   span P/R/F1 (validator)   span P/R/F1 (novel words)")
    for path in files:
        records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        if args.limit:
            records = records[: args.limit]
        rows = []
        for rec in records:
            out = run_record(rec)
            total_claims += out["n_claims"]
            total_prep += out["prep_s"]
            total_check += out["check_s"]
            rows.append((rec, out))
        with_spans = any(r.get("unsupported_spans") for r in records)
        subsets = [(path.stem, rows)]
        if path.stem.startswith("summedits"):
            subsets.append((path.stem + ":news", [x for x in rows if x[0]["origin"] == "summedits/news"]))
        for name, sub in subsets:
            for h in ("all", "A", "B"):
                part = sub if h == "all" else [x for x in sub if half(x[0]["id"]) == h]
                m = metrics(part, with_spans)
                report[f"{name}/{h}"] = m
                line = f"{name:<24}{h:>5}{m['n']:>6}{m['ba']:>7.3f}{m['auc']:>7.3f}"
                if with_spans:
                    p, r, f = m["span"]
                    bp, br, bf = m["span_baseline"]
                    line += f"   {p:.3f}/{r:.3f}/{f:.3f}         {bp:.3f}/{br:.3f}/{bf:.3f}"
                print(line)
    speed = {
        "claims": int(total_claims),
        "claims_per_s_checks": total_claims / total_check if total_check else 0.0,
        "claims_per_s_with_ingest": total_claims / (total_check + total_prep) if total_check + total_prep else 0.0,
    }
    speed.update(input_speed(files, args.limit))
    report["speed"] = speed
    print(f"speed: {speed['claims']} claims; {speed['claims_per_s_checks']:.0f} claims/s checks only "
          f"(article index built); {speed['claims_per_s_with_ingest']:.0f} claims/s including sentence "
          f"splitting, indexing and claim splitting (CPU time, one process, one core)")
    print("speed of `takeaways validate --input FILE --output OUT`, one run per file (CPU time of this process, "
          "one core; each distinct source split and indexed once, reused across its records):")
    for name, f in speed["input_files"].items():
        print(f"  {name:<22}{f['records']:>5} records {f['sources']:>4} sources {f['claims']:>5} claims: "
              f"{f['claims_per_s']:>5.0f} claims/s whole command ({f['cpu_s']:.2f} CPU s), "
              f"{f['claims_per_s_checks']:>5.0f} claims/s checks alone")
    print(f"  {'all':<22}{speed['input_records']:>5} records {speed['input_sources']:>4} sources "
          f"{speed['input_claims']:>5} claims: {speed['input_claims_per_s']:>5.0f} claims/s whole command, "
          f"{speed['input_claims_per_s_checks']:>5.0f} claims/s checks alone")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


def input_speed(files: list[Path], limit: int = 0) -> dict:
    """Claims per CPU second through the real `validate --input` command, one run per
    data file (sources repeat: one article, several systems' summaries; the command
    splits and indexes each distinct source once and reuses it across its records).
    Two figures per file: the whole command (reading, sentence splitting, language
    detection, indexing, claim splitting, checks, JSON out) and the checks alone
    (CPU time inside `check_claim` with the article's index already built)."""
    import tempfile  # noqa: PLC0415

    import summarizer.commands.validate as command  # noqa: PLC0415
    from summarizer.cli import main as cli  # noqa: PLC0415

    check_s = [0.0]
    real_check = command.check_claim

    def timed_check(article, text, *a, **kw):
        article_index(article)  # built (or found) outside the timed part
        t = time.process_time()
        out = real_check(article, text, *a, **kw)
        check_s[0] += time.process_time() - t
        return out

    out: dict = {"input_files": {}}
    command.check_claim = timed_check
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for path in files:
                recs = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
                recs = recs[:limit] if limit else recs
                src, dst = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
                src.write_text("".join(json.dumps({"id": r["id"], "source": r["source"], "summary": r["summary"]})
                                       + "\n" for r in recs))
                check_s[0] = 0.0
                t0 = time.process_time()
                cli(["validate", "--input", str(src), "--output", str(dst)])
                dt = time.process_time() - t0
                n = sum(len(json.loads(x)["claims"]) for x in dst.read_text().splitlines())
                out["input_files"][path.stem] = {
                    "records": len(recs), "sources": len({r["source"] for r in recs}), "claims": n,
                    "cpu_s": dt, "check_cpu_s": check_s[0],
                    "claims_per_s": n / dt if dt else 0.0,
                    "claims_per_s_checks": n / check_s[0] if check_s[0] else 0.0,
                }
    finally:
        command.check_claim = real_check
    per = out["input_files"].values()
    n, dt, dc = sum(f["claims"] for f in per), sum(f["cpu_s"] for f in per), sum(f["check_cpu_s"] for f in per)
    out.update({"input_records": sum(f["records"] for f in per), "input_sources": sum(f["sources"] for f in per),
                "input_claims": n, "input_claims_per_s": n / dt if dt else 0.0,
                "input_claims_per_s_checks": n / dc if dc else 0.0})
    return out


if __name__ == "__main__":
    raise SystemExit(main())
