"""A small OpenAI-compatible server on 127.0.0.1 for batch tests and bench/batch.py.

Chat Completions: answers after a fixed latency with a JSON reply built from the
article's numbered sentences (`[n] ...` lines of the prompt), or with a fault chosen
by a callback (429 with Retry-After, 5xx, ...). It counts requests per article (a
hash of the numbered lines) and the peak number of requests in flight, which is what
the tests and the benchmark check the client against.

Batch API (files + batches): stores uploaded JSONL, and on each retrieve moves a
batch validating -> in_progress -> completed (or expired / failed, as configured),
writing an output file and an error file in OpenAI's line format.

It stops itself after `lifetime` seconds so a crashed test or benchmark never leaves
it running. Standard library only.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Fault = tuple[int, dict[str, str]]
_NUMBERED = re.compile(r"^\[(\d+)\]\s?(.*)$", re.M)
_N_WANTED = re.compile(r"(\d+) key takeaways")


def article_key(messages: list[dict[str, Any]]) -> str:
    """Identify the article a request is about by its numbered sentence lines."""
    user = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")
    lines = [m.group(0) for m in _NUMBERED.finditer(user)]
    return hashlib.sha1(("\n".join(lines) or user).encode()).hexdigest()[:16]


def reply_for(messages: list[dict[str, Any]], model: str) -> dict[str, Any]:
    """A chat completion whose content is a valid takeaways JSON for the article."""
    user = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")
    sentences = [(int(m.group(1)), m.group(2).strip()) for m in _NUMBERED.finditer(user)] or [(1, user[:200])]
    wanted = _N_WANTED.search(user)
    n = int(wanted.group(1)) if wanted else 4
    bullets = []
    for i in range(n):
        number, text = sentences[i % len(sentences)]
        words = text.split()[:18]
        bullets.append({"text": " ".join(words).rstrip(".,;:") + ".", "sources": [number]})
    content = json.dumps({"takeaways": bullets})
    prompt_tokens = sum(len(str(m.get("content", ""))) for m in messages) // 4
    completion_tokens = len(content) // 4
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class FakeOpenAI:
    """Start with `start()` (returns the base URL), stop with `stop()` or a `with` block.

    `fault(article_key, attempt)` returns None to answer normally or (status, headers)
    to fail that request; `attempt` counts from 1 per article.
    `batch_outcome(custom_id)` returns None (answer), "error" (an error-file line with
    HTTP 500) or "expired" (not run before the window closed).
    `batch_final` is the batch's end state: completed | expired | failed.
    """

    def __init__(
        self,
        latency: float = 0.0,
        fault: Callable[[str, int], Fault | None] | None = None,
        lifetime: float = 120.0,
        port: int = 0,
        batch_outcome: Callable[[str], str | None] | None = None,
        batch_final: str = "completed",
    ) -> None:
        self.latency = latency
        self.fault = fault
        self.lifetime = lifetime
        self.port = port
        self.batch_outcome = batch_outcome
        self.batch_final = batch_final
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()  # chat requests per article key
        self.answered: Counter[str] = Counter()  # 200 replies per article key
        self.statuses: Counter[int] = Counter()
        self.times: dict[str, list[float]] = {}  # arrival times of chat requests per article key
        self.in_flight = 0
        self.peak = 0
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.calls: list[str] = []  # "METHOD /path" of every request, in order
        self._ids = 0
        self._server: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._stopped = threading.Event()

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> str:
        fake = self

        class Handler(_Handler):
            server_state = fake

        self._server = _QuietServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        serve = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        watchdog = threading.Thread(target=self._watchdog, daemon=True)
        self._threads = [serve, watchdog]
        serve.start()
        watchdog.start()
        return self.base_url

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _watchdog(self) -> None:
        if not self._stopped.wait(self.lifetime):
            self.stop()

    def stop(self) -> None:
        if self._server is not None and not self._stopped.is_set():
            self._stopped.set()
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> "FakeOpenAI":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def new_id(self, prefix: str) -> str:
        with self.lock:
            self._ids += 1
            return f"{prefix}{self._ids}"

    # -- chat ------------------------------------------------------------------------

    def chat(self, body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        messages = body.get("messages") or []
        key = article_key(messages)
        with self.lock:
            self.requests[key] += 1
            attempt = self.requests[key]
            self.times.setdefault(key, []).append(time.monotonic())
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            fault = self.fault(key, attempt) if self.fault else None
            if fault is not None:
                status, headers = fault
                with self.lock:
                    self.statuses[status] += 1
                return status, headers, {"error": {"message": f"injected HTTP {status}", "type": "fake"}}
            with self.lock:
                self.statuses[200] += 1
                self.answered[key] += 1
            return 200, {}, reply_for(messages, str(body.get("model", "fake-model")))
        finally:
            with self.lock:
                self.in_flight -= 1

    # -- batch API ---------------------------------------------------------------------

    def create_file(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
        file_id = self.new_id("file-")
        obj = {"id": file_id, "object": "file", "bytes": len(content), "created_at": 1_700_000_000,
               "filename": filename, "purpose": purpose, "status": "processed"}
        self.files[file_id] = {"meta": obj, "content": content}
        return obj

    def create_batch(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        file = self.files.get(str(body.get("input_file_id")))
        if file is None:
            return 404, {"error": {"message": "No such File object", "type": "invalid_request_error"}}
        lines = [ln for ln in file["content"].splitlines() if ln.strip()]
        batch_id = self.new_id("batch_")
        batch = {
            "id": batch_id, "object": "batch", "endpoint": body.get("endpoint"), "errors": None,
            "input_file_id": body.get("input_file_id"), "completion_window": body.get("completion_window"),
            "status": "validating", "output_file_id": None, "error_file_id": None,
            "created_at": 1_700_000_000, "in_progress_at": None, "expires_at": 1_700_086_400,
            "completed_at": None, "failed_at": None, "expired_at": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        self.batches[batch_id] = {"obj": batch, "lines": lines}
        return 200, batch

    def retrieve_batch(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        entry = self.batches.get(batch_id)
        if entry is None:
            return 404, {"error": {"message": "No such Batch object", "type": "invalid_request_error"}}
        batch = entry["obj"]
        if batch["status"] == "validating":
            batch["status"] = "in_progress"
            batch["in_progress_at"] = 1_700_000_010
        elif batch["status"] == "in_progress":
            self._finish(entry)
        return 200, dict(batch)

    def _finish(self, entry: dict[str, Any]) -> None:
        batch = entry["obj"]
        if self.batch_final == "failed":
            batch["status"] = "failed"
            batch["failed_at"] = 1_700_000_020
            batch["errors"] = {"object": "list", "data": [
                {"code": "invalid_request", "message": "injected validation failure", "line": 1, "param": None}]}
            return
        out, err = [], []
        for raw in entry["lines"]:
            req = json.loads(raw)
            cid = req["custom_id"]
            outcome = self.batch_outcome(cid) if self.batch_outcome else None
            if self.batch_final == "expired" and outcome is None and len(out) >= len(entry["lines"]) // 2:
                outcome = "expired"
            rid = self.new_id("batch_req_")
            if outcome == "expired":
                err.append({"id": rid, "custom_id": cid, "response": None,
                            "error": {"code": "batch_expired",
                                      "message": "This request could not be executed before the completion "
                                                 "window expired."}})
            elif outcome == "error":
                err.append({"id": rid, "custom_id": cid, "error": None, "response": {
                    "status_code": 500, "request_id": rid,
                    "body": {"error": {"message": "injected server error", "type": "server_error"}}}})
            else:
                body = req["body"]
                out.append({"id": rid, "custom_id": cid, "error": None, "response": {
                    "status_code": 200, "request_id": rid,
                    "body": reply_for(body.get("messages") or [], str(body.get("model", "fake-model")))}})
        status = "expired" if self.batch_final == "expired" else "completed"
        batch["status"] = status
        batch[f"{status}_at"] = 1_700_000_030
        batch["request_counts"] = {"total": len(entry["lines"]), "completed": len(out), "failed": len(err)}
        if out:
            batch["output_file_id"] = self._store_lines("batch_output.jsonl", out)
        if err:
            batch["error_file_id"] = self._store_lines("batch_errors.jsonl", err)

    def _store_lines(self, name: str, records: list[dict[str, Any]]) -> str:
        content = "".join(json.dumps(r) + "\n" for r in records).encode()
        return self.create_file(name, "batch_output", content)["id"]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client killed mid-request (the kill-and-resume test) is expected


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every reply (an artefact of the fake server)
    disable_nagle_algorithm = True
    server_state: FakeOpenAI

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client was killed: fine
            self.close_connection = True

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        fake = self.server_state
        path = self.path.split("?")[0]
        fake.calls.append(f"POST {path}")
        raw = self._body()
        if path.endswith("/chat/completions"):
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, {"error": {"message": "invalid JSON body"}})
                return
            status, headers, payload = fake.chat(body)
            self._send(status, payload, headers)
        elif path.endswith("/files"):
            ctype = self.headers.get("Content-Type", "")
            msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + raw)
            fields: dict[str, Any] = {}
            filename = "upload.jsonl"
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    filename = part.get_filename()
                fields[name] = part.get_payload(decode=True)
            purpose = (fields.get("purpose") or b"").decode()
            self._send(200, fake.create_file(filename, purpose, fields.get("file") or b""))
        elif path.endswith("/batches"):
            status, payload = fake.create_batch(json.loads(raw or b"{}"))
            self._send(status, payload)
        else:
            self._send(404, {"error": {"message": f"no route {path}"}})

    def do_GET(self) -> None:  # noqa: N802
        fake = self.server_state
        path = self.path.split("?")[0]
        fake.calls.append(f"GET {path}")
        if path.endswith("/batches"):
            data = [dict(e["obj"]) for e in reversed(list(fake.batches.values()))]
            self._send(200, {"object": "list", "data": data, "has_more": False,
                             "first_id": data[0]["id"] if data else None, "last_id": data[-1]["id"] if data else None})
            return
        m = re.search(r"/batches/([^/]+)$", path)
        if m:
            status, payload = fake.retrieve_batch(m.group(1))
            self._send(status, payload)
            return
        m = re.search(r"/files/([^/]+)/content$", path)
        if m and m.group(1) in fake.files:
            self._send(200, None, raw=fake.files[m.group(1)]["content"])
            return
        self._send(404, {"error": {"message": f"no route {path}"}})
