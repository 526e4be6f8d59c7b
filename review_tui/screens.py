"""Screens: the queue, the review of one article, the note modal, and help.

Every action goes through `summarizer.review.ReviewSession` (the headless core);
these classes only show state and route keys.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static, TextArea

from review_tui.keys import BY_ID, SPECS, bindings
from review_tui.widgets import ArticleView, BulletCard, KeyFooter, QueueTable
from summarizer.errors import TakeawaysError
from summarizer.models import Check
from summarizer.review import Bullet, Conflict, NoteRequired, QueueRow, ReviewError, propose_replacement
from summarizer.validate import check_claim

if TYPE_CHECKING:
    from review_tui.app import ReviewApp

FILTERS = ["pending", "flagged", "all"]
SORTS = {
    "added": ("oldest first", lambda r: (r.created_at,), False),
    "title": ("title", lambda r: (r.title.casefold(),), False),
    "pending": ("most pending", lambda r: (-r.pending, r.created_at), False),
    "flagged": ("most flagged", lambda r: (-r.flagged, r.created_at), False),
    "approved": ("most approved", lambda r: (-r.approved, r.created_at), False),
    "rejected": ("most rejected", lambda r: (-r.rejected, r.created_at), False),
}
class QueueHeader(Static):
    """The queue's column header; a click on a column sorts by it."""

    def on_click(self, event) -> None:
        self.screen.sort_by(self.screen.query_one(QueueTable).column_at(event.x))  # type: ignore[attr-defined]


class QueueScreen(Screen):
    """Every article with its bullet counts; Enter opens the one under the cursor."""

    BINDINGS = bindings("queue")
    app: "ReviewApp"

    def __init__(self, which: str = "pending") -> None:
        super().__init__()
        self.which = which
        self.sort_key = "added"
        self.reverse = False
        self.rows: list[QueueRow] = []
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="queue-summary")
        yield QueueHeader(id="queue-header")
        yield QueueTable(id="queue")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._shown:  # back from an article: counts changed
            self.reload(keep_cursor=True)
        self._shown = True

    def on_resize(self) -> None:
        self.call_after_refresh(self._header)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    def reload(self, keep_cursor: bool = False) -> None:
        """One aggregate query, then rows in the chosen order."""
        table = self.table
        current = self.rows[table.cursor].article_id if keep_cursor and self.rows else None
        position = table.cursor if keep_cursor else 0
        rows = self.app.session.queue(self.which)
        _, key, _ = SORTS[self.sort_key]
        rows.sort(key=key, reverse=self.reverse)
        self.rows = rows
        self.app.queue_ids = [r.article_id for r in rows]
        # the same article if it is still listed, else whatever took its place
        cursor = self.app.queue_ids.index(current) if current in self.app.queue_ids else position
        table.set_rows(rows, cursor)
        self._summary()
        self._header()

    def _header(self) -> None:
        self.query_one(QueueHeader).update(self.table.header())

    def _summary(self) -> None:
        label = SORTS[self.sort_key][0] + (" (reversed)" if self.reverse else "")
        text = Text.assemble(
            (f" {len(self.rows)} article(s)", "bold"), "  ·  queue: ", (self.which, "bold"),
            "  ·  sorted by ", (label, "bold"), "  ·  reviewer: ", (self.app.session.reviewer, "bold"),
        )
        if not self.rows:
            text.append("\n Nothing to review here. Press f to change the filter, q to quit.", "italic")
        self.query_one("#queue-summary", Static).update(text)

    def action_open(self) -> None:
        if self.rows:
            self.app.open_article(self.table.cursor)

    @on(QueueTable.Opened)
    def _opened(self, event: QueueTable.Opened) -> None:
        self.app.open_article(event.index)

    def action_cursor(self, delta: int) -> None:
        self.table.move_cursor(self.table.cursor + delta)

    def action_page(self, delta: int) -> None:
        self.table.move_cursor(self.table.cursor + delta * self.table.page())

    def action_edge(self, direction: int) -> None:
        self.table.move_cursor(0 if direction < 0 else len(self.rows) - 1)

    def sort_by(self, key: str) -> None:
        self.reverse = (not self.reverse) if key == self.sort_key else False
        self.sort_key = key
        self.reload(keep_cursor=True)

    def action_sort(self) -> None:
        keys = list(SORTS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self.reverse = False
        self.reload(keep_cursor=True)

    def action_refresh(self) -> None:
        """Re-read the store (a batch run or another editor may have changed it)."""
        self.reload(keep_cursor=True)

    def action_cycle_filter(self) -> None:
        self.which = FILTERS[(FILTERS.index(self.which) + 1) % len(FILTERS)]
        self.reload()


class EditArea(TextArea):
    """The in-place editor of one bullet; ctrl+s or Enter saves, escape cancels.

    Save and cancel are handled here, in the editor's own key queue, not by bindings
    checked as keys arrive: so a save sees every character typed before it, and keys
    typed after it (say `a` to approve) reach the review screen, not the editor.
    """

    BINDINGS = bindings("edit")  # shown in the footer; the keys are handled in _on_key

    def _binding_keys(self, binding_id: str) -> set[str]:
        keys = self.app.keymap.get(binding_id, BY_ID[binding_id].keys)  # type: ignore[attr-defined]
        return {k.strip() for k in keys.split(",")}

    closing = False

    def _finish_edit(self, then) -> None:
        self.closing = True  # later keys already queued here pass through, untyped
        self.app.call_later(then)  # the app queue: after this key, before any key typed later

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs `_on_key` of every class along the MRO until prevent_default():
        # TextArea's, which types the key, comes after this one.
        if self.closing:
            event.prevent_default()  # not typed here; it still bubbles to the screen's bindings
            return
        if event.key == "enter" or event.key in self._binding_keys("edit.save"):  # a bullet is one line
            event.stop()
            event.prevent_default()
            text = self.text
            self._finish_edit(lambda: self.screen.save_edit(text))  # type: ignore[attr-defined]
        elif event.key in self._binding_keys("edit.cancel"):
            event.stop()
            event.prevent_default()
            self._finish_edit(self.screen.cancel_edit)  # type: ignore[attr-defined]

    def action_save(self) -> None:  # a click on the footer
        if not self.closing:
            text = self.text
            self._finish_edit(lambda: self.screen.save_edit(text))  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        if not self.closing:
            self._finish_edit(self.screen.cancel_edit)  # type: ignore[attr-defined]


class ReviewScreen(Screen):
    """One article: bullets with badges and reasons on the left, the article on the
    right with the selected bullet's evidence highlighted."""

    BINDINGS = bindings("review")
    app: "ReviewApp"
    REVALIDATE_DELAY = 0.12  # seconds of typing pause before the validator re-runs
    JUDGE_DELAY = 0.6  # seconds of typing pause before the judge (a network call) is asked

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.article_id = ""
        self.cards: list[BulletCard] = []
        self.selected = 0
        self.editing: BulletCard | None = None
        self._reval_timer: Timer | None = None
        self._regenerating: set[int] = set()
        self._typeahead: list[str] | None = None  # see on_key
        self._typeahead_end: str | None = None
        self._typeahead_since = 0.0
        self._live_check: tuple[str, Check] | None = None  # (text, check) last shown while editing

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static(id="position")
                yield VerticalScroll(id="bullets", can_focus=False)
                with VerticalScroll(id="published-box", can_focus=False):
                    yield Static(id="published")
            with Vertical(id="right"):
                yield Static(id="article-title")
                yield ArticleView(id="article")
        yield KeyFooter()

    async def on_screen_resume(self) -> None:
        """The app keeps one review screen: each opening loads the article asked for."""
        index, self.app.review_target = self.app.review_target, None
        if index is not None:
            await self.load(index)

    # -- loading -------------------------------------------------------------

    @property
    def current(self) -> Bullet | None:
        return self.cards[self.selected].bullet if self.cards else None

    async def load(self, index: int, select: int | None = None) -> None:
        ids = self.app.queue_ids
        self.index = index
        self.article_id = ids[index]
        session = self.app.session
        article = session.article(self.article_id)
        items = session.bullets(self.article_id)
        if self.editing is not None:
            await self._end_edit()
        # Reuse the cards already mounted (cheaper than rebuilding widgets), then
        # add or drop the difference.
        container = self.query_one("#bullets", VerticalScroll)
        keep = min(len(self.cards), len(items))
        for number, (card, bullet) in enumerate(zip(self.cards[:keep], items), 1):
            card.number, card.note = number, ""
            card.remove_class("-selected")
            card.set_bullet(bullet)
        for card in self.cards[keep:]:
            await card.remove()
        new = [BulletCard(b, n) for n, b in enumerate(items[keep:], keep + 1)]
        if new:
            await container.mount_all(new)
        self.cards = self.cards[:keep] + new
        self.selected = -1
        self.query_one("#article-title", Static).update(
            Text(article.title or "(untitled)", style="bold", overflow="ellipsis")
        )
        self.query_one(ArticleView).set_text(article.text)
        published = Text("Published on the page (reference)\n", style="bold")
        if article.published_takeaways:
            published.append(Text("\n").join(Text(f"• {p}") for p in article.published_takeaways))
        else:
            published.append("none found on the page", style="dim italic")
        self.query_one("#published", Static).update(published)
        if select is None:
            pending = [i for i, c in enumerate(self.cards) if c.bullet.status == "pending"]
            select = pending[0] if pending else 0
        self.select(select)

    def _position(self) -> None:
        counts = {"pending": 0, "approved": 0, "rejected": 0}
        for c in self.cards:
            counts[c.bullet.status] = counts.get(c.bullet.status, 0) + 1
        text = Text.assemble(
            (f" Article {self.index + 1}/{len(self.app.queue_ids)}", "bold"),
            f" · {counts['pending']} pending · {counts['approved']} approved · {counts['rejected']} rejected",
        )
        if self.cards and not counts["pending"]:
            text.append("\n All bullets decided: n for the next article, esc for the queue.", "bold green")
        self.query_one("#position", Static).update(text)

    def select(self, index: int) -> None:
        if not self.cards:
            self.query_one(ArticleView).set_evidence([])
            self._position()
            return
        previous = self.selected
        self.selected = max(0, min(index, len(self.cards) - 1))
        if 0 <= previous < len(self.cards) and previous != self.selected:
            self.cards[previous].remove_class("-selected")
        card = self.cards[self.selected]
        card.add_class("-selected")
        card.scroll_visible(animate=False)
        self.show_evidence(card.check)
        self._position()

    def show_evidence(self, check: Check) -> None:
        self.query_one(ArticleView).set_evidence([(e.start, e.end) for e in check.evidence])

    def _replace(self, bullet: Bullet) -> None:
        for card in self.cards:
            if card.bullet.id == bullet.id:
                card.set_bullet(bullet)
                if card is self.cards[self.selected]:
                    self.show_evidence(card.check)
        self._position()

    async def live_refresh(self, changed: set[str | None]) -> None:
        """Show another editor's decisions on this article as they land.

        The cursor stays where it is; a card whose bullet changed is redrawn, except
        the one being edited: that one keeps the editor's words and is flagged, and
        its save will be refused as a conflict (as before), so nothing is lost.
        """
        if not self.article_id or (None not in changed and self.article_id not in changed):
            return
        session = self.app.session
        items = session.bullets(self.article_id)
        if [b.id for b in items] != [c.bullet.id for c in self.cards]:  # a new draft replaced them
            if self.editing is None:
                await self._reload()
                self.notify("This article has a new draft; bullets reloaded.", timeout=4)
            else:
                self.editing.set_note("a new draft replaced these bullets while you edit")
            return
        for card, fresh in zip(self.cards, items):
            if fresh.version == card.bullet.version or card.bullet.id in self._regenerating:
                continue
            who, when = session.last_change(fresh)
            if card is self.editing:
                card.set_note(f"changed by {who} at {when} while you edit: saving will be refused")
                self.notify(f"Bullet {card.number} was changed by {who} while you edit it.",
                            title="Changed by someone else", severity="warning", markup=False, timeout=8)
                continue
            card.set_bullet(fresh)
            if card is self.cards[self.selected]:
                self.show_evidence(card.check)
        self._position()

    async def _reload(self, select: int | None = None) -> None:
        await self.load(self.index, self.selected if select is None else select)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While editing, the review keys are off (they type into the editor)."""
        if self.editing is not None and action in {s.action for s in SPECS if s.id.startswith("review.")}:
            return False
        return True

    # -- decisions -------------------------------------------------------------

    async def _conflict(self, exc: Conflict) -> None:
        self.notify(str(exc), title="Changed by someone else", severity="warning", markup=False, timeout=8)
        await self._reload()

    def _advance(self) -> None:
        if self.selected < len(self.cards) - 1:
            self.select(self.selected + 1)
        else:
            self.select(self.selected)
            if all(c.bullet.status != "pending" for c in self.cards):
                self.notify("Every bullet of this article is decided. n: next article.", timeout=4)

    async def action_approve(self) -> None:
        bullet = self.current
        if bullet is None or self._busy(bullet):
            return
        try:
            updated = self.app.session.approve(bullet)
        except NoteRequired:
            self.app.push_screen(NoteModal(bullet), lambda note: self._approve_with_note(bullet, note))
            return
        except Conflict as exc:
            await self._conflict(exc)
            return
        self._replace(updated)
        self._advance()

    async def _approve_with_note(self, bullet: Bullet, note: str | None) -> None:
        if not note:
            self.notify("Not approved (no note given).", timeout=3)
            return
        try:
            updated = self.app.session.approve(bullet, note=note)
        except Conflict as exc:
            await self._conflict(exc)
            return
        self._replace(updated)
        self._advance()

    async def action_reject(self) -> None:
        bullet = self.current
        if bullet is None or self._busy(bullet):
            return
        try:
            updated = self.app.session.reject(bullet)
        except Conflict as exc:
            await self._conflict(exc)
            return
        self._replace(updated)
        self._advance()

    async def action_undo(self) -> None:
        try:
            updated = self.app.session.undo(self.article_id)
        except Conflict as exc:
            await self._conflict(exc)
            return
        except ReviewError as exc:
            self.notify(str(exc), markup=False, timeout=3)
            return
        position = next((i for i, c in enumerate(self.cards) if c.bullet.id == updated.id), self.selected)
        self._replace(updated)
        self.select(position)
        self.notify(f"Undid your last change to bullet {position + 1} (now {updated.status}).", markup=False,
                    timeout=3)

    def _busy(self, bullet: Bullet) -> bool:
        """A bullet being regenerated takes no other decision until the new text is in."""
        if bullet.id in self._regenerating:
            self.notify("Still regenerating this bullet; try again in a moment.", timeout=3)
            return True
        return False

    def action_move(self, delta: int) -> None:
        self.select(self.selected + delta)

    async def action_article(self, delta: int) -> None:
        target = self.index + delta
        if not 0 <= target < len(self.app.queue_ids):
            self.notify("No more articles in this queue." if delta > 0 else "This is the first article.",
                        timeout=3)
            return
        await self.load(target)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_scroll_article(self, pages: int) -> None:
        view = self.query_one(ArticleView)
        view.scroll_to(y=view.scroll_offset.y + pages * max(view.size.height - 2, 1), animate=False)

    # -- regenerate -------------------------------------------------------------

    def action_regenerate(self) -> None:
        bullet = self.current
        if bullet is None or bullet.id in self._regenerating:
            return
        others = [c.bullet.text for c in self.cards if c.bullet.id != bullet.id]
        exclude = self.app.session.regeneration_exclude(bullet, others)
        article = self.app.session.article(bullet.article_id)
        self._regenerating.add(bullet.id)
        self._card(bullet.id).set_note("regenerating…")
        self.run_worker(self._regenerate(bullet, article, exclude, len(others) + 1), group="regenerate")

    def _card(self, bullet_id: int) -> BulletCard:
        return next(c for c in self.cards if c.bullet.id == bullet_id)

    async def _regenerate(self, bullet: Bullet, article, exclude: list[str], n: int) -> None:
        """Provider call in a thread; the store write back on the UI thread."""
        try:
            provider = await asyncio.to_thread(self.app.get_provider)
            judge = await asyncio.to_thread(self.app.get_judge)  # None without one: nothing changes
            text, sources, check = await asyncio.to_thread(propose_replacement, article, exclude, provider, n, judge)
            if self.article_id != bullet.article_id:  # the editor moved on; still store it
                self.app.session.apply_regeneration(bullet, text, sources, check, provider)
                self.notify("Regenerated a bullet of the previous article.", timeout=3)
                return
            updated = self.app.session.apply_regeneration(bullet, text, sources, check, provider)
        except Conflict as exc:
            await self._conflict(exc)
            return
        except TakeawaysError as exc:
            self.notify(f"Regenerate failed: {exc}", severity="error", markup=False, timeout=6)
            return
        except Exception as exc:  # noqa: BLE001 - a provider bug must not take the editor's session down
            self.notify(f"Regenerate failed: {type(exc).__name__}: {exc}", severity="error", markup=False,
                        timeout=8)
            return
        finally:
            self._regenerating.discard(bullet.id)
            if any(c.bullet.id == bullet.id for c in self.cards):
                self._card(bullet.id).set_note("")
        self._replace(updated)

    # -- edit ------------------------------------------------------------------

    def _keys_for(self, binding_id: str) -> set[str]:
        keys = self.app.keymap.get(binding_id, BY_ID[binding_id].keys)
        return {k.strip() for k in keys.split(",")}

    def on_key(self, event: events.Key) -> None:
        """Type-ahead. Keys typed right after the edit key, before the editor exists
        (or is focused), are sent to this screen: keep the characters for the editor,
        and a save or cancel among them for when it is ready, instead of losing them."""
        if self._typeahead is not None and time.monotonic() - self._typeahead_since > 1.0:
            self._typeahead = self._typeahead_end = None  # the editor never came: stop collecting
        if self._typeahead is not None:
            if self._typeahead_end is not None:
                return  # after a save/cancel: keys go on to the review bindings
            if event.key == "enter" or event.key in self._keys_for("edit.save"):
                self._typeahead_end = "save"
            elif event.key in self._keys_for("edit.cancel"):
                self._typeahead_end = "cancel"
            elif event.is_printable and event.character:
                self._typeahead.append(event.character)
            else:
                return
            event.stop()
            event.prevent_default()
        elif self.editing is not None:
            area = self.query(EditArea).first() if self.query(EditArea) else None
            if area is not None and not area.closing and event.is_printable and event.character:
                area.insert(event.character)  # sent here before the editor took focus
                event.stop()
                event.prevent_default()
        elif self.cards and event.key in self._keys_for("review.edit"):
            self._typeahead = []  # the edit binding runs next, at the app
            self._typeahead_since = time.monotonic()

    async def action_edit(self) -> None:
        card = self.cards[self.selected] if self.cards else None
        if card is None or self.editing is not None or self._busy(card.bullet):
            self._typeahead = self._typeahead_end = None
            return
        self.editing = card
        card.add_class("-editing")
        area = EditArea(card.bullet.text, soft_wrap=True, show_line_numbers=False, id="editor")
        await card.mount(area, after=card.query_one(".head"))
        area.focus()
        area.move_cursor(area.document.end)
        typed, self._typeahead = "".join(self._typeahead or []), None
        end, self._typeahead_end = self._typeahead_end, None
        if typed:
            area.insert(typed)
        self.refresh_bindings()
        if end == "save":
            area.closing = True
            await self.save_edit(area.text)
        elif end == "cancel":
            area.closing = True
            await self.cancel_edit()

    @on(TextArea.Changed, "#editor")
    def _typed(self, event: TextArea.Changed) -> None:
        # a judge request for the old text is abandoned (its answer would be stale)
        self.workers.cancel_group(self, "revalidate")
        if self.editing is not None and self.editing.judging:
            self.editing.set_judging(False)
        if self._reval_timer is not None:
            self._reval_timer.stop()
        self._reval_timer = self.set_timer(self.REVALIDATE_DELAY, self._revalidate)

    def _revalidate(self) -> None:
        if self.editing is None:
            return
        text = " ".join(self.query_one(EditArea).text.split())
        bullet = self.editing.bullet
        article = self.app.session.article(bullet.article_id)
        self.run_worker(self._revalidate_in_thread(article, text, bullet.sources), group="revalidate",
                        exclusive=True)

    async def _revalidate_in_thread(self, article, text: str, sources: list[int]) -> None:
        check = await asyncio.to_thread(check_claim, article, text, sources) if text else None
        if self.editing is None or check is None:
            return
        self._live_check = (text, check)  # saving this exact text needs no second run
        self.editing.show_check(check)
        self.show_evidence(check)
        judge = self.app.get_judge()
        if judge is None:
            return
        # the judge is slow (a network call): asked only once typing has paused for
        # JUDGE_DELAY, in a thread; a key pressed meanwhile cancels this worker
        card = self.editing
        await asyncio.sleep(max(0.0, self.JUDGE_DELAY - self.REVALIDATE_DELAY))
        if self.editing is not card:
            return
        card.set_judging(True)
        try:
            judged, _ = await asyncio.to_thread(judge.judge, article, [text], [check])
        finally:
            card.set_judging(False)
        if self.editing is not card or self._live_check is None or self._live_check[0] != text:
            return
        self._live_check = (text, judged[0])
        card.show_check(judged[0])

    async def _end_edit(self) -> BulletCard | None:
        card = self.editing
        if card is None:
            return None
        if self._reval_timer is not None:
            self._reval_timer.stop()
        self.editing = None
        self._live_check = None
        await self.query_one(EditArea).remove()
        card.remove_class("-editing")
        self.refresh_bindings()
        return card

    async def save_edit(self, text: str | None = None) -> None:
        if self.editing is None:
            return
        area = self.query_one(EditArea)
        text = area.text if text is None else text
        bullet = self.editing.bullet
        try:
            updated = self.app.session.edit(bullet, text, checked=self._live_check)
        except Conflict as exc:
            await self._end_edit()
            await self._conflict(exc)
            return
        except ReviewError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=4)
            area.closing = False  # still editing: fix it or press escape
            area.focus()
            return
        card = await self._end_edit()
        if card is not None:
            card.set_bullet(updated)
            self.select(self.selected)
        if updated.version == bullet.version:
            self.notify("No change to save.", timeout=2)
        else:
            self.notify("Saved; the bullet is pending: press a to approve it.", timeout=3)

    async def cancel_edit(self) -> None:
        card = await self._end_edit()
        if card is not None:
            card.set_bullet(card.bullet)
            self.select(self.selected)


class NoteModal(ModalScreen[str | None]):
    """Asks why an `unsupported` bullet is approved; the note goes into the audit."""

    BINDINGS = bindings("note")

    def __init__(self, bullet: Bullet) -> None:
        super().__init__()
        self.bullet = bullet

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Text("Approve an UNSUPPORTED bullet", style="bold"), id="note-title")
            yield Static(Text(self.bullet.text), id="note-bullet")
            yield Static(Text("The validator found no support for parts of it. Say why it is right "
                              "(stored with your approval):", style="dim"))
            yield Input(placeholder="e.g. confirmed with the reporter", id="note-input")
            yield Static(Text("enter: approve with this note   escape: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("A note is needed to approve this bullet.", severity="warning", timeout=3)
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every binding with its id, current keys and description."""

    BINDINGS = bindings("help")
    app: "ReviewApp"

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=True, header_style="bold")
        table.add_column("Keys", style="bold cyan", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id (for keys.toml)", style="dim", no_wrap=True)
        for spec in SPECS:
            keys = self.app.keymap.get(spec.id, spec.keys)
            shown = ", ".join(self.app.get_key_display_for(k) for k in keys.split(","))
            table.add_row(Text(shown), Text(spec.description), Text(spec.id))
        with VerticalScroll(id="help-dialog"):
            yield Static(Text.assemble(("Keys", "bold"), ("   every key; the footer shows the most used that fit. "
                                                          "↑/↓ scroll, escape closes.", "dim")))
            yield Static(table)
            yield Static(Text("Remap any of them in $XDG_CONFIG_HOME/takeaways/keys.toml or with --keys FILE, "
                              "e.g.  [review]  approve = \"a,y\".  Every action is saved at once.",
                              style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
