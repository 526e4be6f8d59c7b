"""The judge: an optional semantic second opinion on every bullet, from any
OpenAI-compatible endpoint (a grounding model such as Bespoke-MiniCheck, or a chat
model). Off unless configured; see README "Judge".

* `judge_settings(...)` / `settings_from_args(args)` -> `JudgeSettings | None`
* `add_judge_arguments(parser)`: the shared CLI flags
* `make_judge(settings, store_path=None) -> Judge`; `Judge.judge(article, texts, checks)`
"""

from __future__ import annotations

import sys

from summarizer.judge.settings import JudgeSettings, add_judge_arguments, judge_settings, settings_from_args

__all__ = ["JudgeSettings", "add_judge_arguments", "count_not_run", "judge_settings", "make_judge", "not_run_reason",
           "report_failures", "settings_from_args"]


def make_judge(settings: JudgeSettings, store_path: str | None = None):
    """A Judge with the default cache (XDG cache folder, plus the store if given).
    Imports the HTTP client only now: commands without a judge never load it."""
    from summarizer.judge.cache import JudgeCache
    from summarizer.judge.core import Judge

    return Judge(settings, JudgeCache(store_path=store_path))


def _not_run(checks):
    """The `judge` check results of `checks` that say the judge did not run."""
    return [r for c in checks for r in c.checks
            if r.name == "judge" and r.detail is not None and not r.detail.get("ran", True)]


def not_run_reason(checks) -> str | None:
    """The first "not run" reason among the `judge` checks of `checks`, if any."""
    for r in _not_run(checks):
        return str(r.detail.get("reason") or r.message)
    return None


def count_not_run(checks) -> int:
    """How many of `checks` (or checked takeaways) the judge did not run for (batch's report)."""
    return len(_not_run(checks))


def report_failures(checks, what: str = "") -> None:
    """One line on stderr when the judge did not run for some of `checks`."""
    reason = not_run_reason(checks)
    if reason:
        where = f" for {what}" if what else ""
        print(f"takeaways: judge not run{where}: {reason}", file=sys.stderr)
