"""The Monte Carlo DOS of Eq. 2 (Churkin et al. 2021) at L = 16 and its L → ∞ extrapolation."""

from __future__ import annotations

import numpy as np

from ... import dos, finite_size
from .. import churkin2021
from ..scorecard import Result

__all__ = ["CENTRAL_OMEGA", "DATASETS", "FIT_ALPHA", "L16_REALIZATIONS", "LIMIT_DATASETS",
           "LIMIT_J0", "OMEGAS", "RESULT_TEMPERATURES", "block_correlations", "eq3_limit",
           "field_variances", "form_power", "mu_t0_limit", "pair_cutoff_energy", "results",
           "size_series"]

#: Realizations of each L = 16 dataset.
L16_REALIZATIONS = 4000

#: The Monte Carlo datasets beyond the paper's L = 12, registry name by (L, J0 [K]); the same
#: protocol (:func:`tlspaper.papers.churkin2021.mc_spec`) with the zero-temperature quench.
LIMIT_DATASETS = {
    (16, 2.0): "dos_mc_L16_J2K.npz",
    (16, 3.0): "dos_mc_L16_J3K.npz",
}

#: Registry name -> the spec that regenerates it.
DATASETS = {name: churkin2021.mc_spec(L, J0, L16_REALIZATIONS, quench=True)
            for (L, J0), name in LIMIT_DATASETS.items()}


#: The interaction scales [K] of the extrapolation (the paper's two).
LIMIT_J0 = (2.0, 3.0)
#: Correction exponent of the central extrapolation, y(L) = y_inf + a L^-3, fixed before
#: looking at L = 16: a correction in 1/N (N ∝ L³), the order of every finite-size mechanism
#: identified in the chapter for energies well above :func:`pair_cutoff_energy` — an
#: assumption, not a theorem.
CENTRAL_OMEGA = 3.0
#: The exponents over which the extrapolation is repeated for its systematic band: 6 (the
#: next order), 3, and the slower 2 and 1 as a stress test (a periodic box has no surface).
#: The band also holds the value at the largest size (no further correction, ω → ∞).
OMEGAS = (1.0, 2.0, 3.0, 6.0)
#: Level below which the χ² of the central three-size fit flags its form as failed; its
#: errors are then scaled by sqrt(χ²/dof) (:func:`tlspaper.finite_size.scale_by_fit_quality`).
#: Fixed before looking at L = 16.
FIT_ALPHA = 0.05
#: The stages [K] of the Eq. 3 fits quoted as results (Table II's range, ends and middle).
RESULT_TEMPERATURES = (0.1, 0.5, 1.0)


def size_series(J0: float, sizes=None) -> dict[int, dos.SimulatedDOS]:
    """The Monte Carlo DOS at every available size for `J0`, ``{L: SimulatedDOS}``.

    Parameters
    ----------
    J0 : float
        Interaction scale [K], one of :data:`LIMIT_J0`.
    sizes : dict, optional
        ``{L: registry name or path}`` instead of the registered L = 8, 12, 16 datasets (e.g.
        a partial run).  Default: the registered ones (a size whose dataset is not yet
        registered is left out).

    Returns
    -------
    dict of int to SimulatedDOS
    """
    if sizes is None:
        from ...data import registry

        names = {**churkin2021.DOS_DATASETS, **LIMIT_DATASETS}
        sizes = {L: name for (L, j), name in names.items() if j == J0 and name in registry()}
        if len(sizes) < 2:
            raise ValueError(f"J0 must be one of {LIMIT_J0} [K], got {J0}")
    return {L: dos.load_simulated(sizes[L]) for L in sorted(sizes)}


def pair_cutoff_energy(L, J0: float):
    """The energy 8 J0 / L³ [K] below which the periodic box can cut the DOS.

    A TLS pair at distance R depletes the single-TLS DOS only at E ≲ J0/R³ (its coupling);
    the minimum image keeps the pairs up to R = L/2 in each direction, so only energies
    below about J0/(L/2)³ can miss partners.

    Parameters
    ----------
    L : int or array_like
        Lattice size (lattice constants).
    J0 : float
        Interaction scale [K].

    Returns
    -------
    float or ndarray
        8 J0 / L³ [K].

    Examples
    --------
    >>> print(f"{pair_cutoff_energy(16, 2.0) * 1e3:.2f} mK")
    3.91 mK
    """
    return 8.0 * J0 / np.asarray(L, dtype=float) ** 3


def field_variances(L: int, J0: float, reach: int = 4) -> tuple[float, float]:
    """Variance [K²] of the local field of Eq. 2 lost to the box, and its total.

    The field on a TLS is f_i = h_i + Σ_j J_ij τ_j with h_i = h0 c_i, J_ij = c_ij J0/(R³ + C),
    τ_j = ±1 and every site occupied with probability x, so its variance is
    h0² + x J0² Σ_R (R³ + C)⁻² over the lattice vectors R ≠ 0.  The minimum image keeps one
    image of every site, the R with -L/2 < R_a <= L/2; the rest is the *missing* variance.
    Lattice sums over |R| <= n = ``reach * L`` plus the continuum tail 4π/(3 n³) beyond n.

    Parameters
    ----------
    L : int
        Lattice size (lattice constants).
    J0 : float
        Interaction scale [K].
    reach : int
        The lattice sums run over |R| <= reach * L.

    Returns
    -------
    (float, float)
        Missing and total variance [K²] (the model constants of
        :func:`tlspaper.papers.churkin2021.mc_spec`).

    Examples
    --------
    >>> miss, total = field_variances(16, 2.0)
    >>> print(f"{miss:.4f} K², {miss / total:.1e} of the total")
    0.0100 K², 9.4e-05 of the total
    """
    n = int(reach * L)
    g = np.arange(-n, n + 1)
    X, Y, Z = np.meshgrid(g, g, g, indexing="ij", sparse=True)
    R = np.sqrt(X**2 + Y**2 + Z**2)
    w = np.where((R > 0) & (R <= n), 1.0 / (R**3 + churkin2021.MC_C) ** 2, 0.0)
    inside = ((X > -L / 2) & (X <= L / 2) & (Y > -L / 2) & (Y <= L / 2)
              & (Z > -L / 2) & (Z <= L / 2))  # one image per site: L sites per axis
    outside = ~inside
    tail = 4 * np.pi / (3 * n**3)
    k = churkin2021.MC_X * J0**2
    return (float(k * (w[outside].sum() + tail)),
            float(churkin2021.MC_H0**2 + k * (w.sum() + tail)))


def block_correlations(sims: dict, temperatures=(0.02, 0.1, 1.0)) -> dict:
    """Correlation over blocks of realizations of the low-energy counts of successive sizes.

    Realization k of every size draws from the random stream (seed, k), so the errors of two
    sizes are independent only if their block sums are uncorrelated.

    Parameters
    ----------
    sims : dict
        ``{L: SimulatedDOS}`` (:func:`size_series`).
    temperatures : sequence of float
        Stages [K] among the files' block stages.

    Returns
    -------
    dict
        ``{T: {(L_a, L_b): r}}`` for successive sizes, r the Pearson correlation of the
        per-block counts below the block-energy limit.
    """
    sizes = sorted(sims)
    out = {}
    for T in temperatures:
        tot = {L: sims[L].block_histograms(T)[0].sum(axis=1) for L in sizes}
        out[T] = {(a, b): float(np.corrcoef(tot[a], tot[b])[0, 1])
                  for a, b in zip(sizes[:-1], sizes[1:], strict=True)}
    return out


def form_power(L, y, sigma, level: float = 0.05) -> dict:
    """Power of the χ² test of the ω = 3 form against two alternatives through the data.

    Both alternatives pass through the observed values at the two smallest sizes: a
    correction in 1/L (ω = 1), and no change beyond the second size (converged there).

    Parameters
    ----------
    L : array_like
        Sizes, at least three.
    y, sigma : array_like
        Observed values and their errors at each size.
    level : float
        Significance level.

    Returns
    -------
    dict
        ``{"omega = 1": power, "converged": power}``
        (:func:`tlspaper.finite_size.form_test_power`).
    """
    L = np.asarray(L, dtype=float)
    a = (y[0] - y[1]) / (L[0] ** -1.0 - L[1] ** -1.0)
    truths = {"omega = 1": y[1] + a * (L**-1.0 - L[1] ** -1.0),
              "converged": np.r_[y[0], np.full(L.size - 1, y[1])]}
    return {name: finite_size.form_test_power(L, t, sigma, CENTRAL_OMEGA, level)
            for name, t in truths.items()}


def _extrapolated(L, y, s):
    """Central ω = 3 limit (errors scaled if its form fails) and the band over ω and L_max."""
    central = finite_size.scale_by_fit_quality(
        finite_size.extrapolate(L, y, s, CENTRAL_OMEGA), FIT_ALPHA)
    lo, hi = finite_size.extrapolation_band(L, y, s, OMEGAS)
    return central, (min(lo, float(y[-1])), max(hi, float(y[-1])))


def _last_step(L, y, s) -> dict:
    """The change between the two largest sizes and their two-size ω = 3 limit."""
    return {"step": float(y[-1] - y[-2]), "step_err": float(np.hypot(s[-1], s[-2])),
            "pair": finite_size.extrapolate(L[-2:], y[-2:], s[-2:], CENTRAL_OMEGA)}


def eq3_limit(sims: dict, temperatures=churkin2021.TABLE2_TEMPERATURES) -> dict:
    """B(T), μ(T) of Eq. 3 at each size and extrapolated to L → ∞.

    The fit of Table II (:func:`tlspaper.dos.fit_eq3`, 0 < E < 2T, Poisson likelihood,
    :data:`~tlspaper.papers.churkin2021.DOS_BOOTSTRAP` bootstrap replicas over blocks).

    Parameters
    ----------
    sims : dict
        ``{L: SimulatedDOS}`` (:func:`size_series`).
    temperatures : sequence of float
        Stages [K].

    Returns
    -------
    dict
        ``{T: {"fits": {L: Fit}, "B": (Extrapolation, band), "mu": (Extrapolation, band),
        "B_last": ..., "mu_last": ...}}``: the central limit at :data:`CENTRAL_OMEGA` (errors
        scaled if its χ² fails at :data:`FIT_ALPHA`), the band over :data:`OMEGAS` and the
        value at the largest size, and for the two largest sizes ``step`` (the change between
        them), ``step_err`` and ``pair`` (their two-size limit).
    """
    L = np.array(sorted(sims), dtype=float)
    out = {}
    for T in temperatures:
        fits = {int(n): dos.fit_eq3(sims[n], T, n_boot=churkin2021.DOS_BOOTSTRAP) for n in L}
        out[T] = {"fits": fits}
        for key, err in (("B", "B_err"), ("mu", "mu_err")):
            y = [getattr(fits[int(n)], key) for n in L]
            s = [getattr(fits[int(n)], err) for n in L]
            out[T][key] = _extrapolated(L, y, s)
            out[T][f"{key}_last"] = _last_step(L, np.array(y), np.array(s))
    return out


def mu_t0_limit(sims: dict, T: float | None = None) -> dict:
    """μ(T → 0) of n ∝ E^μ at each size and extrapolated to L → ∞, with its window band.

    At each size the fit of the Fig. 1(b) inset row
    (:func:`tlspaper.papers.churkin2021.mu_t0_windows`: central window, bootstrap error, the
    window family).  The central limit extrapolates the central fits with
    :data:`CENTRAL_OMEGA` (errors scaled if its χ² fails at :data:`FIT_ALPHA`).  Three bands:
    over the windows at :data:`CENTRAL_OMEGA`; over :data:`OMEGAS` and the largest-size value
    for the central window; and the range over every window × (each exponent and the
    largest-size value), which combines the extremes of both.  Every window's
    extrapolation borrows the bootstrap errors of the central window as weights.

    Parameters
    ----------
    sims : dict
        ``{L: SimulatedDOS}`` (:func:`size_series`, or their quench stages,
        :func:`tlspaper.dos.quench_stage`).
    T : float, optional
        Stage [K]; default the 0.02 K of the paper's inset
        (:data:`~tlspaper.papers.churkin2021.INSET_TEMPERATURE`).

    Returns
    -------
    dict
        ``windows`` ({L: the dict of mu_t0_windows}), ``limit`` (Extrapolation of the central
        fits), ``window_band``, ``omega_band`` and ``band`` (each (min, max)),
        ``window_limits`` (grid of limits, one per window, at :data:`CENTRAL_OMEGA`) and
        ``last`` (the change between the two largest sizes and their two-size limit).
    """
    L = np.array(sorted(sims), dtype=float)
    w = {int(n): churkin2021.mu_t0_windows(sims[n], T) for n in L}
    y = [w[int(n)]["central"].mu for n in L]
    s = [w[int(n)]["central"].mu_err for n in L]
    limit, omega_band = _extrapolated(L, y, s)
    grids = np.array([w[int(n)]["grid"] for n in L])  # (sizes, lows, highs)
    window_limits = np.full(grids.shape[1:], np.nan)
    values = []
    for i, j in np.ndindex(*grids.shape[1:]):
        if np.all(np.isfinite(grids[:, i, j])):
            window_limits[i, j] = finite_size.extrapolate(L, grids[:, i, j], s,
                                                          CENTRAL_OMEGA).value
            values += list(_extrapolated(L, grids[:, i, j], s)[1])
    ok = window_limits[np.isfinite(window_limits)]
    return {"windows": w, "limit": limit, "window_band": (float(ok.min()), float(ok.max())),
            "omega_band": omega_band, "band": (min(values), max(values)),
            "window_limits": window_limits, "last": _last_step(L, np.array(y), np.array(s))}


def results() -> list[Result]:
    """The extrapolated μ(T → 0) and μ(T), B(T) at :data:`RESULT_TEMPERATURES`, for J0 = 2, 3 K.

    Returns
    -------
    list of Result
    """
    out = []
    group = "thermodynamic limit"
    for J0 in LIMIT_J0:
        sims = size_series(J0)
        sizes = "L = " + ", ".join(str(n) for n in sims)
        t0 = mu_t0_limit(sims)
        out.append(Result(
            group, "μ(T→0), L → ∞", f"μ of n ∝ E^μ at {churkin2021.INSET_TEMPERATURE:g} K, "
            f"J0 = {J0:g} K", t0["limit"].value, t0["limit"].error, band=t0["band"],
            band_over="fit window × (correction exponent 1–6 and the largest-L value)",
            section="limit-mu-t0", note=_note(sizes, t0["limit"])))
        eq3 = eq3_limit(sims, RESULT_TEMPERATURES)
        for T in RESULT_TEMPERATURES:
            for key, what, unit in (("mu", "μ", ""), ("B", "B", " [1/K^(1+μ)]")):
                e, band = eq3[T][key]
                out.append(Result(
                    group, "Eq. 3 fit, L → ∞", f"{what}({T:g} K), J0 = {J0:g} K{unit}",
                    e.value, e.error, band=band,
                    band_over="correction exponent 1–6 and the largest-L value",
                    section="limit-eq3", note=_note(sizes, e)))
    return out


def _note(sizes: str, e: finite_size.Extrapolation) -> str:
    """The note of a result: its sizes, and whether the ω = 3 form failed."""
    note = f"{sizes}, extrapolated in L^-3"
    if e.dof and e.p_value < FIT_ALPHA:
        note += (f"; the form fails (χ² {e.chi2:.1f}/{e.dof}, p = {e.p_value:.2f}): errors "
                 f"scaled by {np.sqrt(e.chi2 / e.dof):.1f}")
    return note
