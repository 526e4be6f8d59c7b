"""The summarize wire contract: the reply schema, parsing it, mapping it to Takeaways.

The model answers `{"takeaways": [{"text": ..., "sources": [3, 7]}, ...]}` where
`sources` are 1-based sentence numbers as shown in the prompt. This module owns:

* `WireReply`, the pydantic model the reply is validated against locally, and
  `response_schema(n)`, the strict JSON Schema derived from it for Structured Outputs
  (bounded string lengths and item counts, so constrained decoders always terminate);
* `parse_reply(content)`, which accepts plain JSON, JSON in a Markdown code fence or
  JSON embedded in prose, and raises `ReplyError` with a short message fit to send
  back to the model when a re-ask is due;
* `to_takeaways(reply, article, n)`, which maps 1-based numbers to 0-based
  `Takeaway.sources`, dropping numbers that name no sentence, and reports what it
  changed as notes (recorded on the draft).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from summarizer.models import Article, Takeaway

M = TypeVar("M", bound=BaseModel)

MIN_ITEMS = 3  # the wire contract: 3 to 5 takeaways
MAX_ITEMS = 5
MAX_TEXT_CHARS = 240  # above 25 words (~175 chars); a bound for decoders, not the style rule:
# at 400 the tiny recording model looped to the bound in every item and the seed hit max_tokens
MAX_SOURCES = 8


class WireTakeaway(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="one takeaway, at most 25 words")
    sources: list[int] = Field(max_length=MAX_SOURCES, description="1-based numbers of supporting sentences")


class WireReply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    takeaways: list[WireTakeaway] = Field(min_length=1, max_length=MAX_ITEMS)
    _plain_list: bool = PrivateAttr(default=False)  # read from a numbered list, not JSON

    _uncited: int = PrivateAttr(default=0)  # items given as bare strings or without "sources"

    @model_validator(mode="wrap")
    @classmethod
    def _accept_uncited(cls, data: Any, handler: Any) -> "WireReply":
        """Two shapes models without a schema often write: `"takeaways": ["text", ...]`
        and items with a "text" but no "sources". Each is a takeaway that cites no
        sentence (sources are a hint; the validator finds the evidence itself). The
        schema sent to endpoints is unchanged: it still asks for sources."""
        items = data.get("takeaways") if isinstance(data, dict) else None
        uncited = 0
        if isinstance(items, list):
            fixed = []
            for v in items:
                if isinstance(v, str):
                    v = {"text": v, "sources": []}
                    uncited += 1
                elif isinstance(v, dict) and "text" in v and "sources" not in v:
                    v = {**v, "sources": []}
                    uncited += 1
                fixed.append(v)
            if uncited:
                data = {**data, "takeaways": fixed}
        reply = handler(data)
        reply._uncited = uncited
        return reply


class ReplyError(ValueError):
    """The reply is not a valid takeaways object; the message is sent back on re-ask."""


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline_refs(copy.deepcopy(defs[node["$ref"].rsplit("/", 1)[-1]]), defs)
        return {k: _inline_refs(v, defs) for k, v in node.items() if k not in ("$defs", "title")}
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    return node


def _strictify(node: Any) -> None:
    """Strict mode wants every object closed and every property required."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            node["additionalProperties"] = False
            node["required"] = list(node.get("properties", {}))
        for v in node.values():
            _strictify(v)
    elif isinstance(node, list):
        for v in node:
            _strictify(v)


def _strip_keys(node: Any, keys: frozenset[str]) -> Any:
    if isinstance(node, dict):
        return {k: _strip_keys(v, keys) for k, v in node.items() if k not in keys}
    if isinstance(node, list):
        return [_strip_keys(v, keys) for v in node]
    return node


def list_schema(model: type[BaseModel], field: str, count: int, *, string_bounds: bool = True) -> dict[str, Any]:
    """Strict JSON Schema of `model` whose list `field` holds exactly `count` items.

    `string_bounds=False` drops minLength/maxLength for endpoints whose strict mode
    rejects them (item counts stay bounded either way). Shared by the drafting reply
    and the judge's verdicts, so both walk the same fallback steps.
    """
    raw = model.model_json_schema()
    schema = _inline_refs(raw, raw.get("$defs", {}))
    _strictify(schema)
    schema["properties"][field]["minItems"] = count
    schema["properties"][field]["maxItems"] = count
    if not string_bounds:
        schema = _strip_keys(schema, frozenset({"minLength", "maxLength"}))
    return schema


def response_schema(n: int, *, string_bounds: bool = True) -> dict[str, Any]:
    """Strict JSON Schema for exactly `n` takeaways, generated from `WireReply`."""
    return list_schema(WireReply, "takeaways", n, string_bounds=string_bounds)


_FENCED = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```", re.DOTALL)


def extract_json(content: str) -> Any:
    """The first JSON object in `content`: whole, in a code fence, or inside prose."""
    text = content.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    m = _FENCED.search(text)
    if m:
        try:
            return json.loads(m.group(1))
        except json.JSONDecodeError:
            pass
    decoder = json.JSONDecoder()
    for i, ch in enumerate(text):
        if ch == "{":
            try:
                obj, _ = decoder.raw_decode(text, i)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                return obj
    raise ReplyError("the reply was not valid JSON; answer with one JSON object only")


def _describe(err: ValidationError) -> str:
    parts = []
    for e in err.errors()[:4]:
        loc = ".".join(str(p) for p in e["loc"]) or "reply"
        parts.append(f"{loc}: {e['msg']}")
    return "; ".join(parts)


def validate_reply(content: str | None, model: type[M]) -> M:
    """The JSON object in a reply, validated as `model`; `ReplyError` says what is
    wrong in one line (the text the re-ask sends back). Drafting and the judge share it."""
    if content is None or not content.strip():
        raise ReplyError("the reply was empty; answer with the JSON object")
    obj = extract_json(content)
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        raise ReplyError(f"the JSON did not match the required shape ({_describe(exc)})") from None


# "1. text", "2) text", "- text", "* text", "• text"; not "[1] text", the prompt's own
# numbering of article sentences, which a model that echoes the article repeats
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+(?P<text>\S.*?)\s*$")
_CITED = re.compile(r"\s*[\[(](?:sentences?\s*)?(?P<nums>\d{1,3}(?:\s*[,;]\s*\d{1,3})*)[\])]\.?$", re.I)


def plain_list_reply(content: str, n: int) -> WireReply | None:
    """A reply with no JSON at all that lists takeaways one per line ("1. ...",
    "- ..."), as endpoints without JSON support (the `text` step) often answer: the
    listed lines as takeaways, a trailing "[3]" or "(sentences 2, 4)" as their sources.
    None unless at least min(3, n) items of three or more words are listed."""
    items = []
    for line in content.splitlines():
        m = _LIST_ITEM.match(line)
        if not m:
            continue
        text, sources = m.group("text").strip().strip("*").strip(), []
        cited = _CITED.search(text)
        if cited:
            sources = [int(x) for x in re.findall(r"\d+", cited.group("nums"))]
            text = text[: cited.start()].rstrip() + ("." if cited.group(0).endswith(".") else "")
        if len(text.split()) >= 3:
            items.append({"text": text, "sources": sources[:MAX_SOURCES]})
    if len(items) < min(MIN_ITEMS, n):
        return None
    try:
        reply = WireReply.model_validate({"takeaways": items[:MAX_ITEMS]})
    except ValidationError as exc:
        raise ReplyError(f"the listed takeaways did not fit the contract ({_describe(exc)})") from None
    reply._plain_list = True
    return reply


def parse_reply(content: str | None, n: int) -> WireReply:
    """Parse and validate one reply; `ReplyError` says what is wrong, in one line.
    A reply without any JSON that lists takeaways one per line is accepted as that
    list (`plain_list_reply`; the draft's notes say so)."""
    if content is not None and content.strip():
        try:
            extract_json(content)
        except ReplyError:
            listed = plain_list_reply(content, n)
            if listed is not None:
                return listed
    reply = validate_reply(content, WireReply)
    lo = min(MIN_ITEMS, n)
    count = len([t for t in reply.takeaways if t.text.strip()])
    if count < lo:
        raise ReplyError(f"the reply had {count} takeaways with text; exactly {n} are required")
    return reply


def to_takeaways(reply: WireReply, article: Article, n: int) -> tuple[list[Takeaway], list[str]]:
    """Map a valid reply to Takeaways (0-based sources) and notes on what was changed.

    Numbers outside 1..len(sentences) are dropped (the validator treats sources as a
    hint anyway); duplicates are removed; extra takeaways beyond `n` are cut.
    """
    notes: list[str] = []
    if reply._plain_list:
        notes.append("the reply was a plain list, not JSON; sources only where a line cited them")
    if reply._uncited:
        notes.append(f"{reply._uncited} takeaway(s) came without sources (bare strings or no \"sources\")")
    count = len(article.sentences)
    items = [t for t in reply.takeaways if t.text.strip()]
    if len(items) > n:
        notes.append(f"model returned {len(items)} takeaways; kept the first {n}")
        items = items[:n]
    elif len(items) < n:
        notes.append(f"model returned {len(items)} takeaways; {n} were asked for")
    out = []
    for k, item in enumerate(items, 1):
        dropped = [s for s in item.sources if not 1 <= s <= count]
        if dropped:
            notes.append(
                f"takeaway {k}: dropped source number(s) {', '.join(map(str, dropped))} "
                f"(the article has sentences 1-{count})"
            )
        sources = sorted({s - 1 for s in item.sources if 1 <= s <= count})
        out.append(Takeaway(text=" ".join(item.text.split()), sources=sources))
    return out, notes
