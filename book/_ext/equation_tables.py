"""Sphinx directive ``equation-table``: a paper module's EQUATIONS as a two-column table."""

from __future__ import annotations

import importlib

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

__all__ = ["EquationTable", "setup"]


class EquationTable(SphinxDirective):
    """``.. equation-table:: tlspaper.papers.churkin2021`` renders its ``EQUATIONS`` dict."""

    required_arguments = 1

    def run(self):
        module = importlib.import_module(self.arguments[0])
        lines = [".. list-table::", "   :header-rows: 1", "", "   * - equation", "     - function"]
        for label, fn in module.EQUATIONS.items():
            lines += [f"   * - {label}", f"     - :py:func:`{fn.__module__}.{fn.__qualname__}`"]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), 0, container)
        return container.children


def setup(app):
    """Register the directive with Sphinx."""
    app.add_directive("equation-table", EquationTable)
    return {"parallel_read_safe": True}
