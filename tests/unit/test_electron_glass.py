"""Electron glass of Churkin et al. (2013): Eq. 20, Miller-Abrahams rates, Eq. 23 spectrum."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import brentq

from tlspaper import electron_glass as eg
from tlspaper import meanfield as mf


def _small_glass(N=40, T=0.1, seed=1):
    rng = np.random.default_rng(seed)
    pos, L = mf.random_sites(N, 2, rng, convention="poisson")
    dist = mf.periodic_distances(pos, L)
    eps = rng.uniform(-0.5, 0.5, N)
    sol = mf.solve_mean_field(eps, eg.coulomb_coupling(dist), T)
    return sol.x, dist


def test_two_site_eq20_by_hand():
    # E1 = ε1 - (e²/2r) tanh(E2/2T), E2 = ε2 - (e²/2r) tanh(E1/2T), e²/r = 1 at r = 1
    T, e1, e2 = 0.2, 0.4, -0.1
    f = lambda E1: E1 - e1 + 0.5 * math.tanh((e2 - 0.5 * math.tanh(E1 / (2 * T))) / (2 * T))  # noqa: E731
    E1 = brentq(f, -3, 3)
    E2 = e2 - 0.5 * math.tanh(E1 / (2 * T))
    C = eg.coulomb_coupling([[0.0, 1.0], [1.0, 0.0]])
    sol = mf.solve_mean_field([e1, e2], C, T, tol=1e-12)
    np.testing.assert_allclose(sol.x, [E1, E2], atol=1e-10)


def test_miller_abrahams_rate_by_hand_and_detailed_balance():
    E, T, xi, r = np.array([0.3, -0.2]), 0.5, 0.25, 1.0
    g = np.exp(eg.miller_abrahams_log_rates(E, [[0, r], [r, 0]], T, xi))
    n = 1 / (np.exp(E / T) + 1)
    Nph = 1 / (math.exp(0.5 / T) - 1)
    # 1 -> 2 goes down in energy (emission, N + 1); 2 -> 1 goes up (absorption, N)
    assert g[0, 1] == pytest.approx(n[0] * (1 - n[1]) * math.exp(-r / xi) * (Nph + 1))
    assert g[1, 0] == pytest.approx(n[1] * (1 - n[0]) * math.exp(-r / xi) * Nph)
    assert g[0, 1] == pytest.approx(g[1, 0])


def test_symmetrized_matrix_has_the_spectrum_of_A_and_one_zero_eigenvalue():
    E, dist = _small_glass()
    T, xi = 0.1, 0.5
    A = eg.rate_matrix(E, dist, T, xi)
    S = eg.symmetrized_rate_matrix(E, dist, T, xi)
    np.testing.assert_allclose(A.sum(axis=0), 0.0, atol=1e-12 * np.abs(A).max())
    assert np.allclose(S, S.T)
    ev_S = np.sort(np.linalg.eigvalsh(S))
    ev_A = np.sort(np.linalg.eigvals(A).real)
    scale = np.abs(ev_S).max()
    np.testing.assert_allclose(ev_S, ev_A, atol=1e-9 * scale)
    zero = np.abs(ev_S) < 1e-12 * scale
    assert zero.sum() == 1  # particle conservation
    assert np.all(ev_S[~zero] < 0)
    rates = eg.relaxation_rates(E, dist, T, xi)
    assert rates.size == E.size - 1 and np.all(rates > 0)
    np.testing.assert_allclose(np.sort(-ev_S[~zero]), rates, rtol=1e-8)


def test_tunneling_rates_of_a_pair_and_eq_a2_normalisation():
    r = eg.tunneling_rates([[0, 1.2], [1.2, 0]], 0.3)
    assert r.tolist() == pytest.approx([2 * math.exp(-4.0)])
    assert quad(eg.nn_hopping_pdf, 0, np.inf, args=(10, 0.1))[0] == pytest.approx(1.0)
    assert eg.paper_box_length(100, 2.0) == 18.0


def test_small_electron_glass_converges_with_coulomb_gap():
    out = eg.solve_electron_glass(300, 1.0, 1.0, 0.05, np.random.default_rng(3), xi=0.1)
    assert out["converged"] and out["residual"] < 1e-9
    E = out["E"]
    # the Coulomb gap: fewer states near E = 0 than a flat band of width W would give
    assert np.mean(np.abs(E) < 0.05) < 0.5 * 0.1
    assert np.all(out["rates"] > 0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (dict(N=1), "N must be an integer >= 2, got 1"),
        (dict(T=0.0), "T must be a finite number > 0, got 0.0"),
        (dict(W=-1.0), "W must be a finite number >= 0, got -1.0"),
        (dict(xi=0.0), "xi must be a finite number > 0"),
    ],
)
def test_bad_parameters_raise_clear_errors(kwargs, match):
    args = dict(N=10, W=1.0, J=1.0, T=0.1, rng=np.random.default_rng(0), xi=0.1)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        eg.solve_electron_glass(**args)


def test_fermi_function_by_hand():
    # n(E) = 1/(e^(E/T) + 1): 1/2 at E = 0, 1/(e + 1) at E = T, and n(-E) = 1 - n(E)
    E = np.array([0.0, 0.2, -0.2])
    np.testing.assert_allclose(eg.fermi(E, 0.2), [0.5, 1 / (math.e + 1), math.e / (math.e + 1)],
                               rtol=1e-14)


def test_couplings_from_positions_equal_the_dense_ones():
    rng = np.random.default_rng(2)
    pos, L = mf.random_sites(200, 2, rng)
    dense = eg.coulomb_coupling(mf.periodic_distances(pos, L), 2.0)
    np.testing.assert_array_equal(eg.coulomb_coupling_from_positions(pos, L, 2.0),
                                  dense.astype(np.float32))
    np.testing.assert_allclose(eg.coulomb_coupling_from_positions(pos, L, 2.0, dtype=float),
                               dense, rtol=1e-15)


@pytest.mark.parametrize("convention", mf.CONVENTIONS)
def test_fast_electron_glass_agrees_with_the_dense_reference(convention):
    for seed in range(3):
        fast = eg.solve_electron_glass(150, 1.0, 1.0, 0.1, np.random.default_rng(seed), xi=0.1,
                                       convention=convention)
        ref = eg.solve_electron_glass(150, 1.0, 1.0, 0.1, np.random.default_rng(seed), xi=0.1,
                                      convention=convention, fast=False)
        np.testing.assert_allclose(fast["E"], ref["E"], atol=1e-5)
        # rates above the round-off floor agree to the float32 rounding of the energies
        ok = ref["rates"] > 1e-12
        np.testing.assert_allclose(np.log(fast["rates"][ok]), np.log(ref["rates"][ok]),
                                   atol=1e-3)


def test_compiled_rate_matrix_equals_the_numpy_one():
    E, dist = _small_glass(N=60)
    T, xi = 0.1, 0.5
    ref = np.sort(-np.linalg.eigvalsh(eg.symmetrized_rate_matrix(E, dist, T, xi)))
    ref = np.delete(ref, np.argmin(np.abs(ref)))
    np.testing.assert_allclose(eg.relaxation_rates(E, dist, T, xi), ref, rtol=1e-9,
                               atol=1e-14 * ref.max())


def test_default_box_is_app_a_in_two_dimensions():
    # L = r̄ (√N - 1) with r̄ = r_nn = 1; the Poisson box is L = 2 √N r_nn
    assert mf.box_length(400, dim=2) == pytest.approx(19.0)
    assert eg.paper_box_length(400) == pytest.approx(mf.box_length(400, dim=2))
    assert mf.box_length(400, dim=2, convention="poisson") == pytest.approx(40.0)
