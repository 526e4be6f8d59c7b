"""Load and render the prompt templates in `prompts/` (jinja2).

Templates ship as package data of `summarizer.prompts` (pyproject maps that package to
the top-level `prompts/` directory); when running from a source checkout that is not
installed, they are read from `<repo>/prompts` instead. Every draft records which
template produced it as a `PromptRef`: the template name and the sha256 of its
contents, so a prompt edit changes the batch work key and is visible in the audit.

Rendering uses `StrictUndefined` (a missing variable is an error, not an empty
string) and no autoescaping (the output is a chat message, not HTML).
"""

from __future__ import annotations

import hashlib
import importlib.resources
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from summarizer.models import Article, PromptRef

SOURCE_DIR = Path(__file__).resolve().parent.parent / "prompts"
SUMMARIZE_SYSTEM = "summarize.system.j2"
SUMMARIZE_USER = "summarize.user.j2"


def _read_template(name: str) -> str:
    try:
        return importlib.resources.files("summarizer.prompts").joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return (SOURCE_DIR / name).read_text("utf-8")


@lru_cache(maxsize=None)
def load_template(name: str) -> tuple[jinja2.Template, PromptRef]:
    """The compiled template and its PromptRef (name + sha256 of the file contents)."""
    source = _read_template(name)
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    sha = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return env.from_string(source), PromptRef(name=name, sha=sha)


def render(name: str, **variables: object) -> str:
    template, _ = load_template(name)
    return template.render(**variables).strip() + "\n"


@lru_cache(maxsize=1)
def summarize_prompt_ref() -> PromptRef:
    """One PromptRef for the summarize prompt pair: its name and one sha256.

    The sha is taken over the contents of the system and the user template (joined by
    a NUL byte), so editing either one changes it.
    """
    blob = _read_template(SUMMARIZE_SYSTEM) + "\0" + _read_template(SUMMARIZE_USER)
    return PromptRef(name="summarize", sha=hashlib.sha256(blob.encode("utf-8")).hexdigest())


def fence_for(article: Article) -> tuple[str, str]:
    """Fence lines the article text cannot close.

    The tag is derived from the article's content (its sha256 id), so the same article
    always gets the same prompt (cassettes replay byte for byte), and text written
    before the hash existed cannot contain it. If it somehow does, the tag is re-hashed
    until it does not occur anywhere in the article or its title.
    """
    seed = article.id or hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    tag = seed[:16]
    haystack = article.title + "\n" + article.text
    while tag in haystack:
        tag = hashlib.sha256(tag.encode("ascii")).hexdigest()[:16]
    return f"<<<ARTICLE {tag}>>>", f"<<<END ARTICLE {tag}>>>"


@dataclass(frozen=True)
class ChatPrompt:
    system: str
    user: str
    ref: PromptRef
    fence: tuple[str, str]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def as_printed(article: Article, index: int) -> str:
    """Sentence `index` as the page prints it: the first one with the dateline that
    ingest keeps out of every sentence span ("KYIV — Russia and ..."), since where
    the story was filed is context for the drafter (and the prompt the recordings
    were made with)."""
    s = article.sentences[index]
    return article.text[0 if index == 0 else s.start : s.end]


def summarize_messages(article: Article, n: int, exclude: Sequence[str] = ()) -> ChatPrompt:
    """The system and user messages of the summarize prompt (see DESIGN.md, wire contract).

    Sentences are numbered from 1 and flattened to one line each, so a line break in
    the article cannot fake a sentence number or a fence line.
    """
    fence_open, fence_close = fence_for(article)
    sentences = [{"number": s.index + 1, "text": _one_line(as_printed(article, s.index))} for s in article.sentences]
    common = {"n": n, "fence_open": fence_open, "fence_close": fence_close}
    system = render(SUMMARIZE_SYSTEM, sentence_count=len(sentences), **common)
    user = render(
        SUMMARIZE_USER,
        title=_one_line(article.title),
        sentences=sentences,
        exclude=[_one_line(e) for e in exclude if e.strip()],
        **common,
    )
    return ChatPrompt(system=system, user=user, ref=summarize_prompt_ref(), fence=(fence_open, fence_close))
