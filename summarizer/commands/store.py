"""`takeaways store copy SRC DST`: move a desk between stores (SQLite -> PostgreSQL)."""

from __future__ import annotations

import argparse
import sys

from summarizer.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("store", help="manage stores (copy a desk from SQLite to PostgreSQL)",
                       description="Store maintenance. `copy SRC DST` copies every article, draft, "
                                   "takeaway and audit row from SRC into the empty store DST in one "
                                   "transaction, checking counts and every audit row before it commits.")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    c = verbs.add_parser("copy", help="copy a whole store into an empty one",
                         description="SRC and DST are each a SQLite file or a postgresql:// URL. DST is "
                                     "created and migrated if needed and must hold no rows.")
    c.add_argument("src", metavar="SRC")
    c.add_argument("dst", metavar="DST")
    c.set_defaults(func=cmd_copy)


def cmd_copy(args: argparse.Namespace) -> int:
    from summarizer.store import Store, require_existing
    from summarizer.store.copy import copy_store
    from summarizer.store.postgres import redact

    require_existing(args.src)
    if args.src == args.dst:
        raise InputError("SRC and DST are the same store")
    with Store(args.src) as src, Store(args.dst) as dst:
        summary = copy_store(src, dst)
    counts = ", ".join(f"{n} {t}" for t, n in summary.counts.items())
    print(f"takeaways: copied {counts} from {redact(args.src)} to {redact(args.dst)}; "
          f"counts and {summary.audit_rows_checked} audit row(s) checked", file=sys.stderr)
    return 0
