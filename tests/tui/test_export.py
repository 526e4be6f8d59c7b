"""`takeaways export`: approved bullets only, edited text, disclosure, audit, escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import fixed_clock
from summarizer import DISCLOSURE
from summarizer.cli import main
from summarizer.export import export_store
from summarizer.review import ReviewSession
from summarizer.store import Store


@pytest.fixture
def reviewed(store_path: Path) -> Path:
    """harbour: 1 approved as drafted, 1 edited then approved, 1 rejected, 1 pending.
    markup: the markup-looking bullet approved. seed: untouched (skipped on export)."""
    with Store(store_path) as store:
        s = ReviewSession(store, "ann", clock=fixed_clock())
        rows = s.queue("all")
        harbour, markup = rows[0], rows[1]
        h = s.bullets(harbour.article_id)
        s.approve(h[0])
        s.approve(s.edit(h[1], "Engineers found cracks in three of the bridge's steel supports."))
        s.reject(h[2])
        m = s.bullets(markup.article_id)
        s.approve(m[0])
    return store_path


def _files(out: Path, ext: str) -> list[Path]:
    return sorted(out.glob(f"*.{ext}"))


def test_json_has_approved_bullets_disclosure_and_audit(reviewed: Path, tmp_path: Path) -> None:
    with Store(reviewed) as store:
        summary = export_store(store, tmp_path / "out", "json")
    assert summary.skipped == 1 and len(summary.written) == 2
    records = {json.loads(p.read_text())["title"][:7]: json.loads(p.read_text()) for p in summary.written}
    harbour = records["Council"]
    texts = [t["text"] for t in harbour["takeaways"]]
    assert texts == [
        "The city council voted 7 to 2 to close the old harbour bridge to cars from March.",
        "Engineers found cracks in three of the bridge's steel supports.",
    ]
    assert harbour["disclosure"] == DISCLOSURE
    edited = harbour["takeaways"][1]
    assert edited["edited"] is True
    assert edited["original_text"] == "Engineers found cracks in three steel supports of the bridge in January."
    assert edited["approved_by"] == "ann" and edited["approved_at"].startswith("2026-01-05T09:")
    assert edited["evidence"] and all({"start", "end", "text"} <= set(e) for e in edited["evidence"])
    assert edited["verdict"] in ("supported", "review", "unsupported")
    actions = [d["action"] for d in harbour["audit"]]
    assert actions == ["approve", "edit", "approve", "reject"]
    assert all(d["reviewer"] == "ann" for d in harbour["audit"])


def test_markdown_and_html(reviewed: Path, tmp_path: Path) -> None:
    with Store(reviewed) as store:
        md = export_store(store, tmp_path / "md", "md", disclosure="Reviewed by the night desk.")
        html = export_store(store, tmp_path / "html", "html")
    md_text = {p.read_text() for p in md.written}
    harbour_md = next(t for t in md_text if "harbour" in t)
    assert "- The city council voted 7 to 2" in harbour_md
    assert "*Reviewed by the night desk.*" in harbour_md
    assert "mayor resigned" not in harbour_md and "three steel supports of the bridge in January" not in harbour_md
    pages = {p.read_text() for p in html.written}
    banner = next(t for t in pages if "banner" in t.lower())
    assert "[bold]x[/]" in banner  # shown literally
    assert "<script" not in banner
    assert "&lt;" not in DISCLOSURE and f"<em>{DISCLOSURE}</em>" in banner
    assert banner.count("<li>") == 1


def test_html_escapes_article_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.ingest import plain_article
    from summarizer.models import Draft, Takeaway
    from summarizer.pipeline import check_draft

    text = 'The mayor said <script>alert("x")</script> & "quotes" were found on the site on Monday morning.'
    article = plain_article(text, title="<b>Bold</b> & co")
    result = check_draft(article, Draft(provider="t", model="t", takeaways=[Takeaway(text=text, sources=[0])]))
    with Store(tmp_path / "s.db") as store:
        store.save_result(result)
        s = ReviewSession(store, "ann")
        b = s.bullets(article.id)[0]
        s.approve(b, note="fine")
        (path,) = export_store(store, tmp_path / "o", "html").written
    page = path.read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page


def test_export_cli(reviewed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    assert main(["export", "--store", str(reviewed), "--format", "md", "--out", str(out)]) == 0
    assert len(_files(out, "md")) == 2
    assert "exported 2 article(s)" in capsys.readouterr().err
    assert not list(out.glob(".*.tmp")), "no temp files left behind"
    assert main(["export", "--store", str(tmp_path / "missing.db"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all " * 100)
    assert main(["export", "--store", str(junk), "--out", str(out)]) == 2
    assert "not a takeaways store" in capsys.readouterr().err


def test_review_cli_rejects_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], store_path: Path) -> None:
    assert main(["review", "--store", str(tmp_path / "nope.db")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert main(["review", "--store", str(store_path), "--keys", str(tmp_path / "nokeys.toml")]) == 2
    assert "no such key bindings file" in capsys.readouterr().err


def test_reexport_withdraws_an_article_that_lost_its_approvals(reviewed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Store(reviewed) as store:
        first = export_store(store, out, "md")
        assert len(first.written) == 2
        s = ReviewSession(store, "ann")
        banner = s.queue("all")[1]
        s.undo(banner.article_id)  # the only approval on the banner article
        second = export_store(store, out, "md")
    assert len(second.written) == 1 and [p.name for p in second.withdrawn] == [f"{banner.article_id[:16]}.md"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in second.written)
