"""The 2-D electron glass in mean field: Coulomb-gap energies and the spectrum of its rate matrix.

Sec. V of Churkin et al. (2013) (after Amir, Oreg & Imry 2008): N sites uniform in a periodic
square at the density giving mean nearest-neighbour distance r_nn, half filling, bare
energies ε_i uniform in [-W/2, W/2], Coulomb repulsion e²/r_ij.  The mean-field energies
solve Eq. 20 (by the solver of :mod:`tlspaper.meanfield`); Miller-Abrahams rates (Eq. 21)
build the linearised rate matrix of Eq. 23 without its electron-electron term, whose
eigenvalues are the relaxation rates.  Since the equilibrium rates obey detailed balance
(γ⁰_ij = γ⁰_ji), A = Γ D⁻¹ with D = diag(n⁰(1 - n⁰)) is similar to the symmetric
S = D^(-1/2) Γ D^(-1/2) - diag, diagonalised with LAPACK (``eigh``).

Units: energies (ε, E, W, J = e²/r_nn, T) in units of J (kelvin if J is in kelvin), lengths in
r_nn, rates in units of the Miller-Abrahams prefactor Γ0.  The paper's eigenvalues are
negative; we return the positive decay rates.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from scipy.linalg import eigh

from ._checks import positive as _check_positive
from ._checks import positive_int as _check_positive_int
from .meanfield import (
    DEFAULT_CONVENTION,
    _min_image_r,
    periodic_distances,
    random_sites,
    solve_mean_field,
    warn_if_not_converged,
)

__all__ = [
    "coulomb_coupling",
    "coulomb_coupling_from_positions",
    "fermi",
    "miller_abrahams_log_rates",
    "nn_hopping_pdf",
    "paper_box_length",
    "rate_matrix",
    "relaxation_rates",
    "solve_electron_glass",
    "symmetrized_rate_matrix",
    "tunneling_rates",
]


def fermi(E, T: float) -> np.ndarray:
    """Equilibrium occupation n⁰ = 1 / (exp(E/T) + 1) (chemical potential 0).

    Parameters
    ----------
    E : array_like
        Site energies (energy unit).
    T : float
        Temperature (energy unit), > 0.

    Returns
    -------
    numpy.ndarray
        Occupations in [0, 1].

    Examples
    --------
    >>> fermi([0.0, 1e3], 1.0).tolist()
    [0.5, 0.0]
    """
    T = _check_positive("T", T)
    return 0.5 * (1.0 - np.tanh(0.5 * np.asarray(E, dtype=float) / T))


def _log_fermi(E, T):
    """ln n⁰ and ln(1 - n⁰), computed without underflow."""
    z = np.asarray(E, dtype=float) / T
    return -np.logaddexp(0.0, z), -np.logaddexp(0.0, -z)


def coulomb_coupling(dist, J: float = 1.0, r_nn: float = 1.0) -> np.ndarray:
    """Coulomb couplings C_ij = -e²/(2 r_ij) of the electron glass for the mean-field solver.

    With them :func:`tlspaper.meanfield.solve_mean_field` solves Eq. 20 of Churkin et al.
    (2013).

    Parameters
    ----------
    dist : array_like, shape (N, N)
        Distances (zero diagonal) [r_nn].
    J : float
        e² / r_nn (energy unit).
    r_nn : float
        Mean nearest-neighbour distance.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        C_ij (energy unit), zero diagonal.

    Examples
    --------
    >>> coulomb_coupling([[0.0, 2.0], [2.0, 0.0]]).tolist()
    [[0.0, -0.25], [-0.25, 0.0]]
    """
    dist = np.asarray(dist, dtype=float)
    e2 = _check_positive("J", J, allow_zero=True) * r_nn
    with np.errstate(divide="ignore"):
        C = -0.5 * e2 / dist
    np.fill_diagonal(C, 0.0)
    return C


@numba.njit(cache=True)
def _coulomb_from_positions(pos, L, half_e2, out):
    n = pos.shape[0]
    for i in range(n):
        out[i, i] = 0.0
        for j in range(i + 1, n):
            c = -half_e2 / _min_image_r(pos, i, j, L)
            out[i, j] = c
            out[j, i] = c
    return out


def coulomb_coupling_from_positions(positions, L: float, J: float = 1.0, r_nn: float = 1.0,
                                    dtype=np.float32) -> np.ndarray:
    """Coulomb couplings -e²/(2 r_ij) straight from the positions (no distance matrix).

    The same numbers as :func:`coulomb_coupling` of the minimum-image distances
    (:func:`tlspaper.meanfield.periodic_distances`), rounded to `dtype`.

    Parameters
    ----------
    positions : array_like, shape (N, d)
        Site coordinates [r_nn].
    L : float
        Periodic box side [r_nn].
    J : float
        e² / r_nn (energy unit).
    r_nn : float
        Mean nearest-neighbour distance.
    dtype : numpy dtype
        float32 (default) or float64.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        C_ij (energy unit), zero diagonal.

    Examples
    --------
    >>> coulomb_coupling_from_positions([[0.0, 0.0], [2.0, 0.0]], 10.0).tolist()
    [[0.0, -0.25], [-0.25, 0.0]]
    """
    pos = np.ascontiguousarray(positions, dtype=float)
    e2 = _check_positive("J", J, allow_zero=True) * r_nn
    return _coulomb_from_positions(pos, _check_positive("L", L), 0.5 * e2,
                                   np.empty((pos.shape[0],) * 2, dtype=dtype))


def miller_abrahams_log_rates(E, dist, T: float, xi: float) -> np.ndarray:
    """Equilibrium Miller-Abrahams rates ln γ⁰_ij, all pairs (Eq. 21 of Churkin et al. (2013)).

    The diagonal is -inf.

    γ⁰_ij = n⁰_i (1 - n⁰_j) exp(-r_ij/ξ) [N(|ΔE|) + Θ(E_i - E_j)], ΔE = E_i - E_j, with the
    phonon occupation N(ε) = 1/(e^(ε/T) - 1): phonon emission when the electron hops down in
    energy, absorption when it hops up.  The result is symmetric (detailed balance).
    N(|ΔE|) diverges for degenerate energies (ΔE = 0); |ΔE| is floored at 1e-300 T so that
    the rate stays finite (continuous random energies are never degenerate).

    Parameters
    ----------
    E : array_like, shape (N,)
        Mean-field site energies (energy unit).
    dist : array_like, shape (N, N)
        Distances [r_nn].
    T : float
        Temperature (energy unit), > 0.
    xi : float
        Localization length ξ [r_nn], > 0.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        ln(γ⁰_ij / Γ0).

    Examples
    --------
    >>> g = np.exp(miller_abrahams_log_rates([0.3, -0.2], [[0, 1.0], [1.0, 0]], 0.5, 0.25))
    >>> bool(np.isclose(g[0, 1], g[1, 0]))
    True
    """
    T = _check_positive("T", T)
    xi = _check_positive("xi", xi)
    E = np.asarray(E, dtype=float)
    dist = np.asarray(dist, dtype=float)
    ln_n, ln_1mn = _log_fermi(E, T)
    dE = E[:, None] - E[None, :]
    x = np.maximum(np.abs(dE) / T, 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        # ln N(x) = -ln(e^x - 1);  ln(N + 1) = x - ln(e^x - 1)
        ln_N = -(x + np.log(-np.expm1(-x)))
        ln_phonon = np.where(dE > 0, x + ln_N, ln_N)
        out = ln_n[:, None] + ln_1mn[None, :] - dist / xi + ln_phonon
    np.fill_diagonal(out, -np.inf)
    return out


def rate_matrix(E, dist, T: float, xi: float) -> np.ndarray:
    """Linearised rate matrix without its e-e term (Eq. 23 of Churkin et al. (2013)).

    A_ij = γ⁰_ij / (n⁰_j (1 - n⁰_j)), A_jj = -Σ_k A_kj.

    Columns sum to zero (particle conservation), so A has one zero eigenvalue.

    Parameters
    ----------
    E, dist, T, xi
        As in :func:`miller_abrahams_log_rates`.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        The rate matrix in units of Γ0 (not symmetric).

    Examples
    --------
    >>> A = rate_matrix([0.1, -0.1, 0.0], np.ones((3, 3)) - np.eye(3), 0.2, 0.5)
    >>> np.allclose(A.sum(axis=0), 0.0)
    True
    """
    E = np.asarray(E, dtype=float)
    ln_n, ln_1mn = _log_fermi(E, T)
    return _conserving(np.exp(miller_abrahams_log_rates(E, dist, T, xi)
                              - (ln_n + ln_1mn)[None, :]))


def _conserving(A):
    """Set A_jj = -Σ_{k≠j} A_kj in place (columns sum to zero) and return A."""
    np.fill_diagonal(A, 0.0)
    np.fill_diagonal(A, -A.sum(axis=0))
    return A


def _decay_rates(M, drop_zero):
    """Minus the eigenvalues of the symmetric rate matrix M (overwritten), ascending; without
    the zero mode (the eigenvalue of smallest modulus) if `drop_zero`."""
    rates = -eigh(M, eigvals_only=True, overwrite_a=True, check_finite=False)
    if drop_zero:
        rates = np.delete(rates, np.argmin(np.abs(rates)))
    return np.sort(rates)


def symmetrized_rate_matrix(E, dist, T: float, xi: float) -> np.ndarray:
    """Symmetrised rate matrix S = D^(-1/2) A D^(1/2): S_ij = γ⁰_ij / sqrt(D_i D_j), S_ii = A_ii.

    D = diag(n⁰(1 - n⁰)).  S is symmetric and similar to :func:`rate_matrix` (same spectrum),
    computed in logarithms so that sites far from the Fermi level do not underflow.

    Parameters
    ----------
    E, dist, T, xi
        As in :func:`miller_abrahams_log_rates`.

    Returns
    -------
    numpy.ndarray, shape (N, N)
        S in units of Γ0 (symmetric).

    Examples
    --------
    >>> E, d = [0.1, -0.1, 0.0], np.ones((3, 3)) - np.eye(3)
    >>> S, A = symmetrized_rate_matrix(E, d, 0.2, 0.5), rate_matrix(E, d, 0.2, 0.5)
    >>> np.allclose(S, S.T), np.allclose(np.linalg.eigvalsh(S), np.sort(np.linalg.eigvals(A).real))
    (True, True)
    """
    E = np.asarray(E, dtype=float)
    ln_n, ln_1mn = _log_fermi(E, T)
    ln_D = ln_n + ln_1mn
    ln_g = miller_abrahams_log_rates(E, dist, T, xi)
    S = np.exp(ln_g - 0.5 * (ln_D[:, None] + ln_D[None, :]))
    np.fill_diagonal(S, 0.0)
    diag = -np.exp(ln_g - ln_D[None, :]).sum(axis=0)  # A_jj = -Σ_k γ_kj / D_j
    np.fill_diagonal(S, diag)
    return S


@numba.njit(cache=True)
def _symmetrized_kernel(E, dist, T, xi, ln_n, ln_1mn):
    # S_ij = γ⁰_ij / sqrt(D_i D_j) and S_jj = -Σ_k γ⁰_kj / D_j in one pass, in logarithms;
    # pairs with r/ξ > 100 (weight e^-100 ~ 4e-44, far below the round-off of eigenvalues
    # of order 1e-16 Γ0) are skipped.
    n = E.shape[0]
    S = np.zeros((n, n))
    ln_D = ln_n + ln_1mn
    diag = np.zeros(n)
    for i in range(n):
        for j in range(i + 1, n):
            if dist[i, j] > 100.0 * xi:
                continue
            dE = E[i] - E[j]
            x = max(abs(dE) / T, 1e-300)
            ln_N = -(x + math.log(-math.expm1(-x)))
            # γ_ij: i -> j; emission (N + 1) when it goes down (E_i > E_j)
            lg = ln_n[i] + ln_1mn[j] - dist[i, j] / xi + (x + ln_N if dE > 0 else ln_N)
            v = math.exp(lg - 0.5 * (ln_D[i] + ln_D[j]))
            S[i, j] = v
            S[j, i] = v
            diag[j] -= math.exp(lg - ln_D[j])
            diag[i] -= math.exp(lg - ln_D[i])
    for i in range(n):
        S[i, i] = diag[i]
    return S


def relaxation_rates(E, dist, T: float, xi: float, drop_zero: bool = True) -> np.ndarray:
    """Relaxation rates of the electron glass: minus the eigenvalues of Eq. 23 (LAPACK eigh).

    The symmetrised matrix (:func:`symmetrized_rate_matrix`) is built in one compiled pass
    (γ⁰_ij is symmetric by detailed balance, so each pair is visited once); pairs farther
    apart than 100 ξ, whose weight e^(-r/ξ) < 4e-44 lies far below the double-precision
    round-off of the eigenvalues (~1e-16 of the largest rate), are left out.

    Parameters
    ----------
    E, dist, T, xi
        As in :func:`miller_abrahams_log_rates`.
    drop_zero : bool
        Remove the zero mode of particle conservation (the eigenvalue of smallest modulus).

    Returns
    -------
    numpy.ndarray
        Decay rates -λ (units of Γ0), ascending; N - 1 of them if `drop_zero`.

    Examples
    --------
    >>> r = relaxation_rates([0.05, -0.1, 0.2], np.ones((3, 3)) - np.eye(3), 0.1, 1.0)
    >>> r.shape, bool(np.all(r > 0))
    ((2,), True)
    """
    E = np.ascontiguousarray(E, dtype=float)
    T = _check_positive("T", T)
    xi = _check_positive("xi", xi)
    ln_n, ln_1mn = _log_fermi(E, T)
    S = _symmetrized_kernel(E, np.ascontiguousarray(dist, dtype=float), T, xi, ln_n, ln_1mn)
    return _decay_rates(S, drop_zero)


def tunneling_rates(dist, xi: float, drop_zero: bool = True) -> np.ndarray:
    """Rates of the energy-independent matrix A_ij = exp(-r_ij/ξ), A_jj = -Σ_k A_kj (Fig. 16).

    Parameters
    ----------
    dist : array_like, shape (N, N)
        Distances (zero diagonal) [r_nn].
    xi : float
        Localization length ξ [r_nn], > 0.
    drop_zero : bool
        Remove the zero mode of particle conservation.

    Returns
    -------
    numpy.ndarray
        Decay rates (units of the prefactor of A), ascending.

    Examples
    --------
    Two sites at distance r: the nonzero rate is 2 exp(-r/ξ).

    >>> float(tunneling_rates([[0, 1.0], [1.0, 0]], 0.5)[0] / (2 * np.exp(-2.0)))
    1.0
    """
    xi = _check_positive("xi", xi)
    return _decay_rates(_conserving(np.exp(-np.asarray(dist, dtype=float) / xi)), drop_zero)


def nn_hopping_pdf(x, N: int, xi: float, r_bar: float = 1.0, L: float | None = None):
    """Distribution of x = r/ξ of nearest-neighbour hops (Eq. A2 of Churkin et al. (2013)).

    For a hop to the nearest neighbour the rate is λ = 2 exp(-x), i.e. x = -ln(λ/2).

    p(x) = 2π (ξ/r̄)² x q exp[-π (ξ/r̄)² x² q],  q = (√N + 1)/(√N - 1),

    the paper's finite-size nearest-neighbour distribution for N sites in a box of side
    L = r̄ (√N - 1), i.e. of density (N - 1)/L² = q / r̄².  Given `L`, the same formula is
    evaluated for that box instead (q / r̄² replaced by (N - 1)/L²), e.g. for the
    constant-density box L = 2 √N r_nn used by :func:`solve_electron_glass`.

    Parameters
    ----------
    x : array_like
        r/ξ (dimensionless).
    N : int
        Number of sites, >= 2.
    xi : float
        Localization length [r_nn].
    r_bar : float
        The paper's r̄ [r_nn].
    L : float, optional
        Box side [r_nn] overriding the paper's L = r̄ (√N - 1).

    Returns
    -------
    numpy.ndarray
        p(x) (per unit x), normalised over x in [0, ∞).

    Examples
    --------
    >>> from scipy.integrate import quad
    >>> round(quad(nn_hopping_pdf, 0, np.inf, args=(100, 0.1))[0], 8)
    1.0
    >>> bool(np.isclose(nn_hopping_pdf(5.0, 100, 0.1), nn_hopping_pdf(5.0, 100, 0.1, L=9.0)))
    True
    """
    N = _check_positive_int("N", N, 2)
    xi = _check_positive("xi", xi)
    if L is None:
        q = (math.sqrt(N) + 1) / (math.sqrt(N) - 1)
        density = q / _check_positive("r_bar", r_bar) ** 2
    else:
        density = (N - 1) / _check_positive("L", L) ** 2
    k = math.pi * xi**2 * density
    x = np.asarray(x, dtype=float)
    return 2 * k * x * np.exp(-k * x * x)


def solve_electron_glass(N: int, W: float, J: float, T: float, rng: np.random.Generator,
                         xi: float | None = None, L: float | None = None, tol: float = 1e-9,
                         max_sweeps: int = 5000, tunneling: bool = False,
                         convention: str = DEFAULT_CONVENTION, fast: bool = True) -> dict:
    """Draw one 2-D electron glass and solve its mean field (Eq. 20 of Churkin et al. (2013)).

    Optionally diagonalise the rate matrix of Eq. 23 (:func:`relaxation_rates`).

    Parameters
    ----------
    N : int
        Number of sites, >= 2.  Half filling: background charge K = 1/2 and chemical
        potential 0, which the particle-hole symmetry of the model (ε_i symmetric about 0)
        makes the half-filling value on average; the filling of one realization is not
        constrained to exactly N/2.
    W : float
        Width of the uniform bare-energy distribution [-W/2, W/2] (energy unit), >= 0.
    J : float
        e²/r_nn (energy unit), >= 0.
    T : float
        Temperature (energy unit), > 0.
    rng : numpy.random.Generator
    xi : float, optional
        Localization length [r_nn]; if given, the relaxation rates are computed.
    L : float, optional
        Box side overriding :func:`tlspaper.meanfield.box_length` of `convention`.
    tol, max_sweeps
        As in :func:`tlspaper.meanfield.solve_mean_field`.
    tunneling : bool
        Also return the rates of the energy-independent matrix (:func:`tunneling_rates`).
    convention : {"paper", "poisson"}
        Site-density convention (:func:`tlspaper.meanfield.box_length`, d = 2).
    fast : bool
        float32 couplings built straight from the positions and the compiled rate matrix
        (default); False gives the dense float64 reference (distance matrix, float64
        couplings, numpy rate matrix; same realization, same equations, same iteration).

    Returns
    -------
    dict
        ``E`` (mean-field energies), ``converged``, ``sweeps``, ``residual``, and ``rates``
        / ``tunnel_rates`` when requested.

    Examples
    --------
    >>> out = solve_electron_glass(100, 1.0, 1.0, 0.1, np.random.default_rng(0), xi=0.1)
    >>> out["converged"], out["rates"].shape
    (True, (99,))
    """
    N = _check_positive_int("N", N, 2)
    W = _check_positive("W", W, allow_zero=True)
    T = _check_positive("T", T)
    if xi is not None:
        xi = _check_positive("xi", xi)
    pos, L = random_sites(N, 2, rng, 1.0, L, convention=convention)
    eps = rng.uniform(-W / 2, W / 2, N)
    if fast:
        C = coulomb_coupling_from_positions(pos, L, J)
    else:
        C = coulomb_coupling(periodic_distances(pos, L), J)
    s = max(W, J)
    sol = solve_mean_field(eps, C, T, x0=rng.uniform(-s, s, N), tol=tol, max_sweeps=max_sweeps)
    del C
    warn_if_not_converged(sol, tol)
    out = {"E": sol.x, "converged": sol.converged, "sweeps": sol.sweeps,
           "residual": sol.residual}
    if xi is not None or tunneling:
        dist = periodic_distances(pos, L)
        if xi is not None:
            out["rates"] = (relaxation_rates(sol.x, dist, T, xi) if fast else
                            _decay_rates(symmetrized_rate_matrix(sol.x, dist, T, xi), True))
        if tunneling:
            out["tunnel_rates"] = tunneling_rates(dist, xi)
    return out


def paper_box_length(N: int, r_bar: float = 1.0) -> float:
    """The box side L = r̄ (√N - 1) implied by the paper's nearest-neighbour law (2-D).

    The density (N - 1)/L² of this box is the one in Eq. A2 of Churkin et al. (2013)
    (:func:`nn_hopping_pdf`).

    Parameters
    ----------
    N : int
        Number of sites, >= 2.
    r_bar : float
        The paper's mean spacing r̄ [r_nn].

    Returns
    -------
    float
        L [r_nn].

    Examples
    --------
    >>> paper_box_length(100)
    9.0
    """
    N = _check_positive_int("N", N, 2)
    return r_bar * (math.sqrt(N) - 1)
