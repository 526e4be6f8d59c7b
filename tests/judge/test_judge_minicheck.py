"""The minicheck protocol against a scripted server: request form, combining,
failures that never cost the lexical verdict, and the answer cache."""

from __future__ import annotations

import math
import sqlite3

import pytest

from summarizer.judge.cache import JudgeCache
from summarizer.judge.core import Judge, judge_answer
from summarizer.judge.protocols import minicheck_prompt_ref
from summarizer.models import Takeaway
from summarizer.validate import validate_takeaways, with_judge
from tests.judge.conftest import answer, settings
from tests.provider.fault_server import Reply, error

SUPPORTED = "The Millbrook city council approved a $48 million budget on Tuesday night."
WRONG_NUMBER = "The Millbrook city council approved a $61 million budget on Tuesday night."


def lexical(article, *texts):
    checks = validate_takeaways(article, [Takeaway(text=t) for t in texts])
    return list(texts), checks


def judge_check(check):
    return next(r for r in check.checks if r.name == "judge")


def test_request_is_the_minicheck_form(server, council):
    server.push(answer("Yes"))
    texts, checks = lexical(council, SUPPORTED)
    out, run = with_judge(council, texts, checks, Judge(settings(server)))
    body = server.bodies()[0]
    assert body["messages"] == [{"role": "user", "content": f"Document: {council.text}\nClaim: {SUPPORTED}"}]
    assert body["max_tokens"] == 1 and body["temperature"] == 0.0
    assert body["logprobs"] is True and body["top_logprobs"] == 5
    assert "response_format" not in body
    assert run.requests == 1 and run.usage.prompt_tokens == 50
    j = judge_check(out[0])
    assert j.passed and out[0].verdict == checks[0].verdict == "supported"
    assert j.detail["model"] == "judge-model" and j.detail["protocol"] == "minicheck"
    assert j.detail["prompt_sha"] == minicheck_prompt_ref().sha and j.detail["raw"] == "Yes"


def test_no_makes_a_supported_bullet_review_with_the_reason(server, council):
    server.push(answer("No"))
    texts, checks = lexical(council, SUPPORTED)
    assert checks[0].verdict == "supported"
    out, _ = with_judge(council, texts, checks, Judge(settings(server)))
    assert out[0].verdict == "review"
    assert out[0].score == checks[0].score  # the lexical score is kept
    assert any("judge (judge-model): not supported" in r for r in out[0].reasons)
    assert judge_answer(out[0]) is False


def test_no_with_a_failed_lexical_check_is_unsupported(server, council):
    server.push(answer("No"))
    texts, checks = lexical(council, "The council approved the budget after Mayor Ana Torres resigned.")
    assert checks[0].verdict != "supported"
    out, _ = with_judge(council, texts, checks, Judge(settings(server)))
    assert out[0].verdict == "unsupported"


def test_yes_never_overrides_a_failed_number_check(server, council):
    server.push(answer("Yes"))
    texts, checks = lexical(council, WRONG_NUMBER)
    assert checks[0].verdict == "unsupported"
    out, _ = with_judge(council, texts, checks, Judge(settings(server)))
    assert out[0].verdict == "unsupported" and judge_answer(out[0]) is True


def test_logprobs_give_a_score_and_decide_an_odd_first_token(server, council):
    server.push(answer("Yes", [("Yes", math.log(0.8)), ("No", math.log(0.2)), ("The", math.log(0.01))]))
    server.push(answer("The", [("The", math.log(0.5)), (" no", math.log(0.3)), ("Yes", math.log(0.1))]))
    texts, checks = lexical(council, SUPPORTED, "Mayor Ana Torres said the plan would not raise property taxes.")
    out, _ = with_judge(council, texts, checks, Judge(settings(server)))
    assert judge_check(out[0]).detail["score"] == pytest.approx(0.8)
    assert judge_check(out[1]).detail["score"] == pytest.approx(0.25)
    assert judge_answer(out[1]) is False


def test_window_is_evidence_and_neighbours_when_the_article_is_too_long(server, council):
    server.push(answer("Yes"))
    texts, checks = lexical(council, "Mayor Ana Torres said the plan would not raise property taxes.")
    Judge(settings(server, context_tokens=100)).judge(council, texts, checks)  # 400 chars < 652
    doc = server.bodies()[0]["messages"][0]["content"].split("\nClaim: ")[0].removeprefix("Document: ")
    mayor = next(i for i, s in enumerate(council.sentences) if "Mayor Ana Torres" in council.sentence_text(i))
    assert council.sentence_text(mayor) in doc
    assert council.sentence_text(mayor - 1) in doc and council.sentence_text(mayor + 1) in doc
    assert council.sentence_text(mayor + 3) not in doc and council.sentence_text(0) not in doc


@pytest.mark.parametrize("reply, why", [
    (error(500, "boom"), "HTTP 500"),
    (Reply(body={"choices": [{"index": 0, "finish_reason": "stop", "message": {
        "role": "assistant", "content": None, "refusal": "I cannot help"}}], "id": "x", "object": "chat.completion",
        "created": 1, "model": "m"}), "refused"),
    (answer("Maybe"), "neither Yes nor No"),
    (Reply(body="this is not json", content_type="text/plain"), ""),
])
def test_a_failing_judge_keeps_the_lexical_verdict(server, council, reply, why):
    server.push(reply, reply)  # the second answers the one retry of a 5xx
    texts, checks = lexical(council, SUPPORTED)
    out, run = with_judge(council, texts, checks, Judge(settings(server), sleep=lambda s: None))
    assert out[0].verdict == checks[0].verdict == "supported"
    j = judge_check(out[0])
    assert not j.passed and j.detail["ran"] is False and j.message.startswith("judge not run: ")
    assert why in j.message
    assert judge_answer(out[0]) is None and run.failures


def test_timeout_is_not_run(server, council):
    server.push(Reply(hang=3.0))
    texts, checks = lexical(council, SUPPORTED)
    out, _ = with_judge(council, texts, checks, Judge(settings(server, timeout=0.5, max_retries=0)))
    assert out[0].verdict == "supported" and "no reply within 0.5 s" in judge_check(out[0]).message


def test_endpoint_without_logprobs_is_asked_again_without_them(server, council):
    server.push(error(400, "logprobs is not supported"), answer("Yes"), answer("Yes"))
    texts, checks = lexical(council, SUPPORTED, "Mayor Ana Torres said the plan would not raise property taxes.")
    out, _ = with_judge(council, texts, checks, Judge(settings(server)))
    bodies = server.bodies()
    assert len(bodies) == 3 and "logprobs" in bodies[0] and "logprobs" not in bodies[1] and "logprobs" not in bodies[2]
    assert all(judge_answer(c) is True for c in out)


def test_a_repeat_run_makes_no_request(server, council, tmp_path):
    server.default = answer("No")
    texts, checks = lexical(council, SUPPORTED, "Mayor Ana Torres said the plan would not raise property taxes.")
    first, run1 = Judge(settings(server)).judge(council, texts, checks)
    assert len(server.requests) == 2 and run1.requests == 2
    again, run2 = Judge(settings(server)).judge(council, texts, checks)  # a new process would do the same
    assert len(server.requests) == 2 and run2.requests == 0 and run2.cached == 2
    assert [c.verdict for c in again] == [c.verdict for c in first]
    assert judge_check(again[0]).detail["cached"] is True
    # another model, another question
    Judge(settings(server, model="other")).judge(council, texts, checks)
    assert len(server.requests) == 4
    # an edited claim is asked again
    Judge(settings(server)).judge(council, [texts[0] + " It passed.", texts[1]], checks)
    assert len(server.requests) == 5


def test_failures_are_not_cached(server, council):
    server.push(error(503, "down"), error(503, "down"), answer("Yes"))
    texts, checks = lexical(council, SUPPORTED)
    Judge(settings(server), sleep=lambda s: None).judge(council, texts, checks)
    out, run = Judge(settings(server)).judge(council, texts, checks)
    assert run.requests == 1 and judge_answer(out[0]) is True


def test_the_store_keeps_answers_too(server, council, tmp_path):
    server.default = answer("Yes")
    db = tmp_path / "desk.db"
    texts, checks = lexical(council, SUPPORTED)
    Judge(settings(server), JudgeCache(tmp_path / "c1", str(db))).judge(council, texts, checks)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM judge_cache").fetchone()[0] == 1
    # an empty cache folder (another machine), the same store: no request
    _, run = Judge(settings(server), JudgeCache(tmp_path / "c2", str(db))).judge(council, texts, checks)
    assert run.requests == 0 and len(server.requests) == 1
