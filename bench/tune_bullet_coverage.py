"""Choose the bullet desk rule and BULLET_MISSING_CREDIT on half A of the human highlights.

Usage (from the repository root):

    .venv/bin/python bench/tune_bullet_coverage.py [--data FILE]

Issue #10, third pass. For each desk rule (`all`: any word found nowhere in the
article caps a bullet at `review`; `facts`: only a name or figure found nowhere)
and each partial credit for a common word found nowhere (checks.BULLET_MISSING_CREDIT),
runs bench/highlights.py's corruptions on half A and prints flagged highlights and
missed corruptions (number, not, opposite, invented; names are another engineer's).
Objective: flagged + 2 x missed (a missed error costs an editor twice a false alarm),
lowest wins, ties to the smaller credit. Half B is not looked at.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import build, run, worse  # noqa: E402

from summarizer.validate import checks, scoring  # noqa: E402

KINDS = ("number", "not", "opposite", "invented")
CREDITS = (0.0, 0.25, 0.4, 0.5, 0.7)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"takeaways: no highlights data at {args.data}", file=sys.stderr)
        return 2
    base = [x for x in build(args.data) if x["half"] == "A"]
    rows = []
    for desk in ("all", "facts"):
        for credit in CREDITS:
            scoring.DESK_RULE, checks.BULLET_MISSING_CREDIT = desk, credit
            items = run([dict(x) for x in base])
            flagged = sum(x["verdict"] != "supported" for x in items)
            missed = {k: sum(1 for x in items if x["verdict"] == "supported" and k in x["results"]
                             and not worse(x["verdict"], x["results"][k][0])) for k in KINDS}
            obj = flagged + 2 * sum(missed.values())
            rows.append((obj, credit, desk, flagged, missed))
            print(f"desk={desk:<6} credit={credit:<5} flagged {flagged:>3}/{len(items)}  missed "
                  + " ".join(f"{k} {v}" for k, v in missed.items()) + f"  objective {obj}")
    best = min(rows, key=lambda r: (r[0], r[1]))
    print(f"chosen: DESK_RULE = {best[2]!r}, BULLET_MISSING_CREDIT = {best[1]} (objective {best[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
