"""The run report: counts, bullets by verdict, tokens and cost by model, timing.

Prices are US dollars per million tokens, from the providers' public price lists
at the time of writing; they change, so `--prices FILE` (JSON or TOML, the same
shape as `PRICES`) overrides or extends them. A model with no price gets no cost
rather than a guessed one. Batch-API runs are billed at half price.
"""

from __future__ import annotations

import json
import math
import resource
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.models import Result, utcnow

# model -> {"input": $ per 1M prompt tokens, "output": $ per 1M completion tokens}
PRICES: dict[str, dict[str, float]] = {
    "gpt-4o-mini": {"input": 0.15, "output": 0.60},
    "gpt-4o": {"input": 2.50, "output": 10.00},
    "gpt-4.1": {"input": 2.00, "output": 8.00},
    "gpt-4.1-mini": {"input": 0.40, "output": 1.60},
    "gpt-4.1-nano": {"input": 0.10, "output": 0.40},
    "gpt-5-mini": {"input": 0.25, "output": 2.00},
    "gpt-5-nano": {"input": 0.05, "output": 0.40},
    "extractive-v1": {"input": 0.0, "output": 0.0},
    "extractive-v2": {"input": 0.0, "output": 0.0},
    "extractive-v3": {"input": 0.0, "output": 0.0},
}
BATCH_API_DISCOUNT = 0.5
BATCH_SUFFIX = " (batch API)"


def load_prices(path: str | None) -> dict[str, dict[str, float]]:
    """The built-in table, overridden model by model by a JSON or TOML file."""
    prices = {k: dict(v) for k, v in PRICES.items()}
    if not path:
        return prices
    p = Path(path)
    try:
        raw = p.read_bytes()
        data = tomllib.loads(raw.decode("utf-8")) if p.suffix.lower() == ".toml" else json.loads(raw)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the price file ({exc.strerror})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid price file ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f'{path}: expected {{"model": {{"input": USD_PER_1M, "output": USD_PER_1M}}}}')
    for model, entry in data.items():
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), (int, float)) for k in ("input", "output"))):
            raise InputError(f'{path}: price of {model!r} must be {{"input": number, "output": number}} (USD per 1M tokens)')
        prices[model] = {"input": float(entry["input"]), "output": float(entry["output"])}
    return prices


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


class RunStats:
    """Collects what a run did, item by item, and turns it into report.json."""

    def __init__(self, total: int, prices: dict[str, dict[str, float]] | None = None, discount: float = 1.0) -> None:
        self.total = total
        self.prices = prices if prices is not None else load_prices(None)
        self.discount = discount
        self.started_at = utcnow()
        self.t0 = time.monotonic()
        self.done = 0
        self.skipped = 0
        self.duplicates = 0
        self.failed = 0
        self.failed_by_stage: Counter[str] = Counter()
        self.verdicts: Counter[str] = Counter()
        self.tokens: dict[str, dict[str, int]] = defaultdict(lambda: {"items": 0, "input": 0, "output": 0})
        self.latencies_ms: list[float] = []
        self.requests = 0
        self.retries = 0
        self.interrupted = False
        self.store_repaired = 0
        self.from_journal = 0  # done from drafts.jsonl: drafts an interrupted run had paid for
        self.journal_errors = 0  # drafts that could not be journalled (they were still used)
        self.cpu_seconds: dict[str, float] = {}
        # the judge's own calls (None: no judge in this run)
        self.judge: dict[str, Any] | None = None

    def record_cpu(self) -> None:
        """CPU seconds of this process (start-up included) and of its finished workers."""
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu_seconds = {"process": round(me.ru_utime + me.ru_stime, 3),
                            "workers": round(kids.ru_utime + kids.ru_stime, 3)}

    @property
    def finished(self) -> int:
        return self.done + self.skipped + self.duplicates + self.failed

    def add_result(self, result: Result, batch_api: bool = False) -> None:
        d = result.draft
        self.add_done(d.model + (BATCH_SUFFIX if batch_api else ""), [t.verdict for t in result.takeaways],
                      d.usage.prompt_tokens, d.usage.completion_tokens)

    def add_done(self, model: str, verdicts: list[str], tokens_in: int, tokens_out: int) -> None:
        self.done += 1
        self.verdicts.update(verdicts)
        entry = self.tokens[model]
        entry["items"] += 1
        entry["input"] += tokens_in
        entry["output"] += tokens_out

    def add_request(self, latency_ms: float, retry: bool) -> None:
        self.requests += 1
        self.retries += int(retry)
        self.latencies_ms.append(latency_ms)

    def add_judge(self, model: str, requests: int, cached: int, not_run: int, tokens_in: int, tokens_out: int,
                  latencies_ms: list[float]) -> None:
        """Count one article's judge calls (they share the run's concurrency and rpm)."""
        if self.judge is None:
            self.judge = {"model": model, "requests": 0, "cached_answers": 0, "bullets_not_judged": 0,
                          "input": 0, "output": 0, "latencies_ms": []}
        j = self.judge
        j["requests"] += requests
        j["cached_answers"] += cached
        j["bullets_not_judged"] += not_run
        j["input"] += tokens_in
        j["output"] += tokens_out
        j["latencies_ms"] += latencies_ms

    def judge_report(self) -> dict[str, Any] | None:
        j = self.judge
        if j is None:
            return None
        return {"model": j["model"], "requests": j["requests"], "cached_answers": j["cached_answers"],
                "bullets_not_judged": j["bullets_not_judged"], "tokens_in": j["input"], "tokens_out": j["output"],
                "cost_usd": self.cost(j["model"], j["input"], j["output"]),
                "latency_ms_p50": _round(percentile(j["latencies_ms"], 50)),
                "latency_ms_p95": _round(percentile(j["latencies_ms"], 95))}

    def add_failure(self, stage: str) -> None:
        self.failed += 1
        self.failed_by_stage[stage] += 1

    def merge(self, other: "RunStats") -> None:
        """Add another run's counts (the chat retries of a Batch-API collect, whose
        items are already in this run's total)."""
        self.done += other.done
        self.skipped += other.skipped
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.failed_by_stage.update(other.failed_by_stage)
        self.verdicts.update(other.verdicts)
        for model, t in other.tokens.items():
            for k, v in t.items():
                self.tokens[model][k] += v
        self.latencies_ms += other.latencies_ms
        self.requests += other.requests
        self.retries += other.retries
        self.interrupted = self.interrupted or other.interrupted
        self.store_repaired += other.store_repaired
        self.from_journal += other.from_journal
        self.journal_errors += other.journal_errors
        if other.judge is not None:
            j = other.judge
            self.add_judge(j["model"], j["requests"], j["cached_answers"], j["bullets_not_judged"], j["input"],
                           j["output"], j["latencies_ms"])

    def cost(self, model: str, tokens_in: int, tokens_out: int) -> float | None:
        """Estimated USD; a "(batch API)" entry is priced at the Batch-API discount."""
        discount = self.discount
        if model.endswith(BATCH_SUFFIX):
            model = model[: -len(BATCH_SUFFIX)]
            discount *= BATCH_API_DISCOUNT
        price = self.prices.get(model)
        if price is None:
            return None
        usd = (tokens_in * price["input"] + tokens_out * price["output"]) / 1e6 * discount
        return round(usd, 6)

    def to_dict(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        wall = time.monotonic() - self.t0
        by_model = {}
        total_cost: float | None = 0.0
        for model, t in sorted(self.tokens.items()):
            cost = self.cost(model, t["input"], t["output"])
            by_model[model] = {**t, "cost_usd": cost}
            if cost is None:
                total_cost = None
            elif total_cost is not None:
                total_cost += cost
        judge = self.judge_report()
        if judge is not None:
            if judge["cost_usd"] is None:
                total_cost = None
            elif total_cost is not None:
                total_cost += judge["cost_usd"]
        return {
            "started_at": self.started_at,
            "finished_at": utcnow(),
            "wall_seconds": round(wall, 3),
            "interrupted": self.interrupted,
            "items": {
                "total": self.total,
                "done": self.done,
                "skipped": self.skipped + self.duplicates,
                "skipped_already_done": self.skipped,
                "skipped_duplicate_input": self.duplicates,
                "failed": self.failed,
                "not_finished": max(0, self.total - self.finished),
            },
            "failed_by_stage": dict(self.failed_by_stage),
            "bullets": {v: self.verdicts.get(v, 0) for v in ("supported", "review", "unsupported")},
            "tokens_by_model": by_model,
            "cost_usd": None if total_cost is None else round(total_cost, 6),
            "price_discount": self.discount,
            # provider draft calls (a provider's own HTTP retries inside one call, like the
            # openai provider's on 429/5xx, are part of that call and its latency)
            "requests": {
                "total": self.requests,
                "retries": self.retries,
                "latency_ms_p50": _round(percentile(self.latencies_ms, 50)),
                "latency_ms_p95": _round(percentile(self.latencies_ms, 95)),
            },
            "store_rows_repaired": self.store_repaired,
            "drafts_from_journal": self.from_journal,
            "drafts_not_journalled": self.journal_errors,
            "cpu_seconds": self.cpu_seconds,
            **({"judge": judge} if judge is not None else {}),
            **(extra or {}),
        }


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def summary_lines(report: dict[str, Any]) -> list[str]:
    """The printed summary: a few lines an editor reads in the morning."""
    it = report["items"]
    b = report["bullets"]
    lines = [
        f"items: {it['done']} done, {it['skipped']} skipped, {it['failed']} failed"
        + (f", {it['not_finished']} not finished" if it["not_finished"] else "")
        + f" (of {it['total']})",
        f"bullets: {b['supported']} supported, {b['review']} review, {b['unsupported']} unsupported",
    ]
    for model, t in report["tokens_by_model"].items():
        cost = "no price (see --prices)" if t["cost_usd"] is None else f"${t['cost_usd']:.4f}"
        lines.append(f"tokens {model}: {t['input']} in / {t['output']} out, est. {cost}")
    r = report["requests"]
    lat = ""
    if r["latency_ms_p50"] is not None:
        lat = f", latency p50 {r['latency_ms_p50']:.0f} ms / p95 {r['latency_ms_p95']:.0f} ms"
    lines.append(f"draft calls: {r['total']} ({r['retries']} retried by batch){lat}; wall {report['wall_seconds']:.1f} s")
    j = report.get("judge")
    if j:
        cost = "no price (see --prices)" if j["cost_usd"] is None else f"${j['cost_usd']:.4f}"
        lines.append(f"judge {j['model']}: {j['requests']} requests ({j['cached_answers']} answers cached, "
                     f"{j['bullets_not_judged']} bullets not judged), {j['tokens_in']} in / {j['tokens_out']} out, "
                     f"est. {cost}")
    return lines
