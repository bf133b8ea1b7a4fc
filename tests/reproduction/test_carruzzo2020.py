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
    assert all(r.within for r in td_rows)
    gamma = groups["coupling"][0]
    assert gamma.published == 0.57 and "eV" in gamma.quantity
    assert gamma.within


def test_rows_is_the_groups_in_order(groups):
    assert paper.rows() == [r for g in groups.values() for r in g]
    assert len(paper.rows()) == 30


def test_c_th_reproduced_for_six_glasses(groups, table):
    bad = [str(g) for g, r in zip(table["glass"], groups["C_th"], strict=True) if not r.within]
    assert bad == ["BK7", "SF4", "SF59", "BALNA"]


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
    assert a_row.published == 0.23 and a_row.tolerance == pytest.approx(0.005 / 0.23)
    assert [r.published for r in [a_row, *alpha_rows]] == [0.23, 1.5, 5.0]
    c_hi, l_over_lambda = groups["high_T"]
    assert c_hi.ours == pytest.approx(1 / 6, rel=1e-12) and c_hi.within
    assert l_over_lambda.ours == pytest.approx(3 / math.pi**2, rel=1e-12)
    coeff, v1, v_half = groups["barrier"]
    assert coeff.published == 1.6 and v1.published == 5.0 and v_half.published == 20.0
    assert v_half.ours == pytest.approx(4 * v1.ours, rel=1e-12)
    (vo,) = groups["formula_unit"]
    assert vo.published == pytest.approx(45.3) and vo.within


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
        assert f"({eq} of Carruzzo & Yu (2020))" in func.__doc__.splitlines()[0]
    assert paper.EQUATIONS["Eq. 12"] is u.c_theory
