"""The real openai provider under the batch runner, against a local faulty server."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from batch_fake_openai import FakeOpenAI
from batch_helpers import write_articles
from summarizer.batch.inputs import expand_inputs
from summarizer.batch.report import RunStats
from summarizer.batch.runner import BatchRunner, RunConfig
from summarizer.providers.openai_chat import OpenAIChatProvider


def test_429_and_5xx_are_retried_honouring_retry_after_within_the_cap(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 16)
    faults = {0: (429, {"retry-after-ms": "300", "retry-after": "1"}), 1: (503, {})}

    def fault(key: str, attempt: int):
        if attempt == 1:
            return faults.get(int(key, 16) % 3)  # a third 429, a third 503, a third fine
        return None

    with FakeOpenAI(latency=0.05, fault=fault, lifetime=60) as server:
        provider = OpenAIChatProvider(model="fake-model", base_url=server.base_url, max_retries=3)
        items = expand_inputs([str(folder)])
        stats = RunStats(total=len(items))
        out = tmp_path / "out"
        asyncio.run(BatchRunner(provider, RunConfig(out=out, concurrency=4, workers=0), stats).run(items))
    assert (stats.done, stats.failed) == (16, 0)
    assert 0 < server.peak <= 4
    assert sum(server.answered.values()) == 16 and set(server.answered.values()) == {1}
    for key, times in server.times.items():
        expected = 2 if int(key, 16) % 3 in faults else 1
        assert len(times) == expected
        if int(key, 16) % 3 == 0:
            assert times[1] - times[0] >= 0.3 + 0.05  # Retry-After (after the 50 ms reply)
    report = stats.to_dict()
    assert report["tokens_by_model"]["fake-model"]["input"] > 0
    assert len([p for p in out.glob("*.json")]) == 16
    assert not (out / "errors.jsonl").exists()


def test_provider_errors_after_retries_are_recorded_per_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 6)
    with FakeOpenAI(fault=lambda key, attempt: (500, {}) if int(key, 16) % 2 else None, lifetime=60) as server:
        provider = OpenAIChatProvider(model="fake-model", base_url=server.base_url, max_retries=1,
                                      sleep=lambda s: None)
        items = expand_inputs([str(folder)])
        stats = RunStats(total=len(items))
        out = tmp_path / "out"
        asyncio.run(BatchRunner(provider, RunConfig(out=out, concurrency=3, workers=0), stats).run(items))
    bad = [k for k in server.requests if int(k, 16) % 2]
    assert stats.failed == len(bad) and stats.done == 6 - len(bad)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == len(bad)
    assert all(e["stage"] == "provider" and "HTTP 500" in e["error"] for e in errors)
    assert all(server.requests[k] == 2 for k in bad)  # 1 + max_retries, then recorded
