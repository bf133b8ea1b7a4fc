"""The TLS glass of Churkin et al. (2013) by Monte Carlo, against mean field on the same disorder.

The paper ends by asking for its mean-field results to be checked "against more exact
numerical methods such as Monte Carlo simulations".  Every realization of the schemes of its
Table I (TLS glass: disorder, interaction, system size; the parameters of
:data:`tlspaper.papers.churkin2013.TABLE_I_SCHEMES`) is solved both ways: the
self-consistent Eq. 4 (:func:`tlspaper.meanfield.solve_mean_field`, as in the mean-field
datasets) and simulated annealing of the same Hamiltonian
(:func:`tlspaper.montecarlo.anneal_tls_glass`) down to the same temperature, then the
zero-temperature single-plus-pair quench of that state.  The three sets of TLS energies
(Eq. 6) and one-phonon rates (Eq. 12, the same Δ0) are stored as block histograms on the
grids of the mean-field datasets, so the paper's estimators and its ≥ 3σ sign rule apply
unchanged (:func:`tlspaper.papers.churkin2013.scheme_shifts`,
:func:`tlspaper.rate_statistics.resolved_sign`), and MC-minus-MF differences are paired over
the same blocks of realizations (:func:`paired_difference`), so that the disorder cancels.
Estimators that do not measure a level crossing on given data are flagged and left out of the
sign rule (:func:`tlspaper.papers.churkin2013.degenerate_estimators`).  The checks dataset
(:data:`CHECKS`) adds a second Monte Carlo seed, the mean-field spin pattern quenched like the
Monte Carlo state, the quench move by move, time-averaged fields, a longer schedule,
per-realization values (overlaps, energies, a bootstrap of the λ_min errors) and the size
scheme at fixed density
(:func:`overlaps`, :func:`energy_checks`, :func:`quench_anatomy`, :func:`lambda_min_errors`,
:func:`fixed_density_size_shift`).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np

from ... import meanfield as mf
from ... import montecarlo as mc
from ... import rate_statistics as rs
from ..._runs import RunSpec
from ..._runs import generate as _generate
from ..._runs import load as _load
from .. import churkin2013 as paper
from ..scorecard import Result

__all__ = [
    "CHECKS",
    "DATASETS",
    "ENERGIES",
    "FIXED_DENSITY_BOX",
    "GAIN_EDGES",
    "GAP_FRACTION",
    "GROUP",
    "METHODS",
    "MC_SEED",
    "OVERLAPS",
    "REALIZATIONS",
    "SCHEMES",
    "STAGES",
    "SWEEPS",
    "TOP",
    "compare_methods",
    "energy_checks",
    "energy_summary",
    "find_config",
    "fixed_density_size_shift",
    "generate",
    "lambda_min_errors",
    "load_dataset",
    "mean_field_scheme_table",
    "method_view",
    "overlaps",
    "paired_difference",
    "quench_anatomy",
    "results",
    "scheme_table",
    "shift_difference",
    "sweeps_check",
]

#: Metropolis sweeps per annealing stage (checked by doubling: :func:`sweeps_check`).
SWEEPS = 250
#: Annealing stages, geometric from TOP x sqrt(W² + J²) to the paper's temperature.
STAGES = mc.TLS_GLASS_STAGES
#: First temperature of the schedule in units of sqrt(W² + J²).
TOP = mc.TLS_GLASS_TOP
#: Master seed of the datasets of this extension (realization r of configuration k:
#: ``SeedSequence([MC_SEED, k, r])``, which draws the disorder, the mean-field start and the
#: Monte Carlo seed).
MC_SEED = 2013
#: Realizations per configuration: N = 1000 and N = 100 (cheap: more of them).
REALIZATIONS = {1000: 200, 100: 1000}
#: The three solutions stored per realization: key prefix -> description.
METHODS = {
    "mf_": "mean field (Eq. 4 at T)",
    "": "Monte Carlo (the state at the end of the anneal, at T)",
    "q_": "Monte Carlo quenched (T → 0, single- and pair-flip stable)",
}
#: Scorecard group of the results.
GROUP = "TLS glass by Monte Carlo"
#: The dataset of the checks: a second seed, the quenched mean-field pattern, the quench
#: move by move, time-averaged fields, 80 stages, per-realization values, and N = 100 at the
#: App. A density of N = 1000.
CHECKS = "tls_glass_mc_checks.npz"
#: Width-normalised gap: the weight of |E| below this fraction of the median |E| (about
#: 0.1 J for the mean-field DOS at W = J = 1, whose median |E| is 2.6 J).
GAP_FRACTION = 0.04

_UNITS = (
    "energies in the unit of the configuration's W and J (J = U0/r_nn^3 = 1 except in the "
    "interaction scheme, where W^2 + J^2 = 2 fixes the unit), lengths in r_nn, rates in a "
    "(energy unit)^3; per configuration, block sums over realizations of histograms with "
    "prefixes mf_ (mean field, Eq. 4 at T), none (Monte Carlo state at the end of the anneal "
    "at T), q_ (Monte Carlo after the T -> 0 single-plus-pair quench): E_hist (E/escale on "
    "churkin2013.E_EDGES), absE_hist (log10(|E|/escale) on LOG_ABS_E_EDGES), lng_hist (ln g, "
    "g = |E| coth(|E|/2T) at the configuration's T, on LNG_EDGES), lnrate_hist (ln lambda on "
    "LNRATE_EDGES); values outside a grid in its end bins; energy, q_energy, "
    "mf_pattern_energy: Ising energy per TLS [energy unit]"
)

_UNITS_SWEEPS = (
    "energies in units of J, rates in a J^3; block sums over realizations of the histograms of "
    "the Monte Carlo state at the end of the anneal at T, annealed with sweeps[0] (prefix "
    "s0_) and sweeps[1] (prefix s1_) sweeps per stage, same realization and seed: E_hist, "
    "absE_hist, lng_hist, lnrate_hist on the grids of churkin2013 (as in tls_glass_mc.npz); "
    "s0_energy, s1_energy: Ising energy per TLS [J]"
)


# ----------------------------------------------------------------------------- solvers


def _hist(values, edges):
    v = np.clip(np.asarray(values, dtype=float), edges[0], edges[-1])
    return np.histogram(v, edges)[0].astype(np.int32)


def _summary(prefix, E, delta0, T, escale):
    """Histograms of the signed energies, ln g and ln λ (Eq. 12) of one solution."""
    lam = mf.tls_relaxation_rates(E, delta0, T)
    return {f"{prefix}E_hist": _hist(E / escale, paper.E_EDGES),
            f"{prefix}absE_hist": _hist(np.log10(np.maximum(np.abs(E) / escale, 1e-300)),
                                        paper.LOG_ABS_E_EDGES),
            f"{prefix}lng_hist": _hist(np.log(lam / delta0**2), paper.LNG_EDGES),
            f"{prefix}lnrate_hist": _hist(np.log(lam), paper.LNRATE_EDGES)}


def _draw(cfg, rng):
    """The realization and the mean-field start, drawn as :func:`mf.solve_tls_glass` does.

    With a ``"box"`` entry (side L in r_nn) the sites fill a periodic box of that side
    instead of the convention's: the App. A box taken at r_nn = s = L / (N^(1/3) - 1) with
    U0 = J (``J / s³`` at that r_nn), i.e. the same couplings u_ij J / (4 r_ij³) and the same
    draws, at the density N / L³.
    """
    N, W, J = cfg["N"], cfg["W"], cfg["J"]
    box = cfg.get("box")
    if box is None:
        glass = mf.tls_glass(N, W, J, rng, paper.DELTA0_RANGE, convention=cfg["convention"])
    else:
        s = box / (N ** (1.0 / 3.0) - 1.0)
        glass = mf.tls_glass(N, W, J / s**3, rng, paper.DELTA0_RANGE, r_nn=s,
                             convention="paper")
    scale = math.hypot(W, J)
    return glass, rng.uniform(-scale, scale, glass.delta.shape)


def _ising_energy(J, h, tau):
    f = mc.local_fields(J, h, tau)
    return float(np.sum(tau * (h + 0.5 * (f - h))))


def _solve_both(cfg, rng, r):
    """One realization solved by mean field and by annealing (+ quench), as histograms."""
    N, T, escale = cfg["N"], cfg["T"], cfg.get("escale", 1.0)
    glass, x0 = _draw(cfg, rng)
    sol = mf.solve_mean_field(glass.delta, glass.coupling, T, x0=x0, tol=1e-9, max_sweeps=5000)
    seed = int(rng.integers(2**63))
    sched = mc.tls_glass_schedule(cfg["W"], cfg["J"], T, cfg["stages"], cfg["top"])
    ann = mc.anneal_tls_glass(glass, sched, cfg["sweeps"], seed)
    J, h = mc.tls_glass_system(glass)
    tq, n1, n2 = mc.quench_state(J, h, ann.result.tau)
    dq = mc.tls_glass_asymmetries(mc.local_fields(J, h, tq))
    Eq = mf.excitation_energies(dq, glass.delta0)
    E_mf = mf.excitation_energies(sol.x, glass.delta0)
    tau_mf = np.where(sol.x > 0, -1.0, 1.0)  # the spin each mean-field field favours
    return {
        **_summary("mf_", E_mf, glass.delta0, T, escale),
        **_summary("", ann.E, glass.delta0, T, escale),
        **_summary("q_", Eq, glass.delta0, T, escale),
        "converged": bool(sol.converged),
        "energy": ann.result.energy / N,
        "q_energy": _ising_energy(J, h, tq) / N,
        "mf_pattern_energy": _ising_energy(J, h, tau_mf) / N,
        # <τ_i> of mean field is -tanh(Δ'_i/2T): overlap of the MC spins with it
        "overlap": float(np.mean(ann.result.tau * -np.tanh(sol.x / (2 * T)))),
        "q_overlap": float(np.mean(tq * tau_mf)),
        "accepted": ann.result.accepted,
        "quench_flips": np.array([n1, n2], np.int64),
        "q_stable": np.array(mc.stability(J, h, tq), np.int64),
    }


def _solve_sweeps(cfg, rng, r):
    """One realization annealed with SWEEPS and 2 x SWEEPS sweeps per stage (same seed)."""
    T = cfg["T"]
    glass, _ = _draw(cfg, rng)
    seed = int(rng.integers(2**63))
    sched = mc.tls_glass_schedule(cfg["W"], cfg["J"], T, cfg["stages"], cfg["top"])
    out = {"converged": True}
    for k, sweeps in enumerate(cfg["sweeps"]):
        ann = mc.anneal_tls_glass(glass, sched, sweeps, seed)
        out.update(_summary(f"s{k}_", ann.E, glass.delta0, T, 1.0))
        out[f"s{k}_energy"] = ann.result.energy / cfg["N"]
    return out


#: Bins of log10(gain / T) of the pair flips made by the quench (``pair_gain_hist``).
GAIN_EDGES = np.linspace(-3.0, 3.0, 25)


def _descend_singles(J, h, tau, tol=1e-9):
    """The single-flip stage of :func:`mc.quench_state`: index-order passes until none lowers H."""
    tau = np.array(tau, dtype=np.float32)
    f = mc.local_fields(J, h, tau)
    n = 0
    flipped = True
    while flipped:
        flipped = False
        for i in range(tau.size):
            if -2.0 * tau[i] * f[i] < -tol:
                tau[i] = -tau[i]
                f += 2.0 * float(tau[i]) * J[i].astype(float)  # J symmetric
                n += 1
                flipped = True
        f = mc.local_fields(J, h, tau)
    return tau, n


def _quench_steps(J, h, tau, tol=1e-9):
    """:func:`mc.quench_state` replayed move by move (same order and test, in numpy).

    Returns the quenched spins, the Ising energy after the first single-flip stage (the
    relaxation of the single flips that lower the energy at T = 0) and the energy gain of
    every pair flip the quench makes (energy unit).
    """
    tau, _ = _descend_singles(J, h, tau, tol)
    e_single = _ising_energy(J, h, tau)
    gains = []
    while True:
        P = mc.pair_flip_energies(J, h, tau)
        i, j = divmod(int(np.nanargmin(P)), tau.size)
        if not P[i, j] < -tol:
            return tau, e_single, np.array(gains)
        gains.append(-float(P[i, j]))
        tau[i], tau[j] = -tau[i], -tau[j]
        tau, _ = _descend_singles(J, h, tau, tol)


def _lnrate_rows(E, delta0, T, rows, r):
    """The ln λ histogram of one realization in row ``r % rows`` of a (rows, bins) array.

    Summed over a block of `rows` consecutive realizations, the rows keep the realizations
    apart (for a realization-level bootstrap).
    """
    out = np.zeros((rows, len(paper.LNRATE_EDGES) - 1), np.int32)
    out[r % rows] = _hist(np.log(mf.tls_relaxation_rates(E, delta0, T)), paper.LNRATE_EDGES)
    return out


def _solve_checks(cfg, rng, r):
    """One realization: mean field, two Monte Carlo seeds, quenches, and the quenched MF pattern.

    Besides the three solutions of :func:`_solve_both` (``mf_``, ``""``, ``q_``): a second
    anneal with another seed (``b_``), the mean-field spin pattern τ_i = -sgn Δ'_i quenched
    like the Monte Carlo state (``mfq_``), the Monte Carlo fields averaged over `sweeps`
    further sweeps at T (``avg_``, the Monte Carlo counterpart of the mean-field field of
    average spins), optionally an anneal with ``alt_stages`` stages (``alt_``), the quench
    replayed move by move (energy after its single-flip stage, gains of its pair flips),
    energies and sign overlaps.  Every value that is not a histogram is stored per
    realization, in row ``r % rows`` of a (rows, ...) array (block sums then keep the
    realizations of a block apart), and with ``rate_rows`` the ln λ histograms too
    (:func:`_lnrate_rows`).
    """
    N, T, escale = cfg["N"], cfg["T"], cfg.get("escale", 1.0)
    glass, x0 = _draw(cfg, rng)
    sol = mf.solve_mean_field(glass.delta, glass.coupling, T, x0=x0, tol=1e-9, max_sweeps=5000)
    seeds = [int(v) for v in rng.integers(2**63, size=4)]
    sched = mc.tls_glass_schedule(cfg["W"], cfg["J"], T, cfg["stages"], cfg["top"])
    J, h = mc.tls_glass_system(glass)
    d0 = glass.delta0

    def dprime(tau):
        return mc.tls_glass_asymmetries(mc.local_fields(J, h, tau))

    a = mc.anneal_tls_glass(glass, sched, cfg["sweeps"], seeds[0])
    b = mc.anneal_tls_glass(glass, sched, cfg["sweeps"], seeds[1])
    ta, tb = a.result.tau, b.result.tau
    tau_mf = np.where(sol.x > 0, -1.0, 1.0).astype(np.float32)
    m = -np.tanh(sol.x / (2 * T))  # the mean-field <τ_i>
    qa, n1, n2 = mc.quench_state(J, h, ta)
    qb, _, _ = mc.quench_state(J, h, tb)
    qm, m1, m2 = mc.quench_state(J, h, tau_mf)
    replay, e_single, gains = _quench_steps(J, h, ta)
    _, mavg = mc.metropolis_sample(J, h, T, cfg["sweeps"], seeds[2], burn_in=0, tau0=ta)
    dp_q, dp_mfq = dprime(qa), dprime(qm)
    out = {
        **_summary("mf_", mf.excitation_energies(sol.x, d0), d0, T, escale),
        **_summary("", a.E, d0, T, escale),
        **_summary("q_", mf.excitation_energies(dp_q, d0), d0, T, escale),
        **_summary("b_", b.E, d0, T, escale),
        **_summary("mfq_", mf.excitation_energies(dp_mfq, d0), d0, T, escale),
        **_summary("avg_", mf.excitation_energies(
            mc.tls_glass_asymmetries(h + J.astype(float) @ mavg), d0), d0, T, escale),
        "converged": bool(sol.converged),
        "energy": a.result.energy / N,
        "b_energy": b.result.energy / N,
        "q_energy": _ising_energy(J, h, qa) / N,
        "qb_energy": _ising_energy(J, h, qb) / N,
        "mf_pattern_energy": _ising_energy(J, h, tau_mf) / N,
        "mfq_energy": _ising_energy(J, h, qm) / N,
        "single_energy": e_single / N,
        "q_field_term": float(h @ qa) / N,
        "mfq_field_term": float(h @ qm) / N,
        "q_mean_abs_dp": float(np.mean(np.abs(dp_q))),
        "mfq_mean_abs_dp": float(np.mean(np.abs(dp_mfq))),
        "excited": int(np.sum(a.result.energies < 0)),
        "ov_ab": float(np.mean(ta * tb)),
        "ov_a_mf": float(np.mean(ta * tau_mf)),
        "ov_b_mf": float(np.mean(tb * tau_mf)),
        "ov_qa_qb": float(np.mean(qa * qb)),
        "ov_q_mf": float(np.mean(qa * tau_mf)),
        "ov_q_mfq": float(np.mean(qa * qm)),
        "ov_a_m": float(np.mean(ta * m)),
        "m2": float(np.mean(m * m)),
        "ov_avg_m": float(np.mean(mavg * m)),
        "avg_m2": float(np.mean(mavg * mavg)),
        "quench_flips": np.array([n1, n2], np.int64),
        "mfq_flips": np.array([m1, m2], np.int64),
        "quench_replayed": bool(np.array_equal(replay, qa)),
        "pair_gain_hist": _hist(np.log10(np.maximum(gains, 1e-300) / T), GAIN_EDGES),
        "pair_gain_sum": float(gains.sum()) / N,
    }
    if cfg.get("alt_stages"):
        alt_sched = mc.tls_glass_schedule(cfg["W"], cfg["J"], T, cfg["alt_stages"], cfg["top"])
        alt = mc.anneal_tls_glass(glass, alt_sched, cfg["sweeps"], seeds[3])
        out.update(_summary("alt_", alt.E, d0, T, escale))
        out["alt_energy"] = alt.result.energy / N
        out["ov_a_alt"] = float(np.mean(ta * alt.result.tau))
    rows = cfg["rows"]
    if cfg.get("rate_rows"):
        out["lnrate_rows"] = _lnrate_rows(a.E, d0, T, rows, r)
        out["mf_lnrate_rows"] = _lnrate_rows(mf.excitation_energies(sol.x, d0), d0, T, rows, r)
    for key, val in out.items():  # per-realization values: one slot per realization of a block
        if key != "converged" and not key.endswith(("_hist", "_rows")):
            val = np.asarray(val, dtype=float)
            slots = np.zeros((rows, *val.shape))
            slots[r % rows] = val
            out[key] = slots
    return out


# ----------------------------------------------------------------------------- datasets


def _mf_config(name, label):
    for c in paper.DATASETS[name].configs:
        if c["label"] == label:
            return c
    raise KeyError(f"{name} has no configuration {label!r}")


def _label(c):
    return f"N={c['N']} W={c['W']:.4g} J={c['J']:.4g} T={c['T']:g} [{c['convention']}]"


def _schemes(convention):
    """(quantity -> (MF dataset, MF labels, MC labels)) and the MC configurations, deduplicated."""
    schemes, configs = {}, {}
    for (model, quantity), (name, a, b) in paper.TABLE_I_SCHEMES.items():
        if model != "TG":
            continue
        labels = []
        for lab in (a, b):
            c = _mf_config(name, f"{lab} [{convention}]")
            mc_cfg = {"N": c["N"], "W": c["W"], "J": c["J"], "T": c["T"],
                      "escale": c.get("escale", 1.0), "convention": convention,
                      "sweeps": SWEEPS, "stages": STAGES, "top": TOP}
            mc_cfg["label"] = _label(mc_cfg)
            if mc_cfg["label"] in configs and configs[mc_cfg["label"]] != mc_cfg:
                mc_cfg["label"] += f" escale={mc_cfg['escale']:g}"
            configs.setdefault(mc_cfg["label"], mc_cfg)
            labels.append(mc_cfg["label"])
        schemes[quantity] = (name, (a, b), tuple(labels))
    return schemes, list(configs.values())


#: The TLS-glass schemes of Table I under the App. A density: quantity -> (mean-field
#: dataset, its labels before/after, the Monte Carlo labels before/after).  The W = 1 end of
#: the disorder scheme and the N = 1000 end of the size scheme are the same parameters and
#: share one configuration.
SCHEMES = _schemes(mf.DEFAULT_CONVENTION)[0]


def _spec(convention, counts=REALIZATIONS):
    configs = _schemes(convention)[1]
    return RunSpec(tuple(configs), tuple(counts[c["N"]] for c in configs), MC_SEED,
                   _solve_both, _UNITS, block=10)


#: Side of the App. A box of N = 1000 (9 r_nn) scaled to N = 100 at the same density
#: 1000/9³ = 1.372 r_nn^-3: (100 / 1.372)^(1/3) = 4.177 r_nn.
FIXED_DENSITY_BOX = 9.0 * 0.1 ** (1.0 / 3.0)

_UNITS_CHECKS = (
    _UNITS + "; additional prefixes b_ (Monte Carlo at T, second seed), mfq_ (mean-field spin "
    "pattern tau_i = -sgn Delta'_i after the same quench), avg_ (Monte Carlo fields averaged "
    "over `sweeps` further sweeps at T), alt_ (anneal with alt_stages stages); b_energy, "
    "qb_energy, mfq_energy, single_energy (after the first single-flip stage of the quench), "
    "alt_energy: Ising energy per TLS [energy unit]; q_field_term, mfq_field_term: "
    "sum_i h_i tau_i / N [energy unit]; q_mean_abs_dp, mfq_mean_abs_dp: mean |Delta'| [energy "
    "unit]; pair_gain_sum: energy gained by the quench's pair flips per TLS [energy unit]; "
    "pair_gain_hist: log10(gain/T) of each pair flip of the quench on GAIN_EDGES; ov_*: mean "
    "over TLSs of products of spins (sign overlaps) or of spins and mean-field "
    "magnetisations m_i = -tanh(Delta'_i/2T) (ov_a_m, m2, ov_avg_m, avg_m2); excited: spins "
    "of the state at T whose flip lowers the energy; quench_flips, mfq_flips: single and pair "
    "flips of the two quenches; quench_replayed: 1 if the move-by-move replay of the quench "
    "gave the engine's state. Histograms are summed over a block; every other value is per "
    "realization, realization r of the block in row r mod rows (rows = block = 10), and "
    "lnrate_rows, mf_lnrate_rows hold the ln lambda histogram of each realization the same way"
)


def _checks_spec():
    configs = _schemes("paper")[1]
    ref, strong_disorder, weak = configs[0], configs[1], configs[2]
    n100 = dict(configs[4], box=FIXED_DENSITY_BOX)
    n100["label"] += f" L={FIXED_DENSITY_BOX:.3f}"
    cfgs = tuple(dict(c, rows=10) for c in (dict(ref, rate_rows=True, alt_stages=2 * STAGES),
                                             strong_disorder, weak, n100))
    return RunSpec(cfgs, (60, 40, 40, 1000), MC_SEED + 2, _solve_checks, _UNITS_CHECKS,
                   block=10)


#: Registry name -> the spec that regenerates it.
DATASETS: dict[str, RunSpec] = {
    # The TLS-glass configurations of Table I (App. A density), mean field and Monte Carlo on
    # the same realizations.
    "tls_glass_mc.npz": _spec("paper"),
    # The same at the Poisson density (the sensitivity of the mean-field chapter).
    "tls_glass_mc_poisson.npz": _spec("poisson"),
    # Sweeps per stage checked by doubling, at the lowest temperature and strongest
    # interaction of the schemes (W = J = 1, T = 0.05, N = 1000, App. A density).
    "tls_glass_mc_sweeps.npz": RunSpec(
        ({"label": "W=J=1 T=0.05 [paper]", "N": 1000, "W": 1.0, "J": 1.0, "T": 0.05,
          "convention": "paper", "sweeps": [SWEEPS, 2 * SWEEPS], "stages": STAGES,
          "top": TOP},), (40,), MC_SEED + 1, _solve_sweeps,
        _UNITS_SWEEPS, block=5),
    # Checks at W = J = 1, T = 0.1, N = 1000 (second seed, quenched mean-field pattern,
    # quench anatomy, time-averaged fields, 80 stages, per-realization ln λ histograms), the
    # same at W = 100 and W/J = 9.8 (fewer realizations), and N = 100 at the App. A density
    # of N = 1000 (box side FIXED_DENSITY_BOX).
    "tls_glass_mc_checks.npz": _checks_spec(),
}


def generate(name: str, *, realizations: int | None = None, output=None,
             checkpoint_dir=None, progress: bool = True) -> Path:
    """Regenerate the dataset `name` of :data:`DATASETS` (never modifying a registered file).

    Run single-threaded (``NUMBA_NUM_THREADS=1``); checkpoints make an interrupted run resume
    (:func:`tlspaper._runs.run`).

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`.
    realizations : int, optional
        Realizations per configuration instead of the spec's counts (e.g. a quick test).
    output : path-like, optional
        Where to write; default the data folder under `name`, which is then registered.
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
        raise KeyError(f"{name!r} is not a dataset of the TLS-glass Monte Carlo; known: "
                       f"{sorted(DATASETS)}")
    return _generate(name, DATASETS[name], realizations=realizations, output=output,
                     checkpoint_dir=checkpoint_dir, progress=progress)


# ----------------------------------------------------------------------------- analysis


load_dataset = _load


@functools.lru_cache(maxsize=16)
def _load_cached(name):
    return _load(name)


def find_config(name: str, label: str) -> dict:
    """The configuration labelled `label` of the dataset `name` (block histograms and meta).

    Parameters
    ----------
    name : str
        Registry name (a key of :data:`DATASETS`) or a path.
    label : str
        The configuration's label.

    Returns
    -------
    dict
    """
    cfgs, _ = _load_cached(name)
    for cfg in cfgs:
        if cfg["label"] == label:
            return cfg
    raise ValueError(f"{name} has no configuration {label!r}; "
                     f"available: {[c['label'] for c in cfgs]}")


def method_view(cfg: dict, prefix: str) -> dict:
    """The histograms of one method of a loaded configuration, under the mean-field key names.

    Parameters
    ----------
    cfg : dict
        A loaded configuration.
    prefix : str
        A key of :data:`METHODS` (``"mf_"``, ``""`` or ``"q_"``), or ``"s0_"``/``"s1_"`` of the
        sweeps check.

    Returns
    -------
    dict
        ``E_hist``, ``absE_hist``, ``lng_hist``, ``lnrate_hist`` (block histograms), plus
        ``realizations`` and ``label``; accepted by
        :func:`tlspaper.papers.churkin2013.scheme_shifts` and ``dos_width_and_gap``.
    """
    keys = ("E_hist", "absE_hist", "lng_hist", "lnrate_hist")
    return {**{k: cfg[prefix + k] for k in keys}, "realizations": cfg["realizations"],
            "label": cfg["label"]}


def paired_difference(a, b, statistic) -> tuple[float, float, float]:
    """statistic(b) - statistic(a) over block histograms of the *same* realizations.

    A delete-one-block jackknife that removes the same block from both, so the
    realization-to-realization (disorder) fluctuations common to the two cancel.

    Parameters
    ----------
    a, b : array_like, shape (B, ...)
        Block histograms of two solutions of the same blocks of realizations.
    statistic : callable
        Histogram -> float.

    Returns
    -------
    difference, error, unpaired_error : float
        The difference, its paired jackknife error, and the error it would have if the two
        were independent (for comparison).

    Examples
    --------
    >>> a = np.array([[1.0, 1], [2.0, 1], [3.0, 1], [4.0, 1]])
    >>> b = a + [[0.5, 0]] * 4
    >>> d, e, e_ind = paired_difference(a, b, lambda s: s[0] / s[1])
    >>> d, round(e, 12), round(e_ind, 3)
    (0.5, 0.0, 0.913)
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    d, e = rs.block_jackknife(lambda s: statistic(s[1]) - statistic(s[0]), np.stack([a, b], 1))
    e_ind = math.hypot(rs.block_jackknife(statistic, a)[1], rs.block_jackknife(statistic, b)[1])
    return d, e, e_ind


def _z_text(t: dict, threshold: float = paper.SIGN_THRESHOLD) -> str:
    """How the usable estimators of a scheme-table entry stand against the sign rule."""
    usable = [s for s in t["shifts"] if s.name in t["usable"]]
    n = len(usable)
    if t["sign"]:
        return f"all {n} usable estimators beyond {t['z_abs_min']:.1f}σ"
    signs = {np.sign(s.z) for s in usable}
    if len(signs) > 1:
        return f"estimators point both ways (z {t['z_min']:+.1f} … {t['z_max']:+.1f})"
    strong = [s for s in usable if abs(s.z) >= threshold]
    weak = ", ".join(f"{s.name} ({s.z:+.1f}σ)" for s in usable if abs(s.z) < threshold)
    text = f"all {n} usable estimators {'down' if signs == {-1.0} else 'up'}"
    if strong:
        text += f", {len(strong)} beyond {min(abs(s.z) for s in strong):.1f}σ"
    return text + f"; the rule fails on {weak}"


def _table_entry(quantity, labels, before, after, published, threshold):
    return {**paper.scheme_entry("TG", before, after, labels, threshold),
            "quantity": quantity, "published": published}


def scheme_table(name: str = "tls_glass_mc.npz", prefix: str = "",
                 threshold: float = paper.SIGN_THRESHOLD) -> list[dict]:
    """The TLS-glass row of Table I from one method of a Monte Carlo dataset.

    The sign rule is the paper's Table I rule of the mean-field chapter (every estimator
    shifts the same way by at least `threshold` jackknife errors), applied to the *usable*
    estimators: those that :func:`tlspaper.papers.churkin2013.degenerate_estimators` flags at
    either end are left out (they are listed in ``flagged``; ``sign_all`` keeps them).

    Parameters
    ----------
    name : str
        ``tls_glass_mc.npz`` (App. A density) or ``tls_glass_mc_poisson.npz``.
    prefix : str
        The method (:data:`METHODS`): ``""`` Monte Carlo at T, ``"q_"`` quenched, ``"mf_"``
        mean field
        on the same realizations.
    threshold : float
        Significance every usable estimator must reach (the paper's Table I rule, 3).

    Returns
    -------
    list of dict
        One per quantity (disorder, interaction, system size): ``quantity``, ``labels``,
        ``shifts`` (ShiftEstimate per estimator of
        :func:`tlspaper.papers.churkin2013.rate_estimators`), ``flagged`` (estimator ->
        reason), ``usable`` (names), ``sign`` (±1, or 0 if not resolved, over the usable
        estimators), ``sign_all`` (over all nine), ``z_min``, ``z_max``, ``z_abs_min`` (over
        the usable ones), ``realizations`` (pair), ``published``.
    """
    convention = "poisson" if "poisson" in name else mf.DEFAULT_CONVENTION
    out = []
    for quantity, (_, _, (a, b)) in _schemes(convention)[0].items():
        out.append(_table_entry(
            quantity, (a, b), method_view(find_config(name, a), prefix),
            method_view(find_config(name, b), prefix),
            paper.PUBLISHED[f"table1_TG_{quantity}"].value, threshold))
    return out


def mean_field_scheme_table(convention: str = mf.DEFAULT_CONVENTION,
                            threshold: float = paper.SIGN_THRESHOLD) -> list[dict]:
    """:func:`scheme_table` of the mean-field datasets of Churkin et al. (2013) (TLS glass).

    The same rule and flags on the 1000-realization datasets of the mean-field chapter
    (:data:`tlspaper.papers.churkin2013.TABLE_I_SCHEMES`), other realizations than ours.

    Parameters
    ----------
    convention : {"paper", "poisson"}
        Site-density convention.
    threshold : float
        Significance every usable estimator must reach.

    Returns
    -------
    list of dict
        As :func:`scheme_table`.
    """
    return [t for t in paper.table_one(convention, threshold) if t["model"] == "TG"]


def fixed_density_size_shift(prefix: str = "",
                             threshold: float = paper.SIGN_THRESHOLD) -> dict:
    """The size scheme N = 100 → 1000 at the fixed App. A density of N = 1000.

    The N = 1000 end is that of ``tls_glass_mc.npz`` (box 9 r_nn, 1.372 sites per r_nn³);
    the N = 100 end is ``tls_glass_mc_checks.npz`` in a box of side
    :data:`FIXED_DENSITY_BOX` = 4.177 r_nn, the same density (the App. A box of N = 100,
    3.64 r_nn, holds 2.07 sites per r_nn³).

    Parameters
    ----------
    prefix : str
        The method (:data:`METHODS`).
    threshold : float
        Significance of the sign rule.

    Returns
    -------
    dict
        As one entry of :func:`scheme_table`.
    """
    small = next(c for c in _load_cached(CHECKS)[0] if c.get("box"))
    large = find_config("tls_glass_mc.npz", SCHEMES["system size"][2][1])
    return _table_entry("system size at fixed density", (small["label"], large["label"]),
                        method_view(small, prefix), method_view(large, prefix),
                        paper.PUBLISHED["table1_TG_system size"].value, threshold)


def _log_cdf_at(h, x):
    """Fraction of log10(|E|/escale) below x, the cumulative interpolated inside a bin."""
    h = np.asarray(h, dtype=float)
    cdf = np.concatenate([[0.0], np.cumsum(h)]) / h.sum()
    return float(np.interp(x, paper.LOG_ABS_E_EDGES, cdf))


def _statistics() -> dict:
    """Name -> (histogram key, statistic) of the DOS and rate comparisons."""
    out = {
        "IQR of E": ("E_hist", lambda h: float(np.subtract(*rs.hist_quantile(
            h, paper.E_EDGES, [0.75, 0.25])))),
        "median |E|": ("absE_hist",
                       lambda h: 10 ** rs.hist_quantile(h, paper.LOG_ABS_E_EDGES, 0.5)),
        "weight of |E| < 0.1": ("absE_hist", lambda h: _log_cdf_at(h, -1.0)),
        f"weight of |E| < {GAP_FRACTION:g} median |E|": (
            "absE_hist", lambda h: _log_cdf_at(
                h, rs.hist_quantile(h, paper.LOG_ABS_E_EDGES, 0.5) + math.log10(GAP_FRACTION))),
    }
    est = paper.rate_estimators("TG")
    for name in ("ln q05(g)", "ln q10(g)", "ln q25(g)", "ln q50(g)", "ln λ_min(0.5)"):
        out[name] = est[name]
    return out


def compare_methods(cfg: dict, a: str = "mf_", b: str = "") -> list[dict]:
    """DOS and rate statistics of two methods on the same realizations, with paired differences.

    Parameters
    ----------
    cfg : dict
        A loaded configuration (:func:`find_config`).
    a, b : str
        Method prefixes (:data:`METHODS`, or ``b_``, ``mfq_``, ``avg_``, ``alt_`` of
        :data:`CHECKS`); default mean field (a) and Monte Carlo at T (b).

    Returns
    -------
    list of dict
        Per statistic — the interquartile range of the signed energies, the median |E|, the
        weight of |E| < 0.1 and the width-normalised gap weight of |E| below
        :data:`GAP_FRACTION` times the median |E| (energies in the configuration's unit of
        the histograms: J, or W at W = 100); the quantiles q05, q10, q25, q50 of ln g; ln
        λ_min at half the plateau [ln of a (energy unit)³] — ``name``, ``a`` and ``b``
        (value, jackknife error), ``diff`` (b - a), ``error`` (paired jackknife),
        ``unpaired`` (the error if the two were independent).
    """
    out = []
    for name, (key, stat) in _statistics().items():
        va = rs.block_jackknife(stat, cfg[a + key])
        vb = rs.block_jackknife(stat, cfg[b + key])
        d, e, e_ind = paired_difference(cfg[a + key], cfg[b + key], stat)
        out.append({"name": name, "a": va, "b": vb, "diff": d, "error": e, "unpaired": e_ind})
    return out


def energy_summary(cfg: dict) -> dict:
    """Ising energies per TLS of the three solutions of one configuration of the main datasets.

    Parameters
    ----------
    cfg : dict
        A loaded configuration of ``tls_glass_mc.npz`` or ``tls_glass_mc_poisson.npz``.

    Returns
    -------
    dict
        (mean, standard error of the mean) pairs, by a jackknife over blocks:
        ``energy`` (Monte Carlo state at T), ``q_energy`` (after the quench),
        ``mf_pattern_energy`` (the spins τ_i = -sgn Δ'_i that the mean-field fields
        favour, not quenched), all per TLS [energy unit] of the Ising part of Eq. 1;
        ``t_minus_mf`` and ``q_minus_mf`` (paired differences from the pattern).  The
        standard errors are not spreads: single realizations scatter far more (close
        pairs).
    """
    B = len(cfg["energy"])
    n = np.full(B, cfg["realizations"] / B)
    keys = ("energy", "q_energy", "mf_pattern_energy")
    sums = np.column_stack([cfg[k] for k in keys] + [n])
    out = {k: rs.block_jackknife(lambda s, i=i: s[i] / s[-1], sums) for i, k in enumerate(keys)}
    out["t_minus_mf"] = rs.block_jackknife(lambda s: (s[0] - s[2]) / s[-1], sums)
    out["q_minus_mf"] = rs.block_jackknife(lambda s: (s[1] - s[2]) / s[-1], sums)
    return out


def _per_realization(cfg, key):
    """Per-realization values of the checks dataset (rows of the blocks, in order)."""
    v = np.asarray(cfg[key], dtype=float)
    return v.reshape(-1, *v.shape[2:])


def _mean_se(v):
    v = np.asarray(v, dtype=float)
    return float(v.mean()), float(v.std(ddof=1) / math.sqrt(len(v)))


def _ratio_se(x, y):
    """Σx / Σy and its delete-one-realization jackknife error."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    loo = (x.sum() - x) / (y.sum() - y)
    return float(x.sum() / y.sum()), float(np.sqrt((n - 1) / n * np.sum((loo - loo.mean())**2)))


#: Sign overlaps of the checks dataset: key -> description (mean over TLSs of τ τ').
OVERLAPS = {
    "ov_ab": "MC at T: seed A · seed B",
    "ov_a_mf": "MC at T · MF sign",
    "ov_qa_qb": "MC quenched: seed A · seed B",
    "ov_q_mf": "MC quenched · MF sign",
    "ov_q_mfq": "MC quenched · MF pattern quenched",
}


def overlaps(name: str = None) -> list[dict]:
    """Spin overlaps between Monte Carlo seeds and with the mean field, same realizations.

    Parameters
    ----------
    name : str, optional
        The checks dataset (default :data:`CHECKS`).

    Returns
    -------
    list of dict
        Per configuration: ``label``, ``realizations``, and (mean, standard error over
        realizations) for every key of :data:`OVERLAPS` — sign overlaps (1/N) Σ_i τ_i τ'_i,
        the same definition in every column, with the mean-field sign τ_i = -sgn Δ'_i — plus
        ``normalised``: Σ τ_i m_i / Σ m_i² of the Monte Carlo spins at T against the
        mean-field magnetisations m_i = -tanh(Δ'_i/2T) (1 for spins distributed as the mean
        field says), and ``time_averaged``: the correlation Σ <τ_i> m_i /
        sqrt(Σ <τ_i>² Σ m_i²) of the Monte Carlo spins averaged over `sweeps` further
        sweeps at T.
    """
    out = []
    for cfg in _load_cached(name or CHECKS)[0]:
        entry = {"label": cfg["label"], "realizations": cfg["realizations"]}
        for key in OVERLAPS:
            entry[key] = _mean_se(_per_realization(cfg, key))
        entry["normalised"] = _ratio_se(_per_realization(cfg, "ov_a_m"),
                                        _per_realization(cfg, "m2"))
        entry["time_averaged"] = _ratio_se(
            _per_realization(cfg, "ov_avg_m"),
            np.sqrt(_per_realization(cfg, "m2") * _per_realization(cfg, "avg_m2")))
        out.append(entry)
    return out


#: Ising energies of the checks dataset compared with the quenched mean-field pattern.
ENERGIES = {
    "energy": "MC at T (seed A)",
    "b_energy": "MC at T (seed B)",
    "alt_energy": f"MC at T, {2 * STAGES} stages",
    "q_energy": "MC quenched (seed A)",
    "qb_energy": "MC quenched (seed B)",
    "mf_pattern_energy": "MF pattern, not quenched",
}


def energy_checks(name: str = None) -> list[dict]:
    """Ising energies per TLS against the mean-field pattern quenched like the Monte Carlo.

    Parameters
    ----------
    name : str, optional
        The checks dataset (default :data:`CHECKS`).

    Returns
    -------
    list of dict
        Per configuration: ``label``, ``realizations``; ``differences``: key of
        :data:`ENERGIES` -> (mean, standard error, median) over realizations of its energy
        minus that of the quenched mean-field pattern [energy unit per TLS]; ``energy``:
        the median and the 5 % and 95 % quantiles over realizations of the energy per TLS of
        the Monte Carlo state at T (the spread of single realizations); ``identity``: for
        the two quenched states (single-flip stable, so Σ_i |f_i| = Σ_i h_i τ_i - 2H
        exactly), the mean differences (MC - MF) of mean |Δ'|, of the field term
        Σ h_i τ_i / N and of H / N, and ``2 × field - 4 × H`` that the identity makes equal
        to the first.
    """
    out = []
    for cfg in _load_cached(name or CHECKS)[0]:
        ref = _per_realization(cfg, "mfq_energy")
        diffs = {}
        for key in ENERGIES:
            if key in cfg:
                d = _per_realization(cfg, key) - ref
                diffs[key] = (*_mean_se(d), float(np.median(d)))
        e = _per_realization(cfg, "energy")
        d_abs = _mean_se(_per_realization(cfg, "q_mean_abs_dp")
                         - _per_realization(cfg, "mfq_mean_abs_dp"))
        d_field = _mean_se(_per_realization(cfg, "q_field_term")
                           - _per_realization(cfg, "mfq_field_term"))
        d_h = _mean_se(_per_realization(cfg, "q_energy") - ref)
        out.append({"label": cfg["label"], "realizations": cfg["realizations"],
                    "differences": diffs,
                    "energy": tuple(float(v) for v in np.quantile(e, [0.5, 0.05, 0.95])),
                    "identity": {"mean |Δ'|": d_abs, "field term": d_field, "H / N": d_h,
                                 "2 field - 4 H": 2 * d_field[0] - 4 * d_h[0]}})
    return out


def quench_anatomy(name: str = None) -> list[dict]:
    """What the T → 0 quench of the Monte Carlo state at T does, move by move.

    Parameters
    ----------
    name : str, optional
        The checks dataset (default :data:`CHECKS`).

    Returns
    -------
    list of dict
        Per configuration: ``label``, ``T``, ``realizations``; (mean, standard error) per
        realization of ``excited`` (spins of the state at T whose flip lowers the energy),
        ``single_part`` (energy per TLS lowered by the first single-flip stage of the quench,
        the relaxation of those spins), ``pair_part`` (lowered by the rest: the pair flips
        and the single flips they release), ``pair_flips`` (pair flips made),
        ``single_flips``; ``gain_hist`` (pair flips per bin of log10(gain / T) on
        :data:`GAIN_EDGES`, all realizations), ``gain_above`` (fraction of the pair flips
        gaining more than 1, 10 and 30 T), ``max_gain_bin`` (the bin of log10(gain / T) of
        the largest gains), ``replayed`` (realizations whose replay reproduced the
        engine's quench).
    """
    out = []
    for cfg in _load_cached(name or CHECKS)[0]:
        flips = _per_realization(cfg, "quench_flips")
        hist = np.asarray(cfg["pair_gain_hist"]).sum(axis=0)
        cum = np.concatenate([[0], np.cumsum(hist)])
        above = {}
        for x in (1.0, 10.0, 30.0):
            above[x] = float(1 - np.interp(math.log10(x), GAIN_EDGES, cum) / cum[-1])
        top = int(np.flatnonzero(hist)[-1])
        e_t = _per_realization(cfg, "energy")
        e_s = _per_realization(cfg, "single_energy")
        e_q = _per_realization(cfg, "q_energy")
        out.append({"label": cfg["label"], "T": cfg["T"], "realizations": cfg["realizations"],
                    "excited": _mean_se(_per_realization(cfg, "excited")),
                    "single_part": _mean_se(e_t - e_s), "pair_part": _mean_se(e_s - e_q),
                    "pair_flips": _mean_se(flips[:, 1]), "single_flips": _mean_se(flips[:, 0]),
                    "gain_hist": hist, "gain_above": above,
                    "max_gain_bin": (float(GAIN_EDGES[top]), float(GAIN_EDGES[top + 1])),
                    "replayed": int(_per_realization(cfg, "quench_replayed").sum())})
    return out


def _bootstrap_error(statistic, rows, n_boot, rng):
    """Standard deviation of statistic(resampled sum) over bootstrap resamples of the rows."""
    R = len(rows)
    w = np.stack([np.bincount(rng.integers(R, size=R), minlength=R) for _ in range(n_boot)])
    sums = w.astype(float) @ rows.reshape(R, -1)
    vals = np.array([statistic(s.reshape(rows.shape[1:])) for s in sums])
    return float(vals.std(ddof=1))


def lambda_min_errors(n_boot: int = 1000, seed: int = 0) -> list[dict]:
    """Errors of the ln λ_min estimators by jackknife and by a realization-level bootstrap.

    On the per-realization ln λ histograms of the W = J = 1, T = 0.1, N = 1000
    configuration of :data:`CHECKS`: the delete-one-block jackknife with blocks of 10 (as
    in the main datasets), the delete-one-realization jackknife, and the bootstrap over
    realizations, for the Monte Carlo state at T and for the paired difference MC - MF;
    with, for comparison, the block jackknife of the same configuration of
    ``tls_glass_mc.npz`` (other realizations, 20 blocks of 10) and the bootstrap error
    scaled to its number of realizations.

    Parameters
    ----------
    n_boot : int
        Bootstrap resamples.
    seed : int
        Seed of the resampling.

    Returns
    -------
    list of dict
        Per level of :data:`tlspaper.papers.churkin2013.LEVELS`: ``name``, ``value``
        (Monte Carlo, checks realizations), ``block_jackknife``, ``jackknife``,
        ``bootstrap``, ``diff`` (MC - MF), ``diff_block_jackknife``, ``diff_bootstrap``,
        ``main`` ((value, block jackknife error) of ``tls_glass_mc.npz``, 200
        realizations), ``bootstrap_scaled`` (bootstrap error × sqrt(R / 200)), ``R``.
    """
    cfg = next(c for c in _load_cached(CHECKS)[0] if c.get("rate_rows"))
    main = find_config("tls_glass_mc.npz", cfg["label"])
    mc_rows = _per_realization(cfg, "lnrate_rows")
    mf_rows = _per_realization(cfg, "mf_lnrate_rows")
    R = len(mc_rows)
    rng = np.random.default_rng(seed)
    out = []
    for name, (_, stat) in paper.rate_estimators("TG").items():
        if not name.startswith("ln λ_min"):
            continue
        value, _ = rs.block_jackknife(stat, mc_rows)
        pair = np.stack([mc_rows, mf_rows], 1)

        def dstat(s, stat=stat):
            return stat(s[0]) - stat(s[1])

        main_val = rs.block_jackknife(stat, main["lnrate_hist"])
        boot = _bootstrap_error(stat, mc_rows, n_boot, rng)
        out.append({
            "name": name, "R": R, "value": value,
            "block_jackknife": rs.block_jackknife(stat, cfg["lnrate_hist"])[1],
            "jackknife": rs.block_jackknife(stat, mc_rows)[1],
            "bootstrap": boot,
            "diff": dstat(pair.sum(0)),
            "diff_block_jackknife": rs.block_jackknife(
                dstat, np.stack([cfg["lnrate_hist"], cfg["mf_lnrate_hist"]], 1))[1],
            "diff_bootstrap": _bootstrap_error(dstat, pair, n_boot, rng),
            "main": main_val, "bootstrap_scaled": boot * math.sqrt(R / main["realizations"])})
    return out


def shift_difference(name: str, quantity: str, a: str = "mf_", b: str = "") -> list[dict]:
    """Difference of the Table I shifts of two methods on the same realizations.

    For the scheme `quantity` (before → after) and each estimator,
    [stat_b(after) - stat_a(after)] - [stat_b(before) - stat_a(before)], each bracket a
    paired jackknife over the same blocks; the two ends are independent.

    Parameters
    ----------
    name : str
        ``tls_glass_mc.npz`` or ``tls_glass_mc_poisson.npz``.
    quantity : str
        "disorder", "interaction" or "system size".
    a, b : str
        Method prefixes (default: Monte Carlo at T minus mean field).

    Returns
    -------
    list of dict
        Per estimator of :func:`tlspaper.papers.churkin2013.rate_estimators`: ``name``,
        ``diff`` [ln], ``error`` and ``z``.
    """
    convention = "poisson" if "poisson" in name else mf.DEFAULT_CONVENTION
    before, after = (find_config(name, lab) for lab in _schemes(convention)[0][quantity][2])
    out = []
    for est, (key, stat) in paper.rate_estimators("TG").items():
        d0, e0, _ = paired_difference(before[a + key], before[b + key], stat)
        d1, e1, _ = paired_difference(after[a + key], after[b + key], stat)
        err = math.hypot(e0, e1)
        out.append({"name": est, "diff": d1 - d0, "error": err,
                    "z": (d1 - d0) / err if err > 0 else math.inf})
    return out


def sweeps_check(name: str = "tls_glass_mc_sweeps.npz") -> dict:
    """Effect of doubling the sweeps per stage, paired over the same realizations and seeds.

    Parameters
    ----------
    name : str
        The sweeps-check dataset.

    Returns
    -------
    dict
        ``sweeps`` (the two values), ``realizations``, ``energy``: the mean Ising energy per
        TLS [J] at each sweep count and the paired difference, each a (mean, standard error)
        pair by a jackknife over blocks; ``quantiles``: for each rate estimator of the TLS
        glass, (difference, paired error) on doubling [ln].
    """
    cfg = _load_cached(name)[0][0]
    B = len(cfg["s0_energy"])
    # per block: (sum of energies at sweeps[0], at sweeps[1], realizations)
    sums = np.array([cfg["s0_energy"], cfg["s1_energy"],
                     np.full(B, cfg["realizations"] / B)]).T
    e0 = rs.block_jackknife(lambda s: s[0] / s[2], sums)
    e1 = rs.block_jackknife(lambda s: s[1] / s[2], sums)
    d_e = rs.block_jackknife(lambda s: (s[1] - s[0]) / s[2], sums)
    quantiles = {}
    for est, (key, stat) in paper.rate_estimators("TG").items():
        d, e, _ = paired_difference(cfg["s0_" + key], cfg["s1_" + key], stat)
        quantiles[est] = (d, e)
    return {"sweeps": tuple(cfg["sweeps"]), "realizations": cfg["realizations"],
            "energy": (e0, e1, d_e), "quantiles": quantiles}


def _sign_text(sign):
    return {1: "+", -1: "−", 0: "0 (not resolved)"}[sign]


def results() -> list[Result]:
    """The extension's results: the Monte Carlo TLS-glass row of Table I, MC vs mean field.

    For each scheme, the shift of the median of ln g (g = |E| coth(|E|/2T), the bulk of the
    rate distribution) under Monte Carlo at the App. A density, with a band spanning the
    Poisson density and, in the note, how the usable estimators stand against the ≥ 3σ
    sign rule under both densities; the size shift at the fixed App. A density; then, at
    W = J = 1, T = 0.1, N = 1000, the paired MC-minus-MF differences of the median and the
    10 % quantile of ln g, with a band from doubling the sweeps per stage.

    Returns
    -------
    list of Result
    """
    name = "tls_glass_mc.npz"
    out = []
    mf_table = {t["quantity"]: t for t in scheme_table(name, "mf_")}
    poisson = {t["quantity"]: t for t in scheme_table("tls_glass_mc_poisson.npz", "")}

    def q50(t):
        return next(s for s in t["shifts"] if s.name == "ln q50(g)")

    def flagged(t):
        return f"; left out: {', '.join(t['flagged'])}" if t["flagged"] else ""

    for t in scheme_table(name, ""):
        s = q50(t)
        p = poisson[t["quantity"]]
        a, b = SCHEMES[t["quantity"]][1]
        band = (s.shift, q50(p).shift)
        note = (f"App. A density: {_sign_text(t['sign'])}, {_z_text(t)}{flagged(t)}; Poisson: "
                f"{_sign_text(p['sign'])}, {_z_text(p)}; mean field on the same "
                f"realizations (App. A): {_sign_text(mf_table[t['quantity']]['sign'])}; "
                f"paper: {_sign_text(t['published'])}; {t['realizations'][0]}/"
                f"{t['realizations'][1]} realizations")
        if t["quantity"] == "system size":
            note += "; direction consistent with the density change of the App. A box (below)"
        out.append(Result(
            GROUP, "Table I, TLS glass, Monte Carlo",
            f"shift of ln q50(g) [ln], increasing {t['quantity']} ({a} → {b})",
            s.shift, s.error, band=(min(band), max(band)),
            band_over="density convention (App. A / Poisson)", section="tgmc-table-one",
            note=note))
    fd = fixed_density_size_shift("")
    s = q50(fd)
    out.append(Result(
        GROUP, "Table I, TLS glass, Monte Carlo",
        "shift of ln q50(g) [ln], N = 100 → 1000 at the fixed App. A density 1.37 r_nn⁻³",
        s.shift, s.error, section="tgmc-table-one",
        note=f"{_sign_text(fd['sign'])}: {_z_text(fd)}{flagged(fd)}; {fd['realizations'][0]}/"
             f"{fd['realizations'][1]} realizations"))
    ref = find_config(name, SCHEMES["disorder"][2][0])
    drift = sweeps_check()["quantiles"]
    for est in ("ln q50(g)", "ln q10(g)"):
        key, stat = paper.rate_estimators("TG")[est]
        d, e, e_ind = paired_difference(ref["mf_" + key], ref[key], stat)
        dd, de = drift[est]
        out.append(Result(
            GROUP, "Monte Carlo minus mean field, same realizations",
            f"{est}: MC − MF [ln] at W = J = 1, T = 0.1 J, N = 1000", d, e,
            band=(min(d, d + dd), max(d, d + dd)),
            band_over="250 → 500 sweeps per stage (doubling check at T = 0.05)",
            section="tgmc-rates",
            note=f"paired jackknife over {len(ref[key])} blocks ({ref['realizations']} "
                 f"realizations; unpaired error {e_ind:.2g}); on doubling the sweeps "
                 f"{est} moved by {dd:+.3f} ± {de:.3f}; relative to an annealed state"))
    return out
