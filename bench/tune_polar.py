"""Choose where a polar word must be found (checks.POLAR_SCOPE / POLAR_SOURCE) on half A.

Usage (from the repository root):

    .venv/bin/python bench/tune_polar.py [--data FILE] [--half A]

Data: the highlights benchmark of bench/highlights.py (CNN/DM human highlights and
one corrupted copy per kind), read at run time. For each setting it prints the
highlights flagged and, per kind, the corrupted copies missed (copy not worse than
its supported original). Objective, the same as bench/tune_bullet_coverage.py's and
fixed before running: flagged + 2 x missed, over the number, not, opposite and
invented kinds (names have their own rules and scripts); ties go to the narrower
setting (off, then article, evidence, passage; curated before all). Half B is held
out: report it with bench/highlights.py afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import objective_of, tuning_half  # noqa: E402

from summarizer.validate import checks  # noqa: E402

KINDS = ("number", "not", "opposite", "invented")
SETTINGS = [("off", "curated")] + [(scope, source) for scope in ("article", "evidence", "passage")
                                   for source in ("curated", "all")]


def main(argv: list[str] | None = None) -> int:
    loaded = tuning_half(argv, __doc__.split("\n\n")[0])
    if loaded is None:
        return 2
    items, articles = loaded
    rows = []
    for scope, source in SETTINGS:
        checks.POLAR_SCOPE, checks.POLAR_SOURCE = scope, source
        flagged, missed, objective = objective_of(items, articles, KINDS)
        rows.append((objective, scope, source))
        print(f"{scope:<9}{source:<8} flagged {flagged:>3}  missed " + " ".join(f"{k} {v}" for k, v in missed.items())
              + f"  objective {objective}", flush=True)
    best = min(rows, key=lambda r: r[0])  # min keeps the first (narrowest) of equal objectives
    print(f"chosen: POLAR_SCOPE = {best[1]!r}, POLAR_SOURCE = {best[2]!r} (objective {best[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
