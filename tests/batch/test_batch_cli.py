"""`takeaways batch` as a user runs it: exit codes, report, SIGKILL and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from batch_helpers import write_articles

ROOT = Path(__file__).resolve().parents[2]
WRAPPER = Path(__file__).resolve().parent / "run_with_counting.py"


def takeaways(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def counting(args: list[str], log: Path, delay: float) -> subprocess.Popen:
    env = {**os.environ, "BATCH_CALL_LOG": str(log), "BATCH_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, str(WRAPPER), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def results(out: Path) -> list[Path]:
    return [p for p in out.glob("*.json") if p.name != "report.json"]


def wait_for_results(out: Path, at_least: int, proc: subprocess.Popen, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and len(results(out)) >= at_least:
            return
        time.sleep(0.02)
    raise AssertionError(f"never saw {at_least} results (exit {proc.poll()})")


def test_offline_run_exit_codes_and_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 6)
    out = tmp_path / "out"
    done = takeaways("batch", str(folder), "--out", str(out), "--provider", "extractive")
    assert done.returncode == 0, done.stderr
    assert "items: 6 done, 0 skipped, 0 failed (of 6)" in done.stdout
    report = json.loads((out / "report.json").read_text())
    assert report["items"]["done"] == 6 and report["items"]["failed"] == 0
    assert sum(report["bullets"].values()) == sum(
        len(json.loads(p.read_text())["takeaways"]) for p in results(out))
    assert report["tokens_by_model"]["extractive-v3"]["items"] == 6
    assert report["requests"]["latency_ms_p50"] is not None
    assert "Traceback" not in done.stderr
    # bad inputs: reported per item, the rest completes, exit 1
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes("Caf\xe9 news. More news here.".encode("latin-1"))
    (folder / "binary.dat").write_bytes(os.urandom(2048).replace(b"\n", b"") + b"\x00")
    write_articles(folder, 2, start=50)
    partial = takeaways("batch", str(folder), "--out", str(out), "--provider", "extractive")
    assert partial.returncode == 1
    assert "items: 2 done, 6 skipped, 3 failed (of 11)" in partial.stdout
    assert "3 item(s) failed" in partial.stderr and "Traceback" not in partial.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(Path(e["source"]).name for e in errors) == ["binary.dat", "empty.txt", "latin1.txt"]


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    from summarizer.cli import main

    folder = tmp_path / "in"
    write_articles(folder, 1)
    prices = tmp_path / "prices.json"
    prices.write_text('{"m": {"input": "cheap"}}')
    cases = [
        (["batch", str(folder)], "--out"),
        (["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o")], "no such file"),
        (["batch", str(folder), "--out", str(tmp_path / "o"), "--prices", str(prices)], "price"),
        (["batch", "status"], "usage: takeaways batch status DIR"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and err.count("\n") == 1, err
    bad_flag = takeaways("batch", str(folder), "--out", str(tmp_path / "o"), "--concurrency", "0")
    assert bad_flag.returncode == 2 and "Traceback" not in bad_flag.stderr


def test_sigkill_mid_run_then_resume_does_each_article_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 80)
    out, db, log = tmp_path / "out", tmp_path / "review.db", tmp_path / "calls.log"
    args = ["batch", str(folder), "--out", str(out), "--store", str(db), "--concurrency", "4", "--workers", "0"]
    proc = counting(args, log, delay=0.03)
    wait_for_results(out, 20, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    first_calls = Counter(log.read_text().split())
    finished_first = {p.stem for p in results(out)}
    assert 20 <= len(finished_first) < 80
    rerun = counting(args, log, delay=0.0)
    stdout, stderr = rerun.communicate(timeout=60)
    errors = (out / "errors.jsonl").read_text() if (out / "errors.jsonl").exists() else ""
    assert rerun.returncode == 0, stderr + errors
    calls = Counter(log.read_text().split())
    second_calls = calls - first_calls
    assert not finished_first & set(second_calls)  # nothing finished was asked again
    repeated = {a for a, c in calls.items() if c > 1}
    # only items whose request had been sent but whose result was not yet on disk at the
    # kill are asked again: at most the requests in flight plus those being validated
    # or written (bounded by 2 x the cap)
    assert len(repeated) <= 8
    assert len(calls) == 80 and len(results(out)) == 80
    manifest = [json.loads(line)["key"] for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert len(manifest) == len(set(manifest)) == 80
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT work_key) FROM drafts").fetchone() == (80, 80)


def _kill_with_drafts_awaiting_validation(tmp_path: Path, articles: int, concurrency: int) -> tuple[Path, Path, Counter, int]:
    """Start a run whose validation is held up (test hook), kill -9 it once drafts
    have arrived and none is validated. Returns (out, call log, calls made, in flight)."""
    folder = tmp_path / "in"
    write_articles(folder, articles)
    out, log, done_log = tmp_path / "out", tmp_path / "calls.log", tmp_path / "done.log"
    args = ["batch", str(folder), "--out", str(out), "--concurrency", str(concurrency), "--workers", "2"]
    env = {**os.environ, "BATCH_CALL_LOG": str(log), "BATCH_DONE_LOG": str(done_log), "BATCH_DELAY": "0.01",
           "BATCH_TEST_SLOW_VALIDATION": "60"}
    proc = subprocess.Popen([sys.executable, str(WRAPPER), *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lines = lambda p: p.read_text().split() if p.exists() else []  # noqa: E731
    deadline, seen, steady_since = time.monotonic() + 30, None, time.monotonic()
    while time.monotonic() < deadline and proc.poll() is None:
        now = (len(lines(log)), len(lines(done_log)))
        if now != seen:
            seen, steady_since = now, time.monotonic()
        elif now[1] > concurrency and time.monotonic() - steady_since > 0.5:
            break  # more drafts arrived than can be in flight, and the run is stuck on validation
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    calls = Counter(lines(log))
    in_flight = sum(calls.values()) - len(lines(done_log))
    assert not results(out), "the test hook should have kept every validation pending"
    assert sum(calls.values()) - in_flight > concurrency, calls
    return out, log, calls, in_flight


def _resume(out: Path, log: Path, articles: int, concurrency: int) -> Counter:
    args = ["batch", str(out.parent / "in"), "--out", str(out), "--concurrency", str(concurrency), "--workers", "2"]
    rerun = counting(args, log, delay=0.0)
    _, stderr = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, stderr
    assert len(results(out)) == articles
    return Counter(log.read_text().split())


def test_drafts_that_arrived_before_a_kill_are_not_paid_for_again(tmp_path: Path) -> None:
    out, log, first, in_flight = _kill_with_drafts_awaiting_validation(tmp_path, 30, concurrency=4)
    assert (out / "drafts.jsonl").exists()
    calls = _resume(out, log, 30, concurrency=4)
    # completions over both runs: every article once, plus at most the requests in flight at the kill
    assert sum(calls.values()) <= 30 + in_flight
    assert len(calls) == 30
    report = json.loads((out / "report.json").read_text())
    assert report["drafts_from_journal"] == sum(first.values()) - in_flight
    assert not (out / "drafts.jsonl").exists()  # every journalled draft is finished: nothing left in it


def test_without_the_draft_journal_a_resume_pays_again(tmp_path: Path) -> None:
    """The check above can fail: drop the journal and the same kill costs more."""
    out, log, first, in_flight = _kill_with_drafts_awaiting_validation(tmp_path, 30, concurrency=4)
    (out / "drafts.jsonl").unlink()
    calls = _resume(out, log, 30, concurrency=4)
    assert sum(calls.values()) > 30 + in_flight


def test_ctrl_c_finishes_in_flight_writes_report_and_says_how_to_resume(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 40)
    out, log = tmp_path / "out", tmp_path / "calls.log"
    # a grace period no loaded test machine runs out of: every request in flight at the
    # Ctrl-C must finish and be written (the cut-off after the grace period has its own
    # test below, with replies that never come in time)
    args = ["batch", str(folder), "--out", str(out), "--concurrency", "4", "--workers", "0", "--grace", "60"]
    proc = counting(args, log, delay=0.2)
    wait_for_results(out, 4, proc)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=90)
    assert proc.returncode == 130, stderr
    assert "resume with: takeaways batch" in stderr and "Traceback" not in stderr
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] is True
    assert report["items"]["not_finished"] > 0
    calls = Counter(log.read_text().split())
    # in-flight items were allowed to finish: every call made before the stop was written
    assert len(results(out)) == len(calls) == report["items"]["done"]
    rerun = counting(args, log, delay=0.0)
    rerun.communicate(timeout=60)
    assert rerun.returncode == 0
    assert set(Counter(log.read_text().split()).values()) == {1}
    assert len(results(out)) == 40


def test_ctrl_c_cancels_requests_that_do_not_finish_within_the_grace_period(tmp_path: Path) -> None:
    from batch_fake_openai import FakeOpenAI

    folder = tmp_path / "in"
    write_articles(folder, 6)
    out = tmp_path / "out"
    with FakeOpenAI(latency=30, lifetime=60) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
        proc = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "batch", str(folder), "--out", str(out), "--provider", "openai",
             "--base-url", server.base_url, "--model", "fake-model", "--concurrency", "2", "--grace", "1"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while server.peak < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=20)
        took = time.monotonic() - sent
    assert proc.returncode == 130, stderr
    assert took < 5  # grace 1 s, then cancelled: no waiting for the 30 s replies
    assert "resume with:" in stderr and "Traceback" not in stderr
    report = json.loads((out / "report.json").read_text())
    assert report["interrupted"] and report["items"]["done"] == 0 and report["items"]["failed"] == 0
    assert report["items"]["not_finished"] == 6
    assert not results(out)


def test_kill_9_leaves_no_worker_processes_behind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 200)
    out, log = tmp_path / "out", tmp_path / "calls.log"
    proc = counting(["batch", str(folder), "--out", str(out), "--workers", "2", "--concurrency", "2"], log, delay=0.02)
    wait_for_results(out, 5, proc)
    workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                              text=True).stdout.split()]
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in
                 Path(f"/proc/{p}/stat").read_text().split(")")[-1].split()[0]]
    assert not alive, f"orphaned workers still running: {alive}"
