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
from ..._runs import load as _load
from ..._runs import run as _run
from .. import churkin2013 as paper
from ..scorecard import Result

__all__ = [
    "DATASETS",
    "GROUP",
    "METHODS",
    "MC_SEED",
    "REALIZATIONS",
    "SCHEMES",
    "STAGES",
    "SWEEPS",
    "TOP",
    "compare_methods",
    "energy_summary",
    "find_config",
    "generate",
    "load_dataset",
    "method_view",
    "paired_difference",
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
    "": "Monte Carlo (thermal state at T)",
    "q_": "Monte Carlo quenched (T → 0, single- and pair-flip stable)",
}
#: Scorecard group of the results.
GROUP = "TLS glass by Monte Carlo"

_UNITS = (
    "energies in units of J (nearest-neighbour interaction U0/r_nn^3), lengths in r_nn, rates in "
    "a J^3; per configuration, block sums over realizations of histograms with prefixes mf_ "
    "(mean field, Eq. 4 at T), none (Monte Carlo thermal state at T), q_ (Monte Carlo after the "
    "T -> 0 single-plus-pair quench): E_hist (E/escale on churkin2013.E_EDGES), absE_hist "
    "(log10(|E|/escale) on LOG_ABS_E_EDGES), lng_hist (ln g, g = |E| coth(|E|/2T) at the "
    "configuration's T, on LNG_EDGES), lnrate_hist (ln lambda on LNRATE_EDGES); values outside "
    "a grid in its end bins; energy, q_energy, mf_pattern_energy: Ising energy per TLS [J]"
)

_UNITS_SWEEPS = (
    "energies in units of J, rates in a J^3; block sums over realizations of the histograms of "
    "the Monte Carlo thermal state at T annealed with sweeps[0] (prefix s0_) and sweeps[1] "
    "(prefix s1_) sweeps per stage, same realization and seed: E_hist, absE_hist, lng_hist, "
    "lnrate_hist on the grids of churkin2013 (as in tls_glass_mc.npz); s0_energy, s1_energy: "
    "Ising energy per TLS [J]"
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
    """The realization and the mean-field start, drawn as :func:`mf.solve_tls_glass` does."""
    glass = mf.tls_glass(cfg["N"], cfg["W"], cfg["J"], rng, paper.DELTA0_RANGE,
                         convention=cfg["convention"])
    s = math.hypot(cfg["W"], cfg["J"])
    return glass, rng.uniform(-s, s, glass.delta.shape)


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
    from ... import data

    if name not in DATASETS:
        raise KeyError(f"{name!r} is not a dataset of the TLS-glass Monte Carlo; known: "
                       f"{sorted(DATASETS)}")
    spec = DATASETS[name]
    command = f"tlspaper generate {name}"
    if realizations is not None:
        spec = spec.with_realizations(realizations)
        command += f" --realizations {realizations}"
    register = output is None
    if register:
        folder = data.data_dir()
        if folder is None:
            raise ValueError("no data folder found; pass output=PATH")
        output = folder / name
        if output.exists():
            raise ValueError(f"{output} exists and is registered; write elsewhere with "
                             "output=PATH (a registered file is never modified in place)")
    path = _run(spec, output, generator=command, checkpoint_dir=checkpoint_dir,
                progress=progress)
    if register:
        data.register(path)
    return path


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
        A key of :data:`METHODS` ("mf_", "" or "q_"), or "s0_"/"s1_" of the sweeps check.

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


def scheme_table(name: str = "tls_glass_mc.npz", prefix: str = "",
                 threshold: float = paper.SIGN_THRESHOLD) -> list[dict]:
    """The TLS-glass row of Table I from one method of a Monte Carlo dataset.

    Parameters
    ----------
    name : str
        ``tls_glass_mc.npz`` (App. A density) or ``tls_glass_mc_poisson.npz``.
    prefix : str
        The method (:data:`METHODS`): "" Monte Carlo at T, "q_" quenched, "mf_" mean field
        on the same realizations.
    threshold : float
        Significance every estimator must reach (the paper's Table I rule, 3).

    Returns
    -------
    list of dict
        One per quantity (disorder, interaction, system size): ``quantity``, ``labels``,
        ``sign`` (±1, or 0 if not resolved), ``shifts`` (ShiftEstimate per estimator of
        :func:`tlspaper.papers.churkin2013.rate_estimators`), ``z_min``, ``z_max``,
        ``realizations`` (pair), ``published``.
    """
    convention = "poisson" if "poisson" in name else mf.DEFAULT_CONVENTION
    schemes = _schemes(convention)[0]
    out = []
    for quantity, (_, _, (a, b)) in schemes.items():
        before = method_view(find_config(name, a), prefix)
        after = method_view(find_config(name, b), prefix)
        shifts = paper.scheme_shifts("TG", before, after)
        z = [s.z for s in shifts]
        out.append({"quantity": quantity, "labels": (a, b), "shifts": shifts,
                    "sign": rs.resolved_sign(shifts, threshold),
                    "z_min": float(min(z)), "z_max": float(max(z)),
                    "realizations": (before["realizations"], after["realizations"]),
                    "published": paper.PUBLISHED[f"table1_TG_{quantity}"].value})
    return out


def _statistics(escale_cut: float = 0.1) -> dict:
    """Name -> (histogram key, statistic) of the DOS and rate comparisons."""
    k = int(np.searchsorted(paper.LOG_ABS_E_EDGES, math.log10(escale_cut)))
    out = {
        "IQR of E [escale]": ("E_hist", lambda h: float(np.subtract(*rs.hist_quantile(
            h, paper.E_EDGES, [0.75, 0.25])))),
        f"weight of |E| < {escale_cut:g} escale": ("absE_hist",
                                                    lambda h: float(h[:k].sum() / h.sum())),
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
        Method prefixes (:data:`METHODS`); default mean field (a) and Monte Carlo at T (b).

    Returns
    -------
    list of dict
        Per statistic (the IQR of the signed energies and the weight of |E| < 0.1 escale, in
        units of the configuration's ``escale``; the quantiles q05, q10, q25, q50 of ln g
        [ln J]; ln λ_min at half the plateau [ln a J³]): ``name``, ``a`` and ``b`` (value,
        jackknife error), ``diff`` (b - a), ``error`` (paired jackknife), ``unpaired``
        (the error if the two were independent).
    """
    out = []
    for name, (key, stat) in _statistics().items():
        va = rs.block_jackknife(stat, cfg[a + key])
        vb = rs.block_jackknife(stat, cfg[b + key])
        d, e, e_ind = paired_difference(cfg[a + key], cfg[b + key], stat)
        out.append({"name": name, "a": va, "b": vb, "diff": d, "error": e, "unpaired": e_ind})
    return out


def energy_summary(cfg: dict) -> dict:
    """Ising energies per TLS and spin overlaps of the three solutions of one configuration.

    Parameters
    ----------
    cfg : dict
        A loaded configuration of ``tls_glass_mc*.npz``.

    Returns
    -------
    dict
        (value, jackknife error) pairs over blocks: ``energy`` (Monte Carlo state at T),
        ``q_energy`` (after the quench), ``mf_pattern_energy`` (the spins τ_i = -sgn Δ'_i
        that the mean-field fields favour), all per TLS [J] of the Ising part of Eq. 1;
        ``q_minus_mf`` (paired difference of the last two); ``overlap`` (mean of
        τ_i^MC × (-tanh(Δ'_i/2T)), the MC spins against the mean-field magnetisations) and
        ``q_overlap`` (quenched spins against the mean-field pattern).
    """
    B = len(cfg["energy"])
    n = np.full(B, cfg["realizations"] / B)
    keys = ("energy", "q_energy", "mf_pattern_energy", "overlap", "q_overlap")
    sums = np.column_stack([cfg[k] for k in keys] + [n])
    out = {k: rs.block_jackknife(lambda s, i=i: s[i] / s[-1], sums) for i, k in enumerate(keys)}
    out["q_minus_mf"] = rs.block_jackknife(lambda s: (s[1] - s[2]) / s[-1], sums)
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
        ``diff`` [ln] and ``error``.
    """
    convention = "poisson" if "poisson" in name else mf.DEFAULT_CONVENTION
    before, after = (find_config(name, lab) for lab in _schemes(convention)[0][quantity][2])
    out = []
    for est, (key, stat) in paper.rate_estimators("TG").items():
        d0, e0, _ = paired_difference(before[a + key], before[b + key], stat)
        d1, e1, _ = paired_difference(after[a + key], after[b + key], stat)
        out.append({"name": est, "diff": d1 - d0, "error": math.hypot(e0, e1)})
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
        TLS [J] at each sweep count and the paired difference, each a (value, jackknife
        error) pair; ``quantiles``: for each rate estimator of the TLS glass, (difference,
        paired error) on doubling [ln].
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
    rate distribution) under Monte Carlo, with the sign resolved by all nine estimators at
    ≥ 3σ in the note; then, at W = J = 1, T = 0.1, N = 1000, the paired MC-minus-MF
    differences of the median and the 10 % quantile of ln g.  App. A density; the band of
    the shifts spans the Poisson density (``tls_glass_mc_poisson.npz``).

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

    for t in scheme_table(name, ""):
        s = q50(t)
        m = mf_table[t["quantity"]]
        a, b = SCHEMES[t["quantity"]][1]
        band = (s.shift, q50(poisson[t["quantity"]]).shift)
        out.append(Result(
            GROUP, "Table I, TLS glass, Monte Carlo",
            f"shift of ln q50(g) [ln], increasing {t['quantity']} ({a} → {b})",
            s.shift, s.error, band=(min(band), max(band)),
            band_over="density convention (App. A / Poisson)", section="tgmc-table-one",
            note=f"sign at 3σ (all nine estimators): {_sign_text(t['sign'])}, z "
                 f"{t['z_min']:+.1f} … {t['z_max']:+.1f}; mean field on the same "
                 f"realizations: {_sign_text(m['sign'])}; paper: "
                 f"{_sign_text(t['published'])}; {t['realizations'][0]}/"
                 f"{t['realizations'][1]} realizations"))
    ref = find_config(name, SCHEMES["disorder"][2][0])
    for est in ("ln q50(g)", "ln q10(g)"):
        key, stat = paper.rate_estimators("TG")[est]
        d, e, e_ind = paired_difference(ref["mf_" + key], ref[key], stat)
        out.append(Result(
            GROUP, "Monte Carlo minus mean field, same realizations",
            f"{est}: MC − MF [ln] at W = J = 1, T = 0.1 J, N = 1000", d, e,
            section="tgmc-rates",
            note=f"paired jackknife over {len(ref[key])} blocks ({ref['realizations']} "
                 f"realizations); unpaired error would be {e_ind:.2g}"))
    return out
