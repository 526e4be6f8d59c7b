"""Ingest: an article file (txt, md, html) or text into a clean `Article`.

The clean text holds the body paragraphs only, separated by blank lines; the
headline, the page's own takeaways, subheads, credits and dateline go to fields and
metadata. Sentence offsets point into the clean text and never change afterwards.

A dateline ("SEATTLE, Jan 14 (Wire) - ") stays in the text, as printed, but in no
sentence: the first sentence starts after it, so neither a drafter reading sentences
nor the validator's evidence treats the dateline as part of the story's first claim.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from summarizer.errors import InputError
from summarizer.ingest.decode import MAX_INPUT_BYTES, decode_bytes
from summarizer.ingest.formats import html_to_text, looks_like_html, markdown_to_text
from summarizer.ingest.furniture import DATELINE, extract_page
from summarizer.ingest.language import detect_language
from summarizer.ingest.sentences import split_sentences
from summarizer.models import Article

__all__ = ["MAX_INPUT_BYTES", "article_from_text", "ingest_path", "ingest_text", "plain_article"]


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plain_article(text: str, title: str = "", metadata: dict | None = None) -> Article:
    """An Article from text taken as it is (no furniture removal): for evaluation
    pairs and JSONL inputs whose text is already the clean body."""
    text = _normalise(text).strip()
    return Article(
        id=article_id(text),
        title=title,
        text=text,
        sentences=split_sentences(text),
        metadata={"language": detect_language(text), **(metadata or {})},
    )


def article_from_text(raw: str, name: str = "<text>", fmt: str = "auto", title: str = "") -> Article:
    """Clean a scraped page or document given as text. fmt: auto|txt|md|html."""
    raw = _normalise(raw)
    if fmt == "auto":
        fmt = "html" if looks_like_html(raw) else "txt"
    title_hint = title
    author = ""
    if fmt == "html":
        html_title, author, raw = html_to_text(raw)
        title_hint = title_hint or html_title
    elif fmt == "md":
        md_title, raw = markdown_to_text(raw)
        title_hint = title_hint or md_title
    page = extract_page(raw, title_hint=title_hint)
    if not page.paragraphs:
        raise InputError(f"{name}: no article body found (no paragraph of running prose)")
    text = "\n\n".join(page.paragraphs)
    dateline = DATELINE.match(text) if page.dateline else None
    metadata = {
        "source": name,
        "format": fmt,
        "dateline": page.dateline,
        "byline": page.byline or (f"By {author}" if author else ""),
        "subheads": page.subheads,
        "credits": page.credits,
        "language": detect_language(text),  # "" when too short to tell
    }
    return Article(
        id=article_id(text),
        title=page.title,
        text=text,
        sentences=split_sentences(text, start=dateline.end() if dateline else 0),
        published_takeaways=page.published_takeaways,
        metadata=metadata,
    )


def ingest_text(raw: str, name: str = "<text>", fmt: str = "auto") -> Article:
    if not raw.strip():
        raise InputError(f"{name}: input is empty")
    return article_from_text(raw, name=name, fmt=fmt)


_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}


def ingest_path(path: str | Path) -> Article:
    """Read and clean one article file; `-` reads standard input."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return ingest_text(decode_bytes(data, "<stdin>"), name="<stdin>")
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory (give article files, or use `takeaways batch`)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    text = decode_bytes(data, name)
    fmt = _FORMATS.get(p.suffix.lower(), "auto")
    if fmt == "txt" and looks_like_html(text):
        fmt = "html"
    return ingest_text(text, name=name, fmt=fmt)

