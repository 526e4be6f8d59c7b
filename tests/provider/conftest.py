"""Fixtures for the provider tests: the fault server and vcrpy cassettes.

Cassettes live in `cassettes/provider/<test name>.yaml`, one per test, replayed with
record mode `none` (a request with no recorded answer fails the test). To re-record,
run `scripts/record-cassettes` (it sets TAKEAWAYS_RECORD=1 and the TAKEAWAYS_RECORD_*
endpoint variables; the suite's autouse fixture clears OPENAI_* so replay never sees
a developer's key).

Matching ignores scheme, host, port and the `model` field, so cassettes recorded
against api.openai.com, Azure or a local llama.cpp server all replay the same way;
it does compare the path tail and the parts of the body that define the request
(messages, response_format, temperature, max_tokens), so a prompt edit without a
re-record fails loudly.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr

from summarizer.providers.openai_chat import OpenAIChatProvider, forget_endpoint_modes
from tests.cassette_filters import (
    SECRET_HEADERS,
    before_record_request,
    before_record_response,
)
from tests.provider.fault_server import FaultServer

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes" / "provider"
ARTICLES = Path(__file__).resolve().parent / "articles"

RECORDING = os.environ.get("TAKEAWAYS_RECORD") == "1"
# Where replayed requests "go": nothing listens on port 9 (discard), so if vcrpy did
# not intercept, the request would fail with a refused connection.
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"
REPLAY_MODEL = "recorded-model"

def _json_body(request: Any) -> dict[str, Any]:
    raw = request.body
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {"_raw": raw}
    return data if isinstance(data, dict) else {"_raw": data}


BODY_KEYS = ("messages", "response_format", "temperature", "max_tokens", "seed")


def match_request_body(r1: Any, r2: Any) -> None:
    b1, b2 = _json_body(r1), _json_body(r2)
    for key in BODY_KEYS:
        assert b1.get(key) == b2.get(key), f"request body differs in {key!r}"


def match_path_tail(r1: Any, r2: Any) -> None:
    assert r1.path.rstrip("/").endswith("chat/completions") == r2.path.rstrip("/").endswith("chat/completions")
    assert r1.path.rsplit("/", 2)[-2:] == r2.path.rsplit("/", 2)[-2:], "request path differs"


def make_vcr(record_mode: str | None = None) -> vcr.VCR:
    v = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode or ("all" if RECORDING else "none"),
        match_on=["method", "path_tail", "request_body"],
        before_record_request=before_record_request,
        before_record_response=before_record_response,
        decode_compressed_response=True,
        filter_headers=list(SECRET_HEADERS),
    )
    v.register_matcher("path_tail", match_path_tail)
    v.register_matcher("request_body", match_request_body)
    return v


def record_settings() -> dict[str, Any]:
    """Provider arguments: the real endpoint when recording, a dead address on replay."""
    if RECORDING:
        extra = os.environ.get("TAKEAWAYS_RECORD_EXTRA_BODY")
        return {
            "base_url": os.environ.get("TAKEAWAYS_RECORD_BASE_URL") or None,
            "api_key": os.environ.get("TAKEAWAYS_RECORD_API_KEY") or None,
            "model": os.environ.get("TAKEAWAYS_RECORD_MODEL") or None,
            "extra_body": json.loads(extra) if extra else None,
        }
    return {"base_url": REPLAY_BASE_URL, "api_key": None, "model": REPLAY_MODEL, "extra_body": None}


@pytest.fixture(autouse=True)
def _fresh_endpoint_memory() -> Iterator[None]:
    forget_endpoint_modes()
    yield
    forget_endpoint_modes()


def cassette_name(test_name: str) -> str:
    """The cassette file of a test using the `cassette` fixture (its name, sanitised)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name).strip("_") + ".yaml"


@pytest.fixture
def cassette(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A vcrpy cassette named after the test (one per test)."""
    name = cassette_name(request.node.name)
    if RECORDING:
        # vcrpy's record mode "all" loads the old cassette and appends to it; a
        # re-recording must replace it, or replay would start with stale requests.
        (CASSETTES / name).unlink(missing_ok=True)
    with make_vcr().use_cassette(name) as cass:
        yield cass


@pytest.fixture
def recorded_provider() -> OpenAIChatProvider:
    """The provider the cassette tests use: temperature 0, the recording endpoint."""
    return OpenAIChatProvider(temperature=0.0, timeout=900.0, max_retries=0, **record_settings())


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    srv = FaultServer().start()
    try:
        yield srv
    finally:
        srv.close()


class SleepRecorder:
    """Stands in for time.sleep: records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def fault_provider(fault_server: FaultServer, sleeps: SleepRecorder):
    def make(**kw: Any) -> OpenAIChatProvider:
        kw.setdefault("model", "fault-model")
        kw.setdefault("timeout", 5.0)
        kw.setdefault("sleep", sleeps)
        return OpenAIChatProvider(base_url=fault_server.url, **kw)

    return make
