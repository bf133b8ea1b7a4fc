"""Single-particle TLS density of states n(T, E): analytic forms and simulated tables.

Every DOS in the package is a callable ``dos(T, E)`` returning the density of single-TLS
excitation energies at temperature ``T`` [K] and energy ``E`` [K] (array), per kelvin, with
the normalisation of the simulated datasets: ``n(E) = n(-E)`` and the integral over both signs
of E equals one, so that ``∫_0^∞ n dE = 1/2``.  The observables of
:mod:`tlspaper.observables` accept any such callable.
"""

from __future__ import annotations

import numpy as np


def _check_temperature(T) -> float:
    T = float(T)
    if not np.isfinite(T) or T <= 0:
        raise ValueError(f"temperature T must be a positive number of kelvin, got {T}")
    return T


def power_law_dos(T, E, B, mu):
    """Eq. 3 of Churkin et al. (2021): ``n(T, E) = B (T² + E²)^(μ/2)``.

    Parameters
    ----------
    T : float
        Temperature [K], > 0.
    E : array_like
        Excitation energy [K].
    B : float
        Prefactor [K^(-1-μ)] (per kelvin of E, per kelvin^μ).
    mu : float
        Power μ (dimensionless); μ = 0 is the standard tunneling model's constant DOS.

    Returns
    -------
    numpy.ndarray
        n(T, E) [1/K].

    Examples
    --------
    >>> float(power_law_dos(0.5, 0.0, 0.0135, 0.127))  # doctest: +ELLIPSIS
    0.01236...
    """
    T = _check_temperature(T)
    E = np.asarray(E, dtype=float)
    return B * (T * T + E * E) ** (0.5 * mu)


class PowerLawDOS:
    """A temperature-independent-μ DOS of the form of Eq. 3, as a callable ``dos(T, E)``.

    Parameters
    ----------
    mu : float
        Power μ (dimensionless).  μ = 0 gives the standard tunneling model.
    B : float, optional
        Prefactor [K^(-1-μ)].  Default 1 (only ratios and temperature dependences are used).

    Examples
    --------
    >>> dos = PowerLawDOS(mu=0.0, B=2.0)
    >>> float(dos(0.1, 5.0))
    2.0
    """

    def __init__(self, mu: float, B: float = 1.0):
        if not np.isfinite(mu) or mu <= -1:
            raise ValueError(f"mu must be a finite number > -1, got {mu}")
        self.mu = float(mu)
        self.B = float(B)

    def __call__(self, T, E):
        return power_law_dos(T, E, self.B, self.mu)

    def __repr__(self) -> str:
        return f"PowerLawDOS(mu={self.mu:g}, B={self.B:g})"


class TabulatedDOS:
    """A DOS known as histograms at a discrete set of temperatures (e.g. Monte Carlo output).

    Parameters
    ----------
    temperatures : array_like, shape (nT,)
        Temperatures [K] at which the DOS is tabulated.
    edges : array_like, shape (nbins + 1,)
        Increasing bin edges of |E| [K], starting at 0.
    density : array_like, shape (nT, nbins)
        n(T, E) [1/K] in each bin, normalised so that ``sum(density * diff(edges)) = 1/2``
        (both signs of E together integrate to one).

    Notes
    -----
    ``dos(T, E)`` interpolates linearly in E between bin centres (constant below the first
    centre, zero above the last edge).  T must be one of the tabulated temperatures: no
    interpolation in temperature is made, since the simulated DOS changes shape with T.
    """

    def __init__(self, temperatures, edges, density):
        self.temperatures = np.asarray(temperatures, dtype=float)
        self.edges = np.asarray(edges, dtype=float)
        self.density = np.asarray(density, dtype=float)
        if self.edges.ndim != 1 or len(self.edges) < 2 or np.any(np.diff(self.edges) <= 0):
            raise ValueError(
                "edges must be a 1-D strictly increasing array with at least 2 entries"
            )
        if self.density.shape != (len(self.temperatures), len(self.edges) - 1):
            raise ValueError(
                f"density has shape {self.density.shape}, expected (len(temperatures), "
                f"len(edges) - 1) = ({len(self.temperatures)}, {len(self.edges) - 1})"
            )
        self.centres = 0.5 * (self.edges[1:] + self.edges[:-1])

    def index(self, T) -> int:
        """Index of tabulated temperature `T` [K] (relative tolerance 1e-6)."""
        T = _check_temperature(T)
        hit = np.flatnonzero(np.isclose(self.temperatures, T, rtol=1e-6, atol=0))
        if hit.size == 0:
            raise ValueError(
                f"T = {T} K is not a tabulated temperature; available: "
                f"{np.array2string(np.sort(self.temperatures), precision=4)}"
            )
        return int(hit[0])

    def __call__(self, T, E):
        row = self.density[self.index(T)]
        E = np.abs(np.asarray(E, dtype=float))
        out = np.interp(E, self.centres, row)
        return np.where(E > self.edges[-1], 0.0, out)
