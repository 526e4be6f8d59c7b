"""Output formats for generated takeaways: text (terminal), json (one line per
article), md (ready to paste into a CMS). All three mark the bullets as an
unreviewed draft and name what drafted them (summarizer.disclosure): only
`export` of approved bullets may say they were reviewed."""

from __future__ import annotations

import json
import textwrap

from summarizer.disclosure import draft_label, kind_of
from summarizer.models import Result
from summarizer.text import clip

_BADGE = {"supported": "supported", "review": "REVIEW", "unsupported": "UNSUPPORTED"}


def label(result: Result) -> str:
    """The unreviewed-draft line for this result."""
    return draft_label(result.draft.provider, result.draft.model)


def to_json(result: Result) -> str:
    """The Result, preceded by what a reader must know first: not reviewed, who drafted."""
    head = {
        "reviewed": False,
        "provider": result.draft.provider,
        "drafted_by": kind_of(result.draft.provider),
        "model": result.draft.model,
        "disclosure": label(result),
    }
    return json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + "," + result.model_dump_json()[1:]


def to_markdown(result: Result) -> str:
    lines = []
    if result.article.title:
        lines += [f"## {result.article.title}", ""]
    lines += ["**Key takeaways**", ""]
    lines += [f"- {t.text}" for t in result.takeaways]
    lines += ["", f"*{label(result)}*", ""]
    return "\n".join(lines)


def _sentence_number(result: Result, start: int) -> int | None:
    for s in result.article.sentences:
        if s.start <= start < s.end:
            return s.index + 1
    return None


def to_text(result: Result, width: int = 100) -> str:
    """A terminal view: bullets with verdicts, evidence and reasons, then provenance."""
    a, d = result.article, result.draft
    out = [a.title or "(untitled)", "=" * min(len(a.title or "(untitled)"), width)]
    meta = f"{len(a.sentences)} sentences · {d.provider} ({d.model}) · {d.latency_ms / 1000:.2f} s"
    if d.usage.total_tokens or d.usage.prompt_tokens:
        meta += f" · tokens {d.usage.prompt_tokens} in / {d.usage.completion_tokens} out"
    out += [meta, label(result), ""]
    for n, t in enumerate(result.takeaways, 1):
        head = f"{n:>2}. [{_BADGE[t.verdict]} {t.score:.2f}] "
        out.append(textwrap.fill(t.text, width, initial_indent=head, subsequent_indent=" " * len(head)))
        for ev in t.evidence[:2]:
            num = _sentence_number(result, ev.start)
            snippet = clip(ev.text, 160)
            out.append(
                textwrap.fill(
                    f'evidence [{num}]: "{snippet}"', width, initial_indent="      ", subsequent_indent="        "
                )
            )
        for reason in t.reasons:
            out.append(textwrap.fill(f"! {reason}", width, initial_indent="      ", subsequent_indent="        "))
    if not result.takeaways:
        out.append("(no takeaways)")
    if a.published_takeaways:
        out += ["", "Published takeaways on the page (human-reviewed reference):"]
        out += [textwrap.fill(p, width, initial_indent="  • ", subsequent_indent="    ") for p in a.published_takeaways]
    return "\n".join(out) + "\n"
