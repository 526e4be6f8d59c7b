"""The core must be usable without a terminal UI: importing every module of
`summarizer` must never import textual (batch runs on servers)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import importlib, pkgutil, sys
import summarizer
for mod in pkgutil.walk_packages(summarizer.__path__, "summarizer."):
    if mod.name == "summarizer.__main__":
        continue
    importlib.import_module(mod.name)
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("\\n".join(bad))
sys.exit(1 if bad else 0)
"""


def test_summarizer_never_imports_textual() -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, f"textual imported by the core:\n{proc.stdout}{proc.stderr}"
