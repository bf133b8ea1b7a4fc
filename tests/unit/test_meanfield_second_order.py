"""The TLS rate equation beyond Eq. 13 (Eqs. 11, 26, 27 of Churkin et al. (2013)) and the gap fit.

Anchors: the equilibrium is a fixed point; a frozen partner makes the full and the truncated
equations solvable by hand; two coupled TLSs give the first-order rates in closed form; the
expansion orders converge as δ², δ³; Eq. 27 is the formal solution of the printed Eq. 26;
the printed coefficient's relation to the first-order one; a synthetic logarithmic gap is
recovered by the gap fit.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.linalg import expm

from tlspaper import meanfield as mf
from tlspaper import rate_statistics as rs
from tlspaper.papers import churkin2013 as paper

D0 = (1e-7, 1e-1)
T = 0.1


def lam_of(dp, d0, T=T):
    """λ(Δ') of Eq. 12 written out: a Δ0² ε coth(ε/2T), ε = √(Δ'² + Δ0²), a = 1."""
    eps = math.hypot(dp, d0)
    return d0**2 * eps / math.tanh(eps / (2 * T))


def tau(dp, T=T):
    return math.tanh(dp / (2 * T))


def deriv(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def deriv2(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / h**2


@pytest.fixture(scope="module")
def glass():
    rng = np.random.default_rng(11)
    g = mf.tls_glass(25, 1.0, 1.0, rng, D0, dtype=float)
    sol = mf.solve_mean_field(g.delta, g.coupling, T, x0=rng.uniform(-1.4, 1.4, 25), tol=1e-12)
    return sol.x, g.delta0, g.coupling


def test_equilibrium_is_a_fixed_point_of_every_form(glass):
    dp, d0, C = glass
    for order in mf.RATE_EQUATION_ORDERS:
        rhs = mf.tls_rate_equation(np.zeros_like(dp), dp, d0, C, T, order=order)
        assert np.all(rhs == 0), order


def test_expansion_orders_converge_as_powers_of_the_deviation(glass):
    # full - first = O(δ²), full - second = O(δ³): halving δ divides them by 4 and 8
    dp, d0, C = glass
    v = np.random.default_rng(3).normal(size=dp.size)
    err = {}
    for order in ("first", "second"):
        e = []
        for s in (1e-3, 5e-4):
            full = mf.tls_rate_equation(s * v, dp, d0, C, T)
            e.append(np.linalg.norm(full - mf.tls_rate_equation(s * v, dp, d0, C, T,
                                                                 order=order)))
        err[order] = e[0] / e[1]
    assert err["first"] == pytest.approx(4.0, rel=0.05)
    assert err["second"] == pytest.approx(8.0, rel=0.1)


def test_derived_coupling_is_the_derivative_of_the_rate():
    dp, d0, c = np.array([0.23, -0.07]), np.array([3e-2, 1e-3]), 0.4
    C = np.array([[0.0, c], [c, 0.0]])
    f = mf.second_order_coupling(dp, d0, C, T)
    for i in range(2):
        assert f[i, 1 - i] == pytest.approx(deriv(lambda x, i=i: lam_of(x, d0[i]), dp[i]) * c,
                                            rel=1e-6)
    # limits: λ b ε C/(6T²) for ε ≪ T, λ b C/ε for ε ≫ T
    small = mf.second_order_coupling([1e-3, 1.0], [1e-6, 1e-6], C, T)[0, 1]
    assert small == pytest.approx(lam_of(1e-3, 1e-6) * 1e-3 * c / (6 * T**2), rel=1e-4)
    big = mf.second_order_coupling([-5.0, 1.0], [1e-3, 1e-3], C, T)[0, 1]
    assert big == pytest.approx(-lam_of(-5.0, 1e-3) * c / math.hypot(5.0, 1e-3), rel=1e-6)


def test_printed_coefficient_is_four_times_first_order_over_tanh():
    # f_ij(printed) = 4 λ_i τ'_i C_ij / tanh(Δ'_i/2T) when Δ0 ≪ |Δ'|: the first-order term
    # multiplied by -4 δσ_i/σ_i⁰ (σ⁰ = -tanh(Δ'/2T))
    dp, d0, c = np.array([0.05, -0.3]), np.array([1e-9, 1e-9]), 0.2
    C = np.array([[0.0, c], [c, 0.0]])
    f = mf.second_order_coupling(dp, d0, C, T, form="printed")
    for i in range(2):
        first = lam_of(dp[i], d0[i]) * deriv(tau, dp[i]) * c
        assert f[i, 1 - i] == pytest.approx(4 * first / tau(dp[i]), rel=1e-6)


def test_printed_coefficient_is_the_derivative_of_the_coth_factor_alone():
    # exact for any Δ0: f_derived = λ Δ' C / ε² - f_printed / 4, and f_printed / 4 is minus the
    # derivative of the coth factor of λ alone, a Δ0² ε ∂coth(ε/2T)/∂Δ' (ε held in front)
    dp, d0, c = np.array([0.07, -0.15, 0.3]), np.array([4e-2, 1e-3, 9e-2]), 0.3
    C = np.full((3, 3), c) - np.diag([c] * 3)
    fd = mf.second_order_coupling(dp, d0, C, T)
    fp = mf.second_order_coupling(dp, d0, C, T, form="printed")
    for i in range(3):
        eps = math.hypot(dp[i], d0[i])
        lam = lam_of(dp[i], d0[i])
        assert fd[i, (i + 1) % 3] == pytest.approx(lam * dp[i] * c / eps**2
                                                   - fp[i, (i + 1) % 3] / 4, rel=1e-10)
        coth_part = deriv(lambda x, i=i, eps=eps: d0[i]**2 * eps
                          / math.tanh(math.hypot(x, d0[i]) / (2 * T)), dp[i])
        assert fp[i, (i + 1) % 3] / 4 == pytest.approx(-coth_part * c, rel=1e-6)


def test_weighted_sums_of_the_deviation():
    dp, d0 = np.array([0.3, -0.05, 0.02]), np.array([1e-2, 1e-3, 2e-2])
    t = np.logspace(0, 8, 5)
    ds0 = paper.depolarized(dp, T, 0.05)
    res = mf.integrate_tls_rate_equation(dp, d0, np.zeros((3, 3)), T, ds0, t, order="diagonal")
    lam = mf.tls_relaxation_rates(mf.excitation_energies(dp, d0), d0, T)
    # signed sum with c_i = +c: the plain sum of Eq. 15; energy: Σ |Δ'_i| e^(-λ_i t) / Σ |Δ'_i|
    np.testing.assert_allclose(res.weighted_sum(np.sign(ds0)), np.exp(-np.outer(t, lam)).mean(1),
                               rtol=1e-12)
    np.testing.assert_allclose(res.weighted_sum(dp), np.exp(-np.outer(t, lam)) @ np.abs(dp)
                               / np.abs(dp).sum(), rtol=1e-12)
    with pytest.raises(ValueError, match="weights must be"):
        res.weighted_sum([1.0, 1.0])
    with pytest.raises(ValueError, match="undefined"):
        res.weighted_sum([0.0, 0.0, 0.0])


def test_frozen_partner_solved_by_hand():
    # TLS 2 has Δ0 = 0 (λ2 = 0) and stays at δσ2 = c2; TLS 1 sees the constant field shift
    # -C c2 and relaxes exponentially: δσ1(t) = s∞ + (c1 - s∞) e^(-κ t) in every form.
    dp = np.array([0.08, -0.25])
    d0 = np.array([2e-2, 0.0])
    C12, c1, c2 = 0.15, 0.03, 0.1
    C = np.array([[0.0, C12], [C12, 0.0]])
    t = np.linspace(0.0, 4e4, 9)
    phi = C12 * c2
    x = dp[0]
    lam = lam_of(x, d0[0])
    dlam = deriv(lambda v: lam_of(v, d0[0]), x)
    t1, t2 = deriv(tau, x), deriv2(tau, x)
    hand = {
        # full: new field Δ'1 - φ, rate and target of that field
        "full": (lam_of(x - phi, d0[0]), tau(x) - tau(x - phi)),
        "first": (lam, t1 * phi),
        # second order: κ = λ - λ'φ, source λτ'φ - (λ'τ' + ½λτ'')φ²
        "second": (lam - dlam * phi,
                   (lam * t1 * phi - (dlam * t1 + 0.5 * lam * t2) * phi**2) / (lam - dlam * phi)),
        # Eq. 26 as printed: κ = λ - f12 c2, no source
        "eq26": (lam - 4 * lam * x / math.hypot(x, d0[0]) * C12 / (T * math.sinh(
            math.hypot(x, d0[0]) / T)) * c2, 0.0),
    }
    for order, (kappa, s_inf) in hand.items():
        res = mf.integrate_tls_rate_equation(dp, d0, C, T, [c1, c2], t, order=order,
                                             rtol=1e-10, atol=1e-14)
        assert res.success, order
        np.testing.assert_allclose(res.dsigma[:, 1], c2, rtol=1e-12)
        expect = s_inf + (c1 - s_inf) * np.exp(-kappa * t)
        np.testing.assert_allclose(res.dsigma[:, 0], expect, rtol=2e-6, atol=1e-9,
                                   err_msg=order)
    # the truncations approach the full solution: second order misses only O(φ³)
    full_k, full_s = hand["full"]
    assert abs(hand["second"][1] - full_s) < 0.1 * abs(hand["first"][1] - full_s)


def test_two_coupled_tls_first_order_rates_by_hand():
    dp, d0, c = np.array([0.05, -0.02]), np.array([1e-2, 3e-3]), 0.08
    C = np.array([[0.0, c], [c, 0.0]])
    lam = np.array([lam_of(dp[i], d0[i]) for i in range(2)])
    D = np.array([deriv(tau, v) for v in dp])
    # M = -Λ(I - D C): eigenvalues of Λ(I - DC) from the 2×2 characteristic polynomial
    disc = math.sqrt((lam[0] - lam[1]) ** 2 + 4 * lam[0] * lam[1] * D[0] * D[1] * c**2)
    mu = np.sort([(lam.sum() - disc) / 2, (lam.sum() + disc) / 2])
    np.testing.assert_allclose(mf.tls_linear_rates(dp, d0, C, T), mu, rtol=1e-6)
    M = np.array([[-lam[0], lam[0] * D[0] * c], [lam[1] * D[1] * c, -lam[1]]])
    t = np.linspace(0.0, 2e5, 6)
    ds0 = np.array([1e-6, -2e-6])
    exact = np.array([expm(M * tk) @ ds0 for tk in t])
    first = mf.integrate_tls_rate_equation(dp, d0, C, T, ds0, t, order="first", rtol=1e-10,
                                           atol=1e-18)
    np.testing.assert_allclose(first.dsigma, exact, rtol=1e-6, atol=1e-15)
    full = mf.integrate_tls_rate_equation(dp, d0, C, T, ds0, t, rtol=1e-10, atol=1e-18)
    np.testing.assert_allclose(full.dsigma, exact, rtol=1e-4, atol=1e-12)


def test_eq27_is_the_formal_solution_of_the_printed_eq26():
    dp, d0 = np.array([0.03, -0.04, 0.2]), np.array([2e-2, 1e-2, 3e-2])
    C = np.array([[0.0, 0.1, -0.05], [0.1, 0.0, 0.07], [-0.05, 0.07, 0.0]])
    t = np.linspace(0.0, 3e4, 3001)
    c = np.array([0.02, -0.03, 0.01])
    res = mf.integrate_tls_rate_equation(dp, d0, C, T, c, t, order="eq26", rtol=1e-10,
                                         atol=1e-14)
    assert res.success
    lam = np.array([lam_of(dp[i], d0[i]) for i in range(3)])
    f = mf.second_order_coupling(dp, d0, C, T, form="printed")
    integral = np.concatenate([np.zeros((1, 3)), np.cumsum(
        0.5 * (res.dsigma[1:] + res.dsigma[:-1]) * np.diff(t)[:, None], axis=0)])
    eq27 = c * np.exp(-np.outer(t, lam)) * np.exp(integral @ f.T)
    np.testing.assert_allclose(res.dsigma, eq27, rtol=1e-5, atol=1e-12)


def test_full_equation_keeps_pseudospins_physical_and_ends_at_a_fixed_point(glass):
    dp, d0, C = glass
    t = np.logspace(-1, 17, 91)
    ds0 = paper.depolarized(dp, T, 0.9)
    res = mf.integrate_tls_rate_equation(dp, d0, C, T, ds0, t)
    assert res.success
    sigma = -np.tanh(dp / (2 * T)) + res.dsigma
    assert np.all(np.abs(sigma) <= 1 + 1e-9)
    end = mf.tls_rate_equation(res.dsigma[-1], dp, d0, C, T)
    assert np.max(np.abs(end)) < 1e-12  # a stationary state (the old or a new mean field)


def test_diagonal_form_is_eq13_and_its_norm_is_eq15(glass):
    dp, d0, C = glass
    lam = mf.tls_relaxation_rates(mf.excitation_energies(dp, d0), d0, T)
    t = np.logspace(-1, 17, 181)
    res = mf.integrate_tls_rate_equation(dp, d0, C, T, paper.depolarized(dp, T, 0.05), t,
                                         order="diagonal")
    np.testing.assert_allclose(res.effective_rates(), lam, rtol=1e-9)
    np.testing.assert_allclose(res.norm(), rs.relaxation_curve(lam, t), rtol=1e-12)


def test_truncated_forms_stop_when_they_leave_the_physical_range():
    # Eq. 26 as printed: f ∝ 1/ε for a TLS with ε ≪ T, here f12 δσ2 ≈ 50 λ1 while the
    # slow partner (λ2 ≈ 5e-11) holds δσ2, so δσ1 grows exponentially
    dp, d0 = np.array([1e-2, 0.5]), np.array([1e-2, 1e-5])
    C = np.array([[0.0, 0.5], [0.5, 0.0]])
    res = mf.integrate_tls_rate_equation(dp, d0, C, T, [0.2, 0.5], np.logspace(-1, 8, 50),
                                         order="eq26")
    assert not res.success and "diverges" in res.message
    assert np.isnan(res.dsigma[-1]).all() and res.norm()[0] == pytest.approx(1.0, abs=1e-3)


def test_bad_input_errors():
    dp, d0, C = [0.1, 0.2], [1e-2, 1e-2], np.zeros((2, 2))
    t = [0.0, 1.0]
    with pytest.raises(ValueError, match="order must be one of"):
        mf.tls_rate_equation([0, 0], dp, d0, C, T, order="third")
    with pytest.raises(ValueError, match="C must be a finite"):
        mf.tls_rate_equation([0, 0], dp, d0, np.zeros((3, 3)), T)
    with pytest.raises(ValueError, match="delta0 must be"):
        mf.tls_rate_equation([0, 0], dp, [-1e-2, 1e-2], C, T)
    with pytest.raises(ValueError, match="dsigma must have shape"):
        mf.tls_rate_equation([0, 0, 0], dp, d0, C, T)
    with pytest.raises(ValueError, match="outside"):
        mf.integrate_tls_rate_equation(dp, d0, C, T, [1.5, 0.0], t)
    with pytest.raises(ValueError, match="t must be"):
        mf.integrate_tls_rate_equation(dp, d0, C, T, [0.0, 0.0], [1.0, 0.5])
    with pytest.raises(ValueError, match="T must be"):
        mf.integrate_tls_rate_equation(dp, d0, C, 0.0, [0.0, 0.0], t)
    with pytest.raises(ValueError, match="form must be"):
        mf.second_order_coupling(dp, d0, C, T, form="guessed")
    with pytest.raises(ValueError, match="must not both vanish"):
        mf.tls_rate_equation([0, 0], [0.0, 0.2], [0.0, 1e-2], C, T)
    res = mf.integrate_tls_rate_equation(dp, d0, C, T, [0.01, 0.01], t, order="diagonal")
    with pytest.raises(ValueError, match="level must be < 1"):
        res.effective_rates(1.5)
    with pytest.raises(ValueError, match="c must be in"):
        paper.depolarized(dp, T, 0.0)


def _synthetic_gap(kappa, E0, blocks=20, per_block=400_000, seed=0):
    """Block histograms of log10|E| as stored by meanfield_tls_gap.npz, for a known gap.

    Reference energies uniform on [0, 10] J; the "mean-field" ones uniform on [0, 10] J kept
    with probability ρ(E) = 1 / (1 + κ ln(E0/E)) below E0 (the others moved far above the
    grid), so that n(E) / n_ref(E) = ρ(E) for the same number of TLSs.
    """
    rng = np.random.default_rng(seed)
    edges = paper.LOG_ABS_E_EDGES
    rho = lambda e: np.where(e < E0, 1 / (1 + kappa * np.log(E0 / np.maximum(e, 1e-300))),  # noqa: E731
                             1.0)
    a, b = [], []
    for _ in range(blocks):
        ref = rng.uniform(0.0, 10.0, per_block)
        e = rng.uniform(0.0, 10.0, per_block)
        e = np.where(rng.uniform(size=per_block) < rho(e), e, 1e3)
        a.append(np.histogram(np.clip(np.log10(e), edges[0], edges[-1]), edges)[0])
        b.append(np.histogram(np.clip(np.log10(ref), edges[0], edges[-1]), edges)[0])
    return {"absE_hist": np.array(a), "absEref_hist": np.array(b), "absEshuf_hist": np.array(b),
            "W": 10.0}


def test_log_gap_fit_recovers_a_synthetic_logarithmic_gap():
    kappa, E0 = 0.2, 2.0
    cfg = _synthetic_gap(kappa, E0)
    fit = paper.log_gap_fit(cfg, window=(0.03, 1.0))
    assert fit["kappa"][0] == pytest.approx(kappa, abs=4 * fit["kappa"][1])
    assert fit["ln_E0"][0] == pytest.approx(math.log(E0), abs=4 * fit["ln_E0"][1])
    ln_eg = math.log(E0) - 1 / kappa  # half depth
    assert fit["ln_Eg"][0] == pytest.approx(ln_eg, abs=4 * fit["ln_Eg"][1])
    # depth below 0.1 J: 1 - ⟨1/(1 + κ ln(E0/E))⟩ over E uniform in [0, 0.1]
    e = np.linspace(1e-7, 0.1, 200_001)
    depth = 1 - np.mean(1 / (1 + kappa * np.log(E0 / e)))
    v, err = paper.gap_depth(cfg, 0.1)
    assert v == pytest.approx(depth, abs=4 * err + 2e-3)


def test_log_gap_fit_goodness_of_fit_and_references():
    cfg = _synthetic_gap(0.2, 2.0, seed=1)
    for ref in paper.GAP_REFERENCES:
        fit = paper.log_gap_fit(cfg, window=(0.03, 1.0), reference=ref)
        assert fit["dof"] >= 3 and fit["chi2"] < 5 * fit["dof"] + 10  # the form holds exactly
    assert paper.gap_reference_shift(cfg, 1.0) == (0.0, 0.0)
    with pytest.raises(ValueError, match="reference must be one of"):
        paper.gap_depth(cfg, 0.1, "uniform")
    with pytest.raises(ValueError, match="reference must be one of"):
        paper.log_gap_fit(cfg, reference="gaussian")


def test_log_gap_depth_is_the_average_of_the_profile():
    kappa, E0, cut = 0.15, 2.5, 0.1
    e = np.linspace(1e-9, cut, 400_001)
    direct = 1 - np.mean(1 / (1 + kappa * np.log(E0 / e)))
    assert paper.log_gap_depth(kappa, math.log(E0), cut) == pytest.approx(direct, abs=2e-4)
    # small κ: κ (ln(E0/cut) + 1), linear in κ ∝ J/W (a depth ∝ (W/J)^-1 at large W/J)
    assert paper.log_gap_depth(1e-5, math.log(E0), cut) == pytest.approx(
        1e-5 * (math.log(E0 / cut) + 1), rel=1e-3)
    with pytest.raises(ValueError, match="cut <= E0"):
        paper.log_gap_depth(0.1, 0.0, 2.0)


def test_rate_equation_summary_rejects_an_unknown_observable():
    with pytest.raises(ValueError, match="observable must be one of"):
        paper.rate_equation_summary(observable="l2")
