"""An emulator n(T, E; J0/h0) of the Monte Carlo DOS: a J0/h0 scan interpolated, with its errors."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from ._checks import positive, positive_int
from .dos import SimulatedDOS, TabulatedDOS, _check_energy, load_simulated

__all__ = [
    "COARSE_EDGES",
    "INTERPOLATIONS",
    "MAX_STAGE_RATIO",
    "TEMPERATURE_INTERPOLATIONS",
    "VARIABLES",
    "DOSEmulator",
    "EmulatedDOS",
    "LeaveOneOut",
    "block_correlation",
    "leave_one_out",
    "replica_spread",
]

#: Interpolation schemes in J0/h0: the natural cubic spline through all the scan points
#: (C² in J0/h0, so fits get a smooth Jacobian; the natural end condition keeps the weights
#: small: at most 1.08 in root-sum-square and above −0.26 on the book's scan in ln J0/h0,
#: against 1.38 and −0.59 for the not-a-knot condition, so the noise is not amplified), or
#: piecewise linear.  Both are linear in the tabulated densities: the emulated DOS is a
#: weighted sum of the scan tables whose weights sum to one, so its normalisation is that of
#: the tables.
INTERPOLATIONS = ("cubic", "linear")
#: Variable in which the scan is interpolated: J0/h0 itself or its logarithm.
VARIABLES = ("log", "linear")
#: How the emulated DOS is interpolated between two annealing stages at fixed E: linearly in
#: ln T (the default), linearly in T, or the nearest stage in ln T (a deliberately cruder
#: alternative, for the systematic error of this step).
TEMPERATURE_INTERPOLATIONS = ("log", "linear", "nearest")
#: Largest ratio of two neighbouring annealing stages between which the emulated DOS is
#: interpolated in temperature (the book's schedule steps by at most 1.5 below 30 K).
MAX_STAGE_RATIO = 1.6
#: Default bins [K] of |E| of :func:`leave_one_out` (moved to the nearest histogram edges): the
#: low-energy range of the block histograms, about two bins per factor of two above 10 mK.
COARSE_EDGES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 1.5, 2.0, 2.5)


def _check_ratio(ratio, lo: float, hi: float) -> float:
    """`ratio` (J0/h0) as a float inside the scan [lo, hi], or a one-line ValueError."""
    try:
        x = float(ratio)
    except (TypeError, ValueError):
        raise ValueError(f"ratio (J0/h0) must be a number, got {ratio!r}") from None
    tol = 1e-9 * hi
    if not math.isfinite(x) or x < lo - tol or x > hi + tol:
        raise ValueError(f"ratio (J0/h0) must lie inside the scan {lo:g} - {hi:g} (no "
                         f"extrapolation), got {x!r}")
    return min(max(x, lo), hi)


def _temperature(T) -> float:
    return positive("temperature T", T, unit="K")


def _check_t_interpolation(value: str) -> str:
    if value not in TEMPERATURE_INTERPOLATIONS:
        raise ValueError(f"temperature_interpolation must be one of {TEMPERATURE_INTERPOLATIONS},"
                         f" got {value!r}")
    return value


class EmulatedDOS(TabulatedDOS):
    """The emulated DOS at one J0/h0, a callable ``dos(T, E)`` [1/K] like :class:`TabulatedDOS`.

    At a stage temperature it is the interpolated table of that stage (linear in E between
    bin centres, zero above the last edge, as :class:`TabulatedDOS`).  Between two
    neighbouring stages whose ratio is at most :data:`MAX_STAGE_RATIO` it is interpolated
    at fixed E, by default linearly in ln T (a choice: the simulated DOS changes shape with
    T, and the book measures the error of this step against a left-out stage and by the other
    :data:`TEMPERATURE_INTERPOLATIONS`); elsewhere a ValueError.

    Parameters
    ----------
    temperatures : array_like, shape (nT,)
        Stage temperatures [K].
    edges : array_like, shape (nbins + 1,)
        Bin edges of |E| [K].
    density : array_like, shape (nT, nbins)
        n(T, E) [1/K] per bin (both signs of E integrate to one).
    ratio : float
        The J0/h0 (dimensionless) it was emulated at.
    max_stage_ratio : float
        Largest ratio of neighbouring stages interpolated between (default
        :data:`MAX_STAGE_RATIO`; larger only to measure the interpolation error by leaving a
        stage out).
    temperature_interpolation : {'log', 'linear', 'nearest'}
        Between two stages: linear in ln T (default), linear in T, or the nearest stage in
        ln T (:data:`TEMPERATURE_INTERPOLATIONS`).

    Examples
    --------
    >>> d = EmulatedDOS([0.1, 0.15], [0.0, 1.0, 2.0], [[0.2, 0.3], [0.4, 0.1]], ratio=0.2)
    >>> round(float(d((0.1 * 0.15) ** 0.5, 0.5)), 6)    # half way in ln T between the stages
    0.3
    >>> lin = EmulatedDOS([0.1, 0.15], [0.0, 1.0, 2.0], [[0.2, 0.3], [0.4, 0.1]], ratio=0.2,
    ...                   temperature_interpolation="linear")
    >>> round(float(lin(0.125, 0.5)), 6)                 # half way in T
    0.3
    >>> d(0.5, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: T = 0.5 K is outside the emulator's stages 0.1 - 0.15 K
    """

    def __init__(self, temperatures, edges, density, ratio: float,
                 max_stage_ratio: float = MAX_STAGE_RATIO, temperature_interpolation: str = "log"):
        super().__init__(temperatures, edges, density)
        self.ratio = float(ratio)
        self.max_stage_ratio = positive("max_stage_ratio", max_stage_ratio)
        self.temperature_interpolation = _check_t_interpolation(temperature_interpolation)
        order = np.argsort(self.temperatures)
        self._ln_t = np.log(self.temperatures[order])
        self._rows = self.density[order]

    def __repr__(self) -> str:
        return (f"EmulatedDOS(J0/h0 = {self.ratio:g}, {len(self.temperatures)} stages "
                f"{self.temperatures.min():g} - {self.temperatures.max():g} K)")

    def row(self, T) -> np.ndarray:
        """The density [1/K] per bin at temperature `T` [K] (a stage, or between two close ones)."""
        T = _temperature(T)
        x = math.log(T)
        i = int(np.searchsorted(self._ln_t, x))
        tol = 1e-6
        if i < len(self._ln_t) and abs(self._ln_t[i] - x) <= tol:
            return self._rows[i]
        if i > 0 and abs(self._ln_t[i - 1] - x) <= tol:
            return self._rows[i - 1]
        if i == 0 or i == len(self._ln_t):
            raise ValueError(f"T = {T:g} K is outside the emulator's stages "
                             f"{math.exp(self._ln_t[0]):g} - {math.exp(self._ln_t[-1]):g} K")
        gap = self._ln_t[i] - self._ln_t[i - 1]
        if gap > math.log(self.max_stage_ratio):
            raise ValueError(f"T = {T:g} K lies between the stages {math.exp(self._ln_t[i - 1]):g}"
                             f" and {math.exp(self._ln_t[i]):g} K, too far apart (ratio > "
                             f"{self.max_stage_ratio:g}) to interpolate; use a stage temperature")
        if self.temperature_interpolation == "linear":
            lo, hi = math.exp(self._ln_t[i - 1]), math.exp(self._ln_t[i])
            w = (T - lo) / (hi - lo)
        else:
            w = (x - self._ln_t[i - 1]) / gap
            if self.temperature_interpolation == "nearest":
                w = float(w >= 0.5)
        return (1.0 - w) * self._rows[i - 1] + w * self._rows[i]

    def __call__(self, T, E):
        row = self.row(T)
        E = np.abs(_check_energy(E))
        return np.where(E > self.edges[-1], 0.0, np.interp(E, self.centres, row))


class DOSEmulator:
    """The simulated DOS n(T, E; J0/h0) interpolated in J0/h0 across a scan of datasets.

    The scan datasets (same L, h0, x, C, schedule, histogram grid and blocks; J0 differs)
    give the density of each annealing stage on the stored |E| grid.  At a J0/h0 inside the
    scan the emulated table is ``Σ_k w_k(J0/h0) n_k(T, E)`` with the weights of the chosen
    interpolation (:data:`INTERPOLATIONS`, in the variable :data:`VARIABLES`); at a scan point
    it is that dataset's table exactly.  Its statistical error follows from the block
    histograms (realization k in block k mod n_blocks, the same blocks in every dataset of
    the scan, whose realizations share their disorder: common random numbers), resampled
    *jointly* over the datasets and propagated through the weights: jackknife
    (:meth:`error`) or bootstrap replicas (:meth:`replicas`).  The block histograms cover
    only |E| below ``edges[n_low]`` (2.5 K in the book's datasets) and the stages T <= 1 K;
    above, the error is not available (NaN) and replicas keep the full data.

    It is a *DOS family* for the fits of :mod:`tlspaper.velocity_fit` and
    :mod:`tlspaper.kappa_fit`: :attr:`parameter` (its name), :attr:`bounds`, :attr:`starts`
    (starting values tried) and :meth:`dos` (the DOS callable at a value).

    Parameters
    ----------
    ratios : array_like, shape (nJ,)
        J0/h0 of the scan (dimensionless), strictly increasing, at least 2.
    temperatures : array_like, shape (nT,)
        Stage temperatures [K].
    edges : array_like, shape (nbins + 1,)
        Bin edges of |E| [K].
    density : array_like, shape (nJ, nT, nbins)
        n(T, E) [1/K] of each dataset.
    interpolation : {'cubic', 'linear'}
        Natural cubic spline (default) or piecewise linear (:data:`INTERPOLATIONS`).
    variable : {'log', 'linear'}
        Interpolate in ln(J0/h0) (default) or in J0/h0.
    blocks : dict, optional
        ``counts`` (nJ, n_blocks, n_stages_b, n_low) low-energy counts per block,
        ``realizations`` (nJ, n_blocks), ``stages`` (n_stages_b,) indices into
        `temperatures`, ``n_tls`` (TLSs per realization); without it there are no errors.
    names : sequence of str, optional
        Dataset names (for messages and plots).
    temperature_interpolation : {'log', 'linear', 'nearest'}
        Interpolation of the emulated DOS between stages (:class:`EmulatedDOS`).

    Examples
    --------
    >>> emu = DOSEmulator([0.1, 0.2], [0.5], [0.0, 1.0, 2.0],
    ...                   [[[0.3, 0.2]], [[0.1, 0.4]]], interpolation="linear",
    ...                   variable="linear")
    >>> np.round(emu.table(0.15), 9).tolist()
    [[0.2, 0.3]]
    >>> round(float(emu(0.5, 0.5, 0.2)), 6)             # n(T, E; J0/h0) at a scan point
    0.1
    """

    #: Name of the family parameter (the key of the fitted value).
    parameter = "J0/h0"

    def __init__(self, ratios, temperatures, edges, density, interpolation: str = "cubic",
                 variable: str = "log", blocks: dict | None = None, names=None,
                 temperature_interpolation: str = "log"):
        self.ratios = np.asarray(ratios, dtype=float)
        if self.ratios.ndim != 1 or self.ratios.size < 2 or np.any(~np.isfinite(self.ratios)):
            raise ValueError(f"ratios (J0/h0) must be a 1-D array of at least 2 finite values, "
                             f"got {ratios!r:.80}")
        if np.any(np.diff(self.ratios) <= 0) or self.ratios[0] <= 0:
            raise ValueError(f"ratios (J0/h0) must be > 0 and strictly increasing, got "
                             f"{self.ratios.tolist()}")
        if interpolation not in INTERPOLATIONS:
            raise ValueError(f"interpolation must be one of {INTERPOLATIONS}, got "
                             f"{interpolation!r}")
        if variable not in VARIABLES:
            raise ValueError(f"variable must be one of {VARIABLES}, got {variable!r}")
        if interpolation == "cubic" and self.ratios.size < 3:
            raise ValueError(f"interpolation 'cubic' needs at least 3 scan points, got "
                             f"{self.ratios.size}; use 'linear'")
        self.temperatures = np.asarray(temperatures, dtype=float)
        self.edges = np.asarray(edges, dtype=float)
        self.density = np.asarray(density, dtype=float)
        shape = (self.ratios.size, self.temperatures.size, self.edges.size - 1)
        if self.density.shape != shape:
            raise ValueError(f"density has shape {self.density.shape}, expected (len(ratios), "
                             f"len(temperatures), len(edges) - 1) = {shape}")
        self.interpolation, self.variable = interpolation, variable
        self.temperature_interpolation = _check_t_interpolation(temperature_interpolation)
        self.blocks = blocks
        self.names = tuple(names) if names is not None else tuple(
            f"J0/h0 = {r:g}" for r in self.ratios)
        x = self._x(self.ratios)
        if interpolation == "cubic":
            from scipy.interpolate import CubicSpline

            self._spline = CubicSpline(x, np.eye(self.ratios.size), axis=0, bc_type="natural")
        self._nodes = x

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_datasets(cls, datasets, interpolation: str = "cubic",
                      variable: str = "log") -> DOSEmulator:
        """The emulator of a scan of Monte Carlo datasets.

        Parameters
        ----------
        datasets : sequence of SimulatedDOS or str
            The scan (loaded, or registry names / paths for
            :func:`tlspaper.dos.load_simulated`), any order; they must differ only in J0.
        interpolation, variable : str
            See :class:`DOSEmulator`.

        Returns
        -------
        DOSEmulator
            Over the annealing stages (a quench stage is left out, as by
            :class:`tlspaper.dos.SimulatedDOS`).

        Examples
        --------
        >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz"],
        ...                                 interpolation="linear")
        >>> emu.ratios.tolist(), emu.parameter
        ([0.1, 0.2], 'J0/h0')
        """
        sims = [d if isinstance(d, SimulatedDOS) else load_simulated(d) for d in datasets]
        if len(sims) < 2:
            raise ValueError(f"datasets must hold at least 2 scan points, got {len(sims)}")
        sims.sort(key=lambda d: d.J0 / d.h0)
        first = sims[0]
        for d in sims[1:]:
            same = ((d.L, d.h0, d.x, d.n_tls) == (first.L, first.h0, first.x, first.n_tls)
                    and d.meta["params"]["model"]["C"] == first.meta["params"]["model"]["C"])
            if not same:
                raise ValueError(f"{d.name} differs from {first.name} in more than J0 (L, h0, x "
                                 "or C); a scan varies J0 only")
            if not (np.array_equal(d.edges, first.edges)
                    and np.array_equal(d.temperatures, first.temperatures)
                    and np.array_equal(d.block_stages, first.block_stages)
                    and d.block_counts.shape[0] == first.block_counts.shape[0]):
                raise ValueError(f"{d.name} has another histogram grid, schedule or block layout "
                                 f"than {first.name}")
        ratios = [d.J0 / d.h0 for d in sims]
        blocks = {"counts": np.stack([d.block_counts for d in sims]),
                  "realizations": np.stack([d.block_realizations for d in sims]),
                  "stages": np.asarray(first.block_stages), "n_tls": first.n_tls}
        return cls(ratios, first.temperatures, first.edges, [d.density for d in sims],
                   interpolation, variable, blocks, names=[d.name for d in sims])

    def with_scheme(self, interpolation: str | None = None, variable: str | None = None,
                    temperature_interpolation: str | None = None) -> DOSEmulator:
        """The same scan under another interpolation scheme, variable or T interpolation.

        Examples
        --------
        >>> emu = DOSEmulator([0.1, 0.2], [0.5], [0.0, 1.0], [[[0.3]], [[0.1]]],
        ...                   interpolation="linear")
        >>> emu.with_scheme(variable="linear").variable
        'linear'
        >>> emu.with_scheme(temperature_interpolation="nearest").temperature_interpolation
        'nearest'
        """
        return DOSEmulator(self.ratios, self.temperatures, self.edges, self.density,
                           interpolation or self.interpolation, variable or self.variable,
                           self.blocks, self.names,
                           temperature_interpolation or self.temperature_interpolation)

    def without(self, index: int) -> DOSEmulator:
        """The emulator of the scan with point `index` left out (for leave-one-out checks).

        Examples
        --------
        >>> emu = DOSEmulator([0.1, 0.2, 0.3], [0.5], [0.0, 1.0], [[[0.3]], [[0.2]], [[0.1]]],
        ...                   interpolation="linear")
        >>> emu.without(1).ratios.tolist()
        [0.1, 0.3]
        """
        index = positive_int("index", index, 0)
        if index >= self.ratios.size:
            raise ValueError(f"index must be < {self.ratios.size} (scan points), got {index}")
        keep = np.arange(self.ratios.size) != index
        blocks = None
        if self.blocks is not None:
            blocks = {**self.blocks, "counts": self.blocks["counts"][keep],
                      "realizations": self.blocks["realizations"][keep]}
        return DOSEmulator(self.ratios[keep], self.temperatures, self.edges,
                           self.density[keep], self.interpolation, self.variable, blocks,
                           [n for n, k in zip(self.names, keep, strict=True) if k],
                           self.temperature_interpolation)

    # ------------------------------------------------------------------ the emulated DOS
    def _x(self, r):
        return np.log(r) if self.variable == "log" else np.asarray(r, dtype=float)

    @property
    def bounds(self) -> tuple[float, float]:
        """The scan's range of J0/h0 (dimensionless): no extrapolation beyond it."""
        return float(self.ratios[0]), float(self.ratios[-1])

    @property
    def starts(self) -> tuple:
        """Starting values a fit tries (the scan points, dimensionless)."""
        return tuple(float(r) for r in self.ratios)

    def weights(self, ratio) -> np.ndarray:
        """Interpolation weights of the scan points at `ratio` (J0/h0); they sum to one.

        Examples
        --------
        >>> emu = DOSEmulator([0.1, 0.2], [0.5], [0.0, 1.0], [[[0.3]], [[0.1]]],
        ...                   interpolation="linear", variable="linear")
        >>> np.round(emu.weights(0.125), 9).tolist()
        [0.75, 0.25]
        """
        r = _check_ratio(ratio, *self.bounds)
        x = float(self._x(r))
        if self.interpolation == "cubic":
            w = np.asarray(self._spline(x), dtype=float)
        else:
            w = np.zeros(self.ratios.size)
            i = int(np.clip(np.searchsorted(self._nodes, x) - 1, 0, self.ratios.size - 2))
            t = (x - self._nodes[i]) / (self._nodes[i + 1] - self._nodes[i])
            w[i], w[i + 1] = 1.0 - t, t
        hit = np.flatnonzero(np.isclose(self.ratios, r, rtol=1e-12, atol=0))
        if hit.size:  # exactly the dataset at a scan point (no round-off of the weights)
            w = np.zeros(self.ratios.size)
            w[hit[0]] = 1.0
        return w

    def table(self, ratio) -> np.ndarray:
        """The emulated density n(T, E) [1/K], shape (nT, nbins), at `ratio` (J0/h0)."""
        return np.tensordot(self.weights(ratio), self.density, axes=1)

    def dos(self, ratio) -> EmulatedDOS:
        """The emulated DOS at `ratio` (J0/h0) as a callable ``dos(T, E)`` [1/K].

        Examples
        --------
        >>> emu = DOSEmulator([0.1, 0.2], [0.5], [0.0, 1.0], [[[0.3]], [[0.1]]],
        ...                   interpolation="linear", variable="linear")
        >>> round(float(emu.dos(0.15)(0.5, 0.2)), 6)
        0.2
        """
        return EmulatedDOS(self.temperatures, self.edges, self.table(ratio), ratio,
                           temperature_interpolation=self.temperature_interpolation)

    def __call__(self, T, E, ratio):
        """n(T, E; J0/h0) [1/K]: :meth:`dos` at `ratio`, called at (T [K], E [K])."""
        return self.dos(ratio)(T, E)

    def __repr__(self) -> str:
        t = ("" if self.temperature_interpolation == "log" else
             f", {self.temperature_interpolation} in T between stages")
        return (f"DOSEmulator({self.ratios.size} scan points, J0/h0 = {self.bounds[0]:g} - "
                f"{self.bounds[1]:g}, {self.interpolation} in {self.variable} J0/h0{t})")

    # ------------------------------------------------------------------ statistics
    def _blocks(self):
        if self.blocks is None:
            raise ValueError("this emulator has no block histograms (a replica, or built "
                             "without blocks): no statistical errors")
        return self.blocks

    def error(self, ratio) -> np.ndarray:
        """Jackknife standard error [1/K] of :meth:`table` at `ratio`, shape (nT, nbins).

        Leave-one-block-out over the blocks shared by every dataset of the scan (the same
        block deleted from all of them, so the correlation of their common disorder is kept),
        propagated through the interpolation weights.  NaN outside the block histograms
        (stages above their temperature limit, |E| above their energy limit).

        Examples
        --------
        >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz"],
        ...                                 interpolation="linear")
        >>> err = emu.error(0.15)
        >>> i = list(emu.temperatures).index(0.5)
        >>> bool(np.all(err[i, 10:200] > 0)), bool(np.isnan(err[i, -1]))
        (True, True)
        """
        b = self._blocks()
        w = self.weights(ratio)
        counts, reals = b["counts"].astype(float), b["realizations"].astype(float)
        n_low = counts.shape[-1]
        width = np.diff(self.edges)[:n_low]
        exposure = 2.0 * b["n_tls"]
        total_c, total_r = counts.sum(axis=1), reals.sum(axis=1)  # (nJ, ns, nc), (nJ,)
        nb = counts.shape[1]
        jack = np.empty((nb,) + counts.shape[2:])
        for j in range(nb):
            r = total_r - reals[:, j]
            dens = (total_c - counts[:, j]) / (exposure * r[:, None, None] * width)
            jack[j] = np.tensordot(w, dens, axes=1)
        var = (nb - 1) / nb * np.sum((jack - jack.mean(axis=0)) ** 2, axis=0)
        out = np.full(self.density.shape[1:], np.nan)
        out[b["stages"], :n_low] = np.sqrt(var)
        return out

    def replicas(self, n: int, seed: int):
        """Bootstrap replicas of the emulator, resampling the shared blocks of realizations.

        Each replica draws ``n_blocks`` blocks with replacement, the *same* draw for every
        dataset and every stage (the datasets share their disorder realization by
        realization), and replaces the densities of the block region by those of the draw;
        elsewhere it keeps the full data (as :func:`tlspaper.observables.bootstrap_dos`).

        Parameters
        ----------
        n : int
            Number of replicas (>= 1).
        seed : int
            Seed of ``numpy.random.default_rng``.

        Yields
        ------
        DOSEmulator
            Same scheme and scan, no blocks of its own.

        Examples
        --------
        >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz"],
        ...                                 interpolation="linear")
        >>> rep = next(emu.replicas(1, seed=1))
        >>> rep.density.shape == emu.density.shape, bool(np.all(rep.density[:, 0] ==
        ...                                                     emu.density[:, 0]))
        (True, True)
        """
        n = positive_int("n", n, 1)
        b = self._blocks()
        rng = np.random.default_rng(seed)
        counts, reals = b["counts"], b["realizations"]
        n_low = counts.shape[-1]
        width = np.diff(self.edges)[:n_low]
        nb = counts.shape[1]
        stages = np.asarray(b["stages"])
        for _ in range(n):
            pick = rng.integers(0, nb, nb)
            c = counts[:, pick].sum(axis=1)  # (nJ, ns, nc)
            r = reals[:, pick].sum(axis=1)  # (nJ,)
            density = self.density.copy()
            density[:, stages, :n_low] = c / (2.0 * b["n_tls"] * r[:, None, None] * width)
            yield DOSEmulator(self.ratios, self.temperatures, self.edges, density,
                              self.interpolation, self.variable, None, self.names,
                              self.temperature_interpolation)


@dataclasses.dataclass(frozen=True)
class LeaveOneOut:
    """A scan point predicted from the others, against its own data (:func:`leave_one_out`).

    Attributes
    ----------
    ratio : float
        J0/h0 of the left-out point (dimensionless).
    name : str
        Its dataset.
    temperatures : numpy.ndarray, shape (ns,)
        Stages compared [K] (those with block histograms).
    edges : numpy.ndarray, shape (nc + 1,)
        Bins of |E| compared [K].
    predicted, own : numpy.ndarray, shape (ns, nc)
        Mean density [1/K] per bin: interpolated from the other points, and the point's own.
    error : numpy.ndarray, shape (ns, nc)
        Jackknife standard error [1/K] of ``predicted - own`` (the common blocks deleted from
        every dataset together).
    interpolation, variable : str
        The scheme used.
    replicates : numpy.ndarray, shape (n_blocks, ns, nc)
        The leave-one-block-out replicates of ``predicted - own`` [1/K], from which `error`
        and the covariance of any combination of cells (:meth:`stage_averaged`) follow.
    """

    ratio: float
    name: str
    temperatures: np.ndarray
    edges: np.ndarray
    predicted: np.ndarray
    own: np.ndarray
    error: np.ndarray
    interpolation: str
    variable: str
    replicates: np.ndarray | None = None

    @property
    def z(self) -> np.ndarray:
        """(predicted − own) / error per stage and bin (dimensionless)."""
        return (self.predicted - self.own) / self.error

    @property
    def relative(self) -> np.ndarray:
        """(predicted − own) / own per stage and bin (dimensionless)."""
        return self.predicted / self.own - 1.0

    @property
    def chi2_per_stage(self) -> np.ndarray:
        """Σ z² over the bins of each stage (bins treated as independent)."""
        return np.sum(self.z**2, axis=1)

    @property
    def max_abs_z(self) -> float:
        """Largest |z| over all stages and bins."""
        return float(np.max(np.abs(self.z)))

    def stage_averaged(self) -> dict:
        """A test of the residual averaged over the stages, bin by bin, with its covariance.

        The cells of one bin at different stages share their realizations, so a bias of
        about 1σ per cell, coherent over the stages, is invisible cell by cell.  Here the
        difference ``predicted - own`` is averaged over the stages in each bin of |E|; the
        covariance of the averages between bins is the jackknife covariance of
        :attr:`replicates`; and ``T² = dᵀ Σ⁻¹ d`` is referred to Hotelling's distribution for
        a covariance estimated from ``n_blocks`` replicates,
        ``T² (n − p) / (p (n − 1)) ~ F(p, n − p)`` (p the number of bins with a non-zero
        variance).

        Returns
        -------
        dict
            ``difference`` (nc,) the stage-averaged ``predicted - own`` [1/K]; ``z`` (nc,)
            each bin's average over its own jackknife error (dimensionless); ``t2`` (T²),
            ``dof`` (p), ``p_value`` (of the F distribution above).

        Examples
        --------
        >>> reps = np.random.default_rng(0).normal(size=(50, 3, 2)) / np.sqrt(49)
        >>> loo = LeaveOneOut(0.2, "x", np.ones(3), np.arange(3.0), np.zeros((3, 2)),
        ...                   np.zeros((3, 2)), np.ones((3, 2)), "cubic", "log", reps)
        >>> out = loo.stage_averaged()
        >>> out["dof"], float(out["t2"]), float(out["p_value"])
        (2, 0.0, 1.0)
        """
        if self.replicates is None:
            raise ValueError("this LeaveOneOut has no jackknife replicates (stage_averaged "
                             "needs them)")
        nb = self.replicates.shape[0]
        d = np.mean(self.predicted - self.own, axis=0)
        reps = self.replicates.mean(axis=1)  # (nb, nc)
        dev = reps - reps.mean(axis=0)
        cov = (nb - 1) / nb * dev.T @ dev
        var = np.diag(cov)
        keep = var > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.where(keep, d / np.sqrt(var), np.nan)
        p = int(keep.sum())
        if not 0 < p < nb:
            raise ValueError(f"{p} bins with a variance for {nb} jackknife replicates: the "
                             "covariance cannot be inverted (use fewer bins)")
        t2 = float(d[keep] @ np.linalg.solve(cov[np.ix_(keep, keep)], d[keep]))
        from scipy.stats import f as f_dist

        p_value = float(f_dist.sf(t2 * (nb - p) / (p * (nb - 1)), p, nb - p))
        return {"difference": d, "z": z, "t2": t2, "dof": p, "p_value": p_value}


def _coarse(emulator: DOSEmulator, edges):
    """Block counts of `emulator` summed into coarse bins of |E| (`edges` [K] moved to the
    nearest histogram edges): counts (nJ, nb, ns, nc), realizations (nJ, nb), the histogram-edge
    indices, and the density factor 1/(2 n_tls width) per coarse bin."""
    b = emulator._blocks()
    counts, reals = b["counts"].astype(float), b["realizations"].astype(float)
    n_low = counts.shape[-1]
    want = np.asarray(edges, dtype=float)
    if want.ndim != 1 or want.size < 2 or np.any(np.diff(want) <= 0):
        raise ValueError("edges must be a 1-D increasing array of at least 2 energies [K]")
    if want[-1] > emulator.edges[n_low] * (1 + 1e-9) or want[0] < 0:
        raise ValueError(f"edges must lie in 0 - {emulator.edges[n_low]:.4g} K (the block "
                         f"histograms), got {want[0]:g} - {want[-1]:g} K")
    idx = np.unique(np.clip(np.searchsorted(emulator.edges, want), 0, n_low))
    if idx.size < 2:
        raise ValueError("edges select fewer than one histogram bin")
    cum = np.concatenate([np.zeros(counts.shape[:3] + (1,)), np.cumsum(counts, axis=-1)],
                         axis=-1)
    coarse = np.diff(cum[..., idx], axis=-1)  # (nJ, nb, ns, nc)
    factor = 1.0 / (2.0 * b["n_tls"] * np.diff(emulator.edges[idx]))
    return coarse, reals, idx, factor


def _jackknife(coarse, reals, factor, combine):
    """`combine(density)` of the full data and of each leave-one-block-out replicate;
    density has shape (nJ, ns, nc)."""
    def density(c, r):
        return c * factor / r[:, None, None]

    total_c, total_r = coarse.sum(axis=1), reals.sum(axis=1)
    full = combine(density(total_c, total_r))
    reps = np.stack([combine(density(total_c - coarse[:, j], total_r - reals[:, j]))
                     for j in range(coarse.shape[1])])
    return full, reps


def _jack_error(reps):
    nb = reps.shape[0]
    return np.sqrt((nb - 1) / nb * np.sum((reps - reps.mean(axis=0)) ** 2, axis=0))


def leave_one_out(emulator: DOSEmulator, index: int, edges=COARSE_EDGES) -> LeaveOneOut:
    """Predict scan point `index` from the others and compare it with its own data.

    The emulator without the point (same scheme) is evaluated at the point's J0/h0; the
    predicted and the own density are compared on coarse bins of |E| (`edges`, moved to the
    nearest histogram edges inside the block histograms) at every stage that has block
    histograms.  The error of the difference is the jackknife over the blocks shared by all
    datasets (the same block deleted from every dataset, which keeps whatever correlation
    their common disorder gives; :func:`block_correlation` measures it).  Leaving a point out
    doubles the gap the interpolation bridges there, so the check is conservative for the
    scan in use.

    Parameters
    ----------
    emulator : DOSEmulator
        With block histograms.
    index : int
        An interior scan point (0 < index < number of points − 1): the end points would be
        extrapolations.
    edges : array_like
        Coarse bins of |E| [K], increasing, inside the block histograms.

    Returns
    -------
    LeaveOneOut

    Examples
    --------
    >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz",
    ...                                  "dos_mc_L8_J3K.npz"], interpolation="linear")
    >>> loo = leave_one_out(emu, 1)
    >>> loo.ratio, loo.z.shape, loo.replicates.shape
    (0.2, (16, 10), (100, 16, 10))
    """
    b = emulator._blocks()
    index = positive_int("index", index, 0)
    if not 0 < index < emulator.ratios.size - 1:
        raise ValueError(f"index must be an interior scan point, 1 - {emulator.ratios.size - 2}"
                         f" (the ends would be extrapolated), got {index}")
    coarse, reals, idx, factor = _coarse(emulator, edges)
    rest = emulator.without(index)
    v = np.zeros(emulator.ratios.size)
    v[np.arange(emulator.ratios.size) != index] = rest.weights(emulator.ratios[index])
    v[index] -= 1.0  # predicted minus own

    dens = coarse.sum(axis=1) * factor / reals.sum(axis=1)[:, None, None]
    own = dens[index]
    pred = np.tensordot(v, dens, axes=1) + own
    _, diffs = _jackknife(coarse, reals, factor, lambda d: np.tensordot(v, d, axes=1))
    return LeaveOneOut(float(emulator.ratios[index]), emulator.names[index],
                       emulator.temperatures[b["stages"]], emulator.edges[idx], pred, own,
                       _jack_error(diffs), emulator.interpolation, emulator.variable, diffs)


def block_correlation(emulator: DOSEmulator, i: int, j: int, edges=COARSE_EDGES) -> dict:
    """How strongly two datasets of the scan are correlated through their common disorder.

    The datasets of a scan share their disorder realization by realization (common random
    numbers).  This measures what that buys: per stage and coarse bin of |E| (as
    :func:`leave_one_out`), the correlation of the leave-one-block-out replicates of the two
    densities, and the error of their difference relative to the errors added in quadrature
    (one for independent datasets, below one for positively correlated ones).

    Parameters
    ----------
    emulator : DOSEmulator
        With block histograms.
    i, j : int
        Two scan points (indices).
    edges : array_like
        Coarse bins of |E| [K].

    Returns
    -------
    dict
        ``correlation`` and ``ratio`` (σ(n_i − n_j)/√(σ_i² + σ_j²)), both (ns, nc) and
        dimensionless; ``temperatures`` (ns,) [K]; ``edges`` (nc + 1,) [K].

    Examples
    --------
    >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz"],
    ...                                 interpolation="linear")
    >>> out = block_correlation(emu, 0, 1)
    >>> out["correlation"].shape, bool(np.all(np.abs(out["correlation"]) <= 1))
    ((16, 10), True)
    """
    b = emulator._blocks()
    n = emulator.ratios.size
    for name, k in (("i", i), ("j", j)):
        k = positive_int(name, k, 0)
        if k >= n:
            raise ValueError(f"{name} must be < {n} (scan points), got {k}")
    if i == j:
        raise ValueError(f"i and j must be two different scan points, got {i} twice")
    coarse, reals, idx, factor = _coarse(emulator, edges)
    _, reps = _jackknife(coarse, reals, factor, lambda dens: dens[[i, j]])  # (nb, 2, ns, nc)
    dev = reps - reps.mean(axis=0)
    var_i, var_j = np.sum(dev[:, 0] ** 2, axis=0), np.sum(dev[:, 1] ** 2, axis=0)
    cov = np.sum(dev[:, 0] * dev[:, 1], axis=0)
    var_d = np.sum((dev[:, 0] - dev[:, 1]) ** 2, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.sqrt(var_i * var_j)
        ratio = np.sqrt(var_d / (var_i + var_j))
    return {"correlation": corr, "ratio": ratio,
            "temperatures": emulator.temperatures[b["stages"]], "edges": emulator.edges[idx]}


def replica_spread(fit, emulator: DOSEmulator, n: int, seed: int) -> dict[str, np.ndarray]:
    """Refit over bootstrap replicas of the emulator: the emulator's error on fitted numbers.

    Parameters
    ----------
    fit : callable
        ``fit(family) -> dict`` of named numbers (e.g. the fitted J0/h0), called with each
        replica (:meth:`DOSEmulator.replicas`) as the DOS family.
    emulator : DOSEmulator
        With block histograms.
    n : int
        Number of replicas.
    seed : int
        Seed of the resampling.

    Returns
    -------
    dict of str to numpy.ndarray
        Each name's values over the replicas (shape (n,)); their standard deviation is the
        emulator's statistical error on that number.

    Examples
    --------
    >>> emu = DOSEmulator.from_datasets(["dos_mc_L8_J1K.npz", "dos_mc_L8_J2K.npz"],
    ...                                 interpolation="linear")
    >>> out = replica_spread(lambda f: {"n": float(f(0.5, 0.1, 0.15))}, emu, 3, seed=0)
    >>> out["n"].shape
    (3,)
    """
    values: dict[str, list] = {}
    for rep in emulator.replicas(n, seed):
        for key, value in fit(rep).items():
            values.setdefault(key, []).append(float(value))
    return {key: np.asarray(v) for key, v in values.items()}
