"""Fits of measured κ(T): Eq. 5 with the Eq. 3 DOS, a power law and the STM, under error models."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from .dos import PowerLawDOS
from .measured import KappaData, read_kappa_csv
from .observables import thermal_conductivity

__all__ = [
    "MODELS",
    "ErrorModel",
    "KappaFit",
    "curvature_significance",
    "f_test",
    "fit_eq5",
    "fit_file",
    "fit_power_law",
    "fit_stm",
    "power_law_upper_edge",
    "window_band",
    "window_scan",
]

#: The three models: Eq. 5 + Eq. 3 (μ, prefactor free), κ = A T^(2-β), and the STM (μ = 0).
MODELS = ("eq5", "power_law", "stm")


@dataclass(frozen=True)
class ErrorModel:
    """The assumed uncertainty of each κ point (the compilations give no error bars).

    Parameters
    ----------
    kind : {'relative', 'absolute', 'scatter'}
        ``'relative'``: σ_i = size × κ_i (log-normal: residuals in ln κ divided by `size`),
        the natural model for values read off a log-scale figure.  ``'absolute'``:
        σ_i = size [W m⁻¹ K⁻¹] (residuals in κ).  ``'scatter'``: a common relative error
        estimated from the scatter of the points about the fit (χ²/dof = 1 by construction;
        `size` is ignored).
    size : float
        Relative error (dimensionless) or absolute error [W m⁻¹ K⁻¹]; > 0.

    Examples
    --------
    >>> ErrorModel("relative", 0.05).label
    'relative 5%'
    """

    kind: str = "relative"
    size: float = 0.05

    def __post_init__(self):
        if self.kind not in ("relative", "absolute", "scatter"):
            raise ValueError(
                f"ErrorModel kind must be 'relative', 'absolute' or 'scatter', got {self.kind!r}"
            )
        if not (math.isfinite(self.size) and self.size > 0):
            raise ValueError(f"ErrorModel size must be a finite number > 0, got {self.size!r}")

    @property
    def label(self) -> str:
        """Short description, e.g. ``'relative 5%'``."""
        if self.kind == "relative":
            return f"relative {self.size:.0%}"
        if self.kind == "absolute":
            return f"absolute {self.size:.2g} W/m/K"
        return "from the scatter"

    def residuals(self, model: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        """Normalised residuals (model − data)/σ (for 'scatter': in ln κ, σ = 1)."""
        if self.kind == "absolute":
            return (model - kappa) / self.size
        r = np.log(model) - np.log(kappa)
        return r / self.size if self.kind == "relative" else r

    def sigma_ln(self, kappa: np.ndarray) -> np.ndarray:
        """σ of ln κ_i (for 'scatter': ones, scaled later)."""
        if self.kind == "absolute":
            return self.size / kappa
        return np.full(kappa.shape, self.size if self.kind == "relative" else 1.0)


@dataclass(frozen=True)
class KappaFit:
    """The result of a κ(T) fit.

    Attributes
    ----------
    model : str
        One of :data:`MODELS`.
    mu, mu_err : float
        μ of Eq. 3 (for 'power_law': β of κ ∝ T^(2−β); 0 and 0 for 'stm'; with a DOS
        `family`, the family's parameter, e.g. J0/h0, see :attr:`parameter`) and its 1σ error
        (0 if it was fixed).
    amplitude, amplitude_err : float
        κ of the fitted curve at `T_ref` [W m⁻¹ K⁻¹] and its 1σ error.
    T_ref : float
        Geometric mean of the fitted temperatures [K].
    chi2, dof : float, int
        χ² under the error model and the degrees of freedom (points − free parameters).
    p_value : float
        Probability of a χ² at least this large if the model and error model are right
        (NaN for the 'scatter' error model, whose χ²/dof is 1 by construction).
    rms_rel : float
        Root-mean-square of the residuals in ln κ (the relative scatter about the fit).
    n, T_min, T_max : int, float, float
        Number of points and the temperature window [K].
    error_model : ErrorModel
    family : DOS family or None
        The DOS family of an Eq. 5 fit (:func:`fit_eq5`), None for Eq. 3.
    """

    model: str
    mu: float
    mu_err: float
    amplitude: float
    amplitude_err: float
    T_ref: float
    chi2: float
    dof: int
    p_value: float
    rms_rel: float
    n: int
    T_min: float
    T_max: float
    error_model: ErrorModel
    family: object = None

    @property
    def parameter(self) -> str:
        """Name of the DOS parameter held in :attr:`mu`: ``"mu"`` or the family's (``"J0/h0"``)."""
        return "mu" if self.family is None else self.family.parameter

    @property
    def chi2_dof(self) -> float:
        """χ²/dof (NaN if dof = 0)."""
        return self.chi2 / self.dof if self.dof > 0 else math.nan

    def curve(self, T) -> np.ndarray:
        """The fitted κ [W m⁻¹ K⁻¹] at temperatures `T` [K]."""
        T = np.asarray(T, dtype=float)
        return self.amplitude * _shape(self.model, T, self.mu, self.T_ref, self.family)


def _shape(model: str, T: np.ndarray, mu: float, T_ref: float, family=None) -> np.ndarray:
    """κ(T)/κ(T_ref) of the model (Eq. 5 with Eq. 3 at μ, or with ``family.dos(mu)``)."""
    if model == "power_law":
        return (T / T_ref) ** (2.0 - mu)
    dos = PowerLawDOS(mu) if family is None else family.dos(mu)
    both = thermal_conductivity(np.concatenate([np.atleast_1d(T), [T_ref]]), dos)
    return both[:-1].reshape(np.shape(T)) / both[-1]


def _as_data(T, kappa) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(T, KappaData):
        return T.T, T.kappa
    T = np.asarray(T, dtype=float).ravel()
    kappa = np.asarray(kappa, dtype=float).ravel()
    if T.size != kappa.size:
        raise ValueError(f"T and kappa must have the same length, got {T.size} and {kappa.size}")
    if not (np.all(np.isfinite(T)) and np.all(T > 0)):
        raise ValueError("T (temperatures, K) must be finite and > 0")
    if not (np.all(np.isfinite(kappa)) and np.all(kappa > 0)):
        raise ValueError("kappa (W/m/K) must be finite and > 0")
    return T, kappa


def _select(T, kappa, T_min, T_max):
    keep = (T >= T_min) & (T <= T_max)
    return T[keep], kappa[keep]


def _fit(model, data, kappa, error_model, T_min, T_max, family=None, mu=None) -> KappaFit:
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    if not isinstance(error_model, ErrorModel):
        raise ValueError(f"error_model must be an ErrorModel, got {type(error_model).__name__}")
    lo, hi = (-0.9, 2.0) if family is None else (float(b) for b in family.bounds)
    if model == "stm":
        mu = 0.0
    elif mu is not None:
        mu = float(mu)
        if not (math.isfinite(mu) and lo <= mu <= hi):
            name = "mu" if family is None else f"mu (the fixed {family.parameter})"
            raise ValueError(f"{name} must lie in {lo:g} - {hi:g}, got {mu}")
    T, k = _select(*_as_data(data, kappa), T_min, T_max)
    n_par = 1 if mu is not None else 2
    if T.size < n_par + 2:
        raise ValueError(
            f"only {T.size} point(s) in the window {T_min:g}-{T_max:g} K; need >= {n_par + 2} "
            f"for model {model!r}"
        )
    T_ref = float(np.exp(np.mean(np.log(T))))
    slope, ln_a0 = np.polyfit(np.log(T / T_ref), np.log(k), 1)  # start: the log-log line

    def ln_amplitude(m):  # the best ln A at a fixed shape parameter m (a start), and its cost
        shape = _shape(model, T, m, T_ref, family)
        la = float(np.mean(np.log(k) - np.log(shape)))
        res = error_model.residuals(np.exp(la) * shape, k)
        return la, float(res @ res)

    if mu is not None:
        ln_a0 = ln_amplitude(mu)[0]
        mu0 = mu
    elif family is None:
        mu0 = float(np.clip(2.0 - slope, -0.85, 1.95))
    else:  # the family's starting value with the smallest cost
        mu0 = min(family.starts, key=lambda m: ln_amplitude(m)[1])
        ln_a0 = ln_amplitude(mu0)[0]

    def resid(p):
        m = mu if mu is not None else p[1]
        return error_model.residuals(np.exp(p[0]) * _shape(model, T, m, T_ref, family), k)

    p0 = [float(ln_a0)] + ([] if mu is not None else [mu0])
    bounds = ([-np.inf] + ([] if mu is not None else [lo]),
              [np.inf] + ([] if mu is not None else [hi]))
    sol = optimize.least_squares(resid, p0, bounds=bounds, x_scale=1.0, diff_step=1e-6,
                                 xtol=1e-12, ftol=1e-12)
    r = sol.fun
    dof = T.size - n_par
    chi2 = float(r @ r)
    J = sol.jac
    cov = np.linalg.pinv(J.T @ J)
    if error_model.kind == "scatter":
        cov = cov * chi2 / dof
        p_value = math.nan
        chi2 = float(dof)
    else:
        p_value = float(stats.chi2.sf(chi2, dof))
    amp = math.exp(sol.x[0])
    mu_err = 0.0 if mu is not None else math.sqrt(cov[1, 1])
    mu = mu if mu is not None else float(sol.x[1])
    ln_res = np.log(amp * _shape(model, T, mu, T_ref, family)) - np.log(k)
    return KappaFit(model, mu, mu_err, amp, amp * math.sqrt(cov[0, 0]), T_ref, chi2, dof,
                    p_value, float(np.sqrt(np.mean(ln_res**2))), int(T.size), float(T.min()),
                    float(T.max()), error_model, family)


def fit_eq5(T, kappa=None, error_model: ErrorModel = ErrorModel(), T_min: float = 0.0,
            T_max: float = math.inf, *, family=None, mu=None) -> KappaFit:
    """Fit a measured κ(T) with the resonant-scattering κ and the power-law DOS, μ and A free.

    The κ is Eq. 5 of Churkin et al. (2021), the DOS their Eq. 3.  The model is
    ``A · K(T; μ) / K(T_ref; μ)`` with ``K`` from
    :func:`tlspaper.observables.thermal_conductivity` and ``PowerLawDOS(μ)``; A is κ at the
    geometric mean temperature of the window.  (For a temperature-independent μ, Eq. 5 with
    Eq. 3 is exactly ``∝ T^(2−μ)``, so this fit and :func:`fit_power_law` must agree; both
    are offered so that the statement is checked, not assumed.)

    Parameters
    ----------
    T : array_like or KappaData
        Temperatures [K] (or a :class:`tlspaper.measured.KappaData`, then `kappa` is None).
    kappa : array_like, optional
        κ [W m⁻¹ K⁻¹] at `T`.
    error_model : ErrorModel
        The assumed uncertainty of each point (default: 5 % relative).
    T_min, T_max : float
        Fit window [K] (inclusive).
    family : DOS family, optional
        Use the DOS ``family.dos(value)`` instead of ``PowerLawDOS(μ)``, e.g. a
        :class:`tlspaper.dos_emulator.DOSEmulator` (value: J0/h0): the fitted value is
        returned in ``mu`` (name in ``parameter``).  A family has ``parameter``, ``bounds``
        (its range), ``starts`` (the fit starts from the one with the smallest χ²) and
        ``dos(value)``.
    mu : float, optional
        Fix μ (or the family's parameter) at this value: only the prefactor is fitted.

    Returns
    -------
    KappaFit

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)               # synthetic: κ = 1e-3 T^1.8 W/m/K
    >>> f = fit_eq5(T, 1e-3 * T**1.8)
    >>> round(f.mu, 6), f.chi2 < 1e-12
    (0.2, True)
    """
    return _fit("eq5", T, kappa, error_model, T_min, T_max, family, mu)


def fit_power_law(T, kappa=None, error_model: ErrorModel = ErrorModel(), T_min: float = 0.0,
                  T_max: float = math.inf) -> KappaFit:
    """Fit κ = A (T/T_ref)^(2−β) [W m⁻¹ K⁻¹]; ``mu`` of the result is β (dimensionless).

    Parameters and returns as :func:`fit_eq5`.

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> round(fit_power_law(T, 2e-3 * T**1.9).mu, 9)
    0.1
    """
    return _fit("power_law", T, kappa, error_model, T_min, T_max)


def fit_stm(T, kappa=None, error_model: ErrorModel = ErrorModel(), T_min: float = 0.0,
            T_max: float = math.inf) -> KappaFit:
    """Fit the standard tunneling model, Eq. 5 with μ = 0 (κ ∝ T²): only the prefactor is free.

    Parameters and returns as :func:`fit_eq5` (``mu`` and ``mu_err`` are 0).

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> f = fit_stm(T, 3e-3 * T**2)
    >>> round(f.amplitude / (3e-3 * f.T_ref**2), 9), f.dof
    (1.0, 7)
    """
    return _fit("stm", T, kappa, error_model, T_min, T_max)


_FITS = {"eq5": fit_eq5, "power_law": fit_power_law, "stm": fit_stm}


def window_scan(data: KappaData, upper_edges, model: str = "eq5",
                error_model: ErrorModel = ErrorModel(), T_min: float = 0.0) -> list[KappaFit]:
    """Fit the same data over windows ``T_min <= T <= T_max`` for each upper edge.

    Parameters
    ----------
    data : KappaData
    upper_edges : array_like
        Upper edges T_max [K].
    model : {'eq5', 'power_law', 'stm'}
    error_model : ErrorModel
    T_min : float
        Lower edge [K].

    Returns
    -------
    list of KappaFit
        One per upper edge, in the order given.

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> d = KappaData(T, 1e-3 * T**1.8, "synthetic", np.arange(3, 11), "")
    >>> [round(f.mu, 6) for f in window_scan(d, [0.2, 0.5], "power_law")]
    [0.2, 0.2]
    """
    if model not in _FITS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    return [_FITS[model](data, None, error_model, T_min, float(t)) for t in upper_edges]


def window_band(fits: list[KappaFit]) -> tuple[float, float]:
    """The systematic band of μ over fit windows: (smallest, largest) μ of `fits`.

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> d = KappaData(T, 1e-3 * T**1.8, "synthetic", np.arange(3, 11), "")
    >>> [round(x, 6) for x in window_band(window_scan(d, [0.2, 0.5]))]
    [0.2, 0.2]
    """
    if not fits:
        raise ValueError("window_band needs at least one fit")
    mus = [f.mu for f in fits]
    return float(min(mus)), float(max(mus))


def curvature_significance(T, kappa=None, error_model: ErrorModel = ErrorModel(),
                           T_min: float = 0.0, T_max: float = math.inf) -> float:
    """Significance of the curvature c of ln κ = a + b ln T + c (ln T)² over a window.

    A pure power law has c = 0; the onset of the plateau bends ln κ downwards (c < 0).  σ_c
    follows the error model.  For the known-error models ('relative', 'absolute') the
    returned value is |c|/σ_c, a Gaussian z.  For 'scatter', σ_c is estimated from the
    residuals of the quadratic itself (n − 3 degrees of freedom), so |c|/σ_c is Student-t
    distributed; it is returned as the *Gaussian-equivalent* z with the same two-sided
    probability (:func:`_t_to_z`), so that one threshold (2σ) means the same in all models.
    With 5 points (2 dof) a t of 4.30 is needed for 95 %, not 1.96.

    Parameters
    ----------
    T, kappa, error_model, T_min, T_max
        As in :func:`fit_eq5`.

    Returns
    -------
    float
        The significance as a Gaussian z (dimensionless; NaN with fewer than 5 points).

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> curvature_significance(T, 1e-3 * T**1.8) < 1e-6
    True
    """
    T, k = _select(*_as_data(T, kappa), T_min, T_max)
    if T.size < 5:
        return math.nan
    x = np.log(T) - np.mean(np.log(T))
    s = error_model.sigma_ln(k)
    A = np.column_stack([np.ones_like(x), x, x * x]) / s[:, None]
    y = np.log(k) / s
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    cov = np.linalg.inv(A.T @ A)
    if error_model.kind == "scatter":
        res = y - A @ coef
        cov = cov * float(res @ res) / (T.size - 3)
    if not cov[2, 2] > 0:
        return math.inf
    sig = float(abs(coef[2]) / math.sqrt(cov[2, 2]))
    return _t_to_z(sig, T.size - 3) if error_model.kind == "scatter" else sig


def _t_to_z(t: float, dof: int) -> float:
    """The Gaussian z with the same two-sided tail probability as Student's t with `dof`.

    Examples
    --------
    >>> round(_t_to_z(4.303, 2), 2)        # the 95 % two-sided t quantile for 2 dof
    1.96
    """
    return float(stats.norm.isf(stats.t.sf(abs(t), dof)))


def f_test(restricted: KappaFit, full: KappaFit) -> float:
    """p-value of the nested-model F test: does the extra parameter of `full` improve the fit?

    ``F = [(χ²_r − χ²_f)/(dof_r − dof_f)] / (χ²_f/dof_f)``, compared with the F distribution
    with (dof_r − dof_f, dof_f) degrees of freedom.  The common size of a relative error
    cancels, so the p-value does not depend on the assumed error size (it still assumes
    equal relative errors).  Typical use: `restricted` the STM fit (μ = 0), `full` the Eq. 5
    fit (μ free) on the same window.

    Parameters
    ----------
    restricted, full : KappaFit
        Fits of the same points under the same error model, `full` with more parameters;
        not the 'scatter' error model (its χ² is fixed to dof).

    Returns
    -------
    float
        The probability of an F at least this large if the restricted model is right.

    Examples
    --------
    >>> T = np.geomspace(0.05, 0.5, 8)
    >>> k = 1e-3 * T**1.8 * (1 + 0.02 * np.cos(7 * np.arange(8)))
    >>> f_test(fit_stm(T, k), fit_eq5(T, k)) < 1e-6
    True
    """
    if "scatter" in (restricted.error_model.kind, full.error_model.kind):
        raise ValueError("f_test needs a known-error model, not 'scatter' (χ² fixed to dof)")
    if (restricted.n, restricted.T_min, restricted.T_max) != (full.n, full.T_min, full.T_max):
        raise ValueError("f_test needs two fits of the same window")
    d_dof = restricted.dof - full.dof
    if d_dof <= 0 or full.dof <= 0:
        raise ValueError("f_test needs restricted.dof > full.dof > 0")
    F = ((restricted.chi2 - full.chi2) / d_dof) / (full.chi2 / full.dof)
    return float(stats.f.sf(F, d_dof, full.dof))


def power_law_upper_edge(data: KappaData, error_model: ErrorModel = ErrorModel(),
                         T_min: float = 0.0, z: float = 2.0, min_points: int = 5) -> float:
    """The largest upper edge [K] below which κ is still one power law (no plateau onset).

    Upper edges are tried at the measured temperatures from the `min_points`-th point up; the
    answer is the last edge before the first window whose curvature
    (:func:`curvature_significance`) exceeds `z` σ under the error model.  The rule does not
    look at the value of μ.

    Parameters
    ----------
    data : KappaData
    error_model : ErrorModel
    T_min : float
        Lower edge [K].
    z : float
        Significance threshold of the curvature (default 2).
    min_points : int
        Smallest window (>= 5).

    Returns
    -------
    float
        T_max [K] (NaN if even the smallest window is curved).

    Examples
    --------
    >>> T = np.geomspace(0.05, 2.0, 12)                 # synthetic: T² bending to a plateau
    >>> d = KappaData(T, T**2 / (1 + (T / 0.5)**2), "synthetic", np.arange(12), "")
    >>> 0.1 < power_law_upper_edge(d) < 0.5
    True
    """
    T = data.T[data.T >= T_min]
    if min_points < 5:
        raise ValueError(f"min_points must be >= 5, got {min_points}")
    best = math.nan
    for t in T[min_points - 1:]:
        sig = curvature_significance(data, None, error_model, T_min, float(t))
        if sig > z:
            break
        best = float(t)
    return best


def fit_file(path: str | os.PathLike, model: str = "eq5", error_model: ErrorModel = ErrorModel(),
             T_min: float = 0.0, T_max: float | None = None) -> KappaFit:
    """Read a κ(T) CSV (:func:`tlspaper.measured.read_kappa_csv`) and fit it in one call.

    Parameters
    ----------
    path : path-like
        The CSV file.
    model : {'eq5', 'power_law', 'stm'}
    error_model : ErrorModel
    T_min : float
        Lower edge [K].
    T_max : float, optional
        Upper edge [K]; default :func:`power_law_upper_edge` under `error_model`.

    Returns
    -------
    KappaFit

    Examples
    --------
    >>> from tlspaper.data import fetch
    >>> f = fit_file(fetch("kappa_olson1993_stycast1266.csv"), T_max=0.35)
    >>> f.n, 0.0 < f.mu < 0.2
    (7, True)
    """
    data = read_kappa_csv(path)
    if T_max is None:
        T_max = power_law_upper_edge(data, error_model, T_min)
        if not math.isfinite(T_max):
            raise ValueError(f"{path}: no window from the lowest {5} points is a single power law")
    if model not in _FITS:
        raise ValueError(f"model must be one of {MODELS}, got {model!r}")
    return _FITS[model](data, None, error_model, T_min, T_max)
