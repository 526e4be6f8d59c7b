"""Batch inputs: expand files, folders, globs and JSONL exports into work items.

Expansion only lists names and, for JSONL, line offsets: no article text is held in
memory until an item is loaded, so a night's folder of thousands of articles costs
a few bytes per item. Items are plain picklable records, so a worker process can
load them itself. A bad item (empty, binary, huge, not UTF-8, no body, a malformed
JSONL line) fails on its own with one clear line; it never stops the run.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest import MAX_INPUT_BYTES, ingest_path, plain_article
from summarizer.ingest.decode import decode_bytes
from summarizer.models import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class WorkItem:
    """One article to process, not yet read.

    kind is "file" (an article file), "jsonl" (one line of a JSONL export, found at
    `offset` with `length` bytes) or "stored" (a line of an articles file the batch
    itself wrote, `{"source", "article"}`: used to retry Batch-API lines through chat).
    `source` names it in errors and progress.
    """

    kind: str
    path: str
    line: int = 0
    offset: int = 0
    length: int = 0

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}" if self.kind == "jsonl" else self.path


def expand_inputs(inputs: Iterable[str], exclude: Iterable[str | Path] = ()) -> list[WorkItem]:
    """Every work item named by INPUT arguments, in a stable order.

    A folder is walked recursively (hidden files and folders skipped, and any folder
    in `exclude`, e.g. the output folder); a `.jsonl` file yields one item per
    non-blank line. An argument that names nothing is a usage error (exit 2) raised
    before any work starts, since it is almost always a typo.
    """
    excluded = {os.path.realpath(p) for p in exclude}
    items: list[WorkItem] = []
    seen: set[str] = set()
    for arg in inputs:
        paths = _resolve_arg(arg)
        for path in paths:
            for file in _walk(path, excluded):
                real = os.path.realpath(file)
                if real in seen:
                    continue
                seen.add(real)
                if file.lower().endswith(JSONL_SUFFIXES):
                    items.extend(_jsonl_items(file))
                else:
                    items.append(WorkItem("file", file))
    return items


def _resolve_arg(arg: str) -> list[str]:
    if os.path.exists(arg):
        return [arg]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"{arg}: the pattern matches no file")
        return matches
    raise InputError(f"{arg}: no such file or folder")


def _walk(path: str, excluded: set[str]) -> Iterator[str]:
    if not os.path.isdir(path):
        yield path
        return
    if os.path.realpath(path) in excluded:
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in excluded
        )
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _jsonl_items(path: str) -> Iterator[WorkItem]:
    """One item per non-blank line, found by offsets; the text is read later.

    An unreadable file becomes a single failing item rather than an exception.
    """
    try:
        fh = open(path, "rb")
    except OSError:
        yield WorkItem("file", path)  # loading it reports the OS error per item
        return
    with fh:
        offset = 0
        for number, raw in enumerate(fh, start=1):
            if raw.strip():
                yield WorkItem("jsonl", path, number, offset, len(raw))
            offset += len(raw)


def load_article(item: WorkItem) -> Article:
    """Read and clean one item; raises InputError naming the item on any bad input."""
    if item.kind == "jsonl":
        return _load_jsonl_line(item)
    if item.kind == "stored":
        return _load_stored(item)
    try:
        size = os.stat(item.path).st_size
    except OSError as exc:
        raise InputError(f"{item.source}: cannot read ({exc.strerror})") from None
    if size > MAX_INPUT_BYTES:  # refuse before reading a huge file into memory
        raise InputError(f"{item.source}: {size:,} bytes is over the {MAX_INPUT_BYTES:,}-byte limit for one article")
    if item.path.lower().endswith(JSONL_SUFFIXES):
        raise InputError(f"{item.source}: cannot read this JSONL file")
    return ingest_path(item.path)


def _load_jsonl_line(item: WorkItem) -> Article:
    name = item.source
    if item.length > MAX_INPUT_BYTES:
        raise InputError(f"{name}: {item.length:,} bytes is over the {MAX_INPUT_BYTES:,}-byte limit for one article")
    try:
        with open(item.path, "rb") as fh:
            fh.seek(item.offset)
            data = fh.read(item.length)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    text = decode_bytes(data, name)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{name}: expected a JSON object with \"text\", got {type(record).__name__}")
    body = record.get("text")
    if not isinstance(body, str):
        raise InputError(f"{name}: the record has no \"text\" string")
    if not body.strip():
        raise InputError(f"{name}: \"text\" is empty")
    title = record.get("title") or ""
    if not isinstance(title, str):
        raise InputError(f"{name}: \"title\" must be a string")
    metadata = {"source": name}
    if record.get("id") is not None:
        metadata["source_id"] = str(record["id"])
    article = plain_article(body, title=title, metadata=metadata)
    if not article.sentences:
        raise InputError(f"{name}: no article body found (no sentence of running prose)")
    return article


def _read_slice(item: WorkItem) -> bytes:
    try:
        with open(item.path, "rb") as fh:
            fh.seek(item.offset)
            return fh.read(item.length)
    except OSError as exc:
        raise InputError(f"{item.source}: cannot read ({exc.strerror})") from None


def _load_stored(item: WorkItem) -> Article:
    try:
        record = json.loads(_read_slice(item))
        return Article.model_validate(record["article"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{item.source}: damaged stored article ({type(exc).__name__})") from None


def stored_items(path: str | Path) -> list[WorkItem]:
    """Items for each line of an articles file written by `write_stored`."""
    return [WorkItem("stored", str(path), i.line, i.offset, i.length) for i in _jsonl_items(str(path))]
