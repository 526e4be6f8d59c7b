"""Choose `MERGE_GAP_WORDS` (summarizer/validate/__init__.py) on half A, report half B.

The validator joins unsupported words separated only by a few stop words ("Lee" +
"Westwood" -> "Lee Westwood") so that an editor sees phrases. How many stop words
may sit between them decides the unsupported spans, so it is chosen by the
character-level span F1 against the human-annotated unsupported spans of the dev
sets that have them (cliff-val, summedits-eval), on half A of the records (sha1 of
the id, as bench/validator.py); half B is the held-out figure. Verdicts and scores
do not depend on it.

    python bench/tune_merge_gap.py [--data DIR] [--values 0,1,2,3,4]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import summarizer.validate as V  # noqa: E402
from validator import half, run_record, span_prf  # noqa: E402

SETS = ("cliff-val", "summedits-eval")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    ap.add_argument("--values", default="0,1,2,3,4", help="gap sizes to try (stop words)")
    args = ap.parse_args(argv)
    records = {name: [json.loads(x) for x in (args.data / f"{name}.jsonl").read_text().splitlines() if x.strip()]
               for name in SETS}
    shipped = V.MERGE_GAP_WORDS
    print(f"span F1 (character level) against annotated unsupported spans; data {args.data}; "
          f"shipped MERGE_GAP_WORDS = {shipped}")
    print(f"{'gap':>4}" + "".join(f"{name + ' ' + h:>20}" for name in SETS for h in ("A", "B")) + f"{'mean A':>9}")
    results: dict[int, float] = {}
    for gap in (int(v) for v in args.values.split(",")):
        V.MERGE_GAP_WORDS = gap
        row, mean_a = [], []
        for name in SETS:
            rows = [(r, run_record(r)) for r in records[name]]
            for h in ("A", "B"):
                part = [(r, o) for r, o in rows if half(r["id"]) == h]
                _, _, f1 = span_prf([r.get("unsupported_spans") or [] for r, _ in part], [o["spans"] for _, o in part])
                row.append(f1)
                if h == "A":
                    mean_a.append(f1)
        results[gap] = sum(mean_a) / len(mean_a)
        print(f"{gap:>4}" + "".join(f"{f:>20.4f}" for f in row) + f"{results[gap]:>9.4f}", flush=True)
    V.MERGE_GAP_WORDS = shipped
    best = max(results, key=lambda g: (round(results[g], 4), -g))  # ties: the smaller gap
    print(f"chosen on half A: MERGE_GAP_WORDS = {best} (mean span F1 {results[best]:.4f}); shipped: {shipped}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
