"""Benchmark the review TUI: time to first paint and key-to-repaint latency.

    python bench/tui.py [--articles 5000] [--words 10000] [--repeat 5]

What it builds (in a temp dir, deterministic, seed 7):
* a store of N synthetic articles (8 sentences each, 4 bullets each; bullet checks
  are synthetic "supported" with the source sentence as evidence, so the numbers
  measure the UI and the store, not the validator);
* one synthetic article of W words with 4 bullets checked by the real validator.

What it measures, headless (`App.run_test()`, the same code path as a terminal
minus the tty writes), each the median of --repeat runs:
* queue first paint: app start until the queue of N articles is drawn and idle;
* article first paint: Enter on the long article until its review screen is idle
  (and the same for a short article, to show what length costs; and `n` to the next
  article once the review screen exists);
* an unbound key: what the harness itself costs per key;
* approve: `a` until the store write and the repaint are done and the app is idle;
* edit keystroke: one character typed in edit mode until repainted and idle
  (revalidation runs later, debounced, in a worker; its cost is reported apart as
  one `check_claim` call on the long article).
Pilot waits for the app to go idle after each key, so these are upper bounds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_tui.app import ReviewApp  # noqa: E402
from review_tui.screens import ReviewScreen  # noqa: E402
from summarizer.ingest import plain_article  # noqa: E402
from summarizer.models import Check, CheckedTakeaway, Draft, Result, Span, Takeaway  # noqa: E402
from summarizer.pipeline import check_draft  # noqa: E402
from summarizer.store import Store  # noqa: E402

WORDS = ("council harbour bridge minister budget river school hospital police court election "
         "farmers market energy prices rail strike museum storm flood airport ferry teachers "
         "nurses taxes housing water report").split()
SIZE = (160, 48)


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + f" in {rng.randint(1990, 2030)}."


def synthetic_result(rng: random.Random, i: int) -> Result:
    paras = [sentence(rng, rng.randint(10, 18)) for _ in range(8)]
    article = plain_article("\n\n".join(paras), title=f"Synthetic article {i:05d}: {paras[0][:40]}")
    bullets = []
    for k in range(4):
        s = article.sentences[min(k, len(article.sentences) - 1)]
        text = article.text[s.start:s.end]
        check = Check(verdict="supported", score=1.0, evidence=[Span(start=s.start, end=s.end, text=text)])
        bullets.append(CheckedTakeaway.join(Takeaway(text=text, sources=[s.index]), check))
    return Result(article=article, draft=Draft(provider="bench", model="synthetic", takeaways=[]),
                  takeaways=bullets)


def long_result(rng: random.Random, words: int) -> tuple[Result, float]:
    paras, count = [], 0
    while count < words:
        para = " ".join(sentence(rng, rng.randint(12, 25)) for _ in range(4))
        paras.append(para)
        count += len(para.split())
    article = plain_article("\n\n".join(paras), title=f"A {count}-word synthetic article")
    picks = [0, len(article.sentences) // 3, 2 * len(article.sentences) // 3, len(article.sentences) - 1]
    takeaways = [Takeaway(text=article.sentence_text(i), sources=[i]) for i in picks]
    started = time.perf_counter()
    result = check_draft(article, Draft(provider="bench", model="synthetic", takeaways=takeaways))
    per_check = (time.perf_counter() - started) / len(takeaways)
    return result, per_check


def build(path: Path, n: int, words: int) -> float:
    rng = random.Random(7)
    long, per_check = long_result(rng, words)
    with Store(path) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # building only; the app uses the default
        store.save_result(long)  # oldest: first in the queue
        for i in range(n - 1):
            store.save_result(synthetic_result(rng, i))
    return per_check


class Clock:
    """Wall time and this process's CPU time together: on a shared machine the wall
    figure includes waiting for a core, the CPU figure is what the app itself spent."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


async def measure(path: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in (
        "queue", "article", "short", "next", "approve", "noop", "edit_key")}
    for _ in range(repeat):
        started = Clock()
        app = ReviewApp(path, reviewer="bench", queue="all")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            out["queue"].append(started.lap())
            started = Clock()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            out["article"].append(started.lap())
            started = Clock()
            await pilot.press("z")  # bound to nothing here: the harness's own floor
            await pilot.pause()
            out["noop"].append(started.lap())
            started = Clock()
            await pilot.press("a")
            await pilot.pause()
            out["approve"].append(started.lap())
            await pilot.press("u")  # leave the store as it was for the next round
            await pilot.press("e")
            await pilot.pause()
            started = Clock()
            await pilot.press("z")
            await pilot.pause()
            out["edit_key"].append(started.lap())
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            started = Clock()
            await pilot.press("n")  # the next article (short), on the already built screen
            await pilot.pause()
            out["next"].append(started.lap())
        # the same first opening as above, but of a short article: what length costs
        app = ReviewApp(path, reviewer="bench", queue="all")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("down")
            await pilot.pause()
            started = Clock()
            await pilot.press("enter")
            await pilot.pause()
            out["short"].append(started.lap())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--words", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        per_check = build(path, args.articles, args.words)
        print(f"built store: {args.articles} articles (1 of {args.words}+ words), 4 bullets each, "
              f"in {time.perf_counter() - t:.1f} s")
        results = asyncio.run(measure(path, args.repeat))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"terminal {SIZE[0]}x{SIZE[1]}, headless run_test, median of {args.repeat} "
          f"(min-max); cpus={os.cpu_count()}, load average {load:.1f}")
    labels = {
        "queue": f"queue first paint, {args.articles} articles",
        "article": f"first article opened, {args.words}-word",
        "short": "first article opened, ~120-word",
        "next": "n: next article (~120-word), screen reused",
        "approve": "approve key to repaint",
        "edit_key": "edit-mode keystroke to repaint",
        "noop": "unbound key (pilot's own floor)",
    }
    print(f"  {'':<44} {'wall ms':>9} {'(min-max)':>15} {'cpu ms':>8}")
    for key, label in labels.items():
        wall = [w * 1000 for w, _ in results[key]]
        cpu = [c * 1000 for _, c in results[key]]
        print(f"  {label:<44} {statistics.median(wall):9.1f} {f'({min(wall):.0f}-{max(wall):.0f})':>15} "
              f"{statistics.median(cpu):8.1f}")
    print(f"  {'validator check_claim on the long article':<44} {per_check * 1000:9.1f} "
          "(runs debounced in a worker while editing)")


if __name__ == "__main__":
    main()
