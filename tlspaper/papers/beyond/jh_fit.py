"""Fits in J0/h0 through a DOS emulator of the Monte Carlo scan, beside the fixed-μ fits.

Churkin et al. (2021) fit measured curves with Eq. 3 at a temperature-independent μ, because
fitting with the simulated DOS "requires a numerical calculation of the TLS-DOS n(T, E) at
many values of the ratio J0/h0".  This extension builds that calculation: the L = 8 scan is
extended (:data:`NEW_SCAN`), interpolated in J0/h0 by :class:`tlspaper.dos_emulator.DOSEmulator`
(checked by leave-one-out, :func:`smoothness`), and the velocity and κ(T) fits take J0/h0 as
their free parameter (:func:`velocity_results`, :func:`kappa_results`).
"""

from __future__ import annotations

import functools
import math
import warnings
from pathlib import Path

import numpy as np

from ... import dos_emulator as de
from ... import kappa_fit as kf
from ... import velocity_fit as vf
from .. import churkin2021, scorecard

__all__ = [
    "CENTRAL_SCHEME",
    "DATASETS",
    "FINE_EDGES",
    "KAPPA_ERROR_MODEL",
    "KAPPA_FILES",
    "NEW_REALIZATIONS",
    "NEW_SCAN",
    "N_REPLICAS",
    "REPLICA_SEED",
    "SCAN_DATASETS",
    "SCHEMES",
    "VELOCITY_CURVE",
    "VELOCITY_WINDOWS",
    "emulator",
    "generate",
    "kappa_profile",
    "kappa_results",
    "results",
    "smoothness",
    "stage_check",
    "velocity_profile",
    "velocity_results",
]

#: Realizations of each new L = 8 scan dataset: as many as the J0 = 1 and 5 K scan files, so
#: that no point of the scan is much noisier than its neighbours (the compute budget of the
#: extension, half an hour of one core, allowed 5 files of this size).
NEW_REALIZATIONS = 6000

#: The L = 8 datasets added to the J0/h0 scan of :data:`tlspaper.papers.churkin2021.DOS_DATASETS`
#: (J0 = 0.3, 1, 2, 3, 5 K at h0 = 10 K), registry name by J0 [K]: same protocol
#: (:func:`tlspaper.papers.churkin2021.mc_spec`), no quench, like the scan files.
NEW_SCAN = {
    0.45: "dos_mc_L8_J0.45K.npz",
    0.6: "dos_mc_L8_J0.6K.npz",
    1.5: "dos_mc_L8_J1.5K.npz",
    2.5: "dos_mc_L8_J2.5K.npz",
    4.0: "dos_mc_L8_J4K.npz",
}

#: Registry name -> the spec that regenerates it.
DATASETS = {name: churkin2021.mc_spec(8, J0, NEW_REALIZATIONS) for J0, name in NEW_SCAN.items()}

#: Every L = 8 dataset of the emulator, registry name by J0 [K] (h0 = 10 K): the scan of the
#: reproduction layer and the new files, in increasing J0.
SCAN_DATASETS = dict(sorted(
    {**{J0: name for (L, J0), name in churkin2021.DOS_DATASETS.items() if L == 8},
     **NEW_SCAN}.items()))

#: The central interpolation scheme of the emulator, (interpolation, variable): the cubic
#: spline (smooth in J0/h0, so the fits have a continuous Jacobian) in ln(J0/h0) (the scan
#: points are close to geometric).  Chosen before the fits; :data:`SCHEMES` span the band.
CENTRAL_SCHEME = ("cubic", "log")
#: Every scheme of the systematic band of the fitted J0/h0.
SCHEMES = (("cubic", "log"), ("cubic", "linear"), ("linear", "log"), ("linear", "linear"))
#: A finer binning of |E| [K] for the leave-one-out check (sensitivity to
#: :data:`tlspaper.dos_emulator.COARSE_EDGES`).
FINE_EDGES = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0,
              1.5, 2.0, 2.5)
#: Bootstrap replicas of the emulator over which every J0/h0 fit is redone: the emulator's
#: statistical error on the fitted value (the spread of 40 replicas is known to ±11 %).
N_REPLICAS = 40
#: Seed of the replicas.
REPLICA_SEED = 2021

#: The synthetic δv/v curve (model output, NOT measured) of the sound-velocity chapter.
VELOCITY_CURVE = "dv_v_synthetic_fig5a_parameters.csv"
#: Temperature windows [K] of the velocity fits: all 30 points (central), and T <= 1 K, where
#: the emulator's statistical error is complete (the block histograms stop at 1 K).
VELOCITY_WINDOWS = ((0.0, math.inf), (0.0, 1.0))

#: The measured κ(T) curves fitted (the treatment of the measured-glasses chapter): registry
#: name -> label.  Only Stycast 1266 is a glass; Teflon is fitted for comparison only.
KAPPA_FILES = {
    "kappa_olson1993_stycast1266.csv": "Stycast 1266 (unfilled epoxy, a glass)",
    "kappa_anderson1963_teflon_sample1.csv": "Teflon, sample 1 (partly crystalline; comparison)",
}
#: The central error model of the κ fits (as the measured-glasses chapter): 5 % relative.
KAPPA_ERROR_MODEL = kf.ErrorModel("relative", 0.05)


def generate(name: str, *, realizations: int | None = None, output=None) -> Path:
    """Run the dataset `name` of :data:`DATASETS` (never modifying a registered file).

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    realizations : int, optional
        Total realizations wanted (default: the spec's).
    output : path-like, optional
        Where to write; default `name` in the local data folder.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    if name not in DATASETS:
        raise KeyError(f"{name!r} is not a J0/h0-scan dataset; known: {sorted(DATASETS)}")
    return churkin2021.generate_mc_dataset(name, DATASETS[name], realizations=realizations,
                                           output=output)


# --------------------------------------------------------------------------- the emulator
@functools.cache
def _loaded() -> de.DOSEmulator:
    return de.DOSEmulator.from_datasets(list(SCAN_DATASETS.values()), *CENTRAL_SCHEME)


def emulator(interpolation: str = CENTRAL_SCHEME[0],
             variable: str = CENTRAL_SCHEME[1]) -> de.DOSEmulator:
    """The DOS emulator of the L = 8 scan :data:`SCAN_DATASETS` under a scheme.

    Parameters
    ----------
    interpolation, variable : str
        See :class:`tlspaper.dos_emulator.DOSEmulator`; default :data:`CENTRAL_SCHEME`.

    Returns
    -------
    tlspaper.dos_emulator.DOSEmulator
    """
    return _loaded().with_scheme(interpolation, variable)


def smoothness(scheme=CENTRAL_SCHEME, edges=de.COARSE_EDGES, scan=None) -> dict:
    """Leave-one-out check of every interior scan point, summarised.

    Parameters
    ----------
    scheme : tuple of str
        (interpolation, variable) of :func:`emulator`; ignored if `scan` is given.
    edges : array_like
        Bins of |E| [K] of the comparison.
    scan : tlspaper.dos_emulator.DOSEmulator, optional
        Another scan (e.g. with points left out); default :func:`emulator` of `scheme`.

    Returns
    -------
    dict
        Left-out J0/h0 -> ``chi2_per_cell`` (mean z² over stages and bins), ``beyond_2``
        (fraction of cells with |z| > 2), ``max_abs_z`` and ``loo`` (the
        :class:`tlspaper.dos_emulator.LeaveOneOut`).
    """
    emu = scan if scan is not None else emulator(*scheme)
    out = {}
    for i in range(1, emu.ratios.size - 1):
        loo = de.leave_one_out(emu, i, edges)
        out[loo.ratio] = {"chi2_per_cell": float(np.mean(loo.z**2)),
                          "beyond_2": float(np.mean(np.abs(loo.z) > 2)),
                          "max_abs_z": loo.max_abs_z, "loo": loo}
    return out


def stage_check(ratio: float, temperatures=(0.05, 0.1, 0.2, 0.4)) -> dict:
    """The error of interpolating the emulated DOS in temperature, by leaving a stage out.

    At each of `temperatures` (stages of the schedule), κ (Eq. 5) and δv/v (Eqs. 7 + 8 at
    the f and A of Fig. 5(a), difference to the 0.02 K stage, per unit coupling) are computed
    with the emulated DOS of that stage and with the DOS interpolated in ln T from its two
    neighbours (the stage left out, so the gap is about twice the one in use: an upper bound
    on the interpolation error, which also holds the statistical difference of the stages).

    Parameters
    ----------
    ratio : float
        J0/h0 (dimensionless).
    temperatures : sequence of float
        Stages [K] to leave out, one at a time.

    Returns
    -------
    dict
        ``T`` [K], ``kappa_rel`` (interpolated/own − 1 of κ), ``velocity_abs`` (difference
        of δv/v per unit coupling, dimensionless), ``ratio``.
    """
    from ...observables import thermal_conductivity, velocity_shift

    emu = emulator()
    table = emu.table(ratio)
    full = de.EmulatedDOS(emu.temperatures, emu.edges, table, ratio)
    omega = 2.0 * math.pi * churkin2021.FIG3_FREQUENCY_HZ
    kappa_rel, vel = [], []
    for T in temperatures:
        keep = ~np.isclose(emu.temperatures, T, rtol=1e-6)
        if keep.all():
            raise ValueError(f"temperatures must be stages of the schedule, got {T} K")
        gap = de.EmulatedDOS(emu.temperatures[keep], emu.edges, table[keep], ratio,
                             max_stage_ratio=3.0)
        kappa_rel.append(float(thermal_conductivity(T, gap) / thermal_conductivity(T, full)
                               - 1.0))
        pair = [0.02, T]
        v_gap = velocity_shift(pair, gap, omega, churkin2021.A_FIG5A)
        v_full = velocity_shift(pair, full, omega, churkin2021.A_FIG5A)
        vel.append(float((v_gap[1] - v_gap[0]) - (v_full[1] - v_full[0])))
    return {"T": np.asarray(temperatures, dtype=float), "kappa_rel": np.asarray(kappa_rel),
            "velocity_abs": np.asarray(vel), "ratio": float(ratio)}


# --------------------------------------------------------------------------- velocity fits
def _curve_window(window):
    c = vf.load_curve(VELOCITY_CURVE)
    keep = (c.T >= window[0]) & (c.T <= window[1])
    return c, c.T[keep], c.y[keep], c.sigma[keep]


def _fit_velocity(family, window=VELOCITY_WINDOWS[0], p0=None, mu=None) -> vf.VelocityFit:
    c, T, y, s = _curve_window(window)
    return vf.fit_velocity(T, y, s, c.omega, family=family, p0=p0, mu=mu, T_ref=float(c.T[0]))


@functools.cache
def velocity_results(n_replicas: int = N_REPLICAS, seed: int = REPLICA_SEED) -> dict:
    """The synthetic Fig. 5(a) curve fitted by Eq. 3 (μ) and by the emulator (J0/h0).

    Returns
    -------
    dict
        ``mu_fit`` (:class:`tlspaper.velocity_fit.VelocityFit`, Eq. 3), ``fit`` (the
        emulator fit, :data:`CENTRAL_SCHEME`, all points), ``replicas`` (J0/h0 and T0 [K]
        refitted over `n_replicas` emulator replicas), ``emulator_error`` (their standard
        deviation of J0/h0), ``error`` (fit and emulator errors in quadrature), ``schemes``
        (scheme -> fit), ``windows`` (window -> fit with the central scheme), ``band``
        (smallest and largest J0/h0 over schemes and windows).
    """
    mu_fit = _fit_velocity(None)
    emu = emulator()
    fit = _fit_velocity(emu)
    start = {k: v for k, v in fit.values.items() if k != "offset"}

    def refit(family):
        f = _fit_velocity(family, p0=start)
        return {"J0/h0": f.values["J0/h0"], "T0": f.T0}

    reps = de.replica_spread(refit, emu, n_replicas, seed)
    emu_err = float(np.std(reps["J0/h0"], ddof=1))
    schemes = {s: (fit if s == CENTRAL_SCHEME else _fit_velocity(emulator(*s)))
               for s in SCHEMES}
    windows = {w: (fit if w == VELOCITY_WINDOWS[0] else _fit_velocity(emu, w))
               for w in VELOCITY_WINDOWS}
    values = [f.values["J0/h0"] for f in (*schemes.values(), *windows.values())]
    return {"mu_fit": mu_fit, "fit": fit, "replicas": reps, "emulator_error": emu_err,
            "error": float(math.hypot(fit.errors["J0/h0"], emu_err)), "schemes": schemes,
            "windows": windows, "band": (float(min(values)), float(max(values)))}


def velocity_profile(ratios) -> np.ndarray:
    """χ² of the synthetic curve fitted with J0/h0 fixed at each of `ratios` (A, C, offset free).

    Parameters
    ----------
    ratios : array_like
        J0/h0 values inside the scan (dimensionless).

    Returns
    -------
    numpy.ndarray
        χ² (absolute errors of the curve) per ratio.
    """
    emu = emulator()
    with warnings.catch_warnings():  # far from the best J0/h0 the fits are poor, by design
        warnings.simplefilter("ignore", vf.FitWarning)
        return np.array([_fit_velocity(emu, mu=float(r)).chi2 for r in np.atleast_1d(ratios)])


# --------------------------------------------------------------------------- κ(T) fits
def _kappa_data(name: str):
    from ...data import fetch
    from ...measured import read_kappa_csv

    return read_kappa_csv(fetch(name))


@functools.cache
def kappa_results(name: str, n_replicas: int = N_REPLICAS, seed: int = REPLICA_SEED) -> dict:
    """A measured κ(T) fitted by Eq. 5 with Eq. 3 (μ) and with the emulator (J0/h0).

    The window is that of the measured-glasses chapter: from the lowest point to the largest
    edge below which ln κ has no significant curvature under :data:`KAPPA_ERROR_MODEL`
    (:func:`tlspaper.kappa_fit.power_law_upper_edge`); the window band runs over the upper
    edges from the fifth point to that edge.

    Parameters
    ----------
    name : str
        A key of :data:`KAPPA_FILES`.
    n_replicas, seed : int
        Emulator replicas refitted, and their seed.

    Returns
    -------
    dict
        ``data`` (:class:`tlspaper.measured.KappaData`), ``edge`` [K], ``mu_fit`` and ``fit``
        (:class:`tlspaper.kappa_fit.KappaFit`; the emulator's J0/h0 is in ``fit.mu``),
        ``replicas`` (J0/h0 over the replicas), ``emulator_error``, ``error`` (fit and
        emulator errors in quadrature), ``schemes`` (scheme -> fit), ``windows`` (upper edge
        [K] -> fit), ``band`` (J0/h0 over schemes and windows), ``mu_windows`` (upper edge ->
        μ fit).
    """
    if name not in KAPPA_FILES:
        raise KeyError(f"{name!r} is not a κ file of this extension; known: {list(KAPPA_FILES)}")
    data = _kappa_data(name)
    em = KAPPA_ERROR_MODEL
    edge = kf.power_law_upper_edge(data, em)
    emu = emulator()

    def fit_with(family, t_max=edge):
        return kf.fit_eq5(data, None, em, T_max=t_max, family=family)

    mu_fit = fit_with(None)
    fit = fit_with(emu)
    reps = de.replica_spread(lambda f: {"J0/h0": fit_with(f).mu}, emu, n_replicas, seed)
    emu_err = float(np.std(reps["J0/h0"], ddof=1))
    schemes = {s: (fit if s == CENTRAL_SCHEME else fit_with(emulator(*s))) for s in SCHEMES}
    edges = data.T[(data.T >= data.T[4]) & (data.T <= edge)]
    windows = {float(t): fit_with(emu, float(t)) for t in edges}
    mu_windows = {float(t): fit_with(None, float(t)) for t in edges}
    values = [f.mu for f in (*schemes.values(), *windows.values())]
    return {"data": data, "edge": float(edge), "mu_fit": mu_fit, "fit": fit, "replicas": reps,
            "emulator_error": emu_err, "error": float(math.hypot(fit.mu_err, emu_err)),
            "schemes": schemes, "windows": windows, "mu_windows": mu_windows,
            "band": (float(min(values)), float(max(values)))}


def kappa_profile(name: str, ratios) -> np.ndarray:
    """χ² of a κ(T) curve fitted with J0/h0 fixed at each of `ratios` (prefactor free).

    Parameters
    ----------
    name : str
        A key of :data:`KAPPA_FILES` (window and error model of :func:`kappa_results`).
    ratios : array_like
        J0/h0 values inside the scan (dimensionless).

    Returns
    -------
    numpy.ndarray
        χ² under :data:`KAPPA_ERROR_MODEL` per ratio.
    """
    data = _kappa_data(name)
    edge = kf.power_law_upper_edge(data, KAPPA_ERROR_MODEL)
    emu = emulator()
    return np.array([kf.fit_eq5(data, None, KAPPA_ERROR_MODEL, T_max=edge, family=emu,
                                mu=float(r)).chi2 for r in np.atleast_1d(ratios)])


# --------------------------------------------------------------------------- results
def results() -> list[scorecard.Result]:
    """J0/h0 of the synthetic velocity curve and of Stycast 1266, beside their μ fits.

    Returns
    -------
    list of Result
        For each curve: J0/h0 (uncertainty: fit and emulator in quadrature; band over the
        interpolation schemes and fit windows) and the μ of Eq. 3 from the same fit.
    """
    group = "J0/h0 fits"
    v = velocity_results()
    fit, mu = v["fit"], v["mu_fit"]
    out = [
        scorecard.Result(
            group, "synthetic δv/v curve of Fig. 5(a) parameters (model output, μ = 0.1)",
            "J0/h0 (emulator of the L = 8 scan, h0 = 10 K)", fit.values["J0/h0"], v["error"],
            band=v["band"], band_over="interpolation schemes, T ≤ 1 K window",
            section="jh-velocity",
            note=f"χ²/dof = {fit.chi2_dof:.2f}; fit ± {fit.errors['J0/h0']:.2g}, emulator ± "
                 f"{v['emulator_error']:.2g}"),
        scorecard.Result(
            group, "synthetic δv/v curve of Fig. 5(a) parameters (model output, μ = 0.1)",
            "μ of Eq. 3 (temperature-independent)", mu.values["mu"], mu.errors["mu"],
            section="jh-velocity", note=f"χ²/dof = {mu.chi2_dof:.2f}"),
    ]
    k = kappa_results("kappa_olson1993_stycast1266.csv")
    kfit, kmu = k["fit"], k["mu_fit"]
    mu_band = [f.mu for f in k["mu_windows"].values()]
    out += [
        scorecard.Result(
            group, "κ(T) of Stycast 1266 (Olson 1993; measured)",
            f"J0/h0 (emulator, window {kfit.T_min:.2g}–{kfit.T_max:.2g} K, 5 % errors)",
            kfit.mu, k["error"], band=k["band"], band_over="interpolation schemes, fit windows",
            section="jh-kappa",
            note=f"χ²/dof = {kfit.chi2_dof:.2f}; fit ± {kfit.mu_err:.2g}, emulator ± "
                 f"{k['emulator_error']:.2g}"),
        scorecard.Result(
            group, "κ(T) of Stycast 1266 (Olson 1993; measured)",
            f"μ of Eq. 3 (window {kmu.T_min:.2g}–{kmu.T_max:.2g} K, 5 % errors)", kmu.mu,
            kmu.mu_err, band=(min(mu_band), max(mu_band)), band_over="fit windows",
            section="jh-kappa", note=f"χ²/dof = {kmu.chi2_dof:.2f}"),
    ]
    return out
