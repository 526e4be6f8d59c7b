"""`takeaways serve`: the review app in a browser, one app process per session.

textual-serve runs a command per browser session and pipes the terminal through a
websocket to xterm.js. This module adds what a desk needs in front of that:

* a login page. The reviewer name every decision is stored under comes from the
  login (an HMAC-signed, HttpOnly, SameSite=Strict cookie), never from the URL;
* a token. Binding to anything but loopback refuses to start without one
  (`--token` or TAKEAWAYS_SERVE_TOKEN); when set, the login asks for it and the
  check runs before any app process is started;
* an Origin check on the websocket, so another site cannot open a session with the
  reviewer's cookie.

The app process gets the store, the queue and the reviewer in its environment
(TAKEAWAYS_SERVE_*), not on its command line, so a database password in the store
URL never shows in `ps`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import ipaddress
import os
import secrets
import shlex
import sys
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

COOKIE = "takeaways_session"
MAX_NAME = 64
LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_reviewer(name: str) -> str | None:
    """A reviewer name as stored in the audit: printable, one line, 1..64 chars."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        return None
    return name


LOGIN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>takeaways desk: sign in</title>
<style>body{{font-family:sans-serif;background:#0c181f;color:#eee;display:flex;justify-content:center;
margin-top:10vh}}form{{background:#12232d;padding:2em;min-width:22em}}label{{display:block;margin:.8em 0 .2em}}
input{{width:100%;padding:.4em;font-size:1em}}button{{margin-top:1.2em;padding:.5em 2em;font-size:1em}}
.error{{color:#ff8080}}</style></head>
<body><form method="post" action="/login">
<h2>takeaways desk</h2>
<p>Every decision you make is stored under the name you give here.</p>
{error}
<label for="reviewer">Your name</label>
<input id="reviewer" name="reviewer" autofocus required maxlength="{max_name}">
{token_field}
<button id="sign-in" type="submit">Open the desk</button>
</form></body></html>
"""

TOKEN_FIELD = """<label for="token">Desk token</label>
<input id="token" name="token" type="password" required>"""


class SessionAppService(AppService):
    """An AppService whose process gets this session's reviewer in its environment."""

    def __init__(self, *args: Any, extra_env: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra_env = extra_env

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.update(self.extra_env)
        return environment


class DeskServer(Server):
    """textual-serve's Server with a login, a token check and per-session reviewers."""

    def __init__(self, store: str, host: str, port: int, token: str | None, queue: str = "pending",
                 provider: str = "auto", public_url: str | None = None) -> None:
        command = f"{shlex.quote(sys.executable)} -m review_tui.web_session"
        super().__init__(command, host=host, port=port, title="takeaways desk", public_url=public_url)
        self.store = store
        self.token = token
        self.queue = queue
        self.provider = provider
        self.secret = secrets.token_bytes(32)  # sessions last as long as this server

    # -- the signed session cookie ----------------------------------------------

    def _sign(self, name: str) -> str:
        raw = name.encode("utf-8")
        mac = hmac.new(self.secret, raw, hashlib.sha256).hexdigest()
        return base64.urlsafe_b64encode(raw).decode("ascii") + "." + mac

    def reviewer_of(self, request: web.Request) -> str | None:
        value = request.cookies.get(COOKIE, "")
        encoded, _, mac = value.partition(".")
        try:
            raw = base64.urlsafe_b64decode(encoded.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            return None
        expected = hmac.new(self.secret, raw, hashlib.sha256).hexdigest()
        if not mac or not hmac.compare_digest(mac, expected):
            return None
        return raw.decode("utf-8", "replace")

    # -- routes -------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/login", self.handle_login_form)
        app.router.add_post("/login", self.handle_login)
        app.router.add_get("/logout", self.handle_logout)
        app.middlewares.append(self._require_login)
        return app

    @web.middleware
    async def _require_login(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Everything but the login page needs a signed-in session: no app process
        starts (the websocket) and no page is served before the login succeeds."""
        if request.path in ("/login", "/logout"):
            return await handler(request)
        if self.reviewer_of(request) is None:
            if request.path == "/" and request.method == "GET":
                raise web.HTTPFound("/login")
            raise web.HTTPUnauthorized(text="sign in at /login first")
        return await handler(request)

    def _login_page(self, error: str = "", status: int = 200) -> web.Response:
        body = LOGIN_PAGE.format(
            error=f'<p class="error">{html.escape(error)}</p>' if error else "",
            token_field=TOKEN_FIELD if self.token else "", max_name=MAX_NAME,
        )
        return web.Response(text=body, content_type="text/html", status=status)

    async def handle_login_form(self, request: web.Request) -> web.Response:
        return self._login_page()

    async def handle_login(self, request: web.Request) -> web.Response:
        form = await request.post()
        if self.token is not None:
            given = str(form.get("token", ""))
            if not hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
                return self._login_page("Wrong desk token.", status=403)
        name = clean_reviewer(str(form.get("reviewer", "")))
        if name is None:
            return self._login_page(f"Give your name (1 to {MAX_NAME} printable characters).", status=400)
        response = web.Response(status=302, headers={"Location": "/"})
        response.set_cookie(COOKIE, self._sign(name), httponly=True, samesite="Strict",
                            secure=self.public_url.startswith("https://"))
        return response

    async def handle_logout(self, request: web.Request) -> web.Response:
        response = web.Response(status=302, headers={"Location": "/login"})
        response.del_cookie(COOKIE)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start this session's app process with the signed-in reviewer."""
        reviewer = self.reviewer_of(request)
        origin = request.headers.get("Origin")
        if reviewer is None:
            raise web.HTTPUnauthorized(text="sign in at /login first")
        if origin is not None and origin.split("://", 1)[-1] != request.host:
            raise web.HTTPForbidden(text="cross-site websocket refused")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width", "80"), 80)
        height = _int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = SessionAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                extra_env={
                    "TAKEAWAYS_SERVE_STORE": self.store,
                    "TAKEAWAYS_SERVE_REVIEWER": reviewer,
                    "TAKEAWAYS_SERVE_QUEUE": self.queue,
                    "TAKEAWAYS_SERVE_PROVIDER": self.provider,
                },
            )
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except Exception:  # noqa: BLE001 - one broken session must not stop the server
            await websocket.close()
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        print(f"takeaways: serving the desk for {_redact(self.store)} on {self.public_url} "
              f"({'token required' if self.token else 'no token: loopback only'}); Ctrl+C to stop",
              file=sys.stderr, flush=True)


def _int(value: str, default: int) -> int:
    try:
        return max(10, min(int(value), 1000))
    except ValueError:
        return default


def _redact(store: str) -> str:
    from summarizer.store.postgres import redact

    return redact(store)


def token_from(arg: str | None) -> str | None:
    token = arg if arg is not None else os.environ.get("TAKEAWAYS_SERVE_TOKEN")
    return token or None
