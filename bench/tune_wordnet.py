"""Choose the WordNet settings of the validator on half A of the highlights benchmark.

Usage (from the repository root):

    .venv/bin/python bench/tune_wordnet.py [--data FILE] [--half A]

Grid over `align.WORDNET_SENSES` (0 = off), `WORDNET_DERIVATIONS`,
`WORDNET_HYPERNYMS`, `WORDNET_SCOPE` and `checks.WORDNET_ANTONYM_SENSES`. For each
setting it runs bench/highlights.py's checks on the chosen half (A by default: tune
there, report B) and prints the share of human highlights flagged and the share of
corrupted copies caught per kind. The rule for choosing (written in the README): the
fewest flagged highlights among the settings whose caught rate per kind stays within
2 points of WordNet off (senses 0), ties to the simpler setting. Chosen on half A:
5 senses, no derivations, hyponyms, evidence scope; antonym senses made no
difference (set to 3 by hand).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import KINDS, build, run, summarise  # noqa: E402

import importlib  # noqa: E402

# the package re-exports the function `align`, so fetch the modules themselves
align = importlib.import_module("summarizer.validate.align")  # noqa: E402
checks = importlib.import_module("summarizer.validate.checks")  # noqa: E402
index = importlib.import_module("summarizer.validate.index")  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    ap.add_argument("--half", choices=("A", "B"), default="A")
    args = ap.parse_args(argv)
    items = [x for x in build(args.data) if x["half"] == args.half]
    print(f"data: {args.data}, half {args.half}: {len(items)} highlights")
    print(f"{'senses':>6} {'deriv':>5} {'hyper':>5} {'scope':>8} {'ant':>4} {'flagged':>8} " + " ".join(f"{k:>9}" for k in KINDS))
    grid = itertools.product((0, 3, 5), (False, True), (False, True), ("evidence", "article"), (0, 3))
    for senses, deriv, hyper, scope, ant in grid:
        if senses == 0 and (deriv or hyper or scope != "evidence"):
            continue
        align.WORDNET_SENSES, align.WORDNET_DERIVATIONS = senses, deriv
        align.WORDNET_HYPERNYMS, align.WORDNET_SCOPE = hyper, scope
        checks.WORDNET_ANTONYM_SENSES = ant
        index._CACHE.clear()
        checks._opposites.cache_clear()
        align.relatives.cache_clear()
        fresh = [dict(x, corrupt=dict(x["corrupt"])) for x in items]
        row = summarise(run(fresh))[args.half]
        print(f"{senses:>6} {deriv!s:>5} {hyper!s:>5} {scope:>8} {ant:>4} {row['flagged']:>8.1%} "
              + " ".join(f"{row[k][0]:>5.1%}/{row[k][1]:<3}" for k in KINDS), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
