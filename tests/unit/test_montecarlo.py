"""The Monte Carlo engine: exact Boltzmann averages, stability, normalisation, reproducibility."""

from __future__ import annotations

import dataclasses
import itertools

import numba
import numpy as np
import pytest

from tlspaper import cli
from tlspaper import montecarlo as mc

TINY = mc.RunParams(mc.Model(L=3, J0=2.0), temperatures=(30.0, 3.0, 0.5, 0.05), sweeps=30,
                    n_blocks=4, block_tmax=0.5)


def _exact_averages(J, h, T):
    """<H> and <τ_i> by enumerating all 2^N states."""
    J = np.asarray(J, dtype=float)
    states = np.array(list(itertools.product([-1.0, 1.0], repeat=len(h))))
    energy = states @ h + 0.5 * np.einsum("si,ij,sj->s", states, J, states)
    w = np.exp(-(energy - energy.min()) / T)
    w /= w.sum()
    return w @ energy, w @ states


def test_metropolis_reproduces_exact_boltzmann_averages():
    model = mc.Model(L=2, J0=3.0, x=1.0, h0=1.0)  # 8 TLSs, all coupled strongly
    _, h, J = mc.make_realization(model, seed=5, k=0)
    T = 1.5
    e_exact, m_exact = _exact_averages(J, h, T)
    e_mc, m_mc = mc.metropolis_sample(J, h, T, sweeps=40000, seed=1, burn_in=200)
    assert abs(e_mc - e_exact) < 0.02 * abs(e_exact) + 0.02
    np.testing.assert_allclose(m_mc, m_exact, atol=0.03)
    # and at a lower temperature, where the answer is far from the high-T limit
    e_exact, m_exact = _exact_averages(J, h, 0.5)
    e_mc, m_mc = mc.metropolis_sample(J, h, 0.5, sweeps=40000, seed=2, burn_in=200)
    np.testing.assert_allclose(m_mc, m_exact, atol=0.03)


def test_single_flip_energy_is_the_energy_cost_of_the_flip():
    _, h, J = mc.make_realization(mc.Model(L=2, J0=2.0, x=1.0), seed=3, k=1)
    tau = np.array([1, -1, 1, 1, -1, -1, 1, -1], float)
    J64 = J.astype(float)

    def H(t):
        return t @ h + 0.5 * t @ J64 @ t

    E = mc.single_flip_energies(J, h, tau)
    for i in range(len(h)):
        t2 = tau.copy()
        t2[i] *= -1
        assert E[i] == pytest.approx(H(t2) - H(tau), abs=1e-9)


def test_stability_checker_on_hand_made_states():
    J = [[0.0, -1.0], [-1.0, 0.0]]  # ferromagnetic pair
    assert mc.stability(J, [0.5, 0.5], [1, 1]) == (True, False)  # pair flip gains 2 K
    assert mc.stability(J, [0.5, 0.5], [-1, -1]) == (True, True)  # the ground state
    assert mc.stability(J, [0.5, -2.0], [1, -1])[0] is False  # TLS 0 gains by flipping alone


def _brute_force_pair_stable(J, h, tau):
    J = J.astype(float)

    def H(t):
        return t @ h + 0.5 * t @ J @ t

    e0 = H(tau)
    for i, j in itertools.combinations(range(len(h)), 2):
        t = tau.copy()
        t[[i, j]] *= -1
        if H(t) < e0 - 1e-9:
            return False
    return True


def test_zero_temperature_end_state_is_stable_against_single_and_pair_flips():
    params = mc.RunParams(mc.Model(L=3, J0=2.0), sweeps=40)  # full schedule, down to 2 μK
    n_pair_stable = 0
    for k in range(4):
        r = mc.anneal_realization(params, k)
        tau = r["tau"].astype(float)
        assert (mc.single_flip_energies(r["J"], r["h"], tau) >= 0).all()
        brute = _brute_force_pair_stable(r["J"], r["h"], tau)
        assert r["stable"] == (True, brute)
        n_pair_stable += brute
    assert n_pair_stable >= 3


def test_couplings_follow_eq2():
    model = mc.Model(L=6, J0=2.0, C=1.0)
    pos, h, J = mc.make_realization(model, seed=11, k=0)
    assert len(h) == 108 and len(np.unique(pos @ [36, 6, 1])) == 108
    np.testing.assert_array_equal(J, J.T)
    assert not J.diagonal().any()
    d = np.abs(pos[:, None, :] - pos[None, :, :])
    d = np.minimum(d, model.L - d)
    r3 = (d**2).sum(-1) ** 1.5
    iu = np.triu_indices(len(h), 1)
    c = (J * (r3 + model.C) / model.J0)[iu]
    assert abs(c.mean()) < 0.05 and abs(c.std() - 1) < 0.05
    assert abs(h.std() / model.h0 - 1) < 0.2
    # different k: different disorder; same (seed, k): the same
    assert not np.array_equal(mc.make_realization(model, 11, 1)[2], J)
    np.testing.assert_array_equal(mc.make_realization(model, 11, 0)[2], J)


def test_histogram_counts_every_tls_once_per_stage():
    acc = mc.simulate(TINY, 5, progress=False)
    n = TINY.model.n_tls
    np.testing.assert_array_equal(acc.counts.sum(axis=1) + acc.overflow, 5 * n)
    assert acc.block_counts.sum() == acc.counts[TINY.block_stages, : TINY.n_low].sum()
    assert acc.block_realizations.sum() == 5


def test_result_independent_of_threads_and_chunking():
    ref = mc.simulate_chunk(TINY, 0, 6, parallel=False)
    old = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = mc.simulate_chunk(TINY, 0, 6, parallel=True)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = mc.simulate_chunk(TINY, 0, 6, parallel=True)
        a = mc.simulate(TINY, 6, chunk=4, progress=False)
        b = mc.simulate(TINY, 6, chunk=1, progress=False)
    finally:
        numba.set_num_threads(old)
    for key in ("counts", "moments", "stable"):
        np.testing.assert_array_equal(one[key], ref[key])
        np.testing.assert_array_equal(two[key], ref[key])
    split = mc.simulate_chunk(TINY, 2, 4, parallel=False)
    np.testing.assert_array_equal(split["counts"], ref["counts"][2:])
    for key, va in a.arrays().items():
        np.testing.assert_array_equal(va, b.arrays()[key], err_msg=key)


def test_dask_cluster_gives_the_threaded_histogram():
    distributed = pytest.importorskip("dask.distributed")
    threaded = mc.simulate(TINY, 5, chunk=2, progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        dasked = mc.simulate(TINY, 5, chunk=2, scheduler=client, progress=False)
    for key, value in threaded.arrays().items():
        np.testing.assert_array_equal(dasked.arrays()[key], value, err_msg=key)


def test_resume_from_checkpoint_and_extend(tmp_path):
    out = tmp_path / "run.npz"
    fresh = mc.simulate(TINY, 5, progress=False)
    partial = mc.simulate(TINY, 2, progress=False)
    mc.write_dataset(tmp_path / ".run.npz.partial.npz", partial, {"complete": False})
    resumed = mc.simulate(TINY, 3, output=out, progress=False)  # picks up k = 0, 1
    assert resumed.realizations == 3 and not (tmp_path / ".run.npz.partial.npz").exists()
    extended = mc.simulate(TINY, 5, output=out, progress=False)
    for key, value in fresh.arrays().items():
        np.testing.assert_array_equal(extended.arrays()[key], value, err_msg=key)
    other = mc.RunParams(mc.Model(L=3, J0=3.0), temperatures=TINY.temperatures, sweeps=30)
    with pytest.raises(ValueError, match="different parameters"):
        mc.simulate(other, 6, output=out, progress=False)


def test_cli_writes_dataset_with_provenance(tmp_path, capsys):
    out = tmp_path / "d.npz"
    status = cli.main(["simulate", "--L", "2", "--J0", "1", "--x", "1", "--schedule", "5,0.5",
                       "--sweeps", "5", "--realizations", "3", "--output", str(out),
                       "--no-progress"])
    assert status == 0 and "3 realizations" in capsys.readouterr().out
    acc = mc.Accumulator.from_file(out)
    assert acc.realizations == 3 and acc.params.temperatures == (5.0, 0.5)
    assert cli.main(["simulate", "--L", "1", "--J0", "1", "--output", str(out)]) == 2
    assert "L must be an integer >= 2" in capsys.readouterr().err


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: mc.Model(L=1, J0=2.0), "L must be an integer >= 2"),
        (lambda: mc.Model(L=4, J0=2.0, x=0.0), r"x must be a concentration in \(0, 1\]"),
        (lambda: mc.Model(L=4, J0=2.0, x=1.5), r"x must be a concentration in \(0, 1\]"),
        (lambda: mc.Model(L=4, J0=-1.0), "J0 must be a finite number >= 0"),
        (lambda: mc.RunParams(mc.Model(L=4, J0=2.0), temperatures=(1.0, 0.0)),
         r"positive and finite \[K\], got T\[1\] = 0.0 K"),
        (lambda: mc.RunParams(mc.Model(L=4, J0=2.0), temperatures=(1.0, -0.5)),
         "positive and finite"),
        (lambda: mc.RunParams(mc.Model(L=4, J0=2.0), temperatures=(1.0, 2.0)),
         "strictly decreasing"),
        (lambda: mc.simulate(TINY, 0), "realizations must be an integer >= 1, got 0"),
    ],
)
def test_bad_input_is_rejected_before_work(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_default_schedule_structure():
    s = mc.default_schedule()
    # 42 stages from 300 K to 0.02 K, then 2 μK (42 + 1 = 43 temperatures)
    assert len(s) == 43 and s[0] == 300 and s[-1] == mc.ZERO_TEMPERATURE
    assert (np.diff(s) < 0).all() and s[-2] == 0.02
    # the 15 low stages end the schedule, each exactly once; 4 + 23 stages above 1 K
    np.testing.assert_array_equal(s[-16:-1], mc.LOW_TEMPERATURES)
    for T in mc.LOW_TEMPERATURES:
        assert np.isclose(s, T, rtol=1e-12).sum() == 1, T
    assert (s[:-16] > 1.0).sum() == 27 and s[26] == 1.139
    assert mc.RunParams(mc.Model(L=2, J0=1.0)).temperatures == tuple(s.tolist())
    assert mc.RunParams(mc.Model(L=2, J0=1.0)).sweeps == mc.DEFAULT_SWEEPS == 257


def test_pair_flip_energies_match_direct_energy_differences():
    _, h, J = mc.make_realization(mc.Model(L=2, J0=2.0, x=1.0), seed=4, k=2)
    tau = np.array([1, 1, -1, 1, -1, -1, 1, 1], float)
    J64 = J.astype(float)

    def H(t):
        return t @ h + 0.5 * t @ J64 @ t

    P = mc.pair_flip_energies(J, h, tau)
    assert np.isnan(np.diag(P)).all()
    for i, j in itertools.combinations(range(len(h)), 2):
        t = tau.copy()
        t[[i, j]] *= -1
        assert P[i, j] == pytest.approx(H(t) - H(tau), abs=1e-9) and P[j, i] == P[i, j]


def test_local_fields_by_hand_and_flip_energy_is_minus_two_tau_f():
    # ferromagnetic pair J12 = -1 K in fields h = (0.5, -2) K, state (+1, -1):
    # f1 = 0.5 + (-1)(-1) = 1.5 K, f2 = -2 + (-1)(+1) = -3 K
    J, h, tau = [[0.0, -1.0], [-1.0, 0.0]], [0.5, -2.0], [1.0, -1.0]
    np.testing.assert_allclose(mc.local_fields(J, h, tau), [1.5, -3.0], atol=1e-12)
    # flipping τ_i changes H = Σ h τ + ½ Σ J τ τ by -2 τ_i f_i: (-3, -6) K
    np.testing.assert_allclose(mc.single_flip_energies(J, h, tau), [-3.0, -6.0], atol=1e-12)


def test_environment_reports_this_machine():
    import os

    env = mc.environment()
    assert env == {"cpu_count": os.cpu_count(), "numba_threads": numba.get_num_threads()}


# ---------------------------------------------------------------------------------------------
# The zero-temperature single-plus-pair quench (RunParams(quench=True))
# ---------------------------------------------------------------------------------------------

TINY_Q = mc.RunParams(mc.Model(L=3, J0=2.0), temperatures=(30.0, 3.0, 0.5, 0.05), sweeps=30,
                      n_blocks=4, block_tmax=0.5, quench=True)


def _H(J, h, t):
    return t @ h + 0.5 * t @ J.astype(float) @ t


def test_pair_flip_cost_derived_from_eq2_matches_brute_force_in_any_state():
    # Flipping i and j changes every term of H = Σ h τ + ½ Σ J τ τ that holds exactly one of
    # them; the J_ij τ_i τ_j term keeps its sign.  So ΔH = -2τ_i(f_i - J_ij τ_j)
    # - 2τ_j(f_j - J_ij τ_i) = E_i + E_j + 4 J_ij τ_i τ_j with E_i = -2 τ_i f_i (= 2|f_i| in a
    # single-stable state).  Checked in random states, single-stable or not.
    _, h, J = mc.make_realization(mc.Model(L=3, J0=3.0, h0=2.0), seed=8, k=0)
    rng = np.random.default_rng(0)
    for _ in range(3):
        tau = rng.choice([-1.0, 1.0], len(h))
        E = mc.single_flip_energies(J, h, tau)
        P = mc.pair_flip_energies(J, h, tau)
        e0 = _H(J, h, tau)
        for i, j in itertools.combinations(range(len(h)), 2):
            t = tau.copy()
            t[[i, j]] *= -1
            dH = _H(J, h, t) - e0
            assert P[i, j] == pytest.approx(dH, abs=1e-9)
            assert E[i] + E[j] + 4 * float(J[i, j]) * tau[i] * tau[j] == pytest.approx(dH, abs=1e-9)


def test_quench_reaches_a_brute_force_single_and_pair_stable_state():
    # strongly coupled, weak fields: random states have many lowering single and pair moves
    _, h, J = mc.make_realization(mc.Model(L=3, J0=4.0, h0=1.0), seed=9, k=3)
    rng = np.random.default_rng(1)
    for _ in range(4):
        tau0 = rng.choice([-1.0, 1.0], len(h))
        tau, n1, n2 = mc.quench_state(J, h, tau0)
        t = tau.astype(float)
        assert _H(J, h, t) <= _H(J, h, tau0)
        assert n1 > 0
        assert mc.stability(J, h, t) == (True, True)
        assert _brute_force_pair_stable(J, h, t)
        assert (mc.single_flip_energies(J, h, t) >= -1e-9).all()
        assert np.nanmin(mc.pair_flip_energies(J, h, t)) >= -1e-9
        # deterministic, and a stable state is left alone
        np.testing.assert_array_equal(mc.quench_state(J, h, tau0)[0], tau)
        np.testing.assert_array_equal(mc.quench_state(J, h, t)[0], tau)
        assert mc.quench_state(J, h, t)[1:] == (0, 0)


def test_quench_makes_the_pair_flip_that_no_single_flip_finds():
    J = [[0.0, -1.0], [-1.0, 0.0]]
    tau, n1, n2 = mc.quench_state(J, [0.5, 0.5], [1, 1])
    assert (n1, n2) == (0, 1) and tau.tolist() == [-1.0, -1.0]


def test_quench_stage_leaves_the_annealing_stages_bit_identical():
    plain = dataclasses.replace(TINY_Q, quench=False)
    a = mc.simulate_chunk(plain, 0, 12, parallel=False)
    b = mc.simulate_chunk(TINY_Q, 0, 12, parallel=False)
    nT = len(TINY_Q.temperatures)
    assert b["counts"].shape[1] == nT + 1
    np.testing.assert_array_equal(b["counts"][:, :nT], a["counts"])
    np.testing.assert_array_equal(b["overflow"][:, :nT], a["overflow"])
    np.testing.assert_array_equal(b["moments"][:, :nT], a["moments"])
    np.testing.assert_array_equal(b["stable"], a["stable"])
    np.testing.assert_array_equal(b["accepted"], a["accepted"])
    assert (b["counts"][:, nT].sum(axis=1) + b["overflow"][:, nT] == TINY_Q.model.n_tls).all()
    assert (b["quench"][:, 2:] == 1).all()  # single- and pair-stable after the quench
    # the realizations that ended pair-unstable made >= 1 pair flip; stable ones none at all
    unstable = a["stable"][:, 1] == 0
    assert (b["quench"][unstable, 1] >= 1).all()
    assert (b["quench"][~unstable, :2] == 0).all()
    # and the quench row is the histogram of the quenched state, checked by brute force
    for k in range(3):
        r = mc.anneal_realization(TINY_Q, k)
        t = r["tau"].astype(float)
        assert r["stable_quench"] == (True, True) and _brute_force_pair_stable(r["J"], r["h"], t)
        E = np.abs(mc.single_flip_energies(r["J"], r["h"], t))
        hist, _ = np.histogram(E, TINY_Q.edges)
        np.testing.assert_array_equal(r["counts"][nT], hist)
        np.testing.assert_array_equal(r["counts"][:nT], b["counts"][k, :nT])


def test_quench_dataset_round_trip_resume_and_meta(tmp_path):
    out = tmp_path / "q.npz"
    fresh = mc.simulate(TINY_Q, 6, progress=False)
    assert fresh.counts.shape[0] == len(TINY_Q.temperatures) + 1
    arr = fresh.arrays()
    assert arr["temperatures"][-1] == 0.0 and arr["temperatures"][:-1].tolist() == list(
        TINY_Q.temperatures)
    assert TINY_Q.block_stages[-1] == len(TINY_Q.temperatures)
    assert arr["stable_quench"].shape == (6, 2) and arr["quench_pair_flips"].shape == (6,)
    mc.simulate(TINY_Q, 4, output=out, progress=False)
    again = mc.simulate(TINY_Q, 6, output=out, progress=False)  # extended from the file
    for key, value in arr.items():
        np.testing.assert_array_equal(again.arrays()[key], value, err_msg=key)
    with np.load(out) as f:
        meta = __import__("json").loads(str(f["meta"]))
    assert meta["params"]["quench"] is True and meta["quench_stage"] == 4
    assert meta["stable_pair_fraction_quench"] == 1.0 and meta["seed"] == TINY_Q.seed
    assert {"git_commit", "written_utc", "wall_time_s", "tlspaper_version"} <= set(meta)
    # a quenched checkpoint is not resumed by an unquenched run
    with pytest.raises(ValueError, match="different parameters"):
        mc.simulate(dataclasses.replace(TINY_Q, quench=False), 7, output=out, progress=False)


def test_old_params_without_quench_load_unquenched():
    d = TINY.to_dict()
    assert d.pop("quench") is False
    assert mc.RunParams.from_dict(d) == TINY and not TINY.quench
    assert mc.RunParams.from_dict(TINY_Q.to_dict()) == TINY_Q
    with pytest.raises(ValueError, match="quench must be True or False"):
        mc.RunParams(mc.Model(L=3, J0=2.0), quench="yes")
