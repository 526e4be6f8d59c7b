"""Markup formats to plain paragraphs: HTML via trafilatura, Markdown by rules.

Both produce blank-line separated blocks so that one furniture pass serves all
formats. Bullet lists are kept as "- item" lines so a takeaways block survives.
"""

from __future__ import annotations

import re
from html import unescape

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def markdown_to_text(text: str) -> tuple[str, str]:
    """Return (title, text) with Markdown syntax removed; headings become own blocks."""
    title = ""
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _MD_HEADING.match(line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPH.sub(r"\2", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        if heading:
            text_ = _MD_EMPH.sub(r"\2", _MD_LINK.sub(r"\1", heading.group(2)))
            if not title and heading.group(1) == "#":
                title = text_
                continue
            out += ["", text_, ""]
            continue
        out.append(line)
    return title, "\n".join(out)


def _author_as_printed(html: str, author: str) -> str:
    """trafilatura splits a byline at commas and joins the parts with "; " ("Maria
    Delgado, Staff Writer" -> "Maria Delgado; Staff Writer"). Give back the wording
    the page prints, punctuation included; if the page does not print it (author
    only in a <meta> tag), join the parts with commas."""
    parts = [p.strip() for p in author.split(";") if p.strip()]
    if len(parts) < 2:
        return author
    visible = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", html)))
    printed = re.search(r"\s*(?:[,;&]|\band\b)?\s*".join(re.escape(p) for p in parts), visible)
    return printed.group(0) if printed else ", ".join(parts)


def html_to_text(html: str) -> tuple[str, str, str]:
    """Return (title, author, text) of an HTML page's main content, via trafilatura."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    title = author = ""
    try:
        meta = trafilatura.extract_metadata(html)
        if meta is not None:
            title, author = meta.title or "", _author_as_printed(html, meta.author or "")
    except Exception:  # noqa: BLE001 - metadata is optional; extraction decides
        title = author = ""
    body = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not body:
        return title, author, ""
    # trafilatura separates paragraphs with single newlines; make them blocks, but
    # keep consecutive list items together under their heading.
    lines = body.split("\n")
    blocks: list[str] = []
    for line in lines:
        if line.lstrip().startswith(("- ", "• ")) and blocks and (
            blocks[-1].lstrip().startswith(("- ", "• ")) or len(blocks[-1].split()) <= 6
        ):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return title, author, "\n\n".join(blocks)
