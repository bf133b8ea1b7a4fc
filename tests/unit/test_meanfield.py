"""TLS-glass mean field (seed 003): geometry, Eq. 4 solver, Eqs. 6 and 12, rate statistics."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from tlspaper import meanfield as mf


def test_site_density_formula_and_sampled_mean_nn_distance():
    # 3-D: n = 3 Γ(4/3)^3 / (4π); 2-D: n = 1/4
    assert mf.site_density(1.0, 3) == pytest.approx(3 * math.gamma(4 / 3) ** 3 / (4 * math.pi))
    assert mf.site_density(2.0, 2) == pytest.approx(1 / 16)
    rng = np.random.default_rng(5)
    for dim in (2, 3):
        pos, L = mf.random_sites(3000, dim, rng)
        d = mf.periodic_distances(pos, L)
        np.fill_diagonal(d, np.inf)
        nn = d.min(axis=1)
        # mean NN distance of a Poisson set is r_nn = 1 (finite-N correction O(1/N))
        assert nn.mean() == pytest.approx(1.0, abs=4 * nn.std() / math.sqrt(nn.size))


def test_periodic_distance_uses_minimum_image():
    d = mf.periodic_distances([[0.5, 0.5, 0.5], [9.5, 9.5, 0.5]], 10.0)
    assert d[0, 1] == pytest.approx(math.sqrt(2))


def test_two_site_system_solved_by_hand():
    # x1 = 1 + c tanh(x2/2T), x2 = c tanh(x1/2T): eliminate x2 and solve the 1-D equation.
    c, T = 0.5, 0.2
    f = lambda x1: x1 - 1 - c * math.tanh(c * math.tanh(x1 / (2 * T)) / (2 * T))  # noqa: E731
    x1 = brentq(f, 0.0, 3.0)
    x2 = c * math.tanh(x1 / (2 * T))
    sol = mf.solve_mean_field([1.0, 0.0], [[0.0, c], [c, 0.0]], T, tol=1e-12)
    assert sol.converged
    np.testing.assert_allclose(sol.x, [x1, x2], atol=1e-10)
    # T -> 0: the field of a saturated spin is the full coupling
    sol0 = mf.solve_mean_field([1.0, 0.0], [[0.0, c], [c, 0.0]], 1e-4)
    np.testing.assert_allclose(sol0.x, [1.5, 0.5], atol=1e-9)


def test_iteration_converges_on_small_glass_and_satisfies_eq4():
    g = mf.tls_glass(60, W=1.0, J=1.0, rng=np.random.default_rng(2))
    T = 0.05
    sol = mf.solve_mean_field(g.delta, g.coupling, T, tol=1e-10)
    assert sol.converged and sol.residual < 1e-10
    # Eq. 4 written out independently: Δ'_i = Δ_i + 1/4 Σ u_ij / r_ij³ tanh(Δ'_j / 2T)
    rhs = g.delta + g.coupling @ np.tanh(sol.x / (2 * T))
    np.testing.assert_allclose(sol.x, rhs, atol=1e-9)


def test_non_convergence_is_reported():
    g = mf.tls_glass(60, W=1.0, J=1.0, rng=np.random.default_rng(2))
    sol = mf.solve_mean_field(g.delta, g.coupling, 0.05, tol=1e-14, max_sweeps=1)
    assert not sol.converged and sol.sweeps == 1 and sol.residual > 1e-14
    with pytest.warns(RuntimeWarning, match="not converged after 1 sweeps"):
        mf.solve_tls_glass(60, 1.0, 1.0, 0.05, np.random.default_rng(2), max_sweeps=1)


def test_coupling_statistics_match_J_and_r3():
    # C_ij r_ij^3 = u_ij / 4 with u Gaussian of std U0 = J r_nn^3
    rng = np.random.default_rng(3)
    g = mf.tls_glass(400, W=1.0, J=2.0, rng=rng)
    d = mf.periodic_distances(g.positions, g.L)
    iu = np.triu_indices(400, 1)
    u = 4 * g.coupling[iu] * d[iu] ** 3
    assert u.std() == pytest.approx(2.0, rel=0.01)
    assert abs(u.mean()) < 0.01
    assert g.delta.std() == pytest.approx(1.0, rel=0.15)
    assert g.delta0.min() >= 1e-7 and g.delta0.max() <= 1e-1


def test_eq6_and_eq12_by_hand():
    E = mf.excitation_energies([0.3, -0.4, 0.0], [0.4, 0.3, 0.2])
    np.testing.assert_allclose(E, [0.5, -0.5, 0.2])
    T = 0.1
    lam = mf.tls_relaxation_rates(E, [0.4, 0.3, 0.2], T, a=2.0)
    expected = [2 * 0.16 * 0.5 / math.tanh(2.5), 2 * 0.09 * 0.5 / math.tanh(2.5),
                2 * 0.04 * 0.2 / math.tanh(1.0)]
    np.testing.assert_allclose(lam, expected)
    assert np.all(lam > 0)
    r = mf.solve_tls_glass(100, 1.0, 1.0, 0.05, np.random.default_rng(0))
    assert np.all(mf.tls_relaxation_rates(r.E, r.delta0, 0.05) > 0)


def test_lambda_min_and_inverse_lambda_fit_on_log_uniform_rates():
    rng = np.random.default_rng(4)
    lam = np.exp(rng.uniform(math.log(1e-9), math.log(1e-3), 300_000))
    assert math.log(mf.lambda_min(lam, bin_width=0.1)) == pytest.approx(math.log(1e-9), abs=0.1)
    fit = mf.fit_inverse_lambda(lam, 1e-9, 1e-8)
    assert abs(fit.exponent - 1) < 4 * fit.exponent_err
    assert fit.A == pytest.approx(1 / math.log(1e6), rel=0.02)


def test_relaxation_curve_follows_eq17_for_1_over_lambda():
    rng = np.random.default_rng(6)
    lmin, lmax = 1e-8, 1.0
    lam = np.exp(rng.uniform(math.log(lmin), math.log(lmax), 200_000))
    t = np.array([1e2, 1e4, 1e6])  # 1/lmax << t << 1/lmin
    c = 1 / math.log(lmax / lmin)
    np.testing.assert_allclose(mf.relaxation_curve(lam, t), mf.log_relaxation(t, lmin, c),
                               atol=0.01)


def test_jackknife_of_mean_equals_standard_error():
    groups = [[1.0], [4.0], [2.0], [7.0]]
    v, e = mf.jackknife(np.mean, groups)
    assert v == pytest.approx(3.5)
    assert e == pytest.approx(np.std([1, 4, 2, 7], ddof=1) / 2)


def test_ising_mean_field_maps_eq2_onto_eq4():
    # one TLS (h1 = 0.3 K) coupled by J = 0.2 K to a partner in a strong field (h2 = -50 K):
    # <τ2> = +1, f1 = 0.3 + 0.2 = 0.5 K, flip energy 2|f1| = 1 K
    s = mf.ising_mean_field([0.3, -50.0], [[0, 0.2], [0.2, 0]], T=0.01)
    assert s.converged
    assert s.x[0] == pytest.approx(1.0, abs=1e-9)
    # without couplings the energies are 2 h
    s0 = mf.ising_mean_field([0.3, -2.0, 4.0], np.zeros((3, 3)), T=1.0)
    np.testing.assert_allclose(s0.x, [0.6, -4.0, 8.0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(N=1), "N must be an integer >= 2, got 1"),
        (dict(T=0.0), "T must be a finite number > 0, got 0.0"),
        (dict(T=-1.0), "T must be a finite number > 0"),
        (dict(W=-0.5), "W must be a finite number >= 0, got -0.5"),
        (dict(delta0_range=(1e-1, 1e-7)), r"0 < low < high, got \(0.1, 1e-07\)"),
        (dict(delta0_range=(1e-3, 1e-3)), "delta0_range must be"),
    ],
)
def test_bad_parameters_raise_clear_errors(kwargs, match):
    args = dict(N=10, W=1.0, J=1.0, T=0.1, rng=np.random.default_rng(0))
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        mf.solve_tls_glass(**args)


def test_table_one_sign_convention():
    assert mf.relaxation_shift_sign(1.0, 2.0) == 1
    assert mf.relaxation_shift_sign(2.0, 1.0) == -1
    assert mf.relaxation_shift_sign(1.0, 1.1, err=0.2) == 0


# --- cached datasets: generation, loading, rates -------------------------------------------


@pytest.fixture
def empty_data_dir(tmp_path, monkeypatch):
    """An empty data folder with an empty registry (the checkout's data/ is not touched)."""
    from tlspaper import data

    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    (tmp_path / "registry.txt").write_text("# name sha256:HASH\n")
    return tmp_path


def test_generate_and_load_a_tiny_dataset(empty_data_dir, monkeypatch):
    from tlspaper import data

    cfg = dict(label="tiny", N=12, W=1.0, J=1.0, T=0.1, realizations=3)
    monkeypatch.setitem(mf.TLS_DATASETS, "tiny_tls.npz", [cfg])
    path = mf.generate_dataset("tiny_tls.npz", seed=7, realizations=2,
                               checkpoint_dir=empty_data_dir / "ck", progress=False)
    assert path == empty_data_dir / "tiny_tls.npz" and "tiny_tls.npz" in data.registry()
    configs, meta = mf.load_dataset("tiny_tls.npz")
    assert meta["seed"] == 7 and len(configs) == 1
    got = configs[0]
    assert got["label"] == "tiny" and got["realizations"] == 2 and got["E"].shape == (2, 12)
    # realization r of configuration k is seeded by SeedSequence([seed, k, r])
    for r in range(2):
        rng = np.random.default_rng(np.random.SeedSequence([7, 0, r]))
        ref = mf.solve_tls_glass(12, 1.0, 1.0, 0.1, rng)
        np.testing.assert_array_equal(got["E"][r], ref.E.astype(np.float32))
        np.testing.assert_array_equal(got["delta0"][r], ref.delta0.astype(np.float32))
    # config_rates, TLS branch: Eq. 12 with a = 1, |λ| = Δ0² |E| coth(|E| / 2T), by hand
    rates = mf.config_rates(got)
    E, d0 = got["E"].astype(float), got["delta0"].astype(float)
    np.testing.assert_allclose(rates, d0**2 * np.abs(E) / np.tanh(np.abs(E) / 0.2), rtol=1e-12)
    with pytest.raises(ValueError, match="unknown dataset 'nope.npz'"):
        mf.generate_dataset("nope.npz")


def test_config_rates_drops_round_off_negative_eigenvalues():
    out = mf.config_rates({"rates": [np.array([1e-3, -1e-17, 2.0]), np.array([5.0])]})
    assert [r.tolist() for r in out] == [[1e-3, 2.0], [5.0]]


def test_rate_exponents_of_log_uniform_rates_are_one(monkeypatch):
    # rates uniform in ln λ over 1e-9 .. 1e-3: p(λ) = 1/(λ ln 1e6), exactly λ^-1
    from tlspaper import electron_glass as eg

    rng = np.random.default_rng(11)
    lam = np.exp(rng.uniform(math.log(1e-9), math.log(1e-3), (4, 50_000)))
    asked = []

    def fake_find_config(name, label):
        asked.append((name, label))
        return {"rates": lam}

    monkeypatch.setattr(mf, "find_config", fake_find_config)
    for s, err in (mf.tls_rate_exponent(), eg.rate_exponent()):
        assert 0 < err < 0.05 and abs(s - 1.0) < 4 * err
    # Fig. 3 (TLS, N = 10 000, J/T = 10) and Fig. 9 (electron glass, W = 1)
    assert asked == [("meanfield_tls_N10000.npz", "fig3"), ("meanfield_eg_disorder.npz", "W=1")]


def test_scorecard_rows_on_the_cached_datasets():
    rows = mf.scorecard_rows()
    assert all(r.paper == "seed 003" for r in rows)
    signs = [r for r in rows if r.item == "Table I"]
    assert len(signs) == 6  # 2 models x (disorder, interaction, system size)
    assert all(r.published in (-1.0, 1.0) and r.ours in (-1.0, 0.0, 1.0) for r in signs)
    # Figs. 3(b), 9(b): the paper's p(λ) ∝ 1/λ; a mean-field rate spectrum is close to it
    expo = {r.item: r for r in rows if r.item.startswith("Fig.")}
    assert set(expo) == {"Fig. 3(b)", "Fig. 9(b)"}
    for r in expo.values():
        assert r.published == 1.0 and 0 < r.uncertainty < 0.1 and abs(r.ours - 1.0) < 0.15
