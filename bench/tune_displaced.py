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

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import name_swaps, tuning_half  # noqa: E402

from summarizer.validate import checks, nearby  # noqa: E402

GRID = {
    "DISPLACED_BEFORE": (0, 1, 2, 3),
    "DISPLACED_OWN": (0.3, 0.5, 0.7, 0.9, 1.0),
}


def main(argv: list[str] | None = None) -> int:
    loaded = tuning_half(argv, __doc__.split("\n\n")[0])
    if loaded is None:
        return 2
    items, articles = loaded
    checks.DISPLACED_NAMES = False
    off = name_swaps(items, articles)
    checks.DISPLACED_NAMES = True
    print(f"rule off: flagged {off[0]}, swaps caught {off[1]}/{off[2]}")
    rows = []
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values))
        for k, v in setting.items():
            setattr(nearby, k, v)
        f, c, b = name_swaps(items, articles)
        rows.append((setting, f, c, b))
        print(" ".join(f"{k}={v}" for k, v in setting.items()) + f"  flagged {f}  caught {c}/{b}", flush=True)
    rows.sort(key=lambda r: (r[1] + 2 * (r[3] - r[2]), -r[0]["DISPLACED_BEFORE"], r[0]["DISPLACED_OWN"]))
    s, f, c, b = rows[0]
    print("chosen: " + " ".join(f"{k}={v}" for k, v in s.items()) + f"  flagged {f}  caught {c}/{b}"
          f"  objective {f + 2 * (b - c)} (rule off: {off[0] + 2 * (off[2] - off[1])})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
