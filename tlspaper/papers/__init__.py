"""The reproduction layer: the four papers' published numbers, equations, datasets and rows.

It imports the physics modules of :mod:`tlspaper` and is never imported by them.  One module
per paper, named by its bibliography key; each holds ``PUBLISHED`` (value and where it is
printed), ``EQUATIONS`` ("Eq. N" -> public function), ``DATASETS`` (registry name -> the spec
that regenerates it) and ``rows()`` (its published-vs-ours comparisons, see
:mod:`tlspaper.papers.scorecard`).
"""

from __future__ import annotations

from . import beyond, carruzzo2020, churkin2013, churkin2021, leggett2013, scorecard

__all__ = ["CITATIONS", "PAPERS", "find_dataset", "generate", "results", "rows"]

#: The paper modules in the book's reading order.
PAPERS = (churkin2021, churkin2013, carruzzo2020, leggett2013)

#: How the book names each paper (bibliography key -> citation).
CITATIONS = {
    "churkin2021": "Churkin et al. (2021)",
    "churkin2013": "Churkin et al. (2013)",
    "carruzzo2020": "Carruzzo & Yu (2020)",
    "leggett2013": "Leggett & Vural (2013)",
}


def rows() -> list[scorecard.Row]:
    """Every published-vs-ours comparison of the book, paper by paper.

    Returns
    -------
    list of Row
    """
    return scorecard.collect(PAPERS)


def results() -> list[scorecard.Result]:
    """Our results that no paper has (the "beyond the papers" group, :mod:`.beyond`).

    Returns
    -------
    list of Result
    """
    return beyond.results()


def find_dataset(name: str):
    """Return the paper module (or :mod:`.beyond`) whose ``DATASETS`` holds the name `name`.

    Raises
    ------
    KeyError
        If no paper declares `name`; the message lists the names that exist.
    """
    for paper in (*PAPERS, beyond):
        if name in paper.DATASETS:
            return paper
    known = sorted(n for paper in (*PAPERS, beyond) for n in paper.DATASETS)
    raise KeyError(f"no paper declares a dataset named {name!r}; known: {', '.join(known)}")


def generate(name: str, **options):
    """Regenerate the registered dataset `name` from its recorded spec (see ``tlspaper generate``).

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"meanfield_tls_size.npz"``.
    **options
        Passed to the paper module's ``generate`` (e.g. ``realizations``, ``output``).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    return find_dataset(name).generate(name, **options)
