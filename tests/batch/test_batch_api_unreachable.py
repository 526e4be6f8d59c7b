"""`batch status` / `batch collect` when the Batch-API endpoint fails at run time.

A timeout, a refused connection or a 5xx that outlasts the SDK's retries is an
expected runtime failure: one line on stderr naming the endpoint, exit 1, never
"internal error". The servers here are on 127.0.0.1 and built for the purpose: one
accepts connections and never answers, one answers every request with HTTP 503.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarizer.cli import main


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts every connection and never sends a byte back."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)  # kept open, never answered
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def failing_server() -> Iterator[tuple[str, list[str]]]:
    """A server that answers every request with HTTP 503; yields (host:port, paths asked)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            asked.append(self.path)
            body = json.dumps({"error": {"message": "the batch service is down", "type": "server_error"}}).encode()
            self.send_response(503)
            self.send_header("content-type", "application/json")
            self.send_header("retry-after-ms", "10")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def a_submitted_run(tmp_path: Path, hostport: str) -> Path:
    """An output folder as `--via openai-batch` leaves it after submitting one batch."""
    out = tmp_path / "night"
    out.mkdir()
    state = {"batches": [{"number": 1, "batch_id": "batch_abc123", "status": "in_progress", "count": 3,
                          "base_url": f"http://{hostport}/v1", "model": "gpt-4o-mini", "n": 4,
                          "articles_file": "openai-batch/articles-1.jsonl"}]}
    (out / "openai-batch.json").write_text(json.dumps(state))
    return out


def one_line_failure(capsys: pytest.CaptureFixture[str], code: int) -> str:
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("takeaways: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("verb", ["status", "collect"])
def test_an_endpoint_that_never_answers_is_a_one_line_runtime_failure(
        verb: str, silent_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = a_submitted_run(tmp_path, silent_server)
    before = (out / "openai-batch.json").read_text()
    code = main(["batch", verb, str(out), "--timeout", "0.2"])
    err = one_line_failure(capsys, code)
    assert silent_server in err and "no reply within 0.2 s" in err, err
    assert json.loads((out / "openai-batch.json").read_text()) == json.loads(before)  # state left as it was


@pytest.mark.parametrize("verb", ["status", "collect"])
def test_a_refused_connection_names_the_endpoint(verb: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = a_submitted_run(tmp_path, f"127.0.0.1:{port}")
    err = one_line_failure(capsys, main(["batch", verb, str(out), "--timeout", "1"]))
    assert f"could not connect to the Batch API at 127.0.0.1:{port}" in err, err


@pytest.mark.parametrize("verb", ["status", "collect"])
def test_5xx_after_the_retries_names_the_endpoint_and_status(verb: str, failing_server: tuple[str, list[str]],
                                                             tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    hostport, asked = failing_server
    out = a_submitted_run(tmp_path, hostport)
    err = one_line_failure(capsys, main(["batch", verb, str(out), "--timeout", "5"]))
    assert hostport in err and "HTTP 503" in err and "the batch service is down" in err, err
    assert len(asked) == 4 and "after 4 attempts" in err  # the SDK's 3 retries happened first


def test_submit_to_an_endpoint_that_never_answers_keeps_its_part_for_the_next_try(
        silent_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from batch_helpers import write_articles

    write_articles(tmp_path / "in", 2)
    out = tmp_path / "night"
    code = main(["batch", str(tmp_path / "in"), "--out", str(out), "--via", "openai-batch", "--base-url",
                 f"http://{silent_server}/v1", "--model", "gpt-4o-mini", "--timeout", "0.2"])
    err = one_line_failure(capsys, code)
    assert silent_server in err and "no reply within 0.2 s" in err, err
    [entry] = json.loads((out / "openai-batch.json").read_text())["batches"]
    assert not entry.get("batch_id") and (out / entry["requests_file"]).exists()  # resumable, nothing lost
