"""Every failure the provider must survive, served by the scripted fault server.

Each test states the outcome: a recovered draft, or a one-line ProviderError.
"""

from __future__ import annotations

import email.utils
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest

from summarizer.errors import InputError, ProviderError
from summarizer.ingest import plain_article
from summarizer.providers.openai_chat import OpenAIChatProvider
from tests.provider.fault_server import Reply, completion, error, ok, takeaways_json

ARTICLE = plain_article(
    "The city council approved a new budget on Tuesday. The budget raises spending on "
    "schools by 4 percent. Road repairs will get 12 million dollars. The mayor said the "
    "plan would not raise property taxes. Two council members voted against it. "
    "The budget takes effect in July.",
    title="Council approves budget",
)
GOOD = [
    ("The council approved a new budget on Tuesday.", [1]),
    ("School spending rose by 4 percent.", [2]),
    ("Road repairs got 12 million dollars.", [3]),
    ("Two council members voted against the budget.", [5]),
]


def assert_one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# --- recovered drafts ------------------------------------------------------------


def test_valid_reply_maps_sources_and_records_usage(fault_server, fault_provider):
    fault_server.push(ok(GOOD, prompt_tokens=321, completion_tokens=54))
    draft = fault_provider(temperature=0.0).draft(ARTICLE, 4)
    assert [t.text for t in draft.takeaways] == [t for t, _ in GOOD]
    assert [t.sources for t in draft.takeaways] == [[0], [1], [2], [4]]
    assert (draft.usage.prompt_tokens, draft.usage.completion_tokens, draft.usage.total_tokens) == (321, 54, 375)
    assert draft.latency_ms > 0
    assert draft.prompt is not None and draft.prompt.name == "summarize" and len(draft.prompt.sha) == 64
    assert draft.params == {"n": 4, "temperature": 0.0, "max_tokens": 1024}
    assert "response_format=json_schema" in draft.notes
    body = fault_server.bodies()[0]
    assert body["model"] == "fault-model" and body["temperature"] == 0.0
    schema = body["response_format"]["json_schema"]
    assert body["response_format"]["type"] == "json_schema" and schema["strict"] is True
    items = schema["schema"]["properties"]["takeaways"]
    assert items["minItems"] == items["maxItems"] == 4
    assert items["items"]["properties"]["text"]["maxLength"] > 0


def test_429_with_retry_after_is_honoured_then_recovers(fault_server, fault_provider, sleeps):
    fault_server.push(error(429, "Rate limit reached", {"Retry-After": "7"}), ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4
    assert sleeps.waits == [7.0]
    assert len(fault_server.requests) == 2


def test_429_retry_after_ms(fault_server, fault_provider, sleeps):
    fault_server.push(error(429, "slow down", {"retry-after-ms": "1500"}), ok(GOOD))
    fault_provider().draft(ARTICLE, 4)
    assert sleeps.waits == [1.5]


def test_429_retry_after_http_date(fault_server, fault_provider, sleeps):
    """`Retry-After: <HTTP-date>` (RFC 9110): wait until that time, not the default backoff."""
    when = email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=40), usegmt=True)
    past = email.utils.format_datetime(datetime.now(timezone.utc) - timedelta(seconds=40), usegmt=True)
    fault_server.push(error(429, "slow down", {"Retry-After": when}), error(429, "again", {"Retry-After": past}),
                      ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4 and len(fault_server.requests) == 3
    future_wait, past_wait = sleeps.waits
    assert 37.0 <= future_wait <= 40.0  # whole seconds in the header, and the test's own run time
    assert past_wait == 0.0  # a date already passed: retry at once


def test_429_retry_after_beyond_cap_fails_at_once(fault_server, fault_provider, sleeps):
    fault_server.push(error(429, "quota", {"Retry-After": "3600"}), ok(GOOD))
    with pytest.raises(ProviderError) as info:
        fault_provider(retry_after_cap=60).draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert "429" in msg and "3600" in msg
    assert sleeps.waits == [] and len(fault_server.requests) == 1


def test_429_forever_gives_up_after_max_retries(fault_server, fault_provider, sleeps):
    fault_server.push(*[error(429, "busy", {"Retry-After": "1"}) for _ in range(3)])
    with pytest.raises(ProviderError) as info:
        fault_provider(max_retries=2).draft(ARTICLE, 4)
    assert "after 3 attempts" in assert_one_line(info.value)
    assert sleeps.waits == [1.0, 1.0]


def test_5xx_is_retried_with_backoff_then_recovers(fault_server, fault_provider, sleeps):
    fault_server.push(error(500, "boom"), error(503, "overloaded"), ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4
    assert len(sleeps.waits) == 2 and all(0 < w <= 8 for w in sleeps.waits)


def test_5xx_forever_is_one_line_error(fault_server, fault_provider):
    fault_server.push(*[error(502, "bad gateway\nwith a second line") for _ in range(4)])
    with pytest.raises(ProviderError) as info:
        fault_provider(max_retries=3).draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert "HTTP 502" in msg and "after 4 attempts" in msg


def test_timeout_is_retried_then_one_line_error(fault_server, fault_provider):
    fault_server.push(Reply(hang=5, body=completion("{}")), Reply(hang=5, body=completion("{}")))
    provider = fault_provider(timeout=0.3, max_retries=1)
    with pytest.raises(ProviderError) as info:
        provider.draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert "no reply within 0.3 s" in msg and "after 2 attempts" in msg
    assert len(fault_server.requests) == 2


def test_timeout_then_success_recovers(fault_server, fault_provider):
    fault_server.push(Reply(hang=5, body=completion("{}")), ok(GOOD))
    draft = fault_provider(timeout=0.3, max_retries=1).draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4


def test_connection_refused_is_one_line_error(fault_server, sleeps):
    port = fault_server.port
    fault_server.close()  # nothing listens on this port any more
    provider = OpenAIChatProvider(base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=2, sleep=sleeps)
    with pytest.raises(ProviderError) as info:
        provider.draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert msg.startswith(f"could not connect to 127.0.0.1:{port} after 3 attempts")
    assert len(sleeps.waits) == 2


def test_invalid_json_once_is_reasked_with_the_error(fault_server, fault_provider):
    fault_server.push(Reply(body=completion("Sure! Here are the takeaways: {not json")), ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4
    second = fault_server.bodies()[1]["messages"]
    assert second[-2] == {"role": "assistant", "content": "Sure! Here are the takeaways: {not json"}
    assert second[-1]["role"] == "user" and "not valid JSON" in second[-1]["content"]
    assert any("asked again" in n for n in draft.notes)


def test_invalid_json_twice_is_one_line_error(fault_server, fault_provider):
    fault_server.push(Reply(body=completion("nope")), Reply(body=completion("still {nope")))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "unusable reply twice" in assert_one_line(info.value)


def test_json_in_prose_or_code_fence_is_accepted(fault_server, fault_provider):
    fault_server.push(Reply(body=completion("Here you go:\n```json\n" + takeaways_json(GOOD) + "\n```\nDone.")))
    draft = fault_provider().draft(ARTICLE, 4)
    assert [t.sources for t in draft.takeaways] == [[0], [1], [2], [4]]


def test_zero_bullets_then_nine_is_one_line_error(fault_server, fault_provider):
    fault_server.push(ok([]), ok([(f"Fact number {i}.", [1]) for i in range(9)]))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert "unusable reply twice" in msg and "takeaways" in msg
    reask = fault_server.bodies()[1]["messages"][-1]["content"]
    assert "at least 1 item" in reask or "0 takeaways" in reask


def test_nine_bullets_then_valid_recovers(fault_server, fault_provider):
    fault_server.push(ok([(f"Fact number {i}.", [1]) for i in range(9)]), ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4
    assert "at most 5 items" in fault_server.bodies()[1]["messages"][-1]["content"]


def test_five_bullets_for_four_keeps_the_first_four(fault_server, fault_provider):
    fault_server.push(ok(GOOD + [("The budget takes effect in July.", [6])]))
    draft = fault_provider().draft(ARTICLE, 4)
    assert [t.text for t in draft.takeaways] == [t for t, _ in GOOD]
    assert any("kept the first 4" in n for n in draft.notes)


def test_out_of_range_sources_are_dropped_and_noted(fault_server, fault_provider):
    items = [("Budget approved.", [1, 0, 7, 99]), ("Schools got more.", [2, 2, -1]), ("Roads.", [3]), ("Votes.", [5])]
    fault_server.push(ok(items))
    draft = fault_provider().draft(ARTICLE, 4)
    assert [t.sources for t in draft.takeaways] == [[0], [1], [2], [4]]
    dropped = [n for n in draft.notes if "dropped source" in n]
    assert dropped == [
        "takeaway 1: dropped source number(s) 0, 7, 99 (the article has sentences 1-6)",
        "takeaway 2: dropped source number(s) -1 (the article has sentences 1-6)",
    ]


def test_refusal_is_one_line_error(fault_server, fault_provider):
    fault_server.push(Reply(body=completion(None, refusal="I can't help with that.\nSorry.")))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "the model refused: I can't help with that. Sorry." in assert_one_line(info.value)
    assert len(fault_server.requests) == 1


def test_length_cutoff_is_one_line_error(fault_server, fault_provider):
    cut = takeaways_json(GOOD)[:60]
    fault_server.push(Reply(body=completion(cut, finish_reason="length")))
    with pytest.raises(ProviderError) as info:
        fault_provider(max_tokens=30).draft(ARTICLE, 4)
    msg = assert_one_line(info.value)
    assert "cut off at the token limit (max_tokens=30)" in msg
    assert fault_server.bodies()[0]["max_tokens"] == 30


def test_content_filter_is_one_line_error(fault_server, fault_provider):
    fault_server.push(Reply(body=completion(None, finish_reason="content_filter")))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "content filter" in assert_one_line(info.value)


def test_empty_choices_once_is_retried(fault_server, fault_provider):
    empty = completion("x")
    empty["choices"] = []
    fault_server.push(Reply(body=empty), ok(GOOD))
    draft = fault_provider().draft(ARTICLE, 4)
    assert len(draft.takeaways) == 4
    assert draft.usage.prompt_tokens == 200  # both calls counted


def test_empty_choices_twice_is_one_line_error(fault_server, fault_provider):
    empty = completion("x")
    empty["choices"] = []
    fault_server.push(Reply(body=empty), Reply(body=empty))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "no choices, twice" in assert_one_line(info.value)


def test_malformed_http_body_is_one_line_error(fault_server, fault_provider):
    fault_server.push(Reply(body="{this is not json"))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "malformed HTTP response" in assert_one_line(info.value)


def test_json_schema_rejected_falls_back_and_is_remembered(fault_server, fault_provider):
    reject = error(400, "'response_format.type' json_schema is not supported by this model", param="response_format")
    fault_server.push(
        reject,  # json_schema
        error(400, "Invalid schema for response_format 'takeaways'"),  # json_schema without string bounds
        ok(GOOD),  # json_object
    )
    provider = fault_provider()
    first = provider.draft(ARTICLE, 4)
    formats = [b.get("response_format", {}).get("type") for b in fault_server.bodies()]
    assert formats == ["json_schema", "json_schema", "json_object"]
    loose = fault_server.bodies()[1]["response_format"]["json_schema"]["schema"]
    assert "maxLength" not in json.dumps(loose) and "maxItems" in json.dumps(loose)
    assert "response_format=json_object" in first.notes
    # the endpoint's answer is remembered: the next draft goes straight to json_object,
    # also from a second provider instance on the same endpoint and model
    fault_server.push(ok(GOOD))
    fault_provider().draft(ARTICLE, 4)
    assert fault_server.bodies()[3]["response_format"] == {"type": "json_object"}


def test_json_object_rejected_falls_back_to_text(fault_server, fault_provider):
    fault_server.push(
        error(400, "response_format is not supported"),
        error(400, "response_format is not supported"),
        error(400, "response_format is not supported"),
        Reply(body=completion("Takeaways:\n" + takeaways_json(GOOD))),
    )
    draft = fault_provider().draft(ARTICLE, 4)
    assert "response_format" not in fault_server.bodies()[-1]
    assert "response_format=text" in draft.notes and len(draft.takeaways) == 4


def test_other_400_is_not_a_fallback(fault_server, fault_provider):
    fault_server.push(error(400, "messages: too long for the context window"))
    with pytest.raises(ProviderError) as info:
        fault_provider().draft(ARTICLE, 4)
    assert "HTTP 400: messages: too long" in assert_one_line(info.value)
    assert len(fault_server.requests) == 1


def test_401_and_404_say_what_to_check(fault_server, fault_provider):
    fault_server.push(error(401, "Incorrect API key provided"), error(404, "model 'x' not found"))
    with pytest.raises(ProviderError, match="API key was rejected"):
        fault_provider().draft(ARTICLE, 4)
    with pytest.raises(ProviderError, match="check --base-url"):
        fault_provider().draft(ARTICLE, 4)


def test_exclude_is_sent_as_data_outside_the_article_fence(fault_server, fault_provider):
    fault_server.push(ok(GOOD[:1]))
    draft = fault_provider().draft(ARTICLE, 1, exclude=["The council approved a new budget on Tuesday."])
    assert len(draft.takeaways) == 1
    user = fault_server.bodies()[0]["messages"][1]["content"]
    fence_end = user.index("<<<END ARTICLE")
    assert user.index("- The council approved a new budget on Tuesday.") > fence_end


def test_configuration_from_environment(monkeypatch, fault_server):
    monkeypatch.setenv("OPENAI_BASE_URL", fault_server.url)
    monkeypatch.setenv("TAKEAWAYS_MODEL", "env-model")
    fault_server.push(ok(GOOD))
    provider = OpenAIChatProvider()
    provider.draft(ARTICLE, 4)
    req = fault_server.requests[0]
    assert req["body"]["model"] == "env-model"
    headers = {k.lower(): v for k, v in req["headers"].items()}
    assert headers["authorization"] == "Bearer not-needed"  # a base URL alone: dummy key
    assert provider.model == "env-model" and provider.base_url == fault_server.url
    # arguments win over the environment
    assert OpenAIChatProvider(model="arg-model").model == "arg-model"


def test_configuration_errors_are_input_errors(monkeypatch):
    with pytest.raises(InputError, match="OPENAI_API_KEY"):
        OpenAIChatProvider()
    with pytest.raises(InputError, match="--model"):
        OpenAIChatProvider(base_url="http://127.0.0.1:1/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    assert OpenAIChatProvider().model == "gpt-4o-mini"
    with pytest.raises(InputError, match="temperature"):
        OpenAIChatProvider(model="m", temperature=5)
    with pytest.raises(InputError, match="timeout"):
        OpenAIChatProvider(model="m", timeout=0)


def test_one_instance_is_safe_across_threads(fault_server, fault_provider):
    """The batch runner shares one provider between worker threads."""
    fault_server.default = ok(GOOD)
    fault_server.push(error(400, "response_format json_schema unsupported"))  # one thread meets the fallback
    provider = fault_provider()
    results: list[object] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            out: object = provider.draft(ARTICLE, 4)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            out = exc
        with lock:
            results.append(out)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(results) == 8
    assert all(not isinstance(r, Exception) for r in results), results
    assert all([t.sources for t in r.takeaways] == [[0], [1], [2], [4]] for r in results)  # type: ignore[union-attr]


async def test_adraft_runs_in_a_thread(fault_server, fault_provider):
    fault_server.push(ok(GOOD))
    draft = await fault_provider().adraft(ARTICLE, 4)
    assert len(draft.takeaways) == 4


def test_response_format_option_starts_lower_and_is_validated(fault_server, fault_provider):
    fault_server.push(ok(GOOD))
    draft = fault_provider(response_format="json_object").draft(ARTICLE, 4)
    assert fault_server.bodies()[0]["response_format"] == {"type": "json_object"}
    assert "response_format=json_object" in draft.notes
    with pytest.raises(InputError, match="response_format"):
        fault_provider(response_format="xml")


def test_extra_body_is_merged_into_the_request(fault_server, fault_provider):
    """llama.cpp's `cache_prompt: false` (used when recording) must reach the JSON body."""
    fault_server.push(ok(GOOD))
    fault_provider(temperature=0.0, extra_body={"cache_prompt": False}).draft(ARTICLE, 4)
    body = fault_server.bodies()[0]
    assert body["cache_prompt"] is False and body["model"] == "fault-model"
