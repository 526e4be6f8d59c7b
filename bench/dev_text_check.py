"""Find dev-article text copied into the repository.

Usage: .venv/bin/python bench/dev_text_check.py [--data DIR] [--n 8]

The dev data's README says its texts must never be copied into the project
repository (article texts are (c) their publishers). This script reads every
`source` of `../shared/data/dev/*.jsonl` (and every `highlights` entry of
cnndm-highlights-dev.jsonl), collects every run of N (default 8) consecutive
whitespace-separated words, and scans every tracked text file (`git ls-files`)
for the same runs. Only whitespace is normalised: words are compared exactly,
punctuation and case included, and a run may cross a line break.

Each hit is printed as `file:line: run` (overlapping runs in a file are merged
into one maximal run, reported at the line where it starts), followed by a
count of hits per file.

With --loose, words are also lowercased and stripped of punctuation (so a
straight apostrophe matches a curly one and "Locke's" matches "Lockes"), and
in Python files the value of every string literal is scanned as well, so a
sentence split over implicitly concatenated literals is caught too.

Exit status: 0 no hits, 1 hits found, 2 data folder missing or empty.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev"


LOOSE = False
_PUNCT = re.compile(r"[^\w]")


def split_words(text: str) -> list[str]:
    if not LOOSE:
        return text.split()
    return [w for w in (_PUNCT.sub("", t).lower() for t in text.split()) if w]


def dev_texts(data: Path):
    for path in sorted(data.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if isinstance(rec.get("source"), str):
                    yield rec["source"]
                if path.name == "cnndm-highlights-dev.jsonl":
                    for h in rec.get("highlights") or []:
                        if isinstance(h, str):
                            yield h


def ngram_set(data: Path, n: int) -> set[int]:
    grams: set[int] = set()
    seen: set[int] = set()
    for text in dev_texts(data):
        h = hash(text)
        if h in seen:  # the same article appears in several sets
            continue
        seen.add(h)
        words = split_words(text)
        for i in range(len(words) - n + 1):
            grams.add(hash(" ".join(words[i:i + n])))
    return grams


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def read_text(path: Path) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def words_with_lines(text: str) -> list[tuple[str, int]]:
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        out.extend((w, lineno) for w in split_words(line))
    return out


def string_literals(text: str) -> list[tuple[int, str]]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def scan(text: str, grams: set[int], n: int, first_line: int = 1) -> list[tuple[int, str]]:
    """Maximal runs of >= n words whose every n-word window is a dev n-gram."""
    words = [(w, ln + first_line - 1) for w, ln in words_with_lines(text)]
    starts = [i for i in range(len(words) - n + 1)
              if hash(" ".join(w for w, _ in words[i:i + n])) in grams]
    hits: list[tuple[int, str]] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and starts[j + 1] <= starts[j] + n:
            j += 1  # windows that touch or overlap belong to one run
        a, b = starts[i], starts[j] + n
        hits.append((words[a][1], " ".join(w for w, _ in words[a:b])))
        i = j + 1
    return hits


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--loose", action="store_true",
                    help="ignore case and punctuation; also scan Python string literal values")
    args = ap.parse_args(argv)
    global LOOSE
    LOOSE = args.loose
    if not args.data.is_dir() or not any(args.data.glob("*.jsonl")):
        print(f"dev data not found: {args.data}", file=sys.stderr)
        return 2
    grams = ngram_set(args.data, args.n)
    counts: dict[str, int] = {}
    for path in tracked_files():
        text = read_text(path)
        if text is None:
            continue
        rel = path.relative_to(ROOT).as_posix()
        hits = scan(text, grams, args.n)
        if LOOSE and rel.endswith(".py"):
            found = " | ".join(r for _, r in hits)
            for lineno, value in string_literals(text):
                hits += [h for h in scan(value, grams, args.n, lineno) if h[1] not in found]
        for lineno, run in sorted(set(hits)):
            counts[rel] = counts.get(rel, 0) + 1
            print(f"{rel}:{lineno}: {run}")
    if counts:
        print(f"\n{sum(counts.values())} runs of {args.n}+ dev-article words in {len(counts)} files:")
        for rel, c in sorted(counts.items()):
            print(f"  {c:4d}  {rel}")
        return 1
    print(f"no runs of {args.n}+ dev-article words in tracked files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
