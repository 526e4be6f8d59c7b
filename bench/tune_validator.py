"""Choose the validator's severities and threshold on half A of the dev data.

Usage: /work/venv/bin/python bench/tune_validator.py [--data DIR] [--half A] [--trials N]

Extracts raw per-claim features once (coverage weights, missing / misplaced numbers
and names, failed quote / negation / antonym / role checks), then random-searches the
constants of `summarizer/validate/checks.py` and `scoring.py` for the best mean
balanced accuracy (severities of missing numbers and misquotes kept >= 0.5, a desk
rule) over frank-val, cliff-val and summedits news restricted to the
chosen half (ids hashed by `bench/validator.py:half`). It prints the best setting
and its numbers on both halves; a person then writes the constants into the code.
`--relations` instead grid-searches only the relation check's claim window,
evidence window and severity (`summarizer/validate/relations.py`), every other
constant fixed, and prints the best settings on the chosen half next to the other
half. Nothing here runs at validation time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from validator import balanced_accuracy, half, roc_auc  # noqa: E402

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.validate import checks as C  # noqa: E402
from summarizer.validate import relations as R  # noqa: E402
from summarizer.validate import split_claims  # noqa: E402
from summarizer.validate.align import align  # noqa: E402
from summarizer.validate.index import article_index  # noqa: E402
from summarizer.validate.scoring import SUPPORTED_MIN  # noqa: E402


REL_WINDOWS = [(cw, ew) for cw in (1, 2, 3, 4) for ew in (6, 8, 10, 12, 15, 30)]


def features(article, text: str) -> dict:
    idx = article_index(article)
    al = align(text, idx)
    tot = sum(w.weight for w in al.words) or 1.0
    ev = sum(w.weight for w in al.words if al.in_evidence(w)) / tot
    el = sum(w.weight for w in al.words if w.sentences and not al.in_evidence(w)) / tot
    names = [w for w in al.words if w.is_name and not w.text[:1].isdigit()]
    _, miss, els = C.number_status(al, idx)
    n_miss, n_el = len(miss), len(els)
    neg = C.negation(al, idx)
    best1 = C.best_passage(al)[1]
    return {
        "ev1": best1,
        "ev": ev, "el": el,
        "name_miss": sum(1 for w in names if not w.sentences),
        "name_el": sum(1 for w in names if w.sentences and not al.in_evidence(w)),
        "num_miss": n_miss, "num_el": n_el,
        "quote": 0 if C.quotes(al, idx).passed else 1,
        "neg": 0 if neg.passed else (1 if neg.severity >= C.NEGATION_FLIP - 1e-9 and "negation" in neg.message else 0),
        "ant": neg.message.count("its opposite"),
        "role": 0 if C.roles(al, idx).passed else 1,
        # failed phrase pairs for each (claim window, evidence window) tried by --relations
        "rel": {f"{cw},{ew}": len(R.failed_pairs(al, idx, cw, ew)[1]) for cw, ew in REL_WINDOWS},
    }


def claim_score(f: dict, p: dict) -> float:
    cov = f["ev"] + p["credit"] * f["el"]
    s = cov ** p["cov_pow"]
    s *= 1 - p["spread"] * max(0.0, f["ev"] - f["ev1"])
    s *= (1 - p["num_miss"]) ** f["num_miss"] * (1 - p["num_el"]) ** f["num_el"]
    s *= (1 - p["name_miss"]) ** f["name_miss"] * (1 - p["name_el"]) ** f["name_el"]
    s *= (1 - p["quote"]) ** f["quote"] * (1 - p["neg"]) ** f["neg"] * (1 - p["ant"]) ** f["ant"]
    s *= (1 - p["role"]) ** f["role"]
    s *= (1 - p["rel"]) ** f["rel"].get(p["rel_cfg"], 0)
    return s


def evaluate(sets: dict, p: dict, which: str) -> dict:
    out = {}
    for name, recs in sets.items():
        part = [r for r in recs if which == "all" or r["half"] == which]
        labels = [r["label"] for r in part]
        scores = [min((claim_score(f, p) for f in r["claims"]), default=1.0) for r in part]
        out[name] = (balanced_accuracy(labels, [s >= p["thr"] for s in scores]), roc_auc(labels, scores))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--half", default="A")
    ap.add_argument("--trials", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--relations", action="store_true", help="grid-search only the relation check's constants")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/validator_features_v2.json"))
    args = ap.parse_args()
    if args.cache.exists():
        sets = json.loads(args.cache.read_text())
    else:
        sets = {}
        for fname, key, origin in (("frank-val", "frank", None), ("cliff-val", "cliff", None),
                                   ("summedits-eval", "summedits-news", "summedits/news")):
            recs = []
            for line in (args.data / f"{fname}.jsonl").read_text().splitlines():
                r = json.loads(line)
                if origin and r["origin"] != origin:
                    continue
                a = plain_article(r["source"])
                recs.append({"label": r["label"] == "supported", "half": half(r["id"]),
                             "claims": [features(a, c.text) for c in split_claims(r["summary"])]})
            sets[key] = recs
        args.cache.write_text(json.dumps(sets))
    current = {"credit": C.ELSEWHERE_CREDIT, "cov_pow": C.COVERAGE_POWER, "num_miss": C.NUMBER_MISSING,
               "num_el": C.NUMBER_ELSEWHERE, "name_miss": C.NAME_MISSING, "name_el": C.NAME_ELSEWHERE,
               "quote": C.QUOTE_MISSING, "neg": C.NEGATION_FLIP, "ant": C.ANTONYM_FLIP, "role": C.ROLE_SWAP,
               "thr": SUPPORTED_MIN, "spread": C.LOCALITY_SPREAD,
               "rel": R.RELATION_BREAK, "rel_cfg": f"{R.CLAIM_WINDOW},{R.EVIDENCE_WINDOW}"}
    # Desk rules, not tuned: an invented number or a misquote alone must make a claim
    # unsupported, so their severities stay at or above 1 - UNSUPPORTED_BELOW.
    floors = {"num_miss": 0.5, "quote": 0.5}
    rng = random.Random(args.seed)

    def objective(p):
        r = evaluate(sets, p, args.half)
        return sum(ba for ba, _ in r.values()) / len(r)

    if args.relations:
        # grid over the relation check's windows and severity, every other constant fixed
        base = dict(current, rel=0.0)
        print("without relations", {w: round(ba, 3) for w, (ba, _) in evaluate(sets, base, args.half).items()},
              round(objective(base), 4))
        grid = []
        for cw, ew in REL_WINDOWS:
            for sev in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
                p = dict(current, rel=sev, rel_cfg=f"{cw},{ew}")
                grid.append((objective(p), cw, ew, sev))
        grid.sort(reverse=True)
        for v, cw, ew, sev in grid[:15]:
            p = dict(current, rel=sev, rel_cfg=f"{cw},{ew}")
            o = "A" if args.half == "B" else "B"
            ob = evaluate(sets, p, o)
            print(f"claim_window={cw} evidence_window={ew} severity={sev}: half {args.half} {v:.4f}; "
                  f"half {o} {sum(ba for ba, _ in ob.values()) / len(ob):.4f}")
        return 0
    best, best_v = current, objective(current)
    for _ in range(args.trials):
        p = dict(best)
        # only numeric constants are perturbed: `rel_cfg` names a window pair (a string)
        for k in rng.sample(sorted(k for k, v in p.items() if isinstance(v, float | int)), 3):
            p[k] = min(0.95, max(floors.get(k, 0.0), p[k] + rng.gauss(0, 0.1))) if k != "cov_pow" else max(0.5, p[k] + rng.gauss(0, 0.5))
        v = objective(p)
        if v > best_v:
            best, best_v = p, v
    print("best on half", args.half, json.dumps({k: v if isinstance(v, str) else round(v, 3) for k, v in best.items()}))
    for which in ("A", "B", "all"):
        r = evaluate(sets, best, which)
        print(which, {k: (round(ba, 3), round(auc, 3)) for k, (ba, auc) in r.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
