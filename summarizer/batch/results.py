"""The batch output folder: result files, the manifest, errors.jsonl, report.json.

Crash safety rests on two rules:

* a result file appears whole or not at all (temp file in the same folder, fsync,
  `os.replace`, fsync of the folder), and it begins with its work key, so a resumed
  run can list what is finished by reading a few bytes of each file;
* the result file is written before the store row. A kill between the two leaves a
  finished file with no store row; `repair_store` puts the row in on the next start,
  and `Store.has_work_key` keeps it from ever being written twice.

`manifest.jsonl` is an append-only log of finished items (key, article id, source,
time). The result files are the truth when resuming; the manifest is repaired from
them so it always lists every finished item at least once.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from summarizer.fileio import TMP_SUFFIX, atomic_write
from summarizer.models import Result, utcnow
from summarizer.render import to_json

MANIFEST = "manifest.jsonl"
ERRORS = "errors.jsonl"
REPORT = "report.json"
OPENAI_BATCH = "openai-batch.json"
RESERVED = {REPORT, OPENAI_BATCH}
_KEY_HEAD = re.compile(rb'^\{"work_key":\s*"([0-9a-f]+)"')


def result_record(result: Result, key: str) -> str:
    """The `generate --format json` object with `work_key` as its first member."""
    body = to_json(result)
    return '{"work_key":' + json.dumps(key) + "," + body[1:]


def append_line(path: Path, record: dict[str, Any]) -> None:
    """Append one JSON line with a single write to an O_APPEND file, then fsync.

    One write() of the whole line means a kill leaves either the line or nothing
    (at worst a torn last line, which the readers here skip).
    """
    line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All well-formed object lines of a JSONL file (a torn last line is skipped)."""
    if not path.exists():
        return []
    out = []
    with open(path, "rb") as fh:
        for raw in fh:
            try:
                rec = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(rec, dict):
                out.append(rec)
    return out


class ResultsDir:
    """One batch output folder (created if missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            self.path.mkdir(parents=True, exist_ok=True)

    def result_path(self, article_id: str) -> Path:
        return self.path / f"{article_id}.json"

    # -- resuming ----------------------------------------------------------------

    def clean_temp_files(self) -> int:
        """Remove temp files a killed run left behind; they were never finished."""
        removed = 0
        for p in self.path.glob(f".*{TMP_SUFFIX}"):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
        return removed

    def result_files(self) -> dict[str, Path]:
        """work key -> result file, for every finished result in the folder."""
        found: dict[str, Path] = {}
        for p in self.path.glob("*.json"):
            if p.name in RESERVED or p.name.startswith("."):
                continue
            try:
                with open(p, "rb") as fh:
                    head = fh.read(128)
            except OSError:
                continue
            m = _KEY_HEAD.match(head)
            if m:
                found[m.group(1).decode()] = p
        return found

    def finished(self) -> dict[str, Path]:
        """Scan the folder for finished work and repair the manifest from it."""
        self.clean_temp_files()
        files = self.result_files()
        logged = {rec.get("key") for rec in read_jsonl(self.path / MANIFEST)}
        for key, p in files.items():
            if key not in logged:
                self.log_finished(key, p.stem, source="(repaired from result file)")
        return files

    def load_result(self, path: Path) -> Result:
        return Result.model_validate_json(path.read_bytes())

    # -- writing -----------------------------------------------------------------

    def write_result(self, result: Result, key: str) -> str:
        """Write the result file atomically; returns the record written."""
        record = result_record(result, key)
        atomic_write(self.result_path(result.article.id), record)
        return record

    def log_finished(self, key: str, article_id: str, source: str) -> None:
        append_line(self.path / MANIFEST, {"key": key, "article_id": article_id, "source": source, "at": utcnow()})

    def log_error(self, record: dict[str, Any]) -> None:
        append_line(self.path / ERRORS, {"at": utcnow(), **record})

    def write_report(self, report: dict[str, Any]) -> Path:
        path = self.path / REPORT
        atomic_write(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return path


def repair_store(results: ResultsDir, files: dict[str, Path], store: Any) -> int:
    """Put into the store every finished result whose row a kill left unwritten."""
    repaired = 0
    for key, path in files.items():
        if not store.has_work_key(key):
            store.save_result(results.load_result(path), key)
            repaired += 1
    return repaired
