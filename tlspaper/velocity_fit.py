"""Fitting δv/v(T) and δε/ε(T) curves by Eqs. 7 + 8 with the DOS of Eq. 3, and their shape.

The fit model, its least-squares fit, the curve-file format, and the shape of the model curve
(logarithmic slopes, maximum).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._checks import positive as _positive
from ._checks import positive_array as _positive_array
from .dos import PowerLawDOS
from .observables import RESONANT_CUTOFF, _temperatures, velocity_shift
from .one_phonon import crossover_temperature

__all__ = [
    "CURVE_COLUMNS", "CURVE_HEADER_KEYS", "FIT_PARAMETERS", "POOR_FIT_CHI2_DOF",
    "POOR_FIT_P_VALUE", "SLOPE_WINDOW_ABOVE", "SLOPE_WINDOW_BELOW", "Curve", "FitWarning",
    "VelocityFit", "fit_velocity", "format_value_error", "load_curve", "log_slopes",
    "model_slope_ratio", "mu_for_slope_ratio", "save_curve", "synthetic_curve",
    "velocity_maximum", "velocity_model",
]


# --------------------------------------------------------------------------- slopes, maximum
#: Windows of :func:`log_slopes`, in units of the temperature of the velocity maximum.
SLOPE_WINDOW_BELOW = (0.1, 0.5)
SLOPE_WINDOW_ABOVE = (2.0, 10.0)


def log_slopes(T, y, below=SLOPE_WINDOW_BELOW, above=SLOPE_WINDOW_ABOVE, extremum="max"):
    """Logarithmic slopes ``dy/d ln T`` below and above the extremum of a δv/v (or δε/ε) curve.

    The slope on each side is the least-squares line of y against ln T over the points with
    ``below[0] <= T/T_ext <= below[1]`` and ``above[0] <= T/T_ext <= above[1]``, where T_ext
    is the temperature of the largest (``extremum='max'``, velocity) or smallest ('min',
    dielectric constant) y.  The book's default windows each span a factor 5 and reach one
    decade from the extremum: 0.1 - 0.5 and 2 - 10 T_ext.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    y : array_like
        The curve at `T`.
    below, above : tuple of float
        Windows (lower, upper) in units of T_ext.
    extremum : {'max', 'min'}

    Returns
    -------
    slope_below, slope_above : float
        dy/d ln T in each window.
    T_ext : float
        Temperature of the extremum [K] (of the sampled points).

    Raises
    ------
    ValueError
        If a window holds fewer than 2 points.

    Examples
    --------
    >>> T = np.geomspace(0.01, 10, 31)
    >>> y = np.where(T < 0.1, np.log(T / 0.1), -0.5 * np.log(T / 0.1))   # STM-like
    >>> [round(float(s), 6) for s in log_slopes(T, y)[:2]]
    [1.0, -0.5]
    """
    T = _temperatures(T).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if y.shape != T.shape or not np.all(np.isfinite(y)):
        raise ValueError(f"y must be {T.size} finite values (one per temperature)")
    if extremum not in ("max", "min"):
        raise ValueError(f"extremum must be 'max' or 'min', got {extremum!r}")
    t_ext = float(T[np.argmax(y) if extremum == "max" else np.argmin(y)])
    slopes = []
    for name, (lo, hi) in (("below", below), ("above", above)):
        sel = (T >= lo * t_ext * (1 - 1e-9)) & (T <= hi * t_ext * (1 + 1e-9))
        if sel.sum() < 2:
            raise ValueError(
                f"the '{name}' window {lo:g}-{hi:g} × T_ext (T_ext = {t_ext:.4g} K) holds "
                f"{int(sel.sum())} point(s); need >= 2 (extend the data or the window)"
            )
        slopes.append(float(np.polyfit(np.log(T[sel]), y[sel], 1)[0]))
    return slopes[0], slopes[1], t_ext


def model_slope_ratio(mu: float, below=SLOPE_WINDOW_BELOW, above=SLOPE_WINDOW_ABOVE,
                      points_per_decade: int = 40) -> float:
    """Slope ratio above/below the velocity maximum of Eqs. 7 + 8 with Eq. 3 at fixed μ.

    Because ``δv/v(T) = C T0^μ Φ(T/T0; μ) + const`` for the DOS of Eq. 3 (with the resonant
    cutoff far above T), the ratio depends on μ only, not on ω, A or C; it is computed with
    :func:`log_slopes` on a dense grid in T/T0, with T0 chosen so that the highest
    temperature is 1e-3 × :data:`tlspaper.observables.RESONANT_CUTOFF` (cutoff effects < 1e-6).

    Parameters
    ----------
    mu : float
        Power of Eq. 3, > -1 (dimensionless).
    below, above : tuple of float
        Windows of :func:`log_slopes`.
    points_per_decade : int
        Sampling density of the grid.

    Returns
    -------
    float
        slope_above / slope_below (the STM, μ = 0, gives about -0.5).

    Examples
    --------
    >>> round(model_slope_ratio(0.0, below=(1e-3, 1e-2), above=(300, 3000)), 3)   # asymptotic
    -0.5
    """
    lo = min(below[0], 0.5) * 0.3
    hi = max(above[1], 2.0) * 3.0
    t0 = 1e-3 * RESONANT_CUTOFF / hi
    n = int(points_per_decade * math.log10(hi / lo)) + 1
    T = t0 * np.geomspace(lo, hi, n)
    y = velocity_shift(T, PowerLawDOS(mu), omega=t0**3, A=1.0)
    s_below, s_above, _ = log_slopes(T, y, below, above)
    return s_above / s_below


def velocity_maximum(omega, A, mu: float, cutoff: float = RESONANT_CUTOFF) -> float:
    """Temperature [K] of the maximum of δv/v (Eqs. 7 + 8, Eq. 3 at fixed μ).

    The maximum lies at ``T_max = c(μ) T0`` with ``T0 = (ω/A)^(1/3)``; c decreases from
    about 1.3 for the STM (μ = 0) to about 0.76 at μ = 0.3.

    Parameters
    ----------
    omega, A : float
        Probing frequency and rate prefactor, same unit (``A = ω/T0³``).
    mu : float
        Power of Eq. 3.
    cutoff : float
        Resonant cutoff [K] (see :func:`tlspaper.observables.velocity_shift_resonant`).

    Returns
    -------
    float
        T_max [K], to a relative 1e-6.

    Examples
    --------
    >>> round(velocity_maximum(1.0, 1e6, 0.0) / 0.01, 3)     # STM: T_max = 1.30 T0
    1.304
    """
    from scipy.optimize import minimize_scalar

    t0 = crossover_temperature(omega, A)
    dos = PowerLawDOS(mu)

    def neg(logt):
        return -float(velocity_shift(math.exp(logt), dos, omega, A, cutoff=cutoff))

    res = minimize_scalar(neg, bounds=(math.log(t0 / 5), math.log(5 * t0)), method="bounded",
                          options={"xatol": 1e-7})
    return math.exp(res.x)


def mu_for_slope_ratio(ratio: float = -1.0, below=SLOPE_WINDOW_BELOW,
                       above=SLOPE_WINDOW_ABOVE, bracket=(0.0, 0.5)) -> float:
    """The temperature-independent μ of Eq. 3 for which Eqs. 7 + 8 give a slope ratio `ratio`.

    Parameters
    ----------
    ratio : float
        Target slope_above / slope_below, e.g. -1 (the usual experimental 1 : -1).
    below, above : tuple of float
        Windows of :func:`log_slopes`.
    bracket : tuple of float
        Interval of μ searched (the ratio decreases monotonically with μ).

    Returns
    -------
    float
        μ (dimensionless), to 1e-4.

    Examples
    --------
    >>> 0.05 < mu_for_slope_ratio(-1.0) < 0.12
    True
    """
    from scipy.optimize import brentq

    return float(
        brentq(lambda m: model_slope_ratio(m, below, above, points_per_decade=25) - ratio,
               *bracket, xtol=1e-5)
    )


# --------------------------------------------------------------------------- fitting δv/v
def _one_dimensional(name: str, values) -> np.ndarray:
    """`values` as a 1-D float array, or a one-line error naming `name` and the shape."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers (a 1-D array), got {values!r:.60}") from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array (one value per temperature), got shape {arr.shape}; "
            "pass one curve at a time (e.g. .ravel() a single column)"
        )
    return arr


_QUANTITIES = {"velocity": 1.0, "dielectric": -2.0}


def _quantity_sign(quantity: str) -> float:
    if quantity not in _QUANTITIES:
        raise ValueError(
            f"quantity must be 'velocity' (δv/v) or 'dielectric' (δε/ε), got {quantity!r}"
        )
    return _QUANTITIES[quantity]


def velocity_model(T, omega, A, C, mu, offset=0.0, T_ref=None, cutoff=RESONANT_CUTOFF,
                   quantity="velocity", family=None):
    """The fit model: Eqs. 7-8 of Churkin et al. (2021) with the Eq. 3 DOS at fixed-T μ.

    ``δv/v(T) = C [u(T) - u(T_ref)] + offset`` with ``u`` =
    :func:`tlspaper.observables.velocity_shift` for
    ``PowerLawDOS(mu, B=1)``, i.e. ``P0(E) γ²/ρv² = C (T² + E²)^(μ/2)`` (energies in K).
    For ``quantity='dielectric'`` the model is δε/ε = -2 × that (see
    :func:`tlspaper.observables.dielectric_shift`).

    Parameters
    ----------
    T : array_like
        Temperatures [K].
    omega : float
        Probing frequency (book: angular, rad/s).
    A : float
        One-phonon rate prefactor, unit of omega per K³ (``A = ω/T0³``).
    C : float
        ``P0 γ²/ρv²`` at 1 K (dimensionless; μ = 0: the STM's C).
    mu : float
        Power of Eq. 3, > -1.
    offset : float
        The model value at `T_ref` (or, if `T_ref` is None, a constant added to the
        cutoff-dependent absolute value).
    T_ref : float, optional
        Reference temperature [K] at which ``y = offset``.
    cutoff : float
        Resonant cutoff [K] (only matters if `T_ref` is None).
    quantity : {'velocity', 'dielectric'}
    family : DOS family, optional
        Use the DOS ``family.dos(mu)`` instead of ``PowerLawDOS(mu, B=1)``: `mu` is then the
        family's parameter (e.g. J0/h0 of :class:`tlspaper.dos_emulator.DOSEmulator`) and C
        the coupling ``γ²/ρv²`` times the TLS density in the normalisation of that DOS.

    Returns
    -------
    numpy.ndarray
        δv/v (or δε/ε), shape of `T`.

    Examples
    --------
    >>> y = velocity_model([0.01, 0.02], omega=1.0, A=1.0, C=1e-4, mu=0.0, T_ref=0.01)
    >>> round(float(y[1] / (1e-4 * np.log(2))), 6)     # T << T0 = 1 K: STM slope +C ln T
    1.0
    """
    sign = _quantity_sign(quantity)
    dos = _family_dos(family, mu)
    u = velocity_shift(T, dos, omega, A, cutoff=cutoff)
    if T_ref is not None:
        u = u - velocity_shift(_positive("T_ref (K)", T_ref), dos, omega, A, cutoff=cutoff)
    return sign * C * u + offset


def _family_dos(family, value):
    """The DOS callable of a fit: Eq. 3 at μ = `value`, or ``family.dos(value)``."""
    return PowerLawDOS(value) if family is None else family.dos(value)


#: Names of the parameters of :func:`velocity_model` that :func:`fit_velocity` can fit.
FIT_PARAMETERS = ("A", "C", "mu", "offset")


def _parameter_names(family) -> tuple:
    """:data:`FIT_PARAMETERS`, with "mu" replaced by the parameter of a DOS `family`."""
    return FIT_PARAMETERS if family is None else ("A", "C", family.parameter, "offset")


#: A fit with absolute errors warns (:class:`FitWarning`) when χ²/dof exceeds this value *and*
#: the probability of so large a χ² for a right model with right errors is below
#: :data:`POOR_FIT_P_VALUE` (both, so that few points with χ²/dof = 3 by chance do not warn).
POOR_FIT_CHI2_DOF = 3.0
#: See :data:`POOR_FIT_CHI2_DOF`.
POOR_FIT_P_VALUE = 1e-3
#: Units of the parameters in reports (A is in the unit of ω per K³).
_UNITS = {"A": "(unit of omega)/K^3", "C": "dimensionless", "mu": "dimensionless",
          "offset": "dimensionless (value at T_ref)"}


class FitWarning(UserWarning):
    """A fit whose numbers need care: unconstrained parameters or a poor χ²/dof."""


def format_value_error(value: float, error: float) -> str:
    """``value ± error`` with the error to two significant digits and the value to match.

    Parameters
    ----------
    value, error : float
        A number and its 1σ error (0: fixed, printed as such; inf or NaN: unconstrained).

    Returns
    -------
    str

    Examples
    --------
    >>> format_value_error(0.123456, 0.0031)
    '0.1235 ± 0.0031'
    >>> format_value_error(1.8e7, 2.3e5), format_value_error(3.2e-4, 1.4e-6)
    ('(1.800 ± 0.023)e+07', '(3.200 ± 0.014)e-04')
    >>> format_value_error(0.0, 0.0), format_value_error(0.1, math.inf)
    ('0 (fixed)', '0.1 ± inf (unconstrained)')
    """
    value, error = float(value), float(error)
    if error == 0.0:
        return f"{value:.6g} (fixed)"
    if not math.isfinite(error):
        return f"{value:.6g} ± {error} (unconstrained)"
    err_exp = math.floor(math.log10(abs(error)))
    big = max(abs(value), abs(error))
    if 1e-3 <= big < 1e5:
        decimals = max(1 - err_exp, 0)  # two significant digits of the error
        return f"{value:.{decimals}f} ± {error:.{decimals}f}"
    exp = math.floor(math.log10(big))
    decimals = max(exp - err_exp + 1, 0)
    scale = 10.0**exp
    return f"({value / scale:.{decimals}f} ± {error / scale:.{decimals}f})e{exp:+03d}"


@dataclass(frozen=True)
class VelocityFit:
    """Result of :func:`fit_velocity`; ``print(fit)`` shows :meth:`report`.

    Parameters
    ----------
    values : dict
        Best-fit (or fixed) ``A`` [omega unit/K³], ``C``, ``mu``, ``offset`` (with a DOS
        `family`, its parameter, e.g. ``J0/h0``, instead of ``mu``).
    errors : dict
        1σ uncertainties (0 for fixed parameters; inf for parameters the data do not
        constrain).
    free : tuple of str
        Fitted parameters, in the order of `covariance`.
    covariance : numpy.ndarray
        Covariance matrix of the free parameters (A in its own unit, not log A); rows and
        columns of unconstrained parameters are NaN (inf on the diagonal).
    chi2 : float
        Sum of squared normalised residuals.
    dof : int
        Number of points minus number of free parameters.
    omega : float
        Probing frequency used (same unit as A·K³).
    T_ref : float
        Reference temperature [K] of `offset`.
    quantity : str
        'velocity' or 'dielectric'.
    cutoff : float
        Resonant cutoff [K].
    evaluations : int
        Number of model evaluations used by the fit.
    n : int
        Number of data points.
    absolute_sigma : bool
        Whether the errors were taken as absolute (then χ²/dof tests the fit).
    notes : tuple of str
        The :class:`FitWarning` messages issued by the fit.
    family : DOS family or None
        The DOS family of the fit (None: Eq. 3, parameter ``mu``).
    """

    values: dict
    errors: dict
    free: tuple
    covariance: np.ndarray
    chi2: float
    dof: int
    omega: float
    T_ref: float
    quantity: str = "velocity"
    cutoff: float = RESONANT_CUTOFF
    evaluations: int = 0
    n: int = 0
    absolute_sigma: bool = True
    notes: tuple = ()
    family: object = None

    @property
    def parameters(self) -> tuple:
        """Names of the model parameters, in the order of :data:`FIT_PARAMETERS`."""
        return _parameter_names(self.family)

    @property
    def T0(self) -> float:
        """Crossover temperature ``(ω/A)^(1/3)`` [K]."""
        return crossover_temperature(self.omega, self.values["A"])

    @property
    def chi2_dof(self) -> float:
        """χ²/dof (NaN if dof = 0)."""
        return self.chi2 / self.dof if self.dof > 0 else math.nan

    @property
    def p_value(self) -> float:
        """Probability of a χ² at least this large for a right model with right errors.

        NaN when ``absolute_sigma`` is False (χ² then carries no absolute scale) or dof = 0.
        """
        if not self.absolute_sigma or self.dof <= 0:
            return math.nan
        from scipy.stats import chi2

        return float(chi2.sf(self.chi2, self.dof))

    @property
    def correlation(self) -> np.ndarray:
        """Correlation matrix of the free parameters (order of :attr:`free`)."""
        d = np.sqrt(np.diag(self.covariance))
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.covariance / np.outer(d, d)

    def model(self, T) -> np.ndarray:
        """The fitted curve at temperatures `T` [K]."""
        shape = self.parameters[2]
        vals = {("mu" if p == shape else p): v for p, v in self.values.items()}
        return velocity_model(T, self.omega, T_ref=self.T_ref, cutoff=self.cutoff,
                              quantity=self.quantity, family=self.family, **vals)

    def report(self) -> str:
        """The fit as a table: value ± 1σ error and unit of each parameter, χ²/dof, correlations.

        Returns
        -------
        str
            Several lines of plain text (what ``print(fit)`` shows).

        Examples
        --------
        >>> T = np.geomspace(0.03, 1.0, 12)
        >>> y = velocity_model(T, 1.0, A=1.0 / 0.2**3, C=3e-4, mu=0.1, T_ref=T[0])
        >>> print(fit_velocity(T, y, 1e-7, omega=1.0).report())  # doctest: +ELLIPSIS
        δv/v fit by Eqs. 7 + 8 with the DOS of Eq. 3, 12 points, omega = 1, T_ref = 0.03 K
          A       125.00 ± 0.27          (unit of omega)/K^3
          T0 [K]  0.20000 ± 0.00014      (omega/A)^(1/3), derived
          C       (3.0000 ± 0.0010)e-04  dimensionless
          mu      0.10000 ± 0.00019      dimensionless
          offset  ...
        chi2/dof = ...
        correlations: A-C -0.04, A-mu -0.97, A-offset -0.49, C-mu +0.12, ...mu-offset +0.57
        """
        what = "δv/v" if self.quantity == "velocity" else "δε/ε"
        dos = "the DOS of Eq. 3" if self.family is None else f"the DOS {self.family!r}"
        lines = [f"{what} fit by Eqs. 7 + 8 with {dos}, {self.n} points, "
                 f"omega = {self.omega:.6g}, T_ref = {self.T_ref:.6g} K"]
        rows = [(p, format_value_error(self.values[p], self.errors[p]),
                 _UNITS.get(p, "dimensionless")) for p in self.parameters]
        a, da = self.values["A"], self.errors["A"]
        dT0 = self.T0 * da / (3 * a) if math.isfinite(da) else math.inf
        rows.insert(1, ("T0 [K]", format_value_error(self.T0, dT0) if da else
                        f"{self.T0:.6g} (fixed)", "(omega/A)^(1/3), derived"))
        w0 = max(len(r[0]) for r in rows)
        w1 = max(len(r[1]) for r in rows)
        lines += [f"  {n:<{w0}}  {v:<{w1}}  {u}" for n, v, u in rows]
        if self.absolute_sigma:
            lines.append(f"chi2/dof = {self.chi2:.4g}/{self.dof} = {self.chi2_dof:.3g} "
                         f"(p = {self.p_value:.2g})")
        else:
            lines.append(f"chi2/dof = {self.chi2:.4g}/{self.dof} = {self.chi2_dof:.3g} "
                         "(relative sigma: errors scaled by it; not a test of the fit)")
        corr = self.correlation
        pairs = [f"{a}-{b} {corr[i, j]:+.2f}" for i, a in enumerate(self.free)
                 for j, b in enumerate(self.free) if j > i]
        if pairs:
            lines.append("correlations: " + ", ".join(pairs))
        lines += [f"warning: {note}" for note in self.notes]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


def fit_velocity(T, y, sigma, omega, *, mu=None, A=None, p0=None, absolute_sigma=True,
                 T_ref=None, cutoff=RESONANT_CUTOFF, quantity="velocity",
                 family=None) -> VelocityFit:
    """Least-squares fit of a δv/v(T) (or δε/ε) curve by Eqs. 7 + 8 with Eq. 3 (fixed-T μ).

    Free parameters: ``A`` (hence T0 = (ω/A)^(1/3)), ``C`` (= P0γ²/ρv² at 1 K), ``mu``,
    and ``offset``, the value of the curve at `T_ref` (a nuisance parameter: measured
    δv/v are relative, and the absolute model value depends on the resonant cutoff).
    Pass ``mu=0`` for the standard tunneling model (the paper's dashed-line fits).

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    y : array_like
        δv/v (or δε/ε) at `T`, dimensionless.
    sigma : array_like or float
        1σ uncertainties of `y`, > 0.
    omega : float
        Probing frequency; A is returned in the unit of omega per K³ (book: ω = 2πf, rad/s).
    mu : float, optional
        Fix μ at this value (e.g. 0 for the STM); default None = fitted.
    A : float, optional
        Fix A at this value; default None = fitted.
    p0 : dict, optional
        Starting values overriding the automatic ones (keys of :data:`FIT_PARAMETERS`).
    absolute_sigma : bool
        True: `sigma` are absolute 1σ errors.  False: only relative weights; the covariance
        is scaled by chi2/dof (use for curves without error bars, e.g. simulated ones).
    T_ref : float, optional
        Reference temperature of `offset` [K]; default the lowest temperature of the data.
    cutoff : float
        Resonant cutoff [K] (irrelevant for the fit except at the 1e-6 level, see
        :func:`tlspaper.observables.velocity_shift_resonant`).
    quantity : {'velocity', 'dielectric'}
        'dielectric' fits δε/ε = -2 × the velocity model (maximum -> minimum).
    family : DOS family, optional
        Fit with the DOS ``family.dos(value)`` instead of Eq. 3, e.g. a
        :class:`tlspaper.dos_emulator.DOSEmulator` (value: J0/h0).  A family has
        ``parameter`` (the name that replaces ``mu`` in the results and in `p0`), ``bounds``
        (its range), ``starts`` (starting values tried: the fit starts from the one with the
        smallest χ² after C and offset are solved linearly) and ``dos(value)``; `mu` then
        fixes the family's parameter.

    Returns
    -------
    VelocityFit

    Raises
    ------
    ValueError
        For mismatched or non-finite inputs, sigma <= 0, or fewer points than free
        parameters + 1.

    Examples
    --------
    >>> T = np.geomspace(0.03, 1.0, 12)
    >>> y = velocity_model(T, 1.0, A=1.0 / 0.2**3, C=3e-4, mu=0.1, T_ref=T[0])
    >>> fit = fit_velocity(T, y, 1e-7, omega=1.0)
    >>> round(fit.values["mu"], 4), round(fit.T0, 4), round(fit.values["C"] * 1e4, 3)
    (0.1, 0.2, 3.0)
    """
    from scipy.optimize import least_squares

    sign = _quantity_sign(quantity)
    T = _one_dimensional("T", T)
    y = _one_dimensional("y", y)
    sigma = np.asarray(sigma, dtype=float) if np.ndim(sigma) == 0 else _one_dimensional(
        "sigma", sigma)
    T = _temperatures(T)
    if y.shape != T.shape or not np.all(np.isfinite(y)):
        raise ValueError(f"y must hold {T.size} finite values (one per temperature), got "
                         f"{y.size} value(s){'' if y.shape != T.shape else ' with NaN or inf'}")
    if sigma.ndim == 1 and sigma.shape != T.shape:
        raise ValueError(f"sigma must be one number or {T.size} values (one per temperature), "
                         f"got {sigma.size}")
    sigma = np.broadcast_to(sigma, T.shape).copy()
    _positive_array("sigma", sigma)
    omega = _positive("omega", omega)
    T_ref = float(T.min()) if T_ref is None else _positive("T_ref (K)", T_ref)
    names = _parameter_names(family)
    shape_name = names[2]
    mu_lo, mu_hi = (-0.9, 2.0) if family is None else (float(b) for b in family.bounds)
    fixed = {}
    if mu is not None:
        mu = float(mu)
        if family is None and (not math.isfinite(mu) or mu <= -1):
            raise ValueError(f"mu must be a finite number > -1 (or None to fit it), got {mu}")
        if family is not None and not mu_lo <= mu <= mu_hi:
            raise ValueError(f"mu (the fixed {shape_name}) must lie in the family's range "
                             f"{mu_lo:g} - {mu_hi:g}, got {mu}")
        fixed["mu"] = mu
    if A is not None:
        fixed["A"] = _positive("A", A)
    free = tuple(p for p in FIT_PARAMETERS if p not in fixed)
    if T.size < len(free) + 1:
        raise ValueError(
            f"need at least {len(free) + 1} data points to fit {len(free)} parameters "
            f"{free}, got {T.size}"
        )
    p0 = dict(p0 or {})
    unknown = set(p0) - set(names)
    if unknown:
        raise ValueError(f"p0 has unknown keys {sorted(unknown)}; allowed {names}")
    p0 = {("mu" if k == shape_name else k): v for k, v in p0.items()}

    grid = np.append(T, T_ref)
    evaluations = [0]

    def shape(logA, mu_):
        evaluations[0] += 1
        u = velocity_shift(grid, _family_dos(family, mu_), omega, math.exp(logA), cutoff=cutoff)
        return sign * (u[:-1] - u[-1])

    # starting values: T0 at the extremum of the data, μ = 0.1 (a family: the best of its
    # starts), then C and offset linear
    t_ext = float(T[np.argmax(sign * y)])
    start = {"A": fixed.get("A", p0.get("A", omega / t_ext**3))}

    def linear(m):  # C and offset by linear least squares at A = start, shape parameter m
        f0 = shape(math.log(start["A"]), m)
        design = np.column_stack([f0, np.ones_like(f0)]) / sigma[:, None]
        coef, *_ = np.linalg.lstsq(design, y / sigma, rcond=None)
        return coef, float(np.sum((design @ coef - y / sigma) ** 2))

    if "mu" in fixed or "mu" in p0 or family is None:
        start["mu"] = fixed.get("mu", p0.get("mu", 0.1))
    else:
        start["mu"] = min(family.starts, key=lambda m: linear(m)[1])
    (c_lin, off_lin), _ = linear(start["mu"])
    start["C"] = p0.get("C", c_lin if c_lin > 0 else 1e-4)
    start["offset"] = p0.get("offset", off_lin)

    def unpack(x):
        vals = dict(fixed)
        vals.update(zip(free, x, strict=True))
        return (math.log(vals["A"]) if "A" in fixed else vals["A"]), vals

    # internal vector: log A instead of A
    x0 = np.array([math.log(start[p]) if p == "A" else start[p] for p in free])
    cache = {}

    def residuals(x):
        key = x.tobytes()
        if key not in cache:
            logA, vals = unpack(x)
            f = shape(logA, vals["mu"])
            cache.clear()
            cache[key] = f
        _, vals = unpack(x)
        return (vals["C"] * cache[key] + vals["offset"] - y) / sigma

    def jacobian(x):
        residuals(x)
        f = cache[x.tobytes()]
        logA, vals = unpack(x)
        cols = []
        for p in free:
            if p == "C":
                cols.append(f / sigma)
            elif p == "offset":
                cols.append(1.0 / sigma)
            else:
                h = 1e-6 * max(1.0, abs(logA)) if p == "A" else 1e-6
                if p == "mu" and vals["mu"] + h > mu_hi:
                    h = -h  # a backward difference at the upper end of the range
                la, m = (logA + h, vals["mu"]) if p == "A" else (logA, vals["mu"] + h)
                cols.append(vals["C"] * (shape(la, m) - f) / h / sigma)
        return np.column_stack(cols)

    lower = [-np.inf if p != "mu" else mu_lo for p in free]
    upper = [np.inf if p != "mu" else mu_hi for p in free]
    sol = least_squares(residuals, x0, jac=jacobian, bounds=(lower, upper), method="trf",
                        x_scale="jac", xtol=1e-10, ftol=1e-10, gtol=1e-10)
    _, vals = unpack(sol.x)
    if "A" in free:
        vals["A"] = math.exp(vals["A"])
    J = jacobian(sol.x)
    u_, s_, vt = np.linalg.svd(J, full_matrices=False)
    kept = s_ > s_[0] * 1e-14
    s_inv = np.divide(1.0, s_, out=np.zeros_like(s_), where=kept)
    cov = (vt.T * s_inv**2) @ vt
    chi2 = float(np.sum(sol.fun**2))
    dof = T.size - len(free)
    if not absolute_sigma:
        cov = cov * (chi2 / dof if dof > 0 else np.nan)
    scale = np.array([vals["A"] if p == "A" else 1.0 for p in free])  # d A = A d(log A)
    cov = cov * np.outer(scale, scale)
    notes = []
    # directions the data do not constrain (zero singular values): their parameters get
    # infinite errors instead of the pseudo-inverse's zero
    loose = np.any(np.abs(vt[~kept]) > 1e-3, axis=0) if not kept.all() else np.zeros(
        len(free), bool)
    if loose.any():
        cov[loose, :] = np.nan
        cov[:, loose] = np.nan
        cov[loose, loose] = np.inf
        unconstrained = tuple(p if p != "mu" else shape_name
                              for p, f in zip(free, loose, strict=True) if f)
        f_best = cache[sol.x.tobytes()]
        no_signal = abs(vals["C"]) * float(np.ptp(f_best)) < float(np.median(sigma))
        hint = ("the fitted TLS term C is below the noise: the data show no signal to fit"
                if no_signal else
                "fix some of them (mu=..., A=...) or add points around the extremum")
        notes.append(f"parameter(s) {', '.join(unconstrained)} are not constrained by the data "
                     f"(errors set to inf); {hint}")
    if "mu" in free and min(vals["mu"] - mu_lo, mu_hi - vals["mu"]) <= 1e-6 * (mu_hi - mu_lo):
        notes.append(f"{shape_name} = {vals['mu']:.6g} is at the end of its range {mu_lo:g} - "
                     f"{mu_hi:g}: the best fit may lie beyond it, and its error is not meaningful")
    chi2_dof = chi2 / dof if dof > 0 else math.nan
    if absolute_sigma and dof > 0 and chi2_dof > POOR_FIT_CHI2_DOF:
        from scipy.stats import chi2 as _chi2

        p_value = float(_chi2.sf(chi2, dof))
        if p_value < POOR_FIT_P_VALUE:
            notes.append(
                f"poor fit: chi2/dof = {chi2_dof:.3g} (p = {p_value:.1e}); the model does not "
                "describe the data within sigma, so the errors are not meaningful (check sigma "
                "and the temperature range; if sigma are only relative weights, scale the "
                "errors by the scatter: absolute_sigma=False, or --relative-sigma)"
            )
    for note in notes:
        warnings.warn(note, FitWarning, stacklevel=2)
    rename = dict(zip(FIT_PARAMETERS, names, strict=True))
    errors = {rename[p]: 0.0 for p in FIT_PARAMETERS}
    errors.update({rename[p]: float(math.sqrt(cov[i, i])) for i, p in enumerate(free)})
    values = {rename[p]: float(vals[p]) for p in FIT_PARAMETERS}
    return VelocityFit(values=values, errors=errors, free=tuple(rename[p] for p in free),
                       covariance=cov, chi2=chi2, dof=dof, omega=omega, T_ref=T_ref,
                       quantity=quantity, cutoff=cutoff, evaluations=evaluations[0],
                       n=int(T.size), absolute_sigma=bool(absolute_sigma), notes=tuple(notes),
                       family=family)


# --------------------------------------------------------------------------- curve files
#: Header keys (``# key: value`` comment lines) required in a curve CSV.
CURVE_HEADER_KEYS = ("quantity", "frequency_Hz", "source", "doi")
#: Columns of a curve CSV: temperature [K], δv/v or δε/ε, its 1σ error.
CURVE_COLUMNS = ("T_K", "y", "sigma")


@dataclass(frozen=True)
class Curve:
    """A measured (or synthetic) δv/v(T) or δε/ε(T) curve, as read by :func:`load_curve`.

    Parameters
    ----------
    T : numpy.ndarray
        Temperatures [K].
    y : numpy.ndarray
        δv/v (``quantity='velocity'``) or δε/ε ('dielectric'), dimensionless.
    sigma : numpy.ndarray
        1σ uncertainties of `y`.
    quantity : str
        'velocity' or 'dielectric'.
    frequency_Hz : float
        Probing frequency f [Hz] (cyclic); the angular ω = 2πf is :attr:`omega`.
    source : str
        Citation of the measurement, or a description starting with ``synthetic``.
    doi : str
        DOI of the source, or ``none``.
    meta : dict
        All ``# key: value`` header entries.
    """

    T: np.ndarray
    y: np.ndarray
    sigma: np.ndarray
    quantity: str
    frequency_Hz: float
    source: str
    doi: str
    meta: dict = field(default_factory=dict)

    @property
    def omega(self) -> float:
        """Angular probing frequency ω = 2πf [rad/s] (the book's convention)."""
        return 2.0 * math.pi * self.frequency_Hz

    @property
    def synthetic(self) -> bool:
        """True if the source declares the curve synthetic (generated from a model)."""
        return self.source.lower().startswith("synthetic")


def load_curve(name) -> Curve:
    """Load a digitised or synthetic δv/v(T) or δε/ε(T) curve from a CSV file.

    The file format (``#`` lines are comments; the four ``# key: value`` header lines
    are required, other ``# key: value`` lines are kept in ``meta``)::

        # quantity: velocity
        # frequency_Hz: 90000
        # source: <citation of the measurement, figure, "digitised by ...">
        # doi: <DOI of the source, or none>
        T_K,y,sigma
        0.0500,-1.234e-05,2e-07
        ...

    ``quantity`` is ``velocity`` (y = δv/v) or ``dielectric`` (y = δε/ε); ``frequency_Hz``
    is the probing frequency f [Hz] (the fit uses the angular ω = 2πf).  Columns: ``T_K``
    temperature [K] (> 0), ``y`` the dimensionless shift (any zero: only differences are
    used by :func:`fit_velocity`), ``sigma`` its 1σ error (> 0).  A file
    generated from a model must say ``synthetic`` at the start of ``source`` and in its name.
    The file must be UTF-8 (a byte-order mark, as Excel writes, is fine).  Pass the path of
    your own file (or put it in ``data/`` and register it, :func:`tlspaper.data.register`).

    Parameters
    ----------
    name : str or path-like
        Registry file name or path of a CSV file.

    Returns
    -------
    Curve

    Raises
    ------
    tlspaper.data.DataError
        If the file does not exist (and is no registry name), a column is missing, the file has
        no rows, a row has the wrong number of cells or a cell is not a number (with the line
        and column; from :func:`tlspaper.data.load_csv`).
    ValueError
        If a header key is missing or malformed, or T/sigma are not positive.

    Examples
    --------
    >>> c = load_curve("dv_v_synthetic_fig5a_parameters.csv")
    >>> c.synthetic, c.quantity, len(c.T)
    (True, 'velocity', 30)
    """
    from .data import load_csv, read_lines, resolve

    path = resolve(name)
    meta = {}
    for line in read_lines(path):
        s = line.strip()
        if s.startswith("#") and ":" in s:
            key, value = s[1:].split(":", 1)
            meta.setdefault(key.strip(), value.strip())
    missing = [k for k in CURVE_HEADER_KEYS if k not in meta]
    if missing:
        raise ValueError(
            f"{path}: missing header line(s) {', '.join('# ' + k + ': ...' for k in missing)}; "
            f"a curve CSV needs {list(CURVE_HEADER_KEYS)} (see tlspaper.velocity_fit.load_curve)"
        )
    _quantity_sign(meta["quantity"])
    try:
        freq = float(meta["frequency_Hz"])
    except ValueError:
        raise ValueError(
            f"{path}: frequency_Hz must be a number [Hz], got {meta['frequency_Hz']!r}"
        ) from None
    _positive(f"{path}: frequency_Hz", freq)
    table = load_csv(path, required=CURVE_COLUMNS, numeric=CURVE_COLUMNS)
    T = _positive_array(f"{path}: column T_K", table["T_K"])
    y = np.asarray(table["y"], dtype=float)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{path}: column y has non-finite entries (nan or inf)")
    sigma = _positive_array(f"{path}: column sigma", table["sigma"])
    return Curve(T=T, y=y, sigma=sigma, quantity=meta["quantity"], frequency_Hz=freq,
                 source=meta["source"], doi=meta["doi"], meta=meta)


def save_curve(path, curve: Curve) -> Path:
    """Write `curve` in the format of :func:`load_curve`, atomically.

    Parameters
    ----------
    path : path-like
        Target CSV file (its folder must exist).
    curve : Curve

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import tempfile
    >>> c = synthetic_curve([0.1, 0.2, 0.3], 1e3, 2e5, 3e-4, 0.1, 1e-6, seed=1)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     back = load_curve(save_curve(Path(d) / "c.csv", c))
    >>> bool(np.allclose(back.y, c.y, rtol=1e-9)), back.meta["seed"]
    (True, '1')
    """
    from ._io import atomic_path

    path = Path(path)
    head = {**curve.meta, "quantity": curve.quantity, "frequency_Hz": repr(curve.frequency_Hz),
            "source": curve.source, "doi": curve.doi}
    lines = [f"# {k}: {v}" for k, v in head.items()]
    lines.append(",".join(CURVE_COLUMNS))
    lines += [f"{t:.10g},{y:.10g},{s:.6g}" for t, y, s in zip(curve.T, curve.y, curve.sigma,
                                                             strict=True)]
    with atomic_path(path) as tmp:
        tmp.write_text("\n".join(lines) + "\n")
    return path


def synthetic_curve(T, frequency_Hz, A, C, mu, sigma, seed, offset=0.0,
                    quantity="velocity") -> Curve:
    """A curve generated from :func:`velocity_model` plus Gaussian noise, labelled synthetic.

    Parameters
    ----------
    T : array_like
        Temperatures [K].
    frequency_Hz : float
        Probing frequency f [Hz]; the model uses ω = 2πf.
    A : float
        Rate prefactor [rad s⁻¹ K⁻³] (angular, like ω).
    C, mu, offset : float
        Parameters of :func:`velocity_model` (offset at T_ref = min(T)).
    sigma : float
        Standard deviation of the added noise (dimensionless), > 0.
    seed : int
        Seed of ``numpy.random.default_rng``.
    quantity : {'velocity', 'dielectric'}

    Returns
    -------
    Curve
        With ``source`` starting "synthetic" and the generating parameters in ``meta``.

    Examples
    --------
    >>> c = synthetic_curve([0.1, 0.2, 0.3], 1e3, 2e5, 3e-4, 0.1, 1e-6, seed=1)
    >>> c.synthetic, c.meta["mu"]
    (True, '0.1')
    """
    T = _temperatures(T).ravel()
    sigma = _positive("sigma", sigma)
    omega = 2.0 * math.pi * _positive("frequency_Hz", frequency_Hz)
    clean = velocity_model(T, omega, A, C, mu, offset, T_ref=float(T.min()), quantity=quantity)
    y = clean + np.random.default_rng(seed).normal(0.0, sigma, T.size)
    meta = {"generator": f"{__name__}.synthetic_curve", "A_rad_per_s_K3": repr(A),
            "C": repr(C), "mu": repr(mu), "offset": repr(offset), "T_ref_K": repr(float(T.min())),
            "noise_sigma": repr(sigma), "seed": str(seed)}
    source = ("synthetic: generated from Eqs. 7 + 8 with the DOS of Eq. 3 (Churkin et al. "
              "2021) and Gaussian noise; NOT measured data")
    return Curve(T=T, y=y, sigma=np.full(T.size, sigma), quantity=quantity,
                 frequency_Hz=float(frequency_Hz), source=source, doi="none", meta=meta)
