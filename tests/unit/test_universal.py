"""tlspaper.universal (Carruzzo & Yu 2020): hand-computed SiO2 values, scaling laws, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import universal as u

# Exact SI constants (2019 redefinition), typed here so the tests do not reuse the module's.
HBAR = 6.62607015e-34 / (2 * math.pi)
KB = 1.380649e-23
EV = 1.602176634e-19
NA = 6.02214076e23

# SiO2, Table I of Carruzzo & Yu (2020)
RHO, V, VO = 2200.0, 4163.0, 45.3e-30


def hand_sio2(alpha=2.5):
    """Every quantity of the chain for SiO2, straight from the printed formulas."""
    hw = HBAR * V * (6 * math.pi**2 / VO) ** (1 / 3)  # ħω_D [J]
    g_o = math.sqrt(2) / 3 * math.sqrt(RHO * V**2 * VO * hw)  # Eq. 5
    a = 4 / 3 * (2 / (9 * math.pi)) ** (2 / 3)
    g_max = a * RHO * V**2 * VO  # Eq. 13
    n_o = RHO * V**2 / (3 * g_max**2)  # Eq. 7
    p = RHO * V**2 / (3 * g_max**2) * (g_o / g_max) ** 2  # Eq. 9
    c = alpha**2 / 3 * (g_o / g_max) ** 4  # Eq. 12
    return {"T_D": hw / KB, "g_o": g_o, "g_max": g_max, "n_o": n_o, "pbar": p, "C": c}


def test_debye_temperature_sio2_by_hand():
    # (6π²/v_o)^(1/3) = (59.2176 / 45.3e-30)^(1/3) = 1.093413e10 /m; ħ v = 4.390182e-31 J m
    assert float(u.debye_temperature(V, VO)) == pytest.approx(
        4.390182e-31 * 1.093413e10 / KB, rel=1e-6
    )
    assert float(u.debye_temperature(V, VO)) == pytest.approx(hand_sio2()["T_D"], rel=1e-12)
    assert abs(float(u.debye_temperature(V, VO)) - 348.0) < 0.5  # Table I prints 348 K


def test_chain_matches_hand_computation():
    h = hand_sio2()
    assert float(u.gamma_o(RHO, V, VO)) == pytest.approx(h["g_o"], rel=1e-12)
    assert float(u.gamma_max(RHO, V, VO)) == pytest.approx(h["g_max"], rel=1e-12)
    assert float(u.asymmetry_dos(RHO, V, VO)) == pytest.approx(h["n_o"], rel=1e-12)
    assert float(u.pbar(RHO, V, VO)) == pytest.approx(h["pbar"], rel=1e-12)
    assert float(u.gamma_eff(RHO, V, VO, alpha=2.5)) == pytest.approx(2.5 * h["g_o"], rel=1e-12)
    assert float(u.c_theory(RHO, V, VO)) == pytest.approx(h["C"], rel=1e-12)
    # by hand: γ_max = 0.22805 * 2200 * 4163² * 45.3e-30 J = 3.9388e-19 J = 2.4584 eV
    assert float(u.gamma_max(RHO, V, VO)) / EV == pytest.approx(2.4584, rel=1e-4)
    assert float(u.c_theory(RHO, V, VO)) == pytest.approx(2.9e-4, abs=0.05e-4)  # Table I


def test_gamma_max_prefactor():
    assert u.GAMMA_MAX_PREFACTOR == pytest.approx(0.22805, rel=1e-4)


def test_c_theory_fully_reduced_closed_form():
    # C_th = (α²/3) [(2/9)(6π²)^(1/3) ħ / (a² ρ v)]² v_o^(-8/3)
    a = 4 / 3 * (2 / (9 * math.pi)) ** (2 / 3)
    for alpha in (1.0, 2.5, 5.0):
        k = 2 / 9 * (6 * math.pi**2) ** (1 / 3) * HBAR / (a**2 * RHO * V)
        expected = alpha**2 / 3 * k**2 * VO ** (-8 / 3)
        assert float(u.c_theory(RHO, V, VO, alpha)) == pytest.approx(expected, rel=1e-12)


def test_c_theory_with_given_debye_temperature():
    # with ħω_D given, γ_o² = (2/9) ρv² v_o k_B T_D and C = (α²/3)(γ_o²/γ_max²)²
    a = 4 / 3 * (2 / (9 * math.pi)) ** (2 / 3)
    ratio_sq = 2 / 9 * KB * 350.0 / (a**2 * RHO * V**2 * VO)
    expected = 2.5**2 / 3 * ratio_sq**2
    assert float(u.c_theory(RHO, V, VO, T_D=350.0)) == pytest.approx(expected, rel=1e-12)


def test_c_scales_as_alpha_squared():
    c1, c5 = u.c_theory(RHO, V, VO, alpha=np.array([1.0, 5.0]))
    assert c5 / c1 == pytest.approx(25.0, rel=1e-12)


def test_c_scaling_with_v_o():
    # T_D from v_o: C ∝ v_o^(-8/3); T_D held fixed: C ∝ v_o^(-2)
    r = u.c_theory(RHO, V, 1.1 * VO) / u.c_theory(RHO, V, VO)
    assert r == pytest.approx(1.1 ** (-8 / 3), rel=1e-12)
    r_fixed = u.c_theory(RHO, V, 1.1 * VO, T_D=300.0) / u.c_theory(RHO, V, VO, T_D=300.0)
    assert r_fixed == pytest.approx(1.1**-2, rel=1e-12)


def test_c_independent_of_rho_at_fixed_rho_v2_when_T_D_fixed():
    rho = np.array([1000.0, 2200.0, 6000.0])
    v = np.sqrt(RHO * V**2 / rho)  # same ρv²
    c = u.c_theory(rho, v, VO, T_D=300.0)
    np.testing.assert_allclose(c, c[0], rtol=1e-12)


def test_c_depends_on_impedance_when_T_D_from_v():
    rho = np.array([1000.0, 2200.0, 6000.0])
    # fixed ρv (acoustic impedance): C unchanged
    np.testing.assert_allclose(
        u.c_theory(rho, RHO * V / rho, VO), u.c_theory(RHO, V, VO), rtol=1e-12
    )
    # fixed ρv² instead: C ∝ 1/(ρv)² = v²/(ρv²)² changes as v² = ρv²/ρ
    c = u.c_theory(rho, np.sqrt(RHO * V**2 / rho), VO)
    np.testing.assert_allclose(c / c[1], RHO / rho, rtol=1e-12)


def test_dimensionless_results_do_not_depend_on_units():
    """Redo SiO2 with lengths in Å (ħ, k_B, ρ, v, v_o rescaled): C and T_D must not move."""
    c_si, td_si = float(u.c_theory(RHO, V, VO)), float(u.debye_temperature(V, VO))
    g_si = float(u.gamma_o(RHO, V, VO))
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(u, "HBAR", u.HBAR * 1e20)  # J s -> kg Å²/s
        mp.setattr(u, "K_B", u.K_B * 1e20)
        mp.setattr(u, "PHYSICAL_RANGES", {})  # the SI ranges do not apply in Å units
        c_a = float(u.c_theory(RHO * 1e-30, V * 1e10, VO * 1e30))
        td_a = float(u.debye_temperature(V * 1e10, VO * 1e30))
        g_a = float(u.gamma_o(RHO * 1e-30, V * 1e10, VO * 1e30))
    finally:
        mp.undo()
    assert c_a == pytest.approx(c_si, rel=1e-12)
    assert td_a == pytest.approx(td_si, rel=1e-12)
    assert g_a == pytest.approx(g_si * 1e20, rel=1e-12)


def test_eq1_composition_is_eq12():
    c = u.coupling_constant(u.pbar(RHO, V, VO), u.gamma_eff(RHO, V, VO, 3.0), RHO, V)
    assert float(c) == pytest.approx(float(u.c_theory(RHO, V, VO, 3.0)), rel=1e-12)
    # Eq. 1 by hand: 1e45 /J/m³ * (1 eV)² / (2200 kg/m³ * (4000 m/s)²)
    assert float(u.coupling_constant(1e45, EV, 2200.0, 4000.0)) == pytest.approx(
        1e45 * EV**2 / (2200.0 * 4000.0**2), rel=1e-12
    )


def test_high_temperature_c_is_one_sixth_for_any_glass():
    rng = np.random.default_rng(1)
    rho, v, vo = rng.uniform(1e3, 7e3, 20), rng.uniform(1e3, 6e3, 20), rng.uniform(2e-29, 2e-28, 20)
    np.testing.assert_allclose(u.c_high_temperature(rho, v, vo), 1 / 6, rtol=1e-12)
    assert float(u.mean_free_path_ratio(1 / 6)) == pytest.approx(3 / math.pi**2, rel=1e-12)
    assert float(u.mean_free_path_ratio(1 / 6)) == pytest.approx(0.30396, abs=1e-5)


def test_average_sound_velocity(monkeypatch):
    assert float(u.average_sound_velocity(4000.0, 4000.0)) == pytest.approx(4000.0)
    # v_l -> infinity: only the two transverse branches count, v = (3/2)^(1/3) v_t
    monkeypatch.setattr(u, "PHYSICAL_RANGES", {})  # a limit, not a material
    assert float(u.average_sound_velocity(1e12, 3000.0)) == pytest.approx(3000.0 * 1.5 ** (1 / 3))
    # 1 longitudinal + 2 transverse, by hand
    expected = ((5800.0**-3 + 2 * 3800.0**-3) / 3) ** (-1 / 3)
    assert float(u.average_sound_velocity(5800.0, 3800.0)) == pytest.approx(expected, rel=1e-12)
    assert abs(expected - 4163.0) < 0.5  # the SiO2 entry of Table I


def test_formula_unit_volume_sio2():
    assert float(u.formula_unit_volume(60.083e-3, 2200.0)) == pytest.approx(
        60.083e-3 / (NA * 2200.0), rel=1e-12
    )
    assert float(u.formula_unit_volume(60.083e-3, 2200.0)) * 1e30 == pytest.approx(45.35, abs=0.01)


def test_coupling_scale_by_hand():
    # SiO2 with round inputs: ρ = 2200 kg/m³, v = 4200 m/s, v_o = 45 Å³, ħω_D = 350 K
    by_hand = math.sqrt(2200.0 * 4200.0**2 * 45e-30 * KB * 350.0) / EV
    ours = float(u.to_ev(u.coupling_scale(2200.0, 4200.0, 45e-30, 350.0)))
    assert ours == pytest.approx(by_hand, rel=1e-12)
    # γ_o itself is √2/3 of it
    assert float(u.to_ev(u.gamma_o(2200.0, 4200.0, 45e-30, 350.0))) == pytest.approx(
        by_hand * math.sqrt(2) / 3, rel=1e-12
    )


def test_tunneling_alpha():
    assert float(u.tunneling_alpha(1.0)) == pytest.approx(math.sqrt(math.log(10.0)), rel=1e-12)
    assert float(u.tunneling_alpha(10.0)) == 0.0
    assert float(u.tunneling_alpha(5e-11)) == pytest.approx(math.sqrt(math.log(2e11)), rel=1e-12)
    with pytest.raises(ValueError, match="delta0 must not exceed delta0_max"):
        u.tunneling_alpha(20.0)


def test_wkb_barrier_height():
    # √(2 M k_B V) d / ħ = ln(T_D / Δmax), M = ρ v_o
    mass = RHO * VO
    expected = (HBAR * math.log(35.0) / 1e-10) ** 2 / (2 * mass) / KB
    assert float(u.wkb_barrier_height(1e-10, RHO, VO, 350.0)) == pytest.approx(expected, rel=1e-9)
    ratio = u.wkb_barrier_height(0.5e-10, RHO, VO, 350.0) / u.wkb_barrier_height(
        1e-10, RHO, VO, 350.0
    )
    assert float(ratio) == pytest.approx(4.0, rel=1e-12)
    with pytest.raises(ValueError, match="T_D must exceed delta0_max"):
        u.wkb_barrier_height(1e-10, RHO, VO, 5.0)


def test_v_o_for_c_inverts_eq12():
    c = np.array([1e-4, 2.9e-4, 5e-4])
    vo = u.v_o_for_c(c, RHO, V, alpha=2.5)
    np.testing.assert_allclose(u.c_theory(RHO, V, vo, 2.5), c, rtol=1e-12)
    # C ∝ v_o^(-8/3)  =>  v_o ∝ C^(-3/8)
    assert vo[0] / vo[2] == pytest.approx(5.0 ** (3 / 8), rel=1e-12)


def test_c_theory_uncertainty():
    c = float(u.c_theory(RHO, V, VO))
    s = float(u.c_theory_uncertainty(RHO, V, VO, 0.0, 0.0, 0.01 * VO))
    assert s == pytest.approx(8 / 3 * 0.01 * c, rel=1e-12)
    s = float(u.c_theory_uncertainty(RHO, V, VO, 0.03 * RHO, 0.04 * V, 0.0))
    assert s == pytest.approx(2 * 0.05 * c, rel=1e-12)
    with pytest.raises(ValueError, match="dv_o must be finite and >= 0"):
        u.c_theory_uncertainty(RHO, V, VO, 0.0, 0.0, -1.0)


@pytest.mark.parametrize(
    "call, arg",
    [
        (lambda: u.debye_temperature(-4163.0, VO), "v"),
        (lambda: u.debye_temperature(V, 0.0), "v_o"),
        (lambda: u.gamma_o(float("nan"), V, VO), "rho"),
        (lambda: u.gamma_o(RHO, V, VO, T_D=-1.0), "T_D"),
        (lambda: u.gamma_max(RHO, [V, -1.0], VO), "v"),
        (lambda: u.c_theory(RHO, V, VO, alpha=0.0), "alpha"),
        (lambda: u.c_theory(RHO, V, float("inf")), "v_o"),
        (lambda: u.mean_free_path_ratio(-0.1), "C"),
        (lambda: u.average_sound_velocity(5800.0, 0.0), "v_t"),
        (lambda: u.formula_unit_volume(-1.0, RHO), "molar_mass"),
        (lambda: u.v_o_for_c(0.0, RHO, V), "C"),
        (lambda: u.coupling_constant(1e45, EV, "dense", V), "rho"),
        (lambda: u.tunneling_alpha(-1.0), "delta0"),
        (lambda: u.wkb_barrier_height(0.0, RHO, VO, 350.0), "d"),
    ],
)
def test_bad_input_names_the_argument(call, arg):
    with pytest.raises(ValueError, match=rf"^{arg} must be"):
        call()


def test_error_message_states_value_and_allowed_range():
    with pytest.raises(ValueError) as err:
        u.gamma_max(RHO, V, -2e-29)
    msg = str(err.value)
    assert "v_o" in msg and "-2e-29" in msg and "> 0" in msg and "m^3" in msg


def test_array_inputs_broadcast():
    c = u.c_theory(np.array([RHO, RHO]), V, np.array([VO, 2 * VO]))
    assert c.shape == (2,)
    assert c[1] / c[0] == pytest.approx(2 ** (-8 / 3), rel=1e-12)


@pytest.mark.parametrize("name", ["rho", "v", "v_o", "alpha"])
def test_c_theory_exponents_are_exact(name):
    # C_th(k x) / C_th(x) = k^exponent for each input, T_D computed from v and v_o
    args = {"rho": RHO, "v": V, "v_o": VO, "alpha": 2.5}
    base = float(u.c_theory(**args))
    args[name] *= 1.1
    ratio = float(u.c_theory(**args)) / base
    assert ratio == pytest.approx(1.1 ** u.C_THEORY_EXPONENTS[name], rel=1e-12)
    assert u.C_THEORY_EXPONENTS["v_o"] == -8 / 3


@pytest.mark.parametrize("name", ["rho", "v", "v_o", "alpha", "T_D"])
def test_c_theory_exponents_with_fixed_debye_temperature(name):
    args = {"rho": RHO, "v": V, "v_o": VO, "alpha": 2.5, "T_D": 300.0}
    base = float(u.c_theory(**args))
    args[name] *= 1.1
    ratio = float(u.c_theory(**args)) / base
    assert ratio == pytest.approx(1.1 ** u.C_THEORY_EXPONENTS_FIXED_TD[name], rel=1e-12)


def test_defaults_are_documented_model_values():
    assert u.DEFAULT_ALPHA == 2.5 and u.DEFAULT_DELTA0_MAX == 10.0
    assert float(u.c_theory(RHO, V, VO)) == float(u.c_theory(RHO, V, VO, u.DEFAULT_ALPHA))
    assert float(u.tunneling_alpha(1.0)) == float(u.tunneling_alpha(1.0, 10.0))


@pytest.mark.parametrize(
    "call, message",
    [
        # v_o in Å³ instead of m³ (returned 1.9e-84 before the range check)
        (lambda: u.c_theory(2500, 4000, 50),
         "v_o must be in m^3, within the physical range 1e-31 to 1e-26 m^3, got 50; "
         "a volume in Å^3? 45.3 Å^3 = 45.3e-30 m^3"),
        # ρ in g/cm³ instead of kg/m³ (returned 189)
        (lambda: u.c_theory(2.5, 4000, 50e-30),
         "rho must be in kg/m^3, within the physical range 100 to 30000 kg/m^3, got 2.5; "
         "a density in g/cm^3? 2.2 g/cm^3 = 2200 kg/m^3"),
        (lambda: u.gamma_o(2200, 4.2, 45e-30),
         "v must be in m/s, within the physical range 100 to 20000 m/s, got 4.2; "
         "a velocity in km/s? 4.2 km/s = 4200 m/s"),
        (lambda: u.average_sound_velocity(5800.0, 3.8),
         "v_t must be in m/s, within the physical range 100 to 20000 m/s, got 3.8; "),
        (lambda: u.formula_unit_volume(60.08, 2200.0),
         "molar_mass must be in kg/mol, within the physical range 0.001 to 2 kg/mol, got 60.08"),
        (lambda: u.c_theory([2200.0, 2.2], 4000, 45e-30),
         "rho must be .* got 2.2 \\(1 of 2 elements\\)"),
    ],
)
def test_unit_slips_get_a_one_line_error_with_a_hint(call, message):
    with pytest.raises(ValueError, match=message.replace("^", "\\^").replace("?", "\\?")) as err:
        call()
    assert "\n" not in str(err.value)


def test_physical_ranges_hold_every_glass_of_the_table():
    from tlspaper.data import load_csv

    t = load_csv("glasses_carruzzo_yu_2020.csv")
    c = u.c_theory(t["rho_kg_m3"], t["v_m_s"], t["v0_A3"] * 1e-30)  # no error
    assert np.all(c > 0)
    for lo, hi, _unit, _hint in u.PHYSICAL_RANGES.values():
        assert 0 < lo < hi
