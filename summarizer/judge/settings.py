"""Where the judge lives and how it is asked: flags, environment, defaults.

Kept free of network imports so every command can register the flags cheaply. The
judge has its own endpoint (it is often another model, or another server, than the
one that drafts): `--judge-base-url`, `--judge-model`, `--judge-protocol`, or
`TAKEAWAYS_JUDGE_BASE_URL`, `TAKEAWAYS_JUDGE_MODEL`, `TAKEAWAYS_JUDGE_API_KEY`
(falling back to `OPENAI_API_KEY`). Nothing set: no judge, no network.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from typing import Any

from summarizer.errors import InputError

PROTOCOLS = ("minicheck", "chat")
DEFAULT_CONTEXT_TOKENS = 2000  # whole article in the window when it fits this budget
DEFAULT_JUDGE_TIMEOUT = 60.0
DEFAULT_JUDGE_RETRIES = 3
CHARS_PER_TOKEN = 4  # a rough estimate, good enough to choose window vs whole article


@dataclass(frozen=True)
class JudgeSettings:
    """One judge endpoint. `context_tokens` is the budget for the document shown
    with a claim: the whole article when it fits, else the evidence window."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    protocol: str = "minicheck"
    context_tokens: int = DEFAULT_CONTEXT_TOKENS
    timeout: float = DEFAULT_JUDGE_TIMEOUT
    max_retries: int = DEFAULT_JUDGE_RETRIES
    extra_body: dict[str, Any] | None = None

    @property
    def context_chars(self) -> int:
        return self.context_tokens * CHARS_PER_TOKEN


def judge_settings(
    base_url: str | None = None,
    model: str | None = None,
    protocol: str | None = None,
    api_key: str | None = None,
    context_tokens: int | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    extra_body: dict[str, Any] | None = None,
) -> JudgeSettings | None:
    """Settings from arguments, then the environment; None when no judge is configured
    (neither a judge base URL nor a judge model anywhere)."""
    base_url = (base_url or os.environ.get("TAKEAWAYS_JUDGE_BASE_URL") or "").strip() or None
    model = (model or os.environ.get("TAKEAWAYS_JUDGE_MODEL") or "").strip() or None
    if base_url is None and model is None:
        return None
    if model is None:
        raise InputError("the judge needs a model name: --judge-model M or TAKEAWAYS_JUDGE_MODEL")
    api_key = api_key or os.environ.get("TAKEAWAYS_JUDGE_API_KEY") or os.environ.get("OPENAI_API_KEY") or None
    if base_url is None and api_key is None:
        raise InputError(
            "the judge needs an endpoint: --judge-base-url URL (TAKEAWAYS_JUDGE_BASE_URL), or a key "
            "for api.openai.com (TAKEAWAYS_JUDGE_API_KEY or OPENAI_API_KEY)"
        )
    protocol = protocol or "minicheck"
    if protocol not in PROTOCOLS:
        raise InputError(f"--judge-protocol must be one of {', '.join(PROTOCOLS)}, not {protocol!r}")
    if context_tokens is not None and context_tokens < 64:
        raise InputError(f"--judge-context must be at least 64 tokens, not {context_tokens}")
    if timeout is not None and timeout <= 0:
        raise InputError(f"--judge-timeout must be a positive number of seconds, not {timeout}")
    return JudgeSettings(
        model=model,
        base_url=base_url,
        api_key=api_key,
        protocol=protocol,
        context_tokens=context_tokens or DEFAULT_CONTEXT_TOKENS,
        timeout=timeout or DEFAULT_JUDGE_TIMEOUT,
        max_retries=DEFAULT_JUDGE_RETRIES if max_retries is None else max_retries,
        extra_body=extra_body,
    )


def add_judge_arguments(p: argparse.ArgumentParser) -> None:
    """The judge flags shared by validate, generate, batch and review."""
    g = p.add_argument_group("judge (a second opinion from an LLM; off unless configured)")
    g.add_argument("--judge-base-url", metavar="URL",
                   help="OpenAI-compatible endpoint of the judge (default: $TAKEAWAYS_JUDGE_BASE_URL)")
    g.add_argument("--judge-model", metavar="M", help="judge model (default: $TAKEAWAYS_JUDGE_MODEL)")
    g.add_argument("--judge-protocol", choices=PROTOCOLS, default=None,
                   help="minicheck: one Yes/No request per claim (default); chat: one JSON request per article")
    g.add_argument("--judge-context", type=int, metavar="TOKENS", default=None,
                   help=f"show the judge the whole article when it fits this many tokens, else the evidence "
                        f"sentences and their neighbours (default {DEFAULT_CONTEXT_TOKENS})")
    g.add_argument("--judge-timeout", type=float, metavar="S", default=None,
                   help=f"seconds per judge request (default {DEFAULT_JUDGE_TIMEOUT:g})")


def settings_from_args(args: argparse.Namespace) -> JudgeSettings | None:
    """The judge of a parsed command line (flags over environment), or None."""
    return judge_settings(
        base_url=getattr(args, "judge_base_url", None),
        model=getattr(args, "judge_model", None),
        protocol=getattr(args, "judge_protocol", None),
        context_tokens=getattr(args, "judge_context", None),
        timeout=getattr(args, "judge_timeout", None),
    )
