"""The validator is deterministic across interpreter runs: nothing it returns may
depend on Python's string-hash seed (set iteration order). A claim word that is a
prefix of two article stems ("champ" of "champion" and "championship") used to be
matched to whichever the set of stems yielded first, so the same record got
different verdicts under different PYTHONHASHSEED values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
from summarizer.ingest import plain_article
from summarizer.validate import check_claim
art = plain_article("The championships open in Leeds on Friday. The old champion arrived by train from York. "
                    "Crowds waited at the station for hours.")
c = check_claim(art, "The champs arrived by train.")
print(c.verdict, c.score, [(e.start, e.end) for e in c.evidence])
"""


def test_same_result_under_every_hash_seed():
    outs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
        outs.add(r.stdout)
    assert len(outs) == 1, outs
