"""The highlights benchmark's name swaps (bench/highlights.py): the one drawn copy per
bullet comes from the same candidates that `--every-swap` checks all of.

Run in a subprocess: bench/highlights.py imports bench/validator.py as `validator`,
which this test package's name would shadow."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"

SOURCE = ("The mayor, Dana Ortiz, opened the bridge on Friday. Engineers from Halden Works built it in "
          "two years, and the councils of Brookfield and Kestrel paid for it. Critics said Ortiz ignored the costs.")

PROBE = """
import json, random, sys
import highlights
src, bullets = json.loads(sys.stdin.read())
out = {b: [highlights.name_swaps_of(b, src),
           sorted({highlights.corrupt_name(b, src, random.Random(seed)) or "" for seed in range(20)})]
       for b in bullets}
print(json.dumps(out))
"""


def _swaps(*bullets: str) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE], input=json.dumps([SOURCE, list(bullets)]), cwd=BENCH,
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def test_candidates_are_the_articles_other_names_and_the_drawn_copy_is_one_of_them():
    got = _swaps("Dana Ortiz opened the bridge on Friday.", "Ortiz opened the bridge on Friday.",
                 "The bridge opened on Friday.")
    every, drawn = got["Dana Ortiz opened the bridge on Friday."]
    assert every == ["Halden Works opened the bridge on Friday."] == drawn
    every, drawn = got["Ortiz opened the bridge on Friday."]
    # names the article writes mid-sentence only: "Engineers" and "Critics" open sentences
    assert sorted(every) == ["Brookfield opened the bridge on Friday.", "Kestrel opened the bridge on Friday."]
    assert set(drawn) <= set(every) and len(drawn) > 1
    assert got["The bridge opened on Friday."] == [[], [""]]
