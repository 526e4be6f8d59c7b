"""Secret filters for every vcrpy cassette this suite records (provider and batch).

Authorization, api keys, cookies and organisation/project headers are dropped, and
any key-like string (sk-..., Bearer ..., org-..., proj_...) in a URL or a body is
replaced, in requests AND responses, before a cassette is written.
tests/provider/test_cassette_hygiene.py scans every cassette for what slips through.
"""

from __future__ import annotations

import re
from typing import Any

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "cookie",
    "set-cookie",
    "openai-organization",
    "openai-project",
    "x-goog-api-key",
)
KEY_LIKE = re.compile(
    r"(sk-[A-Za-z0-9_\-]{16,}|sess-[A-Za-z0-9]{16,}|org-[A-Za-z0-9]{16,}|proj_[A-Za-z0-9]{16,}"
    r"|Bearer\s+[A-Za-z0-9._\-]{8,}|AIza[0-9A-Za-z_\-]{30,})"
)
REDACTED = "REDACTED"


def scrub_text(text: str) -> str:
    return KEY_LIKE.sub(REDACTED, text)


def _scrub_body(body: Any) -> Any:
    if body is None:
        return body
    if isinstance(body, bytes):
        try:
            return scrub_text(body.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            return body
    if isinstance(body, str):
        return scrub_text(body)
    return body


def before_record_request(request: Any) -> Any:
    for name in list(request.headers):
        if name.lower() in SECRET_HEADERS:
            del request.headers[name]
    request.uri = scrub_text(request.uri)
    request.body = _scrub_body(request.body)
    return request


def before_record_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    body = response.get("body", {})
    if isinstance(body, dict) and "string" in body:
        body["string"] = _scrub_body(body["string"])
    return response
