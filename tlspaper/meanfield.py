"""Self-consistent mean-field energies and one-phonon relaxation rates of the interacting TLS glass.

The TLS glass of Churkin et al. (2013): random sites in a periodic box at the density giving a
mean nearest-neighbour distance ``r_nn``; the self-consistent equations (their Eq. 4) solved
iteratively at finite temperature; the single-TLS excitation energies (Eq. 6), the
one-phonon relaxation rates (Eq. 12), and the mean-field rate equation (Eq. 11) with its
expansions (Eqs. 13, 26) and their integration in time (Eq. 27).  The same solver gives the
mean-field energies of the lattice random-field Ising model of Churkin et al. (2021)
(:func:`ising_mean_field`).  The electron-glass counterpart, :mod:`tlspaper.electron_glass`,
reuses the geometry and the solver defined here; the statistics of the rates (1/λ law,
λ_min) are in :mod:`tlspaper.rate_statistics`.

Units: energies (Δ, Δ', Δ0, W, J, T, E) share one unit, the paper's J = U0 / r_nn³; quoting J
in kelvin makes all of them kelvin (k_B = 1).  Lengths are in units of r_nn.  Rates of Eq. 12
are in units of the phonon coupling prefactor ``a`` times energy³ (``a = 1`` by default); the
paper's rates are negative by its sign convention (λ = -a Δ0² E coth(E/2T)), ours are the
positive decay rates |λ|.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numba
import numpy as np

from ._checks import positive as _check_positive
from ._checks import positive_int as _check_positive_int
from .one_phonon import coth_factor

__all__ = [
    "MeanFieldSolution",
    "RATE_EQUATION_ORDERS",
    "TLSGlass",
    "TLSGlassResult",
    "TLSRelaxation",
    "CONVENTIONS",
    "DEFAULT_CONVENTION",
    "box_length",
    "excitation_energies",
    "integrate_tls_rate_equation",
    "ising_mean_field",
    "periodic_distances",
    "random_sites",
    "second_order_coupling",
    "site_density",
    "solve_mean_field",
    "solve_tls_glass",
    "tls_chi",
    "tls_glass",
    "tls_linear_rates",
    "tls_rate_equation",
    "tls_relaxation_rates",
    "warn_if_not_converged",
]


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


#: The default site-density convention of the TLS and electron glasses: "paper" (App. A of
#: Churkin et al. (2013), L = r_nn (N^(1/d) - 1)); the alternative is "poisson".
DEFAULT_CONVENTION = "paper"

CONVENTIONS = ("paper", "poisson")


def _check_convention(convention):
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    return convention


def box_length(N: int, r_nn: float = 1.0, dim: int = 3,
               convention: str = DEFAULT_CONVENTION) -> float:
    """Side L of the periodic box holding `N` sites, by a site-density convention.

    * ``"paper"`` (the default): App. A of Churkin et al. (2013) states that the calculation
      used r̄ = L / (N^(1/d) - 1) as the mean nearest-neighbour distance, with r̄ = r_nn = 1;
      so L = r_nn (N^(1/d) - 1), a density N / L^d that tends to r_nn^-d for large N
      (1.37 r_nn^-3 at N = 1000 in 3-D, 1.07 r_nn^-2 in 2-D).
    * ``"poisson"``: the density of :func:`site_density`, at which a Poisson point set has mean
      nearest-neighbour distance exactly r_nn (0.170 r_nn^-3 in 3-D, r_nn^-2 / 4 in 2-D),
      L^d = N / n, the same for every N.

    Parameters
    ----------
    N : int
        Number of sites, >= 2.
    r_nn : float
        Mean nearest-neighbour distance (length unit), > 0.
    dim : int
        Dimension d (1, 2 or 3).
    convention : {"paper", "poisson"}
        Site-density convention.

    Returns
    -------
    float
        Box side L (same length unit as `r_nn`).

    Examples
    --------
    >>> round(box_length(1000), 12), box_length(100, dim=2)
    (9.0, 9.0)
    >>> round(box_length(1000, 1.0, 2, convention="poisson"), 4)  # 2-D: L = 2 sqrt(N) r_nn
    63.2456
    """
    N = _check_positive_int("N", N, 2)
    r_nn = _check_positive("r_nn", r_nn)
    if _check_convention(convention) == "paper":
        return r_nn * (N ** (1.0 / dim) - 1.0)
    return (N / site_density(r_nn, dim)) ** (1.0 / dim)


def tls_chi(N: int, W: float, J: float, delta0_range, r_nn: float = 1.0,
            convention: str = DEFAULT_CONVENTION) -> float:
    """Dimensionless interaction strength χ = P0 U0 of a TLS-glass configuration.

    P0 is the standard-tunnelling-model density of TLSs per unit volume, per unit asymmetry
    at Δ = 0 and per unit ln Δ0 (P(Δ, Δ0) = P0 / Δ0 near Δ = 0): with n sites per volume,
    Gaussian Δ of standard deviation W and Δ0 log-uniform on [low, high],
    P0 = n / (√(2π) W ln(high/low)); U0 = J r_nn³ (Eq. 2 of Churkin et al. (2013)).  So
    χ = n r_nn³ J / (√(2π) W ln(high/low)).  The paper states χ = 1e-3 together with
    W = J = r_nn = 1, which would need n ≈ 0.035 r_nn^-3 (mean nearest-neighbour distance
    1.7 r_nn): the three cannot all hold.

    Parameters
    ----------
    N : int
        Number of sites (the density follows from `convention`, :func:`box_length`).
    W, J : float
        Disorder and interaction (energy unit), > 0.
    delta0_range : (float, float)
        Range of the log-uniform Δ0 (energy unit).
    r_nn : float
        Mean nearest-neighbour distance.
    convention : {"paper", "poisson"}
        Site-density convention.

    Returns
    -------
    float
        χ (dimensionless).

    Examples
    --------
    >>> round(tls_chi(1000, 1.0, 1.0, (1e-7, 0.1)), 4), round(tls_chi(1000, 1.0, 1.0, (1e-7, 0.1),
    ...       convention="poisson"), 5)
    (0.0396, 0.00491)
    """
    lo, hi = _check_delta0_range(delta0_range)
    W = _check_positive("W", W)
    n = N / box_length(N, r_nn, 3, convention) ** 3
    return n * r_nn**3 * J / (math.sqrt(2 * math.pi) * W * math.log(hi / lo))


@numba.njit(cache=True)
def _min_image_r(pos, i, j, L):
    # Minimum-image distance of sites i and j in a periodic box of side L (float64).
    s = 0.0
    for k in range(pos.shape[1]):
        dx = pos[i, k] - pos[j, k]
        dx -= L * np.rint(dx / L)
        s += dx * dx
    return math.sqrt(s)


@numba.njit(cache=True)
def _min_image_distances(pos, L):
    n = pos.shape[0]
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            r = _min_image_r(pos, i, j, L)
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
                 L: float | None = None,
                 convention: str = DEFAULT_CONVENTION) -> tuple[np.ndarray, float]:
    """Uniform random sites in a periodic cube (square) of side :func:`box_length`.

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
        Box side overriding ``box_length(N, r_nn, dim, convention)``.
    convention : {"paper", "poisson"}
        Site-density convention of :func:`box_length`.

    Returns
    -------
    positions : numpy.ndarray, shape (N, dim)
        Site coordinates (same length unit as `r_nn`).
    L : float
        Box side used.

    Examples
    --------
    >>> pos, L = random_sites(100, 2, np.random.default_rng(0), convention="poisson")
    >>> pos.shape, round(L, 12), bool(np.all((pos >= 0) & (pos < L)))
    ((100, 2), 20.0, True)
    """
    N = _check_positive_int("N", N, 2)
    L = box_length(N, r_nn, dim, convention) if L is None else _check_positive("L", L)
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
def _field(C, m, h):
    # h = C m with float64 accumulation (C may be float32); C is symmetric, read by rows
    n = m.shape[0]
    for k in range(n):
        s = 0.0
        for i in range(n):
            s += C[k, i] * m[i]
        h[k] = s


@numba.njit(cache=True)
def _gauss_seidel(b, C, beta_half, x, tol, max_sweeps, skip):
    n = b.shape[0]
    m = np.tanh(beta_half * x)
    h = np.empty(n)
    _field(C, m, h)
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
            _field(C, m, h)  # remove round-off drift of the incremental field updates
            if max_change < tol:
                res = 0.0
                for i in range(n):
                    r = abs(x[i] - b[i] - h[i])
                    if r > res:
                        res = r
                if res < tol:
                    converged = True
                    break
    return x, sweeps, converged


def _residual(b, C, x, T):
    """max_i |x_i - b_i - Σ_j C_ij tanh(x_j / 2T)| with float64 accumulation."""
    h = np.empty(b.shape[0])
    _field(C, np.tanh(0.5 * x / T), h)
    return float(np.max(np.abs(x - b - h)))


def solve_mean_field(b, C, T: float, x0=None, tol: float = 1e-9,
                     max_sweeps: int = 5000) -> MeanFieldSolution:
    """Solve the mean-field equations x_i = b_i + Σ_j C_ij tanh(x_j / 2T) self-consistently.

    With b = Δ and C = u_ij / (4 r_ij³) this is Eq. 4 of Churkin et al. (2013) (TLS glass);
    with b = ε and C = -e² / (2 r_ij) it is their Eq. 20 (electron glass).  The iteration is
    the sequential (Gauss-Seidel) relaxation of Grünewald et al.: each x_i is replaced in turn
    by the right-hand side, and the fields of all other sites are updated at once.  For a symmetric
    C with zero diagonal the mean-field free energy decreases at every update, so the
    iteration converges (to a local minimum: another start may give another solution).

    `C` may be float32 (half the memory traffic of a sweep, which dominates at large N); the
    fields are always accumulated in float64, so the equations are solved to `tol` for the
    float32 couplings.

    Parameters
    ----------
    b : array_like, shape (N,)
        Bare energies (energy unit).
    C : array_like, shape (N, N)
        Symmetric couplings with zero diagonal (energy unit), float64 or float32.
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
    C = np.asarray(C)
    C = np.ascontiguousarray(C, dtype=np.float32 if C.dtype == np.float32 else float)
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
    return MeanFieldSolution(x, bool(converged), int(sweeps), _residual(b, C, x, T))


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
    """One realization of the TLS glass of Churkin et al. (2013) (their Eq. 1, disorder Eq. 7).

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
        deviation U0 = J r_nn³ (float32 unless asked otherwise).
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
def _gaussian_dipolar_coupling(pos, L, seed, scale, out):
    # Numba's own generator, seeded from the caller's numpy Generator: reproducible, fast.
    # Minimum-image distance and u_ij / r³ in float64, stored in out's dtype (float32 or 64).
    np.random.seed(seed)  # noqa: NPY002
    n = pos.shape[0]
    for i in range(n):
        out[i, i] = 0.0
        for j in range(i + 1, n):
            r = _min_image_r(pos, i, j, L)
            c = scale * np.random.standard_normal() / (r * r * r)  # noqa: NPY002
            out[i, j] = c
            out[j, i] = c
    return out


def tls_glass(N: int, W: float, J: float, rng: np.random.Generator, delta0_range,
              r_nn: float = 1.0, convention: str = DEFAULT_CONVENTION,
              dtype=np.float32) -> TLSGlass:
    """Draw one TLS-glass realization: sites, Δ_i, Δ0_i, couplings (Eq. 1 of Churkin et al. (2013)).

    The couplings are built directly from the positions (no distance matrix); float32
    couplings (the default) halve the memory and the traffic of the solver, and differ from
    float64 ones by their rounding only (relative 6e-8): ``dtype=float`` gives the float64
    couplings of which they are the rounding, bit for bit.

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
        Range (low, high) of the log-uniform Δ0 (energy unit), 0 < low < high (the paper
        takes [1e-7, 1e-1] J: ``tlspaper.papers.churkin2013.DELTA0_RANGE``).
    r_nn : float
        Mean nearest-neighbour distance (length unit).
    convention : {"paper", "poisson"}
        Site-density convention (:func:`box_length`).
    dtype : numpy dtype
        float32 (default) or float64 couplings.

    Returns
    -------
    TLSGlass

    Examples
    --------
    >>> g = tls_glass(50, W=1.0, J=1.0, rng=np.random.default_rng(1), delta0_range=(1e-7, 0.1))
    >>> g.coupling.shape, g.coupling.dtype, bool(np.allclose(g.coupling, g.coupling.T))
    ((50, 50), dtype('float32'), True)
    """
    N = _check_positive_int("N", N, 2)
    W = _check_positive("W", W, allow_zero=True)
    J = _check_positive("J", J, allow_zero=True)
    lo, hi = _check_delta0_range(delta0_range)
    pos, L = random_sites(N, 3, rng, r_nn, convention=convention)
    delta = rng.normal(0.0, W, N) if W > 0 else np.zeros(N)
    delta0 = np.exp(rng.uniform(np.log(lo), np.log(hi), N))
    U0 = J * r_nn**3
    C = _gaussian_dipolar_coupling(pos, float(L), int(rng.integers(2**31 - 1)), 0.25 * U0,
                                   np.empty((N, N), dtype=dtype))
    return TLSGlass(pos, L, delta, delta0, C)


def excitation_energies(delta_prime, delta0) -> np.ndarray:
    """Signed TLS energy E_i = sgn(Δ'_i) sqrt(Δ'_i² + Δ0_i²) (Eq. 6 of Churkin et al. (2013)).

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
    """One-phonon relaxation rate λ_i = a Δ0_i² E_i coth(E_i/2T) (Eq. 12 of Churkin et al. (2013)).

    The thermal factor E coth(E/2T) is :func:`tlspaper.one_phonon.coth_factor`.

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
    return a * d0**2 * coth_factor(E, T)


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
                    delta0_range, tol: float = 1e-9, max_sweeps: int = 5000,
                    convention: str = DEFAULT_CONVENTION, fast: bool = True) -> TLSGlassResult:
    """Draw a TLS glass, solve its self-consistent equations (Eq. 4 of Churkin et al. (2013)).

    Returns the excitation energies of Eq. 6 with the mean-field asymmetries.

    The initial Δ'_i are uniform in [-s, s] with s = sqrt(W² + J²) (the paper starts from a
    uniform distribution); the iteration is :func:`solve_mean_field`.

    Parameters
    ----------
    N, W, J, rng, delta0_range, convention
        As in :func:`tls_glass`.
    T : float
        Temperature (energy unit), > 0.
    tol, max_sweeps
        As in :func:`solve_mean_field`.
    fast : bool
        float32 couplings built straight from the positions (default); False gives the dense
        float64 reference (distance matrix, float64 couplings; same realization, same
        equations, the same Gauss-Seidel order).

    Returns
    -------
    TLSGlassResult

    Examples
    --------
    >>> r = solve_tls_glass(200, W=1.0, J=1.0, T=0.05, rng=np.random.default_rng(0),
    ...                     delta0_range=(1e-7, 0.1))
    >>> r.converged, r.E.shape
    (True, (200,))
    """
    T = _check_positive("T", T)
    glass = tls_glass(N, W, J, rng, delta0_range, convention=convention,
                      dtype=np.float32 if fast else float)
    s = math.hypot(W, J)
    x0 = rng.uniform(-s, s, glass.delta.shape)
    sol = solve_mean_field(glass.delta, glass.coupling, T, x0=x0, tol=tol, max_sweeps=max_sweeps)
    warn_if_not_converged(sol, tol)
    E = excitation_energies(sol.x, glass.delta0)
    return TLSGlassResult(E, sol.x, glass.delta0, sol.converged, sol.sweeps, sol.residual)


def _rate_terms(delta_prime, delta0, T: float, a: float):
    """The ingredients of the TLS rate equation at the asymmetries Δ' (no checks).

    Returns λ = a Δ0² g(ε) (Eq. 12, g(ε) = ε coth(ε/2T), ε = √(Δ'² + Δ0²)), its derivative
    dλ/dΔ' = λ (Δ'/ε) [1 - y/sinh y] / (T y) with y = ε/T, and the target pseudospin
    τ = tanh(Δ'/2T) with τ' = dτ/dΔ' = (1 - τ²)/2T and τ'' = -τ τ'/T.
    """
    dp = np.asarray(delta_prime, dtype=float)
    d0 = np.asarray(delta0, dtype=float)
    eps = np.hypot(dp, d0)
    lam = a * d0**2 * coth_factor(eps, T)
    y = eps / T
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # (1 - y/sinh y)/y, with its series y/6 - 7y³/360 where the difference cancels
        ys = np.where(y > 1e-3, y, 1.0)
        q = np.where(y > 1e-3, (1.0 - ys / np.sinh(np.minimum(ys, 700.0))) / ys,
                     y / 6 - 7 * y**3 / 360)
        b = np.where(eps > 0, dp / np.where(eps > 0, eps, 1.0), 0.0)
    tau = np.tanh(dp / (2 * T))
    taup = (1.0 - tau**2) / (2 * T)
    return lam, lam * b * q / T, tau, taup, -tau * taup / T


def tls_linear_rates(delta_prime, delta0, C, T: float, a: float = 1.0,
                     coupled: bool = True) -> np.ndarray:
    """Relaxation rates of the linearised mean-field TLS rate equation, with the TLS-TLS term.

    The linearisation (``order="first"``) of :func:`tls_rate_equation`: each TLS relaxes at
    the rate λ_i of Eq. 12 towards the equilibrium pseudospin of its *instantaneous* field,
    Δ'_i = Δ_i - Σ_j C_ij σ_j (Eq. 3 with the coupling of Eq. 4), so a deviation δσ_j moves
    the target of TLS i:

        d δσ_i/dt = -λ_i [δσ_i - (1 / (2T cosh²(Δ'_i/2T))) Σ_j C_ij δσ_j].

    The paper's Eq. 13 keeps only -λ_i δσ_i (E_i held at its equilibrium value); the coupling
    term is first order in the deviations, of relative size C_ij / 2T for TLSs with
    |Δ'| ≲ T, and exponentially small for |Δ'| ≫ T.  The matrix Λ (I - D C), with
    Λ = diag λ and D = diag 1/(2T cosh²(Δ'/2T)), is similar to the symmetric
    Λ - (ΛD)^(1/2) C (ΛD)^(1/2), whose eigenvalues are returned (positive at a stable
    mean-field solution).

    Parameters
    ----------
    delta_prime, delta0 : array_like, shape (N,)
        Self-consistent Δ'_i (a solution of Eq. 4) and Δ0_i (energy unit).
    C : array_like, shape (N, N)
        The couplings of Eq. 4 (energy unit).
    T : float
        Temperature (energy unit), > 0.
    a : float
        Rate prefactor (as in :func:`tls_relaxation_rates`).
    coupled : bool
        False drops the coupling term (the paper's Eq. 13): the rates are then λ_i.

    Returns
    -------
    numpy.ndarray
        Decay rates, ascending (rate unit of `a`).

    Examples
    --------
    Without couplings the rates are those of Eq. 12:

    >>> E = excitation_energies([0.3, -0.2], [1e-3, 1e-2])
    >>> r = tls_linear_rates([0.3, -0.2], [1e-3, 1e-2], np.zeros((2, 2)), T=0.1)
    >>> bool(np.allclose(r, np.sort(tls_relaxation_rates(E, [1e-3, 1e-2], 0.1))))
    True
    """
    T = _check_positive("T", T)
    a = _check_positive("a", a)
    lam, _, _, taup, _ = _rate_terms(delta_prime, delta0, T, a)
    if not coupled:
        return np.sort(lam)
    w = np.sqrt(lam * taup)
    # (ΛD)^(-1/2) Λ(I - DC) (ΛD)^(1/2) = diag(λ) - w_i C_ij w_j
    S = -w[:, None] * np.asarray(C, dtype=float) * w[None, :]
    S[np.diag_indices_from(S)] += lam
    return np.sort(np.linalg.eigvalsh(S))


# ----------------------------------------------------------------------------- dynamics

#: The forms of the TLS rate equation integrated by :func:`integrate_tls_rate_equation`.
RATE_EQUATION_ORDERS = ("diagonal", "first", "second", "full", "eq26")


def _check_state(delta_prime, delta0, C, T, a):
    dp = np.asarray(delta_prime, dtype=float)
    if dp.ndim != 1 or dp.size < 1 or not np.all(np.isfinite(dp)):
        raise ValueError(f"delta_prime must be a finite 1-D array of N >= 1 energies, "
                         f"got shape {dp.shape}")
    n = dp.size
    d0 = np.asarray(delta0, dtype=float)
    if d0.shape != (n,) or not np.all(np.isfinite(d0)) or np.any(d0 < 0):
        raise ValueError(f"delta0 must be {n} finite values >= 0 (energy unit), got "
                         f"shape {d0.shape}, min {np.min(d0) if d0.size else None}")
    if np.any(np.hypot(dp, d0) == 0):
        raise ValueError("delta_prime and delta0 must not both vanish for any TLS (ε_i = 0)")
    C = np.asarray(C, dtype=float)
    if C.shape != (n, n) or not np.all(np.isfinite(C)):
        raise ValueError(f"C must be a finite ({n}, {n}) array, got shape {C.shape}")
    return dp, d0, C, _check_positive("T", T), _check_positive("a", a)


def _check_order(order):
    if order not in RATE_EQUATION_ORDERS:
        raise ValueError(f"order must be one of {RATE_EQUATION_ORDERS}, got {order!r}")
    return order


def second_order_coupling(delta_prime, delta0, C, T: float, a: float = 1.0,
                          form: str = "derived") -> np.ndarray:
    """Coupling f_ij of the δσ_i δσ_j term of the rate equation (Eq. 26 of Churkin et al. (2013)).

    In dδσ_i/dt = -λ_i δσ_i + Σ_j f_ij δσ_j δσ_i + … (σ = <σ^z>, the paper's sign):

    * ``"printed"``: Eq. 26 as printed, f_ij = λ_i sinh⁻¹(E_i/T) (Δ'_i/E_i) u_ij/(T r_ij³),
      with sinh⁻¹ read as 1/sinh, λ_i > 0 and u_ij/r_ij³ = 4 C_ij (the coupling of Eq. 4):
      f_ij = 4 λ_i (Δ'_i/ε_i) C_ij / (T sinh(ε_i/T));
    * ``"derived"``: the term of the second-order expansion of the full equation
      (:func:`tls_rate_equation`), the change of the rate λ_i(Δ'_i) with the field:
      f_ij = (dλ_i/dΔ'_i) C_ij = λ_i (Δ'_i/ε_i) [1 - (ε_i/T)/sinh(ε_i/T)] C_ij / ε_i.

    For ε ≪ T the printed f grows as 4λ C/ε and the derived one vanishes as λ ε C/(6T²); for
    ε ≫ T the printed f is exponentially small and the derived one tends to λ C/ε.

    Parameters
    ----------
    delta_prime, delta0, C, T, a
        As in :func:`tls_rate_equation`.
    form : {"derived", "printed"}
        Which coefficient.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        f_ij (rate unit of `a`).

    Examples
    --------
    At ε ≫ T the derived coupling is λ_i C_ij / ε_i (the rate follows the energy):

    >>> f = second_order_coupling([3.0, 1.0], [1e-3, 1e-3], [[0, 0.2], [0.2, 0]], T=0.01)
    >>> lam = tls_relaxation_rates(excitation_energies([3.0], [1e-3]), [1e-3], 0.01)[0]
    >>> bool(np.isclose(f[0, 1], lam * 0.2 / 3.0, rtol=1e-6))
    True
    """
    dp, d0, C, T, a = _check_state(delta_prime, delta0, C, T, a)
    if form not in ("derived", "printed"):
        raise ValueError(f"form must be 'derived' or 'printed', got {form!r}")
    lam, dlam, _, _, _ = _rate_terms(dp, d0, T, a)
    if form == "derived":
        return dlam[:, None] * C
    y = np.hypot(dp, d0) / T
    with np.errstate(over="ignore"):
        inv_sinh = np.where(y < 700.0, 1.0 / np.sinh(np.minimum(y, 700.0)), 0.0)
    return (4 * lam * dp / np.hypot(dp, d0) * inv_sinh / T)[:, None] * C


class _RateEquation:
    """Right-hand side and Jacobian of one order of the rate equation about an equilibrium."""

    def __init__(self, dp, d0, C, T, a, order):
        self.dp, self.d0, self.C, self.T, self.a, self.order = dp, d0, C, T, a, order
        lam, dlam, tau, taup, taupp = _rate_terms(dp, d0, T, a)
        self.lam, self.tau, self.taup = lam, tau, taup
        if order == "second":  # the φ_i² term of the expansion; f: the δσ_i δσ_j term
            self.k2 = dlam * taup + 0.5 * lam * taupp
            self.f = second_order_coupling(dp, d0, C, T, a, "derived")
        elif order == "eq26":
            self.f = second_order_coupling(dp, d0, C, T, a, "printed")

    def rhs(self, ds):
        o, lam = self.order, self.lam
        if o == "diagonal":
            return -lam * ds
        if o == "eq26":
            return -lam * ds + ds * (self.f @ ds)
        phi = self.C @ ds
        if o == "first":
            return -lam * ds + lam * self.taup * phi
        if o == "second":
            return -lam * ds + lam * self.taup * phi + ds * (self.f @ ds) - self.k2 * phi**2
        lam_t, _, tau_t, _, _ = _rate_terms(self.dp - phi, self.d0, self.T, self.a)
        return -lam_t * (ds + tau_t - self.tau)

    def jac(self, ds):
        o, lam, C = self.order, self.lam, self.C
        if o == "diagonal":
            return np.diag(-lam)
        if o in ("first", "second", "eq26"):
            J = np.zeros_like(C) if o == "eq26" else (lam * self.taup)[:, None] * C
            J[np.diag_indices_from(J)] -= lam
            if o == "first":
                return J
            J += ds[:, None] * self.f
            J[np.diag_indices_from(J)] += self.f @ ds
            if o == "second":
                J -= (2 * self.k2 * (C @ ds))[:, None] * C
            return J
        lam_t, dlam_t, tau_t, taup_t, _ = _rate_terms(self.dp - C @ ds, self.d0, self.T, self.a)
        J = (dlam_t * (ds + tau_t - self.tau) + lam_t * taup_t)[:, None] * C
        J[np.diag_indices_from(J)] -= lam_t
        return J


def tls_rate_equation(dsigma, delta_prime, delta0, C, T: float, a: float = 1.0,
                      order: str = "full") -> np.ndarray:
    """Right-hand side dδσ/dt of the TLS rate equation (Eq. 11 of Churkin et al. (2013)), expanded.

    σ_i = <σ^z_i> is the pseudospin of TLS i (the paper's sign: σ_i = -tanh(Δ'_i/2T) in
    equilibrium) and δσ_i its deviation from the equilibrium `delta_prime` (a solution of
    Eq. 4).  The field of TLS i follows the instantaneous pseudospins,
    Δ'_i(t) = Δ'_i - Σ_j C_ij δσ_j (Eq. 3 with the coupling C of Eq. 4), and each TLS relaxes
    at the rate λ_i(t) of Eq. 12 (ε_i(t) = √(Δ'_i(t)² + Δ0_i²)) towards the equilibrium
    pseudospin of that field, -tanh(Δ'_i(t)/2T) (the pseudospin of Eq. 4, so that the
    equilibrium of Eq. 4 is the fixed point):

    * ``"full"``: dδσ_i/dt = -λ_i(t) [δσ_i + tanh(Δ'_i(t)/2T) - tanh(Δ'_i/2T)];
    * ``"diagonal"``: -λ_i δσ_i, the paper's Eq. 13;
    * ``"first"``: -λ_i δσ_i + λ_i τ'_i φ_i with φ = C δσ, τ' = 1/(2T cosh²(Δ'/2T))
      (:func:`tls_linear_rates`);
    * ``"second"``: the expansion of the full form to second order,
      first + λ'_i φ_i δσ_i - (λ'_i τ'_i + ½ λ_i τ''_i) φ_i², with λ' = dλ/dΔ' and
      τ'' = d²tanh(Δ'/2T)/dΔ'²: our re-derivation of Eq. 26 (λ'_i C_ij is the "derived"
      :func:`second_order_coupling`);
    * ``"eq26"``: Eq. 26 as printed, -λ_i δσ_i + δσ_i Σ_j f_ij δσ_j with the "printed"
      :func:`second_order_coupling` f_ij; its formal solution is Eq. 27.

    Parameters
    ----------
    dsigma : array_like, shape (N,)
        Deviations δσ_i (dimensionless).
    delta_prime, delta0 : array_like, shape (N,)
        Equilibrium Δ'_i and tunnelling amplitudes Δ0_i >= 0 (energy unit).
    C : array_like, shape (N, N)
        Couplings of Eq. 4 (energy unit), symmetric with zero diagonal.
    T : float
        Temperature (energy unit), > 0.
    a : float
        Rate prefactor of Eq. 12 [1 / (energy³ time)]; default 1 (time in units of 1/(a J³)
        when energies are in J).
    order : {"full", "second", "first", "diagonal", "eq26"}
        Which form (above).

    Returns
    -------
    numpy.ndarray, shape (N,)
        dδσ_i/dt (rate unit of `a`).

    Examples
    --------
    The equilibrium is a fixed point of every form; a single TLS relaxes at λ of Eq. 12:

    >>> bool(np.all(tls_rate_equation([0.0, 0.0], [0.3, -0.2], [1e-2, 1e-2],
    ...                                [[0, 0.1], [0.1, 0]], T=0.1) == 0))
    True
    >>> lam = tls_relaxation_rates(excitation_energies([0.3], [0.1]), [0.1], 0.1)
    >>> bool(np.isclose(tls_rate_equation([0.01], [0.3], [0.1], [[0.0]], 0.1, order="first")[0],
    ...                 -0.01 * lam[0]))
    True
    """
    dp, d0, C, T, a = _check_state(delta_prime, delta0, C, T, a)
    ds = np.asarray(dsigma, dtype=float)
    if ds.shape != dp.shape:
        raise ValueError(f"dsigma must have shape {dp.shape}, got {ds.shape}")
    return _RateEquation(dp, d0, C, T, a, _check_order(order)).rhs(ds)


@dataclass
class TLSRelaxation:
    """Result of :func:`integrate_tls_rate_equation`.

    Attributes
    ----------
    t : numpy.ndarray, shape (M,)
        Output times (inverse rate unit of `a`: 1/(a J³) by default).
    dsigma : numpy.ndarray, shape (M, N)
        Deviations δσ_i(t); NaN after the integration stopped (see ``success``).
    dsigma0 : numpy.ndarray, shape (N,)
        The initial deviations δσ_i(0), at t = 0.
    order : str
        The form of the rate equation integrated.
    success : bool
        True if every time was reached with every |σ_i| <= 2.
    message : str
        Why the integration stopped, if it did.
    """

    t: np.ndarray
    dsigma: np.ndarray
    dsigma0: np.ndarray
    order: str
    success: bool
    message: str

    def norm(self) -> np.ndarray:
        """|δσ|(t) / |δσ|(0) with the 1-norm Σ_i |δσ_i| (Eq. 15 for Eq. 13, uniform c_i > 0).

        Returns
        -------
        numpy.ndarray, shape (M,)
            Dimensionless; NaN after a divergence.
        """
        return np.abs(self.dsigma).sum(axis=1) / np.abs(self.dsigma0).sum()

    def weighted_sum(self, weights) -> np.ndarray:
        """Σ_i w_i δσ_i(t) / Σ_i w_i δσ_i(0): a signed observable of the deviation.

        With w_i = sgn(Δ'_i) and the initial state of a heating (δσ_i(0) ∝ sgn Δ'_i) this is
        the plain sum Σ_i c_i e^(-λ_i t) of Eq. 15 with c_i > 0; with w_i = Δ'_i it is the
        energy of the deviation to first order, Σ_i Δ'_i δσ_i (Δ'_i = ∂H/∂σ_i). Unlike
        :meth:`norm`, deviations of opposite sign cancel.

        Parameters
        ----------
        weights : array_like, shape (N,)
            w_i, with Σ_i w_i δσ_i(0) ≠ 0.

        Returns
        -------
        numpy.ndarray, shape (M,)
            Dimensionless; NaN after a divergence.

        Examples
        --------
        >>> r = TLSRelaxation(np.array([1.0]), np.array([[0.5, -0.1]]), np.array([1.0, 1.0]),
        ...                   "diagonal", True, "")
        >>> r.weighted_sum([1.0, 1.0]).tolist(), r.weighted_sum([2.0, 0.0]).tolist()
        ([0.2], [0.5])
        """
        w = np.asarray(weights, dtype=float)
        if w.shape != self.dsigma0.shape or not np.all(np.isfinite(w)):
            raise ValueError(f"weights must be {self.dsigma0.size} finite values, got shape "
                             f"{w.shape}")
        d = float(w @ self.dsigma0)
        if d == 0:
            raise ValueError("weights give Σ_i w_i δσ_i(0) = 0: the ratio is undefined")
        return (self.dsigma @ w) / d

    def effective_rates(self, level: float = math.exp(-1)) -> np.ndarray:
        """Effective rate of each TLS: 1/t at which |δσ_i| first falls to `level` × |δσ_i(0)|.

        ln|δσ_i| is interpolated linearly in t between t = 0 and the output times, so for a
        single exponential c e^(-λt) the rate is λ exactly (with ``level = 1/e``).

        Parameters
        ----------
        level : float
            Fraction of the initial deviation, 0 < level < 1.

        Returns
        -------
        numpy.ndarray, shape (N,)
            Rates (rate unit of `a`); NaN for a TLS that does not fall to `level` within the
            times integrated (or has δσ_i(0) = 0).
        """
        level = _check_positive("level", level)
        if level >= 1:
            raise ValueError(f"level must be < 1, got {level!r}")
        t = np.concatenate([[0.0], self.t]) if self.t[0] > 0 else self.t
        ab = np.abs(np.vstack([self.dsigma0, self.dsigma] if self.t[0] > 0 else self.dsigma))
        out = np.full(ab.shape[1], np.nan)
        for i in np.flatnonzero(ab[0] > 0):
            k = np.flatnonzero(ab[1:, i] <= level * ab[0, i])
            if k.size == 0:
                continue
            k = k[0] + 1
            y0, y1 = np.log(ab[k - 1, i]), np.log(max(ab[k, i], 1e-300))
            yt = np.log(level * ab[0, i])
            tc = t[k - 1] + (t[k] - t[k - 1]) * (y0 - yt) / (y0 - y1) if y0 > y1 else t[k]
            out[i] = 1.0 / tc
        return out


def integrate_tls_rate_equation(delta_prime, delta0, C, T: float, dsigma0, t,
                                a: float = 1.0, order: str = "full", rtol: float = 1e-7,
                                atol: float = 1e-9) -> TLSRelaxation:
    """Solve the TLS rate equation in time (Eq. 27 of Churkin et al. (2013): its formal solution).

    Eq. 27 writes the solution of the printed Eq. 26 as
    δσ_i(t) = c_i e^(-λ_i t) exp(Σ_j f_ij ∫_0^t δσ_j dt'), an implicit relation; this function
    computes the solution of every form of :func:`tls_rate_equation` (Eqs. 11, 13, 26) directly.
    It starts from the deviations `dsigma0` about the equilibrium `delta_prime` (a solution of
    Eq. 4) and integrates the form `order` of :func:`tls_rate_equation` with an implicit
    (BDF) integrator and its analytic Jacobian: the rates span many decades, so the equation
    is stiff.  ``"diagonal"`` (Eq. 13) has the closed form δσ_i(0) e^(-λ_i t).  The full
    equation keeps every |σ_i| <= 1; a truncated form may leave that range and diverge: the
    integration then stops when some |σ_i| exceeds 2 (``success`` False, NaN afterwards).

    Parameters
    ----------
    delta_prime, delta0, C, T, a, order
        As in :func:`tls_rate_equation`.
    dsigma0 : array_like, shape (N,)
        Initial deviations; the initial pseudospins -tanh(Δ'_i/2T) + δσ_i(0) must lie in
        [-1, 1].
    t : array_like, shape (M,)
        Output times, >= 0 and increasing (inverse rate unit of `a`); integration from t = 0.
    rtol, atol : float
        Relative and absolute tolerances of the integrator (atol in units of δσ).

    Returns
    -------
    TLSRelaxation

    Examples
    --------
    Two TLSs: with tiny deviations the full equation is its linearisation, whose rates are
    those of :func:`tls_linear_rates`:

    >>> dp, d0, C = [0.05, -0.02], [1e-2, 3e-3], [[0.0, 0.08], [0.08, 0.0]]
    >>> t = np.linspace(0.0, 3e5, 7)
    >>> full = integrate_tls_rate_equation(dp, d0, C, 0.1, [1e-6, 1e-6], t)
    >>> lin = integrate_tls_rate_equation(dp, d0, C, 0.1, [1e-6, 1e-6], t, order="first")
    >>> bool(np.allclose(full.dsigma, lin.dsigma, rtol=1e-4, atol=1e-15)), full.success
    (True, True)
    """
    from scipy.integrate import solve_ivp

    dp, d0, C, T, a = _check_state(delta_prime, delta0, C, T, a)
    order = _check_order(order)
    ds0 = np.asarray(dsigma0, dtype=float)
    if ds0.shape != dp.shape or not np.all(np.isfinite(ds0)):
        raise ValueError(f"dsigma0 must be {dp.size} finite deviations, got shape {ds0.shape}")
    sigma0 = -np.tanh(dp / (2 * T)) + ds0
    if np.any(np.abs(sigma0) > 1 + 1e-12):
        raise ValueError(f"dsigma0 puts a pseudospin outside [-1, 1] "
                         f"(max |sigma| = {np.max(np.abs(sigma0)):.6g})")
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or t.size < 1 or not np.all(np.isfinite(t)) or t[0] < 0 \
            or np.any(np.diff(t) <= 0):
        raise ValueError("t must be a 1-D array of increasing times >= 0")
    rtol = _check_positive("rtol", rtol)
    atol = _check_positive("atol", atol)
    eq = _RateEquation(dp, d0, C, T, a, order)
    if order == "diagonal":
        return TLSRelaxation(t, ds0 * np.exp(-np.outer(t, eq.lam)), ds0, order, True, "")
    out = np.full((t.size, dp.size), np.nan)
    if t[-1] == 0:
        out[:] = ds0
        return TLSRelaxation(t, out, ds0, order, True, "")
    sig_eq = -np.tanh(dp / (2 * T))

    def left_range(_, y):
        return 2.0 - np.max(np.abs(sig_eq + y))

    left_range.terminal = True
    sol = solve_ivp(lambda _, y: eq.rhs(y), (0.0, t[-1]), ds0, method="BDF",
                    t_eval=t, jac=lambda _, y: eq.jac(y), rtol=rtol, atol=atol,
                    events=left_range)
    n = sol.y.shape[1]
    out[:n] = sol.y.T
    ok = sol.status == 0 and n == t.size
    msg = "" if ok else (f"stopped at t = {sol.t[-1]:.4g}: "
                         + ("a pseudospin left [-2, 2] (the truncated equation diverges)"
                            if sol.status == 1 else sol.message))
    return TLSRelaxation(t, out, ds0, order, bool(ok), msg)


# ----------------------------------------------------------------------------- lattice model


def ising_mean_field(h, J, T: float, x0=None, tol: float = 1e-9,
                     max_sweeps: int = 5000) -> MeanFieldSolution:
    """Mean-field single-flip energies of the lattice random-field Ising model (τ = ±1).

    The Hamiltonian is Eq. 2 of the lattice model of Churkin et al. (2021),
    H = Σ_i h_i τ_i + ½ Σ_{i≠j} J_ij τ_i τ_j (τ = ±1).  In mean field
    <τ_j> = -tanh(f_j / T) with the local field f_i = h_i + Σ_j J_ij <τ_j>, and the cost of
    flipping TLS i is E_i = 2 |f_i|.  Writing x_i = 2 f_i this is :func:`solve_mean_field`
    with b = 2h and C = -2J, so the returned ``x`` are the signed single-flip energies (Δ0 = 0,
    as in that model).  The disorder (h, J) of a realization comes from
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
