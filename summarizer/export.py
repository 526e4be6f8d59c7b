"""Export approved bullets, one file per article, with the disclosure line.

The line is the only place the product says bullets were reviewed, and it names
what drafted them (summarizer.disclosure): the draft's provider, or for a bullet
regenerated in review, the provider recorded with that decision.

Only bullets whose status is `approved` are published, in their current (edited)
text. The json format adds the audit trail: who approved each bullet, when, the
validator's verdict and evidence at that moment, and every decision on the article.
Files are written atomically (temp file + `os.replace`), so a reader never sees a
half-written export and a re-run replaces files whole.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Literal

from summarizer.disclosure import REVIEWED, article_kind, kind_of
from summarizer.fileio import atomic_write
from summarizer.errors import InputError
from summarizer.models import Check
from summarizer.review import Bullet, bullets
from summarizer.store import Store

Format = Literal["json", "md", "html"]
FORMATS: tuple[str, ...] = ("json", "md", "html")


@dataclass
class ExportSummary:
    written: list[Path] = field(default_factory=list)
    skipped: int = 0  # articles with no approved bullet
    withdrawn: list[Path] = field(default_factory=list)  # earlier exports now with nothing approved


def _approval(store: Store, bullet: Bullet) -> dict[str, Any]:
    """The decision that made the bullet approved as it stands now."""
    row = store.conn.execute(
        "SELECT * FROM decisions WHERE takeaway_id = ? AND after_status = 'approved' ORDER BY id DESC LIMIT 1",
        (bullet.id,),
    ).fetchone()
    if row is None:  # approved outside the review flow: no audit to show
        return {"approved_by": None, "approved_at": None, "verdict": bullet.verdict, "score": bullet.score,
                "evidence": [e.model_dump() for e in bullet.check.evidence], "note": None}
    check = Check.model_validate_json(row["check_json"]) if row["check_json"] else bullet.check
    return {
        "approved_by": row["reviewer"],
        "approved_at": row["at"],
        "verdict": row["verdict"],
        "score": row["score"],
        "evidence": [e.model_dump() for e in check.evidence],
        "note": row["note"],
    }


def _decisions(store: Store, article_id: str) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT d.*, t.position FROM decisions d JOIN takeaways t ON t.id = d.takeaway_id "
        "WHERE d.article_id = ? ORDER BY d.id",
        (article_id,),
    ).fetchall()
    keys = ("id", "takeaway_id", "position", "action", "reviewer", "at", "before_text", "after_text",
            "before_status", "after_status", "verdict", "score", "note", "undoes")
    return [{k: r[k] for k in keys} for r in rows]


def _drafted_by(store: Store, bullet: Bullet, draft: Any) -> tuple[str, str]:
    """(provider, model) that drafted the bullet's current text: the latest regeneration
    still in force, else the draft (also when a regeneration recorded no provider)."""
    row = store.conn.execute(
        "SELECT provider, model FROM decisions d WHERE d.takeaway_id = ? AND d.action = 'regenerate' "
        "AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id) ORDER BY d.id DESC LIMIT 1",
        (bullet.id,),
    ).fetchone()
    if row is not None and row["provider"]:
        return row["provider"], row["model"] or ""
    return draft["provider"], draft["model"]


def _disclosure_for(kind: str, disclosure: str | Mapping[str, str] | None) -> str:
    if disclosure is None:
        return REVIEWED[kind]
    if isinstance(disclosure, str):
        return disclosure
    return disclosure.get(kind) or REVIEWED[kind]


def article_record(store: Store, article_id: str,
                   disclosure: str | Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """Everything the three formats need for one article; None if nothing is approved.

    `disclosure`: one line for every drafting kind, or a line per kind ("llm",
    "extractive"); the default wording of summarizer.disclosure otherwise.
    """
    approved = [b for b in bullets(store, article_id) if b.status == "approved"]
    if not approved:
        return None
    article = store.get_article(article_id)
    draft = store.conn.execute(
        "SELECT provider, model FROM drafts WHERE id = (SELECT MAX(id) FROM drafts WHERE article_id = ?)",
        (article_id,),
    ).fetchone()
    drafted = [_drafted_by(store, b, draft) for b in approved]
    kind = article_kind(p for p, _ in drafted)
    return {
        "article_id": article.id,
        "title": article.title,
        "reviewed": True,
        "provider": draft["provider"],
        "model": draft["model"],
        "drafted_by": kind,
        "takeaways": [
            {"text": b.text, "edited": b.edited, "original_text": b.original_text, "position": b.position,
             "provider": provider, "model": model, "drafted_by": kind_of(provider), **_approval(store, b)}
            for b, (provider, model) in zip(approved, drafted)
        ],
        "disclosure": _disclosure_for(kind, disclosure),
        "audit": _decisions(store, article_id),
    }


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def to_markdown(record: dict[str, Any]) -> str:
    lines = [f"## {record['title']}", ""] if record["title"] else []
    lines += ["**Key takeaways**", ""]
    lines += [f"- {t['text']}" for t in record["takeaways"]]
    lines += ["", f"*{record['disclosure']}*", ""]
    return "\n".join(lines)


def to_html(record: dict[str, Any]) -> str:
    """A self-contained fragment for a CMS; every piece of text is escaped."""
    e = html.escape
    parts = ['<section class="key-takeaways">']
    if record["title"]:
        parts.append(f"  <h2>{e(record['title'])}</h2>")
    parts.append("  <h3>Key takeaways</h3>")
    parts.append("  <ul>")
    parts += [f"    <li>{e(t['text'])}</li>" for t in record["takeaways"]]
    parts.append("  </ul>")
    parts.append(f'  <p class="disclosure"><em>{e(record["disclosure"])}</em></p>')
    parts.append("</section>")
    return "\n".join(parts) + "\n"


RENDER = {"json": to_json, "md": to_markdown, "html": to_html}


def export_store(store: Store, out: str | Path, fmt: Format = "json",
                 disclosure: str | Mapping[str, str] | None = None) -> ExportSummary:
    """Write `OUT/<article id[:16]>.<fmt>` for every article with an approved bullet,
    and remove that file for an article that no longer has one, so the folder always
    matches the store."""
    if fmt not in RENDER:
        raise InputError(f"unknown export format {fmt!r} (choose json, md or html)")
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    summary = ExportSummary()
    for article_id in store.article_ids():
        record = article_record(store, article_id, disclosure)
        path = out / f"{article_id[:16]}.{fmt}"
        if record is None:
            summary.skipped += 1
            if path.exists():  # exported before, since un-approved (undo, reject): take it back
                path.unlink()
                summary.withdrawn.append(path)
            continue
        atomic_write(path, RENDER[fmt](record))
        summary.written.append(path)
    return summary
