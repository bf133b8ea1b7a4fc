"""Finite-size extrapolation: hand values, the error propagation, bad input."""

import math

import numpy as np
import pytest

from tlspaper.finite_size import (
    extrapolate,
    extrapolation_band,
    form_test_power,
    scale_by_fit_quality,
)


def test_two_sizes_pass_through_both_points_with_propagated_error():
    # y = y_inf + a x through (x1, y1), (x2, y2): y_inf = (x1 y2 - x2 y1) / (x1 - x2), so
    # var(y_inf) = (x2² σ1² + x1² σ2²) / (x1 - x2)² by hand.
    L, y, s = [8.0, 12.0], [0.21, 0.23], [0.004, 0.006]
    e = extrapolate(L, y, s, omega=3.0)
    x1, x2 = 8.0**-3, 12.0**-3
    assert e.value == pytest.approx((x1 * y[1] - x2 * y[0]) / (x1 - x2), rel=1e-12)
    assert e.error == pytest.approx(math.hypot(x2 * s[0], x1 * s[1]) / abs(x1 - x2), rel=1e-12)
    assert e.chi2 == pytest.approx(0.0, abs=1e-20) and e.dof == 0 and math.isnan(e.p_value)


def test_exact_form_is_recovered_and_wrong_exponent_shows_in_chi2():
    L = np.array([8.0, 12.0, 16.0, 20.0])
    y = 0.25 - 3.0 * L**-1.0
    good = extrapolate(L, y, np.full(4, 1e-3), omega=1.0)
    assert good.value == pytest.approx(0.25, abs=1e-12)
    assert good.slope == pytest.approx(-3.0, abs=1e-10)
    bad = extrapolate(L, y, np.full(4, 1e-3), omega=3.0)
    assert bad.chi2 > 100 and bad.p_value < 1e-6


def test_equal_weights_error_matches_ordinary_least_squares():
    L = np.array([8.0, 12.0, 16.0])
    x = L**-3.0
    e = extrapolate(L, [1.0, 1.1, 0.9], [0.05] * 3, omega=3.0)
    X = np.column_stack([np.ones(3), x])
    cov = 0.05**2 * np.linalg.inv(X.T @ X)
    assert e.error == pytest.approx(math.sqrt(cov[0, 0]), rel=1e-9)
    assert e.slope_error == pytest.approx(math.sqrt(cov[1, 1]), rel=1e-9)


def test_band_spans_the_exponents():
    L, y, s = [8, 16], [0.2, 0.3], [0.01, 0.01]
    lo, hi = extrapolation_band(L, y, s, omegas=(1.0, 2.0, 3.0))
    values = sorted(extrapolate(L, y, s, om).value for om in (1.0, 2.0, 3.0))
    assert (lo, hi) == (values[0], values[-1])
    # the data rise with L, so a slower correction (smaller omega) extrapolates further
    assert hi == pytest.approx(extrapolate(L, y, s, 1.0).value)


@pytest.mark.parametrize("args, match", [
    (([8], [0.1], [0.01]), "L must be a 1-D sequence of at least 2"),
    (([8, 8], [0.1, 0.2], [0.01, 0.01]), "L must be distinct positive"),
    (([8, 12], [0.1], [0.01, 0.01]), "y and sigma must have the shape of L"),
    (([8, 12], [0.1, 0.2], [0.01, 0.0]), "sigma must be finite and > 0"),
    (([8, 12], [0.1, np.nan], [0.01, 0.01]), "y must be finite"),
])
def test_bad_input_names_the_argument(args, match):
    with pytest.raises(ValueError, match=match):
        extrapolate(*args)


def test_bad_omega():
    with pytest.raises(ValueError, match="omega must be a finite number > 0"):
        extrapolate([8, 12], [0.1, 0.2], [0.01, 0.01], omega=0.0)
    with pytest.raises(ValueError, match="omegas must hold at least one"):
        extrapolation_band([8, 12], [0.1, 0.2], [0.01, 0.01], omegas=())


def test_a_failed_fit_has_its_errors_scaled_by_the_pdg_factor():
    # three points, one off the line: χ² by hand from the residuals of the OLS line
    L = np.array([8.0, 12.0, 16.0])
    y, s = np.array([1.0, 1.2, 1.0]), 0.05
    X = np.column_stack([np.ones(3), L**-3.0])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    chi2 = float(((y - X @ coef) ** 2).sum() / s**2)
    e = extrapolate(L, y, [s] * 3)
    assert e.chi2 == pytest.approx(chi2, rel=1e-9) and e.p_value < 0.05
    scaled = scale_by_fit_quality(e)
    assert scaled.error == pytest.approx(e.error * math.sqrt(chi2), rel=1e-9)
    assert scaled.slope_error == pytest.approx(e.slope_error * math.sqrt(chi2), rel=1e-9)
    assert scaled.value == e.value and scaled.chi2 == e.chi2
    # an acceptable fit is left alone, and so is a stricter level that it passes
    ok = extrapolate(L, [1.0, 1.01, 1.0], [s] * 3)
    assert scale_by_fit_quality(ok) is ok
    assert scale_by_fit_quality(e, alpha=1e-3) is e  # p = 0.002
    with pytest.raises(ValueError, match="alpha must be a probability in"):
        scale_by_fit_quality(e, alpha=1.5)


def test_power_of_the_form_test_against_a_monte_carlo_of_noisy_fits():
    # the power is the rejection rate of the χ² test on noisy data around the truth
    L = np.array([8.0, 12.0, 16.0])
    truth = np.array([0.17, 0.19, 0.195])  # not on a line in L^-3
    s = np.array([0.006, 0.003, 0.003])
    rng = np.random.default_rng(1)
    crit = 3.841458820694124  # chi2.isf(0.05, 1)
    rejected = np.mean([extrapolate(L, truth + rng.normal(0, s), s).chi2 > crit
                        for _ in range(4000)])
    p = form_test_power(L, truth, s)
    assert 0.05 < p < 1 and abs(rejected - p) < 4 * math.sqrt(p * (1 - p) / 4000)
    with pytest.raises(ValueError, match="at least 3 sizes"):
        form_test_power([8, 12], [0.1, 0.2], [0.01, 0.01])
    with pytest.raises(ValueError, match="level must be a probability"):
        form_test_power(L, truth, s, level=0.0)
