"""Refresh the stored reference outputs of the chapters' key-number cells.

Usage: ``python tests/book/update_references.py [CHAPTER ...]`` (default: every chapter).
Run it only after a change that is meant to move a key number, and commit the new
``tests/book/reference/*.json`` together with that change, saying why the number moved.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import REF_DIR, build_test_notebook, chapter_sources, checked_cells  # noqa: E402

from tlspaper._io import atomic_path  # noqa: E402


def refresh(src: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.read(build_test_notebook(src, Path(tmp), strict=False), as_version=4)
        NotebookClient(
            nb,
            timeout=1800,
            kernel_name="python3",
            resources={"metadata": {"path": str(src.parent)}},
        ).execute()
    outputs = [c.outputs for c in checked_cells(nb)]
    REF_DIR.mkdir(exist_ok=True)
    with atomic_path(REF_DIR / f"{src.stem}.json") as out:
        out.write_text(json.dumps(outputs, indent=1, sort_keys=True) + "\n")
    return len(outputs)


if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    for src in chapter_sources():
        if not wanted or src.stem in wanted:
            print(f"{src.stem}: {refresh(src)} checked cells stored")
