"""The reply schema, JSON extraction and the mapping of sentence numbers."""

from __future__ import annotations

import json

import pytest

from summarizer.ingest import plain_article
from summarizer.providers.wire import ReplyError, extract_json, parse_reply, response_schema, to_takeaways

ARTICLE = plain_article("One thing happened. Then another. A third. And a fourth one.")


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


@pytest.mark.parametrize("n", [1, 3, 5])
def test_schema_is_strict_and_bounded(n):
    schema = response_schema(n)
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema
    for node in _walk(schema):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert sorted(node["required"]) == sorted(node["properties"])
        if node.get("type") == "string":
            assert node["maxLength"] <= 400
        if node.get("type") == "array":
            assert "maxItems" in node
    assert schema["properties"]["takeaways"]["minItems"] == n == schema["properties"]["takeaways"]["maxItems"]


def test_loose_schema_drops_only_string_bounds():
    loose = json.dumps(response_schema(4, string_bounds=False))
    assert "maxLength" not in loose and "minLength" not in loose and '"maxItems": 4' in loose


@pytest.mark.parametrize(
    "content",
    [
        '{"takeaways": []}',
        '  {"takeaways": []}\n',
        'Sure.\n```json\n{"takeaways": []}\n```',
        'Here: {"takeaways": []} hope it helps {',
        '{broken} then {"takeaways": []}',
    ],
)
def test_extract_json_finds_the_object(content):
    assert extract_json(content) == {"takeaways": []}


@pytest.mark.parametrize("content", ["", "   ", "no json at all", "[1, 2, 3]", '{"takeaways": [{"text": "x"'])
def test_unusable_replies_raise_reply_error(content):
    with pytest.raises(ReplyError):
        parse_reply(content, 4)


def test_parse_reply_explains_shape_errors():
    with pytest.raises(ReplyError, match="takeaways.0.sources"):
        parse_reply('{"takeaways": [{"text": "a", "sources": "one"}]}', 3)
    with pytest.raises(ReplyError, match="at most 5 items"):
        parse_reply(json.dumps({"takeaways": [{"text": "a", "sources": []}] * 9}), 4)
    with pytest.raises(ReplyError, match="at least 1 item"):
        parse_reply('{"takeaways": []}', 4)
    with pytest.raises(ReplyError, match="2 takeaways"):
        parse_reply(json.dumps({"takeaways": [{"text": "a", "sources": []}] * 2}), 4)


def test_mapping_is_one_based_to_zero_based_with_notes():
    reply = parse_reply(
        json.dumps({"takeaways": [
            {"text": "  spaced   out\ntext ", "sources": [4, 1, 1]},
            {"text": "b", "sources": [5, 0]},
            {"text": "c", "sources": []},
        ]}),
        3,
    )
    takeaways, notes = to_takeaways(reply, ARTICLE, 3)
    assert [(t.text, t.sources) for t in takeaways] == [("spaced out text", [0, 3]), ("b", []), ("c", [])]
    assert notes == ["takeaway 2: dropped source number(s) 5, 0 (the article has sentences 1-4)"]
