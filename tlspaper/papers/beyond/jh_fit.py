"""Fits in J0/h0 through a DOS emulator of the Monte Carlo scan, beside the fixed-μ fits.

Churkin et al. (2021) fit measured curves with Eq. 3 at a temperature-independent μ, because
fitting with the simulated DOS "requires a numerical calculation of the TLS-DOS n(T, E) at
many values of the ratio J0/h0".  This extension builds that calculation at L = 8 and
h0 = 10 K only: the L = 8 scan is extended (:data:`NEW_SCAN`), interpolated in J0/h0 by
:class:`tlspaper.dos_emulator.DOSEmulator` (checked by leave-one-out, :func:`smoothness`), and
the velocity and κ(T) fits take J0/h0 as their free parameter (:func:`velocity_results`,
:func:`kappa_results`).  Every fitted J0/h0 is that of the L = 8 DOS at h0 = 10 K; the shift
to L = 12 is measured by a closure test (:func:`velocity_closure`, :func:`kappa_closure`) and
enters the systematic band.
"""

from __future__ import annotations

import functools
import math
import warnings

import numpy as np

from ... import dos_emulator as de
from ... import kappa_fit as kf
from ... import velocity_fit as vf
from .. import churkin2021, scorecard

__all__ = [
    "ALTERNATIVE_T_INTERPOLATION",
    "CENTRAL_SCHEME",
    "CLOSURE_COUPLING",
    "CLOSURE_J0",
    "CLOSURE_L",
    "DATASETS",
    "FINE_EDGES",
    "KAPPA_ERROR_MODEL",
    "KAPPA_FILES",
    "LABEL",
    "LOO_ALPHA",
    "NEW_REALIZATIONS",
    "NEW_SCAN",
    "N_REPLICAS",
    "REJECT_P_VALUE",
    "REPLICA_SEED",
    "SCAN_DATASETS",
    "SCHEMES",
    "VELOCITY_CURVE",
    "VELOCITY_WINDOWS",
    "band_schemes",
    "emulator",
    "kappa_closure",
    "kappa_intervals",
    "kappa_profile",
    "kappa_results",
    "negative_density",
    "neighbour_correlations",
    "passes",
    "results",
    "smoothness",
    "spline_weights",
    "stage_check",
    "velocity_closure",
    "velocity_dictionary",
    "velocity_profile",
    "velocity_replica_check",
    "velocity_results",
    "velocity_t_interpolation",
    "velocity_window_scan",
]

#: Realizations of each new L = 8 scan dataset: as many as the J0 = 1 and 5 K scan files, so
#: that no point of the scan is much noisier than its neighbours.
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
#: points are close to geometric).  Chosen before the fits.
CENTRAL_SCHEME = ("cubic", "log")
#: Every scheme tried; those that pass the leave-one-out criterion (:func:`band_schemes`)
#: span the systematic band of the fitted J0/h0.
SCHEMES = (("cubic", "log"), ("cubic", "linear"), ("linear", "log"), ("linear", "linear"))
#: Family-wise false-alarm probability of the leave-one-out criterion (:func:`passes`): a
#: scheme fails if the stage-averaged test of any interior point has p < LOO_ALPHA / (number
#: of interior points) (Bonferroni).
LOO_ALPHA = 0.05
#: A finer binning of |E| [K] for the leave-one-out check (sensitivity to
#: :data:`tlspaper.dos_emulator.COARSE_EDGES`).
FINE_EDGES = (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0,
              1.5, 2.0, 2.5)
#: Bootstrap replicas of the emulator over which every J0/h0 fit is redone (κ: refitted;
#: δv/v: one Gauss-Newton step from the fit, compared with full refits by
#: :func:`velocity_replica_check`): the emulator's statistical error on the fitted value (the
#: spread of 40 replicas is known to ±11 %).
N_REPLICAS = 40
#: Seed of the replicas.
REPLICA_SEED = 2021
#: The interpolation in temperature between stages whose refit gives the systematic error of
#: that step (the central one is linear in ln T; see
#: :data:`tlspaper.dos_emulator.TEMPERATURE_INTERPOLATIONS`).
ALTERNATIVE_T_INTERPOLATION = "linear"
#: A fit whose χ² has a p-value below this is rejected: its value ± error is then not quoted
#: as the result, the systematic band is.  (Fit errors are always Birge-scaled, multiplied by
#: √max(1, χ²/dof).)
REJECT_P_VALUE = 0.01

#: The synthetic δv/v curve (model output, NOT measured) of the sound-velocity chapter.
VELOCITY_CURVE = "dv_v_synthetic_fig5a_parameters.csv"
#: Temperature windows [K] of the velocity fits: all 30 points (central), and T <= 1 K, where
#: every stage used has block histograms (they stop at 1 K, and at 2.5 K in energy).
VELOCITY_WINDOWS = ((0.0, math.inf), (0.0, 1.0))

#: Closure test of the finite size: the lattice whose DOS makes the test curves (the
#: emulator is L = 8), ...
CLOSURE_L = 12
#: ... the J0 [K] of its datasets (h0 = 10 K: true J0/h0 = 0.2 and 0.3), ...
CLOSURE_J0 = (2.0, 3.0)
#: ... and the coupling C of the δv/v test curves (about that of the emulator fit of the
#: synthetic curve; their σ is the synthetic curve's, their A and ω those of Fig. 5(a)).
CLOSURE_COUPLING = 0.02

#: The measured κ(T) curves fitted (the treatment of the measured-glasses chapter): registry
#: name -> label.  Only Stycast 1266 is a glass; Teflon is fitted for comparison only.
KAPPA_FILES = {
    "kappa_olson1993_stycast1266.csv": "Stycast 1266 (unfilled epoxy, a glass)",
    "kappa_anderson1963_teflon_sample1.csv": "Teflon, sample 1 (partly crystalline; comparison)",
}
#: The central error model of the κ fits (as the measured-glasses chapter): 5 % relative.
KAPPA_ERROR_MODEL = kf.ErrorModel("relative", 0.05)

#: How every J0/h0 of this module is to be read.
LABEL = "L = 8 DOS, h0 = 10 K"


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
        (fraction of cells with |z| > 2), ``max_abs_z``, ``stage`` (the stage-averaged test,
        :meth:`tlspaper.dos_emulator.LeaveOneOut.stage_averaged`) and ``loo`` (the
        :class:`tlspaper.dos_emulator.LeaveOneOut`).
    """
    emu = scan if scan is not None else emulator(*scheme)
    out = {}
    for i in range(1, emu.ratios.size - 1):
        loo = de.leave_one_out(emu, i, edges)
        out[loo.ratio] = {"chi2_per_cell": float(np.mean(loo.z**2)),
                          "beyond_2": float(np.mean(np.abs(loo.z) > 2)),
                          "max_abs_z": loo.max_abs_z, "stage": loo.stage_averaged(),
                          "loo": loo}
    return out


def passes(table: dict, alpha: float = LOO_ALPHA) -> bool:
    """The leave-one-out criterion: every interior point's stage-averaged test has p ≥ α/n.

    Parameters
    ----------
    table : dict
        A :func:`smoothness` table (n interior points).
    alpha : float
        Family-wise false-alarm probability (Bonferroni over the points).

    Returns
    -------
    bool
    """
    return all(t["stage"]["p_value"] >= alpha / len(table) for t in table.values())


@functools.cache
def band_schemes() -> tuple:
    """The :data:`SCHEMES` that pass the leave-one-out criterion (:func:`passes`, coarse bins).

    Returns
    -------
    tuple of (str, str)
        In the order of :data:`SCHEMES`; they span the scheme part of the systematic band.
    """
    return tuple(s for s in SCHEMES if passes(smoothness(s)))


def spline_weights(bc_type: str = "natural", n: int = 300) -> dict:
    """The weights of a cubic spline in ln(J0/h0) through the scan, under an end condition.

    The reason for the natural end condition of the emulator, which does not look at the
    densities: how far its weights amplify the noise of single bins, against scipy's default.

    Parameters
    ----------
    bc_type : str
        End condition of :class:`scipy.interpolate.CubicSpline` ('natural', 'not-a-knot').
    n : int
        Values of J0/h0, geometric over the scan.

    Returns
    -------
    dict
        ``max_gain`` (largest √Σw², dimensionless), ``at`` (its J0/h0), ``min_weight``.
    """
    from scipy.interpolate import CubicSpline

    r = _loaded().ratios
    grid = np.geomspace(r[0], r[-1], n)
    w = CubicSpline(np.log(r), np.eye(r.size), axis=0, bc_type=bc_type)(np.log(grid))
    gain = np.sqrt(np.sum(w**2, axis=1))
    return {"max_gain": float(gain.max()), "at": float(grid[gain.argmax()]),
            "min_weight": float(w.min())}


def neighbour_correlations(edges=de.COARSE_EDGES, e_max: float = 0.5) -> dict:
    """The correlation of neighbouring scan points through their shared disorder, measured.

    Parameters
    ----------
    edges : array_like
        Coarse bins of |E| [K] (those of the leave-one-out check).
    e_max : float
        Upper end [K] of the low-energy bins also summarised separately.

    Returns
    -------
    dict
        (J0/h0 a, J0/h0 b) -> ``median_correlation``, ``median_ratio`` (σ of the difference
        over the errors in quadrature) over all cells, the same two ``_low`` over the bins
        with |E| < `e_max`, and ``max_correlation``; from
        :func:`tlspaper.dos_emulator.block_correlation`.
    """
    emu = emulator()
    out = {}
    for k in range(emu.ratios.size - 1):
        b = de.block_correlation(emu, k, k + 1, edges)
        low = b["edges"][1:] <= e_max * (1 + 1e-9)
        out[(float(emu.ratios[k]), float(emu.ratios[k + 1]))] = {
            "median_correlation": float(np.nanmedian(b["correlation"])),
            "median_ratio": float(np.nanmedian(b["ratio"])),
            "median_correlation_low": float(np.nanmedian(b["correlation"][:, low])),
            "median_ratio_low": float(np.nanmedian(b["ratio"][:, low])),
            "max_correlation": float(np.nanmax(b["correlation"]))}
    return out


def stage_check(ratio: float, temperatures=(0.05, 0.1, 0.2, 0.4)) -> dict:
    """The error of interpolating the emulated DOS in temperature, by leaving a stage out.

    At each of `temperatures` (stages of the schedule), κ (Eq. 5) and δv/v (Eqs. 7 + 8 at
    the f and A of Fig. 5(a), difference to the 0.02 K stage, per unit coupling) are computed
    with the emulated DOS of that stage and with the DOS interpolated in ln T from its two
    neighbours (the stage left out, so the gap is about twice the one in use; the difference
    also holds the statistical difference of the stages).  κ is NaN where it is undefined:
    above about 1.5 K its integral reaches E ≈ 100 K, where the emulated DOS of some J0/h0
    touches zero (:func:`negative_density`).

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
        try:
            kappa_rel.append(float(thermal_conductivity(T, gap) / thermal_conductivity(T, full)
                                   - 1.0))
        except ValueError:  # the DOS vanishes inside the κ integral (Eq. 5 divides by it)
            kappa_rel.append(math.nan)
        pair = [0.02, T]
        v_gap = velocity_shift(pair, gap, omega, churkin2021.A_FIG5A)
        v_full = velocity_shift(pair, full, omega, churkin2021.A_FIG5A)
        vel.append(float((v_gap[1] - v_gap[0]) - (v_full[1] - v_full[0])))
    return {"T": np.asarray(temperatures, dtype=float), "kappa_rel": np.asarray(kappa_rel),
            "velocity_abs": np.asarray(vel), "ratio": float(ratio)}


def negative_density(n: int = 60) -> dict:
    """Where the emulated DOS of the central scheme is negative (negative spline weights).

    Parameters
    ----------
    n : int
        Values of J0/h0 tried, geometric over the scan.

    Returns
    -------
    dict
        ``min`` (most negative density [1/K] over J0/h0, stages and bins), ``E_min`` (lowest
        |E| [K] of a negative bin), ``fraction`` (largest ∫ of the negative part over the
        normalisation 1/2, over J0/h0 and stages, dimensionless), ``n_ratios`` (how many of the
        J0/h0 tried have a negative bin).
    """
    emu = emulator()
    width = np.diff(emu.edges)
    centres = 0.5 * (emu.edges[1:] + emu.edges[:-1])
    low, e_min, frac, count = 0.0, math.inf, 0.0, 0
    for r in np.geomspace(*emu.bounds, n):
        tab = emu.table(r)
        neg = tab < 0
        if neg.any():
            count += 1
            low = min(low, float(tab.min()))
            e_min = min(e_min, float(centres[neg.any(axis=0)].min()))
            frac = max(frac, float(np.max(-np.sum(np.where(neg, tab, 0.0) * width, axis=1)))
                       / 0.5)
    return {"min": low, "E_min": e_min, "fraction": frac, "n_ratios": count}


def _bracketing(emu: de.DOSEmulator, value: float) -> tuple:
    """Indices of the interior scan points on either side of `value` (those a fit-level
    leave-one-out drops; an end point of the scan cannot be dropped)."""
    k = int(np.clip(np.searchsorted(emu.ratios, value), 1, emu.ratios.size - 1))
    return tuple(i for i in (k - 1, k) if 0 < i < emu.ratios.size - 1)


def _band(windows: dict) -> dict:
    """The systematic band from per-window variants and closure shifts.

    `windows` maps a window to ``values`` (J0/h0 of the central fit and of every variant) and
    ``finite_size`` (relative L = 8 -> 12 shift s: a J0/h0 v of the L = 8 DOS corresponds to
    v / (1 + s) at L = 12).  Returns the band over the choices alone and with the finite size.
    """
    values = [v for w in windows.values() for v in w["values"]]
    moved = [v / (1.0 + w["finite_size"]) for w in windows.values() for v in w["values"]]
    return {"choices": (float(min(values)), float(max(values))),
            "total": (float(min(values + moved)), float(max(values + moved)))}


def _finite_size(closure: dict) -> float:
    """The relative closure shift (fitted/true − 1) of largest size over :data:`CLOSURE_J0`;
    `closure` maps J0 to (fitted, true) J0/h0."""
    shifts = [fitted / true - 1.0 for fitted, true in closure.values()]
    return float(max(shifts, key=abs))


def _birge(error: float, chi2_dof: float) -> float:
    return float(error * math.sqrt(max(1.0, chi2_dof)))


# --------------------------------------------------------------------------- velocity fits
def _curve_window(window):
    c = vf.load_curve(VELOCITY_CURVE)
    keep = (c.T >= window[0]) & (c.T <= window[1])
    return c, c.T[keep], c.y[keep], c.sigma[keep]


def _fit_velocity(family, window=VELOCITY_WINDOWS[0], p0=None, mu=None) -> vf.VelocityFit:
    c, T, y, s = _curve_window(window)
    return vf.fit_velocity(T, y, s, c.omega, family=family, p0=p0, mu=mu, T_ref=float(c.T[0]))


def _start(fit: vf.VelocityFit) -> dict:
    """Starting values for refits near `fit` (A, C and the DOS parameter)."""
    return {k: v for k, v in fit.values.items() if k != "offset"}


def _gauss_newton(fit: vf.VelocityFit, T, y, sigma):
    """A function ``step(family)``: the DOS parameter of `fit` refitted with another family.

    One Gauss-Newton step from the fitted A, C, offset and DOS parameter (all four free), with
    the residuals and the Jacobian of the new family at that point: for a change of the DOS
    by about its statistical error (an emulator replica) this lands within a small fraction
    of the replica spread of a full refit (:func:`velocity_replica_check`), at a third of its
    cost.
    """
    vals = fit.values
    r = vals[fit.family.parameter]
    h_a = 1e-6 * max(1.0, abs(math.log(vals["A"])))
    h_r = 1e-6 if r + 1e-6 <= fit.family.bounds[1] else -1e-6

    def model(family, log_a=0.0, ratio=r):
        return vf.velocity_model(T, fit.omega, vals["A"] * math.exp(log_a), vals["C"], ratio,
                                 vals["offset"], T_ref=fit.T_ref, cutoff=fit.cutoff,
                                 quantity=fit.quantity, family=family)

    def step(family) -> float:
        m = model(family)
        jac = np.column_stack([(model(family, log_a=h_a) - m) / h_a,
                               (m - vals["offset"]) / vals["C"],
                               (model(family, ratio=r + h_r) - m) / h_r, np.ones_like(m)])
        delta = np.linalg.lstsq(jac / sigma[:, None], (y - m) / sigma, rcond=None)[0]
        return float(r + delta[2])

    return step


def _replica_values(fits: dict, n: int, seed: int) -> dict:
    """J0/h0 of each window's fit over `n` emulator replicas (one Gauss-Newton step each)."""
    steps = {}
    for w, fit in fits.items():
        _, T, y, s = _curve_window(w)
        steps[w] = _gauss_newton(fit, T, y, s)
    out = {w: [] for w in fits}
    for rep in fits[next(iter(fits))].family.replicas(n, seed):
        for w in fits:
            out[w].append(steps[w](rep))
    return {w: np.asarray(v) for w, v in out.items()}


def _closure_curve(L: int, J0: float, window):
    """A δv/v test curve made from the dataset (L, J0): its stages in 0.02 K - `window`[1]."""
    from ...dos import load_simulated
    from ...observables import velocity_shift

    d = load_simulated(churkin2021.DOS_DATASETS[(L, J0)])
    c = vf.load_curve(VELOCITY_CURVE)
    T = np.sort(d.temperatures)
    T = T[(T >= c.T[0] * (1 - 1e-9)) & (T <= min(window[1], c.T[-1]))]
    u = velocity_shift(T, d, c.omega, churkin2021.A_FIG5A)
    sigma = np.full(T.size, float(np.median(c.sigma)))
    return T, CLOSURE_COUPLING * (u - u[0]), sigma, c.omega, d.J0 / d.h0


@functools.cache
def velocity_closure(window=VELOCITY_WINDOWS[0], L: int = CLOSURE_L) -> dict:
    """Closure test: δv/v curves made from the L = `L` DOS, fitted with the L = 8 emulator.

    For each J0 of :data:`CLOSURE_J0` the curve is Eqs. 7 + 8 with the simulated DOS of the
    dataset (L, J0) at its annealing stages from 0.02 K to the window's upper edge (no
    interpolation in temperature), A of Fig. 5(a), coupling :data:`CLOSURE_COUPLING`, no
    noise, and the σ of the synthetic curve; it is fitted like the synthetic curve.  With
    ``L = 8`` the fit returns the true J0/h0 (the emulator is that dataset there); with
    ``L = 12`` the fitted minus the true J0/h0 is the finite-size shift of the emulator.

    Returns
    -------
    dict
        J0 [K] -> ``fit`` (:class:`tlspaper.velocity_fit.VelocityFit`), ``true`` (the
        dataset's J0/h0), ``T`` (the stages used [K]).
    """
    emu = emulator()
    out = {}
    for J0 in CLOSURE_J0:
        T, y, s, omega, true = _closure_curve(L, J0, window)
        fit = vf.fit_velocity(T, y, s, omega, family=emu, T_ref=float(T[0]))
        out[J0] = {"fit": fit, "true": float(true), "T": T}
    return out


def _window_analysis(window, n_replicas, seed) -> dict:
    emu = emulator()
    fit = _fit_velocity(emu, window)
    start = _start(fit)
    schemes = {s: (fit if s == CENTRAL_SCHEME else _fit_velocity(emulator(*s), window, start))
               for s in band_schemes()}
    loo = {float(emu.ratios[i]): _fit_velocity(emu.without(i), window, start)
           for i in _bracketing(emu, fit.values["J0/h0"])}
    t_interp = _fit_velocity(emu.with_scheme(temperature_interpolation=ALTERNATIVE_T_INTERPOLATION),
                             window, start)
    closure = velocity_closure(window)
    values = [f.values["J0/h0"] for f in (*schemes.values(), *loo.values(), t_interp)]
    return {"fit": fit, "mu_fit": _fit_velocity(None, window), "schemes": schemes, "loo": loo,
            "t_interp": t_interp, "closure": closure,
            "finite_size": _finite_size({J0: (c["fit"].values["J0/h0"], c["true"])
                                         for J0, c in closure.items()}),
            "values": values,
            "birge_error": _birge(fit.errors["J0/h0"], fit.chi2_dof)}


@functools.cache
def velocity_results(n_replicas: int = N_REPLICAS, seed: int = REPLICA_SEED) -> dict:
    """The synthetic Fig. 5(a) curve fitted by Eq. 3 (μ) and by the emulator (J0/h0).

    For each window of :data:`VELOCITY_WINDOWS`: the emulator fit (central scheme), its
    statistical errors, and the variants that span the systematic band.

    Returns
    -------
    dict
        ``mu_fit`` and ``fit`` (Eq. 3 and emulator, all points: the central window);
        ``windows``: window -> ``fit``, ``mu_fit`` (Eq. 3, same window), ``replicas`` (J0/h0
        over `n_replicas` emulator replicas, one Gauss-Newton step each), ``emulator_error`` (their
        standard deviation), ``birge_error`` (fit error × √max(1, χ²/dof)), ``error`` (Birge
        and emulator errors in quadrature), ``schemes`` (each of :func:`band_schemes` ->
        fit), ``loo`` (J0/h0 of each bracketing scan point left out -> fit), ``t_interp``
        (fit with :data:`ALTERNATIVE_T_INTERPOLATION`), ``closure``
        (:func:`velocity_closure`), ``finite_size`` (relative closure shift), ``values``
        (J0/h0 of the central fit and the variants); ``band`` (over the choices of both
        windows), ``band_total`` (with the finite size), ``rejected`` (the central fit's p <
        :data:`REJECT_P_VALUE`), and ``error``, ``emulator_error``, ``birge_error`` of the
        central window.
    """
    windows = {w: _window_analysis(w, n_replicas, seed) for w in VELOCITY_WINDOWS}
    reps = _replica_values({w: a["fit"] for w, a in windows.items()}, n_replicas, seed)
    for w, a in windows.items():
        a["replicas"] = reps[w]
        a["emulator_error"] = float(np.std(reps[w], ddof=1))
        a["error"] = float(math.hypot(a["birge_error"], a["emulator_error"]))
    central = windows[VELOCITY_WINDOWS[0]]
    band = _band(windows)
    return {"mu_fit": central["mu_fit"], "fit": central["fit"], "windows": windows,
            "band": band["choices"], "band_total": band["total"],
            "rejected": bool(central["fit"].p_value < REJECT_P_VALUE),
            "error": central["error"], "emulator_error": central["emulator_error"],
            "birge_error": central["birge_error"]}


def velocity_replica_check(n: int = 10, window=VELOCITY_WINDOWS[0],
                           seed: int = REPLICA_SEED) -> dict:
    """The one-step refits of :func:`velocity_results` against full refits, replica by replica.

    Returns
    -------
    dict
        ``step`` and ``refit``: J0/h0 over the first `n` replicas (same seed) by each method.
    """
    fit = velocity_results()["windows"][window]["fit"]
    start = _start(fit)
    refit = [_fit_velocity(rep, window, start).values["J0/h0"]
             for rep in fit.family.replicas(n, seed)]
    return {"step": _replica_values({window: fit}, n, seed)[window], "refit": np.asarray(refit)}


def velocity_window_scan(t_max_from: float = 0.5) -> list[dict]:
    """The emulator and Eq. 3 fits with the upper window edge at every point ≥ `t_max_from` K.

    Returns
    -------
    list of dict
        ``T_max`` [K], ``fit`` (emulator, central scheme), ``mu_fit`` (Eq. 3).
    """
    c = vf.load_curve(VELOCITY_CURVE)
    base = velocity_results()
    start, mu_start = _start(base["fit"]), _start(base["mu_fit"])
    emu = emulator()
    return [{"T_max": float(t), "fit": _fit_velocity(emu, (0.0, float(t)), start),
             "mu_fit": _fit_velocity(None, (0.0, float(t)), mu_start)}
            for t in c.T[c.T >= t_max_from]]


def velocity_t_interpolation(kind: str = "nearest") -> dict:
    """The emulator fits redone with another interpolation of the DOS in temperature.

    Parameters
    ----------
    kind : str
        One of :data:`tlspaper.dos_emulator.TEMPERATURE_INTERPOLATIONS`.

    Returns
    -------
    dict
        Window -> fit.
    """
    emu = emulator().with_scheme(temperature_interpolation=kind)
    return {w: _fit_velocity(emu, w, _start(a["fit"]))
            for w, a in velocity_results()["windows"].items()}


def velocity_dictionary() -> dict:
    """μ ↔ J0/h0 for the synthetic curve, both ways, per window.

    One way: the synthetic curve (Eq. 3 at μ = 0.1) fitted with the emulator gives J0/h0.
    The other: the noise-free emulator curve at that J0/h0 (the fitted A, C, offset, at the
    curve's temperatures and σ) fitted with Eq. 3 gives μ back.

    Returns
    -------
    dict
        Window -> ``mu`` (Eq. 3 fit of the synthetic curve), ``ratio`` (emulator fit),
        ``mu_back`` (Eq. 3 fit of the emulator curve) and ``mu_back_fit``.
    """
    out = {}
    for w, a in velocity_results()["windows"].items():
        c, T, _, s = _curve_window(w)
        y = a["fit"].model(T)
        back = vf.fit_velocity(T, y, s, c.omega, T_ref=float(c.T[0]), p0=_start(a["mu_fit"]))
        out[w] = {"mu": a["mu_fit"].values["mu"], "ratio": a["fit"].values["J0/h0"],
                  "mu_back": back.values["mu"], "mu_back_fit": back}
    return out


def velocity_profile(ratios, window=VELOCITY_WINDOWS[0]) -> np.ndarray:
    """χ² of the synthetic curve fitted with J0/h0 fixed at each of `ratios` (A, C, offset free).

    Parameters
    ----------
    ratios : array_like
        J0/h0 values inside the scan (dimensionless).
    window : tuple of float
        Temperature window [K].

    Returns
    -------
    numpy.ndarray
        χ² (absolute errors of the curve) per ratio.
    """
    emu = emulator()
    with warnings.catch_warnings():  # far from the best J0/h0 the fits are poor, by design
        warnings.simplefilter("ignore", vf.FitWarning)
        return np.array([_fit_velocity(emu, window, mu=float(r)).chi2
                         for r in np.atleast_1d(ratios)])


# --------------------------------------------------------------------------- κ(T) fits
def _kappa_data(name: str):
    from ...data import fetch
    from ...measured import read_kappa_csv

    return read_kappa_csv(fetch(name))


def _kappa_window_edges(data, edge) -> np.ndarray:
    return data.T[(data.T >= data.T[4]) & (data.T <= edge)]


@functools.cache
def kappa_closure(t_max: float, t_min: float = 0.0, L: int = CLOSURE_L) -> dict:
    """Closure test of the κ fits: κ(T) of the L = `L` DOS fitted with the L = 8 emulator.

    κ (Eq. 5) of the dataset (L, J0) for each J0 of :data:`CLOSURE_J0`, at its annealing
    stages inside the window [`t_min`, `t_max`] K (no interpolation in temperature, no
    noise), fitted under :data:`KAPPA_ERROR_MODEL`.

    Returns
    -------
    dict
        J0 [K] -> ``fit`` (:class:`tlspaper.kappa_fit.KappaFit`), ``true`` (J0/h0), ``T``.
    """
    from ...dos import load_simulated
    from ...observables import thermal_conductivity

    emu = emulator()
    out = {}
    for J0 in CLOSURE_J0:
        d = load_simulated(churkin2021.DOS_DATASETS[(L, J0)])
        T = np.sort(d.temperatures)
        T = T[(T >= t_min) & (T <= t_max)]
        fit = kf.fit_eq5(T, thermal_conductivity(T, d), KAPPA_ERROR_MODEL, family=emu)
        out[J0] = {"fit": fit, "true": float(d.J0 / d.h0), "T": T}
    return out


@functools.cache
def kappa_results(name: str, n_replicas: int = N_REPLICAS, seed: int = REPLICA_SEED) -> dict:
    """A measured κ(T) fitted by Eq. 5 with Eq. 3 (μ) and with the emulator (J0/h0).

    The window is that of the measured-glasses chapter: from the lowest point to the largest
    edge below which ln κ has no significant curvature under :data:`KAPPA_ERROR_MODEL`
    (:func:`tlspaper.kappa_fit.power_law_upper_edge`); the window band runs over the upper
    edges from the fifth point to that edge.  In every window the band takes the schemes of
    :func:`band_schemes`, the bracketing scan points left out, and
    :data:`ALTERNATIVE_T_INTERPOLATION`; the finite size comes from :func:`kappa_closure` on
    the stages inside each window.

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
        ``replicas`` (J0/h0 over the replicas, refitted), ``emulator_error``, ``error`` (fit
        and emulator errors in quadrature), ``schemes`` (each of :data:`SCHEMES` -> fit,
        central window), ``windows`` (upper edge [K] -> fit), ``mu_windows`` (upper edge ->
        μ fit), ``variants`` (upper edge -> ``loo`` {left-out J0/h0: fit}, ``t_interp``,
        ``schemes``, ``closure``, ``finite_size``, ``values``), ``window_band`` (J0/h0 over
        the windows alone), ``band`` (over all choices), ``band_total`` (with the finite
        size), ``scatter_fit`` (central window, error from the scatter of the points),
        ``interval`` (profile-likelihood Δχ² = 1 interval of the central window, as
        :func:`kappa_intervals`).
    """
    if name not in KAPPA_FILES:
        raise KeyError(f"{name!r} is not a κ file of this extension; known: {list(KAPPA_FILES)}")
    data = _kappa_data(name)
    em = KAPPA_ERROR_MODEL
    edge = kf.power_law_upper_edge(data, em)
    emu = emulator()
    t_emu = emu.with_scheme(temperature_interpolation=ALTERNATIVE_T_INTERPOLATION)

    def fit_with(family, t_max=edge, error_model=em):
        return kf.fit_eq5(data, None, error_model, T_max=t_max, family=family)

    mu_fit = fit_with(None)
    fit = fit_with(emu)
    reps = de.replica_spread(lambda f: {"J0/h0": fit_with(f).mu}, emu, n_replicas, seed)
    emu_err = float(np.std(reps["J0/h0"], ddof=1))
    schemes = {s: (fit if s == CENTRAL_SCHEME else fit_with(emulator(*s))) for s in SCHEMES}
    edges = _kappa_window_edges(data, edge)
    windows = {float(t): fit_with(emu, float(t)) for t in edges}
    mu_windows = {float(t): fit_with(None, float(t)) for t in edges}
    variants = {}
    lo_bound = emu.bounds[0] * (1 + 1e-6)
    for t, f in windows.items():
        if f.mu <= lo_bound:  # at the end of the scan: no J0/h0 to vary
            continue
        v = {"schemes": {s: (f if s == CENTRAL_SCHEME else fit_with(emulator(*s), t))
                         for s in band_schemes()},
             "loo": {float(emu.ratios[i]): fit_with(emu.without(i), t)
                     for i in _bracketing(emu, f.mu)},
             "t_interp": fit_with(t_emu, t), "closure": kappa_closure(t, float(data.T[0]))}
        v["finite_size"] = _finite_size({J0: (c["fit"].mu, c["true"])
                                         for J0, c in v["closure"].items()})
        v["values"] = [g.mu for g in (*v["schemes"].values(), *v["loo"].values(),
                                      v["t_interp"])]
        variants[t] = v
    band = _band(variants) if variants else {"choices": (math.nan,) * 2, "total": (math.nan,) * 2}
    window_values = [f.mu for f in windows.values()]
    interval = _profile_interval(
        lambda r: kf.fit_eq5(data, None, em, T_max=edge, family=emu, mu=float(r)).chi2,
        fit.mu, fit.chi2, emu.bounds)
    return {"data": data, "edge": float(edge), "mu_fit": mu_fit, "fit": fit, "replicas": reps,
            "emulator_error": emu_err, "error": float(math.hypot(fit.mu_err, emu_err)),
            "schemes": schemes, "windows": windows, "mu_windows": mu_windows,
            "variants": variants, "window_band": (min(window_values), max(window_values)),
            "band": band["choices"], "band_total": band["total"],
            "scatter_fit": fit_with(emu, edge, kf.ErrorModel("scatter")), "interval": interval}


def _profile_interval(chi2_at, best: float, chi2_min: float, bounds, level: float = 1.0):
    """Where χ²(r) − χ²_min = `level` on each side of `best`, or the scan end if it is not
    reached there (then open on that side)."""
    from scipy.optimize import brentq

    out = []
    for end in bounds:
        g = lambda r: chi2_at(r) - chi2_min - level  # noqa: E731
        if abs(end - best) < 1e-12 or g(end) < 0:
            out.append((float(end), True))
        else:
            out.append((float(brentq(g, min(best, end), max(best, end), xtol=1e-5)), False))
    return {"low": out[0][0], "high": out[1][0], "low_open": out[0][1], "high_open": out[1][1]}


def kappa_intervals(name: str, level: float = 1.0) -> dict:
    """Profile-likelihood intervals of J0/h0 from a κ(T) curve, window by window.

    In each window of :func:`kappa_results` the prefactor is refitted at fixed J0/h0 and the
    interval is where χ² − χ²_min ≤ `level` (1: the 68 % interval of one parameter).  A side
    that reaches the end of the scan (0.03 or 0.5) before χ² rises by `level` is open.

    Returns
    -------
    dict
        Upper edge [K] -> ``low``, ``high`` (J0/h0), ``low_open``, ``high_open`` (bool),
        ``chi2_at_low_end`` (χ² − χ²_min at the low end of the scan).
    """
    k = kappa_results(name)
    emu = emulator()
    out = {}
    for t, f in k["windows"].items():
        def chi2_at(r, t=t):
            return kf.fit_eq5(k["data"], None, KAPPA_ERROR_MODEL, T_max=t, family=emu,
                              mu=float(r)).chi2
        iv = _profile_interval(chi2_at, f.mu, f.chi2, emu.bounds, level)
        iv["chi2_at_low_end"] = float(chi2_at(emu.bounds[0]) - f.chi2)
        out[t] = iv
    return out


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


def _interval_text(iv: dict) -> str:
    """A profile interval of :func:`_profile_interval` as text (open sides named)."""
    if iv["low_open"] and iv["high_open"]:
        return "the whole scan"
    if iv["low_open"]:
        return f"≤ {iv['high']:.3f}, open below (scan end {iv['low']:.3g})"
    if iv["high_open"]:
        return f"≥ {iv['low']:.3f}, open above (scan end {iv['high']:.3g})"
    return f"{iv['low']:.3f}–{iv['high']:.3f}"


# --------------------------------------------------------------------------- results
def results() -> list[scorecard.Result]:
    """J0/h0 of the synthetic velocity curve and of Stycast 1266, beside their μ fits.

    Returns
    -------
    list of Result
        For each curve: J0/h0 of the L = 8 DOS at h0 = 10 K (uncertainty: the fit's,
        Birge-scaled, and the emulator's in quadrature; band over the interpolation schemes
        that pass the leave-one-out, the fit windows, the bracketing scan points left out,
        the interpolation in temperature and the L = 8 -> 12 closure shift) and the μ of
        Eq. 3 from the same fit.
    """
    group = "J0/h0 fits"
    over = ("schemes passing the leave-one-out, {w}, bracketing scan points left out, "
            "T interpolation, finite size (L = 12 closure shift)")
    v = velocity_results()
    fit, mu = v["fit"], v["mu_fit"]
    verdict = (f"fit rejected (p = {fit.p_value:.2g} < {REJECT_P_VALUE:g}): the band is the "
               "result; " if v["rejected"] else "")
    item_v = "synthetic δv/v curve of Fig. 5(a) parameters (model output, μ = 0.1)"
    out = [
        scorecard.Result(
            group, item_v, f"J0/h0 ({LABEL}; emulator of the scan)", fit.values["J0/h0"],
            v["error"], band=v["band_total"], band_over=over.format(w="windows all / T ≤ 1 K"),
            section="jh-velocity",
            note=f"{verdict}χ²/dof = {fit.chi2_dof:.2f}; fit ± {fit.errors['J0/h0']:.2g} "
                 f"(Birge-scaled ± {v['birge_error']:.2g}), emulator ± "
                 f"{v['emulator_error']:.2g}; choices alone {v['band'][0]:.3f}–"
                 f"{v['band'][1]:.3f}"),
        scorecard.Result(
            group, item_v, "μ of Eq. 3 (temperature-independent)", mu.values["mu"],
            mu.errors["mu"], section="jh-velocity", note=f"χ²/dof = {mu.chi2_dof:.2f}"),
    ]
    k = kappa_results("kappa_olson1993_stycast1266.csv")
    kfit, kmu = k["fit"], k["mu_fit"]
    mu_band = [f.mu for f in k["mu_windows"].values()]
    item_k = "κ(T) of Stycast 1266 (Olson 1993; measured)"
    out += [
        scorecard.Result(
            group, item_k,
            f"J0/h0 ({LABEL}; window {kfit.T_min:.2g}–{kfit.T_max:.2g} K, 5 % errors)",
            kfit.mu, k["error"], band=k["band_total"],
            band_over=over.format(w="fit windows"), section="jh-kappa",
            note=f"χ²/dof = {kfit.chi2_dof:.2f}; fit ± {kfit.mu_err:.2g} (profile Δχ² = 1: "
                 f"{_interval_text(k['interval'])}), emulator ± "
                 f"{k['emulator_error']:.2g}; choices alone {k['band'][0]:.3f}–"
                 f"{k['band'][1]:.3f}"),
        scorecard.Result(
            group, item_k,
            f"μ of Eq. 3 (window {kmu.T_min:.2g}–{kmu.T_max:.2g} K, 5 % errors)", kmu.mu,
            kmu.mu_err, band=(min(mu_band), max(mu_band)), band_over="fit windows",
            section="jh-kappa", note=f"χ²/dof = {kmu.chi2_dof:.2f}"),
    ]
    return out
