"""`takeaways generate --provider openai` against the fault server: exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from summarizer.cli import main
from tests.conftest import ROOT, SEED
from tests.provider.fault_server import Reply, completion, error, ok

SEED_ITEMS = [
    ("Russia and Ukraine remained far apart on territorial issues.", [1]),
    ("Zelenskyy said two main issues remained to be resolved.", [3]),
    ("Russia controls about a fifth of Ukraine.", [9]),
    ("Trump said security guarantees were 95% ready.", [15, 99]),
]


def generate(server, *extra: str) -> list[str]:
    return ["generate", str(SEED), "--provider", "openai", "--base-url", server.url, "--model", "M", *extra]


def test_generate_prints_draft_with_tokens(fault_server, capsys):
    fault_server.push(ok(SEED_ITEMS, prompt_tokens=900, completion_tokens=80))
    assert main(generate(fault_server, "--temperature", "0.2", "--timeout", "30")) == 0
    out, err = capsys.readouterr()
    assert "openai (M)" in out and "tokens 900 in / 80 out" in out
    assert "Russia controls about a fifth of Ukraine." in out
    assert err == ""
    body = fault_server.bodies()[0]
    assert body["model"] == "M" and body["temperature"] == 0.2


def test_generate_json_carries_prompt_usage_and_notes(fault_server, capsys):
    fault_server.push(ok(SEED_ITEMS))
    assert main(generate(fault_server, "--format", "json", "-n", "4")) == 0
    record = json.loads(capsys.readouterr().out)
    draft = record["draft"]
    assert draft["provider"] == "openai" and draft["model"] == "M"
    assert draft["prompt"]["name"] == "summarize"
    assert draft["usage"]["total_tokens"] == 120
    assert [t["sources"] for t in record["takeaways"]] == [[0], [2], [8], [14]]
    assert any("dropped source number(s) 99" in n for n in draft["notes"])
    for t in record["takeaways"]:  # the validator ran on every bullet
        assert t["verdict"] in ("supported", "review", "unsupported")


def test_generate_refusal_exits_1_with_one_line(fault_server, capsys):
    fault_server.push(Reply(body=completion(None, refusal="I won't do that.")))
    assert main(generate(fault_server)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("takeaways: 127.0.0.1:") and "refused" in err


def test_generate_rate_limited_exits_1_with_one_line(fault_server, capsys):
    fault_server.push(*[error(429, "busy", {"Retry-After": "0"}) for _ in range(4)])
    assert main(generate(fault_server)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rate limited (HTTP 429), after 4 attempts" in err


def test_generate_without_model_for_custom_endpoint_is_usage_error(fault_server, capsys):
    argv = ["generate", str(SEED), "--provider", "openai", "--base-url", fault_server.url]
    assert main(argv) == 2
    assert "--model" in capsys.readouterr().err


def test_generate_subprocess_error_has_no_traceback(fault_server):
    """The real entry point, in a child process: one line on stderr, exit 1."""
    fault_server.push(error(400, "messages: context length exceeded"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", *generate(fault_server)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "HTTP 400: messages: context length exceeded" in proc.stderr


def test_generate_subprocess_success(fault_server):
    fault_server.push(ok(SEED_ITEMS))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", *generate(fault_server, "--format", "md")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "- Russia controls about a fifth of Ukraine." in proc.stdout
