"""The one-phonon (direct) relaxation rate of a single TLS and its crossover temperature."""

from __future__ import annotations

import numpy as np

from ._checks import positive as _positive
from ._checks import positive_array as _positive_array

__all__ = ["coth_factor", "crossover_temperature", "one_phonon_rate"]


def one_phonon_rate(E, T, A, x=1.0):
    """One-phonon relaxation rate of a TLS, ``τ⁻¹ = A x² E³ coth(E / 2T)`` (as in Eq. 8).

    This is the standard one-phonon (direct) rate of the tunneling model,
    ``τ⁻¹ = A Δ0² E coth(E/2T)``, written with ``x = Δ0/E``; Churkin et al. (2021) use it
    inside Eq. 8 with ``A ≡ ω/T0³``.

    Parameters
    ----------
    E : array_like
        TLS energy splitting [K], >= 0 (at E = 0 the limit ``2 A x² E² T = 0`` is returned).
    T : array_like
        Temperature [K], > 0.
    A : float or array_like
        Rate prefactor [rate unit / K³], >= 0.  The rate is returned in the same rate unit
        (e.g. ``s⁻¹`` for A in ``s⁻¹ K⁻³``).  To compare with a probing frequency ω, give
        A and ω in the same unit (both angular or both cyclic); only ω/A enters Eq. 8.
    x : array_like, optional
        ``Δ0 / E`` in [0, 1]: 1 for a symmetric TLS (the fastest rate at given E), default 1.

    Returns
    -------
    numpy.ndarray
        τ⁻¹ in the rate unit of `A`, broadcast over `E`, `T`, `A`, `x`.

    Raises
    ------
    ValueError
        If E < 0, T <= 0, A < 0 or x outside [0, 1] (or any is not finite).

    Examples
    --------
    >>> rate = one_phonon_rate(E=1.0, T=0.5, A=1e8)      # coth(1) = 1.3130...
    >>> round(float(rate) / 1e8, 6)
    1.313035
    >>> float(one_phonon_rate(E=2.0, T=1e-3, A=1.0, x=0.5))   # T -> 0: A x² E³
    2.0
    """
    E = _positive_array("E (energy splitting, K)", E, allow_zero=True)
    T = _positive_array("T (temperature, K)", T)
    A = _positive_array("A (rate prefactor)", A, allow_zero=True)
    x = np.asarray(x, dtype=float)
    if np.any(~np.isfinite(x) | (x < 0) | (x > 1)):
        raise ValueError(f"x = Delta0/E must lie in [0, 1], got {x!r}")
    E, T = np.broadcast_arrays(E, T)
    return A * x * x * E * E * coth_factor(E, T)


def coth_factor(E, T):
    """The thermal factor ``E coth(E/2T)`` of the one-phonon rate [K], with its limit 2T at E → 0.

    No input checks (it is called on validated arrays in inner loops): the callers
    :func:`one_phonon_rate` and the relaxation rates of the mean-field and observable modules
    check their arguments.

    Parameters
    ----------
    E : numpy.ndarray
        Energy splitting [K], >= 0.
    T : numpy.ndarray or float
        Temperature [K], > 0.

    Returns
    -------
    numpy.ndarray
        ``E coth(E / 2T)`` [K]; ``2T`` where ``E / 2T <= 1e-8``.

    Examples
    --------
    >>> coth_factor(np.array([0.0, 1.0]), 0.5).round(6).tolist()
    [1.0, 1.313035]
    """
    h = E / (2.0 * T)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(h > 1e-8, E / np.tanh(np.where(h > 1e-8, h, 1.0)), 2.0 * T)


def crossover_temperature(omega, A) -> float:
    """The crossover temperature ``T0 = (ω/A)^(1/3)`` of Eq. 8 (``A ≡ ω/T0³``) [K].

    Parameters
    ----------
    omega : float
        Probing frequency, in the same unit as ``A·K³`` (book: angular, rad/s).
    A : float
        Rate prefactor of :func:`one_phonon_rate` [omega unit / K³].

    Returns
    -------
    float
        T0 [K].

    Examples
    --------
    >>> round(crossover_temperature(90e3, 9.4e6), 4)   # Fig. 5(a) of Churkin et al.
    0.2123
    """
    return (_positive("omega", omega) / _positive("A", A)) ** (1.0 / 3.0)
