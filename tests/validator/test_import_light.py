"""Importing the validator loads no lemminflect (which brings numpy): commands that
import `summarizer.validate` (the TUI, `takeaways validate`) pay for it only when a
bullet is first checked. The modules that need it import it inside the function
that uses it (checks.py, binding.py)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_validator_does_not_load_lemminflect():
    code = "import sys, summarizer.validate; print('lemminflect' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"], out
