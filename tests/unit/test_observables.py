"""κ, C, δv/v, δε/ε integrals: adaptive-quadrature references, analytic limits, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

from tlspaper import observables as ob
from tlspaper.dos import PowerLawDOS, TabulatedDOS
from tlspaper.one_phonon import crossover_temperature

TEMPS = (0.01, 0.1, 1.0, 10.0)
RTOL = 1e-6


class GappedDOS:
    """A smooth DOS that is not a power law: a soft gap below 0.3 K, decaying above 15 K."""

    def __call__(self, T, E):
        E = np.asarray(E, dtype=float)
        return (0.2 + E**2 / (E**2 + 0.09)) / (1 + (E / 15.0) ** 2) * (1 + 0.1 * T)


DOSES = [PowerLawDOS(0.0, B=0.7), PowerLawDOS(0.25, B=0.02), GappedDOS()]


def quad(f, a, b, T, extra=()):
    """Adaptive reference: scipy quad, tight tolerance, break points at thermal scales."""
    pts = sorted({p for p in [T * s for s in (0.25, 0.5, 1, 2, 4, 8, 16, 32)] + list(extra)
                  if a < p < b})
    return integrate.quad(f, a, b, epsabs=0, epsrel=1e-11, limit=2000, points=pts or None)[0]


# ------------------------------------------------------------------------------ inner x integral
@pytest.mark.parametrize("r", [1e-9, 1e-3, 0.3, 1.0, 5.0, 7.99, 8.01, 40.0, 1e3])
def test_relaxation_x_integral_matches_quad(r):
    ref = integrate.quad(lambda x: math.sqrt(1 - x * x) / x / (1 + r * r / x**4), 0, 1,
                         epsabs=0, epsrel=1e-13, limit=500, points=[min(math.sqrt(r), 0.5)])[0]
    assert float(ob.relaxation_x_integral(r)) == pytest.approx(ref, rel=1e-10)


def test_relaxation_x_integral_limits():
    r = 1e-10
    assert float(ob.relaxation_x_integral(r)) == pytest.approx(0.5 * math.log(4 / r) - 1, abs=1e-8)
    for r in (1e5, 1e9, 1e12, 1e20):  # ∫ x³ sqrt(1-x²) dx / r² = 2/(15 r²)
        # (r >= 1e9 once returned 1/(3 r²): the series stopped before its k = 2 term)
        assert float(ob.relaxation_x_integral(r)) == pytest.approx(2 / (15 * r * r), rel=1e-9)


# ------------------------------------------------------------------------------ vs adaptive quad
@pytest.mark.parametrize("dos", DOSES, ids=["stm", "mu0.25", "gapped"])
@pytest.mark.parametrize("T", TEMPS)
def test_specific_heat_and_kappa_match_quad(dos, T):
    up = 60 * T
    c_ref = quad(lambda E: dos(T, E) * E * E / (4 * T * T * math.cosh(E / (2 * T)) ** 2), 0, up, T)
    assert float(ob.specific_heat(T, dos)) == pytest.approx(c_ref, rel=RTOL)

    def kern(E):
        return E**3 / (T * T * math.sinh(E / (2 * T)) ** 2 * math.tanh(E / (2 * T)))

    k_ref = quad(lambda E: kern(E) / dos(T, E), 0, up, T)
    assert float(ob.thermal_conductivity(T, dos)) == pytest.approx(k_ref, rel=RTOL)

    def cumulative(E):
        return quad(lambda e: float(dos(T, e)), 0, E, T)

    a1_ref = quad(lambda E: E * kern(E) / cumulative(E), 0, up, T)
    assert float(ob.thermal_conductivity(T, dos, "Delta")) == pytest.approx(a1_ref, rel=RTOL)


@pytest.mark.parametrize("dos", DOSES, ids=["stm", "mu0.25", "gapped"])
@pytest.mark.parametrize("T", TEMPS)
def test_velocity_integrals_match_quad(dos, T):
    cut = 100.0
    res_ref = -quad(lambda E: dos(T, E) * math.tanh(E / (2 * T)) / E, 0, cut, T,
                    extra=np.geomspace(T, cut, 25))
    assert float(ob.velocity_shift_resonant(T, dos, cutoff=cut)) == pytest.approx(res_ref,
                                                                                 rel=RTOL)
    for omega, A in [(1e3, 1.25e5), (1e3, 1e7)]:  # T0 = 0.2 K and 0.0464 K
        t0c = omega / A

        def f(E, t0c=t0c):
            r = t0c / (E**3 / math.tanh(E / (2 * T)))
            return dos(T, E) / (2 * T * math.cosh(E / (2 * T)) ** 2) * float(
                ob.relaxation_x_integral(r))

        er = ob._omega_tau_energy(T, t0c)
        ref = -quad(f, 0, 60 * T, T, extra=er * 2.0 ** np.arange(-8, 9))
        got = float(ob.velocity_shift_relaxation(T, dos, omega, A))
        assert got == pytest.approx(ref, rel=RTOL)


@pytest.mark.parametrize("dos", DOSES[1:], ids=["mu0.25", "gapped"])
@pytest.mark.parametrize("T", [0.01, 1.0, 10.0])
def test_relaxation_a2_matches_nested_quad(dos, T):
    omega, A = 1e3, 1.25e5
    t0c = omega / A

    def inner(E):
        r = t0c / (E**3 / math.tanh(E / (2 * T)))
        return integrate.quad(
            lambda u: 0.5 * math.sqrt(1 - u) * float(dos(T, E * math.sqrt(1 - u))) * u
            / (u * u + r * r), 0, 1, epsabs=0, epsrel=1e-10, limit=500, points=[min(r, 0.5)])[0]

    er = ob._omega_tau_energy(T, t0c)
    ref = -quad(lambda E: inner(E) / (2 * T * math.cosh(E / (2 * T)) ** 2), 0, 60 * T, T,
                extra=er * 2.0 ** np.arange(-6, 7))
    got = float(ob.velocity_shift_relaxation(T, dos, omega, A, interpretation="Delta"))
    assert got == pytest.approx(ref, rel=RTOL)


def test_tabulated_dos_matches_quad_with_breakpoints():
    rng = np.random.default_rng(3)
    edges = np.concatenate(([0.0], np.geomspace(0.002, 200.0, 120)))
    density = rng.uniform(0.5, 1.5, (1, 120)) * 0.01
    dos = TabulatedDOS([0.2], edges, density)
    T = 0.2
    pts = list(dos.centres[dos.centres < 12.0])
    c_ref = integrate.quad(lambda E: dos(T, E) * E * E / (4 * T * T * math.cosh(E / (2 * T)) ** 2),
                           0, 12.0, points=pts, limit=5000, epsabs=0, epsrel=1e-11)[0]
    assert float(ob.specific_heat(T, dos)) == pytest.approx(c_ref, rel=RTOL)
    pts = list(dos.centres)
    res_ref = -integrate.quad(lambda E: dos(T, E) * math.tanh(E / (2 * T)) / E, 0, 200.0,
                              points=pts, limit=5000, epsabs=0, epsrel=1e-11)[0]
    # the DOS is zero above its last edge (200 K): the default 100 K cutoff applies first
    assert float(ob.velocity_shift_resonant(T, dos, cutoff=1e3)) == pytest.approx(res_ref,
                                                                                 rel=RTOL)


# ------------------------------------------------------------------------------ analytic limits
def test_stm_kappa_t2_and_specific_heat_t():
    T = np.array([0.01, 0.1, 1.0, 10.0])
    stm = PowerLawDOS(0.0, B=0.5)
    k = ob.thermal_conductivity(T, stm)
    np.testing.assert_allclose(k / T**2, k[0] / T[0] ** 2, rtol=1e-12)
    # κ for constant n: T² ∫ x³ cosh(x/2)/sinh³(x/2) dx / n.  By parts (d/dx[-1/sinh²(x/2)] =
    # cosh(x/2)/sinh³(x/2)): ∫ = 3 ∫ x²/sinh²(x/2) dx, and 1/sinh²(x/2) = 4 Σ_n n e^(-n x), so
    # ∫ x²/sinh²(x/2) dx = 4 Σ_n n · 2/n³ = 8 ζ(2) = 4π²/3: the integral is 4π².
    x_int = integrate.quad(lambda x: x**3 / (math.sinh(x / 2) ** 2 * math.tanh(x / 2)), 0, 80,
                           epsabs=0, epsrel=1e-12, limit=200)[0]
    assert x_int == pytest.approx(4 * math.pi**2, rel=1e-10)
    assert k[1] == pytest.approx(0.1**2 * 4 * math.pi**2 / 0.5, rel=1e-10)
    c = ob.specific_heat(T, stm)
    np.testing.assert_allclose(c, np.pi**2 / 6 * 0.5 * T, rtol=1e-10)  # (π²/6) n T


@pytest.mark.parametrize("mu", [0.05, 0.2])
def test_power_law_dos_exponents_2_minus_mu_and_1_plus_mu(mu):
    T = np.geomspace(0.01, 1.0, 5)
    dos = PowerLawDOS(mu)
    p_k, s_k = ob.power_law_exponent(T, ob.thermal_conductivity(T, dos))
    p_c, s_c = ob.power_law_exponent(T, ob.specific_heat(T, dos))
    assert p_k == pytest.approx(2 - mu, abs=1e-9) and s_k < 1e-9
    assert p_c == pytest.approx(1 + mu, abs=1e-9) and s_c < 1e-9


def test_eq_a1_and_a2_equal_eq_5_and_8_for_constant_dos():
    T = np.array([0.05, 0.5])
    stm = PowerLawDOS(0.0, B=2.0)
    np.testing.assert_allclose(ob.thermal_conductivity(T, stm, "Delta"),
                               ob.thermal_conductivity(T, stm), rtol=1e-12)
    np.testing.assert_allclose(ob.velocity_shift_relaxation(T, stm, 1.0, 50.0, "Delta"),
                               ob.velocity_shift_relaxation(T, stm, 1.0, 50.0), rtol=1e-10)
    # a constant DOS is the STM: both readings give the same resonant term and total δv/v
    np.testing.assert_allclose(ob.velocity_shift_resonant(T, stm, interpretation="Delta"),
                               ob.velocity_shift_resonant(T, stm), rtol=1e-12)
    np.testing.assert_allclose(ob.velocity_shift(T, stm, 1.0, 50.0, interpretation="Delta"),
                               ob.velocity_shift(T, stm, 1.0, 50.0), rtol=1e-10)


# ------------------------------------------------------------------------------ the n(Δ) reading
def _eta(mu):
    """Dirichlet eta function η(μ) = (1 - 2^(1-μ)) ζ(μ)."""
    from scipy.special import zeta
    return (1 - 2 ** (1 - mu)) * zeta(mu) if mu != 1 else math.log(2)


class PureDOS:
    """Pure power law n = B E^μ (no T² in it, unlike Eq. 3): closed forms exist."""

    def __init__(self, mu, B=0.3):
        self.mu, self.B = mu, B

    def __call__(self, T, E):
        return self.B * np.asarray(E, dtype=float) ** self.mu


def test_resonant_n_delta_is_the_double_integral_over_delta_and_delta0():
    # δv_res in the n(Δ) reading from its definition, with no change of variables:
    # -∫∫ P0(Δ)/Δ0 · (Δ0/E)² · tanh(E/2T)/E dΔ dΔ0 over E = sqrt(Δ² + Δ0²) < cutoff
    dos, T, cut = GappedDOS(), 0.3, 4.0

    def f(d0, d):
        E = math.hypot(d, d0)
        return float(dos(T, d)) * d0 / E**2 * math.tanh(E / (2 * T)) / E

    ref = -integrate.dblquad(f, 0, cut, 0, lambda d: math.sqrt(cut * cut - d * d),
                             epsabs=0, epsrel=1e-9)[0]
    got = float(ob.velocity_shift_resonant(T, dos, cutoff=cut, interpretation="Delta"))
    assert got == pytest.approx(ref, rel=1e-6)
    # ... and it differs from the paper's "Eq. 7 remains intact" by far more than that
    assert abs(float(ob.velocity_shift_resonant(T, dos, cutoff=cut)) / ref - 1) > 0.05


@pytest.mark.parametrize("T", [0.01, 1.0])
def test_resonant_n_delta_matches_quad(T):
    dos, cut = GappedDOS(), 100.0

    def avg(E):
        return quad(lambda e: float(dos(T, e)), 0, E, T) / E

    ref = -quad(lambda E: avg(E) * math.tanh(E / (2 * T)) / E, 0, cut, T,
                extra=np.geomspace(T, cut, 25))
    got = float(ob.velocity_shift_resonant(T, dos, cutoff=cut, interpretation="Delta"))
    assert got == pytest.approx(ref, rel=RTOL)


@pytest.mark.parametrize("mu", [0.1, 0.3])
def test_pure_power_law_closed_forms_of_both_readings(mu):
    B, T = 0.3, np.array([0.05, 0.2, 0.8])
    dos = PureDOS(mu, B)
    # Eq. A1 = (1 + μ) Eq. 5: the average of B Δ^μ over [0, E] is B E^μ / (1 + μ)
    # (rtol 1e-4: Gauss-Legendre converges slowly on the E^μ cusp at E = 0 of ∫_0^E n)
    np.testing.assert_allclose(ob.thermal_conductivity(T, dos, "Delta"),
                               (1 + mu) * ob.thermal_conductivity(T, dos), rtol=1e-4)
    # Eq. 7: -B ∫ E^(μ-1) tanh(E/2T) dE = -B Λ^μ/μ + 2 B Γ(μ) η(μ) T^μ (Λ >> T);
    # the n(Δ) reading divides it by (1 + μ)
    from scipy.special import gamma
    shape = 2 * B * gamma(mu) * _eta(mu) * (T**mu - T[0] ** mu)
    vE = ob.velocity_shift_resonant(T, dos)
    vD = ob.velocity_shift_resonant(T, dos, interpretation="Delta")
    np.testing.assert_allclose(vE - vE[0], shape, rtol=1e-5, atol=1e-14)
    np.testing.assert_allclose(vD - vD[0], shape / (1 + mu), rtol=1e-4, atol=1e-14)


@pytest.mark.parametrize("mu", [0.1, 0.3])
def test_pure_power_law_relaxation_limits_of_eq_a2(mu):
    B = 0.3
    dos = PureDOS(mu, B)
    # frozen (T << T0, ωτ -> ∞): x integrals ∫ x³ s^(1+μ) dx / r² = 2/((3+μ)(5+μ) r²), Eq. 8: 2/15
    T = np.array([1e-3, 2e-3])
    a2 = ob.velocity_shift_relaxation(T, dos, omega=1.0, A=1e-3, interpretation="Delta")
    e8 = ob.velocity_shift_relaxation(T, dos, omega=1.0, A=1e-3)
    np.testing.assert_allclose(a2 / e8, 15 / ((3 + mu) * (5 + mu)), rtol=1e-6)
    # relaxed (T >> T0, ωτ -> 0): the x integrals differ by ∫ s (s^μ - 1)/x dx
    # = ½ [ψ(3/2) - ψ((3+μ)/2)], and ∫ E^μ dE / (2T cosh²(E/2T)) = 2 Γ(1+μ) η(μ) T^μ
    from scipy.special import digamma, gamma
    T = np.array([0.5, 2.0])
    a2 = ob.velocity_shift_relaxation(T, dos, omega=1e-15, A=1.0, interpretation="Delta")
    e8 = ob.velocity_shift_relaxation(T, dos, omega=1e-15, A=1.0)
    diff = -0.5 * (digamma(1.5) - digamma(1.5 + mu / 2)) * B * 2 * gamma(1 + mu) * _eta(mu)
    np.testing.assert_allclose(a2 - e8, diff * T**mu, rtol=1e-6)


def test_stm_velocity_slopes_plus_c_below_minus_half_c_above():
    stm = PowerLawDOS(0.0)
    # far below T0 = 1 K: relaxation is frozen out, resonant slope exactly +1 (units of C)
    v = ob.velocity_shift([1e-3, 1e-2], stm, omega=1.0, A=1.0)
    assert (v[1] - v[0]) / math.log(10) == pytest.approx(1.0, rel=1e-9)
    # far above T0 = 1e-4 K: resonant +1, relaxation -3/2, total -1/2
    T = np.array([2.0, 4.0])
    rel = ob.velocity_shift_relaxation(T, stm, omega=1e-12, A=1.0)
    assert (rel[1] - rel[0]) / math.log(2) == pytest.approx(-1.5, rel=1e-5)
    v = ob.velocity_shift(T, stm, omega=1e-12, A=1.0)
    assert (v[1] - v[0]) / math.log(2) == pytest.approx(-0.5, rel=1e-4)


def test_velocity_maximum_near_t0_and_scaling_with_t0():
    # the maximum of δv/v sits at T_max = c(μ) T0 whatever ω and A (Eq. 8 depends on ω/A only)
    stm = PowerLawDOS(0.0)
    x = np.geomspace(0.2, 5.0, 161)
    tmax = []
    for omega, A in [(1.0, 1e3), (2 * np.pi * 5.1e3, 2 * np.pi * 5.6e6)]:
        t0 = crossover_temperature(omega, A)
        v = ob.velocity_shift(x * t0, stm, omega, A)
        tmax.append(x[np.argmax(v)])
    assert tmax[0] == tmax[1] and 1.0 < tmax[0] < 1.6


def test_dielectric_is_minus_two_velocity():
    args = (np.array([0.05, 0.2, 0.8]), PowerLawDOS(0.15), 1e3, 1e5)
    np.testing.assert_allclose(ob.dielectric_shift(*args, coupling=3e-4),
                               -2 * ob.velocity_shift(*args, coupling=3e-4), rtol=1e-14)


def test_power_law_exponent_by_hand():
    p, s = ob.power_law_exponent([1.0, 2.0, 4.0, 8.0], [3.0, 12.0, 48.0, 192.0])
    assert p == pytest.approx(2.0) and s < 1e-12
    p, s = ob.power_law_exponent([1.0, 2.0, 4.0], [1.0, 2.2, 3.8])
    assert s > 0.01


@pytest.mark.parametrize(
    "call, match",
    [(lambda: ob.specific_heat([], PowerLawDOS(0.0)), r"T \(temperatures, K\) is empty"),
     (lambda: ob.specific_heat([0.1, -0.2], PowerLawDOS(0.0)), "got -0.2"),
     (lambda: ob.thermal_conductivity(0.1, PowerLawDOS(0.0), "n(E)"),
      "interpretation must be 'E'"),
     (lambda: ob.velocity_shift_resonant(0.1, 3.0), "dos must be a callable"),
     (lambda: ob.velocity_shift_resonant(0.1, PowerLawDOS(0.0), cutoff=0.0),
      r"cutoff \(K\) must be a finite number > 0"),
     (lambda: ob.thermal_conductivity(0.1, lambda T, E: 0.0 * E), "the DOS vanishes"),
     (lambda: ob.specific_heat(0.1, lambda T, E: np.nan * E), "returned non-finite values")],
)
def test_observable_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ------------------------------------------------------------------------------ helpers
class _BlockedDOS(TabulatedDOS):
    """Minimal stand-in for tlspaper.dos.SimulatedDOS with identical blocks of realizations."""

    def __init__(self):
        edges = np.array([0.0, 0.5, 1.0, 2.0, 4.0])
        self.counts = np.array([[40, 80, 160, 160], [20, 60, 200, 160]])
        self.realizations, n_tls = 10, 2
        self.exposure = 2.0 * self.realizations * n_tls
        super().__init__([0.1, 1.0], edges, self.counts / (self.exposure * np.diff(edges)))
        self.block_stages = np.array([0, 1])
        # 5 blocks of 2 realizations each, every block with 1/5 of the low-energy counts
        self._blocks = {i: (np.tile(self.counts[i, :2] // 5, (5, 1)), np.full(5, 2))
                        for i in (0, 1)}

    def block_histograms(self, T):
        return self._blocks[self.index(T)]


def test_bootstrap_replicas_of_identical_blocks_equal_the_dataset():
    dos = _BlockedDOS()
    reps = list(ob.bootstrap_dos(dos, n=3, seed=1))
    assert len(reps) == 3
    for rep in reps:
        np.testing.assert_allclose(rep.density, dos.density, rtol=1e-14)
    # hand value: 5 blocks x 8 = 40 counts in [0, 0.5] K over 2 signs * 10 realizations
    # * 2 TLSs = 40 -> 40 / (40 * 0.5 K) = 2 per K, in every replica
    for rep in reps:
        assert rep.density[0, 0] == pytest.approx(2.0, rel=1e-14)


def test_mu_for_exponent_errors():
    with pytest.raises(ValueError, match="observable must be 'kappa' or 'C', got 'Q'"):
        ob.mu_for_exponent(1.9, "Q")
