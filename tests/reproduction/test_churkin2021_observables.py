"""Churkin et al. (2021), κ/C and sound velocity: published parameters, rows, synthetic curve."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import observables, velocity_fit
from tlspaper.papers import churkin2021 as paper
from tlspaper.papers.scorecard import Row


@pytest.fixture(scope="module")
def rows():
    """Every row group of the κ/C and sound-velocity chapters, computed once."""
    return {"fig2": paper.fig2_rows(), "table2": paper.table2_rows(),
            "silica": paper.silica_rows(), "fig3": paper.fig3_rows(), "stm": paper.stm_rows()}


def test_published_parameter_file():
    table = paper.published_velocity_fits()
    assert list(table["panel"][:3]) == ["5a", "5b", "5c"]
    assert table["A_MHz"][0] == 9.4 and table["f_kHz"][0] == 90.0
    # the Fig. 5(a) values of the file are those of PUBLISHED
    assert table["A_MHz"][0] * 1e6 == paper.PUBLISHED["fig5a_A_Hz"].value
    assert table["f_kHz"][0] * 1e3 == paper.PUBLISHED["fig5a_f_Hz"].value
    assert table["C"][0] == paper.PUBLISHED["fig5a_C"].value


def test_fig3_convention_is_the_fig5a_values():
    assert paper.A_FIG5A == 2.0 * math.pi * 9.4e6
    assert paper.FIG3_FREQUENCY_HZ == 90e3
    t0 = (paper.FIG3_FREQUENCY_HZ / paper.PUBLISHED["fig5a_A_Hz"].value) ** (1 / 3)
    assert t0 == pytest.approx(0.212, abs=5e-4)


def test_rows_are_rows_of_this_paper(rows):
    every = [r for group in rows.values() for r in group]
    assert every and all(isinstance(r, Row) and r.paper == "churkin2021" for r in every)
    stm = rows["stm"]
    assert len(stm) == 1 and "STM" in stm[0].quantity
    assert stm[0].published == -0.5 and stm[0].verdict == "agrees"
    silica = rows["silica"]
    assert [r.item for r in silica] == ["Fig. 4", "Sec. III D"]
    assert silica[0].ours == pytest.approx(0.05, abs=1e-9)
    assert [r.published for r in silica] == [0.04, 0.05]
    assert [r.item for r in rows["table2"]] == ["Fig. 2 / Table II"] * 4


def test_simulated_rows(rows):
    if not paper._simulated_available():
        pytest.skip("the simulated DOS datasets are not in the data registry")
    assert len(rows["fig2"]) == 8 and {r.item for r in rows["fig2"]} == {"Fig. 2"}
    # published as the range 0.1-0.2: its middle, with ±2σ_pub = the printed range
    for r in rows["fig2"] + rows["table2"]:
        assert r.published == pytest.approx(0.15)
        assert r.published - 2 * r.published_sigma == pytest.approx(0.1)
        assert r.published + 2 * r.published_sigma == pytest.approx(0.2)
    fig3 = rows["fig3"]
    assert [r.item for r in fig3] == ["Fig. 3"] * 3
    assert [r.published for r in fig3] == [0.13, 0.2, -1.0]
    # σ_pub from the printed digits: "0.13", "0.2", "1 : -1"
    assert [r.published_sigma for r in fig3] == pytest.approx([0.005, 0.05, 0.5])
    assert all(r.uncertainty > 0 for r in rows["fig2"] + fig3)
    # the book's central choice is one of the choices the band spans
    for r in rows["fig2"] + fig3:
        assert r.band[0] - 1e-12 <= r.ours <= r.band[1] + 1e-12, r.quantity


def test_rows_follow_the_one_rule(rows):
    every = [r for group in rows.values() for r in group]
    assert all(r.section for r in every)
    # σ_pub: the printed precision, except for the STM's exact analytic -0.5 (σ_pub = 0, the
    # rule's clause), whose comparison σ is our truncation error of the asymptotic slopes
    stm = rows["stm"][0]
    assert all(r.published_sigma > 0 for r in every if r is not stm)
    assert stm.published_sigma == 0 and 0 < stm.uncertainty < 0.01
    assert {r.section for r in every} <= {"kc-fig2", "kc-table2", "kc-silica", "sv-fig3",
                                          "sv-stm"}
    fig4, sec3d = rows["silica"]
    assert fig4.verdict == "not comparable" and sec3d.verdict == "agrees"
    assert rows["stm"][0].verdict == "agrees"


def test_consistent_n_delta_reading_moves_the_velocity_not_kappa():
    if not paper._simulated_available():
        pytest.skip("the simulated DOS datasets are not in the data registry")
    f = paper.fig7(2.0)
    # κ: Eq. A1 vs Eq. 5 change the exponent by < 0.01 (the paper's Fig. 7(a) holds)
    assert abs(f["dbeta"]) < 0.01
    # the paper's mixture (Eq. 7 kept, Eq. A2) is close to Eqs. 7 + 8, as its Fig. 7(b) shows;
    # the consistent n(Δ) set (Eq. 7Δ: resonant n averaged over [0, E]) is not
    assert f["dv"]["paper A"] < 0.05 and f["dv"]["Delta"] > 0.2
    assert f["dv"]["E"] == 0.0
    # the resonant slope drops by about 1/(1 + μ) in the n(Δ) reading (μ ≈ 0.15-0.25)
    parts = paper._velocity_parts(paper.MC_DATASETS[(12, 2.0)], 0.0)
    ratio = np.diff(parts["res_Delta"]) / np.diff(parts["res_E"])
    assert np.all((ratio > 1 / 1.35) & (ratio < 1 / 1.05))


def test_chapter_groups_in_book_order(rows):
    exponent = paper.exponent_rows()
    assert exponent == rows["fig2"] + rows["table2"] + rows["silica"]
    assert paper.velocity_rows() == rows["fig3"] + rows["stm"]


def test_generate_synthetic_reproduces_the_registered_curve(tmp_path):
    name = "dv_v_synthetic_fig5a_parameters.csv"
    path = paper.generate_synthetic(name, output=tmp_path / name)
    new, registered = velocity_fit.load_curve(str(path)), velocity_fit.load_curve(name)
    for col in ("T", "y", "sigma"):
        np.testing.assert_array_equal(getattr(new, col), getattr(registered, col))
    assert new.frequency_Hz == registered.frequency_Hz and new.source == registered.source
    differ = {k for k in registered.meta if new.meta.get(k) != registered.meta[k]}
    assert differ <= {"generator"}
    with pytest.raises(KeyError, match="not a synthetic dataset"):
        paper.generate_synthetic("nope.csv", output=tmp_path / "nope.csv")


def test_generate_synthetic_never_rewrites_the_registered_file(capsys):
    from tlspaper.data import fetch

    name = "dv_v_synthetic_fig5a_parameters.csv"
    registered = fetch(name)
    before = registered.read_bytes()
    assert paper.generate_synthetic(name, output=registered) == registered
    assert "never rewritten in place" in capsys.readouterr().out
    assert registered.read_bytes() == before


def test_equation_table_entries():
    eq = paper.EQUATIONS
    assert eq["Eq. 5"] is observables.thermal_conductivity
    assert eq["Eq. A1"] is observables.thermal_conductivity
    assert eq["Eq. 6"] is observables.specific_heat
    assert eq["Eq. 7"] is observables.velocity_shift_resonant
    assert eq["Eq. 8"] is eq["Eq. A2"] is observables.velocity_shift_relaxation
    assert eq["Eqs. 7-8"] is observables.velocity_shift
    assert eq["Eqs. 7-8 (dielectric constant)"] is observables.dielectric_shift
    assert eq["Eqs. 7-8 with Eq. 3 (fit model)"] is velocity_fit.velocity_model
