"""Self-consistent mean-field energies and phonon relaxation rates of the interacting TLS glass.

Implements seed 003 (the "TLS glass" versus the electron glass): random sites in a periodic box
at the density giving a mean nearest-neighbour distance ``r_nn``; the self-consistent
equations (Eq. 4) solved iteratively at finite temperature; the single-TLS excitation energies
(Eq. 6); the one-phonon relaxation rates (Eq. 12); the 1/λ rate distribution, its lower cutoff
λ_min and the logarithmic relaxation of Eq. 17.  The electron-glass counterpart,
:mod:`tlspaper.electron_glass`, reuses the geometry, the solver and the rate-distribution tools
defined here.

Units: energies (Δ, Δ', Δ0, W, J, T, E) share one unit, the paper's J = U0 / r_nn³; quoting J
in kelvin makes all of them kelvin (k_B = 1).  Lengths are in units of r_nn.  Rates of Eq. 12
are in units of the phonon coupling prefactor ``a`` times energy³ (``a = 1`` by default); the
paper's rates are negative by its sign convention (λ = -a Δ0² E coth(E/2T)), ours are the
positive decay rates |λ|.
"""

from __future__ import annotations

import functools
import math
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numba
import numpy as np

from ._checks import positive as _check_positive
from ._checks import positive_int as _check_positive_int

#: Euler's constant γ_E of Eq. 17.
EULER_GAMMA = 0.5772156649015329

#: Table I of Churkin, Gabdank, Burin & Schechter (bib key ``churkin2013``, arXiv:1307.0868;
#: seed file ``003_d761e917d0ad1761.txt``): sign of the change of the relaxation speed for
#: increasing disorder W, interaction J and system size N (+1 faster, -1 slower).
TABLE_I_PUBLISHED = {
    ("EG", "disorder"): +1,
    ("EG", "interaction"): -1,
    ("EG", "system size"): -1,
    ("TG", "disorder"): +1,
    ("TG", "interaction"): +1,
    ("TG", "system size"): -1,
}

#: The paper's Δ0 range (Sec. II): log-uniform in [1e-7, 1e-1] J.
DELTA0_RANGE = (1e-7, 1e-1)


# ----------------------------------------------------------------------------- geometry


def site_density(r_nn: float = 1.0, dim: int = 3) -> float:
    """Site density of a Poisson (uniform random) point set with mean NN distance `r_nn`.

    For points of density n in d dimensions the nearest-neighbour distance has the
    distribution p(r) = n d V_d r^(d-1) exp(-n V_d r^d), with V_d = π^(d/2)/Γ(d/2 + 1) the
    volume of the unit ball, whose mean is <r> = Γ(1 + 1/d) (n V_d)^(-1/d).  Setting
    <r> = r_nn gives

        n = [Γ(1 + 1/d) / r_nn]^d / V_d,

    i.e. n = 3 Γ(4/3)³ / (4π r_nn³) ≈ 0.1700 / r_nn³ in 3-D and n = 1 / (4 r_nn²) in 2-D.

    Parameters
    ----------
    r_nn : float
        Mean nearest-neighbour distance (length unit), > 0.
    dim : int
        Dimension d (1, 2 or 3).

    Returns
    -------
    float
        Density n [r_nn^-d].

    Examples
    --------
    >>> round(site_density(1.0, 3), 5)
    0.16999
    >>> round(site_density(1.0, 2), 12)
    0.25
    """
    r_nn = _check_positive("r_nn", r_nn)
    if dim not in (1, 2, 3):
        raise ValueError(f"dim must be 1, 2 or 3, got {dim!r}")
    v_d = math.pi ** (dim / 2) / math.gamma(dim / 2 + 1)
    return (math.gamma(1 + 1 / dim) / r_nn) ** dim / v_d


def box_length(N: int, r_nn: float = 1.0, dim: int = 3) -> float:
    """Side L of the periodic box holding `N` sites at :func:`site_density` (L^d = N / n).

    Parameters
    ----------
    N : int
        Number of sites, >= 2.
    r_nn : float
        Mean nearest-neighbour distance (length unit), > 0.
    dim : int
        Dimension d (1, 2 or 3).

    Returns
    -------
    float
        Box side L (same length unit as `r_nn`).

    Examples
    --------
    >>> round(box_length(1000, 1.0, 2), 4)  # 2-D: L = 2 sqrt(N) r_nn
    63.2456
    """
    N = _check_positive_int("N", N, 2)
    return (N / site_density(r_nn, dim)) ** (1.0 / dim)


@numba.njit(cache=True)
def _min_image_distances(pos, L):
    n, d = pos.shape
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            s = 0.0
            for k in range(d):
                dx = pos[i, k] - pos[j, k]
                dx -= L * np.rint(dx / L)
                s += dx * dx
            r = math.sqrt(s)
            out[i, j] = r
            out[j, i] = r
    return out


def periodic_distances(positions, L: float) -> np.ndarray:
    """All-pairs minimum-image distances of sites in a periodic box of side `L`.

    Parameters
    ----------
    positions : array_like, shape (N, d)
        Site coordinates (length unit).
    L : float
        Box side, > 0.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        r_ij with zero diagonal.

    Examples
    --------
    >>> round(float(periodic_distances([[0.1, 0.0], [9.9, 0.0]], 10.0)[0, 1]), 12)
    0.2
    """
    pos = np.ascontiguousarray(positions, dtype=float)
    if pos.ndim != 2 or pos.shape[0] < 2:
        raise ValueError(f"positions must have shape (N >= 2, d), got {pos.shape}")
    return _min_image_distances(pos, _check_positive("L", L))


def random_sites(N: int, dim: int, rng: np.random.Generator, r_nn: float = 1.0,
                 L: float | None = None) -> tuple[np.ndarray, float]:
    """Uniform random sites in a periodic cube (square) at mean NN distance `r_nn`.

    Parameters
    ----------
    N : int
        Number of sites, >= 2.
    dim : int
        Dimension (2 or 3).
    rng : numpy.random.Generator
        Random source.
    r_nn : float
        Mean nearest-neighbour distance of the infinite system (sets the density).
    L : float, optional
        Box side overriding ``box_length(N, r_nn, dim)`` (e.g. to test other conventions).

    Returns
    -------
    positions : numpy.ndarray, shape (N, dim)
        Site coordinates (same length unit as `r_nn`).
    L : float
        Box side used.

    Examples
    --------
    >>> pos, L = random_sites(100, 2, np.random.default_rng(0))
    >>> pos.shape, round(L, 12), bool(np.all((pos >= 0) & (pos < L)))
    ((100, 2), 20.0, True)
    """
    N = _check_positive_int("N", N, 2)
    L = box_length(N, r_nn, dim) if L is None else _check_positive("L", L)
    return rng.uniform(0.0, L, size=(N, dim)), L


# ----------------------------------------------------------------------------- the solver


@dataclass
class MeanFieldSolution:
    """Result of :func:`solve_mean_field`.

    Attributes
    ----------
    x : numpy.ndarray
        Self-consistent mean-field energies (Δ'_i for the TLS glass, E_i for the EG).
    converged : bool
        True if the largest change in the last sweep and the final residual are below `tol`.
    sweeps : int
        Number of Gauss-Seidel sweeps made.
    residual : float
        max_i |x_i - b_i - Σ_j C_ij tanh(x_j / 2T)| at the returned x (energy units).
    """

    x: np.ndarray
    converged: bool
    sweeps: int
    residual: float


@numba.njit(cache=True)
def _gauss_seidel(b, C, beta_half, x, tol, max_sweeps, skip):
    n = b.shape[0]
    m = np.tanh(beta_half * x)
    h = C @ m
    sweeps = 0
    converged = False
    while sweeps < max_sweeps:
        sweeps += 1
        max_change = 0.0
        for i in range(n):
            xn = b[i] + h[i]
            ch = abs(xn - x[i])
            if ch > max_change:
                max_change = ch
            x[i] = xn
            mn = math.tanh(beta_half * xn)
            dm = mn - m[i]
            if abs(dm) > skip:
                m[i] = mn
                for k in range(n):
                    h[k] += C[i, k] * dm
        if max_change < tol or sweeps % 25 == 0:
            h = C @ m  # remove round-off drift of the incremental field updates
            if max_change < tol:
                res = np.max(np.abs(x - b - C @ np.tanh(beta_half * x)))
                if res < tol:
                    converged = True
                    break
    return x, sweeps, converged


def solve_mean_field(b, C, T: float, x0=None, tol: float = 1e-9,
                     max_sweeps: int = 5000) -> MeanFieldSolution:
    """Solve the mean-field equations x_i = b_i + Σ_j C_ij tanh(x_j / 2T) self-consistently.

    With b = Δ and C = u_ij / (4 r_ij³) this is Eq. 4 of seed 003 (TLS glass); with b = ε
    and C = -e² / (2 r_ij) it is Eq. 20 (electron glass).  The iteration is the sequential
    (Gauss-Seidel) relaxation of Grünewald et al.: each x_i is replaced in turn by the
    right-hand side, and the fields of all other sites are updated at once.  For a symmetric
    C with zero diagonal the mean-field free energy decreases at every update, so the
    iteration converges (to a local minimum: another start may give another solution).

    Parameters
    ----------
    b : array_like, shape (N,)
        Bare energies (energy unit).
    C : array_like, shape (N, N)
        Symmetric couplings with zero diagonal (energy unit).
    T : float
        Temperature (energy unit), > 0.
    x0 : array_like, optional
        Initial guess; default `b`.
    tol : float
        Convergence tolerance (energy unit): the largest change of any x_i in a sweep and the
        final residual must both be below it.
    max_sweeps : int
        Maximum number of sweeps; if reached, ``converged`` is False (the caller decides).

    Returns
    -------
    MeanFieldSolution

    Examples
    --------
    Two TLSs, Δ = (1, 0), coupling C12 = 0.5 at T → 0: both fields saturate,
    x1 = 1 + 0.5 = 1.5 and x2 = 0 + 0.5 = 0.5.

    >>> sol = solve_mean_field([1.0, 0.0], [[0, 0.5], [0.5, 0]], T=1e-3)
    >>> sol.x.round(6).tolist(), sol.converged
    ([1.5, 0.5], True)
    """
    T = _check_positive("T", T)
    b = np.ascontiguousarray(b, dtype=float)
    C = np.ascontiguousarray(C, dtype=float)
    n = b.shape[0]
    if b.ndim != 1 or n < 2:
        raise ValueError(f"b must be a 1-D array of N >= 2 energies, got shape {b.shape}")
    if C.shape != (n, n):
        raise ValueError(f"C must have shape ({n}, {n}), got {C.shape}")
    tol = _check_positive("tol", tol)
    max_sweeps = _check_positive_int("max_sweeps", max_sweeps, 1)
    x = b.copy() if x0 is None else np.array(x0, dtype=float)
    if x.shape != (n,):
        raise ValueError(f"x0 must have shape ({n},), got {x.shape}")
    x, sweeps, converged = _gauss_seidel(b, C, 0.5 / T, x, tol, max_sweeps, 1e-16)
    res = float(np.max(np.abs(x - b - C @ np.tanh(0.5 * x / T))))
    return MeanFieldSolution(x, bool(converged), int(sweeps), res)


def warn_if_not_converged(sol: MeanFieldSolution, tol: float) -> None:
    """Issue a RuntimeWarning if `sol` did not reach the tolerance `tol` (energy unit).

    Parameters
    ----------
    sol : MeanFieldSolution
        Result of :func:`solve_mean_field`.
    tol : float
        The tolerance it was asked for (energy unit), quoted in the message.

    Returns
    -------
    None

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     warn_if_not_converged(MeanFieldSolution(np.zeros(2), False, 7, 0.1), 1e-9)
    >>> str(w[0].message)
    'mean-field iteration not converged after 7 sweeps: residual 0.1 > tol 1e-09'
    """
    if not sol.converged:
        warnings.warn(f"mean-field iteration not converged after {sol.sweeps} sweeps: "
                      f"residual {sol.residual:.3g} > tol {tol:.3g}", RuntimeWarning,
                      stacklevel=3)


# ----------------------------------------------------------------------------- the TLS glass


@dataclass
class TLSGlass:
    """One realization of the TLS glass of seed 003 (Eq. 1 with the distributions of Eq. 7).

    Attributes
    ----------
    positions : numpy.ndarray, shape (N, 3)
        Site coordinates [r_nn].
    L : float
        Box side [r_nn].
    delta : numpy.ndarray
        Bare asymmetries Δ_i, Gaussian with standard deviation W.
    delta0 : numpy.ndarray
        Tunnelling amplitudes Δ0_i, log-uniform in the given range.
    coupling : numpy.ndarray, shape (N, N)
        C_ij = u_ij / (4 r_ij³): the coupling of Eq. 4, with u_ij Gaussian of standard
        deviation U0 = J r_nn³.
    """

    positions: np.ndarray
    L: float
    delta: np.ndarray
    delta0: np.ndarray
    coupling: np.ndarray


def _check_delta0_range(delta0_range):
    lo, hi = (float(v) for v in delta0_range)
    if not (np.isfinite(lo) and np.isfinite(hi) and 0 < lo < hi):
        raise ValueError(
            f"delta0_range must be (low, high) with 0 < low < high, got {tuple(delta0_range)}"
        )
    return lo, hi


@numba.njit(cache=True)
def _gaussian_dipolar_coupling(dist, seed, scale):
    # Numba's own generator, seeded from the caller's numpy Generator: reproducible, fast.
    np.random.seed(seed)  # noqa: NPY002
    n = dist.shape[0]
    C = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            r = dist[i, j]
            c = scale * np.random.standard_normal() / (r * r * r)  # noqa: NPY002
            C[i, j] = c
            C[j, i] = c
    return C


def tls_glass(N: int, W: float, J: float, rng: np.random.Generator,
              delta0_range=DELTA0_RANGE, r_nn: float = 1.0) -> TLSGlass:
    """Draw one TLS-glass realization (sites, Δ_i, Δ0_i, couplings of Eq. 4).

    Parameters
    ----------
    N : int
        Number of TLSs, >= 2.
    W : float
        Standard deviation of the Gaussian asymmetries Δ_i (energy unit), >= 0.
    J : float
        Interaction strength J = U0 / r_nn³ (energy unit), >= 0.
    rng : numpy.random.Generator
        Random source (all randomness, including the couplings, derives from it).
    delta0_range : (float, float)
        Range (low, high) of the log-uniform Δ0 (energy unit), 0 < low < high.
    r_nn : float
        Mean nearest-neighbour distance (sets the density, :func:`site_density`).

    Returns
    -------
    TLSGlass

    Examples
    --------
    >>> g = tls_glass(50, W=1.0, J=1.0, rng=np.random.default_rng(1))
    >>> g.coupling.shape, bool(np.allclose(g.coupling, g.coupling.T))
    ((50, 50), True)
    """
    N = _check_positive_int("N", N, 2)
    W = _check_positive("W", W, allow_zero=True)
    J = _check_positive("J", J, allow_zero=True)
    lo, hi = _check_delta0_range(delta0_range)
    pos, L = random_sites(N, 3, rng, r_nn)
    delta = rng.normal(0.0, W, N) if W > 0 else np.zeros(N)
    delta0 = np.exp(rng.uniform(np.log(lo), np.log(hi), N))
    dist = periodic_distances(pos, L)
    U0 = J * r_nn**3
    C = _gaussian_dipolar_coupling(dist, int(rng.integers(2**31 - 1)), 0.25 * U0)
    return TLSGlass(pos, L, delta, delta0, C)


def excitation_energies(delta_prime, delta0) -> np.ndarray:
    """Eq. 6: E_i = sgn(Δ'_i) sqrt(Δ'_i² + Δ0_i²) (signed single-TLS excitation energy).

    Parameters
    ----------
    delta_prime : array_like
        Mean-field asymmetries Δ'_i (energy unit); Δ' = 0 counts as positive.
    delta0 : array_like
        Tunnelling amplitudes Δ0_i (energy unit).

    Returns
    -------
    numpy.ndarray
        Signed energies E_i (energy unit).

    Examples
    --------
    >>> excitation_energies([3.0, -3.0], [4.0, 4.0]).tolist()
    [5.0, -5.0]
    """
    dp = np.asarray(delta_prime, dtype=float)
    d0 = np.asarray(delta0, dtype=float)
    sign = np.where(dp < 0, -1.0, 1.0)
    return sign * np.hypot(dp, d0)


def tls_relaxation_rates(E, delta0, T: float, a: float = 1.0) -> np.ndarray:
    """Eq. 12: one-phonon relaxation rate |λ_i| = a Δ0_i² E_i coth(E_i / 2T).

    Parameters
    ----------
    E : array_like
        Excitation energies (signed or not; the rate is even in E), energy unit.
    delta0 : array_like
        Tunnelling amplitudes Δ0 (energy unit).
    T : float
        Temperature (energy unit), > 0.
    a : float
        Coupling prefactor Σ_s γ_s² / (2π ρ ħ⁴ c_s⁵) [1 / (energy³ time)]; the paper quotes
        a ≈ 1e8 K⁻³ s⁻¹.  Default 1: rates in units of a.

    Returns
    -------
    numpy.ndarray
        Positive decay rates (the paper's λ_i are their negatives).

    Examples
    --------
    At E → 0 the rate tends to 2 a T Δ0²; at E ≫ T to a Δ0² |E|:

    >>> np.round(tls_relaxation_rates([0.0, 10.0], [1e-3, 1e-3], T=0.01), 15).tolist()
    [2e-08, 1e-05]
    """
    T = _check_positive("T", T)
    a = _check_positive("a", a)
    E = np.abs(np.asarray(E, dtype=float))
    d0 = np.asarray(delta0, dtype=float)
    z = E / (2 * T)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(z > 1e-8, E / np.tanh(np.maximum(z, 1e-300)), 2 * T)
    return a * d0**2 * g


@dataclass
class TLSGlassResult:
    """Mean-field solution of one TLS-glass realization (see :func:`solve_tls_glass`).

    Attributes
    ----------
    E : numpy.ndarray
        Signed excitation energies of Eq. 6 (energy unit).
    delta_prime : numpy.ndarray
        Self-consistent asymmetries Δ'_i of Eq. 4 (energy unit).
    delta0 : numpy.ndarray
        Tunnelling amplitudes Δ0_i (energy unit).
    converged, sweeps, residual
        As in :class:`MeanFieldSolution`.
    """

    E: np.ndarray
    delta_prime: np.ndarray
    delta0: np.ndarray
    converged: bool
    sweeps: int
    residual: float


def solve_tls_glass(N: int, W: float, J: float, T: float, rng: np.random.Generator,
                    delta0_range=DELTA0_RANGE, tol: float = 1e-9,
                    max_sweeps: int = 5000) -> TLSGlassResult:
    """Draw a TLS glass and solve Eq. 4 at temperature `T`; return its Eq. 6 energies.

    The initial Δ'_i are uniform in [-s, s] with s = sqrt(W² + J²) (the paper starts from a
    uniform distribution); the iteration is :func:`solve_mean_field`.

    Parameters
    ----------
    N, W, J, rng, delta0_range
        As in :func:`tls_glass`.
    T : float
        Temperature (energy unit), > 0.
    tol, max_sweeps
        As in :func:`solve_mean_field`.

    Returns
    -------
    TLSGlassResult

    Examples
    --------
    >>> r = solve_tls_glass(200, W=1.0, J=1.0, T=0.05, rng=np.random.default_rng(0))
    >>> r.converged, r.E.shape
    (True, (200,))
    """
    T = _check_positive("T", T)
    glass = tls_glass(N, W, J, rng, delta0_range)
    s = math.hypot(W, J)
    x0 = rng.uniform(-s, s, glass.delta.shape)
    sol = solve_mean_field(glass.delta, glass.coupling, T, x0=x0, tol=tol, max_sweeps=max_sweeps)
    warn_if_not_converged(sol, tol)
    E = excitation_energies(sol.x, glass.delta0)
    return TLSGlassResult(E, sol.x, glass.delta0, sol.converged, sol.sweeps, sol.residual)


# ----------------------------------------------------------------------------- seed 001 lattice


def ising_mean_field(h, J, T: float, x0=None, tol: float = 1e-9,
                     max_sweeps: int = 5000) -> MeanFieldSolution:
    """Mean-field single-TLS energies of the random-field Ising model, Eq. 2 of seed 001.

    H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j (τ = ±1).  In mean field
    <τ_j> = -tanh(f_j / T) with the local field f_i = h_i + Σ_j J_ij <τ_j>, and the cost of
    flipping TLS i is E_i = 2 |f_i|.  Writing x_i = 2 f_i this is :func:`solve_mean_field`
    with b = 2h and C = -2J, so the returned ``x`` are the signed single-flip energies (Δ0 = 0,
    as in seed 001).  The disorder (h, J) of a realization comes from
    :func:`tlspaper.montecarlo.make_realization`, the same as in the Monte Carlo.

    Parameters
    ----------
    h : array_like, shape (N,)
        Random fields [K].
    J : array_like, shape (N, N)
        Symmetric couplings [K], zero diagonal.
    T : float
        Temperature [K], > 0.
    x0, tol, max_sweeps
        As in :func:`solve_mean_field` (energies in K).

    Returns
    -------
    MeanFieldSolution
        ``x``: signed energies 2 f_i [K]; |x| is the single-flip energy.

    Examples
    --------
    A TLS with h1 = 1 K coupled by J = 0.5 K to a partner in a strong field h2 = 100 K
    (<τ2> = -1): f1 = 1 - 0.5 = 0.5 K, so E1 = 1 K; f2 = 100 - 0.5 tanh(0.5/0.1) K.

    >>> s = ising_mean_field([1.0, 100.0], [[0, 0.5], [0.5, 0]], T=0.1)
    >>> np.round(s.x, 4).tolist()
    [1.0, 199.0001]
    """
    h = np.asarray(h, dtype=float)
    J = np.asarray(J, dtype=float)
    if x0 is None:
        x0 = 2 * h
    return solve_mean_field(2 * h, -2 * J, T, x0=x0, tol=tol, max_sweeps=max_sweeps)


# ----------------------------------------------------------------------------- rate statistics


def density_histogram(samples, edges) -> tuple[np.ndarray, np.ndarray]:
    """Normalised histogram over realizations, with its standard error.

    Parameters
    ----------
    samples : array_like, shape (R, M) or sequence of 1-D arrays
        One row of values per realization (R >= 1).
    edges : array_like
        Bin edges.

    Returns
    -------
    density : numpy.ndarray
        Histogram of all values normalised by the total count and the bin widths (values
        outside the edges count in the normalisation, so a cut tail lowers the density).
    error : numpy.ndarray
        Standard error of the mean over realizations (zero if R = 1).

    Examples
    --------
    >>> d, e = density_histogram([[0.1, 0.2, 0.6, 0.7]], [0.0, 0.5, 1.0])
    >>> d.tolist()
    [1.0, 1.0]
    """
    edges = np.asarray(edges, dtype=float)
    rows = [np.asarray(s, dtype=float).ravel() for s in samples]
    widths = np.diff(edges)
    hists = [np.histogram(r, edges)[0] for r in rows]
    per = np.array([h / (len(r) * widths) for h, r in zip(hists, rows, strict=True)])
    counts = sum(hists)
    total = sum(len(r) for r in rows)
    if len(rows) > 1:
        err = per.std(axis=0, ddof=1) / np.sqrt(len(rows))
    else:
        err = np.zeros(len(widths))
    return counts / (total * widths), err


def lambda_min(rates, bin_width: float = 0.5, level: float = 0.5) -> float:
    """Lower cutoff λ_min of a 1/λ rate distribution: the low edge of the plateau of p(ln λ).

    p(ln λ) of a 1/λ distribution is flat between λ_min and λ_max (the paper's "plateau
    region").  The plateau height is taken as the median of the histogram of ln λ over the
    central half of the samples (between their 25th and 75th percentiles); λ_min is where,
    coming from small λ, the histogram first reaches `level` times that height (linear
    interpolation between bin centres).

    Parameters
    ----------
    rates : array_like
        Positive rates (any unit; λ_min has the same unit).
    bin_width : float
        Width of the ln λ bins.
    level : float
        Fraction of the plateau height defining the edge (0 < level < 1).

    Returns
    -------
    float
        λ_min.

    Examples
    --------
    A log-uniform sample between e^-20 and e^-5 has its edge at e^-20:

    >>> lam = np.exp(np.random.default_rng(0).uniform(-20, -5, 200_000))
    >>> round(float(np.log(lambda_min(lam, bin_width=0.1))), 1)
    -20.0
    """
    y = np.log(np.asarray(rates, dtype=float).ravel())
    y = y[np.isfinite(y)]
    if y.size < 10:
        raise ValueError(f"rates must contain at least 10 positive values, got {y.size}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    bin_width = _check_positive("bin_width", bin_width)
    edges = np.arange(y.min(), y.max() + bin_width, bin_width)
    if edges.size < 3:
        edges = np.linspace(y.min(), y.max(), 3)
    counts, edges = np.histogram(y, edges)
    centres = 0.5 * (edges[1:] + edges[:-1])
    q1, q3 = np.percentile(y, [25, 75])
    core = (centres >= q1) & (centres <= q3)
    height = np.median(counts[core]) if core.any() else counts.max()
    above = np.flatnonzero(counts >= level * height)
    k = above[0]
    if k == 0:
        return float(np.exp(edges[0]))
    c0, c1 = counts[k - 1], counts[k]
    frac = (level * height - c0) / (c1 - c0)
    return float(np.exp(centres[k - 1] + frac * (centres[k] - centres[k - 1])))


def fit_window(rates, decades: float = 1.0, level: float = 0.9) -> tuple[float, float]:
    """The window [λ_p, 10^decades λ_p] for fitting the 1/λ law, starting on the plateau.

    λ_min (:func:`lambda_min`, half height) marks the middle of the rounded low edge of
    p(ln λ); the plateau itself starts where p(ln λ) reaches `level` (0.9) of its height.
    The fit window starts there so that the edge does not bias the fitted power.

    Parameters
    ----------
    rates : array_like
        Positive rates (any unit).
    decades : float
        Width of the window in decades, > 0.
    level : float
        Fraction of the plateau height where the window starts (0 < level < 1).

    Returns
    -------
    lam_lo, lam_hi : float
        The window (same unit as `rates`).

    Examples
    --------
    >>> lam = np.exp(np.random.default_rng(0).uniform(-20, -5, 200_000))
    >>> lo, hi = fit_window(lam)
    >>> round(float(np.log(hi / lo) / np.log(10)), 6)
    1.0
    """
    lo = lambda_min(rates, level=level)
    return lo, lo * 10.0 ** _check_positive("decades", decades)


@dataclass
class InverseLambdaFit:
    """Fit of p(λ) = A / λ (and of a free power A' λ^-s) to a rate histogram."""

    A: float
    A_err: float
    exponent: float
    exponent_err: float
    chi2_red: float
    lam_lo: float
    lam_hi: float


def fit_inverse_lambda(rates, lam_lo: float, lam_hi: float, bins: int = 40) -> InverseLambdaFit:
    """Fit the normalised rate distribution p(λ) in [lam_lo, lam_hi] by A/λ and by A' λ^-s.

    p(λ) is the histogram of all rates (normalised to the total number of rates) in `bins`
    linear bins spanning [lam_lo, lam_hi], as in the paper's linear-scale panels.  The fits
    are weighted least squares with Poisson errors.  A pure 1/λ law gives s = 1.

    Parameters
    ----------
    rates : array_like
        Positive rates.
    lam_lo, lam_hi : float
        Fit window (the paper's cutoffs), 0 < lam_lo < lam_hi.
    bins : int
        Number of linear bins.

    Returns
    -------
    InverseLambdaFit

    Examples
    --------
    >>> lam = np.exp(np.random.default_rng(1).uniform(np.log(1e-3), 0.0, 400_000))
    >>> f = fit_inverse_lambda(lam, 1e-3, 1e-2)
    >>> bool(abs(f.exponent - 1) < 3 * f.exponent_err), round(float(f.A * np.log(1e3)), 2)
    (True, 1.0)
    """
    from scipy.optimize import curve_fit

    lam_lo = _check_positive("lam_lo", lam_lo)
    lam_hi = _check_positive("lam_hi", lam_hi)
    if lam_hi <= lam_lo:
        raise ValueError(f"need lam_lo < lam_hi, got {lam_lo} and {lam_hi}")
    lam = np.asarray(rates, dtype=float).ravel()
    edges = np.linspace(lam_lo, lam_hi, _check_positive_int("bins", bins, 3) + 1)
    counts, _ = np.histogram(lam, edges)
    w = np.diff(edges)
    x = 0.5 * (edges[1:] + edges[:-1])
    p = counts / (lam.size * w)
    sig = np.sqrt(np.maximum(counts, 1)) / (lam.size * w)
    # A / λ: linear least squares in A
    basis = 1.0 / x
    wts = 1.0 / sig**2
    A = float(np.sum(wts * basis * p) / np.sum(wts * basis**2))
    A_err = float(1.0 / np.sqrt(np.sum(wts * basis**2)))
    chi2 = float(np.sum(((p - A * basis) / sig) ** 2) / (len(x) - 1))
    popt, pcov = curve_fit(lambda t, a, s: a * (t / x[0]) ** (-s), x, p, p0=(p[0], 1.0),
                           sigma=sig, absolute_sigma=True)
    return InverseLambdaFit(A, A_err, float(popt[1]), float(np.sqrt(pcov[1, 1])), chi2,
                            lam_lo, lam_hi)


def relaxation_curve(rates, t) -> np.ndarray:
    """Eq. 15 with equal initial deviations: |δσ|(t) = (1/M) Σ_i exp(-λ_i t).

    Parameters
    ----------
    rates : array_like
        The M positive rates.
    t : array_like
        Times (inverse rate unit).

    Returns
    -------
    numpy.ndarray
        |δσ|(t) / |δσ|(0).

    Examples
    --------
    >>> relaxation_curve([1.0, 2.0], [0.0, np.log(2)]).tolist()
    [1.0, 0.375]
    """
    lam = np.sort(np.asarray(rates, dtype=float).ravel())
    t = np.atleast_1d(np.asarray(t, dtype=float))
    out = np.empty(t.shape)
    for k, tk in enumerate(t.ravel()):
        out.flat[k] = np.exp(-lam * tk).mean()
    return out


def log_relaxation(t, lam_min: float, c: float = 1.0) -> np.ndarray:
    """Eq. 17: |δσ|(t) ≈ -c [γ_E + ln(λ_min t)], valid for 1/λ_max < t < 1/λ_min.

    For p(λ) = 1 / (λ ln(λ_max/λ_min)) and unit initial deviations, c = 1 / ln(λ_max/λ_min).

    Parameters
    ----------
    t : array_like
        Times (inverse rate unit).
    lam_min : float
        Lower cutoff λ_min of the rates, > 0.
    c : float
        Prefactor (dimensionless).

    Returns
    -------
    numpy.ndarray
        |δσ|(t) / |δσ|(0).

    Examples
    --------
    >>> round(float(log_relaxation(np.exp(-EULER_GAMMA), 1.0)), 12)
    0.0
    """
    lam_min = _check_positive("lam_min", lam_min)
    return -c * (EULER_GAMMA + np.log(lam_min * np.asarray(t, dtype=float)))


def jackknife(statistic, groups, blocks: int = 20) -> tuple[float, float]:
    """Delete-one-block jackknife estimate and standard error of `statistic` over realizations.

    Parameters
    ----------
    statistic : callable
        Maps a 1-D array of pooled values to a float.
    groups : sequence of array_like
        One array of values per realization (R >= 2).
    blocks : int
        If R > blocks, consecutive realizations are merged into `blocks` blocks first.

    Returns
    -------
    value, error : float
        `statistic` of all pooled values and its jackknife standard error.

    Examples
    --------
    >>> v, e = jackknife(np.mean, [[1.0], [2.0], [3.0], [4.0]])
    >>> v, round(e, 6)
    (2.5, 0.645497)
    """
    groups = [np.asarray(g, dtype=float).ravel() for g in groups]
    R = len(groups)
    if R < 2:
        raise ValueError(f"jackknife needs at least 2 realizations, got {R}")
    blocks = _check_positive_int("blocks", blocks, 2)
    if R > blocks:
        groups = [np.concatenate(part) for part in np.array_split(np.array(groups, dtype=object),
                                                                   blocks)]
        R = blocks
    full = float(statistic(np.concatenate(groups)))
    loo = np.array([statistic(np.concatenate(groups[:k] + groups[k + 1:])) for k in range(R)])
    err = float(np.sqrt((R - 1) / R * np.sum((loo - loo.mean()) ** 2)))
    return full, err


# ----------------------------------------------------------------------------- datasets


#: Parameter sets of the cached TLS-glass datasets: file name -> list of configurations.
#: Each configuration solves `realizations` independent samples of N TLSs.
TLS_DATASETS: dict[str, list[dict]] = {
    # Fig. 1 (T = 0.05) and Fig. 3 (J/T = 10); also the N = 10 000 point of the size scheme.
    "meanfield_tls_N10000.npz": [
        dict(label="fig1", N=10000, W=1.0, J=1.0, T=0.05, realizations=10),
        dict(label="fig3", N=10000, W=1.0, J=1.0, T=0.1, realizations=10),
    ],
    # Fig. 2: DOS vs T, N = 1000.
    "meanfield_tls_temperature.npz": [
        dict(label=f"T={T:g}", N=1000, W=1.0, J=1.0, T=T, realizations=60)
        for T in (0.1, 1.0, 2.0)
    ],
    # Figs. 4, 6: W = 1, 10, 100 at W/T = 10, J = 1.
    "meanfield_tls_disorder.npz": [
        dict(label=f"W={W:g}", N=1000, W=W, J=1.0, T=W / 10, realizations=60)
        for W in (1.0, 10.0, 100.0)
    ],
    # Figs. 5, 7: W/J = 1, 3.1, 9.8 with W² + J² = 2, T = 0.05; then the paper's second
    # scheme (Sec. IV A), J alone increased at W = 1: J = 0.3, 3 (J = 1 is W/J = 1).
    "meanfield_tls_interaction.npz": [
        dict(label=f"W/J={q:g}", N=1000, W=q * math.sqrt(2 / (1 + q * q)),
             J=math.sqrt(2 / (1 + q * q)), T=0.05, realizations=60)
        for q in (1.0, 3.1, 9.8)
    ] + [
        dict(label=f"J={J:g}, W=1", N=1000, W=1.0, J=J, T=0.05, realizations=60)
        for J in (0.3, 3.0)
    ],
    # Beyond the paper: Eq. 2 of seed 001 (L = 12, x = 0.5, h0 = 10 K, C = 1) in mean field,
    # energies in kelvin; the disorder comes from tlspaper.montecarlo.make_realization.
    "meanfield_lattice_seed001.npz": [
        dict(label=f"J0={J0:g}K, T={T:g}K", model="seed001", L=12, x=0.5, h0=10.0, J0=J0,
             C=1.0, T=T, realizations=20)
        for J0 in (2.0, 3.0) for T in (0.1, 0.2, 0.5, 1.0)
    ],
    # System size: N = 100 and 1000 at W = J = 1, T = 0.1 (N = 10 000 is "fig3" above).
    "meanfield_tls_size.npz": [
        dict(label="N=100", N=100, W=1.0, J=1.0, T=0.1, realizations=600),
        dict(label="N=1000", N=1000, W=1.0, J=1.0, T=0.1, realizations=60),
    ],
}


def _run_configs(name, datasets, realizations, solve_one, seed, data_dir, checkpoint_dir,
                 progress, version):
    """Shared driver of both ``generate_dataset``: look `name` up in `datasets`, run every
    configuration (with `realizations` overriding the counts if given), checkpoint, save with
    provenance, register."""
    from . import __version__, data

    if name not in datasets:
        raise ValueError(f"unknown dataset {name!r}; known: {sorted(datasets)}")
    configs = [dict(c) for c in datasets[name]]
    if realizations is not None:
        for c in configs:
            c["realizations"] = _check_positive_int("realizations", realizations, 1)
    data_dir = Path(data_dir) if data_dir is not None else data.data_dir()
    if checkpoint_dir is None:
        import pooch

        checkpoint_dir = Path(pooch.os_cache("tlspaper")) / "checkpoints"
    checkpoint_dir = Path(checkpoint_dir)
    checkpoint_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    meta_configs = []
    t_start = time.time()
    for k, cfg in enumerate(configs):
        ckpt = checkpoint_dir / f"{Path(name).stem}.{k}.npz"
        done: dict[str, list] = {}
        wall = 0.0
        if ckpt.is_file():
            with np.load(ckpt, allow_pickle=False) as f:
                done = {key: list(f[key]) for key in f.files if key not in ("wall", "meta")}
                wall = float(f["wall"])
        R = cfg["realizations"]
        r0 = len(next(iter(done.values()))) if done else 0
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=R, initial=r0, desc=f"{name} [{cfg['label']}]")
        last_ckpt = time.time()
        for r in range(r0, R):
            t0 = time.time()
            rng = np.random.default_rng(np.random.SeedSequence([seed, k, r]))
            out = solve_one(cfg, rng, r)
            wall += time.time() - t0
            for key, val in out.items():
                done.setdefault(key, []).append(val)
            if bar is not None:
                bar.update(1)
            if time.time() - last_ckpt > 60 or r == R - 1:
                data.save_npz(ckpt, {**{kk: np.array(v) for kk, v in done.items()},
                                     "wall": np.array(wall)}, {})
                last_ckpt = time.time()
        if bar is not None:
            bar.close()
        for key, val in done.items():
            arrays[f"{key}_{k}"] = np.array(val)
        conv = np.array(done["converged"])
        meta_configs.append({**cfg, "wall_time_s": round(wall, 1),
                             "not_converged": int((~conv.astype(bool)).sum())})
    meta = {
        "generator": f"tlspaper.{version}.generate_dataset({name!r}, seed={seed})",
        "seed": seed, "version": __version__, "configs": meta_configs,
        "wall_time_s": round(time.time() - t_start, 1),
        "units": "energies in units of J (nearest-neighbour interaction), lengths in r_nn",
    }
    path = data.save_npz(data_dir / name, arrays, meta)
    if data_dir == data.data_dir():
        data.register(path)
    return path


def _solve_tls_config(cfg, rng, r):
    if cfg.get("model") == "seed001":
        from .montecarlo import Model, make_realization

        model = Model(L=cfg["L"], J0=cfg["J0"], x=cfg["x"], h0=cfg["h0"], C=cfg["C"])
        # realization r has the same disorder at every temperature, as in the annealing MC
        _, h, J = make_realization(model, cfg.get("mc_seed", 3), r)
        sol = ising_mean_field(h, J, cfg["T"], x0=rng.uniform(-20.0, 20.0, h.size))
        return {"E": sol.x.astype(np.float32), "converged": sol.converged,
                "sweeps": sol.sweeps, "residual": sol.residual}
    res = solve_tls_glass(cfg["N"], cfg["W"], cfg["J"], cfg["T"], rng,
                          tol=cfg.get("tol", 1e-9), max_sweeps=cfg.get("max_sweeps", 5000))
    return {"E": res.E.astype(np.float32), "delta0": res.delta0.astype(np.float32),
            "converged": res.converged, "sweeps": res.sweeps, "residual": res.residual}


def generate_dataset(name: str, seed: int = 3, realizations: int | None = None,
                     data_dir=None, checkpoint_dir=None, progress: bool = True) -> Path:
    """Regenerate a cached TLS-glass dataset of :data:`TLS_DATASETS` (slow: see data/README).

    For every configuration the mean-field equations are solved for independent realizations
    (realization r of configuration k uses ``SeedSequence([seed, k, r])``), and the signed
    energies E_i (Eq. 6) and Δ0_i are stored as float32 arrays ``E_k``, ``delta0_k`` of shape
    (realizations, N), with per-realization ``converged_k``, ``sweeps_k``, ``residual_k``.
    Progress is checkpointed every minute in ``checkpoint_dir`` (default
    ``pooch.os_cache("tlspaper") / "checkpoints"``) so an interrupted run resumes (delete the
    checkpoints after changing the code or the parameters).  Run single-threaded
    (``NUMBA_NUM_THREADS=1``, ``OMP_NUM_THREADS=1``).

    Parameters
    ----------
    name : str
        A key of :data:`TLS_DATASETS`.
    seed : int
        Master seed.
    realizations : int, optional
        Override the realization count of every configuration (e.g. for a quick test).
    data_dir : path-like, optional
        Output folder; default the checkout's ``data/`` (the file is then registered).
    checkpoint_dir : path-like, optional
        Folder for checkpoints.
    progress : bool
        Show a tqdm progress bar.

    Returns
    -------
    pathlib.Path
        The written ``.npz``.
    """
    return _run_configs(name, TLS_DATASETS, realizations, _solve_tls_config, seed, data_dir,
                        checkpoint_dir, progress, "meanfield")


def load_dataset(name: str) -> tuple[list[dict], dict]:
    """Load a cached mean-field dataset as one dict of arrays per configuration, plus meta.

    Parameters
    ----------
    name : str
        File name of a registered dataset (e.g. a key of :data:`TLS_DATASETS`).

    Returns
    -------
    configs : list of dict
        For configuration k: its parameters (from the provenance) and its arrays with the
        ``_k`` suffix removed (e.g. ``E``, ``delta0``, ``converged``).
    meta : dict
        The provenance stored in the file.

    Examples
    --------
    >>> cfgs, meta = load_dataset("meanfield_tls_size.npz")
    >>> [c["label"] for c in cfgs], cfgs[0]["E"].shape
    (['N=100', 'N=1000'], (600, 100))
    """
    from . import data

    arrays, meta = data.load_npz(name)
    out = []
    for k, cfg in enumerate(meta["configs"]):
        entry = dict(cfg)
        for key, val in arrays.items():
            stem, _, idx = key.rpartition("_")
            if idx == str(k):
                entry[stem] = val
        out.append(entry)
    return out, meta


# ----------------------------------------------------------------------------- scorecard


def relaxation_shift_sign(lam_min_before: float, lam_min_after: float, err: float = 0.0) -> int:
    """Table I convention: +1 if λ_min grows (faster relaxation), -1 if it drops, 0 if the
    change is within `err` (both in the same rate unit).

    Parameters
    ----------
    lam_min_before, lam_min_after : float
        λ_min at the smallest and the largest value of the varied parameter (rate unit).
    err : float
        Changes of at most this size (rate unit) count as no change.

    Returns
    -------
    int
        +1, -1 or 0.

    Examples
    --------
    >>> relaxation_shift_sign(1e-10, 3e-10), relaxation_shift_sign(1e-10, 1.01e-10, 1e-11)
    (1, 0)
    """
    d = lam_min_after - lam_min_before
    if abs(d) <= err:
        return 0
    return 1 if d > 0 else -1


def find_config(name: str, label: str) -> dict:
    """The configuration labelled `label` of cached dataset `name` (see :func:`load_dataset`).

    Parameters
    ----------
    name : str
        File name of the dataset.
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
    cfgs, _ = load_dataset(name)
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
        One float64 array of positive rates per realization.  EG rates at the round-off
        level of the eigensolver can come out negative (one in 6e4 in our datasets, of size
        ~1e-17 Γ0); they are dropped.

    Examples
    --------
    >>> cfg = {"T": 0.01, "E": [[0.0, 10.0]], "delta0": [[1e-3, 1e-3]]}
    >>> np.round(config_rates(cfg)[0], 15).tolist()
    [2e-08, 1e-05]
    """
    if "rates" in cfg:  # EG eigenvalues: drop the rare round-off negatives (|λ| < 1e-16)
        return [r[r > 0] for r in (np.asarray(x, dtype=float) for x in cfg["rates"])]
    return [tls_relaxation_rates(e, d, cfg["T"])
            for e, d in zip(cfg["E"], cfg["delta0"], strict=True)]


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
    """Table I of seed 003 measured from the cached datasets: sign of the rate shift.

    For each model and scheme of :data:`TABLE_I_SCHEMES`, λ_min (:func:`lambda_min`) and the
    median rate, each with a jackknife error over realizations, are measured at the smallest
    and the largest value of the varied parameter (disorder W at W/T = 10; interaction J/W at
    W² + J² = 2; system size N at fixed density).  The sign is +1 (faster), -1 (slower) or 0
    when the shift is within `n_sigma` combined standard errors.

    Parameters
    ----------
    bin_width : float
        Width of the ln λ bins of :func:`lambda_min`.
    n_sigma : float
        Shifts within this many combined standard errors give sign 0.

    Returns
    -------
    list of dict
        Keys ``model``, ``quantity``, ``published``, ``ours`` (from λ_min), ``ours_median``,
        ``lam_min``, ``lam_min_err``, ``median``, ``median_err`` (pairs) and ``parameter``
        (pair of labels).

    Examples
    --------
    >>> [(t["model"], t["quantity"], t["published"]) for t in table_one()][:2]
    [('TG', 'disorder', 1), ('TG', 'interaction', 1)]
    """
    rows = []
    for (model, quantity), ends in TABLE_I_SCHEMES.items():
        cfgs = [find_config(*end) for end in ends]
        rates = [config_rates(c) for c in cfgs]
        (la, ea), (lb, eb) = (jackknife(lambda v: lambda_min(v, bin_width), r) for r in rates)
        (ma, mea), (mb, meb) = (jackknife(np.median, r) for r in rates)
        rows.append({"model": model, "quantity": quantity,
                     "published": TABLE_I_PUBLISHED[(model, quantity)],
                     "ours": relaxation_shift_sign(la, lb, n_sigma * math.hypot(ea, eb)),
                     "ours_median": relaxation_shift_sign(ma, mb, n_sigma * math.hypot(mea, meb)),
                     "lam_min": (la, lb), "lam_min_err": (ea, eb),
                     "median": (ma, mb), "median_err": (mea, meb),
                     "parameter": tuple(f"N={c['N']}" if quantity == "system size"
                                        else c["label"] for c in cfgs)})
    return rows


def scorecard_rows():
    """Published-vs-ours rows of seed 003: Table I signs and the 1/λ exponent (Figs. 3, 9).

    Returns
    -------
    list of tlspaper.scorecard.Row
        Six Table I signs, then the exponents of Fig. 3(b) and Fig. 9(b).

    Examples
    --------
    >>> [r.item for r in scorecard_rows()][-3:]
    ['Table I', 'Fig. 3(b)', 'Fig. 9(b)']
    """
    from . import electron_glass as eg
    from .scorecard import Row

    rows = []
    for t in table_one():
        rows.append(Row(
            paper="seed 003", item="Table I",
            quantity=f"{t['model']} {t['quantity']}: sign of λ_min shift "
                     f"({t['parameter'][0]} → {t['parameter'][1]})",
            published=float(t["published"]), ours=float(t["ours"]), uncertainty=0.0,
            tolerance=0.0,
            note=f"λ_min {t['lam_min'][0]:.3g} → {t['lam_min'][1]:.3g}"))
    s, s_err = tls_rate_exponent()
    rows.append(Row(paper="seed 003", item="Fig. 3(b)",
                    quantity="TLS glass: exponent s of p(λ) ∝ λ^-s", published=1.0, ours=s,
                    uncertainty=s_err, tolerance=0.05,
                    note="N = 10 000, J/T = 10; fit over the first decade of the plateau"))
    s, s_err = eg.rate_exponent()
    rows.append(Row(paper="seed 003", item="Fig. 9(b)",
                    quantity="electron glass: exponent s of p(λ) ∝ λ^-s", published=1.0,
                    ours=s, uncertainty=s_err, tolerance=0.05,
                    note="N = 1000, e²/(r_nn T) = 10, r_nn/ξ = 10; first decade above the edge"))
    return rows


def tls_rate_exponent() -> tuple[float, float]:
    """Power s of p(λ) ∝ λ^-s for Fig. 3 (N = 10 000, J/T = 10) in :func:`fit_window`.

    Returns
    -------
    s, error : float
        Fitted power (dimensionless) and its standard error.

    Examples
    --------
    >>> s, err = tls_rate_exponent()
    >>> bool(err > 0)
    True
    """
    rates = np.concatenate(config_rates(find_config("meanfield_tls_N10000.npz", "fig3")))
    fit = fit_inverse_lambda(rates, *fit_window(rates))
    return fit.exponent, fit.exponent_err
