"""TLS-glass mean field of Churkin et al. (2013): geometry, the Eq. 4 solver, Eqs. 6 and 12."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from tlspaper import meanfield as mf
from tlspaper.one_phonon import coth_factor

D0 = (1e-7, 1e-1)  # log-uniform Δ0 range [J] of the tests


def test_site_density_formula_and_sampled_mean_nn_distance():
    # 3-D: n = 3 Γ(4/3)^3 / (4π); 2-D: n = 1/4
    assert mf.site_density(1.0, 3) == pytest.approx(3 * math.gamma(4 / 3) ** 3 / (4 * math.pi))
    assert mf.site_density(2.0, 2) == pytest.approx(1 / 16)
    rng = np.random.default_rng(5)
    for dim in (2, 3):
        pos, L = mf.random_sites(3000, dim, rng, convention="poisson")
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
    g = mf.tls_glass(60, W=1.0, J=1.0, rng=np.random.default_rng(2), delta0_range=D0)
    T = 0.05
    sol = mf.solve_mean_field(g.delta, g.coupling, T, tol=1e-10)
    assert sol.converged and sol.residual < 1e-10
    # Eq. 4 written out independently: Δ'_i = Δ_i + 1/4 Σ u_ij / r_ij³ tanh(Δ'_j / 2T)
    rhs = g.delta + g.coupling @ np.tanh(sol.x / (2 * T))
    np.testing.assert_allclose(sol.x, rhs, atol=1e-9)


def test_non_convergence_is_reported():
    g = mf.tls_glass(60, W=1.0, J=1.0, rng=np.random.default_rng(2), delta0_range=D0)
    sol = mf.solve_mean_field(g.delta, g.coupling, 0.05, tol=1e-14, max_sweeps=1)
    assert not sol.converged and sol.sweeps == 1 and sol.residual > 1e-14
    with pytest.warns(RuntimeWarning, match="not converged after 1 sweeps"):
        mf.solve_tls_glass(60, 1.0, 1.0, 0.05, np.random.default_rng(2), D0, max_sweeps=1)


def test_coupling_statistics_match_J_and_r3():
    # C_ij r_ij^3 = u_ij / 4 with u Gaussian of std U0 = J r_nn^3
    rng = np.random.default_rng(3)
    g = mf.tls_glass(400, W=1.0, J=2.0, rng=rng, delta0_range=D0)
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
    r = mf.solve_tls_glass(100, 1.0, 1.0, 0.05, np.random.default_rng(0), D0)
    assert np.all(mf.tls_relaxation_rates(r.E, r.delta0, 0.05) > 0)


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
    args = dict(N=10, W=1.0, J=1.0, T=0.1, rng=np.random.default_rng(0), delta0_range=D0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        mf.solve_tls_glass(**args)


def test_eq12_uses_the_one_phonon_thermal_factor_bit_identically():
    # a Δ0² |E| coth(|E|/2T) through tlspaper.one_phonon.coth_factor, and the same bits as the
    # formula the cached datasets were analysed with (E / tanh(E/2T), limit 2T)
    rng = np.random.default_rng(8)
    E = np.concatenate([rng.normal(0, 1, 1000), [0.0, 1e-12, -1e-12]])
    d0 = np.exp(rng.uniform(np.log(1e-7), np.log(0.1), E.size))
    T, a = 0.07, 3.0
    lam = mf.tls_relaxation_rates(E, d0, T, a=a)
    np.testing.assert_array_equal(lam, a * d0**2 * coth_factor(np.abs(E), T))
    z = np.abs(E) / (2 * T)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(z > 1e-8, np.abs(E) / np.tanh(np.maximum(z, 1e-300)), 2 * T)
    np.testing.assert_array_equal(lam, a * d0**2 * g)
    assert lam[-3] == pytest.approx(a * d0[-3] ** 2 * 2 * T)  # E -> 0: 2 a T Δ0²


def test_delta0_range_is_an_explicit_argument():
    with pytest.raises(TypeError, match="delta0_range"):
        mf.solve_tls_glass(10, 1.0, 1.0, 0.1, np.random.default_rng(0))  # type: ignore[call-arg]
    g = mf.tls_glass(300, 1.0, 1.0, np.random.default_rng(0), delta0_range=(1e-3, 1e-2))
    assert g.delta0.min() >= 1e-3 and g.delta0.max() <= 1e-2


def test_default_density_convention_is_the_papers_app_a():
    # App. A of Churkin et al. (2013): r̄ = L / (N^(1/d) - 1) is the mean nearest-neighbour
    # distance "as used in the numerical calculation", with r_nn = 1 (Sec. II): L = N^(1/d) - 1
    assert mf.DEFAULT_CONVENTION == "paper"
    assert mf.box_length(1000) == pytest.approx(9.0)
    assert mf.box_length(10000, dim=2) == pytest.approx(99.0)
    assert mf.box_length(100, r_nn=2.0, dim=2) == pytest.approx(18.0)
    g = mf.tls_glass(1000, 1.0, 1.0, np.random.default_rng(0), D0)
    assert g.L == pytest.approx(9.0)
    # the alternative keeps the Poisson density 0.170 r_nn^-3 at every N
    assert 1000 / mf.box_length(1000, convention="poisson") ** 3 == pytest.approx(
        mf.site_density(1.0, 3))
    with pytest.raises(ValueError, match="convention must be one of"):
        mf.box_length(10, convention="lattice")


def test_chi_of_each_convention_by_hand():
    # χ = n r_nn³ J / (√(2π) W ln(Δ0max/Δ0min)); paper box at N = 1000: n = 1000 / 9³
    ln_range = math.log(1e6)
    assert mf.tls_chi(1000, 1.0, 1.0, D0) == pytest.approx(
        1000 / 729 / (math.sqrt(2 * math.pi) * ln_range))
    assert mf.tls_chi(1000, 1.0, 1.0, D0, convention="poisson") == pytest.approx(
        mf.site_density() / (math.sqrt(2 * math.pi) * ln_range))
    # the paper's χ = 1e-3 with W = J = r_nn = 1 needs n ≈ 0.035, far below either density
    n_needed = 1e-3 * math.sqrt(2 * math.pi) * ln_range
    assert n_needed == pytest.approx(0.0346, abs=1e-4)
    assert mf.tls_chi(1000, 1.0, 1.0, D0, convention="poisson") > 4 * 1e-3


def test_float32_couplings_are_the_rounding_of_the_float64_ones():
    g32 = mf.tls_glass(300, 1.0, 1.0, np.random.default_rng(4), D0)
    g64 = mf.tls_glass(300, 1.0, 1.0, np.random.default_rng(4), D0, dtype=float)
    assert g32.coupling.dtype == np.float32 and g64.coupling.dtype == np.float64
    np.testing.assert_array_equal(g32.coupling, g64.coupling.astype(np.float32))
    # and the float64 ones are u / (4 r³) of the dense minimum-image distances
    d = mf.periodic_distances(g64.positions, g64.L)
    iu = np.triu_indices(300, 1)
    u = 4 * g64.coupling[iu] * d[iu] ** 3
    assert u.std() == pytest.approx(1.0, rel=0.02)


@pytest.mark.parametrize("convention", mf.CONVENTIONS)
def test_fast_solver_agrees_with_the_dense_float64_reference(convention):
    # same realizations: float32 couplings + compiled build vs distance matrix + float64
    T = 0.05
    for seed in range(4):
        fast = mf.solve_tls_glass(200, 1.0, 1.0, T, np.random.default_rng(seed), D0,
                                  convention=convention)
        ref = mf.solve_tls_glass(200, 1.0, 1.0, T, np.random.default_rng(seed), D0,
                                 convention=convention, fast=False)
        assert fast.converged and ref.converged
        # the same solution up to the float32 rounding of the couplings (6e-8 relative)
        np.testing.assert_allclose(fast.E, ref.E, atol=1e-4)
        # the fast solution satisfies Eq. 4 with the exact float64 couplings
        g = mf.tls_glass(200, 1.0, 1.0, np.random.default_rng(seed), D0,
                         convention=convention, dtype=float)
        rhs = g.delta + g.coupling @ np.tanh(fast.delta_prime / (2 * T))
        assert np.max(np.abs(rhs - fast.delta_prime)) < 1e-4
