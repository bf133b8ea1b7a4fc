"""Thermal and acoustic observables of TLSs from an energy-dependent DOS: κ, C, δv/v, δε/ε."""

from __future__ import annotations

import numpy as np


def _positive_array(name: str, value, allow_zero: bool = False) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | ((arr < 0) if allow_zero else (arr <= 0))
    if np.any(bad):
        first = arr[bad].flat[0] if arr.ndim else float(arr)
        allowed = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be finite and {allowed}, got {first!r}")
    return arr


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
    h = E / (2.0 * T)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # E³ coth(E/2T) = E² · E/tanh(E/2T); E/tanh(E/2T) -> 2T as E -> 0
        e_coth = np.where(h > 1e-8, E / np.tanh(np.where(h > 1e-8, h, 1.0)), 2.0 * T)
    return A * x * x * E * E * e_coth


def scorecard_rows() -> list:
    """Published-vs-ours comparisons of the κ/C and sound-velocity chapters (filled in below)."""
    return []
