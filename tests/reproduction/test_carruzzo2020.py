"""tlspaper.papers.carruzzo2020: Table I and the text's numbers of Carruzzo & Yu (2020)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import universal as u
from tlspaper.papers import carruzzo2020 as paper
from tlspaper.papers.scorecard import Published, Row

# Exact SI constants (2019 redefinition), typed here so the tests do not reuse the package's.
KB = 1.380649e-23
EV = 1.602176634e-19


@pytest.fixture(scope="module")
def groups():
    return {
        "T_D": paper.debye_temperature_rows(),
        "C_th": paper.c_theory_rows(),
        "coupling": paper.coupling_rows(),
        "eq7": paper.eq7_rows(),
        "high_T": paper.high_temperature_rows(),
        "barrier": paper.barrier_rows(),
        "formula_unit": paper.formula_unit_rows(),
    }


@pytest.fixture(scope="module")
def table():
    return paper.glass_table()


def test_glass_table_from_registry(table):
    t = table
    assert len(t["glass"]) == 10 and str(t["glass"][0]) == "SiO2"
    # our T_D from the printed v, v_o agrees with the printed T_D to its rounding (±0.5 K)
    np.testing.assert_array_less(np.abs(t["T_D"] - t["T_D_pub"]), 0.5)
    # the printed T_D instead of ours changes C_th by less than 1 %
    np.testing.assert_allclose(t["C_th_TDpub"], t["C_th"], rtol=0.01)
    # the matching v_o and α reproduce C_exp
    np.testing.assert_allclose(u.c_theory(t["rho"], t["v"], t["v_o_match"]), t["C_exp"], rtol=1e-12)
    np.testing.assert_allclose(
        u.c_theory(t["rho"], t["v"], t["v_o"], t["alpha_match"]), t["C_exp"], rtol=1e-12
    )
    assert t["C_exp"][0] == pytest.approx(2.9e-4)  # plain values, not x 1e4


def test_scorecard_rows(groups, table):
    rows = [r for g in groups.values() for r in g]
    assert all(isinstance(r, Row) and r.paper == "carruzzo2020" for r in rows)
    t = table
    td_rows, c_rows = groups["T_D"], groups["C_th"]
    assert len(td_rows) == 10 and len(c_rows) == 10
    assert all(r.quantity.startswith("T_D") for r in td_rows)
    assert all(r.quantity.startswith("C_th") for r in c_rows)
    np.testing.assert_allclose([r.published for r in c_rows], t["C_th_pub"] * 1e4, rtol=1e-12)
    np.testing.assert_allclose([r.ours for r in c_rows], t["C_th"] * 1e4, rtol=1e-12)
    assert all(r.verdict == "agrees" for r in td_rows)
    assert all(not hasattr(r, "tolerance") and r.section.startswith("c-") for r in rows)
    # σ_pub from the printed digits: T_D printed to 1 K, C_th to 0.1e-4
    assert {r.published_sigma for r in td_rows} == {0.5}
    assert {r.published_sigma for r in c_rows} == {0.05}
    # band of C_th: T_D computed (ours) or printed
    for r, alt in zip(c_rows, t["C_th_TDpub"] * 1e4, strict=True):
        assert r.band == (min(r.ours, alt), max(r.ours, alt))
    gamma = groups["coupling"][0]
    assert gamma.published == 0.57 and "eV" in gamma.quantity
    assert gamma.verdict == "agrees"


def test_rows_is_the_groups_in_order(groups):
    assert paper.rows() == [r for g in groups.values() for r in g]
    assert len(paper.rows()) == 32


def test_c_th_reproduced_for_six_glasses(groups, table):
    bad = [str(g) for g, r in zip(table["glass"], groups["C_th"], strict=True)
           if r.verdict == "disagrees"]
    assert bad == ["BK7", "SF4", "SF59", "BALNA"]


def test_printed_table_is_the_registry_table(table):
    printed = paper.printed_table()
    np.testing.assert_array_equal([float(c) for c in printed["C_th_1e4"]], table["C_th_pub"] * 1e4)
    assert printed["C_exp_1e4"][2] == "2.75" and printed["T_D_K"][0] == "348"


def test_printed_t_d_agree_with_printed_v_o(table):
    # the printed T_D follow from the printed v, v_o: the cause of the four C_th is not there
    assert np.all(np.abs(table["T_D"] - table["T_D_pub"]) <= 0.5)


def test_eq7_from_the_stated_variance():
    # Var(ε) = (γ_max²/2ρv²)² (4π/3V_o)², Gaussian density at 0, one TLS per V_o; any V_o
    rho, v, v_o = 2200.0, 4163.0, 45.3e-30
    g_max = float(u.gamma_max(rho, v, v_o))
    for V_o in (10e-30, 1e-27):
        sd = g_max**2 / (2 * rho * v**2) * 4 * math.pi / (3 * V_o)
        both = 1 / (math.sqrt(2 * math.pi) * sd) / V_o
        assert float(u.gaussian_asymmetry_dos(rho, v, v_o, positive_asymmetry=False)) == (
            pytest.approx(both, rel=1e-12))
        assert float(u.gaussian_asymmetry_dos(rho, v, v_o)) == pytest.approx(2 * both, rel=1e-12)
    k = paper.eq7_prefactors()
    assert k["printed"] == pytest.approx(1 / 3, rel=1e-12)
    assert k["positive_eps"] == pytest.approx(6 / (2 * math.pi) ** 1.5, rel=1e-12)
    # C_th ∝ ñ_o: the derived prefactor moves C_th of SiO2 by the same factor
    c = float(u.c_theory(rho, v, v_o))
    pbar_derived = float(u.gaussian_asymmetry_dos(rho, v, v_o)) * float(
        u.pbar(rho, v, v_o) / u.asymmetry_dos(rho, v, v_o))
    c_derived = float(u.coupling_constant(pbar_derived, u.gamma_eff(rho, v, v_o), rho, v))
    assert c_derived / c == pytest.approx(3 * k["positive_eps"], rel=1e-12)
    (row,) = paper.eq7_rows()
    # the printed 3 is an analytic coefficient: exact, σ_pub = 0 (the book's convention)
    assert row.published == 3.0 and row.published_sigma == 0
    assert row.ours == pytest.approx(1 / k["positive_eps"])
    # neither discrete reading gives 3 (2.62 for ε > 0, 5.25 for both signs), so no band
    assert all(abs(1 / k[key] - 3) > 0.3 for key in ("positive_eps", "both_signs"))
    assert row.band is None and row.verdict == "disagrees"


def test_v_o_log_slopes_are_the_exponents_of_the_scaling_law():
    # C_th ∝ v_o^(-8/3) with T_D = ħv(6π²/v_o)^(1/3)/k_B; ∝ v_o^(-2) with T_D fixed
    # (gamma_o² ∝ v_o T_D, gamma_max ∝ v_o, so (gamma_o/gamma_max)^4 ∝ T_D²/v_o²)
    s = paper.v_o_log_slopes()
    assert s["centred"].shape == (10,)
    np.testing.assert_allclose(s["centred"], -8 / 3, atol=1e-8)
    np.testing.assert_allclose(s["centred_fixed_TD"], -2.0, atol=1e-8)
    # a pure power law: the ±10 % chord has the same slope
    np.testing.assert_allclose(s["chord_10pct"], -8 / 3, atol=1e-12)
    np.testing.assert_allclose(s["chord_10pct_fixed_TD"], -2.0, atol=1e-12)


def test_spreads_by_hand(table):
    s = paper.spreads()
    c_exp = np.array([2.9, 3.3, 2.75, 2.98, 2.78, 4.9, 4.8, 3.7, 3.6, 3.7])
    assert s["C_exp"]["max_over_min"] == pytest.approx(4.9 / 2.75)
    assert s["C_exp"]["sd_log10"] == pytest.approx(np.std(np.log10(c_exp), ddof=1))
    assert s["C_th"]["max_over_min"] == pytest.approx(table["C_th"].max() / table["C_th"].min())
    # the prediction varies much more than the measurement across the ten glasses
    assert s["C_th"]["sd_log10"] > 3 * s["C_exp"]["sd_log10"]


def test_coupling_scale_sio2_is_0p57_ev():
    s = paper.SIO2_ROUNDED
    by_hand = math.sqrt(2200.0 * 4200.0**2 * 45e-30 * KB * 350.0) / EV
    ours = float(u.to_ev(u.coupling_scale(s["rho"], s["v"], s["v_o"], s["T_D"])))
    assert ours == pytest.approx(by_hand, rel=1e-12)
    assert ours == pytest.approx(0.57, abs=0.005)
    # γ_o itself is √2/3 of it
    assert float(u.to_ev(u.gamma_o(2200.0, 4200.0, 45e-30, 350.0))) == pytest.approx(
        by_hand * math.sqrt(2) / 3, rel=1e-12
    )


def test_text_rows(groups):
    a_row, *alpha_rows = groups["coupling"][1:]
    assert a_row.published == 0.23 and a_row.published_sigma == pytest.approx(0.005)
    assert [r.published for r in [a_row, *alpha_rows]] == [0.23, 1.5, 5.0]
    c_hi, l_over_lambda, closing = groups["high_T"]
    assert c_hi.ours == pytest.approx(1 / 6, rel=1e-12) and c_hi.verdict == "agrees"
    assert c_hi.published_sigma == 0  # exact statement
    # "~ 1" is approximate: half a unit of its last digit; it covers 3/π² only by that width
    assert closing.published == 1.0 and closing.published_sigma == 0.5
    assert closing.verdict == "agrees" and closing.z > 1
    assert l_over_lambda.ours == pytest.approx(3 / math.pi**2, rel=1e-12)
    coeff, v1, v_half = groups["barrier"]
    assert coeff.published == 1.6 and v1.published == 5.0 and v_half.published == 20.0
    assert v_half.ours == pytest.approx(4 * v1.ours, rel=1e-12)
    (vo,) = groups["formula_unit"]
    assert vo.published == pytest.approx(45.3) and vo.verdict == "agrees"
    assert v1.band[0] <= v1.ours <= v1.band[1]


def test_paper_values_are_the_model_defaults():
    assert paper.ALPHA == u.DEFAULT_ALPHA == 2.5
    assert paper.DELTA0_MAX == u.DEFAULT_DELTA0_MAX == 10.0
    assert paper.SIO2_ROUNDED == {"rho": 2200.0, "v": 4200.0, "v_o": 45e-30, "T_D": 350.0}


def test_published_numbers_say_where_they_are_printed():
    assert all(isinstance(p, Published) and p.where for p in paper.PUBLISHED.values())
    assert paper.DATASETS == {}


def test_equations_table_lists_public_universal_functions():
    for eq, func in paper.EQUATIONS.items():
        assert eq.startswith("Eq. ")
        assert func.__module__ == "tlspaper.universal" and func.__name__ in u.__all__
        number = eq.split(",")[0]  # "Eq. 7, prefactor re-derived ..." cites Eq. 7
        assert f"{number} of Carruzzo & Yu (2020)" in func.__doc__.splitlines()[0]
    assert paper.EQUATIONS["Eq. 12"] is u.c_theory
