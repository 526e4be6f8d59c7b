"""Print the tokens and latency measured while recording the provider cassettes.

Reads `cassettes/provider/recordings.jsonl`, written by `scripts/record-cassettes`
(one row per recorded test: wall-clock latency of the whole draft including any
re-ask, and the token usage the server reported). Nothing here is estimated.

    python bench/provider_recordings.py [path/to/recordings.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "cassettes" / "provider" / "recordings.jsonl"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"provider_recordings: {path} not found; run scripts/record-cassettes first", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if not rows:
        print(f"provider_recordings: {path} is empty", file=sys.stderr)
        return 2
    first = rows[0]
    print(f"endpoint {first['endpoint']} · model {first['model'] or '(default)'} · served {first['served_model']} "
          f"· fingerprint {first['system_fingerprint']} · recorded {first['recorded_at']}")
    head = f"{'cassette':<44} {'req':>3} {'prompt tok':>10} {'compl tok':>9} {'latency ms':>10} {'server ms':>9}  outcome"
    print(head)
    print("-" * len(head))
    for r in rows:
        server = r["server_prompt_ms"] + r["server_predicted_ms"]
        print(f"{r['cassette']:<44} {r['requests']:>3} {r['prompt_tokens']:>10} {r['completion_tokens']:>9} "
              f"{r['latency_ms']:>10.0f} {server:>9.0f}  {r['outcome'][:60]}")
    lat = sorted(r["latency_ms"] for r in rows)
    drafts = sum(1 for r in rows if r["outcome"].startswith("draft"))
    print(f"{len(rows)} recordings ({drafts} drafts, {len(rows) - drafts} errors) · prompt tokens {sum(r['prompt_tokens'] for r in rows)} · completion tokens "
          f"{sum(r['completion_tokens'] for r in rows)} · latency median {lat[len(lat) // 2]:.0f} ms, max {lat[-1]:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
