"""tlspaper.papers.leggett2013: the published statements of Leggett & Vural (2013) and our rows."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import ultrasonics as us
from tlspaper.papers import leggett2013 as paper
from tlspaper.papers.scorecard import Published, Row


@pytest.fixture(scope="module")
def rows():
    return {
        "absorption": paper.absorption_rows(),
        "velocity": paper.velocity_rows(),
        "shape": paper.shape_rows(),
    }


def test_scorecard_rows(rows):
    everything = rows["absorption"] + rows["velocity"] + rows["shape"]
    assert len({r.item + r.quantity for r in everything}) == 5
    assert all(isinstance(r, Row) and r.paper == "leggett2013" for r in everything)
    assert all(r.section.startswith("sg-") and not hasattr(r, "tolerance") for r in everything)
    plateau, ratio = rows["absorption"]
    assert plateau.item == "Eq. 14" and plateau.published_sigma == 0  # exact statement
    assert plateau.verdict == "agrees" and plateau.ours == pytest.approx(np.pi / 2, rel=1e-4)
    # the numerical σ bounds the distance to the limit, which is approached as (T0/T)^(3/2)
    assert abs(plateau.ours - np.pi / 2) < plateau.uncertainty < 1e-2
    assert ratio.verdict == "agrees" and ratio.ours == pytest.approx(2.0, rel=1e-4)
    low, high = rows["velocity"]
    assert "below T0" in low.quantity and "above T0" in high.quantity
    assert low.verdict == "agrees" and low.ours == pytest.approx(1.0, abs=1e-3)
    assert high.verdict == "disagrees" and high.ours == pytest.approx(-0.5, abs=2e-3)
    assert high.z > 20  # -C/2 against the paper's -2C, far outside the numerical σ
    (correction,) = rows["shape"]
    assert correction.ours == pytest.approx(1 - math.tanh(0.6) / 0.6, rel=1e-12)
    assert correction.published == 0.20 and correction.published_sigma == pytest.approx(0.005)
    # the value readings give 10-13 %; only the log-slope reading (20.5 %) reaches "about 20%"
    assert correction.verdict == "agrees within systematics"
    assert correction.z > 2 and min(correction.band) < 0.11 < 0.2 < max(correction.band)


def test_correction_band_spans_the_printed_x_and_the_three_readings():
    lo, hi = paper.correction_band()
    assert len(paper.CORRECTION_READINGS) == 3
    # x = 1.15 relative to the limit x/2; x = 1.25 for the log slope: d ln tanh(x/2)/d ln x
    # = x/sinh x, checked here by a centred difference of ln tanh(x/2) in ln x
    assert lo == pytest.approx(1 - math.tanh(0.575) / 0.575, rel=1e-12)
    h, x = 1e-5, 1.25
    slope = (math.log(math.tanh(x * math.exp(h) / 2)) - math.log(math.tanh(x * math.exp(-h) / 2)))
    assert hi == pytest.approx(1 - slope / (2 * h), rel=1e-8)
    # the two readings of the value stay far below 20 %: 1.25 relative to tanh(x/2)
    assert 0.625 / math.tanh(0.625) - 1 < 0.20 - 2 * 0.005


def test_twenty_percent_is_reached_near_x_1p78():
    x20 = us.x_for_correction(paper.PUBLISHED["correction_at_x_reached"].value)
    assert math.tanh(x20 / 2) == pytest.approx(0.8 * x20 / 2, rel=1e-12)
    assert x20 == pytest.approx(1.776, abs=1e-3)


def test_rows_is_the_groups_in_order(rows):
    assert paper.rows() == rows["absorption"] + rows["velocity"] + rows["shape"]


def test_published_numbers_say_where_they_are_printed():
    assert all(isinstance(p, Published) and p.where for p in paper.PUBLISHED.values())
    assert paper.PUBLISHED["relaxation_plateau"].value == math.pi / 2
    assert paper.PUBLISHED["velocity_slope_high_T"].value == -2.0
    # printed precision: "20%" and "x ~ 1.2"
    assert paper.PUBLISHED["correction_at_x_reached"].precision == pytest.approx(0.005)
    assert paper.PUBLISHED["x_reached"].precision == pytest.approx(0.05)
    assert paper.DATASETS == {}


def test_equations_table_lists_public_ultrasonics_functions():
    for eq, func in paper.EQUATIONS.items():
        assert eq.startswith("Eq. ")
        assert func.__module__ == "tlspaper.ultrasonics" and func.__name__ in us.__all__
        assert "of Leggett & Vural (2013)" in func.__doc__.splitlines()[0]
    assert paper.EQUATIONS["Eq. 17"] is us.tls_shape and paper.EQUATIONS["Eq. 18"] is us.rm_shape


def test_book_parameters_give_T0_of_10_mK():
    from tlspaper.one_phonon import crossover_temperature

    assert crossover_temperature(paper.OMEGA_CANONICAL, paper.A_CANONICAL) == pytest.approx(0.01)
