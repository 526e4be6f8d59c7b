"""Providers turn an Article into a Draft. One small protocol, chosen by name.

`auto` picks the OpenAI-compatible provider when an endpoint is configured
(`OPENAI_BASE_URL` or `OPENAI_API_KEY`) and the offline extractive engine otherwise.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from summarizer.errors import InputError
from summarizer.models import Article, Draft


@runtime_checkable
class Provider(Protocol):
    """Drafts takeaways for an article. `exclude` lists bullet texts not to repeat
    (used to regenerate one bullet); providers honour it as well as they can."""

    name: str
    model: str

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft: ...


def endpoint_configured(base_url: str | None = None) -> bool:
    return bool(base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"))


def get_provider(name: str = "auto", *, quiet: bool = False, **options: Any) -> Provider:
    """Build a provider by name: auto | extractive | openai.

    Options (model, base_url, temperature, timeout, ...) go to the OpenAI provider.
    """
    if name == "auto":
        name = "openai" if endpoint_configured(options.get("base_url")) else "extractive"
        if name == "extractive" and not quiet:
            print(
                "takeaways: no LLM endpoint configured (OPENAI_BASE_URL / OPENAI_API_KEY); "
                "using the offline extractive engine",
                file=sys.stderr,
            )
    if name == "extractive":
        from summarizer.providers.extractive import ExtractiveProvider

        return ExtractiveProvider()
    if name == "openai":
        if not endpoint_configured(options.get("base_url")):
            raise InputError(
                "--provider openai needs an endpoint: set OPENAI_API_KEY (api.openai.com) "
                "or OPENAI_BASE_URL (any OpenAI-compatible server), or pass --base-url"
            )
        from summarizer.providers.openai_chat import OpenAIChatProvider

        return OpenAIChatProvider(**{k: v for k, v in options.items() if v is not None})
    raise InputError(f"unknown provider {name!r} (choose auto, extractive or openai)")
