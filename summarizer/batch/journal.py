"""The draft journal: every paid-for draft is on disk before it is validated.

A provider's answer costs money the moment it arrives, but its result file is
written only after validation, which can queue behind other work. A kill in
between used to throw the answer away, and the resumed run paid for it again.
So each draft is appended to `DIR/drafts.jsonl` as soon as it arrives (one
`write()` of the whole line to an O_APPEND file, then fsync: a kill leaves the
line or nothing, at worst a torn last line that readers skip), keyed by its work
key. A resumed run validates journalled drafts instead of asking for them again:
only requests in flight at the kill are repeated.

Entries whose result file exists are dropped when a run starts and when it ends
(the file is the truth from then on), so between runs the journal holds only the
drafts of unfinished items, and is absent when there are none.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from summarizer.batch.results import append_line, read_jsonl
from summarizer.fileio import atomic_write
from summarizer.models import Draft, utcnow

JOURNAL = "drafts.jsonl"


class DraftJournal:
    """Append-only log of drafts that arrived, read back when a run resumes."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / JOURNAL

    def record(self, key: str, article_id: str, draft: Draft) -> None:
        """Make one arrived draft durable (called before it is validated)."""
        append_line(self.path, {"key": key, "article_id": article_id, "at": utcnow(),
                                "draft": draft.model_dump(mode="json")})

    def pending(self, finished: set[str] | dict[str, Path]) -> dict[str, Draft]:
        """work key -> journalled draft, for every key not yet finished.

        Rewrites the journal (atomically) without the finished entries, or removes
        it when none is left, so it does not grow from run to run. A line that does not parse as a draft is ignored:
        its item is simply requested again.
        """
        try:
            if not self.path.is_file() or not self.path.stat().st_size:
                return {}
            records = read_jsonl(self.path)
            torn = not self.path.read_bytes().endswith(b"\n")  # a kill mid-line: the next append must start afresh
        except OSError:  # unreadable: its items are simply requested again
            return {}
        drafts: dict[str, Draft] = {}
        keep: list[dict] = []
        for rec in records:
            key = rec.get("key")
            if not isinstance(key, str) or key in finished or key in drafts:
                continue
            try:
                drafts[key] = Draft.model_validate(rec.get("draft"))
            except ValidationError:
                continue
            keep.append(rec)
        if not keep:
            self.path.unlink(missing_ok=True)
        elif torn or len(keep) != len(records):
            atomic_write(self.path, "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in keep))
        return drafts
