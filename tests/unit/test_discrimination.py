"""tlspaper.discrimination: Δχ², significance and the law of q for tanh(x/2) vs 1 - e^(-x)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special

from tlspaper import discrimination as disc
from tlspaper import ultrasonics as us

# ----------------------------------------------------------------------------- curves


def test_delta_chi2_curves_generic():
    x = disc.x_grid(0.3, 4.0, 9)
    a, b = us.tls_shape(x), us.rm_shape(x)
    assert disc.delta_chi2_curves(b, a, 0.02) == pytest.approx(disc.delta_chi2(x, 0.02, "rm"))
    assert disc.delta_chi2_curves(a, 3.0 * a, 0.02) == pytest.approx(0.0, abs=1e-9)  # amplitude
    assert disc.delta_chi2_curves(a, a + 0.5, 0.02, background=True) == pytest.approx(0, abs=1e-9)
    with pytest.raises(ValueError, match="equal length"):
        disc.delta_chi2_curves(a, b[:-1], 0.02)


# ----------------------------------------------------------------------------- calculator


def _hand_delta_chi2(x, e, true):
    r = us.rm_shape(x) / us.tls_shape(x) if true == "tls" else us.tls_shape(x) / us.rm_shape(x)
    return (len(x) - r.sum() ** 2 / (r * r).sum()) / e**2


@pytest.mark.parametrize("true", ["tls", "rm"])
def test_delta_chi2_closed_form(true):
    x = disc.x_grid(0.2, 3.0, 15)
    hand = _hand_delta_chi2(x, 0.07, true)
    assert disc.delta_chi2(x, 0.07, true) == pytest.approx(hand, rel=1e-10)


def test_delta_chi2_with_background_matches_weighted_lstsq():
    x = disc.x_grid(0.2, 5.0, 12)
    e = 0.04
    f_true = us.tls_shape(x)
    sigma = e * f_true
    design = np.stack([us.rm_shape(x), np.ones_like(x)], axis=1) / sigma[:, None]
    coef, *_ = np.linalg.lstsq(design, f_true / sigma, rcond=None)
    chi2 = np.sum((design @ coef - f_true / sigma) ** 2)
    assert disc.delta_chi2(x, e, "tls", background=True) == pytest.approx(chi2, rel=1e-9)
    assert disc.delta_chi2(x, e, "tls", background=True) < disc.delta_chi2(x, e, "tls")


def test_calculator_symmetric_in_the_true_model():
    # the two truths give the same Δχ² to leading order in the shape difference:
    # N var(ln r)/σ², with r the ratio of the shapes; equal exactly as the range shrinks
    for lo, hi, tol in [(0.1, 1.2, 0.15), (0.19, 19.0, 0.25), (1.0, 1.05, 0.01)]:
        x = disc.x_grid(lo, hi, 20)
        a, b = disc.delta_chi2(x, 0.05, "tls"), disc.delta_chi2(x, 0.05, "rm")
        assert a == pytest.approx(b, rel=tol)
        lead = len(x) * np.var(np.log(1 + np.exp(-x))) / 0.05**2
        assert a == pytest.approx(lead, rel=tol) and b == pytest.approx(lead, rel=tol)
    d = disc.discriminate(20, 0.05, x_range=(1.0, 1.05))
    assert d.significance["tls"] == pytest.approx(d.significance["rm"], rel=0.01)


@pytest.mark.parametrize("background", [False, True])
def test_calculator_monotone_in_noise(background):
    x = disc.x_grid(0.1, 10.0, 20)
    errors = np.geomspace(1e-3, 0.5, 12)
    z = np.array([disc.significance(x, e, "tls", background) for e in errors])
    assert np.all(np.diff(z) < 0)
    np.testing.assert_allclose(z * errors, z[0] * errors[0], rtol=1e-10)  # Z ∝ 1/σ


def test_error_for_significance_and_x_max_round_trip():
    x = disc.x_grid(0.1, 1.2, 20)
    e3 = disc.rel_error_for_significance(3.0, x)
    assert disc.significance(x, e3) == pytest.approx(3.0, rel=1e-12)
    xm = disc.x_max_for_significance(5.0, 0.02, 0.1, 20)
    assert disc.significance(disc.x_grid(0.1, xm, 20), 0.02) == pytest.approx(5.0, rel=1e-6)
    # finer errors need a smaller x_max
    assert disc.x_max_for_significance(5.0, 0.01, 0.1, 20) < xm
    # 3 points with 100 % errors never reach 5 sigma
    assert math.isnan(disc.x_max_for_significance(5.0, 1.0, 0.1, 3))


def test_pointwise_difference_is_the_asimov_residual():
    x = disc.x_grid(0.1, 1.2, 20)
    d = disc.pointwise_difference(x)
    assert np.sum(d**2) / 0.1**2 == pytest.approx(disc.delta_chi2(x, 0.1), rel=1e-10)


def test_discriminate_plan_from_temperatures_equals_x_range():
    omega = 2 * np.pi * 6e9
    hw = us.photon_temperature(omega)
    a = disc.discriminate(25, 0.03, omega=omega, T_range=(0.01, 1.0))
    b = disc.discriminate(25, 0.03, x_range=(hw / 1.0, hw / 0.01))
    np.testing.assert_allclose(a.x, b.x, rtol=1e-12)
    assert a.delta_chi2["rm"] == pytest.approx(b.delta_chi2["rm"], rel=1e-10)
    assert a.z_min == min(a.significance.values())


# ----------------------------------------------------------------------------- law of q


def test_statistic_law_moments_and_gaussian_limit():
    x = disc.x_grid(0.1, 3.0, 40)
    d2 = disc.delta_chi2(x, 0.05)
    mean, std = disc.statistic_moments(x, 0.05)
    assert mean == pytest.approx(d2, rel=1e-10)
    assert std == pytest.approx(2 * math.sqrt(d2), rel=1e-2)  # 4Δ + 4 sin²θ ≈ 4Δ
    Z = math.sqrt(d2)
    for z in (3.0, Z, 1.2 * Z):
        gauss = special.ndtr((Z * Z - z * z) / (2 * Z))
        assert disc.rejection_probability(x, 0.05, z=z) == pytest.approx(gauss, abs=0.01)
    assert disc.wrong_choice_probability(x, 0.05) == pytest.approx(special.ndtr(-Z / 2), abs=0.01)


@pytest.mark.parametrize("true", ["tls", "rm"])
@pytest.mark.parametrize("background", [False, True])
def test_monte_carlo_agrees_with_calculator(true, background):
    x = disc.x_grid(0.1, 1.2, 20)
    e = disc.rel_error_for_significance(3.0, x, true, background)  # a 3-sigma plan
    res = disc.monte_carlo_check(x, e, true, background, z=3.0, n_datasets=20000, seed=2024)
    assert abs(res["mean_q"] - res["delta_chi2"]) < 4 * res["mean_q_se"]
    assert res["rate_pred"] == pytest.approx(0.5, abs=0.02)
    assert abs(res["rate"] - res["rate_pred"]) < 4 * res["rate_se"]
    assert abs(res["wrong"] - res["wrong_pred"]) < 4 * res["wrong_se"]
    assert res["median_z"] == pytest.approx(3.0, abs=0.1)
    assert res["std_q"] == pytest.approx(res["std_q_pred"], rel=0.03)


def test_monte_carlo_is_reproducible():
    x = disc.x_grid(0.3, 3.0, 8)
    a = disc.synthetic_statistic(x, 0.1, n_datasets=50, seed=5)
    np.testing.assert_array_equal(a, disc.synthetic_statistic(x, 0.1, n_datasets=50, seed=5))


# ----------------------------------------------------------------------------- error models


def test_absolute_errors_are_constant_and_give_the_unweighted_closed_form():
    x = disc.x_grid(0.1, 1.2, 15)
    f_t, f_w = us.tls_shape(x), us.rm_shape(x)
    prof = disc.error_profile(x, "absolute")
    np.testing.assert_allclose(prof * f_t, f_t.max(), rtol=1e-14)  # σ_i the same at every point
    np.testing.assert_array_equal(disc.error_profile(x, "relative"), 1.0)
    # equal weights 1/a²: Δχ² = (Σf_t² − (Σ f_t f_w)² / Σ f_w²) / a², a in units of max f_t
    a = 0.03
    hand = ((f_t @ f_t) - (f_t @ f_w) ** 2 / (f_w @ f_w)) / (a * f_t.max()) ** 2
    assert disc.delta_chi2(x, a * prof) == pytest.approx(hand, rel=1e-10)
    e3 = disc.error_for_significance(3.0, x, kind="absolute")
    assert disc.delta_chi2(x, e3 * prof) == pytest.approx(9.0, rel=1e-10)


def test_coverage_error_is_the_largest_weighted_residual():
    x = disc.x_grid(0.3, 1.2, 12)
    f_t, f_w = us.tls_shape(x), us.rm_shape(x)
    # relative errors: the Asimov residual of pointwise_difference
    rel = disc.coverage_error(x)
    assert rel == pytest.approx(np.abs(disc.pointwise_difference(x)).max(), rel=1e-12)
    # absolute errors: ordinary least squares, residual in units of max f_t
    b = (f_w @ f_t) / (f_w @ f_w)
    assert disc.coverage_error(x, kind="absolute") == pytest.approx(
        np.abs(b * f_w - f_t).max() / f_t.max(), rel=1e-10)
    # with a free background: OLS on [f_w, 1]
    B = np.stack([f_w, np.ones_like(x)], axis=1)
    coef, *_ = np.linalg.lstsq(B, f_t, rcond=None)
    assert disc.coverage_error(x, background=True, kind="absolute") == pytest.approx(
        np.abs(B @ coef - f_t).max() / f_t.max(), rel=1e-8)
    with pytest.raises(ValueError, match="kind"):
        disc.error_profile(x, "percent")


@pytest.mark.parametrize("true", ["tls", "rm"])
@pytest.mark.parametrize("background", [False, True])
def test_q_rule_is_conservative_for_the_non_nested_shapes(true, background):
    # size of "reject if q >= z²" when the rejected shape is true: <= Φ(−z), = at Δχ² = z²
    for x in (disc.x_grid(0.1, 1.2, 20), disc.plan_x(2 * np.pi * 4e9, 0.01, 1.0, 20)):
        for z in (2.0, 3.0):
            for e in np.geomspace(0.003, 0.3, 7):
                p = disc.false_rejection_probability(x, e, true, background, z)
                assert p <= special.ndtr(-z) * (1 + 1e-9)
            e_eq = disc.error_for_significance(z, x, true, background)
            p_eq = disc.false_rejection_probability(x, e_eq, true, background, z)
            assert p_eq == pytest.approx(special.ndtr(-z), rel=0.05)


def test_false_rejection_matches_synthetic_data():
    x = disc.x_grid(0.1, 1.2, 20)
    e = disc.error_for_significance(1.5, x)  # a weak plan: the rule errs often enough to count
    q = disc.synthetic_statistic(x, e, n_datasets=40000, seed=11)
    rate = np.mean(q <= -1.0)  # data from tls reject tls at z = 1
    pred = disc.false_rejection_probability(x, e, z=1.0)
    assert abs(rate - pred) < 4 * math.sqrt(pred * (1 - pred) / q.size)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: disc.x_grid(0.1, 1.0, 1), "n_points"),
        (lambda: disc.x_grid(1.0, 0.5, 10), "x_max must exceed x_min"),
        (lambda: disc.x_grid(0.0, 1.0, 10), "x_min"),
        (lambda: disc.plan_x(0.0, 0.01, 1.0, 10), "omega"),
        (lambda: disc.plan_x(1e10, 0.0, 1.0, 10), "T_min"),
        (lambda: disc.plan_x(1e10, 1.0, 0.5, 10), "T_max must exceed T_min"),
        (lambda: disc.delta_chi2([0.5], 0.1), "n_points"),
        (lambda: disc.delta_chi2([0.5, 1.0], 0.1, background=True), "n_points"),
        (lambda: disc.delta_chi2([0.5, 1.0], 0.0), "rel_error"),
        (lambda: disc.delta_chi2([0.5, 1.0], -0.1), "rel_error"),
        (lambda: disc.delta_chi2([0.0, 1.0], 0.1), "x"),
        (lambda: disc.delta_chi2([0.5, 1.0], 0.1, true="both"), "true must be one of"),
        (lambda: disc.discriminate(1, 0.1, x_range=(0.1, 1.0)), "n_points"),
        (lambda: disc.discriminate(10, 0.0, x_range=(0.1, 1.0)), "rel_error"),
        (lambda: disc.discriminate(10, 0.1), "either x_range"),
        (lambda: disc.discriminate(10, 0.1, omega=1e10), "together"),
        (lambda: disc.discriminate(10, 0.1, omega=-1e10, T_range=(0.01, 1)), "omega"),
        (lambda: disc.discriminate(10, 0.1, omega=1e10, T_range=(-0.01, 1)), "T_min"),
        (lambda: disc.rel_error_for_significance(0.0, [0.5, 1.0]), "z"),
        (lambda: disc.error_for_significance(3.0, [0.5, 1.0], kind="abs"), "kind"),
        (lambda: disc.false_rejection_probability([0.5, 1.0], 0.1, z=0.0), "z"),
    ],
)
def test_bad_input_raises_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
