"""Fixtures for the batch tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_helpers import write_articles  # noqa: E402


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_articles(folder, 12)
    return folder


# -- cassettes for the Batch-API tests ------------------------------------------------
#
# One cassette per test in cassettes/batch/<test>.yaml, replayed with record mode
# `none`. They were recorded against the fake Batch-API server in
# batch_fake_openai.py (there is no real key here): `TAKEAWAYS_RECORD=1 pytest
# tests/batch` starts it and records afresh. Matching ignores scheme, host and port
# (recording used the fake server's port; replay goes to port 9, where nothing
# listens) and compares JSON bodies, so a changed request fails loudly; multipart
# uploads are matched on the path only (their boundary is random).

import json  # noqa: E402
import os  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import vcr  # noqa: E402

from batch_fake_openai import FakeOpenAI  # noqa: E402

from tests.cassette_filters import SECRET_HEADERS, before_record_request, before_record_response  # noqa: E402

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes" / "batch"
RECORDING = os.environ.get("TAKEAWAYS_RECORD") == "1"
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"
def _json_body(r1: Any, r2: Any) -> None:
    def parse(body: Any) -> Any:
        if not body:
            return None
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return "<not json>"

    b1, b2 = parse(r1.body), parse(r2.body)
    if b1 != "<not json>" and b2 != "<not json>":
        assert b1 == b2, "request bodies differ"


def make_vcr(record_mode: str) -> vcr.VCR:
    v = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        match_on=["method", "path", "query", "json_body"],
        filter_headers=list(SECRET_HEADERS),
        before_record_request=before_record_request,
        before_record_response=before_record_response,
        decode_compressed_response=True,
    )
    v.register_matcher("json_body", _json_body)
    return v


class BatchEndpoint:
    """What a Batch-API test talks to: the fake server while recording, else nothing."""

    def __init__(self, base_url: str, server: FakeOpenAI | None) -> None:
        self.base_url = base_url
        self.server = server


@pytest.fixture
def batch_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[BatchEndpoint]:
    """Replays cassettes/batch/<test>.yaml; with TAKEAWAYS_RECORD=1 records it against
    a fake server configured by the test's `fake_server` marker kwargs."""
    marker = request.node.get_closest_marker("fake_server")
    options = dict(marker.kwargs) if marker else {}
    name = request.node.name
    if RECORDING:
        server = FakeOpenAI(lifetime=120, port=0, **options)
        server.start()
        cassette = CASSETTES / f"{name}.yaml"
        cassette.unlink(missing_ok=True)
        with make_vcr("all").use_cassette(f"{name}.yaml", allow_playback_repeats=False):
            yield BatchEndpoint(server.base_url, server)
        server.stop()
    else:
        if not (CASSETTES / f"{name}.yaml").exists():
            pytest.fail(f"no cassette {name}.yaml: record it with TAKEAWAYS_RECORD=1")
        with make_vcr("none").use_cassette(f"{name}.yaml", allow_playback_repeats=False) as cassette:
            yield BatchEndpoint(REPLAY_BASE_URL, None)
            assert cassette.all_played, "some recorded requests were never made"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fake_server(**options): how the fake Batch-API server behaves when recording")
