"""`takeaways export`: write approved bullets per article with the disclosure line."""

from __future__ import annotations

import argparse
import sys

from summarizer.disclosure import ENV, REVIEWED, reviewed_disclosures


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write approved takeaways (json, md or html)",
                       description="Write the approved bullets of every reviewed article, one file per "
                                   "article, with the disclosure line. json adds the audit trail.")
    p.add_argument("--store", metavar="DB", default="takeaways.db", help="SQLite file or postgresql:// URL (default takeaways.db)")
    p.add_argument("--format", choices=["json", "md", "html"], default="json")
    p.add_argument("--out", metavar="DIR", default="export", help="output folder (default ./export)")
    p.add_argument("--disclosure", metavar="KIND=TEXT", action="append", default=[],
                   help="the disclosure line under the bullets, per drafting kind: "
                        "llm=TEXT for bullets a language model drafted, extractive=TEXT for the "
                        "offline engine's (repeatable; a bare TEXT sets both). Defaults: "
                        f"${ENV['llm']} / ${ENV['extractive']}, else {REVIEWED['llm']!r} / "
                        f"{REVIEWED['extractive']!r}".replace("%", "%%"))
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from summarizer.export import export_store
    from summarizer.store import Store, require_existing

    require_existing(args.store)
    disclosures = reviewed_disclosures(args.disclosure)
    with Store(args.store) as store:
        summary = export_store(store, args.out, args.format, disclosures)
    withdrawn = f" (removed {len(summary.withdrawn)} earlier export(s) of those)" if summary.withdrawn else ""
    print(f"takeaways: exported {len(summary.written)} article(s) to {args.out}; "
          f"skipped {summary.skipped} with no approved bullet{withdrawn}", file=sys.stderr)
    return 0
