"""How well a measurement plan tells the TLS shape tanh(x/2) from the random-matrix 1 - e^(-x).

The two shapes of :mod:`tlspaper.ultrasonics` (:func:`~tlspaper.ultrasonics.tls_shape` and
:func:`~tlspaper.ultrasonics.rm_shape`) are each fitted with a free amplitude (and optionally
a free constant background) to data measured at the points ``x_i = ħω/k_BT_i`` with a
relative error per point.  This module computes, for such a plan, the expected (Asimov) Δχ²
between the best fits of the two shapes, the significance √Δχ² with which the plan rejects
the wrong shape, the exact distribution of the test statistic
q = χ²_min(wrong) - χ²_min(true), and a vectorised Monte-Carlo check on synthetic datasets.

Units: x is dimensionless; ``omega`` is the angular frequency [rad/s] and temperatures are
in kelvin; errors are relative (0.05 for 5 %); significances are in σ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import integrate, optimize, special

from ._checks import positive as _positive_scalar
from ._checks import positive_array as _positive_values
from .constants import HBAR_OVER_KB
from .ultrasonics import MODELS, other, shape

__all__ = [
    "ERROR_KINDS",
    "Discrimination",
    "StatisticLaw",
    "coverage_error",
    "delta_chi2",
    "delta_chi2_curves",
    "discriminate",
    "error_for_significance",
    "error_profile",
    "false_rejection_probability",
    "monte_carlo_check",
    "plan_x",
    "pointwise_difference",
    "rejection_probability",
    "rel_error_for_significance",
    "significance",
    "statistic_law",
    "statistic_moments",
    "synthetic_statistic",
    "wrong_choice_probability",
    "x_grid",
    "x_max_for_significance",
]


def x_grid(x_min, x_max, n_points):
    """``n_points`` values of x log-spaced from `x_min` to `x_max` (log-spaced temperatures).

    Parameters
    ----------
    x_min, x_max : float
        Ends of the grid (ħω/k_BT, dimensionless), 0 < x_min < x_max.
    n_points : int
        Number of points, >= 2.

    Returns
    -------
    numpy.ndarray
        The grid, ascending.

    Examples
    --------
    >>> x_grid(0.1, 10.0, 3)
    array([ 0.1,  1. , 10. ])
    """
    x_min = _positive_scalar("x_min", x_min)
    x_max = _positive_scalar("x_max", x_max)
    n = _n_points(n_points)
    if not x_max > x_min:
        raise ValueError(f"x_max must exceed x_min, got x_min={x_min}, x_max={x_max}")
    return np.geomspace(x_min, x_max, n)


def plan_x(omega, T_min, T_max, n_points):
    """x = ħω/k_BT of a plan measuring at `n_points` log-spaced temperatures [K].

    Parameters
    ----------
    omega : float
        Angular frequency [rad/s], > 0.
    T_min, T_max : float
        Temperature range [K], 0 < T_min < T_max.
    n_points : int
        Number of temperatures, >= 2.

    Returns
    -------
    numpy.ndarray
        x values, increasing (decreasing temperature).

    Examples
    --------
    >>> np.round(plan_x(2 * np.pi * 4e9, 0.01, 1.0, 3), 3)
    array([ 0.192,  1.92 , 19.197])
    """
    omega = _positive_scalar("omega", omega, " rad/s (angular frequency)")
    T_min = _positive_scalar("T_min", T_min, " K")
    T_max = _positive_scalar("T_max", T_max, " K")
    if not T_max > T_min:
        raise ValueError(f"T_max must exceed T_min, got T_min={T_min} K, T_max={T_max} K")
    T = np.geomspace(T_max, T_min, _n_points(n_points))
    return HBAR_OVER_KB * omega / T


def _n_points(n_points, minimum: int = 2, name: str = "n_points") -> int:
    if isinstance(n_points, bool) or int(n_points) != n_points or n_points < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n_points!r}")
    return int(n_points)


def _whitened(x, rel_error, true: str, background: bool):
    """Mean and basis matrices of the plan in whitened coordinates (see _whitened_curves)."""
    x = _positive_values("x (ħω/k_BT)", x)
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D, got shape {x.shape}")
    wrong = other(true)  # checks `true` ('tls' or 'rm')
    return _whitened_curves(shape(true, x), shape(wrong, x), rel_error, background)


def _whitened_curves(f_true, f_wrong, rel_error, background: bool):
    """Mean and basis matrices of a plan in whitened coordinates z = y/σ.

    The data are ``y_i = f_true_i`` (amplitude 1) with Gaussian errors
    ``σ_i = rel_error_i · f_true_i``.  Returns (mu, B_true, B_wrong) with mu = f_true/σ
    and the basis columns (shape; constant if `background`) divided by σ.
    """
    f_true = _positive_values("f_true (true curve)", f_true)
    f_wrong = _positive_values("f_wrong (wrong curve)", f_wrong)
    if f_true.ndim != 1 or f_true.shape != f_wrong.shape:
        raise ValueError(
            f"the curves must be 1-D and of equal length, got {f_true.shape} and {f_wrong.shape}"
        )
    _n_points(len(f_true), minimum=3 if background else 2)
    err = _positive_values("rel_error (relative error per point)", rel_error)
    err = np.broadcast_to(err, f_true.shape).astype(float)
    sigma = err * f_true
    mu = f_true / sigma
    cols_t = [mu]
    cols_w = [f_wrong / sigma]
    if background:
        cols_t.append(1.0 / sigma)
        cols_w.append(1.0 / sigma)
    return mu, np.stack(cols_t, axis=1), np.stack(cols_w, axis=1)


def _orthonormal(B: np.ndarray) -> np.ndarray:
    q, _ = np.linalg.qr(B)
    return q


def delta_chi2(x, rel_error, true="tls", background=False):
    """Expected (Asimov) Δχ² between the best fits of the two shapes.

    The noiseless curve of the `true` model, ``f_true(x_i)``, with errors
    ``σ_i = rel_error · f_true(x_i)``, is fitted by the other model with a free amplitude
    (and a free constant background if `background`); the true model fits it exactly, so
    Δχ² = χ²_min(wrong).  With free amplitude only this is the closed form
    ``Δχ² = Σw - (Σ w r)² / Σ w r²``, ``w = 1/rel_error²``, ``r = f_wrong/f_true``.

    Parameters
    ----------
    x : array_like
        The plan's values of x = ħω/k_BT (> 0), at least 2 (3 with `background`).
    rel_error : float or array_like
        Relative error per point (> 0), e.g. 0.05 for 5 %.
    true : {'tls', 'rm'}
        The model that generated the data.
    background : bool
        Fit a free constant background together with each shape.

    Returns
    -------
    float
        Δχ² = χ²_min(wrong) - χ²_min(true) for the noiseless data; its square root is the
        median significance (in σ) with which the plan rejects the wrong model.

    Examples
    --------
    >>> from tlspaper.ultrasonics import rm_shape, tls_shape
    >>> x = x_grid(0.1, 1.2, 20)
    >>> r = rm_shape(x) / tls_shape(x)
    >>> hand = (20 - r.sum() ** 2 / (r * r).sum()) / 0.1 ** 2
    >>> bool(np.isclose(delta_chi2(x, 0.1), hand))
    True
    """
    mu, _, Bw = _whitened(x, rel_error, true, background)
    return _asimov(mu, Bw)


def delta_chi2_curves(f_true, f_wrong, rel_error, background=False):
    """Asimov Δχ² of :func:`delta_chi2` for any two curves sampled at the plan's points.

    Parameters
    ----------
    f_true, f_wrong : array_like
        The true and the wrong curve at the plan's points (> 0), each up to a free amplitude.
    rel_error : float or array_like
        Relative error per point of the true curve (> 0).
    background : bool
        Fit a free constant background with each curve.

    Returns
    -------
    float
        χ²_min of the wrong curve fitted to the noiseless true curve.

    Examples
    --------
    >>> from tlspaper.ultrasonics import rm_shape, tls_shape
    >>> x = x_grid(0.1, 1.2, 20)
    >>> bool(np.isclose(delta_chi2_curves(tls_shape(x), rm_shape(x), 0.1), delta_chi2(x, 0.1)))
    True
    """
    mu, _, Bw = _whitened_curves(f_true, f_wrong, rel_error, background)
    return _asimov(mu, Bw)


def _asimov(mu: np.ndarray, Bw: np.ndarray) -> float:
    Qw = _orthonormal(Bw)
    proj = Qw.T @ mu
    return float(max(mu @ mu - proj @ proj, 0.0))


def significance(x, rel_error, true="tls", background=False):
    """Median significance √Δχ² [σ] with which the plan rejects the wrong shape.

    See :func:`delta_chi2` for the arguments.  The test statistic
    q = χ²_min(wrong) - χ²_min(true) of one dataset is distributed about Δχ² with standard
    deviation ≈ 2√Δχ² (:func:`statistic_moments`); for the median dataset the rule
    "q ≥ Z²" rejects the wrong model at Z = √Δχ², and applied to data from the wrong model
    it errs with probability ≈ Φ(-Z) when Δχ² is nearly the same for both truths.

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    float
        √Δχ² [σ].

    Examples
    --------
    >>> round(significance(x_grid(0.1, 1.2, 20), 0.05), 2)
    10.01
    """
    return math.sqrt(delta_chi2(x, rel_error, true, background))


#: How the error per point scales along a plan: ``"relative"`` (σ_i = e f_true(x_i), errors
#: proportional to the signal) or ``"absolute"`` (σ_i = e max_i f_true(x_i), the same error
#: at every point, in units of the largest value of the true curve on the plan).
ERROR_KINDS = ("relative", "absolute")


def error_profile(x, kind="relative", true="tls"):
    """Relative error per point for a unit error of the given kind (see :data:`ERROR_KINDS`).

    Multiply by an error e to get the ``rel_error`` argument of :func:`delta_chi2` and
    friends: ones for ``"relative"``, ``max f_true / f_true(x_i)`` for ``"absolute"``.

    Parameters
    ----------
    x : array_like
        The plan's values of x = ħω/k_BT (> 0).
    kind : {'relative', 'absolute'}
        The error model.
    true : {'tls', 'rm'}
        The model that generated the data.

    Returns
    -------
    numpy.ndarray
        One value per point (dimensionless).

    Examples
    --------
    >>> np.round(error_profile([0.1, 1.0, 10.0], "absolute"), 3)
    array([20.015,  2.164,  1.   ])
    """
    x = _positive_values("x (ħω/k_BT)", x)
    if kind not in ERROR_KINDS:
        raise ValueError(f"kind must be one of {ERROR_KINDS}, got {kind!r}")
    if kind == "relative":
        return np.ones_like(x)
    f = shape(true, x)
    return f.max() / f


def error_for_significance(z, x, true="tls", background=False, kind="relative"):
    """Error per point at which the plan `x` reaches significance `z` [σ], for either error kind.

    Δχ² scales as 1/e² for an error e common to all points (relative or absolute), so this
    is ``√Δχ²(e = 1) / z``.

    Parameters
    ----------
    z : float
        Target significance [σ], > 0.
    x, true, background
        As in :func:`delta_chi2`.
    kind : {'relative', 'absolute'}
        Error model (:data:`ERROR_KINDS`): the result is relative to each point's signal, or
        absolute in units of the largest value of the true curve on the plan.

    Returns
    -------
    float
        Error per point (dimensionless, e.g. 0.05 for 5 %).

    Examples
    --------
    >>> x = x_grid(0.1, 1.2, 20)
    >>> round(error_for_significance(3.0, x), 3)
    0.167
    >>> round(error_for_significance(3.0, x, kind="absolute"), 3)
    0.072
    """
    z = _positive_scalar("z (significance, sigma)", z)
    return math.sqrt(delta_chi2(x, error_profile(x, kind, true), true, background)) / z


def coverage_error(x, true="tls", background=False, kind="relative"):
    """Error per point above which every point's ±1σ bar covers both best-fit shapes.

    The wrong shape is fitted (free amplitude, and free background if asked) to the
    noiseless true curve with the weights of the error model `kind`; the result is the
    largest residual in units of that model's unit error.  For ``"relative"`` it equals
    ``max |pointwise_difference(x)|``.  This "within the error bars" criterion is a
    different question from a significance threshold (:func:`error_for_significance`).

    Parameters
    ----------
    x, true, background
        As in :func:`delta_chi2`.
    kind : {'relative', 'absolute'}
        Error model (:data:`ERROR_KINDS`).

    Returns
    -------
    float
        The error per point (relative, or absolute in units of the largest true value).

    Examples
    --------
    >>> x = x_grid(0.1, 1.2, 20)
    >>> round(coverage_error(x), 3), round(coverage_error(x, kind="absolute"), 3)
    (0.229, 0.114)
    """
    mu, _, Bw = _whitened(x, error_profile(x, kind, true), true, background)
    Qw = _orthonormal(Bw)
    return float(np.abs(Qw @ (Qw.T @ mu) - mu).max())


def rel_error_for_significance(z, x, true="tls", background=False):
    """Relative error per point at which the plan `x` reaches significance `z` [σ].

    Δχ² scales as 1/rel_error² for a common relative error, so this is
    ``√Δχ²(rel_error = 1) / z``.

    Parameters
    ----------
    z : float
        Target significance [σ], > 0.
    x, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    float
        Relative error per point (dimensionless, e.g. 0.05 for 5 %).

    Examples
    --------
    >>> x = x_grid(0.1, 1.2, 20)
    >>> round(rel_error_for_significance(1.0, x), 3)   # 'within the error bars' if larger
    0.501
    """
    return error_for_significance(z, x, true, background, "relative")


def pointwise_difference(x, true="tls", background=False):
    """Relative difference (f_wrong_fit - f_true)/f_true of the best-fit wrong shape.

    The wrong shape is fitted to the noiseless true curve with equal relative weights (the
    Asimov fit of :func:`delta_chi2`).  Its largest absolute value is the per-point error
    bar below which at least one point no longer covers both curves.

    Parameters
    ----------
    x, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    numpy.ndarray
        One value per point of `x`.

    Examples
    --------
    >>> round(float(np.abs(pointwise_difference(x_grid(0.1, 1.2, 20))).max()), 3)
    0.229
    """
    mu, _, Bw = _whitened(x, 1.0, true, background)
    Qw = _orthonormal(Bw)
    fit = Qw @ (Qw.T @ mu)
    return fit / mu - 1.0


def x_max_for_significance(z, rel_error, x_min, n_points, true="tls", background=False, x_cap=1e3):
    """Smallest x_max at which `n_points` log-spaced points in [x_min, x_max] reach `z` σ.

    Parameters
    ----------
    z : float
        Target significance [σ], > 0.
    rel_error : float
        Relative error per point, > 0.
    x_min : float
        Lowest x of the plan (ħω/k_B T_max), > 0.
    n_points : int
        Number of points, >= 2 (>= 3 with `background`).
    true, background
        As in :func:`delta_chi2`.
    x_cap : float
        Largest x_max considered.

    Returns
    -------
    float
        x_max, or ``nan`` if even x_max = `x_cap` does not reach `z`.

    Notes
    -----
    The significance is scanned on 64 log-spaced values of x_max; the first crossing of `z`
    is refined with Brent's method.

    Examples
    --------
    >>> round(x_max_for_significance(3.0, 0.05, 0.1, 20), 3)
    0.352
    """
    z = _positive_scalar("z (significance, sigma)", z)
    x_min = _positive_scalar("x_min", x_min)
    n = _n_points(n_points, 3 if background else 2)

    def excess(log_xmax):
        return significance(x_grid(x_min, math.exp(log_xmax), n), rel_error, true, background) - z

    grid = np.linspace(math.log(x_min) + 1e-3, math.log(x_cap), 64)
    values = np.array([excess(g) for g in grid])
    above = np.flatnonzero(values >= 0)
    if above.size == 0:
        return math.nan
    i = int(above[0])
    if i == 0:
        return float(math.exp(grid[0]))
    return float(math.exp(optimize.brentq(excess, grid[i - 1], grid[i], xtol=1e-10)))


# --------------------------------------------------------------------------- distribution of q


@dataclass(frozen=True)
class StatisticLaw:
    """Exact law of q = χ²_min(wrong) - χ²_min(true) for Gaussian noise and linear fits.

    q = s (a² - b²) with independent a ~ N(m_a, 1), b ~ N(m_b, 1): the difference of the two
    projection matrices has only the eigenvalues ±s = ±sin θ (θ the angle between the
    model spaces), and a, b are the whitened data along the two eigenvectors.

    Attributes
    ----------
    s, m_a, m_b : float
    """

    s: float
    m_a: float
    m_b: float

    @property
    def mean(self) -> float:
        """E[q] = s (m_a² - m_b²) = Δχ² (exactly)."""
        return self.s * (self.m_a**2 - self.m_b**2)

    @property
    def std(self) -> float:
        """Standard deviation of q: √(4Δχ² + 4s²) ≈ 2√Δχ²."""
        return math.sqrt(4 * self.s**2 * (self.m_a**2 + self.m_b**2) + 4 * self.s**2)

    def sf(self, c: float) -> float:
        """P(q ≥ c), by one-dimensional quadrature over b."""
        if self.s <= 0:
            return float(c <= 0)

        def integrand(b):
            # P(a² >= c/s + b²) times the normal density of b
            t = c / self.s + b * b
            if t <= 0:
                p = 1.0
            else:
                r = math.sqrt(t)
                p = special.ndtr(self.m_a - r) + special.ndtr(-r - self.m_a)
            return p * math.exp(-0.5 * (b - self.m_b) ** 2) / math.sqrt(2 * math.pi)

        lo, hi = self.m_b - 12.0, self.m_b + 12.0
        pts = [
            p
            for p in ([-math.sqrt(-c / self.s), math.sqrt(-c / self.s)] if c < 0 else [])
            if lo < p < hi
        ]
        val, _ = integrate.quad(
            integrand, lo, hi, points=pts or None, limit=200, epsabs=1e-12, epsrel=1e-10
        )
        return float(min(max(val, 0.0), 1.0))


def statistic_law(x, rel_error, true="tls", background=False) -> StatisticLaw:
    """The exact law of the test statistic q for the plan (see :class:`StatisticLaw`).

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    StatisticLaw

    Examples
    --------
    >>> law = statistic_law(x_grid(0.1, 1.2, 20), 0.1)
    >>> bool(np.isclose(law.mean, delta_chi2(x_grid(0.1, 1.2, 20), 0.1)))
    True
    """
    mu, Bt, Bw = _whitened(x, rel_error, true, background)
    Qt, Qw = _orthonormal(Bt), _orthonormal(Bw)
    V = _orthonormal(np.hstack([Qt, Qw]))  # span of both model spaces
    Pt = (V.T @ Qt) @ (V.T @ Qt).T
    Pw = (V.T @ Qw) @ (V.T @ Qw).T
    vals, vecs = np.linalg.eigh(Pt - Pw)
    m = V.T @ mu
    i_pos, i_neg = int(np.argmax(vals)), int(np.argmin(vals))
    s = 0.5 * (vals[i_pos] - vals[i_neg])
    return StatisticLaw(
        s=float(max(s, 0.0)), m_a=float(abs(vecs[:, i_pos] @ m)), m_b=float(abs(vecs[:, i_neg] @ m))
    )


def statistic_moments(x, rel_error, true="tls", background=False) -> tuple[float, float]:
    """Exact mean and standard deviation of q = χ²_min(wrong) - χ²_min(true).

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    mean, std : float
        E[q] (= Δχ², :func:`delta_chi2`) and the standard deviation of q.

    Examples
    --------
    >>> m, sd = statistic_moments(x_grid(0.1, 1.2, 20), 0.1)
    >>> bool(np.isclose(m, delta_chi2(x_grid(0.1, 1.2, 20), 0.1))), bool(sd > 0)
    (True, True)
    """
    law = statistic_law(x, rel_error, true, background)
    return law.mean, law.std


def rejection_probability(x, rel_error, true="tls", background=False, z=3.0):
    """Probability that one dataset of the plan gives q ≥ z², i.e. rejects the wrong shape at z σ.

    Computed from the exact law (:class:`StatisticLaw`).  For a plan with
    significance Z = √Δχ² it is ≈ Φ((Z² - z²)/(2Z)): 1/2 at z = Z.

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.
    z : float
        Rejection threshold [σ], > 0.

    Returns
    -------
    float
        The probability, in [0, 1].

    Examples
    --------
    >>> x = x_grid(0.1, 1.2, 20)
    >>> e = rel_error_for_significance(3.0, x)    # a 3-sigma plan
    >>> round(rejection_probability(x, e, z=3.0), 2)
    0.5
    """
    z = _positive_scalar("z (significance, sigma)", z)
    return statistic_law(x, rel_error, true, background).sf(z * z)


def false_rejection_probability(x, rel_error, true="tls", background=False, z=3.0):
    """Probability that data from `true` give χ²(true) − χ²(other) ≥ z², rejecting the true shape.

    The size of the rule "reject a shape if q ≥ z²".  The two shapes are not nested, so
    Wilks' theorem does not fix this size; in the Gaussian approximation of q it is
    Φ(−(z² + Δχ²)/(2√Δχ²)) ≤ Φ(−z), with equality only at Δχ² = z², i.e. the rule is
    conservative.  Computed from the exact law (:class:`StatisticLaw`).

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.
    z : float
        Rejection threshold [σ], > 0.

    Returns
    -------
    float
        The probability, in [0, 1].

    Examples
    --------
    >>> from scipy.stats import norm
    >>> x = x_grid(0.1, 1.2, 20)
    >>> p = false_rejection_probability(x, 0.05, z=3.0)
    >>> bool(p < norm.sf(3.0))
    True
    """
    z = _positive_scalar("z (significance, sigma)", z)
    return 1.0 - statistic_law(x, rel_error, true, background).sf(-z * z)


def wrong_choice_probability(x, rel_error, true="tls", background=False):
    """Probability that the wrong shape fits one dataset better (q < 0): ≈ Φ(-Z/2).

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.

    Returns
    -------
    float
        The probability, in [0, 1].

    Examples
    --------
    >>> x = x_grid(0.1, 1.2, 20)
    >>> p = wrong_choice_probability(x, rel_error_for_significance(2.0, x))
    >>> bool(0 < p < 0.5)
    True
    """
    return 1.0 - statistic_law(x, rel_error, true, background).sf(0.0)


# --------------------------------------------------------------------------- the plan calculator


@dataclass(frozen=True)
class Discrimination:
    """What a measurement plan can tell about tanh(x/2) vs 1 - e^(-x) (see :func:`discriminate`).

    Attributes
    ----------
    x : numpy.ndarray
        The plan's x = ħω/k_BT values.
    rel_error : float
        Relative error per point.
    background : bool
        Whether a free constant background is fitted with each shape.
    delta_chi2 : dict
        Asimov Δχ² keyed by the true model ('tls', 'rm').
    significance : dict
        √Δχ² [σ] keyed by the true model.
    wrong_choice : dict
        Probability that the wrong shape fits better (q < 0), keyed by the true model.
    """

    x: np.ndarray
    rel_error: float
    background: bool
    delta_chi2: dict
    significance: dict
    wrong_choice: dict

    @property
    def z_min(self) -> float:
        """The smaller of the two significances (the plan's guaranteed reach)."""
        return min(self.significance.values())


def discriminate(
    n_points, rel_error, *, x_range=None, omega=None, T_range=None, background=False
) -> Discrimination:
    """The discrimination calculator: Δχ² and significance of a measurement plan.

    Give either ``x_range=(x_min, x_max)`` or ``omega`` [rad/s] with
    ``T_range=(T_min, T_max)`` [K]; the points are log-spaced in temperature.

    Parameters
    ----------
    n_points : int
        Number of measured temperatures, >= 2 (>= 3 with `background`).
    rel_error : float
        Relative error per point (> 0).
    x_range : tuple of float, optional
        (x_min, x_max) of x = ħω/k_BT.
    omega : float, optional
        Angular frequency ω = 2πf [rad/s].
    T_range : tuple of float, optional
        (T_min, T_max) [K].
    background : bool
        Fit a free constant background with each shape.

    Returns
    -------
    Discrimination

    Examples
    --------
    >>> d = discriminate(20, 0.05, omega=2 * np.pi * 4e9, T_range=(0.01, 1.0))
    >>> round(d.significance["tls"], 1), round(d.significance["rm"], 1)
    (20.4, 18.5)
    """
    if (x_range is None) == (omega is None and T_range is None):
        raise ValueError("give either x_range=(x_min, x_max) or omega with T_range=(T_min, T_max)")
    if x_range is not None:
        x = x_grid(x_range[0], x_range[1], n_points)
    else:
        if omega is None or T_range is None:
            raise ValueError("omega (rad/s) and T_range=(T_min, T_max) [K] must be given together")
        x = plan_x(omega, T_range[0], T_range[1], n_points)
    e = _positive_scalar("rel_error (relative error per point)", rel_error)
    d2 = {m: delta_chi2(x, e, m, background) for m in MODELS}
    return Discrimination(
        x=x,
        rel_error=e,
        background=bool(background),
        delta_chi2=d2,
        significance={m: math.sqrt(v) for m, v in d2.items()},
        wrong_choice={m: wrong_choice_probability(x, e, m, background) for m in MODELS},
    )


# --------------------------------------------------------------------------- Monte Carlo check


def synthetic_statistic(x, rel_error, true="tls", background=False, n_datasets=20000, seed=0):
    """q = χ²_min(wrong) - χ²_min(true) for synthetic datasets drawn from the `true` shape.

    Each synthetic dataset is ``y_i = f_true(x_i) (1 + rel_error · ε_i)`` with independent
    standard normal ε_i; both shapes (with free amplitude, and free background if asked)
    are fitted by closed-form weighted linear least squares, vectorised over datasets.

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.
    n_datasets : int
        Number of synthetic datasets.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    numpy.ndarray
        q for each synthetic dataset, shape (n_datasets,).

    Examples
    --------
    The mean of q is Δχ² (:func:`delta_chi2`), within four standard errors:

    >>> x = x_grid(0.1, 1.2, 20)
    >>> q = synthetic_statistic(x, 0.1, n_datasets=2000, seed=1)
    >>> q.shape, bool(abs(q.mean() - delta_chi2(x, 0.1)) < 4 * q.std() / np.sqrt(q.size))
    ((2000,), True)
    """
    mu, Bt, Bw = _whitened(x, rel_error, true, background)
    n = _n_points(n_datasets, 1, name="n_datasets")
    rng = np.random.default_rng(seed)
    z = mu[None, :] + rng.standard_normal((n, mu.size))  # whitened synthetic data
    Qt, Qw = _orthonormal(Bt), _orthonormal(Bw)
    return np.sum((z @ Qt) ** 2, axis=1) - np.sum((z @ Qw) ** 2, axis=1)


def monte_carlo_check(
    x, rel_error, true="tls", background=False, z=3.0, n_datasets=20000, seed=0
) -> dict:
    """Compare synthetic-data rejection rates with the calculator's prediction.

    Parameters
    ----------
    x, rel_error, true, background
        As in :func:`delta_chi2`.
    z : float
        Rejection threshold [σ].
    n_datasets, seed
        As in :func:`synthetic_statistic`.

    Returns
    -------
    dict
        ``delta_chi2`` (Asimov), ``mean_q`` and ``mean_q_se`` (Monte Carlo mean of q and its
        standard error), ``std_q`` and ``std_q_pred``, ``median_z`` (median of sign(q)√|q|,
        to compare with ``significance``), ``rate`` and ``rate_se`` (fraction of synthetic
        datasets with q ≥ z², binomial standard error), ``rate_pred``
        (:func:`rejection_probability`), ``wrong`` / ``wrong_pred`` (fraction with q < 0).

    Examples
    --------
    >>> res = monte_carlo_check(x_grid(0.1, 1.2, 20), 0.15, n_datasets=4000, seed=1)
    >>> abs(res["rate"] - res["rate_pred"]) < 4 * res["rate_se"]
    True
    """
    q = synthetic_statistic(x, rel_error, true, background, n_datasets, seed)
    law = statistic_law(x, rel_error, true, background)
    n = q.size
    rate = float(np.mean(q >= z * z))
    rate_pred = law.sf(z * z)
    wrong = float(np.mean(q < 0))
    wrong_pred = 1.0 - law.sf(0.0)
    return {
        "delta_chi2": law.mean,
        "significance": math.sqrt(max(law.mean, 0.0)),
        "mean_q": float(q.mean()),
        "mean_q_se": float(q.std(ddof=1) / math.sqrt(n)),
        "std_q": float(q.std(ddof=1)),
        "std_q_pred": law.std,
        "median_z": float(np.median(np.sign(q) * np.sqrt(np.abs(q)))),
        "rate": rate,
        "rate_pred": rate_pred,
        "rate_se": math.sqrt(max(rate_pred * (1 - rate_pred), 1.0 / n) / n),
        "wrong": wrong,
        "wrong_pred": wrong_pred,
        "wrong_se": math.sqrt(max(wrong_pred * (1 - wrong_pred), 1.0 / n) / n),
        "n_datasets": n,
    }
