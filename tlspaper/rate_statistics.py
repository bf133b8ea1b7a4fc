"""Statistics of relaxation rates and energies over realizations: 1/λ law, λ_min, jackknife."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._checks import positive as _check_positive
from ._checks import positive_int as _check_positive_int
from .constants import EULER_GAMMA

__all__ = [
    "ShiftEstimate",
    "InverseLambdaFit",
    "LogRelaxationFit",
    "central_width",
    "density_histogram",
    "fit_inverse_lambda",
    "fit_window",
    "block_jackknife",
    "gap_weight",
    "hist_quantile",
    "lambda_min_hist",
    "resolved_sign",
    "shift_estimates",
    "inverse_lambda_exponent",
    "jackknife",
    "lambda_min",
    "log_relaxation",
    "log_relaxation_fit",
    "relaxation_curve",
    "relaxation_curve_hist",
    "relaxation_shift_sign",
]


def density_histogram(samples, edges) -> tuple[np.ndarray, np.ndarray]:
    """Normalised histogram over realizations, with its standard error.

    Parameters
    ----------
    samples : array_like, shape (R, M) or sequence of 1-D arrays
        One row of values per realization (R >= 1).
    edges : array_like
        Bin edges.

    Returns
    -------
    density : numpy.ndarray
        Histogram of all values normalised by the total count and the bin widths (values
        outside the edges count in the normalisation, so a cut tail lowers the density).
    error : numpy.ndarray
        Standard error of the mean over realizations (zero if R = 1).

    Examples
    --------
    >>> d, e = density_histogram([[0.1, 0.2, 0.6, 0.7]], [0.0, 0.5, 1.0])
    >>> d.tolist()
    [1.0, 1.0]
    """
    edges = np.asarray(edges, dtype=float)
    rows = [np.asarray(s, dtype=float).ravel() for s in samples]
    widths = np.diff(edges)
    hists = [np.histogram(r, edges)[0] for r in rows]
    per = np.array([h / (len(r) * widths) for h, r in zip(hists, rows, strict=True)])
    counts = sum(hists)
    total = sum(len(r) for r in rows)
    if len(rows) > 1:
        err = per.std(axis=0, ddof=1) / np.sqrt(len(rows))
    else:
        err = np.zeros(len(widths))
    return counts / (total * widths), err


def lambda_min_hist(counts, edges, bin_width: float = 0.5, level: float = 0.5) -> float:
    """λ_min of :func:`lambda_min` from a histogram of ln λ (fine bins are merged first).

    Parameters
    ----------
    counts : array_like
        Counts of ln λ in the bins `edges` (equal widths).
    edges : array_like
        Bin edges of ln λ.
    bin_width : float
        Width of the merged ln λ bins (a whole number of fine bins, rounded).
    level : float
        Fraction of the plateau height defining the edge (0 < level < 1).

    Returns
    -------
    float
        λ_min (rate unit of the histogram).

    Examples
    --------
    >>> y = np.random.default_rng(0).uniform(-20, -5, 200_000)
    >>> c, e = np.histogram(y, np.arange(-30, 0.001, 0.01))
    >>> round(float(np.log(lambda_min_hist(c, e, bin_width=0.1))), 1)
    -20.0
    """
    counts = np.asarray(counts, dtype=float)
    edges = np.asarray(edges, dtype=float)
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    bin_width = _check_positive("bin_width", bin_width)
    if counts.sum() < 10:
        raise ValueError(f"need at least 10 counts, got {counts.sum():g}")
    step = max(1, int(round(bin_width / (edges[1] - edges[0]))))
    nz = np.flatnonzero(counts)
    lo, hi = nz[0], nz[-1] + 1
    n = -(-(hi - lo) // step)
    c = np.zeros(n * step)
    c[: hi - lo] = counts[lo:hi]
    counts = c.reshape(n, step).sum(axis=1)
    e = edges[lo] + (edges[1] - edges[0]) * step * np.arange(n + 1)
    if n < 3:
        return float(np.exp(e[0]))
    centres = 0.5 * (e[1:] + e[:-1])
    q1, q3 = _hq(counts, e, 0.25), _hq(counts, e, 0.75)
    core = (centres >= q1) & (centres <= q3)
    height = np.median(counts[core]) if core.any() else counts.max()
    above = np.flatnonzero(counts >= level * height)
    k = above[0]
    if k == 0:
        return float(np.exp(e[0]))
    c0, c1 = counts[k - 1], counts[k]
    frac = (level * height - c0) / (c1 - c0)
    return float(np.exp(centres[k - 1] + frac * (centres[k] - centres[k - 1])))


def _hq(counts, edges, q):
    """One quantile of a histogram by linear interpolation of its cumulative distribution."""
    cdf = np.concatenate([[0.0], np.cumsum(counts)])
    cdf /= cdf[-1]
    k = int(np.searchsorted(cdf, q, side="left"))
    k = min(max(k, 1), len(cdf) - 1)
    c0, c1 = cdf[k - 1], cdf[k]
    frac = 0.0 if c1 == c0 else (q - c0) / (c1 - c0)
    return float(edges[k - 1] + frac * (edges[k] - edges[k - 1]))


def hist_quantile(counts, edges, q):
    """Quantiles of the values behind a histogram (linear interpolation inside a bin).

    Parameters
    ----------
    counts : array_like
        Bin counts (values outside the edges must be counted in the end bins, or the
        quantiles are those of the values inside).
    edges : array_like
        Bin edges.
    q : float or sequence of float
        Probabilities in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        The quantiles (unit of `edges`).

    Examples
    --------
    >>> hist_quantile([1, 1, 2], [0.0, 1.0, 2.0, 3.0], [0.25, 0.5])
    array([1., 2.])
    """
    counts = np.asarray(counts, dtype=float)
    edges = np.asarray(edges, dtype=float)
    if counts.sum() <= 0:
        raise ValueError("the histogram is empty")
    if np.ndim(q) == 0:
        return _hq(counts, edges, float(q))
    return np.array([_hq(counts, edges, float(v)) for v in q])


def lambda_min(rates, bin_width: float = 0.5, level: float = 0.5) -> float:
    """Lower cutoff λ_min of a 1/λ rate distribution: the low edge of the plateau of p(ln λ).

    p(ln λ) of a 1/λ distribution is flat between λ_min and λ_max (the paper's "plateau
    region").  The plateau height is taken as the median of the histogram of ln λ over the
    central half of the samples (between their 25th and 75th percentiles); λ_min is where,
    coming from small λ, the histogram first reaches `level` times that height (linear
    interpolation between bin centres).  :func:`lambda_min_hist` does the same from a
    histogram.

    Parameters
    ----------
    rates : array_like
        Positive rates (any unit; λ_min has the same unit).
    bin_width : float
        Width of the ln λ bins.
    level : float
        Fraction of the plateau height defining the edge (0 < level < 1).

    Returns
    -------
    float
        λ_min.

    Examples
    --------
    A log-uniform sample between e^-20 and e^-5 has its edge at e^-20:

    >>> lam = np.exp(np.random.default_rng(0).uniform(-20, -5, 200_000))
    >>> round(float(np.log(lambda_min(lam, bin_width=0.1))), 1)
    -20.0
    """
    y = np.log(np.asarray(rates, dtype=float).ravel())
    y = y[np.isfinite(y)]
    if y.size < 10:
        raise ValueError(f"rates must contain at least 10 positive values, got {y.size}")
    bin_width = _check_positive("bin_width", bin_width)
    edges = np.arange(y.min(), y.max() + bin_width, bin_width)
    if edges.size < 3:
        edges = np.linspace(y.min(), y.max(), 3)
    counts, edges = np.histogram(y, edges)
    return lambda_min_hist(counts, edges, edges[1] - edges[0], level)


def fit_window(rates, decades: float = 1.0, level: float = 0.9) -> tuple[float, float]:
    """The window [λ_p, 10^decades λ_p] for fitting the 1/λ law, starting on the plateau.

    λ_min (:func:`lambda_min`, half height) marks the middle of the rounded low edge of
    p(ln λ); the plateau itself starts where p(ln λ) reaches `level` (0.9) of its height.
    The fit window starts there so that the edge does not bias the fitted power.

    Parameters
    ----------
    rates : array_like
        Positive rates (any unit).
    decades : float
        Width of the window in decades, > 0.
    level : float
        Fraction of the plateau height where the window starts (0 < level < 1).

    Returns
    -------
    lam_lo, lam_hi : float
        The window (same unit as `rates`).

    Examples
    --------
    >>> lam = np.exp(np.random.default_rng(0).uniform(-20, -5, 200_000))
    >>> lo, hi = fit_window(lam)
    >>> round(float(np.log(hi / lo) / np.log(10)), 6)
    1.0
    """
    lo = lambda_min(rates, level=level)
    return lo, lo * 10.0 ** _check_positive("decades", decades)


@dataclass
class InverseLambdaFit:
    """Fit of p(λ) = A / λ (and of a free power A' λ^-s) to a rate histogram."""

    A: float
    A_err: float
    exponent: float
    exponent_err: float
    chi2_red: float
    lam_lo: float
    lam_hi: float


def fit_inverse_lambda(rates, lam_lo: float, lam_hi: float, bins: int = 40) -> InverseLambdaFit:
    """Fit the normalised rate distribution p(λ) in [lam_lo, lam_hi] by A/λ and by A' λ^-s.

    p(λ) is the histogram of all rates (normalised to the total number of rates) in `bins`
    linear bins spanning [lam_lo, lam_hi], as in the paper's linear-scale panels.  The fits
    are weighted least squares with Poisson errors.  A pure 1/λ law gives s = 1.

    Parameters
    ----------
    rates : array_like
        Positive rates.
    lam_lo, lam_hi : float
        Fit window (the paper's cutoffs), 0 < lam_lo < lam_hi.
    bins : int
        Number of linear bins.

    Returns
    -------
    InverseLambdaFit

    Examples
    --------
    >>> lam = np.exp(np.random.default_rng(1).uniform(np.log(1e-3), 0.0, 400_000))
    >>> f = fit_inverse_lambda(lam, 1e-3, 1e-2)
    >>> bool(abs(f.exponent - 1) < 3 * f.exponent_err), round(float(f.A * np.log(1e3)), 2)
    (True, 1.0)
    """
    from scipy.optimize import curve_fit

    lam_lo = _check_positive("lam_lo", lam_lo)
    lam_hi = _check_positive("lam_hi", lam_hi)
    if lam_hi <= lam_lo:
        raise ValueError(f"need lam_lo < lam_hi, got {lam_lo} and {lam_hi}")
    lam = np.asarray(rates, dtype=float).ravel()
    edges = np.linspace(lam_lo, lam_hi, _check_positive_int("bins", bins, 3) + 1)
    counts, _ = np.histogram(lam, edges)
    w = np.diff(edges)
    x = 0.5 * (edges[1:] + edges[:-1])
    p = counts / (lam.size * w)
    sig = np.sqrt(np.maximum(counts, 1)) / (lam.size * w)
    # A / λ: linear least squares in A
    basis = 1.0 / x
    wts = 1.0 / sig**2
    A = float(np.sum(wts * basis * p) / np.sum(wts * basis**2))
    A_err = float(1.0 / np.sqrt(np.sum(wts * basis**2)))
    chi2 = float(np.sum(((p - A * basis) / sig) ** 2) / (len(x) - 1))
    popt, pcov = curve_fit(lambda t, a, s: a * (t / x[0]) ** (-s), x, p, p0=(p[0], 1.0),
                           sigma=sig, absolute_sigma=True)
    return InverseLambdaFit(A, A_err, float(popt[1]), float(np.sqrt(pcov[1, 1])), chi2,
                            lam_lo, lam_hi)


def inverse_lambda_exponent(rates) -> tuple[float, float]:
    """Power s of p(λ) ∝ λ^-s fitted over the first decade of the plateau (:func:`fit_window`).

    Parameters
    ----------
    rates : array_like
        Positive rates (any unit), pooled over realizations.

    Returns
    -------
    s, error : float
        The fitted power of :func:`fit_inverse_lambda` (dimensionless) and its standard error;
        a 1/λ law gives s = 1.

    Examples
    --------
    >>> lam = np.exp(np.random.default_rng(1).uniform(np.log(1e-9), np.log(1e-3), 200_000))
    >>> s, err = inverse_lambda_exponent(lam)
    >>> bool(abs(s - 1) < 4 * err < 0.2)
    True
    """
    fit = fit_inverse_lambda(rates, *fit_window(rates))
    return fit.exponent, fit.exponent_err


def relaxation_curve(rates, t) -> np.ndarray:
    """Total relaxation |δσ|(t) = (1/M) Σ_i exp(-λ_i t) (Eq. 15 of Churkin et al. (2013)).

    Eq. 15 with equal initial deviations c_i = 1/M.

    Parameters
    ----------
    rates : array_like
        The M positive rates.
    t : array_like
        Times (inverse rate unit).

    Returns
    -------
    numpy.ndarray
        |δσ|(t) / |δσ|(0).

    Examples
    --------
    >>> relaxation_curve([1.0, 2.0], [0.0, np.log(2)]).tolist()
    [1.0, 0.375]
    """
    lam = np.sort(np.asarray(rates, dtype=float).ravel())
    t = np.atleast_1d(np.asarray(t, dtype=float))
    out = np.empty(t.shape)
    for k, tk in enumerate(t.ravel()):
        out.flat[k] = np.exp(-lam * tk).mean()
    return out


def log_relaxation(t, lam_min: float, c: float = 1.0) -> np.ndarray:
    """Logarithmic relaxation |δσ|(t) ≈ -c [γ_E + ln(λ_min t)] (Eq. 17 of Churkin et al. (2013)).

    Valid for 1/λ_max < t < 1/λ_min.

    For p(λ) = 1 / (λ ln(λ_max/λ_min)) and unit initial deviations, c = 1 / ln(λ_max/λ_min).

    Parameters
    ----------
    t : array_like
        Times (inverse rate unit).
    lam_min : float
        Lower cutoff λ_min of the rates, > 0.
    c : float
        Prefactor (dimensionless).

    Returns
    -------
    numpy.ndarray
        |δσ|(t) / |δσ|(0).

    Examples
    --------
    >>> round(float(log_relaxation(np.exp(-EULER_GAMMA), 1.0)), 12)
    0.0
    """
    lam_min = _check_positive("lam_min", lam_min)
    return -c * (EULER_GAMMA + np.log(lam_min * np.asarray(t, dtype=float)))


def jackknife(statistic, groups, blocks: int = 20) -> tuple[float, float]:
    """Delete-one-block jackknife estimate and standard error of `statistic` over realizations.

    Parameters
    ----------
    statistic : callable
        Maps a 1-D array of pooled values to a float.
    groups : sequence of array_like
        One array of values per realization (R >= 2).
    blocks : int
        If R > blocks, consecutive realizations are merged into `blocks` blocks first.

    Returns
    -------
    value, error : float
        `statistic` of all pooled values and its jackknife standard error.

    Examples
    --------
    >>> v, e = jackknife(np.mean, [[1.0], [2.0], [3.0], [4.0]])
    >>> v, round(e, 6)
    (2.5, 0.645497)
    """
    groups = [np.asarray(g, dtype=float).ravel() for g in groups]
    R = len(groups)
    if R < 2:
        raise ValueError(f"jackknife needs at least 2 realizations, got {R}")
    blocks = _check_positive_int("blocks", blocks, 2)
    if R > blocks:
        groups = [np.concatenate(part) for part in np.array_split(np.array(groups, dtype=object),
                                                                   blocks)]
        R = blocks
    full = float(statistic(np.concatenate(groups)))
    loo = np.array([statistic(np.concatenate(groups[:k] + groups[k + 1:])) for k in range(R)])
    err = float(np.sqrt((R - 1) / R * np.sum((loo - loo.mean()) ** 2)))
    return full, err


def relaxation_shift_sign(lam_min_before: float, lam_min_after: float, err: float = 0.0) -> int:
    """Sign of a shift of λ_min: +1 if it grows (faster relaxation), -1 if it drops, else 0.

    The convention of Table I of Churkin et al. (2013); a change within `err` (same rate
    unit) counts as no change.

    Parameters
    ----------
    lam_min_before, lam_min_after : float
        λ_min at the smallest and the largest value of the varied parameter (rate unit).
    err : float
        Changes of at most this size (rate unit) count as no change.

    Returns
    -------
    int
        +1, -1 or 0.

    Examples
    --------
    >>> relaxation_shift_sign(1e-10, 3e-10), relaxation_shift_sign(1e-10, 1.01e-10, 1e-11)
    (1, 0)
    """
    d = lam_min_after - lam_min_before
    if abs(d) <= err:
        return 0
    return 1 if d > 0 else -1


def central_width(energies, blocks: int = 10) -> tuple[float, float]:
    """Interquartile range of the energies (a robust width of the DOS), with a jackknife error.

    Parameters
    ----------
    energies : array_like, shape (R, M) or sequence of 1-D arrays
        One row of energies per realization (energy unit), R >= 2.
    blocks : int
        Jackknife blocks (see :func:`jackknife`).

    Returns
    -------
    width, error : float
        75th minus 25th percentile of all pooled energies and its jackknife standard error
        (energy unit).

    Examples
    --------
    >>> w, e = central_width([[-1.0, 1.0], [-1.0, 1.0], [-1.0, 1.0]])
    >>> w, e
    (2.0, 0.0)
    """
    return jackknife(lambda v: np.subtract(*np.percentile(v, [75, 25])), list(energies),
                     blocks=blocks)


def gap_weight(energies, cut: float = 0.1, blocks: int = 10) -> tuple[float, float]:
    """Fraction of energies with |E| < `cut` (the weight inside the gap), with a jackknife error.

    Parameters
    ----------
    energies : array_like, shape (R, M) or sequence of 1-D arrays
        One row of (signed) energies per realization (energy unit), R >= 2.
    cut : float
        Half-width of the window around E = 0 (energy unit).
    blocks : int
        Jackknife blocks (see :func:`jackknife`).

    Returns
    -------
    weight, error : float
        Fraction of all pooled energies with |E| < cut and its jackknife standard error.

    Examples
    --------
    >>> gap_weight([[0.05, 2.0], [-0.05, 3.0]], cut=0.1)[0]
    0.5
    """
    return jackknife(lambda v: np.mean(np.abs(v) < cut), list(energies), blocks=blocks)


@dataclass
class LogRelaxationFit:
    """Relaxation curve of Eq. 15 on a time grid and its straight-line fit in ln t.

    Attributes
    ----------
    t : numpy.ndarray
        Times (inverse rate unit).
    x : numpy.ndarray
        -[γ_E + ln(λ_min t)] at those times (dimensionless).
    curve : numpy.ndarray
        |δσ|(t) / |δσ|(0) of :func:`relaxation_curve`.
    slope, intercept : float
        Least-squares line curve ≈ slope x + intercept over the window x > `x_min`,
        curve > `curve_min`; Eq. 17 predicts slope = A, the amplitude of p(λ) = A/λ.
    """

    t: np.ndarray
    x: np.ndarray
    curve: np.ndarray
    slope: float
    intercept: float


def log_relaxation_fit(rates, lam_min: float, n_times: int = 60, x_min: float = 2.0,
                       curve_min: float = 0.02) -> LogRelaxationFit:
    """Relaxation |δσ|(t) of Eq. 15 from the rates, and its slope against -[γ_E + ln(λ_min t)].

    The times run log-uniformly from 3 / (99.9th percentile of the rates) to 30 / λ_min.  Eq. 17
    (:func:`log_relaxation`) predicts a straight line through the origin in
    x = -[γ_E + ln(λ_min t)] with slope A for p(λ) = A/λ; the line is fitted where the
    logarithmic regime holds, x > `x_min` and |δσ| > `curve_min`.

    Parameters
    ----------
    rates : array_like
        All positive rates (pooled over realizations; any rate unit).
    lam_min : float
        Lower cutoff λ_min (same unit), > 0.
    n_times : int
        Number of times on the grid, >= 3.
    x_min, curve_min : float
        The fit window (dimensionless).

    Returns
    -------
    LogRelaxationFit

    Examples
    --------
    Rates log-uniform over 1e-8 .. 1: slope c = 1 / ln(1e8), as Eq. 17 says.

    >>> lam = np.exp(np.random.default_rng(6).uniform(np.log(1e-8), 0.0, 100_000))
    >>> f = log_relaxation_fit(lam, 1e-8)
    >>> bool(abs(f.slope * np.log(1e8) - 1) < 0.05)
    True
    """
    lam = np.asarray(rates, dtype=float).ravel()
    lam_min = _check_positive("lam_min", lam_min)
    n_times = _check_positive_int("n_times", n_times, 3)
    t = np.logspace(np.log10(3 / np.percentile(lam, 99.9)), np.log10(30 / lam_min), n_times)
    x = -(EULER_GAMMA + np.log(lam_min * t))
    y = relaxation_curve(lam, t)
    window = (x > x_min) & (y > curve_min)
    slope, intercept = np.polyfit(x[window], y[window], 1)
    return LogRelaxationFit(t, x, y, float(slope), float(intercept))


def block_jackknife(statistic, blocks) -> tuple[float, float]:
    """Delete-one-block jackknife of a statistic of summed histograms (one row per block).

    Parameters
    ----------
    statistic : callable
        Maps a histogram (the sum of some rows of `blocks`) to a float.
    blocks : array_like, shape (B, ...)
        One histogram (or any additive summary) per block of realizations, B >= 2.

    Returns
    -------
    value, error : float
        `statistic` of the sum of all blocks and its jackknife standard error.

    Examples
    --------
    The mean of 1, 2, 3, 4 from per-block (sum, count) pairs: error s/√n = 0.645...

    >>> b = np.array([[1.0, 1], [2.0, 1], [3.0, 1], [4.0, 1]])
    >>> v, e = block_jackknife(lambda s: s[0] / s[1], b)
    >>> v, round(e, 6)
    (2.5, 0.645497)
    """
    blocks = np.asarray(blocks, dtype=float)
    B = blocks.shape[0]
    if B < 2:
        raise ValueError(f"block_jackknife needs at least 2 blocks, got {B}")
    total = blocks.sum(axis=0)
    full = float(statistic(total))
    loo = np.array([statistic(total - blocks[k]) for k in range(B)])
    return full, float(np.sqrt((B - 1) / B * np.sum((loo - loo.mean()) ** 2)))


@dataclass
class ShiftEstimate:
    """Shift of one estimator of the rate scale between two configurations.

    Attributes
    ----------
    name : str
        The estimator, e.g. ``"q10 of ln g"`` or ``"ln λ_min (level 0.5)"``.
    before, after : float
        Its value (a logarithm of a rate or of a rate factor) in each configuration.
    shift, error : float
        after - before and its jackknife standard error (the two are independent).
    """

    name: str
    before: float
    after: float
    shift: float
    error: float

    @property
    def z(self) -> float:
        """shift / error (inf for a nonzero shift with zero error)."""
        if self.error == 0:
            return 0.0 if self.shift == 0 else math.copysign(math.inf, self.shift)
        return self.shift / self.error


def shift_estimates(before, after, estimators) -> list[ShiftEstimate]:
    """Jackknife shifts of several estimators between two sets of block histograms.

    Parameters
    ----------
    before, after : array_like, shape (B, nbins)
        Block histograms of the two configurations (independent realizations).
    estimators : dict
        Name -> ``statistic(histogram) -> float`` (e.g. a log-quantile).

    Returns
    -------
    list of ShiftEstimate

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> edges = np.linspace(-5, 5, 201)
    >>> blk = lambda mu: np.array([np.histogram(rng.normal(mu, 1, 2000), edges)[0]
    ...                            for _ in range(20)])
    >>> est = {"median": lambda h: hist_quantile(h, edges, 0.5)}
    >>> s = shift_estimates(blk(0.0), blk(0.1), est)[0]
    >>> bool(abs(s.shift - 0.1) < 4 * s.error)
    True
    """
    out = []
    for name, stat in estimators.items():
        a, ea = block_jackknife(stat, before)
        b, eb = block_jackknife(stat, after)
        out.append(ShiftEstimate(name, a, b, b - a, math.hypot(ea, eb)))
    return out


def resolved_sign(shifts, threshold: float = 3.0) -> int:
    """Table I sign from several estimators: ±1 only if every shift has it at ≥ `threshold` σ.

    Parameters
    ----------
    shifts : sequence of ShiftEstimate
        Shifts of ln(rate scale) (positive: faster relaxation).
    threshold : float
        Required significance of every estimator.

    Returns
    -------
    int
        +1 (faster), -1 (slower) or 0 (not resolved).

    Examples
    --------
    >>> s = [ShiftEstimate("a", 0, 1, 1.0, 0.1), ShiftEstimate("b", 0, 1, 0.5, 0.1)]
    >>> resolved_sign(s), resolved_sign(s + [ShiftEstimate("c", 0, 0, 0.2, 0.1)])
    (1, 0)
    """
    z = np.array([s.z for s in shifts], dtype=float)
    if z.size and np.all(z >= threshold):
        return 1
    if z.size and np.all(z <= -threshold):
        return -1
    return 0


def relaxation_curve_hist(counts, edges, t) -> np.ndarray:
    """Eq. 15 of Churkin et al. (2013) from a histogram of ln λ: Σ_k p_k exp(-λ_k t).

    Each bin contributes its share of the rates at its centre λ_k = exp(centre); for bins of
    width δ in ln λ the relative error is of order δ²/8 (δ = 0.02: 5e-5).

    Parameters
    ----------
    counts : array_like
        Counts of ln λ.
    edges : array_like
        Bin edges of ln λ.
    t : array_like
        Times (inverse rate unit).

    Returns
    -------
    numpy.ndarray
        |δσ|(t) / |δσ|(0).

    Examples
    --------
    >>> relaxation_curve_hist([1, 1], [-0.01, 0.01, np.log(2) * 2 - 0.01], [0.0]).tolist()
    [1.0]
    """
    counts = np.asarray(counts, dtype=float)
    edges = np.asarray(edges, dtype=float)
    lam = np.exp(0.5 * (edges[1:] + edges[:-1]))
    p = counts / counts.sum()
    t = np.atleast_1d(np.asarray(t, dtype=float))
    return np.array([np.sum(p * np.exp(-lam * tk)) for tk in t.ravel()]).reshape(t.shape)
