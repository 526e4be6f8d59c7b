"""Name rules on half A: highlights AND FRANK's supported CNN/DM summary sentences.

Usage (from the repository root):

    .venv/bin/python bench/tune_names.py [--data FILE] [--frank FILE] [--half A] [--show]

Data, read at run time: the highlights benchmark of bench/highlights.py (CNN/DM human
highlights and one corrupted copy per kind of error) and FRANK's validation set
(`frank-val.jsonl`): the sentences (`split_claims`) of the CNN/DM system summaries
annotators judged `supported`, each checked as a bullet, on the articles of the
chosen half (the half of the highlights record with the same source text). FRANK
sentences are false alarms only (no corrupted copies): they are model summaries,
more extractive than highlights, and they flag the name rules on other phrasings.

For each setting of the name-rule switches in GRID (module.FLAG = values) it prints
the highlights flagged, the FRANK sentences flagged, the corrupted highlight copies
missed over all kinds (copy not worse than its supported original) and the name
swaps missed. Objective, as the other tuning scripts, with the FRANK sentences
counted among the flagged: flagged (highlights + FRANK) + 2 x missed; on a tie, the
setting with fewer rules switched on. `--measure` prints only the rules-off and today's rows (what to run on half B).
`--show` lists, for today's setting, the flagged items whose
verdict `entities` decides (supported if that check passed), with its message.
Half B is held out: report it with bench/highlights.py afterwards.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from highlights import build, corrupted_misses  # noqa: E402

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.validate import check_claim, split_claims  # noqa: E402
from summarizer.validate.scoring import score as score_of, verdict as verdict_of  # noqa: E402

# module.FLAG -> values tried (the first one of each is the rule off, where it is a switch)
GRID: dict[str, tuple] = {
    "binding.SUBJECT_STOPS": (False, True),
    "binding.MODIFIER_BYSTANDERS": (False, True),
    "binding.ATTRIBUTIVE_RIVALS": (False, True),
    "checks.HOMETOWNS": (False, True),
}


def frank_items(path: Path, halves: dict[str, str], half_: str) -> list[dict]:
    """Supported CNN/DM FRANK summary sentences on the articles of half `half_`."""
    out = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec["label"] != "supported" or "cnndm" not in rec["origin"] or halves.get(rec["source"]) != half_:
            continue
        out.extend({"source": rec["source"], "text": c.text} for c in split_claims(rec["summary"]))
    return out


def decided_by_entities(chk, text: str) -> bool:
    """The verdict would be `supported` if `entities` passed."""
    ent = next((r for r in chk.checks if r.name == "entities"), None)
    if ent is None or ent.passed:
        return False
    rest = [r for r in chk.checks if r is not ent]
    return verdict_of(score_of(rest), rest, bullet=True, claim=text) == "supported"


def evaluate(items: list[dict], frank: list[dict], arts: dict) -> dict:
    flagged, per = corrupted_misses(items, arts, key="source")
    r = {"hl": flagged, "frank": 0, "missed": sum(m for m, _ in per.values()), "base": sum(b for _, b in per.values()),
         "name_missed": per["name"][0], "name_base": per["name"][1]}
    for it in frank:
        r["frank"] += check_claim(arts[it["source"]], it["text"]).verdict != "supported"
    r["objective"] = r["hl"] + r["frank"] + 2 * r["missed"]
    return r


def _set(flag: str, value) -> None:
    mod, _, name = flag.rpartition(".")
    setattr(importlib.import_module("summarizer.validate." + mod), name, value)


def _get(flag: str):
    mod, _, name = flag.rpartition(".")
    return getattr(importlib.import_module("summarizer.validate." + mod), name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    ap.add_argument("--frank", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "frank-val.jsonl")
    ap.add_argument("--half", choices=("A", "B"), default="A")
    ap.add_argument("--show", action="store_true", help="list today's flags that `entities` decides, then stop")
    ap.add_argument("--measure", action="store_true",
                    help="only the counts with every rule of GRID off and with today's constants (for a held-out half)")
    args = ap.parse_args(argv)
    for p in (args.data, args.frank):
        if not p.exists():
            print(f"takeaways: no data at {p}", file=sys.stderr)
            return 2
    every = build(args.data)
    halves = {x["source"]: x["half"] for x in every}
    items = [x for x in every if x["half"] == args.half]
    frank = frank_items(args.frank, halves, args.half)
    arts = {s: plain_article(s) for s in {x["source"] for x in items + frank}}
    print(f"half {args.half}: {len({x['source'] for x in items})} articles, {len(items)} highlights, "
          f"{len(frank)} FRANK sentences on {len({x['source'] for x in frank})} of them")
    if args.show:
        for label, part in (("highlight", items), ("frank", frank)):
            for it in part:
                chk = check_claim(arts[it["source"]], it["text"])
                if chk.verdict != "supported" and decided_by_entities(chk, it["text"]):
                    msg = next(r.message for r in chk.checks if r.name == "entities")
                    print(f"- [{label}] {it['text']}\n    {msg}")
        return 0
    today = {k: _get(k) for k in GRID}
    settings = list(itertools.product(*GRID.values()))
    if args.measure:
        settings = [tuple(v[0] for v in GRID.values()), tuple(today.values())]
    rows = []
    for values in settings:
        setting = dict(zip(GRID, values))
        for k, v in setting.items():
            _set(k, v)
        r = evaluate(items, frank, arts)
        changed = sum(v is True for v in setting.values())
        rows.append((r["objective"], changed, setting, r))
        print(" ".join(f"{k}={v}" for k, v in setting.items())
              + f"  flagged {r['hl']} + FRANK {r['frank']}  missed {r['missed']}/{r['base']}"
              f" (name {r['name_missed']}/{r['name_base']})  objective {r['objective']}", flush=True)
    for k, v in today.items():
        _set(k, v)
    rows.sort(key=lambda x: (x[0], x[1]))
    obj, _, s, r = rows[0]
    now = next(x for x in rows if x[2] == today)
    print("chosen: " + " ".join(f"{k}={v}" for k, v in s.items()) + f"  objective {obj} (today's: {now[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
