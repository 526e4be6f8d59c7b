"""Both judge protocols replayed from cassettes recorded against a real server
(llama.cpp serving SmolLM2-135M-Instruct; see README "Judge", recording).

The model is tiny and its answers are weak: these tests prove the wire format (what
is sent, that a real reply parses and maps onto the `judge` check), never the
quality of the verdicts. Each expectation is derived from the recorded reply itself.

Re-record (the server on 127.0.0.1:8080):

    TAKEAWAYS_RECORD=1 TAKEAWAYS_RECORD_BASE_URL=http://127.0.0.1:8080/v1 \\
    TAKEAWAYS_RECORD_MODEL=smollm2-135m-instruct TAKEAWAYS_RECORD_EXTRA_BODY='{"cache_prompt": false}' \\
    .venv/bin/python -m pytest -q tests/judge/test_recorded.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import vcr

from summarizer.judge.core import Judge, judge_answer
from summarizer.judge.protocols import parse_chat, parse_minicheck
from summarizer.judge.settings import JudgeSettings
from summarizer.models import Takeaway
from summarizer.providers.wire import ReplyError
from summarizer.validate import validate_takeaways
from tests.cassette_filters import SECRET_HEADERS, before_record_request, before_record_response
from tests.provider.conftest import match_path_tail, match_request_body

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes" / "judge"
RECORDING = os.environ.get("TAKEAWAYS_RECORD") == "1"
BULLETS = ["The Millbrook city council approved a $48 million budget on Tuesday night.",
           "Mayor Ana Torres said the plan would raise property taxes by 4 percent."]


def judge_settings(protocol: str, **kw: Any) -> JudgeSettings:
    if RECORDING:
        extra = os.environ.get("TAKEAWAYS_RECORD_EXTRA_BODY")
        return JudgeSettings(model=os.environ["TAKEAWAYS_RECORD_MODEL"],
                             base_url=os.environ["TAKEAWAYS_RECORD_BASE_URL"], protocol=protocol, timeout=900.0,
                             max_retries=0, extra_body=json.loads(extra) if extra else None, **kw)
    return JudgeSettings(model="recorded-model", base_url="http://127.0.0.1:9/v1", protocol=protocol,
                         timeout=5.0, max_retries=0, **kw)


def cassette(name: str):
    v = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="all" if RECORDING else "none",
                match_on=["method", "path_tail", "request_body"], before_record_request=before_record_request,
                before_record_response=before_record_response, decode_compressed_response=True,
                filter_headers=list(SECRET_HEADERS))
    v.register_matcher("path_tail", match_path_tail)
    v.register_matcher("request_body", match_request_body)
    if RECORDING:
        (CASSETTES / name).unlink(missing_ok=True)
        CASSETTES.mkdir(parents=True, exist_ok=True)
    return v.use_cassette(name)


def replies(cass) -> list[dict]:
    return [json.loads(r["body"]["string"]) for r in cass.responses]


def test_recorded_minicheck(council):
    checks = validate_takeaways(council, [Takeaway(text=t) for t in BULLETS])
    with cassette("minicheck.yaml") as cass:
        out, run = Judge(judge_settings("minicheck", context_tokens=100)).judge(council, BULLETS, checks)
    assert run.requests == 2 and len(cass.requests) == 2
    for req, body, check, lexical, text in zip(cass.requests, replies(cass), out, checks, BULLETS):
        sent = json.loads(req.body)
        content = sent["messages"][0]["content"]
        assert content.startswith("Document: ") and content.endswith(f"\nClaim: {text}")
        assert sent["max_tokens"] == 1 and sent["logprobs"] is True
        choice = body["choices"][0]
        lp = (choice.get("logprobs") or {}).get("content")
        top = [(t["token"], t["logprob"]) for t in lp[0]["top_logprobs"]] if lp else None
        j = next(r for r in check.checks if r.name == "judge")
        try:
            said, score = parse_minicheck(choice["message"]["content"], top)
        except ReplyError:
            assert j.detail["ran"] is False and check.verdict == lexical.verdict
            continue
        assert judge_answer(check) is said and j.detail["score"] == score
        assert j.detail["raw"] == choice["message"]["content"]
        if not said and lexical.verdict == "supported":
            assert check.verdict in ("review", "unsupported")
    assert run.usage.prompt_tokens == sum(b["usage"]["prompt_tokens"] for b in replies(cass))


def test_recorded_chat(council):
    checks = validate_takeaways(council, [Takeaway(text=t) for t in BULLETS])
    with cassette("chat.yaml") as cass:
        out, run = Judge(judge_settings("chat")).judge(council, BULLETS, checks)
    sent = json.loads(cass.requests[0].body)
    assert sent["response_format"]["json_schema"]["name"] == "verdicts"
    assert "<<<ARTICLE " in sent["messages"][1]["content"]
    bodies = replies(cass)
    assert run.requests == len(bodies) in (1, 2)
    last = bodies[-1]["choices"][0]["message"]["content"]
    try:
        reply = parse_chat(last, len(BULLETS))
    except ReplyError:
        assert all(judge_answer(c) is None for c in out)
        assert [c.verdict for c in out] == [c.verdict for c in checks]
        return
    for k, check in enumerate(out, 1):
        v = next(v for v in reply.verdicts if v.index == k)
        assert judge_answer(check) is v.supported
        j = next(r for r in check.checks if r.name == "judge")
        assert j.detail["evidence"] == v.evidence and j.detail["raw"] == last
