"""`takeaways batch INPUT... --out DIR`: the overnight run, resumable, nothing lost.

Also `takeaways batch status DIR` and `takeaways batch collect DIR` for runs sent
through OpenAI's Batch API (`--via openai-batch`). A first positional `status` or
`collect` is read as that verb; to process a file literally named so, write
`./status`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import threading
from pathlib import Path

from summarizer.commands.generate import add_provider_options, n_bullets, provider_options
from summarizer.errors import InputError
from summarizer.judge import add_judge_arguments, make_judge, settings_from_args

VERBS = ("status", "collect")


def _number(kind: type, minimum: float, *, inclusive: bool = True):
    """An argparse type: `kind` (int or float) at least (or, not inclusive, above) `minimum`."""
    word = "a whole number" if kind is int else "a number"

    def parse(value: str):
        try:
            x = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {word}, not {value!r}") from None
        if x < minimum or (not inclusive and x == minimum):
            bound = f"of at least {minimum}" if inclusive else f"above {minimum}"
            raise argparse.ArgumentTypeError(f"expected a number {bound}, not {value}")
        return x

    return parse


_positive_int = _number(int, 1)
_non_negative_int = _number(int, 0)
_positive_float = _number(float, 0, inclusive=False)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="draft and check takeaways for a folder or JSONL of articles, resumably",
        description="Draft and check takeaways for every article in INPUT (files, folders, globs, or "
        'JSONL of {"id", "title"?, "text"}), writing DIR/<article_id>.json, DIR/errors.jsonl and '
        "DIR/report.json. Re-running the same command resumes: finished items are skipped. "
        "`takeaways batch status DIR` / `takeaways batch collect DIR` follow a --via openai-batch run.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files, folders, globs, or JSONL; or the verb `status DIR` / `collect DIR`")
    p.add_argument("--out", metavar="DIR", help="output folder (created if missing); required to run")
    p.add_argument("--store", metavar="DB", help="also save drafts for review to this store (SQLite file or postgresql:// URL)")
    add_provider_options(p)
    p.add_argument("-n", type=n_bullets, default=4, help="bullets per article, 3 to 5 (default 4)")
    p.add_argument("--concurrency", type=_positive_int, default=8, help="requests in flight at most (default 8)")
    p.add_argument("--rpm", type=_positive_float, help="requests per minute at most (default: no limit)")
    p.add_argument("--via", choices=["chat", "openai-batch"], default="chat",
                   help="chat: one request per article now; openai-batch: OpenAI's Batch API (half price, "
                        "results within 24 h: follow with `batch status|collect DIR`)")
    p.add_argument("--workers", type=_non_negative_int, default=2,
                   help="processes for CPU work (reading, validating, the offline engine); 0 = in-process "
                        "(default 2)")
    p.add_argument("--retries", type=_non_negative_int, default=6,
                   help="retries per article for retryable provider errors (default 6)")
    p.add_argument("--prices", metavar="FILE",
                   help='JSON or TOML {"model": {"input": USD_PER_1M, "output": USD_PER_1M}} overriding the '
                        "built-in price table")
    p.add_argument("--grace", type=_positive_float, default=5.0,
                   help="seconds in-flight items get to finish after Ctrl-C (default 5)")
    p.add_argument("--failed", choices=["chat", "report"], default="chat",
                   help="collect: retry Batch-API lines that errored, expired or were unusable through chat "
                        "(default), or only report them in errors.jsonl")
    add_judge_arguments(p)
    p.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    if args.inputs[0] in VERBS:
        return _verb(args)
    if not args.out:
        raise InputError("batch needs --out DIR (where results, errors.jsonl and report.json go)")
    if args.via == "openai-batch":
        from summarizer.batch.openai_batch import submit

        return submit(args)
    return run_chat(args)


def _verb(args: argparse.Namespace) -> int:
    verb, rest = args.inputs[0], args.inputs[1:]
    if args.out and not rest:
        rest = [args.out]
    if len(rest) != 1:
        raise InputError(f"usage: takeaways batch {verb} DIR (one output folder of a --via openai-batch run)")
    from summarizer.batch import openai_batch

    return openai_batch.status(args, Path(rest[0])) if verb == "status" else openai_batch.collect(args, Path(rest[0]))


def resume_hint() -> str:
    return "takeaways " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "the same command"


def run_chat(args: argparse.Namespace) -> int:
    from summarizer.batch.inputs import expand_inputs
    from summarizer.batch.progress import make_progress
    from summarizer.batch.report import RunStats, load_prices, summary_lines
    from summarizer.batch.runner import BatchRunner, RunConfig
    from summarizer.providers import get_provider

    prices = load_prices(args.prices)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out must be a folder")
    judge_config = settings_from_args(args)
    items = expand_inputs(args.inputs, exclude=[out])
    # the openai provider retries 429/5xx itself (honouring Retry-After); --retries sets how often
    provider = get_provider(args.provider, **provider_options(args), max_retries=args.retries)
    config = RunConfig(out=out, n=args.n, concurrency=args.concurrency, rpm=args.rpm, workers=args.workers,
                       store=args.store, max_attempts=args.retries + 1, grace=args.grace)
    stats = RunStats(total=len(items), prices=prices)
    progress = make_progress(len(items))
    judge = make_judge(judge_config, args.store) if judge_config else None
    runner = BatchRunner(provider, config, stats, progress, judge=judge)
    import asyncio  # noqa: PLC0415 (here, not at the top: every command's parser imports this module)

    asyncio.run(runner.run(items))
    report = stats.to_dict({"out": str(out), "provider": provider.name, "model": runner.model,
                            "via": "chat", "concurrency": args.concurrency, "rpm": args.rpm})
    path = runner.results.write_report(report)
    for line in summary_lines(report):
        print(line)
    print(f"report: {path}")
    sys.stdout.flush()
    if stats.failed:
        print(f"takeaways: {stats.failed} item(s) failed; reasons in {out / 'errors.jsonl'}", file=sys.stderr)
    if stats.interrupted:
        print(f"takeaways: interrupted; resume with: {resume_hint()}", file=sys.stderr)
        sys.stderr.flush()
        if any(t.name.startswith("batch-request") and t.is_alive() for t in threading.enumerate()):
            # a cancelled request is still blocked in its thread; nothing of it was written,
            # so leave now instead of waiting for its timeout
            os._exit(130)
        return 130
    return 1 if stats.failed else 0
