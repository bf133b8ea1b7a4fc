"""Ultrasonic absorption and sound velocity of the canonical TLS model; the two shapes of Q⁻¹.

Leggett & Vural (2013) review the linear ultrasonic absorption of the tunneling model with the
"canonical" parameter distribution (their Eqs. 9 and 11) and propose a test of the TLS model
in its most general form: at fixed frequency in the resonant regime, the absorption follows
``tanh(x/2)`` (their Eq. 17), ``x = ħω/k_B T``, while a generic random-matrix alternative
gives ``1 - exp(-x)`` (their Eq. 18).  This module computes

* the resonant absorption (Eq. 12) and the relaxation absorption (Eq. 13) of the canonical
  distribution, with the one-phonon rate of :func:`tlspaper.one_phonon.one_phonon_rate`
  (the relaxation plateau ``(π/2) C`` of Eq. 14 comes out of the numerical integral);
* the logarithmic slopes of the sound-velocity shift (Eq. 15), from the resonant and
  relaxation velocity shifts of :func:`tlspaper.observables.velocity_shift`;
* the two shapes, Eqs. 17 and 18 (without amplitude), and their high-temperature limits.

How well a measurement plan tells the two shapes apart is computed by
:mod:`tlspaper.discrimination`.

Units: temperatures and energies in kelvin (k_B = 1); ``omega`` is always the **angular**
frequency ω = 2πf in rad/s, and ``ħω/k_B = 7.638e-12 K·s × ω``; rate prefactors ``A`` in
s⁻¹ K⁻³ (so that ωτ is dimensionless); absorption as the inverse quality factor Q⁻¹, in units
of the coupling constant C = P̄γ²/ρv² when ``C = 1``.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from ._checks import positive as _positive_scalar
from ._checks import positive_array as _positive_values
from .constants import HBAR_OVER_KB
from .dos import PowerLawDOS, power_law_dos
from .observables import velocity_shift
from .one_phonon import one_phonon_rate

__all__ = [
    "MODELS",
    "high_temperature_correction",
    "log_slope_correction",
    "other",
    "photon_temperature",
    "reduced_frequency",
    "relaxation_absorption",
    "relaxation_contamination",
    "resonant_absorption",
    "rm_shape",
    "shape",
    "tls_shape",
    "total_absorption",
    "velocity_log_slope",
    "x_for_correction",
]

#: Names of the two shapes: ``"tls"`` is tanh(x/2) (:func:`tls_shape`), ``"rm"`` is
#: 1 - e^(-x) (:func:`rm_shape`, the random-matrix alternative of Leggett & Vural (2013)).
MODELS = ("tls", "rm")


def _check_model(true: str) -> str:
    if true not in MODELS:
        raise ValueError(
            f"true must be one of {MODELS} ('tls' = Eq. 17, 'rm' = Eq. 18), got {true!r}"
        )
    return true


# --------------------------------------------------------------------------- frequency units


def photon_temperature(omega):
    """ħω/k_B [K] for an angular frequency ω [rad/s].

    Parameters
    ----------
    omega : array_like
        Angular frequency ω = 2πf [rad/s], > 0.

    Returns
    -------
    numpy.ndarray
        ħω/k_B [K].

    Examples
    --------
    >>> round(float(photon_temperature(2 * np.pi * 1e9)), 5)   # f = 1 GHz
    0.04799
    """
    return HBAR_OVER_KB * _positive_values("omega (angular frequency, rad/s)", omega)


def reduced_frequency(omega, T):
    """x = ħω/k_BT (dimensionless) for angular frequency ω [rad/s] and temperature T [K].

    Parameters
    ----------
    omega : float or array_like
        Angular frequency ω [rad/s], > 0.
    T : float or array_like
        Temperature [K], > 0 (broadcast against `omega`).

    Returns
    -------
    numpy.ndarray
        x (dimensionless).

    Examples
    --------
    >>> round(float(reduced_frequency(2 * np.pi * 4e9, 0.01)), 3)   # 4 GHz at 10 mK
    19.197
    """
    T = _positive_values("T (temperature, K)", T)
    return photon_temperature(omega) / T


# --------------------------------------------------------------------------- absorption


def resonant_absorption(omega, T, C=1.0):
    """Resonant absorption of the canonical TLS model (Eq. 12 of Leggett & Vural (2013)).

    ``Q⁻¹_res = π C tanh(ħω / 2k_BT)``.  For the canonical distribution
    P(ε, Δ0) = P̄/Δ0 (Eq. 9) with the coupling of Eq. 11, a TLS of energy E = ħω absorbs with
    matrix element γΔ0/E; in the variables (E, u = Δ0/E) the distribution is
    P̄/(u√(1-u²)) and the u-integral of u²·P̄/(u√(1-u²)) is P̄·∫₀¹ u/√(1-u²) du = P̄, which
    leaves the golden-rule result above.

    Parameters
    ----------
    omega : array_like
        Angular frequency ω [rad/s], > 0.
    T : array_like
        Temperature [K], > 0.
    C : float, optional
        Coupling constant C = P̄γ²/ρv² (dimensionless); default 1 (result in units of C).

    Returns
    -------
    numpy.ndarray
        Q⁻¹_res (dimensionless).

    Examples
    --------
    >>> float(resonant_absorption(2 * np.pi * 1e10, 1e-3)) == np.pi   # ħω >> k_BT
    True
    """
    x = reduced_frequency(omega, T)
    return C * np.pi * np.tanh(0.5 * x)


def _gauss_legendre(a: float, b: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    nodes, weights = np.polynomial.legendre.leggauss(n)
    return 0.5 * (b - a) * nodes + 0.5 * (b + a), 0.5 * (b - a) * weights


def relaxation_absorption(omega, T, A, C=1.0, *, n_energy=160, n_u=128):
    """Relaxation absorption of the canonical TLS model (Eq. 13 of Leggett & Vural (2013)).

    With the canonical distribution P̄/(u√(1-u²)) in (E, u = Δ0/E), the diagonal coupling
    γε/E (Eq. 11, so that (ε/E)² = 1 - u²) and the relaxational susceptibility
    ``(-∂n₀/∂E) = sech²(E/2T)/4T`` of Eq. 13, the sum over TLSs becomes::

        Q⁻¹_rel = (C/T) ∫₀^∞ dE sech²(E/2T) ∫₀¹ du (√(1-u²)/u) ωτ / (1 + ω²τ²)

    with the one-phonon rate ``τ⁻¹ = A u² E³ coth(E/2T)``
    (:func:`tlspaper.one_phonon.one_phonon_rate`).  The constant is fixed by the same
    normalisation as the resonant term (:func:`resonant_absorption`).  For ωτ_c ≪ 1 the
    integral tends to the plateau (π/2) C of Eq. 14; for ωτ_c ≫ 1 to
    ``(π⁴/12) C A T³/ω``.

    The inner integral is done in t with u = 1/cosh t (which makes the integrand smooth at
    both ends and log-spaced at small u), the outer one in ln(E/T), both by Gauss-Legendre
    quadrature.

    Parameters
    ----------
    omega : float
        Angular frequency ω [rad/s], > 0.
    T : array_like
        Temperature(s) [K], > 0.
    A : float
        Rate prefactor of the one-phonon rate [s⁻¹ K⁻³], > 0.
    C : float, optional
        Coupling constant (dimensionless); default 1 (result in units of C).
    n_energy, n_u : int, optional
        Quadrature nodes in E/T and in t (defaults converge to ~1e-8 relative).

    Returns
    -------
    numpy.ndarray
        Q⁻¹_rel, same shape as `T`.

    Examples
    --------
    >>> q = relaxation_absorption(omega=1.0, T=1.0, A=1e9)   # ωτ_c ~ 1e-9: plateau
    >>> round(float(q) / (np.pi / 2), 4)
    1.0
    """
    omega = _positive_scalar("omega", omega, " rad/s (angular frequency)")
    A = _positive_scalar("A", A, " s^-1 K^-3 (one-phonon rate prefactor)")
    T = _positive_values("T (temperature, K)", T)
    # y = E/T = e^v on [1e-10, 60]: log-spaced, to resolve the slow TLSs of small E (their
    # rate vanishes as E²); sech²(y/2) < 1e-25 beyond 60, and y < 1e-10 weighs < 1e-10.
    v, wv = _gauss_legendre(math.log(1e-10), math.log(60.0), int(n_energy))
    y, wy = np.exp(v), wv * np.exp(v)
    tnode, wt = _gauss_legendre(0.0, 1.0, int(n_u))
    out = np.empty(T.shape)
    for idx, temp in np.ndenumerate(T):
        E = y * temp
        rate_sym = one_phonon_rate(E, temp, A)  # u = 1 (symmetric TLS)
        u_star = np.minimum(np.sqrt(omega / rate_sym), 1.0)  # where ωτ = 1
        # u from ~ u_star e^-14 (ωτ > e^28 below: negligible) up to 1, via u = 1/cosh(t)
        t_lo = np.log(u_star / 2.0) - 14.0
        t = t_lo[:, None] * (1.0 - tnode[None, :])  # t in [t_lo, 0]
        u = 1.0 / np.cosh(t)
        rate = one_phonon_rate(E[:, None], temp, A, x=u)
        s = omega / rate  # ωτ
        inner = (np.tanh(t) ** 2 / (s + 1.0 / s)) @ wt * (-t_lo)
        out[idx] = np.sum(wy / np.cosh(0.5 * y) ** 2 * inner)
    return C * out


def total_absorption(omega, T, A, C=1.0):
    """Total absorption Q⁻¹ = Q⁻¹_res + Q⁻¹_rel of the canonical distribution.

    The sum of :func:`resonant_absorption` (Eq. 12) and :func:`relaxation_absorption`
    (Eq. 13).

    Parameters
    ----------
    omega : float
        Angular frequency ω [rad/s], > 0.
    T : array_like
        Temperature(s) [K], > 0.
    A : float
        Rate prefactor of the one-phonon rate [s⁻¹ K⁻³], > 0.
    C : float, optional
        Coupling constant (dimensionless); default 1 (result in units of C).

    Returns
    -------
    numpy.ndarray
        Q⁻¹, same shape as `T`.

    Examples
    --------
    >>> q = total_absorption(2 * np.pi * 1e9, [0.01, 0.1], A=2 * np.pi * 9.4e6)
    >>> bool(np.all(q > resonant_absorption(2 * np.pi * 1e9, [0.01, 0.1])))
    True
    """
    return resonant_absorption(omega, T, C) + relaxation_absorption(omega, T, A, C)


def relaxation_contamination(x, omega, A):
    """Relaxation over resonant absorption, Q⁻¹_rel/Q⁻¹_res, at x = ħω/k_BT for frequency ω.

    At fixed x the temperature is T = ħω/(k_B x), so in the regime ωτ_c ≫ 1 the ratio grows
    as ω² (Q⁻¹_rel ≈ (π⁴/12) C A T³/ω and Q⁻¹_res = π C tanh(x/2)); it is largest at
    small x, the high-temperature end of a measurement of the shape tanh(x/2).

    Parameters
    ----------
    x : array_like
        ħω/k_BT (dimensionless), > 0.
    omega : float
        Angular frequency ω [rad/s], > 0.
    A : float
        One-phonon rate prefactor [s⁻¹ K⁻³], > 0.

    Returns
    -------
    numpy.ndarray
        Q⁻¹_rel / Q⁻¹_res (dimensionless), shape of `x`.

    Examples
    --------
    In the regime ωτ_c ≫ 1 the ratio is (π³/12) A T³/(ω tanh(x/2)):

    >>> w, A = 2 * np.pi * 1e8, 1e6
    >>> T = float(photon_temperature(w)) / 0.1
    >>> hand = np.pi**3 / 12 * A * T**3 / (w * np.tanh(0.05))
    >>> bool(np.isclose(relaxation_contamination(0.1, w, A), hand, rtol=1e-3))
    True
    """
    x = _positive_values("x (ħω/k_BT)", x)
    T = photon_temperature(omega) / x
    return relaxation_absorption(omega, T, A) / resonant_absorption(omega, T)


def velocity_log_slope(T, omega, A, step=0.01):
    """Log slope d(δv/v)/d ln T of the canonical model (Eq. 15 of Leggett & Vural (2013)).

    The slope is in units of C, at temperatures T [K].

    δv/v is the resonant + relaxation shift of :func:`tlspaper.observables.velocity_shift`
    (Eqs. 7 + 8 of Churkin et al. (2021)) with the constant DOS of the canonical distribution
    (``PowerLawDOS(mu=0, B=1)``, so that the coupling is C = P̄γ²/ρv²); the derivative is
    a central difference over ``ln T ± step``.  Keep T well below the resonant cutoff of
    Eq. 7 (:data:`tlspaper.observables.RESONANT_CUTOFF`, 100 K): at T = cutoff/5 the
    resonant slope is already reduced to tanh(2.5) = 0.987.  Eq. 15 of Leggett & Vural
    (2013) states the slope ``A = C`` for T ≪ T0 and ``A = -2C`` for T ≫ T0; this function
    gives the standard result ``-C/2`` (resonant +C plus relaxation -3C/2) for T ≫ T0.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    omega : float
        Probing angular frequency [rad/s] (only ω/A = T0³ enters).
    A : float
        One-phonon rate prefactor [s⁻¹ K⁻³].
    step : float
        Half-width of the difference in ln T.

    Returns
    -------
    numpy.ndarray
        The logarithmic slope in units of C, shape of `T`.

    Examples
    --------
    >>> from tlspaper.one_phonon import crossover_temperature
    >>> T0 = crossover_temperature(1e3, 1e6)          # 0.1 K
    >>> np.round(velocity_log_slope([T0 / 100, 100 * T0], 1e3, 1e6), 2)
    array([ 1. , -0.5])
    """
    T = _positive_values("T (temperature, K)", T)
    step = _positive_scalar("step", step)
    dos = PowerLawDOS(mu=0.0, B=1.0)
    up = velocity_shift(T * math.exp(step), dos, omega, A)
    down = velocity_shift(T * math.exp(-step), dos, omega, A)
    return (up - down) / (2.0 * step)


# --------------------------------------------------------------------------- the two shapes


def tls_shape(x, mu=0.0):
    """TLS shape tanh(x/2) of Q⁻¹ at fixed ω (Eq. 17 of Leggett & Vural (2013)).

    Without amplitude; x = ħω/k_BT.

    With ``mu != 0`` this is Eq. 16 with the temperature-dependent DOS of Eq. 3 of
    Churkin et al. (2021), ``n(T, E) = B (T² + E²)^(μ/2)``
    (:func:`tlspaper.dos.power_law_dos`) at E = ħω: in units of ħω,
    ``tanh(x/2) · n(1/x, 1)/B = tanh(x/2) (1 + x⁻²)^(μ/2)`` (the factor (ħω)^μ is a constant
    at fixed frequency, absorbed in the amplitude).

    Parameters
    ----------
    x : array_like
        ħω/k_BT (dimensionless), >= 0 (> 0 if ``mu != 0``).
    mu : float, optional
        Power μ of the DOS (0: the constant DOS, Eq. 17 itself).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> float(tls_shape(0.0)), round(float(tls_shape(1.2)), 4)
    (0.0, 0.537)
    >>> round(float(tls_shape(1.0, mu=0.2) / tls_shape(1.0)), 6)   # 2^(0.1)
    1.071773
    """
    x = np.asarray(x, dtype=float)
    base = np.tanh(0.5 * x)
    if mu == 0:
        return base
    x = _positive_values("x (ħω/k_BT)", x)
    dos = np.array([power_law_dos(1.0 / xi, 1.0, 1.0, mu) for xi in x.ravel()])
    return base * dos.reshape(x.shape)


def rm_shape(x):
    """Random-matrix shape 1 - exp(-x) of Q⁻¹ (Eq. 18 of Leggett & Vural (2013)).

    Without amplitude.

    Note ``1 - e^(-x) = tanh(x/2) (1 + e^(-x))``: the ratio of Eq. 18 to Eq. 17 falls
    monotonically from 2 (x → 0) to 1 (x → ∞).

    Parameters
    ----------
    x : float or array_like
        ħω/k_BT (dimensionless).

    Returns
    -------
    numpy.ndarray
        1 - exp(-x) (dimensionless).

    Examples
    --------
    >>> round(float(rm_shape(1.2)), 4)
    0.6988
    """
    return -np.expm1(-np.asarray(x, dtype=float))


_SHAPES = {"tls": tls_shape, "rm": rm_shape}


def shape(model: str, x):
    """The shape of `model` ('tls' = Eq. 17, 'rm' = Eq. 18) at x = ħω/k_BT.

    Parameters
    ----------
    model : {'tls', 'rm'}
        Which shape.
    x : float or array_like
        ħω/k_BT (dimensionless).

    Returns
    -------
    numpy.ndarray
        :func:`tls_shape` or :func:`rm_shape` at `x` (dimensionless, without amplitude).

    Examples
    --------
    >>> bool(shape("rm", 1.2) == rm_shape(1.2))
    True
    """
    return _SHAPES[_check_model(model)](x)


def other(model: str) -> str:
    """The other model name.

    Parameters
    ----------
    model : {'tls', 'rm'}
        A model name.

    Returns
    -------
    str
        'rm' for 'tls' and 'tls' for 'rm'.

    Examples
    --------
    >>> other("tls"), other("rm")
    ('rm', 'tls')
    """
    return "rm" if _check_model(model) == "tls" else "tls"


def high_temperature_correction(x, model="tls"):
    """Relative deviation of a shape from its x → 0 (high-temperature) limit.

    ``1 - tanh(x/2)/(x/2)`` for 'tls', ``1 - (1 - e^(-x))/x`` for 'rm'.

    Parameters
    ----------
    x : float or array_like
        ħω/k_BT (dimensionless), > 0.
    model : {'tls', 'rm'}
        Which shape.

    Returns
    -------
    numpy.ndarray
        The relative deviation (dimensionless).

    Examples
    --------
    >>> round(float(high_temperature_correction(1.2)), 4)
    0.1049
    """
    x = _positive_values("x (ħω/k_BT)", x)
    slope = 0.5 if _check_model(model) == "tls" else 1.0
    return 1.0 - shape(model, x) / (slope * x)


def log_slope_correction(x, model="tls"):
    """Relative deviation of a shape's logarithmic slope from its x → 0 (high-temperature) value.

    At fixed ω, x ∝ 1/T, so on a log–log plot of Q⁻¹ against T the high-temperature limit
    (x/2 for 'tls', x for 'rm') is a straight line of slope −1. This is 1 − d ln f / d ln x:
    ``1 - x/sinh(x)`` for 'tls' (f = tanh(x/2)) and ``1 - x/(e^x - 1)`` for 'rm'
    (f = 1 − e^(−x)). Both rise from 0 at x → 0 (as x²/6 and x/2) to 1 at x → ∞.

    Parameters
    ----------
    x : float or array_like
        ħω/k_BT (dimensionless), > 0.
    model : {'tls', 'rm'}
        Which shape.

    Returns
    -------
    numpy.ndarray
        The relative deviation of the log slope (dimensionless).

    Examples
    --------
    >>> round(float(log_slope_correction(1.2)), 4)
    0.205
    """
    x = _positive_values("x (ħω/k_BT)", x)
    if _check_model(model) == "tls":
        return 1.0 - x / np.sinh(x)
    return 1.0 - x / np.expm1(x)


def x_for_correction(correction, model="tls"):
    """The x = ħω/k_BT at which a shape lies `correction` below its high-temperature limit.

    The inverse of :func:`high_temperature_correction` (which increases monotonically from 0
    at x = 0 to 1 at x → ∞), solved by Brent's method.

    Parameters
    ----------
    correction : float
        Relative deviation from the x → 0 limit, 0 < correction < 1 (0.2 for 20 %).
    model : {'tls', 'rm'}
        Which shape.

    Returns
    -------
    float
        x (dimensionless).

    Examples
    --------
    >>> x = x_for_correction(0.2)
    >>> round(x, 3), round(float(high_temperature_correction(x)), 12)
    (1.776, 0.2)
    """
    c = _positive_scalar("correction", correction)
    if not c < 1:
        raise ValueError(f"correction must be in (0, 1), got {correction!r}")
    _check_model(model)

    def excess(x):
        return float(high_temperature_correction(x, model)) - c

    hi = 1.0
    while excess(hi) < 0:
        hi *= 2.0
    return float(optimize.brentq(excess, 1e-8, hi, xtol=1e-14, rtol=1e-14))
