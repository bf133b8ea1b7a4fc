"""tlspaper.ultrasonics: absorption and velocity slopes of the canonical TLS model; the shapes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from tlspaper import ultrasonics as us

# Rate prefactor of vitreous silica, 2π × 9.4e6 s⁻¹ K⁻³ (Fig. 5(a) of Churkin et al. (2021)).
A_SILICA = 2 * np.pi * 9.4e6

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


def test_log_slope_correction_is_one_minus_the_log_derivative_of_the_shape():
    # centred difference of ln f in ln x (step h = 1e-5), against 1 - d ln f / d ln x
    x, h = np.array([0.05, 0.3, 1.2, 4.0]), 1e-5
    for model in us.MODELS:
        f = us.tls_shape if model == "tls" else us.rm_shape
        d = (np.log(f(x * np.exp(h))) - np.log(f(x * np.exp(-h)))) / (2 * h)
        np.testing.assert_allclose(us.log_slope_correction(x, model), 1 - d, rtol=0, atol=1e-9)
    # limits: x/sinh x = 1 - x²/6 + ..., x/(e^x - 1) = 1 - x/2 + ...; both -> 1 at large x
    assert us.log_slope_correction(1e-2) == pytest.approx(1e-4 / 6, rel=1e-3)
    assert us.log_slope_correction(1e-2, "rm") == pytest.approx(1e-2 / 2, rel=1e-2)
    assert us.log_slope_correction(40.0) == pytest.approx(1.0, abs=1e-15)
    # at x = 1.2 the log slope is corrected twice as much as the value (20.5 % vs 10.5 %)
    assert us.log_slope_correction(1.2) > 1.9 * us.high_temperature_correction(1.2)


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
    w, T, A = 2 * np.pi * 1e9, np.array([0.05, 0.5]), A_SILICA
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
    # T << T0: +C ln T (resonant); T >> T0: +C - 3C/2 = -C/2 (not the paper's -2C)
    # T0 = 0.01 K, far below the 100 K cutoff of the resonant integral
    low, high = us.velocity_log_slope([1e-4, 2.0], omega=1e3, A=1e9)
    assert low == pytest.approx(1.0, abs=1e-3)
    assert high == pytest.approx(-0.5, abs=2e-3)


def test_x_for_correction_inverts_the_correction():
    # 20 % below the limit: tanh(x/2) = 0.8 x/2, solved here by bisection on the definition
    lo, hi = 1.0, 3.0
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if math.tanh(mid / 2) > 0.8 * mid / 2 else (lo, mid)
    assert us.x_for_correction(0.2) == pytest.approx(lo, rel=1e-10)
    assert 1.7 < lo < 1.8  # not x = 1.2, where the correction is 10.5 %
    # the random-matrix shape: (1 - e^-x)/x = 0.8
    x = us.x_for_correction(0.2, "rm")
    assert -math.expm1(-x) / x == pytest.approx(0.8, rel=1e-12)
    with pytest.raises(ValueError, match="correction"):
        us.x_for_correction(1.0)


def test_relaxation_contamination_grows_as_omega_squared_at_fixed_x():
    # ωτ_c >> 1: Q_rel = (π⁴/12) C A T³/ω with T = ħω/(k_B x), so Q_rel/Q_res ∝ ω² at fixed x
    A, x = 1e6, np.array([0.1, 1.2])
    r1 = us.relaxation_contamination(x, 2 * np.pi * 1e7, A)
    r2 = us.relaxation_contamination(x, 2 * np.pi * 1e8, A)
    np.testing.assert_allclose(r2 / r1, 100.0, rtol=1e-3)
    # larger at small x (high temperature)
    assert r1[0] > r1[1]
    w, T = 2 * np.pi * 4e9, us.photon_temperature(2 * np.pi * 4e9) / 0.3
    assert us.relaxation_contamination(0.3, w, A_SILICA) == pytest.approx(
        float(us.relaxation_absorption(w, T, A_SILICA) / us.resonant_absorption(w, T)), rel=1e-9
    )


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: us.photon_temperature(0.0), "omega"),
        (lambda: us.reduced_frequency(1e9, -1.0), "T"),
        (lambda: us.resonant_absorption(-1.0, 1.0), "omega"),
        (lambda: us.relaxation_absorption(1e9, 0.0, 1e7), "T"),
        (lambda: us.relaxation_absorption(1e9, 1.0, 0.0), "A"),
        (lambda: us.velocity_log_slope([0.1], 1e3, 1e9, step=0.0), "step"),
        (lambda: us.high_temperature_correction(0.0), "x"),
        (lambda: us.log_slope_correction(-1.0), "x"),
        (lambda: us.log_slope_correction(1.0, "other"), "tls"),
        (lambda: us.x_for_correction(0.0), "correction"),
        (lambda: us.relaxation_contamination(0.0, 1e9, 1e7), "x"),
    ],
)
def test_bad_input_raises_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
