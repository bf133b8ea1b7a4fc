"""Carruzzo & Yu (2020): the universal phonon-TLS coupling constant C from ρ, v and v_o alone.

Material parameters are SI: mass density ``rho`` [kg/m³], sound velocity ``v`` [m/s], volume
of the chemical formula unit ``v_o`` [m³].  Couplings γ are energies in joules (divide by
:data:`tlspaper.constants.EV` or call :func:`to_ev` for electronvolts); densities of states
are per joule per m³; Debye temperatures and tunneling energies are in kelvin.  Every
function is vectorised over numpy arrays and raises ``ValueError`` naming the argument for a
non-positive input, and for a material parameter outside :data:`PHYSICAL_RANGES` (with a hint
about units: the usual slips are ρ in g/cm³, v in km/s, v_o in Å³ and M in g/mol).

The chain of the paper (H. M. Carruzzo and C. C. Yu, Phys. Rev. Lett. 124, 075902 (2020),
DOI 10.1103/PhysRevLett.124.075902) is::

    k_B T_D = ħ v (6π²/v_o)^(1/3)                      Debye energy       debye_temperature
    γ_o     = (√2/3) (ρ v² v_o k_B T_D)^(1/2)          Eq. (5)            gamma_o
    γ_max   = (4/3) (2/9π)^(2/3) ρ v² v_o              Eq. (13)           gamma_max
    ñ_o     = ρ v² / (3 γ_max²)                        Eq. (7)            asymmetry_dos
    P̄       = ñ_o (γ_o/γ_max)²                         Eq. (9)            pbar
    γ_eff   = α γ_o                                                       gamma_eff
    C       = P̄ γ² / (ρ v²)                            Eq. (1)            coupling_constant
    C_th    = (α²/3) (γ_o/γ_max)⁴                      Eq. (12)           c_theory
    C       = 1/6 for k_B T ≫ barrier                                     c_high_temperature
    ℓ/λ     = 1 / (2π² C)                              Eq. (15)           mean_free_path_ratio
"""

from __future__ import annotations

import numpy as np

from ._checks import positive_array as _positive
from .constants import EV, HBAR, K_B, N_A

__all__ = [
    "C_THEORY_EXPONENTS",
    "C_THEORY_EXPONENTS_FIXED_TD",
    "DEFAULT_ALPHA",
    "DEFAULT_DELTA0_MAX",
    "GAMMA_MAX_PREFACTOR",
    "PHYSICAL_RANGES",
    "asymmetry_dos",
    "average_sound_velocity",
    "c_high_temperature",
    "c_theory",
    "c_theory_uncertainty",
    "coupling_constant",
    "coupling_scale",
    "debye_temperature",
    "formula_unit_volume",
    "gamma_eff",
    "gamma_max",
    "gamma_o",
    "gaussian_asymmetry_dos",
    "mean_free_path_ratio",
    "pbar",
    "to_ev",
    "tunneling_alpha",
    "v_o_for_c",
    "wkb_barrier_height",
]

#: Prefactor a of Eq. (13), γ_max = a ρ v² v_o with a = (4/3)(2/(9π))^(2/3) ≈ 0.228
#: (the paper rounds it to 0.23).
GAMMA_MAX_PREFACTOR = 4.0 / 3.0 * (2.0 / (9.0 * np.pi)) ** (2.0 / 3.0)
#: Default α = γ_eff/γ_o (dimensionless): 2.5, the value Carruzzo & Yu (2020) use for their
#: Table I ("for concreteness"); they consider 1 to 5 plausible.
DEFAULT_ALPHA = 2.5
#: Default largest bare tunneling matrix element Δ_o^max [K]: 10 K, the value Carruzzo & Yu
#: (2020) assume ("Δ_o^max ~ 10 K").
DEFAULT_DELTA0_MAX = 10.0
#: Exact exponents of C_th ∝ ρ^a v^b v_o^c α^d with T_D computed from v and v_o
#: (Eqs. 5, 12, 13 and k_B T_D = ħ v (6π²/v_o)^(1/3)): C_th ∝ α² / ((ρ v)² v_o^(8/3)).
C_THEORY_EXPONENTS = {"rho": -2.0, "v": -2.0, "v_o": -8.0 / 3.0, "alpha": 2.0}
#: Exact exponents of C_th with the Debye temperature T_D held fixed (an independent input):
#: C_th ∝ α² T_D² / (ρ² v⁴ v_o²), i.e. ρ and v enter only through ρ v².
C_THEORY_EXPONENTS_FIXED_TD = {"rho": -2.0, "v": -4.0, "v_o": -2.0, "alpha": 2.0, "T_D": 2.0}


#: Physical ranges (low, high, SI unit, hint) of the material parameters, checked by every
#: function.  Each range holds every solid glass with about a factor 5-10 to spare (ρ of glasses
#: and polymers: ~900 to ~8000 kg/m³, the densest solids ~22 600 kg/m³; sound velocities: ~1000
#: to ~7000 m/s, diamond's longitudinal 18 000 m/s; v_o: a few Å³ for an element to
#: ~1000 Å³ for a large polymer repeat unit; M: 1 g/mol to ~1 kg/mol), and excludes the values
#: of a unit slip, which are off by a factor 10³ (g/cm³, km/s, g/mol) or 10²⁷-10³⁰ (nm³, Å³).
#: The results do not depend on the unit system, so for other units replace or empty this
#: dict (the unit tests redo SiO2 in Å-based units that way).
PHYSICAL_RANGES = {
    "rho": (100.0, 30000.0, "kg/m^3", "a density in g/cm^3? 2.2 g/cm^3 = 2200 kg/m^3"),
    "v": (100.0, 20000.0, "m/s", "a velocity in km/s? 4.2 km/s = 4200 m/s"),
    "v_o": (1e-31, 1e-26, "m^3", "a volume in Å^3? 45.3 Å^3 = 45.3e-30 m^3"),
    "molar_mass": (1e-3, 2.0, "kg/mol", "a molar mass in g/mol? 60.08 g/mol = 0.06008 kg/mol"),
}
_KIND = {"v_l": "v", "v_t": "v"}
_SI_UNIT = {"rho": "kg/m^3", "v": "m/s", "v_o": "m^3", "molar_mass": "kg/mol"}


def _material(name: str, value):
    """`value` as a positive array in the physical range of `name` (:data:`PHYSICAL_RANGES`)."""
    kind = _KIND.get(name, name)
    arr = _positive(name, value, _SI_UNIT[kind])
    if kind in PHYSICAL_RANGES:
        lo, hi, unit, hint = PHYSICAL_RANGES[kind]
        bad = (arr < lo) | (arr > hi)
        if np.any(bad):
            count = "" if arr.ndim == 0 else f" ({int(bad.sum())} of {arr.size} elements)"
            raise ValueError(
                f"{name} must be in {unit}, within the physical range {lo:g} to {hi:g} {unit}, "
                f"got {float(arr[bad].flat[0]):g}{count}; {hint}"
            )
    return arr


def to_ev(energy):
    """Convert an energy from joules to electronvolts.

    Parameters
    ----------
    energy : array_like
        Energy [J].

    Returns
    -------
    numpy.ndarray
        Energy [eV].

    Examples
    --------
    >>> float(to_ev(EV))
    1.0
    """
    return np.asarray(energy, dtype=float) / EV


def average_sound_velocity(v_l, v_t):
    """Polarisation-averaged sound velocity, v⁻³ = (1/3) Σ_s v_s⁻³ (1 longitudinal, 2 transverse).

    The three acoustic branches are weighted equally, so the longitudinal velocity enters with
    weight 1/3 and the (doubly degenerate) transverse velocity with weight 2/3:
    ``v = [(v_l⁻³ + 2 v_t⁻³) / 3]^(-1/3)``.  This is the average of Carruzzo & Yu, Eq. (1),
    and the one that makes the phonon density of states of the Debye model exact.

    Parameters
    ----------
    v_l : array_like
        Longitudinal sound velocity [m/s], > 0.
    v_t : array_like
        Transverse sound velocity [m/s], > 0.

    Returns
    -------
    numpy.ndarray
        Average velocity v [m/s].

    Examples
    --------
    Round values for vitreous silica give the 4163 m/s of Table I:

    >>> round(float(average_sound_velocity(5800.0, 3800.0)))
    4163
    """
    v_l = _material("v_l", v_l)
    v_t = _material("v_t", v_t)
    return ((v_l**-3 + 2.0 * v_t**-3) / 3.0) ** (-1.0 / 3.0)


def formula_unit_volume(molar_mass, rho):
    """Volume per chemical formula unit, v_o = M / (N_A ρ).

    Parameters
    ----------
    molar_mass : array_like
        Molar mass M of the formula unit [kg/mol], > 0.
    rho : array_like
        Mass density [kg/m³], > 0.

    Returns
    -------
    numpy.ndarray
        v_o [m³].

    Examples
    --------
    SiO2 (60.083 g/mol) at 2200 kg/m³:

    >>> round(float(formula_unit_volume(60.083e-3, 2200.0)) * 1e30, 2)  # in Å³
    45.35
    """
    molar_mass = _material("molar_mass", molar_mass)
    rho = _material("rho", rho)
    return molar_mass / (N_A * rho)


def debye_temperature(v, v_o):
    """Debye temperature from k_B T_D = ħ ω_D = ħ v (6π²/v_o)^(1/3).

    Parameters
    ----------
    v : array_like
        Average sound velocity [m/s], > 0.
    v_o : array_like
        Volume per formula unit [m³], > 0 (one Debye "atom" per formula unit).

    Returns
    -------
    numpy.ndarray
        T_D [K].

    Examples
    --------
    >>> round(float(debye_temperature(4163.0, 45.3e-30)), 1)  # SiO2, Table I prints 348 K
    347.7
    """
    v = _material("v", v)
    v_o = _material("v_o", v_o)
    return HBAR * v * (6.0 * np.pi**2 / v_o) ** (1.0 / 3.0) / K_B


def _debye_energy(v, v_o, T_D):
    """k_B T_D [J]: from `T_D` [K] if given, else from v and v_o."""
    if T_D is None:
        return K_B * debye_temperature(v, v_o)
    return K_B * _positive("T_D", T_D, "K")


def gamma_o(rho, v, v_o, T_D=None):
    """Polaron coupling scale γ_o = (√2/3) (ρ v² v_o ħω_D)^(1/2) (Eq. 5 of Carruzzo & Yu (2020)).

    A TLS with coupling γ has its tunneling element reduced to Δ_o^max exp(-γ²/γ_o²).

    Parameters
    ----------
    rho : array_like
        Mass density [kg/m³], > 0.
    v : array_like
        Average sound velocity [m/s], > 0.
    v_o : array_like
        Volume per formula unit [m³], > 0.
    T_D : array_like, optional
        Debye temperature [K], > 0.  Default: :func:`debye_temperature` of (v, v_o).

    Returns
    -------
    numpy.ndarray
        γ_o [J].

    Examples
    --------
    >>> round(float(to_ev(gamma_o(2200.0, 4200.0, 45e-30, T_D=350.0))), 3)  # SiO2, eV
    0.27
    """
    rho = _material("rho", rho)
    v = _material("v", v)
    v_o = _material("v_o", v_o)
    return np.sqrt(2.0) / 3.0 * np.sqrt(rho * v**2 * v_o * _debye_energy(v, v_o, T_D))


def coupling_scale(rho, v, v_o, T_D=None):
    """Energy scale (ρ v² v_o ħω_D)^(1/2) of Eq. (10), without its √2/3 and ln^(1/2) factors.

    This is the quantity the paper evaluates as "γ ~ 0.57 eV" for SiO2; it equals
    (3/√2) γ_o, i.e. γ_eff of Eq. (10) with ln^(1/2)(Δ_o^max/Δ°) = 3/√2 ≈ 2.1.

    Parameters
    ----------
    rho, v, v_o, T_D
        As in :func:`gamma_o` (kg/m³, m/s, m³, K).

    Returns
    -------
    numpy.ndarray
        (ρ v² v_o k_B T_D)^(1/2) [J].

    Examples
    --------
    >>> round(float(to_ev(coupling_scale(2200.0, 4200.0, 45e-30, T_D=350.0))), 3)
    0.573
    """
    return 3.0 / np.sqrt(2.0) * gamma_o(rho, v, v_o, T_D)


def gamma_max(rho, v, v_o):
    """Largest TLS-phonon coupling γ_max = a ρ v² v_o (Eq. 13 of Carruzzo & Yu (2020)).

    γ_max follows from elastic stability.

    ``a = (4/3)(2/(9π))^(2/3) ≈ 0.228`` (:data:`GAMMA_MAX_PREFACTOR`).

    Parameters
    ----------
    rho : array_like
        Mass density [kg/m³], > 0.
    v : array_like
        Average sound velocity [m/s], > 0.
    v_o : array_like
        Volume per formula unit [m³], > 0.

    Returns
    -------
    numpy.ndarray
        γ_max [J].

    Examples
    --------
    >>> round(float(to_ev(gamma_max(2200.0, 4163.0, 45.3e-30))), 2)  # SiO2, eV
    2.46
    """
    rho = _material("rho", rho)
    v = _material("v", v)
    v_o = _material("v_o", v_o)
    return GAMMA_MAX_PREFACTOR * rho * v**2 * v_o


def asymmetry_dos(rho, v, v_o):
    """TLS density per unit asymmetry energy and volume ñ_o (Eq. 7 of Carruzzo & Yu (2020)).

    ñ_o results from TLS-TLS interactions.

    ñ_o = ρ v² / (3 γ_max²): the flat part of the interaction-broadened (random mean-field)
    distribution of asymmetries.  Above the tunneling barrier it is also P̄.

    Parameters
    ----------
    rho, v, v_o
        As in :func:`gamma_max` (kg/m³, m/s, m³).

    Returns
    -------
    numpy.ndarray
        ñ_o [J⁻¹ m⁻³].

    Examples
    --------
    >>> f"{float(asymmetry_dos(2200.0, 4163.0, 45.3e-30)):.2e}"  # SiO2, per J per m³
    '8.19e+46'
    """
    rho = _material("rho", rho)
    v = _material("v", v)
    return rho * v**2 / (3.0 * gamma_max(rho, v, v_o) ** 2)


def pbar(rho, v, v_o, T_D=None):
    """TLS density of states P̄ = (1/3) (ρ v²/γ_max²) (γ_o/γ_max)² (Eq. 9 of Carruzzo & Yu (2020)).

    The interaction DOS ñ_o reduced by the fraction (γ_o/γ_max)² of TLS whose coupling
    leaves them a tunneling element within the experimental window.

    Parameters
    ----------
    rho, v, v_o, T_D
        As in :func:`gamma_o` (kg/m³, m/s, m³, K; T_D optional).

    Returns
    -------
    numpy.ndarray
        P̄ [J⁻¹ m⁻³].

    Examples
    --------
    >>> f"{float(pbar(2200.0, 4163.0, 45.3e-30)):.2e}"  # SiO2, per J per m³
    '9.73e+44'
    """
    ratio = gamma_o(rho, v, v_o, T_D) / gamma_max(rho, v, v_o)
    return asymmetry_dos(rho, v, v_o) * ratio**2


def gamma_eff(rho, v, v_o, alpha=DEFAULT_ALPHA, T_D=None):
    """Effective ultrasonic coupling γ_eff = α γ_o (the paper's simplification of Eq. 10).

    Parameters
    ----------
    rho, v, v_o, T_D
        As in :func:`gamma_o` (kg/m³, m/s, m³, K; T_D optional).
    alpha : array_like
        α = ln^(1/2)(Δ_o^max/Δ°) > 0, "in the range from 1 to 5"; default
        :data:`DEFAULT_ALPHA` (2.5).

    Returns
    -------
    numpy.ndarray
        γ_eff [J].

    Examples
    --------
    >>> round(float(to_ev(gamma_eff(2200.0, 4200.0, 45e-30, T_D=350.0))), 3)  # α = 2.5
    0.676
    """
    alpha = _positive("alpha", alpha, "dimensionless")
    return alpha * gamma_o(rho, v, v_o, T_D)


def coupling_constant(pbar, gamma, rho, v):
    """Dimensionless TLS-phonon coupling constant C = P̄ γ² / (ρ v²) (Eq. 1 of Carruzzo & Yu (2020)).

    Parameters
    ----------
    pbar : array_like
        TLS density of states [J⁻¹ m⁻³], > 0.
    gamma : array_like
        TLS-phonon coupling [J], > 0.
    rho : array_like
        Mass density [kg/m³], > 0.
    v : array_like
        Sound velocity [m/s], > 0.

    Returns
    -------
    numpy.ndarray
        C (dimensionless).

    Examples
    --------
    >>> round(float(coupling_constant(1e45, EV, 2200.0, 4000.0)) * 1e4, 3)
    7.293
    """
    pbar = _positive("pbar", pbar, "1/(J m^3)")
    gamma = _positive("gamma", gamma, "J")
    rho = _material("rho", rho)
    v = _material("v", v)
    return pbar * gamma**2 / (rho * v**2)


def c_theory(rho, v, v_o, alpha=DEFAULT_ALPHA, T_D=None):
    """Predicted coupling constant C_th = (α²/3)(γ_o/γ_max)⁴ (Eq. 12 of Carruzzo & Yu (2020)).

    Eq. (1) with P̄ of Eq. (9) and γ = γ_eff.

    With T_D from v and v_o, C_th ∝ α² ħ² / (ρ² v² v_o^(8/3)): it depends on ρ and v only
    through the acoustic impedance ρ v.  With T_D held fixed, it depends on ρ and v only
    through ρ v² (and then C_th ∝ T_D² / v_o²).

    Parameters
    ----------
    rho, v, v_o, T_D
        As in :func:`gamma_o` (kg/m³, m/s, m³, K; T_D optional).
    alpha : array_like
        γ_eff/γ_o, default :data:`DEFAULT_ALPHA` (2.5).

    Returns
    -------
    numpy.ndarray
        C_th (dimensionless).

    Examples
    --------
    >>> round(float(c_theory(2200.0, 4163.0, 45.3e-30)) * 1e4, 2)  # SiO2; Table I: 2.9
    2.94
    """
    return coupling_constant(pbar(rho, v, v_o, T_D), gamma_eff(rho, v, v_o, alpha, T_D), rho, v)


def c_high_temperature(rho, v, v_o):
    """C above the tunneling barrier: Eq. (1) with P̄ = ñ_o and ⟨γ²⟩ = γ_max²/2, = 1/6.

    For k_B T ≫ V tunneling no longer thins out the TLS, so P̄ = ñ_o (Eq. 7), and the
    coupling is the mean of the uniform P(γ²) = 1/γ_max² on [0, γ_max²].

    Parameters
    ----------
    rho, v, v_o
        As in :func:`gamma_max` (kg/m³, m/s, m³).

    Returns
    -------
    numpy.ndarray
        C (dimensionless), 1/6 for every material.

    Examples
    --------
    >>> round(float(c_high_temperature(2200.0, 4163.0, 45.3e-30)), 6)
    0.166667
    """
    mean_gamma_sq = gamma_max(rho, v, v_o) ** 2 / 2.0
    return coupling_constant(asymmetry_dos(rho, v, v_o), np.sqrt(mean_gamma_sq), rho, v)


def mean_free_path_ratio(C):
    """Phonon mean free path over wavelength ℓ/λ = 1 / (2π² C) (Eq. 15 of Carruzzo & Yu (2020)).

    Parameters
    ----------
    C : array_like
        Dimensionless coupling constant, > 0.

    Returns
    -------
    numpy.ndarray
        ℓ/λ (dimensionless).

    Examples
    --------
    >>> round(float(mean_free_path_ratio(1 / 6)), 4)  # high temperature: 3/π²
    0.304
    """
    C = _positive("C", C, "dimensionless")
    return 1.0 / (2.0 * np.pi**2 * C)


def tunneling_alpha(delta0, delta0_max=DEFAULT_DELTA0_MAX):
    """α = γ/γ_o = ln^(1/2)(Δ_o^max/Δ°) of a TLS (Eq. 10 of Carruzzo & Yu (2020)).

    Δ° is the TLS's tunneling element.

    Parameters
    ----------
    delta0 : array_like
        Tunneling matrix element Δ° [K], with 0 < Δ° ≤ Δ_o^max.
    delta0_max : float
        Largest tunneling element Δ_o^max [K], default :data:`DEFAULT_DELTA0_MAX` (10 K).

    Returns
    -------
    numpy.ndarray
        α (dimensionless).

    Examples
    --------
    >>> round(float(tunneling_alpha(1.0)), 3)
    1.517
    """
    delta0 = _positive("delta0", delta0, "K")
    delta0_max = _positive("delta0_max", delta0_max, "K")
    if np.any(delta0 > delta0_max):
        raise ValueError(
            f"delta0 must not exceed delta0_max = {delta0_max} K, got max(delta0) = "
            f"{np.max(delta0)} K"
        )
    return np.sqrt(np.log(delta0_max / delta0))


def wkb_barrier_height(d, rho, v_o, T_D, delta0_max=DEFAULT_DELTA0_MAX):
    """Barrier height V solving Δ_o^max = ħω_D exp(-√(2MV) d/ħ) (Eq. 14 of Carruzzo & Yu (2020)).

    The tunneling mass is M = ρ v_o.

    (Eq. 14 as printed has √(2M) V; the paper's evaluation "1.6 √V d ~ ln 35" uses √(2MV),
    which is what is solved here.)

    Parameters
    ----------
    d : array_like
        Tunneling distance [m], > 0.
    rho : array_like
        Mass density [kg/m³], > 0.
    v_o : array_like
        Volume per formula unit [m³], > 0 (tunneling mass M = ρ v_o).
    T_D : array_like
        Debye temperature ħω_D/k_B [K], > `delta0_max`.
    delta0_max : float
        Δ_o^max [K], default :data:`DEFAULT_DELTA0_MAX` (10 K).

    Returns
    -------
    numpy.ndarray
        V [K].

    Examples
    --------
    >>> round(float(wkb_barrier_height(1e-10, 2200.0, 45.3e-30, 350.0)), 1)  # SiO2, d = 1 Å
    5.1
    """
    d = _positive("d", d, "m")
    rho = _material("rho", rho)
    v_o = _material("v_o", v_o)
    T_D = _positive("T_D", T_D, "K")
    delta0_max = _positive("delta0_max", delta0_max, "K")
    if np.any(T_D <= delta0_max):
        raise ValueError(f"T_D must exceed delta0_max = {delta0_max} K, got T_D = {T_D} K")
    mass = rho * v_o
    exponent = np.log(T_D / delta0_max)
    return (HBAR * exponent / d) ** 2 / (2.0 * mass) / K_B


def v_o_for_c(C, rho, v, alpha=DEFAULT_ALPHA):
    """The formula-unit volume v_o for which Eq. (12) (T_D from v, v_o) gives a target C.

    Inverts C_th = (α²/3) [(2/9)(6π²)^(1/3) ħ / (a² ρ v)]² v_o^(-8/3), with a of Eq. (13).
    Treating v_o as the theory's one adjustable parameter is suggested, not done, by
    Carruzzo & Yu; this inverse is this book's extension.

    Parameters
    ----------
    C : array_like
        Target dimensionless coupling, > 0 (e.g. a measured C_exp).
    rho : array_like
        Mass density [kg/m³], > 0.
    v : array_like
        Average sound velocity [m/s], > 0.
    alpha : array_like
        γ_eff/γ_o, default :data:`DEFAULT_ALPHA` (2.5).

    Returns
    -------
    numpy.ndarray
        v_o [m³].

    Examples
    --------
    >>> round(float(v_o_for_c(2.9e-4, 2200.0, 4163.0)) * 1e30, 1)  # SiO2, Å³ (table: 45.3)
    45.5
    """
    C = _positive("C", C, "dimensionless")
    rho = _material("rho", rho)
    v = _material("v", v)
    alpha = _positive("alpha", alpha, "dimensionless")
    k = 2.0 / 9.0 * (6.0 * np.pi**2) ** (1.0 / 3.0) * HBAR / (GAMMA_MAX_PREFACTOR**2 * rho * v)
    return (alpha**2 / 3.0 * k**2 / C) ** (3.0 / 8.0)


def c_theory_uncertainty(rho, v, v_o, drho, dv, dv_o, alpha=DEFAULT_ALPHA):
    """Standard error of C_th (T_D from v, v_o) from input errors, by linear propagation.

    Uses the exponents of :data:`C_THEORY_EXPONENTS`:
    σ_C / C = [(2 σ_ρ/ρ)² + (2 σ_v/v)² + (8/3 σ_vo/v_o)²]^(1/2).

    Parameters
    ----------
    rho, v, v_o : array_like
        Inputs [kg/m³, m/s, m³], > 0.
    drho, dv, dv_o : array_like
        Their standard errors, same units, ≥ 0.
    alpha : array_like
        γ_eff/γ_o, default :data:`DEFAULT_ALPHA` (2.5).

    Returns
    -------
    numpy.ndarray
        σ_C (dimensionless).

    Examples
    --------
    >>> c = float(c_theory(2200.0, 4163.0, 45.3e-30))
    >>> round(float(c_theory_uncertainty(2200.0, 4163.0, 45.3e-30, 0, 0, 0.453e-30)) / c, 4)
    0.0267
    """
    errors = {}
    for name, val in (("drho", drho), ("dv", dv), ("dv_o", dv_o)):
        arr = np.asarray(val, dtype=float)
        if np.any(~np.isfinite(arr) | (arr < 0)):
            raise ValueError(f"{name} must be finite and >= 0, got {val!r}")
        errors[name] = arr
    e = C_THEORY_EXPONENTS
    rel = np.sqrt(
        (e["rho"] * errors["drho"] / _material("rho", rho)) ** 2
        + (e["v"] * errors["dv"] / _material("v", v)) ** 2
        + (e["v_o"] * errors["dv_o"] / _material("v_o", v_o)) ** 2
    )
    return rel * c_theory(rho, v, v_o, alpha)


def gaussian_asymmetry_dos(rho, v, v_o, positive_asymmetry=True):
    """ñ_o re-derived from the mean-field variance stated before Eq. 7 of Carruzzo & Yu (2020).

    The paper gives the variance of the interaction field on a TLS as
    Var(ε) ≈ (γ_max²/2ρv²)² (4π/3V_o)², one TLS per volume V_o, so
    σ_ε = 2π γ_max²/(3 ρ v² V_o).  The Gaussian density at ε = 0 is
    P(0) = 1/(√(2π) σ_ε) = 3 ρ v² V_o / ((2π)^(3/2) γ_max²) per TLS (the paper prints
    (2π)^(2/3)); per unit volume (÷ V_o, which cancels) this is
    ``k ρ v² / γ_max²`` with k = 3/(2π)^(3/2) ≈ 0.190 for ε of both signs, and twice that,
    k = 6/(2π)^(3/2) ≈ 0.381, counting only ε > 0 as in the paper's Eq. 3
    (0 < ε < ε_max).  Eq. 7 has k = 1/3 (:func:`asymmetry_dos`); C_th is proportional to k.

    Parameters
    ----------
    rho, v, v_o
        As in :func:`gamma_max` (kg/m³, m/s, m³).
    positive_asymmetry : bool
        Count only ε > 0 (default, the convention of Eq. 3), else ε of both signs.

    Returns
    -------
    numpy.ndarray
        ñ_o [J⁻¹ m⁻³].

    Examples
    --------
    >>> args = (2200.0, 4163.0, 45.3e-30)                       # SiO2
    >>> round(float(gaussian_asymmetry_dos(*args) / asymmetry_dos(*args)), 4)
    1.1429
    >>> both = gaussian_asymmetry_dos(*args, positive_asymmetry=False)
    >>> round(float(both / asymmetry_dos(*args)), 4)
    0.5714
    """
    g_max = gamma_max(rho, v, v_o)  # validates rho, v, v_o
    k = (6.0 if positive_asymmetry else 3.0) / (2.0 * np.pi) ** 1.5
    return k * np.asarray(rho, dtype=float) * np.asarray(v, dtype=float) ** 2 / g_max**2
