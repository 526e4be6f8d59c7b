"""OpenAI-compatible Chat Completions provider (OpenAI, Azure OpenAI v1, Ollama, vLLM,
llama.cpp server, LM Studio), on the official `openai` client.

How one draft is made:

1. Render the summarize prompt (`summarizer.prompting`): numbered sentences fenced as
   data, JSON reply `{"takeaways": [{"text", "sources"}]}`.
2. Ask with the best response format the endpoint accepts: strict `json_schema`
   (generated from `wire.WireReply`, bounded), then the same schema without string
   length bounds, then `json_object`, then plain text with JSON extracted from it. A
   400/422 whose message names the response format or schema moves one rung down;
   the rung that worked is remembered per (base URL, model) for the whole process.
3. Validate the reply locally (pydantic). If it is unusable (invalid JSON, wrong
   shape, 0 or 9 bullets, no choices), re-ask once, sending the error back.
4. Map 1-based sentence numbers to 0-based `Takeaway.sources`, dropping numbers that
   name no sentence (noted on `Draft.notes`).

Failures are expected events: 429 (Retry-After honoured up to `retry_after_cap`
seconds), 5xx, 408/409, timeouts and refused connections are retried with backoff
(`max_retries`); everything that still fails, plus refusals, content filters and
replies cut off at the token limit, becomes a one-line `ProviderError` (exit 1).

Thread safety: one instance may be shared by many threads (the batch runner calls
`draft` through `asyncio.to_thread`). The `openai` client and its HTTP connection pool
are safe to share; every call keeps its own state in local variables; the only shared
mutable state, the per-endpoint response-format memory, is guarded by a lock.
`adraft` is the same call for asyncio code, run in a worker thread.
"""

from __future__ import annotations

import asyncio
import functools
import email.utils
import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import openai
from openai.types.chat import ChatCompletion

from summarizer.errors import InputError, ProviderError
from summarizer.models import Article, Draft, PromptRef, Usage
from summarizer.prompting import summarize_messages, summarize_prompt_ref
from summarizer.providers.wire import ReplyError, parse_reply, response_schema, to_takeaways

T = TypeVar("T")


@dataclass
class Asked(Generic[T]):
    """A parsed structured answer with what it cost and how it was obtained."""

    value: T
    usage: Usage
    notes: list[str]
    mode: str
    content: str

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_TOKENS = 1024
DEFAULT_MAX_RETRIES = 3
DEFAULT_RETRY_AFTER_CAP = 60.0
DUMMY_API_KEY = "not-needed"  # local servers (llama.cpp, Ollama) accept any key

MODES = ("json_schema", "json_schema_loose", "json_object", "text")
_MODE_WORDS = ("response_format", "json_schema", "json_object", "schema", "grammar")

_mode_lock = threading.Lock()
_mode_start: dict[tuple[str, str], int] = {}


def forget_endpoint_modes() -> None:
    """Forget what every endpoint supports (tests; a server that was upgraded)."""
    with _mode_lock:
        _mode_start.clear()


def one_line(text: object, limit: int = 240) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def retry_after_seconds(headers: Any) -> float | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or HTTP date)."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(email.utils.mktime_tz(parsed) - time.time(), 0.0)


def _error_detail(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return one_line(inner["message"], 200)
        if isinstance(inner, str):
            return one_line(inner, 200)
    return one_line(exc.message, 200)


@functools.lru_cache(maxsize=32)
def _response_format(mode: str, n: int) -> dict[str, Any] | None:
    """The `response_format` for a mode, built once per (mode, n): generating the
    schema from the pydantic model costs ~1.5 ms, paid per request in a batch run.
    The returned dict is shared: callers must not mutate it."""
    if mode in ("json_schema", "json_schema_loose"):
        return {
            "type": "json_schema",
            "json_schema": {
                "name": "takeaways",
                "strict": True,
                "schema": response_schema(n, string_bounds=mode == "json_schema"),
            },
        }
    if mode == "json_object":
        return {"type": "json_object"}
    return None


class OpenAIChatProvider:
    """Drafts takeaways through any OpenAI-compatible Chat Completions endpoint.

    Arguments override the environment: `model` ($TAKEAWAYS_MODEL), `base_url`
    ($OPENAI_BASE_URL; default api.openai.com), `api_key` ($OPENAI_API_KEY; a dummy
    key when only a base URL is set). `temperature=None` leaves the server default.
    `extra_body` is merged into every request (e.g. `{"cache_prompt": False}` for
    llama.cpp). `response_format` ("auto", or a rung of `MODES` to start from) skips
    formats an endpoint is known to lack. `sleep` is injectable so tests can observe
    the backoff.
    """

    name = "openai"

    def __init__(
        self,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        temperature: float | None = None,
        timeout: float | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        extra_body: dict[str, Any] | None = None,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
        response_format: str = "auto",
        sleep: Callable[[float], None] = time.sleep,
        client: openai.OpenAI | None = None,
    ) -> None:
        self.base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or "").strip() or None
        api_key = api_key or os.environ.get("OPENAI_API_KEY") or None
        if api_key is None:
            if self.base_url is None:
                raise InputError(
                    "the openai provider needs OPENAI_API_KEY (api.openai.com) or a base URL "
                    "(OPENAI_BASE_URL / --base-url)"
                )
            api_key = DUMMY_API_KEY
        model = model or os.environ.get("TAKEAWAYS_MODEL") or None
        if model is None:
            if self.base_url is not None:
                raise InputError(
                    "name the model to use on this endpoint: --model M or TAKEAWAYS_MODEL "
                    "(e.g. the Ollama tag, or the Azure deployment name)"
                )
            model = DEFAULT_OPENAI_MODEL
        self.model: str = model
        if temperature is not None and not 0.0 <= temperature <= 2.0:
            raise InputError(f"--temperature must be between 0 and 2, not {temperature}")
        if timeout is not None and timeout <= 0:
            raise InputError(f"--timeout must be a positive number of seconds, not {timeout}")
        self.temperature = temperature
        self.timeout = float(timeout) if timeout is not None else DEFAULT_TIMEOUT
        self.max_retries = max(int(max_retries), 0)
        self.max_tokens = int(max_tokens)
        self.extra_body = dict(extra_body or {})
        self.retry_after_cap = float(retry_after_cap)
        if response_format != "auto" and response_format not in MODES:
            raise InputError(f"response_format must be auto or one of {', '.join(MODES)}, not {response_format!r}")
        # "auto" starts at strict json_schema; naming a mode starts the fallback there
        # (for endpoints known to lack Structured Outputs, or to record each path).
        self._first_mode = 0 if response_format == "auto" else MODES.index(response_format)
        self._sleep = sleep
        # Retries are ours (below), not the SDK's, so Retry-After handling, the cap and
        # the error messages are one policy that tests can see.
        self._client = client or openai.OpenAI(
            api_key=api_key, base_url=self.base_url, timeout=self.timeout, max_retries=0
        )
        self.endpoint = self._display_endpoint()

    # -- public -------------------------------------------------------------------

    @property
    def prompt_ref(self) -> PromptRef:
        return summarize_prompt_ref()

    def params(self, n: int) -> dict[str, Any]:
        """The request parameters that define a draft's identity (for batch work keys)."""
        return {"n": n, "temperature": self.temperature, "max_tokens": self.max_tokens}

    def draft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        """Draft `n` takeaways (1 to 5) for `article`, not repeating `exclude`."""
        if not 1 <= n <= 5:
            raise InputError(f"the openai provider drafts 1 to 5 takeaways, not {n}")
        if not article.sentences:
            raise InputError("the article has no sentences to summarise")
        prompt = summarize_messages(article, n, exclude)
        messages: list[dict[str, str]] = [
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": prompt.user},
        ]
        started = time.perf_counter()
        asked = self.ask_json(messages, n, lambda content: parse_reply(content, n), lambda err: self._reask(err, n))
        reply = asked.value
        takeaways, mapping_notes = to_takeaways(reply, article, n)
        # the order of the notes as before: re-ask, mapping, then format and endpoint notes
        retried = [x for x in asked.notes if x.startswith("attempt 1:")]
        notes = retried + mapping_notes + [x for x in asked.notes if x not in retried]
        return Draft(
            provider=self.name,
            model=self.model,
            prompt=prompt.ref,
            params=self.params(n),
            usage=asked.usage,
            latency_ms=round((time.perf_counter() - started) * 1000, 1),
            takeaways=takeaways,
            notes=notes,
        )

    def ask_json(self, messages: list[dict[str, str]], n: int, parse: Callable[[str | None], T],
                 reask: Callable[[str], str]) -> "Asked[T]":
        """One structured answer: ask (stepping down response formats), parse with
        `parse` (which raises `ReplyError`), re-ask once with `reask(error)` on an
        unusable reply. Shared by the drafting call and the judge's chat protocol.

        Raises ProviderError on refusals, content filters, a reply cut off at the
        token limit before its JSON was complete, and an unusable reply twice.
        `messages` is extended in place by the re-ask.
        """
        usage = Usage()
        notes: list[str] = []
        for attempt in (1, 2):
            completion, mode = self._complete(messages, n)
            if completion.usage is not None:
                usage.prompt_tokens += completion.usage.prompt_tokens or 0
                usage.completion_tokens += completion.usage.completion_tokens or 0
                usage.total_tokens += completion.usage.total_tokens or 0
            if not completion.choices:
                problem = "the endpoint returned no choices"
                if attempt == 1:
                    notes.append(f"attempt 1: {problem}; asked again")
                    continue
                raise ProviderError(f"{self.endpoint}: {problem}, twice")
            choice = completion.choices[0]
            message = choice.message
            refusal = getattr(message, "refusal", None)
            if refusal:
                raise ProviderError(f"{self.endpoint}: the model refused: {one_line(refusal, 160)}")
            if choice.finish_reason == "content_filter":
                raise ProviderError(f"{self.endpoint}: the reply was blocked by the content filter")
            try:
                value = parse(message.content)
            except ReplyError as exc:
                if choice.finish_reason == "length":
                    raise ProviderError(
                        f"{self.endpoint}: the reply was cut off at the token limit "
                        f"(max_tokens={self.max_tokens}) before the JSON was complete"
                    ) from None
                if attempt == 1:
                    notes.append(f"attempt 1: {exc}; asked again")
                    if message.content and message.content.strip():
                        messages.append({"role": "assistant", "content": message.content})
                    messages.append({"role": "user", "content": reask(str(exc))})
                    continue
                raise ProviderError(f"{self.endpoint}: unusable reply twice: {exc}") from None
            notes.append(f"response_format={mode}")
            if choice.finish_reason == "length":
                notes.append("the reply reached the token limit but was complete JSON")
            if completion.model and completion.model != self.model:
                notes.append(f"served by model {completion.model}")
            return Asked(value=value, usage=usage, notes=notes, mode=mode, content=message.content or "")
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    async def adraft(self, article: Article, n: int, exclude: Sequence[str] = ()) -> Draft:
        """`draft` for asyncio callers: runs in a worker thread (the instance is thread-safe)."""
        return await asyncio.to_thread(self.draft, article, n, exclude)

    # -- internals ----------------------------------------------------------------

    def _display_endpoint(self) -> str:
        if self.base_url is None:
            return "api.openai.com"
        parts = urlsplit(self.base_url)
        return parts.netloc or self.base_url

    @staticmethod
    def _reask(error: str, n: int) -> str:
        return (
            f"Your previous reply could not be used: {error}. Reply again with only the JSON "
            f'object: key "takeaways", a list of exactly {n} objects, each with "text" (a takeaway '
            'written from the article above) and "sources" (the numbers of the sentences it rests on).'
        )

    def _mode_key(self) -> tuple[str, str]:
        return (self.base_url or "https://api.openai.com/v1", self.model)

    def response_format_for(self, mode: str, n: int) -> dict[str, Any] | None:
        """The `response_format` sent in `mode` (a subclass asking for another JSON
        shape, the judge, overrides this)."""
        return _response_format(mode, n)

    def _complete(self, messages: list[dict[str, str]], n: int) -> tuple[ChatCompletion, str]:
        """One completion, stepping down the response formats the endpoint rejects."""
        key = self._mode_key()
        with _mode_lock:
            start = max(_mode_start.get(key, 0), self._first_mode)
        for index in range(start, len(MODES)):
            mode = MODES[index]
            try:
                completion = self._call(messages, mode, n)
            except openai.APIStatusError as exc:
                if exc.status_code in (400, 422) and index + 1 < len(MODES) and self._names_format(exc):
                    with _mode_lock:
                        _mode_start[key] = max(_mode_start.get(key, 0), index + 1)
                    continue
                raise self._status_error(exc) from None
            return completion, mode
        raise AssertionError("unreachable")  # pragma: no cover - text mode never steps down

    @staticmethod
    def _names_format(exc: openai.APIStatusError) -> bool:
        text = f"{exc.message} {exc.body}".lower()
        return any(word in text for word in _MODE_WORDS)

    def _call(self, messages: list[dict[str, str]], mode: str, n: int,
              extra: dict[str, Any] | None = None) -> ChatCompletion:
        """One request with retries on 429/5xx/408/409, timeouts and refused connections.
        `extra` adds or overrides body fields (the judge's max_tokens and logprobs)."""
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages, "max_tokens": self.max_tokens}
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        response_format = self.response_format_for(mode, n)
        if response_format is not None:
            kwargs["response_format"] = response_format
        if extra:
            kwargs.update(extra)
        options: dict[str, Any] = {"extra_json": self.extra_body} if self.extra_body else {}
        attempt = 0
        while True:
            try:
                # `post` rather than `chat.completions.create`: the body is already plain
                # JSON, and the SDK's recursive param transform of the large strict schema
                # cost ~2.5 ms of CPU per request, the bulk of a batch run's client time.
                completion = self._client.post(
                    "/chat/completions", body=kwargs, cast_to=ChatCompletion, options=options
                )
            except openai.APIStatusError as exc:
                status = exc.status_code
                if status not in (408, 409, 429) and status < 500:
                    raise
                delay = retry_after_seconds(exc.response.headers)
                what = "rate limited (HTTP 429)" if status == 429 else f"HTTP {status}: {_error_detail(exc)}"
                if delay is not None and delay > self.retry_after_cap:
                    raise ProviderError(
                        f"{self.endpoint}: {what}; it asks to retry after {delay:.0f} s, more than "
                        f"the {self.retry_after_cap:.0f} s this run waits"
                    ) from None
                if attempt >= self.max_retries:
                    raise ProviderError(f"{self.endpoint}: {what}, after {attempt + 1} attempts") from None
                wait = delay if delay is not None else self._backoff(attempt)
            except openai.APITimeoutError:
                if attempt >= self.max_retries:
                    raise ProviderError(
                        f"{self.endpoint}: no reply within {self.timeout:g} s (--timeout), "
                        f"after {attempt + 1} attempts"
                    ) from None
                wait = self._backoff(attempt)
            except openai.APIConnectionError as exc:
                if attempt >= self.max_retries:
                    cause = one_line(exc.__cause__ or exc, 120)
                    raise ProviderError(
                        f"could not connect to {self.endpoint} after {attempt + 1} attempts ({cause})"
                    ) from None
                wait = self._backoff(attempt)
            except ValueError as exc:  # a 200 whose body is not JSON
                raise ProviderError(f"{self.endpoint}: malformed HTTP response ({one_line(exc, 120)})") from None
            else:
                if not isinstance(completion, ChatCompletion):
                    raise ProviderError(
                        f"{self.endpoint}: the response was not a chat completion: {one_line(completion, 120)}"
                    )
                return completion
            self._sleep(wait)
            attempt += 1

    @staticmethod
    def _backoff(attempt: int) -> float:
        return min(0.5 * 2**attempt, 8.0) * (0.75 + 0.5 * random.random())

    def _status_error(self, exc: openai.APIStatusError) -> ProviderError:
        status = exc.status_code
        detail = _error_detail(exc)
        if status == 401:
            return ProviderError(f"{self.endpoint}: the API key was rejected (HTTP 401); check OPENAI_API_KEY")
        if status == 403:
            return ProviderError(f"{self.endpoint}: access denied (HTTP 403): {detail}")
        if status == 404:
            return ProviderError(
                f"{self.endpoint}: not found (HTTP 404): {detail}; check --base-url (it usually ends in /v1) "
                f"and --model {self.model!r}"
            )
        return ProviderError(f"{self.endpoint}: HTTP {status}: {detail}")
