"""Tests of tlspaper.energy_scales: hand-computed values, limits of Eq. 9, App. C identities."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import energy_scales as es

KB = 1.380649e-23  # J/K (exact SI)
EV = 1.602176634e-19  # J (exact SI)
C = 2 * math.pi / 3  # Eq. 9


# --- Table I: energy scales ------------------------------------------------------------------


def test_dipolar_interaction_one_debye_at_one_nm():
    # 1 D = 1e-21/c C m and 4π ε0 = 1e7/c² (to 1e-10), so (1 D)²/(4π ε0) = 1e-49 J m³;
    # at R0 = 1 nm that is 1e-22 J = 1e-22/1.380649e-23 K = 7.2429 K.
    assert es.dipolar_interaction(1.0, 1e-9) == pytest.approx(1e-22 / KB, rel=1e-9)


def test_dipolar_interaction_scaling_and_screening():
    base = es.dipolar_interaction(1.0, 1e-9)
    assert es.dipolar_interaction(3.0, 1e-9) == pytest.approx(9 * base)
    assert es.dipolar_interaction(1.0, 2e-9) == pytest.approx(base / 8)
    assert es.dipolar_interaction(1.0, 1e-9, eps_r=4.0) == pytest.approx(base / 4)
    arr = es.dipolar_interaction(np.array([1.0, 2.0]), 1e-9)
    np.testing.assert_allclose(arr, [base, 4 * base])


def test_elastic_pair_energy_by_hand():
    # (1 eV)² / (ρ v² R³) with ρ = 2000 kg/m³, v = 5000 m/s (ρv² = 5e10 Pa), R = 2 nm
    expected = EV**2 / (5e10 * 8e-27) / KB
    assert es.elastic_pair_energy(1.0, 1.0, 2e-9, rho=2000.0, v=5000.0) == pytest.approx(expected)
    assert es.elastic_pair_energy(1.0, 1.0, 2e-9, modulus=5e10) == pytest.approx(expected)


def test_table_one_hierarchy_is_g_and_g_squared():
    g, gw, R0, G = 0.02, 1.0, 5e-9, 3e10
    gs = gw / g
    E_nn = es.nn_defect_interaction(gs, R0, modulus=G)
    h0 = es.random_field(gs, gw, R0, modulus=G)
    J0 = es.elastic_interaction(gw, R0, modulus=G)
    assert h0 / E_nn == pytest.approx(g)
    assert J0 / h0 == pytest.approx(g)


def test_scales_from_glass_temperature():
    s = es.scales_from_glass_temperature(500.0, 0.02)
    assert s == pytest.approx((500.0, 10.0, 0.2))
    assert s.h0 == pytest.approx(10.0) and s.nn_defect == 500.0


def test_nn_distance_inverts_eq10():
    E = es.elastic_pair_energy(2.0, 0.5, 3e-9, modulus=4e10)
    assert es.nn_distance(E, 2.0, 0.5, modulus=4e10) == pytest.approx(3e-9)


def test_shear_modulus():
    assert es.shear_modulus(240.0, 0.2) == pytest.approx(100.0)
    with pytest.raises(ValueError, match="nu"):
        es.shear_modulus(240.0, 0.5)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: es.dipolar_interaction(-1.0, 1e-9), r"p must be finite and > 0 \(in debye\)"),
        (lambda: es.dipolar_interaction(1.0, 0.0), "R0"),
        (lambda: es.dipolar_interaction(1.0, 1e-9, eps_r=0.0), "eps_r"),
        (lambda: es.dipolar_interaction([], 1e-9), "p is empty"),
        (lambda: es.elastic_pair_energy(1.0, 1.0, 1e-9), "stiffness is missing"),
        (lambda: es.elastic_pair_energy(1.0, 1.0, 1e-9, rho=1.0, v=1.0, modulus=1.0),
         "not both"),
        (lambda: es.elastic_pair_energy(1.0, 1.0, 1e-9, rho=-1.0, v=1.0), "rho"),
        (lambda: es.elastic_pair_energy(np.nan, 1.0, 1e-9, modulus=1.0), "gamma_1"),
        (lambda: es.scales_from_glass_temperature(-5.0, 0.02), "T_g"),
        (lambda: es.scales_from_glass_temperature(500.0, 2.0), r"g = gamma_w/gamma_s"),
    ],
)
def test_energy_scale_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- App. C: the ratio r -----------------------------------------------------------------


def test_r_printed_forms_by_hand():
    assert es.r_from_slopes(1.51e-3, 3.2e-4) == pytest.approx(0.56 * 1.51e-3 / (1.74 * 3.2e-4))
    assert es.r_from_losses(2e-4, 3e-4) == pytest.approx(0.36 * 2e-4 / (1.1 * 3e-4))
    assert es.interaction_ratio(C_dip=2e-4, Q_inv=3.3e-4) == pytest.approx(
        0.56 * 2e-4 / (1.1 * 3.3e-4)
    )


def test_r_loss_and_slope_forms_agree_when_C_is_two_over_pi_loss():
    # App. C: Q^-1 = (π/2) C_el, and likewise tan δ = (π/2) C_dip.  Then the two printed forms
    # of r differ only by the rounding of the prefactors: (0.36/1.1)(1.74/0.56) = 1.017.
    tan_d, q_inv = 1.2e-3, 4.0e-4
    loss_form = es.r_from_losses(tan_d, q_inv)
    slope_form = es.r_from_slopes(2 / math.pi * tan_d, 2 / math.pi * q_inv)
    assert loss_form / slope_form == pytest.approx((0.36 / 1.1) * (1.74 / 0.56), rel=1e-12)
    assert loss_form == pytest.approx(slope_form, rel=0.02)
    # and the module's App. C prefactors are π/2 apart to about 1 % (0.36 π/2 = 0.5655,
    # 1.1 π/2 = 1.7279), as Q^-1 = (π/2) C requires
    assert es.DIPOLAR_LOSS_FACTOR * math.pi / 2 == pytest.approx(es.DIPOLAR_SLOPE_FACTOR,
                                                                  rel=0.011)
    assert es.ELASTIC_LOSS_FACTOR * math.pi / 2 == pytest.approx(es.ELASTIC_SLOPE_FACTOR,
                                                                  rel=0.011)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"C_el": 1e-4}, "exactly one dielectric input"),
        ({"tan_delta": 1e-4, "C_dip": 1e-4, "C_el": 1e-4}, "exactly one dielectric input"),
        ({"tan_delta": 1e-4}, "exactly one elastic input"),
        ({"tan_delta": 1e-4, "Q_inv": 1e-4, "C_el": 1e-4}, "exactly one elastic input"),
        ({"tan_delta": -1e-4, "Q_inv": 1e-4}, "tan_delta"),
        ({"C_dip": 1e-4, "C_el": 0.0}, "C_el"),
    ],
)
def test_interaction_ratio_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        es.interaction_ratio(**kwargs)


def test_dipolar_elastic_ratio_is_ratio_of_eq11_to_eq10():
    p, gw, G, eps = 4.0, 1.5, 6e10, 3.0
    for R0 in (1e-9, 7e-9):  # R0 cancels
        direct = es.dipolar_interaction(p, R0, eps_r=eps) / es.elastic_interaction(
            gw, R0, modulus=G
        )
        assert es.dipolar_elastic_ratio(p, gw, modulus=G, eps_r=eps) == pytest.approx(direct)
    # by hand: (1 D)²/(4π ε0) = 1e-49 J m³
    assert es.dipolar_elastic_ratio(1.0, 1.0, modulus=1e11) == pytest.approx(
        1e-49 * 1e11 / EV**2, rel=1e-9
    )


def test_dipole_threshold():
    G = 5e10
    p_star = es.dipole_threshold(1.0, modulus=G)
    assert es.dipolar_elastic_ratio(p_star, 1.0, modulus=G) == pytest.approx(1.0)
    assert es.dipole_threshold(2.0, modulus=G) == pytest.approx(2 * p_star)
    assert es.dipole_threshold(1.0, modulus=G, eps_r=9.0) == pytest.approx(3 * p_star)
    p_c = es.dipole_threshold(1.0, modulus=G, prefactor=es.APP_C_PREFACTOR)
    assert p_c == pytest.approx(p_star / math.sqrt(0.56 * 4 * math.pi / 3 / 1.74))


# --- Eq. 9: dipolar gap -----------------------------------------------------------------


def test_eq9_equals_n0_at_and_above_J0():
    J0, h0 = 2.0, 10.0
    assert es.dipolar_gap_dos(J0, J0, h0) == pytest.approx(1 / h0)
    np.testing.assert_allclose(es.dipolar_gap_dos([2.5, 10.0, 1e3], J0, h0, n0=3.0), 3.0)


def test_eq9_hand_value_symmetry_and_zero():
    J0, h0 = 1.0, 4.0
    E = J0 * math.exp(-2.0)  # ln(J0/E) = 2
    assert es.dipolar_gap_dos(E, J0, h0, n0=1.0) == pytest.approx(1 / (1 + C * 0.25 * 2))
    assert es.dipolar_gap_dos(-E, J0, h0) == es.dipolar_gap_dos(E, J0, h0)
    assert es.dipolar_gap_dos(0.0, J0, h0) == 0.0
    n = es.dipolar_gap_dos(np.geomspace(1e-6, 1, 50), J0, h0)
    assert np.all(np.diff(n) > 0)  # the gap deepens towards E = 0


def test_local_power_is_log_derivative():
    J0, h0 = 1.0, 5.0
    assert es.dipolar_gap_local_power(J0, J0, h0) == pytest.approx(C * J0 / h0)
    E = 1e-3
    d = 1e-6
    numeric = (
        math.log(es.dipolar_gap_dos(E * (1 + d), J0, h0))
        - math.log(es.dipolar_gap_dos(E * (1 - d), J0, h0))
    ) / (math.log(1 + d) - math.log(1 - d))
    assert es.dipolar_gap_local_power(E, J0, h0) == pytest.approx(numeric, rel=1e-6)
    assert es.dipolar_gap_local_power(3.0, J0, h0) == 0.0  # flat above J0


def test_fitted_power_small_coupling_expansion():
    # ln n = -ln(1 + a L), a = c J0/h0, L = ln(J0/E) sampled uniformly on [0, Lmax]; the
    # least-squares slope of L^k against L is Lmax for k = 2 and 0.9 Lmax² for k = 3, so
    # μ = a - a² Lmax/2 + 0.3 a³ Lmax² + O(a⁴): μ -> c J0/h0 as J0/h0 -> 0.
    window = (1e-3, 1.0)
    L_max = math.log(1e3)
    for x in (1e-4, 1e-3, 3e-3):
        mu = es.dipolar_gap_fitted_power(x, 1.0, window=window)
        a = C * x
        assert abs(mu - (a - a**2 * L_max / 2)) < a**3 * L_max**2  # third-order remainder
        assert (mu - a) / (-(a**2) * L_max / 2) == pytest.approx(1.0, rel=0.05)
    assert es.dipolar_gap_fitted_power(1e-5, 1.0) / (C * 1e-5) == pytest.approx(1.0, rel=1e-4)
    # a vanishing window at E = J0 gives the local slope c J0/h0
    assert es.dipolar_gap_fitted_power(0.3, 1.0, window=(0.999, 1.0)) == pytest.approx(
        C * 0.3, rel=1e-3
    )


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: es.dipolar_gap_dos(1.0, 0.0, 10.0), "J0"),
        (lambda: es.dipolar_gap_dos(1.0, 1.0, -1.0), "h0"),
        (lambda: es.dipolar_gap_dos(1.0, 1.0, 1.0, n0=0.0), "n0"),
        (lambda: es.dipolar_gap_dos([1.0, np.inf], 1.0, 1.0), "finite"),
        (lambda: es.dipolar_gap_local_power(0.0, 1.0, 1.0), "nonzero"),
        (lambda: es.dipolar_gap_fitted_power(1.0, 1.0, window=(0.0, 1.0)), "window"),
        (lambda: es.dipolar_gap_fitted_power(1.0, 1.0, window=(0.1, 2.0)), "window"),
        (lambda: es.dipolar_gap_fitted_power(1.0, 1.0, npoints=2), "npoints"),
    ],
)
def test_eq9_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_constants_come_from_the_constants_module():
    from tlspaper import constants

    assert es.K_B is constants.K_B and es.EV is constants.EV and es.DEBYE is constants.DEBYE
    assert es.K_B == KB and es.EV == EV


def test_c_dip_is_half_the_measured_permittivity_slope():
    # δε/ε = -2 C_dip ln T in the resonant regime (observables.dielectric_shift), while
    # δv/v = C_el ln T: the slope of δε/ε is 2 C_dip, and halving it recovers C_dip
    from tlspaper import observables as ob
    from tlspaper.dos import PowerLawDOS

    T = np.array([0.02, 0.04])
    args = (T, PowerLawDOS(0.0), 2 * math.pi * 1e9, 1e3)  # GHz, slow relaxation: resonant
    C_dip, C_el = 1e-3, 1e-3
    eps = ob.dielectric_shift(*args, coupling=C_dip)
    v = ob.velocity_shift(*args, coupling=C_el)
    slope_eps = (eps[1] - eps[0]) / math.log(2)
    slope_v = (v[1] - v[0]) / math.log(2)
    assert slope_eps == pytest.approx(-2 * slope_v, rel=1e-9)
    assert es.c_dip_from_permittivity_slope(abs(slope_eps)) == pytest.approx(abs(slope_v))
    # App. C's prefactors pair C with the loss as the plateau relation loss = (π/2) C does
    ratio_dip = es.DIPOLAR_SLOPE_FACTOR / es.DIPOLAR_LOSS_FACTOR
    ratio_el = es.ELASTIC_SLOPE_FACTOR / es.ELASTIC_LOSS_FACTOR
    assert ratio_dip == pytest.approx(math.pi / 2, rel=0.01)
    assert ratio_el == pytest.approx(math.pi / 2, rel=0.01)
    with pytest.raises(ValueError, match="slope"):
        es.c_dip_from_permittivity_slope(-1.0)
