"""`--via openai-batch`: submit, status, collect, against cassettes of every call.

Cassettes were recorded against the fake Batch-API server (batch_fake_openai.py);
see tests/batch/conftest.py. Outcomes per line are fixed by custom_id order so that
recording is repeatable: the `fake_server` marker says which lines error or expire.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_helpers import write_articles
from summarizer.batch import openai_batch
from summarizer.batch.inputs import expand_inputs, load_article
from summarizer.cli import main
from summarizer.providers.openai_chat import OpenAIChatProvider


def _nth_outcomes(*outcomes: str | None):
    """Outcome by order of first sight: the i-th custom_id gets outcomes[i % len]."""
    seen: dict[str, str | None] = {}

    def outcome(custom_id: str) -> str | None:
        return seen.setdefault(custom_id, outcomes[len(seen) % len(outcomes)])

    return outcome


def batch(*args: str) -> int:
    return main(["batch", *args])


def results(out: Path) -> list[Path]:
    return [p for p in out.glob("*.json") if p.name not in ("report.json", "openai-batch.json")]


def submit_args(folder: Path, out: Path, base_url: str) -> list[str]:
    return [str(folder), "--out", str(out), "--via", "openai-batch", "--base-url", base_url,
            "--model", "gpt-4o-mini", "--workers", "0", "--concurrency", "1"]


@pytest.mark.fake_server(batch_outcome=_nth_outcomes(None, "error", "expired", None, None, None))
def test_submit_status_collect_retrying_failed_lines_through_chat(batch_endpoint, tmp_path, capsys) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 6)
    (folder / "empty.txt").write_bytes(b"")
    url = batch_endpoint.base_url
    assert batch(*submit_args(folder, out, url)) == 1  # the empty file failed; the rest were submitted
    said = capsys.readouterr()
    assert "submitted 6 request(s) as batch_" in said.out and "1 item(s) failed" in said.err

    state = json.loads((out / "openai-batch.json").read_text())
    [entry] = state["batches"]
    assert entry["batch_id"] and entry["input_file_id"] and entry["count"] == 6
    lines = [json.loads(x) for x in (out / entry["requests_file"]).read_text().splitlines()]
    provider = OpenAIChatProvider(model="gpt-4o-mini", base_url=url)
    items = [i for i in expand_inputs([str(folder)]) if not i.path.endswith("empty.txt")]
    from summarizer.batch.runner import provider_identity
    from summarizer.pipeline import work_key

    sha, model, params = provider_identity(provider, 4)
    expected = {work_key(a.id, sha, model, params): a for a in map(load_article, items)}
    assert {line["custom_id"] for line in lines} == set(expected)  # custom_id = the work key
    assert all(line["url"] == "/v1/chat/completions" and line["method"] == "POST" for line in lines)

    # submitting again sends nothing: the work is pending in the batch
    assert batch(*submit_args(folder, out, url)) == 1
    assert "nothing to submit: 6 already done or pending" in capsys.readouterr().out

    assert batch("status", str(out)) == 0
    assert f"{entry['batch_id']}: in_progress" in capsys.readouterr().out

    assert batch("collect", str(out), "--workers", "0", "--concurrency", "1") == 0
    said = capsys.readouterr().out
    assert "completed, 4/6 done, 2 failed" in said
    assert "retrying 2 line(s) through chat" in said
    assert "items: 6 done" in said
    files = results(out)
    assert len(files) == 6
    via = {json.loads(p.read_text())["draft"]["notes"][-1].startswith("via OpenAI Batch API") for p in files}
    assert via == {True, False}  # 4 from the batch, 2 through chat
    report = json.loads((out / "report.json").read_text())
    assert report["tokens_by_model"]["gpt-4o-mini (batch API)"]["items"] == 4
    assert report["tokens_by_model"]["gpt-4o-mini"]["items"] == 2
    batch_cost = report["tokens_by_model"]["gpt-4o-mini (batch API)"]
    assert batch_cost["cost_usd"] == pytest.approx(
        (batch_cost["input"] * 0.15 + batch_cost["output"] * 0.60) / 1e6 * 0.5, abs=1e-6)
    assert json.loads((out / "openai-batch.json").read_text())["batches"][0]["collected"] is True
    # collecting again does nothing and calls nothing (the cassette has no more calls)
    assert batch("collect", str(out)) == 0
    assert len(results(out)) == 6


@pytest.mark.fake_server(batch_outcome=_nth_outcomes(None, "error", "expired"))
def test_collect_can_report_failed_lines_instead(batch_endpoint, tmp_path, capsys) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 3)
    url = batch_endpoint.base_url
    assert batch(*submit_args(folder, out, url)) == 0
    assert batch("status", str(out)) == 0
    assert batch("status", str(out)) == 0  # validating -> in_progress -> completed
    assert "completed, 1/3 done, 2 failed" in capsys.readouterr().out
    assert batch("collect", str(out), "--failed", "report") == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["error"].split(":")[1].strip() for e in errors) == ["HTTP 500", "batch_expired"]
    assert {e["stage"] for e in errors} == {"openai-batch"}
    assert len(results(out)) == 1


@pytest.mark.fake_server(batch_final="failed")
def test_a_failed_batch_is_retried_through_chat(batch_endpoint, tmp_path, capsys) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 2)
    url = batch_endpoint.base_url
    assert batch(*submit_args(folder, out, url)) == 0
    assert batch("collect", str(out)) == 0  # still validating: nothing to collect yet
    assert "not finished yet" in capsys.readouterr().out
    assert batch("collect", str(out), "--workers", "0", "--concurrency", "1") == 0
    said = capsys.readouterr().out
    assert "batch failed (invalid_request: injected validation failure)" in said
    assert "items: 2 done" in said and len(results(out)) == 2


@pytest.mark.fake_server(batch_final="expired")
def test_an_expired_batch_keeps_what_finished(batch_endpoint, tmp_path, capsys) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 4)
    url = batch_endpoint.base_url
    assert batch(*submit_args(folder, out, url)) == 0
    assert batch("status", str(out)) == 0
    assert batch("collect", str(out), "--failed", "report") == 1
    said = capsys.readouterr().out
    assert "expired, 2/4 done, 2 failed" in said
    assert len(results(out)) == 2
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["error"].split(":")[1].strip() for e in errors] == ["batch_expired", "batch_expired"]


@pytest.mark.fake_server()
def test_a_submit_killed_after_create_does_not_create_a_second_batch(batch_endpoint, tmp_path, monkeypatch) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 2)
    url = batch_endpoint.base_url
    real_save = openai_batch.save_state

    def save_then_die(out_dir, state):
        if any(e.get("batch_id") for e in state["batches"]):
            raise KeyboardInterrupt  # killed right after batches.create, before saving its id
        real_save(out_dir, state)

    monkeypatch.setattr(openai_batch, "save_state", save_then_die)
    assert batch(*submit_args(folder, out, url)) == 130
    monkeypatch.setattr(openai_batch, "save_state", real_save)
    [entry] = json.loads((out / "openai-batch.json").read_text())["batches"]
    assert entry["status"] == "creating" and "batch_id" not in entry
    assert batch(*submit_args(folder, out, url)) == 0  # finds the batch by its input file: no second create
    [entry] = json.loads((out / "openai-batch.json").read_text())["batches"]
    assert entry["batch_id"].startswith("batch_")
    if batch_endpoint.server is not None:
        assert batch_endpoint.server.calls.count("POST /v1/batches") == 1
        assert batch_endpoint.server.calls.count("POST /v1/files") == 1


def test_batch_request_is_the_request_chat_sends(tmp_path) -> None:
    """The Batch-API body equals what OpenAIChatProvider sends for the same article."""
    write_articles(tmp_path / "in", 1)
    [item] = expand_inputs([str(tmp_path / "in")])
    article = load_article(item)
    provider = OpenAIChatProvider(model="gpt-4o-mini", base_url="http://127.0.0.1:9/v1", temperature=0.2)
    sent: dict = {}

    class Stop(Exception):
        pass

    def capture(path, *, body, **_):
        assert path == "/chat/completions"
        sent.update(body)
        raise Stop

    provider._client.post = capture  # type: ignore[method-assign]
    with pytest.raises(Stop):
        provider.draft(article, 4)
    assert openai_batch.request_body(provider, article, 4) == sent


def test_status_without_a_batch_run_is_a_usage_error(tmp_path, capsys) -> None:
    assert batch("status", str(tmp_path)) == 2
    assert "no --via openai-batch run here" in capsys.readouterr().err
    assert batch("collect") == 2


@pytest.mark.fake_server()
def test_a_large_submission_is_split_into_batches_within_the_limits(batch_endpoint, tmp_path, monkeypatch,
                                                                    capsys) -> None:
    monkeypatch.setattr(openai_batch, "MAX_REQUESTS", 2)  # stands in for 50,000
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 5)
    assert batch(*submit_args(folder, out, batch_endpoint.base_url)) == 0
    said = capsys.readouterr().out
    assert "5 request(s) in 3 batch(es)" in said
    entries = json.loads((out / "openai-batch.json").read_text())["batches"]
    assert [e["count"] for e in entries] == [2, 2, 1]
    assert len({e["batch_id"] for e in entries}) == 3
    keys = [json.loads(x)["custom_id"] for e in entries for x in (out / e["requests_file"]).read_text().splitlines()]
    assert len(keys) == len(set(keys)) == 5
    assert not list((out / "openai-batch").glob(".*.tmp"))
    assert batch("status", str(out)) == 0
    assert batch("collect", str(out)) == 0
    assert "items: 5 done" in capsys.readouterr().out
    assert len(results(out)) == 5
