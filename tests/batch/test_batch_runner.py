"""The batch engine in-process: results, resume, failures, retries, limits, store."""

from __future__ import annotations

import asyncio
import json
import random
import time
from pathlib import Path

import pytest

from batch_helpers import CountingProvider, RetryableError, write_articles
from summarizer.batch.inputs import expand_inputs
from summarizer.batch.report import RunStats
from summarizer.batch.runner import BatchRunner, RunConfig, backoff_delay, classify_error, parse_retry_after
from summarizer.errors import ProviderError
from summarizer.models import Result
from summarizer.render import to_json
from summarizer.store import Store


def run(provider, inputs, out: Path, **config) -> RunStats:
    items = expand_inputs([str(p) for p in inputs], exclude=[out])
    cfg = RunConfig(out=out, workers=config.pop("workers", 0), backoff_base=config.pop("backoff_base", 0.01),
                    seed=1, **config)
    stats = RunStats(total=len(items))
    runner = BatchRunner(provider, cfg, stats)
    asyncio.run(runner.run(items))
    return stats


def result_files(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json") if p.name != "report.json")


def test_every_article_done_once_and_written_as_generate_json(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    provider = CountingProvider()
    stats = run(provider, [articles], out)
    assert (stats.done, stats.failed, stats.skipped) == (12, 0, 0)
    assert sorted(provider.calls.values()) == [1] * 12
    files = result_files(out)
    assert len(files) == 12
    for path in files:
        raw = path.read_text()
        record = json.loads(raw)
        key = record.pop("work_key")
        result = Result.model_validate(record)
        assert path.name == f"{result.article.id}.json"
        assert json.loads(to_json(result)) == record  # the generate --format json object, plus its key
        assert raw.startswith('{"work_key":"%s",' % key)
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(m["article_id"] for m in manifest) == sorted(p.stem for p in files)
    assert not list(out.glob(".*tmp"))


def test_rerun_skips_finished_work_without_calling_the_provider(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(CountingProvider(), [articles], out)
    before = {p.name: p.read_bytes() for p in result_files(out)}
    again = CountingProvider()
    stats = run(again, [articles], out)
    assert (stats.done, stats.skipped, stats.failed) == (0, 12, 0)
    assert sum(again.calls.values()) == 0
    assert {p.name: p.read_bytes() for p in result_files(out)} == before


def test_a_new_article_or_new_params_is_new_work(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(CountingProvider(), [articles], out)
    write_articles(articles, 2, start=100)
    provider = CountingProvider()
    stats = run(provider, [articles], out)
    assert (stats.done, stats.skipped) == (2, 12)
    provider = CountingProvider()
    stats = run(provider, [articles], out, n=3)  # a different bullet count is a different work key
    assert stats.done == 14 and sum(provider.calls.values()) == 14


def test_duplicate_article_in_input_is_drafted_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    [p] = write_articles(folder, 1)
    (folder / "copy.md").write_text(p.read_text())
    provider = CountingProvider(delay=0.05)
    stats = run(provider, [folder], tmp_path / "out")
    assert sum(provider.calls.values()) == 1
    assert (stats.done, stats.duplicates) == (1, 1)


def test_failures_are_recorded_and_the_run_goes_on(articles: Path, tmp_path: Path) -> None:
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.bin").write_bytes(b"\x00\x01\x02" * 100)
    doomed: set[str] = set()

    def fail(article, attempt):
        if not doomed:
            doomed.add(article.id)
        return ProviderError("model refused: policy") if article.id in doomed else None

    provider = CountingProvider(fail=fail)
    out = tmp_path / "out"
    stats = run(provider, [articles], out)
    assert (stats.done, stats.failed) == (11, 3)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    by_stage = sorted((e["stage"], Path(e["source"]).name) for e in errors)
    assert by_stage[:2] == [("input", "binary.bin"), ("input", "empty.txt")]
    [prov] = [e for e in errors if e["stage"] == "provider"]
    assert prov["error"] == "model refused: policy"
    assert prov["attempts"] == 1  # not retryable: asked once
    assert prov["article_id"] in doomed and len(prov["work_key"]) == 32
    assert provider.calls[prov["article_id"]] == 1
    # a re-run retries the failed items only
    again = CountingProvider()
    stats = run(again, [articles], out)
    assert (stats.done, stats.skipped, stats.failed) == (1, 11, 2)
    assert list(again.calls) == [prov["article_id"]]


def test_retryable_errors_are_retried_honouring_retry_after(articles: Path, tmp_path: Path) -> None:
    def fail(article, attempt):
        return RetryableError("HTTP 429", retry_after=0.3) if attempt == 1 else None

    provider = CountingProvider(fail=fail)
    stats = run(provider, [articles], tmp_path / "out", concurrency=12)
    assert stats.done == 12 and stats.retries == 12 and stats.requests == 24
    times: dict[str, list[float]] = {}
    for article_id, t in provider.call_times:
        times.setdefault(article_id, []).append(t)
    gaps = [ts[1] - ts[0] for ts in times.values()]
    assert min(gaps) >= 0.3  # never sooner than the server asked


def test_gives_up_after_max_attempts(articles: Path, tmp_path: Path) -> None:
    provider = CountingProvider(fail=lambda a, n: RetryableError("HTTP 503"))
    out = tmp_path / "out"
    stats = run(provider, [articles], out, max_attempts=3)
    assert stats.failed == 12 and set(provider.calls.values()) == {3}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["attempts"] for e in errors} == {3} and {e["error"] for e in errors} == {"HTTP 503"}


def test_retry_after_beyond_the_limit_fails_instead_of_waiting(articles: Path, tmp_path: Path) -> None:
    provider = CountingProvider(fail=lambda a, n: RetryableError("HTTP 429", retry_after=3600))
    stats = run(provider, [articles], tmp_path / "out", max_retry_after=60)
    assert stats.failed == 12 and set(provider.calls.values()) == {1}


def test_concurrency_cap_is_never_exceeded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 30)
    provider = CountingProvider(delay=0.03)
    run(provider, [folder], tmp_path / "out", concurrency=4)
    assert provider.peak == 4  # reached, and never above


def test_rate_limiter_never_lets_a_request_start_early() -> None:
    from summarizer.batch.runner import RateLimiter

    async def go() -> tuple[float, list[float]]:
        limiter = RateLimiter(rpm=1200)  # one every 50 ms
        start = time.monotonic()
        times: list[float] = []

        async def one() -> None:
            await limiter.acquire()
            times.append(time.monotonic())

        await asyncio.gather(*(one() for _ in range(12)))
        return start, sorted(times)

    start, times = asyncio.run(go())
    for i, t in enumerate(times):  # the i-th start is never before start + i * 50 ms
        assert t >= start + i * 0.05 - 0.002
    assert times[-1] - start < 11 * 0.05 + 0.5  # and it does let them through


def test_requests_per_minute_limit_paces_the_run(articles: Path, tmp_path: Path) -> None:
    provider = CountingProvider()
    t0 = time.monotonic()
    run(provider, [articles], tmp_path / "out", rpm=1200, concurrency=8)  # one request per 50 ms
    starts = sorted(t for _, t in provider.call_times)
    assert starts[-1] - t0 >= 11 * 0.05 - 0.002  # unlimited, all 12 would start at once
    assert len(starts) == 12


@pytest.mark.parametrize("workers", [0, 2])
def test_store_gets_one_row_per_item_even_across_reruns(articles: Path, tmp_path: Path, workers: int) -> None:
    db = tmp_path / "review.db"
    out = tmp_path / "out"
    run(CountingProvider(), [articles], out, store=str(db), workers=workers)
    run(CountingProvider(), [articles], out, store=str(db), workers=workers)
    with Store(db) as store:
        keys = [r[0] for r in store.conn.execute("SELECT work_key FROM drafts")]
        assert len(keys) == 12 and len(set(keys)) == 12
        assert store.conn.execute("SELECT COUNT(*) FROM takeaways").fetchone()[0] == 12 * 4


def test_kill_between_file_and_store_row_is_repaired(articles: Path, tmp_path: Path) -> None:
    """A run killed after writing a result file but before its store row."""
    out = tmp_path / "out"
    run(CountingProvider(), [articles], out)  # results, no store
    (out / "manifest.jsonl").unlink()  # and the manifest line never made it either
    db = tmp_path / "review.db"
    provider = CountingProvider()
    stats = run(provider, [articles], out, store=str(db))
    assert sum(provider.calls.values()) == 0
    assert stats.store_repaired == 12 and stats.skipped == 12
    with Store(db) as store:
        assert tuple(store.conn.execute("SELECT COUNT(DISTINCT work_key), COUNT(*) FROM drafts").fetchone()) == (12, 12)
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 12


def test_half_written_leftovers_are_not_taken_as_done(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(CountingProvider(), [articles], out)
    victim = result_files(out)[0]
    (out / f".{victim.name}.999.1.tmp").write_text(victim.read_text()[:100])  # a temp file a kill left
    victim.unlink()
    with open(out / "manifest.jsonl", "a") as fh:
        fh.write('{"key": "torn')  # a torn last line
    provider = CountingProvider()
    stats = run(provider, [articles], out)
    assert sum(provider.calls.values()) == 1 and stats.done == 1
    assert not list(out.glob(".*.tmp"))


def test_extractive_engine_in_worker_processes(articles: Path, tmp_path: Path) -> None:
    from summarizer.providers.extractive import ExtractiveProvider

    out = tmp_path / "out"
    stats = run(ExtractiveProvider(), [articles], out, workers=2)
    assert stats.done == 12 and stats.requests == 12
    serial = tmp_path / "serial"
    run(ExtractiveProvider(), [articles], serial, workers=0)
    for path in result_files(out):  # same drafts whichever process made them
        a = json.loads(path.read_text())
        b = json.loads((serial / path.name).read_text())
        for rec in (a, b):
            rec["draft"].pop("latency_ms")
            rec["draft"].pop("created_at")
        assert a == b


def test_classify_error_reads_attributes_and_causes() -> None:
    assert classify_error(RetryableError("x", retry_after=2)) == (True, 2.0)
    assert classify_error(ProviderError("refused")) == (False, None)

    class Response:
        status_code = 503
        headers = {"retry-after": "7"}

    class StatusError(Exception):
        response = Response()

    try:
        try:
            raise StatusError("boom")
        except StatusError as inner:
            raise ProviderError("HTTP 503") from inner
    except ProviderError as exc:
        assert classify_error(exc) == (True, 7.0)


def test_retry_after_parsing_and_backoff() -> None:
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert parse_retry_after({"retry-after": "3"}) == 3.0
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert parse_retry_after({}) is None
    rng = random.Random(0)
    delays = [backoff_delay(k, None, 1.0, 60.0, rng) for k in range(1, 9)]
    for k, d in enumerate(delays, start=1):
        exp = min(60.0, 2 ** (k - 1))
        assert exp / 2 <= d <= exp
    assert backoff_delay(1, 5.0, 1.0, 60.0, rng) >= 5.0


def test_an_error_raised_from_none_is_not_retried_again() -> None:
    """The openai provider retries 429/5xx itself and raises `from None`: no second layer."""

    class Response:
        status_code = 429
        headers = {"retry-after": "1"}

    class StatusError(Exception):
        response = Response()

    try:
        try:
            raise StatusError("rate limited")
        except StatusError:
            raise ProviderError("HTTP 429, after 4 attempts") from None
    except ProviderError as exc:
        assert classify_error(exc) == (False, None)


def test_a_worker_process_dying_fails_that_item_only(tmp_path: Path) -> None:
    from batch_helpers import DyingProvider

    folder = tmp_path / "in"
    write_articles(folder, 6)
    victim = folder / "story0002.md"
    victim.write_text(victim.read_text().replace("citing", "citing KILLME", 1))

    out = tmp_path / "out"
    stats = run(DyingProvider(), [folder], out, workers=2, concurrency=1)
    assert (stats.done, stats.failed) == (5, 1)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert any("worker process died" in e["error"] and e["source"].endswith("story0002.md") for e in errors)


def test_journalled_drafts_are_validated_not_requested(articles: Path, tmp_path: Path) -> None:
    """A draft in drafts.jsonl (paid for by a killed run) is finished from the journal."""
    from summarizer.batch.inputs import load_article
    from summarizer.batch.journal import DraftJournal

    out = tmp_path / "out"
    items = expand_inputs([str(articles)], exclude=[out])
    runner = BatchRunner(CountingProvider(), RunConfig(out=out, workers=0), RunStats(total=len(items)))
    journal = DraftJournal(out)
    paid = {}
    for item in items[:5]:
        article = load_article(item)
        draft = CountingProvider().draft(article, 4)
        draft.usage.prompt_tokens = 777  # marks the journalled draft
        journal.record(runner.key_for(article), article.id, draft)
        paid[article.id] = draft
    provider = CountingProvider()
    stats = run(provider, [articles], out)
    assert stats.done == 12 and stats.from_journal == 5
    assert sum(provider.calls.values()) == 7 and not set(provider.calls) & set(paid)
    for article_id, draft in paid.items():
        record = json.loads((out / f"{article_id}.json").read_text())
        assert record["draft"]["usage"]["prompt_tokens"] == 777
        assert [t["text"] for t in record["takeaways"]] == [t.text for t in draft.takeaways]
        assert record["takeaways"][0]["verdict"] in {"supported", "review", "unsupported"}  # validated here
    assert not journal.path.exists()  # all finished: the journal is emptied at the end of the run


def test_journal_survives_a_torn_line_and_forgets_finished_work(tmp_path: Path) -> None:
    from summarizer.batch.journal import DraftJournal
    from summarizer.models import Draft, Takeaway

    journal = DraftJournal(tmp_path)
    draft = Draft(provider="p", model="m", takeaways=[Takeaway(text="A.", sources=[0])])
    journal.record("a" * 32, "one", draft)
    journal.record("b" * 32, "two", draft)
    with open(journal.path, "ab") as fh:
        fh.write(b'{"key": "cccc", "draft": {"prov')  # a kill mid-append
    assert set(journal.pending(set())) == {"a" * 32, "b" * 32}
    assert journal.path.read_bytes().endswith(b"\n")  # rewritten: the torn tail is gone
    journal.record("d" * 32, "three", draft)  # so the next line is not glued to it
    assert set(journal.pending({"a" * 32})) == {"b" * 32, "d" * 32}  # finished work is forgotten
    assert set(journal.pending(set())) == {"b" * 32, "d" * 32}
    assert journal.pending({"b" * 32, "d" * 32}) == {} and not journal.path.exists()


def test_a_journal_that_cannot_be_written_does_not_stop_the_run(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "drafts.jsonl").mkdir(parents=True)  # appending to it fails with an OSError
    stats = run(CountingProvider(), [articles], out)
    assert (stats.done, stats.failed) == (12, 0) and stats.journal_errors == 12
    assert len(result_files(out)) == 12
