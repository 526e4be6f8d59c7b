"""The data model shared by every stage (pydantic v2).

Every span is a pair of character offsets into one exact string: evidence spans point
into `Article.text`, unsupported spans into the takeaway's own text. `text[start:end]`
always reproduces what is shown, and offsets never drift after ingest.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["supported", "review", "unsupported"]
VERDICT_ORDER: dict[str, int] = {"supported": 0, "review": 1, "unsupported": 2}


def utcnow() -> str:
    """ISO-8601 UTC timestamp with seconds, used for every stored time."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Sentence(BaseModel):
    """One sentence of the article body as offsets into `Article.text`."""

    model_config = ConfigDict(frozen=True)

    index: int
    start: int
    end: int


class Article(BaseModel):
    """A cleaned article. `id` is the sha256 of `text`, so equal text = equal id."""

    id: str
    title: str = ""
    text: str
    sentences: list[Sentence]
    published_takeaways: list[str] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]


class Span(BaseModel):
    """Character offsets into a named string, with the text they cover for display."""

    start: int
    end: int
    text: str


class CheckResult(BaseModel):
    """The outcome of one named validator check on one claim.

    `spans` are offsets into the claim text of the words this check concerns (for a
    failed check: the words it could not support). `severity` is how much this
    result lowers the claim's support score (0 = not at all, 1 = to zero); style and
    duplicate checks have none: they are about form, not support.
    """

    name: str
    passed: bool
    message: str = ""
    spans: list[tuple[int, int]] = Field(default_factory=list)
    severity: float = Field(default=0.0, ge=0.0, le=1.0)
    # provenance of a check that is not lexical (the judge: model, protocol, prompt
    # sha, raw answer, score); None for the offline checks
    detail: dict[str, Any] | None = None


class Check(BaseModel):
    """The validator's verdict on one claim (a bullet or a summary sentence)."""

    verdict: Verdict
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[Span] = Field(default_factory=list)
    unsupported_spans: list[Span] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


class Takeaway(BaseModel):
    """A drafted bullet. `sources` are 0-based sentence indices the drafter cited."""

    text: str
    sources: list[int] = Field(default_factory=list)


class PromptRef(BaseModel):
    """Which prompt template produced a draft: its name and content sha256."""

    name: str
    sha: str


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class Draft(BaseModel):
    """What a provider returned for one article, with provenance for the audit."""

    provider: str
    model: str
    prompt: PromptRef | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    latency_ms: float = 0.0
    created_at: str = Field(default_factory=utcnow)
    takeaways: list[Takeaway]
    # What the provider changed or noticed on the way (response format used, a re-ask,
    # source numbers dropped as out of range): provenance for the audit, not identity.
    notes: list[str] = Field(default_factory=list)


class CheckedTakeaway(BaseModel):
    """A takeaway joined with its validator check: the unit editors review."""

    text: str
    sources: list[int] = Field(default_factory=list)
    verdict: Verdict
    score: float
    evidence: list[Span] = Field(default_factory=list)
    unsupported_spans: list[Span] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)

    @classmethod
    def join(cls, takeaway: Takeaway, check: Check) -> "CheckedTakeaway":
        return cls(text=takeaway.text, sources=takeaway.sources, **check.model_dump())


class Result(BaseModel):
    """One article's full pipeline output: the `generate --format json` record."""

    article: Article
    draft: Draft
    takeaways: list[CheckedTakeaway]
