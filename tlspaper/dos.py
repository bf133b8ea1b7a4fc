"""Single-particle TLS density of states n(T, E): analytic forms and simulated tables.

Every DOS in the package is a callable ``dos(T, E)`` returning the density of single-TLS
excitation energies at temperature ``T`` [K] and energy ``E`` [K] (array), per kelvin, with
the normalisation of the simulated datasets: ``n(E) = n(-E)`` and the integral over both signs
of E equals one, so that ``∫_0^∞ n dE = 1/2``.  The observables of
:mod:`tlspaper.observables` accept any such callable.
"""

from __future__ import annotations

import copy
import dataclasses

import numpy as np

from ._checks import positive

__all__ = [
    "Fit",
    "PowerLawDOS",
    "SimulatedDOS",
    "TabulatedDOS",
    "fit_eq3",
    "fit_gaussian",
    "fit_power_law",
    "gaussian_dos",
    "power_law_window_scan",
    "quench_stage",
    "load_simulated",
    "power_law_dos",
]


def _check_temperature(T) -> float:
    return positive("temperature T", T, unit="K")


def _check_energy(E) -> np.ndarray:
    """`E` [K] as a float array, or a one-line error if it holds NaN or inf."""
    try:
        E = np.asarray(E, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"energy E must be numbers in kelvin, got {E!r:.60}") from None
    if not np.all(np.isfinite(E)):
        bad = E[~np.isfinite(E)].flat[0]
        count = "" if E.ndim == 0 else f" ({int((~np.isfinite(E)).sum())} of {E.size} values)"
        raise ValueError(f"energy E must be finite (in K), got {bad}{count}")
    return E


def power_law_dos(T, E, B, mu):
    """Power-law DOS n(T, E) = B (T² + E²)^(μ/2) [1/K] (Eq. 3 of Churkin et al. (2021)).

    Parameters
    ----------
    T : float
        Temperature [K], > 0.
    E : array_like
        Excitation energy [K].
    B : float
        Prefactor [K^(-1-μ)] (per kelvin of E, per kelvin^μ).
    mu : float
        Power μ (dimensionless); μ = 0 is the standard tunneling model's constant DOS.

    Returns
    -------
    numpy.ndarray
        n(T, E) [1/K].

    Examples
    --------
    >>> float(power_law_dos(0.5, 0.0, 0.0135, 0.127))  # doctest: +ELLIPSIS
    0.01236...
    """
    T = _check_temperature(T)
    E = _check_energy(E)
    return B * (T * T + E * E) ** (0.5 * mu)


class PowerLawDOS:
    """A temperature-independent-μ DOS of the form of Eq. 3, as a callable ``dos(T, E)``.

    Parameters
    ----------
    mu : float
        Power μ (dimensionless).  μ = 0 gives the standard tunneling model.
    B : float, optional
        Prefactor [K^(-1-μ)].  Default 1 (only ratios and temperature dependences are used).

    Examples
    --------
    >>> dos = PowerLawDOS(mu=0.0, B=2.0)
    >>> float(dos(0.1, 5.0))
    2.0
    """

    def __init__(self, mu: float, B: float = 1.0):
        if not np.isfinite(mu) or mu <= -1:
            raise ValueError(f"mu must be a finite number > -1, got {mu}")
        self.mu = float(mu)
        self.B = float(B)

    def __call__(self, T, E):
        return power_law_dos(T, E, self.B, self.mu)

    def __repr__(self) -> str:
        return f"PowerLawDOS(mu={self.mu:g}, B={self.B:g})"


class TabulatedDOS:
    """A DOS known as histograms at a discrete set of temperatures (e.g. Monte Carlo output).

    Parameters
    ----------
    temperatures : array_like, shape (nT,)
        Temperatures [K] at which the DOS is tabulated.
    edges : array_like, shape (nbins + 1,)
        Increasing bin edges of |E| [K], starting at 0.
    density : array_like, shape (nT, nbins)
        n(T, E) [1/K] in each bin, normalised so that ``sum(density * diff(edges)) = 1/2``
        (both signs of E together integrate to one).

    Notes
    -----
    ``dos(T, E)`` interpolates linearly in E between bin centres (constant below the first
    centre, zero above the last edge).  T must be one of the tabulated temperatures: no
    interpolation in temperature is made, since the simulated DOS changes shape with T.

    Examples
    --------
    >>> tab = TabulatedDOS([0.1], [0.0, 1.0, 2.0], [[0.3, 0.2]])
    >>> tab(0.1, [0.0, 1.0, 3.0]).tolist()      # centres 0.5 and 1.5 K; zero above 2 K
    [0.3, 0.25, 0.0]
    """

    def __init__(self, temperatures, edges, density):
        self.temperatures = np.asarray(temperatures, dtype=float)
        self.edges = np.asarray(edges, dtype=float)
        self.density = np.asarray(density, dtype=float)
        if self.edges.ndim != 1 or len(self.edges) < 2 or np.any(np.diff(self.edges) <= 0):
            raise ValueError(
                "edges must be a 1-D strictly increasing array with at least 2 entries"
            )
        if self.density.shape != (len(self.temperatures), len(self.edges) - 1):
            raise ValueError(
                f"density has shape {self.density.shape}, expected (len(temperatures), "
                f"len(edges) - 1) = ({len(self.temperatures)}, {len(self.edges) - 1})"
            )
        self.centres = 0.5 * (self.edges[1:] + self.edges[:-1])

    def index(self, T) -> int:
        """Index of tabulated temperature `T` [K] (relative tolerance 1e-6)."""
        T = _check_temperature(T)
        hit = np.flatnonzero(np.isclose(self.temperatures, T, rtol=1e-6, atol=0))
        if hit.size == 0:
            raise ValueError(
                f"T = {T} K is not a tabulated temperature; available: "
                f"{np.array2string(np.sort(self.temperatures), precision=4)}"
            )
        return int(hit[0])

    def __call__(self, T, E):
        row = self.density[self.index(T)]
        E = np.abs(_check_energy(E))
        out = np.interp(E, self.centres, row)
        return np.where(E > self.edges[-1], 0.0, out)


# ---------------------------------------------------------------------------------------------
# Simulated datasets (tlspaper.montecarlo) and their fits
# ---------------------------------------------------------------------------------------------


def _split_quench(arrays: dict, meta: dict, name: str):
    """Take the zero-temperature quench stage out of a dataset's stage arrays.

    Datasets written with ``RunParams(quench=True)`` append the single+pair quench as a last
    stage labelled T = 0 (``meta["quench_stage"]``).  It is not a temperature: the tables of
    :class:`SimulatedDOS` keep the annealing stages only (so every result on the annealing
    stages is the same as for a file without the quench) and :func:`quench_stage` returns it.

    Returns
    -------
    arrays : dict
        The annealing stages only.
    quench : dict or None
        ``counts``, ``sum_abs_E``, ``sum_E2`` and ``block_counts`` of the quench stage.
    """
    index = meta.get("quench_stage")
    if index is None and meta.get("params", {}).get("quench"):
        index = len(arrays["temperatures"]) - 1
    if index is None:
        return arrays, None
    index = int(index)
    if not 1 <= index < len(arrays["temperatures"]):
        from .data import DataError

        raise DataError(f"{name}: quench stage index {index} outside the "
                        f"{len(arrays['temperatures'])} stages")
    keep = np.arange(len(arrays["temperatures"])) != index
    stages = np.asarray(arrays["block_stages"])
    hit = np.flatnonzero(stages == index)
    quench = {"counts": np.asarray(arrays["counts"])[index],
              "sum_abs_E": np.asarray(arrays["sum_abs_E"])[index],
              "sum_E2": np.asarray(arrays["sum_E2"])[index],
              "block_counts": np.asarray(arrays["block_counts"])[:, int(hit[0]), :]}
    out = dict(arrays)
    for key in ("temperatures", "counts", "sum_abs_E", "sum_E2"):
        out[key] = np.asarray(arrays[key])[keep]
    other = stages != index
    out["block_stages"] = stages[other] - (stages[other] > index)
    out["block_counts"] = np.asarray(arrays["block_counts"])[:, other, :]
    return out, quench


class SimulatedDOS(TabulatedDOS):
    """A Monte Carlo dataset as a :class:`TabulatedDOS`, with its raw histograms and provenance.

    Built by :func:`load_simulated`.  Besides the :class:`TabulatedDOS` interface it keeps
    ``counts`` (nT, nbins) of |E|, ``realizations``, ``n_tls`` (TLSs per realization),
    ``meta`` (the provenance dict), ``block_counts`` / ``block_stages`` /
    ``block_realizations`` (low-energy histograms per block of realizations, for bootstrap
    errors), ``stable`` (R, 2) final-state stability flags, ``sum_abs_E``, ``sum_E2``.
    """

    #: Arrays a dataset file must hold (written by :func:`tlspaper.montecarlo.write_dataset`).
    REQUIRED = ("temperatures", "edges", "counts", "block_counts", "block_stages",
                "block_realizations", "stable", "sum_abs_E", "sum_E2")

    def __init__(self, arrays: dict, meta: dict, name: str = ""):
        missing = [k for k in self.REQUIRED if k not in arrays]
        if missing or not {"realizations", "n_tls", "params"} <= set(meta):
            from .data import DataError

            raise DataError(
                f"{name}: not a Monte Carlo DOS dataset of tlspaper simulate (missing "
                f"{', '.join(missing) or 'the meta provenance'})"
            )
        self.name = name
        self.meta = meta
        arrays, self._quench = _split_quench(arrays, meta, name)
        self.counts = np.asarray(arrays["counts"])
        self.realizations = int(meta["realizations"])
        self.n_tls = int(meta["n_tls"])
        self.exposure = 2.0 * self.realizations * self.n_tls  # both signs of E
        edges = np.asarray(arrays["edges"], dtype=float)
        density = self.counts / (self.exposure * np.diff(edges))
        super().__init__(arrays["temperatures"], edges, density)
        self.block_counts = np.asarray(arrays["block_counts"])
        self.block_stages = np.asarray(arrays["block_stages"])
        self.block_realizations = np.asarray(arrays["block_realizations"])
        self.stable = np.asarray(arrays["stable"])
        self.sum_abs_E = np.asarray(arrays["sum_abs_E"])
        self.sum_E2 = np.asarray(arrays["sum_E2"])
        p = meta["params"]["model"]
        self.L, self.J0 = int(p["L"]), float(p["J0"])
        self.h0, self.x = float(p["h0"]), float(p["x"])

    def __repr__(self) -> str:
        return (f"SimulatedDOS({self.name!r}: L={self.L}, J0={self.J0:g} K, h0={self.h0:g} K, "
                f"{self.realizations} realizations)")

    def rms_energy(self, T) -> float:
        """Root-mean-square single-TLS energy sqrt(<E²>) [K] at tabulated temperature `T`."""
        i = self.index(T)
        return float(np.sqrt(self.sum_E2[i] / (self.realizations * self.n_tls)))

    def stable_fraction(self) -> dict[str, tuple[float, float]]:
        """Fraction of realizations whose final (2 μK) state is stable, with binomial error.

        Returns
        -------
        dict
            ``{"single": (fraction, error), "pair": (fraction, error)}``.
        """
        out = {}
        for j, key in enumerate(("single", "pair")):
            R = len(self.stable)
            p = float(self.stable[:, j].mean())
            out[key] = (p, float(np.sqrt(max(p * (1 - p), 1.0 / R) / R)))
        return out

    def coarse(self, T, edges):
        """The DOS at `T` on coarser bins (for plots), with counting errors.

        Parameters
        ----------
        T : float
            A tabulated temperature [K].
        edges : array_like
            Wanted bin edges [K], increasing; each is moved to the nearest edge of the
            dataset's histogram, and bins that collapse are dropped.

        Returns
        -------
        edges : numpy.ndarray
            The merged bin edges used [K].
        density, error : numpy.ndarray
            n(T, E) [1/K] per merged bin and its Poisson counting error.

        Examples
        --------
        >>> tab = SimulatedDOS.__new__(SimulatedDOS)
        >>> tab.edges = np.array([0.0, 1.0, 2.0, 3.0, 4.0]); tab.exposure = 2.0
        >>> tab.counts = np.array([[1, 3, 2, 2]]); tab.temperatures = np.array([1.0])
        >>> e, n, err = tab.coarse(1.0, [0.0, 2.0, 4.0])
        >>> e.tolist(), n.tolist()
        ([0.0, 2.0, 4.0], [1.0, 1.0])
        """
        i = self.index(T)
        want = np.asarray(edges, dtype=float)
        if want.ndim != 1 or want.size < 2 or np.any(np.diff(want) <= 0):
            raise ValueError("edges must be a 1-D increasing array with at least 2 entries [K]")
        pos = np.clip(np.searchsorted(self.edges, want), 1, len(self.edges) - 1)
        nearer_left = (want - self.edges[pos - 1]) < (self.edges[pos] - want)
        idx = np.unique(np.where(nearer_left, pos - 1, pos))
        cum = np.concatenate([[0], np.cumsum(self.counts[i])])
        c = np.diff(cum[idx])
        e = self.edges[idx]
        w = np.diff(e)
        return e, c / (self.exposure * w), np.sqrt(c) / (self.exposure * w)

    def block_histograms(self, T):
        """Low-energy |E| counts per block of realizations at `T`: (counts (nb, n_low), R_b).

        Raises
        ------
        ValueError
            If the dataset kept no block histograms at `T` (only stages T <= 1 K have them).
        """
        i = self.index(T)
        hit = np.flatnonzero(self.block_stages == i)
        if hit.size == 0:
            raise ValueError(
                f"{self.name}: no block histograms at T = {T} K (kept at "
                f"{np.array2string(self.temperatures[self.block_stages], precision=3)} K)"
            )
        return self.block_counts[:, int(hit[0]), :], self.block_realizations


def load_simulated(name) -> SimulatedDOS:
    """Load a Monte Carlo DOS dataset (registry name or your own file) as a callable ``dos(T, E)``.

    The density is ``counts / (2 R N ΔE)``: n(E) = n(-E), both signs together integrate to
    one, so the tabulated |E| > 0 half integrates to 1/2 (the normalisation of Table II of
    Churkin et al. 2021, checked in the DOS chapter).

    Parameters
    ----------
    name : str or path-like
        Registry name of a dataset written by :func:`tlspaper.montecarlo.write_dataset`, e.g.
        ``"dos_mc_L12_J2K.npz"``, or the path of your own (``tlspaper simulate --output
        PATH``); the model parameters are read from the file's ``meta``.

    Returns
    -------
    SimulatedDOS
        A :class:`TabulatedDOS` with the raw histograms and ``meta`` (provenance) attached.

    Raises
    ------
    tlspaper.data.DataError
        If the file does not exist (and is no registry name) or is not such a dataset.

    Examples
    --------
    >>> dos = load_simulated("dos_mc_L8_J2K.npz")
    >>> round(float(np.sum(dos.density[dos.index(0.5)] * np.diff(dos.edges))), 6)
    0.5
    """
    from .data import load_npz

    arrays, meta = load_npz(name)
    return SimulatedDOS(arrays, meta, str(name))


def _bin_integrals(edges: np.ndarray, g) -> np.ndarray:
    """Simpson integral of g over each bin."""
    mid = 0.5 * (edges[1:] + edges[:-1])
    return np.diff(edges) * (g(edges[:-1]) + 4 * g(mid) + g(edges[1:])) / 6


def _poisson_fit(edges, counts, exposure, shape, mu_bounds=(-0.9, 2.0)):
    """Poisson maximum likelihood of ``counts_b ~ exposure * B * ∫_b shape(E, μ) dE``.

    Returns (B, μ); B is profiled out analytically.
    """
    from scipy.optimize import minimize_scalar

    total = counts.sum()
    if total == 0:
        return np.nan, np.nan

    def nll(mu):
        lam = _bin_integrals(edges, lambda E: shape(E, mu))
        keep = counts > 0
        return -(np.sum(counts[keep] * np.log(lam[keep])) - total * np.log(lam.sum()))

    res = minimize_scalar(nll, bounds=mu_bounds, method="bounded", options={"xatol": 1e-6})
    mu = float(res.x)
    B = total / (exposure * _bin_integrals(edges, lambda E: shape(E, mu)).sum())
    return float(B), mu


def _lsq_fit(edges, counts, exposure, shape, mu_bounds=(-0.9, 2.0)):
    """Unweighted least squares of the bin densities against ``B * shape(centre, μ)``.

    Returns (B, μ); B is profiled out (linear least squares at each μ).
    """
    from scipy.optimize import minimize_scalar

    if counts.sum() == 0:
        return np.nan, np.nan
    y = counts / (exposure * np.diff(edges))
    x = 0.5 * (edges[1:] + edges[:-1])

    def B_of(mu):
        g = shape(x, mu)
        return float(np.dot(g, y) / np.dot(g, g)), g

    def sse(mu):
        B, g = B_of(mu)
        return float(np.sum((y - B * g) ** 2))

    res = minimize_scalar(sse, bounds=mu_bounds, method="bounded", options={"xatol": 1e-6})
    mu = float(res.x)
    return B_of(mu)[0], mu


#: The estimators of :func:`fit_eq3`: name -> fitting function of (edges, counts, exposure,
#: shape).
_ESTIMATORS = {"poisson": _poisson_fit, "lsq": _lsq_fit}


def _fit_with_bootstrap(dos: SimulatedDOS, T, bins, shape, n_boot, seed, estimator="poisson"):
    if estimator not in _ESTIMATORS:
        raise ValueError(f"estimator must be one of {sorted(_ESTIMATORS)}, got {estimator!r}")
    fit = _ESTIMATORS[estimator]
    i = dos.index(T)
    edges = dos.edges[bins.start:bins.stop + 1]
    B, mu = fit(edges, dos.counts[i, bins], dos.exposure, shape)
    B_err = mu_err = np.nan
    if n_boot:
        try:
            blocks, reals = dos.block_histograms(T)
        except ValueError:
            blocks = None
        if blocks is not None and bins.stop <= blocks.shape[1]:
            rng = np.random.default_rng(seed)
            nb = len(reals)
            sample = np.empty((n_boot, 2))
            for s in range(n_boot):
                pick = rng.integers(0, nb, nb)
                c = blocks[pick, bins].sum(axis=0)
                sample[s] = fit(edges, c, 2.0 * reals[pick].sum() * dos.n_tls, shape)
            B_err, mu_err = np.nanstd(sample, axis=0, ddof=1)
    return B, mu, float(B_err), float(mu_err), int(dos.counts[i, bins].sum())


def _bins_within(edges: np.ndarray, lo: float, hi: float) -> slice:
    """Slice of the bins lying entirely inside [lo, hi]."""
    tol = 1e-9 * max(hi, 1e-300)
    first = int(np.searchsorted(edges, lo - tol))
    last = int(np.searchsorted(edges, hi + tol, side="right")) - 1  # last edge <= hi
    if last - first < 2:
        raise ValueError(f"fewer than 2 histogram bins lie inside [{lo:g}, {hi:g}] K")
    return slice(first, last)


@dataclasses.dataclass(frozen=True)
class Fit:
    """A fit of a DOS model to a histogram, with bootstrap errors over blocks of realizations.

    Attributes
    ----------
    T : float
        Temperature [K] of the fitted stage.
    B : float
        Prefactor (Eq. 3: [K^(-1-μ)]; power law: [K^(-1-μ)]).
    mu : float
        Power μ.
    B_err, mu_err : float
        Bootstrap standard errors (NaN when the dataset has no block histograms there).
    counts : int
        Number of |E| entries in the fit window.
    window : tuple of float
        Fitted energy range [K].
    """

    T: float
    B: float
    mu: float
    B_err: float
    mu_err: float
    counts: int
    window: tuple


def fit_eq3(dos: SimulatedDOS, T, window_factor: float = 2.0, n_boot: int = 400,
            seed: int = 0, estimator: str = "poisson") -> Fit:
    """Fit Eq. 3, ``n = B (T² + E²)^(μ/2)``, to the simulated DOS at `T` over 0 < E < 2T.

    Default estimator: Poisson maximum likelihood on the histogram bins inside the window
    (the model integrated over each bin), so empty bins are handled; errors by bootstrap over
    the dataset's blocks of realizations.  The paper's Appendix D fits "requiring best fits
    in 0 < E < 2T" without naming its estimator; ``estimator="lsq"`` is the other common
    choice, unweighted least squares of the bin densities at the bin centres.  The default
    400 bootstrap replicas give errors stable to a few per cent (σ at 400 and 800 replicas
    differ by less than 4 % for the Table II fits, measured in the DOS chapter).

    Parameters
    ----------
    dos : SimulatedDOS
        From :func:`load_simulated`.
    T : float
        A tabulated temperature [K].
    window_factor : float
        Fit 0 < E < window_factor * T.
    n_boot : int
        Bootstrap resamples (0: no errors).
    seed : int
        Bootstrap random seed.
    estimator : {"poisson", "lsq"}
        Poisson maximum likelihood (default) or unweighted least squares of the densities.

    Returns
    -------
    Fit
        B [K^(-1-μ)] in the normalisation of :class:`TabulatedDOS` (both signs integrate to 1).

    Examples
    --------
    >>> f = fit_eq3(load_simulated("dos_mc_L8_J2K.npz"), 0.5, n_boot=0)
    >>> f.window, 0.0 < f.mu < 0.3
    ((0.0, 1.0), True)
    """
    T = _check_temperature(T)
    bins = _bins_within(dos.edges, 0.0, window_factor * T)
    B, mu, Be, me, c = _fit_with_bootstrap(
        dos, T, bins, lambda E, m: (T * T + E * E) ** (0.5 * m), n_boot, seed, estimator
    )
    return Fit(T, B, mu, Be, me, c, (0.0, window_factor * T))


def fit_power_law(dos: SimulatedDOS, T, emin: float, emax: float, n_boot: int = 400,
                  seed: int = 0) -> Fit:
    """Fit ``n = B E^μ`` to the simulated DOS at `T` over emin < E < emax [K].

    Used at the lowest temperatures (0.02 K and the 2 μK stage that emulates T = 0), where
    the DOS approaches the power law of the paper's Fig. 1(b) inset.  Same estimator and
    errors as :func:`fit_eq3`.

    Parameters
    ----------
    dos : SimulatedDOS
        From :func:`load_simulated`.
    T : float
        A tabulated temperature [K].
    emin, emax : float
        Fit window [K], 0 < emin < emax.
    n_boot : int
        Bootstrap resamples (0: no errors).
    seed : int
        Bootstrap random seed.

    Returns
    -------
    Fit
        B [K^(-1-μ)] and μ of ``n = B E^μ``.

    Examples
    --------
    >>> f = fit_power_law(load_simulated("dos_mc_L8_J2K.npz"), 0.02, 0.04, 1.0, n_boot=0)
    >>> f.window, 0.0 < f.mu < 0.4
    ((0.04, 1.0), True)
    """
    T = _check_temperature(T)
    if not 0 < emin < emax:
        raise ValueError(f"need 0 < emin < emax [K], got emin={emin}, emax={emax}")
    bins = _bins_within(dos.edges, emin, emax)
    B, mu, Be, me, c = _fit_with_bootstrap(dos, T, bins, lambda E, m: E**m, n_boot, seed)
    return Fit(T, B, mu, Be, me, c, (emin, emax))


def gaussian_dos(E, E0):
    """Gaussian DOS n(E) = exp(-E²/2E0²) / (sqrt(2π) E0) [1/K], normalised over both signs of E.

    The envelope of the simulated DOS at high energy, the form of :func:`fit_gaussian`
    with its amplitude fixed by the normalisation of this module (∫ n dE = 1 over all E).

    Parameters
    ----------
    E : array_like
        Excitation energy [K].
    E0 : float
        Standard deviation [K], > 0.

    Returns
    -------
    numpy.ndarray
        n(E) [1/K].

    Examples
    --------
    >>> round(float(gaussian_dos(0.0, 1.0)), 6)   # 1/sqrt(2π)
    0.398942
    """
    E0 = positive("E0", E0, unit="K")
    E = np.asarray(E, dtype=float)
    return np.exp(-0.5 * (E / E0) ** 2) / (np.sqrt(2 * np.pi) * E0)


def fit_gaussian(dos: SimulatedDOS, T, weighted: bool = True,
                 edges=None) -> tuple[float, float]:
    """Standard deviation E0 [K] of a Gaussian ``A exp(-E²/2E0²)`` fitted to the whole DOS at T.

    Least squares on the density of all bins, as a Gaussian fit to the plotted curve of the
    paper's Fig. 1(a); the low-energy gap is part of the data.

    Parameters
    ----------
    dos : SimulatedDOS
        From :func:`load_simulated`.
    T : float
        A tabulated temperature [K].
    weighted : bool
        Poisson weights (default) or unweighted least squares (the paper does not say which).
    edges : array_like, optional
        Fit the DOS rebinned on these edges [K] (:meth:`SimulatedDOS.coarse`), e.g. the
        uniform 1 K bins of a plotted curve; default the dataset's own (non-uniform) bins.

    Returns
    -------
    (E0, error)
        E0 [K] and its standard error from the fit covariance [K].

    Examples
    --------
    >>> E0, err = fit_gaussian(load_simulated("dos_mc_L8_J2K.npz"), 0.02)
    >>> 15.0 < E0 < 30.0, err < 1.0
    (True, True)
    """
    from scipy.optimize import curve_fit

    if edges is None:
        i = dos.index(T)
        c = dos.counts[i]
        keep = c > 0
        x = dos.centres[keep]
        y = dos.density[i, keep]
        err = y / np.sqrt(c[keep])
        guess = np.sqrt(np.sum(c[keep] * x**2) / c.sum())
    else:
        e, n, n_err = dos.coarse(T, edges)
        keep = n > 0
        x, y, err = 0.5 * (e[1:] + e[:-1])[keep], n[keep], n_err[keep]
        guess = np.sqrt(np.sum(y * x**2) / y.sum())
    p, cov = curve_fit(lambda E, A, E0: A * np.exp(-0.5 * (E / E0) ** 2), x, y,
                       p0=(y.max(), guess), sigma=err if weighted else None)
    return float(abs(p[1])), float(np.sqrt(cov[1, 1]))


def power_law_window_scan(dos: SimulatedDOS, T, lows, highs) -> np.ndarray:
    """μ of ``n = B E^μ`` fitted at `T` over every window [low, high] of a family [K].

    The power of a DOS that is not a pure power law depends on the window it is fitted over;
    this returns the whole family (same estimator as :func:`fit_power_law`, no bootstrap),
    for a systematic band.

    Parameters
    ----------
    dos : SimulatedDOS
        From :func:`load_simulated`.
    T : float
        A tabulated temperature [K].
    lows, highs : array_like
        Lower and upper window edges [K]; every pair with low < high is fitted.

    Returns
    -------
    numpy.ndarray, shape (len(lows), len(highs))
        μ per window (NaN where low >= high).

    Examples
    --------
    >>> d = load_simulated("dos_mc_L8_J2K.npz")
    >>> grid = power_law_window_scan(d, 0.02, [0.02, 0.04], [1.0, 2.0])
    >>> grid.shape, bool(np.all((grid > 0.1) & (grid < 0.3)))
    ((2, 2), True)
    """
    lows = np.atleast_1d(np.asarray(lows, dtype=float))
    highs = np.atleast_1d(np.asarray(highs, dtype=float))
    out = np.full((lows.size, highs.size), np.nan)
    for a, lo in enumerate(lows):
        for b, hi in enumerate(highs):
            if lo < hi:
                out[a, b] = fit_power_law(dos, T, lo, hi, n_boot=0).mu
    return out


def quench_stage(dos: SimulatedDOS):
    """The dataset's zero-temperature single+pair quench stage as a :class:`SimulatedDOS`, or None.

    Datasets written after the quench stage was added to :mod:`tlspaper.montecarlo` hold one
    more stage after the 2 μK stage: the final states relaxed by single and pair flips at
    T = 0.  It is found from the file's ``meta``: ``meta["quench_stage"]`` (its index in
    ``temperatures``), or ``meta["params"]["quench"]`` true (then it is the last stage).
    The returned copy holds that stage alone, under the temperature of the stage before it
    (2 μK), so that :func:`fit_power_law` and :meth:`SimulatedDOS.coarse` read it with the
    same `T` as the unquenched 2 μK stage.

    Parameters
    ----------
    dos : SimulatedDOS
        From :func:`load_simulated`.

    Returns
    -------
    SimulatedDOS or None
        None if the file has no quench stage.

    Examples
    --------
    >>> quench_stage(load_simulated("dos_mc_L8_J2K.npz")) is None or True
    True
    """
    if dos._quench is None:
        return None
    row = dos._quench
    q = copy.copy(dos)
    q._quench = None
    q.temperatures = np.array([dos.temperatures[-1]])  # read with the 2 μK stage's T
    q.counts = row["counts"][None, :]
    q.density = q.counts / (dos.exposure * np.diff(dos.edges))
    q.sum_abs_E, q.sum_E2 = row["sum_abs_E"][None], row["sum_E2"][None]
    q.block_stages = np.zeros(1, dtype=int)
    q.block_counts = row["block_counts"][:, None, :]
    q.name = f"{dos.name} (quench stage)"
    return q
