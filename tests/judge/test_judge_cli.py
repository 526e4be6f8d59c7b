"""The judge flags on validate, generate and batch, as a user runs them, against a
scripted judge server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from tests.judge.conftest import ARTICLES, answer
from tests.provider.fault_server import error

ARTICLE = str(ARTICLES / "council_budget.txt")
BULLETS = ["The Millbrook city council approved a $48 million budget on Tuesday night.",
           "Mayor Ana Torres said the plan would not raise property taxes."]


@pytest.fixture
def bullets(tmp_path: Path) -> str:
    p = tmp_path / "bullets.txt"
    p.write_text("\n".join(BULLETS) + "\n", encoding="utf-8")
    return str(p)


def judge_of(claim: dict) -> dict:
    return next(c for c in claim["checks"] if c["name"] == "judge")


def test_validate_with_a_judge(server, bullets, capsys):
    server.push(answer("No"), answer("Yes"))
    code = main(["validate", ARTICLE, "--bullets", bullets, "--format", "json",
                 "--judge-base-url", server.url, "--judge-model", "mc"])
    assert code == 0
    rec = json.loads(capsys.readouterr().out)
    first, second = rec["claims"]
    assert first["verdict"] == "review" and judge_of(first)["passed"] is False
    assert judge_of(second)["passed"] is True and judge_of(second)["detail"]["model"] == "mc"
    assert len(server.requests) == 2


def test_environment_configures_the_judge_and_its_key(server, bullets, capsys, monkeypatch):
    monkeypatch.setenv("TAKEAWAYS_JUDGE_BASE_URL", server.url)
    monkeypatch.setenv("TAKEAWAYS_JUDGE_MODEL", "mc-env")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fallback-key")
    server.default = answer("Yes")
    assert main(["validate", ARTICLE, "--bullets", bullets, "--format", "json",
                 "--judge-protocol", "minicheck"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert judge_of(rec["claims"][0])["detail"]["model"] == "mc-env"
    assert {k.lower(): v for k, v in server.requests[0]["headers"].items()}["authorization"] == "Bearer sk-fallback-key"
    monkeypatch.setenv("TAKEAWAYS_JUDGE_API_KEY", "sk-judge-key")
    main(["validate", ARTICLE, "--bullets", bullets, "--format", "json", "--judge-model", "other"])
    assert {k.lower(): v for k, v in server.requests[-1]["headers"].items()}["authorization"] == "Bearer sk-judge-key"


def test_no_judge_configured_changes_nothing(bullets, capsys):
    assert main(["validate", ARTICLE, "--bullets", bullets, "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert all(c["name"] != "judge" for claim in rec["claims"] for c in claim["checks"])


def test_a_failing_judge_keeps_verdicts_exit_code_and_says_so_once(server, bullets, capsys):
    server.default = error(503, "overloaded")
    plain = main(["validate", ARTICLE, "--bullets", bullets, "--format", "json"])
    before = json.loads(capsys.readouterr().out)
    code = main(["validate", ARTICLE, "--bullets", bullets, "--format", "json",
                 "--judge-base-url", server.url, "--judge-model", "mc", "--judge-timeout", "2"])
    captured = capsys.readouterr()
    after = json.loads(captured.out)
    assert code == plain == 0
    assert [c["verdict"] for c in after["claims"]] == [c["verdict"] for c in before["claims"]]
    assert all(judge_of(c)["message"].startswith("judge not run: ") for c in after["claims"])
    lines = [x for x in captured.err.splitlines() if x]
    assert len(lines) == 1 and lines[0].startswith("takeaways: judge not run for ") and "HTTP 503" in lines[0]


def test_judge_model_without_an_endpoint_is_a_usage_error(bullets, capsys):
    assert main(["validate", ARTICLE, "--bullets", bullets, "--judge-model", "mc"]) == 2
    assert "the judge needs an endpoint" in capsys.readouterr().err
    assert main(["validate", ARTICLE, "--bullets", bullets, "--judge-base-url", "http://127.0.0.1:9/v1"]) == 2


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_generate_with_store_caches_in_the_store(backend, server, tmp_path, capsys, monkeypatch, request):
    """The answers live in the store too: another editor's machine (an empty file
    cache) asks the judge nothing for the same bullets of the same desk."""
    server.default = answer("Yes")
    store = str(tmp_path / "desk.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    args = ["generate", ARTICLE, "--provider", "extractive", "-n", "3", "--format", "json", "--store", store,
            "--judge-base-url", server.url, "--judge-model", "mc"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert all(judge_of(t)["passed"] for t in first["takeaways"])
    asked = len(server.requests)
    assert asked == 3
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    assert main(args) == 0  # a repeat run elsewhere: every answer from the store
    assert len(server.requests) == asked
    second = json.loads(capsys.readouterr().out)
    assert all(judge_of(t)["detail"]["cached"] for t in second["takeaways"])


def test_batch_judges_and_reports_the_calls(server, tmp_path, capsys):
    server.default = answer("Yes", prompt_tokens=70)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("council_budget.txt", "harbor_storm.txt"):
        (folder / name).write_text((ARTICLES / name).read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(folder), "--out", str(out), "--provider", "extractive", "-n", "3", "--workers", "0",
            "--judge-base-url", server.url, "--judge-model", "mc", "--concurrency", "2"]
    assert main(args) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["judge"]["requests"] == 6 and report["judge"]["tokens_in"] == 420
    assert report["judge"]["bullets_not_judged"] == 0
    assert "judge mc: 6 requests" in capsys.readouterr().out
    result = json.loads(next(p for p in out.glob("*.json") if p.name != "report.json").read_text())
    assert all(judge_of(t)["passed"] for t in result["takeaways"])


def test_batch_collect_judges_what_the_batch_api_drafted(server, tmp_path, capsys):
    """Drafts that come back from OpenAI's Batch API get the same second opinion as a
    chat run's: a judge "No" lowers the collected bullets and the report counts it."""
    from tests.batch.batch_fake_openai import FakeOpenAI
    from tests.batch.batch_helpers import write_articles

    server.default = answer("No", prompt_tokens=60)
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 2)
    fake = FakeOpenAI(lifetime=60)
    url = fake.start()
    try:
        assert main(["batch", str(folder), "--out", str(out), "--via", "openai-batch", "--base-url", url,
                     "--model", "gpt-4o-mini", "--workers", "0", "--concurrency", "1"]) == 0
        assert main(["batch", "status", str(out)]) == 0
        assert main(["batch", "status", str(out)]) == 0
        assert main(["batch", "collect", str(out), "--workers", "0",
                     "--judge-base-url", server.url, "--judge-model", "mc"]) == 0
    finally:
        fake.stop()
    said = capsys.readouterr().out
    results = [json.loads(p.read_text()) for p in out.glob("*.json") if p.name not in ("report.json", "openai-batch.json")]
    assert len(results) == 2
    bullets = [t for r in results for t in r["takeaways"]]
    assert bullets and all(judge_of(t)["passed"] is False for t in bullets)
    assert all(t["verdict"] != "supported" for t in bullets)
    report = json.loads((out / "report.json").read_text())
    assert report["judge"]["requests"] == len(bullets) == len(server.requests)
    assert report["judge"]["tokens_in"] == 60 * len(bullets)
    assert f"judge mc: {len(bullets)} requests" in said
