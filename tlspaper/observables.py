"""Thermal and acoustic observables of TLSs from an energy-dependent DOS: κ, C, δv/v, δε/ε."""

from __future__ import annotations

import math

import numba
import numpy as np

from ._checks import positive as _positive
from ._checks import positive_array as _positive_array
from .dos import PowerLawDOS
from .one_phonon import coth_factor

__all__ = [
    "GL_ORDER", "RESONANT_CUTOFF", "X_MAX", "bootstrap_dos", "dielectric_shift", "exponents",
    "mu_for_exponent", "power_law_exponent", "relaxation_x_integral", "specific_heat",
    "thermal_conductivity", "velocity_shift", "velocity_shift_relaxation",
    "velocity_shift_resonant",
]

#: Upper limit of the thermal integrals in units of T: integrands are < 1e-20 of their peak.
X_MAX = 60.0
#: Default upper cutoff of the resonant integral Eq. 7 [K] (sets a T-independent constant).
RESONANT_CUTOFF = 100.0
#: Gauss-Legendre order per panel.
GL_ORDER = 16

_THERMAL_BREAKS = np.array([0.0, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, X_MAX])
_GL_T, _GL_W = np.polynomial.legendre.leggauss(GL_ORDER)
_GL_T = 0.5 * (_GL_T + 1.0)
_GL_W = 0.5 * _GL_W
_GL8_T, _GL8_W = np.polynomial.legendre.leggauss(8)
_GL8_T = 0.5 * (_GL8_T + 1.0)
_GL8_W = 0.5 * _GL8_W


# --------------------------------------------------------------------------- input checks


def _temperatures(T) -> np.ndarray:
    T = np.asarray(T, dtype=float)
    if T.size == 0:
        raise ValueError("T (temperatures, K) is empty; give at least one temperature")
    return _positive_array("T (temperature, K)", T)


def _check_dos(dos):
    if not callable(dos):
        raise ValueError(
            f"dos must be a callable dos(T, E) returning the DOS [1/K] (e.g. "
            f"tlspaper.dos.PowerLawDOS), got {type(dos).__name__}"
        )
    return dos


def _interpretation(value: str) -> str:
    if value not in ("E", "Delta"):
        raise ValueError(
            f"interpretation must be 'E' (DOS read as n(E): Eqs. 5, 7, 8) or 'Delta' "
            f"(DOS read as P0(Δ): Eqs. A1, 7Δ, A2), got {value!r}"
        )
    return value


# --------------------------------------------------------------------------- quadrature
def _upper_support(dos, upper: float) -> float:
    edges = getattr(dos, "edges", None)
    if edges is not None:
        upper = min(upper, float(np.asarray(edges)[-1]))
    return upper


def _panel_edges(T: float, upper: float, dos, extra=None) -> np.ndarray:
    """Sorted panel edges in E from 0 to `upper` (see the Notes of thermal_conductivity)."""
    parts = [T * _THERMAL_BREAKS]
    if upper > X_MAX * T:
        n_geo = int(math.ceil(math.log2(upper / (X_MAX * T))))
        parts.append(X_MAX * T * 2.0 ** np.arange(1, n_geo + 1))
    if extra is not None:
        parts.append(np.asarray(extra, dtype=float))
    kinks = getattr(dos, "centres", None)
    if kinks is not None:
        parts.append(np.asarray(kinks, dtype=float))
    e = np.concatenate(parts)
    e = e[(e > 0) & (e < upper)]
    e = np.unique(np.concatenate(([0.0], e, [upper])))
    # merge edges closer than 1e-12 relative (round-off duplicates)
    keep = np.concatenate(([True], np.diff(e) > 1e-12 * upper))
    return e[keep]


def _nodes(edges: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes, weights and panel index for panels between `edges`."""
    a, b = edges[:-1], edges[1:]
    h = b - a
    E = (a[:, None] + h[:, None] * _GL_T[None, :]).ravel()
    w = (h[:, None] * _GL_W[None, :]).ravel()
    panel = np.repeat(np.arange(len(a)), GL_ORDER)
    return E, w, panel


def _dos_values(dos, T: float, E: np.ndarray) -> np.ndarray:
    n = np.asarray(dos(T, E), dtype=float)
    if n.shape != E.shape:
        n = np.broadcast_to(n, E.shape)
    if not np.all(np.isfinite(n)):
        raise ValueError(f"dos({T:g} K, E) returned non-finite values")
    return n


def _omega_tau_energy(T: float, t0cubed: float) -> float:
    """Approximate energy where ``E³ coth(E/2T) = T0³`` (ω τ = 1 for x = 1) [K]."""
    t0 = t0cubed ** (1.0 / 3.0)
    return min(t0, math.sqrt(t0cubed / (2.0 * T)))


def _refinement(T: float, t0cubed: float) -> np.ndarray:
    """Geometric panel edges (ratio 2) from 2^-10 E_r up to 60 T around E_r (ωτ = 1)."""
    e_r = _omega_tau_energy(T, t0cubed)
    k_max = max(0, int(math.ceil(math.log2(X_MAX * T / e_r))))
    return e_r * 2.0 ** np.arange(-10.0, k_max + 1.0)


# --------------------------------------------------------------------------- numba kernels
@numba.njit(cache=True)
def _g_inner(r):
    """∫_0^1 sqrt(1-x²)/x · 1/(1 + r²/x⁴) dx in closed form (r >= 0)."""
    if r <= 0.0:
        return np.inf
    b = 1.0 - 1j * r
    if abs(b) >= 8.0:  # series  Re Σ_k>=1 1/((2k+1) b^k), |1/b| <= 1/8
        z = 1.0 / b
        term = z
        s = 0.0j
        for k in range(1, 40):
            s += term / (2 * k + 1)
            term *= z
            # relative to Re s ~ 2/(15 r²), which cancels between k = 1 and 2 at large r
            if k >= 2 and abs(term) < 1e-17 * abs(s.real):
                break
        return s.real
    sb = np.sqrt(b)
    # Re[ sqrt(b) artanh(1/sqrt(b)) ] - 1, written without cancellation at small r
    val = sb * (np.log(1.0 + sb) - 0.5 * np.log(r) + 0.25j * np.pi)
    return val.real - 1.0


@numba.njit(cache=True)
def _g_inner_array(r):
    out = np.empty(r.shape[0])
    for i in range(r.shape[0]):
        out[i] = _g_inner(r[i])
    return out


def _inverse_omega_tau_sym(E: np.ndarray, T: float, t0cubed: float) -> np.ndarray:
    """``r = ω / (A E³ coth(E/2T)) = T0³ / (E³ coth(E/2T))`` (ωτ of a symmetric TLS)."""
    return t0cubed / (E * E * coth_factor(E, T))


def relaxation_x_integral(r):
    """Closed form of the inner x integral of the relaxation shift, g(r), dimensionless.

    ``g(r) = ∫_0^1 sqrt(1-x²)/x · dx / (1 + r²/x⁴)`` is the x integral of Eq. 8 of Churkin
    et al. (2021) (:func:`velocity_shift_relaxation`).  Here ``r = ω / (A E³ coth(E/2T))``
    is ωτ of a symmetric TLS (x = Δ0/E = 1), so that ``ω²/[A x² E³ coth]² = r²/x⁴``.  The closed
    form used is ``g(r) = Re[√b artanh(1/√b)] - 1`` with ``b = 1 - i r`` (a series in 1/b
    for |b| >= 8).
    Limits: ``g ≈ ½ ln(4/r) - 1`` for r -> 0 (all TLSs relaxed) and ``g ≈ 2/(15 r²)``
    for r -> ∞ (none relaxed).

    Parameters
    ----------
    r : array_like
        ωτ of the symmetric TLS, > 0 (dimensionless).

    Returns
    -------
    numpy.ndarray
        g(r), dimensionless, same shape as `r`.

    Examples
    --------
    >>> bool(abs(relaxation_x_integral(1e-8) - (0.5 * np.log(4e8) - 1)) < 1e-7)
    True
    >>> round(float(relaxation_x_integral(1e4)) * 1e8 * 15 / 2, 6)
    1.0
    """
    r = _positive_array("r (omega*tau of a symmetric TLS)", r)
    return _g_inner_array(np.atleast_1d(r).ravel()).reshape(r.shape)


# --------------------------------------------------------------------------- κ and C
def _cumulative(dos, T: float, E: np.ndarray, edges: np.ndarray, panel: np.ndarray, w):
    """``∫_0^E n(T, E') dE'`` at the nodes E (the n(Δ) reading: Eqs. A1 and 7Δ)."""
    n = _dos_values(dos, T, E)
    panel_int = np.bincount(panel, weights=w * n, minlength=len(edges) - 1)
    before = np.concatenate(([0.0], np.cumsum(panel_int)[:-1]))
    a = edges[panel]
    Ein = a[:, None] + (E - a)[:, None] * _GL_T[None, :]
    nin = _dos_values(dos, T, Ein.ravel()).reshape(Ein.shape)
    within = (E - a) * (nin @ _GL_W)
    return before[panel] + within


def thermal_conductivity(T, dos, interpretation: str = "E"):
    """Thermal conductivity κ(T), arb. units (Eq. 5 or Eq. A1 of Churkin et al. (2021)).

    κ from resonant phonon-TLS scattering, for a density of states given as a callable
    ``dos(T, E)`` (T and E in kelvin, ``k_B = 1``) such as :class:`tlspaper.dos.PowerLawDOS`
    (Eq. 3), :class:`tlspaper.dos.TabulatedDOS` or any function of your own.

    ``interpretation='E'`` (Eq. 5, the DOS read as n(E))::

        κ(T) ∝ ∫_0^∞ E³ dE / [T² sinh²(E/2T) tanh(E/2T) n(T, E)]

    ``interpretation='Delta'`` (Eq. A1, the DOS read as P0(Δ) and the Δ0 integral of Eq. 4
    done)::

        κ(T) ∝ ∫_0^∞ E⁴ dE / [T² sinh²(E/2T) tanh(E/2T) ∫_0^E n(T, E') dE']

    Derivation (checked in the book): with ``P(Δ, Δ0) = P0(Δ)/Δ0``, ``x = Δ0/E`` and the
    resonant weight x², the inverse mean free path is ``∝ E tanh(E/2T) ∫_0^1 P0(E s) ds =
    tanh(E/2T) ∫_0^E P0(Δ) dΔ`` (s = sqrt(1-x²)); Eq. 5 is the same with ``P0(Δ) -> n(E)``
    (Δ = E).  For ``n = B Δ^μ`` Eq. A1 is exactly ``(1 + μ)`` × Eq. 5.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    dos : callable
        ``dos(T, E)`` [1/K], e.g. :class:`tlspaper.dos.PowerLawDOS`; must be > 0 for
        E <= 60 T.
    interpretation : {'E', 'Delta'}
        'E' for Eq. 5 (the paper's main text), 'Delta' for Eq. A1.

    Returns
    -------
    numpy.ndarray
        The integral [K³ if n is in 1/K], shape of `T`: κ up to a T-independent material
        prefactor.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> k = thermal_conductivity([0.1, 0.2], PowerLawDOS(mu=0.0))   # STM: κ ∝ T²
    >>> round(float(k[1] / k[0]), 9)
    4.0

    Notes
    -----
    Quadrature (the same for every integral of this module): composite Gauss-Legendre sums
    (:data:`GL_ORDER` nodes per panel) on panels whose edges are fixed multiples of T
    (``0, T/8, T/4, ..., 32 T, 60 T``), geometric panels (ratio 2) above ``60 T`` where an
    integrand is not thermally cut off (Eq. 7), a geometric refinement around the energy at
    which ``ω τ = 1`` (Eqs. 8, A2), and -- when the DOS object has a ``centres`` attribute like
    :class:`tlspaper.dos.TabulatedDOS` -- extra panel edges at its interpolation kinks; a DOS
    with an ``edges`` attribute is integrated only up to its last edge (it is zero above).
    Thermal integrands are cut at ``E = 60 T`` (:data:`X_MAX`), where they are below ``1e-20``
    of their peak.  The agreement with adaptive quadrature (``scipy.integrate.quad``) is
    better than 1e-6 relative for 0.01 K <= T <= 10 K (``tests/unit/test_observables.py``).
    """
    Tarr = _temperatures(T)
    _check_dos(dos)
    form = _interpretation(interpretation)
    out = np.empty(Tarr.size)
    for i, t in enumerate(Tarr.ravel()):
        edges = _panel_edges(t, _upper_support(dos, X_MAX * t), dos)
        E, w, panel = _nodes(edges)
        x = E / (2.0 * t)
        kernel = E**3 / (t * t * np.sinh(x) ** 2 * np.tanh(x))
        if form == "E":
            denom = _dos_values(dos, t, E)
        else:
            denom = _cumulative(dos, t, E, edges, panel, w) / E
        if np.any(denom <= 0):
            raise ValueError(
                f"the DOS vanishes at some E <= {edges[-1]:.3g} K at T = {t:g} K; κ "
                "(Eq. 5/A1 divides by it) is undefined"
            )
        out[i] = np.sum(w * kernel / denom)
    return out.reshape(Tarr.shape)


def specific_heat(T, dos):
    """TLS specific heat C(T) in units of k_B (Eq. 6 of Churkin et al. (2021)).

    ``C(T) = ∫_0^∞ n(T, E) E² dE / [4 T² cosh²(E/2T)]``.

    A TLS of splitting E has the Schottky heat capacity ``(E/2T)² / cosh²(E/2T)``, so Eq. 6
    is the heat capacity of a set of TLSs whose splittings have the density n on E >= 0.
    The simulated DOS (:func:`tlspaper.dos.load_simulated`) is normalised over both signs of
    the single-flip energy, ``∫_0^∞ n dE = 1/2``: with it, Eq. 6 gives **half** the heat
    capacity per TLS (multiply by 2 for the heat capacity per TLS).

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    dos : callable
        ``dos(T, E)`` [1/K].

    Returns
    -------
    numpy.ndarray
        C in units of k_B times the normalisation of `dos` (``∫_0^∞ n dE`` TLSs; for the
        simulated DOS: half the heat capacity per TLS), shape of `T`.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> c = specific_heat(1.0, PowerLawDOS(mu=0.0, B=1.0))   # STM: (π²/6) n T
    >>> round(float(c) / (np.pi**2 / 6), 9)
    1.0
    """
    Tarr = _temperatures(T)
    _check_dos(dos)
    out = np.empty(Tarr.size)
    for i, t in enumerate(Tarr.ravel()):
        E, w, _ = _nodes(_panel_edges(t, _upper_support(dos, X_MAX * t), dos))
        n = _dos_values(dos, t, E)
        out[i] = np.sum(w * n * E * E / (4.0 * t * t * np.cosh(E / (2.0 * t)) ** 2))
    return out.reshape(Tarr.shape)


# --------------------------------------------------------------------------- δv/v
def velocity_shift_resonant(T, dos, cutoff: float = RESONANT_CUTOFF, interpretation: str = "E"):
    """Resonant sound-velocity shift per unit coupling (Eq. 7 of Churkin et al. (2021)).

    ``interpretation='E'`` (Eq. 7, the DOS read as n(E))::

        δv_res/v ÷ (γ²/ρv² L0) = -∫_0^cutoff n(T, E) tanh(E/2T) dE / E

    ``interpretation='Delta'`` (the DOS read as P0(Δ); "Eq. 7Δ", derived in the book)::

        δv_res/v ÷ (γ²/ρv² L0) = -∫_0^cutoff tanh(E/2T) dE / E · (1/E) ∫_0^E n(T, Δ) dΔ

    Derivation of the second form: with ``P(Δ, Δ0) = P0(Δ)/Δ0`` and the variables E and
    ``x = Δ0/E`` (``Δ = E sqrt(1-x²)``, ``dΔ dΔ0 = E dE dx / sqrt(1-x²)``) the density is
    ``P0(E sqrt(1-x²)) / (x sqrt(1-x²))``; the resonant weight ``x²`` leaves
    ``∫_0^1 x P0(E sqrt(1-x²)) dx / sqrt(1-x²) = ∫_0^1 P0(E s) ds = (1/E) ∫_0^E P0``
    (s = sqrt(1-x²)).  Eq. 7 therefore does *not* remain intact in the n(Δ) reading, as the
    paper's App. A states: n(E) is replaced by its average over [0, E], the same average
    that turns Eq. 5 into Eq. A1.  The two forms coincide for a constant DOS; for
    ``n = B Δ^μ`` the n(Δ) form is the n(E) form divided by ``1 + μ``.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    dos : callable
        ``dos(T, E)`` [1/K].
    cutoff : float, optional
        Upper energy cutoff [K] (default :data:`RESONANT_CUTOFF`; a DOS with an ``edges``
        attribute is integrated only up to its last edge).  It shifts the result by a
        T-independent constant: only differences between temperatures are physical.
    interpretation : {'E', 'Delta'}
        'E' for Eq. 7 (the paper's main text), 'Delta' for the n(Δ) reading.

    Returns
    -------
    numpy.ndarray
        Dimensionless (for n in 1/K), shape of `T`.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> v = velocity_shift_resonant([0.01, 0.1], PowerLawDOS(mu=0.0))  # STM: +ln T slope
    >>> round(float((v[1] - v[0]) / np.log(10)), 9)
    1.0
    >>> def n(T, E):       # pure power law B E^μ, μ = 0.2: the n(Δ) form is 1/(1 + μ) of it
    ...     return 0.5 * np.asarray(E) ** 0.2
    >>> vE = velocity_shift_resonant([0.1, 0.3], n)
    >>> vD = velocity_shift_resonant([0.1, 0.3], n, interpretation="Delta")
    >>> round(float((vD[1] - vD[0]) / (vE[1] - vE[0])), 4)   # (E^μ cusp at 0: ~1e-5 accurate)
    0.8333
    """
    Tarr = _temperatures(T)
    _check_dos(dos)
    cutoff = _positive("cutoff (K)", cutoff)
    form = _interpretation(interpretation)
    out = np.empty(Tarr.size)
    for i, t in enumerate(Tarr.ravel()):
        edges = _panel_edges(t, _upper_support(dos, cutoff), dos)
        E, w, panel = _nodes(edges)
        if form == "E":
            n = _dos_values(dos, t, E)
        else:
            n = _cumulative(dos, t, E, edges, panel, w) / E
        out[i] = -np.sum(w * n * np.tanh(E / (2.0 * t)) / E)
    return out.reshape(Tarr.shape)


def _a2_inner(dos, t: float, E: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Inner integral of Eq. A2 at each outer node: ∫_0^1 sqrt(1-x²)/x n(T, E sqrt(1-x²)) ..."""
    # u = x²: ½ ∫_0^1 sqrt(1-u) n(T, E sqrt(1-u)) u/(u² + r²) du.
    # u in [1/2, 1]: s = sqrt(1-u) in [0, 1/sqrt2]: ∫ s² n(T, E s) u/(u²+r²) ds  (smooth)
    s = (1.0 / math.sqrt(2.0)) * _GL_T
    ws = (1.0 / math.sqrt(2.0)) * _GL_W
    u = 1.0 - s * s
    f_hi = (s * s)[None, :] * u[None, :] / (u[None, :] ** 2 + r[:, None] ** 2)
    n_hi = _dos_values(dos, t, (E[:, None] * s[None, :]).ravel()).reshape(f_hi.shape)
    part_hi = (f_hi * n_hi) @ ws
    # u in [u_min, 1/2]: q = ln u, du = u dq: ½ ∫ sqrt(1-u) n u²/(u²+r²) dq, 24 panels
    n_pan = 24
    q_lo = np.log(1e-9 * np.minimum(r, 0.5))
    q_hi = math.log(0.5)
    width = (q_hi - q_lo) / n_pan
    tq = (np.arange(n_pan)[:, None] + _GL8_T[None, :]).ravel()  # in panel units
    wq = np.tile(_GL8_W, n_pan)
    q = q_lo[:, None] + width[:, None] * tq[None, :]
    uu = np.exp(q)
    arg = E[:, None] * np.sqrt(1.0 - uu)
    n_lo = _dos_values(dos, t, arg.ravel()).reshape(arg.shape)
    f_lo = 0.5 * np.sqrt(1.0 - uu) * uu * uu / (uu * uu + r[:, None] ** 2)
    part_lo = width * ((f_lo * n_lo) @ wq)
    return part_hi + part_lo


def velocity_shift_relaxation(T, dos, omega, A, interpretation: str = "E"):
    """Relaxation sound-velocity shift per unit coupling (Eq. 8 or A2 of Churkin et al. (2021)).

    ``interpretation='E'`` (Eq. 8)::

        δv_rel/v ÷ (γ²/ρv² L0) = -∫_0^∞ n(T,E) dE / [2T cosh²(E/2T)]
                                   × ∫_0^1 sqrt(1-x²)/x · dx / (1 + ω²/[A x² E³ coth(E/2T)]²)

    ``interpretation='Delta'`` (Eq. A2): ``n(T, E)`` moves inside the x integral as
    ``n(T, E sqrt(1-x²))`` (the DOS read as P0(Δ), Δ = E sqrt(1-x²)).  Eq. A2 follows from
    ``P(Δ, Δ0) = P0(Δ)/Δ0`` in the variables E, x = Δ0/E (density
    ``P0(E sqrt(1-x²)) / (x sqrt(1-x²))``) with the relaxation weight ``(Δ/E)² = 1 - x²``;
    for ``n = B Δ^μ`` and no relaxation (ωτ -> ∞) its x integral is ``15/((3+μ)(5+μ))``
    times that of Eq. 8.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    dos : callable
        ``dos(T, E)`` [1/K].
    omega : float
        Probing frequency, > 0, in the unit of ``A·K³`` (book: angular, rad/s).
    A : float
        Prefactor of the one-phonon rate (:func:`tlspaper.one_phonon.one_phonon_rate`), > 0;
        ``A = ω/T0³``.
    interpretation : {'E', 'Delta'}
        'E' for Eq. 8, 'Delta' for Eq. A2.

    Returns
    -------
    numpy.ndarray
        Dimensionless (for n in 1/K), shape of `T`.

    Notes
    -----
    The x integral of Eq. 8 is done in closed form (:func:`relaxation_x_integral`).  In
    Eq. A2 it is a 400-node quadrature per energy (s = sqrt(1-x²) on x² >= 1/2, ln x² below).
    For a tabulated DOS (piecewise linear in E) A2 is accurate to about 1e-4.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> T = np.array([5.0, 10.0])       # T >> T0 = 1 mK: STM slope -(3/2) ln T
    >>> v = velocity_shift_relaxation(T, PowerLawDOS(0.0), omega=1.0, A=1e9)
    >>> round(float((v[1] - v[0]) / np.log(2)), 4)
    -1.5
    """
    Tarr = _temperatures(T)
    _check_dos(dos)
    t0cubed = _positive("omega", omega) / _positive("A", A)
    form = _interpretation(interpretation)
    out = np.empty(Tarr.size)
    for i, t in enumerate(Tarr.ravel()):
        upper = _upper_support(dos, X_MAX * t)
        E, w, _ = _nodes(_panel_edges(t, upper, dos, extra=_refinement(t, t0cubed)))
        r = _inverse_omega_tau_sym(E, t, t0cubed)
        weight = w / (2.0 * t * np.cosh(E / (2.0 * t)) ** 2)
        if form == "E":
            inner = _g_inner_array(r) * _dos_values(dos, t, E)
        else:
            inner = _a2_inner(dos, t, E, r)
        out[i] = -np.sum(weight * inner)
    return out.reshape(Tarr.shape)


def velocity_shift(
    T, dos, omega, A, coupling: float = 1.0, cutoff: float = RESONANT_CUTOFF,
    interpretation: str = "E",
):
    """Sound-velocity shift δv/v, resonant + relaxation (Eqs. 7-8 of Churkin et al. (2021)).

    ``δv/v = coupling × (Eq. 7 + Eq. 8)``; with ``interpretation='Delta'`` (the DOS read as
    P0(Δ)) the consistent pair Eq. 7Δ + Eq. A2 (see :func:`velocity_shift_resonant`; the
    paper's App. A keeps Eq. 7 unchanged, which holds only for a constant DOS).

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0.
    dos : callable
        ``dos(T, E)`` [1/K].
    omega, A : float
        Probing frequency and one-phonon rate prefactor, same unit (``A = ω/T0³``).
    coupling : float
        ``γ²/(ρ v² L0)`` in the normalisation of `dos` (dimensionless × K): e.g. with
        ``PowerLawDOS(mu, B=1)`` it is the C of
        :func:`tlspaper.velocity_fit.velocity_model`.
    cutoff : float
        Upper cutoff of Eq. 7 [K] (T-independent constant, see
        :func:`velocity_shift_resonant`).
    interpretation : {'E', 'Delta'}
        Eqs. 7 + 8 ('E') or Eqs. 7Δ + A2 ('Delta').

    Returns
    -------
    numpy.ndarray
        δv/v (dimensionless) up to a T-independent constant, shape of `T`.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> T = np.geomspace(0.05, 1.0, 40)
    >>> v = velocity_shift(T, PowerLawDOS(0.0), omega=2 * np.pi * 1e3, A=2 * np.pi * 1e6)
    >>> 0.05 < float(T[np.argmax(v)]) < 0.15     # maximum near T0 = 0.1 K
    True

    Notes
    -----
    Only temperature dependences are physical: δv/v is given per unit coupling
    ``γ²/(ρ v² L0)`` (in the DOS normalisation of the caller) plus a cutoff-dependent
    constant.

    * Eq. 7 diverges logarithmically (or as E^μ) at high energy: it is cut at `cutoff`
      (default :data:`RESONANT_CUTOFF` = 100 K, far above the ~10 K disorder scale of the
      simulated DOS).  The cutoff adds a T-independent constant; its effect on the
      T-dependence is of relative order ``μ (T/cutoff)²``.
    * Eqs. 8 and A2 contain ``ω / (A x² E³ coth(E/2T))``: ω and A must be given in the same
      unit (both angular or both cyclic); only ``ω/A = T0³`` enters
      (:func:`tlspaper.one_phonon.crossover_temperature`).  The book passes ω = 2πf in rad/s
      and A in rad s⁻¹ K⁻³, so that a published A and f both quoted as frequencies give
      ``T0 = (f/A)^(1/3)``.
    """
    res = velocity_shift_resonant(T, dos, cutoff=cutoff, interpretation=interpretation)
    rel = velocity_shift_relaxation(T, dos, omega, A, interpretation=interpretation)
    return coupling * (res + rel)


def dielectric_shift(
    T, dos, omega, A, coupling: float = 1.0, cutoff: float = RESONANT_CUTOFF,
    interpretation: str = "E",
):
    """Relative dielectric-constant shift δε/ε (Eqs. 7-8 of Churkin et al. (2021), p² for γ²).

    Churkin et al. obtain the dielectric response from Eqs. 7 and 8 by the substitution
    ``γ²/ρv² -> p²/4πε0``.  A TLS polarisability *adds* to ε while a softened elastic
    modulus *lowers* ``v ∝ sqrt(modulus)``, so with the same integrals
    ``δε/ε = -2 × [δv/v with γ²/(ρv² L0) -> coupling]`` (the standard STM relation,
    resonant regime ``δε/ε = -2 C_dip ln T`` beside ``δv/v = C ln T``; Phillips 1987).
    The velocity maximum becomes a dielectric minimum at the same temperature.

    Parameters
    ----------
    T, dos, omega, A, cutoff, interpretation
        As in :func:`velocity_shift`.
    coupling : float
        Dielectric coupling ``C_dip``: ``p²/(L0 ...)`` in the normalisation of `dos`
        (the paper's ``p²/4πε0`` in place of ``γ²/ρv²``; orientation averages and the
        background permittivity are absorbed in it).

    Returns
    -------
    numpy.ndarray
        δε/ε (dimensionless) up to a T-independent constant, shape of `T`.

    Examples
    --------
    >>> from tlspaper.dos import PowerLawDOS
    >>> args = ([0.1, 0.3], PowerLawDOS(0.1), 1e3, 1e6)
    >>> bool(np.allclose(dielectric_shift(*args), -2 * velocity_shift(*args)))
    True
    """
    return -2.0 * velocity_shift(
        T, dos, omega, A, coupling=coupling, cutoff=cutoff, interpretation=interpretation
    )


# --------------------------------------------------------------------------- exponents
def power_law_exponent(T, values) -> tuple[float, float]:
    """Exponent p of ``values ∝ T^p`` by a least-squares line in log-log, with its 1σ error.

    Parameters
    ----------
    T : array_like
        Temperatures [K], > 0, at least 3.
    values : array_like
        Positive values (κ, C, ...) at `T`.

    Returns
    -------
    p : float
        Fitted exponent.
    sigma_p : float
        Standard error of p from the scatter of the points about the line (0 for an exact
        power law up to round-off).

    Examples
    --------
    >>> p, s = power_law_exponent([0.1, 0.2, 0.4], [1.0, 3.0, 9.0])
    >>> round(p, 6), s < 1e-12
    (1.584963, True)
    """
    T = _temperatures(T).ravel()
    values = _positive_array("values", values).ravel()
    if T.size != values.size or T.size < 3:
        raise ValueError(
            f"T and values must have the same length >= 3, got {T.size} and {values.size}"
        )
    x, y = np.log(T), np.log(values)
    coef, res, *_ = np.polyfit(x, y, 1, full=True)
    dof = x.size - 2
    s2 = float(res[0]) / dof if dof > 0 and len(res) else 0.0
    sigma = math.sqrt(max(s2, 0.0) / np.sum((x - x.mean()) ** 2))
    return float(coef[0]), sigma


def mu_for_exponent(exponent: float, observable: str = "kappa", T_range=(0.01, 1.0)) -> float:
    """The temperature-independent μ of Eq. 3 that gives κ ∝ T^exponent (or C ∝ T^exponent).

    Solved numerically with :func:`thermal_conductivity` (Eq. 5) or :func:`specific_heat`
    and :func:`power_law_exponent` over `T_range`; for Eq. 3 with constant μ and B the answer
    is exactly ``2 - exponent`` (κ) or ``exponent - 1`` (C), which this function confirms.

    Parameters
    ----------
    exponent : float
        Measured power of T.
    observable : {'kappa', 'C'}
    T_range : tuple of float
        Temperatures [K] of the power-law fit.

    Returns
    -------
    float
        μ (dimensionless).

    Examples
    --------
    >>> round(mu_for_exponent(1.95, "kappa"), 6), round(mu_for_exponent(1.25, "C"), 6)
    (0.05, 0.25)
    """
    from scipy.optimize import brentq

    if observable not in ("kappa", "C"):
        raise ValueError(f"observable must be 'kappa' or 'C', got {observable!r}")
    func = thermal_conductivity if observable == "kappa" else specific_heat
    T = np.geomspace(*T_range, 5)

    def mismatch(mu):
        return power_law_exponent(T, func(T, PowerLawDOS(mu)))[0] - exponent

    return float(brentq(mismatch, -0.9, 2.0, xtol=1e-10))


def exponents(T, dos) -> dict:
    """Power-law exponents of κ (Eq. 5) and C (Eq. 6) over the temperatures `T`.

    Parameters
    ----------
    T : array_like
        Temperatures [K] (for a tabulated DOS: tabulated ones), at least 3.
    dos : callable
        ``dos(T, E)`` [1/K].

    Returns
    -------
    dict
        ``kappa``, ``C`` (arrays at `T`), ``beta`` and ``sigma_beta`` (κ ∝ T^(2-β)),
        ``alpha`` and ``sigma_alpha`` (C ∝ T^(1+α)); the σ are the standard errors of the
        log-log line (scatter of the points about a pure power law).

    Examples
    --------
    >>> e = exponents([0.1, 0.3, 1.0], PowerLawDOS(0.15))
    >>> round(e["beta"], 9), round(e["alpha"], 9)
    (0.15, 0.15)
    """
    T = _temperatures(T).ravel()
    kappa = thermal_conductivity(T, dos)
    heat = specific_heat(T, dos)
    pk, sk = power_law_exponent(T, kappa)
    pc, sc = power_law_exponent(T, heat)
    return {"kappa": kappa, "C": heat, "beta": 2.0 - pk, "sigma_beta": sk,
            "alpha": pc - 1.0, "sigma_alpha": sc}


def bootstrap_dos(dos, n: int, seed: int):
    """Bootstrap replicas of a simulated DOS, resampling its blocks of realizations.

    Below the energy limit of the block histograms (2.5 K in the book's datasets) and at the
    temperatures that keep them (T <= 1 K), each replica's density is the histogram of a
    resample (with replacement) of the dataset's blocks of realizations; above it, and at
    other temperatures, it is the full dataset's.  Errors of quantities dominated by low
    energies (κ, C and δv/v at T <= 1 K) follow from the spread over replicas.

    Parameters
    ----------
    dos : tlspaper.dos.SimulatedDOS
        From :func:`tlspaper.dos.load_simulated`.
    n : int
        Number of replicas.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Yields
    ------
    tlspaper.dos.TabulatedDOS
        One replica; same temperatures and edges as `dos`, density [1/K].

    Examples
    --------
    >>> from tlspaper.dos import load_simulated
    >>> d = load_simulated("dos_mc_L8_J2K.npz")
    >>> rep = next(bootstrap_dos(d, n=1, seed=2021))
    >>> rep.density.shape == d.density.shape, bool(np.all(rep.density[0] == d.density[0]))
    (True, True)
    """
    from .dos import TabulatedDOS

    rng = np.random.default_rng(seed)
    stages = [(int(i), *dos.block_histograms(dos.temperatures[i])) for i in dos.block_stages]
    width = np.diff(dos.edges)
    for _ in range(n):
        density = dos.density.copy()
        pick = None
        for i, blocks, reals in stages:
            if pick is None:
                pick = rng.integers(0, len(reals), len(reals))
            n_low = blocks.shape[1]
            share = reals[pick].sum() / dos.realizations  # fraction of the full exposure
            density[i, :n_low] = blocks[pick].sum(axis=0) / (dos.exposure * share
                                                              * width[:n_low])
        yield TabulatedDOS(dos.temperatures, dos.edges, density)
