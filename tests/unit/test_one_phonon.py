"""One-phonon rate, coth factor and crossover temperature: hand values, limits, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper.one_phonon import coth_factor, crossover_temperature, one_phonon_rate


def test_one_phonon_rate_hand_values_and_limits():
    # A x² E³ coth(E/2T): E = 2 K, T = 1 K, x = 0.5 -> 1e6 * 0.25 * 8 * coth(1)
    assert one_phonon_rate(2.0, 1.0, 1e6, x=0.5) == pytest.approx(2e6 / math.tanh(1.0))
    # E -> 0: E³ coth(E/2T) -> 2 T E² -> 0; small E: 2 A T E²
    assert one_phonon_rate(0.0, 0.3, 5.0) == 0.0
    assert one_phonon_rate(1e-6, 0.5, 1.0) == pytest.approx(2 * 0.5 * 1e-12, rel=1e-9)
    # broadcasting over E and x
    r = one_phonon_rate(np.array([[1.0], [2.0]]), 0.1, 1.0, x=np.array([0.0, 1.0]))
    assert r.shape == (2, 2) and r[0, 0] == 0.0 and r[1, 1] == pytest.approx(8.0)


@pytest.mark.parametrize(
    "kwargs, match",
    [({"E": -1.0, "T": 1.0, "A": 1.0}, "E .* >= 0, got -1.0"),
     ({"E": 1.0, "T": 0.0, "A": 1.0}, r"T \(temperature, K\) must be finite and > 0, got 0.0"),
     ({"E": 1.0, "T": 1.0, "A": -2.0}, "A .* >= 0"),
     ({"E": 1.0, "T": 1.0, "A": 1.0, "x": 1.5}, r"x = Delta0/E must lie in \[0, 1\]")],
)
def test_one_phonon_rate_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        one_phonon_rate(**kwargs)


def test_crossover_temperature():
    assert crossover_temperature(90e3, 9.4e6) == pytest.approx((90e3 / 9.4e6) ** (1 / 3))
    with pytest.raises(ValueError, match="omega must be a finite number > 0, got -1"):
        crossover_temperature(-1.0, 1.0)


def test_coth_factor_hand_values_and_small_e_limit():
    # E coth(E/2T): E = 2 K, T = 1 K -> 2 coth(1); E -> 0: 2T (+ E²/6T)
    got = coth_factor(np.array([2.0, 0.0, 1e-9, 1e-3]), 1.0)
    np.testing.assert_allclose(got, [2.0 / math.tanh(1.0), 2.0, 2.0, 2.0 + 1e-6 / 6],
                               rtol=1e-12)
    # high E: E coth(E/2T) -> E
    assert float(coth_factor(np.array([100.0]), 0.5)[0]) == pytest.approx(100.0, rel=1e-15)
