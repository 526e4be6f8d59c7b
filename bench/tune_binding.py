"""Choose the clause-binding constants (summarizer/validate/binding.py) on half A.

Usage (from the repository root):

    .venv/bin/python bench/tune_binding.py [--data FILE] [--half A]

Data: the highlights benchmark of bench/highlights.py (CNN/DM human highlights and
one corrupted copy per kind of error), read at run time. Clause binding ties names
AND figures, so every kind is scored, not only name swaps: for each setting of the
grid it prints the highlights flagged (verdict not `supported`) and the corrupted
copies missed over all kinds (copy not worse than its supported original). Rule,
as the other tuning scripts: the lowest flagged + 2 x missed; on a tie the setting
nearest today's (fewest constants changed). Grid: JOIN_SLACK (a clause with this
many fewer predicate words may still carry the name), MIN_PREDICATE_HITS (predicate
words a clause needs to be tied to the claim), OBJECT_NAMES (compare non-subject
names with every name of the clause), STRICT_OBJECTS (other names joined only
through a clause as strong as the best). About 2 minutes on one core. Half B is
held out: report it with bench/highlights.py afterwards.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import corrupted_misses, tuning_half  # noqa: E402

from summarizer.validate import binding  # noqa: E402

GRID = {
    "JOIN_SLACK": (0, 1, 2),
    "MIN_PREDICATE_HITS": (2, 3),
    "OBJECT_NAMES": (True, False),
    "STRICT_OBJECTS": (True, False),
}


def score(items: list[dict], articles: dict) -> tuple[int, int, int]:
    """(highlights flagged, corrupted copies missed, copies of supported originals)."""
    flagged, per = corrupted_misses(items, articles)
    return flagged, sum(m for m, _ in per.values()), sum(b for _, b in per.values())


def main(argv: list[str] | None = None) -> int:
    loaded = tuning_half(argv, __doc__.split("\n\n")[0])
    if loaded is None:
        return 2
    items, articles = loaded
    today = {k: getattr(binding, k) for k in GRID}
    rows = []
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values))
        for k, v in setting.items():
            setattr(binding, k, v)
        f, m, b = score(items, articles)
        changed = sum(setting[k] != today[k] for k in GRID)
        rows.append((f + 2 * m, changed, setting, f, m, b))
        print(" ".join(f"{k}={v}" for k, v in setting.items()) + f"  flagged {f}  missed {m}/{b}  objective {f + 2 * m}",
              flush=True)
    rows.sort(key=lambda r: (r[0], r[1]))
    obj, _, s, f, m, b = rows[0]
    now = next(r for r in rows if r[2] == today)
    print("chosen: " + " ".join(f"{k}={v}" for k, v in s.items()) + f"  flagged {f}  missed {m}/{b}  objective {obj}"
          f" (today's constants: objective {now[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
