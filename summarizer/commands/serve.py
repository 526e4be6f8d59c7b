"""`takeaways serve`: the review app in a browser (textual-serve), behind a login.

Binds to 127.0.0.1 unless told otherwise; any other address needs a token. Textual
and the web server are imported only when this command runs.
"""

from __future__ import annotations

import argparse

from summarizer.errors import InputError

MIN_TOKEN = 16


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the review desk in a browser",
                       description="Serve the review app over HTTP: each browser session signs in with "
                                   "a reviewer name and gets its own review app on the store. Binding to "
                                   "an address other than loopback requires a token.")
    p.add_argument("--store", metavar="DB", default="takeaways.db",
                   help="SQLite file or postgresql:// URL (default takeaways.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", metavar="TOKEN",
                   help=f"desk token asked for at login (default $TAKEAWAYS_SERVE_TOKEN); required when "
                        f"--host is not loopback; at least {MIN_TOKEN} characters")
    p.add_argument("--public-url", metavar="URL",
                   help="the URL browsers use to reach this server, if not http://HOST:PORT (a proxy)")
    p.add_argument("--queue", choices=["pending", "flagged", "all"], default="pending")
    p.add_argument("--provider", choices=["auto", "extractive", "openai"], default="auto",
                   help="engine used by regenerate (default auto)")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from summarizer.store import Store, require_existing

    require_existing(args.store)
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port} is not a TCP port")
    from review_tui.web import DeskServer, is_loopback, token_from

    token = token_from(args.token)
    if token is not None and len(token) < MIN_TOKEN:
        raise InputError(f"the token must be at least {MIN_TOKEN} characters")
    if token is None and not is_loopback(args.host):
        raise InputError(f"serving on {args.host} (not loopback) needs a token: --token or TAKEAWAYS_SERVE_TOKEN")
    Store(args.store).close()  # a bad or too-new store fails here, before the server starts
    server = DeskServer(args.store, args.host, args.port, token, queue=args.queue, provider=args.provider,
                        public_url=args.public_url)
    server.serve()
    return 0
