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


def test_a_plain_list_without_json_is_read_as_the_takeaways():
    """The `text` step: endpoints without JSON support often answer with a list."""
    content = ("Here are the key takeaways:\n\n"
               "1. The council approved a $48 million budget. [1]\n"
               "2) Road repairs get $12 million (sentences 2, 5).\n"
               "- Property taxes will not rise this year.\n"
               "* Libraries open on Sundays from March\n")
    reply = parse_reply(content, 4)
    takeaways, notes = to_takeaways(reply, ARTICLE, 4)
    assert [(t.text, t.sources) for t in takeaways] == [
        ("The council approved a $48 million budget.", [0]),
        ("Road repairs get $12 million.", [1]),  # 5 names no sentence of the 4: dropped
        ("Property taxes will not rise this year.", []),
        ("Libraries open on Sundays from March", []),
    ]
    assert notes[0].startswith("the reply was a plain list, not JSON")
    assert "dropped source number(s) 5" in notes[1]


@pytest.mark.parametrize("content", [
    # the article echoed back in the prompt's own "[n]" numbering is not a list of takeaways
    "[1] The council approved a budget on Monday.\n[2] Road repairs get more.\n[3] Taxes stay flat this year.",
    # too few items, or items too short to be takeaways
    "1. The council approved a budget.\n2. Taxes stay flat this year.",
    "1. Budget\n2. Taxes\n3. Roads\n4. Libraries",
    # JSON present: its errors stand, a list beside it is not a way around them
    '{"takeaways": []}\n1. The council approved a budget.\n2. Taxes stay flat.\n3. Roads get money.',
])
def test_what_is_not_taken_for_a_list(content):
    with pytest.raises(ReplyError):
        parse_reply(content, 4)


def test_json_replies_are_never_marked_plain():
    reply = parse_reply('{"takeaways": [{"text": "a b c", "sources": [1]}]}', 1)
    assert not reply._plain_list
    assert not any("plain list" in n for n in to_takeaways(reply, ARTICLE, 1)[1])


def test_bare_strings_and_items_without_sources_are_takeaways_citing_nothing():
    reply = parse_reply('{"takeaways": ["The council approved a budget.", {"text": "Taxes stay flat.", '
                        '"sources": [2]}, {"text": "Roads get $12 million."}]}', 3)
    takeaways, notes = to_takeaways(reply, ARTICLE, 3)
    assert [(t.text, t.sources) for t in takeaways] == [
        ("The council approved a budget.", []), ("Taxes stay flat.", [1]), ("Roads get $12 million.", [])]
    assert notes == ['2 takeaway(s) came without sources (bare strings or no "sources")']
    assert "anyOf" not in json.dumps(response_schema(3))  # what endpoints are asked for is unchanged
    with pytest.raises(ReplyError):  # other wrong shapes still earn the re-ask
        parse_reply('{"takeaways": [1, 2, 3]}', 3)
