"""The article view's line wrapping and highlight rendering."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from review_tui.widgets import ArticleView, wrap_offsets
from test_app import SIZE, make_app


def test_wrap_offsets_cover_the_text_and_fit_the_width() -> None:
    text = ("Ünïcode words, a verylongtokenthatdoesnotfitanywhereatallinthewidth and 漢字 wide glyphs.\n\n"
            "Second paragraph [bold]x[/] here.")
    for width in (8, 13, 30, 200):
        lines = wrap_offsets(text, width)
        assert all(cell_len(text[s:e].rstrip()) <= max(width, 8) for s, e in lines), width
        joined = "".join("".join(text[s:e].split()) for s, e in lines)
        assert joined == "".join(text.split()), "every character is on some line, once, in order"
        assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:]))


async def test_evidence_is_drawn_highlighted(store_path: Path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        (start, end), *_ = view.evidence
        line = view.line_of(start) - int(view.scroll_offset.y)
        strip = view.render_line(line)
        lit = view.get_component_rich_style("article-view--evidence", partial=True)
        highlighted = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == lit.bgcolor)
        assert highlighted and highlighted.strip() in app.session.article(app.screen.article_id).text[start:end]
        plain = view.render_line(view.line_of(end) + 2 - int(view.scroll_offset.y))
        assert not any(seg.style and seg.style.bgcolor == lit.bgcolor for seg in plain)
