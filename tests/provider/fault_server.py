"""A scripted OpenAI-compatible server for fault injection, on 127.0.0.1, port 0.

Each test pushes the replies it wants, in order; every POST to `/v1/chat/completions`
consumes one. A reply is a status, headers and a body, or a hang (the handler waits
longer than the client's timeout). Requests are recorded (path, headers, JSON body)
so tests can assert on what the provider sent, e.g. the response format it fell back
to or the validation error it sent back on a re-ask.

Run on its own (`python tests/provider/fault_server.py`) it serves a fixed, valid
reply forever, which is handy for trying the CLI by hand.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list -> JSON; str/bytes -> sent as is
    headers: dict[str, str] = field(default_factory=dict)
    hang: float = 0.0  # seconds to wait before answering (a timeout test)
    content_type: str = "application/json"


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    model: str = "fault-model",
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
) -> dict[str, Any]:
    """A chat.completion object with one choice."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if refusal is not None:
        message["refusal"] = refusal
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 1764115200,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def takeaways_json(items: list[tuple[str, list[int]]]) -> str:
    return json.dumps({"takeaways": [{"text": t, "sources": s} for t, s in items]})


def ok(items: list[tuple[str, list[int]]], **kw: Any) -> Reply:
    return Reply(body=completion(takeaways_json(items), **kw))


def error(status: int, message: str, headers: dict[str, str] | None = None, param: str | None = None) -> Reply:
    body = {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": None}}
    return Reply(status=status, body=body, headers=headers or {})


class FaultServer:
    """Start with `start()`, stop with `close()`; `url` is the base URL (ends in /v1)."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[dict[str, Any]] = []
        self.default: Reply | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"null")
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                with server._lock:
                    server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                    reply = server.script.popleft() if server.script else server.default
                if reply is None:
                    reply = error(500, "fault server: script exhausted")
                if reply.hang:
                    server._stopping.wait(reply.hang)
                if isinstance(reply.body, (dict, list)):
                    data = json.dumps(reply.body).encode()
                elif isinstance(reply.body, str):
                    data = reply.body.encode()
                else:
                    data = reply.body or b""
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="fault-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def bodies(self) -> list[Any]:
        return [r["body"] for r in self.requests]

    def start(self) -> "FaultServer":
        self._thread.start()
        return self

    def close(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


if __name__ == "__main__":  # pragma: no cover - manual use
    srv = FaultServer()
    srv.default = ok([("First fact.", [1]), ("Second fact.", [2]), ("Third fact.", [3]), ("Fourth fact.", [4])])
    srv.start()
    print(srv.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        srv.close()
