"""Churkin, Gabdank, Burin & Schechter (2013): TLS glass vs electron glass in mean field."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np

from .. import electron_glass as eg
from .. import meanfield as mf
from .. import rate_statistics as rs
from .._runs import RunSpec
from .._runs import load as _load
from .._runs import run as _run
from .scorecard import Published, Row

__all__ = [
    "DATASETS",
    "DELTA0_RANGE",
    "EQUATIONS",
    "FIG3_RATES",
    "FIG9_RATES",
    "MASTER_SEED",
    "PUBLISHED",
    "TABLE_I_SCHEMES",
    "XI",
    "config_rates",
    "eg_rate_exponent",
    "find_config",
    "generate",
    "load_dataset",
    "rate_exponent_rows",
    "rows",
    "table_one",
    "table_one_rows",
    "tls_rate_exponent",
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
    # "1/λ fit" of the rate histograms: p(λ) ∝ λ^-s with s = 1
    "fig3b_rate_exponent": Published(1.0, "Fig. 3(b) caption"),
    "fig9b_rate_exponent": Published(1.0, "Fig. 9(b) caption"),
    "delta0_range": Published((1e-7, 1e-1), "Sec. II, text after Fig. 2"),
    "r_nn_over_xi": Published(10, "Fig. 9 caption"),
}

#: The paper's equations implemented by the package: "Eq. N" -> public function.
EQUATIONS: dict = {
    "Eq. 1": mf.tls_glass,
    "Eq. 4": mf.solve_tls_glass,
    "Eq. 6": mf.excitation_energies,
    "Eq. 12": mf.tls_relaxation_rates,
    "Eq. 15": rs.relaxation_curve,
    "Eq. 17": rs.log_relaxation,
    "Eq. 20": eg.solve_electron_glass,
    "Eq. 21": eg.miller_abrahams_log_rates,
    "Eq. 23": eg.rate_matrix,
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


def _solve_tls(cfg, rng, r):
    """One TLS-glass realization of Eq. 4: float32 energies (Eq. 6) and Δ0."""
    res = mf.solve_tls_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng, DELTA0_RANGE,
                             tol=cfg.get("tol", 1e-9), max_sweeps=cfg.get("max_sweeps", 5000))
    return {"E": res.E.astype(np.float32), "delta0": res.delta0.astype(np.float32),
            "converged": res.converged, "sweeps": res.sweeps, "residual": res.residual}


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
    """One electron-glass realization: Eq. 20 energies and the rates of Eq. 23 (float32)."""
    L = (eg.paper_box_length(cfg["N"], cfg.get("r_bar", 2.0)) if cfg.get("box") == "paper"
         else None)
    out = eg.solve_electron_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng, xi=cfg["xi"],
                                  L=L, tunneling=cfg.get("tunneling", False))
    res = {"E": out["E"].astype(np.float32), "converged": out["converged"],
           "sweeps": out["sweeps"], "residual": out["residual"]}
    for key in ("rates", "tunnel_rates"):
        if key in out:
            res[key] = out[key].astype(np.float32)
    return res


def _spec(solver, runs, units=_TLS_UNITS) -> RunSpec:
    """A RunSpec from (configuration, realizations) pairs at the paper's master seed."""
    return RunSpec(tuple(c for c, _ in runs), tuple(n for _, n in runs), MASTER_SEED, solver,
                   units)


def _interaction_scheme(q):
    """W and J with W/J = q at fixed W² + J² = 2 (the paper's interaction scheme)."""
    J = math.sqrt(2 / (1 + q * q))
    return q * J, J


# ----------------------------------------------------------------------------- datasets

#: Registry name -> the spec that regenerates it (energies in units of J, see each entry).
DATASETS: dict[str, RunSpec] = {
    # Fig. 1 (T = 0.05) and Fig. 3 (J/T = 10); also the N = 10 000 point of the size scheme.
    "meanfield_tls_N10000.npz": _spec(_solve_tls, [
        (dict(label="fig1", N=10000, W=1.0, J=1.0, T=0.05), 10),
        (dict(label="fig3", N=10000, W=1.0, J=1.0, T=0.1), 10),
    ]),
    # Fig. 2: DOS vs T, N = 1000.
    "meanfield_tls_temperature.npz": _spec(_solve_tls, [
        (dict(label=f"T={T:g}", N=1000, W=1.0, J=1.0, T=T), 60) for T in (0.1, 1.0, 2.0)
    ]),
    # Figs. 4, 6: W = 1, 10, 100 at W/T = 10, J = 1.
    "meanfield_tls_disorder.npz": _spec(_solve_tls, [
        (dict(label=f"W={W:g}", N=1000, W=W, J=1.0, T=W / 10), 60) for W in (1.0, 10.0, 100.0)
    ]),
    # Figs. 5, 7: W/J = 1, 3.1, 9.8 with W² + J² = 2, T = 0.05; then the paper's second
    # scheme (Sec. IV A), J alone increased at W = 1: J = 0.3, 3 (J = 1 is W/J = 1).
    "meanfield_tls_interaction.npz": _spec(_solve_tls, [
        (dict(label=f"W/J={q:g}", N=1000, W=_interaction_scheme(q)[0],
              J=_interaction_scheme(q)[1], T=0.05), 60)
        for q in (1.0, 3.1, 9.8)
    ] + [
        (dict(label=f"J={J:g}, W=1", N=1000, W=1.0, J=J, T=0.05), 60) for J in (0.3, 3.0)
    ]),
    # System size: N = 100 and 1000 at W = J = 1, T = 0.1 (N = 10 000 is "fig3" above).
    "meanfield_tls_size.npz": _spec(_solve_tls, [
        (dict(label="N=100", N=100, W=1.0, J=1.0, T=0.1), 600),
        (dict(label="N=1000", N=1000, W=1.0, J=1.0, T=0.1), 60),
    ]),
    # Beyond the paper: Eq. 2 of Churkin et al. (2021) (L = 12, x = 0.5, h0 = 10 K, C = 1) in
    # mean field, energies in kelvin; the disorder of realization r is
    # tlspaper.montecarlo.make_realization(model, disorder_seed, r), as in the Monte Carlo.
    "meanfield_lattice_churkin2021.npz": _spec(_solve_lattice, [
        (dict(label=f"J0={J0:g}K, T={T:g}K", L=12, x=0.5, h0=10.0, J0=J0, C=1.0, T=T,
              disorder_seed=3), 20)
        for J0 in (2.0, 3.0) for T in (0.1, 0.2, 0.5, 1.0)
    ], _LATTICE_UNITS),
    # Fig. 8: Coulomb-gap DOS, N = 10 000, e²/(r_nn T) = 20, W = 1 (energies only).
    "meanfield_eg_N10000.npz": _spec(_solve_eg, [
        (dict(label="fig8", N=10000, W=1.0, J=1.0, T=0.05, xi=None), 10),
    ]),
    # Figs. 10, 11: W = 1, 5, 10 at W/T = 10, J = 1; Fig. 9 is W = 1.
    "meanfield_eg_disorder.npz": _spec(_solve_eg, [
        (dict(label=f"W={W:g}", N=1000, W=W, J=1.0, T=W / 10, xi=XI), 60)
        for W in (1.0, 5.0, 10.0)
    ]),
    # Figs. 12, 13: W/J = 1, sqrt(17), sqrt(97) with W² + J² = 2, T = 0.1; then J alone.
    "meanfield_eg_interaction.npz": _spec(_solve_eg, [
        (dict(label=f"W/J={q:.3g}", N=1000, W=_interaction_scheme(q)[0],
              J=_interaction_scheme(q)[1], T=0.1, xi=XI), 60)
        for q in (1.0, math.sqrt(17), math.sqrt(97))
    ] + [  # J alone increased at W = 1 (J = 1 is W/J = 1)
        (dict(label=f"J={J:g}, W=1", N=1000, W=1.0, J=J, T=0.1, xi=XI), 60) for J in (0.3, 3.0)
    ]),
    # Figs. 14-16 and Eq. A2: N = 10, 100, 1000 at e²/(r_nn T) = 10, W = 1, at constant
    # density (L = 2 sqrt(N) r_nn) and in the box of Eq. A2, L = r̄ (sqrt(N) - 1) with the
    # mean spacing r̄ = 2 r_nn of our density (the same density as N -> infinity).
    "meanfield_eg_size.npz": _spec(_solve_eg, [
        (dict(label=f"N={N}", N=N, W=1.0, J=1.0, T=0.1, xi=XI, box="density",
              tunneling=True), R)
        for N, R in ((10, 6000), (100, 600), (1000, 60))
    ] + [
        (dict(label=f"N={N} (paper box)", N=N, W=1.0, J=1.0, T=0.1, xi=XI, box="paper",
              r_bar=2.0, tunneling=True), R)
        for N, R in ((10, 6000), (100, 600), (1000, 60))
    ]),
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
    from .. import data

    if name not in DATASETS:
        raise KeyError(f"{name!r} is not a dataset of churkin2013; known: {sorted(DATASETS)}")
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
    path = _run(spec, output, generator=command, checkpoint_dir=checkpoint_dir,
                progress=progress)
    if register:
        data.register(path)
    return path


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
        Its parameters and arrays, as an entry of :func:`load_dataset`.

    Examples
    --------
    >>> find_config("meanfield_tls_size.npz", "N=100")["N"]
    100
    """
    cfgs, _ = _load(name)
    for cfg in cfgs:
        if cfg["label"] == label:
            return cfg
    raise ValueError(f"{name} has no configuration {label!r}; "
                     f"available: {[c['label'] for c in cfgs]}")


def config_rates(cfg: dict) -> list[np.ndarray]:
    """Per-realization relaxation rates of a loaded configuration (TLS: Eq. 12; EG: stored).

    Parameters
    ----------
    cfg : dict
        An entry of :func:`load_dataset` (TLS: ``E``, ``delta0``, ``T``; EG: ``rates``).

    Returns
    -------
    list of numpy.ndarray
        One float64 array of positive rates per realization (TLS rates in units of a J³,
        EG rates in units of Γ0).  EG rates at the round-off level of the eigensolver can
        come out negative (one in 6e4 in our datasets, of size ~1e-17 Γ0); they are dropped.

    Examples
    --------
    >>> cfg = {"T": 0.01, "E": [[0.0, 10.0]], "delta0": [[1e-3, 1e-3]]}
    >>> np.round(config_rates(cfg)[0], 15).tolist()
    [2e-08, 1e-05]
    """
    if "rates" in cfg:  # EG eigenvalues: drop the rare round-off negatives (|λ| < 1e-16)
        return [r[r > 0] for r in (np.asarray(x, dtype=float) for x in cfg["rates"])]
    return [mf.tls_relaxation_rates(e, d, cfg["T"])
            for e, d in zip(cfg["E"], cfg["delta0"], strict=True)]


# ----------------------------------------------------------------------------- Table I


#: The schemes of Table I: (model, quantity) -> ((dataset, label) before, (dataset, label)
#: after) for increasing disorder, interaction and system size.
TABLE_I_SCHEMES = {
    ("TG", "disorder"): (("meanfield_tls_disorder.npz", "W=1"),
                         ("meanfield_tls_disorder.npz", "W=100")),
    ("TG", "interaction"): (("meanfield_tls_interaction.npz", "W/J=9.8"),
                            ("meanfield_tls_interaction.npz", "W/J=1")),
    ("TG", "system size"): (("meanfield_tls_size.npz", "N=100"),
                            ("meanfield_tls_N10000.npz", "fig3")),
    ("EG", "disorder"): (("meanfield_eg_disorder.npz", "W=1"),
                         ("meanfield_eg_disorder.npz", "W=10")),
    ("EG", "interaction"): (("meanfield_eg_interaction.npz", "W/J=9.85"),
                            ("meanfield_eg_interaction.npz", "W/J=1")),
    ("EG", "system size"): (("meanfield_eg_size.npz", "N=10"),
                            ("meanfield_eg_size.npz", "N=1000")),
}


@functools.lru_cache(maxsize=4)
def table_one(bin_width: float = 0.5, n_sigma: float = 2.0) -> list[dict]:
    """Table I measured from the cached datasets: the sign of the shift of the rates.

    For each model and scheme of :data:`TABLE_I_SCHEMES`, λ_min
    (:func:`tlspaper.rate_statistics.lambda_min`) and the median rate, each with a jackknife
    error over realizations, are measured at the smallest and the largest value of the varied
    parameter (disorder W at W/T = 10; interaction J/W at W² + J² = 2; system size N at fixed
    density).  The sign is +1 (faster), -1 (slower) or 0 when the shift is within `n_sigma`
    combined standard errors.  Cached: computed once per process.

    Parameters
    ----------
    bin_width : float
        Width of the ln λ bins of :func:`tlspaper.rate_statistics.lambda_min`.
    n_sigma : float
        Shifts within this many combined standard errors give sign 0.

    Returns
    -------
    list of dict
        Keys ``model``, ``quantity``, ``published``, ``ours`` (from λ_min), ``ours_median``,
        ``lam_min``, ``lam_min_err``, ``median``, ``median_err`` (pairs) and ``parameter``
        (pair of labels).
    """
    out = []
    for (model, quantity), ends in TABLE_I_SCHEMES.items():
        cfgs = [find_config(*end) for end in ends]
        rates = [config_rates(c) for c in cfgs]
        (la, ea), (lb, eb) = (rs.jackknife(lambda v: rs.lambda_min(v, bin_width), r)
                              for r in rates)
        (ma, mea), (mb, meb) = (rs.jackknife(np.median, r) for r in rates)
        out.append({
            "model": model, "quantity": quantity,
            "published": PUBLISHED[f"table1_{model}_{quantity}"].value,
            "ours": rs.relaxation_shift_sign(la, lb, n_sigma * math.hypot(ea, eb)),
            "ours_median": rs.relaxation_shift_sign(ma, mb, n_sigma * math.hypot(mea, meb)),
            "lam_min": (la, lb), "lam_min_err": (ea, eb),
            "median": (ma, mb), "median_err": (mea, meb),
            "parameter": tuple(f"N={c['N']}" if quantity == "system size" else c["label"]
                               for c in cfgs),
        })
    return out


def table_one_rows() -> list[Row]:
    """The six signs of Table I, published vs ours (from λ_min, see :func:`table_one`).

    Returns
    -------
    list of Row
    """
    return [
        Row(paper="churkin2013", item="Table I",
            quantity=f"{t['model']} {t['quantity']}: sign of λ_min shift "
                     f"({t['parameter'][0]} → {t['parameter'][1]})",
            published=float(t["published"]), ours=float(t["ours"]), uncertainty=0.0,
            tolerance=0.0, note=f"λ_min {t['lam_min'][0]:.3g} → {t['lam_min'][1]:.3g}")
        for t in table_one()
    ]


# ----------------------------------------------------------------------------- 1/λ law


#: (dataset, label) of the rates of Fig. 3 (TLS glass, N = 10 000, J/T = 10).
FIG3_RATES = ("meanfield_tls_N10000.npz", "fig3")
#: (dataset, label) of the rates of Fig. 9 (electron glass, N = 1000, T = 0.1, ξ = 0.1).
FIG9_RATES = ("meanfield_eg_disorder.npz", "W=1")


def tls_rate_exponent() -> tuple[float, float]:
    """Power s of p(λ) ∝ λ^-s for Fig. 3 (N = 10 000, J/T = 10) in the fit window.

    Returns
    -------
    s, error : float
        Fitted power (dimensionless) and its standard error
        (:func:`tlspaper.rate_statistics.inverse_lambda_exponent`).
    """
    return rs.inverse_lambda_exponent(np.concatenate(config_rates(find_config(*FIG3_RATES))))


def eg_rate_exponent() -> tuple[float, float]:
    """Power s of p(λ) ∝ λ^-s for Fig. 9 (N = 1000, T = 0.1, ξ = 0.1) in the fit window.

    All stored eigenvalues enter (the rare round-off negatives count in the normalisation).

    Returns
    -------
    s, error : float
        Fitted power (dimensionless) and its standard error.
    """
    return rs.inverse_lambda_exponent(
        np.asarray(find_config(*FIG9_RATES)["rates"], float).ravel())


def rate_exponent_rows() -> list[Row]:
    """The 1/λ exponents of Figs. 3(b) (TLS glass) and 9(b) (electron glass), published vs ours.

    Returns
    -------
    list of Row
    """
    s3, e3 = tls_rate_exponent()
    s9, e9 = eg_rate_exponent()
    return [
        Row(paper="churkin2013", item="Fig. 3(b)",
            quantity="TLS glass: exponent s of p(λ) ∝ λ^-s",
            published=PUBLISHED["fig3b_rate_exponent"].value, ours=s3, uncertainty=e3,
            tolerance=0.05, note="N = 10 000, J/T = 10; fit over the first decade of the plateau"),
        Row(paper="churkin2013", item="Fig. 9(b)",
            quantity="electron glass: exponent s of p(λ) ∝ λ^-s",
            published=PUBLISHED["fig9b_rate_exponent"].value, ours=s9, uncertainty=e9,
            tolerance=0.05,
            note="N = 1000, e²/(r_nn T) = 10, r_nn/ξ = 10; first decade above the edge"),
    ]


def rows() -> list[Row]:
    """Every published-vs-ours comparison of this paper, in the book's reading order.

    Returns
    -------
    list of Row
        The six Table I signs (:func:`table_one_rows`), then the exponents of Figs. 3(b) and
        9(b) (:func:`rate_exponent_rows`).
    """
    return table_one_rows() + rate_exponent_rows()
