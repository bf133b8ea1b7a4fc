"""tlspaper.dos: Eq. 3, tabulated DOS, simulated datasets and their fits (synthetic histograms)."""

from __future__ import annotations

import numpy as np
import pytest

from tlspaper import dos as D
from tlspaper import montecarlo as mc

EDGES = mc.RunParams(mc.Model(L=2, J0=1.0)).edges


def synthetic(density_fn, temperatures, R=20000, N=500, n_blocks=50, seed=0, quench=False):
    """A SimulatedDOS whose counts are Poisson draws of a known density n(T, E) (both signs = 1).

    With `quench`, the last temperature is written as the quench stage (labelled T = 0), as
    ``RunParams(quench=True)`` writes it.
    """
    rng = np.random.default_rng(seed)
    temperatures = np.asarray(temperatures, float)
    w = np.diff(EDGES)
    mid = 0.5 * (EDGES[1:] + EDGES[:-1])
    n_low = int(np.searchsorted(EDGES, 2.5))
    blocks = np.zeros((n_blocks, len(temperatures), n_low), np.int64)
    counts = np.zeros((len(temperatures), len(w)), np.int64)
    reals = np.full(n_blocks, R // n_blocks)
    for t, T in enumerate(temperatures):
        lam = 2.0 * (R // n_blocks) * N * density_fn(T, mid) * w  # per block
        draw = rng.poisson(np.broadcast_to(lam, (n_blocks, len(w))))
        counts[t] = draw.sum(axis=0)
        blocks[:, t] = draw[:, :n_low]
    arrays = {
        "temperatures": temperatures, "edges": EDGES, "counts": counts,
        "block_counts": blocks, "block_stages": np.arange(len(temperatures)),
        "block_realizations": reals, "stable": np.ones((R, 2), np.uint8),
        "sum_abs_E": np.zeros(len(temperatures)), "sum_E2": np.zeros(len(temperatures)),
    }
    meta = {"realizations": int(reals.sum()), "n_tls": N,
            "params": {"model": {"L": 8, "J0": 2.0, "h0": 10.0, "x": 0.5}}}
    if quench:
        arrays["temperatures"] = np.append(temperatures[:-1], 0.0)
        meta["quench_stage"] = len(temperatures) - 1
    return D.SimulatedDOS(arrays, meta, "synthetic")


def test_power_law_dos_values_and_limits():
    assert D.power_law_dos(0.5, 0.0, 2.0, 0.0) == 2.0
    assert float(D.power_law_dos(1.0, 0.0, 1.0, 0.2)) == 1.0
    assert float(D.power_law_dos(0.3, 4.0, 1.0, 1.0)) == pytest.approx(np.hypot(0.3, 4.0))
    with pytest.raises(ValueError, match=r"temperature T must be a finite number > 0 \(in K\)"):
        D.power_law_dos(0.0, 1.0, 1.0, 0.1)
    with pytest.raises(ValueError, match="mu must be a finite number > -1"):
        D.PowerLawDOS(mu=-1.0)


def test_tabulated_dos_interpolates_and_rejects_unknown_temperature():
    tab = D.TabulatedDOS([0.1], [0.0, 1.0, 2.0], [[0.2, 0.3]])
    assert float(tab(0.1, 1.0)) == pytest.approx(0.25)
    assert float(tab(0.1, -1.0)) == pytest.approx(0.25)
    assert float(tab(0.1, 3.0)) == 0.0
    with pytest.raises(ValueError, match="not a tabulated temperature"):
        tab(0.2, 1.0)


def test_simulated_density_integrates_to_one_half():
    params = mc.RunParams(mc.Model(L=3, J0=2.0), temperatures=(10.0, 0.5), sweeps=20)
    acc = mc.simulate(params, 4, progress=False)
    arrays = acc.arrays()
    meta = {"realizations": 4, "n_tls": params.model.n_tls, "params": params.to_dict()}
    sim = D.SimulatedDOS(arrays, meta)
    for T in (10.0, 0.5):
        i = sim.index(T)
        assert np.sum(sim.density[i] * np.diff(sim.edges)) == pytest.approx(0.5, rel=1e-12)
    assert sim.stable_fraction()["single"][0] == 1.0


def test_fit_eq3_recovers_known_parameters_with_honest_errors():
    B, mu = 0.0135, 0.13
    sim = synthetic(lambda T, E: D.power_law_dos(T, E, B, mu), [0.5, 0.1])
    fit = D.fit_eq3(sim, 0.5, n_boot=100)
    assert fit.window == (0.0, 1.0)
    assert abs(fit.mu - mu) < 4 * fit.mu_err and fit.mu_err < 0.03
    assert abs(fit.B - B) < 4 * fit.B_err
    fit = D.fit_eq3(sim, 0.1, n_boot=0)
    assert abs(fit.mu - mu) < 0.1 and np.isnan(fit.mu_err)


def test_fit_power_law_recovers_the_power():
    sim = synthetic(lambda T, E: 0.01 * np.abs(E) ** 0.25, [2e-6])
    fit = D.fit_power_law(sim, 2e-6, 0.04, 1.0, n_boot=100)
    assert abs(fit.mu - 0.25) < 4 * fit.mu_err and fit.mu_err < 0.02
    with pytest.raises(ValueError, match="need 0 < emin < emax"):
        D.fit_power_law(sim, 2e-6, 1.0, 0.5)
    with pytest.raises(ValueError, match="fewer than 2 histogram bins"):
        D.fit_power_law(sim, 2e-6, 0.0100, 0.0101)


def test_fit_gaussian_recovers_the_width():
    E0 = 21.5
    sim = synthetic(lambda T, E: np.exp(-0.5 * (E / E0) ** 2) / (np.sqrt(2 * np.pi) * E0), [0.5])
    width, err = D.fit_gaussian(sim, 0.5)
    assert abs(width - E0) < max(5 * err, 0.05)


def test_block_histograms_missing_stage_error():
    sim = synthetic(lambda T, E: np.full_like(E, 0.01), [0.5])
    sim.block_stages = np.array([], int)
    with pytest.raises(ValueError, match="no block histograms at T = 0.5 K"):
        sim.block_histograms(0.5)


def test_coarse_rebinning_conserves_the_integral():
    sim = synthetic(lambda T, E: D.power_law_dos(T, E, 0.0135, 0.13), [0.5])
    e, n, err = sim.coarse(0.5, np.linspace(0, 2, 11))
    i = sim.index(0.5)
    inside = sim.edges[1:] <= e[-1] + 1e-12
    fine = (sim.density[i] * np.diff(sim.edges))[inside]
    assert np.sum(n * np.diff(e)) == pytest.approx(np.sum(fine))
    assert np.all(err > 0) and np.all(err < n)
    with pytest.raises(ValueError, match="increasing"):
        sim.coarse(0.5, [1.0, 0.5])


def test_gaussian_dos_by_hand_and_normalised_over_both_signs():
    assert float(D.gaussian_dos(0.0, 2.0)) == pytest.approx(1 / (2 * np.sqrt(2 * np.pi)))
    # one standard deviation: exp(-1/2) of the peak; symmetric in E
    peak = 1 / (3 * np.sqrt(2 * np.pi))
    assert float(D.gaussian_dos(3.0, 3.0)) == pytest.approx(np.exp(-0.5) * peak)
    assert float(D.gaussian_dos(-3.0, 3.0)) == float(D.gaussian_dos(3.0, 3.0))
    from scipy.integrate import quad

    half = quad(lambda e: float(D.gaussian_dos(e, 21.5)), 0.0, np.inf)[0]
    assert half == pytest.approx(0.5, rel=1e-9)  # the E > 0 half integrates to 1/2
    with pytest.raises(ValueError, match=r"E0 must be a finite number > 0 \(in K\)"):
        D.gaussian_dos(1.0, 0.0)


def test_load_simulated_reads_its_parameters_from_the_file():
    d = D.load_simulated("dos_mc_L8_J0.3K.npz")
    assert (d.L, d.J0, d.h0, d.x) == (8, 0.3, 10.0, 0.5)
    assert d.realizations == d.meta["realizations"] and d.n_tls == 256
    assert "dos_mc_L8_J0.3K.npz" in repr(d)


def test_least_squares_estimator_recovers_known_parameters():
    B, mu = 0.0135, 0.13
    sim = synthetic(lambda T, E: D.power_law_dos(T, E, B, mu), [0.5])
    fit = D.fit_eq3(sim, 0.5, n_boot=100, estimator="lsq")
    assert abs(fit.mu - mu) < 4 * fit.mu_err and abs(fit.B - B) < 4 * fit.B_err
    with pytest.raises(ValueError, match="estimator must be one of"):
        D.fit_eq3(sim, 0.5, estimator="chi2")


def test_window_scan_of_a_pure_power_law_is_flat():
    # a pure power law has the same μ over every window: the window band collapses
    sim = synthetic(lambda T, E: 0.01 * np.abs(E) ** 0.25, [2e-6], R=100000)
    grid = D.power_law_window_scan(sim, 2e-6, [0.02, 0.05, 0.1], [0.5, 1.0, 0.01])
    assert np.isnan(grid[:, 2]).all()  # low >= high: no window
    ok = np.isfinite(grid)
    assert ok.sum() == 6 and np.all(np.abs(grid[ok] - 0.25) < 0.02)


def test_window_scan_of_a_curved_dos_grows_towards_higher_energy():
    # n ∝ E^0.1 below 0.3 K and E^0.3 above: windows reaching higher report a larger μ
    def shape(T, E):
        x = np.abs(E) / 0.3
        return 0.01 * np.where(x < 1, x**0.1, x**0.3)

    sim = synthetic(shape, [2e-6], R=100000)
    grid = D.power_law_window_scan(sim, 2e-6, [0.02], [0.2, 2.0])
    assert grid[0, 0] == pytest.approx(0.1, abs=0.03) and grid[0, 1] > grid[0, 0] + 0.05


def test_quench_stage_absent_or_kept_out_of_the_temperature_tables():
    fn = lambda T, E: 0.01 * np.abs(E) ** 0.25  # noqa: E731
    assert D.quench_stage(synthetic(fn, [0.02, 2e-6, 1.0])) is None  # no quench in meta
    plain = synthetic(fn, [0.02, 2e-6, 1.0])
    sim = synthetic(fn, [0.02, 2e-6, 1.0], quench=True)  # same draws; last stage = the quench
    # the annealing stages are exactly those of the file without the quench stage
    assert sim.temperatures.tolist() == [0.02, 2e-6]
    np.testing.assert_array_equal(sim.counts, plain.counts[:2])
    np.testing.assert_array_equal(sim.block_counts, plain.block_counts[:, :2])
    assert sim.block_stages.tolist() == [0, 1]
    with pytest.raises(ValueError, match="must be a finite number > 0"):
        sim.index(0.0)  # T = 0 is not a stage of the tables
    q = D.quench_stage(sim)
    assert q.temperatures.tolist() == [2e-6]  # read under the 2 μK label of the stage before
    np.testing.assert_array_equal(q.counts[0], plain.counts[2])
    np.testing.assert_array_equal(q.block_histograms(2e-6)[0], plain.block_counts[:, 2, :])
    np.testing.assert_allclose(q.density[0], plain.density[2], rtol=1e-15)
    assert D.quench_stage(q) is None and len(sim.temperatures) == 2  # the original untouched


def test_fit_gaussian_on_uniform_bins_and_unweighted():
    E0 = 21.5
    sim = synthetic(lambda T, E: np.exp(-0.5 * (E / E0) ** 2) / (np.sqrt(2 * np.pi) * E0), [0.5])
    for weighted in (True, False):
        width, err = D.fit_gaussian(sim, 0.5, weighted=weighted, edges=np.arange(0, 101.0))
        assert abs(width - E0) < max(5 * err, 0.1)


def test_load_simulated_from_a_path_of_your_own(tmp_path):
    import shutil

    from tlspaper.data import DataError, fetch

    mine = tmp_path / "my_run.npz"
    shutil.copy(fetch("dos_mc_L8_J0.3K.npz"), mine)
    d = D.load_simulated(mine)
    assert d.L == 8 and d.name == str(mine)
    assert D.load_simulated(str(mine)).realizations == d.realizations
    with pytest.raises(DataError, match=r"not a Monte Carlo DOS dataset of tlspaper simulate"):
        D.load_simulated(fetch("meanfield_tls_size.npz"))
    with pytest.raises(DataError, match=r"^no such file .*my_rum.npz; did you mean 'my_run.npz'"):
        D.load_simulated(tmp_path / "my_rum.npz")


@pytest.mark.parametrize("E", [np.nan, [1.0, np.inf], [np.nan, 0.1, 0.2]])
def test_dos_at_non_finite_energy_is_an_error(E):
    msg = r"^energy E must be finite \(in K\), got (nan|inf)"
    with pytest.raises(ValueError, match=msg):
        D.PowerLawDOS(0.1)(0.5, E)
    with pytest.raises(ValueError, match=msg):
        D.TabulatedDOS([0.1], [0.0, 1.0, 2.0], [[0.3, 0.2]])(0.1, E)
    with pytest.raises(ValueError, match=r"^temperature T must be a finite number > 0 \(in K\)"):
        D.PowerLawDOS(0.1)(np.nan, 1.0)
