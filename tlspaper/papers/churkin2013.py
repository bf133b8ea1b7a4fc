"""Churkin, Gabdank, Burin & Schechter (2013): TLS glass vs electron glass in mean field."""

from __future__ import annotations

from .scorecard import Published, Row

__all__ = ["DATASETS", "EQUATIONS", "PUBLISHED", "rows"]

#: Numbers printed in the paper: name -> Published(value, where printed).
PUBLISHED: dict[str, Published] = {}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {}

#: Datasets of this paper that the package regenerates: registry name -> generation spec.
DATASETS: dict = {}


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
    """
    return []
