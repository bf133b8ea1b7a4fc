"""Churkin, Gabdank, Burin & Schechter (2013): TLS glass vs electron glass in mean field."""

from __future__ import annotations

import functools
import math
import warnings
from pathlib import Path

import numpy as np

from .. import electron_glass as eg
from .. import meanfield as mf
from .. import rate_statistics as rs
from .._runs import RunSpec
from .._runs import generate as _generate
from .._runs import load as _load
from ..one_phonon import coth_factor
from .scorecard import Published, Row

__all__ = [
    "DATASETS",
    "DELTA0_RANGE",
    "EQUATIONS",
    "E_EDGES",
    "FIG3_RATES",
    "FIG9_RATES",
    "GAP_CUTS",
    "GAP_FIT_WINDOWS",
    "GAP_REFERENCES",
    "LEVELS",
    "LNEFF_EDGES",
    "LNG_EDGES",
    "LNRATE_EDGES",
    "LOG_ABS_E_EDGES",
    "MASTER_SEED",
    "PAPER_COUNTS",
    "PUBLISHED",
    "QUANTILES",
    "RATE_OBSERVABLES",
    "RELAX_TIMES",
    "SIGN_THRESHOLD",
    "TABLE_I_SCHEMES",
    "TG_SIZE_LARGE",
    "TUNNEL_X_EDGES",
    "XI",
    "block_density",
    "centres",
    "convention_summary",
    "coupled_rate_check",
    "degenerate_estimators",
    "depolarized",
    "dos_width_and_gap",
    "fig16_collapse",
    "find_config",
    "gap_depth",
    "gap_field_iqr",
    "gap_profile",
    "gap_reference_shift",
    "gap_scaling",
    "generate",
    "load_dataset",
    "log_gap_depth",
    "log_gap_fit",
    "rate_estimators",
    "rate_exponent",
    "rate_equation_summary",
    "rate_exponent_rows",
    "rows",
    "scheme_entry",
    "scheme_shifts",
    "table_one",
    "table_one_rows",
    "tg_size_large",
]

#: Numbers printed in the paper: name -> Published(value, where printed).  Table I signs:
#: +1 faster, -1 slower relaxation for increasing disorder W, interaction J, system size N.
PUBLISHED: dict[str, Published] = {
    "table1_EG_disorder": Published(+1, "Table I"),
    "table1_EG_interaction": Published(-1, "Table I"),
    "table1_EG_system size": Published(-1, "Table I"),
    "table1_TG_disorder": Published(+1, "Table I"),
    "table1_TG_interaction": Published(+1, "Table I"),
    "table1_TG_system size": Published(-1, "Table I"),
    # "1/λ fit" of the rate histograms "within the cutoff region": p(λ) ∝ λ^-s with s = 1, a
    # functional form (an exact exponent), so σ_pub = 0 by the comparison rule
    "fig3b_rate_exponent": Published(1, "Fig. 3(b) caption, \"a 1/λ fit\""),
    "fig9b_rate_exponent": Published(1, "Fig. 9(b) caption, \"a 1/λ fit\""),
    "delta0_range": Published((1e-7, 1e-1), "Sec. II, text after Fig. 2"),
    "r_nn_over_xi": Published(10, "Fig. 9 caption"),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {
    "Eq. 1": mf.tls_glass,
    "Eq. 4": mf.solve_tls_glass,
    "Eq. 6": mf.excitation_energies,
    "Eq. 11": mf.tls_rate_equation,
    "Eq. 12": mf.tls_relaxation_rates,
    "Eq. 15": rs.relaxation_curve,
    "Eq. 15, from a histogram of ln λ": rs.relaxation_curve_hist,
    "Eq. 17": rs.log_relaxation,
    "Eq. 20": eg.solve_electron_glass,
    "Eq. 21": eg.miller_abrahams_log_rates,
    "Eq. 23": eg.rate_matrix,
    "Eq. 26": mf.second_order_coupling,
    "Eq. 27": mf.integrate_tls_rate_equation,
    "Eq. A2": eg.nn_hopping_pdf,
}

#: Range (low, high) of the log-uniform tunnelling amplitudes Δ0 [J] of every TLS dataset.
DELTA0_RANGE: tuple = PUBLISHED["delta0_range"].value

#: Localization length ξ [r_nn] of every electron-glass rate dataset (r_nn/ξ = 10, Fig. 9).
XI: float = 1 / PUBLISHED["r_nn_over_xi"].value

#: Master seed of every dataset of this paper (realization r of configuration k is drawn from
#: ``SeedSequence([MASTER_SEED, k, r])``).
MASTER_SEED = 3

_TLS_UNITS = "energies in units of J (nearest-neighbour interaction), lengths in r_nn"
_LATTICE_UNITS = "energies in kelvin, lengths in lattice spacings"


# ----------------------------------------------------------------------------- solvers

#: Histogram grids of the stored summaries (every value outside a grid is counted in its end bin):
#: signed E / escale; log10(|E| / escale); ln g with g = |E| coth(|E|/2T) [J]; ln λ (TLS:
#: a J³, EG: Γ0); x = -ln(λ/2) of the tunnelling matrix (Fig. 16).
E_EDGES = np.linspace(-8.0, 8.0, 401)
LOG_ABS_E_EDGES = np.linspace(-6.0, 1.5, 151)
LNG_EDGES = np.linspace(-6.0, 10.0, 1601)
LNRATE_EDGES = np.linspace(-45.0, 10.0, 2751)
TUNNEL_X_EDGES = np.linspace(0.0, 40.0, 801)


def _hist(values, edges):
    """int32 counts of `values` on `edges`, values outside counted in the end bins."""
    v = np.clip(np.asarray(values, dtype=float), edges[0], edges[-1])
    return np.histogram(v, edges)[0].astype(np.int32)


def _energy_summary(E, cfg):
    s = cfg.get("escale", 1.0)
    return {"E_hist": _hist(E / s, E_EDGES),
            "absE_hist": _hist(np.log10(np.maximum(np.abs(E) / s, 1e-300)), LOG_ABS_E_EDGES)}


def _solve_tls(cfg, rng, r):
    """One TLS-glass realization of Eq. 4, stored as histograms of E, ln g and ln λ."""
    res = mf.solve_tls_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng, DELTA0_RANGE,
                             tol=cfg.get("tol", 1e-9), max_sweeps=cfg.get("max_sweeps", 5000),
                             convention=cfg.get("convention", mf.DEFAULT_CONVENTION))
    g = coth_factor(np.abs(res.E), cfg["T"])
    return {**_energy_summary(res.E, cfg),
            "lng_hist": _hist(np.log(g), LNG_EDGES),
            "lnrate_hist": _hist(np.log(res.delta0**2 * g), LNRATE_EDGES),
            "converged": res.converged, "sweeps": res.sweeps}


def _solve_lattice(cfg, rng, r):
    """Mean field of the lattice model of Churkin et al. (2021), Monte Carlo disorder."""
    from ..montecarlo import Model, make_realization

    model = Model(L=cfg["L"], J0=cfg["J0"], x=cfg["x"], h0=cfg["h0"], C=cfg["C"])
    # realization r has the same disorder at every temperature, as in the annealing MC
    _, h, J = make_realization(model, cfg["disorder_seed"], r)
    sol = mf.ising_mean_field(h, J, cfg["T"], x0=rng.uniform(-20.0, 20.0, h.size))
    return {"E": sol.x.astype(np.float32), "converged": sol.converged,
            "sweeps": sol.sweeps, "residual": sol.residual}


def _solve_eg(cfg, rng, r):
    """One electron-glass realization: Eq. 20 energies and the rates of Eq. 23, as histograms."""
    out = eg.solve_electron_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng, xi=cfg["xi"],
                                  tunneling=cfg.get("tunneling", False),
                                  convention=cfg.get("convention", mf.DEFAULT_CONVENTION))
    res = {**_energy_summary(out["E"], cfg), "converged": out["converged"],
           "sweeps": out["sweeps"]}
    if "rates" in out:  # round-off negatives (|λ| < 1e-16 Γ0) land in the lowest bin
        res["lnrate_hist"] = _hist(np.log(np.maximum(out["rates"], 1e-300)), LNRATE_EDGES)
    if "tunnel_rates" in out:
        res["tunnel_x_hist"] = _hist(-np.log(np.maximum(out["tunnel_rates"], 1e-300) / 2),
                                     TUNNEL_X_EDGES)
    return res


def _solve_tls_gap(cfg, rng, r):
    """One TLS-glass realization of Eq. 4 and two gapless references, as histograms.

    Both references keep the disorder Δ_i and replace the self-consistent field
    φ_i = Σ_j C_ij m_j (m_j = tanh(Δ'_j/2T)): the *shuffled-field* reference by φ_π(i), the
    same realization's fields permuted at random among its TLSs (exactly the mean-field
    marginal of φ, independent of Δ_i); the *random-sign* reference by Σ_j C_ij η_j m_j with
    random η_j = ±1 (a field of similar, not equal, width).  Also stored: histograms of φ and
    of the random-sign field.
    """
    N, W, J, T = cfg["N"], cfg["W"], cfg["J"], cfg["T"]
    tol = cfg.get("tol", 1e-9)
    g = mf.tls_glass(N, W, J, rng, DELTA0_RANGE,
                     convention=cfg.get("convention", mf.DEFAULT_CONVENTION))
    s = math.hypot(W, J)
    sol = mf.solve_mean_field(g.delta, g.coupling, T, x0=rng.uniform(-s, s, N), tol=tol,
                              max_sweeps=cfg.get("max_sweeps", 5000))
    mf.warn_if_not_converged(sol, tol)
    m = np.tanh(0.5 * sol.x / T)
    eta = rng.choice((-1.0, 1.0), N)
    phi_ref = g.coupling.astype(float) @ (eta * m)
    ref = mf.excitation_energies(g.delta + phi_ref, g.delta0)
    E = mf.excitation_energies(sol.x, g.delta0)
    phi = sol.x - g.delta  # the self-consistent field (Eq. 3)
    shuf = mf.excitation_energies(g.delta + phi[rng.permutation(N)], g.delta0)
    es = cfg.get("escale", 1.0)
    logabs = lambda v: _hist(np.log10(np.maximum(np.abs(v) / es, 1e-300)),  # noqa: E731
                             LOG_ABS_E_EDGES)
    return {**_energy_summary(E, cfg), "absEref_hist": logabs(ref),
            "absEshuf_hist": logabs(shuf), "phi_hist": _hist(phi / es, E_EDGES),
            "phiref_hist": _hist(phi_ref / es, E_EDGES),
            "converged": sol.converged, "sweeps": sol.sweeps}


#: Output times of the rate-equation dataset [1 / (a J³)]: 20 per decade from 0.1 to 1e17.
RELAX_TIMES = np.logspace(-1.0, 17.0, 361)
#: Grid of ln(λ_eff / a J³) of the effective rates stored by the rate-equation dataset.
LNEFF_EDGES = np.linspace(-40.0, 5.0, 181)


def depolarized(delta_prime, T: float, c: float) -> np.ndarray:
    """Initial deviations of the rate-equation runs: every pseudospin moved by `c` towards zero.

    σ_i = -tanh(Δ'_i/2T) in equilibrium (Eq. 4, the paper's sign), so δσ_i(0) = c sgn(Δ'_i)
    (+c at Δ' = 0): the uniform |c_i| = c the paper assumes for Eq. 16, in the direction of a
    heating; |σ_i(0)| <= 1 for 0 < c <= 1.

    Parameters
    ----------
    delta_prime : array_like
        Equilibrium Δ'_i [J].
    T : float
        Temperature [J] (enters only through the sign convention).
    c : float
        Amplitude, 0 < c <= 1.

    Returns
    -------
    numpy.ndarray
        δσ_i(0).

    Examples
    --------
    >>> depolarized([0.5, -0.1], 0.1, 0.05).tolist()
    [0.05, -0.05]
    """
    if not 0 < c <= 1:
        raise ValueError(f"c must be in (0, 1], got {c!r}")
    return c * np.where(np.asarray(delta_prime, dtype=float) < 0, -1.0, 1.0)


def _relax_tls(cfg, rng, r):
    """One small TLS glass: Eq. 4, then every form of the rate equation from `depolarized`."""
    N, W, J, T = cfg["N"], cfg["W"], cfg["J"], cfg["T"]
    g = mf.tls_glass(N, W, J, rng, DELTA0_RANGE,
                     convention=cfg.get("convention", mf.DEFAULT_CONVENTION), dtype=float)
    s = math.hypot(W, J)
    sol = mf.solve_mean_field(g.delta, g.coupling, T, x0=rng.uniform(-s, s, N), tol=1e-12)
    mf.warn_if_not_converged(sol, 1e-12)
    dp, d0, C = sol.x, g.delta0, g.coupling
    lam1 = mf.tls_linear_rates(dp, d0, C, T)
    out = {"lnrate_hist": _hist(np.log(mf.tls_linear_rates(dp, d0, C, T, coupled=False)),
                                LNEFF_EDGES),
           "lnrate_first_hist": _hist(np.log(np.maximum(lam1, 1e-300)), LNEFF_EDGES),
           "unstable": int(np.sum(lam1 <= 0)), "converged": sol.converged}
    for k, c in enumerate(cfg["amplitudes"]):
        ds0 = depolarized(dp, T, c)
        for order in cfg["orders"]:
            res = mf.integrate_tls_rate_equation(dp, d0, C, T, ds0, RELAX_TIMES, order=order)
            eff = res.effective_rates()
            ok = np.isfinite(eff)
            out[f"norm_{order}_{k}"] = res.norm().astype(np.float32)
            out[f"signed_{order}_{k}"] = res.weighted_sum(np.sign(ds0)).astype(np.float32)
            out[f"energy_{order}_{k}"] = res.weighted_sum(dp).astype(np.float32)
            out[f"lneff_{order}_{k}"] = _hist(np.log(eff[ok]), LNEFF_EDGES)
            out[f"unrelaxed_{order}_{k}"] = int(np.sum(~ok))
            reached = np.flatnonzero(np.isfinite(res.dsigma[:, 0]))
            out[f"tstop_{order}_{k}"] = math.inf if res.success else float(RELAX_TIMES[
                reached[-1]])
            if order == "full":
                final = -np.tanh(0.5 * dp / T) + res.dsigma[-1]
                out[f"flipped_{k}"] = int(np.sum(np.sign(final) != np.sign(-dp)))
    return out


_UNITS_HIST = (_TLS_UNITS + "; histograms summed over blocks of realizations: E_hist of "
               "E/escale on E_EDGES, absE_hist of log10(|E|/escale) on LOG_ABS_E_EDGES, "
               "lng_hist of ln g [J] on LNG_EDGES, lnrate_hist of ln λ on LNRATE_EDGES "
               "(TLS: a J^3, EG: Gamma0), tunnel_x_hist of -ln(λ/2) on TUNNEL_X_EDGES; "
               "values outside a grid in its end bins")


def _spec(solver, runs, units=_UNITS_HIST, block=40) -> RunSpec:
    """A RunSpec from (configuration, realizations) pairs at the paper's master seed."""
    return RunSpec(tuple(c for c, _ in runs), tuple(n for _, n in runs), MASTER_SEED, solver,
                   units, block)


def _interaction_scheme(q):
    """W and J with W/J = q at fixed W² + J² = 2 (the paper's interaction scheme)."""
    J = math.sqrt(2 / (1 + q * q))
    return q * J, J


def _both(configs):
    """Each configuration under the paper's density convention, then under the Poisson one."""
    return [({**c, "label": f"{c['label']} [{conv}]", "convention": conv}, n)
            for conv in mf.CONVENTIONS for c, n in configs]


#: The paper's realization counts (Figs. 1, 3, 8 and the N = 1000 figures).
PAPER_COUNTS = {"fig1": 300, "fig3": 1000, "fig8": 300, "N=1000": 1000}

# ----------------------------------------------------------------------------- datasets

#: Registry name -> the spec that regenerates it (energies in units of J, see each entry).
#: Labels end in "[paper]" (App. A density, the default) or "[poisson]" (the sensitivity).
DATASETS: dict[str, RunSpec] = {
    # Figs. 4, 6: W = 1, 10, 100 at W/T = 10, J = 1; then the fixed-T scheme of Sec. IV A,
    # T = 0.1 J (W = 1 at T = 0.1 is the first entry).  DOS in units of W.
    "meanfield_tls_disorder.npz": _spec(_solve_tls, _both(
        [(dict(label=f"W={W:g}", N=1000, W=W, J=1.0, T=W / 10, escale=W), 1000)
         for W in (1.0, 10.0, 100.0)]
        + [(dict(label=f"W={W:g}, T=0.1", N=1000, W=W, J=1.0, T=0.1, escale=W), 1000)
           for W in (10.0, 100.0)])),
    # Figs. 5, 7: W/J = 1, 3.1, 9.8 with W² + J² = 2, T = 0.05; then the paper's second
    # scheme (Sec. IV A), J alone increased at W = 1: J = 0.3, 3 (J = 1 is W/J = 1).
    "meanfield_tls_interaction.npz": _spec(_solve_tls, _both(
        [(dict(label=f"W/J={q:g}", N=1000, W=_interaction_scheme(q)[0],
               J=_interaction_scheme(q)[1], T=0.05), 1000) for q in (1.0, 3.1, 9.8)]
        + [(dict(label=f"J={J:g}, W=1", N=1000, W=1.0, J=J, T=0.05), 1000)
           for J in (0.3, 3.0)])),
    # System size: N = 100 and 1000 at W = J = 1, T = 0.1 (N = 10 000: meanfield_tls_N10000).
    "meanfield_tls_size.npz": _spec(_solve_tls, _both(
        [(dict(label=f"N={N}", N=N, W=1.0, J=1.0, T=0.1), 1000) for N in (100, 1000)])),
    # Figs. 10, 11: W = 1, 5, 10 at W/T = 10, J = 1; Fig. 9 is W = 1.
    "meanfield_eg_disorder.npz": _spec(_solve_eg, _both(
        [(dict(label=f"W={W:g}", N=1000, W=W, J=1.0, T=W / 10, xi=XI, escale=W), 1000)
         for W in (1.0, 5.0, 10.0)])),
    # Figs. 12, 13: W/J = 1, sqrt(17), sqrt(97) with W² + J² = 2, T = 0.1; then J alone.
    "meanfield_eg_interaction.npz": _spec(_solve_eg, _both(
        [(dict(label=f"W/J={q:.3g}", N=1000, W=_interaction_scheme(q)[0],
               J=_interaction_scheme(q)[1], T=0.1, xi=XI), 1000)
         for q in (1.0, math.sqrt(17), math.sqrt(97))]
        + [(dict(label=f"J={J:g}, W=1", N=1000, W=1.0, J=J, T=0.1, xi=XI), 1000)
           for J in (0.3, 3.0)])),
    # Figs. 14-16 and Eq. A2: N = 10, 100, 1000 at e²/(r_nn T) = 10, W = 1, with the
    # rates of the energy-independent matrix e^(-r/ξ).  Under "paper" the box is the one of
    # Eq. A2 (the density changes with N); under "poisson" the density is constant.
    "meanfield_eg_size.npz": _spec(_solve_eg, _both(
        [(dict(label=f"N={N}", N=N, W=1.0, J=1.0, T=0.1, xi=XI, tunneling=True), 1000)
         for N in (10, 100, 1000)])),
    # Fig. 2: DOS vs T, N = 1000 (paper convention).
    "meanfield_tls_temperature.npz": _spec(_solve_tls, [
        (dict(label=f"T={T:g}", N=1000, W=1.0, J=1.0, T=T), 1000) for T in (0.1, 1.0, 2.0)
    ]),
    # Fig. 1 (T = 0.05, 300 realizations) and Fig. 3 (J/T = 10, 1000); the N = 10 000 point
    # of the size scheme, also under the Poisson convention.
    "meanfield_tls_N10000.npz": _spec(_solve_tls, [
        (dict(label="fig1", N=10000, W=1.0, J=1.0, T=0.05, convention="paper"), 300),
        (dict(label="fig3", N=10000, W=1.0, J=1.0, T=0.1, convention="paper"), 1000),
        (dict(label="N=10000 [poisson]", N=10000, W=1.0, J=1.0, T=0.1,
              convention="poisson"), 100),
    ], block=10),
    # Fig. 8: Coulomb-gap DOS, N = 10 000, e²/(r_nn T) = 20, W = 1 (energies only).
    "meanfield_eg_N10000.npz": _spec(_solve_eg, [
        (dict(label="fig8", N=10000, W=1.0, J=1.0, T=0.05, xi=None, convention="paper"), 300),
    ], block=10),
    # Sec. II, after Eq. 7: the gap at large disorder.  W/J = 3, 10, 30, 100 at J = 1,
    # T = 0.01 J, N = 1000 (App. A density), energies in J, with the shuffled-field and the
    # random-sign references.
    "meanfield_tls_gap.npz": _spec(_solve_tls_gap, [
        (dict(label=f"W/J={W:g}", N=1000, W=W, J=1.0, T=0.01), n)
        for W, n in ((3.0, 400), (10.0, 400), (30.0, 800), (100.0, 800))
    ], _TLS_UNITS + "; per block: E_hist (E/J on E_EDGES), absE_hist, absEshuf_hist and "
       "absEref_hist (log10(|E|/J) of the mean-field energies, of the shuffled-field and of "
       "the random-sign reference on LOG_ABS_E_EDGES), phi_hist and phiref_hist (the "
       "mean-field and the random-sign field in J on E_EDGES), values outside a grid in its "
       "end bins", block=20),
    # Eqs. 11, 13, 26, 27: the rate equation integrated in every form on small systems,
    # W = J = 1, T = 0.1 (J/T = 10, Fig. 3), App. A density, from depolarized(c).
    "meanfield_tls_rate_equation.npz": _spec(_relax_tls, [
        (dict(label=f"N={N}", N=N, W=1.0, J=1.0, T=0.1, amplitudes=[0.01, 0.05, 0.2],
              orders=list(mf.RATE_EQUATION_ORDERS)), n)
        for N, n in ((30, 8), (100, 8), (300, 6))
    ], _TLS_UNITS + "; times RELAX_TIMES in 1/(a J^3); per realization and per amplitude "
       "index k (config 'amplitudes') and order o: norm_o_k (Σ|δσ_i(t)| / Σ|δσ_i(0)| on "
       "RELAX_TIMES, NaN after a divergence), signed_o_k and energy_o_k (Σ sgn(Δ'_i) δσ_i "
       "and Σ Δ'_i δσ_i over their initial values, the same way), lneff_o_k (histogram of "
       "ln of the effective 1/e rates on LNEFF_EDGES), unrelaxed_o_k (TLSs not at 1/e by "
       "the last time), tstop_o_k (time of divergence, inf if none), flipped_k "
       "(pseudospins of changed sign at the end of the full equation); lnrate_hist and "
       "lnrate_first_hist: ln λ of Eq. 12 and of tls_linear_rates on LNEFF_EDGES", block=1),
    # Beyond the paper: Eq. 2 of Churkin et al. (2021) (L = 12, x = 0.5, h0 = 10 K, C = 1) in
    # mean field, energies in kelvin; the disorder of realization r is
    # tlspaper.montecarlo.make_realization(model, disorder_seed, r), as in the Monte Carlo.
    "meanfield_lattice_churkin2021.npz": _spec(_solve_lattice, [
        (dict(label=f"J0={J0:g}K, T={T:g}K", L=12, x=0.5, h0=10.0, J0=J0, C=1.0, T=T,
              disorder_seed=3), 20)
        for J0 in (2.0, 3.0) for T in (0.1, 0.2, 0.5, 1.0)
    ], _LATTICE_UNITS, block=1),
}


def generate(name: str, *, realizations: int | None = None, output=None,
             checkpoint_dir=None, progress: bool = True) -> Path:
    """Regenerate the registered dataset `name` of this paper from its spec in :data:`DATASETS`.

    Slow for the N = 10 000 files (see data/README.md); run single-threaded
    (``NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1``).  Checkpoints make an interrupted run resume
    (:func:`tlspaper._runs.run`).

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    realizations : int, optional
        Realizations per configuration instead of the spec's counts (e.g. a quick test).
    output : path-like, optional
        Where to write; default the data folder under `name`, which is then registered
        (its sha256 recorded in the registry).
    checkpoint_dir : path-like, optional
        Folder for checkpoints (default in the pooch cache).
    progress : bool
        Show a progress bar.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    if name not in DATASETS:
        raise KeyError(f"{name!r} is not a dataset of churkin2013; known: {sorted(DATASETS)}")
    return _generate(name, DATASETS[name], realizations=realizations, output=output,
                     checkpoint_dir=checkpoint_dir, progress=progress)


# ----------------------------------------------------------------------------- loading


load_dataset = _load


def find_config(name, label: str) -> dict:
    """The configuration labelled `label` of the dataset `name` (see :func:`load_dataset`).

    Parameters
    ----------
    name : str or path-like
        Registry name of the dataset (or a path, as in :func:`load_dataset`).
    label : str
        The configuration's ``label``.

    Returns
    -------
    dict
        Its parameters and block histograms, as an entry of :func:`load_dataset`.

    Examples
    --------
    >>> find_config("meanfield_tls_size.npz", "N=100 [paper]")["N"]
    100
    """
    cfgs, _ = _load(name)
    for cfg in cfgs:
        if cfg["label"] == label:
            return cfg
    raise ValueError(f"{name} has no configuration {label!r}; "
                     f"available: {[c['label'] for c in cfgs]}")


def centres(edges) -> np.ndarray:
    """Bin centres of `edges`."""
    edges = np.asarray(edges, dtype=float)
    return 0.5 * (edges[1:] + edges[:-1])


def block_density(blocks, edges, rebin: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised density of block histograms and its standard error over blocks.

    Parameters
    ----------
    blocks : array_like, shape (B, nbins)
        One histogram per block of realizations.
    edges : array_like
        Bin edges (the density is per unit of the binned variable).
    rebin : int
        Merge this many consecutive bins first (a trailing remainder is dropped).

    Returns
    -------
    x, density, error : numpy.ndarray
        Bin centres, counts / (total count x bin width) of the summed histogram, and the
        standard error of the per-block densities divided by √B.

    Examples
    --------
    >>> x, d, e = block_density([[1, 3], [1, 3]], [0.0, 1.0, 2.0])
    >>> x.tolist(), d.tolist(), e.tolist()
    ([0.5, 1.5], [0.25, 0.75], [0.0, 0.0])
    """
    blocks = np.asarray(blocks, dtype=float)
    edges = np.asarray(edges, dtype=float)
    total = blocks.sum(axis=1, keepdims=True)
    if rebin > 1:
        n = (blocks.shape[1] // rebin) * rebin
        blocks = blocks[:, :n].reshape(len(blocks), -1, rebin).sum(axis=2)
        edges = edges[: n + 1 : rebin]
    w = np.diff(edges)
    per = blocks / (total * w)
    err = per.std(axis=0, ddof=1) / np.sqrt(len(blocks)) if len(blocks) > 1 else 0 * w
    return centres(edges), blocks.sum(axis=0) / (total.sum() * w), err


# ----------------------------------------------------------------------------- estimators

#: Quantile levels of g = |E| coth(|E|/2T) (TLS glass) or of λ (electron glass).
QUANTILES = (0.05, 0.10, 0.25, 0.50)
#: Fractions of the plateau height defining λ_min (:func:`tlspaper.rate_statistics.lambda_min`).
LEVELS = (0.1, 0.3, 0.5, 0.7, 0.9)
#: The default λ_min level (half height), as in the earlier versions of the book.
LEVEL_DEFAULT = 0.5
#: Bin width of ln λ for λ_min.
LAMBDA_MIN_BIN = 0.5
#: Significance every estimator must reach for a Table I sign.
SIGN_THRESHOLD = 3.0


def rate_estimators(model: str) -> dict:
    """The estimators of the rate scale of one configuration: name -> statistic(histogram).

    TLS glass (``model="TG"``): λ = Δ0² g(E) with g = |E| coth(|E|/2T) and Δ0 log-uniform
    and independent of E, so the low part of p(ln λ) is the distribution of g scaled by
    Δ0_min²: the quantiles ln q_p(g) (p in :data:`QUANTILES`, from ``lng_hist``) measure
    where the bulk and the low tail of g lie.  Electron glass (``"EG"``): the quantiles of
    ln λ itself (``lnrate_hist``).  Both: ln λ_min at each level of :data:`LEVELS`
    (``lnrate_hist``).  Every statistic maps a summed histogram to a logarithm of a rate
    (or of g, in J), so shifts are in units of ln.

    Parameters
    ----------
    model : {"TG", "EG"}

    Returns
    -------
    dict
        Name -> (histogram key, statistic).

    Examples
    --------
    >>> list(rate_estimators("TG"))[:2]
    ['ln q05(g)', 'ln q10(g)']
    """
    if model not in ("TG", "EG"):
        raise ValueError(f"model must be 'TG' or 'EG', got {model!r}")
    out = {}
    key, var, edges = (("lng_hist", "g", LNG_EDGES) if model == "TG"
                       else ("lnrate_hist", "λ", LNRATE_EDGES))
    for q in QUANTILES:
        out[f"ln q{round(100 * q):02d}({var})"] = (
            key, lambda h, q=q, e=edges: rs.hist_quantile(h, e, q))
    for lev in LEVELS:
        out[f"ln λ_min({lev:g})"] = (
            "lnrate_hist",
            lambda h, lev=lev: math.log(rs.lambda_min_hist(h, LNRATE_EDGES, LAMBDA_MIN_BIN, lev)))
    return out


def scheme_shifts(model: str, before: dict, after: dict) -> list:
    """Jackknife shifts of every estimator of :func:`rate_estimators` between two configurations.

    Parameters
    ----------
    model : {"TG", "EG"}
    before, after : dict
        Loaded configurations (:func:`find_config`) with block histograms.

    Returns
    -------
    list of tlspaper.rate_statistics.ShiftEstimate
        Positive shift: faster relaxation in `after`.
    """
    out = []
    for name, (key, stat) in rate_estimators(model).items():
        out += rs.shift_estimates(before[key], after[key], {name: stat})
    return out


def degenerate_estimators(view: dict, model: str = "TG") -> dict[str, str]:
    """Rate-scale estimators that do not measure what they name on these blocks: name -> why.

    Two failure modes of the histogram estimators of
    :func:`rate_estimators`, both met in the TLS-glass datasets:

    * *pinned*: ln λ_min at this level is the lowest populated ln λ bin edge (the first merged
      bin already exceeds the level), a sample minimum rather than a level crossing.  At
      W = 100, T = 10 every g >= 2T, and p(ln λ) rises as a step at ln(2T Δ0_min²) = -29.24;
    * *degenerate jackknife*: the delete-one-block values take at most two distinct values,
      so the jackknife error says nothing about the scatter.

    Parameters
    ----------
    view : dict
        Block histograms of one configuration (:func:`find_config`, or one method of a Monte
        Carlo dataset, :func:`tlspaper.papers.beyond.tls_glass_mc.method_view`).
    model : {"TG", "EG"}
        Whose estimators (:func:`rate_estimators`).

    Returns
    -------
    dict
        Estimator name -> reason, for the flagged estimators only.

    Examples
    --------
    A rate histogram whose low edge is a step (every block starts in the same bin), and a
    smooth histogram of ln g:

    >>> rng = np.random.default_rng(0)
    >>> lnr = [np.histogram(rng.uniform(-29, -5, 5000), LNRATE_EDGES)[0] for _ in range(5)]
    >>> lng = [np.histogram(rng.normal(1, 1, 5000), LNG_EDGES)[0] for _ in range(5)]
    >>> flagged = degenerate_estimators({"lnrate_hist": np.array(lnr), "lng_hist": np.array(lng)})
    >>> flagged["ln λ_min(0.1)"].split(";")[0], any(k.startswith("ln q") for k in flagged)
    ('pinned to the lowest populated ln λ (-29.00)', False)
    """
    out = {}
    for name, (key, stat) in rate_estimators(model).items():
        blocks = np.asarray(view[key], dtype=float)
        total = blocks.sum(axis=0)
        reasons = []
        if name.startswith("ln λ_min"):
            lo = int(np.flatnonzero(total)[0])
            edge = float(LNRATE_EDGES[lo])
            if math.isclose(stat(total), edge, abs_tol=1e-9):
                reasons.append(f"pinned to the lowest populated ln λ ({edge:.2f})")
        distinct = {round(stat(total - b), 9) for b in blocks}
        if len(distinct) <= 2:
            reasons.append(f"delete-one-block values take {len(distinct)} distinct value(s)")
        if reasons:
            out[name] = "; ".join(reasons)
    return out


def scheme_entry(model: str, before: dict, after: dict, labels=("before", "after"),
                 threshold: float = SIGN_THRESHOLD) -> dict:
    """The shift of a scheme and its sign under the Table I rule, over the usable estimators.

    Every estimator of :func:`rate_estimators` is measured at both ends
    (:func:`scheme_shifts`); those that :func:`degenerate_estimators` flags at either end are
    left out, and the sign is ±1 only if every remaining one shifts that way by at least
    `threshold` jackknife errors (:func:`tlspaper.rate_statistics.resolved_sign`), else 0.

    Parameters
    ----------
    model : {"TG", "EG"}
    before, after : dict
        Configurations with block histograms (:func:`find_config`).
    labels : pair of str
        Names of the two ends, used in the reasons of ``flagged``.
    threshold : float
        Significance every usable estimator must reach.

    Returns
    -------
    dict
        ``model``, ``labels``, ``shifts`` (every estimator), ``flagged`` (estimator ->
        reason), ``usable`` (names), ``sign`` (over the usable estimators), ``sign_all``
        (over all), ``z_min``, ``z_max``, ``z_abs_min`` (over the usable ones) and
        ``realizations`` (pair).
    """
    shifts = scheme_shifts(model, before, after)
    flagged: dict[str, str] = {}
    for lab, view in zip(labels, (before, after), strict=True):
        for est, why in degenerate_estimators(view, model).items():
            flagged[est] = (flagged[est] + "; " if est in flagged else "") + f"{lab}: {why}"
    usable = [s for s in shifts if s.name not in flagged]
    z = [s.z for s in usable]
    return {"model": model, "labels": tuple(labels), "shifts": shifts, "flagged": flagged,
            "usable": [s.name for s in usable],
            "sign": rs.resolved_sign(usable, threshold),
            "sign_all": rs.resolved_sign(shifts, threshold),
            "z_min": float(min(z)), "z_max": float(max(z)),
            "z_abs_min": float(min(abs(v) for v in z)),
            "realizations": (before["realizations"], after["realizations"])}


# ----------------------------------------------------------------------------- Table I


#: The schemes of Table I: (model, quantity) -> (dataset, label before, label after) for
#: increasing disorder, interaction and system size; " [convention]" is appended to labels.
TABLE_I_SCHEMES = {
    ("TG", "disorder"): ("meanfield_tls_disorder.npz", "W=1", "W=100"),
    ("TG", "interaction"): ("meanfield_tls_interaction.npz", "W/J=9.8", "W/J=1"),
    ("TG", "system size"): ("meanfield_tls_size.npz", "N=100", "N=1000"),
    ("EG", "disorder"): ("meanfield_eg_disorder.npz", "W=1", "W=10"),
    ("EG", "interaction"): ("meanfield_eg_interaction.npz", "W/J=9.85", "W/J=1"),
    ("EG", "system size"): ("meanfield_eg_size.npz", "N=10", "N=1000"),
}

#: The TLS-glass size cell from N = 1000 to 10 000 (W = J = 1, T = 0.1): convention ->
#: ((dataset, label) at N = 1000, (dataset, label) at N = 10 000).  The N = 10 000 point under
#: the App. A box is the configuration of Fig. 3.
TG_SIZE_LARGE = {
    "paper": (("meanfield_tls_size.npz", "N=1000 [paper]"), ("meanfield_tls_N10000.npz", "fig3")),
    "poisson": (("meanfield_tls_size.npz", "N=1000 [poisson]"),
                ("meanfield_tls_N10000.npz", "N=10000 [poisson]")),
}


@functools.lru_cache(maxsize=4)
def table_one(convention: str = mf.DEFAULT_CONVENTION,
              threshold: float = SIGN_THRESHOLD) -> tuple:
    """Table I measured from the cached datasets under one density convention.

    For each (model, quantity) of :data:`TABLE_I_SCHEMES` every estimator of
    :func:`rate_estimators` is measured at both ends of the scheme with a delete-one-block
    jackknife; the sign is ±1 only if every usable estimator (not flagged by
    :func:`degenerate_estimators`) shifts that way by at least `threshold` standard errors,
    else 0 ("not resolved"); see :func:`scheme_entry`.  Cached per process.

    Parameters
    ----------
    convention : {"paper", "poisson"}
        Site-density convention of the configurations.
    threshold : float
        Significance required of every usable estimator.

    Returns
    -------
    tuple of dict
        The keys of :func:`scheme_entry`, and ``quantity``, ``convention``, ``published``.
    """
    out = []
    for (model, quantity), (name, a, b) in TABLE_I_SCHEMES.items():
        before = find_config(name, f"{a} [{convention}]")
        after = find_config(name, f"{b} [{convention}]")
        out.append({**scheme_entry(model, before, after, (a, b), threshold),
                    "quantity": quantity, "convention": convention,
                    "published": PUBLISHED[f"table1_{model}_{quantity}"].value})
    return tuple(out)


@functools.lru_cache(maxsize=4)
def tg_size_large(convention: str = mf.DEFAULT_CONVENTION,
                  threshold: float = SIGN_THRESHOLD) -> dict:
    """The TLS-glass size cell N = 1000 → 10 000 of Table I, measured as :func:`table_one`.

    Parameters
    ----------
    convention : {"paper", "poisson"}
        Site-density convention (:data:`TG_SIZE_LARGE`).
    threshold : float
        Significance required of every estimator.

    Returns
    -------
    dict
        The keys of a :func:`table_one` entry.
    """
    if convention not in TG_SIZE_LARGE:
        raise ValueError(f"convention must be one of {sorted(TG_SIZE_LARGE)}, got {convention!r}")
    (na, la), (nb, lb) = TG_SIZE_LARGE[convention]
    before, after = find_config(na, la), find_config(nb, lb)
    return {**scheme_entry("TG", before, after, ("N=1000", "N=10000"), threshold),
            "quantity": "system size", "convention": convention,
            "published": PUBLISHED["table1_TG_system size"].value}


def _sign_text(sign):
    return {1: "+", -1: "−", 0: "0 (not resolved)"}[sign]


def _usable(entry: dict) -> list:
    """The shifts of the usable estimators of a :func:`scheme_entry`."""
    return [s for s in entry["shifts"] if s.name in entry["usable"]]


def _left_out(entry: dict) -> str:
    """``", without NAME (pinned)"`` for the estimators a :func:`scheme_entry` left out."""
    if not entry["flagged"]:
        return ""
    return ", without " + ", ".join(
        f"{name} ({'pinned' if 'pinned' in why else 'degenerate jackknife'})"
        for name, why in entry["flagged"].items())


def _direction(shifts) -> int:
    """+1 or -1 if every estimator shifts that way (any significance), else 0."""
    signs = {int(np.sign(s.shift)) for s in shifts}
    return signs.pop() if len(signs) == 1 and 0 not in signs else 0


def table_one_rows() -> list[Row]:
    """The six signs of Table I, published vs ours, under the comparison rule.

    Table I is a sign table, and the rows carry exactly its information.  Under the default
    (App. A density) convention, ours is the direction shared by all usable estimators of
    :func:`rate_estimators` (those not flagged by :func:`degenerate_estimators`; ±1), entered
    with the statistical uncertainty 1/|z|_min of the weakest one (a sign measured at z
    standard errors).  The verdict then reads: a
    direction equal to the published sign *agrees* (|ours − published| = 0); an opposite one
    *disagrees* at z = 2 |z|_min; the rule's 2σ threshold is weaker than the table's 3σ, so
    a direction shared by all estimators but not resolved at 3σ by every one *agrees*, and
    the note says "not resolved at 3σ".  Where the estimators point both ways the
    distribution changes shape rather than shifting, there is no single sign to compare,
    and the row is *not comparable* (the reason gives the z range).  The systematic band
    spans the directions under both density conventions.

    Returns
    -------
    list of Row
    """
    rows_ = []
    tables = {conv: table_one(conv) for conv in mf.CONVENTIONS}
    for k, t in enumerate(tables[mf.DEFAULT_CONVENTION]):
        other = {conv: tables[conv][k] for conv in mf.CONVENTIONS}
        dirs = [_direction(_usable(o)) for o in other.values()]
        zr = f"z from {t['z_min']:+.1f} to {t['z_max']:+.1f}"
        note = "; ".join(f"{conv}: {_sign_text(o['sign'])} at {SIGN_THRESHOLD:g}σ (z "
                         f"{o['z_min']:+.1f} … {o['z_max']:+.1f}{_left_out(o)}, "
                         f"{o['realizations'][0]}/{o['realizations'][1]} realizations)"
                         for conv, o in other.items())
        common = dict(paper="churkin2013", item="Table I",
                      quantity=f"{t['model']} {t['quantity']}: sign of the rate shift "
                               f"({t['labels'][0]} → {t['labels'][1]})",
                      published=float(t["published"]), section="mf-table-one", note=note)
        if (t["model"], t["quantity"]) == ("TG", "system size"):
            large = {conv: tg_size_large(conv) for conv in mf.CONVENTIONS}
            dirs += [_direction(_usable(o)) for o in large.values()]
            common["note"] += ("; the shift follows the falling density of the App. A box and "
                               "vanishes at fixed density") + "; N = 1000 → 10 000: " + "; ".join(
                f"{conv}: {_sign_text(o['sign'])} (z {o['z_min']:+.1f} … {o['z_max']:+.1f}"
                f"{_left_out(o)}, "
                f"{o['realizations'][0]}/{o['realizations'][1]} realizations)"
                for conv, o in large.items())
        direction = _direction(_usable(t))
        if direction == 0:
            rows_.append(Row(**common, ours=0.0, uncertainty=0.0,
                             not_comparable="the estimators shift both ways (the distribution "
                                            f"changes shape, no single sign; {zr})"))
        else:
            rows_.append(Row(**common, ours=float(direction), uncertainty=1.0 / t["z_abs_min"],
                             band=(float(min(dirs)), float(max(dirs))),
                             band_over=("density convention (paper App. A / Poisson)"
                                        + (" and sizes 100 → 1000 / 1000 → 10 000"
                                           if t["quantity"] == "system size" and t["model"] == "TG"
                                           else ""))))
    return rows_


def dos_width_and_gap(cfg: dict, cut: float = 0.1) -> dict:
    """Width and gap depth of a configuration's DOS, with jackknife errors over blocks.

    Parameters
    ----------
    cfg : dict
        A loaded configuration with ``E_hist`` and ``absE_hist`` (energies in units of its
        ``escale``).
    cut : float
        |E| / escale below which the weight counts as "in the gap".

    Returns
    -------
    dict
        ``iqr`` (interquartile range of E / escale) and ``gap`` (fraction with
        |E| / escale < `cut`), each a (value, error) pair.
    """
    iqr = rs.block_jackknife(lambda h: float(np.subtract(*rs.hist_quantile(
        h, E_EDGES, [0.75, 0.25]))), cfg["E_hist"])
    k = int(np.searchsorted(LOG_ABS_E_EDGES, math.log10(cut)))
    gap = rs.block_jackknife(lambda h: float(h[:k].sum() / h.sum()), cfg["absE_hist"])
    return {"iqr": iqr, "gap": gap}


def convention_summary(N: int = 1000) -> list[dict]:
    """Density, box and χ = P0 U0 of each site-density convention at W = J = 1 (Sec. II).

    Parameters
    ----------
    N : int
        Number of sites.

    Returns
    -------
    list of dict
        One per convention: ``convention``, ``L`` [r_nn], ``density`` [r_nn^-3], ``chi``
        (:func:`tlspaper.meanfield.tls_chi`), and ``density_for_chi`` (the density that
        χ = 1e-3 would need at W = J = r_nn = 1).

    Examples
    --------
    >>> [round(c["chi"], 4) for c in convention_summary()]
    [0.0396, 0.0049]
    """
    need = 1e-3 * math.sqrt(2 * math.pi) * math.log(DELTA0_RANGE[1] / DELTA0_RANGE[0])
    out = []
    for conv in mf.CONVENTIONS:
        L = mf.box_length(N, 1.0, 3, conv)
        out.append({"convention": conv, "L": L, "density": N / L**3,
                    "chi": mf.tls_chi(N, 1.0, 1.0, DELTA0_RANGE, convention=conv),
                    "density_for_chi": need})
    return out


def fig16_collapse(convention: str = mf.DEFAULT_CONVENTION) -> list[dict]:
    """Medians of x = -ln(λ/2) of the tunnelling matrix e^(-r/ξ) (Fig. 16), raw and rescaled.

    The inset of Fig. 16 rescales x → x √q, q = (√N + 1)/(√N - 1) (Eq. A2), to make the
    curves for N = 10, 100, 1000 coincide.  Medians with jackknife errors over blocks.

    Parameters
    ----------
    convention : {"paper", "poisson"}

    Returns
    -------
    list of dict
        ``N``, ``median`` and ``scaled`` ((value, error) pairs), ``q``.
    """
    out = []
    for N in (10, 100, 1000):
        cfg = find_config("meanfield_eg_size.npz", f"N={N} [{convention}]")
        q = (math.sqrt(N) + 1) / (math.sqrt(N) - 1)
        med = rs.block_jackknife(lambda h: rs.hist_quantile(h, TUNNEL_X_EDGES, 0.5),
                                 cfg["tunnel_x_hist"])
        out.append({"N": N, "q": q, "median": med,
                    "scaled": (med[0] * math.sqrt(q), med[1] * math.sqrt(q))})
    return out


def coupled_rate_check(N: int = 300, realizations: int = 20, T: float = 0.1,
                       convention: str = mf.DEFAULT_CONVENTION, seed: int = MASTER_SEED) -> dict:
    """Quantiles of ln λ with and without the TLS-TLS term of the linearised rate equation.

    Small systems (W = J = 1) solved by Eq. 4; the rates of the paper's diagonal Eq. 13 and
    the eigenvalues of the full linearised equation (:func:`tlspaper.meanfield.
    tls_linear_rates`) are pooled over realizations.

    Parameters
    ----------
    N, realizations : int
        System size and number of realizations.
    T : float
        Temperature [J].
    convention : {"paper", "poisson"}
    seed : int
        Seed of ``SeedSequence([seed, 99, r])``.

    Returns
    -------
    dict
        ``quantiles`` (the levels), ``coupled`` and ``diagonal`` (ln-rate quantiles),
        ``unstable`` (number of non-positive eigenvalues), ``tunnelling_dominated`` (fraction
        of TLSs with Δ0 > |Δ'|, where the target tanh(Δ'/2T) of the rate equation and the
        tanh(E/2T) of Eq. 11 differ most) and ``tunnelling_dominated_thermal`` (the same among
        the TLSs with |Δ'| < T, which carry the first-order coupling).
    """
    coupled, diagonal, unstable = [], [], 0
    n_all = n_d0 = n_th = n_d0_th = 0
    for r in range(realizations):
        rng = np.random.default_rng(np.random.SeedSequence([seed, 99, r]))
        g = mf.tls_glass(N, 1.0, 1.0, rng, DELTA0_RANGE, convention=convention, dtype=float)
        sol = mf.solve_mean_field(g.delta, g.coupling, T, x0=rng.uniform(-1.5, 1.5, N))
        rc = mf.tls_linear_rates(sol.x, g.delta0, g.coupling, T)
        unstable += int(np.sum(rc <= 0))
        d0big, thermal = g.delta0 > np.abs(sol.x), np.abs(sol.x) < T
        n_all += N
        n_d0 += int(d0big.sum())
        n_th += int(thermal.sum())
        n_d0_th += int((d0big & thermal).sum())
        coupled.append(np.log(rc[rc > 0]))
        diagonal.append(np.log(mf.tls_linear_rates(sol.x, g.delta0, g.coupling, T,
                                                   coupled=False)))
    q = np.array(QUANTILES)
    return {"quantiles": q, "coupled": np.quantile(np.concatenate(coupled), q),
            "diagonal": np.quantile(np.concatenate(diagonal), q), "unstable": unstable,
            "tunnelling_dominated": n_d0 / n_all,
            "tunnelling_dominated_thermal": n_d0_th / max(n_th, 1)}


# ----------------------------------------------------------------------------- rate equation


def _ln_time_at(curve, level: float) -> float:
    """ln t at which a norm curve on RELAX_TIMES first falls to `level` (ln-t interpolated)."""
    curve = np.asarray(curve, dtype=float)
    k = np.flatnonzero(np.isfinite(curve) & (curve <= level))
    if k.size == 0 or k[0] == 0:
        return math.nan
    k = k[0]
    lt = np.log(RELAX_TIMES)
    return float(np.interp(level, [curve[k], curve[k - 1]], [lt[k], lt[k - 1]]))


def _mean_err(x) -> tuple[float, float, int]:
    """Mean, standard error and count of the finite values of `x`."""
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return (math.nan, math.nan, 0)
    e = float(x.std(ddof=1) / math.sqrt(x.size)) if x.size > 1 else math.nan
    return (float(x.mean()), e, int(x.size))


#: Observables of the rate-equation dataset: name -> stored key prefix.  "l1": Σ|δσ_i|; "signed":
#: Σ sgn(Δ'_i) δσ_i (Eq. 15 as printed, a plain sum with c_i > 0); "energy": Σ Δ'_i δσ_i (the
#: energy of the deviation to first order); each over its initial value.
RATE_OBSERVABLES = {"l1": "norm", "signed": "signed", "energy": "energy"}


def rate_equation_summary(name: str = "meanfield_tls_rate_equation.npz",
                          level: float = 0.5, t_ref: float = 1e9,
                          observable: str = "l1") -> list[dict]:
    """Each form of the rate equation against the diagonal Eq. 13, realization by realization.

    For every configuration (system size), amplitude c and form of
    :func:`tlspaper.meanfield.tls_rate_equation`: the shift of ln t_level, the time at which
    the `observable` falls to `level` of its initial value, and of the observable at `t_ref`,
    both relative to Eq. 13 on the same realization (mean and standard error over the
    realizations that did not diverge); the shifts of the quantiles q10 and q50 of
    ln λ_eff (effective 1/e rates) relative to Eq. 13, with a paired jackknife over the same
    realizations; and the counts of diverged runs, of TLSs not relaxed to 1/e and of
    realizations ending in another mean-field state (full equation).

    Parameters
    ----------
    name : str
        The dataset (:data:`DATASETS`).
    level : float
        Fraction of the initial value defining t_level.
    t_ref : float
        Time [1/(a J³)] at which the observables are compared.
    observable : {"l1", "signed", "energy"}
        Which relaxation curve (:data:`RATE_OBSERVABLES`).

    Returns
    -------
    list of dict
        Keys ``N``, ``c``, ``order``, ``realizations``, ``dlnt`` and ``dnorm`` ((mean,
        error, n) over realizations), ``dlnt_values`` (the shift of ln t_level of each
        realization that did not diverge), ``dlnt_range`` ((min, max) of them), ``norm_at``
        ((mean of this form, mean of Eq. 13) of the observable at `t_ref`, over the same
        realizations), ``dq10`` and ``dq50`` ((value,
        error), NaN with fewer than two realizations that did not diverge), ``diverged``
        (runs stopped), ``unrelaxed`` (TLSs, summed), ``new_state`` (realizations with
        flipped pseudospins, full form only), ``eig_dq10`` and ``eig_dq50`` (shifts of the
        quantiles of ln of the first-order eigenvalues,
        :func:`tlspaper.meanfield.tls_linear_rates`, relative to the rates of Eq. 12: the same
        for every amplitude and form).
    """
    if observable not in RATE_OBSERVABLES:
        raise ValueError(f"observable must be one of {sorted(RATE_OBSERVABLES)}, "
                         f"got {observable!r}")
    key_o = RATE_OBSERVABLES[observable]
    cfgs, _ = _load(name)
    i_ref = int(np.argmin(np.abs(np.log(RELAX_TIMES / t_ref))))
    out = []
    for cfg in cfgs:
        eig = np.concatenate([cfg["lnrate_first_hist"], cfg["lnrate_hist"]], axis=1)
        ne = cfg["lnrate_hist"].shape[1]
        eig_shift = {q: rs.block_jackknife(
            lambda h, q=q, ne=ne: float(rs.hist_quantile(h[:ne], LNEFF_EDGES, q)
                                        - rs.hist_quantile(h[ne:], LNEFF_EDGES, q)), eig)
            for q in (0.1, 0.5)}
        for k, c in enumerate(cfg["amplitudes"]):
            base = cfg[f"{key_o}_diagonal_{k}"]
            hb = cfg[f"lneff_diagonal_{k}"]
            for order in cfg["orders"]:
                norm = cfg[f"{key_o}_{order}_{k}"]
                ok = ~np.isfinite(cfg[f"tstop_{order}_{k}"])
                d_t = np.array([_ln_time_at(a, level) - _ln_time_at(b, level)
                                for a, b in zip(norm[ok], base[ok], strict=True)])
                d_n = (norm[:, i_ref] - base[:, i_ref])[ok]
                entry = {"N": cfg["N"], "c": c, "order": order,
                         "eig_dq10": eig_shift[0.1], "eig_dq50": eig_shift[0.5],
                         "realizations": cfg["realizations"], "dlnt": _mean_err(d_t),
                         "dnorm": _mean_err(d_n), "diverged": int(np.sum(~ok)),
                         "dlnt_values": tuple(float(v) for v in d_t),
                         "dlnt_range": ((float(np.nanmin(d_t)), float(np.nanmax(d_t)))
                                        if np.any(np.isfinite(d_t)) else (math.nan, math.nan)),
                         "norm_at": (float(np.mean(norm[ok, i_ref])) if ok.any() else math.nan,
                                     float(np.mean(base[ok, i_ref])) if ok.any() else math.nan),
                         "unrelaxed": int(np.sum(cfg[f"unrelaxed_{order}_{k}"])),
                         "new_state": (int(np.sum(cfg[f"flipped_{k}"] > 0))
                                       if order == "full" else 0)}
                nb = hb.shape[1]
                pair = np.concatenate([cfg[f"lneff_{order}_{k}"], hb], axis=1)[ok]
                for q in (0.1, 0.5):
                    key = f"dq{round(100 * q)}"
                    if len(pair) < 2:
                        entry[key] = (math.nan, math.nan)
                        continue
                    entry[key] = rs.block_jackknife(
                        lambda h, q=q, nb=nb: float(rs.hist_quantile(h[:nb], LNEFF_EDGES, q)
                                                    - rs.hist_quantile(h[nb:], LNEFF_EDGES, q)),
                        pair)
                out.append(entry)
    return out


# ----------------------------------------------------------------------------- the gap at large W

#: |E| / J below which the DOS counts as "at E → 0" for the gap depth (default first).
GAP_CUTS = (0.1, 0.03, 0.3, 1.0)
#: Windows (low, high) of |E| / J of the log-gap fit (default first; the others are the band).
GAP_FIT_WINDOWS = ((0.03, 1.0), (0.01, 1.0), (0.03, 3.0), (0.1, 1.0))
#: Gapless references of ``meanfield_tls_gap.npz`` -> their histogram of log10|E| (default
#: first): the shuffled-field reference has exactly the mean-field marginal of the field.
GAP_REFERENCES = {"shuffled": "absEshuf_hist", "random-sign": "absEref_hist"}
_LOG_ABS_STEP = float(LOG_ABS_E_EDGES[1] - LOG_ABS_E_EDGES[0])


def _edge_index(energy: float) -> int:
    """Index of the LOG_ABS_E_EDGES edge nearest to log10(energy)."""
    return int(round((math.log10(energy) - LOG_ABS_E_EDGES[0]) / _LOG_ABS_STEP))


def _ref_hist(cfg: dict, reference: str) -> np.ndarray:
    if reference not in GAP_REFERENCES:
        raise ValueError(f"reference must be one of {sorted(GAP_REFERENCES)}, got {reference!r}")
    return cfg[GAP_REFERENCES[reference]]


def gap_depth(cfg: dict, cut: float = GAP_CUTS[0],
              reference: str = "shuffled") -> tuple[float, float]:
    """Relative depth 1 - n(|E| < cut) / n_ref(|E| < cut) of the DOS gap, jackknife over blocks.

    Parameters
    ----------
    cfg : dict
        A configuration of ``meanfield_tls_gap.npz``.
    cut : float
        |E| / J of the "E → 0" window (rounded to the nearest edge of LOG_ABS_E_EDGES).
    reference : {"shuffled", "random-sign", "gaussian"}
        The bulk: the energies of the same realizations with the self-consistent fields
        shuffled among the TLSs (:data:`GAP_REFERENCES`) or with random-sign fields, or the
        bare Gaussian of the disorder, n_ref(|E| < cut) = erf(cut / (√2 W)).

    Returns
    -------
    value, error : float
    """
    k = _edge_index(cut)
    if reference == "gaussian":
        frac = math.erf(10 ** LOG_ABS_E_EDGES[k] / (math.sqrt(2) * cfg["W"]))
        return rs.block_jackknife(lambda h: 1.0 - h[:k].sum() / h.sum() / frac,
                                  cfg["absE_hist"])
    if reference not in GAP_REFERENCES:
        raise ValueError(f"reference must be one of {sorted(GAP_REFERENCES) + ['gaussian']}, "
                         f"got {reference!r}")
    pair = np.concatenate([cfg["absE_hist"][:, :k], _ref_hist(cfg, reference)], axis=1)
    return rs.block_jackknife(lambda h: 1.0 - h[:k].sum() / h[k:k + k].sum(), pair)


def gap_reference_shift(cfg: dict, cut: float = 1.0) -> tuple[float, float]:
    """n_shuffled(|E| < cut) / n_random-sign(|E| < cut) - 1: how the two references differ.

    Parameters
    ----------
    cfg : dict
        A configuration of ``meanfield_tls_gap.npz``.
    cut : float
        |E| / J (nearest edge of LOG_ABS_E_EDGES).

    Returns
    -------
    value, error : float
        Relative difference of the reference DOS below `cut`, jackknife over blocks.
    """
    k = _edge_index(cut)
    pair = np.concatenate([cfg["absEshuf_hist"][:, :k], cfg["absEref_hist"][:, :k]], axis=1)
    return rs.block_jackknife(lambda h: h[:k].sum() / h[k:].sum() - 1.0, pair)


def gap_field_iqr(cfg: dict) -> dict:
    """Interquartile ranges [J] of the mean-field and of the random-sign field φ_i.

    The shuffled-field reference has the mean-field marginal exactly; the random-sign one
    does not.

    Parameters
    ----------
    cfg : dict
        A configuration of ``meanfield_tls_gap.npz`` (``phi_hist``, ``phiref_hist``).

    Returns
    -------
    dict
        ``mean-field`` and ``random-sign``: (IQR, jackknife error) [J].
    """
    iqr = lambda h: float(np.diff(rs.hist_quantile(h, E_EDGES, [0.25, 0.75]))[0])  # noqa: E731
    return {"mean-field": rs.block_jackknife(iqr, cfg["phi_hist"]),
            "random-sign": rs.block_jackknife(iqr, cfg["phiref_hist"])}


def _rebinned(cfg, reference, rebin):
    a, b = cfg["absE_hist"], _ref_hist(cfg, reference)
    n = (a.shape[1] // rebin) * rebin
    a = a[:, :n].reshape(len(a), -1, rebin).sum(axis=2)
    b = b[:, :n].reshape(len(b), -1, rebin).sum(axis=2)
    return a, b, n


def gap_profile(cfg: dict, rebin: int = 5,
                reference: str = "shuffled") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n(E) / n_ref(E) against |E|, jackknife errors over blocks.

    Parameters
    ----------
    cfg : dict
        A configuration of ``meanfield_tls_gap.npz``.
    rebin : int
        Bins of LOG_ABS_E_EDGES merged (5: a quarter decade).
    reference : {"shuffled", "random-sign"}
        The gapless reference (:data:`GAP_REFERENCES`).

    Returns
    -------
    E, ratio, error : numpy.ndarray
        Geometric bin centres [J], the ratio and its jackknife error (NaN for empty bins).
    """
    a, b, n = _rebinned(cfg, reference, rebin)
    m = a.shape[1]
    pair = np.concatenate([a, b], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # empty bins: NaN ratios
        ratio = lambda h: np.where(h[m:] > 0, h[:m] / h[m:], np.nan)  # noqa: E731
        full = ratio(pair.sum(axis=0))
        B = len(pair)
        loo = np.array([ratio(pair.sum(axis=0) - pair[i]) for i in range(B)])
        err = np.sqrt((B - 1) / B * np.nansum((loo - np.nanmean(loo, axis=0)) ** 2, axis=0))
    x = centres(LOG_ABS_E_EDGES[: n + 1 : rebin])
    return 10**x, full, err


def _log_gap_y(h, m, sel):
    with np.errstate(divide="ignore", invalid="ignore"):
        return h[m:2 * m][sel] / h[:m][sel] - 1.0


def _log_gap_line(h, m, x, sel):
    """(α, κ) of 1/ρ - 1 = α - κ ln E on the selected bins, unweighted least squares."""
    y = _log_gap_y(h, m, sel)
    A = np.vstack([np.ones(sel.sum()), -x[sel]]).T
    alpha, kappa = np.linalg.lstsq(A, y, rcond=None)[0]
    return float(alpha), float(kappa)


def log_gap_fit(cfg: dict, window=GAP_FIT_WINDOWS[0], rebin: int = 5,
                reference: str = "shuffled") -> dict:
    """Fit of the logarithmic gap n/n_ref = 1 / (1 + κ ln(E0/E)) and its width E_g.

    With ρ = n/n_ref (:func:`gap_profile`), 1/ρ - 1 = α - κ ln E is a straight line in ln E
    for a logarithmic gap; the gap closes (ρ = 1) at ln E0 = α/κ and reaches half depth
    (ρ = 1/2) at ln E_g = (α - 1)/κ, the gap width.  A logarithmic gap whose low-energy
    bound is set by the interaction alone, 1/n(E) = 1/n_ref + B ln(E0/E) with B independent
    of W, has κ = B n_ref ∝ J/W at large W, and so E_g = E0 e^(-1/κ) exponentially small in
    W/J; a W-independent B is the test.  The line is fitted unweighted; its goodness of fit
    is the χ² of the residuals with the jackknife error of each bin's 1/ρ - 1 (bins taken as
    independent).  Delete-one-block jackknife errors of the parameters.

    Parameters
    ----------
    cfg : dict
        A configuration of ``meanfield_tls_gap.npz``.
    window : (float, float)
        Range of |E| / J fitted (bins whose centre lies inside).
    rebin : int
        As in :func:`gap_profile`.
    reference : {"shuffled", "random-sign"}
        As in :func:`gap_profile`.

    Returns
    -------
    dict
        ``kappa``, ``ln_E0`` and ``ln_Eg`` (ln of energies in J), ``n_ref`` (the reference
        DOS per TLS below the window's top [1/J], both signs of E) and ``B`` = κ / n_ref [J],
        each a (value, error) pair; ``chi2`` and ``dof`` of the line; ``window``.
    """
    a, b, n = _rebinned(cfg, reference, rebin)
    m = a.shape[1]
    x = np.log(10.0) * centres(LOG_ABS_E_EDGES[: n + 1 : rebin])
    sel = (x > math.log(window[0])) & (x < math.log(window[1]))
    pair = np.concatenate([a, b], axis=1)
    out = {"window": tuple(window)}
    stats = {"kappa": lambda h: _log_gap_line(h, m, x, sel)[1],
             "ln_E0": lambda h: (lambda ak: ak[0] / ak[1])(_log_gap_line(h, m, x, sel)),
             "ln_Eg": lambda h: (lambda ak: (ak[0] - 1.0) / ak[1])(_log_gap_line(h, m, x, sel))}
    # the reference DOS below the window's top, per J, and B = κ / n_ref
    k_hi = _edge_index(window[1])
    e_hi = 10 ** LOG_ABS_E_EDGES[k_hi]
    ref = _ref_hist(cfg, reference)
    raw = np.concatenate([pair, ref], axis=1)
    n_ref = lambda h: h[2 * m:2 * m + k_hi].sum() / (h[2 * m:].sum() * 2 * e_hi)  # noqa: E731
    stats["n_ref"] = n_ref
    stats["B"] = lambda h: _log_gap_line(h, m, x, sel)[1] / n_ref(h)
    for key, stat in stats.items():
        out[key] = rs.block_jackknife(stat, raw)
    # goodness of fit: per-bin jackknife errors of y = 1/ρ - 1
    total = pair.sum(axis=0)
    y = _log_gap_y(total, m, sel)
    loo = np.array([_log_gap_y(total - p, m, sel) for p in pair])
    B = len(pair)
    ey = np.sqrt((B - 1) / B * np.sum((loo - loo.mean(axis=0)) ** 2, axis=0))
    alpha, kappa = _log_gap_line(total, m, x, sel)
    out["chi2"] = float(np.sum(((y - alpha + kappa * x[sel]) / ey) ** 2))
    out["dof"] = int(sel.sum() - 2)
    return out


def log_gap_depth(kappa: float, ln_E0: float, cut: float) -> float:
    """Depth below `cut` of the logarithmic gap ρ(E) = 1 / (1 + κ ln(E0/E)) (flat reference).

    1 - (1/cut) ∫_0^cut ρ(E) dE = 1 - ∫_0^∞ e^(-s) ds / (1 + κ (ln(E0/cut) + s)), for
    cut <= E0.  At small κ it is ≈ κ (ln(E0/cut) + 1), linear in κ ∝ J/W.

    Parameters
    ----------
    kappa : float
        Slope κ >= 0 (dimensionless).
    ln_E0 : float
        ln(E0 / J), where the gap closes.
    cut : float
        Energy [J], 0 < cut <= E0.

    Returns
    -------
    float
        The depth (dimensionless).

    Examples
    --------
    No gap without κ; at small κ the depth is κ (ln(E0/cut) + 1), here 1e-4 × 4.30:

    >>> abs(log_gap_depth(0.0, 1.0, 0.1)) < 1e-12, round(log_gap_depth(1e-4, 1.0, 0.1) / 1e-4, 2)
    (True, 4.3)
    """
    from scipy.integrate import quad

    if kappa < 0 or not 0 < cut <= math.exp(ln_E0):
        raise ValueError(f"need kappa >= 0 and 0 < cut <= E0, got kappa={kappa!r}, "
                         f"cut={cut!r}, E0={math.exp(ln_E0)!r}")
    u = ln_E0 - math.log(cut)
    val = quad(lambda s: math.exp(-s) / (1.0 + kappa * (u + s)), 0.0, math.inf)[0]
    return 1.0 - val


def _fit_scaling(q, y, dy):
    """Weighted fits y = A exp(-q/q0) and y = A q^(-p): parameters, errors, χ², dof."""
    from scipy.optimize import curve_fit

    q, y, dy = (np.asarray(v, dtype=float) for v in (q, y, dy))
    out = {}
    models = {"exponential": (lambda x, A, q0: A * np.exp(-x / q0), (y[0] * math.e, q[-1])),
              "power": (lambda x, A, p: A * x ** (-p), (y[0] * q[0], 1.0))}
    for name, (f, p0) in models.items():
        popt, pcov = curve_fit(f, q, y, p0=p0, sigma=dy, absolute_sigma=True, maxfev=20000)
        chi2 = float(np.sum(((y - f(q, *popt)) / dy) ** 2))
        out[name] = {"params": tuple(float(v) for v in popt),
                     "errors": tuple(float(v) for v in np.sqrt(np.diag(pcov))),
                     "chi2": chi2, "dof": int(q.size - 2)}
    return out


def gap_scaling(name: str = "meanfield_tls_gap.npz", cut: float = GAP_CUTS[0],
                reference: str = "shuffled", window=GAP_FIT_WINDOWS[0],
                e0_from: int = 0) -> dict:
    """The gap at large disorder (Sec. II, after Eq. 7): depth and log-gap slope against W/J.

    The depth (:func:`gap_depth`) and the slope κ (:func:`log_gap_fit`) of every
    configuration, each fitted against q = W/J by an exponential A e^(-q/q0) and a power law
    A q^(-p) (weighted least squares with the jackknife errors; χ² and its degrees of
    freedom say which describes the data); the width ln E_g is fitted by a straight line in
    q (an exponentially small width) where κ is resolved at 3σ.  The logarithmic gap with one
    B for every W predicts the depths with no free parameter: κ = B n_ref of each
    configuration, B the weighted mean over W, E0 that fitted at configuration `e0_from`
    (:func:`log_gap_depth`).

    Parameters
    ----------
    name : str
        The dataset.
    cut, reference
        As in :func:`gap_depth` (with ``"gaussian"`` the log-gap fits use the shuffled-field
        reference).
    window
        As in :func:`log_gap_fit`.
    e0_from : int
        Index of the configuration whose fitted E0 the log-gap prediction uses.

    Returns
    -------
    dict
        ``q`` (W/J), ``T``, ``depth``, ``kappa``, ``ln_Eg`` (lists of (value, error)),
        ``depth_fits`` and ``kappa_fits`` (per model: ``params``, ``errors``, ``chi2``,
        ``dof``), ``width_line`` ((slope, error) of ln E_g against q over the resolved
        points, or None), ``resolved`` (mask of κ resolved at 3σ), ``B`` (list of
        (value, error) [J]), ``B_mean`` (weighted mean, its error, χ², dof), ``line_chi2``
        (list of (χ², dof) of each log-gap line), ``slope_constant_B`` ((value, error) of
        d ln E_g / d(W/J) = -√(2π) J / B, the large-W limit with one B), ``log_gap_depth``
        (predicted depths), ``log_gap_chi2`` ((χ², dof) of the prediction against the
        depths), ``log_gap_local_p`` (-d ln depth / d ln q of the prediction between
        consecutive q), ``kappa_per_chi`` ((value, error): κ / χ at large W, κ = B/(√(2π) W),
        χ = P0 U0 of :func:`tlspaper.meanfield.tls_chi`), ``realizations_to_resolve``
        (realizations that would resolve the predicted κ at 3σ, per configuration) and
        ``coupling_at_half_box`` (typical coupling J/(4 (L/2)³) at half the box side [J],
        the finite-size floor).
    """
    cfgs, _ = _load(name)
    fit_ref = "shuffled" if reference == "gaussian" else reference
    q = [c["W"] / c["J"] for c in cfgs]
    depth = [gap_depth(c, cut, reference) for c in cfgs]
    fits = [log_gap_fit(c, window, reference=fit_ref) for c in cfgs]
    kappa = [f["kappa"] for f in fits]
    resolved = [k[0] > 3 * k[1] for k in kappa]
    out = {"q": q, "T": [c["T"] for c in cfgs], "depth": depth, "kappa": kappa,
           "ln_Eg": [f["ln_Eg"] for f in fits], "resolved": resolved,
           "depth_fits": _fit_scaling(q, *zip(*depth, strict=True)),
           "kappa_fits": _fit_scaling(q, *zip(*kappa, strict=True)), "width_line": None,
           "B": [f["B"] for f in fits], "line_chi2": [(f["chi2"], f["dof"]) for f in fits]}
    b, eb = (np.array(v) for v in zip(*out["B"], strict=True))
    wb = 1 / eb**2
    bm = float(np.sum(wb * b) / np.sum(wb))
    ebm = float(1 / math.sqrt(np.sum(wb)))
    out["B_mean"] = (bm, ebm, float(np.sum(wb * (b - bm) ** 2)), int(b.size - 1))
    s2pi = math.sqrt(2 * math.pi)
    out["slope_constant_B"] = (-s2pi / bm, s2pi * ebm / bm**2)
    c0 = cfgs[0]
    chi = mf.tls_chi(c0["N"], c0["W"], c0["J"], DELTA0_RANGE)
    kc = bm * c0["J"] / (s2pi * c0["W"] * chi)
    out["kappa_per_chi"] = (kc, kc * ebm / bm)
    # the log-gap prediction of the depths (no free parameter)
    ln_e0 = fits[e0_from]["ln_E0"][0]
    pred = [log_gap_depth(bm * f["n_ref"][0], ln_e0, cut) for f in fits]
    out["log_gap_depth"] = pred
    d, ed = (np.array(v) for v in zip(*depth, strict=True))
    out["log_gap_chi2"] = (float(np.sum(((d - np.array(pred)) / ed) ** 2)), int(d.size))
    lq, lp = np.log(q), np.log(pred)
    out["log_gap_local_p"] = [float(-(lp[i + 1] - lp[i]) / (lq[i + 1] - lq[i]))
                              for i in range(len(q) - 1)]
    out["realizations_to_resolve"] = [
        float(c["realizations"] * (3 * k[1] / (bm * f["n_ref"][0])) ** 2)
        for c, k, f in zip(cfgs, kappa, fits, strict=True)]
    out["coupling_at_half_box"] = [0.25 * c["J"] / (mf.box_length(c["N"]) / 2) ** 3
                                   for c in cfgs]
    qs = np.array(q)[resolved]
    if qs.size >= 2:
        y, e = (np.array(v) for v in zip(*[f["ln_Eg"] for f, r in zip(fits, resolved,
                                                                       strict=True) if r],
                                         strict=True))
        w = 1 / e**2
        A = np.vstack([np.ones_like(qs), qs]).T
        cov = np.linalg.inv(A.T @ (A * w[:, None]))
        beta = cov @ (A.T @ (w * y))
        out["width_line"] = (float(beta[1]), float(math.sqrt(cov[1, 1])))
    return out


# ----------------------------------------------------------------------------- 1/λ law


#: (dataset, label) of the rates of Fig. 3 (TLS glass, N = 10 000, J/T = 10, W = J = 1, App. A
#: box, 1000 realizations as the paper).
FIG3_RATES = ("meanfield_tls_N10000.npz", "fig3")
#: (dataset, label) of the rates of Fig. 9 (electron glass, N = 1000, T = 0.1, ξ = 0.1).
FIG9_RATES = ("meanfield_eg_disorder.npz", "W=1 [paper]")


def rate_exponent(cfg: dict, decades: float = 1.0, level: float = 0.9) -> tuple[float, float]:
    """Power s of p(λ) ∝ λ^-s over the first decade of the plateau, from ``lnrate_hist``.

    p(ln λ) = λ p(λ) ∝ λ^(1-s): a weighted least-squares line through ln p(ln λ) against
    ln λ over [λ_p, 10^decades λ_p], with λ_p where p(ln λ) reaches `level` of the plateau
    height (:func:`tlspaper.rate_statistics.lambda_min_hist`), Poisson weights.

    Parameters
    ----------
    cfg : dict
        A loaded configuration with ``lnrate_hist``.
    decades : float
        Width of the window.
    level : float
        Start of the window (fraction of the plateau height).

    Returns
    -------
    s, error : float
    """
    h = np.asarray(cfg["lnrate_hist"], dtype=float).sum(axis=0)
    lo = math.log(rs.lambda_min_hist(h, LNRATE_EDGES, LAMBDA_MIN_BIN, level))
    hi = lo + decades * math.log(10)
    c = centres(LNRATE_EDGES)
    sel = (c >= lo) & (c <= hi) & (h > 0)
    y, x = np.log(h[sel]), c[sel]
    w = h[sel]  # 1/var of ln(count) = count
    A = np.vstack([np.ones_like(x), x]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    beta = cov @ (A.T @ (w * y))
    return float(1 - beta[1]), float(math.sqrt(cov[1, 1]))


def rate_exponent_rows() -> list[Row]:
    """The 1/λ exponents of Figs. 3(b) (TLS glass) and 9(b) (electron glass), published vs ours.

    The published "1/λ" is a functional form, s = 1 exactly (σ_pub = 0).  The window is the
    paper's ("within the cutoff region", Fig. 3(b) caption): the first decade above the 0.9
    level of the low edge.  The band spans the window start (level 0.7 to 0.95 of the
    plateau height) and width (0.5 to 1.5 decades).  For the TLS glass the 1/λ law itself is
    an input (log-uniform Δ0 over six decades); the row tests how the low-energy edge of g
    bends it inside the cutoff region.

    Returns
    -------
    list of Row
    """
    out = []
    for (name, label), item, key, what in (
            (FIG3_RATES, "Fig. 3(b)", "fig3b_rate_exponent", "TLS glass"),
            (FIG9_RATES, "Fig. 9(b)", "fig9b_rate_exponent", "electron glass")):
        cfg = find_config(name, label)
        s, e = rate_exponent(cfg)
        band = [rate_exponent(cfg, d, lev)[0] for d in (0.5, 1.5) for lev in (0.7, 0.95)]
        out.append(Row(paper="churkin2013", item=item,
                       quantity=f"{what}: exponent s of p(λ) ∝ λ^-s",
                       published=PUBLISHED[key].value, ours=s, uncertainty=e,
                       published_sigma=0.0,
                       band=(min(band + [s]), max(band + [s])),
                       band_over="window start 0.7–0.95 of the plateau, 0.5–1.5 decades",
                       section="mf-rates",
                       note=f"{label}, {cfg['realizations']} realizations, N = {cfg['N']}; "
                            "first decade of the plateau (the paper's cutoff region)"))
    return out


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
        The six Table I signs (:func:`table_one_rows`), then the exponents of Figs. 3(b) and
        9(b) (:func:`rate_exponent_rows`).
    """
    return table_one_rows() + rate_exponent_rows()
