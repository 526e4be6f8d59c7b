"""Expanding INPUT arguments into work items, and loading each one on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_helpers import synthetic_article
from summarizer.batch.inputs import WorkItem, expand_inputs, load_article
from summarizer.errors import InputError
from summarizer.ingest import MAX_INPUT_BYTES


def _sources(items: list[WorkItem]) -> list[str]:
    return [i.source for i in items]


def test_files_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / ".hidden").mkdir()
    for p in ["a/one.txt", "a/sub/two.md", "a/.hidden/skip.txt", "a/.dot.txt", "three.txt", "four.txt"]:
        (tmp_path / p).write_text(synthetic_article(len(p)))
    items = expand_inputs([str(tmp_path / "a"), str(tmp_path / "th*.txt"), str(tmp_path / "a" / "one.txt")])
    assert _sources(items) == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "a" / "sub" / "two.md"),
                               str(tmp_path / "three.txt")]  # hidden skipped; one.txt not twice
    assert all(i.kind == "file" for i in items)


def test_output_folder_is_not_input(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(synthetic_article(1))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "result.json").write_text("{}")
    items = expand_inputs([str(tmp_path)], exclude=[tmp_path / "out"])
    assert _sources(items) == [str(tmp_path / "story.txt")]


def test_missing_input_and_empty_glob_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputError, match="matches no file"):
        expand_inputs([str(tmp_path / "*.nothing")])


def test_jsonl_lines_become_items_and_bad_lines_fail_alone(tmp_path: Path) -> None:
    good = {"id": "cms-1", "title": "Council vote", "text": synthetic_article(7).split("\n", 2)[2]}
    lines = [
        json.dumps(good).encode(),
        b"",  # blank lines are not items
        b'{"id": "cms-2", "text": ',  # malformed
        json.dumps({"id": "cms-3", "title": "no body"}).encode(),
        json.dumps({"id": "cms-4", "text": "   "}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        b'{"id": "cms-6", "text": "caf\xe9 society"}',  # not UTF-8
        json.dumps({"id": "cms-7", "title": 5, "text": "A sentence here. Another one there."}).encode(),
    ]
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = expand_inputs([str(path)])
    assert [i.line for i in items] == [1, 3, 4, 5, 6, 7, 8]
    article = load_article(items[0])
    assert article.title == "Council vote"
    assert article.metadata["source_id"] == "cms-1"
    assert article.text == good["text"].strip()
    expected = ["not valid JSON", 'no "text"', '"text" is empty', "expected a JSON object", "not valid UTF-8",
                '"title" must be a string']
    for item, message in zip(items[1:], expected):
        with pytest.raises(InputError, match=message) as err:
            load_article(item)
        assert str(err.value).startswith(f"{path}:{item.line}: ")
        assert "\n" not in str(err.value)


def test_huge_jsonl_line_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "word " * (MAX_INPUT_BYTES // 5 + 10)}) + "\n")
    [item] = expand_inputs([str(path)])
    with pytest.raises(InputError, match="byte limit"):
        load_article(item)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50, "binary"),
        ("latin1.txt", "Le café est fermé. Il pleut à Paris.".encode("latin-1"), "not valid UTF-8"),
        ("furniture.txt", b"Save Story\n\nShare\n", "no article body"),
    ],
)
def test_bad_files_fail_alone(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    [item] = expand_inputs([str(tmp_path / name)])
    with pytest.raises(InputError, match=message):
        load_article(item)


def test_huge_file_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)  # sparse: refused by size before any read
    [item] = expand_inputs([str(path)])
    with pytest.raises(InputError, match="byte limit"):
        load_article(item)


def test_items_hold_no_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": 1, "text": synthetic_article(3)}) + "\n")
    [item] = expand_inputs([str(path)])
    assert item == WorkItem("jsonl", str(path), 1, 0, path.stat().st_size)
