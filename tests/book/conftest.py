"""Book tests set-up: turn the book's MyST chapters into notebooks that nbval executes.

Each ``book/*.md`` chapter is converted with jupytext into ``tests/book/_nb/<chapter>.ipynb``
when this folder is collected (this conftest is imported only then, so a run of
``tests/unit`` or ``tests/reproduction`` builds no notebook).  Cells tagged
``nbval-check-output`` get the outputs stored in ``tests/book/reference/<chapter>.json`` as
their expected output, so ``--nbval-lax`` compares exactly those cells (the chapter's key
numbers) and merely runs the others.  After an intended change of a key number, refresh the
references with ``python tests/book/update_references.py CHAPTER`` and commit them with the
change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jupytext
import nbformat

from tlspaper._io import atomic_path

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
NB_DIR = Path(__file__).resolve().parent / "_nb"
REF_DIR = Path(__file__).resolve().parent / "reference"
CHECK_TAG = "nbval-check-output"
#: The reference refresher is a script, not a test module.
collect_ignore = ["update_references.py"]
#: Another xdist worker's half-written notebook (hidden temp file of atomic_path) is no test.
collect_ignore_glob = ["_nb/.*"]


def chapter_sources() -> list[Path]:
    """MyST notebooks of the book (files with a jupytext header)."""
    return sorted(p for p in BOOK.glob("*.md") if "jupytext:" in p.read_text()[:400])


def checked_cells(nb) -> list:
    return [
        c for c in nb.cells if c.cell_type == "code" and CHECK_TAG in c.metadata.get("tags", [])
    ]


def build_test_notebook(src: Path, out_dir: Path = NB_DIR, strict: bool = True) -> Path:
    """Write the nbval notebook for chapter `src` with its reference outputs inserted.

    With `strict`, a chapter whose checked cells outnumber its stored references is an error
    (nbval would silently accept a checked cell that has no reference output).
    """
    nb = jupytext.read(src)
    ref_file = REF_DIR / f"{src.stem}.json"
    refs = json.loads(ref_file.read_text()) if ref_file.is_file() else []
    n_checked = len(checked_cells(nb))
    if strict and n_checked > len(refs):
        raise RuntimeError(
            f"{src.name} has {n_checked} cells tagged {CHECK_TAG} but {ref_file} stores "
            f"{len(refs)} reference outputs; run: python tests/book/update_references.py {src.stem}"
        )
    for i, cell in enumerate(checked_cells(nb)):
        # nbformat nodes (plain dicts break nbformat.writes), and an execution count: nbval
        # refuses "unrun" reference cells that have outputs.
        cell.outputs = [nbformat.from_dict(o) for o in refs[i]] if i < len(refs) else []
        cell.execution_count = i + 1 if i < len(refs) else None
    out_dir.mkdir(exist_ok=True)
    target = out_dir / f"{src.stem}.ipynb"
    with atomic_path(target) as tmp:  # concurrent pytest runs never see a half-written file
        jupytext.write(nb, tmp, fmt="ipynb")
    return target


def build_all() -> None:
    """Write the nbval notebook of every chapter and remove those of removed chapters."""
    sources = chapter_sources()
    for src in sources:
        build_test_notebook(src)
    current = {f"{src.stem}.ipynb" for src in sources}
    for stale in NB_DIR.glob("*.ipynb"):  # chapters that were renamed or removed
        if stale.name not in current and not stale.name.startswith("."):  # not a temp file
            stale.unlink(missing_ok=True)


if "pytest" in sys.modules:  # collected by pytest, not imported by update_references.py
    build_all()  # when pytest collects tests/book (atomic writes: xdist-safe)
