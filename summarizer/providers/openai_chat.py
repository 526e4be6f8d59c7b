"""OpenAI-compatible Chat Completions provider (placeholder until the provider issue)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarizer.errors import ProviderError
from summarizer.models import Article, Draft


class OpenAIChatProvider:
    name = "openai"

    def __init__(self, model: str | None = None, **options: Any) -> None:
        self.model = model or "gpt-4o-mini"
        self.options = options

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        raise ProviderError("the openai provider is not implemented yet")
