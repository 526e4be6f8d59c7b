"""The batch engine: many articles through the pipeline, concurrently and resumably.

asyncio drives the run. Provider requests go through a thread pool sized to the
concurrency cap (the providers are synchronous; one with only an async `adraft` is
awaited directly), under a semaphore that is the cap, behind an optional
requests-per-minute token bucket. CPU work (reading and cleaning an article,
validating a draft, and the whole draft for the offline engine) goes to a process
pool, so the event loop stays free and both cores work. All writes go through one
writer thread, which also owns the store connection, so files and rows are written
in order and never concurrently.

Retries: a provider error marked retryable (or caused by a 408/409/429/5xx status
or a connection error) is retried with exponential backoff and jitter, waiting at
least what the server's Retry-After asks. Whatever fails after that becomes a line
in errors.jsonl; the run goes on.

A paid-for draft is never asked for twice: each one is journalled (drafts.jsonl,
fsync'd) in the request thread the moment it arrives, before it waits for
validation; a resumed run validates journalled drafts instead of requesting them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
from concurrent.futures.process import BrokenProcessPool
import inspect
import os
import random
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.batch.inputs import WorkItem, load_article
from summarizer.batch.journal import DraftJournal
from summarizer.batch.progress import Progress
from summarizer.batch.report import RunStats
from summarizer.batch.results import ResultsDir, repair_store
from summarizer.errors import InputError, ProviderError
from summarizer.models import Article, CheckedTakeaway, Draft, Result
from summarizer.pipeline import check_draft, work_key
from summarizer.validate import validate_takeaways

RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504, 520, 522, 524, 529}


@dataclass
class RunConfig:
    out: Path
    n: int = 4
    concurrency: int = 8
    rpm: float | None = None
    workers: int = 2
    store: str | None = None
    max_attempts: int = 7
    backoff_base: float = 0.5
    backoff_cap: float = 60.0
    max_retry_after: float = 600.0
    grace: float = 5.0
    seed: int | None = None
    extra_report: dict[str, Any] = field(default_factory=dict)


# -- identity -------------------------------------------------------------------


def provider_identity(provider: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    """(prompt sha, model, params) that, with the article id, identify a unit of work.

    The prompt sha comes from the provider (`prompt_ref.sha`, `prompt_sha` or
    `prompt.sha`); an engine without a prompt (the extractive one) is identified by
    its name and model, which names its algorithm version. Params are what changes
    the output: the provider's `params(n)` when it has one (bullet count, sampling,
    token limit), else just the bullet count.
    """
    sha = getattr(getattr(provider, "prompt_ref", None), "sha", None)
    if not sha:
        sha = getattr(provider, "prompt_sha", None)
    if not sha:
        sha = getattr(getattr(provider, "prompt", None), "sha", None)
    if not sha:
        sha = f"{provider.name}:{provider.model}"
    params: dict[str, Any] = {"n": n}
    extra = getattr(provider, "params", None)
    if callable(extra):
        extra = extra(n)
    if isinstance(extra, dict):
        params.update({k: v for k, v in extra.items() if v is not None})
    return str(sha), str(provider.model), params


# -- retry policy -----------------------------------------------------------------


def classify_error(exc: BaseException) -> tuple[bool, float | None]:
    """(retryable, seconds the server asked to wait) for a provider failure.

    The provider's own `retryable` / `retry_after` attributes win; otherwise the
    chain of causes is searched for an HTTP status or a connection error. An error
    raised `from None` stops the search: its raiser already handled the cause.
    """
    retryable = getattr(exc, "retryable", None)
    retry_after = getattr(exc, "retry_after", None)
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if retry_after is None:
            retry_after = _retry_after_from(cause)
        if retryable is None:
            status = getattr(cause, "status_code", None)
            if status is None:
                status = getattr(getattr(cause, "response", None), "status_code", None)
            if isinstance(status, int):
                retryable = status in RETRYABLE_STATUS
            elif type(cause).__name__ in {"APIConnectionError", "APITimeoutError", "ConnectError",
                                           "ReadTimeout", "ConnectTimeout", "RemoteProtocolError"}:
                retryable = True
        # `raise ... from None` means the raiser has dealt with the cause (the openai
        # provider retries 429/5xx itself before it gives up): do not retry it again
        cause = cause.__cause__ or (None if cause.__suppress_context__ else cause.__context__)
    return bool(retryable), (float(retry_after) if retry_after is not None else None)


def _retry_after_from(exc: BaseException) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None)
    if headers is None:
        return None
    return parse_retry_after(headers)


def parse_retry_after(headers: Any) -> float | None:
    """Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            return max(0.0, float(ms) / 1000)
        value = headers.get("retry-after")
    except (AttributeError, ValueError, TypeError):
        return None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(attempt: int, retry_after: float | None, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait before retry number `attempt` (1 = the first retry).

    Exponential with "equal jitter" (half fixed, half random) so that many items
    failing together do not retry together; never less than Retry-After.
    """
    exp = min(cap, base * 2 ** (attempt - 1))
    delay = exp / 2 + rng.uniform(0, exp / 2)
    if retry_after is not None:
        delay = max(delay, retry_after + rng.uniform(0, 0.1 * max(retry_after, base)))
    return delay


class RateLimiter:
    """A token bucket: `rpm` requests per minute, evenly spaced (burst of one)."""

    def __init__(self, rpm: float) -> None:
        self.interval = 60.0 / rpm
        self.next_at = 0.0
        self.lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self.lock:
            now = time.monotonic()
            wait = self.next_at - now
            self.next_at = max(now, self.next_at) + self.interval
        if wait > 0:
            await asyncio.sleep(wait)


# -- work done in other threads / processes ------------------------------------------


def _worker_init() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops them in order, and
    end themselves when the parent is gone (a `kill -9` of the batch must not leave
    workers behind: with fork they hold their own pipe ends and would wait forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        signal.set_wakeup_fd(-1)  # never wake the parent's event loop from here
    except ValueError:
        pass
    parent = os.getppid()
    try:  # Linux: the kernel kills us when the parent dies
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    # elsewhere (and in case the parent died before prctl): watch for re-parenting
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(1.0)


def _noop() -> None:
    return None


@dataclass
class Done:
    """What the main process needs of a finished result, without the result itself.

    The worker that validated a draft also writes its result file, so the Result
    never travels back to the main process (which is busy with requests); `json` is
    kept only when a store row must still be written from it.
    """

    article_id: str
    model: str
    verdicts: list[str]
    tokens_in: int
    tokens_out: int
    json: str | None = None


def _check_and_write(out: str, article: Article, draft: Draft, key: str, keep_json: bool) -> Done:
    """Validate a draft and write its result file atomically (runs in a worker)."""
    result = check_draft(article, draft)
    record = ResultsDir(out).write_result(result, key)
    return Done(article.id, draft.model, [t.verdict for t in result.takeaways], draft.usage.prompt_tokens,
                draft.usage.completion_tokens, record if keep_json else None)


def _lexical(article: Article, draft: Draft) -> list[Any]:
    """The lexical checks of a draft (runs in a worker; the judge runs after it)."""
    return validate_takeaways(article, draft.takeaways)


def _write_checked(out: str, article: Article, draft: Draft, checks: list[Any], key: str, keep_json: bool) -> Done:
    """Write the result of a judged draft atomically (runs in a worker)."""
    result = Result(article=article, draft=draft,
                    takeaways=[CheckedTakeaway.join(t, c) for t, c in zip(draft.takeaways, checks)])
    record = ResultsDir(out).write_result(result, key)
    return Done(article.id, draft.model, [t.verdict for t in result.takeaways], draft.usage.prompt_tokens,
                draft.usage.completion_tokens, record if keep_json else None)


def _draft_timed(provider: Any, article: Article, n: int) -> tuple[Draft, float]:
    started = time.perf_counter()
    draft = provider.draft(article, n)
    return draft, (time.perf_counter() - started) * 1000


def _draft_check_write(provider: Any, article: Article, n: int, out: str, key: str,
                       keep_json: bool) -> tuple[Done, float]:
    started = time.perf_counter()
    draft = provider.draft(article, n)
    latency = (time.perf_counter() - started) * 1000
    return _check_and_write(out, article, draft, key, keep_json), latency


class _Sink:
    """Where finished work is recorded: manifest line, then the store row.

    The result file itself is written by the worker that validated the draft, before
    it returns; the store has one thread that owns its connection. Each item's file
    is on disk before its row is written, so a kill between the two is repaired on
    the next start (`repair_store`) and never leaves a row without a file.
    """

    def __init__(self, results: ResultsDir, store_path: str | None, file_threads: int = 4) -> None:
        self.results = results
        self.store_path = store_path
        self.store: Any = None
        self.files = cf.ThreadPoolExecutor(max_workers=file_threads, thread_name_prefix="batch-files")
        self.db = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="batch-store")

    def _open_store(self) -> Any:
        if self.store is None and self.store_path:
            from summarizer.store import Store

            self.store = Store(self.store_path)
        return self.store

    def _start(self) -> tuple[dict[str, Path], int, dict[str, Draft]]:
        files = self.results.finished()
        store = self._open_store()
        repaired = repair_store(self.results, files, store) if store is not None else 0
        return files, repaired, DraftJournal(self.results.path).pending(files)

    def _write_row(self, done: Done, key: str) -> None:
        store = self._open_store()
        if store is not None and not store.has_work_key(key):
            store.save_result(Result.model_validate_json(done.json or ""), key)

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    async def _on(self, pool: cf.Executor, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    async def start(self) -> tuple[dict[str, Path], int, dict[str, Draft]]:
        return await self._on(self.db, self._start)

    async def finished(self, done: Done, key: str, source: str) -> None:
        """Log a result whose file is on disk, then write its store row (if any)."""
        # shielded: once begun, these complete even if the item is cancelled
        await asyncio.shield(self._on(self.files, self.results.log_finished, key, done.article_id, source))
        if self.store_path:
            await asyncio.shield(self._on(self.db, self._write_row, done, key))

    async def error(self, record: dict[str, Any]) -> None:
        await asyncio.shield(self._on(self.files, self.results.log_error, record))

    async def close(self) -> None:
        self.files.shutdown(wait=True)
        await self._on(self.db, self._close)
        self.db.shutdown(wait=True)


# -- the run ----------------------------------------------------------------------------


class BatchRunner:
    """Runs work items through one provider into one output folder."""

    def __init__(self, provider: Any, config: RunConfig, stats: RunStats, progress: Progress | None = None,
                 judge: Any = None) -> None:
        self.provider = provider
        # the judge's requests go through the same semaphore and rate limiter as drafts
        self.judge = judge
        self.config = config
        self.stats = stats
        self.progress = progress or Progress()
        self.results = ResultsDir(config.out)
        self.sha, self.model, self.params = provider_identity(provider, config.n)
        self.finished: set[str] = set()
        self.journal = DraftJournal(config.out)
        self.journalled: dict[str, Draft] = {}  # drafts a killed run paid for but did not finish
        self.in_flight: set[str] = set()
        self.stopping = False
        self.rng = random.Random(config.seed)
        self.limiter = RateLimiter(config.rpm) if config.rpm else None
        self.run_id = stats.started_at
        # the extractive engine is CPU-bound: the whole draft goes to the process pool
        self.cpu_provider = getattr(provider, "name", "") == "extractive" and config.workers > 0
        # A sync `draft` runs on our own thread pool, sized to the cap. asyncio.to_thread
        # (what an `adraft` wrapper usually is) would use the loop's default pool of
        # cpu+4 threads, capping concurrency below --concurrency, and asyncio.run would
        # wait for its abandoned threads after Ctrl-C. So `adraft` only for a provider
        # that has no sync `draft`.
        self.async_draft = not callable(getattr(provider, "draft", None)) and inspect.iscoroutinefunction(
            getattr(provider, "adraft", None))

    def key_for(self, article: Article) -> str:
        return work_key(article.id, self.sha, self.model, self.params)

    def request_stop(self) -> None:
        if not self.stopping:
            self.stopping = True
            self.progress.message("stopping: no new items; finishing the ones in flight (Ctrl-C again to cancel them)")

    async def run(self, items: Sequence[WorkItem]) -> RunStats:
        cfg = self.config
        loop = asyncio.get_running_loop()
        self.cpu = None
        if cfg.workers > 0:
            # started now, before any thread or signal handler exists, so that forking
            # the workers copies a quiet process
            self.cpu = cf.ProcessPoolExecutor(max_workers=cfg.workers, initializer=_worker_init)
            self.cpu.submit(_noop).result()
        self.io = cf.ThreadPoolExecutor(max_workers=max(1, cfg.concurrency), thread_name_prefix="batch-request")
        self.sink = _Sink(self.results, cfg.store)
        self.requests = asyncio.Semaphore(cfg.concurrency)
        slots = asyncio.Semaphore(cfg.concurrency * 2 + cfg.workers)
        tasks: set[asyncio.Task[None]] = set()
        interrupts = 0

        def on_signal() -> None:
            nonlocal interrupts
            interrupts += 1
            self.request_stop()
            if interrupts >= 2:
                for t in tasks:
                    t.cancel()

        handled = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, on_signal)
                handled.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        try:
            files, self.stats.store_repaired, self.journalled = await self.sink.start()
            self.finished = set(files)
            for item in items:
                if self.stopping:
                    break
                await slots.acquire()
                if self.stopping:
                    slots.release()
                    break
                task = asyncio.create_task(self._item(item))
                tasks.add(task)
                task.add_done_callback(lambda t: (tasks.discard(t), slots.release()))
            if tasks:
                await self._drain(tasks)
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)
            self.stats.interrupted = self.stopping
            self.progress.close(self.stats)
            await self.sink.close()
            # in-flight requests that were cancelled cannot be interrupted inside their
            # thread; do not wait for them (their results were never written)
            self.io.shutdown(wait=not self.stopping, cancel_futures=True)
            if not self.stopping:
                # drop the journal lines of finished items; after an interrupt a cancelled
                # request may still be appending, so those are left to the next start
                try:
                    self.journal.pending(self.finished)
                except OSError:
                    pass
            if self.cpu is not None:
                self.cpu.shutdown(wait=True, cancel_futures=True)
            self.stats.record_cpu()
        return self.stats

    async def _drain(self, tasks: set[asyncio.Task[None]]) -> None:
        """Wait for the last items; once stopping, give them `grace` seconds, then cancel."""
        while tasks and not self.stopping:
            await asyncio.wait(set(tasks), timeout=0.5)
        if tasks:
            _, pending = await asyncio.wait(set(tasks), timeout=self.config.grace)
            for t in pending:
                t.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _cpu(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run CPU work in the process pool (or a thread when there is none).

        A worker that dies (killed, out of memory) breaks the whole pool and every
        call in it. The pool is replaced, and each broken call is tried once more in
        a process of its own: innocent items then succeed, and the item that kills
        its process again fails alone.
        """
        loop = asyncio.get_running_loop()
        pool = self.cpu or self.io
        try:
            return await loop.run_in_executor(pool, fn, *args)
        except BrokenProcessPool:
            if self.cpu is pool:
                self.cpu = cf.ProcessPoolExecutor(max_workers=self.config.workers, initializer=_worker_init)
                pool.shutdown(wait=False, cancel_futures=True)
        solo = cf.ProcessPoolExecutor(max_workers=1, initializer=_worker_init)
        try:
            return await loop.run_in_executor(solo, fn, *args)
        except BrokenProcessPool:
            raise RuntimeError("a worker process died while handling this item") from None
        finally:
            solo.shutdown(wait=False)

    async def _item(self, item: WorkItem) -> None:
        key: str | None = None
        article: Article | None = None
        try:
            try:
                article = await self._cpu(load_article, item)
            except InputError as exc:
                await self._fail(item, "input", str(exc), None, None)
                return
            key = self.key_for(article)
            if key in self.finished:
                self.stats.skipped += 1
                return
            if key in self.in_flight:
                self.stats.duplicates += 1
                return
            self.in_flight.add(key)
            try:
                done = await self._draft(item, article, key)
                if done is None:
                    return
                await self.sink.finished(done, key, item.source)
                self.finished.add(key)
                self.stats.add_done(done.model, done.verdicts, done.tokens_in, done.tokens_out)
            finally:
                self.in_flight.discard(key)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - one item's bug must not end the night's run
            await self._fail(item, "internal", f"{type(exc).__name__}: {exc}", article, key)
        finally:
            self.progress.update(self.stats)

    async def _draft(self, item: WorkItem, article: Article, key: str) -> Done | None:
        cfg = self.config
        journalled = self.journalled.pop(key, None)
        if journalled is not None:  # paid for by a run that was killed before finishing it: not asked again
            self.stats.from_journal += 1
            if self.judge is not None:
                return await self._judged(article, journalled, key)
            return await self._cpu(_check_and_write, str(cfg.out), article, journalled, key, bool(cfg.store))
        attempt = 0
        while True:
            attempt += 1
            if self.limiter is not None:
                await self.limiter.acquire()
            started = time.perf_counter()
            try:
                async with self.requests:
                    if self.cpu_provider and self.judge is None:
                        done, latency = await self._cpu(_draft_check_write, self.provider, article, cfg.n,
                                                        str(cfg.out), key, bool(cfg.store))
                        self.stats.add_request(latency, attempt > 1)
                        return done
                    if self.cpu_provider:
                        draft, latency = await self._cpu(_draft_timed, self.provider, article, cfg.n)
                    else:
                        started = time.perf_counter()
                        draft = await self._request(article, key)
                        latency = (time.perf_counter() - started) * 1000
                self.stats.add_request(latency, attempt > 1)
                if self.judge is not None:
                    return await self._judged(article, draft, key)
                return await self._cpu(_check_and_write, str(cfg.out), article, draft, key, bool(cfg.store))
            except InputError as exc:  # the provider refused the article itself
                await self._fail(item, "input", str(exc), article, key, attempts=attempt)
                return None
            except ProviderError as exc:
                self.stats.add_request((time.perf_counter() - started) * 1000, attempt > 1)
                retryable, retry_after = classify_error(exc)
                if retry_after is not None and retry_after > cfg.max_retry_after:
                    retryable = False
                if not retryable or attempt >= cfg.max_attempts or self.stopping:
                    if self.stopping and retryable and attempt < cfg.max_attempts:
                        return None  # interrupted, not failed: a resumed run retries it
                    await self._fail(item, "provider", str(exc), article, key, attempts=attempt)
                    return None
                await asyncio.sleep(backoff_delay(attempt, retry_after, cfg.backoff_base, cfg.backoff_cap, self.rng))

    async def _judged(self, article: Article, draft: Draft, key: str) -> Done:
        """Lexical checks in a worker, then the judge's requests (each under the run's
        concurrency cap and rate limit), then the result file. A failing judge leaves
        the lexical verdicts and one line on stderr; the item still counts as done."""
        loop = asyncio.get_running_loop()
        checks = await self._cpu(_lexical, article, draft)
        texts = [t.text for t in draft.takeaways]
        plan = await loop.run_in_executor(self.io, self.judge.plan, article, texts, checks)
        latencies: list[float] = []

        async def one(job: Any) -> Any:
            if self.limiter is not None:
                await self.limiter.acquire()
            async with self.requests:
                started = time.perf_counter()
                res = await loop.run_in_executor(self.io, job.run)
                latencies.append((time.perf_counter() - started) * 1000)
                return res

        results = await asyncio.gather(*(one(job) for job in plan.jobs))
        checks, run = self.judge.finish(plan, checks, results)
        from summarizer.judge import count_not_run  # noqa: PLC0415 (only with a judge)

        not_judged = count_not_run(checks)
        self.stats.add_judge(self.judge.model, run.requests, run.cached, not_judged, run.usage.prompt_tokens,
                             run.usage.completion_tokens, latencies)
        if run.failures:
            self.progress.message(f"judge not run for {article.id[:12]}: {run.failures[0]}")
        return await self._cpu(_write_checked, str(self.config.out), article, draft, checks, key,
                               bool(self.config.store))

    async def _request(self, article: Article, key: str) -> Draft:
        """Ask the provider for a draft and journal it before anything else happens to it."""
        loop = asyncio.get_running_loop()
        if self.async_draft:
            draft = await self.provider.adraft(article, self.config.n)
            # shielded: an answer that arrived is journalled even if the item is cancelled now
            await asyncio.shield(loop.run_in_executor(self.io, self._journal, key, article.id, draft))
            return draft
        return await loop.run_in_executor(self.io, self._draft_and_journal, article, key)

    def _draft_and_journal(self, article: Article, key: str) -> Draft:
        """(request thread) The provider call, then the journal line, in the same thread:
        a cancelled item cannot skip the journal once its answer has arrived."""
        draft = self.provider.draft(article, self.config.n)
        self._journal(key, article.id, draft)
        return draft

    def _journal(self, key: str, article_id: str, draft: Draft) -> None:
        """Journal a draft; if the journal cannot be written (disk full), go on: the
        draft is still validated and written now, only a kill would cost it again."""
        try:
            self.journal.record(key, article_id, draft)
        except OSError:
            self.stats.journal_errors += 1

    async def _fail(self, item: WorkItem, stage: str, message: str, article: Article | None,
                    key: str | None, attempts: int | None = None) -> None:
        self.stats.add_failure(stage)
        record: dict[str, Any] = {"run": self.run_id, "source": item.source, "stage": stage, "error": message}
        if article is not None:
            record["article_id"] = article.id
        if key is not None:
            record["work_key"] = key
        if attempts is not None:
            record["attempts"] = attempts
        await self.sink.error(record)
