"""The chat protocol against a scripted server: one request per article, the
verdicts schema, the drafting provider's response-format fallbacks and re-ask."""

from __future__ import annotations

from summarizer.judge.core import Judge, judge_answer
from summarizer.judge.protocols import chat_prompt_ref
from summarizer.models import Takeaway
from summarizer.validate import validate_takeaways
from tests.judge.conftest import settings, verdicts
from tests.provider.fault_server import Reply, completion, error

BULLETS = [
    "The Millbrook city council approved a $48 million budget on Tuesday night.",
    "Mayor Ana Torres said the plan would raise property taxes.",
]


def run(server, council, **kw):
    checks = validate_takeaways(council, [Takeaway(text=t) for t in BULLETS])
    out, r = Judge(settings(server, protocol="chat", **kw), sleep=lambda s: None).judge(council, BULLETS, checks)
    return checks, out, r


def test_one_request_with_the_verdicts_schema(server, council):
    server.push(verdicts([(1, True, [1], "Sentence 1 says so."), (2, False, [3], "The mayor said taxes would not rise.")]))
    checks, out, r = run(server, council)
    assert len(server.requests) == 1 and r.requests == 1
    body = server.bodies()[0]
    rf = body["response_format"]
    assert rf["type"] == "json_schema" and rf["json_schema"]["name"] == "verdicts"
    items = rf["json_schema"]["schema"]["properties"]["verdicts"]
    assert items["minItems"] == items["maxItems"] == 2
    assert items["items"]["properties"]["reason"]["maxLength"] == 300
    user = body["messages"][1]["content"]
    assert "[1] MILLBROOK" in user or "[1] The Millbrook" in user
    assert "1. " + BULLETS[0] in user and "2. " + BULLETS[1] in user
    assert "<<<ARTICLE " in user  # the article is fenced as data
    assert judge_answer(out[0]) is True and out[0].verdict == checks[0].verdict
    j = next(c for c in out[1].checks if c.name == "judge")
    assert j.detail["protocol"] == "chat" and j.detail["prompt_sha"] == chat_prompt_ref().sha
    assert j.detail["evidence"] == [3] and '"verdicts"' in j.detail["raw"]
    assert out[1].verdict == "unsupported"  # the lexical negation check failed too
    assert "The mayor said taxes would not rise." in out[1].reasons[-1]


def test_a_missing_verdict_is_asked_again_once(server, council):
    server.push(verdicts([(1, True, [1], "ok")]),
                verdicts([(1, True, [1], "ok"), (2, True, [3], "ok")]))
    _, out, r = run(server, council)
    second = server.bodies()[1]["messages"]
    assert "no verdict for claim(s) 2" in second[-1]["content"] and second[-2]["role"] == "assistant"
    assert r.requests == 2 and all(judge_answer(c) is True for c in out)


def test_unusable_twice_is_not_run(server, council):
    server.push(Reply(body=completion("I think they are fine.")), Reply(body=completion("Still prose.")))
    checks, out, r = run(server, council)
    assert [c.verdict for c in out] == [c.verdict for c in checks]
    assert all("judge not run: " in c.reasons[-1] and "unusable reply twice" in c.reasons[-1] for c in out)


def test_response_format_fallbacks(server, council):
    server.push(error(400, "response_format json_schema is not supported"),
                error(400, "schema: maxLength is not supported"),
                error(400, "response_format json_object is not supported"),
                Reply(body=completion("Here: ```json\n" + verdicts([(1, True, [], "a"), (2, True, [], "b")]).body[
                    "choices"][0]["message"]["content"] + "\n```")))
    _, out, _ = run(server, council)
    formats = [b.get("response_format") for b in server.bodies()]
    assert formats[0]["type"] == "json_schema" and "maxLength" in str(formats[0])
    assert formats[1]["type"] == "json_schema" and "maxLength" not in str(formats[1])
    assert formats[2] == {"type": "json_object"} and formats[3] is None
    assert all(judge_answer(c) is True for c in out)


def test_repeat_asks_nothing_and_an_edit_asks_only_for_that_bullet(server, council):
    server.push(verdicts([(1, True, [1], "ok"), (2, True, [3], "ok")]), verdicts([(1, False, [3], "edited")]))
    run(server, council)
    _, _, r = run(server, council)
    assert r.requests == 0 and len(server.requests) == 1
    checks = validate_takeaways(council, [Takeaway(text=t) for t in BULLETS])
    edited = [BULLETS[0], "Mayor Ana Torres resigned."]
    out, r = Judge(settings(server, protocol="chat")).judge(council, edited, checks)
    assert r.requests == 1 and r.cached == 1
    assert "1. Mayor Ana Torres resigned." in server.bodies()[1]["messages"][1]["content"]
    assert judge_answer(out[1]) is False
