"""Rate statistics: λ_min, the 1/λ fit, Eqs. 15 and 17, jackknife, widths, Table I sign rule."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlspaper import rate_statistics as rs
from tlspaper.constants import EULER_GAMMA


def test_lambda_min_and_inverse_lambda_fit_on_log_uniform_rates():
    rng = np.random.default_rng(4)
    lam = np.exp(rng.uniform(math.log(1e-9), math.log(1e-3), 300_000))
    assert math.log(rs.lambda_min(lam, bin_width=0.1)) == pytest.approx(math.log(1e-9), abs=0.1)
    fit = rs.fit_inverse_lambda(lam, 1e-9, 1e-8)
    assert abs(fit.exponent - 1) < 4 * fit.exponent_err
    assert fit.A == pytest.approx(1 / math.log(1e6), rel=0.02)


def test_relaxation_curve_follows_eq17_for_1_over_lambda():
    rng = np.random.default_rng(6)
    lmin, lmax = 1e-8, 1.0
    lam = np.exp(rng.uniform(math.log(lmin), math.log(lmax), 200_000))
    t = np.array([1e2, 1e4, 1e6])  # 1/lmax << t << 1/lmin
    c = 1 / math.log(lmax / lmin)
    np.testing.assert_allclose(rs.relaxation_curve(lam, t), rs.log_relaxation(t, lmin, c),
                               atol=0.01)


def test_log_relaxation_by_hand():
    # -c [γ_E + ln(λ_min t)]: zero at t = e^-γ / λ_min, slope -c per unit ln t
    assert rs.log_relaxation(math.exp(-EULER_GAMMA) / 2.0, 2.0) == pytest.approx(0.0, abs=1e-15)
    assert rs.log_relaxation(1.0, 1.0, c=0.5) == pytest.approx(-0.5 * EULER_GAMMA)
    with pytest.raises(ValueError, match="lam_min must be a finite number > 0"):
        rs.log_relaxation(1.0, 0.0)


def test_log_relaxation_fit_recovers_the_eq17_slope():
    rng = np.random.default_rng(6)
    lmin, lmax = 1e-8, 1.0
    lam = np.exp(rng.uniform(math.log(lmin), math.log(lmax), 200_000))
    f = rs.log_relaxation_fit(lam, lmin)
    assert f.t.shape == f.x.shape == f.curve.shape == (60,)
    assert f.t[-1] == pytest.approx(30 / lmin)
    np.testing.assert_allclose(f.x, -(EULER_GAMMA + np.log(lmin * f.t)))
    np.testing.assert_allclose(f.curve, rs.relaxation_curve(lam, f.t))
    assert f.slope * math.log(lmax / lmin) == pytest.approx(1.0, abs=0.03)
    assert abs(f.intercept) < 0.02


def test_inverse_lambda_exponent_of_log_uniform_rates_is_one():
    # rates uniform in ln λ over 1e-9 .. 1e-3: p(λ) = 1/(λ ln 1e6), exactly λ^-1
    rng = np.random.default_rng(11)
    lam = np.exp(rng.uniform(math.log(1e-9), math.log(1e-3), (4, 50_000)))
    s, err = rs.inverse_lambda_exponent(lam)
    assert 0 < err < 0.05 and abs(s - 1.0) < 4 * err
    fit = rs.fit_inverse_lambda(lam, *rs.fit_window(lam))
    assert (s, err) == (fit.exponent, fit.exponent_err)


def test_fit_window_is_one_decade_from_the_90_percent_edge():
    lam = np.exp(np.random.default_rng(0).uniform(-20, -5, 200_000))
    lo, hi = rs.fit_window(lam, decades=2.0)
    assert hi / lo == pytest.approx(100.0)
    assert lo == rs.lambda_min(lam, level=0.9)


def test_jackknife_of_mean_equals_standard_error():
    groups = [[1.0], [4.0], [2.0], [7.0]]
    v, e = rs.jackknife(np.mean, groups)
    assert v == pytest.approx(3.5)
    assert e == pytest.approx(np.std([1, 4, 2, 7], ddof=1) / 2)
    with pytest.raises(ValueError, match="at least 2 realizations, got 1"):
        rs.jackknife(np.mean, [[1.0, 2.0]])


def test_density_histogram_by_hand():
    d, e = rs.density_histogram([[0.1, 0.6], [0.2, 0.3]], [0.0, 0.5, 1.0])
    np.testing.assert_allclose(d, [1.5, 0.5])  # 3 of 4 in [0, 0.5), widths 0.5
    np.testing.assert_allclose(e, [0.5, 0.5])  # per-realization densities 1, 2 and 1, 0


def test_central_width_and_gap_weight_by_hand():
    E = np.array([[-2.0, -1.0, 0.05, 1.0, 2.0], [-2.0, -1.0, -0.05, 1.0, 2.0]])
    w, we = rs.central_width(E)
    assert w == pytest.approx(2.0) and we == 0.0  # 75th - 25th percentile of ±1, ±2, ±0.05
    g, ge = rs.gap_weight(E, cut=0.1)
    assert g == pytest.approx(0.2) and ge == 0.0
    g, ge = rs.gap_weight([[0.05, 2.0], [3.0, 4.0], [0.01, 0.02]], cut=0.1)
    assert g == pytest.approx(0.5) and ge > 0


def test_table_one_sign_convention():
    assert rs.relaxation_shift_sign(1.0, 2.0) == 1
    assert rs.relaxation_shift_sign(2.0, 1.0) == -1
    assert rs.relaxation_shift_sign(1.0, 1.1, err=0.2) == 0


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: rs.lambda_min([1.0] * 5), "at least 10 positive values, got 5"),
        (lambda: rs.lambda_min(np.arange(1.0, 20.0), level=1.5), r"level must lie in \(0, 1\)"),
        (lambda: rs.fit_inverse_lambda([1.0, 2.0], 2.0, 1.0), "need lam_lo < lam_hi"),
        (lambda: rs.fit_window(np.arange(1.0, 20.0), decades=0), "decades must be"),
        (lambda: rs.log_relaxation_fit([1.0, 2.0], 1.0, n_times=2), "n_times must be"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_histogram_quantiles_and_lambda_min_match_the_raw_sample_versions():
    rng = np.random.default_rng(11)
    y = np.concatenate([rng.uniform(-20, -5, 100_000), rng.normal(-22, 1, 5000)])
    edges = np.linspace(-40, 0, 4001)
    counts, _ = np.histogram(y, edges)
    for q in (0.05, 0.1, 0.5):
        assert rs.hist_quantile(counts, edges, q) == pytest.approx(np.quantile(y, q), abs=0.01)
    for level in (0.1, 0.5, 0.9):
        a = np.log(rs.lambda_min(np.exp(y), 0.5, level))
        b = np.log(rs.lambda_min_hist(counts, edges, 0.5, level))
        assert abs(a - b) < 0.5  # same rule, bin edges placed differently


def test_estimators_recover_a_known_shift_of_g_and_give_no_sign_without_one():
    # λ = Δ0² g with Δ0 log-uniform: multiplying g by c shifts every quantile of ln g and
    # ln λ_min by exactly ln c
    rng = np.random.default_rng(3)
    ge = np.linspace(-6, 10, 1601)
    le = np.linspace(-45, 10, 2751)

    def blocks(c, B=20, M=20_000):
        out_g, out_l = [], []
        for _ in range(B):
            E = rng.normal(0, 1, M)
            g = c * np.abs(E) / np.tanh(np.maximum(np.abs(E), 1e-12) / 0.2)
            lnd0 = rng.uniform(np.log(1e-7), np.log(0.1), M)
            out_g.append(np.histogram(np.log(g), ge)[0])
            out_l.append(np.histogram(2 * lnd0 + np.log(g), le)[0])
        return np.array(out_g), np.array(out_l)

    est_g = {f"q{q}": (lambda h, q=q: rs.hist_quantile(h, ge, q)) for q in (0.05, 0.25, 0.5)}
    est_l = {f"lmin{v}": (lambda h, v=v: np.log(rs.lambda_min_hist(h, le, 0.5, v)))
             for v in (0.3, 0.5, 0.9)}
    g0, l0 = blocks(1.0)
    g1, l1 = blocks(1.5)
    shifts = rs.shift_estimates(g0, g1, est_g) + rs.shift_estimates(l0, l1, est_l)
    for s in shifts:
        assert abs(s.shift - np.log(1.5)) < 4 * s.error + 0.02, s
    assert rs.resolved_sign(shifts) == 1
    assert rs.resolved_sign([rs.ShiftEstimate(s.name, s.after, s.before, -s.shift, s.error)
                             for s in shifts]) == -1
    g2, l2 = blocks(1.0)
    null = rs.shift_estimates(g0, g2, est_g) + rs.shift_estimates(l0, l2, est_l)
    assert rs.resolved_sign(null) == 0


def test_block_jackknife_equals_the_delete_one_jackknife_of_the_mean():
    x = np.random.default_rng(1).normal(size=30)
    blocks = np.stack([x, np.ones_like(x)], axis=1)
    v, e = rs.block_jackknife(lambda s: s[0] / s[1], blocks)
    assert v == pytest.approx(x.mean())
    assert e == pytest.approx(x.std(ddof=1) / np.sqrt(x.size))
    with pytest.raises(ValueError, match="at least 2 blocks"):
        rs.block_jackknife(np.sum, blocks[:1])
