"""No tracked file repeats article text of the dev data (its README: never copy these
texts into the project repository). Runs bench/dev_text_check.py in its loose mode;
skipped where ../shared/data/dev is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_run_of_eight_dev_article_words_is_committed(dev_data):
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "dev_text_check.py"), "--loose", "--data", str(dev_data)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-500:]
