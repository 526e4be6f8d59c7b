"""Benchmark the desk: many editors deciding on one PostgreSQL store at once.

    python bench/desk.py [--store postgresql://...] [--articles 5000] [--editors 20]
                         [--duration 60] [--unique 100] [--seed 7]

Without --store it starts a throwaway PostgreSQL server (tests/pgserver.py, with the
server's default durability: fsync on) on 127.0.0.1 and removes it afterwards.

The store: --unique news articles from ../shared/data/dev/cnndm-highlights-dev.jsonl
drafted by the offline extractive engine and checked by the real validator, each
stored under --articles / --unique distinct ids (same text, new id), 4 bullets each.

Each editor is its own process running the headless review core (ReviewSession on
a PostgresStore with a pool of 2), not the TUI: load the pending queue, open one of
its 50 oldest articles at random (so editors collide, as a desk working the top of
the queue does), and decide every pending bullet in turn: approve 70%, reject 20%,
edit 10% (the edit is revalidated by the real validator, as in the app). A
conflict (someone changed the bullet since it was loaded) reloads the article, as
the app does. No think time: this is the desk under load, not a typing speed.

It prints decisions per second, p50/p95/p99 latency of one decision (the guarded
UPDATE + audit INSERT transaction, and the edit's revalidation for edits), of the
queue load and of an article load, conflicts detected, and a count check: the
decisions the editors saw succeed == rows in `decisions` == sum over bullets of
(version - 1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.pipeline import run  # noqa: E402
from summarizer.providers.extractive import ExtractiveProvider  # noqa: E402
from summarizer.review import Conflict, ReviewSession  # noqa: E402
from summarizer.store import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl"
TOP = 50


def build(url: str, articles: int, unique: int) -> float:
    """Fill the store; returns seconds spent writing it."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    provider = ExtractiveProvider()
    results = []
    for line in lines:
        row = json.loads(line)
        text = row.get("source") or ""
        if len(text.split()) < 150:
            continue
        result = run(plain_article(text), provider, 4)
        if len(result.takeaways) == 4:
            results.append(result)
        if len(results) == unique:
            break
    start = time.perf_counter()
    with Store(url) as store:
        with store.transaction():
            for i in range(articles):
                base = results[i % len(results)]
                copy_id = hashlib.sha256(f"{base.article.id}:{i}".encode()).hexdigest()
                store.save_result(base.model_copy(update={"article": base.article.model_copy(update={"id": copy_id})}))
    return time.perf_counter() - start


def editor(url: str, name: str, duration: float, seed: int, start: "mp.Barrier", out: mp.Queue) -> None:
    """One editor process: connect, wait for the others, then decide until time is up."""
    rng = random.Random(seed)
    from summarizer.store.postgres import PostgresStore

    store = PostgresStore(url, pool_max=2)
    session = ReviewSession(store, name)
    start.wait()  # every editor connected: the clock starts for all at once
    deadline = time.time() + duration
    decide_ms: list[float] = []  # approve / reject (and the conflicts they hit)
    edit_ms: list[float] = []  # edit: revalidation by the real validator + the write
    queue_ms: list[float] = []
    open_ms: list[float] = []
    done = conflicts = 0
    try:
        while time.time() < deadline:
            t = time.perf_counter()
            rows = session.queue("pending")
            queue_ms.append((time.perf_counter() - t) * 1000)
            if not rows:
                break
            article = rng.choice(rows[:TOP]).article_id
            t = time.perf_counter()
            bullets = session.bullets(article)
            open_ms.append((time.perf_counter() - t) * 1000)
            i = 0
            while i < len(bullets) and time.time() < deadline:
                b = bullets[i]
                if b.status != "pending":
                    i += 1
                    continue
                roll = rng.random()
                timings = decide_ms if roll < 0.9 else edit_ms
                t = time.perf_counter()
                try:
                    if roll < 0.7:
                        session.approve(b, note="bench" if b.verdict == "unsupported" else None)
                    elif roll < 0.9:
                        session.reject(b)
                    else:
                        session.edit(b, b.text.rstrip(".") + ", officials said.")
                    done += 1
                    i += 1
                except Conflict:
                    conflicts += 1
                    bullets = session.bullets(article)  # reload, as the app does
                finally:
                    timings.append((time.perf_counter() - t) * 1000)
    finally:
        store.close()
        out.put({"name": name, "done": done, "conflicts": conflicts, "decide_ms": decide_ms, "edit_ms": edit_ms,
                 "queue_ms": queue_ms, "open_ms": open_ms})


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", help="postgresql:// URL of an EMPTY database (default: start a temp server)")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--unique", type=int, default=100)
    ap.add_argument("--editors", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of editing (default 60)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    server = None
    url = args.store
    if url is None:
        from tests.pgserver import PgServer

        server = PgServer(durable=True).start()
        url = server.create_db("bench")
    try:
        print(f"store: {args.articles} articles ({args.unique} distinct cnndm dev texts, extractive engine, "
              f"4 bullets each) on PostgreSQL {'(temp server, fsync on)' if server else url}")
        t = time.perf_counter()
        write_s = build(url, args.articles, args.unique)
        print(f"built in {time.perf_counter() - t:.1f} s (store writes {write_s:.1f} s, one transaction)")
        with Store(url) as store:
            before = int(store.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0])

        ctx = mp.get_context("spawn")
        out: mp.Queue = ctx.Queue()
        start = ctx.Barrier(args.editors + 1)
        procs = [ctx.Process(target=editor, args=(url, f"editor{i:02d}", args.duration, args.seed + i, start, out))
                 for i in range(args.editors)]
        for p in procs:
            p.start()
        start.wait(timeout=300)
        reports = [out.get(timeout=args.duration + 120) for _ in procs]
        for p in procs:
            p.join(30)
        elapsed = args.duration  # no action starts after it (the last ones may end just after)

        with Store(url) as store:
            rows = int(store.conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]) - before
            versions = int(store.conn.execute("SELECT COALESCE(SUM(version - 1), 0) FROM takeaways").fetchone()[0])
            by_action = {r[0]: int(r[1]) for r in store.conn.execute(
                "SELECT action, COUNT(*) FROM decisions GROUP BY action ORDER BY action")}
        done = sum(r["done"] for r in reports)
        conflicts = sum(r["conflicts"] for r in reports)
        decide = [x for r in reports for x in r["decide_ms"]]
        edits = [x for r in reports for x in r["edit_ms"]]
        queue = [x for r in reports for x in r["queue_ms"]]
        opened = [x for r in reports for x in r["open_ms"]]
        print(f"{args.editors} editors (one process each) for {args.duration:.0f} s on a 2-core machine shared "
              f"with other jobs")
        print(f"decisions: {done} succeeded ({done / elapsed:.1f}/s), {by_action}; conflicts detected: {conflicts}")
        print(f"decision latency ms: p50 {pct(decide, 50):.1f}  p95 {pct(decide, 95):.1f}  "
              f"p99 {pct(decide, 99):.1f}  (approve/reject, n={len(decide)}, conflicts included)")
        print(f"edit latency ms: p50 {pct(edits, 50):.1f}  p95 {pct(edits, 95):.1f}  (revalidation + write, "
              f"n={len(edits)})")
        print(f"queue load ms ({args.articles} articles, one aggregate query): p50 {pct(queue, 50):.1f}  "
              f"p95 {pct(queue, 95):.1f}  (n={len(queue)})")
        print(f"article load ms: p50 {pct(opened, 50):.1f}  p95 {pct(opened, 95):.1f}  (n={len(opened)})")
        ok = done == rows == versions
        print(f"count check: editors saw {done} succeed; decisions rows {rows}; sum(version-1) {versions}: "
              f"{'OK, no decision lost' if ok else 'MISMATCH'}")
        return 0 if ok else 1
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
