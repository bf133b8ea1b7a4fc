"""Build the HTML book and open every chapter in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.slow


def toc_chapters() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        if part["caption"] == "Chapters":
            return [c["file"] for c in part.get("chapters") or []]
    return []


@pytest.fixture(scope="module")
def built_book() -> Path:
    """Build the book once (execution cache in _build/.jupyter_cache), failing on any warning."""
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jb), "build", str(ROOT), "-W", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    assert proc.returncode == 0, f"book build failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-4000:]}"
    return HTML


def test_book_builds_every_toc_page(built_book):
    for page in ["book/intro", *toc_chapters(), "book/scorecard", "book/api"]:
        assert (built_book / f"{page}.html").is_file(), f"{page}.html missing from the build"


def render(url: str) -> str:
    """Return the DOM of `url` after its scripts ran, from headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=20000",
                "--allow-file-access-from-files",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.browser
@pytest.mark.parametrize(
    "page", toc_chapters() or [pytest.param("none", marks=pytest.mark.skip("no chapters yet"))]
)
def test_chapter_renders_in_chromium(built_book, page):
    if CHROMIUM is None:
        pytest.skip(
            "Chromium not found: install Debian's 'chromium' package "
            "(apt-get install chromium), as .ci/run does, to enable this test"
        )
    html_file = built_book / f"{page}.html"
    dom = render(html_file.as_uri())
    assert "<mjx-container" in dom, f"{page}: no equation rendered by MathJax"
    images = re.findall(r'<img[^>]+src="([^"]+)"', dom)
    figures = [src for src in images if "_images/" in src or src.startswith("data:image")]
    assert figures, f"{page}: no figure on the page"
    captions = dom.count("<figcaption")
    assert len(figures) <= captions, (
        f"{page}: {len(figures)} images but {captions} captions: a figure is shown twice "
        "(close it with plt.close(fig) after glue) or lacks a numbered caption"
    )
    for src in figures:
        if not src.startswith("data:"):
            target = (html_file.parent / src).resolve()
            assert target.is_file() and target.stat().st_size > 0, f"{page}: broken figure {src}"
    text = re.sub(r"<[^>]+>", " ", dom)
    for bad in ("Traceback (most recent call last)", "CellExecutionError", "Error in cell"):
        assert bad not in text, f"{page}: page shows {bad!r}"
    assert 'class="output stderr"' not in dom and "output_error" not in dom, f"{page}: error output"
