"""`takeaways generate ARTICLE...`: draft, validate and print (and optionally store)."""

from __future__ import annotations

import argparse
import sys

from summarizer.errors import TakeawaysError
from summarizer.ingest import ingest_path
from summarizer.ingest.language import warn_if_not_english
from summarizer.judge import add_judge_arguments, make_judge, report_failures, settings_from_args
from summarizer.pipeline import run
from summarizer.providers import get_provider
from summarizer.render import to_json, to_markdown, to_text


def add_provider_options(p: argparse.ArgumentParser) -> None:
    """Flags shared by every command that drafts: generate, batch, review."""
    p.add_argument("--provider", choices=["auto", "extractive", "openai"], default="auto",
                   help="auto: openai when an endpoint is configured, else extractive")
    p.add_argument("--model", help="model name (default: $TAKEAWAYS_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)")
    p.add_argument("--temperature", type=float, help="sampling temperature (openai)")
    p.add_argument("--timeout", type=float, help="seconds per request (openai)")


def provider_options(args: argparse.Namespace) -> dict:
    return {
        "model": args.model,
        "base_url": args.base_url,
        "temperature": args.temperature,
        "timeout": args.timeout,
    }


def n_bullets(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"-n takes a number from 3 to 5, not {value!r}") from None
    if not 3 <= n <= 5:
        raise argparse.ArgumentTypeError(f"-n takes a number from 3 to 5, not {n}")
    return n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="draft and check takeaways for article files",
                       description="Draft key takeaways for each ARTICLE (txt, md, html, or - for "
                                   "stdin), check every bullet against the article, and print them.")
    p.add_argument("articles", nargs="+", metavar="ARTICLE")
    add_provider_options(p)
    p.add_argument("-n", type=n_bullets, default=4, help="bullets per article, 3 to 5 (default 4)")
    p.add_argument("--format", choices=["text", "json", "md"], default="text")
    p.add_argument("--store", metavar="DB", help="also save drafts for review to this store (SQLite file or postgresql:// URL)")
    add_judge_arguments(p)
    p.set_defaults(func=cmd_generate)


def cmd_generate(args: argparse.Namespace) -> int:
    judge_config = settings_from_args(args)
    provider = get_provider(args.provider, **provider_options(args))
    judge = make_judge(judge_config, args.store) if judge_config else None
    store = None
    if args.store:
        from summarizer.store import Store

        store = Store(args.store)
    worst = 0
    try:
        for path in args.articles:
            try:
                article = ingest_path(path)
                warn_if_not_english(path, article.metadata)
                result = run(article, provider, args.n, judge)
            except TakeawaysError as exc:
                print(f"takeaways: {exc}", file=sys.stderr)
                worst = max(worst, exc.exit_code)
                continue
            report_failures(result.takeaways, path)
            if store is not None:
                store.save_result(result)
            if args.format == "json":
                sys.stdout.write(to_json(result) + "\n")
            elif args.format == "md":
                sys.stdout.write(to_markdown(result) + "\n")
            else:
                sys.stdout.write(to_text(result) + "\n")
            sys.stdout.flush()
    finally:
        if store is not None:
            store.close()
    return worst
