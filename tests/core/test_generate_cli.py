"""`takeaways generate`: formats, the JSON contract, the store, bad input."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import DISCLOSURE
from summarizer.cli import main
from summarizer.ingest.decode import MAX_INPUT_BYTES

ROOT = Path(__file__).resolve().parents[2]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_on_seed(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, err = run_cli(capsys, "generate", str(seed_path), "--format", "json")
    assert code == 0
    assert "offline extractive engine" in err  # the notice when no endpoint is set
    lines = out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    article, draft, takeaways = record["article"], record["draft"], record["takeaways"]
    assert set(article) >= {"id", "title", "text", "sentences", "published_takeaways"}
    assert article["title"].startswith("Trump-Zelenskyy talks")
    assert len(article["published_takeaways"]) == 3
    for s in article["sentences"]:
        assert set(s) == {"index", "start", "end"}
    assert draft["provider"] == "extractive"
    assert {"provider", "model", "prompt", "params", "usage", "latency_ms"} <= set(draft)
    assert 3 <= len(takeaways) <= 5
    for t in takeaways:
        assert t["verdict"] == "supported"
        assert len(t["text"].split()) <= 25
        assert t["evidence"], t
        for ev in t["evidence"]:
            assert article["text"][ev["start"] : ev["end"]] == ev["text"]
        for c in t["checks"]:
            assert {"name", "passed", "message"} <= set(c)
        assert "unsupported_spans" in t


def test_n_controls_bullet_count(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    for n in (3, 5):
        code, out, _ = run_cli(capsys, "generate", str(seed_path), "--format", "json", "-n", str(n))
        assert code == 0
        assert len(json.loads(out)["takeaways"]) == n


def test_n_out_of_range_is_usage_error(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["generate", str(seed_path), "-n", "9"])
    assert exc.value.code == 2
    assert "3 to 5" in capsys.readouterr().err


def test_deterministic(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    _, first, _ = run_cli(capsys, "generate", str(seed_path), "--format", "json")
    _, second, _ = run_cli(capsys, "generate", str(seed_path), "--format", "json")
    a, b = json.loads(first), json.loads(second)
    assert [t["text"] for t in a["takeaways"]] == [t["text"] for t in b["takeaways"]]


def test_markdown_draft_does_not_claim_review(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run_cli(capsys, "generate", str(seed_path), "--format", "md")
    assert code == 0
    assert out.count("\n- ") >= 3
    assert DISCLOSURE not in out and "UNREVIEWED DRAFT" in out  # export alone says "reviewed"


def test_text_format_shows_verdicts_and_evidence(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run_cli(capsys, "generate", str(seed_path))
    assert code == 0
    assert "[supported" in out and "evidence [" in out
    assert "Published takeaways on the page" in out


def test_store_receives_article_draft_and_takeaways(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    code, _, _ = run_cli(capsys, "generate", str(seed_path), "--store", str(db), "--format", "json")
    assert code == 0
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    rows = conn.execute("SELECT status, verdict FROM takeaways").fetchall()
    assert len(rows) == 4 and all(r == ("pending", "supported") for r in rows)


def test_stdin_input(capsys: pytest.CaptureFixture[str], seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_path.read_bytes())))
    code, out, _ = run_cli(capsys, "generate", "-", "--format", "json")
    assert code == 0
    assert json.loads(out)["article"]["title"].startswith("Trump-Zelenskyy")


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n\t  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society gathered on Monday to discuss the town's future at length.".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"The council met again today and voted on the plan. " * (MAX_INPUT_BYTES // 50 + 10))
    (tmp_path / "adir").mkdir()
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "empty": (tmp_path / "empty.txt", "empty"),
        "blank": (tmp_path / "blank.txt", "empty"),
        "binary": (tmp_path / "binary.txt", "binary"),
        "latin1": (tmp_path / "latin1.txt", "not valid UTF-8"),
        "huge": (tmp_path / "huge.txt", "limit"),
        "directory": (tmp_path / "adir", "directory"),
        "no body": (ROOT / "tests" / "core" / "pages" / "no_body.txt", "no article body"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "blank", "binary", "latin1", "huge", "directory", "no body"]
)
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str) -> None:
    path, words = _bad_inputs(tmp_path)[case]
    code, out, err = run_cli(capsys, "generate", str(path), "--provider", "extractive")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert words in lines[0] and str(path) in lines[0]
    assert "Traceback" not in err


def test_bad_input_does_not_stop_good_ones(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path) -> None:
    code, out, err = run_cli(capsys, "generate", str(tmp_path / "nope.txt"), str(seed_path), "--format", "json")
    assert code == 2
    assert json.loads(out)["draft"]["provider"] == "extractive"
    assert "no such file" in err


def test_openai_without_endpoint_names_both_variables(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, err = run_cli(capsys, "generate", str(seed_path), "--provider", "openai")
    assert code == 2
    assert "OPENAI_API_KEY" in err and "OPENAI_BASE_URL" in err
    assert len(err.strip().splitlines()) == 1


def test_console_entry_point_has_no_traceback(tmp_path: Path) -> None:
    """A real process: stderr is one line, exit code 2, for an undecodable file."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "generate", str(bad)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("takeaways: ")
