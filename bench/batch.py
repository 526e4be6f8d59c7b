"""Benchmark `takeaways batch` against a local OpenAI-compatible server with faults.

What it does (everything on 127.0.0.1, in a temporary folder, bounded in time):

1. Writes N synthetic news-like articles (templates; with --realistic, sentences of
   ../shared/data/dev/cnndm-highlights-dev.jsonl read at run time and shuffled into
   new articles) plus four bad inputs: empty, binary, huge, non-UTF-8.
2. Starts the fake server (tests/batch/batch_fake_openai.py): fixed latency per
   request, some first attempts answered 429 (Retry-After 200 ms) or 5xx.
3. Runs the real CLI (`python -m summarizer batch ... --provider openai`) at the
   given concurrency and prints: wall time against the ideal N*latency/concurrency,
   the peak concurrency the server saw, requests per article, the CLI's own CPU
   time per article, and the bad inputs as reported.
4. Kills a second run with SIGKILL part-way, resumes it, and counts articles asked
   more than once and results written more than once.
5. Runs the offline engine over the same articles with 1 and 2 worker processes.

    /work/venv/bin/python bench/batch.py            # 500 articles, concurrency 16
    /work/venv/bin/python bench/batch.py -n 100 --concurrency 8 --realistic
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "batch"))
sys.path.insert(0, str(ROOT))

from batch_fake_openai import FakeOpenAI  # noqa: E402
from batch_helpers import synthetic_article  # noqa: E402

# ../shared beside the checkout (/work/main), or two levels up from a worktree (/work/wt/x)
DEV = next((base / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl" for base in (ROOT.parent, ROOT.parent.parent)
            if (base / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl").exists()),
           ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")


def realistic_articles(n: int, seed: int = 0) -> list[str]:
    """New articles made of shuffled real news sentences (read at run time, not stored)."""
    from summarizer.ingest.sentences import split_sentences

    pool: list[str] = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["source"]
        pool += [text[s.start : s.end] for s in split_sentences(text)]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sents = rng.sample(pool, 12)
        out.append(f"# Report {i}\n\n" + "\n\n".join(" ".join(sents[k : k + 3]) for k in range(0, 12, 3)) + "\n")
    return out


def write_inputs(folder: Path, n: int, realistic: bool) -> None:
    folder.mkdir(parents=True)
    texts = realistic_articles(n) if realistic else [synthetic_article(i, sentences=12) for i in range(n)]
    for i, text in enumerate(texts):
        (folder / f"a{i:05d}.md").write_text(text, encoding="utf-8")
    (folder / "bad-empty.txt").write_bytes(b"")
    (folder / "bad-binary.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (folder / "bad-latin1.txt").write_bytes("Le conseil a voté. Le café est fermé à Noël.".encode("latin-1"))
    with open(folder / "bad-huge.txt", "wb") as fh:
        fh.write(b"word " * 600_000)  # 3 MB: over the 2 MB limit for one article


def fault_plan(rate_429: float, rate_5xx: float):
    """First attempts of a fixed, hash-chosen share of articles fail; retries succeed."""

    def fault(key: str, attempt: int):
        if attempt > 1:
            return None
        x = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        if x < rate_429:
            return 429, {"retry-after-ms": "200", "retry-after": "1"}
        if x < rate_429 + rate_5xx:
            return (500, 502, 503)[int(x * 1e6) % 3], {}
        return None

    return fault


def cli(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", *args]


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """(completed process, wall seconds, CPU seconds of the child and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc, wall, cpu


def results_in(out: Path) -> list[Path]:
    return [p for p in out.glob("*.json") if p.name not in ("report.json", "openai-batch.json")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.2, help="server seconds per request (default 0.2)")
    ap.add_argument("--rate-429", type=float, default=0.05)
    ap.add_argument("--rate-5xx", type=float, default=0.03)
    ap.add_argument("--realistic", action="store_true", help="build articles from the dev set's sentences")
    ap.add_argument("--skip-offline", action="store_true")
    ap.add_argument("--kill-at", type=float, default=None, metavar="SECONDS",
                    help="kill -9 the second run this long after the server saw its first request (start-up time "
                         "varies with the machine's load); default: once 40%% of results are on disk")
    a = ap.parse_args()
    if a.realistic and not DEV.exists():
        print(f"--realistic needs {DEV}", file=sys.stderr)
        return 2

    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TAKEAWAYS_"))}
    with tempfile.TemporaryDirectory(prefix="takeaways-bench-") as tmp:
        tmpdir = Path(tmp)
        inputs = tmpdir / "in"
        write_inputs(inputs, a.n, a.realistic)
        kind = "dev-set sentences reshuffled" if a.realistic else "synthetic template"
        print(f"inputs: {a.n} {kind} articles + 4 bad files (empty, binary, huge, non-UTF-8)")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
              f"(other processes share it); python {sys.version.split()[0]}")

        # 1. the chat path against the fault-injecting server
        server = FakeOpenAI(latency=a.latency, fault=fault_plan(a.rate_429, a.rate_5xx), lifetime=500)
        url = server.start()
        try:
            out = tmpdir / "out"
            common = ["--provider", "openai", "--base-url", url, "--model", "fake-model",
                      "--concurrency", str(a.concurrency)]
            proc, wall, cpu = run_measured(cli([str(inputs), "--out", str(out), *common]), env)
            report = json.loads((out / "report.json").read_text())
            ideal = a.n * a.latency / a.concurrency
            per_article = Counter(server.requests)
            print("\n== chat path: fake OpenAI server on 127.0.0.1 ==")
            print(f"server: latency {a.latency * 1000:.0f} ms; first attempts failing: "
                  f"{a.rate_429:.0%} 429 (Retry-After 200 ms), {a.rate_5xx:.0%} 5xx")
            print(f"exit code {proc.returncode}; items {report['items']}")
            print(f"wall {wall:.2f} s (report: {report['wall_seconds']:.2f} s) vs ideal "
                  f"{a.n}*{a.latency}/{a.concurrency} = {ideal:.2f} s -> {wall / ideal:.2f}x "
                  f"(report wall {report['wall_seconds'] / ideal:.2f}x; target <= 1.3x)")
            print(f"peak concurrency seen by the server: {server.peak} (cap {a.concurrency})")
            print(f"requests: {sum(per_article.values())} for {len(per_article)} articles = "
                  f"{sum(per_article.values()) / max(1, len(per_article)):.3f} per article; "
                  f"status counts {dict(sorted(server.statuses.items()))}; "
                  f"most for one article: {max(per_article.values(), default=0)}")
            print(f"latency per request (client): p50 {report['requests']['latency_ms_p50']} ms, "
                  f"p95 {report['requests']['latency_ms_p95']} ms")
            print(f"CLI CPU time (user+sys, incl. start-up and worker processes): {cpu:.2f} s = "
                  f"{cpu / a.n * 1000:.1f} ms per article; of which main process {report['cpu_seconds']['process']:.2f} s "
                  f"(start-up included), worker processes {report['cpu_seconds']['workers']:.2f} s")
            errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
            print("bad inputs reported per item:")
            for e in errors:
                print(f"  [{e['stage']}] {e['error']}")

            # 2. kill part-way, then resume
            server.requests.clear()
            server.answered.clear()
            out2 = tmpdir / "out-kill"
            cmd = cli([str(inputs), "--out", str(out2), *common])
            victim = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 120
            started = time.monotonic()
            first_request: float | None = None
            while time.monotonic() < deadline and victim.poll() is None:
                if a.kill_at is not None:
                    if first_request is None and server.requests:
                        first_request = time.monotonic()
                    if first_request is not None and time.monotonic() - first_request >= a.kill_at:
                        break
                elif out2.exists() and len(results_in(out2)) >= a.n * 0.4:
                    break
                time.sleep(0.01)
            killed_after = time.monotonic() - started
            since_first = "" if first_request is None else f" ({time.monotonic() - first_request:.2f} s after the first request)"
            victim.send_signal(signal.SIGKILL)
            victim.wait(30)
            done_before = {p.stem for p in results_in(out2)}
            answered_before = Counter(server.answered)
            resumed, rwall, _ = run_measured(cmd, env)
            rep2 = json.loads((out2 / "report.json").read_text())
            answered_after = Counter(server.answered) - answered_before
            asked_twice = [k for k, c in (answered_before + answered_after).items() if c > 1]
            keys = [json.loads(x)["key"] for x in (out2 / "manifest.jsonl").read_text().splitlines()]
            journal = out2 / "drafts.jsonl"
            print("\n== kill -9 part-way, then the same command again ==")
            print(f"killed {killed_after:.2f} s after start{since_first} with {len(done_before)} results on disk and "
                  f"{sum(answered_before.values())} completions answered; resume exit {resumed.returncode}, "
                  f"{rep2['items']['done']} done, {rep2['items']['skipped']} skipped, {rwall:.2f} s")
            print(f"results on disk: {len(results_in(out2))} files for {a.n} articles; "
                  f"manifest keys {len(keys)}, unique {len(set(keys))} -> duplicates {len(keys) - len(set(keys))}")
            print(f"completions (200 replies) over both runs: {sum((answered_before + answered_after).values())} "
                  f"for {a.n} articles; drafts finished from the journal on resume: "
                  f"{rep2.get('drafts_from_journal', 'n/a (no journal)')}; journal left: {journal.exists()}")
            print(f"articles answered by the server more than once across both runs: {len(asked_twice)} "
                  f"(each a completion paid for twice)")
        finally:
            server.stop()

        # 3. the offline engine on both cores
        if not a.skip_offline:
            print("\n== offline extractive engine ==")
            for workers in (1, 2):
                outx = tmpdir / f"out-x{workers}"
                proc, wall, cpu = run_measured(cli([str(inputs), "--out", str(outx), "--provider", "extractive",
                                                    "--workers", str(workers)]), env)
                rep = json.loads((outx / "report.json").read_text())
                done = rep["items"]["done"]
                print(f"--workers {workers}: {done} articles in {wall:.2f} s wall "
                      f"({rep['wall_seconds']:.2f} s in the run) = {done / rep['wall_seconds']:.1f} articles/s "
                      f"(run), {done / wall:.1f}/s incl. start-up; CPU {cpu:.2f} s; exit {proc.returncode}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
