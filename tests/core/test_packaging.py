"""The wheel must carry every package and data file, and require every package the
code needs: `pip install .` (not editable) is how the README installs, and a file or
dependency missing from pyproject.toml only shows up there."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapped = {name: ROOT / path for name, path in config.get("package-dir", {}).items()}
    found = set()
    for top in ("summarizer", "review_tui"):
        for init in (ROOT / top).rglob("__init__.py"):
            if "__pycache__" in init.parts:
                continue
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    missing = found - listed
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    for name, path in mapped.items():
        assert name in listed and path.is_dir(), name


# Files the wheel is built from: the project metadata and the package folders.
_SOURCES = ("pyproject.toml", "README.md", "summarizer", "review_tui", "prompts")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel `pip install .` would install, built offline from a copy of the tree
    (no build isolation: setuptools comes from the test extras; nothing is fetched)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in _SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(tmp / "dist"), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (path,) = (tmp / "dist").glob("takeaways-*.whl")
    with zipfile.ZipFile(path) as zf:
        yield zf


def test_wheel_carries_every_data_file(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    data = {f"summarizer/prompts/{p.name}" for p in (ROOT / "prompts").glob("*.j2")}
    data |= {f"review_tui/{p.name}" for p in (ROOT / "review_tui").glob("*.tcss")}
    assert any(n.endswith(".j2") for n in data) and any(n.endswith(".tcss") for n in data)
    missing = data - names
    assert not missing, f"missing from the wheel (see [tool.setuptools.package-data]): {sorted(missing)}"


def test_wheel_carries_every_module(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for top in ("summarizer", "review_tui") for p in (ROOT / top).rglob("*.py")
               if "__pycache__" not in p.parts}
    modules |= {f"summarizer/prompts/{p.name}" for p in (ROOT / "prompts").glob("*.py")}
    assert not modules - names, sorted(modules - names)


def test_wheel_requires_the_html_cleaner(wheel: zipfile.ZipFile) -> None:
    """lxml 6.1 dropped the `html_clean` extra justext asks for: the wheel itself must
    require lxml_html_clean, or HTML input breaks on a plain `pip install .`."""
    (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    names = {re.sub(r"[-_.]+", "-", m.group(1)).lower()  # PEP 503 normalised: spellings vary by setuptools
             for m in re.finditer(r"^Requires-Dist:\s*([A-Za-z0-9._-]+)", wheel.read(meta).decode(), re.M)}
    assert "lxml-html-clean" in names, sorted(names)


def test_html_cleaner_is_importable() -> None:
    """What justext imports on every HTML page (through trafilatura)."""
    import lxml_html_clean  # noqa: F401
    from lxml.html.clean import Cleaner  # re-exported by lxml from lxml_html_clean

    assert "<script" not in Cleaner(javascript=True).clean_html("<div><script>x()</script><p>kept</p></div>")


def test_html_path_through_trafilatura_and_justext() -> None:
    """The HTML ingest path end to end, and justext's own cleaner on the same page."""
    import justext

    from summarizer.ingest import ingest_path

    page = ROOT / "tests" / "core" / "pages" / "library_hours.html"
    article = ingest_path(str(page))
    assert article.title and len(article.sentences) >= 3
    paragraphs = justext.justext(page.read_bytes(), justext.get_stoplist("English"))
    first = article.sentence_text(0)
    assert any(first[:40] in p.text for p in paragraphs), [p.text[:60] for p in paragraphs]
