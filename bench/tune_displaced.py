"""Choose the constants of the sentence-level name rule (nearby.displaced_names) on half A.

Usage (from the repository root):

    .venv/bin/python bench/tune_displaced.py [--data FILE] [--half A]

Data: the highlights benchmark of bench/highlights.py (CNN/DM human highlights and a
copy of each with a name swapped for another name of the same article), read at run
time. Only the originals and their name-swap copies of the chosen half are checked.
For every setting of the grid (DISPLACED_BEFORE: how many sentences before the main
one may name the claim's person; DISPLACED_OWN: the share of the main sentence's
claim weight that makes a sentence naming the name its own) it prints the highlights
flagged (verdict not `supported`) and the swaps caught (copy worse than its
supported original). Rule, as bench/tune_nearby.py and bench/tune_polar.py: the
lowest flagged + 2 x swaps missed, then the rule that fires least (more sentences
before, lower share). Takes about a minute on one core. Half B is held out: report
it with bench/highlights.py afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import name_rule_grid, tuning_half  # noqa: E402

from summarizer.validate import nearby  # noqa: E402

GRID = {
    "DISPLACED_BEFORE": (0, 1, 2, 3),
    "DISPLACED_OWN": (0.3, 0.5, 0.7, 0.9, 1.0),
}


def main(argv: list[str] | None = None) -> int:
    loaded = tuning_half(argv, __doc__.split("\n\n")[0])
    if loaded is None:
        return 2
    items, articles = loaded
    return name_rule_grid(nearby, GRID, "DISPLACED_NAMES", items, articles, lambda s: (-s["DISPLACED_BEFORE"], s["DISPLACED_OWN"]))


if __name__ == "__main__":
    raise SystemExit(main())
