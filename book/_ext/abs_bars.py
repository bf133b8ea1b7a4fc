"""Sphinx extension: let docstrings write absolute values as |x| without RST substitutions."""

from __future__ import annotations

import re

_BAR = re.compile(r"(?<!\\)\|")


def _escape_bars(app, what, name, obj, options, lines):
    """Escape '|' in prose lines of a docstring (tables and doctest lines are left alone)."""
    for i, line in enumerate(lines):
        stripped = line.strip()
        table_row = stripped.startswith(("|", "+")) and stripped.endswith(("|", "+"))
        if "|" not in line or table_row or stripped.startswith((">>>", "...")):
            continue
        lines[i] = _BAR.sub(r"\\|", line)


def setup(app):
    app.connect("autodoc-process-docstring", _escape_bars)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
