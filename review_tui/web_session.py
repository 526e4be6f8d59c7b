"""One browser session's review app (started by `takeaways serve`, never by hand).

Everything comes from the environment the server sets (TAKEAWAYS_SERVE_STORE,
_REVIEWER, _QUEUE, _PROVIDER): the reviewer is the name the session signed in
with, and a store URL with a password stays off the command line.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    store = os.environ.get("TAKEAWAYS_SERVE_STORE")
    reviewer = os.environ.get("TAKEAWAYS_SERVE_REVIEWER", "").strip()
    if not store or not reviewer:
        print("takeaways: this is started by `takeaways serve`, with a store and a signed-in reviewer",
              file=sys.stderr)
        return 2
    queue = os.environ.get("TAKEAWAYS_SERVE_QUEUE", "pending")
    provider_name = os.environ.get("TAKEAWAYS_SERVE_PROVIDER", "auto")

    def provider_factory():
        from summarizer.providers import get_provider

        return get_provider(provider_name, quiet=True)

    from review_tui.app import ReviewApp

    app = ReviewApp(store, reviewer=reviewer, queue=queue, provider_factory=provider_factory)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
