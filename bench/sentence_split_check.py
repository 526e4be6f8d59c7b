"""Check that the sentence splitter's shortcut tokenizer changes nothing.

Usage (from the repository root):

    /work/main/.venv/bin/python bench/sentence_split_check.py [--data DIR]

`summarizer.ingest.sentences` feeds syntok's segmenter from a tokenizer with a
shortcut for plain words (`_Tokenizer`), does not run the segmenter at all on
a chunk that has no character it could split at (`_single_span`, `FAST_SINGLE`),
and otherwise segments with `ingest/segment.py` (syntok's decisions over token
lists, `FAST_SEGMENT`) instead of syntok's state objects.
This script runs the shortcuts and syntok's own `analyze()` on every distinct text
it can find: the sources, summaries and bullets of the dev data
(`../shared/data/dev/*.jsonl`), each sentence and each paragraph of the dev sources
on its own (the chunks the one-sentence shortcut sees most), the article files
under `seeds/` and `tests/` (raw, and as ingested), and the Python string literals
of the test files (the tests' articles and claims), and compares:

* the token streams (value, spacing and offset of every token, per paragraph), and
* `split_spans(text)` and `split_claims(text)` (the offsets users see).

It prints the counts and exits 1 on the first difference it reports.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import syntok.segmenter as syntok_segmenter  # noqa: E402
from syntok.tokenizer import Tokenizer  # noqa: E402

from summarizer.ingest import sentences  # noqa: E402
from summarizer.validate.claims import split_claims  # noqa: E402


def texts(data: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"dev sources": set(), "dev source sentences and paragraphs": set(),
                                "dev summaries and bullets": set(),
                                "seeds/tests article files": set(), "test string literals": set()}
    for path in sorted(data.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            for key in ("source", "article", "text"):
                if isinstance(rec.get(key), str):
                    out["dev sources"].add(rec[key])
            for key in ("summary", "highlights", "reference"):
                if isinstance(rec.get(key), str):
                    out["dev summaries and bullets"].add(rec[key])
            for key in ("bullets", "takeaways"):
                if isinstance(rec.get(key), list):
                    out["dev summaries and bullets"].update(b for b in rec[key] if isinstance(b, str))
    from summarizer.ingest import ingest_path  # noqa: PLC0415

    for src in out["dev sources"]:
        out["dev source sentences and paragraphs"].update(src[a:b] for a, b in sentences.split_spans(src))
        out["dev source sentences and paragraphs"].update(p for p in src.split("\n\n") if p.strip())

    for folder in ("seeds", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".txt", ".md", ".html", ".htm") and path.is_file():
                out["seeds/tests article files"].add(path.read_text(encoding="utf-8", errors="replace"))
                try:
                    out["seeds/tests article files"].add(ingest_path(path).text)
                except Exception:  # noqa: BLE001 (some test files are meant to fail ingest)
                    pass
            elif path.suffix == ".py":
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                        out["test string literals"].add(node.value)
    return out


def _tokens(tok, text: str) -> list[tuple[str, str, int]]:
    return [(t.spacing, t.value, t.offset) for off, para in syntok_segmenter.preprocess_with_offsets(text)
            for t in tok.tokenize(para, off)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    args = ap.parse_args(argv)
    old_tok, new_tok = Tokenizer(replace_not_contraction=False), sentences._Tokenizer(replace_not_contraction=False)
    total = bad = 0
    single = [0, 0]  # chunks seen, chunks the one-sentence shortcut took
    real_single = sentences._single_span

    def counted(chunk):
        out = real_single(chunk)
        if sentences.FAST_SINGLE:
            single[0] += 1
            single[1] += out is not None
        return out

    sentences._single_span = counted
    for kind, group in texts(args.data).items():
        same = 0
        for text in sorted(group):
            sentences.FAST_TOKENIZER = sentences.FAST_SINGLE = sentences.FAST_SEGMENT = False
            old = (_tokens(old_tok, text), sentences.split_spans(text), split_claims(text))
            sentences.FAST_TOKENIZER = sentences.FAST_SINGLE = sentences.FAST_SEGMENT = True
            new = (_tokens(new_tok, text), sentences.split_spans(text), split_claims(text))
            if old == new:
                same += 1
            else:
                bad += 1
                what = [name for name, a, b in zip(("tokens", "split_spans", "split_claims"), old, new) if a != b]
                print(f"DIFFERENT ({', '.join(what)}): {text[:120]!r}")
        total += len(group)
        print(f"{kind}: {same}/{len(group)} distinct texts identical (tokens, sentence spans, claims)")
    print(f"all: {total - bad}/{total} identical; the one-sentence shortcut took {single[1]}/{single[0]} "
          "chunks (paragraphs or list items) without running syntok")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
