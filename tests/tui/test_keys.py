"""Key bindings as data: ids, the TOML keys file, its errors, and the default path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from review_tui.keys import BY_ID, SPECS, default_path, load_keymap
from summarizer.errors import InputError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_binding_has_a_unique_id_and_a_description() -> None:
    assert len(BY_ID) == len(SPECS)
    assert all(s.description and s.keys for s in SPECS)
    for needed in ("review.approve", "review.reject", "review.edit", "review.regenerate", "review.undo",
                   "review.up", "review.down", "review.next_article", "review.prev_article",
                   "app.quit", "app.help", "edit.save", "edit.cancel"):
        assert needed in BY_ID


def test_readme_example_loads(tmp_path: Path) -> None:
    example = re.search(r"```toml\n(.*?)```", README.read_text(), re.S).group(1)
    path = tmp_path / "keys.toml"
    path.write_text(example)
    keymap = load_keymap(path)
    assert keymap["review.approve"] == "a,y" and keymap["queue.open"] == "enter,o"


def test_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('[review]\napprove_all = "A"\n')
    with pytest.raises(InputError, match="unknown binding 'review.approve_all'"):
        load_keymap(path)
    path.write_text('[review]\napprove = ""\n')
    with pytest.raises(InputError, match="needs keys"):
        load_keymap(path)
    path.write_text("[review\n")
    with pytest.raises(InputError, match="cannot read key bindings"):
        load_keymap(path)
    with pytest.raises(InputError, match="no such key bindings file"):
        load_keymap(tmp_path / "missing.toml")
    path.write_text('"review.reject" = ["x", "delete"]\n')  # dotted ids and lists work too
    assert load_keymap(path) == {"review.reject": "x,delete"}


def test_default_path_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_path() == tmp_path / "takeaways" / "keys.toml"
    assert load_keymap() == {}  # absent default file: defaults
    default_path().parent.mkdir(parents=True)
    default_path().write_text('[review]\nundo = "ctrl+z"\n')
    assert load_keymap() == {"review.undo": "ctrl+z"}
