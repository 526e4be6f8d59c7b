"""`takeaways review`: the Textual app over a store.

The app owns one `Store` connection (SQLite objects stay on the UI thread) and one
`ReviewSession`; screens call the session for every decision. Slow work (provider
calls, revalidation while typing) runs in workers so the UI never blocks.

Live updates: a store watcher (LISTEN/NOTIFY on PostgreSQL, `PRAGMA data_version`
polling on SQLite) runs in its own thread and posts `StoreChanged`; the app folds
the notices that arrive together into one refresh of the screen on show, which
keeps the cursor and never touches a bullet being edited.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.css.query import NoMatches
from textual.keys import format_key
from textual.message import Message

from review_tui.keys import bindings
from review_tui.screens import HelpScreen, QueueScreen, ReviewScreen
from summarizer.models import utcnow
from summarizer.providers import Provider
from summarizer.review import ReviewSession
from summarizer.store import Store, Watcher


class StoreChanged(Message):
    """Someone committed a change to the store (`article_id` None: maybe anything)."""

    def __init__(self, article_id: str | None) -> None:
        super().__init__()
        self.article_id = article_id


class ReviewApp(App[int]):
    """The review app; see the module docstring."""

    LIVE_MIN_INTERVAL = 0.4  # seconds between two live refreshes (a busy desk sends many notices)
    CSS_PATH = "app.tcss"
    TITLE = "takeaways review"
    BINDINGS = bindings("app")
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        store_path: str | Path,
        reviewer: str,
        queue: str = "pending",
        keymap: dict[str, str] | None = None,
        provider_factory: Callable[[], Provider] | None = None,
        clock: Callable[[], str] = utcnow,
        live: bool = True,
        judge_factory: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__()
        self.store_path = str(store_path)
        self.reviewer = reviewer
        self.which = queue
        self.keymap = dict(keymap or {})
        self.clock = clock
        self._provider_factory = provider_factory
        self._provider: Provider | None = None
        self._provider_lock = threading.Lock()
        self._judge_factory = judge_factory  # None: no judge configured
        self._judge: Any = None
        self.queue_ids: list[str] = []
        self.review_target: int | None = None  # the article the review screen opens next
        self.store: Store | None = None
        self.session: ReviewSession
        self.live = live
        self.watcher: Watcher | None = None
        self._changed: set[str | None] = set()  # notices not yet shown
        self._refresh_due = False
        self._last_refresh = 0.0

    def on_mount(self) -> None:
        self.store = Store(self.store_path)
        self.session = ReviewSession(self.store, self.reviewer, clock=self.clock)
        self.sub_title = f"reviewer: {self.reviewer}"
        if self.keymap:
            self.set_keymap(self.keymap)
        self.install_screen(ReviewScreen(), "review")
        self.push_screen(QueueScreen(self.which))
        if self.live:
            self.watcher = self.store.watch(lambda article_id: self.post_message(StoreChanged(article_id)))

    def on_store_changed(self, message: StoreChanged) -> None:
        """Fold notices into one refresh, at most one per LIVE_MIN_INTERVAL: on a busy
        desk every open queue would otherwise re-run its query for every decision."""
        self._changed.add(message.article_id)
        if not self._refresh_due:
            self._refresh_due = True
            wait = self._last_refresh + self.LIVE_MIN_INTERVAL - time.monotonic()
            if wait > 0:
                self.set_timer(wait, self._show_changes)
            else:
                self.call_later(self._show_changes)

    async def _show_changes(self) -> None:
        changed, self._changed, self._refresh_due = self._changed, set(), False
        self._last_refresh = time.monotonic()
        if self.store is None:
            return
        try:
            for screen in reversed(self.screen_stack):  # the top screen, or the one under a dialog
                if isinstance(screen, QueueScreen):
                    screen.reload(keep_cursor=True)
                    return
                if isinstance(screen, ReviewScreen):
                    await screen.live_refresh(changed)
                    return
        except NoMatches:  # a notice landed while the app is closing: its widgets are gone
            return

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def get_provider(self) -> Provider:
        """The configured provider, built on first use (may run in a worker thread)."""
        with self._provider_lock:
            if self._provider is None:
                if self._provider_factory is None:
                    from summarizer.providers import get_provider

                    self._provider = get_provider("auto", quiet=True)
                else:
                    self._provider = self._provider_factory()
            return self._provider

    def get_judge(self) -> Any:
        """The configured judge (built on first use), or None without one."""
        if self._judge_factory is None:
            return None
        with self._provider_lock:
            if self._judge is None:
                self._judge = self._judge_factory()
            return self._judge

    def get_key_display_for(self, key: str) -> str:
        return format_key(key.strip())

    def open_article(self, index: int) -> None:
        if 0 <= index < len(self.queue_ids):
            self.review_target = index
            self.push_screen("review")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
