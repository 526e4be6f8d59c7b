"""Cassettes carry no secrets, and replay really intercepts the HTTP client.

The network block (pytest-socket) is the second line of defence; these tests show the
first one works: with record mode `none`, a request that is not in the cassette fails
instead of reaching any server, and recorded traffic is scrubbed of keys and cookies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openai
import pytest
import vcr.errors
import yaml

from summarizer.ingest import plain_article
from summarizer.providers.openai_chat import OpenAIChatProvider
from tests.cassette_filters import KEY_LIKE, SECRET_HEADERS
from tests.conftest import ROOT
from tests.provider.conftest import CASSETTES, REPLAY_BASE_URL, cassette_name, make_vcr
from tests.provider.fault_server import Reply, completion, takeaways_json

ALL_CASSETTES = sorted((CASSETTES.parent).rglob("*.yaml"))
FAKE_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"
ARTICLE = plain_article("A bridge opened on Monday. It cost 5 million. It has two lanes. Cyclists can use it.")
ITEMS = [("A bridge opened on Monday.", [1]), ("It cost 5 million.", [2]), ("It has two lanes.", [3])]


def secrets_in(text: str) -> list[str]:
    """Everything in a cassette's text that looks like a credential."""
    found = [m.group(0) for m in KEY_LIKE.finditer(text)]
    data = yaml.safe_load(text) or {}
    for interaction in data.get("interactions", []):
        for part in ("request", "response"):
            headers = interaction.get(part, {}).get("headers", {}) or {}
            found += [f"header {name}" for name in headers if name.lower() in SECRET_HEADERS]
    return found


def test_scanner_catches_planted_secrets():
    dirty = (
        "interactions:\n- request:\n    headers:\n      Authorization: [Bearer " + FAKE_KEY + "]\n"
        "    body: '{\"k\": \"" + FAKE_KEY + "\"}'\n  response:\n    headers:\n      set-cookie: [a=b]\n"
    )
    found = secrets_in(dirty)
    assert "header Authorization" in found and "header set-cookie" in found
    assert any(FAKE_KEY in f for f in found)


def test_there_are_cassettes_to_scan():
    assert len(ALL_CASSETTES) >= 5, "record the provider cassettes: scripts/record-cassettes"


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=lambda p: p.name)
def test_cassette_has_no_secrets(path: Path):
    assert secrets_in(path.read_text("utf-8")) == []


def test_recording_filters_keys_and_cookies(tmp_path, fault_server):
    """Record through the real filters against a server that leaks the key back."""
    leak = completion(takeaways_json(ITEMS))
    leak["system_fingerprint"] = f"echo Bearer {FAKE_KEY}"
    fault_server.push(
        Reply(
            body=leak,
            headers={"Set-Cookie": "session=abc123; HttpOnly", "openai-organization": "org-secretorganisation0001",
                     "openai-project": "proj_secretproject000000001", "x-request-id": "req_1"},
        )
    )
    recorder = make_vcr("all")
    recorder.cassette_library_dir = str(tmp_path)
    provider = OpenAIChatProvider(base_url=fault_server.url, api_key=FAKE_KEY, model="m", max_retries=0)
    with recorder.use_cassette("leaky.yaml"):
        provider.draft(ARTICLE, 3)
    text = (tmp_path / "leaky.yaml").read_text("utf-8")
    headers = {k.lower(): v for k, v in fault_server.requests[0]["headers"].items()}
    assert headers["authorization"] == f"Bearer {FAKE_KEY}"  # it really was sent...
    assert FAKE_KEY not in text and "abc123" not in text and "secretorganisation" not in text  # ...and not kept
    assert secrets_in(text) == []
    assert "req_1" in text  # harmless headers survive


def test_replay_intercepts_no_server_needed(tmp_path, fault_server):
    """Record once, stop the server, replay at an address where nothing listens."""
    fault_server.push(Reply(body=completion(takeaways_json(ITEMS))))
    recorder = make_vcr("all")
    recorder.cassette_library_dir = str(tmp_path)
    with recorder.use_cassette("one.yaml"):
        recorded = OpenAIChatProvider(base_url=fault_server.url, model="m", max_retries=0).draft(ARTICLE, 3)
    fault_server.close()
    replayer = make_vcr("none")
    replayer.cassette_library_dir = str(tmp_path)
    with replayer.use_cassette("one.yaml") as cass:
        replayed = OpenAIChatProvider(base_url=REPLAY_BASE_URL, model="other", max_retries=0).draft(ARTICLE, 3)
    assert cass.play_count == 1
    assert [t.text for t in replayed.takeaways] == [t.text for t in recorded.takeaways]


def test_unrecorded_request_fails_in_replay(tmp_path):
    """record mode none + no matching interaction: vcrpy's error reaches the test.

    It is not an httpx error, so neither the SDK nor the provider turns it into a
    retry or a connection error: a missing cassette entry fails the test loudly.
    """
    replayer = make_vcr("none")
    replayer.cassette_library_dir = str(tmp_path)
    client = openai.OpenAI(base_url=REPLAY_BASE_URL, api_key="x", max_retries=0)
    with replayer.use_cassette("missing.yaml"):
        with pytest.raises(vcr.errors.CannotOverwriteExistingCassetteException):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        with pytest.raises(vcr.errors.CannotOverwriteExistingCassetteException):
            OpenAIChatProvider(base_url=REPLAY_BASE_URL, model="m", max_retries=0).draft(ARTICLE, 3)
    assert not (tmp_path / "missing.yaml").exists()


def test_prompt_change_does_not_match_a_recorded_cassette():
    """A recorded cassette replays only the exact messages it was recorded with."""
    recorded = CASSETTES / "test_recorded_draft_council_budget.yaml"
    if not recorded.exists():
        pytest.skip("cassette not recorded yet")
    replayer = make_vcr("none")
    with replayer.use_cassette(recorded.name):
        with pytest.raises(vcr.errors.CannotOverwriteExistingCassetteException):
            OpenAIChatProvider(base_url=REPLAY_BASE_URL, model="m", temperature=0.0, max_retries=0).draft(
                plain_article("A different article. It has other sentences. Three of them."), 4
            )


def test_each_cassette_belongs_to_exactly_one_test(tmp_path):
    """Collect the suite's cassette tests and map each to the file its fixture opens:
    every test has its own cassette, no two tests share one, and none is orphaned
    (a renamed test would otherwise leave a stale cassette and fail to find its own)."""
    usage = tmp_path / "usage.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "tests.cassette_usage",
         "tests/provider", "tests/batch"],
        cwd=ROOT, env={**os.environ, "TAKEAWAYS_CASSETTE_USAGE": str(usage)},
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    rows = [json.loads(line) for line in usage.read_text().splitlines()]
    expected: dict[str, list[str]] = {"provider": [], "batch": []}
    for row in rows:
        if row["fixture"] == "cassette":
            expected["provider"].append(cassette_name(row["name"]))
        else:  # batch_endpoint: cassettes/batch/<test name>.yaml
            expected["batch"].append(f"{row['name']}.yaml")
    assert expected["provider"] and expected["batch"], rows
    for folder, names in expected.items():
        shared = [n for n, count in Counter(names).items() if count > 1]
        assert not shared, f"tests sharing a cassette in cassettes/{folder}: {shared}"
        on_disk = {p.name for p in (CASSETTES.parent / folder).glob("*.yaml")}
        assert not set(names) - on_disk, f"tests with no cassette in cassettes/{folder}: {sorted(set(names) - on_disk)}"
        assert not on_disk - set(names), f"cassettes no test uses in cassettes/{folder}: {sorted(on_disk - set(names))}"
