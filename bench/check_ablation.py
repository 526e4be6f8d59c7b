"""Drop each check from the pipeline in turn and show which validator tests fail.

Usage: .venv/bin/python bench/check_ablation.py

For every check in FACT_CHECKS (and the form checks `style` and `fragment`) this
runs `pytest tests/validator` in a subprocess with that one check removed (via a
conftest-free environment variable hook, ABLATE_CHECK, read only by this script's
sitecustomize shim), and prints the number of failing tests. Then the same for every
rule switch inside the checks (the module-level flags of `checks.py` that are True,
such as SLOT_NAMES or NEARBY_NAMES: rules that live inside a check), and the
switches listed in OTHER_RULES (rules in other validator modules, "module.FLAG"),
each set to False in turn (ABLATE_RULE). A check or rule whose removal fails no test is
unprotected. Nothing in the product reads ABLATE_CHECK or ABLATE_RULE.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHIM = '''
import os
rule = os.environ.get("ABLATE_RULE")
if rule:
    import importlib
    mod, _, flag = rule.rpartition(".")
    setattr(importlib.import_module("summarizer.validate." + (mod or "checks")), flag, False)
name = os.environ.get("ABLATE_CHECK")
if name:
    import summarizer.validate as V
    import summarizer.validate.checks as C
    if name in ("style", "fragment"):
        from summarizer.models import CheckResult
        def _off(text, _n=name):
            return CheckResult(name=_n, passed=True, message="ablated")
        setattr(V, "style" if name == "style" else "fragment_check", _off)
    else:
        C.FACT_CHECKS = tuple(f for f in C.FACT_CHECKS if f.__name__ != name)
        V.FACT_CHECKS = C.FACT_CHECKS
'''


# rule switches outside checks.py (module of summarizer.validate, flag)
OTHER_RULES = ["align.PHRASAL_VERBS", "fragment.ATTRIBUTION", "fragment.COLLECTIVE_AGREEMENT",
               "binding.SUBJECT_STOPS", "binding.MODIFIER_BYSTANDERS", "binding.ATTRIBUTIVE_RIVALS",
               "nearby.COORDINATION"]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from summarizer.validate import checks  # noqa: PLC0415

    names = [f.__name__ for f in checks.FACT_CHECKS] + ["style", "fragment"]
    rules = [k for k, v in vars(checks).items() if k.isupper() and v is True] + OTHER_RULES
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "sitecustomize.py").write_text(SHIM)
        print(f"{'check or rule removed':<24}{'failed':>8}{'passed':>8}")
        runs = [("(none)", {})] + [(n, {"ABLATE_CHECK": n}) for n in names] + [(r, {"ABLATE_RULE": r}) for r in rules]
        for name, extra in runs:
            env = {**os.environ, "PYTHONPATH": f"{tmp}:{ROOT}", "ABLATE_CHECK": "", "ABLATE_RULE": "", **extra}
            r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/validator"],
                               cwd=ROOT, env=env, capture_output=True, text=True)
            tail = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-200:]
            failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", tail)) else 0
            passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", tail)) else 0
            print(f"{name:<24}{failed:>8}{passed:>8}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
