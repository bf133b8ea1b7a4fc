"""Build the HTML book and open every chapter in headless Chromium, as a reader at 1280 px would.

The layout checks run inside the page: a copy of each chapter with a small script appended is
opened in Chromium (``--dump-dom`` after MathJax has typeset), the script measures the main
column and writes its findings into an attribute of ``<html>``.  No browser driver is needed,
only Chromium's own command-line flags.  Set ``TLSPAPER_SHOTS=/some/dir`` to also save a
1280 px screenshot of the top of every chapter there.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH = 1280  # px, the reader's window width the layout must fit
HEIGHT = 900

pytestmark = pytest.mark.slow


def toc_files(caption: str | None = None) -> list[str]:
    """Files of the table of contents, in order (only the part `caption` if given)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [
        c["file"]
        for part in toc["parts"]
        if caption is None or part["caption"] == caption
        for c in part.get("chapters") or []
    ]


def toc_chapters() -> list[str]:
    return toc_files("Chapters")


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
    for page in ["book/intro", *toc_files()]:
        assert (built_book / f"{page}.html").is_file(), f"{page}.html missing from the build"


def test_repository_url_in_one_place():
    """The book's repository (source, issue and launch buttons) is the package's Source URL."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    assert config["repository"]["url"] == urls["Source"]
    assert config["launch_buttons"].get("notebook_interface") == "jupyterlab"


def test_lab_extra_opens_chapters_as_notebooks():
    """`pip install -e ".[lab]"` brings JupyterLab, Jupytext and what the chapters import."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    names = {re.split(r"[\[<>=!~ ;]", req, maxsplit=1)[0].lower() for req in extras["lab"]}
    assert {"jupyterlab", "jupytext", "matplotlib", "ipykernel"} <= names, names


@pytest.mark.parametrize("page", toc_chapters())
def test_book_builds_ipynb_download(built_book, page):
    """The download button offers the executed chapter as .ipynb (beside .md and the PDF)."""
    nb = built_book / "_sources" / f"{page}.ipynb"
    assert nb.is_file() and nb.stat().st_size > 0, f"{page}: no .ipynb download ({nb})"
    json.loads(nb.read_text())  # a real notebook, not a stub
    page_html = (built_book / f"{page}.html").read_text()
    assert f"{Path(page).name}.ipynb" in page_html, f"{page}: no .ipynb download button"


# --- headless Chromium ----------------------------------------------------------------------

# Appended to a copy of each page: waits for MathJax, then measures the main column.
LAYOUT_SCRIPT = """
<script>
(function () {
  function describe(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    if (el.className && typeof el.className === "string") {
      s += "." + el.className.trim().split(/\\s+/).join(".");
    }
    var text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60);
    return s + " '" + text + "'";
  }
  function measure() {
    var art = document.querySelector("article.bd-article") || document.querySelector("main");
    var box = art.getBoundingClientRect();
    // An element wider than the column is fine inside a box that scrolls and itself fits;
    // inside a box that hides its overflow, the reader loses the part that does not fit.
    function where(el) {
      for (var a = el.parentElement; a && a !== art; a = a.parentElement) {
        var ox = getComputedStyle(a).overflowX;
        if (ox === "auto" || ox === "scroll") {
          var ar = a.getBoundingClientRect();
          return ar.left >= box.left - 1 && ar.right <= box.right + 1 ? "scrolls" : "overflows";
        }
        if (ox === "hidden" || ox === "clip") return "clipped";
      }
      return "overflows";
    }
    var overflow = [], flagged = new Set();
    art.querySelectorAll("*").forEach(function (el) {
      if (el.closest("mjx-assistive-mml")) return;  // off-screen copy for screen readers
      var r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        var state = where(el);
        if (state !== "scrolls") {
          flagged.add(el);
          if (flagged.has(el.parentElement)) return;  // report the outermost box only
          overflow.push(describe(el) + " " + state + ": spans " + Math.round(r.left) + "-"
                        + Math.round(r.right) + " px");
        }
      }
    });
    var covered = [];  // an equation number drawn over its equation
    document.querySelectorAll("div.math").forEach(function (d) {
      var n = d.querySelector("span.eqno"), m = d.querySelector("mjx-container");
      if (!n || !m) return;
      var a = n.getBoundingClientRect(), b = m.getBoundingClientRect();
      var apart = a.right <= b.left + 1 || a.left >= b.right - 1
        || a.bottom <= b.top + 1 || a.top >= b.bottom - 1;
      if (!apart) {
        covered.push(d.id + " " + (n.textContent || "").trim());
      }
    });
    var result = {
      column: [Math.round(box.left), Math.round(box.right)],
      viewport: window.innerWidth,
      page_width: document.documentElement.scrollWidth,
      overflow: overflow.slice(0, 20),
      n_overflow: overflow.length,
      covered_equations: covered,
      mathjax_errors: document.querySelectorAll("mjx-merror").length,
      typeset: document.querySelectorAll("mjx-container").length
    };
    document.documentElement.setAttribute("data-layout", JSON.stringify(result));
  }
  window.addEventListener("load", function () {
    var tries = 0;
    (function wait() {
      var mj = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
      if (mj) { mj.then(function () { setTimeout(measure, 300); }); }
      else if (tries++ < 50) { setTimeout(wait, 100); }
      else { measure(); }
    })();
  });
})();
</script>
"""


def chromium(*args: str, timeout: int = 180) -> str:
    """Run headless Chromium at the reader's width with a throw-away profile; return stdout."""
    if CHROMIUM is None:
        pytest.skip(
            "Chromium not found: install Debian's 'chromium' package "
            "(apt-get install chromium), as .ci/run does, to enable this test"
        )
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
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=20000",
                "--allow-file-access-from-files",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@cache
def rendered(page: str) -> tuple[str, dict]:
    """DOM of chapter `page` after its scripts ran, and the layout measured at 1280 px."""
    html_file = HTML / f"{page}.html"
    source = html_file.read_text()
    # a sibling copy, so that every relative link (CSS, MathJax, figures) resolves as usual
    fd, probe = tempfile.mkstemp(prefix=".layout-", suffix=".html", dir=html_file.parent)
    os.close(fd)
    probe = Path(probe)
    try:
        probe.write_text(source.replace("</body>", LAYOUT_SCRIPT + "</body>", 1))
        dom = chromium("--dump-dom", probe.as_uri())
    finally:
        probe.unlink(missing_ok=True)
    match = re.search(r'<html[^>]*\sdata-layout="([^"]*)"', dom)
    assert match, f"{page}: the layout probe did not run (page script failed or timed out)"
    shots = os.environ.get("TLSPAPER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        out = Path(shots) / f"{page.replace('/', '_')}.png"
        chromium(f"--screenshot={out}", html_file.as_uri())
    return dom, json.loads(html_lib.unescape(match.group(1)))


def cells(dom: str) -> list[tuple[str, str, str]]:
    """(class attribute, HTML, text) of every code cell of a page, in order."""
    starts = list(re.finditer(r'<div class="(cell(?: [^"]*)?)"', dom))
    ends = [m.start() for m in starts[1:]] + [len(dom)]
    return [
        (
            m.group(1),
            dom[m.start() : end],
            html_lib.unescape(re.sub(r"<[^>]+>", "", dom[m.start() : end])),
        )
        for m, end in zip(starts, ends, strict=True)
    ]


chapter_params = toc_chapters() or [pytest.param("none", marks=pytest.mark.skip("no chapters yet"))]


@pytest.mark.browser
@pytest.mark.parametrize("page", chapter_params)
def test_chapter_renders_in_chromium(built_book, page):
    html_file = built_book / f"{page}.html"
    dom, layout = rendered(page)
    assert "<mjx-container" in dom, f"{page}: no equation rendered by MathJax"
    assert layout["mathjax_errors"] == 0, f"{page}: MathJax could not typeset an equation"
    images = re.findall(r'<img[^>]+src="([^"]+)"', dom)
    figures = [src for src in images if "_images/" in src or src.startswith("data:image")]
    assert figures, f"{page}: no figure on the page"
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", dom, flags=re.S)
    numbered = [c for c in captions if re.search(r'class="caption-number">Fig\. \d+', c)]
    assert len(figures) <= len(numbered), (
        f"{page}: {len(figures)} images but {len(numbered)} numbered captions: a figure is shown "
        "twice (close it with plt.close(fig) after glue) or lacks a numbered caption"
    )
    for src in figures:
        if not src.startswith("data:"):
            target = (html_file.parent / src).resolve()
            assert target.is_file() and target.stat().st_size > 0, f"{page}: broken figure {src}"
    text = re.sub(r"<[^>]+>", " ", dom)
    for bad in ("Traceback (most recent call last)", "CellExecutionError", "Error in cell"):
        assert bad not in text, f"{page}: page shows {bad!r}"
    assert 'class="output stderr"' not in dom and "output_error" not in dom, f"{page}: error output"
    assert 'class="output traceback' not in dom, f"{page}: traceback output"


@pytest.mark.browser
@pytest.mark.parametrize("page", chapter_params)
def test_chromium_chapter_fits_1280px(built_book, page):
    """Nothing in the main column is wider than it: wide things scroll inside their own box."""
    _, layout = rendered(page)
    assert layout["viewport"] == WIDTH, layout
    assert not layout["overflow"], (
        f"{page}: {layout['n_overflow']} elements run past the main column "
        f"{layout['column']} at {WIDTH} px:\n  " + "\n  ".join(layout["overflow"])
    )
    assert layout["page_width"] <= WIDTH, f"{page}: the page scrolls sideways ({layout})"
    assert not layout["covered_equations"], (
        f"{page}: equation number drawn over the equation: {layout['covered_equations']}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("page", chapter_params)
def test_chromium_drawing_cells_collapsed(built_book, page):
    """Cells that draw a figure are collapsed behind a show/hide toggle; the rest stay open."""
    dom, _ = rendered(page)
    page_cells = cells(dom)
    drawing = [(cls, text) for cls, _, text in page_cells if "plt.subplots(" in text]
    assert drawing, f"{page}: no drawing cell found (did the page structure change?)"
    open_drawing = [
        text.strip().splitlines()[0][:80]
        for cls, text in drawing
        if "tag_hide-input" not in cls.split()
    ]
    assert not open_drawing, f"{page}: drawing cells not tagged hide-input: {open_drawing}"
    for cls, body, _ in page_cells:
        if "tag_hide-input" in cls.split():
            assert re.search(r'<details class="[^"]*\bhide\b[^"]*above-input', body), (
                f"{page}: a hide-input cell has no show/hide toggle"
            )
            assert "Show code cell source" in body, f"{page}: toggle without its label"
