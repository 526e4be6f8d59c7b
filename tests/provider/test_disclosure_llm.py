"""An LLM draft from `generate` is marked unreviewed and names the model; it never
says "reviewed by our editorial team" (only export of approved bullets does)."""

from __future__ import annotations

import json

import pytest

from summarizer.cli import main
from tests.conftest import SEED
from tests.provider.fault_server import ok

ITEMS = [
    ("Russia and Ukraine remained far apart on territorial issues.", [1]),
    ("Zelenskyy said two main issues remained to be resolved.", [3]),
    ("Russia controls about a fifth of Ukraine.", [9]),
]


def generate(fault_server, capsys, fmt: str) -> str:
    fault_server.push(ok(ITEMS))
    argv = ["generate", str(SEED), "--provider", "openai", "--base-url", fault_server.url,
            "--model", "news-model-7", "-n", "3", "--format", fmt]
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_llm_draft_is_unreviewed_and_named(fault_server, capsys, fmt: str) -> None:
    out = generate(fault_server, capsys, fmt)
    assert "reviewed by our editorial team" not in out and "editorial team" not in out
    assert "UNREVIEWED DRAFT" in out
    assert "large language model (news-model-7)" in out
    assert "extractive" not in out.replace('"provider":"openai"', "")


def test_llm_json_has_reviewed_provider_and_model(fault_server, capsys) -> None:
    record = json.loads(generate(fault_server, capsys, "json"))
    assert record["reviewed"] is False
    assert (record["provider"], record["drafted_by"], record["model"]) == ("openai", "llm", "news-model-7")
