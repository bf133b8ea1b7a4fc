"""Beyond the papers: results that none of the four papers has, with their datasets.

Three extensions, one module each: the TLS glass of Churkin et al. (2013) by Monte Carlo
instead of mean field (:mod:`.tls_glass_mc`), the thermodynamic limit of the Monte Carlo DOS
of Churkin et al. (2021) (:mod:`.thermodynamic_limit`), and fits in J0/h0 through a DOS
emulator instead of a temperature-independent μ (:mod:`.jh_fit`).  Like a paper module, each
holds ``DATASETS`` (registry name -> the spec that regenerates it; :func:`generate` runs any of
them); instead of published-vs-ours rows it gives ``results()``: our values with uncertainties
(:class:`tlspaper.papers.scorecard.Result`), the "beyond the papers" group of the scorecard.
"""

from __future__ import annotations

from .. import churkin2021, scorecard
from . import jh_fit, thermodynamic_limit, tls_glass_mc

__all__ = ["DATASETS", "EXTENSIONS", "generate", "results", "rows"]

#: The extension modules, in the book's reading order.
EXTENSIONS = (tls_glass_mc, thermodynamic_limit, jh_fit)

#: Registry name -> the spec that regenerates it, over the three extensions.
DATASETS = {name: spec for ext in EXTENSIONS for name, spec in ext.DATASETS.items()}


def _owner(name: str):
    for ext in EXTENSIONS:
        if name in ext.DATASETS:
            return ext
    raise KeyError(f"{name!r} is not a dataset of the extensions; known: {sorted(DATASETS)}")


def generate(name: str, **options):
    """Regenerate the registered dataset `name` of one of the extensions from its spec.

    The Monte Carlo DOS datasets (:class:`~tlspaper.papers.churkin2021.MonteCarloSpec`) run
    through :func:`tlspaper.papers.churkin2021.generate_mc_dataset`, the TLS-glass datasets
    through :func:`tlspaper.papers.beyond.tls_glass_mc.generate`; neither replaces a
    registered file.

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    **options
        ``realizations`` and ``output`` (and, for the TLS glass, ``checkpoint_dir`` and
        ``progress``).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    spec = _owner(name).DATASETS[name]
    if isinstance(spec, churkin2021.MonteCarloSpec):
        return churkin2021.generate_mc_dataset(name, spec, **options)
    return tls_glass_mc.generate(name, **options)


def results() -> list[scorecard.Result]:
    """Every result of the three extensions (the "beyond the papers" scorecard group).

    Returns
    -------
    list of Result
    """
    return [r for ext in EXTENSIONS for r in ext.results()]


def rows() -> list[scorecard.Row]:
    """No published-vs-ours comparisons: nothing here is published (see :func:`results`).

    Returns
    -------
    list of Row
        Always empty.
    """
    return []
