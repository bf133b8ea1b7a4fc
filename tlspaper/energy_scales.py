"""Two-TLS energy scales, the electric/elastic interaction ratio r, and the dipolar-gap DOS.

The formulas are those of Sec. IV, Table I, Eqs. 9-11 and Appendix C of Churkin et al. (2021);
the numbers they print live in :mod:`tlspaper.papers.churkin2021`.  Energies are returned in
kelvin (k_B = 1).  Material inputs are SI (kg/m³, m/s, Pa, m) except the TLS-strain couplings
γ [eV] and the dipole moments p [debye], the units in which the literature quotes them.  The
elastic stiffness enters only as ρv², so every elastic function takes either ``rho`` and ``v``
or ``modulus`` = ρv² [Pa].
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy import constants as _sc

from ._checks import positive as _positive
from ._checks import positive_array as _positive_array
from .constants import DEBYE, EV, K_B

__all__ = [
    "APP_C_PREFACTOR",
    "DIPOLAR_GAP_C",
    "DIPOLAR_LOSS_FACTOR",
    "DIPOLAR_SLOPE_FACTOR",
    "ELASTIC_LOSS_FACTOR",
    "ELASTIC_SLOPE_FACTOR",
    "EPS0",
    "TwoTLSScales",
    "c_dip_from_permittivity_slope",
    "dipolar_elastic_ratio",
    "dipolar_gap_dos",
    "dipolar_gap_fitted_power",
    "dipolar_gap_local_power",
    "dipolar_interaction",
    "dipole_threshold",
    "elastic_interaction",
    "elastic_pair_energy",
    "interaction_ratio",
    "nn_defect_interaction",
    "nn_distance",
    "r_from_losses",
    "r_from_slopes",
    "random_field",
    "scales_from_glass_temperature",
    "shear_modulus",
]

#: Vacuum permittivity ε0 [F/m] (from :mod:`scipy.constants`).
EPS0 = _sc.epsilon_0

# The four prefactors of App. C of Churkin et al. (2021) are model constants of its relation
# between measured losses or slopes and averaged interaction constants: the paper evaluates
# the averages numerically (independent Gaussian tensor components) and prints them rounded.
#: App. C: P0⟨|J̃0,el|⟩ ≈ 1.1 Q⁻¹ (internal friction Q⁻¹ on the relaxation plateau).
ELASTIC_LOSS_FACTOR = 1.1
#: App. C: P0⟨|J̃0,el|⟩ ≈ 1.74 C_el (log-slope C_el of the sound velocity).
ELASTIC_SLOPE_FACTOR = 1.74
#: App. C: P0⟨|J̃0,dip|⟩ ≈ 0.36 tan δ (dielectric loss tangent).
DIPOLAR_LOSS_FACTOR = 0.36
#: App. C: P0⟨|J̃0,dip|⟩ ≈ 0.56 C_dip (log-slope C_dip of the dielectric constant).
DIPOLAR_SLOPE_FACTOR = 0.56
#: Prefactor turning the bare ratio p²ρv²/(4πε0 ε_r γ²) into App. C's r, *assuming* the
#: dielectric slope is C_dip = P0 p²/(3 ε0 ε_r) (the analogue of C_el = P0 γ²/(ρv²), with
#: the standard orientation average 1/3): r = (0.56 · 4π/3) / 1.74 × bare ratio ≈ 1.35 × bare.
APP_C_PREFACTOR = DIPOLAR_SLOPE_FACTOR * 4.0 * math.pi / 3.0 / ELASTIC_SLOPE_FACTOR


def _scalar_or_array(x):
    return float(x) if np.ndim(x) == 0 else x


def _modulus(rho, v, modulus) -> np.ndarray:
    """ρv² [Pa] from either (rho, v) or modulus; exactly one way must be given."""
    if modulus is not None:
        if rho is not None or v is not None:
            raise ValueError("give either rho and v, or modulus (= rho v²), not both")
        return _positive_array("modulus", modulus, "Pa")
    if rho is None or v is None:
        raise ValueError(
            "the elastic stiffness is missing: give rho [kg/m³] and v [m/s], "
            "or modulus = rho v² [Pa]"
        )
    return _positive_array("rho", rho, "kg/m³") * _positive_array("v", v, "m/s") ** 2


# --------------------------------------------------------------------------------------------
# Table I and Eqs. 10-11: energy scales of the two-TLS model
# --------------------------------------------------------------------------------------------


def shear_modulus(E, nu):
    """Shear modulus G = E / (2(1 + ν)) of an isotropic solid, i.e. ρ v_t² [unit of E].

    Parameters
    ----------
    E : float or array_like
        Young's modulus (any unit, e.g. Pa), > 0.
    nu : float
        Poisson ratio, -1 < ν < 0.5.

    Returns
    -------
    float or numpy.ndarray
        G in the unit of `E`.

    Examples
    --------
    >>> shear_modulus(240.0, 0.2)
    100.0
    """
    E = _positive_array("E", E, "modulus unit")
    nu = float(nu)
    if not -1.0 < nu < 0.5:
        raise ValueError(f"nu (Poisson ratio) must lie in (-1, 0.5), got {nu}")
    return _scalar_or_array(E / (2.0 * (1.0 + nu)))


def elastic_pair_energy(gamma_1, gamma_2, R, *, rho=None, v=None, modulus=None):
    """Phonon-mediated defect interaction γ₁γ₂/(ρv²R³) [K] (Eq. 10 of Churkin et al. (2021)).

    The interaction of two defects at distance R, with the O(1) angular factor set to one; it gives
    all three elastic entries of Table I (see :func:`nn_defect_interaction`,
    :func:`random_field`, :func:`elastic_interaction`).

    Parameters
    ----------
    gamma_1, gamma_2 : float or array_like
        Defect-strain couplings [eV], > 0.
    R : float or array_like
        Distance [m], > 0.
    rho : float or array_like, optional
        Mass density [kg/m³].
    v : float or array_like, optional
        Sound velocity [m/s] (App. C: the transverse one dominates).
    modulus : float or array_like, optional
        ρv² [Pa], instead of `rho` and `v`.

    Returns
    -------
    float or numpy.ndarray
        Energy [K].

    Examples
    --------
    >>> # (1 eV)² / (1e11 Pa × (1 nm)³) = 2.5670e-22 J = 18.592 K
    >>> round(elastic_pair_energy(1.0, 1.0, 1e-9, modulus=1e11), 3)
    18.592
    """
    g1 = _positive_array("gamma_1", gamma_1, "eV") * EV
    g2 = _positive_array("gamma_2", gamma_2, "eV") * EV
    R = _positive_array("R", R, "m")
    return _scalar_or_array(g1 * g2 / (_modulus(rho, v, modulus) * R**3) / K_B)


def nn_defect_interaction(gamma_s, R0, *, rho=None, v=None, modulus=None):
    """Table I, first column: the NN defect interaction γ_s²/(ρv²R0³) ~ T_g [K].

    Parameters are those of :func:`elastic_pair_energy` with γ₁ = γ₂ = `gamma_s` [eV] and
    R = `R0` [m], the typical distance between nearest two-level defects.

    Returns
    -------
    float or numpy.ndarray
        The energy [K] (float for scalar input).

    Examples
    --------
    >>> round(nn_defect_interaction(1.0, 1e-9, modulus=1e11), 3)
    18.592
    """
    return elastic_pair_energy(gamma_s, gamma_s, R0, rho=rho, v=v, modulus=modulus)


def random_field(gamma_s, gamma_w, R0, *, rho=None, v=None, modulus=None):
    """Table I, second column: the τ-TLS disorder energy h0 ~ γ_sγ_w/(ρv²R0³) [K].

    Parameters are those of :func:`elastic_pair_energy` (γ_s and γ_w in eV, R0 in m).

    Returns
    -------
    float or numpy.ndarray
        The energy [K] (float for scalar input).

    Examples
    --------
    >>> round(random_field(1.0, 0.02, 1e-9, modulus=1e11), 4)   # g × 18.592 K
    0.3718
    """
    return elastic_pair_energy(gamma_s, gamma_w, R0, rho=rho, v=v, modulus=modulus)


def elastic_interaction(gamma_w, R0, *, rho=None, v=None, modulus=None):
    """Table I, third column (top row): the NN τ-TLS interaction J0 ~ γ_w²/(ρv²R0³) [K].

    Parameters are those of :func:`elastic_pair_energy` (γ_w in eV, R0 in m).

    Returns
    -------
    float or numpy.ndarray
        The energy [K] (float for scalar input).

    Examples
    --------
    >>> round(elastic_interaction(0.02, 1e-9, modulus=1e11), 6)   # g² × 18.592 K
    0.007437
    """
    return elastic_pair_energy(gamma_w, gamma_w, R0, rho=rho, v=v, modulus=modulus)


def dipolar_interaction(p, R0, eps_r=1.0):
    """Dipolar TLS interaction J0 ~ p²/(4πε0 ε_r R0³) [K] (Eq. 11 of Churkin et al. (2021)).

    Table I, third column (bottom row).

    Parameters
    ----------
    p : float or array_like
        TLS electric dipole moment [debye], > 0.
    R0 : float or array_like
        Distance [m], > 0.
    eps_r : float, optional
        Relative permittivity screening the interaction.  Default 1: the paper's bare
        formula p²/(4πε0R0³).

    Returns
    -------
    float or numpy.ndarray
        Energy [K].

    Examples
    --------
    >>> # 1 D at 1 nm: (3.33564e-30 C m)² / (4π ε0 (1e-9 m)³) / k_B = 7.24 K
    >>> round(dipolar_interaction(1.0, 1e-9), 2)
    7.24
    """
    p = _positive_array("p", p, "debye") * DEBYE
    R0 = _positive_array("R0", R0, "m")
    eps_r = _positive("eps_r", eps_r)
    return _scalar_or_array(p**2 / (4.0 * math.pi * EPS0 * eps_r * R0**3) / K_B)


class TwoTLSScales(NamedTuple):
    """The three energy scales of a row of Table I [K]."""

    nn_defect: float
    """Interaction between nearest-neighbour general defects, γ_s²/(ρv²R0³) ~ T_g."""
    h0: float
    """Disorder (random-field) energy of a τ-TLS, g times smaller."""
    J0: float
    """Interaction between nearest-neighbour τ-TLSs, g² times smaller (elastic)."""


def scales_from_glass_temperature(T_g, g):
    """Table I's elastic scales from T_g and g = γ_w/γ_s: (T_g, g T_g, g² T_g) [K].

    Table I of Churkin et al. (2021): since γ_s²/(ρv²R0³) ~ T_g, the same expression with one
    (two) γ_s replaced by γ_w is g (g²) times smaller (its Sec. IV).

    Parameters
    ----------
    T_g : float
        Glass transition temperature [K], > 0.
    g : float
        γ_w/γ_s, 0 < g <= 1 (the paper: g ≈ 0.02).

    Returns
    -------
    TwoTLSScales

    Examples
    --------
    >>> s = scales_from_glass_temperature(500.0, 0.02)
    >>> round(s.h0, 6), round(s.J0, 6)
    (10.0, 0.2)
    """
    T_g = _positive("T_g", T_g)
    g = _positive("g", g)
    if g > 1:
        raise ValueError(f"g = gamma_w/gamma_s must lie in (0, 1], got {g}")
    return TwoTLSScales(T_g, g * T_g, g * g * T_g)


def nn_distance(energy, gamma_1, gamma_2, *, rho=None, v=None, modulus=None):
    """The distance R at which γ₁γ₂/(ρv²R³) equals `energy`: Eq. 10 inverted [m].

    Used to find the R0 that the two-TLS model implies for given couplings and T_g.

    Parameters
    ----------
    energy : float or array_like
        Target energy [K], > 0.
    gamma_1, gamma_2 : float or array_like
        Couplings [eV].
    rho, v, modulus
        As in :func:`elastic_pair_energy`.

    Returns
    -------
    float or numpy.ndarray
        R [m].

    Examples
    --------
    >>> R = nn_distance(18.592, 1.0, 1.0, modulus=1e11)
    >>> round(R * 1e9, 4)
    1.0
    """
    energy = _positive_array("energy", energy, "K") * K_B
    g1 = _positive_array("gamma_1", gamma_1, "eV") * EV
    g2 = _positive_array("gamma_2", gamma_2, "eV") * EV
    return _scalar_or_array(np.cbrt(g1 * g2 / (_modulus(rho, v, modulus) * energy)))


# --------------------------------------------------------------------------------------------
# Appendix C: the ratio r of electric to elastic interaction constants
# --------------------------------------------------------------------------------------------


def interaction_ratio(*, tan_delta=None, C_dip=None, Q_inv=None, C_el=None):
    """App. C's r from one dielectric and one elastic measurement, in any combination.

    Appendix C of Churkin et al. (2021), with the prefactors :data:`DIPOLAR_LOSS_FACTOR`,
    :data:`DIPOLAR_SLOPE_FACTOR`, :data:`ELASTIC_LOSS_FACTOR`, :data:`ELASTIC_SLOPE_FACTOR`:

    ``P0⟨|J̃0,dip|⟩ ≈ 0.36 tan δ = 0.56 C_dip`` and ``P0⟨|J̃0,el|⟩ ≈ 1.1 Q⁻¹ = 1.74 C_el``,
    so r = (0.36 tan δ or 0.56 C_dip) / (1.1 Q⁻¹ or 1.74 C_el).  The loss and slope forms
    agree to about 1 % when C = (2/π) × loss (then 0.36 π/2 = 0.565 ≈ 0.56 and
    1.1 π/2 = 1.728 ≈ 1.74): the relaxation-plateau relation Q⁻¹ = (π/2) C_el of App. C.

    Parameters
    ----------
    tan_delta, C_dip : float or array_like
        Exactly one of them: the dielectric loss tangent or the dielectric log-slope.
    Q_inv, C_el : float or array_like
        Exactly one of them: the internal friction or the sound-velocity log-slope.

    Returns
    -------
    float or numpy.ndarray
        r = ⟨|J̃0,dip|⟩ / ⟨|J̃0,el|⟩ (dimensionless).

    Examples
    --------
    >>> round(interaction_ratio(C_dip=0.2e-3, Q_inv=3.3e-4), 3)   # SiO2 (one reading)
    0.309
    """
    if (tan_delta is None) == (C_dip is None):
        raise ValueError("give exactly one dielectric input: tan_delta or C_dip")
    if (Q_inv is None) == (C_el is None):
        raise ValueError("give exactly one elastic input: Q_inv or C_el")
    if tan_delta is not None:
        dip = DIPOLAR_LOSS_FACTOR * _positive_array("tan_delta", tan_delta, "dimensionless")
    else:
        dip = DIPOLAR_SLOPE_FACTOR * _positive_array("C_dip", C_dip, "dimensionless")
    if Q_inv is not None:
        el = ELASTIC_LOSS_FACTOR * _positive_array("Q_inv", Q_inv, "dimensionless")
    else:
        el = ELASTIC_SLOPE_FACTOR * _positive_array("C_el", C_el, "dimensionless")
    return _scalar_or_array(dip / el)


def r_from_losses(tan_delta, Q_inv):
    """App. C: r = 0.36 tan δ / (1.1 Q⁻¹) from dielectric loss and internal friction.

    Parameters
    ----------
    tan_delta : float or array_like
        Dielectric loss tangent (relaxation plateau), > 0.
    Q_inv : float or array_like
        Acoustic internal friction Q⁻¹ (relaxation plateau), > 0.

    Returns
    -------
    float or numpy.ndarray
        r (dimensionless).

    Examples
    --------
    >>> round(r_from_losses(1.1e-3, 0.36e-3), 12)
    1.0
    """
    return interaction_ratio(tan_delta=tan_delta, Q_inv=Q_inv)


def r_from_slopes(C_dip, C_el):
    """App. C: r = 0.56 C_dip / (1.74 C_el) from the logarithmic slopes of ε(T) and v(T).

    Parameters
    ----------
    C_dip : float or array_like
        Slope of the logarithmic temperature dependence of the dielectric constant, > 0.
    C_el : float or array_like
        Slope of the logarithmic temperature dependence of the sound velocity, > 0.

    Returns
    -------
    float or numpy.ndarray
        r (dimensionless).

    Examples
    --------
    >>> round(r_from_slopes(1.51e-3, 3.2e-4), 3)   # BK7; App. C prints 1.51
    1.519
    """
    return interaction_ratio(C_dip=C_dip, C_el=C_el)


def c_dip_from_permittivity_slope(slope):
    """C_dip of App. C from a measured log-slope of the dielectric constant: half of it.

    The resonant TLS response changes the elastic modulus c = ρv² and the permittivity ε by
    the same relative susceptibility, ``δc/c = +2 C_el ln T`` and ``δε/ε = -2 C_dip ln T``
    (C_el = P0γ²/ρv², C_dip = P0p²/(3ε0ε_r); the sign: TLSs soften the modulus and add to the
    polarisability).  The velocity takes half of the modulus change, v ∝ √c, so
    ``δv/v = C_el ln T``: the velocity slope *is* C_el, but the permittivity slope is
    ``|d(δε/ε)/d ln T| = 2 C_dip``.  App. C pairs C_dip with tan δ as it pairs C_el with Q⁻¹
    (``0.56/0.36 ≈ 1.74/1.1 ≈ π/2``, the plateau relations Q⁻¹ = (π/2) C_el and
    tan δ = (π/2) C_dip), so its C_dip is the C_el analogue; a C_dip read off a measured
    ``δε/ε`` slope must be halved first.

    Parameters
    ----------
    slope : float or array_like
        |d(δε/ε)/d ln T| (dimensionless), > 0.

    Returns
    -------
    float or numpy.ndarray
        C_dip = slope / 2 (dimensionless).

    Examples
    --------
    >>> c_dip_from_permittivity_slope(1.51e-3)
    0.000755
    """
    return _scalar_or_array(0.5 * _positive_array("slope", slope, "dimensionless"))


def dipolar_elastic_ratio(
    p, gamma_w, *, rho=None, v=None, modulus=None, eps_r=1.0, prefactor=1.0
):
    """Estimated r from microscopic parameters: J0,dip / J0,el = p²ρv² / (4πε0 ε_r γ_w²).

    The ratio of Eq. 11 to Eq. 10 at the same distance: R0 and the O(1) factors c_ij cancel
    (``prefactor=1``, the accuracy of Table I).  With ``prefactor=APP_C_PREFACTOR`` (≈ 1.35)
    it is App. C's ratio of averaged interaction constants, under the assumption stated at
    :data:`APP_C_PREFACTOR` and with γ_w taken as App. C's γ0.

    Parameters
    ----------
    p : float or array_like
        TLS dipole moment [debye].
    gamma_w : float or array_like
        τ-TLS strain coupling [eV].
    rho, v, modulus
        Stiffness as in :func:`elastic_pair_energy` (transverse mode, App. C).
    eps_r : float, optional
        Relative permittivity; default 1 (the paper's bare Eq. 11).
    prefactor : float, optional
        Multiplies the bare ratio; default 1.

    Returns
    -------
    float or numpy.ndarray
        r (dimensionless).

    Examples
    --------
    >>> # (1 D)²/(4π ε0) = 1.0000e-49 J m³;  (1 eV)²/(1e11 Pa) = 2.567e-49 J m³
    >>> round(dipolar_elastic_ratio(1.0, 1.0, modulus=1e11), 4)
    0.3896
    """
    p = _positive_array("p", p, "debye") * DEBYE
    gw = _positive_array("gamma_w", gamma_w, "eV") * EV
    eps_r = _positive("eps_r", eps_r)
    prefactor = _positive("prefactor", prefactor)
    dip = p**2 / (4.0 * math.pi * EPS0 * eps_r)
    el = gw**2 / _modulus(rho, v, modulus)
    return _scalar_or_array(prefactor * dip / el)


def dipole_threshold(gamma_w, *, rho=None, v=None, modulus=None, eps_r=1.0, prefactor=1.0):
    """The dipole moment at which :func:`dipolar_elastic_ratio` equals one [debye].

    p* = γ_w sqrt(4πε0 ε_r / (prefactor · ρv²)); the estimated r exceeds 1 for p > p*.

    Parameters
    ----------
    gamma_w : float or array_like
        τ-TLS strain coupling [eV].
    rho, v, modulus, eps_r, prefactor
        As in :func:`dipolar_elastic_ratio`.

    Returns
    -------
    float or numpy.ndarray
        p* [debye].

    Examples
    --------
    >>> round(dipole_threshold(1.0, modulus=1e11), 3)   # 1 D / sqrt(0.3896)
    1.602
    """
    gw = _positive_array("gamma_w", gamma_w, "eV") * EV
    eps_r = _positive("eps_r", eps_r)
    prefactor = _positive("prefactor", prefactor)
    p = gw * np.sqrt(4.0 * math.pi * EPS0 * eps_r / (prefactor * _modulus(rho, v, modulus)))
    return _scalar_or_array(p / DEBYE)


# --------------------------------------------------------------------------------------------
# Eq. 9: the dipolar gap in the single-TLS density of states
# --------------------------------------------------------------------------------------------

#: The constant c = 2π/3 of Eq. 9 of Churkin et al. (2021).
DIPOLAR_GAP_C = 2.0 * math.pi / 3.0


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
