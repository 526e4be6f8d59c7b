"""Error-detection benchmark on human highlights: does the validator catch one planted error?

Usage (from the repository root):

    .venv/bin/python bench/highlights.py [--data FILE] [--json OUT] [--show KIND]

Data: `../shared/data/dev/cnndm-highlights-dev.jsonl` (CNN/DM articles with their
human-written highlights), read at run time. Each highlight is checked as a bullet
(`check_claim(article, text)`), and so is one corrupted copy per kind of error:

* `number`   - the first number changed to one the article never states
* `name`     - a person/organisation name swapped for another name of the same article
* `not`      - "not" inserted after the first auxiliary ("did not" + base verb when
               there is none)
* `opposite` - a word swapped for its opposite (a list kept HERE, separate from the
               validator's own lexicon, so the benchmark does not grade its own list)
* `invented` - an invented place or sum appended (one the article never mentions)

Everything is deterministic (choices seeded by the record id). Articles are split
into halves A/B by sha1 of the id (`bench/validator.py:half`); tune only on A.
Metric per kind: of the bullets whose original is `supported`, the share whose
corrupted copy gets a worse verdict. Also: the share of human highlights flagged
(verdict other than `supported`), the false-alarm rate an editor sees.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from validator import half  # noqa: E402

from summarizer.ingest import plain_article  # noqa: E402
from summarizer.models import VERDICT_ORDER  # noqa: E402
from summarizer.validate import check_claim  # noqa: E402

KINDS = ("number", "name", "not", "opposite", "invented")

# the benchmark's own opposites (both directions are used)
OPPOSITES = [
    ("won", "lost"), ("win", "lose"), ("wins", "loses"), ("rose", "fell"), ("rise", "fall"),
    ("before", "after"), ("first", "last"), ("start", "end"), ("guilty", "innocent"),
    ("approved", "rejected"), ("increase", "decrease"), ("increased", "decreased"),
    ("higher", "lower"), ("more", "less"), ("best", "worst"), ("new", "old"), ("older", "younger"),
    ("open", "closed"), ("opened", "closed"), ("up", "down"), ("bought", "sold"), ("buy", "sell"),
    ("early", "late"), ("earlier", "later"), ("largest", "smallest"), ("biggest", "smallest"),
    ("top", "bottom"), ("young", "old"), ("long", "short"), ("high", "low"), ("accepted", "refused"),
    ("allowed", "banned"), ("survived", "died"), ("alive", "dead"), ("arrived", "left"),
    ("joined", "left"), ("hired", "fired"), ("success", "failure"), ("positive", "negative"),
    ("strong", "weak"), ("safe", "dangerous"), ("rich", "poor"), ("north", "south"), ("east", "west"),
    ("inside", "outside"), ("above", "below"), ("entered", "left"), ("increase", "cut"),
    ("support", "oppose"), ("supported", "opposed"), ("agreed", "refused"), ("began", "ended"),
    ("started", "ended"), ("convicted", "acquitted"), ("male", "female"), ("man", "woman"),
    ("men", "women"), ("boy", "girl"), ("son", "daughter"), ("husband", "wife"), ("father", "mother"),
    ("home", "away"), ("public", "private"), ("victory", "defeat"), ("beat", "lost to"),
    ("found", "lost"), ("most", "least"), ("maximum", "minimum"), ("always", "never"),
]
_OPP = {}
for a, b in OPPOSITES:
    _OPP.setdefault(a, b)
    _OPP.setdefault(b, a)

PLACES = ["Lisbon", "Winnipeg", "Osaka", "Tbilisi", "Quito", "Adelaide", "Gdansk", "Nairobi", "Porto Alegre"]
AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did)\b")
NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|forty|fifty|hundred|thousand)\b", re.I)
WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
           "thousand": 1000}
CAP_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_NOT_NAMES = frozenset("""The A An He She It They We I This That These Those His Her Its Their Our But And Or
If When While After Before In On At For With From By As Of To Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February March April May June July August September October November December
Sir Lord Lady Prince Princess King Queen President Police Officers Officials CNN""".split())


def _rng(rec_id: str, k: int, kind: str) -> random.Random:
    return random.Random(int(hashlib.sha1(f"{rec_id}|{k}|{kind}".encode()).hexdigest()[:12], 16))


def corrupt_number(text: str, source: str, rng: random.Random) -> str | None:
    m = NUMBER.search(text)
    if not m:
        return None
    tok = m.group(0)
    val = float(tok.replace(",", "")) if tok[:1].isdigit() else WORDNUM[tok.lower()]
    stated = set(re.findall(r"\d[\d,]*(?:\.\d+)?", source))
    stated |= {s.replace(",", "") for s in stated}
    for _ in range(50):
        new = int(val * rng.choice([2, 3, 4, 7]) + rng.randint(1, 9))
        if str(new) not in stated and f"{new:,}" not in stated:
            return text[: m.start()] + str(new) + text[m.end():]
    return None


def _names(text: str, skip_first: bool) -> list[tuple[int, int, str]]:
    out = []
    for m in CAP_RUN.finditer(text):
        words = re.split(r"[ -]", m.group(0))
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        s = m.end() - len(" ".join(words))
        if skip_first and s == 0 and len(words) == 1:
            continue
        out.append((s, m.end(), text[s : m.end()]))
    return out


def _article_names(source: str) -> set[str]:
    """Words the article capitalises mid-sentence (names, not sentence openers)."""
    return {m.group(1) for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+)", source)}


def name_swaps_of(text: str, source: str) -> list[str]:
    """Every copy of `text` with its first name swapped for another name of the
    article (the candidates `corrupt_name` draws one from)."""
    known = _article_names(source)
    mine = [n for n in _names(text, skip_first=False) if all(w in known for w in n[2].split())]
    if not mine:
        return []
    s, e, name = mine[0]
    mine_words = {w for _, _, n in mine for w in n.split()}
    pool = sorted({n for _, _, n in _names(source, skip_first=True)
                   if not set(n.split()) & mine_words and n.split()[0] not in _NOT_NAMES
                   and all(w in known for w in n.split())})
    same_len = [n for n in pool if len(n.split()) == len(name.split())] or pool
    return [text[:s] + n + text[e:] for n in same_len]


def corrupt_name(text: str, source: str, rng: random.Random) -> str | None:
    swaps = name_swaps_of(text, source)
    return rng.choice(swaps) if swaps else None


def corrupt_not(text: str, source: str, rng: random.Random) -> str | None:
    m = AUX.search(text)
    if m and not text[m.end():].lstrip().lower().startswith(("not", "n't", "never")):
        return text[: m.end()] + " not" + text[m.end():]
    from lemminflect import getAllLemmas, getInflection  # noqa: PLC0415

    for w in re.finditer(r"\b[a-z]+(?:ed|s)\b", text):
        lemmas = getAllLemmas(w.group(0), upos="VERB").get("VERB")
        if not lemmas or w.start() == 0:
            continue
        past = getInflection(lemmas[0], "VBD")
        third = getInflection(lemmas[0], "VBZ")
        if past and w.group(0) == past[0]:
            return text[: w.start()] + "did not " + lemmas[0] + text[w.end():]
        if third and w.group(0) == third[0]:
            return text[: w.start()] + "does not " + lemmas[0] + text[w.end():]
    return None


def corrupt_opposite(text: str, source: str, rng: random.Random) -> str | None:
    for m in re.finditer(r"\b[A-Za-z]+\b", text):
        w = m.group(0)
        opp = _OPP.get(w.lower())
        if opp:
            if w[:1].isupper():
                opp = opp[:1].upper() + opp[1:]
            return text[: m.start()] + opp + text[m.end():]
    return None


def corrupt_invented(text: str, source: str, rng: random.Random) -> str | None:
    body = text.rstrip()
    end = ""
    if body.endswith((".", "!", "?")):
        body, end = body[:-1], body[-1]
    if rng.random() < 0.5:
        places = [p for p in PLACES if p not in source]
        return f"{body} in {rng.choice(places)}{end}"
    stated = set(re.findall(r"\d+", source))
    amount = next(n for n in (rng.randint(12, 97) for _ in range(100)) if str(n) not in stated)
    return f"{body} for ${amount} million{end}"


CORRUPT = {"number": corrupt_number, "name": corrupt_name, "not": corrupt_not,
           "opposite": corrupt_opposite, "invented": corrupt_invented}


def build(path: Path) -> list[dict]:
    """Records: article id, half, highlight, and its corrupted copies (None where a kind does not apply)."""
    out = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        for k, hl in enumerate(rec["highlights"]):
            out.append({
                "id": rec["id"], "half": half(rec["id"]), "source": rec["source"], "text": hl,
                "corrupt": {kind: CORRUPT[kind](hl, rec["source"], _rng(rec["id"], k, kind)) for kind in KINDS},
            })
    return out


def build_labelled(path: Path, exclude: set[str]) -> list[dict]:
    """A second, unseen set of the same kind: the sentences of CNN/DM system summaries
    that annotators judged supported (cliff-val, frank-val), each as a bullet, on
    articles that are not in the highlights file (`exclude`: their sources). Nothing
    was tuned on these; they are more extractive than human highlights."""
    from summarizer.validate import split_claims  # noqa: PLC0415

    out = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec["label"] != "supported" or "cnndm" not in rec["origin"] or rec["source"] in exclude:
            continue
        for k, claim in enumerate(split_claims(rec["summary"])):
            hl = claim.text
            out.append({
                "id": rec["id"], "half": "X", "source": rec["source"], "text": hl,
                "corrupt": {kind: CORRUPT[kind](hl, rec["source"], _rng(rec["id"], k, kind)) for kind in KINDS},
            })
    return out


def worse(a: str, b: str) -> bool:
    return VERDICT_ORDER[b] > VERDICT_ORDER[a]


def run(items: list[dict]) -> list[dict]:
    articles: dict[str, object] = {}
    for it in items:
        art = articles.get(it["id"]) or articles.setdefault(it["id"], plain_article(it["source"]))
        orig = check_claim(art, it["text"])
        it["verdict"] = orig.verdict
        it["reasons"] = orig.reasons
        it["results"] = {}
        for kind, text in it["corrupt"].items():
            if text is not None:
                c = check_claim(art, text)
                it["results"][kind] = (c.verdict, c.reasons)
    return items


def summarise(items: list[dict]) -> dict:
    rep: dict = {}
    halves = ("A", "B", "all") if any(x["half"] != "X" for x in items) else ("X",)
    for h in halves:
        part = [x for x in items if h == "all" or x["half"] == h]
        row = {"n": len(part), "flagged": sum(x["verdict"] != "supported" for x in part) / max(1, len(part))}
        for kind in KINDS:
            base = [x for x in part if x["verdict"] == "supported" and kind in x["results"]]
            caught = sum(worse(x["verdict"], x["results"][kind][0]) for x in base)
            row[kind] = (caught / len(base) if base else float("nan"), len(base))
        rep[h] = row
    return rep


def tuning_half(argv: list[str] | None, description: str) -> tuple[list[dict], dict] | None:
    """For the tuning scripts: parse --data/--half (half A by default) and return that
    half's items and their articles, or None (after a one-line error) when the data
    file is missing."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    ap.add_argument("--half", choices=("A", "B"), default="A")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"takeaways: no highlights data at {args.data}", file=sys.stderr)
        return None
    items = [x for x in build(args.data) if x["half"] == args.half]
    print(f"data: {args.data}, half {args.half}: {len({x['id'] for x in items})} articles, {len(items)} highlights")
    return items, {x["id"]: plain_article(x["source"]) for x in items}


def corrupted_misses(items: list[dict], articles: dict, kinds: tuple[str, ...] = KINDS,
                     key: str = "id") -> tuple[int, dict[str, tuple[int, int]]]:
    """For the tuning scripts: (highlights flagged, {kind: (copies missed, copies of
    supported originals)}). A copy is missed when its verdict is not worse than its
    supported original's. `articles` is keyed by each item's `key` field."""
    flagged = 0
    per = {kind: [0, 0] for kind in kinds}
    for it in items:
        art = articles[it[key]]
        v = check_claim(art, it["text"]).verdict
        if v != "supported":
            flagged += 1
            continue
        for kind in kinds:
            text = it["corrupt"][kind]
            if text is not None:
                per[kind][1] += 1
                per[kind][0] += not worse(v, check_claim(art, text).verdict)
    return flagged, {kind: (m, b) for kind, (m, b) in per.items()}


def objective_of(items: list[dict], articles: dict, kinds: tuple[str, ...] = KINDS) -> tuple[int, dict[str, int], int]:
    """For the tuning scripts: (highlights flagged, {kind: copies missed}, objective),
    the objective being flagged + 2 x missed, as every tuning script scores a setting."""
    flagged, per = corrupted_misses(items, articles, kinds)
    missed = {kind: m for kind, (m, _) in per.items()}
    return flagged, missed, flagged + 2 * sum(missed.values())


def name_swaps(items: list[dict], articles: dict) -> tuple[int, int, int]:
    """(highlights flagged, name swaps caught, supported originals with a swap copy)."""
    flagged = caught = base = 0
    for it in items:
        art = articles[it["id"]]
        v = check_claim(art, it["text"]).verdict
        flagged += v != "supported"
        swap = it["corrupt"]["name"]
        if v == "supported" and swap is not None:
            base += 1
            caught += worse(v, check_claim(art, swap).verdict)
    return flagged, caught, base


def name_rule_grid(module, grid: dict, switch: str, items: list[dict], articles: dict, tie) -> int:
    """For the name-rule tuning scripts: name swaps with the rule `checks.<switch>`
    off, then every setting of `grid` (constants of `module`), each printed; the
    chosen one is the lowest flagged + 2 x missed, then `tie(setting)` (smaller
    first). Prints the choice next to the rule off; returns 0."""
    import itertools  # noqa: PLC0415

    from summarizer.validate import checks  # noqa: PLC0415

    setattr(checks, switch, False)
    off = name_swaps(items, articles)
    setattr(checks, switch, True)
    print(f"rule off: flagged {off[0]}, swaps caught {off[1]}/{off[2]}")
    rows = []
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values))
        for k, v in setting.items():
            setattr(module, k, v)
        f, c, b = name_swaps(items, articles)
        rows.append((setting, f, c, b))
        print(" ".join(f"{k}={v}" for k, v in setting.items()) + f"  flagged {f}  caught {c}/{b}", flush=True)
    rows.sort(key=lambda r: (r[1] + 2 * (r[3] - r[2]), tie(r[0])))
    s, f, c, b = rows[0]
    print("chosen: " + " ".join(f"{k}={v}" for k, v in s.items()) + f"  flagged {f}  caught {c}/{b}"
          f"  objective {f + 2 * (b - c)} (rule off: {off[0] + 2 * (off[2] - off[1])})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev" / "cnndm-highlights-dev.jsonl")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--show", choices=KINDS + ("flagged",), help="print the misses of one kind (or flagged highlights)")
    ap.add_argument("--half", choices=("A", "B", "all"), default="all", help="with --show: which half")
    ap.add_argument("--every-swap", action="store_true",
                    help="also check every candidate name swap, not one drawn copy per bullet")
    ap.add_argument("--labelled", type=Path, nargs="+",
                    help="instead: supported CNN/DM summary sentences of these labelled sets (cliff-val, "
                         "frank-val) on articles not in --data, as an unseen set (half X)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"takeaways: no highlights data at {args.data}", file=sys.stderr)
        return 2
    if args.labelled:
        seen = {json.loads(line)["source"] for line in args.data.read_text().splitlines() if line.strip()}
        items = run([x for path in args.labelled for x in build_labelled(path, seen)])
    else:
        items = run(build(args.data))
    rep = summarise(items)
    what = ", ".join(map(str, args.labelled)) + " (supported CNN/DM summary sentences)" if args.labelled else args.data
    print(f"data: {what} ({len({x['source'] for x in items})} articles, {len(items)} highlights, checked as bullets)")
    print(f"{'half':<5}{'n':>5}{'flagged':>9}" + "".join(f"{k:>15}" for k in KINDS))
    for h, row in rep.items():
        print(f"{h:<5}{row['n']:>5}{row['flagged']:>9.1%}"
              + "".join(f"{row[k][0]:>9.1%} /{row[k][1]:>4}" for k in KINDS))
    print("per kind: share of corrupted copies (of bullets whose original is supported, n after /) "
          "that get a worse verdict; flagged: human highlights whose verdict is not supported")
    if args.show:
        for x in items:
            if args.half != "all" and x["half"] != args.half:
                continue
            if args.show == "flagged":
                if x["verdict"] != "supported":
                    print(f"- [{x['verdict']}] {x['text']}\n    {x['reasons']}")
            elif x["verdict"] == "supported" and args.show in x["results"] \
                    and not worse(x["verdict"], x["results"][args.show][0]):
                print(f"- {x['corrupt'][args.show]}\n    {x['results'][args.show]}")
    if args.every_swap:
        rep["every_swap"] = every_swap(items)
        print("every name swap (each supported bullet's first name swapped for each other name of the article "
              "that corrupt_name could draw; caught = worse verdict):")
        for h, (caught, n) in rep["every_swap"].items():
            print(f"  {h:<5}{caught / max(1, n):>7.1%} of {n} swaps")
    if args.json:
        args.json.write_text(json.dumps(rep, indent=2))
    return 0


def every_swap(items: list[dict]) -> dict[str, tuple[int, int]]:
    """{half: (caught, swaps)} over every candidate name swap of the supported bullets:
    one random copy per bullet (the table) leaves a half's name figure resting on
    50-65 draws; this counts all of them (several hundred per half), a steadier
    figure to compare rules by."""
    arts: dict[str, object] = {}
    per: dict[str, list[int]] = {}
    for it in items:
        if it["verdict"] != "supported":
            continue
        art = arts.get(it["source"]) or arts.setdefault(it["source"], plain_article(it["source"]))
        for text in name_swaps_of(it["text"], it["source"]):
            caught = worse(it["verdict"], check_claim(art, text).verdict)
            for h in {it["half"], "all"} if it["half"] != "X" else {"X"}:
                row = per.setdefault(h, [0, 0])
                row[0] += caught
                row[1] += 1
    return {h: (per[h][0], per[h][1]) for h in sorted(per)}


if __name__ == "__main__":
    raise SystemExit(main())
