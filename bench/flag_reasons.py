"""Why are human highlights flagged? Tally the failed checks and the words they name.

Usage (from the repository root):

    .venv/bin/python bench/flag_reasons.py [--data FILE] [--half A|B|all] [--top N] [--show]

Data: the same CNN/DM highlights as bench/highlights.py (read at run time). Each
highlight is checked as a bullet; for those whose verdict is not `supported`, this
prints which checks failed (a highlight can fail several), how often each check was
the only fact check failing, the desk rule (a word found nowhere in the article caps
the verdict at `review`), and the words most often named as not found / found
elsewhere. Tune on half A only (the default); report half B.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import build  # noqa: E402

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.validate import check_claim  # noqa: E402

_NOT_FOUND = re.compile(r"((?:'[^']+'(?:, )?)+) not (?:found|named) in the article")
_ELSEWHERE = re.compile(r"((?:'[^']+'(?:, )?)+) not in the (?:evidence|cited|main evidence)")


def _words(msg: str, pat: re.Pattern) -> list[str]:
    return [w for m in pat.finditer(msg) for w in re.findall(r"'([^']+)'", m.group(1))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    ap.add_argument("--half", choices=("A", "B", "all"), default="A")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--show", action="store_true", help="print each flagged highlight with its failed checks")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"takeaways: no highlights data at {args.data}", file=sys.stderr)
        return 2
    items = [x for x in build(args.data) if args.half == "all" or x["half"] == args.half]
    arts: dict[str, object] = {}
    failed, alone, words_missing, words_else = Counter(), Counter(), Counter(), Counter()
    desk = flagged = 0
    for it in items:
        art = arts.get(it["id"]) or arts.setdefault(it["id"], plain_article(it["source"]))
        c = check_claim(art, it["text"])
        if c.verdict == "supported":
            continue
        flagged += 1
        bad = [r for r in c.checks if not r.passed]
        for r in bad:
            failed[r.name] += 1
            words_missing.update(w.lower() for w in _words(r.message, _NOT_FOUND))
            if r.name == "coverage":
                words_else.update(w.lower() for w in _words(r.message, _ELSEWHERE))
        if len(bad) == 1:
            alone[bad[0].name] += 1
        cov = next((r for r in c.checks if r.name == "coverage"), None)
        desk_only = c.score >= 0.73 and cov is not None and bool(cov.spans) \
            and not any(r.name in ("style", "fragment", "duplicate", "language") for r in bad)
        desk += desk_only
        if args.show:
            print(f"- [{c.verdict} {c.score:.2f}] {it['text']}")
            for r in bad:
                print(f"    {r.name} ({r.severity:.2f}): {r.message}")
    print(f"data: {args.data}, half {args.half}: {len(items)} highlights, {flagged} flagged (not supported)")
    print("failed check          flagged highlights  (as the only failed check)")
    for name, n in failed.most_common():
        print(f"  {name:<20}{n:>6}{alone[name]:>10}")
    print(f"  desk rule alone (score >= 0.73, a word found nowhere): {desk}")
    print(f"words named 'not found in the article' (top {args.top}):")
    print("  " + ", ".join(f"{w} {n}" for w, n in words_missing.most_common(args.top)))
    print(f"words named 'not in the evidence' by coverage (top {args.top}):")
    print("  " + ", ".join(f"{w} {n}" for w, n in words_else.most_common(args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
