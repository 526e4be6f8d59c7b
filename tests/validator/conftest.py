"""Fixtures for the validator tests: a small hand-written article (no dev-data text)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.ingest import plain_article
from summarizer.models import Article

ROOT = Path(__file__).resolve().parents[2]

ARTICLE = (
    "KYIV — Russia and Ukraine on Monday remained far apart on territorial issues, "
    "despite progress on security guarantees at talks between President Donald Trump and "
    "Ukrainian leader Volodymyr Zelenskyy.\n\n"
    "Russia controls about a fifth of Ukraine, including the Crimean peninsula, which it annexed in 2014.\n\n"
    "Trump said security guarantees were 95% agreed and that the deal was \"getting a lot closer\".\n\n"
    "The United States will pay $2.5 million towards demining, officials said on Tuesday.\n\n"
    "Kremlin spokesman Dmitry Peskov said there was no progress on the fate of the Donbas.\n\n"
    "Arsenal beat Chelsea 2-1 at the Emirates on Saturday, the club's third win in a row."
)


@pytest.fixture
def article() -> Article:
    return plain_article(ARTICLE, title="Talks make progress on guarantees, not territory")


@pytest.fixture
def dev_data() -> Path:
    """../shared/data/dev beside the checkout (or $TAKEAWAYS_DEV_DATA); skip when absent."""
    path = Path(os.environ.get("TAKEAWAYS_DEV_DATA", ROOT.parent / "shared" / "data" / "dev"))
    if not (path / "cliff-val.jsonl").exists():
        pytest.skip("dev data (../shared/data/dev) is not beside this checkout")
    return path


@pytest.fixture
def validate_bullets(tmp_path):
    """Run `takeaways validate --input` on one record per bullet, all on `source`, and
    return the output records in order (the command must exit 0). One record per
    bullet: bullets of one record would also meet the duplicate check."""
    def run(source: str, texts: list[str]) -> list[dict]:
        src = tmp_path / "in.jsonl"
        src.write_text("".join(json.dumps({"id": f"r{i}", "source": source, "bullets": [t]}) + "\n"
                               for i, t in enumerate(texts)), encoding="utf-8")
        out = tmp_path / "out.jsonl"
        assert main(["validate", "--input", str(src), "--output", str(out)]) == 0
        return [json.loads(line) for line in out.read_text().splitlines()]
    return run
