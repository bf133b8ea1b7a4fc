"""Two-TLS energy scales, the electric/elastic interaction ratio r, and the dipolar-gap DOS."""

from __future__ import annotations

import math

import numpy as np

#: The constant c = 2π/3 of Eq. 9 of Churkin et al. (2021).
DIPOLAR_GAP_C = 2.0 * math.pi / 3.0


def _positive(name: str, value) -> float:
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def dipolar_gap_dos(E, J0, h0, n0=None):
    """Eq. 9 of Churkin et al. (2021): the T = 0 dipolar-gap single-TLS DOS.

    In the dimensionless form (with J̃0 = J0 R0³ and n0 = n(E = J0) = 1/(h0 R0³), so that
    J̃0 n0 = J0/h0 and J̃0/(R0³ E) = J0/E)::

        n(E) = n0 / (1 + c (J0/h0) ln(J0/|E|)),   c = 2π/3,   |E| < J0.

    Parameters
    ----------
    E : array_like
        Excitation energy [K].  Only |E| is used (n(E) = n(-E), the convention of
        :mod:`tlspaper.dos`).
    J0 : float
        Typical nearest-neighbour TLS-TLS interaction [K], > 0.
    h0 : float
        Typical random (disorder) field on a TLS [K], > 0.
    n0 : float, optional
        The DOS at E = J0, in whatever normalisation the caller needs (e.g. per TLS, [1/K]).
        Default ``1/h0`` [1/K], i.e. n(E) R0³: the density per kelvin in a nearest-neighbour
        volume R0³, as in the paper's n0 = 1/(h0 R0³).

    Returns
    -------
    numpy.ndarray
        n(E), in the units of `n0` ([1/K] per volume R0³ by default).

    Notes
    -----
    Eq. 9 is the logarithmic dipolar gap of Burin (1995) and Burin & Kagan (1996), valid
    for 0 < |E| < J0: the interactions deplete the DOS only below the nearest-neighbour
    interaction energy.  For |E| >= J0 this function returns the unperturbed value n0 (the
    logarithm is clipped at 0; the formula itself would exceed n0 there and diverge at
    ln(J0/E) = -h0/(c J0), which is outside its validity).  At E = 0 it returns 0.
    The returned DOS is continuous at E = J0.

    Examples
    --------
    >>> float(dipolar_gap_dos(2.0, J0=2.0, h0=10.0))   # n0 = 1/h0 at E = J0
    0.1
    >>> float(dipolar_gap_dos(5.0, J0=2.0, h0=10.0, n0=1.0))   # above J0: n0
    1.0
    >>> x = float(dipolar_gap_dos(2.0 / np.e, J0=2.0, h0=10.0, n0=1.0))
    >>> round(x, 6) == round(1 / (1 + 2 * np.pi / 3 * 0.2), 6)
    True
    """
    J0 = _positive("J0", J0)
    h0 = _positive("h0", h0)
    n0 = 1.0 / h0 if n0 is None else _positive("n0", n0)
    E = np.abs(np.asarray(E, dtype=float))
    if np.any(~np.isfinite(E)):
        raise ValueError("E must contain only finite energies [K]")
    with np.errstate(divide="ignore"):
        log = np.log(J0 / E)  # +inf at E = 0
    log = np.maximum(log, 0.0)
    return n0 / (1.0 + DIPOLAR_GAP_C * (J0 / h0) * log)


def dipolar_gap_local_power(E, J0, h0):
    """Local effective power μ(E) = d ln n / d ln E of Eq. 9.

    Differentiating Eq. 9 gives ``μ(E) = c x / (1 + c x ln(J0/E))`` with x = J0/h0 and
    c = 2π/3, for 0 < |E| <= J0 (the value at J0 is the derivative from below); 0 for
    |E| > J0 (constant DOS).  At E = J0
    μ = c J0/h0, its largest value; it decreases slowly (logarithmically) towards E → 0.

    Parameters
    ----------
    E : array_like
        Excitation energy [K], |E| > 0.
    J0, h0 : float
        Nearest-neighbour interaction and random-field scale [K], > 0.

    Returns
    -------
    numpy.ndarray
        μ(E), dimensionless.

    Examples
    --------
    >>> round(float(dipolar_gap_local_power(1.0, J0=1.0, h0=10.0)), 5)   # c x = 2π/30
    0.20944
    """
    J0 = _positive("J0", J0)
    h0 = _positive("h0", h0)
    E = np.abs(np.asarray(E, dtype=float))
    if np.any(~np.isfinite(E)) or np.any(E == 0):
        raise ValueError("E must contain only finite, nonzero energies [K]")
    cx = DIPOLAR_GAP_C * J0 / h0
    log = np.log(J0 / E)
    return np.where(log >= 0, cx / (1.0 + cx * np.maximum(log, 0.0)), 0.0)


def dipolar_gap_fitted_power(J0, h0, window=(1e-3, 1.0), npoints=201):
    """Least-squares power μ of Eq. 9 over an energy window: fit ln n = a + μ ln E.

    The fit uses `npoints` energies spaced uniformly in ln E between ``window[0]*J0`` and
    ``window[1]*J0`` (equal weight per decade), i.e. it is the power a log-log straight
    line through Eq. 9 would report.  For small coupling x = J0/h0 it is, analytically,
    ``μ ≈ c x - (c x)² L_mid`` with L_mid = ln(J0/E) at the window's logarithmic centre.

    Parameters
    ----------
    J0, h0 : float
        Nearest-neighbour interaction and random-field scale [K], > 0.
    window : tuple of float, optional
        Energy window in units of J0, ``0 < lo < hi <= 1`` (Eq. 9 is valid below J0).
        Default (1e-3, 1): three decades below J0.
    npoints : int, optional
        Number of log-spaced energies (>= 3).

    Returns
    -------
    float
        The fitted power μ (dimensionless).

    Examples
    --------
    >>> round(dipolar_gap_fitted_power(0.3, 10.0), 3)   # J0/h0 = 0.03
    0.052
    """
    J0 = _positive("J0", J0)
    h0 = _positive("h0", h0)
    lo, hi = (float(w) for w in window)
    if not (0 < lo < hi <= 1):
        raise ValueError(
            f"window must be (lo, hi) in units of J0 with 0 < lo < hi <= 1, got {window}"
        )
    if int(npoints) < 3:
        raise ValueError(f"npoints must be an integer >= 3, got {npoints}")
    E = J0 * np.geomspace(lo, hi, int(npoints))
    slope, _ = np.polyfit(np.log(E), np.log(dipolar_gap_dos(E, J0, h0)), 1)
    return float(slope)
