"""tlspaper.dos_emulator: exact at the scan points, known families recovered, errors, fits."""

from __future__ import annotations

import numpy as np
import pytest

from tlspaper import dos_emulator as de
from tlspaper import kappa_fit as kf
from tlspaper import velocity_fit as vf
from tlspaper.dos import load_simulated

SCAN = ("dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz", "dos_mc_L8_J3K.npz", "dos_mc_L8_J5K.npz")
EDGES = np.linspace(0.0, 2.0, 21)  # K, synthetic families
STAGES = np.array([0.5, 0.4, 0.3])  # K


@pytest.fixture(scope="module")
def real():
    return de.DOSEmulator.from_datasets(SCAN)


def gaussian_family(r, T):
    """A known family: Gaussian in E of width 0.5 + 2 r + T [K] (normalised to 1/2 on E > 0)."""
    s = 0.5 + 2.0 * r + T
    c = 0.5 * (EDGES[1:] + EDGES[:-1])
    n = np.exp(-0.5 * (c / s) ** 2)
    return 0.5 * n / np.sum(n * np.diff(EDGES))


def synthetic(ratios, family, interpolation="cubic", variable="linear", noise_seed=None,
              n_blocks=50, per_block=20, n_tls=1000):
    """An emulator of `family(r, T)`; with a seed, Poisson block histograms of its expectation."""
    dens = np.array([[family(r, T) for T in STAGES] for r in ratios])
    blocks = None
    if noise_seed is not None:
        rng = np.random.default_rng(noise_seed)
        width = np.diff(EDGES)
        mean = 2.0 * n_tls * per_block * dens * width  # counts per block
        counts = rng.poisson(mean[:, None], size=(len(ratios), n_blocks) + dens.shape[1:])
        reals = np.full((len(ratios), n_blocks), per_block)
        dens = counts.sum(axis=1) / (2.0 * n_tls * per_block * n_blocks * width)
        blocks = {"counts": counts, "realizations": reals, "stages": np.arange(len(STAGES)),
                  "n_tls": n_tls}
    return de.DOSEmulator(ratios, STAGES, EDGES, dens, interpolation, variable, blocks)


# ------------------------------------------------------------------------- scan points
def test_exact_at_the_scan_points(real):
    for name in SCAN:
        sim = load_simulated(name)
        r = sim.J0 / sim.h0
        np.testing.assert_array_equal(real.table(r), sim.density)
        dos = real.dos(r)
        E = np.geomspace(1e-3, 50.0, 200)
        for T in (0.02, 0.1, 0.5, 1.0):
            np.testing.assert_array_equal(dos(T, E), sim(T, E))


def test_weights_sum_to_one_and_normalisation_is_kept(real):
    for scheme in [("cubic", "log"), ("cubic", "linear"), ("linear", "log")]:
        emu = real.with_scheme(*scheme)
        for r in np.linspace(0.1, 0.5, 7):
            assert emu.weights(r).sum() == pytest.approx(1.0, abs=1e-12)
            i = list(emu.temperatures).index(0.5)
            total = np.sum(emu.table(r)[i] * np.diff(emu.edges))
            assert total == pytest.approx(0.5, abs=1e-9)  # both signs of E: one


def test_temperature_interpolation_between_stages(real):
    dos = real.dos(0.25)
    T = np.sqrt(0.1 * 0.14)  # half way in ln T between two stages
    E = np.array([0.01, 0.1, 1.0])
    expected = 0.5 * (dos(0.1, E) + dos(0.14, E))
    np.testing.assert_allclose(dos(T, E), expected, rtol=1e-12)


def test_other_temperature_interpolations(real):
    E = np.array([0.01, 0.1, 1.0])
    lo, hi = 0.1, 0.14
    for kind, w in (("linear", 0.5), ("nearest", 1.0)):
        emu = real.with_scheme(temperature_interpolation=kind)
        dos = emu.dos(0.25)
        assert dos.temperature_interpolation == kind
        T = lo + 0.5 * (hi - lo) if kind == "linear" else 0.9 * hi + 0.1 * lo  # nearer to hi
        expected = (1 - w) * dos(lo, E) + w * dos(hi, E)
        np.testing.assert_allclose(dos(T, E), expected, rtol=1e-12)
        # the setting survives the derived emulators
        assert emu.without(1).temperature_interpolation == kind
        assert next(emu.replicas(1, seed=0)).temperature_interpolation == kind
        assert emu.with_scheme("linear").temperature_interpolation == kind
    with pytest.raises(ValueError, match="temperature_interpolation must be one of"):
        real.with_scheme(temperature_interpolation="cubic")


# ------------------------------------------------------------------------- known families
@pytest.mark.parametrize("interpolation", de.INTERPOLATIONS)
def test_family_linear_in_ratio_is_exact(interpolation):
    ratios = [0.05, 0.1, 0.2, 0.3, 0.5]

    def family(r, T):
        return (1.0 - r) * gaussian_family(0.0, T) + r * gaussian_family(0.4, T)

    emu = synthetic(ratios, family, interpolation, "linear")
    for r in (0.07, 0.15, 0.42):
        np.testing.assert_allclose(emu.table(r), [family(r, T) for T in STAGES], rtol=1e-10)


def test_cubic_spline_beats_linear_on_a_smooth_family():
    """Noise-free Gaussian family on the book's scan points: the cubic spline is far closer to
    the analytic density between the points than the linear interpolation."""
    ratios = np.array([0.03, 0.045, 0.06, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5])
    errs = {}
    for interpolation in de.INTERPOLATIONS:
        emu = synthetic(ratios, gaussian_family, interpolation, "log")
        worst = 0.0
        for r in np.geomspace(0.035, 0.45, 15):
            truth = np.array([gaussian_family(r, T) for T in STAGES])
            worst = max(worst, float(np.max(np.abs(emu.table(r) / truth - 1))))
        errs[interpolation] = worst
    assert errs["cubic"] < 0.01 and errs["cubic"] < errs["linear"] / 3


def test_smooth_family_recovered_within_its_statistical_error():
    """Noisy Poisson tables of a Gaussian family: the emulated table at a point between the
    scan points agrees with the analytic density within the jackknife error."""
    ratios = np.linspace(0.05, 0.5, 10)
    emu = synthetic(ratios, gaussian_family, "cubic", "linear", noise_seed=3)
    for r in (0.12, 0.33):
        truth = np.array([gaussian_family(r, T) for T in STAGES])
        err = emu.error(r)
        assert np.all(err > 0)
        z = (emu.table(r) - truth) / err
        assert np.max(np.abs(z)) < 4.5
        assert 0.4 < np.mean(z**2) < 2.0
    # the jackknife error and the bootstrap spread agree
    reps = np.array([rep.table(0.33) for rep in emu.replicas(200, seed=5)])
    ratio = reps.std(axis=0, ddof=1) / emu.error(0.33)
    assert 0.75 < np.median(ratio) < 1.25


def test_leave_one_out_of_a_linear_family_has_zero_residual():
    """Block histograms exactly linear in J0/h0: every point is predicted exactly by its
    neighbours, in every jackknife replicate too (zero error of the difference)."""
    ratios = np.array([0.05, 0.1, 0.2, 0.3])
    a = synthetic(ratios[:2], gaussian_family, "linear", "linear", noise_seed=1).blocks
    counts = np.stack([(1 - r) * a["counts"][0] + r * a["counts"][1] for r in ratios])
    blocks = {**a, "counts": counts, "realizations": np.stack([a["realizations"][0]] * 4)}
    width = np.diff(EDGES)
    dens = counts.sum(axis=1) / (2.0 * a["n_tls"] * a["realizations"][0].sum() * width)
    emu = de.DOSEmulator(ratios, STAGES, EDGES, dens, "linear", "linear", blocks)
    loo = de.leave_one_out(emu, 1, edges=[0.0, 0.5, 1.0, 2.0])
    np.testing.assert_allclose(loo.predicted, loo.own, rtol=1e-12)
    assert loo.predicted.shape == (len(STAGES), 3) and np.all(loo.error < 1e-12 * loo.own)


def linear_noisy(seed, bias=0.0):
    """Poisson block histograms of a family linear in J0/h0 (so linear interpolation is exact
    in expectation); `bias` scales the expected counts of the middle point in one bin of |E|
    at every stage (a coherent error of the interpolation)."""
    ratios = np.array([0.1, 0.2, 0.3])
    dens = np.array([[(1 - r) * gaussian_family(0.0, T) + r * gaussian_family(0.4, T)
                      for T in STAGES] for r in ratios])
    dens[1, :, 3] *= 1.0 + bias
    rng = np.random.default_rng(seed)
    width, n_tls, per_block, n_blocks = np.diff(EDGES), 1000, 20, 50
    mean = 2.0 * n_tls * per_block * dens * width
    counts = rng.poisson(mean[:, None], size=(3, n_blocks) + dens.shape[1:])
    blocks = {"counts": counts, "realizations": np.full((3, n_blocks), per_block),
              "stages": np.arange(len(STAGES)), "n_tls": n_tls}
    table = counts.sum(axis=1) / (2.0 * n_tls * per_block * n_blocks * width)
    return de.DOSEmulator(ratios, STAGES, EDGES, table, "linear", "linear", blocks)


def test_stage_averaged_test_is_calibrated_and_sees_a_coherent_bias():
    """Without bias the stage-averaged p-values are not small more often than they should be;
    a bias of 10 % in one bin, coherent over the stages, is found."""
    edges = [0.0, 0.2, 0.4, 0.6, 1.0, 2.0]
    p = [de.leave_one_out(linear_noisy(seed), 1, edges).stage_averaged()["p_value"]
         for seed in range(30)]
    assert np.mean(np.array(p) < 0.05) < 0.2 and np.median(p) > 0.2
    loo = de.leave_one_out(linear_noisy(1, bias=0.1), 1, edges)
    out = loo.stage_averaged()
    assert out["dof"] == 5 and out["p_value"] < 1e-3
    assert int(np.argmax(np.abs(out["z"]))) == 1  # the bin 0.2 - 0.4 K holds the biased bin
    with pytest.raises(ValueError, match="no jackknife replicates"):
        de.LeaveOneOut(*[getattr(loo, f) for f in ("ratio", "name", "temperatures", "edges",
                                                   "predicted", "own", "error",
                                                   "interpolation", "variable")]
                       ).stage_averaged()


def test_block_correlation_of_shared_and_independent_blocks():
    emu = linear_noisy(3)
    same = emu.blocks["counts"].copy()
    same[1] = same[0]  # point 1 a copy of point 0: fully correlated, difference without error
    twin = de.DOSEmulator(emu.ratios, emu.temperatures, emu.edges, emu.density, "linear",
                          "linear", {**emu.blocks, "counts": same})
    b = de.block_correlation(twin, 0, 1, [0.0, 0.5, 1.0, 2.0])
    np.testing.assert_allclose(b["correlation"], 1.0, rtol=1e-12)
    np.testing.assert_allclose(b["ratio"], 0.0, atol=1e-7)
    b = de.block_correlation(emu, 0, 2, [0.0, 0.5, 1.0, 2.0])
    assert abs(np.median(b["correlation"])) < 0.3
    assert 0.8 < np.median(b["ratio"]) < 1.2
    with pytest.raises(ValueError, match="two different scan points"):
        de.block_correlation(emu, 1, 1)
    with pytest.raises(ValueError, match="j must be < 3"):
        de.block_correlation(emu, 0, 3)


def test_leave_one_out_of_real_scan(real):
    loo = de.leave_one_out(real.with_scheme("linear"), 1)
    assert loo.ratio == pytest.approx(0.2) and loo.name == "dos_mc_L8_J2K.npz"
    assert np.all(loo.error > 0) and np.all(np.isfinite(loo.z))
    assert loo.temperatures.max() == pytest.approx(1.0)


def test_error_and_replicas_of_real_scan(real):
    err = real.error(0.25)
    i = list(real.temperatures).index(0.2)
    n_low = real.blocks["counts"].shape[-1]
    assert np.all(err[i, 20:n_low] > 0) and np.all(np.isnan(err[i, n_low:]))
    assert np.all(np.isnan(err[list(real.temperatures).index(1.139)]))  # no blocks above 1 K
    reps = list(real.replicas(3, seed=0))
    assert all(rep.blocks is None for rep in reps)
    assert not np.array_equal(reps[0].table(0.25)[i], real.table(0.25)[i])


# ------------------------------------------------------------------------- bad input
def test_bad_input_gives_one_line_errors(real):
    with pytest.raises(ValueError, match=r"ratio \(J0/h0\) must lie inside the scan 0.1 - 0.5"):
        real.dos(0.6)
    with pytest.raises(ValueError, match=r"ratio \(J0/h0\) must lie inside the scan"):
        real.table(0.05)
    with pytest.raises(ValueError, match=r"ratio \(J0/h0\) must be a number"):
        real.weights("a lot")
    dos = real.dos(0.3)
    with pytest.raises(ValueError, match="temperature T must be a finite number > 0"):
        dos(-0.1, 1.0)
    with pytest.raises(ValueError, match="outside the emulator's stages"):
        dos(500.0, 1.0)
    with pytest.raises(ValueError, match="too far apart"):
        dos(1e-3, 1.0)  # between the 2 μK stage and 0.02 K
    with pytest.raises(ValueError, match="energy E must be finite"):
        dos(0.1, [1.0, np.nan])
    with pytest.raises(ValueError, match="interior scan point"):
        de.leave_one_out(real, 0)
    with pytest.raises(ValueError, match="edges must lie in 0 - 2.5"):
        de.leave_one_out(real, 1, edges=[0.0, 1.0, 5.0])
    with pytest.raises(ValueError, match="interpolation 'cubic' needs at least 3"):
        real.without(0).without(0).with_scheme("cubic")
    with pytest.raises(ValueError, match="strictly increasing"):
        de.DOSEmulator([0.2, 0.1], STAGES, EDGES, np.ones((2, 3, 20)), "linear")
    with pytest.raises(ValueError, match="no statistical errors"):
        next(real.replicas(1, 0)).error(0.2)


# ------------------------------------------------------------------------- fits
def test_velocity_fit_recovers_a_known_ratio(real):
    omega, A = 2 * np.pi * 90e3, 2 * np.pi * 9.4e6
    T = np.geomspace(0.03, 1.0, 20)
    truth = 0.23
    y = vf.velocity_model(T, omega, A, 0.02, truth, T_ref=T[0], family=real)
    sigma = 2e-6
    y = y + np.random.default_rng(7).normal(0.0, sigma, T.size)
    fit = vf.fit_velocity(T, y, sigma, omega, family=real)
    assert fit.free == ("A", "C", "J0/h0", "offset")
    assert abs(fit.values["J0/h0"] - truth) < 3 * fit.errors["J0/h0"]
    assert fit.errors["J0/h0"] < 0.02
    assert abs(fit.values["A"] / A - 1) < 3 * fit.errors["A"] / A
    np.testing.assert_allclose(fit.model(T), y, atol=5 * sigma)
    assert "J0/h0" in fit.report()
    # fixing the family parameter
    fixed = vf.fit_velocity(T, y, sigma, omega, family=real, mu=truth)
    assert fixed.free == ("A", "C", "offset") and fixed.values["J0/h0"] == truth
    with pytest.raises(ValueError, match=r"mu \(the fixed J0/h0\) must lie in"):
        vf.fit_velocity(T, y, sigma, omega, family=real, mu=0.9)
    with pytest.raises(ValueError, match="p0 has unknown keys"):
        vf.fit_velocity(T, y, sigma, omega, family=real, p0={"mu": 0.2})


def test_velocity_fit_at_the_end_of_the_scan_warns(real):
    """Data made at the last scan point: the best fit sits on the end of the range, which the
    fit reports instead of quoting an error as if the minimum were inside."""
    omega, A = 2 * np.pi * 90e3, 2 * np.pi * 9.4e6
    T = np.geomspace(0.03, 1.0, 20)
    y = vf.velocity_model(T, omega, A, 0.02, 0.5, T_ref=T[0], family=real)
    with pytest.warns(vf.FitWarning, match=r"J0/h0 = 0.5 is at the end of its range 0.1 - 0.5"):
        fit = vf.fit_velocity(T, y, 1e-7, omega, family=real)
    assert fit.values["J0/h0"] == pytest.approx(0.5, abs=1e-6)


def test_kappa_fit_recovers_a_known_ratio(real):
    from tlspaper.observables import thermal_conductivity

    T = np.geomspace(0.06, 0.6, 12)
    truth = 0.17
    k = thermal_conductivity(T, real.dos(truth))
    k = 1e-3 * k / k[0] * np.exp(0.02 * np.random.default_rng(11).standard_normal(T.size))
    em = kf.ErrorModel("relative", 0.02)
    fit = kf.fit_eq5(T, k, em, family=real)
    assert fit.parameter == "J0/h0" and fit.family is real
    assert abs(fit.mu - truth) < 3 * fit.mu_err
    assert fit.curve(T) == pytest.approx(k, rel=0.08)
    fixed = kf.fit_eq5(T, k, em, family=real, mu=truth)
    assert fixed.mu == truth and fixed.mu_err == 0.0 and fixed.dof == T.size - 1
    with pytest.raises(ValueError, match=r"mu \(the fixed J0/h0\) must lie in 0.1 - 0.5"):
        kf.fit_eq5(T, k, em, family=real, mu=0.05)


def test_replica_spread_gives_one_value_per_replica(real):
    out = de.replica_spread(lambda f: {"n": f(0.5, 0.1, 0.25)}, real, 4, seed=1)
    assert out["n"].shape == (4,) and np.std(out["n"]) > 0


# ------------------------------------------------------------------------- the scan files
def test_new_scan_files_match_their_specs():
    """Each registered file of the J0/h0 scan extension holds exactly its spec's run."""
    from tlspaper.data import fetch
    from tlspaper.montecarlo import Accumulator
    from tlspaper.papers.beyond import jh_fit

    assert set(jh_fit.NEW_SCAN.values()) == set(jh_fit.DATASETS)
    for name, spec in jh_fit.DATASETS.items():
        acc = Accumulator.from_file(fetch(name))
        assert acc.params == spec.params
        assert acc.realizations == spec.realizations == jh_fit.NEW_REALIZATIONS
    ratios = [J0 / 10.0 for J0 in jh_fit.SCAN_DATASETS]
    assert ratios == sorted(ratios) and len(ratios) == 10


# ------------------------------------------------------------------------- jh_fit helpers
def test_profile_interval_band_and_finite_size_helpers():
    from tlspaper.papers.beyond import jh_fit

    def chi2(r):  # a parabola of width 0.02 about 0.1, minimum 3
        return 3.0 + ((r - 0.1) / 0.02) ** 2

    iv = jh_fit._profile_interval(chi2, 0.1, 3.0, (0.03, 0.5))
    assert iv["low"] == pytest.approx(0.08, abs=1e-4)
    assert iv["high"] == pytest.approx(0.12, abs=1e-4)
    assert not (iv["low_open"] or iv["high_open"])
    iv = jh_fit._profile_interval(chi2, 0.1, 3.0, (0.09, 0.5))  # the low side hits the end
    assert iv["low_open"] and iv["low"] == 0.09
    assert jh_fit._finite_size({2.0: (0.21, 0.2), 3.0: (0.33, 0.3)}) == pytest.approx(0.1)
    band = jh_fit._band({"a": {"values": [0.16, 0.15], "finite_size": 0.1},
                         "b": {"values": [0.14], "finite_size": -0.5}})
    assert band["choices"] == pytest.approx((0.14, 0.16))
    assert band["total"] == pytest.approx((0.15 / 1.1, 0.28))
    assert jh_fit._birge(0.002, 4.0) == pytest.approx(0.004)
    assert jh_fit._birge(0.002, 0.5) == pytest.approx(0.002)


def test_one_step_refit_of_a_velocity_fit_matches_a_full_refit(real):
    """The Gauss-Newton step used for the emulator replicas of the velocity fits lands where a
    full refit does, for a replica-sized change of the DOS."""
    from tlspaper.papers.beyond import jh_fit

    omega, A = 2 * np.pi * 90e3, 2 * np.pi * 9.4e6
    T = np.geomspace(0.03, 1.0, 20)
    y = vf.velocity_model(T, omega, A, 0.02, 0.23, T_ref=T[0], family=real)
    y = y + np.random.default_rng(7).normal(0.0, 2e-6, T.size)
    sigma = np.full(T.size, 2e-6)
    fit = vf.fit_velocity(T, y, sigma, omega, family=real)
    step = jh_fit._gauss_newton(fit, T, y, sigma)
    assert step(real) == pytest.approx(fit.values["J0/h0"], abs=1e-5)  # already the minimum
    start = {k: v for k, v in fit.values.items() if k != "offset"}
    for rep in real.replicas(2, seed=4):
        refit = vf.fit_velocity(T, y, sigma, omega, family=rep, p0=start).values["J0/h0"]
        assert abs(refit - fit.values["J0/h0"]) > 5e-4  # the replica does move the fit
        assert step(rep) == pytest.approx(refit, abs=1e-4)
