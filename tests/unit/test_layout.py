"""Package layout: physics below, the paper layer above, no import cycle, one equation table."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

import tlspaper
from tlspaper import papers

PACKAGE = Path(tlspaper.__file__).resolve().parent
ROOT = PACKAGE.parent
#: Modules that may import the paper layer: the layer itself and the command line above it.
ABOVE_PHYSICS = ("tlspaper.papers", "tlspaper.cli", "tlspaper.__main__")
#: How a docstring's first line cites each paper -> the paper module holding its equations.
CITATIONS = {
    "Churkin et al. (2021)": papers.churkin2021,
    "Churkin et al. (2013)": papers.churkin2013,
    "Leggett & Vural (2013)": papers.leggett2013,
    "Carruzzo & Yu (2020)": papers.carruzzo2020,
}
EQ_CITE = re.compile(
    r"\bEqs?\.\s*[A-Z]?\d+.*?\bof ("
    + "|".join(re.escape(c) for c in CITATIONS)
    + r")"
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path) -> set[str]:
    """Every tlspaper module that `name` imports anywhere in its source (lazy imports too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            # `from . import data` imports a module; `from .dos import fit` imports a name
            targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in MODULES else stem
                       for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def is_physics(name: str) -> bool:
    return not name.startswith(ABOVE_PHYSICS)


def test_graph_sees_known_edges():
    # guards the parser itself: these imports exist in the sources
    assert "tlspaper.papers.scorecard" in GRAPH["tlspaper.papers.churkin2021"]
    assert "tlspaper.papers.churkin2021" in GRAPH["tlspaper.papers"]
    assert any(is_physics(m) for m in GRAPH["tlspaper.papers.churkin2021"])


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def test_physics_never_imports_the_paper_layer():
    offenders = {
        name: sorted(m for m in deps if not is_physics(m))
        for name, deps in GRAPH.items()
        if is_physics(name)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_has_all_and_one_line_docstring(name):
    module = importlib.import_module(name)
    doc = (module.__doc__ or "").strip()
    assert doc, f"{name} has no module docstring"
    first = doc.split("\n\n")[0]
    assert "\n" not in first, f"{name}: the docstring's first paragraph is not one line"
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ lists names it does not define: {missing}"


def public_callables():
    for name in MODULES:
        if not is_physics(name):
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if callable(obj) and getattr(obj, "__module__", None) == name:
                yield name, attr, obj


def test_equation_citations_appear_in_exactly_one_table():
    problems = []
    for name, attr, obj in public_callables():
        first = (inspect.getdoc(obj) or "").splitlines()[:1]
        match = EQ_CITE.search(first[0]) if first else None
        if not match:
            continue
        tables = [p for p in papers.PAPERS if any(f is obj for f in p.EQUATIONS.values())]
        if tables != [CITATIONS[match.group(1)]]:
            problems.append(f"{name}.{attr} cites {match.group(1)} but is in "
                            f"{[p.__name__ for p in tables]}")
    assert problems == []


def test_equation_tables_point_at_public_functions():
    for paper in papers.PAPERS:
        for label, fn in paper.EQUATIONS.items():
            assert re.match(r"(Eqs?\.|Table|App\.|Sec\.) ", label), (paper.__name__, label)
            module = importlib.import_module(fn.__module__)
            assert is_physics(module.__name__), f"{paper.__name__} {label}: {fn} is not physics"
            assert fn.__name__ in module.__all__, f"{paper.__name__} {label}: {fn.__name__} private"


def test_each_paper_declares_an_equation_table():
    assert all(len(paper.EQUATIONS) > 0 for paper in papers.PAPERS)


def test_no_internal_labels():
    label = re.compile("seed" + r" 00[1-4]|_[0-9a-f]{16}\.txt|shared" + "/seeds", re.IGNORECASE)
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "book").glob("*.md"),
             ROOT / "book" / "references.bib", ROOT / "data" / "README.md",
             *(ROOT / "tests").rglob("*.py")]
    hits = [f"{f.relative_to(ROOT)}:{i}" for f in files
            for i, line in enumerate(f.read_text().splitlines(), 1) if label.search(line)]
    assert hits == []
