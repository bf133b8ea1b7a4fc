"""tlspaper.ultrasonics: absorption of the canonical TLS model and the Eq. 17 vs Eq. 18 test."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, special

from tlspaper import ultrasonics as us

# ----------------------------------------------------------------------------- units


def test_photon_temperature_is_h_f_over_k():
    # h f / k_B for f = 1 GHz, with the exact SI h and k_B
    assert us.photon_temperature(2 * np.pi * 1e9) == pytest.approx(
        6.62607015e-34 * 1e9 / 1.380649e-23, rel=1e-12
    )
    assert us.reduced_frequency(2 * np.pi * 1e9, 0.5) == pytest.approx(0.0479924 / 0.5, rel=1e-6)


# ----------------------------------------------------------------------------- shapes and limits


def test_shapes_small_x_limits():
    x = np.array([1e-6, 1e-4])
    np.testing.assert_allclose(us.tls_shape(x) / x, 0.5, rtol=1e-8)  # tanh(x/2) ~ x/2
    np.testing.assert_allclose(us.rm_shape(x) / x, 1.0, rtol=1e-4)  # 1 - e^-x ~ x
    # next order: tanh(x/2)/(x/2) = 1 - x²/12, (1 - e^-x)/x = 1 - x/2
    x = 1e-2
    assert us.high_temperature_correction(x, "tls") == pytest.approx(x * x / 12, rel=1e-3)
    assert us.high_temperature_correction(x, "rm") == pytest.approx(x / 2, rel=1e-2)


def test_shapes_large_x_limits_and_ratio_identity():
    x = np.array([30.0, 60.0])
    np.testing.assert_allclose(us.tls_shape(x), 1.0, atol=1e-12)
    np.testing.assert_allclose(us.rm_shape(x), 1.0, atol=1e-12)
    x = np.geomspace(1e-3, 40, 50)
    np.testing.assert_allclose(us.rm_shape(x) / us.tls_shape(x), 1 + np.exp(-x), rtol=1e-12)


def test_tls_shape_with_temperature_dependent_dos():
    # Eq. 16 with n(T, E) = B (T² + E²)^(μ/2) at E = ħω: tanh(x/2) (1 + 1/x²)^(μ/2)
    x = np.array([0.2, 1.0, 5.0])
    np.testing.assert_allclose(
        us.tls_shape(x, mu=0.13), np.tanh(x / 2) * (1 + x**-2) ** 0.065, rtol=1e-12
    )
    np.testing.assert_array_equal(us.tls_shape(x, mu=0.0), np.tanh(x / 2))
    with pytest.raises(ValueError, match="x"):
        us.tls_shape([0.0, 1.0], mu=0.1)


def test_delta_chi2_curves_generic():
    x = us.x_grid(0.3, 4.0, 9)
    a, b = us.tls_shape(x), us.rm_shape(x)
    assert us.delta_chi2_curves(b, a, 0.02) == pytest.approx(us.delta_chi2(x, 0.02, "rm"))
    assert us.delta_chi2_curves(a, 3.0 * a, 0.02) == pytest.approx(0.0, abs=1e-9)  # amplitude
    assert us.delta_chi2_curves(a, a + 0.5, 0.02, background=True) == pytest.approx(0, abs=1e-9)
    with pytest.raises(ValueError, match="equal length"):
        us.delta_chi2_curves(a, b[:-1], 0.02)


def test_correction_at_x_1p2_by_hand():
    assert us.high_temperature_correction(1.2) == pytest.approx(1 - math.tanh(0.6) / 0.6)
    assert us.high_temperature_correction(1.2, "rm") == pytest.approx(
        1 - (1 - math.exp(-1.2)) / 1.2
    )


# ----------------------------------------------------------------------------- absorption


def test_resonant_absorption_limits():
    omega = 2 * np.pi * 1e9
    hw = us.photon_temperature(omega)
    assert us.resonant_absorption(omega, hw / 50, C=2.0) == pytest.approx(2 * np.pi)
    # k_BT >> ħω: π C ħω / 2k_BT
    assert us.resonant_absorption(omega, 1e4 * hw) == pytest.approx(np.pi * 1e-4 / 2, rel=1e-8)


def test_relaxation_plateau_is_pi_over_two_C():
    q = us.relaxation_absorption(omega=1.0, T=[1.0, 3.0], A=1e12, C=3e-4)
    np.testing.assert_allclose(q, 3e-4 * np.pi / 2, rtol=1e-5)


def test_relaxation_is_half_the_low_temperature_resonant_value():
    omega, A = 1e3, 1e6
    plateau = float(us.relaxation_absorption(omega, 1e3, A))  # T = 1e4 T0
    resonant = float(us.resonant_absorption(omega, us.photon_temperature(omega) / 40))
    assert resonant / plateau == pytest.approx(2.0, rel=1e-5)


def test_relaxation_high_frequency_limit():
    # ωτ_c >> 1: Q⁻¹ = (C A T³/3ω) ∫ y³ sech²(y/2) coth(y/2) dy = (π⁴/12) C A T³/ω
    omega, A, T = 1e7, 1.0, np.array([0.5, 1.0])
    q = us.relaxation_absorption(omega, T, A)
    np.testing.assert_allclose(q, np.pi**4 / 12 * A * T**3 / omega, rtol=1e-6)


def test_relaxation_matches_independent_double_quadrature():
    # ωτ_c ~ 1: compare with scipy's adaptive quad on the (E, u) integral written out here
    omega, A, T = 2.0, 1.0, 1.0

    def inner(y):
        rate1 = A * y**3 * T**3 / math.tanh(y / 2)

        def f(u):
            s = omega / (rate1 * u * u)
            return math.sqrt(1 - u * u) / u * s / (1 + s * s)

        u_star = min(math.sqrt(omega / rate1), 1.0)
        return integrate.quad(f, 0, 1, points=[u_star], limit=200, epsabs=1e-13)[0]

    expected = integrate.quad(
        lambda y: inner(y) / math.cosh(y / 2) ** 2, 0, 60, points=[1, 3, 10], limit=200
    )[0]
    assert float(us.relaxation_absorption(omega, T, A)) == pytest.approx(expected, rel=1e-6)


def test_relaxation_quadrature_converged_and_linear_in_C():
    args = (5.0, [0.3, 1.0, 3.0], 1.0)
    base = us.relaxation_absorption(*args)
    np.testing.assert_allclose(
        us.relaxation_absorption(*args, n_energy=320, n_u=256), base, rtol=1e-8
    )
    np.testing.assert_allclose(us.relaxation_absorption(*args, C=0.25), 0.25 * base, rtol=1e-14)


def test_total_is_sum():
    w, T, A = 2 * np.pi * 1e9, np.array([0.05, 0.5]), us.A_SILICA
    np.testing.assert_allclose(
        us.total_absorption(w, T, A),
        us.resonant_absorption(w, T) + us.relaxation_absorption(w, T, A),
    )
    # and its two analytic limits (C = 2, ω = 2π kHz, A = 1e6, T0 = (ω/A)^(1/3) = 0.18 K):
    # k_BT = ħω/50: resonant saturated at π C tanh(25) = 2π, relaxation frozen out as
    # (π⁴/12) C A T³/ω ~ 1e-24; at 1e4 T0 (ω τ_c << 1, k_BT >> ħω): the relaxation plateau
    # π C/2 = π plus a resonant tail π C ħω/(2 k_BT) ~ 1e-10
    w = 2 * np.pi * 1e3
    hw = us.photon_temperature(w)
    assert float(us.total_absorption(w, hw / 50, 1e6, C=2.0)) == pytest.approx(2 * np.pi,
                                                                               rel=1e-9)
    t0 = (w / 1e6) ** (1 / 3)
    assert float(us.total_absorption(w, 1e4 * t0, 1e6, C=2.0)) == pytest.approx(np.pi, rel=1e-5)


def test_shape_and_other_dispatch_to_eq17_and_eq18():
    x = np.array([0.1, 1.0, 7.0])
    np.testing.assert_allclose(us.shape("tls", x), np.tanh(x / 2), rtol=1e-14)  # Eq. 17
    np.testing.assert_allclose(us.shape("rm", x), 1 - np.exp(-x), rtol=1e-14)  # Eq. 18
    assert us.other("tls") == "rm" and us.other("rm") == "tls"
    with pytest.raises(ValueError, match="true must be one of"):
        us.shape("both", x)
    with pytest.raises(ValueError, match="got 'x'"):
        us.other("x")


def test_velocity_slopes_standard_values():
    # T << T0: +C ln T (resonant); T >> T0: +C - 3C/2 = -C/2 (not the seed's -2C)
    # T0 = 0.01 K, far below the 100 K cutoff of the resonant integral
    low, high = us.velocity_log_slope([1e-4, 2.0], omega=1e3, A=1e9)
    assert low == pytest.approx(1.0, abs=1e-3)
    assert high == pytest.approx(-0.5, abs=2e-3)


# ----------------------------------------------------------------------------- calculator


def _hand_delta_chi2(x, e, true):
    r = us.rm_shape(x) / us.tls_shape(x) if true == "tls" else us.tls_shape(x) / us.rm_shape(x)
    return (len(x) - r.sum() ** 2 / (r * r).sum()) / e**2


@pytest.mark.parametrize("true", ["tls", "rm"])
def test_delta_chi2_closed_form(true):
    x = us.x_grid(0.2, 3.0, 15)
    assert us.delta_chi2(x, 0.07, true) == pytest.approx(_hand_delta_chi2(x, 0.07, true), rel=1e-10)


def test_delta_chi2_with_background_matches_weighted_lstsq():
    x = us.x_grid(0.2, 5.0, 12)
    e = 0.04
    f_true = us.tls_shape(x)
    sigma = e * f_true
    design = np.stack([us.rm_shape(x), np.ones_like(x)], axis=1) / sigma[:, None]
    coef, *_ = np.linalg.lstsq(design, f_true / sigma, rcond=None)
    chi2 = np.sum((design @ coef - f_true / sigma) ** 2)
    assert us.delta_chi2(x, e, "tls", background=True) == pytest.approx(chi2, rel=1e-9)
    assert us.delta_chi2(x, e, "tls", background=True) < us.delta_chi2(x, e, "tls")


def test_calculator_symmetric_in_the_true_model():
    # the two truths give the same Δχ² to leading order in the shape difference:
    # N var(ln r)/σ², with r the ratio of the shapes; equal exactly as the range shrinks
    for lo, hi, tol in [(0.1, 1.2, 0.15), (0.19, 19.0, 0.25), (1.0, 1.05, 0.01)]:
        x = us.x_grid(lo, hi, 20)
        a, b = us.delta_chi2(x, 0.05, "tls"), us.delta_chi2(x, 0.05, "rm")
        assert a == pytest.approx(b, rel=tol)
        lead = len(x) * np.var(np.log(1 + np.exp(-x))) / 0.05**2
        assert a == pytest.approx(lead, rel=tol) and b == pytest.approx(lead, rel=tol)
    d = us.discriminate(20, 0.05, x_range=(1.0, 1.05))
    assert d.significance["tls"] == pytest.approx(d.significance["rm"], rel=0.01)


@pytest.mark.parametrize("background", [False, True])
def test_calculator_monotone_in_noise(background):
    x = us.x_grid(0.1, 10.0, 20)
    errors = np.geomspace(1e-3, 0.5, 12)
    z = np.array([us.significance(x, e, "tls", background) for e in errors])
    assert np.all(np.diff(z) < 0)
    np.testing.assert_allclose(z * errors, z[0] * errors[0], rtol=1e-10)  # Z ∝ 1/σ


def test_error_for_significance_and_x_max_round_trip():
    x = us.x_grid(0.1, 1.2, 20)
    e3 = us.rel_error_for_significance(3.0, x)
    assert us.significance(x, e3) == pytest.approx(3.0, rel=1e-12)
    xm = us.x_max_for_significance(5.0, 0.02, 0.1, 20)
    assert us.significance(us.x_grid(0.1, xm, 20), 0.02) == pytest.approx(5.0, rel=1e-6)
    # finer errors need a smaller x_max
    assert us.x_max_for_significance(5.0, 0.01, 0.1, 20) < xm
    # 3 points with 100 % errors never reach 5 sigma
    assert math.isnan(us.x_max_for_significance(5.0, 1.0, 0.1, 3))


def test_pointwise_difference_is_the_asimov_residual():
    x = us.x_grid(0.1, 1.2, 20)
    d = us.pointwise_difference(x)
    assert np.sum(d**2) / 0.1**2 == pytest.approx(us.delta_chi2(x, 0.1), rel=1e-10)


def test_discriminate_plan_from_temperatures_equals_x_range():
    omega = 2 * np.pi * 6e9
    hw = us.photon_temperature(omega)
    a = us.discriminate(25, 0.03, omega=omega, T_range=(0.01, 1.0))
    b = us.discriminate(25, 0.03, x_range=(hw / 1.0, hw / 0.01))
    np.testing.assert_allclose(a.x, b.x, rtol=1e-12)
    assert a.delta_chi2["rm"] == pytest.approx(b.delta_chi2["rm"], rel=1e-10)
    assert a.z_min == min(a.significance.values())


# ----------------------------------------------------------------------------- law of q


def test_statistic_law_moments_and_gaussian_limit():
    x = us.x_grid(0.1, 3.0, 40)
    d2 = us.delta_chi2(x, 0.05)
    mean, std = us.statistic_moments(x, 0.05)
    assert mean == pytest.approx(d2, rel=1e-10)
    assert std == pytest.approx(2 * math.sqrt(d2), rel=1e-2)  # 4Δ + 4 sin²θ ≈ 4Δ
    Z = math.sqrt(d2)
    for z in (3.0, Z, 1.2 * Z):
        gauss = special.ndtr((Z * Z - z * z) / (2 * Z))
        assert us.rejection_probability(x, 0.05, z=z) == pytest.approx(gauss, abs=0.01)
    assert us.wrong_choice_probability(x, 0.05) == pytest.approx(special.ndtr(-Z / 2), abs=0.01)


@pytest.mark.parametrize("true", ["tls", "rm"])
@pytest.mark.parametrize("background", [False, True])
def test_monte_carlo_agrees_with_calculator(true, background):
    x = us.x_grid(0.1, 1.2, 20)
    e = us.rel_error_for_significance(3.0, x, true, background)  # a 3-sigma plan
    res = us.monte_carlo_check(x, e, true, background, z=3.0, n_datasets=20000, seed=2024)
    assert abs(res["mean_q"] - res["delta_chi2"]) < 4 * res["mean_q_se"]
    assert res["rate_pred"] == pytest.approx(0.5, abs=0.02)
    assert abs(res["rate"] - res["rate_pred"]) < 4 * res["rate_se"]
    assert abs(res["wrong"] - res["wrong_pred"]) < 4 * res["wrong_se"]
    assert res["median_z"] == pytest.approx(3.0, abs=0.1)
    assert res["std_q"] == pytest.approx(res["std_q_pred"], rel=0.03)


def test_monte_carlo_is_reproducible():
    x = us.x_grid(0.3, 3.0, 8)
    a = us.synthetic_statistic(x, 0.1, n_datasets=50, seed=5)
    np.testing.assert_array_equal(a, us.synthetic_statistic(x, 0.1, n_datasets=50, seed=5))


# ----------------------------------------------------------------------------- scorecard


def test_scorecard_rows():
    rows = {r.item + r.quantity: r for r in us.scorecard_rows()}
    assert len(rows) == 5
    plateau = next(r for r in rows.values() if r.item == "Eq. 14")
    assert plateau.within and plateau.ours == pytest.approx(np.pi / 2, rel=1e-4)
    high = next(r for r in rows.values() if "above T0" in r.quantity)
    assert not high.within and high.ours == pytest.approx(-0.5, abs=2e-3)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: us.photon_temperature(0.0), "omega"),
        (lambda: us.reduced_frequency(1e9, -1.0), "T"),
        (lambda: us.resonant_absorption(-1.0, 1.0), "omega"),
        (lambda: us.relaxation_absorption(1e9, 0.0, 1e7), "T"),
        (lambda: us.relaxation_absorption(1e9, 1.0, 0.0), "A"),
        (lambda: us.x_grid(0.1, 1.0, 1), "n_points"),
        (lambda: us.x_grid(1.0, 0.5, 10), "x_max must exceed x_min"),
        (lambda: us.x_grid(0.0, 1.0, 10), "x_min"),
        (lambda: us.plan_x(0.0, 0.01, 1.0, 10), "omega"),
        (lambda: us.plan_x(1e10, 0.0, 1.0, 10), "T_min"),
        (lambda: us.plan_x(1e10, 1.0, 0.5, 10), "T_max must exceed T_min"),
        (lambda: us.delta_chi2([0.5], 0.1), "n_points"),
        (lambda: us.delta_chi2([0.5, 1.0], 0.1, background=True), "n_points"),
        (lambda: us.delta_chi2([0.5, 1.0], 0.0), "rel_error"),
        (lambda: us.delta_chi2([0.5, 1.0], -0.1), "rel_error"),
        (lambda: us.delta_chi2([0.0, 1.0], 0.1), "x"),
        (lambda: us.delta_chi2([0.5, 1.0], 0.1, true="both"), "true must be one of"),
        (lambda: us.discriminate(1, 0.1, x_range=(0.1, 1.0)), "n_points"),
        (lambda: us.discriminate(10, 0.0, x_range=(0.1, 1.0)), "rel_error"),
        (lambda: us.discriminate(10, 0.1), "either x_range"),
        (lambda: us.discriminate(10, 0.1, omega=1e10), "together"),
        (lambda: us.discriminate(10, 0.1, omega=-1e10, T_range=(0.01, 1)), "omega"),
        (lambda: us.discriminate(10, 0.1, omega=1e10, T_range=(-0.01, 1)), "T_min"),
        (lambda: us.rel_error_for_significance(0.0, [0.5, 1.0]), "z"),
    ],
)
def test_bad_input_raises_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
