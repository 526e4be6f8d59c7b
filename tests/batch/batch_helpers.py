"""Test doubles and synthetic articles for the batch tests (no dev-data text here)."""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer.errors import ProviderError
from summarizer.models import Article, Draft, Takeaway, Usage

_PLACES = ["Riverton", "Lakeside", "Port Alder", "Greenfield", "Easton", "Millbrook", "Westhaven", "Oakridge"]
_SUBJECTS = ["The city council", "The regional health board", "The transport authority", "Local firefighters",
             "The school district", "A panel of judges", "The state utility", "Museum trustees"]
_VERBS = ["approved", "rejected", "postponed", "announced", "investigated", "funded", "criticised", "reviewed"]
_OBJECTS = ["a new bridge over the river", "a plan to expand the harbour", "higher parking fees downtown",
            "a study of air quality near schools", "repairs to the old library", "a pilot bus route",
            "a ban on night construction", "a budget for flood defences"]


def synthetic_article(i: int, sentences: int = 8) -> str:
    """A news-like article made up from templates; `i` makes its text unique."""
    rng = random.Random(i)
    place = rng.choice(_PLACES)
    out = []
    for s in range(sentences):
        out.append(
            f"{rng.choice(_SUBJECTS)} in {place} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
            f"on {['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][s % 5]}, "
            f"citing {rng.randint(2, 98)} percent support in case {i}-{s}."
        )
    paras = [" ".join(out[k : k + 2]) for k in range(0, len(out), 2)]
    return f"# Story {i} from {place}\n\n" + "\n\n".join(paras) + "\n"


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"story{i:04d}.md"
        p.write_text(synthetic_article(i), encoding="utf-8")
        paths.append(p)
    return paths


class RetryableError(ProviderError):
    """What a provider raises for a transient failure, with the attributes batch reads."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = True
        self.retry_after = retry_after


class CountingProvider:
    """Drafts the first sentences as bullets; counts calls and concurrent calls.

    `fail(article, attempt)` may return an exception to raise for that call.
    `log` (a file path) gets one line per call, so calls can be counted across
    processes (the kill-and-resume test); `done_log` one line per call that has
    returned its draft (so a test knows how many were still in flight).
    """

    name = "counting"
    model = "counting-v1"

    def __init__(self, delay: float = 0.0, fail: Callable[[Article, int], Exception | None] | None = None,
                 log: str | None = None, done_log: str | None = None) -> None:
        self.delay = delay
        self.fail = fail
        self.log = log
        self.done_log = done_log
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.call_times: list[tuple[str, float]] = []
        self.active = 0
        self.peak = 0

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        with self.lock:
            self.calls[article.id] += 1
            attempt = self.calls[article.id]
            self.call_times.append((article.id, time.monotonic()))
            self.active += 1
            self.peak = max(self.peak, self.active)
        if self.log:
            _append(self.log, article.id)
        try:
            if self.delay:
                time.sleep(self.delay)
            exc = self.fail(article, attempt) if self.fail else None
            if exc is not None:
                raise exc
            takeaways = [Takeaway(text=article.sentence_text(i), sources=[i]) for i in range(min(n, len(article.sentences)))]
            if self.done_log:
                _append(self.done_log, article.id)
            return Draft(provider=self.name, model=self.model, params={"n": n},
                         usage=Usage(prompt_tokens=100, completion_tokens=20, total_tokens=120), takeaways=takeaways)
        finally:
            with self.lock:
                self.active -= 1


def _append(path: str, line: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.write(fd, f"{line}\n".encode())
    os.close(fd)


class DyingProvider:
    """The offline engine, except that its worker process dies on an article saying KILLME."""

    name = "extractive"  # so the runner sends it to the worker processes
    model = "dying-v1"

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        from summarizer.providers.extractive import ExtractiveProvider

        if "KILLME" in article.text:
            os._exit(9)  # as if killed by the OOM killer
        return ExtractiveProvider().draft(article, n, exclude)
