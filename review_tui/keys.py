"""Key bindings as data: every binding has an id, default keys and a description.

The screens build their `BINDINGS` from `SPECS`; a TOML file remaps ids to keys
through Textual's keymap, so the footer and the help screen show the keys in use.

    # $XDG_CONFIG_HOME/takeaways/keys.toml  (or --keys FILE)
    [review]
    approve = "a,y"        # comma-separated: any of these keys
    reject = "x,delete"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

from summarizer.errors import InputError


@dataclass(frozen=True)
class KeySpec:
    """One binding. `description` is what help says; `footer` is its rank in the
    footer (1 = kept longest as the terminal narrows; None = help only) and `short`
    the label it has there, so the keys that matter fit at 80 columns and below."""

    id: str
    keys: str
    action: str
    description: str
    footer: int | None = None
    short: str | None = None
    priority: bool = False

    @property
    def label(self) -> str:
        return self.short or self.description


# Footer ranks: help and quit first (they lead to everything else), then the review
# decisions, then moving between articles; the rest drops out first.
SPECS: list[KeySpec] = [
    KeySpec("app.quit", "q", "quit", "Quit", footer=2),
    KeySpec("app.help", "question_mark", "help", "Help: every key", footer=1, short="Help"),
    KeySpec("queue.open", "enter", "open", "Open article", footer=3, short="Open"),
    KeySpec("queue.down", "down,j", "cursor(1)", "Next article in the list"),
    KeySpec("queue.up", "up,k", "cursor(-1)", "Previous article in the list"),
    KeySpec("queue.page_down", "pagedown", "page(1)", "Page down"),
    KeySpec("queue.page_up", "pageup", "page(-1)", "Page up"),
    KeySpec("queue.top", "home", "edge(-1)", "First article"),
    KeySpec("queue.bottom", "end", "edge(1)", "Last article"),
    KeySpec("queue.sort", "s", "sort", "Sort (next column)", footer=5, short="Sort"),
    KeySpec("queue.filter", "f", "cycle_filter", "Filter: pending, flagged, all", footer=4, short="Filter"),
    KeySpec("queue.refresh", "r", "refresh", "Refresh from the store", footer=6, short="Refresh"),
    KeySpec("review.approve", "a", "approve", "Approve", footer=3),
    KeySpec("review.reject", "x", "reject", "Reject", footer=4),
    KeySpec("review.edit", "e", "edit", "Edit", footer=5),
    KeySpec("review.regenerate", "g", "regenerate", "Regenerate this bullet", footer=11, short="Regen"),
    KeySpec("review.undo", "u", "undo", "Undo your last decision", footer=8, short="Undo"),
    KeySpec("review.down", "down,j", "move(1)", "Next bullet"),
    KeySpec("review.up", "up,k", "move(-1)", "Previous bullet"),
    KeySpec("review.next_article", "n", "article(1)", "Next article", footer=6, short="Next"),
    KeySpec("review.prev_article", "p", "article(-1)", "Previous article", footer=7, short="Prev"),
    KeySpec("review.page_down", "pagedown,space", "scroll_article(1)", "Scroll article down"),
    KeySpec("review.page_up", "pageup", "scroll_article(-1)", "Scroll article up"),
    KeySpec("review.back", "escape", "back", "Back to the queue", footer=9, short="Queue"),
    # Not priority bindings: those run as the key arrives, ahead of characters typed
    # just before it that the editor has not inserted yet (a fast "x." ctrl+s lost
    # the "x."). Enter also saves (bullets are one line); see EditArea.
    KeySpec("edit.save", "ctrl+s", "save", "Save edit (Enter too)", footer=1, short="Save"),
    KeySpec("edit.cancel", "escape", "cancel", "Cancel edit", footer=2, short="Cancel"),
    KeySpec("note.cancel", "escape", "cancel", "Cancel"),
    KeySpec("help.close", "escape,question_mark,q", "close", "Close help", footer=1, short="Close"),
]
BY_ID = {s.id: s for s in SPECS}


def bindings(prefix: str) -> list[Binding]:
    """Textual bindings for the specs whose id starts with `prefix.`: the footer
    shows the short label, the tooltip and help the full description."""
    return [
        Binding(s.keys, s.action, s.label, show=s.footer is not None, priority=s.priority, id=s.id,
                tooltip=s.description)
        for s in SPECS
        if s.id.startswith(prefix + ".")
    ]


def footer_rank(binding: Binding) -> int:
    """Footer rank of a binding (ours by id; anything else after all of ours)."""
    spec = BY_ID.get(binding.id or "")
    return spec.footer if spec is not None and spec.footer is not None else 99


def default_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "takeaways" / "keys.toml"


def _flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(_flatten(value, name))
        else:
            out[name] = value
    return out


def load_keymap(path: str | Path | None = None) -> dict[str, str]:
    """Binding id -> keys from a TOML file; {} when no file is given or found.

    An explicit `path` must exist; the default path is optional. Unknown ids or
    empty keys are errors (one line naming the file), not silently ignored.
    """
    explicit = path is not None
    file = Path(path) if explicit else default_path()
    if not file.is_file():
        if explicit:
            raise InputError(f"{file}: no such key bindings file")
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{file}: cannot read key bindings ({exc})") from None
    keymap: dict[str, str] = {}
    for binding_id, keys in _flatten(data).items():
        if binding_id not in BY_ID:
            known = ", ".join(sorted(BY_ID))
            raise InputError(f"{file}: unknown binding {binding_id!r} (known: {known})")
        if isinstance(keys, list):
            keys = ",".join(str(k) for k in keys)
        if not isinstance(keys, str) or not keys.strip():
            raise InputError(f"{file}: binding {binding_id!r} needs keys as a string like \"a,y\"")
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap
