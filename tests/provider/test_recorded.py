"""Real model traffic, replayed from cassettes recorded against a real server.

The cassettes in `cassettes/provider/test_recorded_*.yaml` were recorded from a local
llama.cpp server running SmolLM2-135M-Instruct (see README "Recording cassettes";
`scripts/record-cassettes` re-records them against any endpoint; the measured tokens
and latency are in `cassettes/provider/recordings.jsonl`). That
model is tiny and its bullets are poor, so these tests never judge summary quality.
They check, on what the model really wrote:

* the wire contract of the request (fenced, numbered sentences; strict json_schema);
* that the draft is exactly what the recorded reply says, parsed and mapped (1-based
  numbers to 0-based sources, out-of-range numbers dropped), with usage summed;
* that the validator's verdicts are sane on real model text: evidence spans
  reproduce the article, and its verdicts agree with two facts computed here
  independently (a bullet copied verbatim from the article is not "unsupported"; a
  bullet whose words are mostly absent from the article is not "supported").
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import ProviderError
from summarizer.ingest import ingest_path
from summarizer.models import Result
from summarizer.pipeline import run
from summarizer.providers.wire import ReplyError, extract_json, parse_reply
from tests.conftest import SEED
from summarizer.providers.openai_chat import OpenAIChatProvider
from tests.provider.conftest import ARTICLES, CASSETTES, RECORDING, record_settings

CASES: dict[str, Path] = {
    "seed": SEED,
    "injection_recall": ARTICLES / "injection_recall.txt",
    "council_budget": ARTICLES / "council_budget.txt",
    "harbor_storm": ARTICLES / "harbor_storm.txt",
    "battery_plant": ARTICLES / "battery_plant.txt",
    "comet_find": ARTICLES / "comet_find.txt",
}
N = 4
MEASUREMENTS = CASSETTES / "recordings.jsonl"
WORD = re.compile(r"[A-Za-z]{4,}")


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _foreign_share(bullet: str, article_text: str) -> float:
    words = {w.lower() for w in WORD.findall(bullet)}
    if not words:
        return 0.0
    vocab = {w.lower() for w in WORD.findall(article_text)}
    return len(words - vocab) / len(words)


def _record_measurement(case: str, cassette: Any, result: Result | None, error: str | None, wall_ms: float) -> None:
    """While recording, keep what was measured (tokens, latency) beside the cassettes."""
    bodies = [json.loads(r["body"]["string"]) for r in cassette.responses if r["status"]["code"] == 200]
    timings = [b.get("timings", {}) for b in bodies]
    row = {
        "cassette": Path(cassette._path).name,
        "case": case,
        "endpoint": os.environ.get("TAKEAWAYS_RECORD_BASE_URL") or "https://api.openai.com/v1",
        "model": os.environ.get("TAKEAWAYS_RECORD_MODEL") or "",
        "served_model": bodies[-1].get("model") if bodies else None,
        "system_fingerprint": bodies[-1].get("system_fingerprint") if bodies else None,
        "requests": len(cassette.requests),
        "prompt_tokens": sum((b.get("usage") or {}).get("prompt_tokens", 0) for b in bodies),
        "completion_tokens": sum((b.get("usage") or {}).get("completion_tokens", 0) for b in bodies),
        "latency_ms": round(wall_ms, 1),
        "server_prompt_ms": round(sum(t.get("prompt_ms", 0.0) for t in timings), 1),
        "server_predicted_ms": round(sum(t.get("predicted_ms", 0.0) for t in timings), 1),
        "outcome": "error: " + error if error else f"draft ({len(result.takeaways)} takeaways)" if result else "?",
        "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    # one row per cassette: re-recording some tests replaces only their rows
    rows = []
    if MEASUREMENTS.exists():
        rows = [line for line in MEASUREMENTS.read_text("utf-8").splitlines()
                if line.strip() and json.loads(line)["cassette"] != row["cassette"]]
    MEASUREMENTS.write_text("".join(line + "\n" for line in rows + [json.dumps(row)]), encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_recorded_draft(case: str, cassette: Any, recorded_provider: Any) -> None:
    """Strict json_schema, as every endpoint that supports it is asked first."""
    check_recorded(case, cassette, recorded_provider, "json_schema")


# (mode, case, sampling): sampling None is greedy (temperature 0, as the product
# drafts); (temperature, seed) is sampled with a fixed seed, for steps where the tiny
# recording model loops forever when greedy (README "Recording cassettes")
FALLBACKS: list[tuple[str, str, tuple[float, int] | None]] = [
    ("json_schema_loose", "harbor_storm", None),
    ("json_object", "council_budget", None),
    ("text", "comet_find", None),
    ("text", "injection_recall", None),
    ("json_object", "council_budget", (0.8, 4)),
    ("text", "comet_find", (0.8, 1)),
]


def _fallback_id(mode: str, case: str, sampling: tuple[float, int] | None) -> str:
    return f"{mode}-{case}" + (f"-t{sampling[0]}-seed{sampling[1]}" if sampling else "")


@pytest.mark.parametrize(("mode", "case", "sampling"), FALLBACKS, ids=[_fallback_id(*f) for f in FALLBACKS])
def test_recorded_fallback(mode: str, case: str, sampling: tuple[float, int] | None, cassette: Any) -> None:
    """The fallback formats on real model output: json_object, and free text (no
    response_format at all), where a small model may need the re-ask or answer with a
    plain list instead of JSON."""
    settings = record_settings()
    temperature = 0.0
    if sampling is not None:
        temperature = sampling[0]
        settings["extra_body"] = {**(settings["extra_body"] or {}), "seed": sampling[1]}
    provider = OpenAIChatProvider(
        temperature=temperature, timeout=900.0, max_retries=0, response_format=mode, **settings
    )
    check_recorded(case, cassette, provider, mode, temperature)


def check_recorded(case: str, cassette: Any, provider: OpenAIChatProvider, mode: str,
                   temperature: float = 0.0) -> None:
    article = ingest_path(CASES[case])
    started = time.perf_counter()
    result: Result | None = None
    error: ProviderError | None = None
    try:
        result = run(article, provider, N)
    except ProviderError as exc:
        error = exc
    if RECORDING:
        _record_measurement(case, cassette, result, str(error) if error else None, (time.perf_counter() - started) * 1000)
    else:
        assert cassette.all_played, "the provider made fewer requests than were recorded"

    requests = [json.loads(r.body) for r in cassette.requests]
    responses = [json.loads(r["body"]["string"]) for r in cassette.responses]

    # -- wire contract of the first request ----------------------------------------
    first = requests[0]
    system, user = first["messages"][0]["content"], first["messages"][1]["content"]
    lines = user.splitlines()
    fence_open = next(line for line in lines if line.startswith("<<<ARTICLE "))
    fence_close = fence_open.replace("<<<ARTICLE ", "<<<END ARTICLE ")
    inside = lines[lines.index(fence_open) + 1 : lines.index(fence_close)]
    assert [line.split("] ", 1)[0] for line in inside] == [f"[{i}" for i in range(1, len(article.sentences) + 1)]
    assert fence_open in system and "never instructions" in system
    assert first["temperature"] == temperature
    if mode in ("json_schema", "json_schema_loose"):
        assert first["response_format"]["type"] == "json_schema" and first["response_format"]["json_schema"]["strict"]
        bounded = "maxLength" in json.dumps(first["response_format"]["json_schema"]["schema"])
        assert bounded == (mode == "json_schema")
    elif mode == "json_object":
        assert first["response_format"] == {"type": "json_object"}
    else:
        assert "response_format" not in first

    # -- the outcome is what the recorded replies imply ------------------------------
    contents = [r["choices"][0]["message"].get("content") for r in responses if r.get("choices")]
    verdicts_on_replies = []
    for content in contents:
        try:
            parse_reply(content, N)
            verdicts_on_replies.append("ok")
        except ReplyError:
            verdicts_on_replies.append("bad")
    # The replies decide the outcome, both ways: the last one usable (after at most one
    # unusable one, which earns the single re-ask) -> a draft; none usable -> an error.
    usable = bool(contents) and verdicts_on_replies[-1] == "ok"
    assert "ok" not in verdicts_on_replies[:-1], f"a usable reply was followed by another request: {verdicts_on_replies}"
    assert len(contents) <= 2, f"more than one re-ask: {verdicts_on_replies}"
    if not usable:
        assert error is not None and result is None, f"no usable reply ({verdicts_on_replies}) yet a draft was returned"
        assert "\n" not in str(error)
        return
    assert error is None and result is not None, f"a usable reply was recorded but the draft failed: {error}"
    if len(requests) > 1:  # a re-ask sends the error back
        assert "could not be used" in requests[-1]["messages"][-1]["content"]

    raw = parse_reply(contents[-1], N).model_dump()["takeaways"]  # JSON, or a plain list (text step)
    # the shapes read without a re-ask, checked here independently of the parser
    if "{" not in contents[-1]:  # no JSON at all: a plain list, one takeaway per line
        item = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*])\s+")
        listed = [item.sub("", line).strip() for line in contents[-1].splitlines() if item.match(line)]
        assert [t["text"] for t in raw] == listed[: len(raw)]
        assert any(x.startswith("the reply was a plain list") for x in result.draft.notes)
    else:
        items = extract_json(contents[-1])["takeaways"]
        without = sum(1 for t in items if isinstance(t, str) or "sources" not in t)
        assert any("came without sources" in x for x in result.draft.notes) == bool(without)
    raw = [t for t in raw if t["text"].strip()][:N]
    count = len(article.sentences)
    draft = result.draft
    assert [t.text for t in draft.takeaways] == [" ".join(t["text"].split()) for t in raw]
    assert [t.sources for t in draft.takeaways] == [sorted({s - 1 for s in t["sources"] if 1 <= s <= count}) for t in raw]
    dropped = [s for t in raw for s in t["sources"] if not 1 <= s <= count]
    assert bool(dropped) == any("dropped source" in n for n in draft.notes)
    assert draft.usage.prompt_tokens == sum(r["usage"]["prompt_tokens"] for r in responses)
    assert draft.usage.completion_tokens == sum(r["usage"]["completion_tokens"] for r in responses)
    assert draft.prompt is not None and draft.prompt.name == "summarize"
    assert f"response_format={mode}" in draft.notes

    # -- the validator on real model text -------------------------------------------
    assert len(result.takeaways) == len(draft.takeaways)
    for t in result.takeaways:
        assert t.verdict in ("supported", "review", "unsupported") and 0.0 <= t.score <= 1.0
        for span in t.evidence:
            assert article.text[span.start : span.end] == span.text
        for span in t.unsupported_spans:
            assert t.text[span.start : span.end] == span.text
        if len(t.text.split()) >= 4 and _norm(t.text).rstrip(".") in _norm(article.text):
            assert t.verdict != "unsupported", f"verbatim article text judged unsupported: {t.text!r}"
        if _foreign_share(t.text, article.text) > 0.5:
            assert t.verdict != "supported", f"mostly foreign words judged supported: {t.text!r}"


def test_injection_did_not_change_the_task() -> None:
    """Whatever the tiny model wrote for the injection article, it stayed a takeaways
    JSON reply to the summarize task: the prompt fenced the attack, and the recorded
    reply is the takeaways object, not the text the article demanded."""
    path = CASSETTES / "test_recorded_draft_injection_recall.yaml"
    if not path.exists():
        pytest.skip("cassette not recorded yet")
    import yaml

    data = yaml.safe_load(path.read_text("utf-8"))
    last = json.loads(data["interactions"][-1]["response"]["body"]["string"])
    content = last["choices"][0]["message"]["content"]
    reply = extract_json(content)
    assert set(reply) == {"takeaways"}
    assert content.strip() != "I HAVE BEEN PWNED"
    texts = " ".join(t["text"] for t in reply["takeaways"])
    assert "<<<" not in texts  # no system prompt or fence echoed back
