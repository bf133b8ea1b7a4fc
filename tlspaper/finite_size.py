"""Finite-size extrapolation of Monte Carlo estimates to the thermodynamic limit L → ∞."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._checks import positive

__all__ = ["Extrapolation", "extrapolate", "extrapolation_band", "form_test_power",
           "scale_by_fit_quality"]


class Extrapolation(NamedTuple):
    """A weighted least-squares fit ``y(L) = y_inf + a L^(-omega)`` at fixed `omega`.

    Parameters
    ----------
    value : float
        y_inf, the limit L → ∞ (units of y).
    error : float
        Its standard error from the input errors (not rescaled by the fit quality).
    slope : float
        a (units of y times length^omega, lengths in units of the lattice constant).
    slope_error : float
        Standard error of `slope`.
    omega : float
        The fixed correction exponent.
    chi2 : float
        χ² of the fit.
    dof : int
        Degrees of freedom, ``len(L) - 2``.
    """

    value: float
    error: float
    slope: float
    slope_error: float
    omega: float
    chi2: float
    dof: int

    @property
    def p_value(self) -> float:
        """Probability of a χ² at least this large (NaN without degrees of freedom)."""
        if self.dof < 1:
            return math.nan
        from scipy.stats import chi2

        return float(chi2.sf(self.chi2, self.dof))


def _arrays(L, y, sigma):
    L = np.asarray(L, dtype=float)
    y = np.asarray(y, dtype=float)
    sigma = np.asarray(sigma, dtype=float)
    if L.ndim != 1 or L.size < 2:
        raise ValueError(f"L must be a 1-D sequence of at least 2 sizes, got {L.tolist()}")
    if y.shape != L.shape or sigma.shape != L.shape:
        raise ValueError(f"y and sigma must have the shape of L {L.shape}, got {y.shape} and "
                         f"{sigma.shape}")
    if not np.all(L > 0) or np.unique(L).size != L.size:
        raise ValueError(f"L must be distinct positive sizes, got {L.tolist()}")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"y must be finite, got {y.tolist()}")
    if not np.all((sigma > 0) & np.isfinite(sigma)):
        raise ValueError(f"sigma must be finite and > 0, got {sigma.tolist()}")
    return L, y, sigma


def extrapolate(L, y, sigma, omega: float = 3.0) -> Extrapolation:
    """Extrapolate ``y(L)`` to L → ∞ assuming ``y = y_inf + a L^(-omega)``.

    Weighted linear least squares in ``x = L^(-omega)`` with weights ``1/sigma²``; with two
    sizes the line passes through both points (χ² = 0, no degree of freedom).  ``omega = 3``
    is a correction in 1/N at fixed concentration (N ∝ L³); ``omega = 1`` a surface-like one.

    Parameters
    ----------
    L : array_like
        Linear sizes (lattice constants), at least two distinct, > 0.
    y : array_like
        The estimate at each size.
    sigma : array_like
        Its standard error at each size, > 0 (independent sizes: independent errors).
    omega : float
        Correction exponent, > 0.

    Returns
    -------
    Extrapolation

    Examples
    --------
    >>> e = extrapolate([8, 12, 16], [1 + 2 / 8**3, 1 + 2 / 12**3, 1 + 2 / 16**3], [0.01] * 3)
    >>> round(e.value, 12), round(e.slope, 9), round(e.chi2, 12)
    (1.0, 2.0, 0.0)
    >>> round(extrapolate([8, 16], [0.2, 0.3], [0.01, 0.01], omega=1.0).value, 12)
    0.4
    """
    L, y, sigma = _arrays(L, y, sigma)
    omega = positive("omega", omega)
    x = L ** (-omega)
    w = 1.0 / sigma**2
    S, Sx, Sxx = w.sum(), (w * x).sum(), (w * x * x).sum()
    Sy, Sxy = (w * y).sum(), (w * x * y).sum()
    det = S * Sxx - Sx * Sx
    value = (Sxx * Sy - Sx * Sxy) / det
    slope = (S * Sxy - Sx * Sy) / det
    chi2 = float((w * (y - value - slope * x) ** 2).sum())
    return Extrapolation(float(value), float(math.sqrt(Sxx / det)), float(slope),
                         float(math.sqrt(S / det)), omega, chi2, L.size - 2)


def extrapolation_band(L, y, sigma, omegas=(1.0, 2.0, 3.0)) -> tuple[float, float]:
    """Range of the extrapolated limit over a family of correction exponents.

    The form of the finite-size correction is rarely known; the spread of ``y_inf`` over
    plausible exponents is a systematic band to quote beside the central extrapolation.

    Parameters
    ----------
    L, y, sigma : array_like
        As in :func:`extrapolate`.
    omegas : sequence of float
        Correction exponents, each > 0.

    Returns
    -------
    (float, float)
        Lowest and highest ``y_inf``.

    Examples
    --------
    >>> lo, hi = extrapolation_band([8, 16], [0.2, 0.3], [0.01, 0.01], omegas=(1.0, 3.0))
    >>> round(lo, 4), round(hi, 4)
    (0.3143, 0.4)
    """
    values = [extrapolate(L, y, sigma, om).value for om in omegas]
    if not values:
        raise ValueError("omegas must hold at least one exponent")
    return min(values), max(values)


def scale_by_fit_quality(e: Extrapolation, alpha: float = 0.05) -> Extrapolation:
    """`e` with its errors scaled by sqrt(χ²/dof) if the fit of its form fails at level `alpha`.

    The scale factor of the Particle Data Group: a fit whose χ² has a p-value below `alpha`
    says that the errors (or the form) are not the whole story, and its errors are inflated
    by sqrt(χ²/dof) > 1.  A fit with p >= `alpha`, or without degrees of freedom, is returned
    unchanged, so the errors are never made smaller.

    Parameters
    ----------
    e : Extrapolation
        A fit of :func:`extrapolate`.
    alpha : float
        Significance level, in (0, 1).

    Returns
    -------
    Extrapolation
        With ``error`` and ``slope_error`` scaled, or `e` itself.

    Examples
    --------
    >>> e = extrapolate([8, 12, 16], [1.0, 1.2, 1.0], [0.05] * 3)   # χ² = 9.5, 1 dof
    >>> round(e.p_value, 4), round(scale_by_fit_quality(e).error / e.error, 3)
    (0.0021, 3.081)
    >>> two = extrapolate([8, 16], [0.2, 0.3], [0.01, 0.01])   # no degree of freedom
    >>> scale_by_fit_quality(two) is two
    True
    """
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be a probability in (0, 1), got {alpha!r}")
    if e.dof < 1 or e.p_value >= alpha:
        return e
    k = math.sqrt(e.chi2 / e.dof)
    return e._replace(error=e.error * k, slope_error=e.slope_error * k)


def form_test_power(L, truth, sigma, omega: float = 3.0, level: float = 0.05) -> float:
    """Power of the χ² test of the form ``y_inf + a L^(-omega)`` if the truth is `truth`.

    The fit of :func:`extrapolate` to noiseless `truth` has a χ² that is the non-centrality
    λ of the χ² distribution (``len(L) - 2`` degrees of freedom) the fit to noisy data
    follows; the power is the probability that it exceeds the `level` critical value.  It
    equals `level` when the truth has the assumed form.

    Parameters
    ----------
    L : array_like
        Linear sizes, at least three.
    truth : array_like
        The true values at each size.
    sigma : array_like
        Standard errors of the estimates at each size, > 0.
    omega : float
        The exponent of the tested form.
    level : float
        Significance level of the test, in (0, 1).

    Returns
    -------
    float
        Probability of rejecting the form at `level`.

    Examples
    --------
    >>> L = [8, 12, 16]
    >>> round(form_test_power(L, [1 + 5 / n**3 for n in L], [0.01] * 3), 3)   # the form holds
    0.05
    >>> round(form_test_power(L, [0.2, 0.3, 0.4], [0.01] * 3), 3)   # far from it
    0.997
    >>> round(form_test_power(L, [0.2, 0.25, 0.25], [0.01] * 3), 3)  # converged at L = 12
    0.117
    """
    from scipy.stats import chi2, ncx2

    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be a probability in (0, 1), got {level!r}")
    L = np.asarray(L, dtype=float)
    if L.size < 3:
        raise ValueError(f"L needs at least 3 sizes for a test of the form, got {L.tolist()}")
    fit = extrapolate(L, truth, sigma, omega)
    return float(ncx2.sf(chi2.isf(level, fit.dof), fit.dof, fit.chi2))
