"""The generic annealer of tlspaper.montecarlo and the TLS glass mapped onto it: hand values."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tlspaper import meanfield as mf
from tlspaper import montecarlo as mc
from tlspaper import rate_statistics as rs
from tlspaper.papers import churkin2013 as paper
from tlspaper.papers.beyond import tls_glass_mc as ext

COLD = mc.geometric_schedule(10.0, 1e-3, 30)


def _energy(J, h, tau):
    """H = Σ h τ + ½ Σ_{i≠j} J τ τ in float64 with the float32-rounded couplings."""
    J = np.asarray(J, dtype=np.float32).astype(float)
    tau = np.asarray(tau, dtype=float)
    return float(h @ tau + 0.5 * tau @ J @ tau)


def _ground_state(J, h):
    """Exact ground state by enumeration of the 2^N configurations."""
    states = np.array(list(itertools.product([-1.0, 1.0], repeat=len(h))))
    energies = np.array([_energy(J, h, s) for s in states])
    return states[np.argmin(energies)], float(energies.min())


def _random_system(n, rng):
    J = rng.normal(size=(n, n))
    J = np.triu(J, 1)
    return J + J.T, rng.normal(size=n)


# ----------------------------------------------------------------------------- ground states


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("k", range(5))
def test_anneal_to_zero_reaches_the_exact_ground_state(n, k):
    # Annealing is a heuristic: a single run can freeze a strongly coupled cluster in its
    # reversed orientation when the fields separate the two by little (3 of these 15 systems
    # at seed 0; one of them, with a gap of 0.19, in 6 of 10 seeds even at 400 sweeps), a
    # local minimum stable against single and pair flips.  So: every run ends stable and at
    # or above the exact ground state, and the best of ten seeds is the ground state.
    J, h = _random_system(n, np.random.default_rng(100 * n + k))
    gs, e0 = _ground_state(J, h)
    runs = [mc.anneal_system(J, h, COLD, sweeps=40, seed=seed) for seed in range(10)]
    for r in runs:
        assert r.stable == (True, True)
        assert np.all(r.energies >= -1e-12)
        assert r.energy >= e0 - 1e-9
    best = min(runs, key=lambda r: r.energy)
    assert best.energy == pytest.approx(e0, abs=1e-9)
    assert best.tau.tolist() == gs.tolist()  # random couplings: a unique ground state


def test_frustrated_triangle_reaches_a_ground_state():
    # three antiferromagnetic bonds: one is always broken, six degenerate ground states
    J = np.ones((3, 3)) - np.eye(3)
    h = np.zeros(3)
    r = mc.anneal_system(J, h, COLD, sweeps=20, seed=3)
    assert r.energy == pytest.approx(_ground_state(J, h)[1]) == pytest.approx(-1.0)
    assert abs(r.tau.sum()) == 1


def test_zero_temperature_quench_alone_fixes_a_pair_trap():
    # ferromagnetic pair against its fields: no single flip helps, the pair flip does
    J = [[0.0, -1.0], [-1.0, 0.0]]
    h = [0.5, 0.5]
    r = mc.anneal_system(J, h, [1e-6], sweeps=1, seed=0)
    assert r.tau.tolist() == [-1.0, -1.0]
    assert r.energy == pytest.approx(-2.0)


# ----------------------------------------------------------------------------- energies


@pytest.mark.parametrize("quench", [False, True])
def test_returned_energies_equal_a_direct_recomputation(quench):
    J, h = _random_system(40, np.random.default_rng(7))
    r = mc.anneal_system(J, h, mc.geometric_schedule(5.0, 0.3, 8), sweeps=20, seed=11,
                         quench=quench)
    J32 = J.astype(np.float32).astype(float)
    f = h + J32 @ r.tau
    np.testing.assert_allclose(r.fields, f, rtol=0, atol=1e-10)
    np.testing.assert_allclose(r.energies, -2.0 * r.tau * f, rtol=0, atol=1e-10)
    np.testing.assert_allclose(r.energies, mc.single_flip_energies(J, h, r.tau), atol=1e-12)
    assert r.energy == pytest.approx(_energy(J, h, r.tau), abs=1e-9)
    assert r.stable == mc.stability(J, h, r.tau)
    if quench:
        assert r.stable == (True, True)
    assert set(np.unique(r.tau)) <= {-1.0, 1.0}


def test_same_seed_same_result_other_seed_other_path():
    J, h = _random_system(30, np.random.default_rng(8))
    sched = mc.geometric_schedule(5.0, 0.5, 5)
    a = mc.anneal_system(J, h, sched, 10, seed=5, quench=False)
    b = mc.anneal_system(J, h, sched, 10, seed=5, quench=False)
    c = mc.anneal_system(J, h, sched, 10, seed=6, quench=False)
    assert np.array_equal(a.tau, b.tau) and a.accepted == b.accepted
    assert a.accepted != c.accepted


# ----------------------------------------------------------------------------- high T


def test_high_temperature_magnetisation_of_independent_spins_is_tanh():
    # J = 0: <τ_i> = -tanh(h_i / T) exactly; Metropolis from a random start converges as
    # p^sweeps with p = exp(-2|h|/T) <= 0.67, negligible after 30 sweeps
    T = 2.0
    hv = np.array([-1.5, -0.4, 0.0, 0.4, 1.5])
    h = np.repeat(hv, 200)
    J = np.zeros((h.size, h.size))
    spins = np.array([mc.anneal_system(J, h, [T], sweeps=30, seed=s, quench=False).tau
                      for s in range(20)])
    m = spins.reshape(20, len(hv), 200).mean(axis=(0, 2))
    expected = -np.tanh(hv / T)
    sigma = np.sqrt(1 - expected**2) / np.sqrt(20 * 200)
    assert np.all(np.abs(m - expected) < 4 * sigma + 1e-12), (m, expected)


# ----------------------------------------------------------------------------- TLS glass


def _hand_glass():
    # Δ = (1, 0), C12 = 0.5: the example of solve_mean_field (x = 1.5, 0.5 at T -> 0)
    return mf.TLSGlass(np.zeros((2, 3)), 1.0, np.array([1.0, 0.0]), np.array([0.3, 0.4]),
                       np.array([[0.0, 0.5], [0.5, 0.0]], np.float32))


def test_tls_glass_mapping_on_a_hand_example():
    g = _hand_glass()
    J, h = mc.tls_glass_system(g)
    assert h.tolist() == [0.5, 0.0]
    assert J.tolist() == [[0.0, -0.25], [-0.25, 0.0]]
    # enumeration: H(τ1, τ2) = 0.5 τ1 - 0.25 τ1 τ2 -> ground state (-1, -1), H = -0.75
    gs, e0 = _ground_state(J, h)
    assert gs.tolist() == [-1.0, -1.0] and e0 == pytest.approx(-0.75)
    a = mc.anneal_tls_glass(g, COLD, sweeps=20, seed=1)
    assert a.result.tau.tolist() == [-1.0, -1.0]
    # Δ'_i = 2 f_i: f = (0.5 + 0.25, 0 + 0.25) -> Δ' = (1.5, 0.5), the T -> 0 mean field
    assert a.delta_prime.tolist() == [1.5, 0.5]
    sol = mf.solve_mean_field(g.delta, g.coupling, 1e-3)
    np.testing.assert_allclose(a.delta_prime, sol.x, atol=1e-9)
    # the single-flip energy is the full asymmetry |Δ'|, twice the local field
    np.testing.assert_allclose(a.result.energies, np.abs(a.delta_prime))
    # Eq. 6 and Eq. 12 with the realization's Δ0
    np.testing.assert_allclose(a.E, [np.hypot(1.5, 0.3), np.hypot(0.5, 0.4)])
    np.testing.assert_allclose(a.rates(0.1), mf.tls_relaxation_rates(a.E, g.delta0, 0.1))


def test_tls_glass_asymmetries_are_delta_minus_coupling_times_spins():
    g = mf.tls_glass(60, 1.0, 1.0, np.random.default_rng(2), paper.DELTA0_RANGE)
    J, h = mc.tls_glass_system(g)
    tau = np.where(np.random.default_rng(3).random(60) < 0.5, -1.0, 1.0)
    dp = mc.tls_glass_asymmetries(mc.local_fields(J, h, tau))
    np.testing.assert_allclose(dp, g.delta - g.coupling.astype(float) @ tau, atol=1e-9)
    # the thermal average of this field is the right-hand side of Eq. 4 as printed:
    # <τ_j> = -tanh(Δ'_j / 2T)  ->  Δ'_i = Δ_i + Σ_j C_ij tanh(Δ'_j / 2T)
    x = np.random.default_rng(4).normal(size=60)
    T = 0.3
    lhs = mc.tls_glass_asymmetries(h + J.astype(float) @ (-np.tanh(x / (2 * T))))
    rhs = g.delta + g.coupling.astype(float) @ np.tanh(x / (2 * T))
    np.testing.assert_allclose(lhs, rhs, atol=1e-9)


def test_tls_glass_schedule():
    s = mc.tls_glass_schedule(1.0, 1.0, 0.05)
    assert len(s) == mc.TLS_GLASS_STAGES and s[-1] == 0.05
    assert s[0] == pytest.approx(10 * np.sqrt(2))
    assert np.all(np.diff(s) < 0)
    np.testing.assert_allclose(s[1:] / s[:-1], (s[-1] / s[0]) ** (1 / (len(s) - 1)))


def test_extension_configs_have_the_mean_field_parameters():
    for quantity, (name, mf_labels, mc_labels) in ext.SCHEMES.items():
        for a, b in zip(mf_labels, mc_labels, strict=True):
            m = next(c for c in paper.DATASETS[name].configs if c["label"] == f"{a} [paper]")
            c = next(c for c in ext.DATASETS["tls_glass_mc.npz"].configs if c["label"] == b)
            for key in ("N", "W", "J", "T", "convention"):
                assert c[key] == m[key], (quantity, key)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("kwargs, match", [
    (dict(J=[[0, 1], [2, 0]], h=[0, 0]), "J must be symmetric"),
    (dict(J=[[0, 1, 0], [1, 0, 0]], h=[0, 0, 0]), r"J must have shape \(N, N\) = \(3, 3\)"),
    (dict(J=[[0, 1], [1, 0]], h=[0, 0, 0]), "J must have shape"),
    (dict(J=[[1, 0], [0, 0]], h=[0, 0]), "J must have a zero diagonal"),
    (dict(J=[[0, np.nan], [np.nan, 0]], h=[0, 0]), "J must be finite"),
    (dict(J=[[0, 1], [1, 0]], h=[[0, 0]]), "h must be a 1-D array"),
    (dict(J=[[0, 1], [1, 0]], h=[0, np.inf]), "h must be finite"),
    (dict(temperatures=[-1.0]), "temperatures must be positive"),
    (dict(temperatures=[1.0, 2.0]), "temperatures must be strictly decreasing"),
    (dict(sweeps=0), "sweeps must be an integer >= 1"),
    (dict(sweeps=2.5), "sweeps must be an integer >= 1"),
    (dict(seed=-1), "seed must be an integer"),
    (dict(quench="yes"), "quench must be True or False"),
])
def test_bad_input_gives_a_one_line_error_naming_the_argument(kwargs, match):
    args = dict(J=[[0, 1], [1, 0]], h=[0.1, 0.2], temperatures=[1.0, 0.1], sweeps=2, seed=0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match) as exc:
        mc.anneal_system(**args)
    assert "\n" not in str(exc.value)


def test_geometric_schedule_errors():
    with pytest.raises(ValueError, match="t_high must exceed t_low"):
        mc.geometric_schedule(1.0, 2.0, 5)
    with pytest.raises(ValueError, match="stages must be an integer >= 2"):
        mc.geometric_schedule(2.0, 1.0, 1)


def test_paired_difference_cancels_common_fluctuations():
    rng = np.random.default_rng(0)
    edges = np.linspace(-6, 6, 241)
    common = [rng.normal(rng.normal(0, 0.3), 1, 500) for _ in range(20)]  # block offsets
    a = np.array([np.histogram(v, edges)[0] for v in common])
    b = np.array([np.histogram(v + 0.05, edges)[0] for v in common])
    d, e, e_ind = ext.paired_difference(a, b, lambda h: rs.hist_quantile(h, edges, 0.5))
    assert abs(d - 0.05) < 4 * e + 0.005
    assert e < e_ind / 5
