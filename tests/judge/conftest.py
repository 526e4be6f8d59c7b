"""Fixtures for the judge tests: a scripted judge server on 127.0.0.1 (the
provider's fault server), a fresh cache folder per test, and small articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.ingest import ingest_path
from summarizer.judge.settings import JudgeSettings
from summarizer.models import Article
from summarizer.providers.openai_chat import forget_endpoint_modes
from tests.provider.fault_server import FaultServer, Reply, completion

ARTICLES = Path(__file__).resolve().parents[1] / "provider" / "articles"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No judge or provider settings from the developer's shell; the cache in tmp."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TAKEAWAYS_MODEL", "TAKEAWAYS_JUDGE_BASE_URL",
                "TAKEAWAYS_JUDGE_MODEL", "TAKEAWAYS_JUDGE_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    forget_endpoint_modes()
    yield
    forget_endpoint_modes()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    srv = FaultServer().start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def council() -> Article:
    return ingest_path(str(ARTICLES / "council_budget.txt"))


def settings(server: FaultServer, **kw: Any) -> JudgeSettings:
    kw.setdefault("model", "judge-model")
    kw.setdefault("timeout", 5.0)
    kw.setdefault("max_retries", 1)
    return JudgeSettings(base_url=server.url, **kw)


def answer(text: str, logprobs: list[tuple[str, float]] | None = None, **kw: Any) -> Reply:
    """A minicheck reply: `text` as content, optional first-token alternatives."""
    body = completion(text, prompt_tokens=kw.pop("prompt_tokens", 50), completion_tokens=1, **kw)
    if logprobs is not None:
        top = [{"token": t, "logprob": lp, "bytes": None} for t, lp in logprobs]
        body["choices"][0]["logprobs"] = {"content": [{"token": logprobs[0][0], "logprob": logprobs[0][1],
                                                       "bytes": None, "top_logprobs": top}]}
    return Reply(body=body)


def verdicts(items: list[tuple[int, bool, list[int], str]]) -> Reply:
    content = json.dumps({"verdicts": [{"index": i, "supported": s, "evidence": e, "reason": r}
                                       for i, s, e, r in items]})
    return Reply(body=completion(content))
