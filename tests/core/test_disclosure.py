"""Drafts say what happened and nothing more: `generate` and batch output is an
unreviewed draft and names the offline engine as such (never an LLM); only export of
approved bullets says "reviewed" (tests/tui/test_export_disclosure.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.disclosure import REVIEWED, article_kind, draft_label, kind_of, reviewed_disclosures
from summarizer.errors import InputError

FALSE_CLAIMS = ("reviewed by our editorial team", "editorial team", "large language model", "LLM")


def generate(capsys: pytest.CaptureFixture[str], seed: Path, fmt: str) -> str:
    assert main(["generate", str(seed), "--provider", "extractive", "--format", fmt]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "text", "json"])
def test_extractive_draft_claims_no_review_and_no_llm(capsys, seed_path: Path, fmt: str) -> None:
    out = generate(capsys, seed_path, fmt)
    for claim in FALSE_CLAIMS:
        assert claim not in out, (claim, out[:400])
    assert "UNREVIEWED DRAFT" in out
    assert "automatic extractive tool" in out


def test_markdown_draft_ends_with_the_draft_label(capsys, seed_path: Path) -> None:
    out = generate(capsys, seed_path, "md")
    assert out.count("\n- ") >= 3
    assert out.rstrip().splitlines()[-1] == f"*{draft_label('extractive', 'extractive-v1')}*"


def test_json_draft_says_not_reviewed_and_who_drafted(capsys, seed_path: Path) -> None:
    record = json.loads(generate(capsys, seed_path, "json"))
    assert record["reviewed"] is False
    assert record["provider"] == "extractive" and record["drafted_by"] == "extractive"
    assert record["model"] == record["draft"]["model"] == "extractive-v3"
    assert record["disclosure"].startswith("UNREVIEWED DRAFT")


def test_batch_result_files_say_not_reviewed(seed_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "run"
    assert main(["batch", str(seed_path), "--out", str(out), "--provider", "extractive"]) == 0
    (path,) = [p for p in out.glob("*.json") if p.name != "report.json"]
    record = json.loads(path.read_text())
    assert next(iter(record)) == "work_key"  # resuming reads the key from the first bytes
    assert record["reviewed"] is False and record["provider"] == "extractive"
    assert record["model"] == "extractive-v3"
    for claim in FALSE_CLAIMS:
        assert claim not in path.read_text()


def test_kinds() -> None:
    assert kind_of("extractive") == "extractive" and kind_of("openai") == "llm"
    assert article_kind(["extractive", "extractive"]) == "extractive"
    assert article_kind(["extractive", "openai"]) == "llm"  # "with the assistance of" stays true
    assert "large language model (gpt-x)" in draft_label("openai", "gpt-x")
    assert "language model" not in draft_label("extractive", "extractive-v3")


def test_disclosure_options_per_kind_env_and_flags() -> None:
    assert reviewed_disclosures([], {}) == REVIEWED
    env = {"TAKEAWAYS_DISCLOSURE_EXTRACTIVE": "Picked by a tool, checked by the desk."}
    got = reviewed_disclosures(["llm=Drafted by AI, checked by the desk."], env)
    assert got == {"llm": "Drafted by AI, checked by the desk.", "extractive": "Picked by a tool, checked by the desk."}
    assert reviewed_disclosures(["extractive=A", "B"], {}) == {"llm": "B", "extractive": "B"}  # bare = both
    assert reviewed_disclosures(["Note: x=y"], {})["llm"] == "Note: x=y"  # not a kind: plain text
    with pytest.raises(InputError):
        reviewed_disclosures(["llm=  "], {})
