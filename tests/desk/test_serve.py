"""`takeaways serve`: the login and token guard over plain HTTP, and one real browser
session: headless Chromium (driven over the DevTools protocol) signs in, presses
Enter and `a` in the xterm.js page, and the store records the approval under the
signed-in reviewer."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import pytest

from summarizer.review import ReviewSession
from summarizer.store import Store
from tests.desk.conftest import article_result

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "desk-token-0123456789"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store: str, *extra: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve", "--store", store, "--port", str(port), *extra],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.stdout.read().decode()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("serve did not answer within 30 s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def desk(pg_url: str):
    with Store(pg_url) as store:
        for n in range(2):
            store.save_result(article_result(n))
    proc, port = _serve(pg_url, "--queue", "all", env={"TAKEAWAYS_SERVE_TOKEN": TOKEN})
    yield pg_url, port
    _stop(proc)


def test_binding_beyond_loopback_needs_a_token(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    Store(db).close()
    env = {k: v for k, v in os.environ.items() if k != "TAKEAWAYS_SERVE_TOKEN"}
    done = subprocess.run([sys.executable, "-m", "summarizer", "serve", "--store", str(db), "--host", "0.0.0.0"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == ("takeaways: serving on 0.0.0.0 (not loopback) needs a token: --token or "
                                   "TAKEAWAYS_SERVE_TOKEN")


async def test_nothing_starts_before_a_login_with_the_token(desk) -> None:
    _, port = desk
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # unsafe: an IP host
        async with http.get(base + "/", allow_redirects=False) as r:
            assert r.status == 302 and r.headers["Location"] == "/login"
        async with http.get(base + "/ws") as r:
            assert r.status == 401, "no app process without a session"
        async with http.post(base + "/login", data={"reviewer": "eve", "token": "wrong-token-000000"},
                             allow_redirects=False) as r:
            assert r.status == 403 and "takeaways_session" not in r.cookies
        async with http.post(base + "/login", data={"reviewer": "eve"}, allow_redirects=False) as r:
            assert r.status == 403
        async with http.post(base + "/login", data={"reviewer": "amy", "token": TOKEN},
                             allow_redirects=False) as r:
            assert r.status == 302 and "takeaways_session" in r.cookies
        async with http.get(base + "/") as r:
            assert r.status == 200 and "session-websocket-url" in await r.text()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as forger:  # a cookie not signed by this server
        forger.cookie_jar.update_cookies({"takeaways_session": "bWFsbG9yeQ.00"})
        async with forger.get(base + "/ws") as r:
            assert r.status == 401


# -- the browser ------------------------------------------------------------------

# Records what the terminal receives, so the test can wait for a screen, not a timer.
RECORD_TERMINAL = """
window.__rx = '';
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const ws = new NativeWebSocket(url, protocols);
  const decoder = new TextDecoder();
  ws.addEventListener('message', (e) => {
    if (typeof e.data !== 'string') window.__rx += decoder.decode(new Uint8Array(e.data), {stream: true});
  });
  return ws;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
"""


class DevTools:
    """The few DevTools-protocol calls the test needs, over aiohttp's websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_str(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self.ws.receive(timeout=30)).data)
            if message.get("id") == my_id:
                assert "error" not in message, message
                return message.get("result", {})

    async def js(self, expression: str):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def wait_js(self, expression: str, limit: float = 30.0, what: str = "") -> None:
        deadline = time.monotonic() + limit
        while not await self.js(expression):
            assert time.monotonic() < deadline, f"browser: {what or expression} not seen within {limit} s"
            await asyncio.sleep(0.1)

    async def key(self, key: str, code: str, vk: int, text: str) -> None:
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=key, code=code,
                        windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk, text=text, unmodifiedText=text)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                        windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)

    async def type(self, text: str) -> None:
        for ch in text:
            await self.key(ch, f"Key{ch.upper()}" if ch.isalpha() else "", ord(ch.upper()), ch)


@pytest.fixture
def chromium(tmp_path: Path):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.fail("headless Chromium not found: install Debian's `chromium` (.ci/system-deps does)",
                    pytrace=False)
    port = _free_port()
    profile = tempfile.mkdtemp(prefix="takeaways-chromium-")
    proc = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
         f"--remote-debugging-port={port}", "--remote-allow-origins=*", "--window-size=1280,900",
         # the served page links a web font: fail such lookups at once (no network here)
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    yield port
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)


async def _page_socket(http: aiohttp.ClientSession, port: int) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as r:
                pages = [t for t in await r.json() if t.get("type") == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
        except aiohttp.ClientError:
            pass
        assert time.monotonic() < deadline, "Chromium's DevTools endpoint did not come up"
        await asyncio.sleep(0.2)


async def test_a_browser_signs_in_and_approves_the_first_bullet(desk, chromium) -> None:
    store_url, port = desk
    with Store(store_url) as store:
        s = ReviewSession(store, "probe")
        first_article = s.queue("all")[0].article_id
        first_bullet = s.bullets(first_article)[0]
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(await _page_socket(http, chromium), max_msg_size=0) as ws:
            cdp = DevTools(ws)
            await cdp.call("Page.enable")
            await cdp.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL)
            await cdp.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
            await cdp.wait_js("!!document.querySelector('#reviewer')", what="the login form")
            await cdp.js("document.querySelector('#reviewer').focus()")
            await cdp.type("rita")
            await cdp.js("document.querySelector('#token').focus()")
            await cdp.call("Input.insertText", text=TOKEN)
            await cdp.key("Enter", "Enter", 13, "\r")  # submits the form
            await cdp.wait_js("document.body.classList.contains('-first-byte')", what="the terminal")
            await cdp.wait_js("(window.__rx || '').includes('rita')", what="the queue, signed in as rita")
            await cdp.js("document.querySelector('.xterm-helper-textarea').focus()")
            await cdp.key("Enter", "Enter", 13, "\r")  # open the first article
            await cdp.wait_js("(window.__rx || '').includes('Published on the page')", what="the article")
            await cdp.key("a", "KeyA", 65, "a")  # approve the first bullet
            deadline = time.monotonic() + 20
            while True:
                with Store(store_url) as store:
                    rows = [tuple(r) for r in store.conn.execute(
                        "SELECT takeaway_id, action, reviewer FROM decisions ORDER BY id")]
                if rows:
                    break
                assert time.monotonic() < deadline, "no decision reached the store within 20 s"
                await asyncio.sleep(0.2)
    assert rows == [(first_bullet.id, "approve", "rita")]
    with Store(store_url) as store:
        assert ReviewSession(store, "probe").bullets(first_article)[0].status == "approved"
