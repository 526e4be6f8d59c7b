"""`takeaways validate`: check summaries or bullet lists against their sources.

Two forms:

* `--input pairs.jsonl [--output verdicts.jsonl]`: one record per line,
  `{"id", "source", "summary"}` or `{"id", "source", "bullets": [str]}`; one verdict
  record per input line, in order. A malformed line is reported on stderr with its
  line number and skipped; the rest is processed (exit 2 at the end if any was bad).
* `ARTICLE --bullets FILE`: an article file (txt, md, html, `-`) and a file with one
  bullet per line (leading "-", "*", "•" or "1." markers are dropped); prints each
  bullet's verdict and reasons, or the same JSON record with `--format json`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from summarizer.fileio import atomic_write
from summarizer.errors import InputError
from summarizer.ingest import ingest_path, plain_article
from summarizer.ingest.language import warn_if_not_english
from summarizer.judge import add_judge_arguments, make_judge, report_failures, settings_from_args
from summarizer.models import VERDICT_ORDER, Article, Check, CheckResult, Takeaway
from summarizer.text import clip
from summarizer.validate import check_claim, split_claims, validate_takeaways, with_judge
from summarizer.validate.claims import BULLET_MARK
from summarizer.validate.heap import frozen_builds
from summarizer.validate.index import ArticleIndex, article_index, keep_index


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check summaries or bullets against their source text",
                       description="Check every claim of a summary (or every bullet) against its source: "
                                   "verdict, support score, evidence and unsupported spans.")
    p.add_argument("article", nargs="?", metavar="ARTICLE", help="article file, with --bullets")
    p.add_argument("--bullets", metavar="FILE", help="file with one bullet per line (with ARTICLE)")
    p.add_argument("--input", metavar="JSONL", help="records {id, source, summary | bullets}")
    p.add_argument("--output", metavar="JSONL", help="write verdict records here (default: stdout)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="output for the ARTICLE --bullets form (default text)")
    add_judge_arguments(p)
    p.set_defaults(func=cmd_validate)


def _claim_record(text: str, start: int, end: int, check: Check) -> dict[str, Any]:
    return {
        "text": text,
        "start": start,
        "end": end,
        "verdict": check.verdict,
        "score": check.score,
        "evidence": [[s.start, s.end] for s in check.evidence],
        "unsupported_spans": [[s.start, s.end] for s in check.unsupported_spans],
        "reasons": check.reasons,
        "checks": [_result_record(c) for c in check.checks],
    }


# CheckResult's fields in order; while they are these, a result without `detail`
# (every lexical check) is written as the dict `model_dump` gives, built here:
# `model_dump` per result (~10 per claim, 7,000 on cliff-val) took about twice as long.
# A judge's result (`detail` set) still goes through `model_dump`. False: always it.
_RESULT_FIELDS = ("name", "passed", "message", "spans", "severity", "detail")
FAST_RESULTS = tuple(CheckResult.model_fields) == _RESULT_FIELDS


def _result_record(c: CheckResult) -> dict[str, Any]:
    """`c.model_dump()` (same keys, order and values)."""
    if not FAST_RESULTS or c.detail is not None:
        return c.model_dump()
    return {"name": c.name, "passed": c.passed, "message": c.message, "spans": list(c.spans),
            "severity": c.severity, "detail": None}


def _record(rid: Any, claims: list[dict[str, Any]], summary_spans: list[list[int]]) -> dict[str, Any]:
    if claims:
        verdict = max((c["verdict"] for c in claims), key=VERDICT_ORDER.__getitem__)
        score = min(c["score"] for c in claims)
    else:
        verdict, score = "supported", 1.0
    return {"id": rid, "verdict": verdict, "score": score, "unsupported_spans": summary_spans, "claims": claims}


# False: every claim is checked, even one already checked against the same source
MEMO_CLAIMS = True


def validate_summary(rid: Any, article: Article, summary: str, judge: Any = None,
                     memo: dict[str, Check] | None = None) -> dict[str, Any]:
    """A summary's claims are its sentences (or bullet lines); spans shift into `summary`.
    With a `judge`, its second opinion is added after the lexical checks.

    `memo` (claim text -> its lexical Check, for this `article` only) lets a batch
    check a sentence once per source: benchmark files give one article several
    systems' summaries, and edited copies of one summary (SummEdits) share most
    sentences (1,716 claims, 1,370 distinct). `check_claim` reads nothing but the
    article and the text, so a repeat gets the same Check; nothing changes a
    Check afterwards (`_claim_record` reads it; a judge makes new ones, and no memo
    is used with a judge)."""
    parts = split_claims(summary)
    if memo is None or judge is not None or not MEMO_CLAIMS:
        checks = [check_claim(article, c.text, form=False) for c in parts]
    else:
        checks = []
        for c in parts:
            hit = memo.get(c.text)
            if hit is None:
                hit = memo[c.text] = check_claim(article, c.text, form=False)
            checks.append(hit)
    checks, _ = with_judge(article, [c.text for c in parts], checks, judge)
    claims, spans = [], []
    for c, check in zip(parts, checks):
        claims.append(_claim_record(c.text, c.start, c.end, check))
        spans += [[c.start + s.start, c.start + s.end] for s in check.unsupported_spans]
    report_failures(checks, f"record {rid}")
    return _record(rid, claims, spans)


def validate_bullets(rid: Any, article: Article, bullets: list[str], judge: Any = None) -> dict[str, Any]:
    """Bullets are checked as takeaways (style and duplicate rules apply); a claim's
    start/end are offsets into its own bullet, so the record's spans stay empty."""
    checks = validate_takeaways(article, [Takeaway(text=b) for b in bullets])
    checks, _ = with_judge(article, bullets, checks, judge)
    report_failures(checks, str(rid))
    return _record(rid, [_claim_record(b, 0, len(b), c) for b, c in zip(bullets, checks)], [])


def _judge(args: argparse.Namespace) -> Any:
    config = settings_from_args(args)
    return make_judge(config) if config else None


def _parse_line(line: str) -> tuple[Any, str, str | None, list[str] | None]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(rec, dict):
        raise ValueError("not a JSON object")
    if "id" not in rec:
        raise ValueError("no 'id'")
    source = rec.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ValueError("'source' must be a non-empty string")
    summary, bullets = rec.get("summary"), rec.get("bullets")
    if (summary is None) == (bullets is None):
        raise ValueError("needs exactly one of 'summary' or 'bullets'")
    if summary is not None and not isinstance(summary, str):
        raise ValueError("'summary' must be a string")
    if bullets is not None and not (isinstance(bullets, list) and all(isinstance(b, str) for b in bullets)):
        raise ValueError("'bullets' must be a list of strings")
    return rec["id"], source, summary, bullets


ARTICLE_CACHE = 256  # distinct sources kept at once, each with its index


def _next_uses(sources: list[str | None]) -> list[float]:
    """For each line, the line number where its source comes next (inf: never again)."""
    out: list[float] = [float("inf")] * len(sources)
    seen: dict[str, int] = {}
    for i in range(len(sources) - 1, -1, -1):
        src = sources[i]
        if src is not None:
            out[i] = seen.get(src, float("inf"))
            seen[src] = i
    return out


def _run_jsonl(args: argparse.Namespace) -> int:
    path = Path(args.input)
    if not path.is_file():
        raise InputError(f"{args.input}: no such file")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{args.input}: cannot read ({exc})") from None
    out_lines: list[str] = []
    bad = 0
    judge = _judge(args)
    parsed: list[tuple | ValueError | None] = []
    for line in lines:
        if not line.strip():
            parsed.append(None)
            continue
        try:
            parsed.append(_parse_line(line))
        except ValueError as exc:
            parsed.append(exc)
    # benchmark files repeat sources (one article, many systems' summaries), not always
    # on adjacent lines (CLIFF: two systems' blocks, 150 lines apart): split and index
    # each distinct source once and keep it until its last record; when more than
    # ARTICLE_CACHE are pending, drop the one needed again latest (fewest rebuilds)
    next_use = _next_uses([p[1] if isinstance(p, tuple) else None for p in parsed])
    articles: dict[str, tuple[Article, ArticleIndex, float, dict[str, Check]]] = {}
    # each built index is frozen out of the cyclic collector's walks (validate/heap.py)
    with frozen_builds() as heap:
        for i, item in enumerate(parsed):
            n = i + 1
            if item is None:
                continue
            if isinstance(item, ValueError):
                print(f"takeaways: {args.input}:{n}: skipped: {item}", file=sys.stderr)
                bad += 1
                continue
            rid, source, summary, bullets = item
            kept = articles.get(source)
            if kept is None:
                with heap.building():  # many objects, none cyclic, kept for a while
                    article = plain_article(source)
                    idx = article_index(article)
                warn_if_not_english(f"{args.input}:{n}", article.metadata)
                memo: dict[str, Check] = {}
            else:
                article, idx, _, memo = kept
                keep_index(idx)  # the validator's own cache holds fewer articles
            if next_use[i] == float("inf"):
                articles.pop(source, None)
            else:
                articles[source] = (article, idx, next_use[i], memo)
                if len(articles) > ARTICLE_CACHE:
                    articles.pop(max(articles, key=lambda k: articles[k][2]))
            rec = (validate_summary(rid, article, summary, judge, memo) if summary is not None
                   else validate_bullets(rid, article, bullets, judge))
            text = json.dumps(rec, ensure_ascii=False)
            if args.output:
                out_lines.append(text)
            else:
                sys.stdout.write(text + "\n")
    if args.output:
        _write_atomic(Path(args.output), "".join(t + "\n" for t in out_lines))
    return 2 if bad else 0


def _write_atomic(path: Path, data: str) -> None:
    """Write the output file atomically; a missing folder is the user's to fix."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: no such folder")
    atomic_write(path, data)


def _read_bullets(name: str) -> list[str]:
    p = Path(name)
    if not p.is_file():
        raise InputError(f"{name}: no such file")
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: cannot read ({exc})") from None
    bullets = []
    for line in raw.splitlines():
        m = BULLET_MARK.match(line)
        text = line[m.end():] if m else line
        if text.strip():
            bullets.append(text.strip())
    if not bullets:
        raise InputError(f"{name}: no bullets (one per line)")
    return bullets


def _run_bullets(args: argparse.Namespace) -> int:
    bullets = _read_bullets(args.bullets)
    judge = _judge(args)
    article = ingest_path(args.article)
    warn_if_not_english(args.article, article.metadata)
    rec = validate_bullets(args.article, article, bullets, judge)
    if args.format == "json" or args.output:
        text = json.dumps(rec, ensure_ascii=False) + "\n"
        if args.output:
            _write_atomic(Path(args.output), text)
        else:
            sys.stdout.write(text)
        return 0
    for k, c in enumerate(rec["claims"], start=1):
        sys.stdout.write(f"{k}. [{c['verdict']} {c['score']:.2f}] {c['text']}\n")
        for s, e in c["evidence"]:
            sys.stdout.write(f'     evidence: "{clip(article.text[s:e], 160)}"\n')
        for reason in c["reasons"]:
            sys.stdout.write(f"     - {reason}\n")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    if args.input and (args.article or args.bullets):
        raise InputError("give either --input JSONL or ARTICLE --bullets FILE, not both")
    if args.input:
        return _run_jsonl(args)
    if args.article and args.bullets:
        return _run_bullets(args)
    raise InputError("validate needs --input JSONL, or ARTICLE --bullets FILE")
