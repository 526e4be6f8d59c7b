"""Widgets of the review app: the article view, a bullet card, the queue table and
the footer that fits the keys that matter into the terminal's width.

Article and bullet text is data, never markup: everything here is built from
`rich.text.Text` / `Segment` objects holding the raw string, so `[bold]x[/]` in an
article shows as those characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from review_tui.keys import footer_rank
from summarizer.models import Check
from summarizer.review import Bullet

_WORD = re.compile(r"\S+\s*")

BADGE_STYLE = {
    "supported": "bold black on green",
    "review": "bold black on yellow",
    "unsupported": "bold white on red",
}
STATUS_TEXT = {"pending": ("pending", "dim"), "approved": ("✓ approved", "bold green"),
               "rejected": ("✗ rejected", "bold red")}


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells as (start, end) offsets.

    Paragraph breaks ("\\n") start a new line; a word longer than the width is cut.
    Offsets index `text` itself, so highlights map straight onto lines.
    """
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        if not para.strip():
            lines.append((p_start, p_start))
            continue
        line_start, used = p_start, 0
        for m in _WORD.finditer(para):
            w_start, w_end = p_start + m.start(), p_start + m.end()
            word = m.group()
            bare = word.rstrip()
            w = len(bare) if bare.isascii() else cell_len(bare)
            if used and used + w > width:
                lines.append((line_start, w_start))
                line_start, used = w_start, 0
            while w > width:  # a very long token: hard cut
                cut = w_start + width
                lines.append((w_start, cut))
                w_start, line_start, w = cut, cut, cell_len(text[cut:w_end].rstrip())
            used += len(word) if word.isascii() else cell_len(word)
        lines.append((line_start, p_end))
    return lines


class ArticleView(ScrollView, can_focus=False):
    """The article as a virtual list of wrapped lines: only visible lines render,
    so a 10,000-word article opens as fast as a short one."""

    COMPONENT_CLASSES = {"article-view--evidence"}
    DEFAULT_CSS = """
    ArticleView { background: $surface; scrollbar-gutter: stable; }
    ArticleView > .article-view--evidence { background: $warning-muted; color: $foreground; }
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = text
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._wrap_width = 0
        self.evidence: list[tuple[int, int]] = []
        self._pending_offset: int | None = None

    def set_text(self, text: str) -> None:
        self._text = text
        self._wrap_width = 0
        self._lines = []
        if self.size.width:  # else on_resize wraps, once, at the real width
            self._rewrap()
        self.scroll_to(y=0, animate=False)

    def set_evidence(self, spans: list[tuple[int, int]], scroll: bool = True) -> None:
        """Highlight these (start, end) offsets and bring the first into view."""
        spans = sorted(spans)
        changed = spans != self.evidence
        self.evidence = spans
        if scroll and self.evidence:
            self.show_offset(self.evidence[0][0])
        if changed:
            self.refresh()

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def show_offset(self, offset: int) -> None:
        if not self.size.width:  # not laid out yet: scroll once the real width is known
            self._pending_offset = offset
            return
        self._rewrap()
        line = self.line_of(offset)
        top, height = int(self.scroll_offset.y), max(self.scrollable_content_region.height, 1)
        if not top <= line < top + height - 1:
            self.scroll_to(y=max(line - height // 3, 0), animate=False)

    def on_resize(self) -> None:
        self._rewrap()
        if self._pending_offset is not None:
            offset, self._pending_offset = self._pending_offset, None
            self.show_offset(offset)

    def _rewrap(self) -> None:
        width = max(self.scrollable_content_region.width - 1, 20)
        if width == self._wrap_width and self._lines:
            return
        self._wrap_width = width
        self._lines = wrap_offsets(self._text, width)
        self._starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + int(self.scroll_offset.y)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        if not any(s < end and e > start for s, e in self.evidence):
            return Strip([Segment(self._text[start:end], base)]).extend_cell_length(width, base).crop(0, width)
        evidence = self.get_component_rich_style("article-view--evidence", partial=True)
        cuts = {start, end}
        for s, e in self.evidence:
            if s < end and e > start:
                cuts.update((max(s, start), min(e, end)))
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:]):
            piece = self._text[a:b]
            if not piece:
                continue
            lit = any(s <= a and b <= e for s, e in self.evidence)
            segments.append(Segment(piece, base + evidence if lit else base))
        return Strip(segments).extend_cell_length(width, base).crop(0, width)


def bullet_text(text: str, check: Check) -> Text:
    """The bullet with the words the validator could not support marked."""
    out = Text(text)
    for span in check.unsupported_spans:
        if 0 <= span.start < span.end <= len(text):
            out.stylize(Style(color="red", bold=True, underline=True), span.start, span.end)
    return out


class BulletCard(Vertical):
    """One bullet: number, verdict badge and status; the text with unsupported words
    marked (or the editor, while editing); the reasons of failed checks."""

    def __init__(self, bullet: Bullet, number: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bullet = bullet
        self.number = number
        self.check: Check = bullet.check
        self.note = ""  # transient state shown in the head, e.g. "regenerating…"

    def compose(self) -> ComposeResult:
        yield Static(classes="head")
        yield Static(classes="body")
        yield Static(classes="reasons")

    def on_mount(self) -> None:
        self.refresh_content()

    def set_bullet(self, bullet: Bullet) -> None:
        self.bullet = bullet
        self.check = bullet.check
        self.refresh_content()

    def show_check(self, check: Check) -> None:
        """Show a live check (while editing) without touching the stored bullet."""
        self.check = check
        self.refresh_content()

    judging = False  # the judge is being asked about the text in the editor

    def set_judging(self, flag: bool) -> None:
        self.judging = flag
        self.refresh_content()

    def set_note(self, note: str) -> None:
        self.note = note
        self.refresh_content()

    def refresh_content(self) -> None:
        if not self.children:  # not composed yet: on_mount will come
            return
        b, c = self.bullet, self.check
        self.set_class(b.status == "approved", "-approved")
        self.set_class(b.status == "rejected", "-rejected")
        head = Text.assemble(
            (f"{self.number}. ", "bold"),
            (f" {c.verdict.upper()} {c.score:.2f} ", BADGE_STYLE.get(c.verdict, "bold")),
            " ",
            STATUS_TEXT.get(b.status, (b.status, "")),
        )
        if b.edited:
            head.append("  edited", "italic")
        judge = next((r for r in c.checks if r.name == "judge"), None)
        if self.judging:
            head.append("  judge: asking...", "italic")
        elif judge is not None:
            ran = bool(judge.detail and judge.detail.get("ran"))
            word, style = (("yes", "green") if judge.passed else ("no", "bold red")) if ran else ("not run", "dim")
            head.append("  judge: ", "italic")
            head.append(word, style)
        if self.note:
            head.append(f"  {self.note}", "italic cyan")
        self.query_one(".head", Static).update(head)
        self.query_one(".body", Static).update(bullet_text(b.text, c))
        reasons = self.query_one(".reasons", Static)
        lines = [Text(f"! {r}") for r in c.reasons]
        if b.note and b.status != "pending":
            lines.append(Text(f"note: {b.note}", style="italic"))
        reasons.update(Text("\n").join(lines))
        reasons.display = bool(lines)


class QueueTable(ScrollView, can_focus=False):
    """The queue as a virtual table: one line per article, only visible lines render,
    so 5,000 articles cost what 40 do. The screen drives the cursor with its keys."""

    COMPONENT_CLASSES = {"queue-table--cursor", "queue-table--stripe"}
    DEFAULT_CSS = """
    QueueTable { background: $surface; scrollbar-gutter: stable; }
    QueueTable > .queue-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    QueueTable > .queue-table--stripe { background: $boost; }
    """
    # (sort key, label, narrow label, style)
    NUMBER_COLUMNS = (("pending", "Pending", "Pend", ""), ("flagged", "Flagged", "Flag", "bold yellow"),
                      ("approved", "Approved", "Appr", "green"), ("rejected", "Rejected", "Rej", "red"))
    NUMBER_WIDTH = 10
    ADDED_WIDTH = 18
    # Below this width the number and date columns narrow, so the title keeps the
    # room (at 80 columns: 40 cells of title instead of 18).
    WIDE_FROM = 98
    NARROW_NUMBER_WIDTH = 6
    NARROW_ADDED_WIDTH = 13

    class Opened(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list = []
        self.cursor = 0

    def set_rows(self, rows: list, cursor: int = 0) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.move_cursor(cursor)
        self.refresh()

    @property
    def wide(self) -> bool:
        return self.scrollable_content_region.width >= self.WIDE_FROM

    def number_width(self) -> int:
        return self.NUMBER_WIDTH if self.wide else self.NARROW_NUMBER_WIDTH

    def added_width(self) -> int:
        return self.ADDED_WIDTH if self.wide else self.NARROW_ADDED_WIDTH

    def title_width(self) -> int:
        """The title column takes whatever the fixed columns leave."""
        fixed = len(self.NUMBER_COLUMNS) * self.number_width() + self.added_width()
        return max(self.scrollable_content_region.width - fixed, 12)

    def header(self) -> Text:
        """The column header line (drawn by the screen above this widget)."""
        out = Text(" Title".ljust(self.title_width()), style="bold")
        for _, label, narrow, _ in self.NUMBER_COLUMNS:
            out.append((label if self.wide else narrow).rjust(self.number_width() - 1) + " ", style="bold")
        out.append("  Added".ljust(self.added_width()), style="bold")
        return out

    def column_at(self, x: int) -> str:
        """The sort key of the column under screen column x (for header clicks)."""
        if x < self.title_width():
            return "title"
        x -= self.title_width()
        index = x // self.number_width()
        return self.NUMBER_COLUMNS[index][0] if index < len(self.NUMBER_COLUMNS) else "added"

    def move_cursor(self, index: int) -> None:
        if not self.rows:
            self.cursor = 0
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def on_click(self, event) -> None:
        index = event.y + int(self.scroll_offset.y)
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.post_message(self.Opened(index))
            else:
                self.move_cursor(index)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + int(self.scroll_offset.y)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        line = Text(" ")
        line.append_text(Text(row.title or "(untitled)", no_wrap=True, overflow="ellipsis"))
        line.truncate(self.title_width(), overflow="ellipsis", pad=True)
        number_width = self.number_width()
        for key, _, _, style in self.NUMBER_COLUMNS:
            n = getattr(row, key)
            line.append((str(n) if n else "·").rjust(number_width - 1) + " ", style=style if n else "dim")
        added = row.created_at[:16].replace("T", " ")
        if not self.wide:
            added = added[5:]  # 01-05 09:30: the year goes first when room is short
        line.append(("  " + added).ljust(self.added_width()), style="dim")
        if index == self.cursor:
            row_style = base + self.get_component_rich_style("queue-table--cursor", partial=True)
        elif index % 2:
            row_style = base + self.get_component_rich_style("queue-table--stripe", partial=True)
        else:
            row_style = base
        segments = [Segment(s.text, row_style + s.style if s.style else row_style)
                    for s in line.render(self.app.console) if s.text != "\n"]
        return Strip(segments).extend_cell_length(width, row_style).crop(0, width)


class KeyFooter(Footer):
    """Textual's footer, fitted to the width: the bindings with the best footer
    rank (see `review_tui.keys`) that fit on the line, never cut mid-label.

    Textual's own footer lays every shown binding out in a row and cuts it at the
    edge, so at 80 columns the review screen lost Help and Quit. Here help and quit
    rank first; every binding, shown or not, is listed in help.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._laid_out_for = 0

    @staticmethod
    def entry_width(key_display: str, label: str) -> int:
        """Cells of one compact footer entry: key, space, label, one cell of margin."""
        return cell_len(key_display) + 1 + cell_len(label) + 1

    def fitted(self, width: int) -> list[tuple]:
        """(binding, enabled, tooltip) of the entries that fit, in display order."""
        by_action: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip)
        chosen, used = [], 0
        for entry in sorted(by_action.values(), key=lambda e: footer_rank(e[0])):
            need = self.entry_width(self.app.get_key_display(entry[0]), entry[0].description)
            if used + need - 1 <= width:  # the last entry's margin may fall off the edge
                chosen.append(entry)
                used += need
        # what the screen does first, then help and quit at the right as usual
        return sorted(chosen, key=lambda e: ((e[0].id or "").startswith("app."), footer_rank(e[0])))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        for binding, enabled, tooltip in self.fitted(width):
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip or binding.tooltip).data_bind(compact=Footer.compact)

    def on_resize(self) -> None:
        if self._bindings_ready and self.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
