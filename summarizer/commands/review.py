"""`takeaways review`: the editor's terminal UI over a store.

Textual is imported only when this command runs, so the headless core (batch on a
server) never loads it.
"""

from __future__ import annotations

import argparse
import getpass

from summarizer.commands.generate import add_provider_options, provider_options
from summarizer.errors import InputError
from summarizer.judge import add_judge_arguments, make_judge, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review drafted takeaways in a terminal UI",
                       description="Approve, edit, reject or regenerate every drafted bullet. Every "
                                   "action is saved at once; press ? in the app for the keys.")
    p.add_argument("--store", metavar="DB", default="takeaways.db", help="SQLite file or postgresql:// URL (default takeaways.db)")
    p.add_argument("--reviewer", metavar="NAME", help="name stored with every decision (default: login name)")
    p.add_argument("--queue", choices=["pending", "flagged", "all"], default="pending",
                   help="which articles to list: with pending bullets (default), with flagged ones, or all")
    p.add_argument("--keys", metavar="FILE",
                   help="key bindings file (default $XDG_CONFIG_HOME/takeaways/keys.toml if present)")
    add_provider_options(p)
    add_judge_arguments(p)
    p.set_defaults(func=cmd_review)


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): ask for --reviewer
        raise InputError("cannot tell who you are: pass --reviewer NAME") from None


def cmd_review(args: argparse.Namespace) -> int:
    from summarizer.store import require_existing

    require_existing(args.store)
    reviewer = (args.reviewer or default_reviewer()).strip()
    if not reviewer:
        raise InputError("--reviewer cannot be empty")

    from summarizer.store import Store

    Store(args.store).close()  # a bad or too-new store fails here, before the screen is taken

    from review_tui.keys import load_keymap

    keymap = load_keymap(args.keys)
    options = provider_options(args)
    judge_config = settings_from_args(args)  # a bad judge setting fails before the screen is taken
    judge_factory = (lambda: make_judge(judge_config, args.store)) if judge_config else None

    def provider_factory():
        from summarizer.providers import get_provider

        return get_provider(args.provider, quiet=True, **options)

    from review_tui.app import ReviewApp

    app = ReviewApp(args.store, reviewer=reviewer, queue=args.queue, keymap=keymap,
                    provider_factory=provider_factory, judge_factory=judge_factory)
    app.run()
    return app.return_code or 0
