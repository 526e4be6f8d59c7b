"""Headless review: the queue, and every editor decision on a bullet.

The Textual app is a thin layer over this module, so the rules live here and are
tested without a terminal: approving an `unsupported` bullet needs a note; every
write is one transaction that updates the takeaway only if its `version` is still
the one the editor saw (`UPDATE ... WHERE id=? AND version=?`) and appends the
matching `decisions` row. A version mismatch means someone else changed the bullet
since it was shown: `Conflict` says who and when, and the caller reloads.

Only the latest draft of an article is reviewed (a re-run with another model makes
a new draft; the older one stays in the store for the audit).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from summarizer.errors import TakeawaysError
from summarizer.models import Article, Check, utcnow
from summarizer.providers import Provider
from summarizer.store import Store
from summarizer.validate import check_claim

QueueFilter = Literal["pending", "flagged", "all"]
FLAGGED_VERDICTS = ("review", "unsupported")


class ReviewError(TakeawaysError):
    """A review action that cannot be done as asked; the message is for the editor."""

    exit_code = 2


class Conflict(ReviewError):
    """The bullet changed since the editor loaded it; `current` is the fresh row."""

    def __init__(self, message: str, current: "Bullet | None") -> None:
        super().__init__(message)
        self.current = current


class NoteRequired(ReviewError):
    """Approving a bullet the validator marked `unsupported` needs a reason."""


class NothingToUndo(ReviewError):
    pass


class NothingNew(ReviewError):
    """The provider offered no bullet different from the ones already there."""


@dataclass(frozen=True)
class QueueRow:
    """One article in the queue with its bullet counts (latest draft only)."""

    article_id: str
    title: str
    created_at: str
    pending: int
    flagged: int
    approved: int
    rejected: int

    @property
    def total(self) -> int:
        return self.pending + self.approved + self.rejected


@dataclass(frozen=True)
class Bullet:
    """A takeaway as the editor sees it, with the version that guards writes."""

    id: int
    article_id: str
    position: int
    text: str
    original_text: str
    sources: list[int]
    status: str
    verdict: str
    score: float
    check: Check
    version: int
    updated_at: str
    note: str | None = None  # the note of the latest decision on it, if any

    @property
    def flagged(self) -> bool:
        return self.status == "pending" and self.verdict in FLAGGED_VERDICTS

    @property
    def edited(self) -> bool:
        return self.text != self.original_text


_BULLET_SQL = (
    "SELECT t.*, (SELECT d.note FROM decisions d WHERE d.takeaway_id = t.id ORDER BY d.id DESC LIMIT 1) "
    "AS note FROM takeaways t "
)

_QUEUE_SQL = """
WITH latest AS (SELECT article_id, MAX(id) AS draft_id FROM drafts GROUP BY article_id),
counted AS (
SELECT a.id, a.title, a.created_at, a.rowid AS seq,
       COALESCE(SUM(CASE WHEN t.status = 'pending' THEN 1 ELSE 0 END), 0) AS pending,
       COALESCE(SUM(CASE WHEN t.status = 'pending' AND t.verdict IN ('review', 'unsupported')
                         THEN 1 ELSE 0 END), 0) AS flagged,
       COALESCE(SUM(CASE WHEN t.status = 'approved' THEN 1 ELSE 0 END), 0) AS approved,
       COALESCE(SUM(CASE WHEN t.status = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected
FROM articles a
LEFT JOIN latest l ON l.article_id = a.id
LEFT JOIN takeaways t ON t.draft_id = l.draft_id
GROUP BY a.id, a.title, a.created_at, a.rowid
)
SELECT * FROM counted {where}
ORDER BY created_at, seq
"""

_WHERE = {"all": "", "pending": "WHERE pending > 0", "flagged": "WHERE flagged > 0"}


def queue(store: Store, which: QueueFilter = "pending") -> list[QueueRow]:
    """Articles to review, oldest first, counted in one aggregate query."""
    if which not in _WHERE:
        raise ReviewError(f"unknown queue {which!r} (choose pending, flagged or all)")
    rows = store.conn.execute(_QUEUE_SQL.format(where=_WHERE[which])).fetchall()
    return [QueueRow(r["id"], r["title"], r["created_at"], int(r["pending"]), int(r["flagged"]),
                     int(r["approved"]), int(r["rejected"])) for r in rows]


def _bullet(row) -> Bullet:
    return Bullet(
        id=row["id"],
        article_id=row["article_id"],
        position=row["position"],
        text=row["text"],
        original_text=row["original_text"],
        sources=json.loads(row["sources"]),
        status=row["status"],
        verdict=row["verdict"],
        score=float(row["score"]),
        check=Check.model_validate_json(row["check_json"]),
        version=row["version"],
        updated_at=row["updated_at"],
        note=row["note"] if "note" in row.keys() else None,
    )


def bullets(store: Store, article_id: str) -> list[Bullet]:
    """The bullets of the article's latest draft, in drafted order."""
    rows = store.conn.execute(
        _BULLET_SQL + "WHERE t.draft_id = (SELECT MAX(id) FROM drafts WHERE article_id = ?) ORDER BY t.position",
        (article_id,),
    ).fetchall()
    return [_bullet(r) for r in rows]


def get_bullet(store: Store, bullet_id: int) -> Bullet:
    row = store.conn.execute(_BULLET_SQL + "WHERE t.id = ?", (bullet_id,)).fetchone()
    if row is None:
        raise ReviewError(f"bullet {bullet_id} is not in this store")
    return _bullet(row)


def propose_replacement(article: Article, exclude: Sequence[str], provider: Provider, n: int,
                        judge: Any = None) -> tuple[str, list[int], Check]:
    """A new bullet from `provider` that is none of `exclude`, with its check (and,
    with a `judge`, its second opinion, so a regenerated bullet is judged like a
    drafted one; a judge that fails leaves the lexical check and says "not run").

    Touches no store, so the UI can run it in a thread while the editor keeps working.
    """
    draft = provider.draft(article, max(n, 3), exclude=list(exclude))
    banned = {" ".join(t.lower().split()) for t in exclude}
    for t in draft.takeaways:
        if " ".join(t.text.lower().split()) not in banned:
            check = check_claim(article, t.text, t.sources)
            if judge is not None:
                check = judge.judge(article, [t.text], [check])[0][0]
            return t.text, list(t.sources), check
    raise NothingNew(f"the {provider.name} engine offered no bullet different from the ones already here")


def _check_for_text(check: Check) -> str:
    return check.model_dump_json()


class ReviewSession:
    """One editor's actions on one store. `clock` is injectable for reproducible tests."""

    def __init__(self, store: Store, reviewer: str, clock: Callable[[], str] = utcnow) -> None:
        if not reviewer.strip():
            raise ReviewError("a reviewer name is needed (--reviewer NAME)")
        self.store = store
        self.reviewer = reviewer
        self.clock = clock
        self._articles: dict[str, Article] = {}

    # -- reading ----------------------------------------------------------------

    def queue(self, which: QueueFilter = "pending") -> list[QueueRow]:
        return queue(self.store, which)

    def article(self, article_id: str) -> Article:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.get_article(article_id)
        return self._articles[article_id]

    def bullets(self, article_id: str) -> list[Bullet]:
        return bullets(self.store, article_id)

    def revalidate(self, bullet: Bullet, text: str) -> Check:
        """The validator's check of `text` as a replacement for `bullet` (no write)."""
        return check_claim(self.article(bullet.article_id), text, bullet.sources)

    # -- writing ----------------------------------------------------------------

    def approve(self, bullet: Bullet, note: str | None = None) -> Bullet:
        note = (note or "").strip() or None
        if bullet.verdict == "unsupported" and note is None:
            raise NoteRequired("this bullet is marked unsupported: approving it needs a note saying why")
        return self._write(bullet, "approve", status="approved", note=note)

    def reject(self, bullet: Bullet, note: str | None = None) -> Bullet:
        return self._write(bullet, "reject", status="rejected", note=(note or "").strip() or None)

    def edit(self, bullet: Bullet, text: str, note: str | None = None,
             checked: tuple[str, Check] | None = None) -> Bullet:
        """Replace the text, revalidated. The bullet goes back to pending: an approval
        was for the old words. `checked` = (text, its Check) already computed (the UI
        validates while the editor types), used only if it is for exactly this text."""
        text = " ".join(text.split())
        if not text:
            raise ReviewError("a bullet cannot be empty (reject it instead)")
        if text == bullet.text:
            return bullet
        check = checked[1] if checked and checked[0] == text else self.revalidate(bullet, text)
        return self._write(bullet, "edit", status="pending", text=text, check=check,
                           note=(note or "").strip() or None)

    def regeneration_exclude(self, bullet: Bullet, others: Sequence[str]) -> list[str]:
        """Texts the replacement must differ from: the other bullets, this bullet now,
        and every text it had before, so repeated regeneration walks down the ranking."""
        seen = [bullet.text, bullet.original_text, *self._past_texts(bullet.id)]
        return list(dict.fromkeys([*others, *seen]))

    def propose_regeneration(self, bullet: Bullet, others: Sequence[str], provider: Provider,
                             judge: Any = None) -> tuple[str, list[int], Check]:
        """Read what is needed from the store, then ask the provider (nothing written)."""
        return propose_replacement(self.article(bullet.article_id), self.regeneration_exclude(bullet, others),
                                   provider, len(others) + 1, judge)

    def apply_regeneration(self, bullet: Bullet, text: str, sources: list[int], check: Check,
                           provider: Provider | None = None) -> Bullet:
        """Store the new text; `provider` (what drafted it) is recorded for the disclosure."""
        drafted_by = (provider.name, str(getattr(provider, "model", "") or "")) if provider is not None else None
        return self._write(bullet, "regenerate", status="pending", text=text, sources=sources, check=check,
                           drafted_by=drafted_by)

    def regenerate(self, bullet: Bullet, others: Sequence[str], provider: Provider, judge: Any = None) -> Bullet:
        """propose + apply in one call (for scripts and tests)."""
        return self.apply_regeneration(bullet, *self.propose_regeneration(bullet, others, provider, judge),
                                       provider=provider)

    def undo(self, article_id: str) -> Bullet:
        """Revert this reviewer's latest not-yet-undone decision on this article.

        Refused with `Conflict` if the bullet changed after that decision (someone
        else acted on it since), so an undo never overwrites another editor.
        """
        row = self.store.conn.execute(
            "SELECT * FROM decisions d WHERE d.article_id = ? AND d.reviewer = ? AND d.action != 'undo' "
            "AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id) ORDER BY d.id DESC LIMIT 1",
            (article_id, self.reviewer),
        ).fetchone()
        if row is None:
            raise NothingToUndo("nothing of yours to undo on this article")
        current = get_bullet(self.store, row["takeaway_id"])
        others_since = self.store.conn.execute(
            "SELECT 1 FROM decisions WHERE takeaway_id = ? AND id > ? AND reviewer != ? LIMIT 1",
            (current.id, row["id"], self.reviewer),
        ).fetchone()
        after_sources = json.loads(row["after_sources"]) if row["after_sources"] else current.sources
        if others_since or (current.text, current.status, current.sources) != (
            row["after_text"], row["after_status"], after_sources
        ):
            raise self._conflict(current)
        before_text = row["before_text"]
        before_sources = json.loads(row["before_sources"]) if row["before_sources"] else current.sources
        check = None
        if before_text != current.text or before_sources != current.sources:
            check = check_claim(self.article(article_id), before_text, before_sources)
        return self._write(current, "undo", status=row["before_status"], text=before_text,
                           sources=before_sources, check=check, undoes=row["id"])

    # -- internals --------------------------------------------------------------

    def _past_texts(self, bullet_id: int) -> list[str]:
        rows = self.store.conn.execute(
            "SELECT before_text, after_text FROM decisions WHERE takeaway_id = ?", (bullet_id,)
        ).fetchall()
        return [t for r in rows for t in (r[0], r[1]) if t]

    def last_change(self, current: Bullet) -> tuple[str, str]:
        """Who made the bullet's latest change, and when (for conflict messages)."""
        last = self.store.conn.execute(
            "SELECT reviewer, at FROM decisions WHERE takeaway_id = ? ORDER BY id DESC LIMIT 1", (current.id,)
        ).fetchone()
        return (last["reviewer"], last["at"]) if last else ("another process", current.updated_at)

    def _conflict(self, current: Bullet) -> Conflict:
        who, when = self.last_change(current)
        return Conflict(
            f"bullet {current.position + 1} was changed by {who} at {when} since you opened it; reloaded",
            current,
        )

    def _write(
        self,
        bullet: Bullet,
        action: str,
        *,
        status: str,
        text: str | None = None,
        sources: list[int] | None = None,
        check: Check | None = None,
        note: str | None = None,
        undoes: int | None = None,
        drafted_by: tuple[str, str] | None = None,
    ) -> Bullet:
        """One transaction: the guarded UPDATE and its decisions row, or nothing."""
        text = bullet.text if text is None else text
        sources = bullet.sources if sources is None else sources
        check = bullet.check if check is None else check
        now = self.clock()
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE takeaways SET text = ?, sources = ?, status = ?, verdict = ?, score = ?, "
                "check_json = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                (text, json.dumps(sources), status, check.verdict, check.score, _check_for_text(check),
                 now, bullet.id, bullet.version),
            )
            if cur.rowcount != 1:
                stale = True
            else:
                stale = False
                conn.execute(
                    "INSERT INTO decisions (takeaway_id, article_id, action, before_text, after_text, "
                    "before_status, after_status, reviewer, at, verdict, score, note, before_sources, "
                    "after_sources, after_version, check_json, undoes, provider, model) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (bullet.id, bullet.article_id, action, bullet.text, text, bullet.status, status,
                     self.reviewer, now, check.verdict, check.score, note, json.dumps(bullet.sources),
                     json.dumps(sources), bullet.version + 1, _check_for_text(check), undoes,
                     *(drafted_by or (None, None))),
                )
        if stale:
            raise self._conflict(get_bullet(self.store, bullet.id))
        return get_bullet(self.store, bullet.id)
