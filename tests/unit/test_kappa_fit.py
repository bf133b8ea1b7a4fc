"""Unit tests of tlspaper.kappa_fit on synthetic κ(T) with a known answer (no measured data)."""

import math

import numpy as np
import pytest

from tlspaper import kappa_fit as kf
from tlspaper.dos import PowerLawDOS
from tlspaper.measured import KappaData
from tlspaper.observables import thermal_conductivity

T = np.geomspace(0.06, 0.6, 10)  # K
MU = 0.15


def synthetic(mu=MU, noise=0.0, seed=0, amplitude=1e-3):
    """κ [W/m/K] from Eq. 5 with the Eq. 3 DOS, times log-normal noise of relative size `noise`."""
    k = thermal_conductivity(T, PowerLawDOS(mu))
    k = amplitude * k / k[0]
    rng = np.random.default_rng(seed)
    return k * np.exp(noise * rng.standard_normal(T.size))


def test_exact_recovery_all_models():
    k = synthetic()
    f = kf.fit_eq5(T, k)
    p = kf.fit_power_law(T, k)
    assert f.mu == pytest.approx(MU, abs=1e-7) and p.mu == pytest.approx(MU, abs=1e-7)
    assert f.chi2 < 1e-10 and f.dof == T.size - 2 and f.p_value == pytest.approx(1.0)
    assert f.curve(T) == pytest.approx(k, rel=1e-7)
    s = kf.fit_stm(T, k, kf.ErrorModel("relative", 0.01))
    assert s.mu == 0 and s.dof == T.size - 1 and s.chi2_dof > 10  # μ = 0.15 is not T²


def test_noisy_recovery_and_error_calibration():
    """Over 40 noise realizations the pulls (μ_fit − μ)/σ have mean ≈ 0 and spread ≈ 1."""
    em = kf.ErrorModel("relative", 0.05)
    pulls = []
    for seed in range(40):
        f = kf.fit_power_law(T, synthetic(noise=0.05, seed=seed), em)
        pulls.append((f.mu - MU) / f.mu_err)
    pulls = np.array(pulls)
    assert abs(pulls.mean()) < 0.5 and 0.7 < pulls.std() < 1.3
    f = kf.fit_eq5(T, synthetic(noise=0.05, seed=1), em)
    g = kf.fit_power_law(T, synthetic(noise=0.05, seed=1), em)
    assert f.mu == pytest.approx(g.mu, abs=1e-5) and f.mu_err == pytest.approx(g.mu_err, rel=1e-3)


def test_error_models():
    k = synthetic(noise=0.03, seed=3)
    rel5 = kf.fit_power_law(T, k, kf.ErrorModel("relative", 0.05))
    rel10 = kf.fit_power_law(T, k, kf.ErrorModel("relative", 0.10))
    assert rel10.mu == pytest.approx(rel5.mu) and rel10.mu_err == pytest.approx(2 * rel5.mu_err)
    sc = kf.fit_power_law(T, k, kf.ErrorModel("scatter"))
    assert sc.chi2_dof == pytest.approx(1.0) and math.isnan(sc.p_value)
    assert sc.mu_err == pytest.approx(rel5.mu_err * sc.rms_rel / 0.05, rel=0.2)
    ab = kf.fit_power_law(T, synthetic(), kf.ErrorModel("absolute", 1e-5))  # noise-free
    assert ab.mu == pytest.approx(MU, abs=1e-6)
    bad = kf.fit_power_law(T, k, kf.ErrorModel("absolute", 1e-5))  # σ far below the 3 % noise
    assert bad.p_value < 1e-6  # the goodness of fit flags the wrong error model
    with pytest.raises(ValueError, match="kind"):
        kf.ErrorModel("gaussian")
    with pytest.raises(ValueError, match="size"):
        kf.ErrorModel("relative", -0.1)


def test_windows_and_plateau_edge():
    Tp = np.geomspace(0.05, 2.0, 14)
    kp = 1e-3 * Tp**2 / (1 + (Tp / 0.6) ** 2)  # synthetic T² bending over to a plateau
    d = KappaData(Tp, kp, "synthetic", np.arange(3, 17), "")
    edge = kf.power_law_upper_edge(d, kf.ErrorModel("relative", 0.02))
    assert 0.1 < edge < 0.6
    fits = kf.window_scan(d, Tp[(Tp >= Tp[4]) & (Tp <= edge)], "power_law",
                          kf.ErrorModel("relative", 0.02))
    lo, hi = kf.window_band(fits)
    assert 0 < lo <= hi < 0.5  # the bend raises the apparent μ as the edge grows
    assert fits[0].T_max < fits[-1].T_max and fits[0].mu <= fits[-1].mu
    assert kf.curvature_significance(d, None, kf.ErrorModel("relative", 0.02)) > 2


def test_bad_input():
    with pytest.raises(ValueError, match="only 2 point"):
        kf.fit_eq5(T, synthetic(), T_max=0.08)
    with pytest.raises(ValueError, match="model must be"):
        kf.window_scan(KappaData(T, synthetic(), "", np.arange(10), ""), [0.5], "gauss")
    with pytest.raises(ValueError, match="same length"):
        kf.fit_power_law(T, synthetic()[:-1])
    with pytest.raises(ValueError, match="kappa"):
        kf.fit_power_law(T, -synthetic())
    with pytest.raises(ValueError, match="ErrorModel"):
        kf.fit_stm(T, synthetic(), "relative")


def test_fit_file_one_call(tmp_path):
    path = tmp_path / "mine.csv"
    lines = ["My synthetic glass,Me,notebook 2024", "T(K),k(W/m/K),k/T"]
    lines += [f"{t:.6g},{k:.6g},{k / t:.6g}" for t, k in zip(T, synthetic(), strict=True)]
    path.write_text("\n".join(lines))
    f = kf.fit_file(path, error_model=kf.ErrorModel("relative", 0.01))
    assert f.mu == pytest.approx(MU, abs=1e-4) and f.n == T.size


def test_scatter_curvature_false_alarm_rate():
    # With σ estimated from 5 points (2 dof), |c|/σ_c is Student-t: compared with z = 2 as if
    # Gaussian, a straight power law would be called curved in P(|t_2| > 2) ≈ 18 % of cases.
    # The Gaussian-equivalent z must give the nominal two-sided 4.55 % (tolerance ≈ 4 binomial σ).
    rng = np.random.default_rng(1)
    t5 = np.geomspace(0.06, 0.3, 5)
    n, hits = 3000, 0
    for _ in range(n):
        k = 1e-3 * t5**1.9 * np.exp(0.03 * rng.standard_normal(5))
        hits += kf.curvature_significance(t5, k, kf.ErrorModel("scatter")) > 2
    assert abs(hits / n - 0.0455) < 4 * math.sqrt(0.0455 * 0.9545 / n)
    assert kf._t_to_z(4.303, 2) == pytest.approx(1.960, abs=2e-3)  # t table, 95 % two-sided
    assert kf._t_to_z(2.0, 10**6) == pytest.approx(2.0, abs=1e-4)  # t → Gaussian


def test_f_test_hand_value():
    # F(1, ν) = t_ν²: χ²_r = 30 (6 dof), χ²_f = 5 (5 dof) gives F = 25 = t², t = 5 with 5 dof.
    def fake(chi2, dof):
        return kf.KappaFit("stm" if dof == 6 else "eq5", 0.0, 0.0, 1.0, 0.0, 1.0, chi2, dof,
                           math.nan, 0.0, 7, 0.1, 0.5, kf.ErrorModel())
    from scipy import stats
    assert kf.f_test(fake(30.0, 6), fake(5.0, 5)) == pytest.approx(2 * stats.t.sf(5.0, 5))
    assert 0.001 < kf.f_test(fake(30.0, 6), fake(5.0, 5)) < 0.01  # t_5 table: 4.03 < 5 < 6.87
    # the common size of a relative error cancels
    k = synthetic(noise=0.03, seed=4)
    p = [kf.f_test(kf.fit_stm(T, k, kf.ErrorModel("relative", s)),
                   kf.fit_eq5(T, k, kf.ErrorModel("relative", s))) for s in (0.02, 0.1)]
    assert p[0] == pytest.approx(p[1], rel=1e-6)
    with pytest.raises(ValueError, match="scatter"):
        kf.f_test(kf.fit_stm(T, k, kf.ErrorModel("scatter")), kf.fit_eq5(T, k))
