"""Simulated-annealing Monte Carlo of Ising TLSs: Eq. 2 of Churkin et al. (2021), or any J and h."""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numba
import numpy as np
from numba import njit, prange

from . import __version__
from ._checks import positive
from .data import save_npz

__all__ = [
    "DEFAULT_SWEEPS",
    "LOW_TEMPERATURES",
    "TLS_GLASS_STAGES",
    "TLS_GLASS_TOP",
    "ZERO_TEMPERATURE",
    "Accumulator",
    "AnnealResult",
    "Model",
    "RunParams",
    "TLSGlassAnneal",
    "anneal_realization",
    "anneal_system",
    "anneal_tls_glass",
    "check_schedule",
    "default_output_name",
    "default_schedule",
    "environment",
    "geometric_schedule",
    "local_fields",
    "make_realization",
    "metropolis_sample",
    "pair_flip_energies",
    "quench_state",
    "simulate",
    "simulate_chunk",
    "single_flip_energies",
    "stability",
    "tls_glass_asymmetries",
    "tls_glass_schedule",
    "tls_glass_system",
    "write_dataset",
]

#: The 15 stages [K] at or below 1 K that end the default schedule (before the T = 0 stage):
#: the DOS is fitted and the observables are evaluated at these temperatures.
LOW_TEMPERATURES = (1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.14, 0.1, 0.07, 0.05, 0.04, 0.03,
                    0.02)
#: The temperature [K] of the last annealing stage, which emulates T = 0 (2 μK).
ZERO_TEMPERATURE = 2e-6
#: Default number of Metropolis sweeps per temperature (257, the protocol of Churkin et al.
#: (2021); the paper layer passes its own value explicitly).
DEFAULT_SWEEPS = 257

# ---------------------------------------------------------------------------------------------
# The annealing schedule
# ---------------------------------------------------------------------------------------------


def default_schedule() -> np.ndarray:
    """The annealing temperatures [K]: 42 stages from 300 K to 0.02 K, then 2 μK.

    Four paramagnetic stages (300, 100, 50, 30 K), where every TLS is thermally disordered
    and a stage only needs to randomise the spins; then a geometric ladder of 23 stages from
    20 K down to 1.14 K (13 % steps), the range between about 2 h0 and J0/2 (for h0 = 10 K,
    J0 = 2-3 K) where the TLSs freeze into their random fields and the interactions dig the
    dipolar gap, so that the anneal passes slowly through it; then the 15 stages of
    :data:`LOW_TEMPERATURES` (1 K down to 0.02 K) and :data:`ZERO_TEMPERATURE`.  Few stages
    at high temperature also keep the run fast: there nearly every flip is accepted, and each
    accepted flip costs one update of all N local fields.

    Returns
    -------
    numpy.ndarray, shape (43,)
        Strictly decreasing temperatures [K]; the last is :data:`ZERO_TEMPERATURE`.

    Examples
    --------
    >>> s = default_schedule()
    >>> len(s), float(s[0]), float(s[-2]), float(s[-1])
    (43, 300.0, 0.02, 2e-06)
    """
    high = [300.0, 100.0, 50.0, 30.0]
    ladder = [float(f"{20.0 * 20.0 ** (-i / 23):.4g}") for i in range(23)]
    return np.array(high + ladder + list(LOW_TEMPERATURES) + [ZERO_TEMPERATURE])


def check_schedule(temperatures) -> np.ndarray:
    """Validate an annealing schedule and return it as a float array.

    Parameters
    ----------
    temperatures : array_like
        Temperatures [K]: finite, positive and strictly decreasing, at least one.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ValueError
        Naming the offending entry.

    Examples
    --------
    >>> check_schedule([1.0, 0.5]).tolist()
    [1.0, 0.5]
    >>> check_schedule([1.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: temperatures must be strictly decreasing, got T[1] = 1.0 K after T[0] = 1.0 K
    """
    t = np.asarray(temperatures, dtype=float).ravel()
    if t.size == 0:
        raise ValueError("temperatures must contain at least one temperature, got none")
    bad = np.flatnonzero(~np.isfinite(t) | (t <= 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"temperatures must be positive and finite [K], got T[{i}] = {t[i]} K")
    inc = np.flatnonzero(np.diff(t) >= 0)
    if inc.size:
        i = int(inc[0]) + 1
        raise ValueError(
            f"temperatures must be strictly decreasing, got T[{i}] = {t[i]} K after "
            f"T[{i - 1}] = {t[i - 1]} K"
        )
    return t


# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """Eq. 2: random-field Ising model with random 1/R³ couplings on a diluted L³ lattice.

    ``H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j`` with ``h_i = h0 c_i`` and
    ``J_ij = c_ij J0 / (R_ij³ + C)`` (lattice constant R0 = 1, periodic boundaries, minimum
    image), c_i and c_ij independent standard normal.  ``round(x L³)`` TLSs occupy randomly
    chosen sites.

    Parameters
    ----------
    L : int
        Linear lattice size (>= 2).
    J0 : float
        Nearest-neighbour interaction scale [K] (>= 0).
    x : float
        TLS concentration, in (0, 1].
    h0 : float
        Random-field scale [K] (>= 0).
    C : float
        Short-distance cutoff (in units of R0³, >= 0; C = 0 needs no coinciding TLSs, which
        the lattice guarantees).

    Examples
    --------
    >>> Model(L=8, J0=2.0).n_tls
    256
    >>> Model(L=1, J0=2.0)
    Traceback (most recent call last):
    ...
    ValueError: L must be an integer >= 2 (lattice size), got 1
    """

    L: int
    J0: float
    x: float = 0.5
    h0: float = 10.0
    C: float = 1.0

    def __post_init__(self):
        if isinstance(self.L, bool) or int(self.L) != self.L or self.L < 2:
            raise ValueError(f"L must be an integer >= 2 (lattice size), got {self.L}")
        object.__setattr__(self, "L", int(self.L))
        if not (0 < self.x <= 1):
            raise ValueError(f"x must be a concentration in (0, 1], got {self.x}")
        for name in ("J0", "h0", "C"):
            object.__setattr__(self, name, positive(name, getattr(self, name), allow_zero=True))
        object.__setattr__(self, "x", float(self.x))
        if self.n_tls < 2:
            raise ValueError(f"x = {self.x} at L = {self.L} leaves {self.n_tls} TLS; need >= 2")

    @property
    def n_tls(self) -> int:
        """Number of TLSs, ``round(x L³)``."""
        return int(round(self.x * self.L**3))


@dataclass(frozen=True)
class RunParams:
    """Everything that determines a dataset, bit for bit.

    Parameters
    ----------
    model : Model
    temperatures : tuple of float
        Annealing schedule [K], strictly decreasing (default :func:`default_schedule`).
    sweeps : int
        Metropolis sweeps per temperature (default :data:`DEFAULT_SWEEPS`).
    seed : int
        Master seed; realization k is generated from (seed, k) only.
    grid_scale, grid_step, grid_max : float
        Histogram of |E|: edges ``grid_scale * sinh(grid_step * b)`` [K], b = 0, 1, ... up to
        `grid_max` [K] (width ``grid_scale*grid_step`` = 1 mK near 0, 2 % at high E).
    n_blocks : int
        Realization k is added to block ``k % n_blocks`` of the low-energy block histograms
        (for bootstrap errors over realizations).
    block_emax : float
        Upper energy [K] of the block histograms.
    block_tmax : float
        Block histograms are kept for stages with T <= `block_tmax` [K].
    quench : bool
        After the last annealing stage, relax the state at zero temperature until it is
        stable against every single and every pair flip (:func:`quench_state`) and record it
        as one more stage, labelled T = 0 (default False: the datasets written before the
        quench existed carry no such stage and load unchanged).  The annealing stages are
        bit-identical with and without it.
    """

    model: Model
    temperatures: tuple = field(default_factory=lambda: tuple(default_schedule().tolist()))
    sweeps: int = DEFAULT_SWEEPS
    seed: int = 2021
    grid_scale: float = 0.05
    grid_step: float = 0.02
    grid_max: float = 400.0
    n_blocks: int = 100
    block_emax: float = 2.5
    block_tmax: float = 1.0
    quench: bool = False

    def __post_init__(self):
        object.__setattr__(self, "temperatures", tuple(check_schedule(self.temperatures).tolist()))
        if int(self.sweeps) != self.sweeps or self.sweeps < 1:
            raise ValueError(f"sweeps must be an integer >= 1, got {self.sweeps}")
        if int(self.seed) != self.seed or not 0 <= self.seed < 2**63:
            raise ValueError(f"seed must be an integer in [0, 2**63), got {self.seed}")
        if int(self.n_blocks) != self.n_blocks or self.n_blocks < 1:
            raise ValueError(f"n_blocks must be an integer >= 1, got {self.n_blocks}")
        if not isinstance(self.quench, (bool, np.bool_)):
            raise ValueError(f"quench must be True or False, got {self.quench!r}")
        object.__setattr__(self, "quench", bool(self.quench))

    @property
    def edges(self) -> np.ndarray:
        """Bin edges of |E| [K]."""
        nb = int(math.ceil(math.asinh(self.grid_max / self.grid_scale) / self.grid_step))
        return self.grid_scale * np.sinh(self.grid_step * np.arange(nb + 1))

    @property
    def n_low(self) -> int:
        """Number of bins of the low-energy block histograms."""
        return int(np.searchsorted(self.edges, self.block_emax))

    @property
    def stage_temperatures(self) -> np.ndarray:
        """Temperature [K] of every recorded stage: the schedule, then 0.0 for the quench."""
        return np.asarray(self.temperatures + ((0.0,) if self.quench else ()))

    @property
    def block_stages(self) -> np.ndarray:
        """Indices of the stages with block histograms (T <= block_tmax; the quench too)."""
        return np.flatnonzero(self.stage_temperatures <= self.block_tmax * (1 + 1e-12))

    def to_dict(self) -> dict:
        """JSON-serialisable form (stored in the dataset's ``meta``)."""
        d = dataclasses.asdict(self)
        d["temperatures"] = list(self.temperatures)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> RunParams:
        """Inverse of :meth:`to_dict`."""
        d = dict(d)
        d["model"] = Model(**d["model"])
        d["temperatures"] = tuple(d["temperatures"])
        return cls(**d)


# ---------------------------------------------------------------------------------------------
# Numba kernels: random numbers
# ---------------------------------------------------------------------------------------------

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TWO_M53 = 1.0 / 9007199254740992.0
#: exp(-dE/T) < 2^-53 <= u for dE/T above this: the Metropolis test cannot accept.
_CUT = 36.8


@njit(cache=True, inline="always")
def _mix64(z):
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


@njit(cache=True, inline="always")
def _uniform(s):
    """SplitMix64 step: return (new state, uniform in (0, 1])."""
    s = s + _GOLDEN
    z = _mix64(s)
    return s, ((z >> np.uint64(11)) + np.uint64(1)) * _TWO_M53


@njit(cache=True)
def _stream_seed(seed, k):
    return _mix64(_mix64(np.uint64(seed) + _GOLDEN) ^ _mix64(np.uint64(k) * _GOLDEN + _MIX2))


@njit(cache=True, inline="always")
def _normal_pair(s):
    s, u1 = _uniform(s)
    s, u2 = _uniform(s)
    r = math.sqrt(-2.0 * math.log(u1))
    return s, r * math.cos(2.0 * math.pi * u2), r * math.sin(2.0 * math.pi * u2)


# ---------------------------------------------------------------------------------------------
# Numba kernels: one realization
# ---------------------------------------------------------------------------------------------


@njit(cache=True)
def _generate(L, n, h0, J0, C, s):
    """Positions, random fields h (float64) and couplings J (float32) of one realization."""
    L3 = L * L * L
    sites = np.arange(L3)
    for a in range(n):  # partial Fisher-Yates: n distinct random sites
        s = s + _GOLDEN
        r = a + np.int64(_mix64(s) % np.uint64(L3 - a))
        t = sites[a]
        sites[a] = sites[r]
        sites[r] = t
    pos = np.empty((n, 3), np.int64)
    for a in range(n):
        pos[a, 0] = sites[a] // (L * L)
        pos[a, 1] = (sites[a] // L) % L
        pos[a, 2] = sites[a] % L
    h = np.empty(n)
    for a in range(0, n, 2):
        s, g1, g2 = _normal_pair(s)
        h[a] = h0 * g1
        if a + 1 < n:
            h[a + 1] = h0 * g2
    J = np.zeros((n, n), np.float32)
    spare = 0.0
    have = False
    for i in range(n):
        for j in range(i + 1, n):
            if have:
                c = spare
                have = False
            else:
                s, c, spare = _normal_pair(s)
                have = True
            r2 = 0.0
            for d in range(3):
                dx = abs(pos[i, d] - pos[j, d])
                dx = min(dx, L - dx)
                r2 += dx * dx
            v = np.float32(c * J0 / (r2 * math.sqrt(r2) + C))
            J[i, j] = v
            J[j, i] = v
    return s, pos, h, J


@njit(cache=True, fastmath=True)
def _fields(J, h, tau, f64):
    """Exact local fields f_i = h_i + Σ_j J_ij τ_j, accumulated in float64."""
    n = tau.size
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += np.float64(J[i, j] * tau[j])
        f64[i] = h[i] + acc


@njit(cache=True, fastmath=True)
def _sweeps(J, f, tau, T, nsweeps, s):
    """`nsweeps` sequential Metropolis sweeps at temperature T; fields f updated on accept.

    Returns the RNG state and the number of accepted flips.  Uphill moves with dE >= 36.8 T
    are rejected without drawing a random number: exp(-dE/T) < 2^-53 <= u, so the test could
    not accept them (the result is the same as drawing).
    """
    n = tau.size
    cut = _CUT * T
    inv_t = 1.0 / T
    accepted = 0
    for _ in range(nsweeps):
        for i in range(n):
            dE = -2.0 * tau[i] * f[i]
            if dE > 0.0:
                if dE >= cut:
                    continue
                s, u = _uniform(s)
                if u >= math.exp(-dE * inv_t):
                    continue
            c = np.float32(-2.0) * tau[i]
            tau[i] = -tau[i]
            for j in range(n):  # all local fields change: f_j += -2 τ_i J_ij (SIMD)
                f[j] += c * J[i, j]
            accepted += 1
    return s, accepted


@njit(cache=True)
def _stability(J, f64, tau, tol):
    """(single-flip stable, pair-flip stable) of configuration tau with exact fields f64."""
    n = tau.size
    E = np.empty(n)
    single = True
    for i in range(n):
        E[i] = -2.0 * tau[i] * f64[i]
        if E[i] < -tol:
            single = False
    pair = True
    for i in range(n):
        for j in range(i + 1, n):
            if E[i] + E[j] + 4.0 * J[i, j] * tau[i] * tau[j] < -tol:
                pair = False
                break
        if not pair:
            break
    return single, pair


@njit(cache=True)
def _quench(J, h, tau, f64, tol):
    """Zero-temperature single-plus-pair descent of tau in place; fields f64 kept exact.

    Repeat: flip, in index order, every TLS whose flip energy E_i = -2 τ_i f_i < -tol (until a
    full pass flips none); then flip the pair (i, j) of most negative
    E_i + E_j + 4 J_ij τ_i τ_j < -tol, if any, and start again; stop when neither exists.
    Every flip lowers H by more than tol, so it ends.  After every flip the fields are
    recomputed exactly (:func:`_fields`), so the final state is stable by the same test as
    :func:`_stability`.  Returns (single flips, pair flips).
    """
    n = tau.size
    n_single = 0
    n_pair = 0
    while True:
        flipped = True
        while flipped:
            flipped = False
            for i in range(n):
                if -2.0 * tau[i] * f64[i] < -tol:
                    tau[i] = -tau[i]
                    _fields(J, h, tau, f64)
                    n_single += 1
                    flipped = True
        best = -tol
        bi = -1
        bj = -1
        for i in range(n):
            ei = -2.0 * tau[i] * f64[i]
            for j in range(i + 1, n):
                d = ei - 2.0 * tau[j] * f64[j] + 4.0 * np.float64(J[i, j]) * tau[i] * tau[j]
                if d < best:
                    best = d
                    bi = i
                    bj = j
        if bi < 0:
            return n_single, n_pair
        tau[bi] = -tau[bi]
        tau[bj] = -tau[bj]
        _fields(J, h, tau, f64)
        n_pair += 1


@njit(cache=True)
def _histogram(tau, f64, gscale, gstep, counts, over, mom):
    """Add |E_i| = |2 τ_i f_i| of every TLS to one stage row (counts, over, mom)."""
    nbins = counts.size
    s1 = 0.0
    s2 = 0.0
    for i in range(tau.size):
        e = abs(2.0 * tau[i] * f64[i])
        s1 += e
        s2 += e * e
        b = int(math.asinh(e / gscale) / gstep)
        if b < nbins:
            counts[b] += 1
        else:
            over[0] += 1
    mom[0] = s1
    mom[1] = s2


@njit(cache=True, inline="always")
def _exact_fields(J, h, tau, f64, f):
    """Fields of `tau` in float64 (:func:`_fields`), copied into the float32 `f` of the sweeps."""
    _fields(J, h, tau, f64)
    for i in range(h.size):
        f[i] = f64[i]


@njit(cache=True, inline="always")
def _random_start(J, h, s):
    """Random spins from stream s and their exact fields: (s, tau, f64, f)."""
    n = h.size
    tau = np.empty(n, np.float32)
    for i in range(n):
        s = s + _GOLDEN
        tau[i] = 1.0 if (_mix64(s) >> np.uint64(63)) == np.uint64(1) else -1.0
    f64 = np.empty(n)
    f = np.empty(n, np.float32)
    _exact_fields(J, h, tau, f64, f)
    return s, tau, f64, f


@njit(cache=True)
def _realization(L, n, h0, J0, C, temps, sweeps, seed, k, gscale, gstep, counts, over, mom,
                 accepted, quench, qout):
    """Anneal realization k; histogram |E_i| after every stage; return stability flags.

    With `quench`, then relax to single-plus-pair stability (:func:`_quench`) and histogram
    that state in row ``temps.size``; ``qout`` receives (single flips, pair flips,
    single-stable, pair-stable) after the quench.  The returned flags are those of the
    annealed state before the quench.
    """
    s = _stream_seed(seed, k)
    s, pos, h, J = _generate(L, n, h0, J0, C, s)
    s, tau, f64, f = _random_start(J, h, s)
    for t in range(temps.size):
        s, a = _sweeps(J, f, tau, temps[t], sweeps, s)
        accepted[0] += a
        _exact_fields(J, h, tau, f64, f)  # for the measurement; resets the float32 drift
        _histogram(tau, f64, gscale, gstep, counts[t], over[t:t + 1], mom[t])
    single, pair = _stability(J, f64, tau, 1e-9)
    if quench:
        nt = temps.size
        n_single, n_pair = _quench(J, h, tau, f64, 1e-9)
        _histogram(tau, f64, gscale, gstep, counts[nt], over[nt:nt + 1], mom[nt])
        qs, qp = _stability(J, f64, tau, 1e-9)
        qout[0] = n_single
        qout[1] = n_pair
        qout[2] = qs
        qout[3] = qp
    return single, pair, tau


def _chunk_body(L, n, h0, J0, C, temps, sweeps, seed, k0, gscale, gstep, counts, over, mom, flags,
                accepted, quench, qout):
    for r in prange(counts.shape[0]):
        single, pair, _ = _realization(
            L, n, h0, J0, C, temps, sweeps, seed, k0 + r, gscale, gstep, counts[r], over[r],
            mom[r], accepted[r:r + 1], quench, qout[r],
        )
        flags[r, 0] = single
        flags[r, 1] = pair


_chunk_parallel = njit(cache=True, parallel=True)(_chunk_body)
_chunk_serial = njit(cache=True)(_chunk_body)


# ---------------------------------------------------------------------------------------------
# Public wrappers of the kernels
# ---------------------------------------------------------------------------------------------


def make_realization(model: Model, seed: int, k: int):
    """The disorder of realization `k`: TLS positions, random fields and couplings.

    Parameters
    ----------
    model : Model
    seed : int
        Master seed.
    k : int
        Realization index (>= 0).

    Returns
    -------
    positions : numpy.ndarray, shape (N, 3), int
        Lattice coordinates (lattice constant R0 = 1).
    h : numpy.ndarray, shape (N,)
        Random fields h_i [K].
    J : numpy.ndarray, shape (N, N), float32
        Symmetric couplings J_ij [K], zero diagonal.

    Examples
    --------
    >>> pos, h, J = make_realization(Model(L=3, J0=2.0), seed=1, k=0)
    >>> pos.shape, bool((J == J.T).all())
    ((14, 3), True)
    """
    if int(k) != k or k < 0:
        raise ValueError(f"k must be an integer >= 0, got {k}")
    s = np.uint64(_stream_seed(np.uint64(seed), np.uint64(k)))
    _, pos, h, J = _generate(model.L, model.n_tls, model.h0, model.J0, model.C, s)
    return pos, h, J


def _as_system(J, h, tau):
    J = np.ascontiguousarray(J, dtype=np.float32)
    h = np.ascontiguousarray(h, dtype=float)
    n = h.size
    if J.shape != (n, n):
        raise ValueError(f"J must have shape (N, N) = ({n}, {n}) matching h, got {J.shape}")
    if tau is None:
        return J, h, None
    tau = np.ascontiguousarray(tau, dtype=np.float32)
    if tau.shape != (n,) or not np.all(np.abs(tau) == 1):
        raise ValueError(f"tau must be N = {n} spins, each +1 or -1")
    return J, h, tau


def local_fields(J, h, tau) -> np.ndarray:
    """Local fields ``f_i = h_i + Σ_j J_ij τ_j`` [K] (float64 accumulation).

    Parameters
    ----------
    J, h, tau : array_like
        As for :func:`single_flip_energies`.

    Returns
    -------
    numpy.ndarray, shape (N,)
        f_i [K].

    Examples
    --------
    >>> local_fields([[0, -1], [-1, 0]], [0.5, 0.5], [1, -1]).tolist()
    [1.5, -0.5]
    """
    J, h, tau = _as_system(J, h, tau)
    f = np.empty(h.size)
    _fields(J, h, tau, f)
    return f


def single_flip_energies(J, h, tau) -> np.ndarray:
    """Single-flip energies E_i = -2 τ_i f_i [K] of Eq. 2 of Churkin et al. (2021).

    ``H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j`` changes by E_i when TLS i flips alone: its
    single-particle excitation energy, whose histogram is the DOS.

    Parameters
    ----------
    J : array_like, shape (N, N)
        Symmetric couplings [K] with zero diagonal.
    h : array_like, shape (N,)
        Random fields [K].
    tau : array_like, shape (N,)
        Spins ±1.

    Returns
    -------
    numpy.ndarray
        E_i [K]; all >= 0 in a state stable against single flips.

    Examples
    --------
    >>> single_flip_energies([[0, -1], [-1, 0]], [0.5, 0.5], [1, 1]).tolist()
    [1.0, 1.0]
    """
    J, h, tau = _as_system(J, h, tau)
    return -2.0 * tau * local_fields(J, h, tau)


def pair_flip_energies(J, h, tau) -> np.ndarray:
    """Energy costs [K] of flipping every pair (i, j) together: ``E_i + E_j + 4 J_ij τ_i τ_j``.

    Parameters
    ----------
    J, h, tau : array_like
        As for :func:`single_flip_energies`.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        Symmetric; the diagonal is NaN (no pair).  A negative entry is a pair whose joint flip
        lowers the energy.

    Examples
    --------
    >>> pair_flip_energies([[0, -1], [-1, 0]], [0.5, 0.5], [1, 1]).tolist()
    [[nan, -2.0], [-2.0, nan]]
    """
    J, h, tau = _as_system(J, h, tau)
    E = single_flip_energies(J, h, tau)
    out = E[:, None] + E[None, :] + 4.0 * J.astype(float) * np.outer(tau, tau)
    np.fill_diagonal(out, np.nan)
    return out


def stability(J, h, tau, tol: float = 1e-9) -> tuple[bool, bool]:
    """Is configuration `tau` stable against every single flip, and against every pair flip?

    The pair (i, j) flip costs ``E_i + E_j + 4 J_ij τ_i τ_j`` (Efros-Shklovskii criterion).

    Parameters
    ----------
    J, h, tau : array_like
        As for :func:`single_flip_energies`.
    tol : float
        Energies above ``-tol`` [K] count as non-negative (float rounding).

    Returns
    -------
    (bool, bool)
        Single-flip and pair-flip stability.

    Examples
    --------
    Two ferromagnetically coupled TLSs, both up against their fields: each single flip costs
    1 K but flipping both gains 2 K.

    >>> stability([[0, -1], [-1, 0]], [0.5, 0.5], [1, 1])
    (True, False)
    """
    J, h, tau = _as_system(J, h, tau)
    return tuple(bool(v) for v in _stability(J, local_fields(J, h, tau), tau, float(tol)))


def quench_state(J, h, tau, tol: float = 1e-9):
    """Relax `tau` at zero temperature until it is stable against single and pair flips.

    The quench stage of :class:`RunParams` (``quench=True``): flip, in index order, every TLS
    whose flip lowers the energy (E_i < -tol), until none does; then flip the pair of most
    negative cost ``E_i + E_j + 4 J_ij τ_i τ_j`` (:func:`pair_flip_energies`) if it is below
    -tol, and start again; stop when neither move lowers the energy.  Deterministic; each
    flip lowers H by more than `tol`, so it terminates.

    Parameters
    ----------
    J, h, tau : array_like
        As for :func:`single_flip_energies` (`tau` is not modified).
    tol : float
        Moves must lower the energy by more than `tol` [K].

    Returns
    -------
    tau : numpy.ndarray, shape (N,)
        The quenched spins (float32 ±1); :func:`stability` gives (True, True) for them.
    single_flips, pair_flips : int
        Moves made.

    Examples
    --------
    The ferromagnetic pair of :func:`stability`, both up against their fields: no single
    flip helps, one pair flip reaches the ground state.

    >>> t, n1, n2 = quench_state([[0, -1], [-1, 0]], [0.5, 0.5], [1, 1])
    >>> t.tolist(), n1, n2
    ([-1.0, -1.0], 0, 1)
    """
    J, h, tau = _as_system(J, h, tau)
    tau = tau.copy()
    f = np.empty(h.size)
    _fields(J, h, tau, f)
    n1, n2 = _quench(J, h, tau, f, float(tol))
    return tau, int(n1), int(n2)


@njit(cache=True)
def _sample(J, h, tau, T, sweeps, burn_in, s):
    n = tau.size
    f64 = np.empty(n)
    _fields(J, h, tau, f64)
    f = f64.astype(np.float32)
    e_sum = 0.0
    m_sum = np.zeros(n)
    for sweep in range(burn_in + sweeps):
        s, _ = _sweeps(J, f, tau, T, 1, s)
        if sweep >= burn_in:
            _exact_fields(J, h, tau, f64, f)
            e = 0.0
            for i in range(n):
                e += tau[i] * (h[i] + 0.5 * (f64[i] - h[i]))
                m_sum[i] += tau[i]
            e_sum += e
    return e_sum / sweeps, m_sum / sweeps


def metropolis_sample(J, h, T, sweeps: int, seed: int = 0, burn_in: int = 100, tau0=None):
    """Time averages of the engine's Metropolis dynamics at fixed temperature `T`.

    Uses the same sweep kernel as the annealing; for checking it against exact averages.

    Parameters
    ----------
    J, h : array_like
        Couplings and fields [K], as for :func:`single_flip_energies`.
    T : float
        Temperature [K] > 0.
    sweeps : int
        Measured sweeps (one measurement after each).
    seed : int
        Random seed.
    burn_in : int
        Sweeps discarded first.
    tau0 : array_like, optional
        Initial spins (default all +1).

    Returns
    -------
    mean_energy : float
        <H> [K].
    mean_spins : numpy.ndarray
        <τ_i>.
    """
    J, h, tau = _as_system(J, h, np.ones(len(h)) if tau0 is None else tau0)
    T = check_schedule([T])[0]
    if sweeps < 1:
        raise ValueError(f"sweeps must be >= 1, got {sweeps}")
    s = np.uint64(_stream_seed(np.uint64(seed), np.uint64(0)))
    return _sample(J, h, tau.copy(), T, int(sweeps), int(burn_in), s)


# ---------------------------------------------------------------------------------------------
# Any Ising system: simulated annealing with the same kernels
# ---------------------------------------------------------------------------------------------


@dataclass
class AnnealResult:
    """Final state of :func:`anneal_system`.

    Attributes
    ----------
    tau : numpy.ndarray, shape (N,)
        Final spins τ_i = ±1 (float32).
    fields : numpy.ndarray, shape (N,)
        Exact local fields f_i = h_i + Σ_j J_ij τ_j of the final state (float64), energy unit
        of `J` and `h`.
    energies : numpy.ndarray, shape (N,)
        Single-flip energies E_i = -2 τ_i f_i (energy unit); all >= 0 in a state stable
        against single flips (:func:`single_flip_energies`).
    energy : float
        H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j of the final state (energy unit).
    accepted : int
        Metropolis flips accepted over the whole schedule.
    quench_flips : tuple of int
        (single flips, pair flips) made by the zero-temperature quench ((0, 0) without it).
    stable : tuple of bool
        Stability of the final state against every single flip and every pair flip
        (:func:`stability`, tolerance `tol`).
    """

    tau: np.ndarray
    fields: np.ndarray
    energies: np.ndarray
    energy: float
    accepted: int
    quench_flips: tuple
    stable: tuple


@njit(cache=True)
def _anneal(J, h, temps, sweeps, s, quench, tol):
    """Random start from stream s, `sweeps` sweeps per stage of temps, optional quench.

    The stage loop of :func:`_realization` for a given (J, h): :func:`_sweeps` at each
    temperature, then exact float64 fields (:func:`_fields`), which also reset the float32
    fields of the next stage; then :func:`_quench` if asked.
    """
    s, tau, f64, f = _random_start(J, h, s)
    accepted = 0
    for t in range(temps.size):
        s, a = _sweeps(J, f, tau, temps[t], sweeps, s)
        accepted += a
        _exact_fields(J, h, tau, f64, f)
    n1 = 0
    n2 = 0
    if quench:
        n1, n2 = _quench(J, h, tau, f64, tol)
    single, pair = _stability(J, f64, tau, tol)
    return tau, f64, accepted, n1, n2, single, pair


def _check_ising(J, h) -> tuple[np.ndarray, np.ndarray]:
    """(float32 J, float64 h) of a valid Ising system, or a one-line ValueError."""
    h = np.asarray(h, dtype=float)
    if h.ndim != 1 or h.size < 1:
        raise ValueError(f"h must be a 1-D array of N >= 1 fields, got shape {h.shape}")
    if not np.all(np.isfinite(h)):
        raise ValueError(f"h must be finite, got {h[~np.isfinite(h)][0]} at index "
                         f"{int(np.flatnonzero(~np.isfinite(h))[0])}")
    n = h.size
    J = np.asarray(J, dtype=float)
    if J.shape != (n, n):
        raise ValueError(f"J must have shape (N, N) = ({n}, {n}) matching h, got {J.shape}")
    if not np.all(np.isfinite(J)):
        i, j = np.argwhere(~np.isfinite(J))[0]
        raise ValueError(f"J must be finite, got J[{i}, {j}] = {J[i, j]}")
    if np.any(np.diag(J) != 0):
        i = int(np.flatnonzero(np.diag(J))[0])
        raise ValueError(f"J must have a zero diagonal (no self-coupling), got J[{i}, {i}] = "
                         f"{J[i, i]}")
    asym = np.abs(J - J.T)
    scale = float(np.abs(J).max()) if n > 1 else 0.0
    if asym.max(initial=0.0) > 1e-6 * scale:
        i, j = np.unravel_index(int(np.argmax(asym)), asym.shape)
        raise ValueError(f"J must be symmetric, got J[{i}, {j}] = {J[i, j]} but J[{j}, {i}] = "
                         f"{J[j, i]}")
    J32 = np.ascontiguousarray(J, dtype=np.float32)
    if not np.array_equal(J32, J32.T):  # equal to float32 rounding: mirror the upper triangle
        up = np.triu(J32, 1)
        J32 = np.ascontiguousarray(up + up.T)
    return J32, np.ascontiguousarray(h)


def _check_seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed < 2**63:
        raise ValueError(f"seed must be an integer in [0, 2**63), got {seed!r}")
    return int(seed)


def anneal_system(J, h, temperatures, sweeps: int, seed: int = 0, quench: bool = True,
                  tol: float = 1e-9) -> AnnealResult:
    """Simulated annealing of any Ising system ``H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j``.

    The engine of the lattice model (:func:`anneal_realization`) applied to given couplings
    and fields: a random start (spins drawn from `seed`), `sweeps` sequential Metropolis
    sweeps at each temperature of the schedule, exact float64 local fields after every
    stage, then, with `quench`, the zero-temperature single-plus-pair descent of
    :func:`quench_state` (the state is then stable against every single and pair flip: the
    T → 0 end of the schedule).  Same kernels, same float32 couplings and float64 field
    accumulation as the lattice Monte Carlo.

    Parameters
    ----------
    J : array_like, shape (N, N)
        Symmetric couplings with zero diagonal (energy unit, K in this module; any unit
        shared by `h` and `temperatures`).  Used in float32, as by the lattice engine.
    h : array_like, shape (N,)
        Fields (energy unit).
    temperatures : array_like
        Annealing schedule, strictly decreasing, > 0 (energy unit, k_B = 1).
    sweeps : int
        Metropolis sweeps per temperature, >= 1.
    seed : int
        Random seed in [0, 2**63) (initial spins and Metropolis draws).
    quench : bool
        Relax the annealed state to single- and pair-flip stability at T = 0 (default True).
    tol : float
        Energy tolerance of the quench and of the stability test (energy unit), > 0.

    Returns
    -------
    AnnealResult
        Final spins, exact fields, single-flip energies E_i = -2 τ_i f_i, H, counts and
        stability flags.

    Raises
    ------
    ValueError
        One line naming the argument: J not (N, N), not symmetric, non-zero diagonal or not
        finite; h not 1-D or not finite; temperatures not positive and strictly decreasing;
        sweeps < 1; a bad seed.

    Examples
    --------
    Two ferromagnetically coupled spins in opposite fields of 0.5 and 0.2: the coupling
    (-1) wins, and both align against the larger field.

    >>> r = anneal_system([[0, -1], [-1, 0]], [0.5, -0.2], [5.0, 1.0, 0.1, 0.01], sweeps=50)
    >>> r.tau.tolist(), round(r.energy, 6), r.energies.tolist(), r.stable
    ([-1.0, -1.0], -1.3, [3.0, 1.6], (True, True))
    """
    J, h = _check_ising(J, h)
    temps = check_schedule(temperatures)
    if isinstance(sweeps, bool) or int(sweeps) != sweeps or sweeps < 1:
        raise ValueError(f"sweeps must be an integer >= 1, got {sweeps!r}")
    seed = _check_seed(seed)
    if not isinstance(quench, bool | np.bool_):
        raise ValueError(f"quench must be True or False, got {quench!r}")
    tol = positive("tol", tol)
    s = np.uint64(_stream_seed(np.uint64(seed), np.uint64(0)))
    tau, f, acc, n1, n2, single, pair = _anneal(J, h, temps, int(sweeps), s, bool(quench), tol)
    energy = float(np.sum(tau * (h + 0.5 * (f - h))))
    return AnnealResult(tau, f, -2.0 * tau * f, energy, int(acc), (int(n1), int(n2)),
                        (bool(single), bool(pair)))


def geometric_schedule(t_high: float, t_low: float, stages: int) -> np.ndarray:
    """`stages` temperatures falling geometrically from `t_high` to `t_low` (both included).

    Parameters
    ----------
    t_high, t_low : float
        First and last temperature (energy unit), t_high > t_low > 0.
    stages : int
        Number of temperatures, >= 2.

    Returns
    -------
    numpy.ndarray
        Strictly decreasing temperatures, a constant ratio (t_high/t_low)^(1/(stages-1))
        apart.

    Examples
    --------
    >>> geometric_schedule(8.0, 1.0, 4).tolist()
    [8.0, 4.0, 2.0, 1.0]
    """
    t_high = positive("t_high", t_high)
    t_low = positive("t_low", t_low)
    if t_high <= t_low:
        raise ValueError(f"t_high must exceed t_low, got t_high = {t_high} <= t_low = {t_low}")
    if isinstance(stages, bool) or int(stages) != stages or stages < 2:
        raise ValueError(f"stages must be an integer >= 2, got {stages!r}")
    out = t_high * (t_low / t_high) ** (np.arange(stages) / (stages - 1))
    out[0], out[-1] = t_high, t_low
    return out


# ---------------------------------------------------------------------------------------------
# The TLS glass of Churkin et al. (2013) on the engine
# ---------------------------------------------------------------------------------------------

#: Default first annealing temperature of the TLS glass in units of sqrt(W² + J²).
TLS_GLASS_TOP = 10.0
#: Default number of annealing stages of the TLS glass (first and last included).
TLS_GLASS_STAGES = 40


def tls_glass_system(glass) -> tuple[np.ndarray, np.ndarray]:
    """Ising couplings and fields (τ = ±1) of a TLS glass: the Hamiltonian the mean field solves.

    Eq. 1 with S^z = τ/2 and couplings K_ij reads ``Σ_i (Δ_i/2) τ_i - ⅛ Σ_{i≠j} K_ij τ_i τ_j``;
    the exact variational derivative gives the mean field Δ'_i = Δ_i + ½ Σ_j K_ij
    tanh(Δ'_j/2T).  The book solves Eq. 4 as printed, Δ'_i = Δ_i + Σ_j C_ij tanh(Δ'_j/2T)
    with C_ij = u_ij/(4 r_ij³) (:attr:`tlspaper.meanfield.TLSGlass.coupling`), i.e.
    K_ij = 2 C_ij = u_ij/(2 r_ij³): Eq. 1 with half its couplings.  In the engine's form
    ``H = Σ h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j`` this is

        h_i = Δ_i / 2,    J_ij = -C_ij / 2,

    so both methods treat the same Hamiltonian.  The local field f_i = h_i + Σ_j J_ij τ_j
    is half the local asymmetry: Δ'_i = 2 f_i = Δ_i - Σ_j C_ij τ_j
    (:func:`tls_glass_asymmetries`), and the single-flip energy -2 τ_i f_i = -τ_i Δ'_i is
    the full asymmetry, the Δ0 → 0 limit of the TLS splitting of Eq. 6.

    Parameters
    ----------
    glass : tlspaper.meanfield.TLSGlass
        A realization (:func:`tlspaper.meanfield.tls_glass`); only ``delta`` and
        ``coupling`` are used (energy unit J of the paper).

    Returns
    -------
    J : numpy.ndarray, shape (N, N), float32
        -C_ij / 2 (exact in float32: a halving).
    h : numpy.ndarray, shape (N,)
        Δ_i / 2.

    Examples
    --------
    >>> from tlspaper.meanfield import TLSGlass
    >>> g = TLSGlass(np.zeros((2, 3)), 1.0, np.array([1.0, 0.0]), np.ones(2),
    ...              np.array([[0, 0.5], [0.5, 0]], np.float32))
    >>> J, h = tls_glass_system(g)
    >>> J.tolist(), h.tolist()
    ([[-0.0, -0.25], [-0.25, -0.0]], [0.5, 0.0])
    """
    C = np.asarray(glass.coupling)
    J = (np.float32(-0.5) * C.astype(np.float32, copy=False)).astype(np.float32)
    return J, 0.5 * np.asarray(glass.delta, dtype=float)


def tls_glass_asymmetries(fields) -> np.ndarray:
    """Local asymmetries Δ'_i = 2 f_i of a TLS-glass Ising state (see :func:`tls_glass_system`).

    Parameters
    ----------
    fields : array_like
        Local fields f_i of the engine (:attr:`AnnealResult.fields`), energy unit J.

    Returns
    -------
    numpy.ndarray
        Δ'_i (energy unit J), the convention of Eq. 4: ``Δ'_i > 0`` favours τ_i = -1.

    Examples
    --------
    >>> tls_glass_asymmetries([0.75, 0.25]).tolist()
    [1.5, 0.5]
    """
    return 2.0 * np.asarray(fields, dtype=float)


def tls_glass_schedule(W: float, J: float, T: float, stages: int = TLS_GLASS_STAGES,
                       top: float = TLS_GLASS_TOP) -> np.ndarray:
    """Annealing schedule of the TLS glass: geometric from `top` x sqrt(W² + J²) down to `T`.

    Parameters
    ----------
    W, J : float
        Disorder and interaction of the configuration (energy unit J of the paper), not both
        zero.
    T : float
        Final temperature (the paper's), > 0 and below the first one.
    stages : int
        Number of temperatures, >= 2.
    top : float
        First temperature in units of sqrt(W² + J²).

    Returns
    -------
    numpy.ndarray
        The schedule (:func:`geometric_schedule`).

    Examples
    --------
    >>> s = tls_glass_schedule(1.0, 1.0, 0.1)
    >>> len(s), round(float(s[0]), 4), float(s[-1])
    (40, 14.1421, 0.1)
    """
    return geometric_schedule(positive("top", top) * math.hypot(W, J), T, stages)


@dataclass
class TLSGlassAnneal:
    """A TLS-glass realization annealed by :func:`anneal_tls_glass`.

    Attributes
    ----------
    delta_prime : numpy.ndarray
        Local asymmetries Δ'_i = 2 f_i of the final state (energy unit J).
    E : numpy.ndarray
        Signed TLS energies sgn(Δ'_i) sqrt(Δ'_i² + Δ0_i²) (Eq. 6 with the Monte Carlo Δ').
    delta0 : numpy.ndarray
        Tunnelling amplitudes Δ0_i (energy unit J), those of the realization.
    result : AnnealResult
        The engine's output (spins, fields, single-flip energies, counts, stability).
    """

    delta_prime: np.ndarray
    E: np.ndarray
    delta0: np.ndarray
    result: AnnealResult

    def rates(self, T: float, a: float = 1.0) -> np.ndarray:
        """One-phonon rates λ_i = a Δ0_i² E_i coth(E_i/2T) (Eq. 12) of the annealed energies.

        Parameters
        ----------
        T : float
            Temperature (energy unit J), > 0.
        a : float
            Rate prefactor (:func:`tlspaper.meanfield.tls_relaxation_rates`).

        Returns
        -------
        numpy.ndarray
            Positive decay rates (units of a J³).
        """
        from .meanfield import tls_relaxation_rates

        return tls_relaxation_rates(self.E, self.delta0, T, a)


def anneal_tls_glass(glass, temperatures, sweeps: int, seed: int = 0,
                     quench: bool = False) -> TLSGlassAnneal:
    """Anneal the Ising part of a TLS-glass realization; TLS energies of Eq. 6 from its fields.

    The classical Monte Carlo treats H of :func:`tls_glass_system` (Eq. 1 of Churkin et al.
    (2013) with Δ0 = 0, couplings such that its mean field is their Eq. 4); the tunnelling
    amplitudes enter only afterwards, in E_i = sgn(Δ'_i) sqrt(Δ'_i² + Δ0_i²), as they enter
    the mean-field energies (the paper neglects them in the self-consistent equations too).

    Parameters
    ----------
    glass : tlspaper.meanfield.TLSGlass
        The realization (:func:`tlspaper.meanfield.tls_glass`).
    temperatures : array_like
        Schedule ending at the measurement temperature (:func:`tls_glass_schedule`), energy
        unit J.
    sweeps : int
        Metropolis sweeps per stage, >= 1.
    seed : int
        Random seed of the Monte Carlo, in [0, 2**63).
    quench : bool
        Relax the final state at T = 0 to single- and pair-flip stability (default False:
        the state at the end of the last stage, an annealed state that need not be in
        equilibrium at that temperature: strongly coupled pairs can stay frozen in their
        reversed orientation, since single-flip Metropolis moves cannot turn them).

    Returns
    -------
    TLSGlassAnneal

    Examples
    --------
    >>> from tlspaper.meanfield import tls_glass
    >>> g = tls_glass(50, 1.0, 1.0, np.random.default_rng(0), (1e-7, 0.1))
    >>> a = anneal_tls_glass(g, tls_glass_schedule(1.0, 1.0, 0.05, stages=10), 20, quench=True)
    >>> bool(np.all(a.result.energies >= 0)), bool(np.allclose(np.abs(a.delta_prime),
    ...                                                         a.result.energies))
    (True, True)
    """
    from .meanfield import excitation_energies

    J, h = tls_glass_system(glass)
    res = anneal_system(J, h, temperatures, sweeps, seed, quench)
    dp = tls_glass_asymmetries(res.fields)
    d0 = np.asarray(glass.delta0, dtype=float)
    return TLSGlassAnneal(dp, excitation_energies(dp, d0), d0, res)


def anneal_realization(params: RunParams, k: int) -> dict:
    """Anneal realization `k` of a run alone and return its final state and histograms.

    Parameters
    ----------
    params : RunParams
    k : int
        Realization index (>= 0).

    Returns
    -------
    dict
        ``positions``, ``h`` [K], ``J`` [K] (as :func:`make_realization`), ``tau`` the final
        spins (after the quench if ``params.quench``), ``counts`` (stages, nbins) its |E|
        histograms (one row per temperature, then the quench), ``stable`` (single, pair)
        flags of the annealed state before any quench; with ``params.quench`` also
        ``stable_quench`` (the flags after it) and ``quench_flips`` (single, pair).

    Examples
    --------
    >>> p = RunParams(Model(L=3, J0=2.0), temperatures=(30.0, 3.0, 0.3), sweeps=20)
    >>> r = anneal_realization(p, 0)
    >>> bool((single_flip_energies(r["J"], r["h"], r["tau"]) >= 0).all())
    True
    """
    m = params.model
    pos, h, J = make_realization(m, params.seed, k)
    temps = np.asarray(params.temperatures)
    ns = len(params.stage_temperatures)
    counts = np.zeros((ns, len(params.edges) - 1), np.int32)
    over = np.zeros(ns, np.int32)
    mom = np.zeros((ns, 2))
    acc = np.zeros(1, np.int64)
    q = np.zeros(4, np.int64)
    single, pair, tau = _realization(
        m.L, m.n_tls, m.h0, m.J0, m.C, temps, params.sweeps, np.uint64(params.seed),
        np.uint64(k), params.grid_scale, params.grid_step, counts, over, mom, acc,
        params.quench, q,
    )
    out = {"positions": pos, "h": h, "J": J, "tau": tau, "counts": counts,
           "stable": (bool(single), bool(pair))}
    if params.quench:
        out["stable_quench"] = (bool(q[2]), bool(q[3]))
        out["quench_flips"] = (int(q[0]), int(q[1]))
    return out


# ---------------------------------------------------------------------------------------------
# Chunks, accumulation, datasets
# ---------------------------------------------------------------------------------------------


def simulate_chunk(params: RunParams, k0: int, n: int, parallel: bool = True) -> dict:
    """Anneal realizations ``k0 .. k0+n-1`` (Numba threads over realizations if `parallel`).

    Parameters
    ----------
    params : RunParams
    k0 : int
        Index of the first realization.
    n : int
        Number of realizations (>= 1).
    parallel : bool
        Use Numba threads (False: one thread, as on Dask workers).

    Returns
    -------
    dict
        ``k0``; ``counts`` (n, nS, nbins) int32 histograms of |E| per realization and stage
        (nS = nT temperatures, plus the quench row if ``params.quench``); ``overflow`` (n, nS)
        counts above the last edge; ``moments`` (n, nS, 2) sums of |E| and E² [K, K²];
        ``stable`` (n, 2) single/pair-flip stability of the annealed state (before any
        quench); ``accepted`` (n,) accepted flips over the whole anneal; ``quench`` (n, 4)
        single flips, pair flips, single- and pair-stability after the quench (zeros without
        it).

    Examples
    --------
    >>> p = RunParams(Model(L=2, J0=1.0, x=1.0), temperatures=(5.0, 1.0), sweeps=3)
    >>> c = simulate_chunk(p, 0, 2, parallel=False)
    >>> c["counts"].shape[:2], c["counts"].sum(axis=2).tolist()   # 8 TLSs per stage
    ((2, 2), [[8, 8], [8, 8]])
    """
    if n < 1:
        raise ValueError(f"a chunk needs n >= 1 realizations, got {n}")
    m = params.model
    temps = np.asarray(params.temperatures)
    ns = len(params.stage_temperatures)
    nbins = len(params.edges) - 1
    counts = np.zeros((n, ns, nbins), np.int32)
    over = np.zeros((n, ns), np.int32)
    mom = np.zeros((n, ns, 2))
    flags = np.zeros((n, 2), np.uint8)
    accepted = np.zeros(n, np.int64)
    quench = np.zeros((n, 4), np.int64)
    args = (m.L, m.n_tls, m.h0, m.J0, m.C, temps, params.sweeps, np.uint64(params.seed),
            np.uint64(k0), params.grid_scale, params.grid_step, counts, over, mom, flags, accepted,
            params.quench, quench)
    if parallel:
        with numba.parallel_chunksize(1):  # dynamic: a thread slowed by other load waits less
            _chunk_parallel(*args)
    else:
        _chunk_serial(*args)
    return {"k0": int(k0), "counts": counts, "overflow": over, "moments": mom, "stable": flags,
            "accepted": accepted, "quench": quench}


class Accumulator:
    """Running totals of a dataset; realizations must be added in order of k.

    Parameters
    ----------
    params : RunParams
    """

    def __init__(self, params: RunParams):
        self.params = params
        nT = len(params.stage_temperatures)
        nbins = len(params.edges) - 1
        self.counts = np.zeros((nT, nbins), np.int64)
        self.overflow = np.zeros(nT, np.int64)
        self.sum_abs_E = np.zeros(nT)
        self.sum_E2 = np.zeros(nT)
        self.stable = np.zeros((0, 2), np.uint8)
        self.block_counts = np.zeros(
            (params.n_blocks, len(params.block_stages), params.n_low), np.int32
        )
        self.block_realizations = np.zeros(params.n_blocks, np.int64)
        self.accepted_flips = np.zeros(1, np.int64)
        self.stable_quench = np.zeros((0, 2), np.uint8)
        self.quench_single_flips = np.zeros(0, np.int32)
        self.quench_pair_flips = np.zeros(0, np.int32)
        self.wall_time = 0.0

    @property
    def realizations(self) -> int:
        """Number of realizations added so far (they are k = 0 .. realizations-1)."""
        return len(self.stable)

    def add(self, chunk: dict) -> None:
        """Add the output of :func:`simulate_chunk` (its k0 must equal :attr:`realizations`)."""
        if chunk["k0"] != self.realizations:
            raise ValueError(
                f"chunk starts at k0 = {chunk['k0']} but {self.realizations} realizations are "
                "accumulated; chunks must be added in order"
            )
        c = chunk["counts"]
        self.counts += c.sum(axis=0, dtype=np.int64)
        self.overflow += chunk["overflow"].sum(axis=0, dtype=np.int64)
        for r in range(len(c)):  # fixed order in k: float sums independent of chunking
            self.sum_abs_E += chunk["moments"][r, :, 0]
            self.sum_E2 += chunk["moments"][r, :, 1]
        low = c[:, self.params.block_stages, : self.params.n_low]
        for r in range(len(c)):
            b = (chunk["k0"] + r) % self.params.n_blocks
            self.block_counts[b] += low[r]
            self.block_realizations[b] += 1
        self.stable = np.concatenate([self.stable, chunk["stable"]])
        self.accepted_flips += chunk["accepted"].sum()
        if self.params.quench:
            q = chunk["quench"]
            self.quench_single_flips = np.concatenate([self.quench_single_flips,
                                                       q[:, 0].astype(np.int32)])
            self.quench_pair_flips = np.concatenate([self.quench_pair_flips,
                                                     q[:, 1].astype(np.int32)])
            self.stable_quench = np.concatenate([self.stable_quench, q[:, 2:].astype(np.uint8)])

    def arrays(self) -> dict:
        """The dataset arrays (see :func:`write_dataset`)."""
        p = self.params
        out = {
            "temperatures": p.stage_temperatures,
            "edges": p.edges,
            "counts": self.counts,
            "overflow": self.overflow,
            "sum_abs_E": self.sum_abs_E,
            "sum_E2": self.sum_E2,
            "stable": self.stable,
            "block_stages": p.block_stages,
            "block_counts": self.block_counts,
            "block_realizations": self.block_realizations,
            "accepted_flips": self.accepted_flips,
        }
        if p.quench:
            out.update(stable_quench=self.stable_quench,
                       quench_single_flips=self.quench_single_flips,
                       quench_pair_flips=self.quench_pair_flips)
        return out

    @classmethod
    def from_file(cls, path) -> Accumulator:
        """Reload the totals of a dataset or checkpoint written by :func:`write_dataset`."""
        with np.load(path, allow_pickle=False) as f:
            meta = json.loads(str(f["meta"]))
            acc = cls(RunParams.from_dict(meta["params"]))
            keys = ["counts", "overflow", "sum_abs_E", "sum_E2", "stable", "block_counts",
                    "block_realizations", "accepted_flips"]
            if acc.params.quench:
                keys += ["stable_quench", "quench_single_flips", "quench_pair_flips"]
            for key in keys:
                setattr(acc, key, f[key].astype(getattr(acc, key).dtype))
        acc.wall_time = float(meta.get("wall_time_s", 0.0))
        return acc


def write_dataset(path, acc: Accumulator, extra_meta: dict | None = None) -> Path:
    """Write the accumulated dataset with its provenance to `path` atomically.

    Arrays: ``temperatures`` [K] of the stages (the schedule, then 0.0 for the quench stage
    if ``params.quench``); ``edges`` [K] of |E|; ``counts`` (nS, nbins) histogram of
    |E_i| over all TLSs of all realizations; ``overflow``; ``sum_abs_E`` [K] and ``sum_E2``
    [K²]; ``stable`` (R, 2) stability of the annealed (2 μK) state per realization;
    ``block_counts`` (n_blocks, len(block_stages), n_low) low-energy histograms per block of
    realizations (k % n_blocks) at the stages ``block_stages``; ``block_realizations``;
    ``accepted_flips`` (total over all realizations and stages).  With the quench also
    ``stable_quench`` (R, 2) stability after it and ``quench_single_flips``,
    ``quench_pair_flips`` (R,) the moves it made.  ``meta``: JSON provenance (``params``,
    seed, realization count, stable fractions, version, git commit, UTC date, wall time, ...).

    Parameters
    ----------
    path : path-like
        Target ``.npz`` file (its folder must exist).
    acc : Accumulator
        The totals to write.
    extra_meta : dict, optional
        Added to ``meta``.

    Returns
    -------
    pathlib.Path
        The written file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = RunParams(Model(L=2, J0=1.0, x=1.0), temperatures=(5.0, 1.0), sweeps=3)
    >>> acc = simulate(p, 2, progress=False)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_dataset(pathlib.Path(d) / "x.npz", acc)
    ...     Accumulator.from_file(out).realizations
    2
    """
    p = acc.params
    R = acc.realizations
    meta = {
        "what": "single-TLS DOS of Eq. 2 (Churkin et al. 2021) by simulated-annealing Monte Carlo",
        "params": p.to_dict(),
        "n_tls": p.model.n_tls,
        "realizations": R,
        "stable_single_fraction": float(acc.stable[:, 0].mean()) if R else float("nan"),
        "stable_pair_fraction": float(acc.stable[:, 1].mean()) if R else float("nan"),
        "normalisation": "density = counts / (n_tls * realizations * bin width) / 2: n(E) = n(-E), "
        "integral over both signs = 1",
        "tlspaper_version": __version__,
        "numba_version": numba.__version__,
        "numpy_version": np.__version__,
        "wall_time_s": round(acc.wall_time, 1),
        "seed": p.seed,
        "git_commit": _git_commit(),
        "written_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if p.quench:
        meta.update({
            "quench_stage": len(p.temperatures),
            "stage_labels": "one row per temperature of params.temperatures, then the "
            "zero-temperature single-plus-pair quench (row quench_stage, temperature 0.0; "
            "in block_stages)",
            "stable_single_fraction_quench": float(acc.stable_quench[:, 0].mean()) if R
            else float("nan"),
            "stable_pair_fraction_quench": float(acc.stable_quench[:, 1].mean()) if R
            else float("nan"),
            "quench_pair_flips_mean": float(acc.quench_pair_flips.mean()) if R else float("nan"),
            "quench_pair_flips_max": int(acc.quench_pair_flips.max()) if R else 0,
            "quench_single_flips_mean": float(acc.quench_single_flips.mean()) if R
            else float("nan"),
            "quench_single_flips_max": int(acc.quench_single_flips.max()) if R else 0,
        })
    meta.update(extra_meta or {})
    return save_npz(path, acc.arrays(), meta)


@functools.lru_cache(maxsize=1)
def _git_commit() -> str:
    """``git rev-parse HEAD`` of the source tree of this package (+ ``-dirty``), or ``unknown``.

    Cached: the first call of a process (:func:`simulate` makes it when it starts) fixes the
    commit recorded in everything the process writes, even if HEAD moves during a long run.
    """
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("-dirty" if dirty.strip() else "")


def _checkpoint_path(output: Path) -> Path:
    return output.parent / f".{output.name}.partial.npz"


def simulate(
    params: RunParams,
    realizations: int,
    output=None,
    chunk: int | None = None,
    threads: int | None = None,
    scheduler=None,
    progress: bool = True,
    checkpoint_every: float = 60.0,
    extra_meta: dict | None = None,
) -> Accumulator:
    """Run (or resume, or extend) a dataset of `realizations` annealed realizations.

    Parameters
    ----------
    params : RunParams
    realizations : int
        Total number wanted (>= 1).  If `output` or its checkpoint already holds some with the
        same `params`, only the missing ones are run.
    output : path-like, optional
        Dataset file.  While running, a checkpoint ``.NAME.partial.npz`` next to it is
        rewritten every `checkpoint_every` seconds; an interrupted run resumes from it.
    chunk : int, optional
        Realizations per task (default: about 2 s of work per thread).
    threads : int, optional
        Numba threads (default: all).
    scheduler : str or dask.distributed.Client, optional
        Distribute chunks over a Dask cluster (address or client); chunks then run
        single-threaded on the workers.  Default: local Numba threads.
    progress : bool
        Show a tqdm progress bar with ETA.
    extra_meta : dict, optional
        Added to the provenance (e.g. benchmark figures).

    Returns
    -------
    Accumulator
        The totals, also written to `output`.

    Examples
    --------
    >>> p = RunParams(Model(L=2, J0=1.0, x=1.0), temperatures=(5.0, 1.0), sweeps=3)
    >>> simulate(p, 4, progress=False).counts.sum()
    np.int64(64)
    """
    if int(realizations) != realizations or realizations < 1:
        raise ValueError(f"realizations must be an integer >= 1, got {realizations}")
    realizations = int(realizations)
    _git_commit()  # the commit of the code that runs (cached for write_dataset)
    acc = Accumulator(params)
    ckpt = None
    if output is not None:
        output = Path(output)
        if not output.parent.is_dir():
            raise FileNotFoundError(f"cannot write {output}: folder {output.parent} does not exist")
        ckpt = _checkpoint_path(output)
        for candidate in (ckpt, output):
            if candidate.is_file():
                old = Accumulator.from_file(candidate)
                if old.params != params:
                    raise ValueError(
                        f"{candidate} was produced with different parameters; delete it or "
                        f"choose another output.\n  file: {old.params}\n  asked: {params}"
                    )
                if old.realizations > acc.realizations:
                    acc = old
    todo = realizations - acc.realizations
    if todo <= 0:
        return acc
    if threads is not None:
        numba.set_num_threads(int(threads))
    nthreads = numba.get_num_threads()
    if chunk is None:
        per_real = (1e-8 * params.model.n_tls**2 * len(params.temperatures) * params.sweeps
                    / DEFAULT_SWEEPS)
        chunk = max(nthreads, int(nthreads * 2.0 / max(per_real, 1e-6)))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=realizations, initial=acc.realizations, unit="real",
                   desc=f"L={params.model.L} J0={params.model.J0:g} K", smoothing=0.05)
    starts = list(range(acc.realizations, realizations, chunk))
    tasks = [(k0, min(chunk, realizations - k0)) for k0 in starts]
    last_ckpt = time.time()
    t_start = time.time()
    wall0 = acc.wall_time

    def consume(res):
        nonlocal last_ckpt
        acc.add(res)
        acc.wall_time = wall0 + time.time() - t_start
        if bar is not None:
            bar.update(len(res["stable"]))
        if ckpt is not None and time.time() - last_ckpt > checkpoint_every:
            write_dataset(ckpt, acc, {"complete": False, **(extra_meta or {})})
            last_ckpt = time.time()

    try:
        if scheduler is None:
            for k0, n in tasks:
                consume(simulate_chunk(params, k0, n, parallel=True))
        else:
            _run_dask(params, tasks, scheduler, consume)
    finally:
        if bar is not None:
            bar.close()
    if output is not None:
        write_dataset(output, acc, {"complete": True, "threads": nthreads, "chunk": chunk,
                                    **(extra_meta or {})})
        if ckpt.is_file():
            ckpt.unlink()
    return acc


def _run_dask(params, tasks, scheduler, consume):
    from dask.distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = {
            k0: client.submit(simulate_chunk, params, k0, n, False, pure=False) for k0, n in tasks
        }
        for k0, _ in tasks:  # consume in order of k (results are kept until consumed)
            consume(futures.pop(k0).result())
    finally:
        if client is not scheduler:
            client.close()


def default_output_name(model: Model) -> str:
    """The registry name of a dataset, e.g. ``dos_mc_L12_J2K.npz``.

    Parameters
    ----------
    model : Model

    Returns
    -------
    str
        ``dos_mc_L{L}_J{J0:g}K.npz`` (J0 in K).

    Examples
    --------
    >>> default_output_name(Model(L=8, J0=0.3))
    'dos_mc_L8_J0.3K.npz'
    """
    return f"dos_mc_L{model.L}_J{model.J0:g}K.npz"


def environment() -> dict:
    """Machine facts for the provenance of a dataset.

    Returns
    -------
    dict
        ``cpu_count`` (``os.cpu_count()``) and ``numba_threads`` (threads Numba will use).

    Examples
    --------
    >>> sorted(environment())
    ['cpu_count', 'numba_threads']
    """
    return {"cpu_count": os.cpu_count(), "numba_threads": numba.get_num_threads()}
