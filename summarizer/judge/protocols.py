"""The two ways of asking a judge: their prompts, request bodies and answer parsing.

* `minicheck`: the published MiniCheck form, one user message per claim,
  `Document: {window}\\nClaim: {claim}`, answered "Yes" or "No". The first token is
  read; when the server returns logprobs, P(yes) / (P(yes) + P(no)) over the first
  token's alternatives is the score (and decides when the text is neither word).
* `chat`: one request per article for all its bullets, a jinja2 prompt pair, reply
  `{"verdicts": [{"index", "supported", "evidence", "reason"}]}` under the same
  response-format fallbacks and re-ask as the drafting provider.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarizer.models import Article, PromptRef
from summarizer.prompting import _read_template, as_printed, fence_for, load_template, render
from summarizer.providers.wire import ReplyError, list_schema, validate_reply

MINICHECK_TEMPLATE = "judge.minicheck.j2"
CHAT_SYSTEM = "judge.chat.system.j2"
CHAT_USER = "judge.chat.user.j2"
MAX_REASON_CHARS = 300
MAX_EVIDENCE = 8


# -- minicheck ----------------------------------------------------------------------


def minicheck_prompt_ref() -> PromptRef:
    return load_template(MINICHECK_TEMPLATE)[1]


def minicheck_message(window: str, claim: str) -> str:
    template, _ = load_template(MINICHECK_TEMPLATE)
    return template.render(document=window, claim=" ".join(claim.split()))


_WORD = re.compile(r"[A-Za-z]+")


def _yes_no(token: str) -> bool | None:
    m = _WORD.search(token or "")
    if not m:
        return None
    word = m.group(0).lower()
    return True if word == "yes" else False if word == "no" else None


def parse_minicheck(content: str | None, top_logprobs: list[tuple[str, float]] | None) -> tuple[bool, float | None]:
    """(supported, score) from the first word of the answer and the first token's
    alternatives. Raises ReplyError when neither says Yes or No."""
    score = None
    if top_logprobs:
        p_yes = sum(math.exp(lp) for tok, lp in top_logprobs if _yes_no(tok) is True)
        p_no = sum(math.exp(lp) for tok, lp in top_logprobs if _yes_no(tok) is False)
        if p_yes + p_no > 0:
            score = round(p_yes / (p_yes + p_no), 4)
    said = _yes_no((content or "").strip().split("\n")[0][:20])
    if said is None and score is None:
        raise ReplyError(f"the answer was neither Yes nor No: {(content or '').strip()[:60]!r}")
    return (said if said is not None else score >= 0.5), score  # type: ignore[operator]


# -- chat ---------------------------------------------------------------------------


class WireVerdict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    index: int = Field(description="the claim number")
    supported: bool
    evidence: list[int] = Field(max_length=MAX_EVIDENCE, description="numbers of the deciding sentences")
    reason: str = Field(max_length=MAX_REASON_CHARS, description="one short sentence")


class WireVerdicts(BaseModel):
    model_config = ConfigDict(extra="ignore")

    verdicts: list[WireVerdict]


@functools.lru_cache(maxsize=1)
def chat_prompt_ref() -> PromptRef:
    """Name and one sha over both chat templates (editing either changes it)."""
    blob = _read_template(CHAT_SYSTEM) + "\0" + _read_template(CHAT_USER)
    return PromptRef(name="judge.chat", sha=hashlib.sha256(blob.encode("utf-8")).hexdigest())


@functools.lru_cache(maxsize=16)
def verdict_schema(count: int, string_bounds: bool = True) -> dict[str, Any]:
    return list_schema(WireVerdicts, "verdicts", count, string_bounds=string_bounds)


def chat_response_format(mode: str, count: int) -> dict[str, Any] | None:
    if mode in ("json_schema", "json_schema_loose"):
        return {"type": "json_schema", "json_schema": {
            "name": "verdicts", "strict": True, "schema": verdict_schema(count, mode == "json_schema")}}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def _line(text: str) -> str:
    return " ".join(text.split())


def chat_document(article: Article, indices: list[int] | None) -> list[dict[str, Any]]:
    """Numbered sentences (1-based, the article's own numbers) shown to the chat judge."""
    chosen = range(len(article.sentences)) if indices is None else indices
    return [{"number": i + 1, "text": _line(as_printed(article, i))} for i in chosen]


def chat_messages(article: Article, sentences: list[dict[str, Any]], claims: list[str]) -> list[dict[str, str]]:
    fence_open, fence_close = fence_for(article)
    common = {"fence_open": fence_open, "fence_close": fence_close, "count": len(claims)}
    system = render(CHAT_SYSTEM, **common)
    user = render(CHAT_USER, title=_line(article.title), sentences=sentences,
                  claims=[{"number": k, "text": _line(c)} for k, c in enumerate(claims, 1)], **common)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def parse_chat(content: str | None, count: int) -> WireVerdicts:
    """Validate a chat reply: one verdict for each claim 1..count (extra ones ignored)."""
    reply = validate_reply(content, WireVerdicts)
    seen = {v.index for v in reply.verdicts}
    missing = [k for k in range(1, count + 1) if k not in seen]
    if missing:
        raise ReplyError(f"no verdict for claim(s) {', '.join(map(str, missing))}; give one for each of 1-{count}")
    return reply


def chat_reask(error: str, count: int) -> str:
    return (f"Your previous reply could not be used: {error}. Reply again with only the JSON object: key "
            f'"verdicts", a list of {count} objects with "index", "supported", "evidence" and "reason".')
