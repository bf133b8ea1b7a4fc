"""The Monte Carlo DOS of Eq. 2 (Churkin et al. 2021) at L = 16 and its L → ∞ extrapolation."""

from __future__ import annotations

from pathlib import Path

from .. import churkin2021

__all__ = ["DATASETS", "L16_REALIZATIONS", "LIMIT_DATASETS", "generate", "results"]

#: Realizations of each L = 16 dataset.
L16_REALIZATIONS = 4000

#: The Monte Carlo datasets beyond the paper's L = 12, registry name by (L, J0 [K]); the same
#: protocol (:func:`tlspaper.papers.churkin2021.mc_spec`) with the zero-temperature quench.
LIMIT_DATASETS = {
    (16, 2.0): "dos_mc_L16_J2K.npz",
    (16, 3.0): "dos_mc_L16_J3K.npz",
}

#: Registry name -> the spec that regenerates it.
DATASETS = {name: churkin2021.mc_spec(L, J0, L16_REALIZATIONS, quench=True)
            for (L, J0), name in LIMIT_DATASETS.items()}


def generate(name: str, *, realizations: int | None = None, output=None) -> Path:
    """Run the dataset `name` of :data:`DATASETS` (never modifying a registered file).

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    realizations : int, optional
        Total realizations wanted (default: the spec's).
    output : path-like, optional
        Where to write; default `name` in the local data folder.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    if name not in DATASETS:
        raise KeyError(f"{name!r} is not a thermodynamic-limit dataset; known: {sorted(DATASETS)}")
    return churkin2021.generate_mc_dataset(name, DATASETS[name], realizations=realizations,
                                           output=output)


def results() -> list:
    """The extension's results (being written)."""
    return []
