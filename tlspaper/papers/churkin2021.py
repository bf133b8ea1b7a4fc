"""Churkin, Matityahu, Maksymov, Burin & Schechter (2021): interacting-TLS DOS, κ, C, δv/v, energy scales."""

from __future__ import annotations

import math

from .scorecard import Published, Row

__all__ = ["DATASETS", "EQUATIONS", "PUBLISHED", "generate", "rows"]

#: Numbers printed in the paper: name -> Published(value, where printed).
PUBLISHED: dict[str, Published] = {
    # Fig. 5(a): the velocity fit of vitreous silica prints "A = 9.4 MHz" (a frequency);
    # with ω and A both angular the rate prefactor is 2π × 9.4e6 s⁻¹ K⁻³.
    "fig5a_A_Hz": Published(9.4e6, "Fig. 5(a) caption"),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {}

#: Datasets of this paper that the package regenerates: registry name -> generation spec.
DATASETS: dict = {}

#: The Fig. 5(a) rate prefactor A [rad s⁻¹ K⁻³] in the book's angular convention.
A_FIG5A = 2.0 * math.pi * PUBLISHED["fig5a_A_Hz"].value


# ======================= section: DOS, Monte Carlo, energy scales (owner: helper A1) =======


# ======================= end section A1 ====================================================


# ======================= section: κ, C, sound velocity, dielectric (owner: helper A2) ======


# ======================= end section A2 ====================================================


def generate(name: str, *, realizations: int | None = None, output=None):
    """Regenerate the registered dataset `name` of this paper from its spec in :data:`DATASETS`.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    raise KeyError(name)


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
    """
    return []
