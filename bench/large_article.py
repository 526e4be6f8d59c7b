#!/usr/bin/env python3
"""Time and memory of one very large article through `takeaways generate`.

Data: the distinct article texts of ../shared/data/dev/*.jsonl (about 1.08 MB, read
at run time, never stored in the repository), cut into paragraphs of three sentences
and concatenated until the article reaches the size asked for. Past the first
pass over the data, each article's sentences are shuffled (seeded by the pass
number) so that no paragraph repeats: a repeated paragraph is a photo caption to
ingest and would be dropped. The result is one plain-text "article" per size.

Each size runs in its own child process (so peak RSS is that run's alone), through
the same steps as `takeaways generate FILE --provider extractive`: ingest
(decode, furniture, sentence split), the offline extractive engine (4 bullets),
the validator on every bullet (article index included) and the text rendering.
Printed per size: bytes, sentences, CPU seconds per stage (process time, so other
load on a shared machine counts less), total CPU and wall-clock seconds, peak RSS
of the child (ru_maxrss), and CPU seconds per MB relative to the smallest size
(1.0 = linear scaling; above 1 = worse than linear).

    python bench/large_article.py [--sizes 0.25 0.5 1 2] [--data DIR]
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_article(data_dir: Path, size: int) -> str:
    """A plain-text article of at least `size` bytes made of dev article texts."""
    sources: dict[str, None] = {}
    for name in sorted(glob.glob(str(data_dir / "*.jsonl"))):
        with open(name, encoding="utf-8") as fh:
            for line in fh:
                src = json.loads(line).get("source", "").strip()
                if src:
                    sources.setdefault(src, None)
    if not sources:
        sys.exit(f"bench/large_article.py: no article texts in {data_dir}/*.jsonl")
    paragraphs: list[str] = []
    n = 0
    rnd = 0
    while n < size:
        rng = random.Random(rnd)
        for src in sources:
            sentences = _SENTENCE_END.split(src)
            if rnd:
                rng.shuffle(sentences)
            for k in range(0, len(sentences), 3):
                p = " ".join(sentences[k : k + 3])
                paragraphs.append(p)
                n += len(p.encode("utf-8")) + 2
            if n >= size:
                break
        rnd += 1
    return "Headline of a very long article\n\n" + "\n\n".join(paragraphs) + "\n"


def run_one(path: str) -> dict:
    """One article through ingest, the extractive engine, the validator, rendering."""
    from summarizer.ingest import ingest_path
    from summarizer.pipeline import check_draft
    from summarizer.providers.extractive import ExtractiveProvider
    from summarizer.render import to_text

    w0 = time.perf_counter()
    t0 = time.process_time()
    article = ingest_path(path)
    t1 = time.process_time()
    draft = ExtractiveProvider().draft(article, 4)
    t2 = time.process_time()
    result = check_draft(article, draft)
    t3 = time.process_time()
    to_text(result)
    t4 = time.process_time()
    wall = time.perf_counter() - w0
    return {
        "bytes": Path(path).stat().st_size,
        "sentences": len(article.sentences),
        "bullets": len(result.takeaways),
        "ingest": t1 - t0,
        "engine": t2 - t1,
        "validate": t3 - t2,
        "render": t4 - t3,
        "total": t4 - t0,
        "wall": wall,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0], help="sizes in MB (10^6 bytes)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: measure this file
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(f"data: distinct article texts of {args.data}/*.jsonl, 3-sentence paragraphs; "
          "engine: extractive, 4 bullets; one child process per size")
    print(f"{'MB':>5} {'bytes':>9} {'sent':>6} {'ingest':>7} {'engine':>7} {'valid.':>7} {'CPU s':>7} "
          f"{'wall s':>7} {'RSS MB':>7} {'s/MB':>6} {'ratio':>6}")
    base = None
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            # stay under the 2,000,000-byte input limit for the 2 MB point
            size = min(int(mb * 1_000_000), 1_999_000)
            text = build_article(args.data, size)
            data = text.encode("utf-8")[:size]
            path = Path(tmp) / f"article-{mb}.txt"
            path.write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))
            out = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            r = json.loads(out.stdout)
            per_mb = r["total"] / (r["bytes"] / 1e6)
            base = base or per_mb
            print(f"{mb:>5} {r['bytes']:>9} {r['sentences']:>6} {r['ingest']:>7.2f} {r['engine']:>7.2f} "
                  f"{r['validate']:>7.2f} {r['total']:>7.2f} {r['wall']:>7.2f} {r['peak_rss_mb']:>7.0f} "
                  f"{per_mb:>6.2f} {per_mb / base:>6.2f}")
    print("stages in CPU seconds; ratio = CPU s per MB / CPU s per MB of the first size (1.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
