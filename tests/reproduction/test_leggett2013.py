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
    plateau, ratio = rows["absorption"]
    assert plateau.item == "Eq. 14"
    assert plateau.within and plateau.ours == pytest.approx(np.pi / 2, rel=1e-4)
    assert ratio.within and ratio.ours == pytest.approx(2.0, rel=1e-4)
    low, high = rows["velocity"]
    assert "below T0" in low.quantity and "above T0" in high.quantity
    assert low.within and low.ours == pytest.approx(1.0, abs=1e-3)
    assert not high.within and high.ours == pytest.approx(-0.5, abs=2e-3)
    (correction,) = rows["shape"]
    assert correction.ours == pytest.approx(1 - math.tanh(0.6) / 0.6, rel=1e-12)
    assert correction.published == 0.20 and not correction.within


def test_rows_is_the_groups_in_order(rows):
    assert paper.rows() == rows["absorption"] + rows["velocity"] + rows["shape"]


def test_published_numbers_say_where_they_are_printed():
    assert all(isinstance(p, Published) and p.where for p in paper.PUBLISHED.values())
    assert paper.PUBLISHED["relaxation_plateau"].value == math.pi / 2
    assert paper.PUBLISHED["velocity_slope_high_T"].value == -2.0
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
