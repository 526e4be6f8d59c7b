"""`--via openai-batch`: the same work through OpenAI's Batch API, at half price.

submit  -> DIR/openai-batch/requests-K.jsonl (one chat request per article,
           custom_id = the work key) and articles-K.jsonl (the articles, so collect
           needs no input files), uploaded (files.create, purpose=batch) and started
           (batches.create, /v1/chat/completions, 24h). State is saved to
           DIR/openai-batch.json after every step, so an interrupted submit resumes
           without creating a second batch (a batch created but not yet recorded is
           found again by its input file id).
status  -> retrieves each batch and prints its state and counts.
collect -> downloads the output and error files (kept in DIR/openai-batch/), turns
           each output line into a Draft with the chat path's parsing and validation,
           and writes results exactly as a chat run does (result files, store rows).
           Lines that errored, expired, or could not be parsed (the chat path would
           re-ask; a batch cannot) are retried through chat (`--failed chat`, the
           default) or reported to errors.jsonl (`--failed report`).

Work already finished in DIR (by a chat run or an earlier collect) and work already
in a submitted, uncollected batch is never sent again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarizer.batch.inputs import WorkItem, expand_inputs, load_article, stored_items
from summarizer.batch.report import RunStats, load_prices, summary_lines
from summarizer.batch.results import OPENAI_BATCH, ResultsDir
from summarizer.batch.runner import provider_identity
from summarizer.errors import InputError, ProviderError
from summarizer.fileio import atomic_write
from summarizer.models import Article, Draft, Usage
from summarizer.pipeline import check_draft_judged, work_key

SUBDIR = "openai-batch"
# OpenAI's Batch API limits per batch: 50,000 requests and a 200 MB input file
MAX_REQUESTS = 50_000
MAX_BYTES = 190 * 2**20
ENDPOINT = "/v1/chat/completions"
WINDOW = "24h"
NOT_READY = {"validating", "in_progress", "finalizing", "cancelling"}


# -- state ------------------------------------------------------------------------


def state_path(out: Path) -> Path:
    return out / OPENAI_BATCH


def load_state(out: Path, must_exist: bool = False) -> dict[str, Any]:
    path = state_path(out)
    if not path.exists():
        if must_exist:
            raise InputError(f"{out}: no --via openai-batch run here (no {OPENAI_BATCH})")
        return {"batches": []}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise InputError(f"{path}: unreadable batch state ({exc})") from None
    if not isinstance(state, dict) or not isinstance(state.get("batches"), list):
        raise InputError(f"{path}: unreadable batch state (no batch list)")
    return state


def save_state(out: Path, state: dict[str, Any]) -> None:
    atomic_write(state_path(out), json.dumps(state, indent=2) + "\n")


def make_client(base_url: str | None, timeout: float | None = None) -> Any:
    """An OpenAI client for the files/batches endpoints (SDK retries left on: these
    calls are idempotent reads or one-off creates guarded by the saved state)."""
    import openai

    api_key = os.environ.get("OPENAI_API_KEY") or "not-needed"
    return openai.OpenAI(api_key=api_key, base_url=base_url or os.environ.get("OPENAI_BASE_URL") or None,
                         timeout=timeout or 120.0, max_retries=3)


@contextmanager
def api_errors(client: Any) -> Iterator[None]:
    """Turn a Batch-API failure that outlasted the SDK's retries into a ProviderError.

    A timeout, a refused connection or a 5xx is an expected runtime failure (exit 1,
    one line naming the endpoint, as on the chat path), not an internal error.
    """
    import openai

    from summarizer.providers.openai_chat import _error_detail, one_line

    endpoint = urlsplit(str(client.base_url)).netloc or str(client.base_url)
    tries = f"after {client.max_retries + 1} attempts"
    try:
        yield
    except openai.APITimeoutError:
        timeout = client.timeout
        within = f"{timeout:g} s" if isinstance(timeout, (int, float)) else "the time limit"
        raise ProviderError(f"Batch API at {endpoint}: no reply within {within} (--timeout), {tries}") from None
    except openai.APIConnectionError as exc:
        cause = one_line(exc.__cause__ or exc, 120)
        raise ProviderError(f"could not connect to the Batch API at {endpoint} {tries} ({cause})") from None
    except openai.APIStatusError as exc:
        status = exc.status_code
        retried = f", {tries}" if status in (408, 409, 429) or status >= 500 else ""  # what the SDK retries
        raise ProviderError(f"Batch API at {endpoint}: HTTP {status}: {_error_detail(exc)}{retried}") from None


# -- the request: the same one the chat provider sends -----------------------------------


def request_body(provider: Any, article: Article, n: int) -> dict[str, Any]:
    """The chat request body for one article, as `OpenAIChatProvider` first sends it
    (strict json_schema: the Batch API is OpenAI's own, which supports it)."""
    from summarizer.prompting import summarize_messages
    from summarizer.providers.openai_chat import _response_format

    prompt = summarize_messages(article, n)
    body: dict[str, Any] = {
        "model": provider.model,
        "messages": [{"role": "system", "content": prompt.system}, {"role": "user", "content": prompt.user}],
        "max_tokens": provider.max_tokens,
        "response_format": _response_format("json_schema", n),
    }
    if provider.temperature is not None:
        body["temperature"] = provider.temperature
    body.update(provider.extra_body)
    return body


class LineError(Exception):
    """One Batch-API line that did not yield a usable draft (one-line reason)."""


def draft_from_body(body: dict[str, Any], article: Article, n: int, entry: dict[str, Any]) -> Draft:
    """Parse one output line's chat completion like the chat path does (no re-ask)."""
    from summarizer.prompting import summarize_prompt_ref
    from summarizer.providers.openai_chat import one_line
    from summarizer.providers.wire import ReplyError, parse_reply, to_takeaways

    choices = body.get("choices") or []
    if not choices:
        raise LineError("the endpoint returned no choices")
    choice = choices[0]
    message = choice.get("message") or {}
    if message.get("refusal"):
        raise LineError(f"the model refused: {one_line(message['refusal'], 160)}")
    if choice.get("finish_reason") == "content_filter":
        raise LineError("the reply was blocked by the content filter")
    try:
        reply = parse_reply(message.get("content"), n)
    except ReplyError as exc:
        raise LineError(f"unusable reply: {exc}") from None
    takeaways, notes = to_takeaways(reply, article, n)
    usage = body.get("usage") or {}
    return Draft(
        provider="openai",
        model=entry["model"],
        prompt=summarize_prompt_ref(),
        params=entry["params"],
        usage=Usage(prompt_tokens=usage.get("prompt_tokens") or 0,
                    completion_tokens=usage.get("completion_tokens") or 0,
                    total_tokens=usage.get("total_tokens") or 0),
        latency_ms=0.0,
        takeaways=takeaways,
        notes=[*notes, "response_format=json_schema", f"via OpenAI Batch API ({entry.get('batch_id')})"],
    )


# -- submit -------------------------------------------------------------------------------


def _openai_provider(args: argparse.Namespace) -> Any:
    from summarizer.commands.generate import provider_options
    from summarizer.providers import get_provider

    if args.provider == "extractive":
        raise InputError("--via openai-batch sends work to OpenAI's Batch API; it cannot use --provider extractive")
    provider = get_provider("openai", **provider_options(args), max_retries=args.retries)
    return provider


def _pending_keys(out: Path, state: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    for entry in state["batches"]:
        if entry.get("collected"):
            continue
        path = out / entry["articles_file"]
        if path.exists():
            with open(path, "rb") as fh:
                for raw in fh:
                    try:
                        keys.add(json.loads(raw)["key"])
                    except (ValueError, KeyError):
                        continue
    return keys


def _advance(client: Any, out: Path, state: dict[str, Any], entry: dict[str, Any]) -> None:
    """Take one batch entry as far as it goes: upload, then create; saving after each."""
    if not entry.get("input_file_id"):
        path = out / entry["requests_file"]
        with open(path, "rb") as fh:
            uploaded = client.files.create(file=(path.name, fh.read()), purpose="batch")
        entry["input_file_id"] = uploaded.id
        entry["status"] = "uploaded"
        save_state(out, state)
    if not entry.get("batch_id"):
        existing = None
        if entry.get("status") == "creating":  # a create may have happened before a kill
            for b in client.batches.list(limit=100):
                if getattr(b, "input_file_id", None) == entry["input_file_id"]:
                    existing = b
                    break
        entry["status"] = "creating"
        save_state(out, state)
        batch = existing or client.batches.create(
            input_file_id=entry["input_file_id"], endpoint=ENDPOINT, completion_window=WINDOW,
            metadata={"tool": "takeaways", "part": str(entry["number"])},
        )
        entry["batch_id"] = batch.id
        entry["status"] = batch.status
        save_state(out, state)


class _PartWriter:
    """Streams requests and their articles into part files within the API's limits.

    A part is written to temp files and becomes real (fsync, rename, an entry in the
    state) only when complete, so an interrupted submit leaves no half part: its
    items are simply not pending and go into a part on the next submit.
    """

    def __init__(self, out: Path, state: dict[str, Any], base: dict[str, Any]) -> None:
        self.out, self.state, self.base = out, state, base
        self.files: tuple[Any, Any] | None = None
        self.count = 0
        self.bytes = 0

    def _number(self) -> int:
        return len(self.state["batches"]) + 1

    def _names(self, number: int) -> tuple[str, str]:
        return f"{SUBDIR}/requests-{number}.jsonl", f"{SUBDIR}/articles-{number}.jsonl"

    def add(self, request: str, stored: str) -> dict[str, Any] | None:
        size = len(request.encode("utf-8")) + 1
        full = None
        if self.files is not None and (self.count >= MAX_REQUESTS or self.bytes + size > MAX_BYTES):
            full = self.finish()
        if self.files is None:
            (self.out / SUBDIR).mkdir(exist_ok=True)
            names = self._names(self._number())
            self.files = tuple(open(self._tmp(n), "w", encoding="utf-8") for n in names)  # type: ignore[assignment]
            self.count = self.bytes = 0
        req, art = self.files  # type: ignore[misc]
        req.write(request + "\n")
        art.write(stored + "\n")
        self.count += 1
        self.bytes += size
        return full

    def _tmp(self, name: str) -> Path:
        path = self.out / name
        return path.with_name(f".{path.name}.tmp")

    def finish(self) -> dict[str, Any] | None:
        """Make the current part real and record it in the state; None if empty."""
        if self.files is None:
            return None
        number = self._number()
        requests_file, articles_file = self._names(number)
        for fh, name in zip(self.files, (requests_file, articles_file)):
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(self._tmp(name), self.out / name)
        self.files = None
        entry = {"number": number, "requests_file": requests_file, "articles_file": articles_file,
                 "count": self.count, **self.base, "status": "prepared", "collected": False}
        self.state["batches"].append(entry)
        save_state(self.out, self.state)
        return entry

    def discard(self) -> None:
        """Drop an unfinished part (after an error or Ctrl-C)."""
        if self.files is not None:
            for fh, name in zip(self.files, self._names(self._number())):
                fh.close()
                self._tmp(name).unlink(missing_ok=True)
            self.files = None


def submit(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out must be a folder")
    results = ResultsDir(out)
    provider = _openai_provider(args)
    items = expand_inputs(args.inputs, exclude=[out])
    state = load_state(out)
    client = make_client(provider.base_url, args.timeout)
    with api_errors(client):
        for entry in state["batches"]:  # finish what an interrupted submit started
            if not entry.get("batch_id"):
                _advance(client, out, state, entry)

        sha, model, params = provider_identity(provider, args.n)
        finished = set(results.finished())
        pending = _pending_keys(out, state)
        base = {"model": model, "params": params, "n": args.n, "prompt_sha": sha, "base_url": provider.base_url}
        parts = _PartWriter(out, state, base)
        failed = skipped = 0
        submitted: list[dict[str, Any]] = []
        try:
            for item in items:
                try:
                    article = load_article(item)
                except InputError as exc:
                    results.log_error({"source": item.source, "stage": "input", "error": str(exc)})
                    failed += 1
                    continue
                key = work_key(article.id, sha, model, params)
                if key in finished or key in pending:
                    skipped += 1
                    continue
                pending.add(key)
                body = request_body(provider, article, args.n)
                request = json.dumps({"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body},
                                     ensure_ascii=False)
                stored = json.dumps({"key": key, "source": item.source, "article": article.model_dump()},
                                    ensure_ascii=False)
                full = parts.add(request, stored)
                if full is not None:  # each part is submitted as soon as it is complete
                    _advance(client, out, state, full)
                    submitted.append(full)
            last = parts.finish()
            if last is not None:
                _advance(client, out, state, last)
                submitted.append(last)
        finally:
            parts.discard()
    for entry in submitted:
        print(f"submitted {entry['count']} request(s) as {entry['batch_id']} ({entry['status']})")
    total = sum(e["count"] for e in submitted)
    print(f"{total} request(s) in {len(submitted)} batch(es); {skipped} already done or pending, "
          f"{failed} bad input(s)" if submitted else
          f"nothing to submit: {skipped} already done or pending, {failed} bad input(s)")
    print(f"next: `takeaways batch status {out}`, then `takeaways batch collect {out}` (results within 24 h)")
    if failed:
        print(f"takeaways: {failed} item(s) failed; reasons in {out / 'errors.jsonl'}", file=sys.stderr)
    return 1 if failed else 0


# -- status -------------------------------------------------------------------------------


def _client_for(args: argparse.Namespace, state: dict[str, Any]) -> Any:
    base_url = args.base_url or next((b.get("base_url") for b in state["batches"] if b.get("base_url")), None)
    return make_client(base_url, args.timeout)


def _describe(entry: dict[str, Any], batch: Any) -> str:
    counts = getattr(batch, "request_counts", None)
    done = f", {counts.completed}/{counts.total} done, {counts.failed} failed" if counts else ""
    tail = " (collected)" if entry.get("collected") else ""
    return f"{entry['batch_id']}: {batch.status}{done}{tail}"


def status(args: argparse.Namespace, out: Path) -> int:
    state = load_state(out, must_exist=True)
    client = _client_for(args, state)
    with api_errors(client):
        for entry in state["batches"]:
            if not entry.get("batch_id"):
                print(f"part {entry['number']}: not submitted yet ({entry['status']}); run the submit command again")
                continue
            if entry.get("collected"):
                print(f"{entry['batch_id']}: {entry['status']} (collected)")
                continue
            batch = client.batches.retrieve(entry["batch_id"])
            entry["status"] = batch.status
            print(_describe(entry, batch))
    save_state(out, state)
    return 0


# -- collect -----------------------------------------------------------------------------


def _download(client: Any, file_id: str | None, dest: Path) -> list[dict[str, Any]]:
    if not file_id:
        return []
    content = client.files.content(file_id)
    data = content.read() if hasattr(content, "read") else bytes(content.content)
    atomic_write(dest, data)
    lines = []
    for raw in data.splitlines():
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        if isinstance(rec, dict):
            lines.append(rec)
    return lines


def _line_error(rec: dict[str, Any]) -> str:
    err = rec.get("error")
    if err:
        code = err.get("code") or "error"
        return f"Batch API: {code}: {err.get('message', '')}".strip()
    response = rec.get("response") or {}
    body = response.get("body") or {}
    message = (body.get("error") or {}).get("message") if isinstance(body, dict) else None
    return f"Batch API: HTTP {response.get('status_code')}: {message or 'no result'}"


def collect(args: argparse.Namespace, out: Path) -> int:
    state = load_state(out, must_exist=True)
    results = ResultsDir(out)
    client = _client_for(args, state)
    stats = RunStats(total=0, prices=load_prices(getattr(args, "prices", None)))
    finished = results.finished()
    judge = _judge_for(args)
    store = None
    if args.store:
        from summarizer.store import Store
        from summarizer.batch.results import repair_store

        store = Store(args.store)
        stats.store_repaired = repair_store(results, finished, store)
    retry: list[tuple[str, str]] = []  # (key, reason)
    waiting = 0
    with api_errors(client):
        try:
            for entry in state["batches"]:
                if entry.get("collected") or not entry.get("batch_id"):
                    continue
                batch = client.batches.retrieve(entry["batch_id"])
                entry["status"] = batch.status
                print(_describe(entry, batch))
                if batch.status in NOT_READY:
                    waiting += 1
                    continue
                articles = _stored_articles(out / entry["articles_file"])
                stats.total += len(articles)
                outcome: dict[str, str | None] = {key: "no result line for this request" for key in articles}
                if batch.status == "failed":
                    errors = getattr(getattr(batch, "errors", None), "data", None) or []
                    reason = "; ".join(f"{e.code}: {e.message}" for e in errors[:3]) or "the batch failed"
                    outcome = {key: f"Batch API: batch failed ({reason})" for key in articles}
                number = entry["number"]
                output = _download(client, batch.output_file_id, out / SUBDIR / f"output-{number}.jsonl")
                error_lines = _download(client, batch.error_file_id, out / SUBDIR / f"errors-{number}.jsonl")
                for rec in error_lines:
                    if rec.get("custom_id") in outcome:
                        outcome[rec["custom_id"]] = _line_error(rec)
                for rec in output:
                    key = rec.get("custom_id")
                    if key not in articles:
                        continue
                    response = rec.get("response") or {}
                    if rec.get("error") or response.get("status_code") != 200:
                        outcome[key] = _line_error(rec)
                        continue
                    if key in finished:
                        outcome[key] = None
                        stats.skipped += 1
                        continue
                    article = articles[key][1]
                    try:
                        draft = draft_from_body(response.get("body") or {}, article, entry["n"], entry)
                    except LineError as exc:
                        outcome[key] = str(exc)
                        continue
                    result = _checked(article, draft, judge, stats)
                    results.write_result(result, key)
                    results.log_finished(key, article.id, articles[key][0])
                    if store is not None and not store.has_work_key(key):
                        store.save_result(result, key)
                    finished[key] = results.result_path(article.id)
                    stats.add_result(result, batch_api=True)
                    outcome[key] = None
                failed_here = [(k, r) for k, r in outcome.items() if r is not None and k not in finished]
                retry += failed_here
                entry["collected"] = True
                entry["retry_file"] = _write_retry_file(out, entry, articles, dict(failed_here)) if failed_here else None
                save_state(out, state)
        finally:
            if store is not None:
                store.close()
            save_state(out, state)

    if retry:
        _handle_failures(args, out, state, retry, stats)
    report = stats.to_dict({"out": str(out), "via": "openai-batch", "batches_waiting": waiting})
    results.write_report(report)
    for line in summary_lines(report):
        print(line)
    if waiting:
        print(f"{waiting} batch(es) not finished yet; run `takeaways batch collect {out}` again later")
    if stats.failed:
        print(f"takeaways: {stats.failed} item(s) failed; reasons in {out / 'errors.jsonl'}", file=sys.stderr)
    return 1 if stats.failed else 0


def _judge_for(args: argparse.Namespace) -> Any:
    """The judge named by --judge-* / TAKEAWAYS_JUDGE_*, or None (then nothing changes)."""
    from summarizer.judge import make_judge, settings_from_args

    config = settings_from_args(args)
    return make_judge(config, args.store) if config else None


def _checked(article: Article, draft: Draft, judge: Any, stats: RunStats) -> Any:
    """Lexical checks of a collected draft, then the judge's second opinion when one is
    configured, counted in the report like a chat run's; a judge that fails leaves the
    lexical verdicts and one line on stderr."""
    started = time.perf_counter()
    result, run = check_draft_judged(article, draft, judge)
    if run is not None:
        from summarizer.judge import count_not_run

        not_judged = count_not_run(result.takeaways)
        elapsed = (time.perf_counter() - started) * 1000
        stats.add_judge(judge.model, run.requests, run.cached, not_judged, run.usage.prompt_tokens,
                        run.usage.completion_tokens, [elapsed] if run.requests else [])
        if run.failures:
            print(f"takeaways: judge not run for {article.id[:12]}: {run.failures[0]}", file=sys.stderr)
    return result


def _stored_articles(path: Path) -> dict[str, tuple[str, Article]]:
    out: dict[str, tuple[str, Article]] = {}
    for item in stored_items(path):
        raw = json.loads(Path(item.path).read_bytes()[item.offset : item.offset + item.length])
        out[raw["key"]] = (raw["source"], Article.model_validate(raw["article"]))
    return out


def _write_retry_file(out: Path, entry: dict[str, Any], articles: dict[str, tuple[str, Article]],
                      outcome: dict[str, str]) -> str:
    name = f"{SUBDIR}/retry-{entry['number']}.jsonl"
    lines = [json.dumps({"key": k, "source": articles[k][0], "reason": r, "article": articles[k][1].model_dump()},
                        ensure_ascii=False) for k, r in outcome.items() if k in articles]
    atomic_write(out / name, "\n".join(lines) + "\n" if lines else "")
    return name


def _handle_failures(args: argparse.Namespace, out: Path, state: dict[str, Any],
                     retry: list[tuple[str, str]], stats: RunStats) -> None:
    """Failed lines: through chat now (the default), or into errors.jsonl."""
    results = ResultsDir(out)
    reasons = dict(retry)
    if getattr(args, "failed", "chat") == "report":
        for key, reason in retry:
            results.log_error({"stage": "openai-batch", "work_key": key, "error": reason})
            stats.add_failure("openai-batch")
        return
    print(f"retrying {len(retry)} line(s) through chat: " + "; ".join(sorted(set(reasons.values()))[:3]))
    from summarizer.batch.progress import make_progress
    from summarizer.batch.runner import BatchRunner, RunConfig

    # the same model, endpoint and bullet count as the submitted batch, so the work keys agree
    submitted = [b for b in state["batches"] if b.get("retry_file")]
    args.model = args.model or submitted[0]["model"]
    args.base_url = args.base_url or submitted[0].get("base_url")
    args.n = submitted[0]["n"]
    provider = _openai_provider(args)
    items: list[WorkItem] = []
    for entry in state["batches"]:
        if entry.get("retry_file") and (out / entry["retry_file"]).exists():
            items += stored_items(out / entry["retry_file"])
    config = RunConfig(out=out, n=args.n, concurrency=args.concurrency, rpm=args.rpm, workers=args.workers,
                       store=args.store, max_attempts=args.retries + 1, grace=args.grace)
    chat_stats = RunStats(total=len(items), prices=stats.prices)
    runner = BatchRunner(provider, config, chat_stats, make_progress(len(items)), judge=_judge_for(args))
    asyncio.run(runner.run(items))
    stats.merge(chat_stats)
