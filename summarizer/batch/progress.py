"""Progress on stderr: a rich bar on a terminal, plain periodic lines otherwise.

Batch runs overnight under nohup, cron or CI, where a bar's carriage returns make a
mess of the log: there a line every `interval` seconds says the same thing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from summarizer.batch.report import RunStats


def _eta(stats: RunStats, elapsed: float) -> str:
    processed = stats.done + stats.failed
    remaining = stats.total - stats.finished
    if processed == 0 or elapsed <= 0 or remaining <= 0:
        return "-"
    seconds = remaining / (processed / elapsed)
    return time.strftime("%H:%M:%S", time.gmtime(seconds)) if seconds < 86400 else f"{seconds / 3600:.0f} h"


def describe(stats: RunStats, elapsed: float) -> str:
    rate = (stats.done + stats.failed) / elapsed if elapsed > 0 else 0.0
    return (
        f"{stats.finished}/{stats.total} · done {stats.done} · skipped {stats.skipped + stats.duplicates} "
        f"· failed {stats.failed} · {rate:.1f}/s · ETA {_eta(stats, elapsed)}"
    )


class Progress:
    """Interface: `update(stats)` often, `close(stats)` once."""

    def update(self, stats: RunStats) -> None: ...

    def message(self, text: str) -> None: ...

    def close(self, stats: RunStats) -> None: ...


class PlainProgress(Progress):
    def __init__(self, stream: TextIO | None = None, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self.t0 = time.monotonic()
        self.last = self.t0

    def update(self, stats: RunStats) -> None:
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self.message(describe(stats, now - self.t0))

    def message(self, text: str) -> None:
        print(f"takeaways batch: {text}", file=self.stream, flush=True)

    def close(self, stats: RunStats) -> None:
        self.message(describe(stats, time.monotonic() - self.t0))


class RichProgress(Progress):
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as _Bar

        self.console = Console(file=stream or sys.stderr)
        self.bar = _Bar(
            TextColumn("batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("done {task.fields[done]} · failed {task.fields[failed]} · {task.fields[rate]}/s"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = self.bar.add_task("batch", total=total, done=0, failed=0, rate="0.0")
        self.t0 = time.monotonic()
        self.started = False

    def _start(self) -> None:
        # started on first use, not at construction: its refresh thread must not exist
        # yet when the runner forks its worker processes
        if not self.started:
            self.started = True
            self.bar.start()

    def update(self, stats: RunStats) -> None:
        self._start()
        elapsed = time.monotonic() - self.t0
        rate = (stats.done + stats.failed) / elapsed if elapsed > 0 else 0.0
        self.bar.update(self.task, completed=stats.finished, done=stats.done, failed=stats.failed, rate=f"{rate:.1f}")

    def message(self, text: str) -> None:
        self._start()
        self.bar.console.print(f"takeaways batch: {text}", markup=False, highlight=False)

    def close(self, stats: RunStats) -> None:
        self.update(stats)
        self.bar.stop()


def make_progress(total: int, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    if stream.isatty():
        return RichProgress(total, stream)
    return PlainProgress(stream)
