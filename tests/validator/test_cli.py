"""`takeaways validate`: both forms, record format, malformed lines, exit codes."""

from __future__ import annotations

import json

from summarizer.cli import main
from tests.validator.conftest import ARTICLE


def _write_jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_input_jsonl_summary_and_bullets_records(tmp_path, capsys):
    summary = "Russia controls about a fifth of Ukraine. The United States will pay $9 million for demining."
    src = tmp_path / "pairs.jsonl"
    _write_jsonl(src, [
        json.dumps({"id": "s1", "source": ARTICLE, "summary": summary}),
        json.dumps({"id": "b1", "source": ARTICLE, "bullets": ["Arsenal beat Chelsea 2-1 at the Emirates.",
                                                               "Peskov said there was no progress on the Donbas."]}),
    ])
    out = tmp_path / "verdicts.jsonl"
    assert main(["validate", "--input", str(src), "--output", str(out)]) == 0
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["s1", "b1"]
    s1, b1 = recs
    assert set(s1) >= {"id", "verdict", "score", "unsupported_spans", "claims"}
    assert len(s1["claims"]) == 2
    first, second = s1["claims"]
    assert first["verdict"] == "supported" and second["verdict"] != "supported"
    assert s1["verdict"] == second["verdict"] and s1["score"] == min(first["score"], second["score"])
    for c in s1["claims"]:
        assert summary[c["start"] : c["end"]] == c["text"]
        assert set(c) >= {"text", "start", "end", "verdict", "score", "evidence", "unsupported_spans", "checks"}
    assert any("9 million" in summary[s:e] for s, e in s1["unsupported_spans"])
    assert b1["verdict"] == "supported" and b1["unsupported_spans"] == []
    assert [c["text"] for c in b1["claims"]] == ["Arsenal beat Chelsea 2-1 at the Emirates.",
                                                "Peskov said there was no progress on the Donbas."]


def test_malformed_lines_are_reported_with_line_numbers_and_skipped(tmp_path, capsys):
    src = tmp_path / "pairs.jsonl"
    _write_jsonl(src, [
        json.dumps({"id": 1, "source": ARTICLE, "summary": "Russia controls about a fifth of Ukraine."}),
        "{not json",
        json.dumps({"id": 3, "source": ARTICLE}),
        json.dumps({"id": 4, "source": ARTICLE, "bullets": "not a list"}),
        json.dumps({"id": 5, "source": ARTICLE, "summary": "Arsenal beat Chelsea."}),
    ])
    code = main(["validate", "--input", str(src)])
    captured = capsys.readouterr()
    assert code == 2
    ids = [json.loads(line)["id"] for line in captured.out.splitlines()]
    assert ids == [1, 5]
    err = captured.err.splitlines()
    assert len(err) == 3
    assert ":2: skipped" in err[0] and ":3: skipped" in err[1] and ":4: skipped" in err[2]
    assert "Traceback" not in captured.err


def test_article_with_bullets_file(tmp_path, capsys):
    art = tmp_path / "article.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    bullets = tmp_path / "bullets.txt"
    bullets.write_text("- Russia controls about a fifth of Ukraine.\n- Russia controls half of Ukraine.\n",
                       encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(bullets)]) == 0
    out = capsys.readouterr().out
    assert "1. [supported" in out
    assert "2. [" in out and "'half" in out
    assert main(["validate", str(art), "--bullets", str(bullets), "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["verdict"] != "supported" and len(rec["claims"]) == 2


def test_bad_usage_exits_2_with_one_line(tmp_path, capsys):
    assert main(["validate"]) == 2
    assert main(["validate", "--input", str(tmp_path / "missing.jsonl")]) == 2
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    assert main(["validate", str(art), "--bullets", str(tmp_path / "none.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("takeaways: ") for line in err)


def test_input_splits_each_source_once_even_when_records_interleave(tmp_path, monkeypatch):
    """Sources that come back after other sources (CLIFF's layout: one block per
    system) are split and indexed once, and the verdicts are those of one record per
    run; with room for one article only, the one needed again latest is dropped."""
    import summarizer.commands.validate as command
    import summarizer.validate.index as index

    other = "The council approved a new bridge over the river on Tuesday. Work starts in May."
    third = "Heavy rain closed two schools in the valley. Classes resume on Monday."
    rows = [(ARTICLE, "Russia controls about a fifth of Ukraine."), (other, "The council approved a bridge."),
            (ARTICLE, "The United States will pay $9 million."), (third, "Rain closed three schools."),
            (other, "Work starts in June."), (ARTICLE, "Peskov said there was no progress.")]
    lines = [json.dumps({"id": k, "source": s, "summary": t}) for k, (s, t) in enumerate(rows)]
    alone = []
    for line in lines:  # reference: each record on its own, fresh caches
        index._CACHE.clear()
        _write_jsonl(tmp_path / "one.jsonl", [line])
        assert main(["validate", "--input", str(tmp_path / "one.jsonl"), "--output", str(tmp_path / "o.jsonl")]) == 0
        alone.append((tmp_path / "o.jsonl").read_text())
    builds = []
    real_build = index._build
    monkeypatch.setattr(index, "_build", lambda a: builds.append(a.text[:20]) or real_build(a))
    monkeypatch.setattr(index, "CACHE_SIZE", 1)  # the validator's own cache cannot help
    for room, expected in ((256, 3), (1, 4)):
        index._CACHE.clear()
        builds.clear()
        monkeypatch.setattr(command, "ARTICLE_CACHE", room)
        _write_jsonl(tmp_path / "all.jsonl", lines)
        assert main(["validate", "--input", str(tmp_path / "all.jsonl"), "--output", str(tmp_path / "all.out")]) == 0
        assert (tmp_path / "all.out").read_text() == "".join(alone)
        # room for 1: after record 1, ARTICLE (next at 2) is kept over `other` (next at 4);
        # record 3's `third` is never needed again; `other` is rebuilt at 4
        assert len(builds) == expected, (room, builds)


def test_input_jsonl_checks_a_repeated_claim_once_per_source(tmp_path, monkeypatch):
    """validate --input checks a claim text once per source (MEMO_CLAIMS) and gives
    every record the same output as checking each claim afresh; the same text
    against another source is checked against that source."""
    import summarizer.commands.validate as command  # noqa: PLC0415

    other = "The city council approved a new bridge on Tuesday. Work starts in June."
    claim = "The council approved a bridge."  # supported by `other`, not by ARTICLE
    rows = [(ARTICLE, "Russia controls about a fifth of Ukraine. " + claim), (other, claim),
            (ARTICLE, claim + " Russia controls about a fifth of Ukraine."), (other, claim + " Work starts in June."),
            (ARTICLE, claim)]
    _write_jsonl(tmp_path / "in.jsonl", [json.dumps({"id": k, "source": s, "summary": t})
                                         for k, (s, t) in enumerate(rows)])
    calls = []
    real = command.check_claim
    monkeypatch.setattr(command, "check_claim", lambda a, t, **kw: calls.append(t) or real(a, t, **kw))
    outputs = {}
    for memo in (False, True):
        calls.clear()
        monkeypatch.setattr(command, "MEMO_CLAIMS", memo)
        assert main(["validate", "--input", str(tmp_path / "in.jsonl"), "--output", str(tmp_path / "o.jsonl")]) == 0
        outputs[memo] = (tmp_path / "o.jsonl").read_text()
        assert len(calls) == (8 if not memo else 4)  # 8 claims; 2 distinct ones x ARTICLE, 2 x other
    assert outputs[True] == outputs[False]
    verdicts = {(r["id"], c["text"]): c["verdict"] for r in map(json.loads, outputs[True].splitlines())
                for c in r["claims"]}
    assert verdicts[(1, claim)] == "supported" and verdicts[(0, claim)] != "supported"
